//! The shift handover: an agent's open tickets and the promises that fall due before their
//! next shift starts, written out to pass on to whoever takes over.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::business::Calendar;
use crate::config::SlaTargets;
use crate::domain::{Promise, QueueFilter, Ticket};
use crate::i18n::Texts;
use crate::sla::ticket_clocks;
use crate::store::{self, Store};
use crate::when;

/// An agent holds few enough open tickets and promises that these bounds are never met
/// in practice; they keep a runaway desk from flooding the page.
const TICKETS: usize = 500;
const PROMISES: usize = 500;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Handover {
    pub agent: String,
    /// RFC 3339, UTC: when the agent's next shift starts.
    pub next_shift: String,
    pub tickets: Vec<HandoverTicket>,
    pub promises: Vec<HandoverPromise>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HandoverTicket {
    pub ticket: String,
    pub caller: String,
    pub subject: String,
    pub status: String,
    pub priority: u8,
    /// Business minutes left on the resolution target; negative when breached.
    pub sla_minutes_left: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HandoverPromise {
    pub ticket: String,
    pub to: String,
    pub what: String,
    pub channel: String,
    /// RFC 3339, UTC.
    pub due_at: String,
}

pub fn gather(
    store: &Store,
    agent: &str,
    calendar: &Calendar,
    targets: &SlaTargets,
    now: DateTime<Utc>,
) -> store::Result<Handover> {
    let next_shift = calendar.next_working_day_start(now);
    let tickets: Vec<Ticket> = store.queue_of(QueueFilter::Mine, agent, TICKETS)?;
    let ids: Vec<String> = tickets.iter().map(|t| t.id.clone()).collect();
    let histories = store.histories(&ids)?;
    let promises: Vec<Promise> = store
        .open_promises_by_agent(Some(agent), PROMISES)?
        .into_iter()
        .filter(|p| p.due_at < next_shift)
        .collect();
    Ok(Handover {
        agent: agent.to_string(),
        next_shift: rfc3339(next_shift),
        tickets: tickets
            .iter()
            .map(|t| HandoverTicket {
                ticket: t.key.clone(),
                caller: t.caller_name.clone(),
                subject: t.subject.clone(),
                status: t.status.label().to_string(),
                priority: t.priority,
                sla_minutes_left: histories.get(&t.id).map(|h| {
                    let clock = ticket_clocks(h, targets.for_priority(t.priority), calendar, now)
                        .resolution;
                    (clock.allowed - clock.used).num_minutes()
                }),
            })
            .collect(),
        promises: promises
            .iter()
            .map(|p| HandoverPromise {
                ticket: p.ticket_key.clone(),
                to: p.to.clone(),
                what: p.what.clone(),
                channel: p.channel.label().to_string(),
                due_at: rfc3339(p.due_at),
            })
            .collect(),
    })
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The handover as plain text, for the screen, a chat message or a printout.
pub fn text(handover: &Handover, now: DateTime<Utc>, tz: Tz, texts: &Texts) -> Vec<String> {
    let local = |at: &str| {
        DateTime::parse_from_rfc3339(at)
            .map(|t| when::friendly(t.to_utc(), now, tz, texts))
            .unwrap_or_else(|_| at.to_string())
    };
    let mut lines = vec![format!(
        "Handover from {} — next shift starts {}",
        handover.agent,
        local(&handover.next_shift)
    )];
    lines.push(String::new());
    lines.push(format!(
        "Promises due before then ({}):",
        handover.promises.len()
    ));
    if handover.promises.is_empty() {
        lines.push("  none".into());
    }
    for p in &handover.promises {
        lines.push(format!(
            "  {:<17} {:<8} {} to {}: {}",
            local(&p.due_at),
            p.ticket,
            p.channel,
            p.to,
            p.what
        ));
    }
    lines.push(String::new());
    lines.push(format!("Open tickets ({}):", handover.tickets.len()));
    if handover.tickets.is_empty() {
        lines.push("  none".into());
    }
    for t in &handover.tickets {
        let sla = match t.sla_minutes_left {
            Some(m) if m < 0 => format!("SLA breached {}h{:02}m ago", -m / 60, -m % 60),
            Some(m) => format!("SLA {}h{:02}m left", m / 60, m % 60),
            None => String::new(),
        };
        lines.push(format!(
            "  {:<8} P{} {:<24} {} — {} ({sla})",
            t.ticket, t.priority, t.status, t.caller, t.subject
        ));
    }
    lines
}
