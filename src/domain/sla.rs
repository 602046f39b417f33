//! SLA clocks. They are computed afresh from a ticket's status history every
//! time rather than kept as running counters, so a status change made
//! offline and synced later, or a correction to an old entry, replays into
//! the same answer as if it had been there all along.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, TimeDelta, Utc};

use crate::domain::Status;
use crate::domain::business::Calendar;

/// An SLA target length. Minutes are business minutes of the desk's
/// calendar; days are working days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    BusinessMinutes(u32),
    WorkingDays(u32),
}

impl Span {
    /// Reads `30m`, `4h`, `1h30m` or `3d`, the forms `Display` writes.
    pub fn parse(text: &str) -> Result<Span, String> {
        let refuse =
            || format!("`{text}` is not a target — write e.g. 30m, 4h, 1h30m or 3d (working days)");
        let lower = text.trim().to_lowercase();
        let number = |digits: &str| -> Result<u32, String> {
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(refuse());
            }
            digits.parse().map_err(|_| format!("`{text}` is too long"))
        };
        let span = if let Some(days) = lower.strip_suffix('d') {
            Span::WorkingDays(number(days)?)
        } else {
            let (hours, rest) = match lower.split_once('h') {
                Some((hours, rest)) => (number(hours)?, rest),
                None => (0, lower.as_str()),
            };
            let minutes = match rest {
                "" if lower.contains('h') => 0,
                _ => number(rest.strip_suffix('m').ok_or_else(refuse)?)?,
            };
            hours
                .checked_mul(60)
                .and_then(|m| m.checked_add(minutes))
                .map(Span::BusinessMinutes)
                .ok_or_else(|| format!("`{text}` is too long"))?
        };
        if matches!(span, Span::BusinessMinutes(0) | Span::WorkingDays(0)) {
            return Err(format!("`{text}` allows no time at all"));
        }
        Ok(span)
    }

    /// The business time this span allows on `calendar`. A working day is
    /// the calendar's standard day (`Calendar::standard_day`) rather than
    /// the hours of whichever days the ticket happens to span, so that a
    /// pause cannot make the allowance grow or shrink, and `used` and
    /// `allowed` stay comparable while the clock stops and starts.
    pub fn allowed(self, calendar: &Calendar) -> TimeDelta {
        match self {
            Span::BusinessMinutes(minutes) => TimeDelta::minutes(i64::from(minutes)),
            Span::WorkingDays(days) => i32::try_from(days)
                .ok()
                .and_then(|days| calendar.standard_day().checked_mul(days))
                .unwrap_or(TimeDelta::MAX),
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Span::WorkingDays(days) => write!(f, "{days}d"),
            Span::BusinessMinutes(minutes) => match (minutes / 60, minutes % 60) {
                (0, m) => write!(f, "{m}m"),
                (h, 0) => write!(f, "{h}h"),
                (h, m) => write!(f, "{h}h{m}m"),
            },
        }
    }
}

impl FromStr for Span {
    type Err = String;

    fn from_str(text: &str) -> Result<Span, String> {
        Span::parse(text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub first_response: Span,
    pub resolution: Span,
}

/// Targets for priorities 1 to 5, in that order.
pub fn default_targets() -> [Target; 5] {
    use Span::{BusinessMinutes as Minutes, WorkingDays as Days};
    let target = |first_response, resolution| Target {
        first_response,
        resolution,
    };
    [
        target(Minutes(60), Minutes(4 * 60)),
        target(Minutes(4 * 60), Minutes(8 * 60)),
        target(Minutes(8 * 60), Days(3)),
        target(Days(3), Days(10)),
        target(Days(5), Days(20)),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusChange {
    pub at: DateTime<Utc>,
    pub status: Status,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockState {
    Running,
    Paused,
    Met,
    Breached,
}

/// `used` and `allowed` are business time. `due` depends on the state:
/// running or paused, it is when the clock runs out if it runs from now
/// on; breached, when it ran out; met, when it would have run out had the
/// ticket not been resolved. `fraction_left` is the unused share of
/// `allowed`, from 1.0 down to 0.0 and never below.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clock {
    pub state: ClockState,
    pub due: DateTime<Utc>,
    pub used: TimeDelta,
    pub allowed: TimeDelta,
    pub fraction_left: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warning {
    None,
    /// At most 20% of the allowed time left.
    Low,
    /// At most 5% of the allowed time left.
    Critical,
    Breached,
}

impl Clock {
    /// A met clock never warns; a paused one still does, because it will
    /// be just as close to breaching the moment it resumes.
    pub fn warning(&self) -> Warning {
        match self.state {
            ClockState::Breached => Warning::Breached,
            ClockState::Met => Warning::None,
            ClockState::Running | ClockState::Paused => {
                let left = (self.allowed - self.used).max(TimeDelta::zero());
                // Compared in whole nanoseconds: a float can land a hair on
                // the wrong side of exactly 20%.
                let within = |percent: i128| nanos(left) * 100 <= nanos(self.allowed) * percent;
                if within(5) {
                    Warning::Critical
                } else if within(20) {
                    Warning::Low
                } else {
                    Warning::None
                }
            }
        }
    }
}

fn nanos(span: TimeDelta) -> i128 {
    i128::from(span.num_seconds()) * 1_000_000_000 + i128::from(span.subsec_nanos())
}

/// Resolution time: runs while the status is New or Open, pauses while the
/// ticket waits on the caller or a third party, stops at Resolved or
/// Closed and resumes on a reopen.
///
/// `changes` are in time order and the first is the status the ticket was
/// opened with, so its own time is not read. Changes after `now` are not
/// counted yet; one dated before its predecessor counts from the
/// predecessor's time, so a history with a clock skew in it still adds up.
pub fn resolution_clock(
    opened: DateTime<Utc>,
    changes: &[StatusChange],
    target: Span,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Clock {
    let now = now.max(opened);
    let mut tally = Tally::new(target.allowed(calendar));
    let mut status = changes.first().map_or(Status::New, |change| change.status);
    let mut since = opened;
    let mut stopped_at = (!status.is_open()).then_some(opened);
    for change in changes.iter().skip(1) {
        if change.at > now {
            break;
        }
        let at = change.at.max(since);
        if runs(status) {
            tally.run(calendar, since, at);
        }
        match (status.is_open(), change.status.is_open()) {
            (true, false) => stopped_at = Some(at),
            (_, true) => stopped_at = None,
            (false, false) => {}
        }
        since = at;
        status = change.status;
    }
    if runs(status) {
        tally.run(calendar, since, now);
    }
    let state = if stopped_at.is_some() {
        ClockState::Met
    } else if status.is_waiting() {
        ClockState::Paused
    } else {
        ClockState::Running
    };
    tally.clock(state, stopped_at.unwrap_or(now), calendar)
}

/// First-response time: runs from opening until the first response, with
/// no pauses, since waiting on someone else is no reason not to answer.
/// A response stamped after `now` is not counted yet.
pub fn response_clock(
    opened: DateTime<Utc>,
    first_response: Option<DateTime<Utc>>,
    target: Span,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Clock {
    let now = now.max(opened);
    let mut tally = Tally::new(target.allowed(calendar));
    match first_response.filter(|at| *at <= now) {
        Some(at) => {
            let at = at.max(opened);
            tally.run(calendar, opened, at);
            tally.clock(ClockState::Met, at, calendar)
        }
        None => {
            tally.run(calendar, opened, now);
            tally.clock(ClockState::Running, now, calendar)
        }
    }
}

fn runs(status: Status) -> bool {
    status.is_open() && !status.is_waiting()
}

struct Tally {
    allowed: TimeDelta,
    used: TimeDelta,
    ran_out: Option<DateTime<Utc>>,
}

impl Tally {
    fn new(allowed: TimeDelta) -> Tally {
        Tally {
            allowed,
            used: TimeDelta::zero(),
            ran_out: None,
        }
    }

    fn run(&mut self, calendar: &Calendar, from: DateTime<Utc>, to: DateTime<Utc>) {
        let spent = calendar.between(from, to);
        if self.ran_out.is_none() && self.used + spent > self.allowed {
            self.ran_out = Some(calendar.add(from, self.allowed - self.used));
        }
        self.used += spent;
    }

    /// `state` is what the status history says; running over the allowance
    /// overrides it, since a breach stands whatever happens afterwards.
    /// `from` is where the rest of the allowance would start counting.
    fn clock(self, state: ClockState, from: DateTime<Utc>, calendar: &Calendar) -> Clock {
        let left = (self.allowed - self.used).max(TimeDelta::zero());
        let (state, due) = match self.ran_out {
            Some(ran_out) if self.used > self.allowed => (ClockState::Breached, ran_out),
            _ => (state, calendar.add(from, left)),
        };
        let fraction_left = if self.allowed > TimeDelta::zero() {
            left.num_milliseconds() as f64 / self.allowed.num_milliseconds() as f64
        } else {
            0.0
        };
        Clock {
            state,
            due,
            used: self.used,
            allowed: self.allowed,
            fraction_left,
        }
    }
}

#[cfg(test)]
mod tests;

/// What the clocks of one ticket are computed from, read from its events.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub opened: DateTime<Utc>,
    /// The first contact with the caller or change of status: a ticket opened from a call
    /// was answered when it was opened.
    pub first_response: Option<DateTime<Utc>>,
    /// Every contact with the caller, in time order.
    pub contacts: Vec<DateTime<Utc>>,
    /// Starts with the status the ticket was opened with.
    pub changes: Vec<StatusChange>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TicketClocks {
    pub response: Clock,
    pub resolution: Clock,
}

pub fn ticket_clocks(
    history: &History,
    target: Target,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> TicketClocks {
    TicketClocks {
        response: response_clock(
            history.opened,
            history.first_response,
            target.first_response,
            calendar,
            now,
        ),
        resolution: resolution_clock(
            history.opened,
            &history.changes,
            target.resolution,
            calendar,
            now,
        ),
    }
}
