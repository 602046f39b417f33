//! The agent's flows, driven by key strings against an in-memory desk and a fixed clock.

mod support;

use balie::app::{Pane, Popup};
use balie::domain::{EventKind, PromiseState, QueueFilter, Status};
use chrono::{Duration, TimeZone};
use support::Harness;

fn search_names(h: &Harness) -> Vec<String> {
    match &h.desk.app.popup {
        Some(Popup::Search(search)) => search.hits.iter().map(|hit| hit.name.clone()).collect(),
        _ => panic!("the caller search is not open"),
    }
}

fn timeline_kinds(h: &Harness) -> Vec<EventKind> {
    let view = h.desk.app.views.ticket.as_ref().expect("an open ticket");
    view.timeline.iter().map(|e| e.kind).collect()
}

fn last_event(h: &Harness) -> balie::domain::Event {
    let view = h.desk.app.views.ticket.as_ref().expect("an open ticket");
    view.timeline.last().cloned().expect("an event")
}

/// Logs a call from Jan de Vries on a new ticket and leaves it open.
fn call_from_jan(h: &mut Harness) {
    h.press("n vries");
    assert_eq!(
        search_names(h).first().map(String::as_str),
        Some("Jan de Vries")
    );
    h.press("<enter> VPN<space>drops<space>every<space>hour <enter>");
}

#[test]
fn a_call_from_a_known_caller_opens_a_ticket_with_the_call_logged() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    let app = &h.desk.app;
    assert!(app.popup.is_none(), "the flow should be finished");
    let ticket = app.current_ticket().expect("the new ticket is active");
    assert_eq!(ticket.key, "T-1001");
    assert_eq!(ticket.subject, "VPN drops every hour");
    assert_eq!(ticket.caller_name, "Jan de Vries");
    assert_eq!(ticket.status, Status::New);
    assert_eq!(
        timeline_kinds(&h),
        vec![EventKind::Created, EventKind::ContactIn]
    );
    let caller = app.views.caller.as_ref().expect("the caller card is shown");
    assert_eq!(caller.caller.identifiers, vec!["NB-20431"]);
    assert_eq!(caller.prior_contacts.len(), 1);
    assert_eq!(
        app.views.queue.first().map(|t| t.key.as_str()),
        Some("T-1001")
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("T-1001"))
    );
}

#[test]
fn an_unknown_caller_is_added_inline_without_leaving_the_flow() {
    let mut h = Harness::with_callers();
    h.press("n Piet<space>Pieterse");
    assert!(search_names(&h).is_empty());
    h.press("<enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => assert_eq!(form.text(0), "Piet Pieterse"),
        _ => panic!("the new-caller form should open with the typed name"),
    }
    h.press("<tab> Bakkerij<space>Pieterse <tab> 06-11223344 <tab> piet@bakkerij.nl <tab> KLANT-0099 <enter>");
    h.press("printer<space>jams <enter>");
    let ticket = h.desk.app.current_ticket().expect("ticket opened");
    assert_eq!(ticket.caller_name, "Piet Pieterse");
    let caller = &h.desk.app.views.caller.as_ref().expect("card").caller;
    assert_eq!(caller.phones, vec!["06-11223344"]);
    assert_eq!(caller.organization, "Bakkerij Pieterse");
    // The new caller is found by the next call, by phone in another format.
    h.press("n +31611223344");
    assert_eq!(search_names(&h), vec!["Piet Pieterse"]);
}

#[test]
fn a_typed_phone_number_becomes_the_new_callers_phone() {
    let mut h = Harness::with_callers();
    h.press("n 0687654321 <enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.text(0), "");
            assert_eq!(form.text(2), "0687654321");
        }
        _ => panic!("the new-caller form should open"),
    }
    // A caller without a name is refused with the reason, and the form stays.
    h.press("<tab> <tab> <tab> <tab> <enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.focus, 0);
            assert!(form.error.as_deref().is_some_and(|e| e.contains("name")));
            assert_eq!(form.text(2), "0687654321");
        }
        _ => panic!("the form should stay open"),
    }
}

#[test]
fn search_is_accent_insensitive_and_matches_phones_in_any_format() {
    let mut h = Harness::with_callers();
    let cases = [
        ("odon", "Ödön Kovács"),
        ("kovacs", "Ödön Kovács"),
        ("szoke", "Erzsébet Szőke"),
        ("vries", "Jan de Vries"),
        ("jdvr", "Jan de Vries"),
        ("0612345678", "Jan de Vries"),
        ("+31612345678", "Jan de Vries"),
        ("06301234567", "Ödön Kovács"),
        ("+36 1 555 0199", "Erzsébet Szőke"),
        ("0615550199", "Erzsébet Szőke"),
        ("NB-20431", "Jan de Vries"),
        ("lic-7f3k", "Ödön Kovács"),
        ("utrecht", "Jan de Vries"),
        ("posta.hu", "Ödön Kovács"),
    ];
    for (query, expected) in cases {
        h.press(&format!("n {query}"));
        let names = search_names(&h);
        assert_eq!(
            names.first().map(String::as_str),
            Some(expected),
            "query {query:?} gave {names:?}"
        );
        h.press("<esc>");
    }
}

#[test]
fn a_second_call_can_be_attached_to_the_callers_open_ticket() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("n jan<space>de<space>vries <enter>");
    assert!(matches!(h.desk.app.popup, Some(Popup::PickTicket { .. })));
    // The call asks what the caller said; Enter on the empty field logs it alone.
    h.press("<down> <enter> <enter>");
    assert!(h.desk.app.popup.is_none());
    assert_eq!(
        timeline_kinds(&h),
        vec![
            EventKind::Created,
            EventKind::ContactIn,
            EventKind::ContactIn
        ]
    );
    assert_eq!(h.desk.app.views.queue.len(), 1, "no second ticket");
    let caller = h.desk.app.views.caller.as_ref().expect("card");
    assert_eq!(caller.prior_contacts.len(), 2);
}

#[test]
fn a_promise_shows_its_parsed_deadline_and_lands_in_the_promises_pane() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press(
        "p call<space>back<space>with<space>the<space>VPN<space>profile <tab> <tab> <right> <tab> +2h",
    );
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("→ today 12:00 (in 2h)"),
        "preview missing:\n{screen}"
    );
    assert!(screen.contains("to whom:") && screen.contains("Jan de Vries"));
    h.press("<enter>");
    assert!(h.desk.app.popup.is_none());
    let promises = &h.desk.app.views.promises;
    assert_eq!(promises.len(), 1);
    assert_eq!(promises[0].what, "call back with the VPN profile");
    assert_eq!(promises[0].channel, balie::domain::Channel::Email);
    assert_eq!(promises[0].due_at, h.now + Duration::hours(2));
    assert_eq!(promises[0].to, "Jan de Vries");
    assert!(timeline_kinds(&h).contains(&EventKind::PromiseMade));
    let screen = h.screen(160, 45);
    assert!(screen.contains("in 2h"));
}

/// Found by tests/hostile.rs: a deadline in the year 262128 was saved, could not be read
/// back, and from then on every reload failed with "could not load the desk".
#[test]
fn a_deadline_centuries_ahead_is_refused_and_the_desk_keeps_loading() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("p call<space>back <tab> <tab> <tab> +95000000d <enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            let error = form.error.as_deref().unwrap_or_default();
            assert!(error.contains("too far ahead"), "{error}");
        }
        _ => panic!("the promise form should stay open"),
    }
    h.press("<esc> o");
    assert!(h.desk.app.message.is_none(), "{:?}", h.desk.app.message);
    assert!(h.desk.app.views.promises.is_empty());
    assert_eq!(h.desk.app.views.queue.len(), 1);
}

/// Found by tests/hostile.rs: a megabyte pasted into a one-line field made every later
/// keystroke and frame take seconds. The paste is cut, and the agent is told so.
#[test]
fn a_megabyte_paste_is_cut_and_says_so() {
    use balie::app::{Action, PASTE_MAX_CHARS};
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    let log = "ERROR 日本 connection reset\n".repeat(40_000);
    h.press("a");
    h.desk.dispatch(Action::Paste(log.clone()), h.now);
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.text(0).chars().count(), PASTE_MAX_CHARS);
            let error = form.error.as_deref().unwrap_or_default();
            assert!(error.contains("paste was cut"), "{error}");
        }
        _ => panic!("the note form should stay open"),
    }
    h.press("<esc> n");
    h.desk.dispatch(Action::Paste(log), h.now);
    match &h.desk.app.popup {
        Some(Popup::Search(search)) => {
            assert!(search.query().chars().count() <= PASTE_MAX_CHARS)
        }
        _ => panic!("the caller search should stay open"),
    }
    assert!(h.screen(120, 40).contains("paste was cut"));
    h.press("<esc> a short<space>paste");
    h.desk.dispatch(Action::Paste(" fits".into()), h.now);
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.text(0), "short paste fits");
            assert_eq!(form.error, None);
        }
        _ => panic!("the note form should be open"),
    }
}

#[test]
fn a_promise_can_be_made_to_someone_other_than_the_caller() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("p confirm<space>the<space>restore <tab> <c-a> <c-k> his<space>manager<space>Piet <tab> <tab> +1h <enter>");
    let promise = h
        .desk
        .app
        .views
        .promises
        .first()
        .cloned()
        .expect("a promise");
    assert_eq!(promise.to, "his manager Piet");
    assert_eq!(
        promise.caller_name, "Jan de Vries",
        "it still belongs to the caller's ticket"
    );
    assert!(h.screen(160, 45).contains("his manager Piet"));
}

#[test]
fn a_deadline_that_does_not_parse_is_refused_with_a_reason_and_nothing_is_saved() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    for (when, expected) in [
        ("25:00", "25:00"),
        ("09:00", "already passed"),
        ("soonish", "not understood"),
    ] {
        h.press(&format!(
            "p call<space>back <tab> <tab> <tab> {when} <enter>"
        ));
        match &h.desk.app.popup {
            Some(Popup::Form(form)) => {
                let error = form.error.as_deref().unwrap_or_default();
                assert!(error.contains(expected), "{when}: {error}");
                assert_eq!(form.text(0), "call back", "the typed text is kept");
            }
            _ => panic!("{when}: the promise form should stay open"),
        }
        h.press("<esc>");
    }
    assert!(h.desk.app.views.promises.is_empty());
}

#[test]
fn keeping_a_callback_logs_the_outbound_call() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("p call<space>back <tab> <tab> <tab> +30m <enter>");
    h.advance(Duration::minutes(45));
    let screen = h.screen(160, 45);
    assert!(screen.contains("overdue 15m"), "countdown:\n{screen}");
    assert!(screen.contains("!!"), "overdue marker:\n{screen}");
    h.press("<tab> <tab>");
    assert_eq!(h.desk.app.focus, Pane::Promises);
    h.press("K restored,<space>works<space>again <enter>");
    assert!(h.desk.app.views.promises.is_empty());
    let kinds = timeline_kinds(&h);
    assert_eq!(
        kinds[kinds.len() - 2..],
        [EventKind::ContactOut, EventKind::PromiseKept]
    );
    let kept = last_event(&h);
    assert_eq!(kept.data["late"], true);
}

#[test]
fn rescheduling_keeps_the_first_promise_and_links_the_new_one() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("p call<space>back <tab> <tab> <tab> +1h <enter>");
    let first = h.desk.app.views.promises[0].clone();
    // A reason is required.
    h.press("R tomorrow<space>9:00 <tab> <enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert!(form.error.as_deref().is_some_and(|e| e.contains("reason")))
        }
        _ => panic!("the reschedule form should stay open"),
    }
    h.press("waiting<space>for<space>the<space>vendor <enter>");
    let promises = &h.desk.app.views.promises;
    assert_eq!(promises.len(), 1);
    let second = &promises[0];
    assert_eq!(second.replaces.as_deref(), Some(first.id.as_str()));
    let tomorrow_nine = support::zone("Europe/Amsterdam")
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("valid")
        .to_utc();
    assert_eq!(second.due_at, tomorrow_nine);
    let old = h
        .desk
        .store
        .promise(&first.id)
        .expect("first promise still there");
    assert_eq!(old.state, PromiseState::Rescheduled);
    assert_eq!(
        old.due_at, first.due_at,
        "the first deadline is not overwritten"
    );
    assert!(timeline_kinds(&h).contains(&EventKind::PromiseRescheduled));
}

#[test]
fn cancelling_a_promise_asks_for_a_reason() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("p send<space>manual <tab> <tab> <tab> +1d <enter>");
    h.press("X <enter>");
    assert!(matches!(h.desk.app.popup, Some(Popup::Form(_))));
    h.press("caller<space>found<space>it <enter>");
    assert!(h.desk.app.views.promises.is_empty());
    let last = last_event(&h);
    assert_eq!(last.kind, EventKind::PromiseCancelled);
    assert_eq!(last.text, "caller found it");
}

#[test]
fn notes_status_priority_category_and_assignee_are_events_on_the_timeline() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("a new<space>profile<space>sent <enter>");
    h.press("s <down> <down> <enter>");
    h.press("i <up> <up> <tab> <up> <enter>");
    h.press("c <right> <enter>");
    h.press("g +bence <enter>");
    let ticket = h.desk.app.current_ticket().expect("ticket").clone();
    assert_eq!(ticket.status, Status::WaitingCaller);
    assert_eq!((ticket.impact, ticket.urgency), (1, 2));
    assert_eq!(ticket.priority, h.desk.app.config.priority(1, 2));
    assert_eq!(ticket.category.as_deref(), Some("Account"));
    assert_eq!(ticket.assignee.as_deref(), Some("bence"));
    assert_eq!(
        timeline_kinds(&h)[2..],
        [
            EventKind::Note,
            EventKind::StatusChanged,
            EventKind::PriorityChanged,
            EventKind::CategoryChanged,
            EventKind::AssigneeChanged,
        ]
    );
    let screen = h.screen(160, 45);
    assert!(screen.contains("note: new profile sent"), "{screen}");
    assert!(
        screen.contains("status new → waiting on caller"),
        "{screen}"
    );
}

#[test]
fn queue_filters_show_mine_all_open_and_waiting() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.advance(Duration::minutes(1));
    h.press("n odon <enter> licence<space>expired <enter>");
    h.press("g +bence <enter>");
    h.press("m");
    assert_eq!(h.desk.app.filter, QueueFilter::Mine);
    let keys: Vec<_> = h
        .desk
        .app
        .views
        .queue
        .iter()
        .map(|t| t.key.clone())
        .collect();
    assert_eq!(keys, vec!["T-1001"]);
    h.press("o");
    assert_eq!(h.desk.app.views.queue.len(), 2);
    h.press("w");
    assert!(h.desk.app.views.queue.is_empty());
    h.press("o <enter>");
    // Enter on the queue opens the selected ticket (newest activity first).
    assert_eq!(
        h.desk.app.current_ticket().map(|t| t.key.as_str()),
        Some("T-1002")
    );
}

#[test]
fn the_palette_runs_commands_by_name() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press(": prom <enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => assert_eq!(form.title, "Promise"),
        _ => panic!("the palette should have opened the promise form"),
    }
    h.press("<esc> : new-call <enter>");
    assert!(matches!(h.desk.app.popup, Some(Popup::Search(_))));
}

#[test]
fn commands_that_need_a_ticket_say_so() {
    let mut h = Harness::with_callers();
    h.press("p");
    assert!(h.desk.app.popup.is_none());
    let message = h.desk.app.message.clone().expect("a message");
    assert!(message.is_error && message.text.contains("no ticket is open"));
}

#[test]
fn a_failed_save_keeps_what_the_agent_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.db");
    let mut store = balie::store::Store::open(&path, "anna").expect("store");
    store
        .set_busy_timeout(std::time::Duration::from_millis(50))
        .expect("timeout");
    let mut h = Harness::on(store);
    h.press("n Piet <enter> <enter> <enter> <enter> <enter> <enter> printer<space>jams <enter>");
    // Another desk holds the write lock.
    let other = rusqlite::Connection::open(&path).expect("second connection");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    h.press("a toner<space>ordered <enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.text(0), "toner ordered");
            let error = form.error.as_deref().unwrap_or_default();
            assert!(
                error.contains("waiting for the database") && error.contains("kept"),
                "{error}"
            );
        }
        _ => panic!("the note form should stay open with the text"),
    }
    other.execute_batch("ROLLBACK").expect("unlock");
    h.press("<enter>");
    assert!(h.desk.app.popup.is_none());
    assert_eq!(timeline_kinds(&h).last(), Some(&EventKind::Note));
}

#[test]
fn a_long_note_comes_back_from_the_editor_even_when_it_fails() {
    use balie::app::{Action, TerminalEffect};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    let key = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
    let effects = h.desk.dispatch(Action::Key(key), h.now);
    let ticket_id = match effects.as_slice() {
        [TerminalEffect::OpenEditor { ticket_id, .. }] => ticket_id.clone(),
        other => panic!("expected the editor to open, got {other:?}"),
    };
    // The editor saved text but exited with an error: nothing is saved yet, nothing is lost.
    let text = "Called the vendor.\nFix expected Friday.".to_string();
    h.desk.dispatch(
        Action::EditorClosed {
            ticket_id: ticket_id.clone(),
            text: text.clone(),
            failed: true,
        },
        h.now,
    );
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.text(0), text);
            assert!(
                form.error
                    .as_deref()
                    .is_some_and(|e| e.contains("editor exited"))
            );
        }
        _ => panic!("the text should be offered back in the note form"),
    }
    h.press("<enter>");
    assert_eq!(last_event(&h).text, text);
    // A clean exit saves straight away.
    h.desk.dispatch(
        Action::EditorClosed {
            ticket_id,
            text: "Second note.".into(),
            failed: false,
        },
        h.now,
    );
    assert!(h.desk.app.popup.is_none());
    assert_eq!(last_event(&h).text, "Second note.");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("note: Called the vendor.") && screen.contains("    Fix expected Friday."),
        "{screen}"
    );
}

#[test]
fn reminders_ring_once_in_the_warning_window_and_once_when_due() {
    use balie::app::{Action, TerminalEffect};
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("p call<space>back <tab> <tab> <tab> +45m <enter>");
    let tick = |h: &mut Harness| h.desk.dispatch(Action::Tick, h.now);
    assert!(
        tick(&mut h).is_empty(),
        "45 minutes ahead is outside the 30-minute window"
    );
    h.now += Duration::minutes(20);
    let rung = tick(&mut h);
    assert!(
        matches!(rung.as_slice(), [TerminalEffect::Notify(text)] if text.contains("call back") && text.contains("due 10:45")),
        "{rung:?}"
    );
    assert!(tick(&mut h).is_empty(), "a reminder is given once");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("due 10:45, reminded 10:20, not acted"),
        "{screen}"
    );
    h.now += Duration::minutes(30);
    assert_eq!(tick(&mut h).len(), 1, "and once more when it falls due");
    // Restarting the desk on the same store does not ring again.
    assert!(tick(&mut h).is_empty());
    h.press("<tab> <tab> K <enter>");
    assert!(
        h.desk.app.views.alerts.is_empty(),
        "keeping the promise settles its reminders"
    );
    assert!(!h.screen(160, 45).contains("not acted"));
}

#[test]
fn a_callback_request_takes_the_message_and_waits_its_turn() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("p send<space>the<space>manual <tab> <tab> <tab> +10m <enter>");
    h.advance(Duration::minutes(1));
    // Enter on the empty message asks for the callback alone.
    h.press("b <enter>");
    h.advance(Duration::minutes(1));
    h.press("n odon <enter> voicemail:<space>printer<space>broken <enter> b <enter>");
    let callbacks: Vec<_> = h
        .desk
        .app
        .views
        .promises
        .iter()
        .filter(|p| p.callback)
        .collect();
    assert_eq!(callbacks.len(), 2);
    let jan = callbacks
        .iter()
        .find(|p| p.to == "Jan de Vries")
        .expect("Jan's callback");
    assert_eq!(jan.what, "call back about: VPN drops every hour");
    assert_eq!(
        jan.due_at,
        support::monday_morning() + Duration::minutes(1) + Duration::hours(2)
    );
    // The callbacks view serves them in arrival order and leaves other promises out.
    h.press("C");
    let order: Vec<_> = h
        .desk
        .app
        .views
        .promises
        .iter()
        .map(|p| p.to.as_str())
        .collect();
    assert_eq!(order, vec!["Jan de Vries", "Ödön Kovács"]);
    assert!(
        h.screen(160, 45)
            .contains("callback requests, first come first served")
    );
    h.press("C");
    assert_eq!(h.desk.app.views.promises.len(), 3);
}

#[test]
fn the_resolution_clock_pauses_while_waiting_and_marks_a_breach() {
    use balie::domain::sla::ClockState;
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    // Impact 1 × urgency 1 is P1: four business hours to resolve.
    h.press("i <up> <up> <tab> <up> <up> <enter>");
    let clock = |h: &Harness| {
        let id = &h.desk.app.current_ticket().expect("ticket").id;
        h.desk.app.views.clocks[id].resolution
    };
    assert_eq!(h.desk.app.current_ticket().map(|t| t.priority), Some(1));
    h.advance(Duration::hours(1));
    h.press("s <down> <down> <enter>");
    assert_eq!(clock(&h).state, ClockState::Paused);
    h.advance(Duration::hours(3));
    h.press("s <up> <enter>");
    let resumed = clock(&h);
    assert_eq!(resumed.state, ClockState::Running);
    assert_eq!(
        resumed.used,
        Duration::hours(1),
        "the three hours waiting on the caller do not count"
    );
    // The evening and night are outside business hours: the clock runs out at 17:00 and
    // is over by the next morning's first 90 minutes.
    h.advance(Duration::hours(20));
    let screen = h.screen(160, 45);
    assert!(screen.contains("!! over 1h30m"), "{screen}");
    assert_eq!(clock(&h).used, Duration::minutes(5 * 60 + 30));
    // The team lead's review lists it among the breaches.
    h.press("v");
    let review = h.screen(160, 45);
    assert!(
        review.contains("SLA: breached or about to breach (1)"),
        "{review}"
    );
    assert!(
        review.contains("!! over 1h30m") && review.contains("T-1001   P1"),
        "{review}"
    );
}

#[test]
fn a_long_queue_loads_a_page_at_a_time_as_the_cursor_moves_down() {
    let mut store = balie::store::Store::open_in_memory("anna").expect("store");
    let caller = store
        .create_caller(&support::jan(), support::monday_morning())
        .expect("caller");
    for n in 0..130 {
        let new = balie::store::NewTicket {
            prefix: "SD",
            caller_id: &caller.id,
            subject: &format!("Printer {n}"),
            impact: 3,
            urgency: 3,
            priority: 3,
            category: None,
        };
        store
            .open_ticket_with_call(&new, "", support::monday_morning())
            .expect("ticket");
    }
    let mut h = Harness::on(store);
    assert_eq!(h.desk.app.views.queue.len(), 100);
    let screen = h.screen(120, 30);
    assert!(screen.contains("all open · 100+"), "{screen}");

    h.press(&"j ".repeat(60));
    assert_eq!(h.desk.app.queue_selected, 60);
    assert_eq!(h.desk.app.views.queue.len(), 130, "the next page came in");
    assert!(h.screen(120, 30).contains("all open · 130"));
    let clocks = &h.desk.app.views.clocks;
    assert!(
        h.desk
            .app
            .views
            .queue
            .iter()
            .all(|t| clocks.contains_key(&t.id)),
        "every loaded row has its SLA clock"
    );
}

#[test]
fn a_full_disk_keeps_the_note_and_saves_it_once_there_is_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.db");
    let store = balie::store::Store::open(&path, "anna").expect("store");
    let mut h = Harness::on(store);
    h.press("n Piet <enter> <enter> <enter> <enter> <enter> <enter> printer<space>jams <enter>");
    h.desk
        .store
        .simulate_full_disk(true)
        .expect("fill the disk");
    // Long enough to need pages the file no longer has room for.
    let note = "toner ".repeat(1_500);
    h.press("a");
    h.desk
        .dispatch(balie::app::Action::Paste(note.clone()), h.now);
    h.press("<enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert!(form.text(0) == note.trim(), "the form keeps the note");
            let error = form.error.as_deref().unwrap_or_default();
            assert!(error.contains("not saved"), "{error}");
            // Which file, and what to do: not SQLite's "database or disk is full".
            assert!(error.contains(&path.display().to_string()), "{error}");
            assert!(error.contains("free some space"), "{error}");
            assert_eq!(error.matches("full").count(), 1, "{error}");
        }
        _ => panic!("the note form should stay open with the text"),
    }
    // The desk goes on: the agent can still read and move about.
    h.advance(Duration::seconds(1));
    assert!(h.screen(120, 30).contains("printer jams"));

    h.desk.store.simulate_full_disk(false).expect("make room");
    h.press("<enter>");
    assert!(h.desk.app.popup.is_none(), "saved once there is room");
    let last = last_event(&h);
    assert_eq!(last.kind, EventKind::Note);
    assert!(last.text == note.trim(), "the whole note was saved");
}

#[test]
fn a_half_typed_form_is_kept_as_a_draft_and_offered_on_the_next_start() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("p call<space>back<space>about<space>the<space>vpn <tab> <tab> <tab> +2h");
    h.advance(Duration::seconds(1));
    let store = h.desk.store;

    let mut again = Harness::on(store);
    match &again.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.title, "Promise");
            assert_eq!(form.text(0), "call back about the vpn");
            assert_eq!(form.text(1), "Jan de Vries");
            assert_eq!(form.text(3), "+2h");
        }
        _ => panic!("the promise form should be back"),
    }
    let message = again.desk.app.message.clone().expect("a message");
    assert!(message.text.contains("unsaved promise"), "{}", message.text);
    again.press("<esc>");
    again.advance(Duration::seconds(1));
    assert!(
        again.desk.store.draft().expect("read").is_none(),
        "Esc discards it"
    );
}

#[test]
fn a_ticket_is_found_by_its_number_or_a_word_of_its_subject_and_opened() {
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("<esc> n odon <enter> <enter> nyomtató<space>nem<space>működik <enter> <esc>");
    h.press("/ nyomtato");
    let found = match &h.desk.app.popup {
        Some(Popup::FindTicket(search)) => search.hits.clone(),
        _ => panic!("/ opens the ticket finder"),
    };
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].subject, "nyomtató nem működik");
    h.press("<enter>");
    assert!(h.desk.app.popup.is_none());
    assert_eq!(h.desk.app.focus, Pane::Ticket);
    assert_eq!(
        h.desk
            .app
            .views
            .ticket
            .as_ref()
            .map(|t| t.ticket.key.as_str()),
        Some(found[0].key.as_str())
    );

    // A caller reads out the number of their first ticket.
    let first = h.desk.store.search_tickets("1001", 1).expect("search")[0].clone();
    h.press("/ 1001");
    assert!(h.screen(120, 30).contains(&first.subject));
    h.press("<enter>");
    assert_eq!(
        h.desk
            .app
            .views
            .ticket
            .as_ref()
            .map(|t| t.ticket.id.clone()),
        Some(first.id)
    );
}

#[test]
fn the_caller_card_counts_a_repeat_caller_and_shows_the_last_promise() {
    // The card wraps in its narrow pane; its words are read in order, across lines.
    let card_says = |h: &Harness, wanted: &str| {
        let screen = h.screen(160, 45);
        let card: Vec<&str> = screen
            .lines()
            .filter_map(|l| l.rsplit('│').nth(1))
            .flat_map(str::split_whitespace)
            .collect();
        let wanted: Vec<&str> = wanted.split_whitespace().collect();
        card.windows(wanted.len()).any(|w| w == wanted.as_slice())
    };
    let mut h = Harness::with_callers();
    call_from_jan(&mut h);
    h.press("p call<space>back<space>with<space>the<space>log <tab> <tab> <tab> +30m <enter>");
    assert!(card_says(&h, "last promise: call back with the log — open"));
    assert!(
        !card_says(&h, "contacts in 30 days"),
        "one call is no repeat"
    );

    // An hour later the promise has not been kept, and Jan rings about the same ticket.
    h.advance(Duration::hours(1));
    h.press("n jan<space>de<space>vries <enter> <down> <enter> <enter>");
    assert!(card_says(&h, "2 contacts in 30 days, 2 about open tickets"));
    assert!(card_says(
        &h,
        "last promise: call back with the log — broken"
    ));
}

/// A desk file holding a ticket without the event that created it: the queue's SLA clocks
/// used to start at the dawn of time and every reload froze the desk for minutes. Now the
/// agent reads, in their language, which file is damaged, which ticket, and who can help.
#[test]
fn a_damaged_desk_says_so_at_once_in_the_agents_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.db");
    let mut h = Harness::on(balie::store::Store::open(&path, "anna").expect("store"));
    h.press("n Piet <enter> <enter> <enter> <enter> <enter> <enter> printer<space>jams <enter>");
    let key = h
        .desk
        .app
        .views
        .queue
        .first()
        .expect("the new ticket")
        .key
        .clone();
    drop(h);
    rusqlite::Connection::open(&path)
        .and_then(|c| {
            c.execute_batch(
                "DROP TRIGGER events_are_never_deleted;
                 DELETE FROM events WHERE kind = 'created';",
            )
        })
        .expect("damage the desk");
    let store = balie::store::Store::open(&path, "anna").expect("store");
    let h = Harness::speaking(store, balie::i18n::Language::Dutch);
    let message = h.desk.app.message.clone().expect("a message");
    assert!(message.text.contains("kon niet laden"), "{}", message.text);
    assert!(message.text.contains("beschadigd"), "{}", message.text);
    assert!(
        message.text.contains(&path.display().to_string()),
        "{}",
        message.text
    );
    assert!(
        message
            .text
            .contains(&format!("{key} has no creating event")),
        "{}",
        message.text
    );
    assert!(message.text.contains("balie check"), "{}", message.text);
}

/// The queue is ordered by last activity; its age column says how long the ticket has
/// been open, which the order does not tell.
#[test]
fn the_queue_age_is_the_time_since_opening() {
    let mut h = Harness::with_callers();
    h.press("n vries <enter> VPN<space>drops <enter>");
    h.advance(Duration::days(3));
    h.press("a still<space>dropping <enter>");
    let screen = h.screen(160, 45);
    let row = screen
        .lines()
        .find(|line| line.contains("T-1001*"))
        .expect("the ticket in the queue");
    assert!(row.contains(" 3d "), "{row}");
    assert!(!row.contains(" now "), "{row}");
}
