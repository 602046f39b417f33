//! The command line as a shell user meets it: import, help, version, and file errors.

mod support;

use support::cli::{balie, text};

#[test]
fn import_adds_callers_once_and_names_bad_lines() {
    let home = tempfile::tempdir().expect("home");
    let csv = home.path().join("callers.csv");
    std::fs::write(
        &csv,
        "name,organization,phone,email,identifiers\n\
         Ödön Kovács,Magyar Posta Zrt.,+36 30 123 4567,kovacs.odon@posta.hu,NB-20431;LIC-7F3K\n\
         \"de Vries, Jan\",Gemeente Utrecht,06 1234 5678,jan@utrecht.nl,\n",
    )
    .expect("write csv");
    // Global options go before or after the subcommand; the default database lives in
    // the data folder under the test's own HOME.
    let first = balie(
        home.path(),
        &["import", "callers", csv.to_str().expect("utf-8")],
    );
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("imported 2 callers"),
        "{}",
        text(&first.stdout)
    );
    assert!(home.path().join("data/balie/balie.db").exists());

    let again = balie(
        home.path(),
        &["import", "callers", csv.to_str().expect("utf-8")],
    );
    assert!(
        text(&again.stdout).contains("imported 0 callers"),
        "{}",
        text(&again.stdout)
    );
    assert!(text(&again.stdout).contains("2 already known"));

    let bad = home.path().join("bad.csv");
    std::fs::write(&bad, "name,phone\nPiet,0612345678\n,0698765432\n").expect("write csv");
    let db = home.path().join("other.db");
    let db = db.to_str().expect("utf-8");
    let failed = balie(
        home.path(),
        &[
            "--db",
            db,
            "import",
            "callers",
            bad.to_str().expect("utf-8"),
        ],
    );
    assert!(!failed.status.success());
    let stderr = text(&failed.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    let count: i64 = rusqlite::Connection::open(db)
        .and_then(|c| c.query_row("SELECT count(*) FROM callers", [], |r| r.get(0)))
        .expect("count");
    assert_eq!(count, 0, "nothing is half-imported");
}

#[test]
fn unknown_columns_are_named() {
    let home = tempfile::tempdir().expect("home");
    let csv = home.path().join("callers.csv");
    std::fs::write(&csv, "name,telefoon,notes\nPiet,0612345678,x\n").expect("write csv");
    let out = balie(
        home.path(),
        &["import", "callers", csv.to_str().expect("utf-8")],
    );
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("\"telefoon\"") && stderr.contains("\"notes\""),
        "{stderr}"
    );
}

#[test]
fn help_and_version_come_from_clap() {
    let home = tempfile::tempdir().expect("home");
    let help = balie(home.path(), &["--help"]);
    assert!(help.status.success());
    for word in [
        "demo",
        "import",
        "--db",
        "--config",
        "BALIE_DB",
        "BALIE_CONFIG",
    ] {
        assert!(
            text(&help.stdout).contains(word),
            "{word} missing from --help"
        );
    }
    let version = balie(home.path(), &["--version"]);
    assert_eq!(
        text(&version.stdout).trim(),
        format!("balie {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_foreign_database_is_refused_and_left_alone() {
    let home = tempfile::tempdir().expect("home");
    let path = home.path().join("recipes.db");
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute_batch("CREATE TABLE recipes (name TEXT);"))
        .expect("foreign db");
    let before = std::fs::read(&path).expect("read");
    let csv = home.path().join("c.csv");
    std::fs::write(&csv, "name\nPiet\n").expect("write csv");
    let out = balie(
        home.path(),
        &[
            "import",
            "callers",
            csv.to_str().expect("utf-8"),
            "--db",
            path.to_str().expect("utf-8"),
        ],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("not a balie database"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn the_demo_refuses_to_fill_an_existing_desk() {
    let home = tempfile::tempdir().expect("home");
    let csv = home.path().join("c.csv");
    std::fs::write(&csv, "name\nPiet\n").expect("write csv");
    let db = home.path().join("desk.db");
    let db = db.to_str().expect("utf-8");
    assert!(
        balie(
            home.path(),
            &[
                "--db",
                db,
                "import",
                "callers",
                csv.to_str().expect("utf-8")
            ]
        )
        .status
        .success()
    );
    let out = balie(home.path(), &["demo", "--db", db]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("already holds a desk"),
        "{}",
        text(&out.stderr)
    );
}

/// Run from a script (no terminal), the demo fills the file it is given, says what it
/// made and how to open it, and succeeds; without a file it says what it needs.
#[test]
fn the_demo_without_a_terminal_fills_the_named_file_and_says_so() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("demo.db");
    let db = db.to_str().expect("utf-8");
    let out = balie(home.path(), &["demo", "--db", db, "--seed", "7"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.starts_with(&format!("filled a demo desk in {db}: 300 callers, ")),
        "{said}"
    );
    assert!(
        said.trim_end()
            .ends_with(&format!("open it with balie --db {db}")),
        "{said}"
    );
    let overdue = balie(home.path(), &["--db", db, "overdue", "--format", "json"]);
    assert!(overdue.status.success(), "{}", text(&overdue.stderr));

    let out = balie(home.path(), &["demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        "balie: the demo desk needs a terminal to show it in; name a file with --db to fill one to open later"
    );
}

#[test]
fn reports_run_against_an_existing_desk_only() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("missing.db");
    let out = balie(
        home.path(),
        &["overdue", "--db", db.to_str().expect("utf-8")],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no desk at"),
        "{}",
        text(&out.stderr)
    );
    assert!(!db.exists(), "a report never creates an empty desk");
}

#[test]
fn overdue_report_and_calendar_export_from_the_command_line() {
    let home = tempfile::tempdir().expect("home");
    let csv = home.path().join("c.csv");
    std::fs::write(&csv, "name\nPiet\n").expect("write csv");
    let db = home.path().join("desk.db");
    let db = db.to_str().expect("utf-8");
    assert!(
        balie(
            home.path(),
            &[
                "--db",
                db,
                "import",
                "callers",
                csv.to_str().expect("utf-8")
            ]
        )
        .status
        .success()
    );
    let overdue = balie(home.path(), &["--db", db, "overdue", "--format", "json"]);
    assert!(overdue.status.success(), "{}", text(&overdue.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&overdue.stdout).expect("json");
    assert!(rows.is_empty());
    let table = balie(home.path(), &["--db", db, "overdue"]);
    assert_eq!(text(&table.stdout).trim(), "no overdue promises");
    let report = balie(
        home.path(),
        &["--db", db, "report", "--since", "30d", "--format", "csv"],
    );
    assert!(report.status.success(), "{}", text(&report.stderr));
    let bad = balie(home.path(), &["--db", db, "report", "--since", "yesterday"]);
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("--since"),
        "{}",
        text(&bad.stderr)
    );
    let ics = home.path().join("promises.ics");
    let export = balie(
        home.path(),
        &["--db", db, "export-ics", ics.to_str().expect("utf-8")],
    );
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert!(text(&export.stdout).contains("wrote 0 open promises"));
    let calendar = std::fs::read_to_string(&ics).expect("ics written");
    assert!(calendar.starts_with("BEGIN:VCALENDAR"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&ics).expect("ics").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "exports hold callers' names");
    }
    // A second export to the same name is refused, as every export is, and the file stays.
    let again = balie(
        home.path(),
        &["--db", db, "export-ics", ics.to_str().expect("utf-8")],
    );
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        text(&again.stderr).trim(),
        format!(
            "balie: {} already exists; an export never overwrites a file, so name a new one",
            ics.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&ics).expect("ics kept"), calendar);
}

#[test]
fn the_benchmark_prints_every_budget_as_json_rows() {
    let home = tempfile::tempdir().expect("home");
    let run = balie(
        home.path(),
        &[
            "bench",
            "--callers",
            "300",
            "--tickets",
            "600",
            "--promises",
            "600",
            "--samples",
            "10",
            "--json",
        ],
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&run.stdout).expect("JSON rows");
    let row = |part: &str| {
        rows.iter()
            .find(|r| r["name"].as_str().is_some_and(|n| n.contains(part)))
            .unwrap_or_else(|| panic!("a row for {part} in {rows:?}"))
    };
    for part in ["balie overdue, every agent", "balie report --since 30d"] {
        assert_eq!(row(part)["budget_ms"], 50.0, "{part}");
        assert!(row(part)["p99_ms"].as_f64().is_some_and(|ms| ms > 0.0));
        assert!(row(part)["met"].is_boolean());
    }
    assert_eq!(row("caller search, per keystroke")["budget_p50_ms"], 8.0);
    assert_eq!(row("peak RSS")["budget_mb"], 64.0);
    // Measured against a second process that really holds the lock (the bench refuses to
    // print a figure if the desk never found the database held).
    assert_eq!(
        row("while another process holds the write lock")["budget_ms"],
        16.0
    );
    // The benchmark desk is temporary and never the user's.
    assert!(!home.path().join("data").exists());
}

#[test]
fn a_promise_is_made_from_the_command_line_and_bad_input_writes_nothing() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let db_arg = db.to_str().expect("utf-8");
    let made = balie(
        home.path(),
        &[
            "bench",
            "--generate-into",
            db_arg,
            "--callers",
            "20",
            "--tickets",
            "30",
            "--promises",
            "10",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let open_promises = || {
        let store = balie::store::Store::open(&db, "anna").expect("store");
        store.open_promises(1000).expect("promises")
    };
    let before = open_promises().len();

    let promise = balie(
        home.path(),
        &[
            "--db", db_arg, "promise", "t-1001", "--due", "+2h", "call", "back", "when", "the",
            "part", "is", "in",
        ],
    );
    assert!(promise.status.success(), "{}", text(&promise.stderr));
    let id = text(&promise.stdout).trim().to_string();
    let made = open_promises()
        .into_iter()
        .find(|p| p.id == id)
        .expect("the printed id is the new promise");
    assert_eq!(made.ticket_key, "T-1001");
    assert_eq!(made.what, "call back when the part is in");
    assert_eq!(made.to, made.caller_name, "to the ticket's caller");
    let hours = (made.due_at - chrono::Utc::now()).num_minutes();
    assert!(
        (100..=120).contains(&hours),
        "due in two hours, not {hours} min"
    );

    for (args, complaint) in [
        (
            vec!["promise", "T-999999", "--due", "+2h", "x"],
            "no ticket T-999999",
        ),
        (
            vec!["promise", "T-1001", "--due", "someday", "x"],
            "--due someday",
        ),
        (
            vec!["promise", "T-1001", "--due", "+2h", "--channel", "fax", "x"],
            "phone, email, visit",
        ),
    ] {
        let mut all = vec!["--db", db_arg];
        all.extend(args);
        let refused = balie(home.path(), &all);
        assert!(!refused.status.success());
        assert!(
            text(&refused.stderr).contains(complaint),
            "{}",
            text(&refused.stderr)
        );
    }
    assert_eq!(
        open_promises().len(),
        before + 1,
        "refused promises are not written"
    );
}

/// A desk with more tickets than a pipe holds when listed: the reader going away must be
/// felt by balie while it still writes.
fn desk_with_many_tickets(db: &std::path::Path) {
    use balie::store::Store;
    let mut store = Store::open(db, "anna").expect("desk");
    let now = chrono::Utc::now();
    store
        .in_one_transaction(|store| {
            let caller = store.create_caller(&support::jan(), now)?;
            for n in 0..1500 {
                store.open_ticket_with_call(
                    &support::new_ticket(
                        &caller.id,
                        &format!("Printer {n} jams on the second floor again"),
                    ),
                    "",
                    now,
                )?;
            }
            Ok(())
        })
        .expect("tickets");
}

/// `balie ticket list --format json | head -1`: table and CSV stopped quietly, JSON and CSV
/// sometimes said "Broken pipe (os error 32)" and exited 1.
#[test]
fn a_reader_that_stops_early_ends_the_output_quietly_in_every_format() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    desk_with_many_tickets(&db);
    let db = db.to_str().expect("utf-8");
    for format in ["json", "csv", "table", "ids"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_balie"))
            .args(["--db", db, "ticket", "list", "--limit", "1500"])
            .args(["--format", format])
            .env_clear()
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run balie");
        let stdout = child.stdout.take().expect("stdout");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("first line");
        assert!(!first.is_empty(), "{format}: some output came");
        // The reader has gone: the rest of the output has nowhere to go.
        let out = child.wait_with_output().expect("wait");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), "", "{format}: nothing said");
    }
}

#[test]
fn a_config_file_that_is_not_utf8_is_named_by_line_and_column() {
    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config.toml");
    std::fs::write(&config, b"agent = \"anna\"\n# caf\xe9 au lait\n").expect("config");
    let out = balie(
        home.path(),
        &["--config", config.to_str().expect("utf-8"), "overdue"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "balie: {}:2:6: byte 0xe9 is not UTF-8; save the file as UTF-8\n",
            config.display()
        )
    );
}
