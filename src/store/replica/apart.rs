//! Work done on one ticket by two agents who could not see each other: one of the desks was
//! cut off, so neither knew the other was on it (presence only covers desks that are online).
//! It shows when the other's events arrive late, beside work of this desk's own agent from
//! about the same time, and stays on the ticket for a day, so that two agents do not both
//! call the caller back.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, params};

use crate::domain::new_id;
use crate::store::{Result, Store, parse_ts, ts};

/// An event that reaches this desk later than this after it was made came from a desk that
/// was cut off, or reached a desk that was. (A desk whose clock is this far off may make its
/// work look apart when it was not.)
pub(super) const LATE: Duration = Duration::minutes(5);

/// How far apart two agents' events may be and still count as the same piece of work.
const SAME_WORK: Duration = Duration::hours(2);

/// How long the ticket keeps saying so.
const SHOWN_FOR: Duration = Duration::hours(24);

/// Records that `by` worked on `ticket` apart from this desk's `agent`, when `agent` has
/// events of their own on it from about the time of `made`.
pub(super) fn note(
    tx: &Connection,
    ticket: &str,
    by: &str,
    made: DateTime<Utc>,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let ours: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events
               WHERE ticket_id = ?1 AND by = ?2 AND at BETWEEN ?3 AND ?4)",
        )?
        .query_row(
            params![ticket, agent, ts(made - SAME_WORK), ts(made + SAME_WORK)],
            |r| r.get(0),
        )?;
    if !ours {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO worked_apart (id, ticket_id, agent, at, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
         ON CONFLICT (ticket_id, agent) DO UPDATE SET
           at = max(at, excluded.at), updated_at = excluded.updated_at",
    )?
    .execute(params![new_id(), ticket, by, ts(made), ts(now), agent])?;
    Ok(())
}

impl Store {
    /// The other agents who worked on this ticket apart from this desk in the last day, with
    /// the newest moment of that work, oldest first.
    pub fn worked_apart(
        &self,
        ticket_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, DateTime<Utc>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT agent, at FROM worked_apart WHERE ticket_id = ?1 AND at > ?2 ORDER BY at",
        )?;
        let rows = stmt.query_map(params![ticket_id, ts(now - SHOWN_FOR)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut apart = Vec::new();
        for row in rows {
            let (agent, at) = row?;
            apart.push((agent, parse_ts(&at)?));
        }
        Ok(apart)
    }
}
