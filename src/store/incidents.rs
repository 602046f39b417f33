//! Major incidents and what recognises a problem: a caller's earlier tickets with how they
//! ended, the tickets just opened (for outage detection), and escalation to another line.
//!
//! A major incident is a ticket with `major` set and no caller of its own; the tickets of
//! the callers it hit point at it by `incident_id`. Linking, escalating and resolving each
//! write an event, so the timelines tell the whole story.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde_json::json;

use super::tickets::{TICKET_SELECT, insert_event, insert_ticket, ticket_from_row, ticket_in};
use super::{Result, Store, StoreError, parse_code, parse_ts, ts};
use crate::domain::IncidentResolution;
use crate::domain::{EarlierTicket, EventKind, Id, NewPromise, Status, Ticket, new_id};

use super::NewTicket;

/// How many of a caller's tickets are ranked against a new subject: years of calls for
/// even a frequent caller.
const EARLIER_TICKETS: usize = 200;
/// Tickets opened within the outage window that are compared; a desk opens far fewer.
const OUTAGE_CANDIDATES: usize = 500;

const OPEN: &str = "'new', 'open', 'waiting_caller', 'waiting_third_party'";

impl Store {
    /// A caller's tickets, most recently active first, each with the last thing written on
    /// it (for a finished ticket, usually how it was solved).
    pub fn earlier_tickets(&self, caller_id: &str) -> Result<Vec<EarlierTicket>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.key, t.subject, t.status, t.created_at,
               (SELECT e.text FROM events e
                WHERE e.ticket_id = t.id AND e.text <> ''
                  AND e.kind IN ('note', 'promise_kept', 'script_finished', 'escalated')
                ORDER BY e.at DESC LIMIT 1)
             FROM tickets t
             WHERE t.caller_id = ?1 AND t.deleted_at IS NULL
             ORDER BY t.last_activity_at DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![caller_id, EARLIER_TICKETS as i64], |r| {
            Ok(EarlierTicket {
                id: r.get(0)?,
                key: r.get(1)?,
                subject: r.get(2)?,
                status: parse_code(&r.get::<_, String>(3)?, Status::from_code)?,
                created_at: parse_ts(&r.get::<_, String>(4)?)?,
                last_words: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open tickets opened since `since` that are not incidents themselves, oldest first:
    /// what outage detection looks at.
    pub fn opened_since(&self, since: DateTime<Utc>) -> Result<Vec<Ticket>> {
        // The window holds a few dozen tickets; the planner would rather walk every open
        // ticket by status and sort them.
        let select = TICKET_SELECT.replace(
            "FROM tickets t",
            "FROM tickets t INDEXED BY tickets_created",
        );
        let sql = format!(
            "{select} WHERE t.created_at >= ?1 AND t.major = 0 AND t.status IN ({OPEN})
             AND t.deleted_at IS NULL ORDER BY t.created_at LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![ts(since), OUTAGE_CANDIDATES as i64],
            ticket_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Major incidents not yet resolved, newest first.
    pub fn open_incidents(&self) -> Result<Vec<Ticket>> {
        let sql = format!(
            "{TICKET_SELECT} WHERE t.major = 1 AND t.status IN ({OPEN}) AND t.deleted_at IS NULL
             ORDER BY t.created_at DESC LIMIT 50"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], ticket_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The tickets linked to an incident, in the order they were opened.
    pub fn incident_tickets(&self, incident_id: &str) -> Result<Vec<Ticket>> {
        let sql = format!(
            "{TICKET_SELECT} WHERE t.incident_id = ?1 AND t.deleted_at IS NULL
             ORDER BY t.created_at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([incident_id], ticket_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many times a ticket was handed on to another line or group.
    pub fn transfers(&self, ticket_id: &str) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM events WHERE ticket_id = ?1 AND kind = 'escalated'",
            )?
            .query_row([ticket_id], |r| r.get(0))?)
    }

    /// Opens a major incident and links `members` to it, in one transaction.
    pub fn declare_incident(
        &mut self,
        new: &NewTicket,
        members: &[Id],
        now: DateTime<Utc>,
    ) -> Result<Ticket> {
        if new.subject.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a major incident needs a subject".into(),
            ));
        }
        let id = new_id();
        self.write(|tx, agent| {
            let key = insert_ticket(tx, &id, new, None, true, agent, now)?;
            for member in members {
                link(tx, member, &id, &key, agent, now)?;
            }
            Ok(())
        })?;
        self.ticket(&id)?
            .ok_or_else(|| StoreError::NotFound(format!("ticket {id}")))
    }

    pub fn link_to_incident(
        &mut self,
        ticket_id: &str,
        incident_id: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx, agent| {
            let incident = ticket_in(tx, incident_id)?;
            if !incident.major {
                return Err(StoreError::Invalid(format!(
                    "{} is not a major incident",
                    incident.key
                )));
            }
            if ticket_id == incident_id {
                return Err(StoreError::Invalid(
                    "an incident cannot be linked to itself".into(),
                ));
            }
            link(tx, ticket_id, incident_id, &incident.key, agent, now)
        })
    }

    /// Resolves the incident and, as the agent chose, the open tickets linked to it (each
    /// with the note) and a callback promise to each of their callers. One transaction: the
    /// affected callers are either all told or none are.
    pub fn resolve_incident(
        &mut self,
        incident_id: &str,
        how: &IncidentResolution,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let members: Vec<Ticket> = self
            .incident_tickets(incident_id)?
            .into_iter()
            .filter(|t| t.status.is_open())
            .collect();
        self.in_one_transaction(|store| {
            if !how.note.trim().is_empty() {
                store.add_note(incident_id, &how.note, now)?;
            }
            store.set_status(incident_id, Status::Resolved, now)?;
            for ticket in &members {
                if let Some((what, due_at)) = &how.callbacks
                    && ticket.caller_id.is_some()
                {
                    store.make_promise(
                        &NewPromise {
                            ticket_id: ticket.id.clone(),
                            what: what.clone(),
                            to: String::new(),
                            callback: false,
                            channel: crate::domain::Channel::Phone,
                            due_at: *due_at,
                        },
                        now,
                    )?;
                }
                if how.resolve_linked {
                    if !how.note.trim().is_empty() {
                        store.add_note(&ticket.id, &how.note, now)?;
                    }
                    store.set_status(&ticket.id, Status::Resolved, now)?;
                }
            }
            Ok(members.len())
        })
    }

    /// Hands a ticket to another line or group; `handoff` is the note the next line reads.
    pub fn escalate(
        &mut self,
        ticket_id: &str,
        group: &str,
        tier: u8,
        handoff: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx, agent| {
            let before = ticket_in(tx, ticket_id)?;
            if before.group.as_deref() == Some(group) {
                return Err(StoreError::Invalid(format!(
                    "{} is already with {group}",
                    before.key
                )));
            }
            tx.prepare_cached(
                "UPDATE tickets SET tier = ?2, support_group = ?3, updated_at = ?4, updated_by = ?5
                 WHERE id = ?1",
            )?
            .execute(params![ticket_id, tier, group, ts(now), agent])?;
            let data = json!({
                "from_tier": before.tier, "to_tier": tier,
                "from_group": before.group, "group": group,
            });
            insert_event(
                tx,
                ticket_id,
                EventKind::Escalated,
                handoff,
                data,
                agent,
                now,
            )
        })
    }
}

fn link(
    tx: &Connection,
    ticket_id: &str,
    incident_id: &str,
    incident_key: &str,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let ticket = ticket_in(tx, ticket_id)?;
    if ticket.major {
        return Err(StoreError::Invalid(format!(
            "{} is a major incident itself",
            ticket.key
        )));
    }
    if ticket.incident_id.as_deref() == Some(incident_id) {
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE tickets SET incident_id = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
    )?
    .execute(params![ticket_id, incident_id, ts(now), agent])?;
    insert_event(
        tx,
        ticket_id,
        EventKind::IncidentLinked,
        "",
        json!({"incident_id": incident_id, "incident_key": incident_key}),
        agent,
        now,
    )
}
