//! A backup or an export killed half-way (SIGKILL: no cleanup code runs) never leaves a
//! partial file under the name asked for, and the hidden copy it leaves holding the desk is
//! removed by the next run for that name.

mod support;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use balie::domain::NewCaller;
use balie::store::Store;
use chrono::Utc;
use support::cli::{balie, text};

/// Big enough that copying it takes a while in a debug build.
fn big_desk(path: &Path) {
    let mut store = Store::open(path, "anna").expect("store");
    let now = Utc::now();
    store
        .in_one_transaction(|store| {
            for n in 0..6000 {
                let caller = store.create_caller(
                    &NewCaller {
                        name: format!("Caller number {n} of the big desk"),
                        organization: "Gemeente Utrecht, afdeling Burgerzaken".into(),
                        phones: vec![format!("+31 6 {:08}", n)],
                        ..Default::default()
                    },
                    now,
                )?;
                let subject = format!("VPN drops every hour on laptop {n}");
                store.open_ticket_with_call(
                    &support::new_ticket(&caller.id, &subject),
                    "Caller rang about the VPN again, the same as last week",
                    now,
                )?;
            }
            Ok(())
        })
        .expect("fill");
}

fn hidden_beside(target: &Path) -> Vec<PathBuf> {
    let name = target.file_name().and_then(|n| n.to_str()).expect("name");
    let prefix = format!(".{name}.");
    let folder = target.parent().expect("folder");
    std::fs::read_dir(folder)
        .expect("folder")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .map(|e| e.path())
        .collect()
}

/// Starts balie with `args` and kills it as soon as its hidden copy has some bytes in it.
/// Returns whether it was caught half-way (false: it finished first).
fn kill_half_way(home: &Path, args: &[&str], target: &Path) -> bool {
    let mut child = support::cli::balie_command(home)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn balie");
    loop {
        let writing = hidden_beside(target)
            .iter()
            .any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0));
        if writing {
            child.kill().expect("SIGKILL");
            child.wait().expect("reap");
            return true;
        }
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        std::thread::yield_now();
    }
}

#[test]
fn a_killed_backup_leaves_no_partial_desk_under_its_name() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    big_desk(&db);
    let copy = home.path().join("copy.db");
    let db_arg = db.to_str().expect("utf-8");
    let copy_arg = copy.to_str().expect("utf-8");
    let mut caught = 0;
    for _ in 0..3 {
        if kill_half_way(home.path(), &["--db", db_arg, "backup", copy_arg], &copy) {
            caught += 1;
            assert!(!copy.exists(), "a killed backup left a file under its name");
        } else {
            let checked = balie(home.path(), &["--db", copy_arg, "check"]);
            assert!(checked.status.success(), "{}", text(&checked.stdout));
            std::fs::remove_file(&copy).expect("remove the finished copy");
        }
    }
    assert!(
        caught > 0,
        "no backup was caught half-way; the desk is too small"
    );
    assert!(
        !hidden_beside(&copy).is_empty(),
        "the killed run left its hidden copy"
    );

    let out = balie(home.path(), &["--db", db_arg, "backup", copy_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        hidden_beside(&copy).is_empty(),
        "the next backup removes what killed ones left: {:?}",
        hidden_beside(&copy)
    );
    let checked = balie(home.path(), &["--db", copy_arg, "check"]);
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    assert!(
        text(&checked.stdout).contains("holds 6000 callers, 6000 tickets"),
        "{}",
        text(&checked.stdout)
    );
}

#[test]
fn a_killed_export_leaves_no_hidden_copy_of_the_desk_for_good() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    big_desk(&db);
    let dump = home.path().join("desk.json");
    let db_arg = db.to_str().expect("utf-8");
    let dump_arg = dump.to_str().expect("utf-8");
    let mut caught = 0;
    for _ in 0..3 {
        if kill_half_way(
            home.path(),
            &["--db", db_arg, "export", "json", dump_arg],
            &dump,
        ) {
            caught += 1;
            assert!(!dump.exists(), "a killed export left a file under its name");
        } else {
            std::fs::remove_file(&dump).expect("remove the finished export");
        }
    }
    assert!(
        caught > 0,
        "no export was caught half-way; the desk is too small"
    );
    let out = balie(home.path(), &["--db", db_arg, "export", "json", dump_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        hidden_beside(&dump).is_empty(),
        "{:?}",
        hidden_beside(&dump)
    );
    let whole: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&dump).expect("export")).expect("whole JSON");
    assert!(whole.is_object());
}
