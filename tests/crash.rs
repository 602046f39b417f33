//! A desk killed at any moment (power cut aside: SIGKILL, so the OS still holds the page cache)
//! keeps every write it reported as saved, and the file stays sound.
//!
//! The child is this test binary running `crash_child`; it writes through the real `Store` on
//! the real file and reports each write only after the store returned Ok. The parent kills it
//! at random moments and then checks the file. `BALIE_LONG_FAILURE_TESTS=1` runs 1000 kills
//! instead of 50; `BALIE_CRASH_SEED=<n>` replays a failing run's choices of when to kill
//! (the exact instant still depends on the machine).

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use balie::domain::{Channel, NewCaller, NewPromise};
use balie::store::Store;
use chrono::Utc;
use support::child::{ChildProcess, Line, integrity, seed};

const CHILD: &str = "BALIE_CRASH_CHILD";
const LIFE: &str = "BALIE_CRASH_LIFE";

/// What one child reported before it was killed.
#[derive(Default)]
struct Reported {
    callers: Vec<String>,
    tickets: Vec<String>,
    notes: Vec<String>,
    promises: Vec<String>,
}

impl Reported {
    fn read(&mut self, line: &str) {
        // libtest may print on the same line before the child's first output.
        let Some((_, report)) = line.split_once("committed ") else {
            return;
        };
        let (what, id) = report.split_once(' ').expect("committed <what> <id>");
        let list = match what {
            "caller" => &mut self.callers,
            "ticket" => &mut self.tickets,
            "note" => &mut self.notes,
            "promise" => &mut self.promises,
            other => panic!("unknown report {other:?}"),
        };
        list.push(id.to_string());
    }

    fn count(&self) -> usize {
        self.callers.len() + self.tickets.len() + self.notes.len() + self.promises.len()
    }
}

#[test]
fn killed_desks_keep_every_reported_write() {
    let long = std::env::var_os("BALIE_LONG_FAILURE_TESTS").is_some_and(|v| v == "1");
    let kills = if long { 1000 } else { 50 };
    let seed = seed("BALIE_CRASH_SEED");
    // Shown with the failure, so that the run can be replayed.
    eprintln!("BALIE_CRASH_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.db");
    let path_text = path.to_str().expect("utf-8 temp path");
    let mut all = Reported::default();
    let started = Instant::now();

    for life in 0..kills {
        let life_text = life.to_string();
        let mut child =
            ChildProcess::spawn("crash_child", &[(CHILD, path_text), (LIFE, &life_text)]);
        let mut reported = Reported::default();
        // Zero lets the kill land while the store opens the file and recovers its WAL.
        let target = rng.usize(0..=24);
        let deadline = Instant::now() + Duration::from_secs(30);
        while reported.count() < target {
            match child.next_line(deadline) {
                Some(Line::Text(line)) => reported.read(&line),
                Some(Line::Closed) => {
                    let (_, stderr) = child.finish(Duration::from_secs(5));
                    panic!("seed {seed}, life {life}: the child stopped by itself:\n{stderr}");
                }
                None => panic!("seed {seed}, life {life}: no write reported within 30 s"),
            }
        }
        // A random extra delay moves the kill across every phase of the next write:
        // statement, commit, WAL append, fsync.
        std::thread::sleep(Duration::from_micros(rng.u64(0..3_000)));
        child.kill();
        for line in child.rest(Duration::from_secs(5)) {
            reported.read(&line);
        }

        check_after_kill(&path, life, &reported, seed);
        all.callers.extend(reported.callers);
        all.tickets.extend(reported.tickets);
        all.notes.extend(reported.notes);
        all.promises.extend(reported.promises);
    }

    // Later lives must not have lost what earlier ones saved.
    let store = Store::open(&path, "check").expect("the desk opens after the last kill");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("open for checking");
    for (table, column, ids) in [
        ("callers", "id", &all.callers),
        ("tickets", "id", &all.tickets),
        ("promises", "id", &all.promises),
        ("events", "text", &all.notes),
    ] {
        for id in ids {
            let n: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM {table} WHERE {column} = ?1"),
                    [id],
                    |r| r.get(0),
                )
                .expect("count");
            assert_eq!(n, 1, "seed {seed}: {table} {id} lost by a later life");
        }
    }
    eprintln!(
        "{kills} kills, {} writes reported, in {:?}",
        all.count(),
        started.elapsed()
    );
}

/// The first start creates and migrates the file; a kill in the middle of that must not leave
/// a file the next start refuses (an empty or half-created file is a new desk, not a foreign one).
#[test]
fn a_desk_killed_while_creating_its_file_starts_next_time() {
    let long = std::env::var_os("BALIE_LONG_FAILURE_TESTS").is_some_and(|v| v == "1");
    let kills = if long { 200 } else { 20 };
    let seed = seed("BALIE_CRASH_SEED");
    eprintln!("BALIE_CRASH_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().expect("tempdir");
    for life in 0..kills {
        let path = dir.path().join(format!("desk-{life}.db"));
        let path_text = path.to_str().expect("utf-8 temp path");
        let mut child = ChildProcess::spawn("crash_child", &[(CHILD, path_text), (LIFE, "0")]);
        // Creating and migrating the file takes a few milliseconds, so this spreads the kill
        // over process start, file creation, each migration and the first writes.
        std::thread::sleep(Duration::from_micros(rng.u64(0..10_000)));
        child.kill();
        let mut reported = Reported::default();
        for line in child.rest(Duration::from_secs(5)) {
            reported.read(&line);
        }
        check_after_kill(&path, 0, &reported, seed);
    }
}

/// Every reported write is there exactly once, at most one unreported write of this life made
/// it (the one that committed just before the kill), and SQLite finds the file sound.
fn check_after_kill(path: &Path, life: usize, reported: &Reported, seed: u64) {
    let context = format!("seed {seed}, life {life}");
    if !path.exists() {
        assert_eq!(reported.count(), 0, "{context}: the file is gone");
        return;
    }
    // The product's own open runs WAL recovery and migrations, as the agent's next start would.
    drop(Store::open(path, "check").unwrap_or_else(|e| panic!("{context}: reopening: {e}")));
    assert_eq!(integrity(path), "ok", "{context}");

    let conn = rusqlite::Connection::open(path).expect("open for checking");
    let count = |sql: &str, value: &str| -> i64 {
        conn.query_row(sql, [value], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{context}: {sql}: {e}"))
    };
    for id in &reported.callers {
        assert_eq!(
            count("SELECT count(*) FROM callers WHERE id = ?1", id),
            1,
            "{context}: caller {id}"
        );
    }
    for id in &reported.tickets {
        assert_eq!(
            count("SELECT count(*) FROM tickets WHERE id = ?1", id),
            1,
            "{context}: ticket {id}"
        );
    }
    for text in &reported.notes {
        assert_eq!(
            count(
                "SELECT count(*) FROM events WHERE kind = 'note' AND text = ?1",
                text
            ),
            1,
            "{context}: note {text}"
        );
    }
    for id in &reported.promises {
        assert_eq!(
            count("SELECT count(*) FROM promises WHERE id = ?1", id),
            1,
            "{context}: promise {id}"
        );
    }
    let tag = format!("life-{life}");
    let present = count("SELECT count(*) FROM callers WHERE name = ?1", &tag)
        + count(
            "SELECT count(*) FROM tickets WHERE subject = ?1",
            &format!("{tag} printer"),
        )
        + count(
            "SELECT count(*) FROM events WHERE kind = 'note' AND text LIKE ?1",
            &format!("{tag} note %"),
        )
        + count(
            "SELECT count(*) FROM promises WHERE what LIKE ?1",
            &format!("{tag} promise %"),
        );
    let reported = reported.count() as i64;
    assert!(
        (reported..=reported + 1).contains(&present),
        "{context}: {reported} writes reported, {present} in the file"
    );
}

/// The child: a desk that saves as fast as it can until it is killed. It does nothing in a
/// normal test run.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var(CHILD) else {
        return;
    };
    let life = std::env::var(LIFE).expect("life number");
    let tag = format!("life-{life}");
    let mut store = Store::open(Path::new(&path), "crash").expect("open the desk");
    let caller = store
        .create_caller(
            &NewCaller {
                name: tag.clone(),
                ..NewCaller::default()
            },
            Utc::now(),
        )
        .expect("caller");
    report("caller", &caller.id);
    let ticket = store
        .open_ticket_with_call(
            &support::new_ticket(&caller.id, &format!("{tag} printer")),
            "",
            Utc::now(),
        )
        .expect("ticket");
    report("ticket", &ticket.id);
    // An orphan whose parent died without killing it stops on its own.
    let give_up = Instant::now() + Duration::from_secs(60);
    let mut seq = 0u64;
    while Instant::now() < give_up {
        seq += 1;
        let now = Utc::now();
        if seq.is_multiple_of(3) {
            let promise = store
                .make_promise(
                    &NewPromise {
                        ticket_id: ticket.id.clone(),
                        what: format!("{tag} promise {seq}"),
                        to: String::new(),
                        callback: false,
                        channel: Channel::Phone,
                        due_at: now + chrono::Duration::hours(4),
                    },
                    now,
                )
                .expect("promise");
            report("promise", &promise.id);
        } else {
            // The note's text is its identity: add_note does not return the event's id.
            let text = format!("{tag} note {seq}");
            store.add_note(&ticket.id, &text, now).expect("note");
            report("note", &text);
        }
    }
}

/// Only after the store returned Ok, and flushed at once, so the parent never counts a write
/// the store did not confirm.
fn report(what: &str, id: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    // The parent closing the pipe is the end of the child; exit quietly.
    if writeln!(out, "committed {what} {id}")
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}
