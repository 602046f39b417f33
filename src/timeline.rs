//! What each timeline event says in words, shared by the desk's ticket pane and
//! `balie ticket show`.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::{Channel, Event, EventKind, Status};
use crate::i18n::Texts;
use crate::when;

/// What an event says on the timeline, from its kind, its data and the agent's text.
pub fn describe(event: &Event, now: DateTime<Utc>, tz: Tz, texts: &Texts) -> String {
    let data = &event.data;
    let text = event.text.as_str();
    let with_text = |head: String| {
        if text.is_empty() {
            head
        } else {
            format!("{head}: {text}")
        }
    };
    let channel = data["channel"].as_str().and_then(Channel::from_code);
    let status = |key: &str| {
        data[key]
            .as_str()
            .and_then(Status::from_code)
            .map_or("—", Status::label)
    };
    let due = |key: &str| {
        data[key]
            .as_str()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|d| when::friendly(d.to_utc(), now, tz, texts))
            .unwrap_or_default()
    };
    match event.kind {
        EventKind::Created => format!("opened: {text}"),
        EventKind::ContactIn | EventKind::ContactOut => {
            let direction = if event.kind == EventKind::ContactIn {
                "inbound"
            } else {
                "outbound"
            };
            let what = match channel.unwrap_or(Channel::Phone) {
                Channel::Phone => "call",
                Channel::Email => "e-mail",
                Channel::Visit => "visit",
            };
            with_text(format!("☎ {direction} {what}"))
        }
        EventKind::Note => format!("note: {text}"),
        EventKind::StatusChanged => format!("status {} → {}", status("from"), status("to")),
        EventKind::PriorityChanged => format!(
            "priority P{} → P{} (impact {} × urgency {})",
            data["from"]["priority"],
            data["to"]["priority"],
            data["to"]["impact"],
            data["to"]["urgency"]
        ),
        EventKind::CategoryChanged | EventKind::AssigneeChanged => format!(
            "{} {} → {}",
            event.kind.label(),
            data["from"].as_str().unwrap_or("—"),
            data["to"].as_str().unwrap_or("—")
        ),
        EventKind::PromiseMade => format!("promised by {}: {text}", due("due_at")),
        EventKind::PromiseKept => {
            let late = if data["late"].as_bool() == Some(true) {
                " (late)"
            } else {
                ""
            };
            format!("kept{late}: {text}")
        }
        EventKind::PromiseRescheduled => {
            with_text(format!("promise moved {} → {}", due("from"), due("to")))
        }
        EventKind::PromiseCancelled => with_text("promise cancelled".into()),
    }
}
