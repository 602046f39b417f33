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

/// `balie overdue`'s rows, all of them in the open promises' index (`promises_open_printed`).
const OVERDUE: &str = "SELECT id, ticket_key, owner, recipient, what, channel, due_at
     FROM promises INDEXED BY promises_open_printed
     WHERE state = 'open' AND due_at < ?1 AND deleted_at IS NULL
     AND (?2 IS NULL OR owner = ?2)
     ORDER BY due_at";

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
    /// `balie overdue` prints, the ticket's key among them, all read from the open
    /// promises' deadline index without a visit to a promise's row or its ticket.
    pub fn overdue_promises(
        &self,
        agent: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<OverduePromise>> {
        let mut stmt = self.conn.prepare_cached(OVERDUE)?;
        let rows = stmt.query_map(params![ts(now), agent], |r| {
            Ok(OverduePromise {
                id: r.get(0)?,
                ticket_key: r.get(1)?,
                owner: r.get(2)?,
                to: r.get(3)?,
                what: r.get(4)?,
                channel: parse_code(r.get_ref(5)?.as_str()?, Channel::from_code)?,
                due_at: parse_ts(r.get_ref(6)?.as_str()?)?,
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

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::OVERDUE;
    use crate::store::fixtures::{new_promise, one_call};

    #[test]
    fn the_overdue_list_is_one_read_of_the_open_promises_index() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let (store, _) = one_call("Jan de Vries", "Printer offline", now);
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {OVERDUE}"))
            .unwrap()
            .query_map(rusqlite::params![crate::store::ts(now), "anna"], |r| {
                r.get(3)
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // No visit to a promise's row or its ticket, and no sort: the index is in deadline
        // order already.
        assert_eq!(plan.len(), 1, "{plan:?}");
        assert!(
            plan[0].contains("USING COVERING INDEX promises_open_printed"),
            "{plan:?}"
        );
    }

    #[test]
    fn an_overdue_promise_names_its_ticket_by_the_key_the_caller_was_given() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let (mut store, ticket) = one_call("Jan de Vries", "Printer offline", now);
        let promise = new_promise(
            &ticket.id,
            "Ring back about the toner",
            now + Duration::hours(1),
        );
        store.make_promise(&promise, now).unwrap();
        let later = now + Duration::hours(2);
        let overdue = store.overdue_promises(None, later).unwrap();
        assert_eq!(overdue.len(), 1);
        assert_eq!(overdue[0].ticket_key, ticket.key);
        assert_eq!(overdue[0].to, "Jan de Vries");
    }
}
