//! An ssh session that drops closes the desk's terminal. The desk must notice at once, keep
//! what was being typed (even the last keystrokes before the drop) and exit with 129, the
//! status of a hang-up.
//!
//! The terminal is a pty this test opens itself, so that closing its master end really
//! closes the terminal: no other copy of it stays open in a reader thread.

mod support;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

struct Desk {
    master: File,
    screen: vt100::Parser,
    child: Child,
}

impl Desk {
    fn start(home: &Path, db: &str) -> Desk {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 30,
            ws_col: 120,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: both out-pointers are live; no name buffer or termios is passed.
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
        // The desk must not inherit the master end: it would keep the terminal open.
        // SAFETY: fcntl on descriptors this test owns.
        unsafe {
            libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
            libc::fcntl(slave, libc::F_SETFD, libc::FD_CLOEXEC);
        }
        // SAFETY: openpty returned two fresh descriptors that nothing else owns.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let stdio = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("dup the pty"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_balie"));
        command
            .args(["--db", db])
            .env_clear()
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("TERM", "xterm-256color")
            .env("NO_COLOR", "1")
            .env("USER", "anna")
            .stdin(stdio(&slave))
            .stdout(stdio(&slave))
            // Not the terminal: what the desk says about its end must outlive the terminal.
            .stderr(File::create(home.join("stderr")).expect("stderr file"));
        // SAFETY: only async-signal-safe calls between fork and exec. The desk leads its
        // own session with the pty as its controlling terminal, as under sshd.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("start balie");
        drop(slave);
        let master = File::from(master);
        // SAFETY: fcntl on a descriptor this test owns.
        unsafe {
            let flags = libc::fcntl(master.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(master.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        Desk {
            master,
            screen: vt100::Parser::new(rows(30), rows(120), 0),
            child,
        }
    }

    /// Reads what the desk drew so far; the desk must never block on a full pty.
    fn drain(&mut self) {
        let mut buf = [0u8; 8192];
        while let Ok(n) = self.master.read(&mut buf) {
            if n == 0 {
                break;
            }
            self.screen.process(&buf[..n]);
        }
    }

    fn wait_for(&mut self, wanted: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            self.drain();
            if self.screen.screen().contents().contains(wanted) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "timed out waiting for {wanted:?}; the screen shows:\n{}",
            self.screen.screen().contents()
        );
    }

    fn send(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).expect("type");
        std::thread::sleep(Duration::from_millis(40));
        self.drain();
    }

    /// Closes the terminal under the desk, as sshd does when the connection drops, and
    /// returns the desk's exit status.
    fn hang_up(self) -> Option<i32> {
        let Desk {
            master, mut child, ..
        } = self;
        drop(master);
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Ok(Some(status)) = child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        panic!("the desk did not exit after its terminal closed");
    }
}

fn rows(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN)
}

#[test]
fn the_last_keystrokes_before_the_terminal_closes_are_kept_and_the_exit_says_why() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let mut desk = Desk::start(home.path(), db_arg);
    // A new caller and their first ticket, as an agent types them.
    desk.wait_for("Welcome to balie");
    desk.send("n");
    desk.wait_for("who is calling");
    desk.send("Piet Pieterse");
    desk.wait_for("add \"Piet Pieterse\" as a new caller");
    for keys in [
        "\r",
        "\t",
        "Bakkerij Pieterse",
        "\t",
        "06 1122 3344",
        "\r",
        "\r",
        "\r",
    ] {
        desk.send(keys);
    }
    desk.wait_for("subject:");
    desk.send("printer jams on floor 2\r");
    desk.wait_for("T-1001 opened for Piet Pieterse");
    desk.send("a");
    desk.wait_for("note:");
    desk.send("toner ordered, caller wants a");
    desk.wait_for("toner ordered, caller wants a");
    // The last words are taken and the terminal closes straight after, within a tick.
    desk.master.write_all(b" call back").expect("type");
    desk.wait_for("wants a call back");
    let status = desk.hang_up();
    assert_eq!(
        status,
        Some(129),
        "the exit status says the terminal closed"
    );
    let said = std::fs::read_to_string(home.path().join("stderr")).expect("stderr");
    assert!(
        said.contains("the terminal closed"),
        "the desk itself noticed, not a watchdog: {said:?}"
    );

    let store = balie::store::Store::open(&db, "anna").expect("desk");
    let (draft, _) = store
        .draft()
        .expect("read")
        .expect("the note is kept as a draft");
    assert!(
        draft.contains("toner ordered, caller wants a call back"),
        "every keystroke is in the draft: {draft} ({said})"
    );
}
