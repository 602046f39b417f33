//! The shift handover: an agent's open tickets and the promises that fall due before their
//! next shift starts, written out to pass on to whoever takes over.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::SlaTargets;
use crate::domain::business::Calendar;
use crate::domain::sla::{History, ticket_clocks};
use crate::domain::time_zone::Tz;
use crate::domain::when;
use crate::domain::{Channel, Id, Promise, Status, Ticket};
use crate::i18n::Texts;
use crate::t;

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

/// The handover from what the store read: the agent's open tickets with their histories,
/// and their open promises (those due after the next shift starts are left out here).
pub fn build(
    agent: &str,
    tickets: &[Ticket],
    histories: &HashMap<Id, History>,
    promises: &[Promise],
    calendar: &Calendar,
    targets: &SlaTargets,
    now: DateTime<Utc>,
) -> Handover {
    let next_shift = calendar.next_working_day_start(now);
    Handover {
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
            .filter(|p| p.due_at < next_shift)
            .map(|p| HandoverPromise {
                ticket: p.ticket_key.clone(),
                to: p.to.clone(),
                what: p.what.clone(),
                channel: p.channel.label().to_string(),
                due_at: rfc3339(p.due_at),
            })
            .collect(),
    }
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The handover as plain text, for the screen, a chat message or a printout: in the
/// agent's language on the desk, in English from `balie handover`.
pub fn text(handover: &Handover, now: DateTime<Utc>, tz: Tz, texts: &Texts) -> Vec<String> {
    let local = |at: &str| {
        DateTime::parse_from_rfc3339(at)
            .map(|t| when::friendly(t.to_utc(), now, tz, texts))
            .unwrap_or_else(|_| at.to_string())
    };
    let none = format!("  {}", t!(texts, "handover-none"));
    let mut lines = vec![t!(
        texts,
        "handover-head",
        agent = handover.agent.as_str(),
        when = local(&handover.next_shift)
    )];
    lines.push(String::new());
    lines.push(t!(
        texts,
        "handover-promises",
        count = handover.promises.len()
    ));
    if handover.promises.is_empty() {
        lines.push(none.clone());
    }
    for p in &handover.promises {
        let line = t!(
            texts,
            "handover-promise",
            due = format!("{:<17}", local(&p.due_at)),
            ticket = format!("{:<8}", p.ticket),
            channel = word(&p.channel, Channel::ALL, Channel::label, |c| c.text(texts)),
            to = p.to.as_str(),
            what = p.what.as_str()
        );
        lines.push(format!("  {line}"));
    }
    lines.push(String::new());
    lines.push(t!(
        texts,
        "handover-tickets",
        count = handover.tickets.len()
    ));
    if handover.tickets.is_empty() {
        lines.push(none);
    }
    for t in &handover.tickets {
        let sla = match t.sla_minutes_left {
            Some(m) if m < 0 => t!(
                texts,
                "handover-sla-breached",
                h = -m / 60,
                m = format!("{:02}", -m % 60)
            ),
            Some(m) => t!(
                texts,
                "handover-sla-left",
                h = m / 60,
                m = format!("{:02}", m % 60)
            ),
            None => String::new(),
        };
        let status = word(&t.status, Status::ALL, Status::label, |s| s.text(texts));
        lines.push(format!(
            "  {:<8} P{} {:<24} {} — {} ({sla})",
            t.ticket, t.priority, status, t.caller, t.subject
        ));
    }
    lines
}

/// A status or channel, kept in the handover by its English label (as `balie handover
/// --format json` prints it), in the agent's words.
fn word<T: Copy>(
    label: &str,
    all: &[T],
    english: fn(T) -> &'static str,
    text: impl Fn(T) -> String,
) -> String {
    all.iter()
        .find(|v| english(**v) == label)
        .map_or_else(|| label.to_string(), |v| text(*v))
}
