//! Conflicts the team store found, as the desk shows them, and their resolution. Resolving
//! one is a change like any other: it travels to every desk, and when the value that lost is
//! chosen, the field is set to it against the value that won, so no new conflict arises.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use crate::domain::EventKind;
use crate::domain::change::{Conflict, Keep};
use crate::store::tickets::insert_event;
use crate::store::{Result, Store, StoreError, parse_ts, ts};

const SELECT: &str = "SELECT c.id, c.tbl, c.row_id, c.col, c.ticket_id, t.key, c.kept, c.kept_by,
    c.kept_at, c.lost, c.lost_by, c.lost_at
  FROM conflicts c LEFT JOIN tickets t ON t.id = c.ticket_id
  WHERE c.resolved_at IS NULL";

fn conflict_from_row(r: &rusqlite::Row) -> rusqlite::Result<Conflict> {
    let json = |i: usize| -> rusqlite::Result<Value> {
        let text: String = r.get(i)?;
        Ok(serde_json::from_str(&text).unwrap_or(Value::String(text)))
    };
    Ok(Conflict {
        id: r.get(0)?,
        table: r.get(1)?,
        row_id: r.get(2)?,
        column: r.get(3)?,
        ticket_id: r.get(4)?,
        ticket_key: r.get(5)?,
        kept: json(6)?,
        kept_by: r.get(7)?,
        kept_at: parse_ts(&r.get::<_, String>(8)?)?,
        lost: json(9)?,
        lost_by: r.get(10)?,
        lost_at: parse_ts(&r.get::<_, String>(11)?)?,
    })
}

impl Store {
    /// Open conflicts, on one ticket or on every one, oldest first.
    pub fn open_conflicts(&self, ticket_id: Option<&str>) -> Result<Vec<Conflict>> {
        let sql =
            format!("{SELECT} AND (?1 IS NULL OR c.ticket_id = ?1) ORDER BY c.created_at, c.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([ticket_id], conflict_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Settles a conflict: records who chose what, and sets the field when the value that
    /// lost is chosen. Returns the conflict as it stood.
    pub fn resolve_conflict(
        &mut self,
        id: &str,
        keep: Keep,
        now: DateTime<Utc>,
    ) -> Result<Conflict> {
        // Looked up inside the write, so that a decision pulled from another desk a moment
        // earlier is seen and not overwritten.
        self.write(|tx, agent| {
            let conflict = tx
                .query_row(&format!("{SELECT} AND c.id = ?1"), [id], conflict_from_row)
                .optional()?;
            let Some(conflict) = conflict else {
                return Err(settled_already(tx, id));
            };
            if keep == Keep::Lost {
                let table = match conflict.table.as_str() {
                    t @ ("tickets" | "callers" | "caller_handles" | "promises") => t,
                    other => return Err(StoreError::Invalid(format!("unknown table {other}"))),
                };
                let column = conflict.column.replace('"', "");
                let value = match &conflict.lost {
                    Value::Null => rusqlite::types::Value::Null,
                    Value::String(s) => rusqlite::types::Value::Text(s.clone()),
                    Value::Number(n) => n
                        .as_i64()
                        .map(rusqlite::types::Value::Integer)
                        .unwrap_or(rusqlite::types::Value::Real(n.as_f64().unwrap_or_default())),
                    other => rusqlite::types::Value::Text(other.to_string()),
                };
                tx.execute(
                    &format!(
                        "UPDATE {table} SET \"{column}\" = ?2, updated_at = ?3, updated_by = ?4
                         WHERE id = ?1"
                    ),
                    params![conflict.row_id, value, ts(now), agent],
                )?;
            }
            let resolution = match keep {
                Keep::Kept => "kept",
                Keep::Lost => "lost",
            };
            // The decision shows on the ticket's timeline, where the conflict did.
            if let Some(ticket_id) = &conflict.ticket_id {
                let (chosen, over) = conflict.chosen(keep);
                insert_event(
                    tx,
                    ticket_id,
                    EventKind::ConflictSettled,
                    "",
                    json!({
                        "field": conflict.column,
                        "value": chosen,
                        "over": over,
                    }),
                    agent,
                    now,
                )?;
            }
            tx.execute(
                "UPDATE conflicts SET resolved_at = ?2, resolved_by = ?3, resolution = ?4,
                   updated_at = ?2, updated_by = ?3
                 WHERE id = ?1",
                params![id, ts(now), agent, resolution],
            )?;
            Ok(conflict)
        })
    }
}

/// Why a conflict is not open: who settled it and when (another desk's decision that
/// arrived while this desk's agent was choosing), or that there is no such conflict.
fn settled_already(conn: &rusqlite::Connection, id: &str) -> StoreError {
    let settled = conn
        .query_row(
            "SELECT resolved_by, resolved_at FROM conflicts
             WHERE id = ?1 AND resolved_at IS NOT NULL",
            [id],
            |r| Ok((r.get::<_, String>(0)?, parse_ts(&r.get::<_, String>(1)?)?)),
        )
        .optional();
    match settled {
        Ok(Some((by, at))) => StoreError::ConflictSettled { by, at },
        Ok(None) => StoreError::NotFound(format!("open conflict {id}")),
        Err(e) => e.into(),
    }
}
