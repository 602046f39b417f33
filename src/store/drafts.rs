//! Text an agent was typing when the desk stopped: kept per agent, so a dropped ssh session
//! or a shutdown does not cost the note they were writing.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, parse_ts, ts};

impl Store {
    /// Replaces this agent's draft. Not an event: a draft is not part of any ticket's
    /// history until it is saved.
    pub fn save_draft(&mut self, draft: &str, now: DateTime<Utc>) -> Result<()> {
        let now = ts(now);
        self.write(|tx, agent| {
            tx.prepare_cached(
                "INSERT INTO drafts (agent, saved_at, draft) VALUES (?1, ?2, ?3)
                 ON CONFLICT (agent) DO UPDATE SET saved_at = ?2, draft = ?3",
            )?
            .execute(params![agent, now, draft])?;
            Ok(())
        })
    }

    pub fn clear_draft(&mut self) -> Result<()> {
        self.write(|tx, agent| {
            tx.prepare_cached("DELETE FROM drafts WHERE agent = ?1")?
                .execute([agent])?;
            Ok(())
        })
    }

    /// This agent's draft and when it was saved.
    pub fn draft(&self) -> Result<Option<(String, DateTime<Utc>)>> {
        let row = self
            .conn
            .prepare_cached("SELECT draft, saved_at FROM drafts WHERE agent = ?1")?
            .query_row([&self.agent], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?;
        row.map(|(draft, at)| Ok((draft, parse_ts(&at)?)))
            .transpose()
    }
}
