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

use super::address::Address;
use super::connect::Link;
use super::{SyncError, exchange};
use crate::domain::figures::FigureRules;
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
    /// `rules`: the desk's settings, under which the figures of what it pulls are kept.
    pub fn start(
        path: PathBuf,
        agent: String,
        ca_file: Option<PathBuf>,
        rules: FigureRules,
    ) -> Worker {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("team sync".into())
            .spawn(move || run(&path, &agent, ca_file.as_deref(), &rules, &flag))
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

fn run(
    path: &std::path::Path,
    agent: &str,
    ca_file: Option<&std::path::Path>,
    rules: &FigureRules,
    stop: &AtomicBool,
) {
    let mut store = None;
    while !stop.load(Ordering::Relaxed) {
        let opened = match store.as_mut() {
            Some(store) => store,
            None => match Store::open(path, agent).and_then(|mut opened| {
                opened.for_sync_worker()?;
                opened.use_figure_rules(rules.clone())?;
                Ok(opened)
            }) {
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
///
/// With many desks on one store, every push notifies every desk, so a round is only made
/// when it can bring something: a change newer than the desk has pulled (never the desk's
/// own push, already level), a local write to push, or the check-in; and a round for the
/// first alone only pulls. Presence is told when the desk's open ticket moves and at
/// check-in, and asked when someone else's moves.
fn session(
    store: &mut Store,
    ca_file: Option<&std::path::Path>,
    stop: &AtomicBool,
) -> Result<(), SyncError> {
    let team = store.team()?.ok_or(SyncError::NotAMember)?;
    let address = Address::parse(&team.url)?;
    let mut link = Link::open(&address, ca_file)?;
    link.execute("LISTEN balie_changes")?;
    exchange::exchange(&link, store, Utc::now(), &mut |_| {})?;
    let mut viewing = store.viewing()?;
    tell_presence(&link, &team.desk_id, viewing.as_deref())?;
    learn_presence(&link, store, &team.desk_id)?;
    let mut last_check_in = Instant::now();
    let mut seen_version = store.data_version()?;
    while !stop.load(Ordering::Relaxed) {
        let heard = link.notified_within(LOOK)?;
        let check_in = last_check_in.elapsed() >= CHECK_IN;
        let mut whole = check_in;
        let behind = match heard.newest_change {
            Some(newest) => newest > store.pulled_seq()?,
            None => false,
        };
        let mut moved = false;
        // This connection's own writes leave its data version as it is, so a desk's write
        // made during a round is still seen on the next look.
        let version = store.data_version()?;
        if version != seen_version {
            seen_version = version;
            whole |= store.team()?.is_some_and(|t| t.pending > 0);
            let now_viewing = store.viewing()?;
            moved = now_viewing != viewing;
            viewing = now_viewing;
        }
        if whole {
            exchange::exchange(&link, store, Utc::now(), &mut |_| {})?;
        } else if behind {
            exchange::pull_heard(&link, store, &team.desk_id, &heard, Utc::now())?;
        }
        if check_in || moved {
            tell_presence(&link, &team.desk_id, viewing.as_deref())?;
        }
        if check_in || moved || heard.presence {
            learn_presence(&link, store, &team.desk_id)?;
        }
        if check_in {
            last_check_in = Instant::now();
        }
    }
    Ok(())
}

/// Tells the store which ticket this desk has open (and that the desk is still there).
fn tell_presence(link: &Link, desk: &str, viewing: Option<&str>) -> Result<(), SyncError> {
    link.query("SELECT balie.here($1, $2)", &[&desk, &viewing])?;
    Ok(())
}

/// Learns who else has a ticket open.
fn learn_presence(link: &Link, store: &mut Store, desk: &str) -> Result<(), SyncError> {
    let present: Vec<(String, String)> = link
        .query("SELECT agent, ticket_id FROM balie.present($1)", &[&desk])?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    store.set_present(&present, Utc::now())?;
    Ok(())
}

fn pause(time: Duration, stop: &AtomicBool) {
    let end = Instant::now() + time;
    while Instant::now() < end && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
    }
}
