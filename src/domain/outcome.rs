//! What became of a promise. Derived, never stored: from its state, its deadline and when it
//! was closed, which the store writes in the same transaction as the promise's events.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::PromiseState;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Open,
    KeptOnTime,
    KeptLate,
    /// Cancelled or moved after its deadline, or still open past it.
    Broken,
    CancelledInTime,
    /// Moved before its deadline; its successor carries the promise on.
    RescheduledInTime,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Open => "open",
            Outcome::KeptOnTime => "kept on time",
            Outcome::KeptLate => "kept late",
            Outcome::Broken => "broken",
            Outcome::CancelledInTime => "cancelled in time",
            Outcome::RescheduledInTime => "rescheduled in time",
        }
    }
}

pub fn classify(
    state: PromiseState,
    due_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Outcome {
    let in_time = |at: Option<DateTime<Utc>>| at.is_some_and(|at| at <= due_at);
    match state {
        PromiseState::Open if now > due_at => Outcome::Broken,
        PromiseState::Open => Outcome::Open,
        PromiseState::Kept if in_time(closed_at) => Outcome::KeptOnTime,
        PromiseState::Kept => Outcome::KeptLate,
        PromiseState::Cancelled if in_time(closed_at) => Outcome::CancelledInTime,
        PromiseState::Rescheduled if in_time(closed_at) => Outcome::RescheduledInTime,
        PromiseState::Cancelled | PromiseState::Rescheduled => Outcome::Broken,
    }
}

/// An open promise past its deadline, as the overdue report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverduePromise {
    pub id: crate::domain::Id,
    pub ticket_key: String,
    pub owner: String,
    pub to: String,
    pub what: String,
    pub channel: crate::domain::Channel,
    pub due_at: DateTime<Utc>,
}

/// One agent's promises over a period, as the team lead reads them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Record {
    pub agent: String,
    pub made: i64,
    pub kept_on_time: i64,
    pub kept_late: i64,
    pub broken: i64,
    pub cancelled_in_time: i64,
    pub rescheduled_in_time: i64,
    pub open: i64,
}

impl Record {
    pub fn count(&mut self, outcome: Outcome) {
        self.made += 1;
        match outcome {
            Outcome::Open => self.open += 1,
            Outcome::KeptOnTime => self.kept_on_time += 1,
            Outcome::KeptLate => self.kept_late += 1,
            Outcome::Broken => self.broken += 1,
            Outcome::CancelledInTime => self.cancelled_in_time += 1,
            Outcome::RescheduledInTime => self.rescheduled_in_time += 1,
        }
    }

    /// Kept on time out of the promises that have come due: open ones and those handed on
    /// to a successor in time are not judged yet, and cancelling in time breaks no word.
    pub fn rate(&self) -> Option<f64> {
        let judged = self.kept_on_time + self.kept_late + self.broken;
        (judged > 0).then(|| self.kept_on_time as f64 / judged as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::days(20_000) + Duration::minutes(minutes)
    }

    #[test]
    fn every_transition_has_an_outcome() {
        let due = at(60);
        let cases = [
            (PromiseState::Open, None, at(30), Outcome::Open),
            (PromiseState::Open, None, at(60), Outcome::Open),
            (PromiseState::Open, None, at(61), Outcome::Broken),
            (
                PromiseState::Kept,
                Some(at(59)),
                at(90),
                Outcome::KeptOnTime,
            ),
            (
                PromiseState::Kept,
                Some(at(60)),
                at(90),
                Outcome::KeptOnTime,
            ),
            (PromiseState::Kept, Some(at(75)), at(90), Outcome::KeptLate),
            (
                PromiseState::Cancelled,
                Some(at(10)),
                at(90),
                Outcome::CancelledInTime,
            ),
            (
                PromiseState::Cancelled,
                Some(at(70)),
                at(90),
                Outcome::Broken,
            ),
            (
                PromiseState::Rescheduled,
                Some(at(10)),
                at(90),
                Outcome::RescheduledInTime,
            ),
            (
                PromiseState::Rescheduled,
                Some(at(70)),
                at(90),
                Outcome::Broken,
            ),
        ];
        for (state, closed, now, expected) in cases {
            assert_eq!(
                classify(state, due, closed, now),
                expected,
                "{state:?} closed {closed:?}"
            );
        }
    }

    #[test]
    fn the_rate_counts_only_promises_that_came_due() {
        let mut record = Record::default();
        for outcome in [
            Outcome::KeptOnTime,
            Outcome::KeptOnTime,
            Outcome::KeptOnTime,
            Outcome::KeptLate,
            Outcome::Broken,
            Outcome::Open,
            Outcome::CancelledInTime,
            Outcome::RescheduledInTime,
        ] {
            record.count(outcome);
        }
        assert_eq!(record.made, 8);
        assert_eq!(record.rate(), Some(0.6));
        assert_eq!(Record::default().rate(), None);
    }
}
