//! A conflict as the person at the desk meets it, with the other agent's work apart: on the ticket pane with the key that
//! settles it, in the lead's review with the others left to settle, and settled by a choice
//! that lands on the timeline. The conflict is a real one, made by two desks on a real
//! PostgreSQL team store.

mod support;

use balie::app::Popup;
use balie::app::form::FormKind;
use balie::config::Config;
use balie::desk::Desk;
use balie::domain::{EventKind, Status};
use chrono::{DateTime, Duration, TimeZone, Utc};
use support::Harness;
use support::team::{Team, open_ticket, set_status_apart};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap()
}

#[test]
fn a_conflict_is_shown_listed_in_the_review_and_settled_from_the_ticket_pane() {
    // `_team` keeps the server running to the end of the test.
    let Some((_team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let ticket = open_ticket(&mut anna.store, "Jan de Vries", "Printer jams", now());
    anna.synced(now());
    bence.synced(now());
    // They meet again ten minutes later: each other's changes arrive late.
    let later = now() + Duration::minutes(10);
    set_status_apart(&mut anna, &mut bence, &ticket.id, now(), later);

    let config = Config {
        agent: "Anna".into(),
        ..support::config()
    };
    let mut h = Harness {
        desk: Desk::new(anna.store, config, later),
        now: later,
    };
    h.press(&format!("/ {} <enter>", ticket.key));
    assert_eq!(
        h.desk.app.current_ticket().map(|t| t.id.as_str()),
        Some(ticket.id.as_str())
    );
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("⚠ status: Bence set waiting on caller"),
        "{screen}"
    );
    assert!(screen.contains("keep which? D"), "{screen}");
    assert!(
        screen.contains("⚑ Bence also worked on this while your desks"),
        "{screen}"
    );

    // The lead's review lists it first, and says how fresh the desk's copy is.
    h.press("v");
    let review = h.screen(160, 45);
    assert!(review.contains("Conflicts to settle (1)"), "{review}");
    let line = review
        .lines()
        .find(|l| l.contains("status: Bence set waiting on caller, Anna set resolved"))
        .expect("the conflict's line");
    assert!(line.contains(&ticket.key), "{review}");
    assert!(
        review.contains("Team figures from this desk's copy, synced today 10:10"),
        "{review}"
    );
    h.press("<esc>");

    // Anna chooses her own value, the one the store did not keep.
    h.press("D");
    let Some(Popup::Form(form)) = &h.desk.app.popup else {
        panic!("the settle form is open");
    };
    assert!(matches!(form.kind, FormKind::Settle { .. }));
    h.press("j <enter>");
    assert!(h.desk.app.popup.is_none(), "the form closed");
    let shown = h.desk.app.current_ticket().expect("ticket");
    assert_eq!(shown.status, Status::Resolved);
    let view = h.desk.app.views.ticket.as_ref().expect("ticket view");
    assert!(view.conflicts.is_empty(), "{:?}", view.conflicts);
    assert!(
        view.timeline
            .iter()
            .any(|e| e.kind == EventKind::ConflictSettled && e.by == "Anna")
    );
    let screen = h.screen(160, 45);
    assert!(screen.contains("Anna status: resolved stays"), "{screen}");
    assert!(!screen.contains("keep which?"), "{screen}");

    // Nothing left to settle: the key says so instead of opening an empty choice.
    h.press("D");
    assert!(h.desk.app.popup.is_none());
    let screen = h.screen(160, 45);
    assert!(screen.contains("has no conflicts to settle"), "{screen}");
}
