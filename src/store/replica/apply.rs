//! Applying what the team store hands out, in its commit order. The same code applies a
//! desk's own changes coming back and other desks' changes: every field ends at the value
//! the team store decided, except fields this desk has changed since and not yet pushed,
//! which keep the local value until the store has judged that change too.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde_json::Value;

use super::{apart, capture};
use crate::domain::EventKind;
use crate::domain::change::{ChangeOp, Pulled};
use crate::domain::fold::fold;
use crate::domain::hlc::Hlc;
use crate::store::{Result, Store, StoreError, caller_edit, figures, forget, parse_ts, ts};

/// What one pull brought, for the sync's report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Changes other desks made (this desk's own come back too, and are not counted).
    pub changes: usize,
    pub tickets: usize,
    pub events: usize,
    pub conflicts: usize,
}

impl Store {
    /// Applies a batch of pulled changes and moves the pull cursor past them, in one
    /// transaction: a crash leaves either all of them applied or none.
    pub fn apply_pulled(&mut self, batch: &[Pulled], now: DateTime<Utc>) -> Result<Applied> {
        let Some(last) = batch.last().map(|p| p.seq) else {
            return Ok(Applied::default());
        };
        let _paused = self.capture.pause();
        let desk = self.desk_id()?.unwrap_or_default();
        // A row may point at one later in the same batch (a ticket linked to a major
        // incident pushed after it); then the batch is applied again with the foreign keys
        // checked at commit, when the file is whole. Only then: switching that check on
        // makes SQLite prepare every statement of the connection again, which would cost
        // each round more than all else it does.
        let (applied, seen) = match self.apply_batch(batch, last, &desk, false, now) {
            Err(error) if refused_by_foreign_key(&error) => {
                self.apply_batch(batch, last, &desk, true, now)?
            }
            other => other?,
        };
        self.capture.observe(seen);
        Ok(applied)
    }

    /// One attempt at a batch, in one transaction; returns what it applied and the newest
    /// clock it saw.
    fn apply_batch(
        &mut self,
        batch: &[Pulled],
        last: i64,
        desk: &str,
        defer_foreign_keys: bool,
        now: DateTime<Utc>,
    ) -> Result<(Applied, Hlc)> {
        let mut seen = self.capture.clock();
        let mut columns = std::mem::take(&mut self.known_columns);
        let applied = self.write_keeping_own_figures(|tx, agent, rules| {
            columns.follow_schema(tx)?;
            if defer_foreign_keys {
                tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            }
            let mut applied = Applied::default();
            let mut touched = Touched::default();
            for pulled in batch {
                apply_one(
                    tx,
                    pulled,
                    &mut columns,
                    &mut touched,
                    &mut applied,
                    agent,
                    now,
                )?;
                if let Some(clock) = Hlc::parse(&pulled.change.hlc) {
                    seen = seen.observe(clock);
                }
            }
            touched.settle(tx, agent, now)?;
            let tickets: Vec<String> = touched.tickets.into_iter().collect();
            figures::refresh_tickets_under(tx, &tickets, rules, agent)?;
            tx.prepare_cached("UPDATE team SET pulled_seq = ?1, clock = ?2")?
                .execute(params![last, seen.stamp("")])?;
            applied.changes = batch.iter().filter(|p| p.change.desk != desk).count();
            Ok(applied)
        });
        self.known_columns = columns;
        Ok((applied?, seen))
    }
}

/// True when a row pointed at one the file did not hold (yet).
fn refused_by_foreign_key(error: &StoreError) -> bool {
    matches!(
        error,
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
    )
}

/// Rows whose derived fields must be worked out again once the batch is in.
#[derive(Default)]
struct Touched {
    callers: BTreeSet<String>,
    /// Tickets whose figures may have moved: a promise of theirs arrived, they or a promise
    /// of theirs had a field changed, or an event of theirs arrived that can count in a
    /// figure. A note does not, and
    /// notes are most of what a team's desks send each other.
    tickets: BTreeSet<String>,
    /// Other agents' events that arrived late: on which ticket, by whom, when made.
    late: Vec<(String, String, DateTime<Utc>)>,
}

impl Touched {
    fn settle(&self, tx: &Connection, agent: &str, now: DateTime<Utc>) -> Result<()> {
        for (ticket, by, made) in &self.late {
            apart::note(tx, ticket, by, *made, agent, now)?;
        }
        // A handle that arrived for a merged-away caller now belongs to the one kept.
        let mut callers = self.callers.clone();
        for caller in &self.callers {
            let kept: Option<String> = tx
                .prepare_cached("SELECT merged_into FROM callers WHERE id = ?1")?
                .query_row([caller], |r| r.get(0))
                .optional()?
                .flatten();
            callers.extend(kept);
        }
        for caller in &callers {
            reindex_caller(tx, caller)?;
        }
        Ok(())
    }
}

fn apply_one(
    tx: &Connection,
    pulled: &Pulled,
    columns: &mut capture::KnownColumns,
    touched: &mut Touched,
    applied: &mut Applied,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let change = &pulled.change;
    let table = change.table.as_str();
    if !capture::SHARED_TABLES.contains(&table) {
        // A table a newer balie shares: kept in the team store, unknown here.
        return Ok(());
    }
    let known = columns.of(tx, table)?;
    let stamp = stamp_of(&change.hlc);
    match change.op {
        ChangeOp::Insert => {
            let Some(Value::Object(row)) = &change.data else {
                return Ok(());
            };
            let present: Vec<&String> = known.iter().filter(|c| row.contains_key(*c)).collect();
            let names: Vec<String> = present.iter().map(|c| format!("\"{c}\"")).collect();
            let marks: Vec<String> = (1..=present.len()).map(|i| format!("?{i}")).collect();
            let values = present.iter().map(|c| sql_value(&row[c.as_str()]));
            let inserted = tx
                .prepare_cached(&format!(
                    "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT DO NOTHING",
                    names.join(", "),
                    marks.join(", ")
                ))?
                .execute(params_from_iter(values))?;
            if inserted == 0 && !exists(tx, table, &change.row_id)? {
                return Err(StoreError::Damaged(format!(
                    "a {} from the team ({}) clashes with a row of this desk",
                    singular(table),
                    describe(row)
                )));
            }
            match table {
                "events" => {
                    applied.events += inserted;
                    let at = row.get("at").and_then(Value::as_str).unwrap_or_default();
                    let ticket = row.get("ticket_id").and_then(Value::as_str);
                    let by = row.get("by").and_then(Value::as_str).unwrap_or_default();
                    if inserted > 0
                        && by != agent
                        && let (Some(ticket), Ok(made)) = (ticket, parse_ts(at))
                        && now - made > apart::LATE
                    {
                        touched
                            .late
                            .push((ticket.to_string(), by.to_string(), made));
                    }
                    tx.prepare_cached(
                        "UPDATE tickets SET last_activity_at = max(last_activity_at, ?2)
                         WHERE id = ?1",
                    )?
                    .execute(params![ticket, at])?;
                    let kind = row.get("kind").and_then(Value::as_str);
                    if let Some(ticket) = ticket
                        && kind != Some(EventKind::Note.code())
                    {
                        touched.tickets.insert(ticket.to_string());
                    }
                }
                // Its figures follow with its creating event.
                "tickets" => applied.tickets += inserted,
                "promises" => {
                    if let Some(ticket) = row.get("ticket_id").and_then(Value::as_str) {
                        touched.tickets.insert(ticket.to_string());
                    }
                }
                "conflicts" => applied.conflicts += inserted,
                "callers" => {
                    touched.callers.insert(change.row_id.clone());
                }
                "caller_handles" => {
                    if let Some(caller) = row.get("caller_id").and_then(Value::as_str) {
                        touched.callers.insert(caller.to_string());
                    }
                }
                "erasures" if inserted > 0 => {
                    if let Some(caller) = row.get("caller_id").and_then(Value::as_str) {
                        forget::forget_pulled(tx, caller, agent, now)?;
                        touched.callers.remove(caller);
                    }
                }
                _ => {}
            }
        }
        ChangeOp::Update => {
            let Some(column) = change.column.as_deref() else {
                return Ok(());
            };
            if !known.iter().any(|c| c == column) || pending(tx, table, &change.row_id, column)? {
                return Ok(());
            }
            let value = pulled
                .value_after
                .as_ref()
                .or(change.new.as_ref())
                .map(sql_value)
                .unwrap_or(SqlValue::Null);
            tx.prepare_cached(&format!(
                "UPDATE {table} SET \"{column}\" = ?2, updated_at = ?3, updated_by = ?4
                 WHERE id = ?1"
            ))?
            .execute(params![change.row_id, value, stamp, change.author])?;
            if table == "callers" {
                touched.callers.insert(change.row_id.clone());
            }
            if table == "tickets" {
                touched.tickets.insert(change.row_id.clone());
            }
            if table == "promises"
                && let Some(ticket) = tx
                    .prepare_cached("SELECT ticket_id FROM promises WHERE id = ?1")?
                    .query_row([&change.row_id], |r| r.get::<_, String>(0))
                    .optional()?
            {
                touched.tickets.insert(ticket);
            }
            if table == "caller_handles"
                && let Some(caller) = caller_of_handle(tx, &change.row_id)?
            {
                touched.callers.insert(caller);
            }
        }
        ChangeOp::Delete => {
            if table == "caller_handles"
                && let Some(caller) = caller_of_handle(tx, &change.row_id)?
            {
                touched.callers.insert(caller);
            }
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
                .execute([&change.row_id])?;
            tx.prepare_cached("DELETE FROM outbox WHERE tbl = ?1 AND row_id = ?2")?
                .execute([table, change.row_id.as_str()])?;
        }
    }
    Ok(())
}

/// A field this desk changed and has not pushed keeps its local value for now.
fn pending(tx: &Connection, table: &str, row_id: &str, column: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE tbl = ?1 AND row_id = ?2 AND col = ?3)",
        )?
        .query_row([table, row_id, column], |r| r.get(0))?)
}

fn exists(tx: &Connection, table: &str, id: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
        ))?
        .query_row([id], |r| r.get(0))?)
}

fn caller_of_handle(tx: &Connection, handle: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT caller_id FROM caller_handles WHERE id = ?1")?
        .query_row([handle], |r| r.get(0))
        .optional()?)
}

/// Search text and the search index follow a caller's name and handles, as on the desk
/// that changed them; a caller merged away or forgotten is found no more.
fn reindex_caller(tx: &Connection, caller_id: &str) -> Result<()> {
    let Some((name, gone)) = tx
        .prepare_cached(
            "SELECT name, deleted_at IS NOT NULL OR merged_into IS NOT NULL
               OR EXISTS (SELECT 1 FROM erasures WHERE caller_id = callers.id)
             FROM callers WHERE id = ?1",
        )?
        .query_row([caller_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?))
        })
        .optional()?
    else {
        return Ok(());
    };
    if gone {
        crate::store::caller_index::unindex_caller(tx, caller_id)?;
        return Ok(());
    }
    tx.prepare_cached("UPDATE callers SET name_folded = ?2 WHERE id = ?1")?
        .execute(params![caller_id, fold(name.trim())])?;
    caller_edit::reindex_caller(tx, caller_id)
}

fn sql_value(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// The wall time of a hybrid-clock stamp, as the desk stores instants.
fn stamp_of(hlc: &str) -> String {
    let ms = Hlc::parse(hlc).map(|h| h.wall_ms).unwrap_or_default();
    ts(Utc.timestamp_millis_opt(ms).single().unwrap_or_default())
}

fn singular(table: &str) -> &str {
    table.strip_suffix('s').unwrap_or(table)
}

fn describe(row: &serde_json::Map<String, Value>) -> String {
    row.get("key")
        .or_else(|| row.get("id"))
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_string()
}

#[cfg(test)]
mod tests;
