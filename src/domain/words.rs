//! The desk's words for the domain's values: statuses, channels, timeline events, queue
//! filters, reminders. Each enum keeps its English `label()` for the command line, whose
//! output scripts read; the desk asks for `text(&texts)`, in the agent's language.
//!
//! Every lookup is spelled out with a literal id so that the catalogue test sees each one.

use crate::domain::outcome::Outcome;
use crate::domain::{AlertKind, Channel, EventKind, PromiseState, QueueFilter, Status};
use crate::i18n::Texts;
use crate::t;

impl Status {
    pub fn text(self, texts: &Texts) -> String {
        match self {
            Status::New => t!(texts, "status-new"),
            Status::Open => t!(texts, "status-open"),
            Status::WaitingCaller => t!(texts, "status-waiting-caller"),
            Status::WaitingThirdParty => t!(texts, "status-waiting-third-party"),
            Status::Resolved => t!(texts, "status-resolved"),
            Status::Closed => t!(texts, "status-closed"),
        }
    }
}

impl Channel {
    pub fn text(self, texts: &Texts) -> String {
        match self {
            Channel::Phone => t!(texts, "channel-phone"),
            Channel::Email => t!(texts, "channel-email"),
            Channel::Visit => t!(texts, "channel-visit"),
        }
    }
}

impl PromiseState {
    pub fn text(self, texts: &Texts) -> String {
        match self {
            PromiseState::Open => t!(texts, "promise-state-open"),
            PromiseState::Kept => t!(texts, "promise-state-kept"),
            PromiseState::Rescheduled => t!(texts, "promise-state-rescheduled"),
            PromiseState::Cancelled => t!(texts, "promise-state-cancelled"),
        }
    }
}

impl AlertKind {
    pub fn text(self, texts: &Texts) -> String {
        match self {
            AlertKind::Warning => t!(texts, "alert-warning"),
            AlertKind::Due => t!(texts, "alert-due"),
        }
    }
}

impl EventKind {
    pub fn text(self, texts: &Texts) -> String {
        match self {
            EventKind::Created => t!(texts, "event-created"),
            EventKind::ContactIn => t!(texts, "event-contact-in"),
            EventKind::ContactOut => t!(texts, "event-contact-out"),
            EventKind::Note => t!(texts, "event-note"),
            EventKind::StatusChanged => t!(texts, "event-status"),
            EventKind::PriorityChanged => t!(texts, "event-priority"),
            EventKind::CategoryChanged => t!(texts, "event-category"),
            EventKind::AssigneeChanged => t!(texts, "event-assignee"),
            EventKind::SubjectChanged => t!(texts, "event-subject"),
            EventKind::CallerMerged => t!(texts, "event-caller-merged"),
            EventKind::ConflictSettled => t!(texts, "event-conflict-settled"),
            EventKind::Renumbered => t!(texts, "event-renumbered"),
            EventKind::PromiseMade => t!(texts, "event-promise-made"),
            EventKind::PromiseKept => t!(texts, "event-promise-kept"),
            EventKind::PromiseRescheduled => t!(texts, "event-promise-rescheduled"),
            EventKind::PromiseCancelled => t!(texts, "event-promise-cancelled"),
            EventKind::Escalated => t!(texts, "event-escalated"),
            EventKind::IncidentLinked => t!(texts, "event-incident-linked"),
            EventKind::ArticleSent => t!(texts, "event-article-sent"),
            EventKind::ScriptStarted => t!(texts, "event-script-started"),
            EventKind::ScriptAnswer => t!(texts, "event-script-answer"),
            EventKind::ScriptLeft => t!(texts, "event-script-left"),
            EventKind::ScriptFinished => t!(texts, "event-script-finished"),
        }
    }
}

impl QueueFilter {
    pub fn text(self, texts: &Texts) -> String {
        match self {
            QueueFilter::Mine => t!(texts, "filter-mine"),
            QueueFilter::AllOpen => t!(texts, "filter-all-open"),
            QueueFilter::Waiting => t!(texts, "filter-waiting"),
        }
    }
}

/// What each step of impact (1 highest … 5) means, in the form's choice list.
pub fn impact_steps(texts: &Texts) -> Vec<String> {
    vec![
        t!(texts, "impact-1"),
        t!(texts, "impact-2"),
        t!(texts, "impact-3"),
        t!(texts, "impact-4"),
        t!(texts, "impact-5"),
    ]
}

/// What each step of urgency (1 highest … 5) means, in the form's choice list.
pub fn urgency_steps(texts: &Texts) -> Vec<String> {
    vec![
        t!(texts, "urgency-1"),
        t!(texts, "urgency-2"),
        t!(texts, "urgency-3"),
        t!(texts, "urgency-4"),
        t!(texts, "urgency-5"),
    ]
}

impl Outcome {
    pub fn text(self, texts: &Texts) -> String {
        match self {
            Outcome::Open => t!(texts, "outcome-open"),
            Outcome::KeptOnTime => t!(texts, "outcome-kept-on-time"),
            Outcome::KeptLate => t!(texts, "outcome-kept-late"),
            Outcome::Broken => t!(texts, "outcome-broken"),
            Outcome::CancelledInTime => t!(texts, "outcome-cancelled-in-time"),
            Outcome::RescheduledInTime => t!(texts, "outcome-rescheduled-in-time"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    /// The English catalogue is what the command line's labels say, word for word.
    #[test]
    fn english_words_are_the_command_lines_labels() {
        let en = Texts::new(Language::English);
        for s in Status::ALL {
            assert_eq!(s.text(&en), s.label());
        }
        for c in Channel::ALL {
            assert_eq!(c.text(&en), c.label());
        }
        for p in PromiseState::ALL {
            assert_eq!(p.text(&en), p.label());
        }
        for a in AlertKind::ALL {
            assert_eq!(a.text(&en), a.label());
        }
        for e in EventKind::ALL {
            assert_eq!(e.text(&en), e.label());
        }
        for f in [
            QueueFilter::Mine,
            QueueFilter::AllOpen,
            QueueFilter::Waiting,
        ] {
            assert_eq!(f.text(&en), f.label());
        }
    }

    #[test]
    fn other_languages_have_their_own_words() {
        let nl = Texts::new(Language::Dutch);
        let hu = Texts::new(Language::Hungarian);
        assert_eq!(Status::WaitingCaller.text(&nl), "wacht op beller");
        assert_eq!(Status::WaitingCaller.text(&hu), "hívóra vár");
        assert_eq!(PromiseState::Kept.text(&nl), "nagekomen");
        assert_eq!(impact_steps(&hu).len(), 5);
        // Each step starts with its number, which the agent types to jump to it.
        for (i, step) in urgency_steps(&nl).iter().enumerate() {
            assert!(step.starts_with(&(i + 1).to_string()), "{step}");
        }
    }
}
