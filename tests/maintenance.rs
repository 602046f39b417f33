//! Backup, check and forget, run as the real binary against files that other desks (this
//! test's own store connections) are using at the same time.

mod support;

use support::cli::{balie, text, utf8};

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use balie::domain::scripts::{Record, Recording};
use balie::domain::{Channel, NewCaller, NewPromise};
use balie::store::Store;
use chrono::{Duration, Utc};
use rusqlite::Connection;

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn a_backup_taken_while_another_desk_writes_is_consistent_and_complete() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let copy = home.path().join("copy.db");
    let committed = Arc::new(AtomicI64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, committed, stop) = (db.clone(), committed.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&db, "bence").expect("writer store");
            let caller = store
                .create_caller(&support::jan(), Utc::now())
                .expect("caller");
            while !stop.load(Ordering::SeqCst) {
                // A ticket and its two events land in one transaction: a copy that has
                // the ticket without both events would be torn.
                store
                    .open_ticket_with_call(
                        &support::new_ticket(&caller.id, "VPN drops"),
                        "",
                        Utc::now(),
                    )
                    .expect("ticket");
                committed.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    while committed.load(Ordering::SeqCst) < 30 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let before = committed.load(Ordering::SeqCst);
    let out = balie(home.path(), &["--db", utf8(&db), "backup", utf8(&copy)]);
    let after = committed.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.join().expect("writer thread");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("wrote {}", copy.display())) && stdout.contains(" bytes"),
        "{stdout}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).expect("copy").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "a backup holds callers' personal data");
    }

    let checked = balie(home.path(), &["--db", utf8(&copy), "check"]);
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    assert!(text(&checked.stdout).contains("all well"));

    let conn = Connection::open(&copy).expect("open copy");
    let tickets = count(&conn, "SELECT count(*) FROM tickets");
    assert!(
        (before..=after).contains(&tickets),
        "{tickets} tickets, expected between {before} and {after}"
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM tickets t
             WHERE (SELECT count(*) FROM events e WHERE e.ticket_id = t.id) <> 2"
        ),
        0,
        "every ticket comes with both of its events"
    );
    assert_eq!(
        count(&conn, "SELECT max(number) - min(number) + 1 FROM tickets"),
        tickets,
        "no committed ticket before the snapshot is missing"
    );

    let before_again = std::fs::read(&copy).expect("copy");
    let again = balie(home.path(), &["--db", utf8(&db), "backup", utf8(&copy)]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read(&copy).expect("copy"), before_again);
}

#[test]
fn check_reads_a_live_desk_without_changing_the_file() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    support::small_desk(&db, 40);
    // A desk is running and has committed a caller that is still only in its log.
    let mut running = Store::open(&db, "anna").expect("running desk");
    running
        .create_caller(
            &NewCaller {
                name: "Piet".into(),
                ..Default::default()
            },
            Utc::now(),
        )
        .expect("caller");
    let before = std::fs::read(&db).expect("db");
    let out = balie(home.path(), &["--db", utf8(&db), "check"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    for line in [
        "application id: balie",
        "holds 41 callers, 40 tickets, 0 promises, 80 events",
        "integrity: ok",
        "foreign keys: ok",
        "all well",
    ] {
        assert!(stdout.contains(line), "{line} missing from:\n{stdout}");
    }
    // The desk was made by this build, so it has every migration this build knows.
    let schema = stdout
        .lines()
        .find_map(|l| l.strip_prefix("schema: "))
        .expect("a schema line");
    let (found, known) = schema
        .trim_end_matches(')')
        .split_once(" (this balie knows ")
        .expect("found and known versions");
    assert_eq!(found, known, "{schema}");
    assert_eq!(
        std::fs::read(&db).expect("db"),
        before,
        "check wrote the file"
    );
    drop(running);
}

#[test]
fn check_lists_damage_and_exits_non_zero() {
    let home = tempfile::tempdir().expect("home");

    let orphans = home.path().join("orphans.db");
    support::small_desk(&orphans, 40);
    Connection::open(&orphans)
        .and_then(|c| {
            c.execute_batch(
                "PRAGMA foreign_keys = OFF;
                 INSERT INTO tickets (id, number, key, caller_id, subject, status, impact,
                   urgency, priority, last_activity_at, created_at, updated_at, updated_by)
                 VALUES ('t', 9999, 'T-9999', 'nobody', 's', 'new', 3, 3, 3, 'x', 'x', 'x', 'x');",
            )
        })
        .expect("orphan ticket");
    let out = balie(home.path(), &["--db", utf8(&orphans), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("foreign key: tickets row"),
        "{}",
        text(&out.stdout)
    );
    // Written by hand, the orphan has no creating event either.
    assert!(
        text(&out.stdout).contains("T-9999 has no creating event"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("2 problems found"),
        "{}",
        text(&out.stderr)
    );

    let damaged = home.path().join("damaged.db");
    support::small_desk(&damaged, 40);
    let (page_size, root): (i64, i64) = Connection::open(&damaged)
        .and_then(|c| {
            Ok((
                c.query_row("PRAGMA page_size", [], |r| r.get(0))?,
                c.query_row(
                    "SELECT rootpage FROM sqlite_schema WHERE name = 'events_ticket_at'",
                    [],
                    |r| r.get(0),
                )?,
            ))
        })
        .expect("layout");
    let mut bytes = std::fs::read(&damaged).expect("db");
    let start = usize::try_from((root - 1) * page_size).expect("offset");
    let page = usize::try_from(page_size).expect("page size");
    bytes[start..start + page].fill(0x5a);
    std::fs::write(&damaged, &bytes).expect("damage");
    let out = balie(home.path(), &["--db", utf8(&damaged), "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("problems:\n  - integrity"), "{stdout}");
    assert!(!stdout.contains("all well"), "{stdout}");
    assert_eq!(
        std::fs::read(&damaged).expect("db"),
        bytes,
        "check repaired nothing"
    );

    let garbage = home.path().join("notes.db");
    std::fs::write(&garbage, "this was never a database ".repeat(200)).expect("garbage");
    let out = balie(home.path(), &["--db", utf8(&garbage), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("not readable as an SQLite database"),
        "{}",
        text(&out.stdout)
    );
}

/// Jan de Vries with every kind of personal data, a ticket with a promise to him and a
/// note about him, and Janet, who stays.
fn desk_with_jan(path: &Path) -> String {
    let mut store = Store::open(path, "anna").expect("store");
    let now = Utc::now() - Duration::hours(3);
    let jan = store.create_caller(&support::jan(), now).expect("jan");
    let janet = store
        .create_caller(
            &NewCaller {
                name: "Janet Vrieling".into(),
                phones: vec!["+44 20 7946 0123".into()],
                ..Default::default()
            },
            now,
        )
        .expect("janet");
    let ticket = store
        .open_ticket_with_call(
            &support::new_ticket(&jan.id, "VPN drops every hour"),
            "",
            now,
        )
        .expect("ticket");
    let promise = |to: &str, due: Duration| NewPromise {
        ticket_id: ticket.id.clone(),
        what: "call back with the VPN profile".into(),
        to: to.into(),
        callback: false,
        channel: Channel::Phone,
        due_at: now + due,
    };
    let kept = store
        .make_promise(&promise("", Duration::hours(1)), now)
        .expect("promise");
    store
        .keep_promise(&kept.id, "", now + Duration::minutes(30))
        .expect("kept");
    store
        .make_promise(&promise("his manager Piet", Duration::hours(1)), now)
        .expect("overdue promise");
    store
        .add_note(&ticket.id, "Vries says it started after the update", now)
        .expect("note");
    // A troubleshooting script filled its question in with his details, as the desk does.
    let record = |ticket_id: &str, what| Record {
        ticket_id: ticket_id.to_string(),
        script: "vpn-drops".into(),
        title: "VPN drops".into(),
        what,
    };
    store
        .record_script(&record(&ticket.id, Recording::Started), now)
        .expect("script started");
    store
        .record_script(
            &record(
                &ticket.id,
                Recording::Answer {
                    step: "confirm".into(),
                    question: "Is Jan de Vries (Gemeente Utrecht) still on +31 6 1234 5678 \
                               and jan.devries@utrecht.nl, asset NB-20431?"
                        .into(),
                    answer: "Yes".into(),
                    finished: None,
                },
            ),
            now,
        )
        .expect("script answer");
    let janets = store
        .open_ticket_with_call(&support::new_ticket(&janet.id, "Printer jams"), "", now)
        .expect("janet's ticket");
    // On Janet's ticket an agent typed his number as an answer: free text, flagged.
    store
        .record_script(
            &record(
                &janets.id,
                Recording::Answer {
                    step: "who-else".into(),
                    question: "Who else has the problem?".into(),
                    answer: "her colleague on 06-12345678 has it too".into(),
                    finished: None,
                },
            ),
            now,
        )
        .expect("janet's script answer");
    // An agent was typing a note about him when their desk stopped.
    store
        .save_draft(
            r#"{"form":"note","text":"Jan de Vries asks for a call on 06 1234 5678"}"#,
            now,
        )
        .expect("draft");
    jan.id
}

fn file_and_log(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).expect("db");
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(log) = std::fs::read(&wal) {
        bytes.extend(log);
    }
    bytes
}

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[test]
fn forget_erases_the_callers_bytes_and_keeps_the_report_figures() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let jan = desk_with_jan(&db);
    let personal = [
        "Jan de Vries",
        "jan de vries",
        "+31 6 1234 5678",
        "31612345678",
        "jan.devries@utrecht.nl",
        "Gemeente Utrecht",
        "NB-20431",
    ];
    // A desk stays open throughout, so the log file is there to be read afterwards.
    let running = Store::open(&db, "bence").expect("running desk");
    let before = file_and_log(&db);
    for needle in personal {
        assert!(holds(&before, needle), "the test desk lacks {needle}");
    }
    let report = |home: &Path| {
        let out = balie(
            home,
            &[
                "--db",
                utf8(&db),
                "report",
                "--since",
                "7d",
                "--format",
                "json",
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let figures = report(home.path());
    assert!(figures.contains("\"promises_made\": 2"), "{figures}");

    let out = balie(
        home.path(),
        &["--db", utf8(&db), "forget", "Jan de Vries", "--yes"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for line in [
        format!("erased caller {jan}"),
        "kept 1 ticket, 2 promises and 9 events".to_string(),
        "1 promise to them now read \"forgotten caller\"".to_string(),
        "1 script question that named them now reads \"forgotten caller\"".to_string(),
        "1 unsaved draft that named them erased".to_string(),
        "2 notes mention this caller; review them:\n  T-1001".to_string(),
        "the erased data is gone from the file".to_string(),
    ] {
        assert!(stdout.contains(&line), "{line} missing from:\n{stdout}");
    }
    for needle in personal {
        assert!(!stdout.contains(needle), "the output repeats {needle}");
    }

    let after = file_and_log(&db);
    for needle in personal {
        assert!(!holds(&after, needle), "{needle} is still in the file");
    }
    assert!(holds(&after, "Janet Vrieling"), "the wrong file was read");
    assert_eq!(report(home.path()), figures, "reports count the same");
    let checked = balie(home.path(), &["--db", utf8(&db), "check"]);
    assert!(checked.status.success(), "{}", text(&checked.stdout));

    let again = balie(home.path(), &["--db", utf8(&db), "forget", &jan, "--yes"]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(text(&again.stdout).contains("already forgotten"));
    drop(running);
}

#[test]
fn forget_names_one_caller_or_erases_nobody() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let jan = desk_with_jan(&db);
    let callers = || {
        let conn = Connection::open(&db).expect("db");
        count(
            &conn,
            "SELECT count(*) FROM callers WHERE deleted_at IS NULL",
        )
    };

    let out = balie(home.path(), &["--db", utf8(&db), "forget", "vri", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("balie: `vri` matches 2 callers:")
            && stderr.contains(&format!("{jan}  Jan de Vries · Gemeente Utrecht"))
            && stderr.contains("Janet Vrieling")
            && stderr.contains("nothing was erased"),
        "{stderr}"
    );

    let out = balie(
        home.path(),
        &["--db", utf8(&db), "forget", "Piet Pieterse", "--yes"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no caller matches"));

    // Without --yes and without a terminal to type the name in, nothing happens.
    let out = balie(home.path(), &["--db", utf8(&db), "forget", &jan]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--yes"), "{}", text(&out.stderr));
    assert_eq!(callers(), 2);

    let out = balie(
        home.path(),
        &[
            "--db",
            utf8(&db),
            "forget",
            "06 1234 5678",
            "--yes",
            "--no-vacuum",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A desk that has run with secure_delete all along needs no rebuild: the file is read
    // back and found clean without one.
    assert!(
        text(&out.stdout).contains("the erased data is gone from the file")
            && !text(&out.stdout).contains("rebuilt"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(callers(), 1);
}

/// Forget reads the whole desk for mentions before it takes the write lock, erases in one
/// short transaction and reads the file back instead of rebuilding it: another desk keeps
/// saving while it runs, and none of its saves fails.
#[test]
fn another_desk_keeps_saving_while_forget_runs() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let jan = desk_with_jan(&db);
    // Enough history that reading it takes forget a while.
    {
        let mut store = Store::open(&db, "anna").expect("store");
        let caller = store
            .create_caller(
                &NewCaller {
                    name: "Piet Bakker".into(),
                    ..Default::default()
                },
                Utc::now(),
            )
            .expect("piet");
        store
            .in_one_transaction(|store| {
                for n in 0..3000 {
                    let ticket = store.open_ticket_with_call(
                        &support::new_ticket(&caller.id, "Printer jams"),
                        "",
                        Utc::now(),
                    )?;
                    store.add_note(&ticket.id, &format!("tried tray {n}"), Utc::now())?;
                }
                Ok(())
            })
            .expect("history");
    }
    let stop = Arc::new(AtomicBool::new(false));
    let saved = Arc::new(AtomicI64::new(0));
    let writer = {
        let (db, stop, saved) = (db.clone(), stop.clone(), saved.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&db, "bence").expect("writer store");
            let mut failures = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                match store.save_draft("{\"text\":\"printer again\"}", Utc::now()) {
                    Ok(()) => {
                        saved.fetch_add(1, Ordering::SeqCst);
                    }
                    Err(error) => failures.push(error.to_string()),
                }
            }
            failures
        })
    };
    // The other desk is saving before forget starts, so that what lands meanwhile is counted
    // from forget's first moment, not from a thread that had not yet begun.
    while saved.load(Ordering::SeqCst) == 0 && !writer.is_finished() {
        std::thread::yield_now();
    }
    let mut forget = std::process::Command::new(env!("CARGO_BIN_EXE_balie"))
        .args(["--db", utf8(&db), "forget", &jan, "--yes"])
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("USER", "anna")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("forget");
    let before = saved.load(Ordering::SeqCst);
    let status = forget.wait().expect("forget ran");
    let during = saved.load(Ordering::SeqCst) - before;
    stop.store(true, Ordering::SeqCst);
    let failures = writer.join().expect("writer thread");
    let mut stdout = String::new();
    std::io::Read::read_to_string(&mut forget.stdout.take().expect("stdout"), &mut stdout)
        .expect("read stdout");
    // Another desk reading can keep the log from being emptied on the spot (exit 1, "run it
    // again"); the erase itself is done either way.
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut forget.stderr.take().expect("stderr"), &mut stderr)
        .expect("read stderr");
    assert!(
        status.success() || stdout.contains("erased caller"),
        "{stdout}{stderr}"
    );
    assert!(!stdout.contains("rebuilt"), "{stdout}");
    assert!(failures.is_empty(), "saves failed: {failures:?}");
    assert!(during > 0, "no save landed while forget ran");
}

/// A desk written before `secure_delete` was on holds stale copies in its free space: forget
/// finds them in the bytes and rebuilds the file, and only then.
#[test]
fn forget_rebuilds_a_desk_whose_free_space_still_holds_the_caller() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let jan = desk_with_jan(&db);
    // What an older balie left: a copy of his e-mail address freed without being overwritten.
    let conn = Connection::open(&db).expect("db");
    conn.execute_batch(
        "PRAGMA secure_delete = OFF;
         CREATE TABLE scratch (line TEXT);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
         INSERT INTO scratch SELECT 'mail jan.devries@utrecht.nl ' || i FROM n;
         DROP TABLE scratch;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .expect("stale copy");
    drop(conn);
    assert!(holds(&file_and_log(&db), "jan.devries@utrecht.nl"));

    let out = balie(home.path(), &["--db", utf8(&db), "forget", &jan, "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("rebuilt"), "{stdout}");
    assert!(
        stdout.contains("the erased data is gone from the file"),
        "{stdout}"
    );
    assert!(!holds(&file_and_log(&db), "jan.devries@utrecht.nl"));
}

/// A file where an erased caller still has personal data in their rows (an older or
/// interrupted forget) is not called healthy, and forget with their id clears it.
#[test]
fn check_reports_what_an_erase_left_and_forget_again_clears_it() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let jan = desk_with_jan(&db);
    let out = balie(home.path(), &["--db", utf8(&db), "forget", &jan, "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    Connection::open(&db)
        .and_then(|c| {
            c.execute(
                "INSERT INTO caller_handles (id, caller_id, kind, value, created_at, updated_at,
                   updated_by)
                 VALUES ('h', ?1, 'phone', '+31 6 1234 5678', 'x', 'x', 'x')",
                [&jan],
            )
        })
        .expect("a handle left behind");
    let checked = balie(home.path(), &["--db", utf8(&db), "check"]);
    assert_eq!(checked.status.code(), Some(1), "{}", text(&checked.stdout));
    assert!(
        text(&checked.stdout).contains(&format!(
            "forgotten caller {jan} still has a phone, e-mail address or identifier"
        )),
        "{}",
        text(&checked.stdout)
    );

    let again = balie(home.path(), &["--db", utf8(&db), "forget", &jan, "--yes"]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let checked = balie(home.path(), &["--db", utf8(&db), "check"]);
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    assert!(!holds(&file_and_log(&db), "+31 6 1234 5678"));
}

/// After an import the log is folded into the file and truncated, instead of staying as
/// large as what was imported; a file large enough to hold the desk a while says so first.
#[test]
fn an_import_folds_its_log_in_and_a_large_one_says_it_holds_the_desk() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let csv = home.path().join("callers.csv");
    let mut rows = String::from("name,phone\n");
    for n in 0..3000 {
        rows.push_str(&format!("Caller {n},06{n:08}\n"));
    }
    std::fs::write(&csv, &rows).expect("csv");
    let out = balie(
        home.path(),
        &["--db", utf8(&db), "import", "callers", utf8(&csv)],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("one transaction"),
        "a small file imports quietly"
    );
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0);

    // Large enough to announce itself; its last row is bad, so nothing is imported.
    let large = home.path().join("large.csv");
    let mut rows = String::from("name,organization\n");
    while rows.len() < 4 << 20 {
        rows.push_str(
            "Caller with a long name,Gemeente Utrecht afdeling Burgerzaken en Belastingen\n",
        );
    }
    rows.push_str(",nobody\n");
    std::fs::write(&large, &rows).expect("large csv");
    let out = balie(
        home.path(),
        &["--db", utf8(&db), "import", "callers", utf8(&large)],
    );
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("balie: importing {}", large.display()))
            && stderr.contains("in one transaction: other desks' saves wait until it is done"),
        "{stderr}"
    );
}

/// A large desk from an earlier release says, before the wait, that it is being brought up
/// to this release, and works as before once it is; a desk of this release says nothing.
#[test]
fn a_large_desk_from_an_earlier_release_says_it_is_being_brought_up_to_date() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    support::small_desk(&db, 3);
    let db_arg = utf8(&db);
    let upgrading = "up to this release (once)";
    let out = balie(home.path(), &["--db", db_arg, "overdue"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains(upgrading));

    // As large as a desk whose upgrade takes a while, and from before the caller cards.
    let conn = Connection::open(&db).expect("raw");
    conn.execute_batch(
        "CREATE TABLE ballast (b BLOB); INSERT INTO ballast VALUES (zeroblob(70000000));
         DROP TABLE ballast;",
    )
    .expect("ballast");
    conn.execute_batch(support::desks::WITHOUT_CALLER_CARDS)
        .expect("downgrade");
    conn.execute_batch("PRAGMA user_version = 18; PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("version");
    drop(conn);
    let out = balie(home.path(), &["--db", db_arg, "overdue"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(upgrading),
        "{}",
        text(&out.stderr)
    );
    let out = balie(home.path(), &["--db", db_arg, "ticket", "show", "T-1001"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains(upgrading), "said once");
}

fn log_bytes(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(&wal).map_or(0, |m| m.len())
}

/// Notes added one save at a time until the write-ahead log is longer than `bytes`.
fn grow_log(store: &mut Store, db: &Path, ticket_id: &str, bytes: u64) {
    let now = Utc::now();
    for n in 0.. {
        if log_bytes(db) > bytes {
            return;
        }
        assert!(n < 10_000, "the log does not grow");
        store
            .add_note(ticket_id, &format!("Called back, attempt {n}"), now)
            .expect("note");
    }
}

/// A desk closing after one save leaves its log for the next save to add to (no checkpoint
/// for one promise), but a long log is folded in at close, so that the next process to open
/// the file does not read it all back before its first answer. With another desk reading,
/// closing waits a moment at most: the log stays for later.
#[test]
fn a_desk_folds_a_long_log_in_as_it_closes_and_does_not_wait_for_a_reader() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    desk_with_jan(&db);
    let ticket_id: String = Connection::open(&db)
        .expect("reader")
        .query_row("SELECT id FROM tickets ORDER BY number LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("ticket");

    let mut store = Store::open(&db, "anna").expect("store");
    grow_log(&mut store, &db, &ticket_id, 0);
    drop(store);
    let short = log_bytes(&db);
    assert!(short > 0, "one save's log is kept");

    let mut store = Store::open(&db, "anna").expect("store");
    grow_log(&mut store, &db, &ticket_id, 512 * 1024);
    drop(store);
    assert_eq!(log_bytes(&db), 0, "a long log is folded in at close");

    let mut store = Store::open(&db, "anna").expect("store");
    grow_log(&mut store, &db, &ticket_id, 512 * 1024);
    let reader = Connection::open(&db).expect("reader");
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM tickets;")
        .expect("a read under way");
    let started = std::time::Instant::now();
    drop(store);
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(log_bytes(&db) > 512 * 1024, "the reader's log stays");
    reader.execute_batch("COMMIT").expect("read done");
    drop(reader);

    let notes: i64 = Connection::open(&db)
        .expect("reader")
        .query_row(
            "SELECT count(*) FROM events WHERE kind = 'note' AND ticket_id = ?1",
            [&ticket_id],
            |r| r.get(0),
        )
        .expect("count");
    assert!(notes > 20, "every note saved: {notes}");
}
