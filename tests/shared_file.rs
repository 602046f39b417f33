//! Several desks on one database file, as agents logged in to one shared host.

mod support;

use balie::app::Action;
use balie::desk::Desk;
use balie::store::Store;
use chrono::Duration;
use support::{config, monday_morning};

fn desk_on(path: &std::path::Path, agent: &str) -> Desk {
    let store = Store::open(path, agent).expect("open the shared file");
    let mut config = config();
    config.agent = agent.into();
    Desk::new(store, config, monday_morning())
}

#[test]
fn a_desk_sees_another_agents_ticket_and_promise_without_a_key_press() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.db");
    let mut anna = desk_on(&path, "anna");
    let mut bence = desk_on(&path, "bence");
    let now = monday_morning();

    let caller = anna
        .store
        .create_caller(&support::jan(), now)
        .expect("caller");
    anna.store
        .open_ticket_with_call(&support::new_ticket(&caller.id, "VPN drops"), "", now)
        .expect("ticket");
    assert!(bence.app.views.queue.is_empty());
    // The runtime polls on every tick; no key is pressed on bence's desk.
    bence.poll_changes(now + Duration::milliseconds(250));
    assert_eq!(bence.app.views.queue.len(), 1);
    assert_eq!(bence.app.views.queue[0].subject, "VPN drops");
    // Polling without a change reloads nothing.
    let before = bence.app.views.queue.clone();
    assert!(
        bence
            .poll_changes(now + Duration::milliseconds(500))
            .is_empty()
    );
    assert_eq!(bence.app.views.queue, before);
}

#[test]
fn a_note_typed_while_another_agent_changes_the_ticket_keeps_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.db");
    let mut anna = desk_on(&path, "anna");
    let mut h = support::Harness {
        desk: desk_on(&path, "bence"),
        now: monday_morning(),
    };
    h.press("n Jan <enter> <enter> <enter> <enter> <enter> <enter> VPN<space>drops <enter>");
    let ticket_id = h.desk.app.current_ticket().expect("ticket").id.clone();
    // bence starts typing a note; meanwhile anna changes the status.
    h.press("a checked<space>the<space>logs");
    anna.store
        .set_status(&ticket_id, balie::domain::Status::WaitingThirdParty, h.now)
        .expect("status");
    anna.dispatch(Action::Tick, h.now);
    h.desk.poll_changes(h.now);
    h.press("<enter>");
    let view = h.desk.app.views.ticket.as_ref().expect("ticket");
    assert_eq!(view.ticket.status, balie::domain::Status::WaitingThirdParty);
    let last_two: Vec<_> = view.timeline.iter().rev().take(2).map(|e| e.kind).collect();
    assert_eq!(
        last_two,
        vec![
            balie::domain::EventKind::Note,
            balie::domain::EventKind::StatusChanged
        ]
    );
}
