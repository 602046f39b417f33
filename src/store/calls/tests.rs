use chrono::TimeZone;

use super::*;
use crate::store::fixtures::jan;

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
}

fn rules(now: DateTime<Utc>) -> MissedCallRules {
    MissedCallRules {
        due_at: now + chrono::Duration::hours(2),
        ticket_prefix: "T".into(),
        time_zone: crate::domain::time_zone::zone("Europe/Amsterdam"),
    }
}

fn event(body: &str) -> CallEvent {
    CallEvent::from_form(body.as_bytes()).unwrap()
}

fn receive(store: &mut Store, body: &str, now: DateTime<Utc>) -> Received {
    store
        .receive_call_event(&event(body), &rules(now), now)
        .unwrap()
}

#[test]
fn a_known_number_in_another_format_is_recognised() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let caller = store.create_caller(&jan(), at(8, 0)).unwrap();
    let got = receive(
        &mut store,
        "event=newCall&from=0031612345678&to=302&direction=in&callId=a1",
        at(9, 0),
    );
    assert_eq!(got.call.caller_id.as_deref(), Some(caller.id.as_str()));
    assert_eq!(got.call.caller_name.as_deref(), Some("Jan de Vries"));
    assert_eq!(got.call.state, CallState::Ringing);
    let unknown = receive(
        &mut store,
        "event=newCall&from=0201111111&to=302&direction=in&callId=a2",
        at(9, 1),
    );
    assert_eq!(unknown.call.caller_id, None);
    assert_eq!(store.live_calls(at(8, 0)).unwrap().len(), 2);
}

#[test]
fn an_answered_call_that_ends_has_its_duration_and_no_callback() {
    let mut store = Store::open_in_memory("anna").unwrap();
    receive(
        &mut store,
        "event=newCall&from=0612345678&to=302&direction=in&callId=b1",
        at(9, 0),
    );
    receive(
        &mut store,
        "event=answer&callId=b1&direction=in&user%5B%5D=Anna",
        at(9, 1),
    );
    let ended = receive(
        &mut store,
        "event=hangup&callId=b1&direction=in&cause=normalClearing",
        at(9, 5),
    );
    assert_eq!(ended.call.state, CallState::Ended);
    assert_eq!(ended.call.agent.as_deref(), Some("Anna"));
    assert_eq!(ended.call.duration_s(), Some(240));
    assert!(ended.callback.is_none());
    assert!(store.open_callbacks(10).unwrap().is_empty());
}

#[test]
fn a_call_taken_onto_a_ticket_is_its_inbound_contact_with_start_and_duration() {
    let (mut store, ticket) = crate::store::fixtures::one_call("Jan", "VPN drops", at(8, 0));
    let call = receive(
        &mut store,
        "event=newCall&from=0612345678&to=302&direction=in&callId=c1",
        at(9, 0),
    );
    receive(&mut store, "event=answer&callId=c1&direction=in", at(9, 1));
    store
        .log_inbound_call(&ticket.id, "still drops", Some(&call.call.id), at(9, 2))
        .unwrap();
    let contact = |store: &Store| {
        store
            .timeline(&ticket.id, 10)
            .unwrap()
            .into_iter()
            .rfind(|e| e.kind == EventKind::ContactIn)
            .unwrap()
    };
    let going = contact(&store);
    assert_eq!(going.text, "still drops");
    assert_eq!(
        going.data["started_at"].as_str(),
        Some(ts(at(9, 1)).as_str())
    );
    assert_eq!(going.data["duration_s"], serde_json::Value::Null);

    receive(&mut store, "event=hangup&callId=c1&direction=in", at(9, 5));
    assert_eq!(contact(&store).data["duration_s"].as_i64(), Some(240));
    let logged = store.call_by_call_id("c1").unwrap().unwrap();
    assert_eq!(logged.ticket_key.as_deref(), Some(ticket.key.as_str()));
    // One contact, no second note about the same call.
    assert_eq!(store.timeline(&ticket.id, 10).unwrap().len(), 3);
}

#[test]
fn missed_calls_from_one_number_count_into_one_callback_request() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let caller = store.create_caller(&jan(), at(8, 0)).unwrap();
    for (n, minute) in [(1, 12), (2, 20), (3, 31)] {
        let id = format!("m{n}");
        receive(
            &mut store,
            &format!("event=newCall&from=0612345678&to=302&direction=in&callId={id}"),
            at(8, minute),
        );
        let got = receive(
            &mut store,
            &format!("event=hangup&callId={id}&direction=in&cause=noAnswer"),
            at(8, minute + 1),
        );
        assert_eq!(got.call.state, CallState::Missed);
        assert_eq!(got.callback.unwrap().count, n);
    }
    let callbacks = store.open_callbacks(10).unwrap();
    assert_eq!(callbacks.len(), 1, "{callbacks:?}");
    assert_eq!(callbacks[0].caller_id.as_deref(), Some(caller.id.as_str()));
    assert_eq!(callbacks[0].due_at, at(8, 13) + chrono::Duration::hours(2));
    let timeline = store.timeline(&callbacks[0].ticket_id, 20).unwrap();
    // 08:12 UTC is 09:12 in Amsterdam.
    assert!(
        timeline
            .iter()
            .any(|e| e.text == "3 missed calls since 09:12"),
        "{timeline:?}"
    );
    // Once called back, the next missed call is a new request.
    store
        .keep_promise(&callbacks[0].id, "rang back", at(9, 0))
        .unwrap();
    receive(
        &mut store,
        "event=hangup&callId=m4&from=0612345678&to=302&direction=in&cause=busy",
        at(9, 30),
    );
    assert_eq!(store.open_callbacks(10).unwrap().len(), 1);
    assert_ne!(store.open_callbacks(10).unwrap()[0].id, callbacks[0].id);
}

#[test]
fn repeated_events_and_anonymous_calls_leave_no_extra_rows() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let body = "event=hangup&callId=r1&from=anonymous&to=302&direction=in&cause=cancel";
    receive(&mut store, body, at(9, 0));
    receive(&mut store, body, at(9, 0));
    let log = store.calls_since(at(0, 0), 10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].state, CallState::Missed);
    assert!(log[0].callback_id.is_none(), "nobody to call back");
    assert!(store.open_callbacks(10).unwrap().is_empty());
}

#[test]
fn forgetting_a_caller_erases_the_numbers_they_called_from() {
    let mut store = Store::open_in_memory("anna").unwrap();
    let caller = store.create_caller(&jan(), at(8, 0)).unwrap();
    receive(
        &mut store,
        "event=newCall&from=0612345678&to=302&direction=in&callId=f1",
        at(9, 0),
    );
    // A call from a number nobody had yet, logged as unknown; later it is Piet's.
    receive(
        &mut store,
        "event=newCall&from=%2B31201234567&to=302&direction=in&callId=f2",
        at(9, 5),
    );
    let other = store
        .create_caller(
            &crate::domain::NewCaller {
                name: "Piet".into(),
                phones: vec!["020 123 4567".into()],
                ..Default::default()
            },
            at(9, 30),
        )
        .unwrap();
    store.forget_caller(&caller.id, at(10, 0)).unwrap();
    store.forget_caller(&other.id, at(10, 0)).unwrap();
    let log = store.calls_since(at(0, 0), 10).unwrap();
    assert_eq!(log.len(), 2);
    assert!(
        log.iter().all(|c| c.number == crate::store::FORGOTTEN),
        "{log:?}"
    );
}
