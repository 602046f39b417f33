//! The whole desk, table by table, for `balie export json` and `balie import json`. Only
//! the tables that hold what people did are read and written; what is derived from them
//! (the search texts, `caller_fts`, `ticket_fts`) is rebuilt on the way in, so that a file
//! edited by hand cannot leave the search disagreeing with the records.

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, params_from_iter};
use serde_json::Value;

use super::callers::search_text;
use super::schema::FORGOTTEN;
use super::{Result, Store, StoreError, parse_ts};
use crate::domain::fold::fold;
use crate::domain::{Channel, EventKind, NewCaller, PromiseState, Status};

/// What a column may hold, checked before a row is written.
#[derive(Clone, Copy, Debug)]
pub enum ColumnKind {
    Text,
    Integer,
    /// UTC text as the store writes it (`2026-11-23T09:00:00.000Z`).
    Instant,
    /// Text holding a JSON object (an event's facts).
    Json,
    /// One of a closed set of codes.
    Code(fn(&str) -> bool),
}

#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnKind,
    pub nullable: bool,
}

#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Column],
    /// Columns computed from the others after the rows are in; written empty first.
    derived: &'static [&'static str],
}

const fn col(name: &'static str, kind: ColumnKind) -> Column {
    Column {
        name,
        kind,
        nullable: false,
    }
}

const fn null(name: &'static str, kind: ColumnKind) -> Column {
    Column {
        name,
        kind,
        nullable: true,
    }
}

use ColumnKind::{Instant, Integer, Json, Text};

const STAMPS: [Column; 4] = [
    col("created_at", Instant),
    col("updated_at", Instant),
    col("updated_by", Text),
    null("deleted_at", Instant),
];

macro_rules! with_stamps {
    ($($column:expr),+ $(,)?) => {
        &[$($column,)+ STAMPS[0], STAMPS[1], STAMPS[2], STAMPS[3]]
    };
}

fn status(code: &str) -> bool {
    Status::from_code(code).is_some()
}
fn event_kind(code: &str) -> bool {
    EventKind::from_code(code).is_some()
}
fn caller_event_kind(code: &str) -> bool {
    crate::domain::caller_change::CallerEventKind::from_code(code).is_some()
}
fn channel(code: &str) -> bool {
    Channel::from_code(code).is_some()
}
fn call_direction(code: &str) -> bool {
    crate::domain::calls::CallDirection::from_code(code).is_some()
}
fn call_state(code: &str) -> bool {
    crate::domain::calls::CallState::from_code(code).is_some()
}
fn promise_state(code: &str) -> bool {
    PromiseState::from_code(code).is_some()
}

/// In an order where every row's references point at rows already written.
pub const DESK_TABLES: &[Table] = &[
    Table {
        name: "callers",
        columns: with_stamps![
            col("id", Text),
            col("name", Text),
            col("organization", Text),
            null("merged_into", Text),
        ],
        derived: &["name_folded", "search_text"],
    },
    Table {
        name: "caller_handles",
        columns: with_stamps![
            col("id", Text),
            col("caller_id", Text),
            col("kind", Text),
            col("value", Text),
        ],
        derived: &[],
    },
    Table {
        name: "tickets",
        columns: with_stamps![
            col("id", Text),
            col("number", Integer),
            col("key", Text),
            null("caller_id", Text),
            col("subject", Text),
            col("status", ColumnKind::Code(status)),
            col("impact", Integer),
            col("urgency", Integer),
            col("priority", Integer),
            null("category", Text),
            null("assignee", Text),
            col("last_activity_at", Instant),
            col("tier", Integer),
            null("support_group", Text),
            col("major", Integer),
            null("incident_id", Text),
        ],
        derived: &[],
    },
    Table {
        name: "events",
        columns: with_stamps![
            col("id", Text),
            col("ticket_id", Text),
            null("caller_id", Text),
            col("kind", ColumnKind::Code(event_kind)),
            col("at", Instant),
            col("by", Text),
            col("text", Text),
            col("data", Json),
        ],
        derived: &[],
    },
    Table {
        name: "promises",
        columns: with_stamps![
            col("id", Text),
            col("ticket_id", Text),
            null("caller_id", Text),
            col("what", Text),
            col("recipient", Text),
            col("channel", ColumnKind::Code(channel)),
            col("due_at", Instant),
            col("owner", Text),
            col("state", ColumnKind::Code(promise_state)),
            col("kind", Text),
            null("closed_at", Instant),
            null("replaces_id", Text),
        ],
        derived: &[],
    },
    Table {
        name: "alerts",
        columns: with_stamps![
            col("id", Text),
            col("promise_id", Text),
            col("kind", Text),
            col("at", Instant),
            null("acted_at", Instant),
        ],
        derived: &[],
    },
    Table {
        name: "caller_events",
        columns: with_stamps![
            col("id", Text),
            col("caller_id", Text),
            col("kind", ColumnKind::Code(caller_event_kind)),
            col("at", Instant),
            col("by", Text),
            col("text", Text),
            col("data", Json),
        ],
        derived: &[],
    },
    Table {
        name: "erasures",
        columns: with_stamps![col("id", Text), col("caller_id", Text)],
        derived: &[],
    },
    Table {
        name: "erasure_reviews",
        columns: with_stamps![
            col("id", Text),
            col("erasure_id", Text),
            col("event_id", Text),
            null("reviewed_at", Instant),
        ],
        derived: &[],
    },
    Table {
        name: "calls",
        columns: with_stamps![
            col("id", Text),
            col("call_id", Text),
            col("direction", ColumnKind::Code(call_direction)),
            col("number", Text),
            col("digits", Text),
            null("caller_id", Text),
            col("state", ColumnKind::Code(call_state)),
            null("agent", Text),
            col("users", Json),
            null("queue", Text),
            col("started_at", Instant),
            null("answered_at", Instant),
            null("ended_at", Instant),
            null("cause", Text),
            null("ticket_id", Text),
            null("callback_id", Text),
        ],
        derived: &[],
    },
    Table {
        name: "drafts",
        columns: &[
            col("agent", Text),
            col("saved_at", Instant),
            col("draft", Text),
        ],
        derived: &[],
    },
];

impl Column {
    /// Whether `value` may be written to this column; the problem in words if not.
    pub fn check(&self, value: &Value) -> std::result::Result<(), String> {
        let name = self.name;
        match (value, self.kind) {
            (Value::Null, _) if self.nullable => Ok(()),
            (Value::Null, _) => Err(format!("\"{name}\" may not be null")),
            (Value::Number(n), ColumnKind::Integer) if n.is_i64() => Ok(()),
            (_, ColumnKind::Integer) => Err(format!("\"{name}\" must be a whole number")),
            (Value::String(text), ColumnKind::Text) => {
                if text.contains('\0') {
                    Err(format!("\"{name}\" holds a NUL character"))
                } else {
                    Ok(())
                }
            }
            (Value::String(text), ColumnKind::Instant) => {
                parse_ts(text).map(|_| ()).map_err(|_| {
                    format!(
                        "\"{name}\" is not a UTC time like 2026-11-23T09:00:00.000Z: \"{text}\""
                    )
                })
            }
            (Value::String(text), ColumnKind::Json) => match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(_)) => Ok(()),
                _ => Err(format!("\"{name}\" must be a JSON object written as text")),
            },
            (Value::String(text), ColumnKind::Code(known)) if known(text) => Ok(()),
            (Value::String(text), ColumnKind::Code(_)) => {
                Err(format!("\"{name}\" has an unknown value \"{text}\""))
            }
            _ => Err(format!("\"{name}\" must be text")),
        }
    }
}

/// How many rows each table received.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestoreCounts(pub Vec<(&'static str, usize)>);

impl RestoreCounts {
    pub fn of(&self, table: &str) -> usize {
        self.0
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// Writes the rows of a restore, all inside its one transaction.
pub struct Restore<'a> {
    conn: &'a Connection,
    counts: RestoreCounts,
}

impl Restore<'_> {
    /// Writes one row, its values in the order of `table.columns`, each already checked
    /// with `Column::check`.
    pub fn insert(&mut self, table: &'static Table, values: &[Value]) -> Result<()> {
        let names: Vec<&str> = table
            .columns
            .iter()
            .map(|c| c.name)
            .chain(table.derived.iter().copied())
            .collect();
        let slots: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.name,
            names.join(", "),
            slots.join(", ")
        );
        let mut params: Vec<SqlValue> = values.iter().map(to_sql).collect();
        params.extend(table.derived.iter().map(|_| SqlValue::Text(String::new())));
        self.conn
            .prepare_cached(&sql)?
            .execute(params_from_iter(params))?;
        match self
            .counts
            .0
            .iter_mut()
            .find(|(name, _)| *name == table.name)
        {
            Some((_, n)) => *n += 1,
            None => self.counts.0.push((table.name, 1)),
        }
        Ok(())
    }
}

fn to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map_or(SqlValue::Null, SqlValue::Integer),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn to_json(value: SqlValue, table: &Table, column: &Column) -> Result<Value> {
    Ok(match value {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => Value::from(f),
        SqlValue::Text(s) => Value::String(s),
        SqlValue::Blob(_) => {
            return Err(StoreError::Invalid(format!(
                "{}.{} holds binary data, which an export cannot carry",
                table.name, column.name
            )));
        }
    })
}

impl Store {
    /// Rows per table of the desk's own data, in `DESK_TABLES` order.
    pub fn desk_rows(&self) -> Result<Vec<(&'static str, i64)>> {
        DESK_TABLES
            .iter()
            .map(|table| {
                let sql = format!("SELECT count(*) FROM {}", table.name);
                Ok((table.name, self.conn.query_row(&sql, [], |r| r.get(0))?))
            })
            .collect()
    }

    /// Every row of every desk table from one snapshot, tables in `DESK_TABLES` order and
    /// rows in the order they were written, so the same desk always reads the same.
    /// `visit` is called with `None` once per table, before its rows.
    pub fn read_desk<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(&'static Table, Option<Vec<Value>>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        // One read transaction: a desk saving meanwhile cannot leave an event in the file
        // whose ticket is not.
        self.conn.execute_batch("BEGIN").map_err(StoreError::from)?;
        let result = (|| {
            for table in DESK_TABLES {
                visit(table, None)?;
                let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
                let sql = format!(
                    "SELECT {} FROM {} ORDER BY rowid",
                    names.join(", "),
                    table.name
                );
                let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
                let mut rows = stmt.query([]).map_err(StoreError::from)?;
                while let Some(r) = rows.next().map_err(StoreError::from)? {
                    let mut values = Vec::with_capacity(table.columns.len());
                    for (i, column) in table.columns.iter().enumerate() {
                        let value: SqlValue = r.get(i).map_err(StoreError::from)?;
                        values.push(to_json(value, table, column)?);
                    }
                    visit(table, Some(values))?;
                }
            }
            Ok(())
        })();
        self.conn
            .execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" })
            .map_err(StoreError::from)?;
        result
    }

    /// Fills an empty desk with the rows `fill` writes, then rebuilds what is derived from
    /// them, all in one transaction: kept only when `keep` and everything succeeded.
    pub fn restore_desk<E: From<StoreError>>(
        &mut self,
        keep: bool,
        fill: impl FnOnce(&mut Restore) -> std::result::Result<(), E>,
    ) -> std::result::Result<RestoreCounts, E> {
        self.in_bulk_transaction(keep, |store| {
            let held: Vec<String> = store
                .desk_rows()?
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(table, n)| format!("{n} {table}"))
                .collect();
            if !held.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "the desk already holds data ({})",
                    held.join(", ")
                ))
                .into());
            }
            // A ticket may be linked to a major incident declared after it: references
            // are checked once every row is in.
            store
                .conn
                .execute_batch("PRAGMA defer_foreign_keys = ON;")
                .map_err(StoreError::from)?;
            let mut restore = Restore {
                conn: &store.conn,
                counts: RestoreCounts::default(),
            };
            fill(&mut restore)?;
            let counts = restore.counts;
            rebuild_caller_search(&store.conn)?;
            super::figures::rebuild_figures(&store.conn, &store.figure_rules, &store.agent)?;
            Ok(counts)
        })
    }
}

/// Search texts and the caller index, as `insert_caller` makes them. A forgotten caller
/// gets neither, as after `balie forget`, and must not have any personal data back.
fn rebuild_caller_search(conn: &Connection) -> Result<()> {
    let mut callers = conn.prepare(
        "SELECT id, name, organization, id IN (SELECT caller_id FROM erasures)
         FROM callers WHERE merged_into IS NULL ORDER BY rowid",
    )?;
    let mut handles = conn.prepare(
        "SELECT kind, value FROM caller_handles
         WHERE caller_id = ?1 AND deleted_at IS NULL ORDER BY rowid",
    )?;
    let mut any_handle =
        conn.prepare("SELECT EXISTS (SELECT 1 FROM caller_handles WHERE caller_id = ?1)")?;
    let mut update =
        conn.prepare("UPDATE callers SET name_folded = ?2, search_text = ?3 WHERE id = ?1")?;
    let mut rows = callers.query([])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let mut caller = NewCaller {
            name: row.get(1)?,
            organization: row.get(2)?,
            ..NewCaller::default()
        };
        if row.get::<_, bool>(3)? {
            let has_handles: bool = any_handle.query_row([&id], |r| r.get(0))?;
            if caller.name != FORGOTTEN || !caller.organization.is_empty() || has_handles {
                return Err(StoreError::Invalid(format!(
                    "caller {id} was forgotten (balie forget), but the file holds their name \
                     or details; they are not brought back"
                )));
            }
            continue;
        }
        let mut found = handles.query([&id])?;
        while let Some(handle) = found.next()? {
            let value: String = handle.get(1)?;
            match handle.get::<_, String>(0)?.as_str() {
                "phone" => caller.phones.push(value),
                "email" => caller.emails.push(value),
                _ => caller.identifiers.push(value),
            }
        }
        let text = search_text(&caller);
        update.execute(rusqlite::params![id, fold(caller.name.trim()), text])?;
        super::caller_index::index_caller(conn, &id, &text)?;
    }
    Ok(())
}
