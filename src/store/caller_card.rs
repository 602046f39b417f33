//! The caller card: who the caller is (with their phones, addresses and identifiers, read in
//! one statement), and what the desk knows of them (their latest contacts, open tickets,
//! inbound contacts of late and the last promise), one indexed statement each. Folding those
//! four into one `UNION ALL` was measured and was slower: SQLite runs each part as it would
//! alone, and the compound adds its own cost.

use chrono::{DateTime, Utc};

use super::{Result, Store};
use crate::domain::{Caller, PriorContact, Promise, RecentContacts, Ticket};

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

impl Store {
    /// The caller card, or `None` for a caller who is not (or no longer) on the desk.
    pub fn caller_card(&self, caller_id: &str, limits: CardLimits) -> Result<Option<CallerCard>> {
        let Some(caller) = self.card_caller(caller_id)? else {
            return Ok(None);
        };
        Ok(Some(CallerCard {
            prior_contacts: self.prior_contacts(caller_id, limits.prior_contacts)?,
            open_tickets: self.open_tickets_of(caller_id, limits.open_tickets)?,
            recent: self.recent_contacts(caller_id, limits.recent_since)?,
            last_promise: self.last_promise_to(caller_id)?,
            caller,
        }))
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

#[cfg(test)]
mod tests;
