//! What the team lead reads: open promises across agents and each agent's record of
//! promises kept. Aggregates run in SQL so that a year of promises is summed without
//! loading it.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::figures::{millis, period_start};
use super::promises::{PROMISE_SELECT, promise_from_row};
use super::{Result, Store, StoreError, parse_code, parse_ts, ts};
use crate::domain::figures::TicketRecord;
use crate::domain::outcome::OverduePromise;
use crate::domain::outcome::Record;
use crate::domain::{Channel, Promise};

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

    /// Open promises past their deadline, longest overdue first: only the columns
    /// `balie overdue` prints, read along the open promises' deadline index.
    pub fn overdue_promises(
        &self,
        agent: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<OverduePromise>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, t.key, p.owner, p.recipient, p.what, p.channel, p.due_at
             FROM promises p INDEXED BY promises_open_printed JOIN tickets t ON t.id = p.ticket_id
             WHERE p.state = 'open' AND p.due_at < ?1 AND p.deleted_at IS NULL
             AND (?2 IS NULL OR p.owner = ?2)
             ORDER BY p.due_at",
        )?;
        let rows = stmt.query_map(params![ts(now), agent], |r| {
            Ok(OverduePromise {
                id: r.get(0)?,
                ticket_key: r.get(1)?,
                owner: r.get(2)?,
                to: r.get(3)?,
                what: r.get(4)?,
                channel: parse_code(&r.get::<_, String>(5)?, Channel::from_code)?,
                due_at: parse_ts(&r.get::<_, String>(6)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Promises made since `since`, counted per agent by outcome, from one range of the
    /// kept figures. An open promise is broken once its deadline has passed `now`, as
    /// `outcome::classify` says; a test holds the two to the same answers.
    pub fn promise_records(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        agent: Option<&str>,
    ) -> Result<Vec<Record>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT owner, count(*), sum(outcome = 1), sum(outcome = 2),
               sum(outcome = 3 OR (outcome = 0 AND due < ?2)), sum(outcome = 4),
               sum(outcome = 5), sum(outcome = 0 AND due >= ?2)
             FROM promise_figures
             WHERE id >= ?1 AND (?3 IS NULL OR owner = ?3)
             GROUP BY owner ORDER BY owner",
        )?;
        let rows = stmt.query_map(params![period_start(since), millis(now), agent], |r| {
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

    /// Tickets opened since `since`, counted per assignee: resolved, resolved at the first
    /// contact, and resolved within their SLA, from one range of the kept figures. Refused
    /// when the figures were made under other settings than the desk's
    /// (`use_figure_rules` brings them in line).
    pub fn ticket_records(
        &self,
        since: DateTime<Utc>,
        agent: Option<&str>,
    ) -> Result<Vec<TicketRecord>> {
        if !self.figures_follow(&self.figure_rules)? {
            return Err(StoreError::Invalid(
                "the desk's figures were worked out under other settings; \
                 run `balie check --rebuild` to work them out again"
                    .into(),
            ));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT assignee, count(*), sum(first_contact > 0), sum(first_contact = 1),
               sum(sla > 0), sum(sla = 1)
             FROM ticket_figures
             WHERE id >= ?1 AND (?2 IS NULL OR assignee = ?2)
             GROUP BY assignee ORDER BY assignee",
        )?;
        let rows = stmt.query_map(params![period_start(since), agent], |r| {
            Ok(TicketRecord {
                agent: r.get(0)?,
                tickets: r.get(1)?,
                resolved: r.get(2)?,
                first_contact: r.get(3)?,
                sla_resolved: r.get(4)?,
                sla_met: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
