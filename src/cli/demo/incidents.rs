//! The demo's escalations and outages: some tickets handed to a second line with a
//! hand-off note, a past outage handled as a major incident whose callers were called
//! back, and an outage happening right now, so the banner has something to show.

use chrono::{DateTime, Duration, Utc};

use super::{Demo, Story, mins, pick};
use crate::domain::IncidentResolution;
use crate::domain::Status;
use crate::store::{NewTicket, Result};

/// What callers say when the whole office is offline, in the demo's three languages.
const OUTAGE_SUBJECTS: &[&str] = &[
    "Internet down on the second floor",
    "No internet since 9:00",
    "Geen internet op kantoor",
    "Nincs internet az irodában",
    "internet down, cannot reach anything",
];

impl Demo<'_> {
    /// Hands the ticket to one of the groups, with what the first line already knows.
    pub(super) fn escalate(&mut self, t: &mut Story) -> Result<()> {
        let Some(group) = self
            .options
            .groups
            .get(self.rng.usize(..self.options.groups.len().max(1)))
        else {
            return Ok(());
        };
        let Some(at) = self.next(t) else {
            return Ok(());
        };
        let tried = pick(&mut self.rng, t.issue.notes);
        let handoff = format!(
            "Needs {}: first line could not solve it.\nTried: {tried}",
            group.name
        );
        self.store
            .escalate(&t.id, &group.name, group.tier, &handoff, at)
    }

    /// A past outage, declared and resolved with callbacks, and one going on now. Returns
    /// how many tickets (incident included) that added.
    pub(super) fn outages(&mut self) -> Result<usize> {
        let past = self.now - Duration::days(12);
        let tickets = self.outage_tickets(past, 4)?;
        if tickets.is_empty() {
            return Ok(0);
        }
        let incident = self.store.declare_incident(
            &NewTicket {
                prefix: self.options.ticket_prefix,
                caller_id: "",
                subject: "Internet down in the main building",
                impact: 1,
                urgency: 1,
                priority: (self.options.priority)(1, 1),
                category: Some("Network"),
            },
            &tickets,
            past + mins(25),
        )?;
        self.store
            .set_status(&incident.id, Status::Open, past + mins(26))?;
        self.store.resolve_incident(
            &incident.id,
            &IncidentResolution {
                note: "Core switch replaced, the building is online again.".into(),
                resolve_linked: true,
                callbacks: Some(("Call back: the outage is resolved".into(), past + mins(240))),
            },
            past + mins(180),
        )?;
        // Every caller got their callback, one by one.
        for ticket in &tickets {
            for promise in self.store.open_promises_of_ticket(ticket)? {
                let at = past + mins(200 + self.rng.i64(0..30));
                self.store
                    .keep_promise(&promise.id, "Told them it is fixed; all fine now.", at)?;
            }
        }
        // Still going: callers ringing in the last twenty minutes.
        let now = self.outage_tickets(self.now - mins(20), 4)?;
        Ok(tickets.len() + 1 + now.len())
    }

    /// `count` different callers reporting the outage from `from` on, a few minutes apart.
    fn outage_tickets(&mut self, from: DateTime<Utc>, count: usize) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        let mut at = from;
        let mut callers: Vec<usize> = Vec::new();
        while callers.len() < count.min(self.people.len()) {
            let person = self.rng.usize(..self.people.len());
            if !callers.contains(&person) {
                callers.push(person);
            }
        }
        for person in callers {
            at += mins(self.rng.i64(1..5));
            if at >= self.now {
                break;
            }
            let caller_id = self.people[person].0.clone();
            let subject = OUTAGE_SUBJECTS[self.rng.usize(..OUTAGE_SUBJECTS.len())];
            let owner = self.pick_agent(None);
            self.store.set_agent(&owner);
            let ticket = self.store.open_ticket_with_call(
                &NewTicket {
                    prefix: self.options.ticket_prefix,
                    caller_id: &caller_id,
                    subject,
                    impact: 2,
                    urgency: 1,
                    priority: (self.options.priority)(2, 1),
                    category: Some("Network"),
                },
                "Nothing loads, colleagues have the same.",
                at,
            )?;
            ids.push(ticket.id);
        }
        Ok(ids)
    }
}
