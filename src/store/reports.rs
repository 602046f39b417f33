//! What the team lead reads: open promises across agents and each agent's record of
//! promises kept. Aggregates run in SQL so that a year of promises is summed without
//! loading it.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::promises::{PROMISE_SELECT, promise_from_row};
use super::{Result, Store, ts};
use crate::domain::Promise;
use crate::domain::outcome::Record;

impl Store {
    /// Open promises of every agent (or one), earliest deadline first.
    pub fn open_promises_by_agent(
        &self,
        agent: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Promise>> {
        let sql = format!(
            "{PROMISE_SELECT} WHERE p.state = 'open' AND p.deleted_at IS NULL
             AND (?1 IS NULL OR p.owner = ?1)
             ORDER BY p.due_at LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![agent, limit as i64], promise_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open promises past their deadline, longest overdue first.
    pub fn overdue_promises(
        &self,
        agent: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Promise>> {
        let sql = format!(
            "{PROMISE_SELECT} WHERE p.state = 'open' AND p.due_at < ?1 AND p.deleted_at IS NULL
             AND (?2 IS NULL OR p.owner = ?2)
             ORDER BY p.due_at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![ts(now), agent], promise_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Promises made since `since`, counted per agent by outcome. The CASE arms are
    /// `outcome::classify` in SQL; a test holds the two to the same answers.
    pub fn promise_records(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        agent: Option<&str>,
    ) -> Result<Vec<Record>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT owner, count(*),
               sum(state = 'kept' AND closed_at <= due_at),
               sum(state = 'kept' AND NOT (closed_at <= due_at)),
               sum((state = 'open' AND ?2 > due_at)
                   OR (state IN ('cancelled', 'rescheduled') AND NOT (closed_at <= due_at))),
               sum(state = 'cancelled' AND closed_at <= due_at),
               sum(state = 'rescheduled' AND closed_at <= due_at),
               sum(state = 'open' AND ?2 <= due_at)
             FROM promises
             WHERE created_at >= ?1 AND deleted_at IS NULL AND (?3 IS NULL OR owner = ?3)
             GROUP BY owner ORDER BY owner",
        )?;
        let rows = stmt.query_map(params![ts(since), ts(now), agent], |r| {
            Ok(Record {
                agent: r.get(0)?,
                made: r.get(1)?,
                kept_on_time: r.get(2)?,
                kept_late: r.get(3)?,
                broken: r.get(4)?,
                cancelled_in_time: r.get(5)?,
                rescheduled_in_time: r.get(6)?,
                open: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
