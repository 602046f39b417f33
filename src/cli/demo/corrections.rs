//! The demo's corrections of the record: a ticket whose subject was put better once the
//! problem was clear, and a caller who was on the desk twice and was merged into one.

use chrono::Duration;

use super::{DOCUMENTED, Demo};
use crate::domain::NewCaller;
use crate::store::Result;

impl Demo<'_> {
    /// Run last, so that the stories before it play as they always did.
    pub(super) fn corrections(&mut self) -> Result<()> {
        let first = format!("{}-1001", self.options.ticket_prefix);
        if let Some(ticket) = self.store.ticket_by_key(&first)? {
            self.store
                .set_agent(&ticket.assignee.clone().unwrap_or_default());
            let subject = format!("{} (whole department)", ticket.subject);
            self.store.set_subject(
                &ticket.id,
                &subject,
                ticket.created_at + Duration::minutes(25),
            )?;
        }
        // Someone who rang from their mobile was added as a new caller; a colleague noticed
        // and merged the old entry, with all its tickets, into the new one.
        let Some((person, _)) = self.people.get(DOCUMENTED.len()).cloned() else {
            return Ok(());
        };
        let Some(caller) = self.store.caller(&person)? else {
            return Ok(());
        };
        // Just now: after every ticket of theirs was opened (the demo's times are whole
        // minutes before now).
        let merged_at = self.now - Duration::seconds(1);
        let again = NewCaller {
            name: caller.name.clone(),
            organization: caller.organization.clone(),
            phones: caller.phones.first().cloned().into_iter().collect(),
            ..NewCaller::default()
        };
        let agent = self.team[0].clone();
        self.store.set_agent(&agent);
        let entry = self
            .store
            .create_caller(&again, merged_at - Duration::minutes(30))?;
        self.store.merge_callers(&entry.id, &person, merged_at)?;
        if let Some(slot) = self.people.get_mut(DOCUMENTED.len()) {
            slot.0 = entry.id;
        }
        Ok(())
    }
}
