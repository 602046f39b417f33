//! Every local write on a team desk leaves an outbox mark in its own transaction, whichever
//! store function wrote it: triggers on the shared tables record each inserted row, each
//! changed field (with the value it had) and each deleted row. Rows applied from the team
//! store, and the erase of a forgotten caller, are written with capture paused, so that
//! nothing travels back to where it came from.
//!
//! The triggers call four functions that each desk connection registers: whether capture is
//! on, a new change id, the next hybrid-clock stamp, and the agent writing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chrono::Utc;
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use crate::domain::hlc::Hlc;
use crate::domain::new_id;

/// The tables a team shares, parents before children (the order a new member's rows are
/// sent in). Reminders, drafts, review marks and the knowledge-base index stay with each desk.
pub(crate) const SHARED_TABLES: &[&str] = &[
    "callers",
    "caller_handles",
    "caller_events",
    "tickets",
    "events",
    "promises",
    "erasures",
    "conflicts",
    "calls",
];

/// Fields no change carries: bookkeeping every applied change sets from its own stamp and
/// author, and what each desk derives again from the fields it comes from (a promise's copy
/// of its ticket's key follows the ticket's key by a trigger on every desk).
fn derived(table: &str, column: &str) -> bool {
    matches!(column, "id" | "created_at" | "updated_at" | "updated_by")
        || matches!(
            (table, column),
            ("tickets", "last_activity_at")
                | ("callers", "search_text" | "name_folded")
                | ("promises", "ticket_key")
        )
}

#[derive(Debug, Default)]
struct State {
    on: bool,
    desk: String,
    author: String,
    clock: Hlc,
    /// How far this desk's wall clock is off (only ever set by tests of skewed desks).
    skew_ms: i64,
}

/// The connection's capture switch and clock, shared with the SQL functions it registered.
#[derive(Debug, Clone, Default)]
pub(crate) struct Capture(Arc<Mutex<State>>);

impl Capture {
    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn start(&self, desk: &str, author: &str, clock: Hlc) {
        let mut state = self.state();
        state.on = true;
        state.desk = desk.to_string();
        state.author = author.to_string();
        state.clock = state.clock.observe(clock);
    }

    pub(crate) fn set_author(&self, author: &str) {
        self.state().author = author.to_string();
    }

    pub(crate) fn is_on(&self) -> bool {
        self.state().on
    }

    /// Pauses capture until the guard drops.
    pub(crate) fn pause(&self) -> Paused {
        let was = std::mem::replace(&mut self.state().on, false);
        Paused {
            capture: self.clone(),
            was,
        }
    }

    pub(crate) fn observe(&self, seen: Hlc) {
        let mut state = self.state();
        state.clock = state.clock.observe(seen);
    }

    pub(crate) fn clock(&self) -> Hlc {
        self.state().clock
    }

    /// The next stamp of this desk's clock.
    pub(crate) fn tick(&self) -> String {
        let mut state = self.state();
        let wall = Utc::now().timestamp_millis() + state.skew_ms;
        state.clock = state.clock.tick(wall);
        state.clock.stamp(&state.desk)
    }

    pub(crate) fn skew(&self, by_ms: i64) {
        self.state().skew_ms = by_ms;
    }

    fn author(&self) -> String {
        self.state().author.clone()
    }

    /// Registers the functions the capture triggers call.
    pub(crate) fn register(&self, conn: &Connection) -> rusqlite::Result<()> {
        // Innocuous: they read nothing of the database, so triggers may call them with
        // `trusted_schema` off.
        let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS;
        let on = self.clone();
        conn.create_scalar_function("balie_capturing", 0, flags, move |_| Ok(on.is_on()))?;
        conn.create_scalar_function("balie_change_id", 0, flags, |_| Ok(new_id()))?;
        let clock = self.clone();
        conn.create_scalar_function("balie_hlc", 0, flags, move |_| Ok(clock.tick()))?;
        let author = self.clone();
        conn.create_scalar_function("balie_author", 0, flags, move |_| Ok(author.author()))?;
        Ok(())
    }
}

pub(crate) struct Paused {
    capture: Capture,
    was: bool,
}

impl Drop for Paused {
    fn drop(&mut self) {
        self.capture.state().on = self.was;
    }
}

/// The columns of a table as the file has them now.
pub(crate) fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get(0))?;
    names.collect()
}

/// The columns of the shared tables, read from the file once for each version of its
/// schema: applying a pulled batch needs them, and reading them costs more than applying a
/// note.
#[derive(Default)]
pub(crate) struct KnownColumns {
    schema: Option<i64>,
    tables: HashMap<String, Vec<String>>,
}

impl KnownColumns {
    /// Forgets what was read under another version of the schema (a newer balie may have
    /// added columns since).
    pub(crate) fn follow_schema(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let schema: i64 = conn
            .prepare_cached("PRAGMA schema_version")?
            .query_row([], |r| r.get(0))?;
        if self.schema != Some(schema) {
            self.tables.clear();
            self.schema = Some(schema);
        }
        Ok(())
    }

    pub(crate) fn of(&mut self, conn: &Connection, table: &str) -> rusqlite::Result<&[String]> {
        if !self.tables.contains_key(table) {
            self.tables.insert(table.to_string(), columns(conn, table)?);
        }
        Ok(self
            .tables
            .get(table)
            .map(Vec::as_slice)
            .unwrap_or_default())
    }
}

/// Queues the rows of `table` that `rest` picks (`WHERE …`, `ORDER BY …`) as inserts to
/// push, as the insert trigger would have, had capture been on when they were written.
pub(crate) fn queue_rows(
    tx: &Connection,
    table: &str,
    rest: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<usize> {
    let columns = columns(tx, table)?;
    tx.execute(
        &format!(
            "INSERT INTO outbox (id, hlc, tbl, row_id, op, data, author)
             SELECT balie_change_id(), balie_hlc(), '{table}', id, 'insert', {},
               balie_author()
             FROM {table} {rest}",
            row_json(&columns, "")
        ),
        params,
    )
}

/// `json_object('a', NEW.a, …)`: a row as the change that inserts it carries it.
fn row_json(columns: &[String], prefix: &str) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{c}', {prefix}\"{c}\""))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// The triggers for one table, generated from its columns so that a column a later
/// migration adds travels too.
fn triggers(table: &str, columns: &[String]) -> Vec<(String, String)> {
    let mut made = vec![(
        format!("balie_capture_{table}_insert"),
        format!(
            "CREATE TRIGGER balie_capture_{table}_insert AFTER INSERT ON {table}
             WHEN balie_capturing() BEGIN
               INSERT INTO outbox (id, hlc, tbl, row_id, op, data, author)
               VALUES (balie_change_id(), balie_hlc(), '{table}', NEW.id, 'insert', {},
                 balie_author());
             END",
            row_json(columns, "NEW.")
        ),
    )];
    // Events are only ever inserted; forget's edits of them run with capture paused.
    if matches!(table, "events" | "caller_events") {
        return made;
    }
    let fields: Vec<String> = columns
        .iter()
        .filter(|c| !derived(table, c))
        .map(|c| {
            format!(
                "SELECT '{c}' AS col, json_quote(OLD.\"{c}\") AS o, json_quote(NEW.\"{c}\") AS n"
            )
        })
        .collect();
    made.push((
        format!("balie_capture_{table}_update"),
        format!(
            "CREATE TRIGGER balie_capture_{table}_update AFTER UPDATE ON {table}
             WHEN balie_capturing() BEGIN
               INSERT INTO outbox (id, hlc, tbl, row_id, op, col, old, new, author)
               SELECT balie_change_id(), balie_hlc(), '{table}', NEW.id, 'update', col, o, n,
                 balie_author()
               FROM ({}) WHERE o IS NOT n;
             END",
            fields.join(" UNION ALL ")
        ),
    ));
    made.push((
        format!("balie_capture_{table}_delete"),
        format!(
            "CREATE TRIGGER balie_capture_{table}_delete AFTER DELETE ON {table}
             WHEN balie_capturing() BEGIN
               INSERT INTO outbox (id, hlc, tbl, row_id, op, author)
               VALUES (balie_change_id(), balie_hlc(), '{table}', OLD.id, 'delete',
                 balie_author());
             END"
        ),
    ));
    made
}

/// Creates the capture triggers, or recreates those a migration has made stale. Cheap when
/// nothing changed: one read of the schema.
pub(crate) fn install(conn: &Connection) -> rusqlite::Result<()> {
    for table in SHARED_TABLES {
        let columns = columns(conn, table)?;
        for (name, sql) in triggers(table, &columns) {
            let existing: Option<String> = conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                    [&name],
                    |r| r.get(0),
                )
                .ok();
            if existing.as_deref() == Some(sql.as_str()) {
                continue;
            }
            if existing.is_some() {
                conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
            }
            conn.execute_batch(&sql)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_fields_do_not_travel_and_chosen_ones_do() {
        let columns: Vec<String> = ["id", "name", "search_text", "updated_at"]
            .map(String::from)
            .to_vec();
        let (_, update) = &triggers("callers", &columns)[1];
        assert!(update.contains("'name' AS col"));
        assert!(!update.contains("'search_text' AS col"));
        assert!(!update.contains("'updated_at' AS col"));
    }

    #[test]
    fn known_columns_are_read_again_when_the_schema_changes() {
        let conn = Connection::open_in_memory().expect("database");
        conn.execute_batch("CREATE TABLE notes (id TEXT, text TEXT)")
            .expect("table");
        let mut known = KnownColumns::default();
        known.follow_schema(&conn).expect("schema");
        assert_eq!(known.of(&conn, "notes").expect("columns"), ["id", "text"]);
        conn.execute_batch("ALTER TABLE notes ADD COLUMN author TEXT")
            .expect("altered");
        known.follow_schema(&conn).expect("schema");
        assert_eq!(
            known.of(&conn, "notes").expect("columns"),
            ["id", "text", "author"]
        );
    }
}
