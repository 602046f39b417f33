//! Callers, their phones, e-mail addresses and identifiers, and what the desk knows of their
//! contacts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::caller_edit::SAME_PERSON;
use super::promises::{PROMISE_SELECT, promise_from_row};
use super::{Result, Store, StoreError, parse_code, parse_ts, ts};
use crate::domain::RecentContacts;
use crate::domain::fold::{fold, phone_digits};
use crate::domain::{Caller, Channel, Id, NewCaller, PriorContact, Promise, Status, new_id};

impl Store {
    pub fn create_caller(&mut self, new: &NewCaller, now: DateTime<Utc>) -> Result<Caller> {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a caller needs a name".into()));
        }
        let id = new_id();
        self.write(|tx, agent| insert_caller(tx, &id, new, agent, now))?;
        self.caller(&id)?
            .ok_or_else(|| StoreError::NotFound(format!("caller {id}")))
    }

    /// The caller as the desk shows them: an erased caller is not found, and a tombstoned
    /// handle is left out.
    pub fn caller(&self, id: &str) -> Result<Option<Caller>> {
        read_caller(&self.conn, id, Tombstones::LeftOut)
    }

    pub fn caller_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM callers WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }

    /// Earlier calls and other contacts of a caller, newest first.
    pub fn prior_contacts(&self, caller_id: &str, limit: usize) -> Result<Vec<PriorContact>> {
        prior_contacts(&self.conn, caller_id, limit)
    }
}

pub(super) fn prior_contacts(
    conn: &Connection,
    caller_id: &str,
    limit: usize,
) -> Result<Vec<PriorContact>> {
    let mut stmt = conn.prepare_cached(&prior_contacts_sql())?;
    let rows = stmt.query_map(params![caller_id, limit as i64], |r| {
        let channel = contact_channel(r.get_ref(2)?.as_str()?);
        Ok(PriorContact {
            at: parse_ts(&r.get::<_, String>(0)?)?,
            inbound: r.get::<_, String>(1)? == "contact_in",
            channel,
            ticket_id: r.get(3)?,
            ticket_key: r.get(4)?,
            subject: r.get(5)?,
            outcome: parse_code(&r.get::<_, String>(6)?, Status::from_code)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Events keep the caller they were written for; one merged away is this caller. The
/// newest few are picked before their tickets are joined, so a caller of years costs a
/// ticket lookup per contact shown, not per contact ever made; and they are found in the
/// index of caller and kind, not among all of the caller's events.
pub(super) fn prior_contacts_sql() -> String {
    format!(
        "SELECT e.at, e.kind, e.data, t.id, t.key, t.subject, t.status
         FROM (SELECT at, kind, data, ticket_id FROM events
               WHERE caller_id IN {SAME_PERSON} AND kind IN ('contact_in', 'contact_out')
               ORDER BY at DESC LIMIT ?2) e
         JOIN tickets t ON t.id = e.ticket_id
         ORDER BY e.at DESC"
    )
}

/// The channel a contact event names in its data; phone if it names none balie knows.
fn contact_channel(data: &str) -> Channel {
    /// Only the channel is read: the rest of the event's data is left unparsed.
    #[derive(serde::Deserialize)]
    struct ContactData<'a> {
        #[serde(borrow)]
        channel: Option<std::borrow::Cow<'a, str>>,
    }
    serde_json::from_str::<ContactData>(data)
        .ok()
        .and_then(|d| d.channel.as_deref().and_then(Channel::from_code))
        .unwrap_or(Channel::Phone)
}

impl Store {
    pub fn recent_contacts(&self, caller_id: &str, since: DateTime<Utc>) -> Result<RecentContacts> {
        recent_contacts(&self.conn, caller_id, since)
    }

    /// The promise made most recently to the caller, on any of their tickets.
    pub fn last_promise_to(&self, caller_id: &str) -> Result<Option<Promise>> {
        last_promise_to(&self.conn, caller_id)
    }
}

pub(super) fn recent_contacts(
    conn: &Connection,
    caller_id: &str,
    since: DateTime<Utc>,
) -> Result<RecentContacts> {
    let sql = format!(
            "SELECT count(*),
                    coalesce(sum(t.status IN ('new', 'open', 'waiting_caller', 'waiting_third_party')), 0)
             FROM events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.caller_id IN {SAME_PERSON} AND e.kind = 'contact_in' AND e.at >= ?2"
        );
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_row(params![caller_id, ts(since)], |r| {
        Ok(RecentContacts {
            inbound: r.get(0)?,
            about_open: r.get(1)?,
        })
    })?)
}

pub(super) fn last_promise_to(conn: &Connection, caller_id: &str) -> Result<Option<Promise>> {
    let sql = format!(
        "{PROMISE_SELECT} WHERE p.caller_id = ?1 AND p.deleted_at IS NULL
             ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_row([caller_id], promise_from_row).optional()?)
}

/// Whether rows marked deleted are read: the desk leaves them out, an erase needs them all.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Tombstones {
    LeftOut,
    Included,
}

/// The one reader of a caller with their phones, e-mail addresses and identifiers.
pub(super) fn read_caller(
    conn: &Connection,
    id: &str,
    tombstones: Tombstones,
) -> Result<Option<Caller>> {
    let with_tombstones = tombstones == Tombstones::Included;
    let Some(mut caller) = conn
        .prepare_cached(
            "SELECT id, name, organization FROM callers
             WHERE id = ?1 AND (?2 OR deleted_at IS NULL)",
        )?
        .query_row(params![id, with_tombstones], |r| {
            Ok(Caller {
                id: r.get(0)?,
                name: r.get(1)?,
                organization: r.get(2)?,
                phones: Vec::new(),
                emails: Vec::new(),
                identifiers: Vec::new(),
            })
        })
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT kind, value FROM caller_handles
         WHERE caller_id = ?1 AND (?2 OR deleted_at IS NULL) ORDER BY id",
    )?;
    let rows = stmt.query_map(params![id, with_tombstones], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (kind, value) = row?;
        match kind.as_str() {
            "phone" => caller.phones.push(value),
            "email" => caller.emails.push(value),
            _ => caller.identifiers.push(value),
        }
    }
    Ok(Some(caller))
}

/// Quotes a user's word for FTS5 so that its punctuation is matched, not interpreted.
/// Control characters go: FTS5 reads its query only up to a NUL, which would leave the
/// quote open, and no stored text holds them anyway.
pub(super) fn quote_fts(word: impl AsRef<str>) -> String {
    let word: String = word.as_ref().chars().filter(|c| !c.is_control()).collect();
    format!("\"{}\"", word.replace('"', "\"\""))
}

pub(crate) fn insert_caller(
    tx: &Connection,
    id: &Id,
    new: &NewCaller,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let now = ts(now);
    let name = new.name.trim();
    let search_text = search_text(new);
    tx.prepare_cached(
        "INSERT INTO callers (id, name, organization, name_folded, search_text, created_at,
           updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )?
    .execute(params![
        id,
        name,
        new.organization.trim(),
        fold(name),
        search_text,
        now,
        agent
    ])?;
    let handles = [
        ("phone", &new.phones),
        ("email", &new.emails),
        ("identifier", &new.identifiers),
    ];
    for (kind, values) in handles {
        for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            tx.prepare_cached(
                "INSERT INTO caller_handles (id, caller_id, kind, value, created_at, updated_at,
                   updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
            )?
            .execute(params![new_id(), id, kind, value, now, agent])?;
        }
    }
    super::caller_index::index_caller(tx, id, &search_text)?;
    Ok(())
}

impl Store {
    /// Adds many callers in one transaction: all of them or, on any error, none. A caller
    /// whose name and one phone or e-mail address are already on the desk is skipped, so
    /// importing the same file twice adds nobody twice. Returns (added, skipped).
    pub fn import_callers(
        &mut self,
        callers: &[NewCaller],
        now: DateTime<Utc>,
    ) -> Result<(usize, usize)> {
        self.write(|tx, agent| {
            let mut added = 0;
            for new in callers {
                if new.name.trim().is_empty() {
                    return Err(StoreError::Invalid("a caller needs a name".into()));
                }
                if is_known(tx, new)? {
                    continue;
                }
                insert_caller(tx, &new_id(), new, agent, now)?;
                added += 1;
            }
            Ok((added, callers.len() - added))
        })
    }
}

/// The same name with the same details, compared as search compares them (accents,
/// case and phone formatting aside), is the same caller.
pub(super) fn is_known(tx: &Connection, new: &NewCaller) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM callers
             WHERE name_folded = ?1 AND search_text = ?2 AND deleted_at IS NULL)",
        )?
        .query_row(params![fold(new.name.trim()), search_text(new)], |r| {
            r.get(0)
        })?)
}

/// Everything a caller can be found by, folded once here so that search compares plain
/// ASCII and phone digits.
pub(super) fn search_text(new: &NewCaller) -> String {
    let mut parts = vec![fold(new.name.trim()), fold(new.organization.trim())];
    let values = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    };
    parts.extend(values(&new.phones).iter().map(|p| phone_digits(p)));
    parts.extend(values(&new.emails).iter().map(|e| fold(e)));
    parts.extend(values(&new.identifiers).iter().map(|i| fold(i)));
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_leaves_out_what_is_marked_deleted_and_an_erase_reads_it_all() {
        let mut store = Store::open_in_memory("anna").expect("store");
        let new = NewCaller {
            name: "Jan de Vries".into(),
            phones: vec!["+31 6 1234 5678".into(), "030 123 4567".into()],
            ..Default::default()
        };
        let id = store.create_caller(&new, Utc::now()).expect("caller").id;
        // A desk restored from another desk's dump can hold rows marked deleted.
        store
            .conn
            .execute(
                "UPDATE caller_handles SET deleted_at = updated_at WHERE value = '030 123 4567'",
                [],
            )
            .expect("mark a phone deleted");

        let shown = store.caller(&id).expect("read").expect("on the desk");
        assert_eq!(shown.phones, ["+31 6 1234 5678"]);
        let all = read_caller(&store.conn, &id, Tombstones::Included)
            .expect("read")
            .expect("on the desk");
        assert_eq!(all.phones, ["+31 6 1234 5678", "030 123 4567"]);

        store
            .conn
            .execute("UPDATE callers SET deleted_at = updated_at", [])
            .expect("mark the caller deleted");
        assert!(store.caller(&id).expect("read").is_none());
        let erased = read_caller(&store.conn, &id, Tombstones::Included).expect("read");
        assert!(erased.is_some_and(|c| c.phones.len() == 2));
    }
}
