//! The order the script picker offers scripts in: what fits the moment first (the problem
//! analysis on a new ticket, the call-opening check right after a call), then scripts whose
//! keywords are in the ticket's subject, then the rest by title.

use super::{Library, Offer, Script};
use crate::domain::fold::fold;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Situation {
    pub new_ticket: bool,
    pub call_taken: bool,
    pub subject: String,
}

pub fn ranked<'a>(library: &'a Library, situation: &Situation) -> Vec<&'a Script> {
    let subject = fold(&situation.subject);
    let mut scored: Vec<(u8, usize, &Script)> = library
        .scripts
        .iter()
        .map(|script| {
            let hits = script
                .keywords
                .iter()
                .map(|k| fold(k))
                .filter(|k| !k.is_empty() && subject.contains(k.as_str()))
                .count();
            let rank = match script.offer {
                Offer::NewTicket if situation.new_ticket => 0,
                Offer::CallTaken if situation.call_taken => 1,
                _ if hits > 0 => 2,
                _ => 3,
            };
            (rank, hits, script)
        })
        .collect();
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.cmp(&a.1))
            .then_with(|| a.2.title.cmp(&b.2.title))
    });
    scored.into_iter().map(|(_, _, s)| s).collect()
}
