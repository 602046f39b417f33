//! The caller search over every caller, beside the quick one each keystroke runs.
//!
//! On a large desk a keystroke ranks only the callers that share a trigram with the query,
//! which keeps it within a frame but cannot find an abbreviation like "jdvr" for Jan de
//! Vries. This thread ranks the whole desk for the latest query and hands its hits back to
//! replace the quick ones. A newer query cancels a pass that is still running, so the
//! thread never falls behind the typist.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

use crate::domain::CallerHit;
use crate::domain::matching::{self, CallerText};
use crate::store::Store;

/// Callers change rarely during a call; reloading all of them for every change another
/// desk commits would cost more than it finds. The quick search sees changes at once.
const RELOAD_AT_MOST_EVERY: Duration = Duration::from_secs(10);

pub struct Found {
    pub query: String,
    pub hits: Vec<CallerHit>,
}

pub struct BackgroundSearch {
    requests: Sender<(u64, String)>,
    results: Receiver<Found>,
    latest: Arc<AtomicU64>,
}

impl BackgroundSearch {
    /// Starts the thread on its own connection to the desk's file. It loads the callers at
    /// once, so that the first search of the shift does not wait for them.
    pub fn start(store: Store, limit: usize) -> BackgroundSearch {
        let (requests, incoming) = channel();
        let (outgoing, results) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        // Loading every caller once every few seconds does not need a large page cache.
        let _ = store.set_page_cache_kib(1024);
        thread::spawn(move || serve(&store, limit, &incoming, &outgoing, &newest));
        BackgroundSearch {
            requests,
            results,
            latest,
        }
    }

    /// Asks for a pass over every caller; any pass still running for an older query stops.
    pub fn search(&self, query: String) {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        // A thread that has ended (its connection failed) leaves the quick hits standing.
        let _ = self.requests.send((generation, query));
    }

    /// Hits of a finished pass, if one finished since the last call.
    pub fn try_result(&self) -> Option<Found> {
        self.results.try_recv().ok()
    }

    /// Waits up to `timeout` for the hits of a pass.
    pub fn result_within(&self, timeout: Duration) -> Option<Found> {
        self.results.recv_timeout(timeout).ok()
    }
}

struct Callers {
    all: Vec<CallerText>,
    loaded_at: Instant,
    data_version: i64,
}

impl Callers {
    fn load(store: &Store) -> Option<Callers> {
        // The version is read first: a change made while loading then causes a reload.
        let data_version = store.data_version().ok()?;
        let all = store.every_caller_text().ok()?;
        Some(Callers {
            all,
            loaded_at: Instant::now(),
            data_version,
        })
    }

    fn is_stale(&self, store: &Store) -> bool {
        self.loaded_at.elapsed() >= RELOAD_AT_MOST_EVERY
            && store.data_version().ok() != Some(self.data_version)
    }
}

fn serve(
    store: &Store,
    limit: usize,
    requests: &Receiver<(u64, String)>,
    results: &Sender<Found>,
    latest: &AtomicU64,
) {
    let mut callers = Callers::load(store);
    while let Ok(mut request) = requests.recv() {
        // Only the newest query matters; the ones typed while a pass ran are skipped.
        while let Ok(newer) = requests.try_recv() {
            request = newer;
        }
        let (generation, query) = request;
        if callers.as_ref().is_none_or(|c| c.is_stale(store)) {
            callers = Callers::load(store);
        }
        let Some(callers) = &callers else { continue };
        let cancelled = || latest.load(Ordering::SeqCst) != generation;
        let Some(best) = matching::rank(&query, &callers.all, limit, cancelled) else {
            continue;
        };
        let ids: Vec<&str> = best.into_iter().map(CallerText::id).collect();
        let Ok(hits) = store.caller_hits(&ids) else {
            continue;
        };
        if results.send(Found { query, hits }).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NewCaller;
    use chrono::Utc;

    fn desk_with_many_callers(path: &std::path::Path) {
        let mut store = Store::open(path, "anna").expect("store");
        store
            .in_one_transaction(|store| {
                for n in 0..6_000 {
                    let name = format!("Caller {n} Bakker");
                    store.create_caller(
                        &NewCaller {
                            name,
                            organization: "Gemeente Zwolle".into(),
                            ..Default::default()
                        },
                        Utc::now(),
                    )?;
                }
                store.create_caller(
                    &NewCaller {
                        name: "Jan de Vries".into(),
                        organization: "Gemeente Utrecht".into(),
                        phones: vec!["+31 6 1234 5678".into()],
                        ..Default::default()
                    },
                    Utc::now(),
                )
            })
            .expect("callers");
    }

    #[test]
    fn an_abbreviation_the_quick_search_misses_is_found_by_the_pass_over_everyone() {
        let folder = tempfile::tempdir().expect("temp folder");
        let path = folder.path().join("desk.db");
        desk_with_many_callers(&path);
        let store = Store::open(&path, "anna").expect("store");

        let quick = store.search_callers_quickly("jdvr", 30).expect("search");
        assert!(quick.hits.is_empty(), "no trigram of jdvr is in any name");
        assert!(!quick.exhaustive);

        let background = BackgroundSearch::start(store, 30);
        background.search("jdvr".into());
        let found = background
            .result_within(Duration::from_secs(30))
            .expect("the pass over everyone answers");
        assert_eq!(found.query, "jdvr");
        assert_eq!(found.hits[0].name, "Jan de Vries");
        assert!(
            found.hits[0].detail.contains("+31 6 1234 5678"),
            "hits carry the line shown under the name"
        );
    }

    #[test]
    fn a_newer_query_replaces_an_older_one() {
        let folder = tempfile::tempdir().expect("temp folder");
        let path = folder.path().join("desk.db");
        desk_with_many_callers(&path);
        let background = BackgroundSearch::start(Store::open(&path, "anna").expect("store"), 30);
        background.search("bakker".into());
        background.search("jdvr".into());
        let mut last = None;
        while let Some(found) = background.result_within(Duration::from_secs(30)) {
            let done = found.query == "jdvr";
            last = Some(found);
            if done {
                break;
            }
        }
        let last = last.expect("an answer");
        assert_eq!(last.query, "jdvr", "the newest query is always answered");
        assert_eq!(last.hits[0].name, "Jan de Vries");
    }
}
