//! Import and export through the real binary: the whole desk's byte-identical round trip,
//! callers and tickets as CSV and JSON, errors that name their line and change nothing,
//! dry runs, and callers erased with `balie forget` that stay erased.

mod support;

use std::path::Path;

use balie::domain::{AlertKind, Channel, NewCaller, NewPromise};
use balie::store::{NewTicket, Store};
use chrono::{Duration, Utc};
use support::cli::{balie, text, utf8};

/// Runs balie and insists that it succeeded; returns what it printed.
fn ok(home: &Path, args: &[&str]) -> String {
    let out = balie(home, args);
    assert!(
        out.status.success(),
        "balie {args:?} failed: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Runs balie and insists that it failed; returns its error.
fn refused(home: &Path, args: &[&str]) -> String {
    let out = balie(home, args);
    assert!(!out.status.success(), "balie {args:?} succeeded");
    text(&out.stderr)
}

fn count(db: &Path, table: &str) -> i64 {
    rusqlite::Connection::open(db)
        .and_then(|c| c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)))
        .expect("count rows")
}

#[cfg(unix)]
fn assert_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .expect("export")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{} is mode {mode:o}", path.display());
}

/// A demo desk with something in every table: an erased caller, a reminder, a draft.
fn demo_desk(db: &Path) -> String {
    let mut store = Store::open(db, "anna").expect("desk");
    let now = Utc::now();
    let priority = |impact: u8, urgency: u8| impact.min(urgency);
    balie::cli::demo::populate(
        &mut store,
        &balie::cli::demo::DemoOptions {
            agent: "anna",
            ticket_prefix: "T",
            callers: 40,
            tickets: 150,
            seed: 7,
            priority: &priority,
            groups: &balie::config::Config::default().groups,
        },
        now,
    )
    .expect("demo");
    let promise = store.open_promises(1).expect("promises").remove(0);
    store
        .record_alert(&promise.id, AlertKind::Warning, now)
        .expect("alert");
    store.save_draft("half a note", now).expect("draft");
    let victim = store.search_callers("a", 1).expect("search").remove(0);
    // A note that names them is left for a person to review after the erase.
    let ticket = store
        .open_ticket_with_call(
            &support::new_ticket(&victim.id, "Account locked"),
            &format!("{} called from home", victim.name),
            now,
        )
        .expect("ticket");
    store
        .add_note(
            &ticket.id,
            &format!("Asked {} to restart", victim.name),
            now,
        )
        .expect("note");
    store.forget_caller(&victim.id, now).expect("forget");
    victim.name
}

#[test]
fn a_whole_desk_exported_imported_and_exported_again_is_byte_identical() {
    let home = tempfile::tempdir().expect("home");
    let (a_db, b_db) = (home.path().join("a.db"), home.path().join("b.db"));
    let (a_json, b_json) = (home.path().join("a.json"), home.path().join("b.json"));
    let forgotten = demo_desk(&a_db);

    let wrote = ok(
        home.path(),
        &["--db", utf8(&a_db), "export", "json", utf8(&a_json)],
    );
    // 150 stories, the outages' 9 tickets (one a major incident) and the one above.
    assert!(wrote.contains("160 tickets"), "{wrote}");
    #[cfg(unix)]
    assert_private(&a_json);

    let read = ok(
        home.path(),
        &["--db", utf8(&b_db), "import", "json", utf8(&a_json)],
    );
    assert!(read.contains("imported the desk"), "{read}");
    ok(
        home.path(),
        &["--db", utf8(&b_db), "export", "json", utf8(&b_json)],
    );

    let (a, b) = (
        std::fs::read(&a_json).expect("a"),
        std::fs::read(&b_json).expect("b"),
    );
    assert!(a == b, "the second export differs from the first");
    let document: serde_json::Value = serde_json::from_slice(&a).expect("valid JSON");
    assert_eq!(document["format"], "balie-desk");
    assert_eq!(document["version"], 1);
    for table in ["alerts", "drafts", "erasures", "erasure_reviews", "events"] {
        assert!(count(&b_db, table) > 0, "{table} came through empty");
        assert_eq!(count(&a_db, table), count(&b_db, table), "{table}");
    }

    // What is derived was rebuilt: caller and ticket search work, the erased caller
    // cannot be found, and the new desk checks out.
    let store = Store::open(&b_db, "anna").expect("imported desk");
    let (id, name): (String, String) = rusqlite::Connection::open(&a_db)
        .and_then(|c| {
            c.query_row(
                "SELECT id, name FROM callers WHERE deleted_at IS NULL ORDER BY rowid DESC",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
        })
        .expect("a caller");
    let hits = store.search_callers(&name, 5).expect("search by name");
    assert!(hits.iter().any(|h| h.id == id), "{name} not found");
    assert!(store.find_ticket("T-1001").expect("find").is_some());
    // Each open promise names its ticket by the key it had on the first desk.
    let keys = |store: &Store| -> Vec<(String, String)> {
        let later = Utc::now() + Duration::days(3650);
        let open = store.overdue_promises(None, later).expect("overdue");
        open.into_iter().map(|p| (p.id, p.ticket_key)).collect()
    };
    let first = keys(&Store::open(&a_db, "anna").expect("first desk"));
    assert!(!first.is_empty() && first.iter().all(|(_, key)| key.starts_with("T-")));
    assert_eq!(keys(&store), first);
    assert!(
        !store
            .search_callers(&forgotten, 20)
            .expect("search")
            .iter()
            .any(|h| h.name == forgotten)
    );
    // Only the free text of events still names them (events are never rewritten; the
    // erase lists them for review): the caller records themselves hold nothing.
    let callers = document["tables"]["callers"].as_array().expect("callers");
    assert!(callers.iter().all(|c| c["name"] != forgotten.as_str()));
    assert!(callers.iter().any(|c| c["name"] == "forgotten caller"));
    ok(home.path(), &["--db", utf8(&b_db), "check"]);
}

#[test]
fn a_full_import_refuses_a_desk_that_holds_data_and_leaves_it_as_it_was() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let json = home.path().join("desk.json");
    demo_desk(&db);
    ok(
        home.path(),
        &["--db", utf8(&db), "export", "json", utf8(&json)],
    );
    let before = count(&db, "tickets");

    let error = refused(
        home.path(),
        &["--db", utf8(&db), "import", "json", utf8(&json)],
    );
    assert!(error.contains("already holds data"), "{error}");
    assert!(error.contains("nothing was imported"), "{error}");
    assert_eq!(count(&db, "tickets"), before);
}

#[test]
fn malformed_json_is_refused_by_line_and_column_and_creates_no_desk() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("new.db");
    let json = home.path().join("desk.json");
    std::fs::write(
        &json,
        "{\n  \"format\": \"balie-desk\",\n  \"version\": 1,\n  \"tables\": {\n    \"callers\": [}\n}\n",
    )
    .expect("write");
    let error = refused(
        home.path(),
        &["--db", utf8(&db), "import", "json", utf8(&json)],
    );
    assert!(error.contains("desk.json, line 5, column 17"), "{error}");
    assert!(!db.exists(), "a refused file must not leave a desk behind");

    // A well-formed file with one bad row names the line that row starts on.
    std::fs::write(
        &json,
        "{\n  \"format\": \"balie-desk\",\n  \"version\": 1,\n  \"tables\": {\n    \"drafts\": [\n      {\n        \"agent\": \"anna\",\n        \"saved_at\": \"yesterday\",\n        \"draft\": \"x\"\n      }\n    ]\n  }\n}\n",
    )
    .expect("write");
    let error = refused(
        home.path(),
        &["--db", utf8(&db), "import", "json", utf8(&json)],
    );
    assert!(error.contains("line 6: drafts: \"saved_at\""), "{error}");
    assert!(!db.exists());
}

/// A desk with two callers, Jan twice over by name only being the point of one test.
fn desk_with_callers(home: &Path, db: &Path) {
    let csv = home.join("callers.csv");
    std::fs::write(
        &csv,
        "name,organization,phone,email\n\
         Jan de Vries,Gemeente Utrecht,06 1234 5678,jan@utrecht.nl\n\
         Ödön Kovács,Magyar Posta,+36 30 123 4567,odon@posta.hu\n",
    )
    .expect("write");
    ok(home, &["--db", utf8(db), "import", "callers", utf8(&csv)]);
}

#[test]
fn a_tickets_csv_with_one_bad_row_names_its_line_and_changes_nothing() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    desk_with_callers(home.path(), &db);
    let csv = home.path().join("tickets.csv");
    // A subject is one line; a quoted line break in it is refused, and the rows after it
    // are still named by the lines they start on.
    std::fs::write(
        &csv,
        "caller,subject,status,impact\n\
         Jan de Vries,VPN drops,open,2\n\
         0612345678,\"Printer\non floor 2\",new,3\n\
         Jan de Vries,Mailbox full,open,9\n",
    )
    .expect("write");
    let error = refused(
        home.path(),
        &["--db", utf8(&db), "import", "tickets", utf8(&csv)],
    );
    assert!(
        error.contains("line 3: the subject has a line break; it must be one line"),
        "{error}"
    );
    assert!(
        error.contains("line 5: impact \"9\" is not 1 to 5"),
        "{error}"
    );
    assert_eq!(count(&db, "tickets"), 0);

    std::fs::write(
        &csv,
        "caller,subject,status,impact\n\
         Jan de Vries,VPN drops,open,2\n\
         0612345678,Printer on floor 2,new,3\n\
         Piet Onbekend,Mailbox full,open,3\n",
    )
    .expect("write");
    let error = refused(
        home.path(),
        &["--db", utf8(&db), "import", "tickets", utf8(&csv)],
    );
    assert!(
        error.contains("tickets.csv, line 4: no caller on the desk is \"Piet Onbekend\""),
        "{error}"
    );
    assert!(error.contains("nothing was imported"), "{error}");
    assert_eq!(count(&db, "tickets"), 0);
    assert_eq!(count(&db, "events"), 0);

    std::fs::write(
        &csv,
        "caller,subject,impact\nJan de Vries,VPN drops,9\nodon@posta.hu,,1\n",
    )
    .expect("write");
    let error = refused(
        home.path(),
        &["--db", utf8(&db), "import", "tickets", utf8(&csv)],
    );
    assert!(
        error.contains("line 2: impact \"9\" is not 1 to 5"),
        "{error}"
    );
    assert!(error.contains("line 3: the subject is empty"), "{error}");
}

/// Found by trying: a file with a bad status and a caller who is not on the desk named
/// the status only, and the caller came up on the second try.
#[test]
fn every_bad_row_is_named_at_once_callers_not_on_the_desk_too() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    desk_with_callers(home.path(), &db);
    let csv = home.path().join("tickets.csv");
    std::fs::write(
        &csv,
        "caller,subject,status
         Jan de Vries,VPN drops,open
         Piet Onbekend,Mailbox full,open
         Jan de Vries,Printer,bogus
         odon@posta.hu,Badge,new
         Klaas Niemand,Laptop,new
",
    )
    .expect("write");
    let error = refused(
        home.path(),
        &["--db", utf8(&db), "import", "tickets", utf8(&csv)],
    );
    let listed: Vec<&str> = error
        .lines()
        .filter_map(|l| l.trim().strip_prefix("line "))
        .collect();
    assert_eq!(listed.len(), 3, "{error}");
    assert!(listed[0].starts_with("3: no caller on the desk is \"Piet Onbekend\""));
    assert!(listed[1].starts_with("4: status \"bogus\""), "{error}");
    assert!(listed[2].starts_with("6: no caller on the desk is \"Klaas Niemand\""));
    assert!(
        error.contains("has 3 bad rows; nothing was imported"),
        "{error}"
    );
    assert_eq!(count(&db, "tickets"), 0);
    assert_eq!(count(&db, "events"), 0);
}

#[test]
fn a_dry_run_reports_what_would_change_and_changes_nothing() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let callers = home.path().join("callers.json");
    std::fs::write(
        &callers,
        r#"[{"name": "Jan de Vries", "phones": ["06 1234 5678"]}, {"name": "Anna Smit"}]"#,
    )
    .expect("write");
    let said = ok(
        home.path(),
        &[
            "--db",
            utf8(&db),
            "import",
            "callers",
            utf8(&callers),
            "--dry-run",
        ],
    );
    assert!(said.contains("would import 2 callers"), "{said}");
    assert!(said.contains("nothing was changed"), "{said}");
    assert!(!db.exists(), "a dry run creates no desk");

    ok(
        home.path(),
        &["--db", utf8(&db), "import", "callers", utf8(&callers)],
    );
    let tickets = home.path().join("tickets.json");
    std::fs::write(
        &tickets,
        r#"[{"caller": "Anna Smit", "subject": "Laptop will not boot", "status": "resolved"}]"#,
    )
    .expect("write");
    let said = ok(
        home.path(),
        &[
            "--db",
            utf8(&db),
            "import",
            "tickets",
            utf8(&tickets),
            "--dry-run",
        ],
    );
    assert!(said.contains("would import 1 tickets"), "{said}");
    assert_eq!(count(&db, "tickets"), 0);
    assert_eq!(count(&db, "callers"), 2);
}

#[test]
fn todays_tickets_export_to_a_csv_that_a_csv_parser_reads() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let now = Utc::now();
    let mut store = Store::open(&db, "anna").expect("desk");
    let caller = store
        .create_caller(
            &NewCaller {
                name: "Zoë \"Zo\" O'Brien, jr.".into(),
                ..NewCaller::default()
            },
            now - Duration::days(3),
        )
        .expect("caller");
    let ticket = |subject| NewTicket {
        prefix: "T",
        caller_id: &caller.id,
        subject,
        impact: 2,
        urgency: 3,
        priority: 2,
        category: Some("Network"),
    };
    store
        .open_ticket_with_call(&ticket("Old VPN trouble"), "", now - Duration::days(2))
        .expect("old ticket");
    let today = store
        .open_ticket_with_call(&ticket("Printer, \"floor 2\"\njams"), "", now)
        .expect("today's ticket");
    store
        .make_promise(
            &NewPromise {
                ticket_id: today.id.clone(),
                what: "call back".into(),
                to: String::new(),
                callback: false,
                channel: Channel::Phone,
                due_at: now + Duration::hours(2),
            },
            now,
        )
        .expect("promise");
    drop(store);

    let csv_path = home.path().join("today.csv");
    let said = ok(
        home.path(),
        &[
            "--db",
            utf8(&db),
            "export",
            "tickets",
            utf8(&csv_path),
            "--since",
            "today",
        ],
    );
    assert!(said.contains("wrote 1 ticket opened since today"), "{said}");
    #[cfg(unix)]
    assert_private(&csv_path);
    let mut reader = csv::Reader::from_path(&csv_path).expect("csv");
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, balie::cli::transfer::tickets::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 1);
    let field = |name: &str| {
        let i = header.iter().position(|h| h == name).expect("column");
        rows[0][i].to_string()
    };
    assert_eq!(field("key"), today.key);
    assert_eq!(field("subject"), "Printer, \"floor 2\"\njams");
    assert_eq!(field("caller"), "Zoë \"Zo\" O'Brien, jr.");
    assert_eq!(field("status"), "new");
    assert_eq!(field("priority"), "2");

    // An export never replaces a file.
    let error = refused(
        home.path(),
        &["--db", utf8(&db), "export", "tickets", utf8(&csv_path)],
    );
    assert!(error.contains("already exists"), "{error}");
    let error = refused(
        home.path(),
        &[
            "--db",
            utf8(&db),
            "export",
            "tickets",
            utf8(&home.path().join("t.txt")),
        ],
    );
    assert!(error.contains("--format csv or --format json"), "{error}");
}

#[test]
fn callers_and_tickets_move_to_another_desk_with_a_timeline_and_only_once() {
    let home = tempfile::tempdir().expect("home");
    let (a_db, b_db) = (home.path().join("a.db"), home.path().join("b.db"));
    demo_desk(&a_db);
    for (what, file) in [("callers", "callers.csv"), ("tickets", "tickets.json")] {
        let path = home.path().join(file);
        ok(
            home.path(),
            &["--db", utf8(&a_db), "export", what, utf8(&path)],
        );
        ok(
            home.path(),
            &["--db", utf8(&b_db), "import", what, utf8(&path)],
        );
    }
    // The erased caller's tickets have nobody to be hung on in the new desk.
    let erased: i64 = rusqlite::Connection::open(&a_db)
        .and_then(|c| {
            c.query_row(
                "SELECT count(*) FROM tickets WHERE caller_id IN (SELECT caller_id FROM erasures)",
                [],
                |r| r.get(0),
            )
        })
        .expect("count");
    assert!(erased > 0);
    // The major incident stays behind: it is the desk's record, not a caller's ticket.
    assert_eq!(count(&b_db, "tickets"), 160 - 1 - erased);
    let store = Store::open(&b_db, "anna").expect("desk");
    let source = Store::open(&a_db, "anna").expect("desk");
    let resolved: String = rusqlite::Connection::open(&a_db)
        .and_then(|c| {
            c.query_row(
                "SELECT key FROM tickets WHERE status = 'resolved' ORDER BY number LIMIT 1",
                [],
                |r| r.get(0),
            )
        })
        .expect("a resolved ticket");
    let (before, after) = (
        source.find_ticket(&resolved).expect("find").expect("there"),
        store
            .find_ticket(&resolved)
            .expect("find")
            .expect("imported"),
    );
    assert_eq!(
        after.caller_id, before.caller_id,
        "linked by the caller's id"
    );
    assert_eq!(after.created_at, before.created_at);
    assert_eq!(after.status, before.status);
    let kinds: Vec<&str> = store
        .timeline(&after.id, 10)
        .expect("timeline")
        .iter()
        .map(|e| e.kind.code())
        .collect();
    assert_eq!(kinds, ["created", "status"]);

    let again = ok(
        home.path(),
        &[
            "--db",
            utf8(&b_db),
            "import",
            "tickets",
            utf8(&home.path().join("tickets.json")),
        ],
    );
    assert!(again.contains("imported 0 tickets"), "{again}");
    assert!(
        again.contains(&format!("{} already on the desk", 160 - 1 - erased)),
        "{again}"
    );
    assert!(
        again.contains(&format!(
            "{erased} of callers erased with balie forget, left out"
        )),
        "{again}"
    );
}

#[test]
fn a_caller_erased_after_an_export_does_not_come_back_from_it() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    desk_with_callers(home.path(), &db);
    let old = home.path().join("old.json");
    ok(
        home.path(),
        &["--db", utf8(&db), "export", "callers", utf8(&old)],
    );
    ok(
        home.path(),
        &["--db", utf8(&db), "forget", "jan@utrecht.nl", "--yes"],
    );

    let said = ok(
        home.path(),
        &["--db", utf8(&db), "import", "callers", utf8(&old)],
    );
    assert!(said.contains("imported 0 callers"), "{said}");
    assert!(
        said.contains("1 erased with balie forget, left out"),
        "{said}"
    );
    let store = Store::open(&db, "anna").expect("desk");
    assert!(
        store
            .search_callers("jan de vries", 5)
            .expect("search")
            .is_empty()
    );
    assert_eq!(store.caller_count().expect("count"), 1);

    let now = home.path().join("now.csv");
    ok(
        home.path(),
        &["--db", utf8(&db), "export", "callers", utf8(&now)],
    );
    let written = std::fs::read_to_string(&now).expect("export");
    assert!(!written.contains("Vries"), "{written}");
    assert!(written.starts_with("id,name,organization,phone,email,identifiers\n"));
}
