//! The call log: what the phone system reported, one row per call, and what became of
//! each call. A missed call becomes a callback request in the callback queue (the same
//! `make_promise` the desk's `b` uses), and further missed calls from the same number
//! count into that request until somebody calls back.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;

use super::caller_lookup::is_exactly;
use super::tickets::{NewTicket, insert_event, insert_ticket};
use super::{Result, Store, parse_ts, ts};
use crate::domain::calls::{
    Call, CallDirection, CallEvent, CallEventKind, CallState, answered_by, call_digits, is_missed,
};
use crate::domain::{Caller, Channel, EventKind, NewPromise, new_id};

/// What a missed call's callback request is made with: the deadline (`callback_within`
/// from now), the prefix of the ticket it is kept on, and the time zone its note speaks.
pub struct MissedCallRules {
    pub due_at: DateTime<Utc>,
    pub ticket_prefix: String,
    pub time_zone: crate::domain::time_zone::Tz,
}

/// What one event did to the log.
#[derive(Debug)]
pub struct Received {
    pub call: Call,
    /// For a missed call that can be rung back: its callback request and how many missed
    /// calls it now counts.
    pub callback: Option<MissedCalls>,
}

/// The missed calls a callback request counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissedCalls {
    pub promise_id: String,
    pub count: i64,
    pub since: DateTime<Utc>,
}

const CALL_SELECT: &str = "SELECT k.id, k.call_id, k.direction, k.number, k.caller_id, c.name,
    k.state, k.agent, k.started_at, k.answered_at, k.ended_at, k.cause, k.ticket_id, t.key,
    k.callback_id
    FROM calls k LEFT JOIN callers c ON c.id = k.caller_id
    LEFT JOIN tickets t ON t.id = k.ticket_id";

/// How many phone hits recognising a number looks through.
const RECOGNISE_HITS: usize = 10;

impl Store {
    /// The caller whose phone is this number, in any format the caller search accepts;
    /// `None` when nobody's is, or the number is `anonymous`.
    pub fn recognise_number(&self, number: &str) -> Result<Option<Caller>> {
        if call_digits(number).len() < 4 {
            return Ok(None);
        }
        for hit in self.search_callers(number, RECOGNISE_HITS)? {
            if let Some(caller) = self.caller(&hit.id)?
                && is_exactly(&caller, number)
            {
                return Ok(Some(caller));
            }
        }
        Ok(None)
    }

    /// Writes one event of the phone system. Events come again when a phone system
    /// retries; a second `newCall` or `hangup` for the same call changes nothing. An
    /// `answer` or `hangup` whose `newCall` never arrived still logs the call, so that a
    /// missed call is never lost.
    pub fn receive_call_event(
        &mut self,
        event: &CallEvent,
        rules: &MissedCallRules,
        now: DateTime<Utc>,
    ) -> Result<Received> {
        let known = self.call_by_call_id(&event.call_id)?;
        // Zammad refuses an unknown call id; one that says whose call it is is logged all
        // the same, so that a hangup whose newCall was lost still becomes a callback.
        let direction = event.direction.unwrap_or(CallDirection::In);
        if known.is_none()
            && event.kind != CallEventKind::NewCall
            && event.number(direction).is_empty()
        {
            return Err(super::StoreError::NotFound(format!(
                "call {} (no newCall came for it, and this event names no number)",
                event.call_id
            )));
        }
        let recognised = match &known {
            Some(_) => None,
            None => {
                let direction = event.direction.unwrap_or(CallDirection::In);
                self.recognise_number(event.number(direction))?
            }
        };
        let callback = self.in_one_transaction(|store| {
            let id = match &known {
                Some(call) => call.id.clone(),
                None => store
                    .write(|tx, agent| insert_call(tx, event, recognised.as_ref(), agent, now))?,
            };
            let call = call_in(&store.conn, &id)?;
            match event.kind {
                CallEventKind::NewCall => Ok(None),
                CallEventKind::Answer => {
                    if call.state == CallState::Ringing {
                        let answered_by = answered_by(event);
                        store.write(|tx, agent| {
                            tx.prepare_cached(
                                "UPDATE calls SET state = 'answered', answered_at = ?2,
                                   agent = coalesce(?3, agent), updated_at = ?2, updated_by = ?4
                                 WHERE id = ?1",
                            )?
                            .execute(params![
                                id,
                                ts(now),
                                answered_by,
                                agent
                            ])?;
                            Ok(())
                        })?;
                    }
                    Ok(None)
                }
                CallEventKind::Hangup => store.hang_up(&call, event, rules, now),
            }
        })?;
        let call = self
            .call_by_call_id(&event.call_id)?
            .ok_or_else(|| super::StoreError::NotFound(format!("call {}", event.call_id)))?;
        Ok(Received { call, callback })
    }

    fn hang_up(
        &mut self,
        call: &Call,
        event: &CallEvent,
        rules: &MissedCallRules,
        now: DateTime<Utc>,
    ) -> Result<Option<MissedCalls>> {
        if matches!(call.state, CallState::Missed | CallState::Ended) {
            return Ok(None);
        }
        let answered = call.state == CallState::Answered;
        let missed = is_missed(call.direction, answered, event.cause.as_deref());
        let state = if missed {
            CallState::Missed
        } else {
            CallState::Ended
        };
        self.write(|tx, agent| {
            tx.prepare_cached(
                "UPDATE calls SET state = ?2, ended_at = ?3, cause = ?4, updated_at = ?3,
                   updated_by = ?5 WHERE id = ?1",
            )?
            .execute(params![call.id, state.code(), ts(now), event.cause, agent])?;
            Ok(())
        })?;
        if !missed || call_digits(&call.number).is_empty() {
            return Ok(None);
        }
        let digits = call_digits(&call.number);
        let open: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT k.callback_id FROM calls k JOIN promises p ON p.id = k.callback_id
                 WHERE k.digits = ?1 AND k.deleted_at IS NULL AND p.state = 'open'
                   AND p.deleted_at IS NULL
                 ORDER BY k.started_at DESC LIMIT 1",
            )?
            .query_row([&digits], |r| r.get(0))
            .optional()?;
        let promise_id = match open {
            Some(promise_id) => promise_id,
            None => self.request_callback(call, rules, now)?,
        };
        self.write(|tx, agent| {
            tx.prepare_cached(
                "UPDATE calls SET callback_id = ?2, updated_at = ?3, updated_by = ?4
                 WHERE id = ?1",
            )?
            .execute(params![call.id, promise_id, ts(now), agent])?;
            Ok(())
        })?;
        let missed = self
            .missed_calls_of(&promise_id)?
            .ok_or_else(|| super::StoreError::NotFound(format!("promise {promise_id}")))?;
        if missed.count > 1 {
            let promise = self.promise(&promise_id)?;
            let since = missed
                .since
                .with_timezone(&rules.time_zone)
                .format("%H:%M")
                .to_string();
            let note = format!("{} missed calls since {since}", missed.count);
            self.write(|tx, agent| {
                insert_event(
                    tx,
                    &promise.ticket_id,
                    EventKind::Note,
                    &note,
                    json!({"call": call.id, "callback": promise_id}),
                    agent,
                    now,
                )
            })?;
        }
        Ok(Some(missed))
    }

    /// A ticket for the missed call, on the caller when known, with the callback request
    /// the desk's `b` makes.
    fn request_callback(
        &mut self,
        call: &Call,
        rules: &MissedCallRules,
        now: DateTime<Utc>,
    ) -> Result<String> {
        // A known caller's name stays out of the subject: the ticket names its caller, and
        // `balie forget` erases a caller's name where it is data, not in the words of a
        // subject. An unknown number is all there is to ring back.
        let subject = match call.caller_id {
            Some(_) => "Missed call".to_string(),
            None => format!("Missed call from {}", call.number),
        };
        let ticket_id = new_id();
        self.write(|tx, agent| {
            let new = NewTicket {
                prefix: &rules.ticket_prefix,
                caller_id: call.caller_id.as_deref().unwrap_or_default(),
                subject: &subject,
                impact: 3,
                urgency: 3,
                priority: 3,
                category: None,
            };
            insert_ticket(
                tx,
                &ticket_id,
                &new,
                call.caller_id.as_deref(),
                false,
                agent,
                now,
            )?;
            tx.prepare_cached(
                "UPDATE calls SET ticket_id = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            )?
            .execute(params![call.id, ticket_id, ts(now), agent])?;
            Ok(())
        })?;
        let promise = self.make_promise(
            &NewPromise {
                ticket_id,
                // The number is on the caller's card, or in `to` for an unknown caller:
                // not in the text, which an erase of the caller would leave behind.
                what: "Call back after a missed call".to_string(),
                to: if call.caller_id.is_some() {
                    String::new()
                } else {
                    call.number.clone()
                },
                callback: true,
                channel: Channel::Phone,
                due_at: rules.due_at,
            },
            now,
        )?;
        Ok(promise.id)
    }

    /// How many missed calls a callback request counts, and since when.
    pub fn missed_calls_of(&self, promise_id: &str) -> Result<Option<MissedCalls>> {
        let (count, since): (i64, Option<String>) = self
            .conn
            .prepare_cached(
                "SELECT count(*), min(started_at) FROM calls
                 WHERE callback_id = ?1 AND deleted_at IS NULL",
            )?
            .query_row([promise_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(match since {
            Some(since) => Some(MissedCalls {
                promise_id: promise_id.to_string(),
                count,
                since: parse_ts(&since)?,
            }),
            None => None,
        })
    }

    pub fn call_by_call_id(&self, call_id: &str) -> Result<Option<Call>> {
        let sql = format!(
            "{CALL_SELECT} WHERE k.call_id = ?1 AND k.deleted_at IS NULL
             ORDER BY k.started_at DESC LIMIT 1"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([call_id], call_from_row)
            .optional()?)
    }

    /// The log from `since` on, newest first.
    pub fn calls_since(&self, since: DateTime<Utc>, limit: usize) -> Result<Vec<Call>> {
        let sql = format!(
            "{CALL_SELECT} WHERE k.started_at >= ?1 AND k.deleted_at IS NULL
             ORDER BY k.started_at DESC, k.id DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![ts(since), limit as i64], call_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Calls ringing or being spoken now that began after `since`, oldest first. A call
    /// whose hangup never came stops showing once it is older than `since`.
    pub fn live_calls(&self, since: DateTime<Utc>) -> Result<Vec<Call>> {
        let sql = format!(
            "{CALL_SELECT} WHERE k.state IN ('ringing', 'answered') AND k.started_at >= ?1
             AND k.deleted_at IS NULL ORDER BY k.started_at, k.id LIMIT 20"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([ts(since)], call_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Calls out from `since` on, newest first.
    pub fn calls_out_since(&self, since: DateTime<Utc>, limit: usize) -> Result<Vec<Call>> {
        let sql = format!(
            "{CALL_SELECT} WHERE k.started_at >= ?1 AND k.direction = 'out'
             AND k.deleted_at IS NULL ORDER BY k.started_at DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![ts(since), limit as i64], call_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many calls came from this number since `since`, the given call included.
    pub fn calls_from_number_since(&self, number: &str, since: DateTime<Utc>) -> Result<i64> {
        let digits = call_digits(number);
        if digits.is_empty() {
            return Ok(0);
        }
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM calls WHERE digits = ?1 AND direction = 'in'
                 AND started_at >= ?2 AND deleted_at IS NULL",
            )?
            .query_row(params![digits, ts(since)], |r| r.get(0))?)
    }
}

/// The data of the inbound contact a call becomes. A call the agent took from the phone
/// system is tied to the ticket (unless it is on one already) and the contact names it and
/// when it was answered; how long it took is known only when it ends, and the timeline reads
/// that from the call.
pub(super) fn contact_of_call(
    tx: &Connection,
    call: Option<&str>,
    ticket_id: &str,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<serde_json::Value> {
    let Some(call) = call else {
        return Ok(json!({"channel": Channel::Phone.code()}));
    };
    tx.prepare_cached(
        "UPDATE calls SET ticket_id = ?2, updated_at = ?3, updated_by = ?4
         WHERE id = ?1 AND ticket_id IS NULL",
    )?
    .execute(params![call, ticket_id, ts(now), agent])?;
    let began: Option<String> = tx
        .prepare_cached("SELECT coalesce(answered_at, started_at) FROM calls WHERE id = ?1")?
        .query_row([call], |r| r.get(0))
        .optional()?;
    Ok(json!({"channel": Channel::Phone.code(), "call": call, "started_at": began}))
}

fn insert_call(
    tx: &Connection,
    event: &CallEvent,
    caller: Option<&Caller>,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let id = new_id();
    let direction = event.direction.unwrap_or(CallDirection::In);
    let number = event.number(direction);
    // The agent calling out is known from the start; who takes an inbound call, only
    // once it is answered.
    let caller_agent = match direction {
        CallDirection::Out => event.users.first().cloned(),
        CallDirection::In => None,
    };
    let users = serde_json::to_string(&event.users)
        .map_err(|e| super::StoreError::Invalid(format!("users: {e}")))?;
    let stamp = ts(now);
    tx.prepare_cached(
        "INSERT INTO calls (id, call_id, direction, number, digits, caller_id, state, agent,
           users, queue, started_at, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'ringing', ?7, ?8, ?9, ?10, ?10, ?10, ?11)",
    )?
    .execute(params![
        id,
        event.call_id,
        direction.code(),
        number,
        call_digits(number),
        caller.map(|c| c.id.as_str()),
        caller_agent,
        users,
        event.queue,
        stamp,
        agent
    ])?;
    Ok(id)
}

fn call_in(conn: &Connection, id: &str) -> Result<Call> {
    let sql = format!("{CALL_SELECT} WHERE k.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], call_from_row)
        .optional()?
        .ok_or_else(|| super::StoreError::NotFound(format!("call {id}")))
}

fn call_from_row(r: &Row) -> rusqlite::Result<Call> {
    let at = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        r.get::<_, Option<String>>(i)?
            .map(|t| parse_ts(&t))
            .transpose()
    };
    let direction: String = r.get(2)?;
    let state: String = r.get(6)?;
    Ok(Call {
        id: r.get(0)?,
        call_id: r.get(1)?,
        direction: super::parse_code(&direction, CallDirection::from_code)?,
        number: r.get(3)?,
        caller_id: r.get(4)?,
        caller_name: r.get(5)?,
        state: super::parse_code(&state, CallState::from_code)?,
        agent: r.get(7)?,
        started_at: parse_ts(&r.get::<_, String>(8)?)?,
        answered_at: at(9)?,
        ended_at: at(10)?,
        cause: r.get(11)?,
        ticket_id: r.get(12)?,
        ticket_key: r.get(13)?,
        callback_id: r.get(14)?,
    })
}

#[cfg(test)]
mod tests;
