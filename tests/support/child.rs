//! Child processes for the failure tests. The test binary runs one of its own tests again in a
//! new process, so crashes and contention hit the real store code without a hook in the product.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// One line on stdout from a child, or the end of its output.
pub enum Line {
    Text(String),
    Closed,
}

pub struct ChildProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    stderr: Receiver<String>,
}

impl ChildProcess {
    /// Runs the test named `test` of this same binary, with `env` set. The test is expected to
    /// do nothing unless one of those variables is set.
    pub fn spawn(test: &str, env: &[(&str, &str)]) -> ChildProcess {
        let exe = std::env::current_exe().expect("path of the test binary");
        let mut command = Command::new(exe);
        // --quiet keeps libtest's own progress off the child's lines; they are still
        // recognised by their prefix in case a libtest version prints more.
        command
            .args([
                "--exact",
                test,
                "--nocapture",
                "--test-threads=1",
                "--quiet",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start a child process");
        let stdout = child.stdout.take().expect("child stdout");
        let errors = child.stderr.take().expect("child stderr");
        // Reader threads let the parent wait for a line with a timeout.
        let (line_tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if line_tx.send(line).is_err() {
                    break;
                }
            }
        });
        let (err_tx, stderr) = channel();
        std::thread::spawn(move || {
            let mut text = String::new();
            for line in BufReader::new(errors).lines() {
                let Ok(line) = line else { break };
                text.push_str(&line);
                text.push('\n');
            }
            let _ = err_tx.send(text);
        });
        ChildProcess {
            stdin: child.stdin.take(),
            child,
            lines,
            stderr,
        }
    }

    /// The next line, waiting at most until `deadline`.
    pub fn next_line(&mut self, deadline: Instant) -> Option<Line> {
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.lines.recv_timeout(wait) {
            Ok(line) => Some(Line::Text(line)),
            Err(RecvTimeoutError::Disconnected) => Some(Line::Closed),
            Err(RecvTimeoutError::Timeout) => None,
        }
    }

    /// Every line still to come, up to the end of the child's output.
    pub fn rest(&mut self, timeout: Duration) -> Vec<String> {
        let deadline = Instant::now() + timeout;
        let mut rest = Vec::new();
        loop {
            match self.next_line(deadline) {
                Some(Line::Text(line)) => rest.push(line),
                Some(Line::Closed) => return rest,
                None => panic!("the child's output did not end within {timeout:?}"),
            }
        }
    }

    pub fn id(&self) -> u32 {
        self.child.id()
    }

    pub fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("child stdin");
        writeln!(stdin, "{line}").expect("write to the child");
        stdin.flush().expect("flush to the child");
    }

    /// SIGKILL on Unix: no destructor, no flush, no SQLite cleanup runs in the child.
    pub fn kill(&mut self) {
        self.child.kill().expect("kill the child");
        self.child.wait().expect("reap the child");
    }

    /// Waits for the child to exit by itself; returns whether it succeeded and its stderr.
    pub fn finish(&mut self, timeout: Duration) -> (bool, String) {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "the child did not exit within {timeout:?}"
            );
            std::thread::sleep(Duration::from_millis(5));
        };
        let stderr = self
            .stderr
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_default();
        (status.success(), stderr)
    }
}

impl Drop for ChildProcess {
    /// A failing assertion in the parent must not leave children writing in the background.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `PRAGMA integrity_check` answers `ok` in a single row when the file is sound.
pub fn integrity(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
            .expect("open the file for checking");
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
        .expect("prepare integrity_check");
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("run integrity_check")
        .collect::<rusqlite::Result<_>>()
        .expect("read integrity_check");
    rows.join("\n")
}

/// A seed from the environment reproduces a failing run; otherwise a fresh one.
pub fn seed(var: &str) -> u64 {
    match std::env::var(var) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{var} must be a number, not {text:?}")),
        Err(_) => fastrand::u64(..),
    }
}
