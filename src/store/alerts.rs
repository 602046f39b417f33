//! Reminders about promises, kept so that a reminder is given once, and so that the team
//! lead sees the ones nobody acted on.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::promises::{PROMISE_SELECT, promise_from_row_at};
use super::{Result, Store, parse_code, parse_ts, ts};
use crate::domain::{Alert, AlertKind, new_id};

impl Store {
    /// Records that the agent was reminded; a second reminder of the same kind is ignored.
    pub fn record_alert(
        &mut self,
        promise_id: &str,
        kind: AlertKind,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx, agent| {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO alerts (id, promise_id, kind, at, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?4, ?5)",
            )?
            .execute(params![new_id(), promise_id, kind.code(), ts(now), agent])?;
            Ok(())
        })
    }

    /// Reminders given about promises that are still open, for one agent or all, oldest
    /// first.
    pub fn unacted_alerts(&self, owner: Option<&str>, limit: usize) -> Result<Vec<Alert>> {
        let with_alert = PROMISE_SELECT.replacen("SELECT ", "SELECT a.id, a.kind, a.at, ", 1);
        let sql = format!(
            "{with_alert} JOIN alerts a ON a.promise_id = p.id AND a.acted_at IS NULL
             WHERE p.state = 'open' AND (?1 IS NULL OR p.owner = ?1)
             ORDER BY a.at LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![owner, limit as i64], |r| {
            // The alert's own columns come first; the promise's follow at offset 3.
            Ok(Alert {
                id: r.get(0)?,
                kind: parse_code(&r.get::<_, String>(1)?, AlertKind::from_code)?,
                at: parse_ts(&r.get::<_, String>(2)?)?,
                promise: promise_from_row_at(r, 3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
