//! The desk's sync thread: its own connection to the desk's file and to the team store.
//! It pushes what the desk writes within a moment, pulls when the store says (LISTEN/NOTIFY)
//! that another desk wrote, and otherwise checks in every few seconds, so a connection lost
//! is noticed and a connection regained is caught up with a pull (notifications sent while
//! away are lost). The desk itself never waits for the network: it reads its own file,
//! where the worker's pulls appear as another connection's commits.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::Utc;
use postgres::fallible_iterator::FallibleIterator;

use super::address::Address;
use super::{SyncError, connect, exchange};
use crate::store::Store;

/// Ticket numbers leased at a time.
pub const KEY_BLOCK: i32 = 200;

/// How often the worker looks for the desk's own new writes.
const LOOK: Duration = Duration::from_millis(50);
/// A round even when nothing happened: proves the connection alive.
const CHECK_IN: Duration = Duration::from_secs(5);
/// Between attempts to reach a store that did not answer.
const RETRY: Duration = Duration::from_secs(2);

pub struct Worker {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts syncing the desk at `path` as `agent`; it stops when dropped.
    pub fn start(path: PathBuf, agent: String, ca_file: Option<PathBuf>) -> Worker {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("team sync".into())
            .spawn(move || run(&path, &agent, ca_file.as_deref(), &flag))
            .ok();
        Worker { stop, thread }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // A round in progress may wait on a dead network for seconds; the desk does not wait
        // for it to end (the process is leaving).
        drop(self.thread.take());
    }
}

fn run(path: &std::path::Path, agent: &str, ca_file: Option<&std::path::Path>, stop: &AtomicBool) {
    let mut store = None;
    while !stop.load(Ordering::Relaxed) {
        let opened = match store.as_mut() {
            Some(store) => store,
            None => match Store::open(path, agent) {
                Ok(opened) => store.insert(opened),
                Err(_) => {
                    pause(RETRY, stop);
                    continue;
                }
            },
        };
        match session(opened, ca_file, stop) {
            Ok(()) => return,
            Err(error) => {
                if error.is_offline() {
                    let _ = opened.set_online(false, Utc::now());
                }
                pause(RETRY, stop);
            }
        }
    }
}

/// One connection's life: an opening round, then rounds as things happen, until the
/// connection fails (an error) or the desk stops (`Ok`).
fn session(
    store: &mut Store,
    ca_file: Option<&std::path::Path>,
    stop: &AtomicBool,
) -> Result<(), SyncError> {
    let team = store.team()?.ok_or(SyncError::NotAMember)?;
    let address = Address::parse(&team.url)?;
    let mut client = connect::connect(&address, ca_file)?;
    client
        .batch_execute("LISTEN balie_changes")
        .map_err(|e| connect::failure(&address, e))?;
    exchange::exchange(&mut client, store, &address, Utc::now(), &mut |_| {})?;
    let mut last_round = Instant::now();
    let mut seen_version = store.data_version()?;
    while !stop.load(Ordering::Relaxed) {
        let mut due = last_round.elapsed() >= CHECK_IN;
        {
            let mut notifications = client.notifications();
            let mut waiting = notifications.timeout_iter(LOOK);
            match waiting.next() {
                Ok(Some(_)) => due = true,
                Ok(None) => {}
                Err(e) => return Err(connect::failure(&address, e)),
            }
        }
        let version = store.data_version()?;
        if version != seen_version {
            seen_version = version;
            due |= store.team()?.is_some_and(|t| t.pending > 0);
        }
        if due {
            // `seen_version` stays as read before the round: the round's own commits do not
            // move it, and a write the desk makes during the round must be looked at next.
            exchange::exchange(&mut client, store, &address, Utc::now(), &mut |_| {})?;
            last_round = Instant::now();
        }
    }
    Ok(())
}

fn pause(time: Duration, stop: &AtomicBool) {
    let end = Instant::now() + time;
    while Instant::now() < end && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
    }
}
