//! Waits for what the event loop must answer: a key in the terminal, the terminal closing
//! under the desk (an ssh drop, a closed window), or SIGHUP/SIGTERM.
//!
//! Crossterm's reader cannot tell a closed terminal from a quiet one: on end-of-file or EIO
//! it reads again and again without returning, so the loop would never get to keep the
//! draft. The loop therefore asks `poll(2)` first, which reports a hang-up as such, and lets
//! crossterm read only when there is something to read.

use std::fs::File;
use std::io::{self, IsTerminal, Read as _, Write as _};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

/// Why the desk stopped other than by the agent's quit; each has its own exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Stopped {
    #[error("the terminal closed (an ssh drop or a closed window)")]
    TerminalClosed,
    #[error("stopped by SIGTERM")]
    Terminated,
}

impl Stopped {
    /// The shell's convention, 128 plus the signal: 129 for a hang-up, 143 for SIGTERM.
    pub fn exit_code(self) -> u8 {
        match self {
            Stopped::TerminalClosed => 128 + 1,
            Stopped::Terminated => 128 + 15,
        }
    }
}

/// What `Watch::wait` saw.
#[derive(Debug, PartialEq, Eq)]
pub enum Seen {
    Input,
    Nothing,
    Stop(Stopped),
}

pub struct Watch {
    /// The terminal the keys come from; `None` where there is none to watch (the loop then
    /// relies on crossterm and the signals alone).
    tty: Option<Tty>,
    /// Written to by the signal thread, so that a signal ends the wait at once.
    wake: UnixStream,
    signal: Arc<AtomicI32>,
}

enum Tty {
    Stdin,
    /// Crossterm reads `/dev/tty` when stdin is not a terminal; so is this watched.
    Device(File),
}

/// The part the signal thread keeps.
pub struct Alarm {
    wake: UnixStream,
    signal: Arc<AtomicI32>,
}

impl Alarm {
    /// Records the signal and ends the loop's wait.
    pub fn ring(&self, signal: i32) {
        self.signal.store(signal, Ordering::SeqCst);
        let _ = (&self.wake).write_all(&[1]);
    }
}

impl Watch {
    pub fn new() -> io::Result<(Watch, Alarm)> {
        let (mine, theirs) = UnixStream::pair()?;
        mine.set_nonblocking(true)?;
        let signal = Arc::new(AtomicI32::new(0));
        let tty = if io::stdin().is_terminal() {
            Some(Tty::Stdin)
        } else {
            File::open("/dev/tty").ok().map(Tty::Device)
        };
        let alarm = Alarm {
            wake: theirs,
            signal: Arc::clone(&signal),
        };
        Ok((
            Watch {
                tty,
                wake: mine,
                signal,
            },
            alarm,
        ))
    }

    /// Waits up to `timeout` for a key, a closed terminal or a signal.
    pub fn wait(&self, timeout: Duration) -> io::Result<Seen> {
        if let Some(stopped) = self.signalled() {
            return Ok(Seen::Stop(stopped));
        }
        let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
        let mut fds = vec![pollfd(self.wake.as_raw_fd())];
        if let Some(tty) = self.tty_fd() {
            fds.push(pollfd(tty));
        }
        let ready = loop {
            // SAFETY: `fds` is a live array of `fds.len()` pollfd structs for the whole call.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, millis) };
            if n >= 0 {
                break n;
            }
            let error = io::Error::last_os_error();
            if error.kind() != io::ErrorKind::Interrupted {
                return Err(error);
            }
        };
        if let Some(stopped) = self.signalled() {
            return Ok(Seen::Stop(stopped));
        }
        if ready == 0 {
            return Ok(Seen::Nothing);
        }
        Ok(match fds.get(1).map(|tty| tty.revents) {
            Some(events) if events & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 => {
                Seen::Stop(Stopped::TerminalClosed)
            }
            Some(events) if events & libc::POLLIN != 0 => Seen::Input,
            _ => Seen::Nothing,
        })
    }

    /// A signal came or the terminal closed; asked before crossterm may touch the terminal.
    pub fn stopped(&self) -> Option<Stopped> {
        self.signalled()
            .or_else(|| self.terminal_closed().then_some(Stopped::TerminalClosed))
    }

    /// True when the terminal has gone away; asked when drawing to it failed.
    pub fn terminal_closed(&self) -> bool {
        let Some(tty) = self.tty_fd() else {
            return false;
        };
        let mut fds = [pollfd(tty)];
        // SAFETY: as in `wait`, for one struct and no waiting.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) };
        n > 0 && fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }

    fn signalled(&self) -> Option<Stopped> {
        let mut drained = [0u8; 16];
        while matches!((&self.wake).read(&mut drained), Ok(n) if n > 0) {}
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            signal if signal == signal_hook::consts::SIGTERM => Some(Stopped::Terminated),
            _ => Some(Stopped::TerminalClosed),
        }
    }

    fn tty_fd(&self) -> Option<RawFd> {
        self.tty.as_ref().map(|tty| match tty {
            Tty::Stdin => io::stdin().as_raw_fd(),
            Tty::Device(file) => file.as_raw_fd(),
        })
    }
}

fn pollfd(fd: RawFd) -> libc::pollfd {
    libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_ends_the_wait_and_says_which() {
        let (watch, alarm) = Watch::new().expect("watch");
        assert_eq!(
            watch.wait(Duration::from_millis(1)).expect("wait"),
            Seen::Nothing
        );
        alarm.ring(signal_hook::consts::SIGHUP);
        assert_eq!(
            watch.wait(Duration::from_secs(60)).expect("wait"),
            Seen::Stop(Stopped::TerminalClosed)
        );
        alarm.ring(signal_hook::consts::SIGTERM);
        assert_eq!(
            watch.wait(Duration::from_secs(60)).expect("wait"),
            Seen::Stop(Stopped::Terminated)
        );
    }
}
