//! Callers, tickets and small desks on a file, made the way the desk itself makes them, for
//! the tests that need a desk before they start.

use std::path::Path;

use balie::domain::NewCaller;
use balie::store::{NewTicket, Store};
use chrono::Utc;

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

/// The caller the README's examples and most tests look for.
pub fn jan() -> NewCaller {
    NewCaller {
        name: "Jan de Vries".into(),
        organization: "Gemeente Utrecht".into(),
        phones: vec!["+31 6 1234 5678".into()],
        emails: vec!["jan.devries@utrecht.nl".into()],
        identifiers: vec!["NB-20431".into()],
    }
}

/// A desk of `callers` callers ("Caller 0" …), each with one ticket (T-1001 …), folded into
/// its main file so that a copy of that file is the whole desk.
pub fn small_desk(path: &Path, callers: usize) {
    let mut store = Store::open(path, "anna").expect("store");
    let now = Utc::now();
    for n in 0..callers {
        let caller = store
            .create_caller(
                &NewCaller {
                    name: format!("Caller {n}"),
                    ..Default::default()
                },
                now,
            )
            .expect("caller");
        store
            .open_ticket_with_call(&new_ticket(&caller.id, "Printer jams"), "", now)
            .expect("ticket");
    }
    drop(store);
    rusqlite::Connection::open(path)
        .and_then(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
        .expect("checkpoint");
}

/// What turns a desk file back into one from before each caller's card was kept
/// (migration 19), with `PRAGMA user_version` set by the caller.
pub const WITHOUT_CALLER_CARDS: &str = "
    DROP TRIGGER cards_follow_a_new_caller; DROP TRIGGER cards_follow_a_caller;
    DROP TRIGGER cards_follow_a_contact; DROP TRIGGER cards_follow_a_new_ticket;
    DROP TRIGGER cards_follow_a_ticket; DROP TRIGGER cards_follow_a_contacted_ticket;
    DROP TRIGGER cards_lose_a_ticket; DROP TRIGGER cards_follow_a_new_promise;
    DROP TRIGGER cards_follow_a_promise; DROP TRIGGER cards_lose_a_promise;
    DROP TABLE caller_cards;";
