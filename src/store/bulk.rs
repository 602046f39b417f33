//! Filling a desk of the size the performance budgets are set for (100k callers, 1M tickets,
//! 1M promises). The store's own writes take a transaction each and read back what they
//! need, which would take hours at that size; here prepared statements write in one
//! transaction what a ticket's whole story leaves behind. The rows keep the rules the
//! normal writes keep, and a test compares the two on the same story.

use chrono::{DateTime, Utc};
use fastrand::Rng;
use rusqlite::{Connection, Statement, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::callers::insert_caller;
use super::{Result, Store, StoreError, ts};
use crate::domain::{Channel, EventKind, Id, NewCaller, PromiseState, Status};

/// What was written. The open and overdue counts are as of the `now` the desk was filled for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkSummary {
    pub callers: usize,
    pub tickets: usize,
    pub open_tickets: usize,
    pub events: usize,
    pub promises: usize,
    pub open_promises: usize,
    pub overdue_promises: usize,
}

/// One thing that happened to a ticket after the call that opened it, as the store's write
/// of the same name would record it.
#[derive(Clone, Debug)]
pub struct Step<'a> {
    pub at: DateTime<Utc>,
    pub what: Did<'a>,
}

/// Promises are numbered in the order they are made on their ticket; a reschedule makes
/// the next number.
#[derive(Clone, Debug)]
pub enum Did<'a> {
    Status(Status),
    Note(&'a str),
    /// Inbound or not, the channel, the note.
    Contact(bool, Channel, &'a str),
    /// What, by which channel, due when.
    Promise(&'a str, Channel, DateTime<Utc>),
    /// The same, asked for by the caller: a callback request.
    Callback(&'a str, Channel, DateTime<Utc>),
    /// Which promise, the note on the call that kept it.
    Keep(usize, &'a str),
    /// Which promise, the reason.
    Cancel(usize, &'a str),
    /// Which promise, its new deadline, the reason.
    Reschedule(usize, DateTime<Utc>, &'a str),
}

/// A ticket opened for a call by `agent`, who also takes every later step. `caller` is the
/// number `BulkWriter::caller` gave; `steps` are in time order.
pub struct BulkTicket<'a> {
    pub caller: usize,
    pub agent: &'a str,
    pub subject: &'a str,
    pub call_note: &'a str,
    pub impact: u8,
    pub urgency: u8,
    pub priority: u8,
    pub category: Option<&'a str>,
    pub opened: DateTime<Utc>,
    pub steps: &'a [Step<'a>],
}

/// Negative means KiB: room for the tables' newest pages and for sorting the index entries.
const FILL_CACHE_SIZE: i64 = -262_144;

impl Store {
    /// Runs `fill` on an empty desk in one transaction and returns what it wrote. Ids are
    /// UUIDv7 made from each record's own time and `seed`, so the same fill gives the same
    /// desk; only the ids of callers' phones, addresses and codes differ, as
    /// `insert_caller` makes those itself.
    pub fn fill_bulk(
        &mut self,
        ticket_prefix: &str,
        seed: u64,
        now: DateTime<Utc>,
        fill: impl FnOnce(&mut BulkWriter) -> Result<()>,
    ) -> Result<BulkSummary> {
        if !self.is_empty()? {
            return Err(StoreError::Invalid(
                "bulk data only goes into an empty desk".into(),
            ));
        }
        let pragma = |name: &str| -> Result<String> {
            let sql = format!("SELECT CAST({name} AS TEXT) FROM pragma_{name}");
            Ok(self.conn.query_row(&sql, [], |r| r.get(0))?)
        };
        let (cache, journal) = (pragma("cache_size")?, pragma("journal_mode")?);
        let threads = pragma("threads")?;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        // A half-filled file is thrown away, so nothing needs to reach the disk early, and
        // every reference is to a row the writer has just written.
        let _: String = self
            .conn
            .query_row("PRAGMA journal_mode = MEMORY", [], |r| r.get(0))?;
        // The indexes are sorted on every core.
        self.conn.execute_batch(&format!(
            "PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;
             PRAGMA cache_size = {FILL_CACHE_SIZE}; PRAGMA threads = {cores};"
        ))?;
        let filled = self.write(|tx, _| {
            // Kept up to date row by row, the indexes ordered by caller or status would cost
            // a random page visit for every row; built at the end from their own definitions
            // they cost one sort each.
            let indexes = ticket_indexes(tx)?;
            for (name, _) in &indexes {
                tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
            }
            let mut writer = BulkWriter::new(tx, ticket_prefix, seed, now)?;
            fill(&mut writer)?;
            for (_, sql) in &indexes {
                tx.execute_batch(sql)?;
            }
            Ok(writer.summary)
        });
        let restored = self.conn.execute_batch(&format!(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = {cache};
             PRAGMA threads = {threads};"
        ));
        let summary = filled?;
        restored?;
        let _: String =
            self.conn
                .query_row(&format!("PRAGMA journal_mode = {journal}"), [], |r| {
                    r.get(0)
                })?;
        self.keep_caller_cards()?;
        Ok(summary)
    }
}

/// The secondary indexes of the tables a ticket's story fills, with the SQL that made them.
fn ticket_indexes(tx: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('tickets', 'events', 'promises') ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A ticket's events and promises wait here until its final status is known, as the
/// ticket's row must be written before them.
struct EventRow {
    id: Id,
    kind: EventKind,
    at: DateTime<Utc>,
    text: String,
    data: String,
}

struct PromiseRow {
    id: Id,
    what: String,
    channel: Channel,
    due: DateTime<Utc>,
    made: DateTime<Utc>,
    state: PromiseState,
    closed: Option<DateTime<Utc>>,
    replaces: Option<Id>,
    callback: bool,
}

pub struct BulkWriter<'c> {
    tx: &'c Connection,
    prefix: String,
    now: DateTime<Utc>,
    rng: Rng,
    /// Ids made in the same millisecond keep the order they were made in, as the store's do.
    last_millis: u64,
    sequence: u16,
    callers: Vec<(Id, String)>,
    next_number: i64,
    events: Vec<EventRow>,
    promises: Vec<PromiseRow>,
    insert_ticket: Statement<'c>,
    insert_event: Statement<'c>,
    insert_promise: Statement<'c>,
    summary: BulkSummary,
}

impl<'c> BulkWriter<'c> {
    fn new(tx: &'c Connection, prefix: &str, seed: u64, now: DateTime<Utc>) -> Result<Self> {
        Ok(BulkWriter {
            tx,
            prefix: prefix.to_string(),
            now,
            rng: Rng::with_seed(seed),
            last_millis: 0,
            sequence: 0,
            callers: Vec::new(),
            // Numbered as `open_ticket_with_call` numbers the first ticket of a desk.
            next_number: 1001,
            events: Vec::new(),
            promises: Vec::new(),
            insert_ticket: tx.prepare(
                "INSERT INTO tickets (id, number, key, caller_id, subject, status, impact, urgency,
                   priority, category, assignee, last_activity_at, created_at, updated_at,
                   updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?11)",
            )?,
            insert_event: tx.prepare(
                "INSERT INTO events (id, ticket_id, caller_id, kind, at, by, text, data,
                   created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?5, ?5, ?6)",
            )?,
            insert_promise: tx.prepare(
                "INSERT INTO promises (id, ticket_id, caller_id, what, recipient, channel, due_at,
                   owner, state, closed_at, replaces_id, created_at, updated_at, updated_by, kind,
                   ticket_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?8, ?14, ?15)",
            )?,
            summary: BulkSummary::default(),
        })
    }

    /// A UUIDv7 for a record made at `at`, from the seeded generator instead of the clock.
    fn id_at(&mut self, at: DateTime<Utc>) -> Id {
        let millis = u64::try_from(at.timestamp_millis()).unwrap_or_default();
        self.sequence = if millis == self.last_millis {
            self.sequence.wrapping_add(1)
        } else {
            0
        };
        self.last_millis = millis;
        let mut bytes = [0u8; 10];
        bytes[..2].copy_from_slice(&self.sequence.to_be_bytes());
        bytes[2..].copy_from_slice(&self.rng.u64(..).to_be_bytes());
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes)
            .into_uuid()
            .to_string()
    }

    /// Adds a caller through the store's own insert, so that their search text and trigram
    /// row are exactly what an agent's "new caller" would make. Returns their number; add
    /// callers in the order they joined, so that numbers follow their ids.
    pub fn caller(&mut self, new: &NewCaller, agent: &str, at: DateTime<Utc>) -> Result<usize> {
        if new.name.trim().is_empty() {
            return Err(StoreError::Invalid("a caller needs a name".into()));
        }
        let id = self.id_at(at);
        insert_caller(self.tx, &id, new, agent, at)?;
        self.callers.push((id, new.name.trim().to_string()));
        self.summary.callers += 1;
        Ok(self.callers.len() - 1)
    }

    pub fn ticket(&mut self, ticket: &BulkTicket) -> Result<()> {
        let Some((caller_id, caller_name)) = self.callers.get(ticket.caller).cloned() else {
            return Err(StoreError::NotFound(format!(
                "caller number {}",
                ticket.caller
            )));
        };
        let subject = ticket.subject.trim();
        if subject.is_empty() {
            return Err(StoreError::Invalid("a ticket needs a subject".into()));
        }
        self.events.clear();
        self.promises.clear();
        let key = format!("{}-{}", self.prefix, self.next_number);
        let opened = [
            (
                EventKind::Created,
                subject,
                json!({"key": key, "priority": ticket.priority}),
            ),
            (
                EventKind::ContactIn,
                ticket.call_note,
                json!({"channel": Channel::Phone.code()}),
            ),
        ];
        for (kind, text, data) in opened {
            self.event(kind, ticket.opened, text, data);
        }
        let mut status = Status::New;
        for step in ticket.steps {
            if step.at < self.events.last().map_or(ticket.opened, |e| e.at) {
                return Err(StoreError::Invalid(format!(
                    "{key}: steps must be in time order"
                )));
            }
            self.step(step, &caller_name, &mut status)?;
        }

        let id = self.id_at(ticket.opened);
        let last = self.events.last().map_or(ticket.opened, |e| e.at);
        self.insert_ticket.execute(params![
            id,
            self.next_number,
            key,
            caller_id,
            subject,
            status.code(),
            ticket.impact,
            ticket.urgency,
            ticket.priority,
            ticket.category,
            ticket.agent,
            ts(last),
            ts(ticket.opened),
        ])?;
        for e in &self.events {
            self.insert_event.execute(params![
                e.id,
                id,
                caller_id,
                e.kind.code(),
                ts(e.at),
                ticket.agent,
                e.text,
                e.data
            ])?;
        }
        for p in &self.promises {
            let closed = p.closed.map(ts);
            self.insert_promise.execute(params![
                p.id,
                id,
                caller_id,
                p.what,
                caller_name,
                p.channel.code(),
                ts(p.due),
                ticket.agent,
                p.state.code(),
                closed,
                p.replaces,
                ts(p.made),
                closed.clone().unwrap_or_else(|| ts(p.made)),
                if p.callback { "callback" } else { "promise" },
                key,
            ])?;
        }
        self.next_number += 1;

        let summary = &mut self.summary;
        summary.tickets += 1;
        summary.open_tickets += usize::from(status.is_open());
        summary.events += self.events.len();
        summary.promises += self.promises.len();
        for promise in self
            .promises
            .iter()
            .filter(|p| p.state == PromiseState::Open)
        {
            summary.open_promises += 1;
            summary.overdue_promises += usize::from(promise.due < self.now);
        }
        Ok(())
    }

    fn event(&mut self, kind: EventKind, at: DateTime<Utc>, text: &str, data: serde_json::Value) {
        let id = self.id_at(at);
        self.events.push(EventRow {
            id,
            kind,
            at,
            text: text.trim().to_string(),
            data: data.to_string(),
        });
    }

    /// Records one step as the events the store's write of the same name makes, with the
    /// same checks.
    fn step(&mut self, step: &Step, caller_name: &str, status: &mut Status) -> Result<()> {
        let at = step.at;
        match step.what {
            Did::Status(to) => {
                let data = json!({"from": status.code(), "to": to.code()});
                self.event(EventKind::StatusChanged, at, "", data);
                *status = to;
            }
            Did::Note(text) => {
                if text.trim().is_empty() {
                    return Err(StoreError::Invalid("an empty note was not saved".into()));
                }
                self.event(EventKind::Note, at, text, json!({}));
            }
            Did::Contact(inbound, channel, note) => {
                let kind = if inbound {
                    EventKind::ContactIn
                } else {
                    EventKind::ContactOut
                };
                let data = json!({"channel": channel.code()});
                self.event(kind, at, note, data);
            }
            Did::Promise(what, channel, due) | Did::Callback(what, channel, due) => {
                if what.trim().is_empty() {
                    return Err(StoreError::Invalid("say what was promised".into()));
                }
                let callback = matches!(step.what, Did::Callback(..));
                let id = self.id_at(at);
                self.promise(
                    caller_name,
                    PromiseRow::new(id, what, channel, due, at, callback),
                );
            }
            Did::Keep(promise, note) => {
                let p = self.close(promise, PromiseState::Kept, at)?;
                let data = json!({"channel": p.channel.code(), "promise": p.id});
                self.event(EventKind::ContactOut, at, note, data);
                let data = json!({"promise": p.id, "due_at": ts(p.due), "late": at > p.due});
                self.event(EventKind::PromiseKept, at, &p.what, data);
            }
            Did::Cancel(promise, reason) => {
                require_reason(reason)?;
                let p = self.close(promise, PromiseState::Cancelled, at)?;
                let data = json!({"promise": p.id, "due_at": ts(p.due), "after_due": at > p.due});
                self.event(EventKind::PromiseCancelled, at, reason, data);
            }
            Did::Reschedule(promise, due, reason) => {
                require_reason(reason)?;
                let successor = self.id_at(at);
                let old = self.close(promise, PromiseState::Rescheduled, at)?;
                let data = json!({
                    "promise": old.id, "successor": successor,
                    "from": ts(old.due), "to": ts(due), "after_due": at > old.due,
                });
                self.event(EventKind::PromiseRescheduled, at, reason, data);
                let mut row =
                    PromiseRow::new(successor, &old.what, old.channel, due, at, old.callback);
                row.replaces = Some(old.id);
                self.promise(caller_name, row);
            }
        }
        Ok(())
    }

    fn promise(&mut self, to: &str, row: PromiseRow) {
        let data = json!({
            "promise": row.id, "to": to, "channel": row.channel.code(),
            "due_at": ts(row.due), "replaces": row.replaces,
        });
        self.event(EventKind::PromiseMade, row.made, &row.what, data);
        self.promises.push(row);
    }

    /// Closes an open promise of the ticket, refusing one that is not open as the store
    /// does, and returns a copy of it.
    fn close(
        &mut self,
        index: usize,
        state: PromiseState,
        at: DateTime<Utc>,
    ) -> Result<PromiseRow> {
        let promise = self
            .promises
            .get_mut(index)
            .ok_or_else(|| StoreError::NotFound("no such promise on the ticket".into()))?;
        if promise.state != PromiseState::Open {
            return Err(StoreError::Invalid(format!(
                "that promise is already {}",
                promise.state.label()
            )));
        }
        promise.state = state;
        promise.closed = Some(at);
        Ok(PromiseRow {
            id: promise.id.clone(),
            what: promise.what.clone(),
            replaces: None,
            ..*promise
        })
    }
}

impl PromiseRow {
    fn new(
        id: Id,
        what: &str,
        channel: Channel,
        due: DateTime<Utc>,
        made: DateTime<Utc>,
        callback: bool,
    ) -> Self {
        PromiseRow {
            id,
            what: what.trim().to_string(),
            channel,
            due,
            made,
            state: PromiseState::Open,
            closed: None,
            replaces: None,
            callback,
        }
    }
}

fn require_reason(reason: &str) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(StoreError::Invalid("give a reason".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    // How bulk rows compare with the store's own writes is tested in `bench`, which owns the
    // stories; here, what only this connection can tell.
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn fills_only_an_empty_desk_and_restores_its_settings() {
        let at = |day, hour| Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("desk.db"), "anna").unwrap();
        let caller = NewCaller {
            name: "Jan de Vries".into(),
            ..NewCaller::default()
        };
        let what = Did::Callback("Ring back", Channel::Phone, at(3, 9));
        let steps = [Step {
            at: at(2, 10),
            what,
        }];
        let pragma = |store: &Store, name: &str| -> String {
            let sql = format!("SELECT CAST({name} AS TEXT) FROM pragma_{name}");
            store.conn.query_row(&sql, [], |r| r.get(0)).unwrap()
        };
        let names = [
            "synchronous",
            "cache_size",
            "foreign_keys",
            "journal_mode",
            "threads",
        ];
        let before = names.map(|name| pragma(&store, name));
        assert_eq!([&before[0], &before[2], &before[3]], ["2", "1", "wal"]);
        let summary = store.fill_bulk("T", 1, at(9, 9), |w| {
            let caller = w.caller(&caller, "anna", at(1, 8))?;
            w.ticket(&BulkTicket {
                caller,
                agent: "anna",
                subject: "VPN drops",
                call_note: "",
                impact: 3,
                urgency: 3,
                priority: 3,
                category: None,
                opened: at(2, 9),
                steps: &steps,
            })
        });
        let expected = BulkSummary {
            callers: 1,
            tickets: 1,
            open_tickets: 1,
            events: 3,
            promises: 1,
            open_promises: 1,
            overdue_promises: 1,
        };
        assert_eq!(summary.unwrap(), expected);
        assert_eq!(names.map(|name| pragma(&store, name)), before);
        let again = store.fill_bulk("T", 1, at(9, 9), |_| Ok(()));
        assert!(matches!(again, Err(StoreError::Invalid(_))));
    }
}
