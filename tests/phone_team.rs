//! Calls travel through the team store: a call the receiver wrote on one desk is in every
//! desk's caller log, and the callback request a missed call became is in every queue.

mod support;

use balie::domain::calls::{CallEvent, CallState};
use chrono::{DateTime, TimeZone, Utc};
use support::team::Team;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap()
}

#[test]
fn a_missed_call_on_one_desk_reaches_the_other_with_its_callback_request() {
    let Some(team) = Team::start(&["Anna", "Bence"]) else {
        return;
    };
    let port = team.server.port();
    let mut anna = team.desk("Anna", port, now());
    let mut bence = team.desk("Bence", port, now());
    let jan = anna
        .store
        .create_caller(&support::jan(), now())
        .expect("caller");
    let rules = balie::cli::phone::missed_call_rules(&support::config(), now()).expect("rules");
    for body in [
        "event=newCall&from=0612345678&to=302&direction=in&callId=team-1",
        "event=hangup&callId=team-1&direction=in&cause=noAnswer",
        "event=newCall&from=0201234567&to=302&direction=in&callId=team-2",
    ] {
        let event = CallEvent::from_form(body.as_bytes()).expect("event");
        anna.store
            .receive_call_event(&event, &rules, now())
            .expect("written");
    }
    anna.synced(now());
    bence.synced(now());

    let missed = bence
        .store
        .call_by_call_id("team-1")
        .expect("read")
        .expect("the call reached Bence's desk");
    assert_eq!(missed.state, CallState::Missed);
    assert_eq!(missed.caller_id.as_deref(), Some(jan.id.as_str()));
    let callbacks = bence.store.open_callbacks(10).expect("callbacks");
    assert_eq!(callbacks.len(), 1);
    assert_eq!(Some(&callbacks[0].id), missed.callback_id.as_ref());
    let ringing = bence
        .store
        .call_by_call_id("team-2")
        .expect("read")
        .expect("the ringing call too");
    assert_eq!(ringing.state, CallState::Ringing);
}
