//! The real binary in a pseudo-terminal: log a call, make a promise, quit, start again and
//! find both. The screen is read through a terminal emulator, and every wait has a timeout.

mod support;

use std::time::{Duration, Instant};

use support::pty::{Session, WAIT};

const ENTER: &str = "\r";
const TAB: &str = "\t";

/// A new desk, a new caller and their first ticket, typed as an agent would.
fn open_first_ticket(desk: &mut Session) {
    desk.wait_for("Welcome to balie");
    desk.send("n");
    desk.wait_for("who is calling");
    desk.send("Piet Pieterse");
    desk.wait_for("add \"Piet Pieterse\" as a new caller");
    desk.send(ENTER);
    desk.wait_for("New caller");
    desk.send(TAB);
    desk.send("Bakkerij Pieterse");
    desk.send(TAB);
    desk.send("06 1122 3344");
    desk.send(ENTER);
    desk.send(ENTER);
    desk.send(ENTER);
    desk.wait_for("subject:");
    desk.send("printer jams on floor 2");
    desk.send(ENTER);
    desk.wait_for("T-1001 opened for Piet Pieterse");
}

#[test]
fn a_call_and_a_promise_survive_a_restart() {
    let home = tempfile::tempdir().expect("temporary home");
    let db = home.path().join("desk.db");
    let db_arg = db.to_str().expect("utf-8 path");

    let mut desk = Session::start(home.path(), &["--db", db_arg]);
    open_first_ticket(&mut desk);
    desk.send("p");
    desk.wait_for("to whom:");
    desk.send("call back when the toner is in");
    desk.send(TAB);
    desk.send(TAB);
    desk.send(TAB);
    desk.send("+2h");
    desk.wait_for("(in 2h)");
    desk.send(ENTER);
    desk.wait_for("promised to Piet Pieterse");
    desk.send("q");
    assert!(desk.wait_for_exit(), "balie should exit cleanly");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db)
            .expect("database exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the database holds personal data");
    }

    let mut again = Session::start(home.path(), &["--db", db_arg]);
    again.wait_for("T-1001");
    again.wait_for("call back when the toner is in");
    let screen = again.contents();
    assert!(screen.contains("printer jams on floor 2"), "{screen}");
    assert!(!screen.contains("Welcome to balie"));
    again.send(ENTER);
    again.wait_for("Bakkerij Pieterse");
    again.wait_for("06 1122 3344");
    again.send("q");
    assert!(again.wait_for_exit());
}

#[test]
fn a_config_error_names_file_line_and_column() {
    let home = tempfile::tempdir().expect("temporary home");
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        "agent = \"anna\"\ntime_zone = \"Europe/Amsterdm\"\n",
    )
    .expect("write");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_balie"))
        .args(["--config", config.to_str().expect("utf-8"), "--db"])
        .arg(home.path().join("desk.db"))
        .env("HOME", home.path())
        .output()
        .expect("run balie");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("config.toml:2:13"), "{stderr}");
    assert!(stderr.contains("Europe/Amsterdm"), "{stderr}");
    assert!(
        !home.path().join("desk.db").exists(),
        "nothing is created on a bad config"
    );
}

#[test]
fn sigterm_and_sighup_end_the_desk_and_restore_the_terminal() {
    let home = tempfile::tempdir().expect("temporary home");
    let db = home.path().join("desk.db");
    let db_arg = db.to_str().expect("utf-8 path");

    let mut desk = Session::start(home.path(), &["--db", db_arg]);
    desk.wait_for("Welcome to balie");
    assert!(desk.alternate_screen());
    let pid = desk.pid();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    desk.wait_for_exit();
    let start = Instant::now();
    while desk.alternate_screen() && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(
        !desk.alternate_screen(),
        "the terminal is back to the shell's screen"
    );

    // An ssh session that drops hangs up the terminal: the desk must not linger.
    let mut dropped = Session::start(home.path(), &["--db", db_arg]);
    dropped.wait_for("Welcome to balie");
    let pid = dropped.pid();
    let hung_up = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(hung_up.success());
    dropped.wait_for_exit();
}

#[test]
fn a_note_being_typed_when_the_session_drops_is_offered_back() {
    let home = tempfile::tempdir().expect("temporary home");
    let db = home.path().join("desk.db");
    let db_arg = db.to_str().expect("utf-8 path");

    let mut desk = Session::start(home.path(), &["--db", db_arg]);
    open_first_ticket(&mut desk);
    desk.send("a");
    desk.wait_for("note:");
    desk.send("toner ordered, caller wants a");
    desk.wait_for("toner ordered, caller wants a");
    let pid = desk.pid();
    let hung_up = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(hung_up.success());
    // 129, not success: the exit says the terminal went away (tests/hangup.rs reads it).
    assert!(!desk.wait_for_exit());

    let mut again = Session::start(home.path(), &["--db", db_arg]);
    again.wait_for("Your unsaved note from");
    again.wait_for("toner ordered, caller wants a");
    again.send(" call when it arrives");
    again.send(ENTER);
    again.wait_for("call when it arrives");
    again.send("q");
    assert!(again.wait_for_exit());

    // Saved, the draft is gone: the next start opens on the desk, not on the form.
    let mut third = Session::start(home.path(), &["--db", db_arg]);
    third.wait_for("T-1001");
    assert!(!third.contents().contains("Your unsaved note"));
    third.send("q");
    assert!(third.wait_for_exit());
}

#[test]
fn a_click_and_a_copy_go_through_the_real_terminal() {
    let home = tempfile::tempdir().expect("temporary home");
    let db = home.path().join("desk.db");
    let db_arg = db.to_str().expect("utf-8 path");

    let mut desk = Session::start(home.path(), &["--db", db_arg]);
    open_first_ticket(&mut desk);
    assert!(desk.mouse_captured());
    // A left click two lines under the Caller pane's title, as an xterm sends it (SGR, 1-based).
    let (column, row) = desk.position_of("Caller");
    desk.send(&format!("\x1b[<0;{};{}M", column + 1, row + 3));
    desk.send(&format!("\x1b[<0;{};{}m", column + 1, row + 3));
    desk.wait_for("▶ Caller");
    desk.send("y");
    desk.wait_for("copied Piet Pieterse's phone 06 1122 3344 to the clipboard");
    let start = Instant::now();
    let sequence = balie::desk::clipboard::osc52("06 1122 3344");
    while !desk.wrote(sequence.as_bytes()) && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(
        desk.wrote(sequence.as_bytes()),
        "OSC 52 reached the terminal"
    );
    desk.send("q");
    assert!(desk.wait_for_exit());
    assert!(!desk.mouse_captured(), "the terminal has its mouse back");

    // With the mouse off, the terminal keeps it.
    let config = home.path().join("config.toml");
    std::fs::write(&config, "mouse = false\n").expect("write config");
    let config_arg = config.to_str().expect("utf-8 path");
    let mut plain = Session::start(home.path(), &["--config", config_arg, "--db", db_arg]);
    plain.wait_for("T-1001");
    assert!(!plain.mouse_captured());
    plain.send("q");
    assert!(plain.wait_for_exit());
}
