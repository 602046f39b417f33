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

/// Every live caller's kept card, as the desk reads it under each of `limits`, is what the
/// parts say read one by one; and the write that changed a card left none stale.
fn assert_cards_kept(store: &Store, after: &str) {
    assert!(
        !store.has_stale_caller_cards().unwrap(),
        "stale after {after}"
    );
    let ids: Vec<String> = store
        .conn
        .prepare("SELECT id FROM callers WHERE deleted_at IS NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(!ids.is_empty());
    let now = Utc::now();
    for id in &ids {
        let caller = super::card_caller(&store.conn, id)
            .unwrap()
            .expect("caller");
        for since in [now - Duration::days(400), now - Duration::days(14), now] {
            for limits in [
                CardLimits::shown(since),
                CardLimits {
                    prior_contacts: 3,
                    open_tickets: 1,
                    recent_since: since,
                },
            ] {
                let kept = super::kept::read(&store.conn, id)
                    .unwrap()
                    .unwrap_or_else(|| panic!("no kept card for {} after {after}", caller.name));
                let kept = kept.card(&store.conn, caller.clone(), limits).unwrap();
                let parts = super::live_card(&store.conn, caller.clone(), limits).unwrap();
                assert_eq!(kept, parts, "{} after {after}", caller.name);
                let read = store.caller_card(id, limits).unwrap();
                assert_eq!(read.as_ref(), Some(&parts), "as the desk reads it");
            }
        }
    }
}

/// Each kind of write that changes what a card shows keeps the card right in the same
/// transaction: contacts, notes, status and subject, a promise made, kept and moved, a
/// rename, a merge, an erase, and many writes in one batch.
#[test]
fn every_write_keeps_the_cards_it_changes() {
    use crate::domain::Status;
    use crate::domain::caller_change::CallerEdit;
    let mut store = Store::open_in_memory("anna").unwrap();
    let start = Utc::now() - Duration::days(90);
    let day = |n: i64| start + Duration::days(n);
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", day(0));
    let other = caller(&mut store, "J de Vries", "06 1111 2222", day(0));
    let piet = caller(&mut store, "Piet Bakker", "06 3333 4444", day(0));
    assert_cards_kept(&store, "adding callers");

    let mut tickets = Vec::new();
    for n in 0..4 {
        tickets.push(ticket(&mut store, &jan, &format!("problem {n}"), day(n)));
    }
    ticket(&mut store, &piet, "printer", day(5));
    assert_cards_kept(&store, "opening tickets with a call");

    store
        .log_contact(&tickets[0], false, Channel::Email, "mailed", day(6))
        .unwrap();
    store
        .log_contact(&tickets[1], true, Channel::Phone, "rang", day(80))
        .unwrap();
    assert_cards_kept(&store, "logging contacts");
    store
        .add_note(&tickets[2], "looked at it", day(81))
        .unwrap();
    assert_cards_kept(&store, "a note, which moves the ticket's last activity");
    store
        .set_status(&tickets[0], Status::Resolved, day(82))
        .unwrap();
    store
        .set_subject(&tickets[1], "VPN drops every hour", day(82))
        .unwrap();
    store.set_assignee(&tickets[3], "bence", day(82)).unwrap();
    assert_cards_kept(&store, "status, subject and assignee");

    // No command moves a ticket to another caller but a merge; should one ever, the
    // contacts the first caller made about it still show its status.
    store
        .conn
        .execute(
            "UPDATE tickets SET caller_id = ?1 WHERE id = ?2",
            [&piet, &tickets[3]],
        )
        .unwrap();
    store.keep_caller_cards().unwrap();
    store
        .set_status(&tickets[3], Status::WaitingThirdParty, day(82))
        .unwrap();
    assert_cards_kept(
        &store,
        "a status change of a ticket moved to another caller",
    );

    let due = Utc::now() + Duration::hours(3);
    let promise = store
        .make_promise(
            &crate::store::fixtures::new_promise(&tickets[1], "call back", due),
            day(83),
        )
        .unwrap();
    assert_cards_kept(&store, "a promise made");
    let moved = store
        .reschedule_promise(&promise.id, due + Duration::days(1), "on leave", day(84))
        .unwrap();
    store
        .keep_promise(&moved.id, "called back", day(85))
        .unwrap();
    assert_cards_kept(&store, "a promise moved and kept");

    let rename = CallerEdit {
        name: Some("Jan de Vries-Smit".into()),
        organization: None,
        add: Vec::new(),
        remove: Vec::new(),
    };
    store.edit_caller(&jan, &rename, day(86)).unwrap();
    assert_cards_kept(&store, "a rename");

    ticket(&mut store, &other, "from the other entry", day(87));
    store.merge_callers(&jan, &other, day(88)).unwrap();
    assert_cards_kept(&store, "a merge");
    let card = store
        .caller_card(&jan, CardLimits::shown(day(0)))
        .unwrap()
        .unwrap();
    assert_eq!(card.prior_contacts[0].subject, "from the other entry");

    store.forget_caller(&piet, day(89)).unwrap();
    assert_cards_kept(&store, "an erase");
    assert_eq!(
        store.caller_card(&piet, CardLimits::shown(day(0))).unwrap(),
        None
    );
    let rows: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM caller_cards WHERE caller_id = ?1",
            [&piet],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 0, "an erased caller keeps no card");

    // More contacts than the card keeps, in one batch: the recent ones are counted from the
    // kept contacts or, for a window reaching past them, from the events.
    let busy = tickets[2].clone();
    store
        .in_one_transaction(|store| {
            for n in 0..40 {
                store.log_contact(
                    &busy,
                    n % 2 == 0,
                    Channel::Phone,
                    "again",
                    day(40) + Duration::hours(n),
                )?;
            }
            Ok(())
        })
        .unwrap();
    assert_cards_kept(&store, "forty contacts in one batch");
}

/// A rebuild makes every card again from what it is derived from, and finds the kept ones
/// right; a card swapped for another caller's, or damaged, is found and put right.
#[test]
fn a_rebuild_finds_a_spoilt_card_and_puts_it_right() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let at = Utc::now() - Duration::days(3);
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", at);
    let piet = caller(&mut store, "Piet Bakker", "06 3333 4444", at);
    ticket(&mut store, &jan, "VPN", at);
    assert_eq!(store.rebuild_caller_cards().unwrap(), (2, 0));
    store
        .conn
        .execute(
            "UPDATE caller_cards SET card = (SELECT card FROM caller_cards WHERE caller_id = ?2)
             WHERE caller_id = ?1",
            [&jan, &piet],
        )
        .unwrap();
    let card = store
        .caller_card(&jan, CardLimits::shown(at))
        .unwrap()
        .unwrap();
    assert!(
        card.prior_contacts.is_empty(),
        "the swapped card is what the desk reads"
    );
    assert_eq!(store.rebuild_caller_cards().unwrap(), (2, 1));
    assert_cards_kept(&store, "a rebuild");

    // A card that cannot be read is read part by part until it is made again.
    store
        .conn
        .execute(
            "UPDATE caller_cards SET card = x'00ff' WHERE caller_id = ?1",
            [&jan],
        )
        .unwrap();
    let card = store
        .caller_card(&jan, CardLimits::shown(at))
        .unwrap()
        .unwrap();
    assert_eq!(card.prior_contacts.len(), 1);
    assert_eq!(store.rebuild_caller_cards().unwrap(), (2, 1));
    assert_cards_kept(&store, "a rebuild of a damaged card");
}
