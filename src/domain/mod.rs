//! The rules of a servicedesk and the values they work on: records, business time, SLA
//! clocks, deadlines, promise outcomes, first-contact resolution, similarity and outages,
//! the escalation note and the shift handover, and the libraries of articles and scripts.
//! Nothing here reads the store or touches the terminal.

#[macro_use]
mod records;

pub mod business;
pub mod caller_change;
pub mod calls;
pub mod change;
pub mod deadline;
pub mod escalation_note;
pub mod figures;
pub mod first_contact;
pub mod fold;
pub mod hlc;
pub mod kb;
pub mod matching;
pub mod outage;
pub mod outcome;
pub mod roster;
pub mod scripts;
pub mod shift_handover;
pub mod similarity;
pub mod sla;
pub mod text;
pub mod time_zone;
pub mod timeline;
pub mod when;
pub mod words;

pub use records::*;
