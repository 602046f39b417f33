//! First-contact resolution, derived from each ticket's events: resolved before any second
//! contact with the caller, and not reopened within the configured number of days after.
//! Worked out from the same histories as the SLA clocks; a report counts the verdicts the
//! store keeps (`domain::figures`).

use chrono::{DateTime, Duration, Utc};

use crate::domain::sla::History;

/// How one ticket stands on first-contact resolution, shown on the ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Unresolved,
    /// Resolved during the first contact; it stays so unless reopened before `until`.
    FirstContact {
        until: DateTime<Utc>,
    },
    /// Resolved, but only after this many contacts with the caller.
    LaterContact {
        contacts: usize,
    },
    /// Resolved at the first contact, then reopened within the window.
    Reopened,
}

/// Resolved before any second contact with the caller, and not reopened within
/// `reopen_days` of being resolved.
pub fn verdict(history: &History, reopen_days: u32) -> Verdict {
    let window = Duration::days(i64::from(reopen_days));
    let Some(resolved_at) = history
        .changes
        .iter()
        .find(|c| !c.status.is_open())
        .map(|c| c.at)
    else {
        return Verdict::Unresolved;
    };
    let contacts = history
        .contacts
        .iter()
        .filter(|&&at| at <= resolved_at)
        .count();
    let reopened = history
        .changes
        .iter()
        .any(|c| c.at > resolved_at && c.at <= resolved_at + window && c.status.is_open());
    if contacts > 1 {
        Verdict::LaterContact { contacts }
    } else if reopened {
        Verdict::Reopened
    } else {
        Verdict::FirstContact {
            until: resolved_at + window,
        }
    }
}
