//! The status and contact events that SLA clocks are computed from. Clocks are derived on
//! every read, so a change made offline and merged later replays correctly.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Row, params, params_from_iter};

use super::{Result, Store, parse_code, parse_ts, ts};
use crate::domain::sla::TicketHistory;
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
                let (ticket_id, event) = read_event(row)?;
                apply(histories.entry(ticket_id).or_insert_with(empty), event);
            }
        }
        Ok(histories)
    }

    /// Every ticket opened since `since` (of one assignee or all) with its history, for the
    /// SLA figures of a report. Streams the events instead of loading a query per ticket.
    pub fn histories_since(
        &self,
        since: DateTime<Utc>,
        agent: Option<&str>,
    ) -> Result<Vec<TicketHistory>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT e.ticket_id, e.kind, e.at, json_extract(e.data, '$.to'),
                    coalesce(t.assignee, ''), t.priority
             FROM tickets t JOIN events e ON e.ticket_id = t.id
             WHERE t.created_at >= ?1 AND t.deleted_at IS NULL AND (?2 IS NULL OR t.assignee = ?2)
               AND {HISTORY_EVENTS}
             ORDER BY t.created_at, t.id, e.at, e.id"
        ))?;
        let mut rows = stmt.query(params![ts(since), agent])?;
        let mut out: Vec<TicketHistory> = Vec::new();
        while let Some(row) = rows.next()? {
            let (ticket_id, event) = read_event(row)?;
            if out.last().is_none_or(|t| t.ticket_id != ticket_id) {
                out.push(TicketHistory {
                    ticket_id,
                    assignee: row.get(4)?,
                    priority: row.get(5)?,
                    history: empty(),
                });
            }
            if let Some(last) = out.last_mut() {
                apply(&mut last.history, event);
            }
        }
        Ok(out)
    }
}

enum HistoryEvent {
    Opened(DateTime<Utc>),
    Contact(DateTime<Utc>),
    Status(DateTime<Utc>, Status),
}

fn read_event(row: &Row) -> rusqlite::Result<(Id, HistoryEvent)> {
    let at = parse_ts(&row.get::<_, String>(2)?)?;
    let event = match row.get::<_, String>(1)?.as_str() {
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
    Ok((row.get(0)?, event))
}

fn empty() -> History {
    History {
        opened: DateTime::<Utc>::MIN_UTC,
        first_response: None,
        contacts: Vec::new(),
        changes: Vec::new(),
    }
}

/// Events arrive in time order; the ticket's opening starts its status history as new.
fn apply(history: &mut History, event: HistoryEvent) {
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
