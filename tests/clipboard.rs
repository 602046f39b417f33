//! `y` copies what the focus is on; the runtime hands the text to the terminal (OSC 52).

mod support;

use balie::app::{Pane, TerminalEffect};
use support::Harness;

fn message(h: &Harness) -> (String, bool) {
    let message = h.desk.app.message.as_ref().expect("a message");
    (message.text.clone(), message.is_error)
}

/// Two tickets for Jan de Vries; the second is open and the Ticket pane has the focus.
fn two_calls(config: &str) -> Harness {
    let mut h = Harness::configured(config);
    h.press("n vries <enter> VPN<space>drops <enter>");
    h.press("n vries <enter> <enter> printer<space>jams <enter>");
    assert_eq!(
        h.desk.app.current_ticket().map(|t| t.key.as_str()),
        Some("T-1002")
    );
    assert_eq!(h.desk.app.focus, Pane::Ticket);
    h
}

#[test]
fn y_copies_the_active_tickets_key_and_says_so() {
    let mut h = two_calls("");
    assert_eq!(h.keys("y"), vec![TerminalEffect::Copy("T-1002".into())]);
    assert_eq!(
        message(&h),
        ("copied T-1002 to the clipboard".into(), false)
    );
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("✓ copied T-1002 to the clipboard"),
        "{screen}"
    );
}

#[test]
fn in_the_queue_y_copies_the_selected_rows_key() {
    let mut h = two_calls("");
    h.press("<s-tab> j");
    assert_eq!(h.desk.app.focus, Pane::Queue);
    assert_eq!(h.keys("y"), vec![TerminalEffect::Copy("T-1001".into())]);
}

#[test]
fn in_the_caller_pane_y_copies_the_callers_phone() {
    let mut h = two_calls("");
    h.press("<tab>");
    assert_eq!(h.desk.app.focus, Pane::Caller);
    assert_eq!(
        h.keys("y"),
        vec![TerminalEffect::Copy("+31 6 1234 5678".into())]
    );
    assert_eq!(
        message(&h),
        (
            "copied Jan de Vries's phone +31 6 1234 5678 to the clipboard".into(),
            false
        )
    );
}

#[test]
fn a_caller_without_a_phone_copies_nothing_and_says_why() {
    let mut h = Harness::configured("");
    h.press("n Piet<space>Pieterse <enter> <tab> Bakkerij <enter> <enter> <enter> <enter>");
    h.press("printer<space>jams <enter> <tab>");
    assert_eq!(h.desk.app.focus, Pane::Caller);
    assert!(h.keys("y").is_empty());
    assert_eq!(
        message(&h),
        (
            "nothing copied: Piet Pieterse has no phone number".into(),
            true
        )
    );
}

#[test]
fn copying_can_be_turned_off() {
    let mut h = two_calls("clipboard = false");
    assert!(h.keys("y").is_empty());
    let (text, is_error) = message(&h);
    assert!(is_error);
    assert!(text.contains("clipboard = false"), "{text}");
}

#[test]
fn the_copy_key_follows_the_keymap() {
    let mut h = two_calls("[keys]\ncopy = \"Ctrl-y\"\n");
    assert!(h.keys("y").is_empty());
    assert_eq!(h.keys("<c-y>"), vec![TerminalEffect::Copy("T-1002".into())]);
}
