//! `balie ticket set`: a ticket's fields changed from a script, each change written as the
//! desk writes it (an event with the old and the new value).

use std::io::Write;

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::Status;
use crate::domain::text::Field;
use crate::store::Store;

/// What `balie ticket set` is asked to change; `None` leaves a field alone.
#[derive(Default)]
pub struct SetRequest<'a> {
    pub ticket: &'a str,
    pub status: Option<Status>,
    pub assignee: Option<&'a str>,
    /// `assignee` is a new agent, added on purpose.
    pub new_agent: bool,
    pub impact: Option<u8>,
    pub urgency: Option<u8>,
    pub category: Option<&'a str>,
    pub subject: Option<&'a str>,
}

/// Checks every value first, then writes the changes in one transaction: all of them or,
/// on any error, none. A field that already has the value is left alone (no event). Prints
/// one line per change.
pub fn set(
    store: &mut Store,
    config: &Config,
    request: &SetRequest,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let ticket = super::find_ticket(store, request.ticket)?;
    let subject = match request.subject {
        Some(text) if text.trim().is_empty() => {
            bail!("--subject is empty; say what the ticket is about")
        }
        Some(text) => Some(super::accept("--subject", Field::Subject, text.trim())?),
        None => None,
    };
    let category = match request.category {
        Some(named) => {
            super::accept("--category", Field::Category, named)?;
            Some(super::ticket::category(config, named)?)
        }
        None => None,
    };
    let assignee = match request.assignee {
        Some(named) if request.new_agent => {
            Some(super::accept("--assignee", Field::Assignee, named.trim())?)
        }
        Some(named) => Some(super::agent::on_roster(store, config, "--assignee", named)?),
        None => None,
    };
    let impact = request.impact.unwrap_or(ticket.impact);
    let urgency = request.urgency.unwrap_or(ticket.urgency);
    let mut changes = Vec::new();
    let key = ticket.key.clone();
    store.in_one_transaction(|store| {
        let id = ticket.id.as_str();
        if let Some(status) = request.status.filter(|s| *s != ticket.status) {
            store.set_status(id, status, now)?;
            changes.push((
                "status",
                ticket.status.code().to_string(),
                status.code().to_string(),
            ));
        }
        if let Some(name) = assignee.filter(|a| Some(a) != ticket.assignee.as_ref()) {
            store.set_assignee(id, &name, now)?;
            let before = ticket.assignee.clone().unwrap_or_else(|| "—".into());
            changes.push(("assignee", before, name));
        }
        if (impact, urgency) != (ticket.impact, ticket.urgency) {
            let priority = config.priority(impact, urgency);
            store.set_impact_urgency(id, impact, urgency, priority, now)?;
            let shown = |i: u8, u: u8, p: u8| format!("P{p} (impact {i}, urgency {u})");
            changes.push((
                "priority",
                shown(ticket.impact, ticket.urgency, ticket.priority),
                shown(impact, urgency, priority),
            ));
        }
        if let Some(name) = category.filter(|c| Some(c) != ticket.category.as_ref()) {
            store.set_category(id, &name, now)?;
            let before = ticket.category.clone().unwrap_or_else(|| "—".into());
            changes.push(("category", before, name));
        }
        if let Some(text) = subject.filter(|s| *s != ticket.subject) {
            store.set_subject(id, &text, now)?;
            changes.push(("subject", ticket.subject.clone(), text));
        }
        Ok(())
    })?;
    if changes.is_empty() {
        writeln!(out, "{key}: nothing changed; it already had those values")?;
    }
    for (field, from, to) in changes {
        writeln!(out, "{key} {field}: {from} → {to}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
