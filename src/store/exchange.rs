//! Callers and tickets as other tools see them: read for `balie export callers|tickets`
//! and added for `balie import callers|tickets`. An imported ticket gets the timeline a
//! ticket opened at the desk would have, so its SLA clocks and reports work the same.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::caller_lookup::{caller_with_handles, erased_at, is_exactly};
use super::callers::{insert_caller, is_known};
use super::schema::FORGOTTEN;
use super::tickets::{TICKET_COLUMNS, TICKET_SELECT, insert_event, ticket_from_row};
use super::{Result, Store, StoreError, checked_ts, parse_ts};
use crate::domain::{Caller, EventKind, Id, NewCaller, Status, Ticket, new_id};

/// Exact matches are looked for among this many search hits.
const CALLER_HITS: usize = 20;

/// A caller read from a file; with an id when the file came from a desk.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallerRecord {
    pub id: Option<Id>,
    pub caller: NewCaller,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallerImport {
    Added,
    /// The id, or the same name with the same details, is already on the desk.
    Known,
    /// The id is of a caller erased with `balie forget`: they stay erased.
    Forgotten,
}

/// Who a ticket row's caller columns name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallerMatch {
    Found(Id),
    /// Erased with `balie forget`: their tickets have nobody to be hung on.
    Forgotten,
    NotFound,
    Several(usize),
}

/// A ticket as exported: one row of the CSV, one object of the JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketRow {
    pub ticket: Ticket,
    /// When a resolved or closed ticket got that status.
    pub closed_at: Option<DateTime<Utc>>,
}

/// A ticket to add; its caller already found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedTicket {
    /// `None` numbers it as the desk numbers a new ticket.
    pub key: Option<String>,
    pub caller_id: Id,
    pub subject: String,
    pub status: Status,
    pub impact: u8,
    pub urgency: u8,
    pub priority: u8,
    pub category: Option<String>,
    pub assignee: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When it reached `status`; ignored for a new ticket.
    pub status_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TicketImport {
    Added {
        key: String,
    },
    /// A ticket with this key is already on the desk.
    Known,
}

impl Store {
    pub fn import_caller_record(
        &mut self,
        record: &CallerRecord,
        now: DateTime<Utc>,
    ) -> Result<CallerImport> {
        if record.caller.name.trim().is_empty() {
            return Err(StoreError::Invalid("a caller needs a name".into()));
        }
        self.write(|tx, agent| {
            let id = match &record.id {
                Some(id) => {
                    if uuid::Uuid::parse_str(id).is_err() {
                        return Err(StoreError::Invalid(format!("\"{id}\" is not a caller id")));
                    }
                    if erased_at(tx, id)?.is_some() {
                        return Ok(CallerImport::Forgotten);
                    }
                    let exists: bool = tx
                        .prepare_cached("SELECT EXISTS (SELECT 1 FROM callers WHERE id = ?1)")?
                        .query_row([id], |r| r.get(0))?;
                    if exists {
                        return Ok(CallerImport::Known);
                    }
                    id.clone()
                }
                None if is_known(tx, &record.caller)? => return Ok(CallerImport::Known),
                None => new_id(),
            };
            insert_caller(tx, &id, &record.caller, agent, now)?;
            Ok(CallerImport::Added)
        })
    }

    /// Every caller on the desk, in the order they were added; erased and removed
    /// callers are not among them.
    pub fn each_caller<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(Caller) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM callers WHERE deleted_at IS NULL ORDER BY rowid")
            .map_err(StoreError::from)?;
        let ids = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(StoreError::from)?;
        for id in ids {
            if let Some(caller) = self.caller(&id)? {
                f(caller)?;
            }
        }
        Ok(())
    }

    /// Tickets opened at or after `since` (all when `None`), by number. Major incidents are
    /// the desk's own records, not a caller's tickets: they move with the whole desk only.
    pub fn each_ticket_row<E: From<StoreError>>(
        &self,
        since: Option<DateTime<Utc>>,
        mut f: impl FnMut(TicketRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let since = since.map(checked_ts).transpose()?;
        // The desk's own ticket columns, and after them when a finished ticket finished.
        let select = TICKET_SELECT.replacen(
            "FROM tickets t",
            ", CASE WHEN t.status IN ('resolved', 'closed') THEN
                 (SELECT max(e.at) FROM events e WHERE e.ticket_id = t.id AND e.kind = 'status')
               END
             FROM tickets t",
            1,
        );
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{select} WHERE t.deleted_at IS NULL AND (?1 IS NULL OR t.created_at >= ?1)
                 AND t.major = 0 ORDER BY t.number"
            ))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([since]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let row = (|| -> rusqlite::Result<TicketRow> {
                Ok(TicketRow {
                    ticket: ticket_from_row(r)?,
                    closed_at: r
                        .get::<_, Option<String>>(TICKET_COLUMNS)?
                        .map(|t| parse_ts(&t))
                        .transpose()?,
                })
            })()
            .map_err(StoreError::from)?;
            f(row)?;
        }
        Ok(())
    }

    /// The caller a ticket row names: by id when this desk has it, otherwise by a name,
    /// phone, e-mail address or identifier that is exactly one caller's. An id this desk
    /// erased, or the label an erased caller's tickets carry in an export, is `Forgotten`.
    pub fn caller_for_import(&self, id: Option<&str>, text: Option<&str>) -> Result<CallerMatch> {
        if let Some(id) = id.map(str::trim).filter(|id| !id.is_empty()) {
            if erased_at(&self.conn, id)?.is_some() {
                return Ok(CallerMatch::Forgotten);
            }
            if self.caller(id)?.is_some() {
                return Ok(CallerMatch::Found(id.to_string()));
            }
        }
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(CallerMatch::NotFound);
        };
        if text == FORGOTTEN {
            return Ok(CallerMatch::Forgotten);
        }
        let mut exact = Vec::new();
        for hit in self.search_callers(text, CALLER_HITS)? {
            if let Some(caller) = caller_with_handles(&self.conn, &hit.id)?
                && is_exactly(&caller, text)
            {
                exact.push(caller.id);
            }
        }
        Ok(match exact.len() {
            0 => CallerMatch::NotFound,
            1 => exact
                .pop()
                .map_or(CallerMatch::NotFound, CallerMatch::Found),
            n => CallerMatch::Several(n),
        })
    }

    /// Adds a ticket with a `created` event at its opening and, unless it is new, a
    /// `status` event from new to its status, both by the agent importing it.
    pub fn import_ticket(
        &mut self,
        ticket: &ImportedTicket,
        prefix: &str,
        now: DateTime<Utc>,
    ) -> Result<TicketImport> {
        let subject = ticket.subject.trim();
        if subject.is_empty() {
            return Err(StoreError::Invalid("the subject is empty".into()));
        }
        for (name, value) in [("impact", ticket.impact), ("urgency", ticket.urgency)] {
            if !(1..=5).contains(&value) {
                return Err(StoreError::Invalid(format!("{name} must be 1 to 5")));
            }
        }
        if !(1..=5).contains(&ticket.priority) {
            return Err(StoreError::Invalid("priority must be 1 to 5".into()));
        }
        let created = checked_ts(ticket.created_at)?;
        checked_ts(ticket.status_at)?;
        if ticket.created_at > now {
            return Err(StoreError::Invalid(format!(
                "created_at {created} is in the future"
            )));
        }
        self.write(|tx, agent| {
            let (number, key) = match &ticket.key {
                Some(key) => {
                    let known: bool = tx
                        .prepare_cached("SELECT EXISTS (SELECT 1 FROM tickets WHERE key = ?1)")?
                        .query_row([key], |r| r.get(0))?;
                    if known {
                        return Ok(TicketImport::Known);
                    }
                    let number = key
                        .rsplit_once('-')
                        .and_then(|(_, n)| n.parse::<i64>().ok())
                        .filter(|n| *n > 0)
                        .ok_or_else(|| {
                            StoreError::Invalid(format!(
                                "key \"{key}\" is not a prefix and a number, like T-1042"
                            ))
                        })?;
                    let taken: Option<String> = tx
                        .prepare_cached("SELECT key FROM tickets WHERE number = ?1")?
                        .query_row([number], |r| r.get(0))
                        .optional()?;
                    if let Some(other) = taken {
                        return Err(StoreError::Invalid(format!(
                            "key \"{key}\": number {number} is already {other}'s"
                        )));
                    }
                    (number, key.clone())
                }
                None => super::replica::next_ticket_number(tx, prefix)?,
            };
            let id = new_id();
            tx.prepare_cached(
                "INSERT INTO tickets (id, number, key, caller_id, subject, status, impact, urgency,
                   priority, category, assignee, last_activity_at, created_at, updated_at,
                   updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12, ?13)",
            )?
            .execute(params![
                id,
                number,
                key,
                ticket.caller_id,
                subject,
                ticket.status.code(),
                ticket.impact,
                ticket.urgency,
                ticket.priority,
                ticket.category,
                ticket.assignee,
                created,
                agent
            ])?;
            insert_event(
                tx,
                &id,
                EventKind::Created,
                subject,
                json!({"key": key, "priority": ticket.priority, "imported": true}),
                agent,
                ticket.created_at,
            )?;
            if ticket.status != Status::New {
                insert_event(
                    tx,
                    &id,
                    EventKind::StatusChanged,
                    "",
                    json!({"from": Status::New.code(), "to": ticket.status.code()}),
                    agent,
                    ticket.status_at.max(ticket.created_at),
                )?;
            }
            Ok(TicketImport::Added { key })
        })
    }
}
