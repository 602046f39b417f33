//! Open promises as an iCalendar file, so an agent's callbacks appear in Outlook or
//! Thunderbird with a reminder.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, EventLike};

use crate::domain::text::escape;
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
        // RFC 5545 allows no control character but the tab in a text value; anything
        // stored from an older desk is shown escaped, as on the command line.
        let (to, what, owner) = (escape(&p.to), escape(&p.what), escape(&p.owner));
        let summary = format!("{verb} {to}: {what}");
        let description = format!(
            "Promised by {owner} on ticket {} to {to}: {what}",
            escape(&p.ticket_key)
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
