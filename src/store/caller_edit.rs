//! Corrections to a caller's own details, and their history (`caller_events`, see schema
//! V11). Each change is written with the value it replaced, in the transaction that makes
//! it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::callers::{Tombstones, read_caller, search_text};
use super::{Result, Store, StoreError, parse_code, parse_ts, ts};
use crate::domain::caller_change::{CallerEdit, CallerEvent, CallerEventKind, HandleKind};
use crate::domain::fold::fold;
use crate::domain::{Caller, NewCaller, new_id};

/// The caller and everyone merged into them: the ids under which one person's rows may be
/// stored. Bound to `?1`.
pub(super) const SAME_PERSON: &str =
    "(SELECT ?1 UNION ALL SELECT id FROM callers WHERE merged_into = ?1)";

impl Store {
    /// Changes the caller's details as `edit` says, each change recorded with its old value,
    /// all in one transaction. Returns the caller as they are now.
    pub fn edit_caller(
        &mut self,
        caller_id: &str,
        edit: &CallerEdit,
        now: DateTime<Utc>,
    ) -> Result<Caller> {
        if edit.is_empty() {
            return Err(StoreError::Invalid("nothing to change".into()));
        }
        if edit.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(StoreError::Invalid("a caller needs a name".into()));
        }
        self.write(|tx, agent| {
            let before = live_caller(tx, caller_id)?;
            if let Some(name) = edit.name.as_deref().map(str::trim)
                && name != before.name
            {
                tx.prepare_cached(
                    "UPDATE callers SET name = ?2, name_folded = ?3, updated_at = ?4,
                       updated_by = ?5 WHERE id = ?1",
                )?
                .execute(params![caller_id, name, fold(name), ts(now), agent])?;
                let data = json!({"from": before.name, "to": name});
                record(
                    tx,
                    caller_id,
                    CallerEventKind::NameChanged,
                    data,
                    agent,
                    now,
                )?;
            }
            if let Some(org) = edit.organization.as_deref().map(str::trim)
                && org != before.organization
            {
                tx.prepare_cached(
                    "UPDATE callers SET organization = ?2, updated_at = ?3, updated_by = ?4
                     WHERE id = ?1",
                )?
                .execute(params![caller_id, org, ts(now), agent])?;
                let data = json!({"from": before.organization, "to": org});
                record(
                    tx,
                    caller_id,
                    CallerEventKind::OrganizationChanged,
                    data,
                    agent,
                    now,
                )?;
            }
            for (kind, value) in &edit.remove {
                let Some((handle_id, stored)) = handle_like(tx, caller_id, *kind, value)? else {
                    return Err(StoreError::Invalid(format!(
                        "{} has no {} {}",
                        before.name,
                        kind.label(),
                        value.trim()
                    )));
                };
                remove_handle(tx, &handle_id, agent, now)?;
                let data = json!({"kind": kind.code(), "value": stored});
                record(
                    tx,
                    caller_id,
                    CallerEventKind::HandleRemoved,
                    data,
                    agent,
                    now,
                )?;
            }
            for (kind, value) in &edit.add {
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                if let Some((_, stored)) = handle_like(tx, caller_id, *kind, value)? {
                    return Err(StoreError::Invalid(format!(
                        "{} already has {} {stored}",
                        before.name,
                        kind.label()
                    )));
                }
                add_handle(tx, caller_id, *kind, value, agent, now)?;
                let data = json!({"kind": kind.code(), "value": value});
                record(
                    tx,
                    caller_id,
                    CallerEventKind::HandleAdded,
                    data,
                    agent,
                    now,
                )?;
            }
            reindex_caller(tx, caller_id)?;
            live_caller(tx, caller_id)
        })
    }

    /// What was changed about a caller (and about everyone merged into them), newest first.
    pub fn caller_history(&self, caller_id: &str, limit: usize) -> Result<Vec<CallerEvent>> {
        let sql = format!(
            "SELECT id, caller_id, kind, at, by, data FROM caller_events
             WHERE caller_id IN {SAME_PERSON} ORDER BY at DESC, id DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![caller_id, limit as i64], |r| {
            let data: String = r.get(5)?;
            Ok(CallerEvent {
                id: r.get(0)?,
                caller_id: r.get(1)?,
                kind: parse_code(&r.get::<_, String>(2)?, CallerEventKind::from_code)?,
                at: parse_ts(&r.get::<_, String>(3)?)?,
                by: r.get(4)?,
                data: serde_json::from_str(&data).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The caller a merged-away caller lives on as, if they were merged.
    pub fn merged_into(&self, caller_id: &str) -> Result<Option<Caller>> {
        let into: Option<String> = self
            .conn
            .prepare_cached("SELECT merged_into FROM callers WHERE id = ?1")?
            .query_row([caller_id], |r| r.get(0))
            .optional()?
            .flatten();
        match into {
            Some(id) => self.caller(&id),
            None => Ok(None),
        }
    }
}

/// The caller as the desk shows them; one merged away or erased cannot be changed.
pub(super) fn live_caller(tx: &Connection, caller_id: &str) -> Result<Caller> {
    if let Some(caller) = read_caller(tx, caller_id, Tombstones::LeftOut)? {
        return Ok(caller);
    }
    let into: Option<String> = tx
        .prepare_cached(
            "SELECT k.name FROM callers c JOIN callers k ON k.id = c.merged_into WHERE c.id = ?1",
        )?
        .query_row([caller_id], |r| r.get(0))
        .optional()?;
    Err(match into {
        Some(name) => StoreError::Invalid(format!(
            "caller {caller_id} was merged into {name}; change {name} instead"
        )),
        None => StoreError::NotFound(format!("caller {caller_id}")),
    })
}

/// The caller's live handle that is the same as `value` (phone digits, e-mail address and
/// identifier without regard to capitals), with the value as stored.
pub(super) fn handle_like(
    tx: &Connection,
    caller_id: &str,
    kind: HandleKind,
    value: &str,
) -> Result<Option<(String, String)>> {
    let wanted = kind.same_key(value);
    let mut stmt = tx.prepare_cached(
        "SELECT id, value FROM caller_handles
         WHERE caller_id = ?1 AND kind = ?2 AND deleted_at IS NULL ORDER BY rowid",
    )?;
    let rows = stmt.query_map(params![caller_id, kind.code()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (id, stored) = row?;
        if kind.same_key(&stored) == wanted {
            return Ok(Some((id, stored)));
        }
    }
    Ok(None)
}

/// A removed handle stays as a tombstone, so that what the caller was reached by is not lost.
pub(super) fn remove_handle(
    tx: &Connection,
    handle_id: &str,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE caller_handles SET deleted_at = ?2, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
    )?
    .execute(params![handle_id, ts(now), agent])?;
    Ok(())
}

fn add_handle(
    tx: &Connection,
    caller_id: &str,
    kind: HandleKind,
    value: &str,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO caller_handles (id, caller_id, kind, value, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
    )?
    .execute(params![new_id(), caller_id, kind.code(), value, ts(now), agent])?;
    Ok(())
}

/// Search text and index entry as `insert_caller` makes them, from the caller as they are.
pub(super) fn reindex_caller(tx: &Connection, caller_id: &str) -> Result<()> {
    let caller = live_caller(tx, caller_id)?;
    let text = search_text(&NewCaller {
        name: caller.name,
        organization: caller.organization,
        phones: caller.phones,
        emails: caller.emails,
        identifiers: caller.identifiers,
    });
    tx.prepare_cached("UPDATE callers SET search_text = ?2 WHERE id = ?1")?
        .execute(params![caller_id, text])?;
    super::caller_index::index_caller(tx, caller_id, &text)
}

/// Appends an entry to the caller's history.
pub(super) fn record(
    tx: &Connection,
    caller_id: &str,
    kind: CallerEventKind,
    data: serde_json::Value,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO caller_events (id, caller_id, kind, at, by, data, created_at, updated_at,
           updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4, ?4, ?5)",
    )?
    .execute(params![
        new_id(),
        caller_id,
        kind.code(),
        ts(now),
        agent,
        data.to_string()
    ])?;
    Ok(())
}
