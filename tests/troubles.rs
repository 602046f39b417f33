//! The real binary meeting a desk it cannot use as it wants: a lock another process holds, a
//! file it may not write, a full disk, rows that contradict each other. Each time one line
//! on stderr names the file and says what to do, says no cause twice, and nothing is saved.

mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use rusqlite::Connection;
use support::cli::{balie, text, utf8};

fn notes(db: &Path) -> i64 {
    Connection::open(db)
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM events WHERE kind = 'note'", [], |r| {
                r.get(0)
            })
        })
        .expect("count notes")
}

/// One line, naming `db`, with `advice`, and none of SQLite's own words for it.
fn assert_one_clear_line(out: &Output, db: &Path, advice: &str, sqlite_words: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line:\n{stderr}");
    assert!(stderr.starts_with("balie: "), "{stderr}");
    assert!(stderr.contains(utf8(db)), "names the file: {stderr}");
    assert!(stderr.contains(advice), "says what to do: {stderr}");
    assert!(
        !stderr.contains(sqlite_words) && !stderr.contains("Error code"),
        "SQLite's words stay out: {stderr}"
    );
}

#[test]
fn a_desk_another_process_is_writing_says_so_and_saves_nothing() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    support::small_desk(&db, 5);
    let holder = Connection::open(&db).expect("second connection");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the lock");
    // Waits out the busy timeout, then gives up.
    let out = balie(
        home.path(),
        &["--db", utf8(&db), "note", "T-1001", "called back"],
    );
    holder.execute_batch("ROLLBACK").expect("let go");
    assert_one_clear_line(&out, &db, "try again", "database is locked");
    assert!(
        text(&out.stderr).contains("another balie process is writing"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("nothing was saved"));
    assert_eq!(notes(&db), 0);
}

/// Root writes through any mode bits, so as root the desk is handed to `nobody` and balie runs
/// as `nobody`; as anyone else the modes alone do it.
#[cfg(unix)]
#[test]
fn a_read_only_desk_or_folder_says_so_and_saves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    const NOBODY: u32 = 65534;
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| text(&o.stdout).trim() == "0");
    let home = tempfile::tempdir().expect("home");
    let chmod = |path: &Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod")
    };
    // `nobody` must reach the desk and find no config of its own to read.
    chmod(home.path(), 0o711);
    for (name, file_mode, folder_mode) in [("file", 0o400, 0o700), ("folder", 0o600, 0o500)] {
        let folder = home.path().join(name);
        std::fs::create_dir(&folder).expect("folder");
        let db = folder.join("desk.db");
        support::small_desk(&db, 5);
        if root {
            for path in [&folder, &db] {
                std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).expect("chown");
            }
        }
        chmod(&db, file_mode);
        chmod(&folder, folder_mode);
        let mut command = Command::new(env!("CARGO_BIN_EXE_balie"));
        command
            .args(["--db", utf8(&db), "note", "T-1001", "called back"])
            .env_clear()
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("USER", "anna")
            .stdin(Stdio::null());
        if root {
            command.uid(NOBODY).gid(NOBODY);
        }
        let out = command.output().expect("run balie");
        // Writable again, so that the desk can be counted and the folder removed.
        chmod(&folder, 0o700);
        chmod(&db, 0o600);
        assert_one_clear_line(&out, &db, "write access", "readonly database");
        assert!(
            text(&out.stderr).contains("is read-only for this user"),
            "{name}: {}",
            text(&out.stderr)
        );
        assert_eq!(notes(&db), 0, "{name}");
    }
}

/// A real full disk: a tmpfs of a few pages, mounted in a user and mount namespace of the
/// test's own so that no root is needed. Where the system allows no such namespace the test
/// says so on stderr and checks nothing; the desk's own test of a full disk
/// (`tests/flows.rs`) runs everywhere.
#[test]
fn a_full_disk_says_so_and_saves_nothing() {
    let probe = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "true"])
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!(
            "SKIPPED a_full_disk_says_so_and_saves_nothing: this system allows no user \
             namespace (`unshare --user --map-root-user --mount` failed), so no small disk \
             can be mounted to fill"
        );
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let original = home.path().join("original.db");
    support::small_desk(&original, 5);
    let disk = home.path().join("disk");
    std::fs::create_dir(&disk).expect("mount point");
    let db = disk.join("desk.db");
    // Inside the namespace: copy the desk onto a 1 MiB disk, open it once so that its -wal
    // and -shm exist, fill what is left, then write a note.
    let script = r#"
        set -e
        mount -t tmpfs -o size=1m tmpfs "$DISK"
        cp "$ORIGINAL" "$DB"
        "$BALIE" --db "$DB" ticket list > /dev/null
        head -c 2000000 /dev/zero > "$DISK/filler" 2>/dev/null || true
        set +e
        "$BALIE" --db "$DB" note T-1001 "called back, the printer works again"
        echo "exit $?" >&2
        cp "$DB" "$DB-wal" "$OUT/"
    "#;
    let out_dir = home.path().join("after");
    std::fs::create_dir(&out_dir).expect("out");
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", script])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("USER", "anna")
        .env("DISK", &disk)
        .env("DB", &db)
        .env("ORIGINAL", &original)
        .env("OUT", &out_dir)
        .env("BALIE", env!("CARGO_BIN_EXE_balie"))
        .stdin(Stdio::null())
        .output()
        .expect("run unshare");
    let stderr = text(&out.stderr);
    let mut lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.pop(), Some("exit 1"), "{stderr}");
    assert_eq!(lines.len(), 1, "one line:\n{stderr}");
    let line = lines[0];
    assert!(line.contains(utf8(&db)), "names the file: {line}");
    assert!(line.contains("is full"), "{line}");
    assert!(line.contains("free some space"), "{line}");
    assert!(line.contains("nothing was saved"), "{line}");
    assert!(
        !line.contains("database or disk is full") && !line.contains("Error code"),
        "{line}"
    );
    assert_eq!(line.matches("full").count(), 1, "said once: {line}");
    assert_eq!(notes(&out_dir.join("desk.db")), 0, "nothing was saved");
}

fn without_creating_event(db: &Path, key: &str) {
    Connection::open(db)
        .and_then(|c| {
            c.execute_batch(&format!(
                "DROP TRIGGER events_are_never_deleted;
                 DELETE FROM events WHERE kind = 'created'
                   AND ticket_id = (SELECT id FROM tickets WHERE key = '{key}');"
            ))
        })
        .expect("damage the desk");
}

/// Found on a damaged desk: without the event that created a ticket its SLA clocks started
/// at the dawn of time, and `balie report` walked the working hours from there for 20
/// seconds (minutes on a slow machine), then reported figures as if all were well.
#[test]
fn a_ticket_without_its_creating_event_is_named_at_once_and_check_finds_it() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    support::small_desk(&db, 5);
    without_creating_event(&db, "T-1003");
    for args in [["report"], ["handover"]] {
        let mut full = vec!["--db", utf8(&db)];
        full.extend(args);
        let out = balie(home.path(), &full);
        assert_one_clear_line(&out, &db, "check", "malformed");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("T-1003 has no creating event"), "{stderr}");
        assert_eq!(stderr.matches("T-1003").count(), 1, "said once: {stderr}");
        assert!(
            text(&out.stdout).is_empty(),
            "no figures from a damaged desk"
        );
    }
    let out = balie(home.path(), &["--db", utf8(&db), "check"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("  - T-1003 has no creating event"),
        "{stdout}"
    );
    assert!(!stdout.contains("all well"), "{stdout}");
}

#[test]
fn a_row_the_desk_cannot_read_points_at_balie_check() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    support::small_desk(&db, 5);
    Connection::open(&db)
        .and_then(|c| c.execute_batch("UPDATE tickets SET status = 'lost' WHERE key = 'T-1002'"))
        .expect("damage a row");
    let out = balie(
        home.path(),
        &[
            "--db",
            utf8(&db),
            "ticket",
            "show",
            "T-1002",
            "--format",
            "json",
        ],
    );
    assert_one_clear_line(&out, &db, "balie --db", "Conversion error");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("is damaged"), "{stderr}");
    assert!(stderr.contains("\"lost\""), "says what it found: {stderr}");
    // And where it points, the damage is found.
    let out = balie(home.path(), &["--db", utf8(&db), "check"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("  - T-1002 has the unknown status \"lost\""),
        "{stdout}"
    );
}
