//! Gathering the shift handover from the store, for the desk's popup and `balie handover`.

use chrono::{DateTime, Utc};

use crate::config::SlaTargets;
use crate::domain::business::Calendar;
use crate::domain::shift_handover::{Handover, build};
use crate::domain::{QueueFilter, Ticket};
use crate::store::{self, Store};

/// An agent holds few enough open tickets and promises that these bounds are never met
/// in practice; they keep a runaway desk from flooding the page.
const TICKETS: usize = 500;
const PROMISES: usize = 500;

pub fn gather(
    store: &Store,
    agent: &str,
    calendar: &Calendar,
    targets: &SlaTargets,
    now: DateTime<Utc>,
) -> store::Result<Handover> {
    let tickets: Vec<Ticket> = store.queue_of(QueueFilter::Mine, None, agent, TICKETS)?;
    let ids: Vec<String> = tickets.iter().map(|t| t.id.clone()).collect();
    let histories = store.histories(&ids)?;
    let promises = store.open_promises_by_agent(Some(agent), PROMISES)?;
    Ok(build(
        agent, &tickets, &histories, &promises, calendar, targets, now,
    ))
}
