//! The real binary in a pseudo-terminal, read through a terminal emulator: every wait has a
//! timeout, never a bare sleep.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const WAIT: Duration = Duration::from_secs(15);

pub struct Session {
    /// Held so that the terminal stays open for as long as the session lives.
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Everything balie wrote, for sequences the emulator does not keep (OSC 52).
    output: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    pub fn start(home: &Path, args: &[&str]) -> Session {
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

    /// The desk's process id, for signals.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the desk's pid")
    }

    pub fn mouse_captured(&self) -> bool {
        self.screen
            .lock()
            .is_ok_and(|p| p.screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None)
    }

    /// Where `text` is on screen, 0-based (column, row).
    pub fn position_of(&self, text: &str) -> (usize, usize) {
        let contents = self.contents();
        for (row, line) in contents.lines().enumerate() {
            if let Some(at) = line.find(text) {
                return (line[..at].chars().count(), row);
            }
        }
        panic!("{text:?} is not on screen:\n{contents}");
    }

    pub fn wrote(&self, bytes: &[u8]) -> bool {
        self.output
            .lock()
            .is_ok_and(|raw| raw.windows(bytes.len()).any(|w| w == bytes))
    }

    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn wait_for(&self, text: &str) {
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

    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
        // Let the desk take each key before the next, as a typist would.
        std::thread::sleep(Duration::from_millis(40));
    }

    pub fn alternate_screen(&self) -> bool {
        self.screen
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    }

    pub fn wait_for_exit(&mut self) -> bool {
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
