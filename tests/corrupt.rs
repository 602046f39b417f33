//! The real binary pointed at a file that is not (or no longer) a desk it can use: it says so in
//! one line naming the file, exits non-zero, and leaves the file exactly as it was, without
//! journal files beside it. A rollback-journal database of another application is covered by
//! `tests/cli.rs`; the refusals themselves by the store's unit tests.

mod support;

use support::cli::{balie, text};

use std::path::{Path, PathBuf};

use balie::domain::NewCaller;
use balie::store::Store;

/// A desk with enough callers to span many pages, closed cleanly (no WAL left beside it).
fn real_desk(dir: &Path) -> Vec<u8> {
    let path = dir.join("real.db");
    let mut store = Store::open(&path, "anna").expect("new desk");
    store
        .in_one_transaction(|store| {
            for i in 0..300 {
                store.create_caller(
                    &NewCaller {
                        name: format!("Caller {i}"),
                        organization: format!("Organisation {i}"),
                        phones: vec![format!("+31 6 {i:08}")],
                        ..NewCaller::default()
                    },
                    chrono::Utc::now(),
                )?;
            }
            Ok(())
        })
        .expect("callers");
    drop(store);
    // The store keeps its WAL on close; a plain connection folds it into the file, so that
    // the file alone is the whole desk.
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
        .expect("checkpoint");
    std::fs::read(&path).expect("read the desk")
}

fn sidecars(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|p| p.exists())
        .collect()
}

/// Every way in (the desk itself, a report, an import) refuses the file the same way.
fn assert_refused(home: &Path, name: &str, bytes: &[u8], expected: &str) {
    let path = home.join(name);
    std::fs::write(&path, bytes).expect("write the test file");
    let db = path.to_str().expect("utf-8 temp path");
    let csv = home.join("callers.csv");
    std::fs::write(&csv, "name\nPiet\n").expect("write csv");
    let csv = csv.to_str().expect("utf-8 temp path");
    for args in [
        vec!["--db", db],
        vec!["--db", db, "overdue"],
        vec!["--db", db, "import", "callers", csv],
    ] {
        let out = balie(home, &args);
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{name} {args:?}: exit 0\n{stderr}");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "{name} {args:?}: one line, got:\n{stderr}"
        );
        assert!(
            stderr.contains(db),
            "{name} {args:?}: the file is named in {stderr:?}"
        );
        assert!(
            stderr.contains(expected),
            "{name} {args:?}: {expected:?} missing from {stderr:?}"
        );
        assert!(
            std::fs::read(&path).expect("read back") == bytes,
            "{name} {args:?}: the file was changed"
        );
        assert_eq!(sidecars(&path), Vec::<PathBuf>::new(), "{name} {args:?}");
    }
}

#[test]
fn files_that_are_not_sqlite_are_refused_and_untouched() {
    let home = tempfile::tempdir().expect("home");
    let mut rng = fastrand::Rng::with_seed(7);
    let noise: Vec<u8> = (0..5000).map(|_| rng.u8(..)).collect();
    assert_refused(home.path(), "noise.db", &noise, "is not a balie desk");
    // A likely mistake: the caller list given where the desk was meant.
    let csv = b"name,organization,phone\nJan de Vries,Gemeente Utrecht,0612345678\n";
    assert_refused(home.path(), "callers.csv.db", csv, "is not a balie desk");
}

#[test]
fn a_truncated_desk_is_refused_and_untouched() {
    let home = tempfile::tempdir().expect("home");
    let desk = real_desk(home.path());
    assert!(desk.len() > 64 * 1024, "the desk spans many pages");
    // Inside the header, exactly the first page, and half the file.
    for cut in [60, 4096, desk.len() / 2] {
        assert_refused(
            home.path(),
            &format!("cut-{cut}.db"),
            &desk[..cut],
            "is not a balie desk",
        );
    }
}

#[test]
fn another_applications_wal_database_is_refused_and_untouched() {
    let home = tempfile::tempdir().expect("home");
    let source = home.path().join("source.gpkg");
    // An id of its own (GeoPackage's) and WAL mode, so that merely reading it opens a WAL.
    rusqlite::Connection::open(&source)
        .and_then(|c| {
            c.execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA application_id = 1196444487;
                 CREATE TABLE features (id INTEGER PRIMARY KEY, name TEXT);
                 INSERT INTO features (name) VALUES ('canal');",
            )
        })
        .expect("foreign database");
    let bytes = std::fs::read(&source).expect("read");
    assert_refused(home.path(), "map.gpkg", &bytes, "not a balie database");
}

#[test]
fn a_desk_from_a_newer_balie_is_refused_and_untouched() {
    let home = tempfile::tempdir().expect("home");
    let desk = real_desk(home.path());
    let path = home.path().join("real.db");
    std::fs::write(&path, &desk).expect("restore");
    let known = Store::open(&path, "anna")
        .and_then(|s| s.schema_version())
        .expect("version");
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute_batch(&format!("PRAGMA user_version = {};", known + 1)))
        .expect("pretend a newer schema");
    let bytes = std::fs::read(&path).expect("read");
    assert_refused(home.path(), "newer.db", &bytes, "newer balie");
}

/// A zero-byte file is what a desk leaves when it is stopped between creating its file and the
/// first write (see `tests/crash.rs`), and what `touch` makes. Refusing it would lock the agent
/// out of a desk that never held anything, so the desk and an import make it a new desk.
/// A report only reads: it says there is no desk yet and leaves the file empty.
#[test]
fn an_empty_file_is_a_new_desk_but_not_a_report() {
    let home = tempfile::tempdir().expect("home");
    let path = home.path().join("empty.db");
    std::fs::write(&path, b"").expect("empty file");
    let db = path.to_str().expect("utf-8 temp path");

    let report = balie(home.path(), &["--db", db, "overdue"]);
    let stderr = text(&report.stderr);
    assert!(!report.status.success(), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(db) && stderr.contains("empty"), "{stderr}");
    assert_eq!(std::fs::metadata(&path).expect("file").len(), 0);
    assert_eq!(sidecars(&path), Vec::<PathBuf>::new());

    let csv = home.path().join("callers.csv");
    std::fs::write(&csv, "name\nPiet\n").expect("write csv");
    let import = balie(
        home.path(),
        &[
            "--db",
            db,
            "import",
            "callers",
            csv.to_str().expect("utf-8"),
        ],
    );
    assert!(import.status.success(), "{}", text(&import.stderr));
    let store = Store::open(&path, "anna").expect("now a desk");
    assert_eq!(store.caller_count().expect("count"), 1);
}
