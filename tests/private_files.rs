//! The desk's files hold callers' personal data: owner-only whatever the umask, also a desk
//! that `touch` made and the folders balie creates for a new one.

#![cfg(unix)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use support::cli::text;

/// balie run under `umask 000`, the most permissive a user can have, in a clean home.
fn balie_with_open_umask(home: &Path, args: &[&str]) -> Output {
    support::cli::isolated("sh", home)
        .arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_balie"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run balie")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn beside(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

fn callers_csv(home: &Path) -> std::path::PathBuf {
    let csv = home.join("callers.csv");
    std::fs::write(&csv, "name,phone\nJan de Vries,0612345678\n").expect("csv");
    csv
}

/// Imports one caller into the desk at `db` (making it when it is new), under `umask 000`.
fn import_callers(home: &Path, db: &Path) {
    let csv = callers_csv(home);
    let out = balie_with_open_umask(
        home,
        &[
            "--db",
            db.to_str().expect("utf-8"),
            "import",
            "callers",
            csv.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// The desk, its write-ahead log and the log's index are readable by the owner only.
fn assert_owner_only(db: &Path) {
    for path in [db.to_path_buf(), beside(db, "-wal"), beside(db, "-shm")] {
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[test]
fn a_touched_desk_and_its_log_become_owner_only() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let touched = Command::new("sh")
        .arg("-c")
        .arg("umask 000; touch \"$0\"")
        .arg(&db)
        .status()
        .expect("touch");
    assert!(touched.success());
    assert_eq!(mode(&db), 0o666, "the umask did not take");
    import_callers(home.path(), &db);
    assert_owner_only(&db);
}

#[test]
fn a_log_left_world_readable_is_made_owner_only_on_the_next_open() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    import_callers(home.path(), &db);
    for path in [db.clone(), beside(&db, "-wal"), beside(&db, "-shm")] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let out = balie_with_open_umask(
        home.path(),
        &["--db", db.to_str().expect("utf-8"), "caller", "find", "Jan"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_owner_only(&db);
}

#[test]
fn folders_made_for_a_new_desk_are_owner_only() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desks/team/desk.db");
    import_callers(home.path(), &db);
    assert_eq!(mode(&home.path().join("desks")), 0o700);
    assert_eq!(mode(&home.path().join("desks/team")), 0o700);
    assert_owner_only(&db);
    // The default desk in the user data folder, made the same way.
    let csv = callers_csv(home.path());
    let out = balie_with_open_umask(
        home.path(),
        &["import", "callers", csv.to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let data = home.path().join("data/balie");
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&home.path().join("data")), 0o700);
    assert_eq!(mode(&data.join("balie.db")), 0o600);
}
