//! What unit tests start from: Jan de Vries, a ticket with middling impact and urgency, and
//! an in-memory desk on which one caller has rung about one thing.

use chrono::{DateTime, Utc};

use super::{NewTicket, Store};
use crate::domain::{Channel, NewCaller, NewPromise, Ticket};

/// A ticket about `subject` for the caller, with middling impact and urgency and no category.
pub fn new_ticket<'a>(caller_id: &'a str, subject: &'a str) -> NewTicket<'a> {
    NewTicket {
        prefix: "T",
        caller_id,
        subject,
        impact: 3,
        urgency: 3,
        priority: 3,
        category: None,
    }
}

/// A promise on the ticket to do `what` by `due_at`, made on the phone to no one named.
pub fn new_promise(ticket_id: &str, what: &str, due_at: DateTime<Utc>) -> NewPromise {
    NewPromise {
        ticket_id: ticket_id.into(),
        what: what.into(),
        to: String::new(),
        callback: false,
        channel: Channel::Phone,
        due_at,
    }
}

/// The caller the README's examples and many tests look for.
pub fn jan() -> NewCaller {
    NewCaller {
        name: "Jan de Vries".into(),
        organization: "Gemeente Utrecht".into(),
        phones: vec!["+31 6 1234 5678".into()],
        emails: vec!["jan.devries@utrecht.nl".into()],
        identifiers: vec!["NB-20431".into()],
    }
}

/// anna's in-memory desk, on which `caller` rang about `subject` at `at`: the caller, and
/// the ticket their call opened (T-1001).
pub fn one_call(caller: &str, subject: &str, at: DateTime<Utc>) -> (Store, Ticket) {
    let mut store = Store::open_in_memory("anna").expect("in-memory store");
    let caller = store
        .create_caller(
            &NewCaller {
                name: caller.into(),
                ..NewCaller::default()
            },
            at,
        )
        .expect("caller");
    let ticket = store
        .open_ticket_with_call(&new_ticket(&caller.id, subject), "", at)
        .expect("ticket");
    (store, ticket)
}
