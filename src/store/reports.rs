//! What the team lead reads: open promises across agents, each agent's record of promises
//! kept, and first-contact resolution. Aggregates run in SQL so that a year of promises is
//! summed without loading it.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::promises::{PROMISE_SELECT, promise_from_row};
use super::{Result, Store, ts};
use crate::domain::Promise;
use crate::outcome::Record;

/// First-contact resolution of one agent's tickets over a period.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct FirstContact {
    pub agent: String,
    pub tickets: i64,
    pub resolved: i64,
    pub first_contact: i64,
}

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

    /// Tickets opened since `since`, per assignee: how many were resolved, and how many of
    /// those before any second contact with the caller and without being reopened within
    /// `reopen_days` of the resolution.
    pub fn first_contact_resolution(
        &self,
        since: DateTime<Utc>,
        reopen_days: u32,
        agent: Option<&str>,
    ) -> Result<Vec<FirstContact>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH resolved AS (
               SELECT t.id, coalesce(t.assignee, '') AS agent,
                 (SELECT min(e.at) FROM events e WHERE e.ticket_id = t.id AND e.kind = 'status'
                    AND json_extract(e.data, '$.to') IN ('resolved', 'closed')) AS at
               FROM tickets t
               WHERE t.created_at >= ?1 AND t.deleted_at IS NULL
                 AND (?3 IS NULL OR t.assignee = ?3))
             SELECT agent, count(*), count(at),
               sum(at IS NOT NULL
                 AND (SELECT count(*) FROM events e WHERE e.ticket_id = resolved.id
                        AND e.kind IN ('contact_in', 'contact_out') AND e.at <= resolved.at) <= 1
                 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = resolved.id
                        AND e.kind = 'status' AND e.at > resolved.at
                        AND e.at <= strftime('%Y-%m-%dT%H:%M:%fZ', resolved.at, ?2)
                        AND json_extract(e.data, '$.to') NOT IN ('resolved', 'closed')))
             FROM resolved GROUP BY agent ORDER BY agent",
        )?;
        let window = format!("+{reopen_days} days");
        let rows = stmt.query_map(params![ts(since), window, agent], |r| {
            Ok(FirstContact {
                agent: r.get(0)?,
                tickets: r.get(1)?,
                resolved: r.get(2)?,
                first_contact: r.get::<_, Option<i64>>(3)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
