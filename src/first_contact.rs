//! First-contact resolution, derived from each ticket's events: resolved before any second
//! contact with the caller, and not reopened within the configured number of days after.
//! Worked out from the same histories as the SLA figures, so a report reads the events of
//! its tickets once.

use std::collections::BTreeMap;

use chrono::Duration;

use crate::store::TicketHistory;

/// First-contact resolution of one agent's tickets over a period.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct FirstContact {
    pub agent: String,
    pub tickets: i64,
    pub resolved: i64,
    pub first_contact: i64,
}

/// Per assignee, in name order.
pub fn first_contact_figures(histories: &[TicketHistory], reopen_days: u32) -> Vec<FirstContact> {
    let window = Duration::days(i64::from(reopen_days));
    let mut by_agent: BTreeMap<&str, FirstContact> = BTreeMap::new();
    for ticket in histories {
        let figure = by_agent
            .entry(ticket.assignee.as_str())
            .or_insert_with(|| FirstContact {
                agent: ticket.assignee.clone(),
                ..FirstContact::default()
            });
        figure.tickets += 1;
        let history = &ticket.history;
        let Some(resolved_at) = history
            .changes
            .iter()
            .find(|c| !c.status.is_open())
            .map(|c| c.at)
        else {
            continue;
        };
        figure.resolved += 1;
        let contacts = history.contacts.iter().filter(|&&at| at <= resolved_at);
        let reopened = history
            .changes
            .iter()
            .any(|c| c.at > resolved_at && c.at <= resolved_at + window && c.status.is_open());
        if contacts.count() <= 1 && !reopened {
            figure.first_contact += 1;
        }
    }
    by_agent.into_values().collect()
}
