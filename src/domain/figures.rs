//! The figures a team lead's report counts, worked out for one ticket or one promise at a
//! time so that the store can keep them beside the rows they come from. Kept figures are
//! never the truth: they are the answer these rules give on the events, and the same rules
//! rebuild them from the events alone.

use chrono::{DateTime, Utc};

use crate::domain::PromiseState;
use crate::domain::business::Calendar;
use crate::domain::first_contact::{Verdict, verdict};
use crate::domain::outcome::{Outcome, classify};
use crate::domain::sla::{ClockState, History, Target, default_targets, resolution_clock};

/// The settings the figures depend on. Figures worked out under other settings are stale,
/// so the store keeps the `fingerprint` of the settings its figures were made under.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRules {
    pub calendar: Calendar,
    /// For priorities 1 to 5, in that order.
    pub targets: [Target; 5],
    pub reopen_days: u32,
}

impl FigureRules {
    /// Office hours in UTC, the default targets and a week to reopen: what a desk without a
    /// configuration works to.
    pub fn standard() -> FigureRules {
        FigureRules {
            calendar: Calendar::standard(crate::domain::time_zone::Tz::UTC),
            targets: default_targets(),
            reopen_days: 7,
        }
    }

    /// Equal settings give equal text; any change to hours, holidays, zone, targets or the
    /// reopen window gives another.
    pub fn fingerprint(&self) -> String {
        format!("{self:?}")
    }

    /// Priorities outside 1–5 are clamped, like the priority matrix's.
    pub fn target(&self, priority: u8) -> Target {
        self.targets[usize::from(priority.clamp(1, 5) - 1)]
    }
}

/// Where a ticket's resolution clock ended up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaOutcome {
    /// Still open (or waiting): not judged yet.
    Open,
    Met,
    Breached,
}

impl SlaOutcome {
    pub fn code(self) -> i64 {
        match self {
            SlaOutcome::Open => 0,
            SlaOutcome::Met => 1,
            SlaOutcome::Breached => 2,
        }
    }
}

/// First-contact resolution as a report counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstContactOutcome {
    Unresolved,
    FirstContact,
    LaterContact,
    Reopened,
}

impl FirstContactOutcome {
    pub fn code(self) -> i64 {
        match self {
            FirstContactOutcome::Unresolved => 0,
            FirstContactOutcome::FirstContact => 1,
            FirstContactOutcome::LaterContact => 2,
            FirstContactOutcome::Reopened => 3,
        }
    }
}

/// One ticket's figures. The clock's figures are as the events stand: a report made now
/// reads the same as one made later, because a resolved ticket's clock has stopped and an
/// open one is not judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TicketFigures {
    pub first_response: Option<DateTime<Utc>>,
    /// When the resolution clock stopped for good; `None` while the ticket is open.
    pub resolved: Option<DateTime<Utc>>,
    /// Business seconds the resolution clock ran.
    pub resolution_seconds: i64,
    pub sla: SlaOutcome,
    pub first_contact: FirstContactOutcome,
}

pub fn ticket_figures(history: &History, priority: u8, rules: &FigureRules) -> TicketFigures {
    let first_contact = match verdict(history, rules.reopen_days) {
        Verdict::Unresolved => FirstContactOutcome::Unresolved,
        Verdict::FirstContact { .. } => FirstContactOutcome::FirstContact,
        Verdict::LaterContact { .. } => FirstContactOutcome::LaterContact,
        Verdict::Reopened => FirstContactOutcome::Reopened,
    };
    // The clock as of the last status change, which counts every change. An open ticket's
    // clock keeps running after that, so it is not judged.
    let last_change = history.changes.iter().map(|c| c.at).max();
    let as_of = last_change.unwrap_or(history.opened).max(history.opened);
    let clock = resolution_clock(
        history.opened,
        &history.changes,
        rules.target(priority).resolution,
        &rules.calendar,
        as_of,
    );
    let closed = !history.changes.last().is_some_and(|c| c.status.is_open());
    let (sla, resolved) = match clock.state {
        ClockState::Met => (SlaOutcome::Met, Some(as_of)),
        ClockState::Breached if closed => (SlaOutcome::Breached, Some(as_of)),
        _ => (SlaOutcome::Open, None),
    };
    TicketFigures {
        first_response: history.first_response,
        resolved,
        resolution_seconds: clock.used.num_seconds(),
        sla,
        first_contact,
    }
}

/// One assignee's tickets over a period, as the team lead reads them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TicketRecord {
    pub agent: String,
    pub tickets: i64,
    pub resolved: i64,
    /// Resolved at the first contact and not reopened within the window.
    pub first_contact: i64,
    /// Resolved, with a stopped resolution clock, and of those, within the target.
    pub sla_resolved: i64,
    pub sla_met: i64,
}

/// What became of a promise, as far as its own row tells: an open promise becomes broken
/// when its deadline passes, which only the moment of reading can say.
pub fn settled_outcome(
    state: PromiseState,
    due_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
) -> Outcome {
    classify(state, due_at, closed_at, due_at)
}

pub fn outcome_code(outcome: Outcome) -> i64 {
    match outcome {
        Outcome::Open => 0,
        Outcome::KeptOnTime => 1,
        Outcome::KeptLate => 2,
        Outcome::Broken => 3,
        Outcome::CancelledInTime => 4,
        Outcome::RescheduledInTime => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;
    use crate::domain::sla::StatusChange;
    use chrono::{Duration, TimeZone};

    fn monday(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0).unwrap()
    }

    fn history(changes: &[(DateTime<Utc>, Status)], contacts: &[DateTime<Utc>]) -> History {
        History {
            opened: changes[0].0,
            first_response: Some(changes[0].0),
            contacts: contacts.to_vec(),
            changes: changes
                .iter()
                .map(|&(at, status)| StatusChange { at, status })
                .collect(),
        }
    }

    #[test]
    fn a_ticket_resolved_within_its_target_at_the_first_call_is_met_and_first_contact() {
        let rules = FigureRules::standard();
        let opened = monday(9);
        let h = history(
            &[(opened, Status::New), (monday(10), Status::Resolved)],
            &[opened],
        );
        let figures = ticket_figures(&h, 1, &rules);
        assert_eq!(figures.sla, SlaOutcome::Met);
        assert_eq!(figures.resolved, Some(monday(10)));
        assert_eq!(figures.resolution_seconds, 3600);
        assert_eq!(figures.first_contact, FirstContactOutcome::FirstContact);
    }

    #[test]
    fn an_open_ticket_is_not_judged_and_a_late_resolution_is_breached() {
        let rules = FigureRules::standard();
        let opened = monday(9);
        let open = history(&[(opened, Status::New)], &[opened]);
        assert_eq!(ticket_figures(&open, 1, &rules).sla, SlaOutcome::Open);
        // Priority 1 allows four business hours; the next day is well past them.
        let late = history(
            &[
                (opened, Status::New),
                (opened + Duration::days(1), Status::Resolved),
            ],
            &[opened, opened + Duration::hours(2)],
        );
        let figures = ticket_figures(&late, 1, &rules);
        assert_eq!(figures.sla, SlaOutcome::Breached);
        assert_eq!(figures.first_contact, FirstContactOutcome::LaterContact);
    }

    #[test]
    fn other_settings_have_another_fingerprint() {
        let rules = FigureRules::standard();
        let longer = FigureRules {
            reopen_days: 8,
            ..rules.clone()
        };
        assert_eq!(rules.fingerprint(), FigureRules::standard().fingerprint());
        assert_ne!(rules.fingerprint(), longer.fingerprint());
    }

    #[test]
    fn an_open_promise_settles_nothing_yet() {
        let due = monday(12);
        assert_eq!(
            settled_outcome(PromiseState::Open, due, None),
            Outcome::Open
        );
        assert_eq!(
            settled_outcome(PromiseState::Kept, due, Some(monday(13))),
            Outcome::KeptLate
        );
    }
}
