//! The figures a report counts, kept beside the rows they are derived from: each ticket's
//! SLA outcome and its first-contact resolution (`ticket_figures`), and each promise's
//! outcome (`promise_figures`). Reports count them from one range of a table instead of
//! replaying a month of events on every run.
//!
//! The events stay the truth. [`refresh_figures`] is the only code that writes figures: every
//! write of the store calls it, in its own transaction, for the tickets whose events it
//! added; rebuilding works every ticket through it again from the events alone.
//!
//! A row's id is a UUIDv7 made from the moment its ticket was opened (or its promise made)
//! and the ticket's (promise's) id: the tables sort by period, so a report reads one range
//! of a table and no index is kept beside it, and a refresh finds the row again from the
//! ticket's own columns. The tables carry no stamps of their own: a row is never edited by
//! hand nor sent to another desk, and is rewritten whole whenever it changes, so it is kept
//! as small as the numbers in it (about 60 bytes).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::history::{apply, empty, read_event, was_opened};
use super::{Result, Store, StoreError, parse_code, parse_ts, ts};
use crate::domain::figures::{FigureRules, outcome_code, settled_outcome, ticket_figures};
use crate::domain::{PromiseState, new_id};

/// Tickets refreshed per round by a rebuild or a large import: each round reads its
/// tickets' events in one sorted statement, so a round stays small enough to sort in
/// memory, and a million tickets take a couple of thousand rounds.
const CHUNK: usize = 500;

/// Brings the kept figures of `ticket_ids` (and of their promises) up to date with their
/// events and rows, inside the caller's transaction.
///
/// This is the one way figures are written. Every store write runs it before committing
/// (see `Store::write`); the team sync calls it too, with the ids of the tickets whose
/// events or rows it has just applied from other desks, in the transaction that applied
/// them, so that a pulled event counts exactly as a local one. It reads what it needs by
/// index, so one ticket costs a few small statements. `rules` are the desk's settings,
/// `Store::figure_rules`, which the kept figures follow once `Store::use_figure_rules` has
/// run (the desk and the commands do so when they open the file). A ticket marked deleted loses its figures; an id that is no
/// ticket is passed over.
pub(crate) fn refresh_figures(
    tx: &Connection,
    ticket_ids: &[&str],
    rules: &FigureRules,
) -> Result<()> {
    if ticket_ids.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(ticket_ids).map_err(|e| StoreError::Invalid(e.to_string()))?;
    refresh_tickets(tx, &ids, rules)?;
    refresh_promises(tx, &ids)
}

fn refresh_tickets(tx: &Connection, ids: &str, rules: &FigureRules) -> Result<()> {
    // Tickets in id order, and each one's events after it in time order, so that one
    // pass over both reads every ticket's history.
    let mut tickets = tx.prepare_cached(
        "SELECT id, key, coalesce(assignee, ''), priority, created_at, deleted_at IS NOT NULL
         FROM tickets WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
    )?;
    let mut events = tx.prepare_cached(
        "SELECT ticket_id, kind, at, json_extract(data, '$.to') FROM events
         WHERE ticket_id IN (SELECT value FROM json_each(?1))
         AND kind IN ('created', 'status', 'contact_in', 'contact_out')
         ORDER BY ticket_id, at, id",
    )?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO ticket_figures (id, assignee, sla, first_contact) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET assignee = ?2, sla = ?3, first_contact = ?4",
    )?;
    let mut forget = tx.prepare_cached("DELETE FROM ticket_figures WHERE id = ?1")?;
    let mut event_rows = events.query([ids])?;
    let mut pending = event_rows.next()?;
    let mut ticket_rows = tickets.query([ids])?;
    while let Some(ticket) = ticket_rows.next()? {
        let id: String = ticket.get(0)?;
        let row_id = figure_id(parse_ts(&ticket.get::<_, String>(4)?)?, &id);
        let mut history = empty();
        // Events of tickets that sort before this one belong to no ticket being refreshed.
        while let Some(row) = pending {
            let of: String = row.get(0)?;
            if of > id {
                break;
            }
            if of == id
                && let Some(event) = read_event(row)?
            {
                apply(&mut history, event);
            }
            pending = event_rows.next()?;
        }
        if ticket.get::<_, bool>(5)? {
            forget.execute([&row_id])?;
            continue;
        }
        if !was_opened(&history) {
            let key: String = ticket.get(1)?;
            return Err(StoreError::Damaged(format!("{key} has no creating event")));
        }
        let figures = ticket_figures(&history, ticket.get(3)?, rules);
        upsert.execute(params![
            row_id,
            ticket.get::<_, String>(2)?,
            figures.sla.code(),
            figures.first_contact.code(),
        ])?;
    }
    Ok(())
}

fn refresh_promises(tx: &Connection, ids: &str) -> Result<()> {
    let mut promises = tx.prepare_cached(
        "SELECT id, owner, created_at, due_at, state, closed_at, deleted_at IS NOT NULL
         FROM promises WHERE ticket_id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO promise_figures (id, owner, due, outcome) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET owner = ?2, due = ?3, outcome = ?4",
    )?;
    let mut forget = tx.prepare_cached("DELETE FROM promise_figures WHERE id = ?1")?;
    let mut rows = promises.query([ids])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let row_id = figure_id(parse_ts(&row.get::<_, String>(2)?)?, &id);
        if row.get::<_, bool>(6)? {
            forget.execute([&row_id])?;
            continue;
        }
        let due = parse_ts(&row.get::<_, String>(3)?)?;
        let closed = row
            .get::<_, Option<String>>(5)?
            .map(|t| parse_ts(&t))
            .transpose()?;
        let state = parse_code(&row.get::<_, String>(4)?, PromiseState::from_code)?;
        upsert.execute(params![
            row_id,
            row.get::<_, String>(1)?,
            millis(due),
            outcome_code(settled_outcome(state, due, closed)),
        ])?;
    }
    Ok(())
}

/// Works every figure out again from the events and rows alone, under `rules`, and records
/// that the figures now follow them.
pub(super) fn rebuild_figures(tx: &Connection, rules: &FigureRules, agent: &str) -> Result<()> {
    tx.execute_batch("DELETE FROM ticket_figures; DELETE FROM promise_figures;")?;
    let ids: Vec<String> = tx
        .prepare("SELECT id FROM tickets ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    refresh_in_rounds(tx, &ids, rules)?;
    record_rules(tx, rules, agent)
}

/// Records that an empty desk's figures follow `rules`, which they trivially do.
pub(super) fn mark_empty_desk_current(
    tx: &Connection,
    rules: &FigureRules,
    agent: &str,
) -> Result<()> {
    let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM tickets)", [], |r| {
        r.get(0)
    })?;
    if empty {
        record_rules(tx, rules, agent)?;
    }
    Ok(())
}

fn record_rules(tx: &Connection, rules: &FigureRules, agent: &str) -> Result<()> {
    record_fingerprint(tx, &rules.fingerprint(), agent)
}

/// What `figure_rules` records when the kept figures follow no settings at all.
const STALE: &str = "stale";

fn record_fingerprint(tx: &Connection, fingerprint: &str, agent: &str) -> Result<()> {
    let stamp = ts(Utc::now());
    tx.prepare_cached(
        "INSERT INTO figure_rules (id, fingerprint, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?3, ?4)",
    )?
    .execute(params![new_id(), fingerprint, stamp, agent])?;
    Ok(())
}

/// The fingerprint of the settings the kept figures were last rebuilt under; `None` on a
/// desk whose figures were never built.
fn kept_fingerprint(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT fingerprint FROM figure_rules ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

/// The last event written so far: what a write adds comes after it.
pub(super) fn event_mark(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(rowid), 0) FROM events")?
        .query_row([], |r| r.get(0))?)
}

/// Refreshes the tickets that have events after `mark`: the ones a write has just added
/// events to. A connection working under other settings than the kept figures were made
/// under (a tool that opened the desk without its configuration) cannot work them out as
/// the rest were: it marks them all stale instead, so that the next desk or report that
/// opens the file with its settings rebuilds them, and no report counts a mixture.
pub(super) fn refresh_tickets_since_mark(
    conn: &Connection,
    mark: i64,
    rules: &FigureRules,
    agent: &str,
) -> Result<()> {
    // Read by rowid and made distinct here: asked for `DISTINCT … ORDER BY`, SQLite walks the
    // whole events-by-ticket index instead of the few new rows (90 ms at 100k tickets).
    let ids: BTreeSet<String> = conn
        .prepare_cached("SELECT ticket_id FROM events WHERE rowid > ?1")?
        .query_map([mark], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let ids: Vec<String> = ids.into_iter().collect();
    refresh_tickets_under(conn, &ids, rules, agent)
}

/// Refreshes the figures of `ids` (and of their promises) under `rules`, or marks every
/// figure stale when the kept ones follow other settings (see above).
pub(super) fn refresh_tickets_under(
    conn: &Connection,
    ids: &[String],
    rules: &FigureRules,
    agent: &str,
) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let kept = kept_fingerprint(conn)?;
    if kept.as_deref() != Some(&rules.fingerprint()) {
        if kept.as_deref() != Some(STALE) {
            record_fingerprint(conn, STALE, agent)?;
        }
        return Ok(());
    }
    refresh_in_rounds(conn, ids, rules)
}

fn refresh_in_rounds(conn: &Connection, ids: &[String], rules: &FigureRules) -> Result<()> {
    for chunk in ids.chunks(CHUNK) {
        let chunk: Vec<&str> = chunk.iter().map(String::as_str).collect();
        refresh_figures(conn, &chunk, rules)?;
    }
    Ok(())
}

pub(super) fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// The id of the figures row of the ticket or promise `id`, created at `created`: a UUIDv7
/// whose time is `created` and whose other bits are a hash of `id`. The same inputs always
/// give the same id; two tickets opened in the same millisecond differ in 74 hashed bits.
pub(super) fn figure_id(created: DateTime<Utc>, id: &str) -> String {
    let hashed = |seed: u64| {
        id.bytes().fold(seed, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let (first, second) = (hashed(0xcbf2_9ce4_8422_2325), hashed(0x6c62_272e_07bb_0142));
    let mut rest = [0u8; 10];
    rest[..8].copy_from_slice(&first.to_be_bytes());
    rest[8..].copy_from_slice(&second.to_be_bytes()[..2]);
    // Before 1970 there is no UUIDv7 time; such a row sorts first, as its ticket would.
    let at = u64::try_from(created.timestamp_millis()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(at, &rest)
        .into_uuid()
        .to_string()
}

/// The smallest figures id of a row created at or after `since`: ids are UUIDv7 text, whose
/// first twelve hex digits are the time in milliseconds.
pub(super) fn period_start(since: DateTime<Utc>) -> String {
    let at = u64::try_from(since.timestamp_millis()).unwrap_or(0);
    format!("{:08x}-{:04x}", at >> 16, at & 0xffff)
}

impl Store {
    /// The settings the desk's figures are worked out under.
    pub fn figure_rules(&self) -> &FigureRules {
        &self.figure_rules
    }

    /// Works the desk's figures out under `rules` from now on. If the kept figures were made
    /// under other settings (or never made, on a desk from before they were kept) they are
    /// all rebuilt first, in one transaction; returns whether that happened.
    pub fn use_figure_rules(&mut self, rules: FigureRules) -> Result<bool> {
        self.figure_rules = rules;
        if self.figures_follow(&self.figure_rules)? {
            return Ok(false);
        }
        self.rebuild_figures()?;
        Ok(true)
    }

    /// Throws the kept figures away and works them out again from the events alone, under
    /// the desk's settings (`balie check --rebuild`).
    pub fn rebuild_figures(&mut self) -> Result<()> {
        let rules = self.figure_rules.clone();
        self.write(|tx, agent| rebuild_figures(tx, &rules, agent))
    }

    /// Every kept figure as a line of text, tickets' then promises', each in id order: for
    /// comparing the kept figures with rebuilt ones.
    pub fn kept_figures(&self) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        for sql in [
            "SELECT concat_ws(' ', 'ticket', id, assignee, sla, first_contact)
             FROM ticket_figures ORDER BY id",
            "SELECT concat_ws(' ', 'promise', id, owner, due, outcome)
             FROM promise_figures ORDER BY id",
        ] {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            lines.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        Ok(lines)
    }

    /// Bytes the kept figures take in the file: their tables and indexes, pages counted
    /// whole.
    pub fn figures_on_disk(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat
             WHERE name IN ('ticket_figures', 'promise_figures', 'figure_rules')",
            [],
            |r| r.get(0),
        )?)
    }

    /// Whether the desk holds at least `count` tickets, counted no further than that.
    pub fn has_tickets(&self, count: usize) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) >= ?1 FROM (SELECT 1 FROM tickets LIMIT ?1)",
            [count as i64],
            |r| r.get(0),
        )?)
    }

    /// Whether the kept figures were worked out under `rules`.
    pub fn figures_follow(&self, rules: &FigureRules) -> Result<bool> {
        Ok(kept_fingerprint(&self.conn)?.as_deref() == Some(&rules.fingerprint()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn figure_ids_sort_by_their_moment_and_a_period_starts_at_its_own() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let a = figure_id(at, "0193-ticket-a");
        assert_eq!(a, figure_id(at, "0193-ticket-a"), "the same row every time");
        assert_ne!(a, figure_id(at, "0193-ticket-b"));
        assert!(uuid::Uuid::parse_str(&a).unwrap().get_version_num() == 7);
        let later = figure_id(at + Duration::milliseconds(1), "0000");
        let earlier = figure_id(at - Duration::milliseconds(1), "ffff");
        assert!(earlier < a && a < later);
        let start = period_start(at);
        assert!(earlier.as_str() < start.as_str());
        assert!(a.as_str() >= start.as_str() && later.as_str() >= start.as_str());
    }
}
