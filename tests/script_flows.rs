//! Troubleshooting scripts at the desk: picking, answering, leaving and resuming (also after
//! a restart), the events on the timeline, placeholders from the caller card, and endings.

mod support;

use std::path::Path;

use balie::app::Popup;
use balie::app::script::{PickRow, Runner, ScriptPopup};
use balie::config::Config;
use balie::desk::Desk;
use balie::domain::{Event, EventKind};
use balie::store::Store;
use serde_json::json;
use support::Harness;

/// The test settings, with the agent's own folder in a temporary directory.
fn config(knowledge: &Path) -> Config {
    Config {
        knowledge_folder: Some(knowledge.to_path_buf()),
        ..support::config()
    }
}

fn desk_on(db: &Path, knowledge: &Path, now: chrono::DateTime<chrono::Utc>) -> Harness {
    let store = Store::open(db, "anna").expect("store");
    Harness {
        desk: Desk::new(store, config(knowledge), now),
        now,
    }
}

fn with_jan(db: &Path) {
    let mut store = Store::open(db, "anna").expect("store");
    store
        .create_caller(
            &support::jan(),
            support::monday_morning() - chrono::Duration::days(30),
        )
        .expect("caller");
}

fn picker_titles(h: &Harness) -> Vec<String> {
    match &h.desk.app.popup {
        Some(Popup::Script(ScriptPopup::Pick(picker))) => picker
            .rows
            .iter()
            .map(|row| match row {
                PickRow::Resume(runner) => format!("resume {}", runner.script.id),
                PickRow::Start(script) => script.id.clone(),
            })
            .collect(),
        _ => panic!("the script picker is not open"),
    }
}

fn runner(h: &Harness) -> &Runner {
    match &h.desk.app.popup {
        Some(Popup::Script(ScriptPopup::Run(runner))) => runner,
        _ => panic!("no script is running"),
    }
}

fn step_id(h: &Harness) -> String {
    let runner = runner(h);
    runner.script.steps[runner.run.at].id.clone()
}

fn script_events(h: &Harness) -> Vec<Event> {
    let view = h.desk.app.views.ticket.as_ref().expect("an open ticket");
    view.timeline
        .iter()
        .filter(|e| e.kind.code().starts_with("script_"))
        .cloned()
        .collect()
}

#[test]
fn a_script_left_halfway_resumes_at_the_next_step_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("desk.db");
    let knowledge = dir.path().join("knowledge");
    with_jan(&db);
    let mut h = desk_on(&db, &knowledge, support::monday_morning());
    h.press("n vries <enter> Outlook<space>crashes <enter>");
    h.press("r");
    let titles = picker_titles(&h);
    assert_eq!(titles[..2], ["problem-analysis", "call-opening"]);
    h.press("<enter>");
    assert_eq!(step_id(&h), "symptom");
    h.press("Crashes<space>at<space>start <enter>");
    assert_eq!(step_id(&h), "since");
    h.press("since<space>Monday <enter>");
    assert_eq!(step_id(&h), "changed");
    h.press("<esc>");
    assert!(h.desk.app.popup.is_none());
    assert!(h.message().contains("r resumes"), "{}", h.message());
    let now = h.now;
    drop(h);

    let mut h = desk_on(&db, &knowledge, now + chrono::Duration::hours(2));
    h.press("<enter> r");
    assert_eq!(picker_titles(&h)[0], "resume problem-analysis");
    h.press("<enter>");
    assert_eq!(step_id(&h), "changed");
    let answers: Vec<&str> = runner(&h)
        .run
        .path
        .iter()
        .map(|t| t.answer.as_str())
        .collect();
    assert_eq!(answers, ["Crashes at start", "since Monday"]);

    let events = script_events(&h);
    let kinds: Vec<EventKind> = events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::ScriptStarted,
            EventKind::ScriptAnswer,
            EventKind::ScriptAnswer,
            EventKind::ScriptLeft
        ]
    );
    let title = "Structured problem analysis";
    assert_eq!(
        events[0].data,
        json!({"script": "problem-analysis", "title": title})
    );
    assert_eq!(events[1].data["step"], "symptom");
    assert_eq!(events[1].data["answer"], "Crashes at start");
    assert!(
        events[1].data["question"]
            .as_str()
            .is_some_and(|q| q.starts_with("Symptom: what exactly happens?"))
    );
    assert_eq!(
        events[3].data,
        json!({"script": "problem-analysis", "title": title, "step": "changed"})
    );
    // The timeline reads the answers in words.
    let screen = h.screen(160, 45);
    assert!(screen.contains("since Monday"), "{screen}");
}

/// Opens the picker on the active ticket and starts the script `id`.
fn start(h: &mut Harness, id: &str) {
    h.press("r");
    let at = picker_titles(h)
        .iter()
        .position(|t| t == id)
        .unwrap_or_else(|| panic!("{id} is offered"));
    for _ in 0..at {
        h.press("j");
    }
    h.press("<enter>");
    assert_eq!(runner(h).script.id, id);
}

#[test]
fn yes_and_no_walk_the_internet_script_to_its_endings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("desk.db");
    with_jan(&db);
    let mut h = desk_on(&db, dir.path(), support::monday_morning());
    h.press("n vries <enter> No<space>internet<space>at<space>the<space>office <enter>");
    start(&mut h, "internet-down");
    // Nobody online → modem light red → restart works: a resolution.
    h.press("2");
    assert_eq!(step_id(&h), "modem-light");
    h.press("1");
    assert_eq!(step_id(&h), "power-cycle");
    h.press("<bs>");
    assert_eq!(step_id(&h), "modem-light");
    h.press("1 <enter>");
    let ending = runner(&h).run.ended.clone().expect("ended");
    assert!(ending.resolution);
    assert!(ending.text.starts_with("Modem restarted"));
    let finished = script_events(&h).last().cloned().expect("events");
    assert_eq!(finished.kind, EventKind::ScriptFinished);
    assert_eq!(finished.data["outcome"], "resolution");
    assert_eq!(finished.text, ending.text);
    // The suggested resolution becomes the note, to be edited and saved.
    h.press("<enter>");
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => assert_eq!(form.text(0), ending.text),
        _ => panic!("the note form should open with the resolution"),
    }
    h.press("<enter>");
    let view = h.desk.app.views.ticket.as_ref().expect("ticket");
    let note = view.timeline.last().expect("note");
    assert_eq!(
        (note.kind, note.text.as_str()),
        (EventKind::Note, ending.text.as_str())
    );

    // Again: nobody online → light green → other locations too: an escalation.
    start(&mut h, "internet-down");
    h.press("2 <down> <enter> 1");
    let ending = runner(&h).run.ended.clone().expect("ended");
    assert!(!ending.resolution);
    // Shipped scripts name no group, so they fit any config's groups.
    assert_eq!(ending.group, None);
    let finished = script_events(&h).last().cloned().expect("events");
    assert_eq!(finished.data["outcome"], "escalation");
    assert!(finished.data["group"].is_null());
    h.press("<esc>");
    assert_eq!(h.message(), "Escalate when ready: e.");
    // A finished script is not offered for resuming.
    h.press("r");
    assert!(!picker_titles(&h)[0].starts_with("resume"));
}

#[test]
fn the_call_opening_check_greets_from_the_caller_card() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("desk.db");
    with_jan(&db);
    let mut h = desk_on(&db, dir.path(), support::monday_morning());
    h.press("n vries <enter> VPN<space>drops<space>every<space>hour <enter>");
    h.advance(chrono::Duration::days(1));
    h.press("n vries <enter> <enter> Printer<space>jams <enter>");
    start(&mut h, "call-opening");
    assert_eq!(
        runner(&h).question(),
        "Greet Jan de Vries by name. Confirm: calling from Gemeente Utrecht?"
    );
    h.press("1");
    assert!(
        runner(&h)
            .question()
            .contains("Still reachable on +31 6 1234 5678?")
    );
    h.press("1");
    let question = runner(&h).question();
    assert!(
        question.starts_with("Last contact ") && question.contains("T-1001 VPN drops every hour"),
        "{question}"
    );
    // The question is recorded as it was read out.
    let answered = script_events(&h)
        .into_iter()
        .find(|e| e.kind == EventKind::ScriptAnswer)
        .expect("an answer");
    assert_eq!(
        answered.data["question"],
        "Greet Jan de Vries by name. Confirm: calling from Gemeente Utrecht?"
    );
    let screen = h.screen(80, 24);
    assert!(screen.contains("T-1001 VPN drops every hour"), "{screen}");
}

#[test]
fn a_broken_own_script_is_named_and_the_others_still_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("desk.db");
    let scripts = dir.path().join("knowledge/scripts");
    std::fs::create_dir_all(&scripts).expect("folder");
    std::fs::write(
        scripts.join("printer.toml"),
        "title = \"Our printer\"\n[[step]]\nid = \"a\"\nquestion = \"Plugged in?\"\nanswer = [{ text = \"No\", next = \"b\" }]\n",
    )
    .expect("write");
    std::fs::write(
        scripts.join("badge.toml"),
        "title = \"Badge\"\nkeywords = [\"badge\"]\n[[step]]\nid = \"a\"\nquestion = \"Works?\"\nanswer = [{ text = \"No\", resolve = \"New badge\" }]\n",
    )
    .expect("write");
    with_jan(&db);
    let mut h = desk_on(
        &db,
        &dir.path().join("knowledge"),
        support::monday_morning(),
    );
    h.press("n vries <enter> Badge<space>broken <enter> r");
    let titles = picker_titles(&h);
    assert!(titles.contains(&"badge".to_string()), "{titles:?}");
    // The broken replacement is skipped; the shipped printer script stays.
    assert!(titles.contains(&"printer".to_string()), "{titles:?}");
    let screen = h.screen(80, 24);
    assert!(screen.contains("printer.toml:5:"), "{screen}");
}

#[test]
fn a_script_ending_in_escalation_offers_the_group_it_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("desk.db");
    let scripts = dir.path().join("scripts");
    std::fs::create_dir_all(&scripts).expect("folder");
    std::fs::write(
        scripts.join("offline.toml"),
        "title = \"Offline\"\nkeywords = [\"offline\"]\n[[step]]\nid = \"where\"\n\
         question = \"Other locations too?\"\nanswer = [\n\
         { text = \"Yes\", escalate = \"Several locations are offline\", group = \"Network\" },\n\
         { text = \"No\", escalate = \"One location\", group = \"Workplace\" },\n]\n",
    )
    .expect("write");
    // A group the config does not have is pointed at, and the script set aside.
    std::fs::write(
        scripts.join("jam.toml"),
        "title = \"Jam\"\n[[step]]\nid = \"a\"\nquestion = \"Torn paper?\"\nanswer = [\n\
         { text = \"Yes\", escalate = \"Needs a technician\", group = \"Facilities\" },\n]\n",
    )
    .expect("write");
    with_jan(&db);
    let store = Store::open(&db, "anna").expect("store");
    let groups = ["Level 2", "Network", "Workplace"].map(|name| balie::config::SupportGroup {
        name: name.into(),
        tier: 2,
    });
    let now = support::monday_morning();
    let mut h = Harness {
        desk: Desk::new(
            store,
            Config {
                groups: groups.to_vec(),
                ..config(dir.path())
            },
            now,
        ),
        now,
    };
    h.press("n vries <enter> Offline<space>at<space>the<space>office <enter>");
    h.press("r");
    let titles = picker_titles(&h);
    assert!(!titles.contains(&"jam".to_string()), "{titles:?}");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("jam.toml:6:58: group `Facilities` is not one of"),
        "{screen}"
    );
    assert!(
        screen.contains("the config's groups (Level 2, Network, Workplace)"),
        "{screen}"
    );
    h.press("<esc>");
    start(&mut h, "offline");
    h.press("1 <enter>");
    let Some(Popup::Form(form)) = &h.desk.app.popup else {
        panic!("the escalation form should open");
    };
    assert_eq!(form.text(0), "Network (line 2)");
    assert!(
        form.context
            .iter()
            .any(|line| line.contains("Several locations are offline"))
    );
}

/// The shipped scripts escalate to no group by name, so they fit the default groups and
/// any others; the escalation form then offers the next line's group.
#[test]
fn the_shipped_scripts_fit_any_groups() {
    use balie::domain::scripts::Library;
    let shipped = Library::shipped();
    assert!(shipped.errors.is_empty(), "{:?}", shipped.errors);
    for script in &shipped.scripts {
        assert_eq!(script.groups, [], "{} names a group", script.id);
    }
}
