//! The caller card in two statements: who the caller is (with their phones, addresses and
//! identifiers), and what the desk knows of them (their latest contacts, open tickets,
//! inbound contacts of late and the last promise). The card opens each time an agent
//! moves to a ticket, so it costs two trips into SQLite, not seven.

use std::cmp::Reverse;

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

use super::caller_edit::SAME_PERSON;
use super::promises::{PROMISE_SELECT, promise_from_row_at};
use super::tickets::{OPEN_STATUSES, TICKET_SELECT, ticket_from_row_at};
use super::{Result, Store, parse_code, parse_ts, ts};
use crate::domain::{Caller, Channel, PriorContact, Promise, RecentContacts, Status, Ticket};

/// What the caller card shows of a caller.
#[derive(Clone, Debug, PartialEq)]
pub struct CallerCard {
    pub caller: Caller,
    /// Earlier calls and other contacts, newest first.
    pub prior_contacts: Vec<PriorContact>,
    /// Open tickets, latest activity first.
    pub open_tickets: Vec<Ticket>,
    pub recent: RecentContacts,
    /// The promise made most recently to the caller, on any of their tickets.
    pub last_promise: Option<Promise>,
}

/// How much of a caller's history the card reads.
#[derive(Clone, Copy, Debug)]
pub struct CardLimits {
    pub prior_contacts: usize,
    pub open_tickets: usize,
    /// Inbound contacts from this moment on count as recent.
    pub recent_since: DateTime<Utc>,
}

/// The parts of the second statement, told apart by its first column.
const CONTACT: i64 = 0;
const OPEN_TICKET: i64 = 1;
const RECENT: i64 = 2;
const LAST_PROMISE: i64 = 3;

/// Columns after the part: as many as the widest part (a ticket) has.
const WIDTH: usize = 17;

fn nulls(used: usize) -> String {
    ", NULL".repeat(WIDTH - used)
}

impl Store {
    /// The caller card, or `None` for a caller who is not (or no longer) on the desk.
    pub fn caller_card(&self, caller_id: &str, limits: CardLimits) -> Result<Option<CallerCard>> {
        let Some(caller) = self.card_caller(caller_id)? else {
            return Ok(None);
        };
        // Contacts are stored under the caller they were written for; one merged away is
        // this caller. Each part picks its few rows before the tickets are joined, so a
        // caller of years costs as much as a new one.
        let sql = format!(
            "SELECT {CONTACT}, e.at, e.kind, e.data, t.id, t.key, t.subject, t.status{contact_pad}
             FROM (SELECT at, kind, data, ticket_id FROM events
                   WHERE caller_id IN {SAME_PERSON} AND kind IN ('contact_in', 'contact_out')
                   ORDER BY at DESC LIMIT ?2) e
             JOIN tickets t ON t.id = e.ticket_id
             UNION ALL
             SELECT {OPEN_TICKET}, * FROM ({TICKET_SELECT}
                 WHERE t.caller_id = ?1 AND t.status IN ({OPEN_STATUSES}) AND t.deleted_at IS NULL
                 ORDER BY t.last_activity_at DESC LIMIT ?3)
             UNION ALL
             SELECT {RECENT}, count(*),
                    coalesce(sum(t.status IN ({OPEN_STATUSES})), 0){recent_pad}
             FROM events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.caller_id IN {SAME_PERSON} AND e.kind = 'contact_in' AND e.at >= ?4
             UNION ALL
             SELECT {LAST_PROMISE}, *{promise_pad} FROM ({PROMISE_SELECT}
                 WHERE p.caller_id = ?1 AND p.deleted_at IS NULL
                 ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1)",
            contact_pad = nulls(7),
            recent_pad = nulls(2),
            promise_pad = nulls(15),
        );
        let mut card = CallerCard {
            caller,
            prior_contacts: Vec::new(),
            open_tickets: Vec::new(),
            recent: RecentContacts::default(),
            last_promise: None,
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![
            caller_id,
            limits.prior_contacts as i64,
            limits.open_tickets as i64,
            ts(limits.recent_since)
        ])?;
        while let Some(row) = rows.next()? {
            match row.get::<_, i64>(0)? {
                CONTACT => card.prior_contacts.push(contact_from(row)?),
                OPEN_TICKET => card.open_tickets.push(ticket_from_row_at(row, 1)?),
                RECENT => {
                    card.recent = RecentContacts {
                        inbound: row.get(1)?,
                        about_open: row.get(2)?,
                    }
                }
                _ => card.last_promise = Some(promise_from_row_at(row, 1)?),
            }
        }
        // A union keeps no order of its own; each part is put back in the card's.
        card.prior_contacts.sort_by_key(|c| Reverse(c.at));
        card.open_tickets
            .sort_by_key(|t| Reverse(t.last_activity_at));
        Ok(Some(card))
    }

    /// The caller with their handles, in one statement: a row per handle.
    fn card_caller(&self, caller_id: &str) -> Result<Option<Caller>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.organization, h.kind, h.value
             FROM callers c LEFT JOIN caller_handles h
                 ON h.caller_id = c.id AND h.deleted_at IS NULL
             WHERE c.id = ?1 AND c.deleted_at IS NULL ORDER BY h.id",
        )?;
        let mut rows = stmt.query([caller_id])?;
        let mut caller: Option<Caller> = None;
        while let Some(row) = rows.next()? {
            let caller = match &mut caller {
                Some(caller) => caller,
                None => caller.insert(Caller {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    organization: row.get(2)?,
                    phones: Vec::new(),
                    emails: Vec::new(),
                    identifiers: Vec::new(),
                }),
            };
            let handle: Option<(String, String)> = match row.get::<_, Option<String>>(3)? {
                Some(kind) => Some((kind, row.get(4)?)),
                None => None,
            };
            match handle {
                Some((kind, value)) if kind == "phone" => caller.phones.push(value),
                Some((kind, value)) if kind == "email" => caller.emails.push(value),
                Some((_, value)) => caller.identifiers.push(value),
                None => {}
            }
        }
        Ok(caller)
    }
}

fn contact_from(r: &Row) -> rusqlite::Result<PriorContact> {
    let data: String = r.get(3)?;
    let channel = serde_json::from_str::<serde_json::Value>(&data)
        .ok()
        .and_then(|d| d["channel"].as_str().and_then(Channel::from_code))
        .unwrap_or(Channel::Phone);
    Ok(PriorContact {
        at: parse_ts(&r.get::<_, String>(1)?)?,
        inbound: r.get::<_, String>(2)? == "contact_in",
        channel,
        ticket_id: r.get(4)?,
        ticket_key: r.get(5)?,
        subject: r.get(6)?,
        outcome: parse_code(&r.get::<_, String>(7)?, Status::from_code)?,
    })
}

#[cfg(test)]
mod tests;
