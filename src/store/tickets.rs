//! Tickets and their timeline. Every change to a ticket is written together with the event
//! that records it, so the timeline is always the full story.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;

use super::{Result, Store, StoreError, parse_code, parse_ts, ts};
use crate::domain::calls::spoken_seconds;
use crate::domain::{
    Channel, Event, EventKind, Id, LineFilter, QueueFilter, Status, Ticket, new_id,
};

/// The fields a new ticket starts with; impact and urgency 3 is "normal" on a 1–5 scale.
pub struct NewTicket<'a> {
    pub prefix: &'a str,
    pub caller_id: &'a str,
    pub subject: &'a str,
    pub impact: u8,
    pub urgency: u8,
    pub priority: u8,
    pub category: Option<&'a str>,
}

impl Store {
    /// Opens a ticket for an incoming call and logs the call on it, in one transaction.
    pub fn open_ticket_with_call(
        &mut self,
        new: &NewTicket,
        call_note: &str,
        now: DateTime<Utc>,
    ) -> Result<Ticket> {
        self.open_ticket_on_call(new, call_note, None, now)
    }

    /// As `open_ticket_with_call`; `call` is the phone system's call the agent took, tied to
    /// the ticket in the same transaction so that the inbound contact is that call.
    pub fn open_ticket_on_call(
        &mut self,
        new: &NewTicket,
        call_note: &str,
        call: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Ticket> {
        let subject = new.subject.trim();
        if subject.is_empty() {
            return Err(StoreError::Invalid("a ticket needs a subject".into()));
        }
        let id = new_id();
        self.write(|tx, agent| {
            insert_ticket(tx, &id, new, Some(new.caller_id), false, agent, now)?;
            let data = super::calls::contact_of_call(tx, call, &id, agent, now)?;
            insert_event(tx, &id, EventKind::ContactIn, call_note, data, agent, now)
        })?;
        self.ticket(&id)?
            .ok_or_else(|| StoreError::NotFound(format!("ticket {id}")))
    }

    pub fn log_contact(
        &mut self,
        ticket_id: &str,
        inbound: bool,
        channel: Channel,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let kind = if inbound {
            EventKind::ContactIn
        } else {
            EventKind::ContactOut
        };
        self.write(|tx, agent| {
            insert_event(
                tx,
                ticket_id,
                kind,
                note,
                json!({"channel": channel.code()}),
                agent,
                now,
            )
        })
    }

    /// An inbound phone call logged on an open ticket; `call` as in `open_ticket_on_call`.
    pub fn log_inbound_call(
        &mut self,
        ticket_id: &str,
        said: &str,
        call: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx, agent| {
            let data = super::calls::contact_of_call(tx, call, ticket_id, agent, now)?;
            insert_event(tx, ticket_id, EventKind::ContactIn, said, data, agent, now)
        })
    }

    pub fn add_note(&mut self, ticket_id: &str, text: &str, now: DateTime<Utc>) -> Result<()> {
        if text.trim().is_empty() {
            return Err(StoreError::Invalid("an empty note was not saved".into()));
        }
        self.write(|tx, agent| {
            insert_event(tx, ticket_id, EventKind::Note, text, json!({}), agent, now)
        })
    }

    pub fn set_status(
        &mut self,
        ticket_id: &str,
        status: Status,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.change_field(
            ticket_id,
            "status",
            status.code(),
            EventKind::StatusChanged,
            now,
        )
    }

    pub fn set_category(
        &mut self,
        ticket_id: &str,
        category: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.change_field(
            ticket_id,
            "category",
            category,
            EventKind::CategoryChanged,
            now,
        )
    }

    pub fn set_subject(
        &mut self,
        ticket_id: &str,
        subject: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let subject = subject.trim();
        if subject.is_empty() {
            return Err(StoreError::Invalid("a ticket needs a subject".into()));
        }
        self.change_field(
            ticket_id,
            "subject",
            subject,
            EventKind::SubjectChanged,
            now,
        )
    }

    pub fn set_assignee(
        &mut self,
        ticket_id: &str,
        assignee: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let assignee = assignee.trim();
        if assignee.is_empty() {
            return Err(StoreError::Invalid("name the agent to assign to".into()));
        }
        self.change_field(
            ticket_id,
            "assignee",
            assignee,
            EventKind::AssigneeChanged,
            now,
        )
    }

    pub fn set_impact_urgency(
        &mut self,
        ticket_id: &str,
        impact: u8,
        urgency: u8,
        priority: u8,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx, agent| {
            let before = ticket_in(tx, ticket_id)?;
            tx.prepare_cached(
                "UPDATE tickets SET impact = ?2, urgency = ?3, priority = ?4, updated_at = ?5,
                 updated_by = ?6 WHERE id = ?1",
            )?
            .execute(params![ticket_id, impact, urgency, priority, ts(now), agent])?;
            let data = json!({
                "from": {"impact": before.impact, "urgency": before.urgency, "priority": before.priority},
                "to": {"impact": impact, "urgency": urgency, "priority": priority},
            });
            insert_event(tx, ticket_id, EventKind::PriorityChanged, "", data, agent, now)
        })
    }

    /// Sets one text column and records the old and new value as an event. `column` is always
    /// one of our own literals, never user input.
    fn change_field(
        &mut self,
        ticket_id: &str,
        column: &'static str,
        value: &str,
        kind: EventKind,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx, agent| {
            let before: Option<String> = tx
                .query_row(
                    &format!("SELECT {column} FROM tickets WHERE id = ?1"),
                    [ticket_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("ticket {ticket_id}")))?;
            tx.execute(
                &format!(
                    "UPDATE tickets SET {column} = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1"
                ),
                params![ticket_id, value, ts(now), agent],
            )?;
            insert_event(tx, ticket_id, kind, "", json!({"from": before, "to": value}), agent, now)
        })
    }

    pub fn ticket(&self, id: &str) -> Result<Option<Ticket>> {
        let sql = format!("{TICKET_SELECT} WHERE t.id = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], ticket_from_row)
            .optional()?)
    }

    /// The ticket with this key, or that had it as its provisional key before its desk
    /// gave it a number.
    pub fn ticket_by_key(&self, key: &str) -> Result<Option<Ticket>> {
        let sql = format!(
            "{TICKET_SELECT} WHERE t.key = ?1
               OR t.id = (SELECT ticket_id FROM events WHERE kind = 'renumbered' AND text = ?1)
             LIMIT 1"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([key], ticket_from_row)
            .optional()?)
    }

    /// The last `limit` events of a ticket, oldest first, as the timeline reads.
    pub fn timeline(&self, ticket_id: &str, limit: usize) -> Result<Vec<Event>> {
        // A call taken from the phone system ends after its contact was written (events are
        // never edited), so how long it took is read from the call itself.
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.ticket_id, e.at, e.by, e.kind, e.text, e.data, k.answered_at,
               k.ended_at
             FROM (SELECT * FROM events WHERE ticket_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2) e
             LEFT JOIN calls k ON e.kind = 'contact_in' AND k.id = json_extract(e.data, '$.call')
             ORDER BY e.at, e.id",
        )?;
        let rows = stmt.query_map(params![ticket_id, limit as i64], |r| {
            let mut event = event_from_row(r)?;
            let answered: Option<String> = r.get(7)?;
            let ended: Option<String> = r.get(8)?;
            if let (Some(answered), Some(ended)) = (answered, ended) {
                let spoken = spoken_seconds(parse_ts(&answered)?, parse_ts(&ended)?);
                event.data["duration_s"] = spoken.into();
            }
            Ok(event)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open tickets for the queue pane, newest activity first.
    pub fn queue(
        &self,
        filter: QueueFilter,
        line: Option<&LineFilter>,
        limit: usize,
    ) -> Result<Vec<Ticket>> {
        self.queue_of(filter, line, &self.agent, limit)
    }

    /// The queue as `agent` sees it ("mine" means theirs).
    pub fn queue_of(
        &self,
        filter: QueueFilter,
        line: Option<&LineFilter>,
        agent: &str,
        limit: usize,
    ) -> Result<Vec<Ticket>> {
        // Every filter binds the agent as ?1 so that one parameter list fits all three.
        let condition = match filter {
            QueueFilter::Mine => "t.status IN ({open}) AND t.assignee = ?1",
            QueueFilter::AllOpen => "t.status IN ({open}) AND ?1 IS NOT NULL",
            QueueFilter::Waiting => {
                "t.status IN ('waiting_caller', 'waiting_third_party') AND ?1 IS NOT NULL"
            }
        }
        .replace("{open}", OPEN_STATUSES);
        // The planner prefers the status index and then sorts every open ticket.
        let select = match filter {
            QueueFilter::Waiting => TICKET_SELECT.to_string(),
            _ => TICKET_SELECT.replace("FROM tickets t", "FROM tickets t INDEXED BY tickets_open"),
        };
        let (tier, group) = match line {
            Some(LineFilter::Tier(tier)) => (Some(*tier), None),
            Some(LineFilter::Group(group)) => (None, Some(group.as_str())),
            None => (None, None),
        };
        let sql = format!(
            "{select} WHERE {condition} AND t.deleted_at IS NULL
             AND (?3 IS NULL OR t.tier = ?3) AND (?4 IS NULL OR t.support_group = ?4)
             ORDER BY t.last_activity_at DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![agent, limit as i64, tier, group], ticket_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn open_tickets_of(&self, caller_id: &str, limit: usize) -> Result<Vec<Ticket>> {
        open_tickets_of(&self.conn, caller_id, limit)
    }

    /// Everyone who has worked on the desk (written on a timeline) or holds a ticket, in
    /// order of their names. Read by hopping through an index from one name to the next,
    /// so a desk of a million tickets costs a lookup per agent, not a pass over every row.
    pub fn desk_agents(&self) -> Result<Vec<String>> {
        let mut names: Vec<String> = Vec::new();
        for (column, table) in [("by", "events"), ("assignee", "tickets")] {
            let sql = format!(
                "WITH RECURSIVE agents(name) AS (
                     SELECT min({column}) FROM {table}
                     UNION ALL
                     SELECT (SELECT min({column}) FROM {table} WHERE {column} > agents.name)
                     FROM agents WHERE agents.name IS NOT NULL
                 )
                 SELECT name FROM agents WHERE name IS NOT NULL LIMIT 10000"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            for name in stmt.query_map([], |r| r.get::<_, String>(0))? {
                names.push(name?);
            }
        }
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// Every event on the desk, deleted tickets' too: what two desks of a team that agree
    /// hold alike.
    pub fn event_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM events")?
            .query_row([], |r| r.get(0))?)
    }

    pub fn open_ticket_count(&self) -> Result<i64> {
        let sql = format!(
            "SELECT count(*) FROM tickets INDEXED BY tickets_open
             WHERE status IN ({OPEN_STATUSES}) AND deleted_at IS NULL"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([], |r| r.get(0))?)
    }
}

pub(super) fn open_tickets_of(
    conn: &Connection,
    caller_id: &str,
    limit: usize,
) -> Result<Vec<Ticket>> {
    let mut stmt = conn.prepare_cached(&open_tickets_of_sql())?;
    let rows = stmt.query_map(params![caller_id, limit as i64], ticket_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A caller's open tickets, latest activity first: read from the index of open tickets by
/// caller, whose condition these terms repeat word for word so that SQLite takes it.
pub(super) fn open_tickets_of_sql() -> String {
    format!(
        "{TICKET_SELECT} WHERE t.caller_id = ?1 AND t.status IN ({OPEN_STATUSES})
         AND t.deleted_at IS NULL ORDER BY t.last_activity_at DESC LIMIT ?2"
    )
}

pub(super) const OPEN_STATUSES: &str = "'new', 'open', 'waiting_caller', 'waiting_third_party'";

/// An event read as `id, ticket_id, at, by, kind, text, data`.
pub(super) fn event_from_row(r: &Row) -> rusqlite::Result<Event> {
    let data: String = r.get(6)?;
    Ok(Event {
        id: r.get(0)?,
        ticket_id: r.get(1)?,
        at: parse_ts(&r.get::<_, String>(2)?)?,
        by: r.get(3)?,
        kind: parse_code(&r.get::<_, String>(4)?, EventKind::from_code)?,
        text: r.get(5)?,
        data: serde_json::from_str(&data).unwrap_or_default(),
    })
}

/// How many columns `TICKET_SELECT` reads; a query that adds its own reads them after.
pub(super) const TICKET_COLUMNS: usize = 17;

pub(super) const TICKET_SELECT: &str =
    "SELECT t.id, t.key, t.caller_id, coalesce(c.name, ''), t.subject,
    t.status, t.impact, t.urgency, t.priority, t.category, t.assignee, t.created_at,
    t.last_activity_at, t.tier, t.support_group, t.major, t.incident_id
    FROM tickets t LEFT JOIN callers c ON c.id = t.caller_id";

pub(super) fn ticket_from_row(r: &Row) -> rusqlite::Result<Ticket> {
    ticket_from_row_at(r, 0)
}

/// Reads a ticket from the columns of `TICKET_SELECT`, starting at column `first`.
pub(super) fn ticket_from_row_at(r: &Row, first: usize) -> rusqlite::Result<Ticket> {
    let at = |column: usize| first + column;
    Ok(Ticket {
        id: r.get(at(0))?,
        key: r.get(at(1))?,
        caller_id: r.get(at(2))?,
        caller_name: r.get(at(3))?,
        subject: r.get(at(4))?,
        status: parse_code(&r.get::<_, String>(at(5))?, Status::from_code)?,
        impact: r.get(at(6))?,
        urgency: r.get(at(7))?,
        priority: r.get(at(8))?,
        category: r.get(at(9))?,
        assignee: r.get(at(10))?,
        created_at: parse_ts(&r.get::<_, String>(at(11))?)?,
        last_activity_at: parse_ts(&r.get::<_, String>(at(12))?)?,
        tier: r.get(at(13))?,
        group: r.get(at(14))?,
        major: r.get(at(15))?,
        incident_id: r.get(at(16))?,
    })
}

pub(crate) fn ticket_in(tx: &Connection, id: &str) -> Result<Ticket> {
    let sql = format!("{TICKET_SELECT} WHERE t.id = ?1");
    tx.prepare_cached(&sql)?
        .query_row([id], ticket_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("ticket {id}")))
}

/// Writes a new ticket with the next number and its `created` event; returns its key.
/// A major incident has no caller of its own: its callers are those of its linked tickets.
pub(super) fn insert_ticket(
    tx: &Connection,
    id: &str,
    new: &NewTicket,
    caller_id: Option<&str>,
    major: bool,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let subject = new.subject.trim();
    let (number, key) = super::replica::next_ticket_number(tx, new.prefix)?;
    let stamp = ts(now);
    tx.prepare_cached(
        "INSERT INTO tickets (id, number, key, caller_id, subject, status, impact, urgency,
           priority, category, assignee, last_activity_at, created_at, updated_at, updated_by,
           major)
         VALUES (?1, ?2, ?3, ?4, ?5, 'new', ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?11, ?10, ?12)",
    )?
    .execute(params![
        id,
        number,
        key,
        caller_id,
        subject,
        new.impact,
        new.urgency,
        new.priority,
        new.category,
        agent,
        stamp,
        major
    ])?;
    let mut data = json!({"key": key, "priority": new.priority});
    if major {
        data["major"] = json!(true);
    }
    insert_event(tx, id, EventKind::Created, subject, data, agent, now)?;
    Ok(key)
}

/// Appends an event and marks the ticket as just active, so it rises in the queue.
pub(crate) fn insert_event(
    tx: &Connection,
    ticket_id: &str,
    kind: EventKind,
    text: &str,
    data: serde_json::Value,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    insert_event_quietly(tx, ticket_id, kind, text, data, agent, now)?;
    let stamp = ts(super::replica::causal_now(tx, now)?);
    tx.prepare_cached(
        "UPDATE tickets SET last_activity_at = ?2, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
    )?
    .execute(params![ticket_id, stamp, agent])?;
    Ok(())
}

/// Appends an event without making the ticket look active: for bookkeeping that nobody did
/// on the ticket itself (its caller merged with another).
pub(crate) fn insert_event_quietly(
    tx: &Connection,
    ticket_id: &str,
    kind: EventKind,
    text: &str,
    data: serde_json::Value,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let stamp = ts(super::replica::causal_now(tx, now)?);
    let caller_id: Option<Id> = tx
        .prepare_cached("SELECT caller_id FROM tickets WHERE id = ?1")?
        .query_row([ticket_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("ticket {ticket_id}")))?;
    tx.prepare_cached(
        "INSERT INTO events (id, ticket_id, caller_id, kind, at, by, text, data, created_at,
           updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?5, ?5, ?6)",
    )?
    .execute(params![
        new_id(),
        ticket_id,
        caller_id,
        kind.code(),
        stamp,
        agent,
        text.trim(),
        data.to_string()
    ])?;
    Ok(())
}
