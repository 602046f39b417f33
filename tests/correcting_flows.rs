//! Correcting the record at the desk, driven by key strings: a ticket's subject, a caller's
//! details, two callers merged into one, and assigning from the roster.

mod support;

use balie::app::Popup;
use balie::app::form::FormKind;
use balie::config::Config;
use balie::desk::Desk;
use balie::domain::caller_change::CallerEventKind;
use balie::domain::{EventKind, NewCaller};
use balie::store::Store;
use support::{Harness, config, monday_morning};

fn desk_with(callers: &[(&str, &str, &str)], config: Config) -> Harness {
    let mut store = Store::open_in_memory("anna").expect("store");
    for (name, phone, email) in callers {
        let new = NewCaller {
            name: (*name).into(),
            organization: "Gemeente Utrecht".into(),
            phones: vec![(*phone).into()],
            emails: vec![(*email).into()],
            identifiers: Vec::new(),
        };
        store.create_caller(&new, monday_morning()).expect("caller");
    }
    let now = monday_morning();
    Harness {
        desk: Desk::new(store, config, now),
        now,
    }
}

fn jan_twice() -> Harness {
    desk_with(
        &[
            ("Jan de Vries", "+31 6 1234 5678", "jan.devries@utrecht.nl"),
            ("J. de Vries", "06 1234 5678", "jdv@home.nl"),
            ("Ödön Kovács", "+36 30 123 4567", "kovacs.odon@posta.hu"),
        ],
        config(),
    )
}

fn erase(count: usize) -> String {
    "<bs> ".repeat(count)
}

fn timeline_kinds(h: &Harness) -> Vec<EventKind> {
    let view = h.desk.app.views.ticket.as_ref().expect("an open ticket");
    view.timeline.iter().map(|e| e.kind).collect()
}

#[test]
fn the_subject_is_edited_in_place_and_the_change_is_on_the_timeline() {
    let mut h = jan_twice();
    h.press("n kovacs <enter> VPN<space>drops <enter>");
    h.press("S");
    assert!(matches!(&h.desk.app.popup, Some(Popup::Form(f)) if f.text(0) == "VPN drops"));
    h.press(&erase(9));
    h.press("<enter>");
    assert!(
        matches!(&h.desk.app.popup, Some(Popup::Form(f)) if f.error.as_deref() == Some("a subject is required"))
    );
    h.press("Printer<space>on<space>floor<space>2<space>jams <enter>");
    assert!(h.desk.app.popup.is_none());
    let ticket = h.desk.app.current_ticket().expect("ticket");
    assert_eq!(ticket.subject, "Printer on floor 2 jams");
    assert_eq!(timeline_kinds(&h).last(), Some(&EventKind::SubjectChanged));
    let screen = h.screen(160, 45);
    assert!(screen.contains("anna subject “VPN drops” →"), "{screen}");
}

#[test]
fn a_caller_is_edited_from_the_caller_pane_and_each_change_is_kept_with_its_old_value() {
    let mut h = jan_twice();
    h.press("n kovacs <enter> VPN<space>drops <enter>");
    h.press("E");
    let Some(Popup::Form(form)) = &h.desk.app.popup else {
        panic!("the caller form is open");
    };
    assert!(matches!(form.kind, FormKind::EditCaller { .. }));
    assert_eq!(form.text(2), "+36 30 123 4567");
    // The name gains a second family name; the phone is replaced.
    h.press("-Tóth <tab> <tab>");
    h.press(&erase("+36 30 123 4567".len()));
    h.press("+36<space>1<space>555<space>1234 <tab> <tab> <enter>");
    assert!(h.desk.app.popup.is_none(), "{}", h.message());
    assert!(
        h.message().contains("Ödön Kovács-Tóth changed"),
        "{}",
        h.message()
    );
    let caller = h
        .desk
        .app
        .views
        .caller
        .as_ref()
        .expect("caller pane")
        .caller
        .clone();
    assert_eq!(caller.name, "Ödön Kovács-Tóth");
    assert_eq!(caller.phones, ["+36 1 555 1234"]);
    let history = h
        .desk
        .store
        .caller_history(&caller.id, 10)
        .expect("history");
    let kinds: Vec<CallerEventKind> = history.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&CallerEventKind::NameChanged), "{kinds:?}");
    assert!(kinds.contains(&CallerEventKind::HandleRemoved), "{kinds:?}");
    let removed = history
        .iter()
        .find(|e| e.kind == CallerEventKind::HandleRemoved)
        .expect("removed");
    assert_eq!(removed.data["value"], "+36 30 123 4567");
    assert_eq!(
        h.desk.app.current_ticket().map(|t| t.caller_name.as_str()),
        Some("Ödön Kovács-Tóth")
    );

    // Submitting the form unchanged writes nothing.
    h.press("E <tab> <tab> <tab> <tab> <enter>");
    assert_eq!(h.message(), "nothing changed");
    assert_eq!(
        h.desk
            .store
            .caller_history(&caller.id, 10)
            .expect("history")
            .len(),
        history.len()
    );
}

#[test]
fn a_likely_duplicate_is_shown_and_merged_from_the_caller_pane() {
    let mut h = jan_twice();
    h.press("n jdv@home <enter> Printer<space>jams <enter>");
    h.press("n jan.devries <enter> VPN<space>drops <enter>");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("also on the desk as J. de Vries"),
        "{screen}"
    );

    h.press("U");
    let Some(Popup::MergeCaller(search)) = &h.desk.app.popup else {
        panic!("the merge search is open");
    };
    assert_eq!(search.picker.hits.len(), 1, "it opens on the duplicate");
    assert_eq!(search.picker.hits[0].name, "J. de Vries");
    let screen = h.screen(160, 45);
    assert!(screen.contains("Merge with Jan de Vries"), "{screen}");
    h.press("<enter>");
    assert!(
        matches!(&h.desk.app.popup, Some(Popup::Form(f)) if matches!(f.kind, FormKind::MergeCallers { .. }))
    );
    h.press("<enter>");
    assert!(h.desk.app.popup.is_none(), "{}", h.message());
    assert!(
        h.message().contains("J. de Vries merged into Jan de Vries"),
        "{}",
        h.message()
    );
    let view = h.desk.app.views.caller.as_ref().expect("caller pane");
    assert_eq!(view.caller.name, "Jan de Vries");
    assert_eq!(view.open_tickets.len(), 2, "both tickets are Jan's now");
    assert!(view.duplicates.is_empty());
    assert_eq!(
        view.caller.emails,
        ["jan.devries@utrecht.nl", "jdv@home.nl"]
    );
    let printer = view
        .open_tickets
        .iter()
        .find(|t| t.subject == "Printer jams")
        .expect("the printer ticket")
        .id
        .clone();
    let timeline = h.desk.store.timeline(&printer, 10).expect("timeline");
    assert!(timeline.iter().any(|e| e.kind == EventKind::CallerMerged));
}

#[test]
fn the_merge_search_finds_the_other_entry_by_typing_and_either_may_be_kept() {
    let mut h = jan_twice();
    h.press("n kovacs <enter> VPN<space>drops <enter>");
    h.press("U jdv@home");
    let Some(Popup::MergeCaller(search)) = &h.desk.app.popup else {
        panic!("the merge search is open");
    };
    assert_eq!(
        search.picker.hits.first().map(|c| c.name.as_str()),
        Some("J. de Vries")
    );
    // Keep the other entry: the choice's next option.
    h.press("<enter> <down> <enter>");
    let view = h.desk.app.views.caller.as_ref().expect("caller pane");
    assert_eq!(view.caller.name, "J. de Vries");
    assert!(
        view.caller
            .emails
            .contains(&"kovacs.odon@posta.hu".to_string())
    );
    assert_eq!(
        h.desk.app.current_ticket().map(|t| t.caller_name.as_str()),
        Some("J. de Vries")
    );
}

#[test]
fn assigning_takes_agents_from_the_roster_with_completion() {
    let config = Config {
        agents: vec!["Bence Szabó".into(), "Anouk Jansen".into()],
        ..config()
    };
    let mut h = desk_with(
        &[("Ödön Kovács", "+36 30 123 4567", "kovacs.odon@posta.hu")],
        config,
    );
    h.press("n kovacs <enter> VPN<space>drops <enter>");
    h.press("g ben");
    let screen = h.screen(160, 45);
    assert!(screen.contains("agents: Bence Szabó"), "{screen}");
    h.press("<tab>");
    assert!(matches!(&h.desk.app.popup, Some(Popup::Form(f)) if f.text(0) == "Bence Szabó"));
    h.press("<enter>");
    assert_eq!(
        h.desk
            .app
            .current_ticket()
            .and_then(|t| t.assignee.clone())
            .as_deref(),
        Some("Bence Szabó")
    );

    // A stranger is refused, and nothing is written.
    let before = timeline_kinds(&h).len();
    h.press("g nobody <enter>");
    assert!(
        matches!(&h.desk.app.popup, Some(Popup::Form(f)) if f.error.as_deref().is_some_and(|e| e.contains("there is no agent nobody")))
    );
    assert_eq!(timeline_kinds(&h).len(), before);
    h.press("<esc> g an <enter>");
    assert!(
        matches!(&h.desk.app.popup, Some(Popup::Form(f)) if f.error.as_deref().is_some_and(|e| e.contains("which agent?")))
    );
    // Added on purpose.
    h.press("<esc> g +Piet<space>Bakker <enter>");
    assert_eq!(
        h.desk
            .app
            .current_ticket()
            .and_then(|t| t.assignee.clone())
            .as_deref(),
        Some("Piet Bakker")
    );
    // An empty name is the agent at the desk, as before.
    h.press("g <enter>");
    assert_eq!(
        h.desk
            .app
            .current_ticket()
            .and_then(|t| t.assignee.clone())
            .as_deref(),
        Some("anna")
    );
}

#[test]
fn the_duplicate_hint_and_the_merge_search_fit_a_small_screen_in_every_language() {
    use balie::i18n::Language;
    for (language, hint, key, title) in [
        (
            Language::English,
            "also on the desk as",
            "U merges",
            "Merge with Jan de Vries",
        ),
        (
            Language::Dutch,
            "ook bekend als",
            "U voegt",
            "Samenvoegen met Jan de Vries",
        ),
        (
            Language::Hungarian,
            "más néven is szerepel",
            "? U",
            "Összevonás ezzel: Jan de Vries",
        ),
    ] {
        let mut h = jan_twice();
        h.desk.app.texts = balie::i18n::Texts::new(language);
        h.press("n jan.devries <enter> VPN<space>drops <enter>");
        let screen = h.screen(80, 24);
        // Near the top of the card, so that a short pane shows it too, key included.
        assert!(screen.contains(hint), "{screen}");
        assert!(screen.contains(key), "{screen}");
        h.press("U");
        let screen = h.screen(80, 24);
        assert!(screen.contains(title), "{screen}");
        assert!(screen.contains("J. de Vries"), "{screen}");
    }
}
