//! Keys from the config's `[keys]`: they run their commands, and the help, the hints and the
//! palette show them; a bad table stops balie with the place to look.

mod support;

use balie::app::{Pane, Popup, TerminalEffect};
use balie::domain::EventKind;
use support::Harness;
use support::cli::{balie, text};

fn call_from_jan(h: &mut Harness) {
    h.press("n vries <enter> VPN<space>drops <enter>");
    assert!(h.desk.app.current_ticket().is_some(), "the ticket is open");
}

fn last_event_kind(h: &Harness) -> Option<EventKind> {
    let view = h.desk.app.views.ticket.as_ref()?;
    view.timeline.last().map(|e| e.kind)
}

/// The help line of a command inside the popup's double border: its keys, then `:name`.
fn help_line(screen: &str, command: &str) -> String {
    let line = screen
        .lines()
        .find(|l| l.contains(&format!(":{command} ")))
        .unwrap_or_else(|| panic!(":{command} is not in the help:\n{screen}"));
    line.split('║').nth(1).unwrap_or_default().to_owned()
}

#[test]
fn a_remapped_key_runs_its_command_and_the_default_key_no_longer_does() {
    let mut h = Harness::configured("[keys]\nnote = \"N\"\npromise = [\"p\", \"Ctrl-p\"]\n");
    call_from_jan(&mut h);
    h.press("a");
    assert!(
        h.desk.app.popup.is_none(),
        "a no longer opens the note form"
    );
    h.press("N printer<space>reset <enter>");
    assert_eq!(last_event_kind(&h), Some(EventKind::Note));
    h.press("<c-p>");
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Form(_))),
        "Ctrl-p opens the promise form"
    );
}

#[test]
fn help_hints_and_palette_show_the_remapped_keys() {
    let mut h = Harness::configured("[keys]\nnote = \"N\"\nhelp = \"F1\"\n");
    call_from_jan(&mut h);
    assert_eq!(h.desk.app.focus, Pane::Ticket);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("N note"),
        "the hint follows the remap:\n{screen}"
    );
    assert!(!screen.contains("a note"), "{screen}");
    assert!(screen.contains("F1 help"), "{screen}");

    h.press("?");
    assert!(
        h.desk.app.popup.is_none(),
        "F1 replaced ? as the key for help"
    );
    h.press("<f1>");
    let screen = h.screen(120, 50);
    assert!(help_line(&screen, "note").starts_with("N "), "{screen}");
    assert!(help_line(&screen, "help").starts_with("F1 "), "{screen}");
    assert!(help_line(&screen, "promise").starts_with("p "), "{screen}");

    h.press("<f1>");
    assert!(h.desk.app.popup.is_none(), "F1 closes the help it opened");
    h.press(": note");
    let screen = h.screen(120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("▶note"))
        .unwrap_or_else(|| panic!("the palette offers :note\n{screen}"));
    let inside = row.split('║').nth(1).unwrap_or_default();
    assert!(inside.trim_end().ends_with(" N"), "{row}");
}

#[test]
fn a_key_given_to_another_command_is_taken_from_its_default_owner() {
    // `n` is new-call's key by default: the user's binding wins and new-call keeps its
    // palette name.
    let mut h = Harness::configured("[keys]\nnote = \"n\"\nnew-call = \"F2\"\n");
    h.press("n");
    assert!(
        h.desk.app.popup.is_none(),
        "no ticket is open, so no note form"
    );
    assert!(
        h.desk
            .app
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("log a call with F2")),
        "the message names the new key: {:?}",
        h.desk.app.message
    );
    let effects = h.keys("<esc>");
    assert!(effects.is_empty());
    h.press("<f2>");
    assert!(matches!(h.desk.app.popup, Some(Popup::Search(_))));
}

#[test]
fn the_searches_follow_the_picker_keys_and_their_hints_say_so() {
    let mut h =
        Harness::configured("[keys.picker]\nclose = \"Ctrl-g\"\nnext = [\"Down\", \"Ctrl-n\"]\n");
    h.press("n");
    assert!(matches!(h.desk.app.popup, Some(Popup::Search(_))));
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("↑/↓ choose · Enter take · Ctrl-g cancel"),
        "the hint names the remapped keys:\n{screen}"
    );
    h.press("<esc>");
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Search(_))),
        "Esc no longer closes the search"
    );
    h.press("vries <c-n> <c-n>");
    let Some(Popup::Search(search)) = &h.desk.app.popup else {
        panic!("the search closed");
    };
    assert_eq!(search.query(), "vries", "Ctrl-n moves instead of typing");
    assert_eq!(
        search.selected, 1,
        "Ctrl-n moved down to the new-caller row"
    );
    h.press("<c-g>");
    assert!(h.desk.app.popup.is_none(), "Ctrl-g closes the search");
}

#[test]
fn forms_follow_the_form_and_choice_keys_and_their_hint_says_so() {
    let mut h = Harness::configured(
        "[keys.form]\ncancel = \"Ctrl-g\"\n[keys.choice]\nnext-option = \"+\"\n",
    );
    call_from_jan(&mut h);
    h.press("s");
    let Some(Popup::Form(form)) = &h.desk.app.popup else {
        panic!("s opens the status form");
    };
    let before = form.text(0);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("←/+ choose") && screen.contains("Ctrl-g cancels"),
        "the hint names the remapped keys:\n{screen}"
    );
    h.press("+");
    let Some(Popup::Form(form)) = &h.desk.app.popup else {
        panic!("+ left the form");
    };
    assert_ne!(form.text(0), before, "+ chooses the next status");
    h.press("<esc>");
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Form(_))),
        "Esc no longer cancels"
    );
    h.press("<c-g>");
    assert!(h.desk.app.popup.is_none(), "Ctrl-g cancels the form");
}

#[test]
fn the_help_lists_the_popup_keys_as_configured() {
    let mut h = Harness::configured("[keys.picker]\nclose = [\"Esc\", \"Ctrl-g\"]\n");
    h.press("?");
    let screen = h.screen(120, 80);
    for heading in ["[keys.picker]", "[keys.form]", "[keys.choice]"] {
        assert!(screen.contains(heading), "{heading} missing:\n{screen}");
    }
    let close = screen
        .lines()
        .find(|l| l.contains(" close ") && l.contains("search"))
        .unwrap_or_else(|| panic!("no close line:\n{screen}"));
    assert!(
        close.contains("Esc/Ctrl-g") && close.contains("close the search"),
        "{close}"
    );
    assert!(screen.contains("next-option"), "{screen}");
}

#[test]
fn a_command_without_keys_still_runs_from_the_palette() {
    let mut h = Harness::configured("[keys]\nquit = []\n");
    let effects = h.keys("q");
    assert!(effects.is_empty(), "q no longer quits: {effects:?}");
    let effects = h.keys(": quit <enter>");
    assert_eq!(effects, vec![TerminalEffect::Quit]);
}

#[test]
fn a_bad_keys_table_stops_balie_with_file_line_and_column() {
    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config.toml");
    let cases = [
        (
            "agent = \"anna\"\n[keys]\nnote = \"x\"\nkept = \"x\"\n",
            ":4:8: `x` is bound to both note and kept",
        ),
        ("[keys]\nnotes = \"N\"\n", ":2:1: unknown command `notes`"),
        ("[keys]\npromise = \"Ctrl-\"\n", ":2:11: `Ctrl-` has no key"),
        (
            "[keys.picker]\nnext = \"Tab\"\npick = [\"Enter\", \"Tab\"]\n",
            ":3:18: `Tab` is bound to both next and pick",
        ),
    ];
    for (toml, expected) in cases {
        std::fs::write(&config, toml).expect("write config");
        let path = config.to_string_lossy().into_owned();
        let out = balie(home.path(), &["--config", &path, "overdue"]);
        let stderr = text(&out.stderr);
        assert!(!out.status.success());
        assert!(
            stderr.starts_with(&format!("balie: {path}{expected}")),
            "{stderr}"
        );
    }
}
