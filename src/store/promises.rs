//! Promises to callers. A promise is never overwritten: keeping, cancelling and rescheduling
//! close it with an event, and a reschedule opens a new promise that points back at it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;

use super::tickets::{insert_event, ticket_in};
use super::{Result, Store, StoreError, checked_ts, parse_code, parse_ts, ts};
use crate::domain::{Channel, Counts, EventKind, NewPromise, Promise, PromiseState, new_id};

impl Store {
    pub fn make_promise(&mut self, new: &NewPromise, now: DateTime<Utc>) -> Result<Promise> {
        if new.what.trim().is_empty() {
            return Err(StoreError::Invalid("say what was promised".into()));
        }
        let id = new_id();
        self.write(|tx, agent| insert_promise(tx, &id, new, None, agent, now))?;
        self.promise(&id)
    }

    /// Keeping a callback is itself a contact with the caller, so it is logged as one.
    pub fn keep_promise(&mut self, id: &str, note: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx, agent| {
            let promise = open_promise_in(tx, id)?;
            close(tx, &promise, PromiseState::Kept, agent, now)?;
            insert_event(
                tx,
                &promise.ticket_id,
                EventKind::ContactOut,
                note,
                json!({"channel": promise.channel.code(), "promise": promise.id}),
                agent,
                now,
            )?;
            insert_event(
                tx,
                &promise.ticket_id,
                EventKind::PromiseKept,
                &promise.what,
                json!({"promise": promise.id, "due_at": ts(promise.due_at), "late": now > promise.due_at}),
                agent,
                now,
            )
        })
    }

    pub fn cancel_promise(&mut self, id: &str, reason: &str, now: DateTime<Utc>) -> Result<()> {
        require_reason(reason)?;
        self.write(|tx, agent| {
            let promise = open_promise_in(tx, id)?;
            close(tx, &promise, PromiseState::Cancelled, agent, now)?;
            insert_event(
                tx,
                &promise.ticket_id,
                EventKind::PromiseCancelled,
                reason,
                json!({"promise": promise.id, "due_at": ts(promise.due_at), "after_due": now > promise.due_at}),
                agent,
                now,
            )
        })
    }

    /// Closes the promise and opens its successor with the new deadline; returns the successor.
    pub fn reschedule_promise(
        &mut self,
        id: &str,
        due_at: DateTime<Utc>,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Promise> {
        require_reason(reason)?;
        let new_id = new_id();
        self.write(|tx, agent| {
            let old = open_promise_in(tx, id)?;
            close(tx, &old, PromiseState::Rescheduled, agent, now)?;
            insert_event(
                tx,
                &old.ticket_id,
                EventKind::PromiseRescheduled,
                reason,
                json!({
                    "promise": old.id, "successor": new_id,
                    "from": ts(old.due_at), "to": ts(due_at), "after_due": now > old.due_at,
                }),
                agent,
                now,
            )?;
            let successor = NewPromise {
                ticket_id: old.ticket_id.clone(),
                what: old.what.clone(),
                to: old.to.clone(),
                callback: old.callback,
                channel: old.channel,
                due_at,
            };
            insert_promise(tx, &new_id, &successor, Some(&old.id), agent, now)
        })?;
        self.promise(&new_id)
    }

    pub fn promise(&self, id: &str) -> Result<Promise> {
        let sql = format!("{PROMISE_SELECT} WHERE p.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], promise_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("promise {id}")))
    }

    /// Open promises of the whole desk, earliest deadline first.
    pub fn open_promises(&self, limit: usize) -> Result<Vec<Promise>> {
        let sql = format!(
            "{PROMISE_SELECT} WHERE p.state = 'open' AND p.deleted_at IS NULL
             ORDER BY p.due_at LIMIT ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([limit as i64], promise_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The agent's open promises due before `before`: the ones a reminder may be due for.
    pub fn my_promises_due_before(
        &self,
        before: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<Promise>> {
        let sql = format!(
            "{PROMISE_SELECT} WHERE p.state = 'open' AND p.owner = ?1 AND p.due_at <= ?2
             AND p.deleted_at IS NULL ORDER BY p.due_at LIMIT ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![self.agent, ts(before), limit as i64],
            promise_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open callback requests in the order they came in: first come, first served.
    pub fn open_callbacks(&self, limit: usize) -> Result<Vec<Promise>> {
        let sql = format!(
            "{PROMISE_SELECT} WHERE p.state = 'open' AND p.kind = 'callback' AND p.deleted_at IS NULL
             ORDER BY p.created_at LIMIT ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([limit as i64], promise_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn open_promises_of_ticket(&self, ticket_id: &str) -> Result<Vec<Promise>> {
        let sql = format!(
            "{PROMISE_SELECT} WHERE p.ticket_id = ?1 AND +p.state = 'open' AND p.deleted_at IS NULL
             ORDER BY p.due_at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([ticket_id], promise_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The agent's own figures for the status bar. `day_end` is the end of the agent's local day.
    pub fn counts(&self, now: DateTime<Utc>, day_end: DateTime<Utc>) -> Result<Counts> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT
               count(*) FILTER (WHERE due_at < ?2),
               count(*) FILTER (WHERE due_at >= ?2 AND due_at < ?3)
             FROM promises WHERE state = 'open' AND owner = ?1 AND due_at < ?3 AND deleted_at IS NULL",
        )?;
        let (overdue, today) = stmt.query_row(params![self.agent, ts(now), ts(day_end)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(Counts {
            open_tickets: self.open_ticket_count()?,
            promises_due_today: today,
            promises_overdue: overdue,
        })
    }
}

fn require_reason(reason: &str) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(StoreError::Invalid("give a reason".into()));
    }
    Ok(())
}

/// A promise carries its ticket's key (`ticket_key`, kept by triggers in the schema), so reading
/// one is no visit to its ticket: two lookups fewer (the ticket's id index, then its row) each.
pub(super) const PROMISE_SELECT: &str =
    "SELECT p.id, p.ticket_id, p.ticket_key, p.caller_id, coalesce(c.name, ''),
    p.what, p.channel, p.due_at, p.owner, p.state, p.replaces_id, p.recipient, p.closed_at,
    p.kind = 'callback', p.created_at
    FROM promises p LEFT JOIN callers c ON c.id = p.caller_id";

pub(super) fn promise_from_row(r: &Row) -> rusqlite::Result<Promise> {
    promise_from_row_at(r, 0)
}

/// Reads a promise from the columns of `PROMISE_SELECT`, starting at column `first`.
pub(super) fn promise_from_row_at(r: &Row, first: usize) -> rusqlite::Result<Promise> {
    Ok(Promise {
        id: r.get(first)?,
        ticket_id: r.get(first + 1)?,
        ticket_key: r.get(first + 2)?,
        caller_id: r.get(first + 3)?,
        caller_name: r.get(first + 4)?,
        what: r.get(first + 5)?,
        channel: parse_code(&r.get::<_, String>(first + 6)?, Channel::from_code)?,
        due_at: parse_ts(&r.get::<_, String>(first + 7)?)?,
        owner: r.get(first + 8)?,
        state: parse_code(&r.get::<_, String>(first + 9)?, PromiseState::from_code)?,
        replaces: r.get(first + 10)?,
        to: r.get(first + 11)?,
        closed_at: r
            .get::<_, Option<String>>(first + 12)?
            .map(|t| parse_ts(&t))
            .transpose()?,
        callback: r.get(first + 13)?,
        created_at: parse_ts(&r.get::<_, String>(first + 14)?)?,
    })
}

fn open_promise_in(tx: &Connection, id: &str) -> Result<Promise> {
    let sql = format!("{PROMISE_SELECT} WHERE p.id = ?1");
    let promise = tx
        .prepare_cached(&sql)?
        .query_row([id], promise_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("promise {id}")))?;
    if promise.state != PromiseState::Open {
        return Err(StoreError::PromiseClosed(promise.state));
    }
    Ok(promise)
}

fn close(
    tx: &Connection,
    promise: &Promise,
    state: PromiseState,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE promises SET state = ?2, closed_at = ?3, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
    )?
    .execute(params![promise.id, state.code(), ts(now), agent])?;
    // Acting on a promise answers every reminder about it.
    tx.prepare_cached(
        "UPDATE alerts SET acted_at = ?2, updated_at = ?2, updated_by = ?3
         WHERE promise_id = ?1 AND acted_at IS NULL",
    )?
    .execute(params![promise.id, ts(now), agent])?;
    Ok(())
}

fn insert_promise(
    tx: &Connection,
    id: &str,
    new: &NewPromise,
    replaces: Option<&str>,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let due_at = checked_ts(new.due_at)?;
    let ticket = ticket_in(tx, &new.ticket_id)?;
    let stamp = ts(now);
    let recipient = match new.to.trim() {
        "" => ticket.caller_name.as_str(),
        to => to,
    };
    tx.prepare_cached(
        "INSERT INTO promises (id, ticket_id, caller_id, what, channel, due_at, owner, state,
           replaces_id, created_at, updated_at, updated_by, recipient, kind, ticket_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9, ?9, ?7, ?10, ?11, ?12)",
    )?
    .execute(params![
        id,
        ticket.id,
        ticket.caller_id,
        new.what.trim(),
        new.channel.code(),
        due_at,
        agent,
        replaces,
        stamp,
        recipient,
        if new.callback { "callback" } else { "promise" },
        ticket.key,
    ])?;
    insert_event(
        tx,
        &ticket.id,
        EventKind::PromiseMade,
        new.what.trim(),
        json!({
            "promise": id, "to": recipient, "channel": new.channel.code(),
            "due_at": due_at, "replaces": replaces,
        }),
        agent,
        now,
    )
}
