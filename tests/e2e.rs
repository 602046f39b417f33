//! The real binary in a pseudo-terminal: log a call, make a promise, quit, start again and
//! find both. The screen is read through a terminal emulator, and every wait has a timeout.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const WAIT: Duration = Duration::from_secs(15);

struct Session {
    /// Held so that the terminal stays open for as long as the session lives.
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Everything balie wrote, for sequences the emulator does not keep (OSC 52).
    output: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn start(home: &Path, args: &[&str]) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 40,
                cols: 140,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_balie"));
        command.args(args);
        command.env_clear();
        command.env("HOME", home);
        command.env("XDG_DATA_HOME", home.join("data"));
        command.env("XDG_CONFIG_HOME", home.join("config"));
        command.env("TERM", "xterm-256color");
        command.env("NO_COLOR", "1");
        command.env("EDITOR", "true");
        command.env("USER", "anna");
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        let child = pair.slave.spawn_command(command).expect("start balie");
        drop(pair.slave);
        let (rows, cols) = (NonZeroU16::new(40), NonZeroU16::new(140));
        let (Some(rows), Some(cols)) = (rows, cols) else {
            unreachable!("constant sizes")
        };
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (sink, raw) = (Arc::clone(&screen), Arc::clone(&output));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = sink.lock() {
                    parser.process(&buf[..n]);
                }
                if let Ok(mut raw) = raw.lock() {
                    raw.extend_from_slice(&buf[..n]);
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Session {
            _master: pair.master,
            writer,
            child,
            screen,
            output,
        }
    }

    fn mouse_captured(&self) -> bool {
        self.screen
            .lock()
            .is_ok_and(|p| p.screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None)
    }

    /// Where `text` is on screen, 0-based (column, row).
    fn position_of(&self, text: &str) -> (usize, usize) {
        let contents = self.contents();
        for (row, line) in contents.lines().enumerate() {
            if let Some(at) = line.find(text) {
                return (line[..at].chars().count(), row);
            }
        }
        panic!("{text:?} is not on screen:\n{contents}");
    }

    fn wrote(&self, bytes: &[u8]) -> bool {
        self.output
            .lock()
            .is_ok_and(|raw| raw.windows(bytes.len()).any(|w| w == bytes))
    }

    fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "timed out waiting for {text:?}; the screen shows:\n{}",
            self.contents()
        );
    }

    fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
        // Let the desk take each key before the next, as a typist would.
        std::thread::sleep(Duration::from_millis(40));
    }

    fn alternate_screen(&self) -> bool {
        self.screen
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    }

    fn wait_for_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        let _ = self.child.kill();
        panic!("balie did not exit; the screen shows:\n{}", self.contents());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

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
    let pid = desk.child.process_id().expect("pid");
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
    let pid = dropped.child.process_id().expect("pid");
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
    let pid = desk.child.process_id().expect("pid");
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
