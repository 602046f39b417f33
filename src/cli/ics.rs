//! Open promises as an iCalendar file, so an agent's callbacks appear in Outlook or
//! Thunderbird with a reminder.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, EventLike};

use crate::domain::{Channel, Promise};

/// How long the calendar blocks for a callback, and how early it reminds.
const SLOT: Duration = Duration::minutes(15);
const REMINDER: Duration = Duration::minutes(15);

pub fn calendar(promises: &[Promise], now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar.name("balie promises");
    for p in promises {
        let verb = match p.channel {
            Channel::Phone => "Call",
            Channel::Email => "E-mail",
            Channel::Visit => "Visit",
        };
        let summary = format!("{verb} {}: {}", p.to, p.what);
        let description = format!(
            "Promised by {} on ticket {} to {}: {}",
            p.owner, p.ticket_key, p.to, p.what
        );
        let event = icalendar::Event::new()
            // Stable across exports, so re-importing updates an event instead of doubling it.
            .uid(&format!("{}@balie", p.id))
            .timestamp(now)
            .summary(&summary)
            .description(&description)
            .starts(p.due_at)
            .ends(p.due_at + SLOT)
            .alarm(Alarm::display(&summary, -REMINDER))
            .done();
        calendar.push(event);
    }
    calendar.done().to_string()
}
