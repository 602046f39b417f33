//! Knowing the caller and the problem: earlier tickets ranked while a subject is typed,
//! outages spotted and handled as one major incident, escalation with a hand-off, and
//! first-contact resolution on the ticket.

mod support;

use balie::app::{LineFilter, Popup};
use balie::domain::{EventKind, Status};
use balie::i18n::Language;
use chrono::Duration;
use support::Harness;

/// Spaces inside a value are typed as `<space>`; the harness splits tokens on spaces.
fn typed(text: &str) -> String {
    text.replace(' ', "<space>")
}

/// Opens a ticket for the caller found by `who` with `subject`: a new ticket even when
/// they have open ones.
fn new_ticket(h: &mut Harness, who: &str, subject: &str) {
    h.press(&format!("n {} <enter>", typed(who)));
    if matches!(h.desk.app.popup, Some(Popup::PickTicket { .. })) {
        h.press("<enter>");
    }
    h.press(&format!("{} <enter>", typed(subject)));
}

/// Sets the active ticket's status; the choice starts at the ticket's current status.
fn set_status(h: &mut Harness, status: Status) {
    let current = h
        .desk
        .app
        .current_ticket()
        .map_or(Status::New, |t| t.status);
    let index = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
    let (from, to) = (index(current), index(status));
    let steps = if to >= from {
        "<right> ".repeat(to - from)
    } else {
        "<left> ".repeat(from - to)
    };
    h.press(&format!("s {steps} <enter>"));
}

fn queue_keys(h: &Harness) -> Vec<String> {
    h.desk
        .app
        .views
        .queue
        .iter()
        .map(|t| t.key.clone())
        .collect()
}

fn form_context(h: &Harness) -> Vec<String> {
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => form.context.clone(),
        _ => panic!("no form is open"),
    }
}

/// Jan's history: a VPN problem solved with a new profile, and a printer jam.
fn jan_with_history(language: Language) -> Harness {
    let mut h = Harness::with_callers_in(language);
    new_ticket(&mut h, "vries", "VPN drops every hour");
    h.press(&format!("a {} <enter>", typed("new VPN profile installed")));
    set_status(&mut h, Status::Resolved);
    new_ticket(&mut h, "vries", "Printer jams on floor 3");
    h.advance(Duration::days(20));
    h
}

#[test]
fn the_earlier_ticket_like_the_new_subject_is_shown_first_while_typing() {
    let mut h = jan_with_history(Language::English);
    h.press("n vries <enter> <enter>");
    assert!(form_context(&h).is_empty(), "nothing typed, nothing ranked");

    h.press(&typed("vpn keeps dropping"));
    let context = form_context(&h).join(" ");
    assert!(
        context.contains("T-1001") && context.contains("VPN drops every hour"),
        "{context}"
    );
    assert!(
        context.contains("resolved: new VPN profile installed"),
        "how it was solved: {context}"
    );
    let screen = h.screen(160, 45);
    assert!(screen.contains("Earlier tickets like this (1)"), "{screen}");

    // Typing on towards another problem changes the ranking at once.
    h.press(&format!(
        "{} {}",
        "<bs> ".repeat(18),
        typed("printer jams again")
    ));
    let context = form_context(&h).join(" ");
    assert!(context.contains("T-1002"), "{context}");
    assert!(!context.contains("T-1001"), "{context}");
}

#[test]
fn recognition_works_in_dutch_and_hungarian_subjects() {
    for (language, earlier, now) in [
        (
            Language::Dutch,
            "VPN valt steeds weg",
            "vpn verbinding valt weg",
        ),
        (
            Language::Hungarian,
            "Nem működik az internet",
            "internetem nem megy",
        ),
    ] {
        let mut h = Harness::with_callers_in(language);
        new_ticket(&mut h, "odon", earlier);
        new_ticket(&mut h, "odon", "Printer");
        h.press(&format!("n odon <enter> <enter> {}", typed(now)));
        let context = form_context(&h).join(" ");
        assert!(context.contains(earlier), "{}: {context}", language.code());
        assert!(context.contains("T-1001"), "{context}");
    }
}

#[test]
fn an_outage_shows_at_the_threshold_and_becomes_one_major_incident() {
    let mut h = Harness::with_callers();
    new_ticket(&mut h, "vries", "Internet down");
    h.advance(Duration::minutes(4));
    new_ticket(&mut h, "odon", "nincs internet, internet nem működik");
    assert!(
        h.desk.app.views.outage.is_none(),
        "two callers are no outage"
    );
    assert!(!h.screen(160, 45).contains("callers in"));

    h.advance(Duration::minutes(6));
    new_ticket(&mut h, "janet", "internet down here too");
    let outage = h.desk.app.views.outage.clone().expect("three callers");
    assert_eq!(outage.callers, 3);
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("‼ 3 callers in 10 min: 'Internet down' — M: one major incident for all"),
        "{screen}"
    );

    // One key declares the incident, with the first caller's words as its subject.
    h.press("M");
    h.press(&format!("{} <enter>", typed(" in Utrecht")));
    let view = h
        .desk
        .app
        .views
        .ticket
        .clone()
        .expect("the incident is open");
    assert!(view.ticket.major);
    assert_eq!(view.ticket.subject, "Internet down in Utrecht");
    let callers: Vec<&str> = view.linked.iter().map(|t| t.caller_name.as_str()).collect();
    assert_eq!(callers, ["Jan de Vries", "Ödön Kovács", "Janet Vrieling"]);
    assert!(
        h.desk.app.views.outage.is_none(),
        "handled: the banner goes"
    );
    assert!(h.screen(160, 45).contains("major incident · 3 callers"));

    // A fourth caller's ticket is linked by hand.
    new_ticket(&mut h, "szoke", "internet");
    h.press("L <enter>");
    assert!(h.message().contains("Linked to T-1004"), "{}", h.message());

    // Resolving the incident resolves every linked ticket and promises the callbacks.
    h.press("M");
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Text { .. })),
        "the incident's own ticket is not active"
    );
    h.press("<esc>");
    h.press(&format!("/ {} <enter>", "T-1004"));
    set_status(&mut h, Status::Resolved);
    assert!(
        form_context(&h)
            .join(" ")
            .contains("4 tickets linked to it are still open")
    );
    h.press(&format!(
        "{} <tab> <tab> <right> <tab> +2h <enter>",
        typed("core switch replaced")
    ));
    assert!(
        h.message()
            .contains("resolved with 4 linked tickets; callbacks promised"),
        "{}",
        h.message()
    );
    let store = &h.desk.store;
    let incident = store.ticket_by_key("T-1004").unwrap().expect("incident");
    assert_eq!(incident.status, Status::Resolved);
    for linked in store.incident_tickets(&incident.id).unwrap() {
        assert_eq!(linked.status, Status::Resolved, "{}", linked.key);
        let promises = store.open_promises_of_ticket(&linked.id).unwrap();
        assert_eq!(promises.len(), 1, "{} gets a callback", linked.key);
        assert_eq!(promises[0].to, linked.caller_name);
        let timeline = store.timeline(&linked.id, 50).unwrap();
        assert!(timeline.iter().any(|e| e.kind == EventKind::IncidentLinked));
        assert!(timeline.iter().any(|e| e.text == "core switch replaced"));
    }
}

#[test]
fn old_tickets_and_linked_ones_are_no_outage() {
    let mut h = Harness::with_callers();
    new_ticket(&mut h, "vries", "Internet down");
    h.advance(Duration::minutes(40));
    new_ticket(&mut h, "odon", "internet down");
    new_ticket(&mut h, "janet", "internet down");
    assert!(
        h.desk.app.views.outage.is_none(),
        "the first is outside the window"
    );
}

#[test]
fn escalation_carries_a_prefilled_handoff_and_the_queue_filters_by_line() {
    let mut h = Harness::with_callers();
    new_ticket(&mut h, "vries", "VPN drops every hour");
    h.press(&format!(
        "a {} <enter>",
        typed("reinstalled the client, no change")
    ));
    h.press("e");
    let context = form_context(&h).join("\n");
    assert!(
        context.contains("T-1001 VPN drops every hour — caller Jan de Vries"),
        "{context}"
    );
    assert!(
        context.contains("reinstalled the client, no change"),
        "{context}"
    );
    h.press(&format!("<tab> {} <enter>", typed("needs a firewall look")));
    assert!(
        h.message().contains("T-1001 escalated to Level 2"),
        "{}",
        h.message()
    );

    let view = h.desk.app.views.ticket.clone().expect("ticket");
    assert_eq!(
        (view.ticket.tier, view.ticket.group.as_deref()),
        (2, Some("Level 2"))
    );
    assert_eq!(view.transfers, 1);
    let handoff = view.timeline.last().expect("event");
    assert_eq!(handoff.kind, EventKind::Escalated);
    assert!(
        handoff
            .text
            .starts_with("Agent: needs a firewall look\nT-1001"),
        "{}",
        handoff.text
    );
    assert!(handoff.text.contains("reinstalled the client"));
    assert!(
        h.screen(160, 45)
            .contains("line 2 · Level 2 · handed on once")
    );

    new_ticket(&mut h, "odon", "Printer jams");
    h.press("t");
    assert_eq!(h.desk.app.line, Some(LineFilter::Tier(1)));
    assert_eq!(queue_keys(&h), ["T-1002"]);
    h.press("t");
    assert_eq!(queue_keys(&h), ["T-1001"], "line 2");
    h.press("t t");
    assert_eq!(h.desk.app.line, Some(LineFilter::Group("Level 2".into())));
    assert_eq!(h.desk.app.views.queue.len(), 1);
    assert!(h.screen(160, 45).contains("all open · Level 2 · 1"));
    h.press("t t");
    assert_eq!(h.desk.app.line, None, "round to all lines");
    assert_eq!(h.desk.app.views.queue.len(), 2);
}

#[test]
fn first_contact_resolution_shows_on_the_ticket_and_a_reopen_takes_it_away() {
    let mut h = Harness::with_callers();
    new_ticket(&mut h, "vries", "Password expired");
    set_status(&mut h, Status::Resolved);
    assert!(
        h.screen(160, 45)
            .contains("✓ resolved at first contact (counts if not"),
        "{}",
        h.screen(160, 45)
    );
    h.advance(Duration::days(2));
    set_status(&mut h, Status::Open);
    set_status(&mut h, Status::Resolved);
    assert!(
        h.screen(160, 45)
            .contains("reopened after resolving: not first-contact")
    );

    // A ticket that took a second call is not first-contact either.
    new_ticket(&mut h, "odon", "Printer jams");
    h.press("n odon <enter> <down> <enter> <enter>");
    set_status(&mut h, Status::Resolved);
    assert!(h.screen(160, 45).contains("resolved after 2 contacts"));
}

#[test]
fn incident_and_escalation_keys_say_why_when_they_cannot_act() {
    let mut h = Harness::with_callers();
    h.press("M");
    assert!(
        h.message().starts_with("No outage on the banner"),
        "{}",
        h.message()
    );
    new_ticket(&mut h, "vries", "VPN drops");
    h.press("L");
    assert_eq!(h.message(), "No major incident is open; M declares one.");

    // Declared for this one ticket, the incident cannot be linked to itself or linked on.
    h.press("M <enter>");
    assert!(h.desk.app.current_ticket().is_some_and(|t| t.major));
    h.press("L");
    assert_eq!(h.message(), "This ticket is a major incident itself.");

    // Resolving with callbacks needs the deadline they are promised by; the form says so.
    set_status(&mut h, Status::Resolved);
    h.press("fixed <tab> <tab> <right> <tab> <enter>");
    let Some(Popup::Form(form)) = &h.desk.app.popup else {
        panic!("the resolve form stays open");
    };
    assert!(form.error.is_some(), "no deadline, no callbacks");
    h.press("<esc>");

    // A ticket already with a group is not handed to that group again.
    h.press("/ T-1001 <enter> e <tab> <enter>");
    h.press("e <left> <tab> <enter>");
    let Some(Popup::Form(form)) = &h.desk.app.popup else {
        panic!("the escalation form stays open with the reason");
    };
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("already with Level 2")),
        "{:?}",
        form.error
    );
}

/// The caller pane's name, or None when it shows no caller.
fn caller_shown(h: &Harness) -> Option<String> {
    h.desk
        .app
        .views
        .caller
        .as_ref()
        .map(|c| c.caller.name.clone())
}

#[test]
fn every_pane_follows_the_active_ticket_incidents_included() {
    let mut h = Harness::with_callers();
    new_ticket(&mut h, "vries", "VPN drops");
    assert_eq!(caller_shown(&h).as_deref(), Some("Jan de Vries"));

    // Declared from Jan's ticket, the incident has no caller: Jan's card and phone go.
    h.press("M <enter>");
    assert!(h.desk.app.current_ticket().is_some_and(|t| t.major));
    assert_eq!(caller_shown(&h), None);
    let screen = h.screen(160, 45);
    assert!(!screen.contains("+31 6 1234 5678"), "{screen}");
    assert!(screen.contains("The caller of the active"), "{screen}");

    // Back to a ticket with a caller, to another caller's, and to the incident again.
    h.press("/ T-1001 <enter>");
    assert_eq!(caller_shown(&h).as_deref(), Some("Jan de Vries"));
    new_ticket(&mut h, "odon", "licence expired");
    assert_eq!(caller_shown(&h).as_deref(), Some("Ödön Kovács"));
    h.press("/ T-1002 <enter>");
    assert!(h.desk.app.current_ticket().is_some_and(|t| t.major));
    assert_eq!(caller_shown(&h), None);
    assert!(!h.screen(160, 45).contains("+36 30 123 4567"));

    // A new call given up halfway leaves no stranger beside the incident.
    h.press("n janet <enter> <esc>");
    assert_eq!(caller_shown(&h), None);
    h.press("/ T-1003 <enter>");
    assert_eq!(caller_shown(&h).as_deref(), Some("Ödön Kovács"));
    h.press("n vries <enter>");
    assert!(matches!(h.desk.app.popup, Some(Popup::PickTicket { .. })));
    h.press("<esc>");
    assert_eq!(caller_shown(&h).as_deref(), Some("Ödön Kovács"));
}

/// A new call about an ongoing outage is offered its open incident: one key links it, and
/// cancelling keeps the ticket apart. In each language.
#[test]
fn a_new_call_about_an_ongoing_outage_is_offered_the_incident() {
    for (language, offer) in [
        (
            Language::English,
            "This call looks like major incident T-1002 'Internet down in Utrecht'",
        ),
        (
            Language::Dutch,
            "Dit gesprek lijkt op groot incident T-1002 'Internet down in Utrecht'",
        ),
        (
            Language::Hungarian,
            "Ez a hívás a(z) T-1002 kiemelt incidensre hasonlít ('Internet down in Utrecht')",
        ),
    ] {
        let mut h = Harness::with_callers_in(language);
        new_ticket(&mut h, "vries", "Internet down in Utrecht");
        h.press("M <enter>");
        assert!(h.desk.app.current_ticket().is_some_and(|t| t.major));

        new_ticket(&mut h, "odon", "internet down utrecht office");
        assert!(
            form_context(&h).iter().any(|line| line.starts_with(offer)),
            "{language:?}: {:?}",
            form_context(&h)
        );
        let screen = h.screen(160, 45);
        assert!(screen.contains("T-1002"), "{screen}");
        h.press("<enter>");
        let linked = h
            .desk
            .store
            .ticket_by_key("T-1003")
            .unwrap()
            .expect("ticket");
        assert!(linked.incident_id.is_some(), "{language:?}: linked");
        // As after `L`, the incident shows with the new caller among its own.
        let view = h.desk.app.views.ticket.clone().expect("the incident");
        assert_eq!(view.ticket.key, "T-1002");
        assert!(view.linked.iter().any(|t| t.caller_name == "Ödön Kovács"));

        // Cancelled, the ticket stays apart; an unlike subject is offered nothing.
        new_ticket(&mut h, "janet", "internet down in utrecht");
        h.press("<esc>");
        let apart = h.desk.app.current_ticket().expect("the new ticket");
        assert_eq!(
            (apart.key.as_str(), apart.incident_id.is_none()),
            ("T-1004", true)
        );
        new_ticket(&mut h, "szoke", "printer jams on floor 3");
        assert!(h.desk.app.popup.is_none(), "{language:?}: no offer");
    }
}
