//! The caller card: who the caller is (with their phones, addresses and identifiers, read in
//! one statement), and what the desk knows of them (their latest contacts, open tickets,
//! inbound contacts of late and the last promise).
//!
//! What the desk knows of a caller is kept as one row per caller (`kept`), so that opening a
//! card is two statements whatever the caller's history. The live readers below are what
//! that row is made from, and what a card is read from while its row is being brought up to
//! date.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::callers::{last_promise_to, prior_contacts, recent_contacts};
use super::tickets::open_tickets_of;
use super::{Result, Store};
use crate::domain::{Caller, PriorContact, Promise, RecentContacts, Ticket};

mod kept;
pub(crate) use kept::refresh_marked_cards;

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

impl CardLimits {
    /// What the desk shows, and what a caller's kept card holds.
    pub const PRIOR_CONTACTS: usize = 30;
    pub const OPEN_TICKETS: usize = 20;

    /// The desk's limits, with contacts from `recent_since` on counted as recent.
    pub fn shown(recent_since: DateTime<Utc>) -> CardLimits {
        CardLimits {
            prior_contacts: Self::PRIOR_CONTACTS,
            open_tickets: Self::OPEN_TICKETS,
            recent_since,
        }
    }

    /// Whether a kept card holds all that these limits ask for.
    fn within_kept(&self) -> bool {
        self.prior_contacts <= Self::PRIOR_CONTACTS && self.open_tickets <= Self::OPEN_TICKETS
    }
}

impl Store {
    /// The caller card, or `None` for a caller who is not (or no longer) on the desk.
    pub fn caller_card(&self, caller_id: &str, limits: CardLimits) -> Result<Option<CallerCard>> {
        let Some(caller) = card_caller(&self.conn, caller_id)? else {
            return Ok(None);
        };
        if limits.within_kept()
            && let Some(kept) = kept::read(&self.conn, caller_id)?
        {
            return Ok(Some(kept.card(&self.conn, caller, limits)?));
        }
        live_card(&self.conn, caller, limits).map(Some)
    }
}

/// The card read part by part from the caller's events, tickets and promises.
fn live_card(conn: &Connection, caller: Caller, limits: CardLimits) -> Result<CallerCard> {
    let id = caller.id.as_str();
    Ok(CallerCard {
        prior_contacts: prior_contacts(conn, id, limits.prior_contacts)?,
        open_tickets: open_tickets_of(conn, id, limits.open_tickets)?,
        recent: recent_contacts(conn, id, limits.recent_since)?,
        last_promise: last_promise_to(conn, id)?,
        caller,
    })
}

/// The caller with their handles, in one statement: a row per handle.
fn card_caller(conn: &Connection, caller_id: &str) -> Result<Option<Caller>> {
    let mut stmt = conn.prepare_cached(
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

#[cfg(test)]
mod tests;
