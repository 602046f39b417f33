use chrono::{DateTime, Duration, Utc};

use super::CardLimits;
use crate::domain::{Channel, NewCaller, NewPromise};
use crate::store::Store;

fn caller(store: &mut Store, name: &str, phone: &str, at: DateTime<Utc>) -> String {
    let new = NewCaller {
        name: name.into(),
        organization: "Gemeente Utrecht".into(),
        phones: vec![phone.into()],
        emails: vec![format!("{}@utrecht.nl", name.replace(' ', "."))],
        identifiers: vec!["NB-20431".into()],
    };
    store.create_caller(&new, at).unwrap().id
}

fn ticket(store: &mut Store, caller_id: &str, subject: &str, at: DateTime<Utc>) -> String {
    let new = crate::store::fixtures::new_ticket(caller_id, subject);
    store
        .open_ticket_with_call(&new, "on the phone", at)
        .unwrap()
        .id
}

/// The card read in two statements says what the readers of each part say, for a caller
/// with more contacts and tickets than the card shows and a second entry merged into them.
#[test]
fn the_card_holds_what_each_part_reads_on_its_own() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let start = Utc::now() - Duration::days(60);
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", start);
    let other = caller(&mut store, "J de Vries", "06 1111 2222", start);
    let mut tickets = Vec::new();
    for n in 0..5 {
        let at = start + Duration::days(10 * n);
        tickets.push(ticket(&mut store, &jan, &format!("problem {n}"), at));
    }
    ticket(
        &mut store,
        &other,
        "from the other entry",
        start + Duration::days(55),
    );
    let new = NewPromise {
        ticket_id: tickets[1].clone(),
        what: "call back".into(),
        to: String::new(),
        callback: false,
        channel: Channel::Phone,
        due_at: Utc::now() + Duration::hours(2),
    };
    store
        .make_promise(&new, start + Duration::days(12))
        .unwrap();
    store
        .merge_callers(&jan, &other, start + Duration::days(58))
        .unwrap();

    let since = start + Duration::days(25);
    let limits = CardLimits {
        prior_contacts: 3,
        open_tickets: 4,
        recent_since: since,
    };
    let card = store
        .caller_card(&jan, limits)
        .unwrap()
        .expect("Jan's card");
    assert_eq!(Some(card.caller.clone()), store.caller(&jan).unwrap());
    assert_eq!(card.caller.identifiers, ["NB-20431"]);
    assert_eq!(card.prior_contacts, store.prior_contacts(&jan, 3).unwrap());
    assert_eq!(card.prior_contacts.len(), 3);
    assert_eq!(
        card.prior_contacts[0].subject, "from the other entry",
        "newest first, the merged entry's included"
    );
    assert_eq!(card.open_tickets, store.open_tickets_of(&jan, 4).unwrap());
    assert_eq!(card.open_tickets.len(), 4);
    assert_eq!(card.recent, store.recent_contacts(&jan, since).unwrap());
    assert_eq!(card.recent.inbound, 3);
    assert_eq!(card.last_promise, store.last_promise_to(&jan).unwrap());
    assert!(card.last_promise.is_some());

    // The entry merged away has no card of its own; an unknown id has none either.
    assert_eq!(store.caller_card(&other, limits).unwrap(), None);
    assert_eq!(store.caller_card("nobody", limits).unwrap(), None);
}

/// A caller with no handles, tickets or promises still has a card.
#[test]
fn a_caller_without_history_has_an_empty_card() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let new = NewCaller {
        name: "Piet".into(),
        organization: String::new(),
        phones: Vec::new(),
        emails: Vec::new(),
        identifiers: Vec::new(),
    };
    let piet = store.create_caller(&new, Utc::now()).unwrap();
    let limits = CardLimits {
        prior_contacts: 30,
        open_tickets: 20,
        recent_since: Utc::now() - Duration::days(30),
    };
    let card = store
        .caller_card(&piet.id, limits)
        .unwrap()
        .expect("a card");
    assert_eq!(card.caller, piet);
    assert!(card.prior_contacts.is_empty() && card.open_tickets.is_empty());
    assert_eq!(card.recent.inbound, 0);
    assert_eq!(card.last_promise, None);
}

/// What SQLite plans for one of the card's statements, a line per step.
fn plan(store: &Store, sql: &str, params: impl rusqlite::Params) -> Vec<String> {
    store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map(params, |r| r.get(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// A caller's contacts are found by caller and kind, not among every event of theirs, and
/// their open tickets in the index of open tickets, not among every ticket they had.
#[test]
fn the_card_reads_contacts_and_open_tickets_from_their_own_indexes() {
    let store = Store::open_in_memory("anna").unwrap();
    let contacts = plan(
        &store,
        &crate::store::callers::prior_contacts_sql(),
        rusqlite::params!["c1", 30],
    );
    assert!(
        contacts.iter().any(|step| step
            .contains("SEARCH events USING INDEX events_caller_kind_at (caller_id=? AND kind=?)")),
        "{contacts:?}"
    );
    let open = plan(
        &store,
        &crate::store::tickets::open_tickets_of_sql(),
        rusqlite::params!["c1", 20],
    );
    assert!(
        open.iter()
            .any(|step| step.contains("USING INDEX tickets_caller_open (caller_id=?)")),
        "{open:?}"
    );
    assert!(
        !open.iter().any(|step| step.contains("TEMP B-TREE")),
        "the index is in order of activity already: {open:?}"
    );
}
