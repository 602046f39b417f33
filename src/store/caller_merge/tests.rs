use chrono::{Duration, Utc};
use rusqlite::params;

use crate::domain::caller_change::{CallerEdit, CallerEventKind, HandleKind};
use crate::domain::{Channel, EventKind, NewCaller, NewPromise};
use crate::store::{NewTicket, Store};

fn caller(store: &mut Store, name: &str, phone: &str, email: &str) -> String {
    let new = NewCaller {
        name: name.into(),
        organization: "Gemeente Utrecht".into(),
        phones: vec![phone.into()],
        emails: vec![email.into()],
        identifiers: Vec::new(),
    };
    store.create_caller(&new, Utc::now()).unwrap().id
}

fn ticket(store: &mut Store, caller_id: &str, subject: &str) -> String {
    let new = NewTicket {
        prefix: "T",
        caller_id,
        subject,
        impact: 3,
        urgency: 3,
        priority: 3,
        category: None,
    };
    store
        .open_ticket_with_call(&new, "on the phone", Utc::now())
        .unwrap()
        .id
}

fn promise(store: &mut Store, ticket_id: &str) -> String {
    let new = NewPromise {
        ticket_id: ticket_id.into(),
        what: "call back".into(),
        to: String::new(),
        callback: false,
        channel: Channel::Phone,
        due_at: Utc::now() + Duration::hours(2),
    };
    store.make_promise(&new, Utc::now()).unwrap().id
}

#[test]
fn an_edit_changes_each_detail_and_records_the_old_value() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", "jan@utrecht.nl");
    let edit = CallerEdit {
        name: Some("Jan de Vries-Bakker".into()),
        organization: Some("Provincie".into()),
        add: vec![(HandleKind::Phone, "+31 6 1234 5678".into())],
        remove: vec![(HandleKind::Phone, "0301234567".into())],
    };
    let now = Utc::now();
    let changed = store.edit_caller(&jan, &edit, now).unwrap();
    assert_eq!(changed.name, "Jan de Vries-Bakker");
    assert_eq!(changed.organization, "Provincie");
    assert_eq!(changed.phones, ["+31 6 1234 5678"]);

    let history = store.caller_history(&jan, 10).unwrap();
    let kinds: Vec<CallerEventKind> = history.iter().map(|e| e.kind).collect();
    for kind in [
        CallerEventKind::NameChanged,
        CallerEventKind::OrganizationChanged,
        CallerEventKind::HandleAdded,
        CallerEventKind::HandleRemoved,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    let name = history
        .iter()
        .find(|e| e.kind == CallerEventKind::NameChanged)
        .unwrap();
    assert_eq!(name.data["from"], "Jan de Vries");
    assert_eq!(name.by, "anna");
    let removed = history
        .iter()
        .find(|e| e.kind == CallerEventKind::HandleRemoved)
        .unwrap();
    assert_eq!(
        removed.data["value"], "030 123 4567",
        "the value as it was stored"
    );

    // Search follows the change: the new number finds them, the old one no longer does.
    let found = store.search_callers("0612345678", 5).unwrap();
    assert_eq!(found.first().map(|h| h.id.as_str()), Some(jan.as_str()));
    assert!(store.search_callers("0301234567", 5).unwrap().is_empty());
    assert_eq!(store.search_callers("bakker", 5).unwrap()[0].id, jan);
}

#[test]
fn a_refused_edit_changes_nothing() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", "jan@utrecht.nl");
    let edit = CallerEdit {
        name: Some("Jan Bakker".into()),
        remove: vec![(HandleKind::Email, "nobody@example.org".into())],
        ..CallerEdit::default()
    };
    let error = store.edit_caller(&jan, &edit, Utc::now()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("has no e-mail nobody@example.org"),
        "{error}"
    );
    assert_eq!(store.caller(&jan).unwrap().unwrap().name, "Jan de Vries");
    assert!(store.caller_history(&jan, 10).unwrap().is_empty());

    let twice = CallerEdit {
        add: vec![(HandleKind::Email, "JAN@utrecht.nl".into())],
        ..CallerEdit::default()
    };
    let error = store.edit_caller(&jan, &twice, Utc::now()).unwrap_err();
    assert!(error.to_string().contains("already has e-mail"), "{error}");
}

#[test]
fn caller_history_is_append_only_until_the_caller_is_forgotten() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", "jan@utrecht.nl");
    let edit = CallerEdit {
        name: Some("Jan Bakker".into()),
        ..CallerEdit::default()
    };
    store.edit_caller(&jan, &edit, Utc::now()).unwrap();
    let update = store
        .conn
        .execute("UPDATE caller_events SET data = '{}'", [])
        .unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = store
        .conn
        .execute("DELETE FROM caller_events", [])
        .unwrap_err();
    assert!(delete.to_string().contains("append-only"), "{delete}");

    store.forget_caller(&jan, Utc::now()).unwrap();
    assert!(store.caller_history(&jan, 10).unwrap().is_empty());
    let old_name: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM caller_events WHERE data LIKE '%Vries%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old_name, 0, "the old name went with the erase");
}

#[test]
fn a_merge_moves_tickets_promises_and_handles_and_leaves_a_tombstone() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", "jan@utrecht.nl");
    let dup = caller(&mut store, "J. de Vries", "+31 30 123 4567", "jdv@home.nl");
    let kept_ticket = ticket(&mut store, &jan, "VPN drops");
    let moved_ticket = ticket(&mut store, &dup, "Printer jams");
    let moved_promise = promise(&mut store, &moved_ticket);
    let before = store
        .ticket(&moved_ticket)
        .unwrap()
        .unwrap()
        .last_activity_at;

    let merged = store
        .merge_callers(&jan, &dup, Utc::now() + Duration::minutes(5))
        .unwrap();
    assert_eq!((merged.tickets, merged.promises), (1, 1));
    assert_eq!(merged.handles, 1, "the shared phone is kept once");

    let moved = store.ticket(&moved_ticket).unwrap().unwrap();
    assert_eq!(moved.caller_id.as_deref(), Some(jan.as_str()));
    assert_eq!(moved.caller_name, "Jan de Vries");
    assert_eq!(moved.last_activity_at, before, "a merge is no activity");
    let timeline = store.timeline(&moved_ticket, 10).unwrap();
    let event = timeline
        .iter()
        .find(|e| e.kind == EventKind::CallerMerged)
        .expect("the merge is on the timeline");
    assert_eq!(event.data["from_name"], "J. de Vries");
    assert_eq!(
        store.promise(&moved_promise).unwrap().caller_id,
        Some(jan.clone())
    );

    let kept = store.caller(&jan).unwrap().unwrap();
    assert_eq!(kept.emails, ["jan@utrecht.nl", "jdv@home.nl"]);
    assert_eq!(kept.phones, ["030 123 4567"]);
    assert!(
        store.caller(&dup).unwrap().is_none(),
        "the other is a tombstone"
    );
    assert_eq!(
        store.merged_into(&dup).unwrap().map(|c| c.id),
        Some(jan.clone())
    );
    assert!(
        store
            .search_callers("J. de Vries", 5)
            .unwrap()
            .iter()
            .all(|h| h.id != dup)
    );
    assert_eq!(store.search_callers("jdv@home.nl", 5).unwrap()[0].id, jan);

    // Nothing is lost: the calls made under the other entry are the kept caller's.
    let contacts = store.prior_contacts(&jan, 10).unwrap();
    let keys: Vec<&str> = contacts.iter().map(|c| c.ticket_id.as_str()).collect();
    assert!(keys.contains(&kept_ticket.as_str()) && keys.contains(&moved_ticket.as_str()));
    let history = store.caller_history(&jan, 10).unwrap();
    assert!(history.iter().any(|e| e.kind == CallerEventKind::Merged));
    assert!(
        history
            .iter()
            .any(|e| e.kind == CallerEventKind::MergedInto)
    );

    let again = store.merge_callers(&jan, &dup, Utc::now()).unwrap_err();
    assert!(
        again.to_string().contains("was merged into Jan de Vries"),
        "{again}"
    );
}

#[test]
fn rows_written_later_for_a_merged_away_caller_land_on_the_kept_one() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", "jan@utrecht.nl");
    let dup = caller(&mut store, "J. de Vries", "06 1111 2222", "jdv@home.nl");
    let older = caller(&mut store, "Jan dV", "06 3333 4444", "jdv@work.nl");
    store.merge_callers(&dup, &older, Utc::now()).unwrap();
    store.merge_callers(&jan, &dup, Utc::now()).unwrap();
    let stamp = "2026-11-23T09:00:00.000Z";
    // As another desk's ticket, promise and phone arrive: plain INSERTs naming the
    // callers merged away, the first of them twice removed.
    for (id, named) in [("t-late-1", &older), ("t-late-2", &dup)] {
        store
            .conn
            .execute(
                "INSERT INTO tickets (id, number, key, caller_id, subject, status, impact,
                   urgency, priority, last_activity_at, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?1, ?3, 'offline', 'new', 3, 3, 3, ?4, ?4, ?4, 'bence')",
                params![id, if id == "t-late-1" { 9001 } else { 9002 }, named, stamp],
            )
            .unwrap();
    }
    store
        .conn
        .execute(
            "INSERT INTO promises (id, ticket_id, caller_id, what, recipient, channel, due_at,
               owner, state, created_at, updated_at, updated_by)
             VALUES ('p-late', 't-late-1', ?1, 'x', 'Jan', 'phone', ?2, 'bence', 'open', ?2,
               ?2, 'bence')",
            params![older, stamp],
        )
        .unwrap();
    store
        .conn
        .execute(
            "INSERT INTO caller_handles (id, caller_id, kind, value, created_at, updated_at,
               updated_by)
             VALUES ('h-late', ?1, 'phone', '06 5555 6666', ?2, ?2, 'bence')",
            params![dup, stamp],
        )
        .unwrap();
    let owner = |sql: &str| -> String { store.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        owner("SELECT caller_id FROM tickets WHERE id = 't-late-1'"),
        jan
    );
    assert_eq!(
        owner("SELECT caller_id FROM tickets WHERE id = 't-late-2'"),
        jan
    );
    assert_eq!(
        owner("SELECT caller_id FROM promises WHERE id = 'p-late'"),
        jan
    );
    assert_eq!(
        owner("SELECT caller_id FROM caller_handles WHERE id = 'h-late'"),
        jan
    );
    // And an update that points a ticket at them again.
    store
        .conn
        .execute(
            "UPDATE tickets SET caller_id = ?1 WHERE id = 't-late-2'",
            [&dup],
        )
        .unwrap();
    assert_eq!(
        owner("SELECT caller_id FROM tickets WHERE id = 't-late-2'"),
        jan
    );
}

#[test]
fn likely_duplicates_share_phone_digits_or_an_address() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", "jan@utrecht.nl");
    let same_phone = caller(&mut store, "J. de Vries", "+31 (0)30-123 4567", "j@home.nl");
    let same_mail = caller(&mut store, "Jan Vries", "06 9999 8888", "JAN@utrecht.nl");
    caller(
        &mut store,
        "Piet Bakker",
        "020 555 1234",
        "piet@amsterdam.nl",
    );

    let of_jan = store.duplicates_of(&jan).unwrap();
    let found: Vec<(&str, HandleKind)> =
        of_jan.iter().map(|d| (d.second.as_str(), d.kind)).collect();
    assert!(
        found.contains(&(same_phone.as_str(), HandleKind::Phone)),
        "{of_jan:?}"
    );
    assert!(
        found.contains(&(same_mail.as_str(), HandleKind::Email)),
        "{of_jan:?}"
    );
    assert_eq!(of_jan.len(), 2);

    let all = store.all_duplicates().unwrap();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all.iter()
            .all(|d| d.first_name != "Piet Bakker" && d.second_name != "Piet Bakker")
    );

    store.merge_callers(&jan, &same_phone, Utc::now()).unwrap();
    store.merge_callers(&jan, &same_mail, Utc::now()).unwrap();
    assert!(store.duplicates_of(&jan).unwrap().is_empty());
    assert!(store.all_duplicates().unwrap().is_empty());
}

/// Two callers who share both a phone and an address are one pair, named first by name;
/// a number six callers share is a switchboard and pairs nobody.
#[test]
fn all_duplicates_names_each_pair_once_and_leaves_out_a_switchboard() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let zoe = caller(&mut store, "Zoë Jansen", "030 123 4567", "zoe@utrecht.nl");
    let anna = caller(
        &mut store,
        "Anna Jansen",
        "+31 30 123 4567",
        "ZOE@utrecht.nl",
    );
    for n in 0..6 {
        caller(
            &mut store,
            &format!("Balie {n}"),
            "020 000 0000",
            &format!("b{n}@gemeente.nl"),
        );
    }
    let all = store.all_duplicates().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(
        (all[0].first.as_str(), all[0].second.as_str()),
        (anna.as_str(), zoe.as_str())
    );
    assert_eq!(all[0].first_name, "Anna Jansen");
}

#[test]
fn forgetting_the_kept_caller_erases_the_merged_away_entry_too() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = caller(&mut store, "Jan de Vries", "030 123 4567", "jan@utrecht.nl");
    let dup = caller(&mut store, "J. de Vries", "06 1111 2222", "jdv@home.nl");
    store.merge_callers(&jan, &dup, Utc::now()).unwrap();
    store.forget_caller(&jan, Utc::now()).unwrap();
    let names: Vec<String> = store
        .conn
        .prepare("SELECT name FROM callers")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(names.iter().all(|n| !n.contains("Vries")), "{names:?}");
    let left: i64 = store
        .conn
        .query_row("SELECT count(*) FROM caller_events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}
