//! The hand-off note an escalation carries to the next line, filled in from what the
//! ticket already knows: the script answers, the notes, the articles sent. The second
//! line reads what was asked and tried instead of asking the caller again.

use crate::domain::{EventKind, Ticket};
use crate::i18n::Texts;
use crate::t;

/// Notes beyond these last few are in the timeline for whoever needs them.
const NOTES: usize = 5;

/// The pre-filled lines, in the agent's language. `events` is the ticket's timeline,
/// oldest first.
pub fn prefill(ticket: &Ticket, events: &[crate::domain::Event], texts: &Texts) -> Vec<String> {
    let mut lines = vec![t!(
        texts,
        "handoff-ticket",
        key = ticket.key.as_str(),
        subject = ticket.subject.as_str(),
        caller = ticket.caller_name.as_str(),
        priority = ticket.priority
    )];
    // A step answered twice (the agent went back) counts with its last answer.
    let mut answers: Vec<(&str, &str, &str)> = Vec::new();
    for event in events.iter().filter(|e| e.kind == EventKind::ScriptAnswer) {
        let field = |name: &str| event.data[name].as_str().unwrap_or_default();
        let (step, question, answer) = (field("step"), field("question"), field("answer"));
        answers.retain(|(s, q, _)| !(*s == step && *q == question));
        answers.push((step, question, answer));
    }
    if !answers.is_empty() {
        lines.push(t!(texts, "handoff-asked"));
        lines.extend(answers.iter().map(|(_, q, a)| format!("  • {q} → {a}")));
    }
    let tried: Vec<String> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::ScriptFinished if !e.text.is_empty() => Some(e.text.clone()),
            EventKind::ArticleSent => e.data["title"]
                .as_str()
                .map(|title| t!(texts, "handoff-article", title = title)),
            _ => None,
        })
        .collect();
    if !tried.is_empty() {
        lines.push(t!(texts, "handoff-tried"));
        lines.extend(tried.iter().map(|line| format!("  • {line}")));
    }
    // What the caller said on each call counts as much as the agent's own notes.
    let notes: Vec<String> = events
        .iter()
        .filter(|e| !e.text.is_empty())
        .filter_map(|e| match e.kind {
            EventKind::Note => Some(e.text.clone()),
            EventKind::ContactIn | EventKind::ContactOut => Some(format!("☎ {}", e.text)),
            _ => None,
        })
        .collect();
    if !notes.is_empty() {
        lines.push(t!(texts, "handoff-notes"));
        let skip = notes.len().saturating_sub(NOTES);
        lines.extend(notes[skip..].iter().map(|n| format!("  • {n}")));
    }
    lines
}

/// The note as written to the ticket: what the agent adds, then the pre-filled part.
pub fn note(prefilled: &[String], added: &str, texts: &Texts) -> String {
    let mut text = String::new();
    if !added.trim().is_empty() {
        text.push_str(&t!(texts, "handoff-added", text = added.trim()));
        text.push('\n');
    }
    text.push_str(&prefilled.join("\n"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Event, Status};
    use crate::i18n::Language;
    use serde_json::json;

    fn event(kind: EventKind, text: &str, data: serde_json::Value) -> Event {
        Event {
            id: "e".into(),
            ticket_id: "t".into(),
            at: chrono::DateTime::UNIX_EPOCH,
            by: "anna".into(),
            kind,
            text: text.into(),
            data,
        }
    }

    fn answer(step: &str, question: &str, answer: &str) -> Event {
        let data = json!({"script": "vpn", "title": "VPN", "step": step,
            "question": question, "answer": answer});
        event(EventKind::ScriptAnswer, "", data)
    }

    #[test]
    fn the_handoff_lists_the_last_answer_to_each_question_what_was_tried_and_the_notes() {
        let ticket = crate::domain::Ticket {
            id: "t".into(),
            key: "T-1042".into(),
            caller_id: None,
            caller_name: "Jan de Vries".into(),
            subject: "VPN drops".into(),
            status: Status::Open,
            impact: 3,
            urgency: 3,
            priority: 2,
            category: None,
            assignee: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
            last_activity_at: chrono::DateTime::UNIX_EPOCH,
            tier: 1,
            group: None,
            major: false,
            incident_id: None,
        };
        let events = [
            answer("since", "Since when?", "yesterday"),
            answer("wifi", "On Wi-Fi or cable?", "cable"),
            // The agent went back and corrected the answer.
            answer("wifi", "On Wi-Fi or cable?", "Wi-Fi"),
            event(
                EventKind::ContactIn,
                "drops every hour",
                json!({"channel": "phone"}),
            ),
            event(EventKind::Note, "reinstalled the client", json!({})),
            event(
                EventKind::ArticleSent,
                "",
                json!({"article": "vpn", "title": "VPN keeps dropping"}),
            ),
            event(EventKind::ScriptFinished, "Escalate to network", json!({})),
        ];
        let texts = Texts::new(Language::English);
        let lines = prefill(&ticket, &events, &texts);
        assert_eq!(
            lines,
            [
                "T-1042 VPN drops — caller Jan de Vries, P2",
                "Asked and answered:",
                "  • Since when? → yesterday",
                "  • On Wi-Fi or cable? → Wi-Fi",
                "Tried:",
                "  • sent article: VPN keeps dropping",
                "  • Escalate to network",
                "Notes:",
                "  • ☎ drops every hour",
                "  • reinstalled the client",
            ]
        );
        assert_eq!(
            note(&lines[..1], " check the firewall ", &texts),
            "Agent: check the firewall\nT-1042 VPN drops — caller Jan de Vries, P2"
        );
    }
}
