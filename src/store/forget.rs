//! The privacy erase of one caller (`balie forget`). Their personal data goes for good:
//! name, organisation, phones, e-mail addresses, identifiers, search text, their entry in
//! the search index, and promise recipients that name them. Their tickets, promises and
//! events stay, linked to the emptied caller row, so every report counts the same after.
//! Free text is never rewritten (events are append-only): events whose text mentions the
//! caller are listed for a person to review instead.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::caller_lookup::{CallerLookup, caller_with_handles, erased_at, is_caller_id};
use super::schema::FORGOTTEN;
use super::traces::Traces;
use super::{Result, Store, StoreError, leftovers, parse_code, parse_ts, ts};
use crate::domain::{Caller, CallerHit, EventKind, Id, new_id};

/// Who `balie forget CALLER` means.
#[derive(Debug)]
pub enum ForgetLookup {
    One(Caller),
    AlreadyForgotten { caller_id: Id, at: DateTime<Utc> },
    NotFound,
    Several(Vec<CallerHit>),
}

/// What an erase did, without the erased data itself: this ends up in logs.
#[derive(Debug)]
pub struct Forgotten {
    pub caller_id: Id,
    /// Phones, e-mail addresses and identifiers erased.
    pub handles: usize,
    /// What stays, now linked to the anonymous caller.
    pub tickets: i64,
    pub promises: i64,
    pub events: i64,
    /// Promises whose recipient named the caller and now reads "forgotten caller".
    pub recipients: usize,
    /// Script answers whose filled-in question named them and now reads "forgotten caller".
    pub questions: usize,
    /// Unsaved drafts that named them, erased.
    pub drafts: usize,
    /// Events whose free text mentions the caller, oldest first.
    pub to_review: Vec<Mention>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub event_id: Id,
    pub ticket_key: String,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
}

impl Store {
    /// Who `balie forget CALLER` means: the command line's caller rule
    /// (`find_one_caller`), except that an erased caller's id is still recognised, so that
    /// running forget again can finish clearing the file.
    pub fn find_caller_to_forget(&self, query: &str) -> Result<ForgetLookup> {
        let query = query.trim();
        if is_caller_id(query)
            && let Some(at) = erased_at(&self.conn, query)?
        {
            return Ok(ForgetLookup::AlreadyForgotten {
                caller_id: query.to_string(),
                at,
            });
        }
        Ok(match self.find_one_caller(query)? {
            CallerLookup::One(caller) => ForgetLookup::One(caller),
            CallerLookup::NotFound => ForgetLookup::NotFound,
            CallerLookup::Several(hits) => ForgetLookup::Several(hits),
        })
    }

    /// Erases the caller's personal data in one transaction. Every desk connection runs
    /// with `secure_delete` on (see `configure`), so SQLite overwrites what it removes
    /// instead of only unlinking it. Call `purge_erased` afterwards to clear the log.
    pub fn forget_caller(&mut self, caller_id: &str, now: DateTime<Utc>) -> Result<Forgotten> {
        let caller = caller_with_handles(&self.conn, caller_id)?
            .ok_or_else(|| StoreError::NotFound(format!("caller {caller_id}")))?;
        let traces = Traces::of(&caller);
        // Reading every event's text takes a while on a large desk; doing it before taking
        // the write lock keeps the other desks' saves waiting only for what was added since.
        // Rows are never deleted, so a rowid above the last one seen is a row added since.
        let last_event: i64 =
            self.conn
                .query_row("SELECT coalesce(max(rowid), 0) FROM events", [], |r| {
                    r.get(0)
                })?;
        let last_promise: i64 =
            self.conn
                .query_row("SELECT coalesce(max(rowid), 0) FROM promises", [], |r| {
                    r.get(0)
                })?;
        let mut found = events_mentioning(&self.conn, &traces, &caller, 0, last_event)?;
        let mut recipients = promises_naming(&self.conn, &traces, caller_id, 0, last_promise)?;
        // On a team desk only the erasure itself travels, never the erased values.
        let _paused = self.capture.pause();
        self.write(|tx, agent| {
            if erased_at(tx, caller_id)?.is_some() {
                return Err(StoreError::Invalid(format!(
                    "caller {caller_id} was already forgotten"
                )));
            }
            let later = events_mentioning(tx, &traces, &caller, last_event, i64::MAX)?;
            found.mentions.extend(later.mentions);
            found.questions.extend(later.questions);
            recipients.extend(promises_naming(
                tx,
                &traces,
                caller_id,
                last_promise,
                i64::MAX,
            )?);
            let forgotten = erase(tx, &caller, &traces, &found, &recipients, None, agent, now)?;
            super::replica::after_local_erase(tx, caller_id)?;
            Ok(forgotten)
        })
    }

    /// Clears earlier copies of erased data out of the file. `secure_delete` overwrites
    /// what the erase removed, but a desk written before it was on may hold stale copies of
    /// rows in the unused space of pages it split or rebuilt long before; only rebuilding
    /// the file (`VACUUM`) removes those, and it holds the write lock while it runs. So the
    /// file is rebuilt only when `vacuum` and the caller's data is still found in its bytes
    /// after the log is folded in; a desk that has run with `secure_delete` all along never
    /// needs it. The write-ahead log keeps old pages until it is checkpointed and truncated.
    /// `erased` is who was erased, as they were before, and what the erase did; None for one forgotten earlier,
    /// whose details are no longer known, so the file is rebuilt to be sure.
    pub fn purge_erased(
        &mut self,
        erased: Option<(&Caller, &Forgotten)>,
        vacuum: bool,
    ) -> Result<Purged> {
        let needles = erased
            .map(|(caller, done)| leftovers::needles(&self.conn, caller, &done.to_review))
            .transpose()?;
        let found = |conn: &Connection| match &needles {
            Some(needles) => leftovers::bytes_found(conn, needles),
            None => Ok((true, true)),
        };
        let mut log_emptied = self.fold_log()?;
        let (mut in_file, mut in_log) = found(&self.conn)?;
        let mut rebuilt = false;
        // Only the file's own bytes call for a rebuild: a log that another desk's reading
        // kept is emptied by the next checkpoint, and a rebuild would not touch it.
        if in_file && vacuum {
            self.conn.execute_batch("VACUUM")?;
            rebuilt = true;
            log_emptied = self.fold_log()?;
            (in_file, in_log) = match needles {
                Some(_) => found(&self.conn)?,
                None => (false, !log_emptied),
            };
        }
        Ok(Purged {
            log_emptied,
            rebuilt,
            remains: in_file || in_log,
        })
    }

    /// Clears what is left in the own rows of a caller forgotten earlier (a file an
    /// interrupted or older forget left; `balie check` lists them). Returns the handles
    /// cleared.
    pub fn clear_forgotten(&mut self, caller_id: &str, now: DateTime<Utc>) -> Result<usize> {
        let stamp = ts(now);
        self.write(|tx, agent| clear_caller_rows(tx, caller_id, &stamp, agent))
    }

    /// Folds the write-ahead log into the file and truncates it, after bulk work (an
    /// import, a forget) that grew it. False when another desk was reading, so the log could
    /// not be emptied yet; `journal_size_limit` then trims it at the next chance.
    pub fn fold_log(&self) -> Result<bool> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }
}

/// What `purge_erased` managed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    /// The log was folded in and truncated; false while another desk was reading.
    pub log_emptied: bool,
    /// The file had to be rebuilt (`VACUUM`).
    pub rebuilt: bool,
    /// The caller's data is still in the file's bytes (not rebuilt, or the log kept it).
    pub remains: bool,
}

/// Events that name the caller: script answers whose filled-in question is rewritten, and
/// events whose free text a person has to review.
#[derive(Default)]
struct Found {
    mentions: Vec<Id>,
    /// (event, question with the caller's details replaced).
    questions: Vec<(Id, String)>,
}

/// Events with rowid in (after, upto] that mention the caller: in their text, in what the
/// agent typed into their data (a script answer), or in a script question filled in with
/// the caller's details.
fn events_mentioning(
    conn: &Connection,
    traces: &Traces,
    caller: &Caller,
    after: i64,
    upto: i64,
) -> Result<Found> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, caller_id IS ?1, kind, text, data FROM events
         WHERE rowid > ?2 AND rowid <= ?3",
    )?;
    let mut rows = stmt.query(params![caller.id, after, upto])?;
    let mut found = Found::default();
    while let Some(row) = rows.next()? {
        let own: bool = row.get(1)?;
        let kind: String = row.get(2)?;
        let text: String = row.get(3)?;
        let data: String = row.get(4)?;
        // Most events carry a few ids and codes: only those that can hold words are read.
        let mut data: serde_json::Value = if data.len() > 2 && (own || traces.found_in(&data, true))
        {
            serde_json::from_str(&data).unwrap_or_default()
        } else {
            serde_json::Value::Null
        };
        let id: Id = row.get(0)?;
        if kind == "script_answer"
            && let Some(question) = data.get("question").and_then(|q| q.as_str())
            && traces.found_in(question, own)
        {
            found
                .questions
                .push((id.clone(), without_caller(question, caller, traces, own)));
        }
        // What the erase itself rewrites is not left for a person to review.
        if let Some(fields) = data.as_object_mut() {
            fields.remove("question");
            if kind == "promise_made" {
                fields.remove("to");
            }
        }
        let typed = if data.is_null() {
            String::new()
        } else {
            data.to_string()
        };
        if traces.found_in(&text, own) || traces.found_in(&typed, own) {
            found.mentions.push(id);
        }
    }
    Ok(found)
}

/// A filled-in script question with the caller's details replaced by the forgotten label.
/// Should a detail still show in a form the placeholders never write (which only a script
/// written around one caller would do), the whole question goes.
fn without_caller(question: &str, caller: &Caller, traces: &Traces, own: bool) -> String {
    let mut values: Vec<&str> = std::iter::once(caller.name.as_str())
        .chain(std::iter::once(caller.organization.as_str()))
        .chain(caller.phones.iter().map(String::as_str))
        .chain(caller.emails.iter().map(String::as_str))
        .chain(caller.identifiers.iter().map(String::as_str))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    let joined = caller.identifiers.join(", ");
    values.push(&joined);
    // Longest first, so a name is not half replaced by a shorter detail inside it.
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let mut scrubbed = question.to_string();
    for value in values.iter().filter(|v| !v.is_empty()) {
        scrubbed = scrubbed.replace(value, FORGOTTEN);
    }
    if traces.found_in(&scrubbed, own) {
        FORGOTTEN.to_string()
    } else {
        scrubbed
    }
}

/// Promises with rowid in (after, upto] whose recipient names the caller, as
/// (promise, ticket).
fn promises_naming(
    conn: &Connection,
    traces: &Traces,
    caller_id: &str,
    after: i64,
    upto: i64,
) -> Result<Vec<(Id, Id)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, ticket_id, caller_id IS ?1, recipient FROM promises
         WHERE rowid > ?2 AND rowid <= ?3 AND recipient <> ?4",
    )?;
    let mut rows = stmt.query(params![caller_id, after, upto, FORGOTTEN])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let recipient: String = row.get(3)?;
        if traces.found_in(&recipient, row.get(2)?) {
            found.push((row.get(0)?, row.get(1)?));
        }
    }
    Ok(found)
}

/// Erases a caller whose erasure came from another desk of the team, in the transaction
/// that applies it: the same erase as `forget_caller`, under the erasure that arrived.
pub(super) fn forget_pulled(
    tx: &Connection,
    caller_id: &str,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(caller) = caller_with_handles(tx, caller_id)? else {
        return Ok(());
    };
    let erasure: String = tx.query_row(
        "SELECT id FROM erasures WHERE caller_id = ?1 ORDER BY created_at, id LIMIT 1",
        [caller_id],
        |r| r.get(0),
    )?;
    let traces = Traces::of(&caller);
    let found = events_mentioning(tx, &traces, &caller, 0, i64::MAX)?;
    let recipients = promises_naming(tx, &traces, caller_id, 0, i64::MAX)?;
    erase(
        tx,
        &caller,
        &traces,
        &found,
        &recipients,
        Some(&erasure),
        agent,
        now,
    )?;
    Ok(())
}

/// `erasure`: the erasure this erase carries out when it arrived from another desk; `None`
/// records a new one.
#[allow(clippy::too_many_arguments)]
fn erase(
    tx: &Connection,
    caller: &Caller,
    traces: &Traces,
    found: &Found,
    recipients: &[(Id, Id)],
    erasure: Option<&str>,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<Forgotten> {
    let mentions = &found.mentions;
    let stamp = ts(now);
    let erasure = match erasure {
        Some(id) => id.to_string(),
        None => {
            let id = new_id();
            tx.execute(
                "INSERT INTO erasures (id, caller_id, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?3, ?4)",
                params![id, caller.id, stamp, agent],
            )?;
            id
        }
    };
    for event_id in mentions {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO erasure_reviews (id, erasure_id, event_id, created_at,
               updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        )?
        .execute(params![new_id(), erasure, event_id, stamp, agent])?;
    }
    // The phone numbers they called from are theirs too, also on calls from before their
    // number was on their card, in whichever form the phone system sent it.
    erase_call_numbers(tx, caller, agent, &stamp)?;
    for (promise_id, ticket_id) in recipients {
        tx.prepare_cached(
            "UPDATE promises SET recipient = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        )?
        .execute(params![promise_id, FORGOTTEN, stamp, agent])?;
        // The one edit the events trigger allows (see schema V3).
        tx.prepare_cached(
            "UPDATE events SET data = json_set(data, '$.to', ?3), updated_at = ?4, updated_by = ?5
             WHERE ticket_id = ?1 AND kind = 'promise_made'
               AND json_extract(data, '$.promise') = ?2",
        )?
        .execute(params![ticket_id, promise_id, FORGOTTEN, stamp, agent])?;
    }
    for (event_id, question) in &found.questions {
        // The other edit the events trigger allows (see schema V9).
        tx.prepare_cached(
            "UPDATE events SET data = json_set(data, '$.question', ?2), updated_at = ?3,
               updated_by = ?4
             WHERE id = ?1",
        )?
        .execute(params![event_id, question, stamp, agent])?;
    }
    let drafts = erase_drafts(tx, caller, traces)?;
    let handles = clear_caller_rows(tx, &caller.id, &stamp, agent)?;
    let count = |sql: &str| -> Result<i64> { Ok(tx.query_row(sql, [&caller.id], |r| r.get(0))?) };
    let tickets = count("SELECT count(*) FROM tickets WHERE caller_id = ?1")?;
    let promises = count(
        "SELECT count(*) FROM promises
         WHERE ticket_id IN (SELECT id FROM tickets WHERE caller_id = ?1)",
    )?;
    let events = count("SELECT count(*) FROM events WHERE caller_id = ?1")?;
    let mut to_review = Vec::with_capacity(mentions.len());
    let mut stmt = tx.prepare_cached(
        "SELECT e.id, t.key, e.kind, e.at FROM events e JOIN tickets t ON t.id = e.ticket_id
         WHERE e.id = ?1",
    )?;
    for event_id in mentions {
        to_review.push(stmt.query_row([event_id], |r| {
            Ok(Mention {
                event_id: r.get(0)?,
                ticket_key: r.get(1)?,
                kind: parse_code(&r.get::<_, String>(2)?, EventKind::from_code)?,
                at: parse_ts(&r.get::<_, String>(3)?)?,
            })
        })?);
    }
    to_review.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.event_id.cmp(&b.event_id)));
    Ok(Forgotten {
        caller_id: caller.id.clone(),
        handles,
        tickets,
        promises,
        events,
        recipients: recipients.len(),
        questions: found.questions.len(),
        drafts,
        to_review,
    })
}

/// Empties the caller's own rows: handles, search entry, name and organisation. Returns
/// how many handles went.
fn clear_caller_rows(tx: &Connection, caller_id: &str, stamp: &str, agent: &str) -> Result<usize> {
    let handles = tx.execute(
        "DELETE FROM caller_handles WHERE caller_id = ?1",
        [caller_id],
    )?;
    // FTS5 otherwise only marks the row deleted and keeps its terms until segments merge.
    tx.execute(
        "INSERT INTO caller_fts (caller_fts, rank) VALUES ('secure-delete', 1)",
        [],
    )?;
    super::caller_index::unindex_caller(tx, caller_id)?;
    // The history of their details holds old names and numbers, and callers merged into
    // this one were the same person under another entry: both go with the rest.
    tx.execute(
        "DELETE FROM caller_events WHERE caller_id = ?1
           OR caller_id IN (SELECT id FROM callers WHERE merged_into = ?1)",
        [caller_id],
    )?;
    tx.execute(
        "UPDATE callers SET name = ?2, organization = '', name_folded = '', search_text = '',
           updated_at = ?3, updated_by = ?4 WHERE merged_into = ?1",
        params![caller_id, FORGOTTEN, stamp, agent],
    )?;
    tx.execute(
        "UPDATE callers SET name = ?2, organization = '', name_folded = '', search_text = '',
           updated_at = ?3, updated_by = ?4, deleted_at = coalesce(deleted_at, ?3)
         WHERE id = ?1",
        params![caller_id, FORGOTTEN, stamp, agent],
    )?;
    Ok(handles)
}

/// Unsaved drafts that name the caller: a draft is no record of anything yet, and one left
/// behind would carry the caller's details past their erasure.
fn erase_drafts(tx: &Connection, caller: &Caller, traces: &Traces) -> Result<usize> {
    let tickets: Vec<Id> = tx
        .prepare_cached("SELECT id FROM tickets WHERE caller_id = ?1")?
        .query_map([&caller.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let drafts: Vec<(String, String)> = tx
        .prepare_cached("SELECT agent, draft FROM drafts")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut erased = 0;
    for (agent, draft) in drafts {
        let own = draft.contains(&caller.id) || tickets.iter().any(|t| draft.contains(t.as_str()));
        if traces.found_in(&draft, own) {
            erased += tx
                .prepare_cached("DELETE FROM drafts WHERE agent = ?1")?
                .execute([agent])?;
        }
    }
    Ok(erased)
}

/// Calls recognised as the caller's, and calls from an unknown number that is one of their
/// phones: the number becomes `FORGOTTEN`. Unknown calls are compared as the caller search
/// compares phones, so this reads them all; an erase is rare and this stays one pass.
fn erase_call_numbers(tx: &Connection, caller: &Caller, agent: &str, stamp: &str) -> Result<()> {
    use crate::domain::fold::phone_query_variants;
    let theirs: Vec<String> = caller
        .phones
        .iter()
        .flat_map(|phone| phone_query_variants(phone))
        .filter(|d| d.len() >= 4)
        .collect();
    let mut ids: Vec<String> = Vec::new();
    if !theirs.is_empty() {
        let mut stmt =
            tx.prepare("SELECT id, number FROM calls WHERE caller_id IS NULL AND digits != ''")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, number) = row?;
            if phone_query_variants(&number)
                .iter()
                .any(|v| theirs.contains(v))
            {
                ids.push(id);
            }
        }
    }
    let ids =
        serde_json::to_string(&ids).map_err(|e| StoreError::Invalid(format!("call ids: {e}")))?;
    tx.prepare_cached(
        "UPDATE calls SET number = ?2, digits = '', updated_at = ?3, updated_by = ?4
         WHERE caller_id = ?1 OR id IN (SELECT value FROM json_each(?5))",
    )?
    .execute(params![caller.id, FORGOTTEN, stamp, agent, ids])?;
    Ok(())
}

#[cfg(test)]
mod tests;
