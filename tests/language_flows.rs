//! The desk in Dutch and in Hungarian: a whole call, from logging it to keeping the promise
//! made on it, with the status bar, the forms and the timeline read in the agent's language.

mod support;

use balie::app::Popup;
use balie::domain::timeline;
use balie::i18n::Language;
use support::Harness;

/// What the agent reads on one language's desk along the call.
struct Expected {
    language: Language,
    /// The deadline as the agent types it, in the language's words.
    deadline: &'static str,
    form_title: &'static str,
    opened: &'static str,
    note: &'static str,
    promised: &'static str,
    kept: &'static str,
    timeline: [&'static str; 6],
    not_understood: &'static str,
    help: &'static str,
}

fn dutch() -> Expected {
    Expected {
        language: Language::Dutch,
        deadline: "morgen<space>9:00",
        form_title: "Toezegging",
        opened: "T-1001 geopend voor Jan de Vries; het gesprek is vastgelegd",
        note: "notitie bewaard",
        promised: "toegezegd aan Jan de Vries, uiterlijk morgen 09:00",
        kept: "nagekomen: terugbellen",
        timeline: [
            "geopend: VPN valt weg",
            "☎ inkomend gesprek",
            "notitie: router herstart",
            "toegezegd, uiterlijk morgen 09:00: terugbellen",
            // Keeping a promise logs the contact that kept it.
            "☎ uitgaand gesprek: opgelost",
            "nagekomen: terugbellen",
        ],
        not_understood: "`straks` niet begrepen — schrijf morgen 9:00, vr 14:00",
        help: "gesprek aannemen: beller zoeken of toevoegen",
    }
}

fn hungarian() -> Expected {
    Expected {
        language: Language::Hungarian,
        deadline: "holnap<space>9:00",
        form_title: "Ígéret",
        opened: "T-1001 megnyitva, hívó: Jan de Vries; a hívás rögzítve",
        note: "jegyzet mentve",
        promised: "ígéret Jan de Vries részére, határidő: holnap 09:00",
        kept: "teljesítve: terugbellen",
        timeline: [
            "megnyitva: VPN valt weg",
            "☎ bejövő hívás",
            "jegyzet: router herstart",
            "megígérve, határidő holnap 09:00: terugbellen",
            "☎ kimenő hívás: opgelost",
            "teljesítve: terugbellen",
        ],
        not_understood: "`straks` nem értelmezhető — írd így: holnap 9:00, p 14:00",
        help: "bejövő hívás: hívó keresése vagy felvétele",
    }
}

fn a_call_in(expected: Expected) {
    let mut h = Harness::with_callers_in(expected.language);
    h.press("n vries <enter> VPN<space>valt<space>weg <enter>");
    assert_eq!(h.message(), expected.opened);

    h.press("a router<space>herstart <enter>");
    assert_eq!(h.message(), expected.note);

    // A deadline the desk cannot read is refused in the form, in the agent's language.
    h.press("p terugbellen <tab> <tab> <tab> straks <enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.title, expected.form_title);
            let error = form.error.as_deref().unwrap_or_default();
            assert!(error.starts_with(expected.not_understood), "{error}");
        }
        _ => panic!("the promise form should stay open"),
    }
    for _ in 0.."straks".len() {
        h.press("<bs>");
    }
    h.press(expected.deadline);
    h.press("<enter>");
    assert_eq!(h.message(), expected.promised);

    h.press("K opgelost <enter>");
    assert!(h.message().starts_with(expected.kept), "{}", h.message());

    let app = &h.desk.app;
    let view = app.views.ticket.as_ref().expect("the ticket is open");
    let lines: Vec<String> = view
        .timeline
        .iter()
        .map(|e| timeline::describe(e, app.now, app.config.time_zone, &app.texts))
        .collect();
    assert_eq!(lines, expected.timeline);
    // The ticket pane shows the same words.
    let screen = h.screen(160, 45);
    assert!(screen.contains(expected.timeline[2]), "{screen}");

    h.press("?");
    let screen = h.screen(160, 45);
    assert!(screen.contains(expected.help), "{screen}");
}

#[test]
fn a_call_on_a_dutch_desk_reads_in_dutch() {
    a_call_in(dutch());
}

#[test]
fn a_call_on_a_hungarian_desk_reads_in_hungarian() {
    a_call_in(hungarian());
}

#[test]
fn a_callback_request_is_worded_in_the_agents_language() {
    let mut h = Harness::with_callers_in(Language::Dutch);
    h.press("n vries <enter> VPN<space>valt<space>weg <enter> b <enter>");
    let app = &h.desk.app;
    let promise = app.views.promises.first().expect("the callback request");
    assert_eq!(promise.what, "terugbellen over: VPN valt weg");
    assert!(h.message().starts_with("toegezegd aan Jan de Vries"));
}

#[test]
fn the_palette_describes_commands_in_the_agents_language() {
    let mut h = Harness::with_callers_in(Language::Dutch);
    h.press(": overdracht");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("dienstoverdracht: mijn open meldingen"),
        "{screen}"
    );
    h.press("<enter>");
    match &h.desk.app.popup {
        Some(Popup::Text { title, lines, .. }) => {
            assert_eq!(title, "Dienstoverdracht");
            assert!(lines[0].starts_with("Overdracht van anna"), "{lines:?}");
        }
        _ => panic!("the handover should open"),
    }
}

#[test]
fn the_english_desk_says_what_it_always_said() {
    let mut h = Harness::with_callers();
    h.press("n vries <enter> VPN <enter>");
    assert_eq!(
        h.message(),
        "T-1001 opened for Jan de Vries; the call is logged"
    );
    h.desk.dispatch(
        balie::app::Action::Paste("x".repeat(balie::app::PASTE_MAX_CHARS + 1)),
        h.now,
    );
    h.press("<esc> a");
    h.desk.dispatch(
        balie::app::Action::Paste("x".repeat(balie::app::PASTE_MAX_CHARS + 1)),
        h.now,
    );
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => assert_eq!(
            form.error.as_deref(),
            Some(
                "the paste was cut to its first 10000 characters; write long text in $EDITOR with A"
            )
        ),
        _ => panic!("the note form should be open"),
    }
}

/// A promise reminded of on Monday and left: on Wednesday the banner says which day it was
/// due and reminded, in each language, while today's reminder still reads as a bare time.
#[test]
fn a_reminder_from_another_day_carries_its_day_in_every_language() {
    use balie::app::Action;
    use chrono::Duration;
    let cases = [
        (
            Language::English,
            "due 10:45, reminded 10:20",
            "due Mon 23 Nov 10:45, reminded Mon 23 Nov 10:20",
        ),
        (
            Language::Dutch,
            "uiterlijk 10:45, herinnerd 10:20",
            "uiterlijk ma 23 nov 10:45, herinnerd ma 23 nov 10:20",
        ),
        (
            Language::Hungarian,
            "határidő 10:45, emlékeztetve 10:20",
            "határidő nov 23., h 10:45, emlékeztetve nov 23., h 10:20",
        ),
    ];
    for (language, today, later) in cases {
        let mut h = Harness::with_callers_in(language);
        h.press("n vries <enter> VPN <enter>");
        h.press("p call<space>back <tab> <tab> <tab> +45m <enter>");
        h.now += Duration::minutes(20);
        h.desk.dispatch(Action::Tick, h.now);
        let screen = h.screen(160, 45);
        assert!(screen.contains(today), "{language:?}: {screen}");
        h.advance(Duration::days(2));
        let screen = h.screen(160, 45);
        assert!(screen.contains(later), "{language:?}: {screen}");
    }
}

/// The promise form's examples are deadlines still ahead, and the words of every language
/// are read whatever the desk's own.
#[test]
fn the_promise_form_gives_examples_ahead_and_reads_every_languages_words() {
    for (language, hint) in [
        (
            Language::English,
            "by when: +2h, +30m, +4bh (business hours), 11:00, tomorrow 9:00, fri 14:00, 2026-11-30 10:00",
        ),
        (
            Language::Dutch,
            "uiterlijk: +2u, +30m, +4bh (kantooruren), 11:00, morgen 9:00, vr 14:00, 2026-11-30 10:00",
        ),
        (
            Language::Hungarian,
            "határidő: +2ó, +30p, +4bh (munkaidő), 11:00, holnap 9:00, p 14:00, 2026-11-30 10:00",
        ),
    ] {
        for typed in [
            "morgen<space>9:00",
            "holnap<space>9:00",
            "pentek<space>14:00",
            "+2u",
            "+2ó",
        ] {
            let mut h = Harness::with_callers_in(language);
            h.press("n vries <enter> VPN <enter>");
            h.press("p call<space>back <tab> <tab> <tab>");
            let screen = h.screen(160, 45);
            assert!(screen.contains(hint), "{language:?}: {screen}");
            h.press(&format!("{typed} <enter>"));
            assert!(
                h.desk.app.popup.is_none(),
                "{typed} on a {language:?} desk: {}",
                h.screen(160, 45)
            );
            assert_eq!(h.desk.app.views.promises.len(), 1, "{typed}");
        }
    }
}
