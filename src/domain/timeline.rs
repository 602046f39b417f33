//! What each timeline event says in words, shared by the desk's ticket pane (in the
//! agent's language) and `balie ticket show` (in English, see `output::cli_texts`).

use chrono::{DateTime, Utc};

use crate::domain::change;
use crate::domain::time_zone::Tz;
use crate::domain::when;
use crate::domain::{Channel, Event, EventKind, Status};
use crate::i18n::Texts;
use crate::t;

/// When a call taken from the phone system was answered, and how long it took once it
/// ended ("10:02, 4:12"); `None` for a call logged by hand.
fn call_times(data: &serde_json::Value, tz: Tz, texts: &Texts) -> Option<String> {
    let began = data["started_at"]
        .as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())?
        .with_timezone(&tz)
        .format("%H:%M")
        .to_string();
    Some(match data["duration_s"].as_i64() {
        Some(seconds) => t!(
            texts,
            "timeline-call-taken",
            time = began,
            duration = crate::domain::calls::duration_text(seconds)
        ),
        None => t!(texts, "timeline-call-going", time = began),
    })
}

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
            .map_or_else(|| "—".to_string(), |s| s.text(texts))
    };
    let due = |key: &str| {
        data[key]
            .as_str()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|d| when::friendly(d.to_utc(), now, tz, texts))
            .unwrap_or_default()
    };
    let name = |key: &str| data[key].as_str().unwrap_or("—").to_string();
    match event.kind {
        EventKind::Created => t!(texts, "timeline-opened", text = text),
        EventKind::ContactIn | EventKind::ContactOut => {
            let inbound = event.kind == EventKind::ContactIn;
            with_text(match (channel.unwrap_or(Channel::Phone), inbound) {
                (Channel::Phone, true) => match call_times(data, tz, texts) {
                    Some(times) => format!("{} ({times})", t!(texts, "timeline-call-in")),
                    None => t!(texts, "timeline-call-in"),
                },
                (Channel::Phone, false) => t!(texts, "timeline-call-out"),
                (Channel::Email, true) => t!(texts, "timeline-email-in"),
                (Channel::Email, false) => t!(texts, "timeline-email-out"),
                (Channel::Visit, true) => t!(texts, "timeline-visit-in"),
                (Channel::Visit, false) => t!(texts, "timeline-visit-out"),
            })
        }
        EventKind::Note => t!(texts, "timeline-note", text = text),
        EventKind::StatusChanged => {
            t!(
                texts,
                "timeline-status",
                from = status("from"),
                to = status("to")
            )
        }
        // The JSON values are printed as they are stored (a number, or `null` in an
        // event written before the field existed).
        EventKind::PriorityChanged => t!(
            texts,
            "timeline-priority",
            from = data["from"]["priority"].to_string(),
            to = data["to"]["priority"].to_string(),
            impact = data["to"]["impact"].to_string(),
            urgency = data["to"]["urgency"].to_string()
        ),
        EventKind::CategoryChanged => {
            t!(
                texts,
                "timeline-category",
                from = name("from"),
                to = name("to")
            )
        }
        EventKind::AssigneeChanged => {
            t!(
                texts,
                "timeline-assignee",
                from = name("from"),
                to = name("to")
            )
        }
        EventKind::SubjectChanged => {
            t!(
                texts,
                "timeline-subject",
                from = name("from"),
                to = name("to")
            )
        }
        EventKind::CallerMerged => t!(
            texts,
            "timeline-caller-merged",
            from = name("from_name"),
            to = name("to_name")
        ),
        EventKind::Renumbered => t!(
            texts,
            "timeline-renumbered",
            from = name("from"),
            to = name("to")
        ),
        EventKind::ConflictSettled => {
            let field = name("field");
            t!(
                texts,
                "timeline-conflict-settled",
                field = change::field_text(&field, texts),
                value = change::value_text(&field, &data["value"], texts),
                over = change::value_text(&field, &data["over"], texts)
            )
        }
        EventKind::PromiseMade => t!(
            texts,
            "timeline-promised",
            when = due("due_at"),
            text = text
        ),
        EventKind::PromiseKept if data["late"].as_bool() == Some(true) => {
            t!(texts, "timeline-kept-late", text = text)
        }
        EventKind::PromiseKept => t!(texts, "timeline-kept", text = text),
        EventKind::PromiseRescheduled => with_text(t!(
            texts,
            "timeline-moved",
            from = due("from"),
            to = due("to")
        )),
        EventKind::PromiseCancelled => with_text(t!(texts, "timeline-cancelled")),
        EventKind::Escalated => with_text(t!(
            texts,
            "timeline-escalated",
            group = name("group"),
            tier = data["to_tier"].as_u64().unwrap_or(2)
        )),
        EventKind::IncidentLinked => {
            t!(
                texts,
                "timeline-incident-linked",
                key = name("incident_key")
            )
        }
        EventKind::ArticleSent => t!(texts, "timeline-article-sent", title = name("title")),
        EventKind::ScriptStarted => t!(texts, "timeline-script-started", title = name("title")),
        EventKind::ScriptAnswer => t!(
            texts,
            "timeline-script-answer",
            question = name("question"),
            answer = name("answer")
        ),
        EventKind::ScriptLeft => t!(texts, "timeline-script-left", title = name("title")),
        EventKind::ScriptFinished => {
            with_text(t!(texts, "timeline-script-finished", title = name("title")))
        }
    }
}
