//! The status and contact events that SLA clocks are computed from. Clocks are derived on
//! every read, so a change made offline and merged later replays correctly.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Row, params_from_iter};

use super::{Result, Store, StoreError, parse_code, parse_ts};
use crate::domain::sla::{History, StatusChange};
use crate::domain::{Id, Status};

const HISTORY_EVENTS: &str = "e.kind IN ('created', 'status', 'contact_in', 'contact_out')";

impl Store {
    /// Histories of the given tickets, by ticket id.
    pub fn histories(&self, ticket_ids: &[Id]) -> Result<HashMap<Id, History>> {
        let mut histories = HashMap::new();
        // SQLite allows 32,766 parameters; the queue asks for a few hundred.
        for chunk in ticket_ids.chunks(10_000) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT e.ticket_id, e.kind, e.at, json_extract(e.data, '$.to')
                 FROM events e WHERE e.ticket_id IN ({marks}) AND {HISTORY_EVENTS}
                 ORDER BY e.ticket_id, e.at, e.id"
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query(params_from_iter(chunk))?;
            while let Some(row) = rows.next()? {
                let ticket_id: Id = row.get(0)?;
                if let Some(event) = read_event(row)? {
                    apply(histories.entry(ticket_id).or_insert_with(empty), event);
                }
            }
        }
        let unopened = ticket_ids
            .iter()
            .find(|id| histories.get(*id).is_none_or(|h| !was_opened(h)));
        if let Some(id) = unopened {
            let key: Option<String> = self
                .conn
                .query_row("SELECT key FROM tickets WHERE id = ?1", [id], |r| r.get(0))
                .ok();
            return Err(self.stamp(no_creating_event(key.as_deref().unwrap_or(id))));
        }
        Ok(histories)
    }
}

pub(super) enum HistoryEvent {
    Opened(DateTime<Utc>),
    Contact(DateTime<Utc>),
    Status(DateTime<Utc>, Status),
}

/// The event in columns 1 to 3; `None` for a ticket without events (a left join's blank).
pub(super) fn read_event(row: &Row) -> rusqlite::Result<Option<HistoryEvent>> {
    let Some(kind) = row.get::<_, Option<String>>(1)? else {
        return Ok(None);
    };
    let at = parse_ts(&row.get::<_, String>(2)?)?;
    let event = match kind.as_str() {
        "created" => HistoryEvent::Opened(at),
        "status" => {
            let to: Option<String> = row.get(3)?;
            HistoryEvent::Status(
                at,
                parse_code(to.as_deref().unwrap_or_default(), Status::from_code)?,
            )
        }
        _ => HistoryEvent::Contact(at),
    };
    Ok(Some(event))
}

/// Every ticket is written together with the event that created it. Without one its clocks
/// would start at the dawn of time, and walking the working hours from there to now takes
/// minutes: the file is damaged, and saying so at once beats a report that never ends.
pub(super) fn was_opened(history: &History) -> bool {
    history.opened != DateTime::<Utc>::MIN_UTC
}

fn no_creating_event(ticket: &str) -> StoreError {
    StoreError::Damaged(format!("{ticket} has no creating event"))
}

pub(super) fn empty() -> History {
    History {
        opened: DateTime::<Utc>::MIN_UTC,
        first_response: None,
        contacts: Vec::new(),
        changes: Vec::new(),
    }
}

/// Events arrive in time order; the ticket's opening starts its status history as new.
pub(super) fn apply(history: &mut History, event: HistoryEvent) {
    match event {
        HistoryEvent::Opened(at) => {
            history.opened = at;
            history.changes.insert(
                0,
                StatusChange {
                    at,
                    status: Status::New,
                },
            );
        }
        HistoryEvent::Contact(at) => {
            history.first_response.get_or_insert(at);
            history.contacts.push(at);
        }
        HistoryEvent::Status(at, status) => {
            history.first_response.get_or_insert(at);
            history.changes.push(StatusChange { at, status });
        }
    }
}
