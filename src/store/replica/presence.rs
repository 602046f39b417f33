//! Presence: which ticket this desk has open, for the team store to pass on, and who else
//! has a ticket open, as the store last said. Neither is shared as a change: both are about
//! this moment only.

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::domain::new_id;
use crate::store::{Result, Store, ts};

impl Store {
    /// Notes the ticket the agent has open now (`None`: none).
    pub fn set_viewing(&mut self, ticket_id: Option<&str>) -> Result<()> {
        self.write(|tx, _| {
            tx.execute(
                "UPDATE team SET viewing = ?1 WHERE viewing IS NOT ?1",
                [ticket_id],
            )?;
            Ok(())
        })
    }

    pub fn viewing(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT viewing FROM team LIMIT 1", [], |r| r.get(0))?)
    }

    /// Replaces who is where with what the team store reported; writes nothing when nothing
    /// changed, so the desk does not redraw for it.
    pub fn set_present(&mut self, present: &[(String, String)], now: DateTime<Utc>) -> Result<()> {
        let mut known = self.present_everywhere()?;
        known.sort();
        let mut reported = present.to_vec();
        reported.sort();
        if known == reported {
            return Ok(());
        }
        self.write(|tx, agent| {
            tx.execute("DELETE FROM presence", [])?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO presence (id, agent, ticket_id, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
            )?;
            for (who, ticket) in &reported {
                insert.execute(params![new_id(), who, ticket, ts(now), agent])?;
            }
            Ok(())
        })
    }

    fn present_everywhere(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT agent, ticket_id FROM presence")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The other agents who have this ticket open now.
    pub fn present_on(&self, ticket_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT agent FROM presence WHERE ticket_id = ?1 ORDER BY agent",
        )?;
        let rows = stmt.query_map([ticket_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
