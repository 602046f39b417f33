//! What the caller said is kept: on a new ticket's call, on a call logged on an open
//! ticket and on a callback request, in fields of several lines (a key for a new line,
//! Enter saves, a paste keeps its line breaks), and the timeline shows it as written.

mod support;

use balie::app::{Action, Popup};
use balie::domain::EventKind;
use balie::i18n::Language;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::Harness;

fn typed(text: &str) -> String {
    text.replace(' ', "<space>")
}

fn events(h: &Harness, kind: EventKind) -> Vec<String> {
    let view = h.desk.app.views.ticket.as_ref().expect("an open ticket");
    view.timeline
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.text.clone())
        .collect()
}

fn form_title(h: &Harness) -> String {
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => form.title.clone(),
        _ => panic!("no form is open"),
    }
}

#[test]
fn a_new_ticket_keeps_what_the_caller_said_on_its_call() {
    let mut h = Harness::with_callers();
    h.press("n vries <enter>");
    h.press(&typed("VPN drops every hour"));
    h.press(&format!(
        "<tab> {} <c-j> {} <enter>",
        typed("It started after the update."),
        typed("Only at home, not at the office.")
    ));
    assert_eq!(
        events(&h, EventKind::ContactIn),
        ["It started after the update.\nOnly at home, not at the office."]
    );
    // The timeline shows the words as written, one line under the other.
    let screen = h.screen(160, 45);
    assert!(screen.contains("☎ inbound call: It started"), "{screen}");
    assert!(
        screen.contains("┃    Only at home, not at the office."),
        "{screen}"
    );

    // Enter on the subject still opens the ticket at once, the words left empty.
    h.press("n odon <enter> licence <enter>");
    assert!(h.desk.app.popup.is_none());
    assert_eq!(events(&h, EventKind::ContactIn), [""]);
}

#[test]
fn a_call_on_an_open_ticket_and_a_callback_request_keep_the_callers_words() {
    let mut h = Harness::with_callers();
    h.press("n vries <enter> VPN<space>drops <enter>");
    // A second call on the same ticket asks what was said; Enter saves.
    h.press("n vries <enter> <down> <enter>");
    assert_eq!(form_title(&h), "Call on T-1001");
    h.press(&format!(
        "{} <enter>",
        typed("Still dropping, now also at the office.")
    ));
    assert_eq!(
        events(&h, EventKind::ContactIn),
        ["", "Still dropping, now also at the office."]
    );
    // Empty, the call is logged as before.
    h.press("n vries <enter> <down> <enter> <enter>");
    assert_eq!(events(&h, EventKind::ContactIn).len(), 3);

    // `b` keeps the voicemail itself on the call, beside the callback promise.
    h.press("b");
    assert_eq!(form_title(&h), "Callback request on T-1001");
    h.press(&format!(
        "{} <c-j> {} <enter>",
        typed("Voicemail: please ring back after 3."),
        typed("Extension 214.")
    ));
    let said = events(&h, EventKind::ContactIn);
    assert_eq!(
        said.last().map(String::as_str),
        Some("Voicemail: please ring back after 3.\nExtension 214.")
    );
    let callback = h
        .desk
        .app
        .views
        .promises
        .iter()
        .find(|p| p.callback)
        .expect("the callback");
    assert_eq!(callback.what, "call back about: VPN drops");
}

#[test]
fn notes_take_several_lines_and_a_paste_keeps_its_line_breaks() {
    let mut h = Harness::with_callers();
    h.press("n vries <enter> VPN<space>drops <enter>");
    // Ctrl-j and Alt-Enter make a new line; Enter saves.
    h.press("a first <c-j> second");
    h.desk.dispatch(
        Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)),
        h.now,
    );
    h.press("third <enter>");
    assert_eq!(events(&h, EventKind::Note), ["first\nsecond\nthird"]);

    h.press("a");
    h.desk.dispatch(
        Action::Paste("line one\r\nline two\nline three".into()),
        h.now,
    );
    h.press("<enter>");
    assert_eq!(
        events(&h, EventKind::Note)[1],
        "line one\nline two\nline three"
    );
    // A field of one line still flattens a paste.
    h.press("p");
    h.desk.dispatch(Action::Paste("call\nback".into()), h.now);
    let Some(Popup::Form(form)) = &h.desk.app.popup else {
        panic!("the promise form");
    };
    assert_eq!(form.text(0), "call back");
    // The new-line key does nothing there.
    h.press("<c-j>");
    let Some(Popup::Form(form)) = &h.desk.app.popup else {
        panic!("the promise form");
    };
    assert_eq!(form.text(0), "call back");
}

/// The key for a new line lives in the keymap: remapped under [keys.form], the hint
/// names the new key.
#[test]
fn the_new_line_key_is_in_the_form_keymap_and_its_hint() {
    let mut h = Harness::configured("[keys.form]\nnew-line = \"Ctrl-n\"\n");
    h.press("n vries <enter> VPN <enter> a one");
    let screen = h.screen(100, 30);
    assert!(screen.contains("Ctrl-n new line"), "{screen}");
    h.press("<c-n> two <c-j> <enter>");
    assert_eq!(events(&h, EventKind::Note), ["one\ntwo"]);
}

/// The new call form with the caller's words, in each language.
#[test]
fn the_callers_words_field_reads_in_every_language() {
    for (language, label, hint) in [
        (Language::English, "caller said:", "Ctrl-j new line"),
        (Language::Dutch, "beller zei:", "Ctrl-j nieuwe regel"),
        (Language::Hungarian, "a hívó mondta:", "Ctrl-j új sor"),
    ] {
        let mut h = Harness::with_callers_in(language);
        h.press("n vries <enter> VPN <tab> it<space>drops");
        for (width, height) in [(80, 24), (160, 45)] {
            let screen = h.screen(width, height);
            assert!(screen.contains(label), "{language:?}: {screen}");
            let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
            let hint_words = hint.split(' ').collect::<Vec<_>>();
            assert!(
                flat.contains(&format!("{} {}", hint_words[0], hint_words[1])),
                "{language:?}: {screen}"
            );
        }
    }
}
