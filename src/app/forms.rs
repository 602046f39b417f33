//! The forms of each flow, and what a submitted form asks the store to write. Validation
//! happens here, before anything is written, so a mistake points at its field.

use chrono::{DateTime, Utc};

use super::form::{Field, Form, FormKind};
use crate::app::action::Write;
use crate::business::Calendar;
use crate::config::Config;
use crate::deadline::parse_deadline;
use crate::domain::{Channel, Id, NewCaller, Promise, Status, Ticket};
use crate::fold::looks_like_phone;

/// Impact and urgency run from 1 (highest) to 5; these say what each step means.
pub const IMPACT_LABELS: [&str; 5] = [
    "1 whole organisation",
    "2 a department or site",
    "3 a team",
    "4 one person, blocked",
    "5 one person, minor",
];
pub const URGENCY_LABELS: [&str; 5] = [
    "1 work stopped now",
    "2 within hours",
    "3 today",
    "4 this week",
    "5 can wait",
];

/// A typed query becomes the new caller's phone when it looks like one, else their name.
pub fn new_caller(query: &str) -> Form {
    let (name, phone) = if looks_like_phone(query) {
        ("", query)
    } else {
        (query, "")
    };
    Form::new(
        FormKind::NewCaller,
        "New caller",
        vec![
            Field::text("name", name),
            Field::text("organisation", ""),
            Field::text("phone", phone),
            Field::text("e-mail", ""),
            Field::text("identifiers", ""),
        ],
    )
    .with_context(vec![
        "several phones, e-mails or identifiers: separate them with ;".into(),
    ])
}

pub fn subject(caller_id: Id) -> Form {
    Form::new(
        FormKind::Subject { caller_id },
        "New ticket",
        vec![Field::text("subject", "")],
    )
}

pub fn note(ticket_id: Id, text: &str) -> Form {
    Form::new(
        FormKind::Note { ticket_id },
        "Note",
        vec![Field::text("note", text)],
    )
}

/// The promise is to the ticket's caller unless the agent names someone else.
pub fn promise(ticket_id: Id, caller: Option<&str>) -> Form {
    Form::new(
        FormKind::Promise { ticket_id },
        "Promise",
        vec![
            Field::text("what", ""),
            Field::text("to whom", caller.unwrap_or_default()),
            Field::choice("channel", channel_labels(), 0),
            Field::deadline("by when"),
        ],
    )
    .with_context(vec![
        "by when: +2h, +30m, +4bh (business hours), 15:00, tomorrow 9:00, fri 14:00, 2026-12-01 10:00"
            .into(),
    ])
}

pub fn keep(promise: &Promise) -> Form {
    Form::new(
        FormKind::Keep {
            promise_id: promise.id.clone(),
        },
        "Keep promise",
        vec![Field::text("outcome (optional)", "")],
    )
    .with_context(promise_context(promise))
}

pub fn reschedule(promise: &Promise) -> Form {
    Form::new(
        FormKind::Reschedule {
            promise_id: promise.id.clone(),
        },
        "Reschedule promise",
        vec![Field::deadline("new deadline"), Field::text("reason", "")],
    )
    .with_context(promise_context(promise))
}

pub fn cancel(promise: &Promise) -> Form {
    Form::new(
        FormKind::Cancel {
            promise_id: promise.id.clone(),
        },
        "Cancel promise",
        vec![Field::text("reason", "")],
    )
    .with_context(promise_context(promise))
}

fn promise_context(promise: &Promise) -> Vec<String> {
    vec![format!(
        "{} · {} · to {} ({})",
        promise.ticket_key,
        promise.what,
        promise.to,
        promise.channel.label()
    )]
}

pub fn status(ticket_id: Id, ticket: Option<&Ticket>) -> Form {
    let current = ticket
        .and_then(|t| Status::ALL.iter().position(|s| *s == t.status))
        .unwrap_or(0);
    let labels = Status::ALL.iter().map(|s| s.label().to_string()).collect();
    Form::new(
        FormKind::Status { ticket_id },
        "Status",
        vec![Field::choice("status", labels, current)],
    )
}

pub fn priority(ticket_id: Id, ticket: Option<&Ticket>, config: &Config) -> Form {
    let (impact, urgency) = ticket.map_or((3, 3), |t| (t.impact, t.urgency));
    let labels = |all: [&str; 5]| all.iter().map(|s| s.to_string()).collect();
    let matrix_hint = format!(
        "priority follows from the matrix in the config, e.g. impact 2 × urgency 2 → P{}",
        config.priority(2, 2)
    );
    Form::new(
        FormKind::Priority { ticket_id },
        "Impact and urgency",
        vec![
            Field::choice(
                "impact",
                labels(IMPACT_LABELS),
                usize::from(impact.saturating_sub(1)),
            ),
            Field::choice(
                "urgency",
                labels(URGENCY_LABELS),
                usize::from(urgency.saturating_sub(1)),
            ),
        ],
    )
    .with_context(vec![matrix_hint])
}

pub fn category(ticket_id: Id, ticket: Option<&Ticket>, config: &Config) -> Form {
    let current = ticket
        .and_then(|t| t.category.as_ref())
        .and_then(|c| config.categories.iter().position(|x| x == c))
        .unwrap_or(0);
    Form::new(
        FormKind::Category { ticket_id },
        "Category",
        vec![Field::choice(
            "category",
            config.categories.clone(),
            current,
        )],
    )
}

/// An empty name assigns the ticket to the agent at the desk.
pub fn assign(ticket_id: Id, me: &str) -> Form {
    Form::new(
        FormKind::Assign { ticket_id },
        "Assign",
        vec![Field::text("agent", "")],
    )
    .with_context(vec![format!("leave empty to take it yourself ({me})")])
}

fn channel_labels() -> Vec<String> {
    Channel::ALL.iter().map(|c| c.label().to_string()).collect()
}

fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Either the write the form asks for, or the field to fix and why.
pub fn to_write(
    form: &Form,
    now: DateTime<Utc>,
    config: &Config,
    calendar: &Calendar,
) -> Result<Write, (usize, String)> {
    let required = |index: usize, what: &str| {
        let text = form.text(index);
        if text.is_empty() {
            Err((index, format!("{what} is required")))
        } else {
            Ok(text)
        }
    };
    let deadline = |index: usize| {
        parse_deadline(&form.text(index), now, calendar, config.language)
            .map_err(|e| (index, e.to_string()))
    };
    Ok(match &form.kind {
        FormKind::NewCaller => Write::CreateCaller(NewCaller {
            name: required(0, "a name")?,
            organization: form.text(1),
            phones: split_list(&form.text(2)),
            emails: split_list(&form.text(3)),
            identifiers: split_list(&form.text(4)),
        }),
        FormKind::Subject { caller_id } => Write::OpenTicket {
            caller_id: caller_id.clone(),
            subject: required(0, "a subject")?,
        },
        FormKind::Note { ticket_id } => Write::Note {
            ticket_id: ticket_id.clone(),
            text: required(0, "the note")?,
        },
        FormKind::Promise { ticket_id } => Write::Promise {
            ticket_id: ticket_id.clone(),
            what: required(0, "what was promised")?,
            to: required(1, "who it is promised to")?,
            callback: false,
            channel: Channel::ALL
                .get(form.choice(2))
                .copied()
                .unwrap_or(Channel::Phone),
            due_at: deadline(3)?,
        },
        FormKind::Keep { promise_id } => Write::Keep {
            promise_id: promise_id.clone(),
            note: form.text(0),
        },
        FormKind::Reschedule { promise_id } => Write::Reschedule {
            promise_id: promise_id.clone(),
            due_at: deadline(0)?,
            reason: required(1, "a reason")?,
        },
        FormKind::Cancel { promise_id } => Write::Cancel {
            promise_id: promise_id.clone(),
            reason: required(0, "a reason")?,
        },
        FormKind::Status { ticket_id } => Write::Status {
            ticket_id: ticket_id.clone(),
            status: Status::ALL
                .get(form.choice(0))
                .copied()
                .unwrap_or(Status::Open),
        },
        FormKind::Priority { ticket_id } => Write::Priority {
            ticket_id: ticket_id.clone(),
            impact: form.choice(0) as u8 + 1,
            urgency: form.choice(1) as u8 + 1,
        },
        FormKind::Category { ticket_id } => Write::Category {
            ticket_id: ticket_id.clone(),
            category: form.text(0),
        },
        FormKind::Assign { ticket_id } => Write::Assign {
            ticket_id: ticket_id.clone(),
            agent: Some(form.text(0))
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| config.agent.clone()),
        },
    })
}
