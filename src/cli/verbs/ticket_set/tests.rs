use super::*;
use crate::domain::{EventKind, NewCaller};
use crate::store::NewTicket;

fn desk() -> (Store, String) {
    let mut store = Store::open_in_memory("anna").unwrap();
    let caller = NewCaller {
        name: "Jan de Vries".into(),
        ..Default::default()
    };
    let caller = store.create_caller(&caller, Utc::now()).unwrap();
    let new = NewTicket {
        prefix: "T",
        caller_id: &caller.id,
        subject: "VPN drops",
        impact: 3,
        urgency: 3,
        priority: 3,
        category: None,
    };
    let ticket = store.open_ticket_with_call(&new, "", Utc::now()).unwrap();
    (store, ticket.key)
}

#[test]
fn a_failed_change_takes_back_the_ones_before_it() {
    let (mut store, key) = desk();
    let config = Config::default();
    let before = store.find_ticket(&key).unwrap().unwrap();
    let request = SetRequest {
        ticket: &key,
        status: Some(Status::Resolved),
        subject: Some("line one\nline two"),
        ..SetRequest::default()
    };
    let error = set(&mut store, &config, &request, Utc::now(), &mut Vec::new()).unwrap_err();
    assert!(error.to_string().contains("--subject"), "{error}");
    let after = store.find_ticket(&key).unwrap().unwrap();
    assert_eq!(after.status, before.status);
    let kinds: Vec<EventKind> = store
        .timeline(&after.id, 10)
        .unwrap()
        .iter()
        .map(|e| e.kind)
        .collect();
    assert!(!kinds.contains(&EventKind::StatusChanged), "{kinds:?}");
}

#[test]
fn each_field_is_written_as_the_desk_writes_it() {
    let (mut store, key) = desk();
    let config = Config::default();
    let request = SetRequest {
        ticket: &key,
        assignee: Some("Bence Szabó"),
        new_agent: true,
        urgency: Some(1),
        ..SetRequest::default()
    };
    let mut out = Vec::new();
    set(&mut store, &config, &request, Utc::now(), &mut out).unwrap();
    let ticket = store.find_ticket(&key).unwrap().unwrap();
    assert_eq!(ticket.assignee.as_deref(), Some("Bence Szabó"));
    assert_eq!((ticket.impact, ticket.urgency), (3, 1));
    assert_eq!(ticket.priority, config.priority(3, 1));
    let timeline = store.timeline(&ticket.id, 10).unwrap();
    let assigned = timeline
        .iter()
        .find(|e| e.kind == EventKind::AssigneeChanged)
        .unwrap();
    assert_eq!(assigned.data["from"], "anna");
    assert_eq!(assigned.data["to"], "Bence Szabó");
    let printed = String::from_utf8(out).unwrap();
    assert_eq!(printed.lines().count(), 2, "{printed}");
    assert!(
        store
            .desk_agents()
            .unwrap()
            .contains(&"Bence Szabó".to_string())
    );
}
