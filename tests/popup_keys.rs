//! The keys of the popups that are neither searches nor forms, from `[keys.text]`,
//! `[keys.list]`, `[keys.script]`, `[keys.kb]` and `[keys.article]`: a remapped key does what
//! it is bound to, the default key no longer does, and the hints name the keys in use.

mod support;

use balie::app::script::{PickRow, ScriptPopup};
use balie::app::{Popup, TerminalEffect};
use support::Harness;

fn call_from_jan(h: &mut Harness) {
    h.press("n vries <enter> VPN<space>drops <enter>");
    assert!(h.desk.app.current_ticket().is_some(), "the ticket is open");
}

fn timeline_len(h: &Harness) -> usize {
    let view = h.desk.app.views.ticket.as_ref().expect("an open ticket");
    view.timeline.len()
}

fn help_top(h: &Harness) -> u16 {
    match &h.desk.app.popup {
        Some(Popup::Help { scroll }) => scroll.top(),
        _ => panic!("the help is not open"),
    }
}

#[test]
fn the_help_scrolls_with_the_text_keys_and_stops_at_its_end() {
    let mut h = Harness::configured("[keys.text]\ndown = \"n\"\nclose = \"x\"\n");
    h.press("?");
    h.screen(120, 30);
    h.press("j <down>");
    assert_eq!(help_top(&h), 0, "j and ↓ no longer scroll");
    h.press("n");
    assert_eq!(help_top(&h), 1, "n scrolls down");
    for _ in 0..300 {
        h.press("n");
    }
    let screen = h.screen(120, 30);
    let end = help_top(&h);
    assert!(end > 10, "the help is longer than 30 rows");
    assert!(
        screen.contains("n/k scroll · x or ? closes"),
        "the last line, the hint with the keys in use, is at the bottom:\n{screen}"
    );
    h.press("k");
    assert_eq!(help_top(&h), end - 1, "one key back is one line back");
    h.press("<pageup> <home>");
    assert_eq!(help_top(&h), 0);
    h.press("<esc> q");
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Help { .. })),
        "Esc and q no longer close the help"
    );
    h.press("x");
    assert!(h.desk.app.popup.is_none(), "x closes the help");
}

#[test]
fn the_review_and_the_ticket_choice_follow_the_list_keys() {
    let mut h = Harness::configured("[keys.list]\nnext = \"n\"\nopen = \"o\"\nclose = \"x\"\n");
    call_from_jan(&mut h);
    h.press("p call<space>back <tab> <tab> <tab> +30m <enter>");
    h.press("p send<space>the<space>log <tab> <tab> <tab> tomorrow<space>9:00 <enter>");
    h.press("v");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("n/k choose · o opens · x closes"),
        "the review's hint names the keys in use:\n{screen}"
    );
    h.press("j n");
    let Some(Popup::Review(review)) = &h.desk.app.popup else {
        panic!("the review closed");
    };
    assert_eq!(review.selected, 1, "n moves down, j no longer does");
    h.press("<esc> q");
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Review(_))),
        "Esc and q no longer close the review"
    );
    h.press("x");
    assert!(h.desk.app.popup.is_none(), "x closes the review");

    h.press("n jan<space>de<space>vries <enter>");
    assert!(matches!(h.desk.app.popup, Some(Popup::PickTicket { .. })));
    h.press("n o");
    // Attaching asks what the caller said (optional); Enter logs the call.
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Form(_))),
        "o attaches the call"
    );
    h.press("<enter>");
    assert!(h.desk.app.popup.is_none(), "the call is logged");
    assert_eq!(h.desk.app.views.queue.len(), 1, "to the open ticket");
}

fn step_id(h: &Harness) -> String {
    match &h.desk.app.popup {
        Some(Popup::Script(ScriptPopup::Run(runner))) => {
            runner.script.steps[runner.run.at].id.clone()
        }
        _ => panic!("no script is running"),
    }
}

#[test]
fn a_script_follows_the_script_keys_and_its_hints_say_so() {
    let mut h = Harness::configured(
        "[keys.script]\nback = \"Ctrl-b\"\nleave = \"x\"\n[keys.list]\nnext = \"n\"\n",
    );
    h.press("n vries <enter> No<space>internet<space>at<space>the<space>office <enter>");
    h.press("r");
    let Some(Popup::Script(ScriptPopup::Pick(picker))) = &h.desk.app.popup else {
        panic!("r opens the scripts");
    };
    let at = picker
        .rows
        .iter()
        .position(|row| matches!(row, PickRow::Start(s) if s.id == "internet-down"))
        .expect("internet-down is offered");
    let screen = h.screen(120, 40);
    assert!(screen.contains("n/k choose"), "{screen}");
    for _ in 0..at {
        h.press("n");
    }
    h.press("<enter> 2");
    assert_eq!(step_id(&h), "modem-light");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Ctrl-b back") && screen.contains("x leave for later"),
        "the step's hint names the keys in use:\n{screen}"
    );
    h.press("<bs>");
    assert_eq!(step_id(&h), "modem-light", "Backspace no longer goes back");
    h.press("<c-b>");
    assert_ne!(step_id(&h), "modem-light", "Ctrl-b goes back a step");
    h.press("<esc>");
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Script(_))),
        "Esc no longer leaves"
    );
    h.press("x");
    assert!(h.desk.app.popup.is_none(), "x leaves the script for later");
}

#[test]
fn the_knowledge_base_follows_the_kb_article_and_text_keys() {
    let mut h = Harness::configured(
        "[keys.kb]\nnew-article = \"Ctrl-w\"\n[keys.article]\nclose = \"x\"\nsend = \"S\"\n\
         [keys.text]\ndown = \"n\"\n",
    );
    call_from_jan(&mut h);
    h.press("f");
    let screen = h.screen(160, 45);
    assert!(screen.contains("Ctrl-w new"), "{screen}");
    let effects = h.keys("<c-w>");
    assert!(
        matches!(effects.as_slice(), [TerminalEffect::EditArticle { .. }]),
        "Ctrl-w writes a new article: {effects:?}"
    );
    assert!(h.keys("<c-n>").is_empty(), "Ctrl-n no longer does");
    h.press("vpn <enter>");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("n/k scroll") && screen.contains("S sent to caller"),
        "the article's hint names the keys in use:\n{screen}"
    );
    let events = timeline_len(&h);
    h.press("s");
    assert_eq!(timeline_len(&h), events, "s no longer sends");
    h.press("S");
    assert_eq!(
        timeline_len(&h),
        events + 1,
        "S records the article as sent"
    );
    // At 80 by 24 the article is longer than its popup.
    h.screen(80, 24);
    h.press("n");
    let Some(Popup::Article(view)) = &h.desk.app.popup else {
        panic!("n closed the article");
    };
    assert_eq!(view.scroll.top(), 1, "n scrolls the article");
    h.press("q");
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Article(_))),
        "q no longer closes the article"
    );
    h.press("x");
    assert!(h.desk.app.popup.is_none(), "x closes the article");
}

#[test]
fn the_palette_is_a_search_and_follows_the_picker_keys() {
    let mut h = Harness::configured("[keys.picker]\nnext = \"Ctrl-n\"\nclose = \"Ctrl-g\"\n");
    h.press(": <c-n> <down>");
    let Some(Popup::Palette(palette)) = &h.desk.app.popup else {
        panic!(": opens the palette");
    };
    assert_eq!(
        palette.picker.selected, 1,
        "Ctrl-n moves down, ↓ no longer does"
    );
    assert_eq!(palette.query(), "", "Ctrl-n is not typed");
    h.press("<esc>");
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Palette(_))),
        "Esc no longer closes the palette"
    );
    h.press("<c-g>");
    assert!(h.desk.app.popup.is_none(), "Ctrl-g closes it");
}
