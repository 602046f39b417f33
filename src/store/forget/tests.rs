use super::*;
use crate::domain::{Channel, NewCaller, NewPromise};
use chrono::{Duration, TimeZone};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn named(name: &str) -> NewCaller {
    NewCaller {
        name: name.into(),
        ..Default::default()
    }
}

fn ticket(store: &mut Store, caller: &str, subject: &str) -> Id {
    let new = crate::store::fixtures::new_ticket(caller, subject);
    store.open_ticket_with_call(&new, "", now()).unwrap().id
}

fn promise(store: &mut Store, ticket_id: &str, to: &str) -> Id {
    let new = NewPromise {
        ticket_id: ticket_id.into(),
        what: "call back".into(),
        to: to.into(),
        callback: false,
        channel: Channel::Phone,
        due_at: now() + Duration::hours(2),
    };
    store.make_promise(&new, now()).unwrap().id
}

fn event_with_text(store: &Store, text: &str) -> Id {
    store
        .conn
        .query_row("SELECT id FROM events WHERE text = ?1", [text], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn forgetting_erases_the_person_and_keeps_the_figures() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = store
        .create_caller(&crate::store::fixtures::jan(), now())
        .unwrap();
    let janet = store
        .create_caller(&named("Janet Vrieling"), now())
        .unwrap();
    let his = ticket(&mut store, &jan.id, "VPN drops");
    let hers = ticket(&mut store, &janet.id, "Printer jams");
    let to_jan = promise(&mut store, &his, "");
    let to_piet = promise(&mut store, &his, "his manager Piet");
    let elsewhere = promise(&mut store, &hers, "Jan de Vries");
    let notes = [
        (&his, "Jan says it drops every hour"),
        (&his, "Restarted the concentrator"),
        (&hers, "Her colleague (jan.devries@utrecht.nl) has it too"),
        (&hers, "Asked her to call 06 1234 5678 about it"),
        (&hers, "Jan from facilities fixed the printer"),
    ];
    for (ticket_id, text) in notes {
        store.add_note(ticket_id, text, now()).unwrap();
    }
    let records = store.promise_records(now() - Duration::days(1), now(), None);
    let records = records.unwrap();

    let forgotten = store.forget_caller(&jan.id, now()).unwrap();
    let purged = store.purge_erased(Some((&jan, &forgotten)), true).unwrap();
    assert!(purged.log_emptied && !purged.remains);

    assert_eq!(forgotten.handles, 3);
    assert_eq!((forgotten.tickets, forgotten.promises), (1, 2));
    assert_eq!(
        forgotten.recipients, 2,
        "his own promise and the one on Janet's ticket"
    );
    let flagged: Vec<Id> = forgotten
        .to_review
        .iter()
        .map(|m| m.event_id.clone())
        .collect();
    let expected: Vec<Id> = [notes[0].1, notes[2].1, notes[3].1]
        .iter()
        .map(|t| event_with_text(&store, t))
        .collect();
    assert_eq!(
        flagged, expected,
        "a first name counts only on his own tickets"
    );

    let (name, organization, name_folded, search_text): (String, String, String, String) = store
        .conn
        .query_row(
            "SELECT name, organization, name_folded, search_text FROM callers
                 WHERE id = ?1",
            [&jan.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(name, FORGOTTEN);
    assert!(organization.is_empty() && name_folded.is_empty() && search_text.is_empty());
    for query in ["vries", "0612345678", "NB-20431", "utrecht.nl"] {
        assert!(
            store.search_callers(query, 10).unwrap().is_empty(),
            "{query}"
        );
    }
    let fts: i64 = store
        .conn
        .query_row("SELECT count(*) FROM caller_fts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fts, 1, "only Janet is left in the index");
    assert_eq!(store.promise(&to_jan).unwrap().to, FORGOTTEN);
    assert_eq!(store.promise(&elsewhere).unwrap().to, FORGOTTEN);
    assert_eq!(store.promise(&to_piet).unwrap().to, "his manager Piet");
    let recipients: Vec<String> = store
        .conn
        .prepare("SELECT data ->> '$.to' FROM events WHERE kind = 'promise_made' ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(recipients, [FORGOTTEN, "his manager Piet", FORGOTTEN]);
    let after = store.promise_records(now() - Duration::days(1), now(), None);
    assert_eq!(after.unwrap(), records);
    let ticket = store.ticket(&his).unwrap().unwrap();
    assert_eq!(ticket.caller_id.as_deref(), Some(jan.id.as_str()));
    assert_eq!(ticket.caller_name, FORGOTTEN);

    let again = store.forget_caller(&jan.id, now()).unwrap_err();
    assert!(again.to_string().contains("already forgotten"), "{again}");
    assert!(matches!(
        store.find_caller_to_forget(&jan.id).unwrap(),
        ForgetLookup::AlreadyForgotten { .. }
    ));
}

#[test]
fn events_stay_append_only_but_for_the_forgotten_recipient() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = store
        .create_caller(&crate::store::fixtures::jan(), now())
        .unwrap();
    let ticket_id = ticket(&mut store, &jan.id, "VPN drops");
    promise(&mut store, &ticket_id, "");
    let refused = [
        "UPDATE events SET text = 'edited'",
        "UPDATE events SET data = json_set(data, '$.to', 'someone else')",
        "UPDATE events SET text = 'edited', data = json_set(data, '$.to', 'forgotten caller')
         WHERE kind = 'promise_made'",
        "UPDATE events SET data = json_set(data, '$.to', 'forgotten caller')
         WHERE kind <> 'promise_made'",
        "DELETE FROM events",
    ];
    for sql in refused {
        let err = store.conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    let allowed = store
        .conn
        .execute(
            "UPDATE events SET data = json_set(data, '$.to', ?1) WHERE kind = 'promise_made'",
            [FORGOTTEN],
        )
        .unwrap();
    assert_eq!(allowed, 1);

    // A script answer's question, which balie filled in, may be rewritten; the answer
    // the agent typed, and everything else, may not.
    store
        .record_script(
            &crate::domain::scripts::Record {
                ticket_id: ticket_id.clone(),
                script: "vpn".into(),
                title: "VPN".into(),
                what: crate::domain::scripts::Recording::Answer {
                    step: "confirm".into(),
                    question: "Is Jan de Vries on 06 1234 5678?".into(),
                    answer: "Yes".into(),
                    finished: None,
                },
            },
            now(),
        )
        .unwrap();
    for sql in [
        "UPDATE events SET data = json_set(data, '$.answer', 'No') WHERE kind = 'script_answer'",
        "UPDATE events SET data = json_set(data, '$.question', 'x', '$.step', 'y')
         WHERE kind = 'script_answer'",
        "UPDATE events SET data = json_set(data, '$.question', 1) WHERE kind = 'script_answer'",
        "UPDATE events SET text = 'x', data = json_set(data, '$.question', 'x')
         WHERE kind = 'script_answer'",
    ] {
        let err = store.conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    let allowed = store
        .conn
        .execute(
            "UPDATE events SET data = json_set(data, '$.question', ?1)
             WHERE kind = 'script_answer'",
            [FORGOTTEN],
        )
        .unwrap();
    assert_eq!(allowed, 1);
}

#[test]
fn a_search_has_to_name_one_caller() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let jan = store
        .create_caller(&crate::store::fixtures::jan(), now())
        .unwrap();
    store
        .create_caller(&named("Janet Vrieling"), now())
        .unwrap();
    store.create_caller(&named("Piet Bakker"), now()).unwrap();
    store.create_caller(&named("Piet Bakker"), now()).unwrap();
    let one = |query: &str| match store.find_caller_to_forget(query).unwrap() {
        ForgetLookup::One(caller) => caller.id,
        other => panic!("{query}: {other:?}"),
    };
    for query in [
        "Jan de Vries",
        "jan de vries",
        "0612345678",
        "NB-20431",
        &jan.id,
        // A whole word of one caller's name beats Janet's fuzzy hit.
        "jan",
        "VRIES",
    ] {
        assert_eq!(one(query), jan.id, "{query}");
    }
    assert!(matches!(
        store.find_caller_to_forget("vri").unwrap(),
        ForgetLookup::Several(hits) if hits.len() == 2
    ));
    assert!(matches!(
        store.find_caller_to_forget("Piet Bakker").unwrap(),
        ForgetLookup::Several(hits) if hits.len() == 2
    ));
    assert!(matches!(
        store.find_caller_to_forget("nobody at all").unwrap(),
        ForgetLookup::NotFound
    ));
    assert!(matches!(
        store
            .find_caller_to_forget("01a20830-3371-7736-b635-4d5034cf66f0")
            .unwrap(),
        ForgetLookup::NotFound
    ));
}
