//! Two callers who are one person become one: the merge, and the likely duplicates that
//! suggest it. See schema V11 for the tombstone and the triggers that keep a merge holding
//! for rows written later.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, params};
use serde_json::json;

use super::caller_edit::{handle_like, live_caller, record, reindex_caller, remove_handle};
use super::callers::quote_fts;
use super::tickets::insert_event_quietly;
use super::{Result, Store, StoreError, ts};
use crate::domain::caller_change::{CallerEventKind, Duplicate, HandleKind, Merged};
use crate::domain::{EventKind, Id};

/// A phone or address shared by more callers than this is a switchboard or a shared
/// mailbox, not a sign that they are one person.
const SHARED_BY_MANY: usize = 5;

impl Store {
    /// Merges `other` into `keep`: their tickets, promises and handles move to `keep`, each
    /// ticket with an event saying so, and `other` stays as a tombstone pointing at `keep`.
    /// Events stay as written; readers take `other`'s as `keep`'s.
    pub fn merge_callers(&mut self, keep: &str, other: &str, now: DateTime<Utc>) -> Result<Merged> {
        if keep == other {
            return Err(StoreError::Invalid(
                "a caller cannot be merged with themselves".into(),
            ));
        }
        self.write(|tx, agent| {
            let kept = live_caller(tx, keep)?;
            let gone = live_caller(tx, other)?;
            let stamp = ts(now);
            let tickets: Vec<Id> = ids(tx, "SELECT id FROM tickets WHERE caller_id = ?1", other)?;
            let moved = json!({"from": gone.id, "from_name": gone.name, "to": kept.id,
                               "to_name": kept.name});
            for ticket in &tickets {
                tx.prepare_cached(
                    "UPDATE tickets SET caller_id = ?2, updated_at = ?3, updated_by = ?4
                     WHERE id = ?1",
                )?
                .execute(params![ticket, keep, stamp, agent])?;
                insert_event_quietly(
                    tx,
                    ticket,
                    EventKind::CallerMerged,
                    "",
                    moved.clone(),
                    agent,
                    now,
                )?;
            }
            let promises: Vec<Id> = ids(tx, "SELECT id FROM promises WHERE caller_id = ?1", other)?;
            tx.prepare_cached(
                "UPDATE promises SET caller_id = ?2, updated_at = ?3, updated_by = ?4
                 WHERE caller_id = ?1",
            )?
            .execute(params![other, keep, stamp, agent])?;
            let handles = move_handles(tx, other, keep, agent, now)?;
            // Whoever was merged into `other` before now lives on as `keep` too.
            tx.prepare_cached(
                "UPDATE callers SET merged_into = ?2, updated_at = ?3, updated_by = ?4
                 WHERE merged_into = ?1",
            )?
            .execute(params![other, keep, stamp, agent])?;
            tx.prepare_cached(
                "UPDATE callers SET merged_into = ?2, deleted_at = ?3, updated_at = ?3,
                   updated_by = ?4 WHERE id = ?1",
            )?
            .execute(params![other, keep, stamp, agent])?;
            super::caller_index::unindex_caller(tx, other)?;
            reindex_caller(tx, keep)?;
            let moved_handles: Vec<_> = handles
                .iter()
                .map(|(kind, value)| json!({"kind": kind.code(), "value": value}))
                .collect();
            let data = json!({
                "other": gone.id, "other_name": gone.name,
                "other_organization": gone.organization,
                "tickets": tickets, "promises": promises, "handles": moved_handles,
            });
            record(tx, keep, CallerEventKind::Merged, data, agent, now)?;
            let data = json!({"into": kept.id, "into_name": kept.name});
            record(tx, other, CallerEventKind::MergedInto, data, agent, now)?;
            Ok(Merged {
                kept: kept.id,
                merged: gone.id,
                tickets: tickets.len(),
                promises: promises.len(),
                handles: handles.len(),
            })
        })
    }

    /// Callers who may share this phone number or address with `caller_id`; the caller
    /// checks. A phone number is written in many ways, so its digits are searched in the
    /// trigram index; an address is looked up as written, whatever its case (a trigram
    /// search of a whole address reads the lists of every common domain's trigrams: 7 ms
    /// at 100k callers, where the index takes microseconds).
    fn sharing_candidates(
        &self,
        kind: HandleKind,
        value: &str,
        key: &str,
        caller_id: &str,
    ) -> Result<Vec<Id>> {
        let (sql, wanted) = match kind {
            HandleKind::Email => (
                "SELECT DISTINCT caller_id FROM caller_handles
                 WHERE value = ?1 COLLATE NOCASE AND deleted_at IS NULL AND kind = 'email'
                   AND caller_id <> ?2 LIMIT 50",
                value.trim().to_string(),
            ),
            _ => (
                "SELECT DISTINCT caller_id FROM caller_fts WHERE haystack MATCH ?1
                 AND caller_id <> ?2 LIMIT 50",
                quote_fts(key),
            ),
        };
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_map(params![wanted, caller_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Other callers who share a phone number or an e-mail address with this one.
    pub fn duplicates_of(&self, caller_id: &str) -> Result<Vec<Duplicate>> {
        let Some(caller) = self.caller(caller_id)? else {
            return Ok(Vec::new());
        };
        let mut found = Vec::new();
        let handles = caller
            .phones
            .iter()
            .map(|p| (HandleKind::Phone, p))
            .chain(caller.emails.iter().map(|e| (HandleKind::Email, e)));
        for (kind, value) in handles {
            let key = kind.same_key(value);
            // The index holds trigrams: shorter keys cannot be looked up, nor are they
            // telling.
            if key.chars().count() < 3 {
                continue;
            }
            let candidates = self.sharing_candidates(kind, value, &key, caller_id)?;
            let mut sharing = Vec::new();
            for candidate in candidates {
                if let Some(other) = self.caller(&candidate)? {
                    let theirs = match kind {
                        HandleKind::Phone => &other.phones,
                        _ => &other.emails,
                    };
                    if theirs.iter().any(|v| kind.same_key(v) == key) {
                        sharing.push(other);
                    }
                }
            }
            if sharing.len() > SHARED_BY_MANY {
                continue;
            }
            for other in sharing {
                if found.iter().any(|d: &Duplicate| d.second == other.id) {
                    continue;
                }
                found.push(Duplicate {
                    first: caller.id.clone(),
                    first_name: caller.name.clone(),
                    second: other.id,
                    second_name: other.name,
                    kind,
                    value: value.clone(),
                });
            }
        }
        Ok(found)
    }

    /// Every pair of callers on the desk who share a phone number or an e-mail address,
    /// by name. SQLite sorts the handles by what they share (its sorter spills to disk
    /// beyond the page cache), so one group of sharers at a time is held here, never the
    /// whole desk: a desk of any size is read in the memory of its largest group.
    pub fn all_duplicates(&self) -> Result<Vec<Duplicate>> {
        let flags = FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_INNOCUOUS;
        self.conn
            .create_scalar_function("balie_same_key", 2, flags, |ctx| {
                let kind = HandleKind::from_code(&ctx.get::<String>(0)?);
                let value = ctx.get::<String>(1)?;
                Ok(kind.map(|kind| kind.same_key(&value)))
            })?;
        let mut stmt = self.conn.prepare(
            "SELECT h.kind, balie_same_key(h.kind, h.value) AS same, h.caller_id, c.name, h.value
             FROM caller_handles h JOIN callers c ON c.id = h.caller_id
             WHERE h.deleted_at IS NULL AND c.deleted_at IS NULL
               AND h.kind IN ('phone', 'email') AND same <> ''
             ORDER BY h.kind, same, c.name, h.caller_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut pairs: Vec<Duplicate> = Vec::new();
        let mut seen: HashSet<(Id, Id)> = HashSet::new();
        // The group being read: what its callers share, and each caller once, by name.
        let mut shared: Option<(String, String)> = None;
        let mut group: Vec<Sharer> = Vec::new();
        while let Some(row) = rows.next()? {
            let (kind, same): (String, String) = (row.get(0)?, row.get(1)?);
            let id: Id = row.get(2)?;
            if shared.as_ref() != Some(&(kind.clone(), same.clone())) {
                pair_up(&group, &shared, &mut seen, &mut pairs);
                group.clear();
                shared = Some((kind, same));
            }
            // A group larger than a switchboard's is left out; no need to hold it.
            if group.len() <= SHARED_BY_MANY && group.last().is_none_or(|s| s.id != id) {
                group.push(Sharer {
                    id,
                    name: row.get(3)?,
                    value: row.get(4)?,
                });
            }
        }
        pair_up(&group, &shared, &mut seen, &mut pairs);
        pairs.sort_by(|a, b| {
            (&a.first_name, &a.second_name, &a.first, &a.second).cmp(&(
                &b.first_name,
                &b.second_name,
                &b.first,
                &b.second,
            ))
        });
        Ok(pairs)
    }
}

/// One caller of a group who share a phone number or address, as the caller has it.
struct Sharer {
    id: Id,
    name: String,
    value: String,
}

/// The pairs of one group: the first by name with each of the others, each pair once over
/// every group (two callers sharing a phone and an address are one pair).
fn pair_up(
    group: &[Sharer],
    shared: &Option<(String, String)>,
    seen: &mut HashSet<(Id, Id)>,
    pairs: &mut Vec<Duplicate>,
) {
    let Some(kind) = shared.as_ref().and_then(|(k, _)| HandleKind::from_code(k)) else {
        return;
    };
    if group.len() < 2 || group.len() > SHARED_BY_MANY {
        return;
    }
    let first = &group[0];
    for second in &group[1..] {
        if !seen.insert((first.id.clone(), second.id.clone())) {
            continue;
        }
        pairs.push(Duplicate {
            first: first.id.clone(),
            first_name: first.name.clone(),
            second: second.id.clone(),
            second_name: second.name.clone(),
            kind,
            value: first.value.clone(),
        });
    }
}

fn ids(tx: &Connection, sql: &str, caller_id: &str) -> Result<Vec<Id>> {
    Ok(tx
        .prepare_cached(sql)?
        .query_map([caller_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Moves the live handles of `from` to `to`; one `to` already has is kept once, as a
/// tombstone on `from`. Returns the handles moved.
fn move_handles(
    tx: &Connection,
    from: &str,
    to: &str,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<Vec<(HandleKind, String)>> {
    let handles: Vec<(Id, String, String)> = tx
        .prepare_cached(
            "SELECT id, kind, value FROM caller_handles
             WHERE caller_id = ?1 AND deleted_at IS NULL ORDER BY rowid",
        )?
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut moved = Vec::new();
    for (id, kind, value) in handles {
        let kind = HandleKind::from_code(&kind).unwrap_or(HandleKind::Identifier);
        if handle_like(tx, to, kind, &value)?.is_some() {
            remove_handle(tx, &id, agent, now)?;
            continue;
        }
        tx.prepare_cached(
            "UPDATE caller_handles SET caller_id = ?2, updated_at = ?3, updated_by = ?4
             WHERE id = ?1",
        )?
        .execute(params![id, to, ts(now), agent])?;
        moved.push((kind, value));
    }
    Ok(moved)
}

#[cfg(test)]
mod tests;
