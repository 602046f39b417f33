//! The caller search on a desk too large for a keystroke to rank everyone: the desk asks for
//! the pass over every caller, the app says an answer is due, and the pass's answer ends the
//! wait. The test plays the event loop's part with the real background thread.

mod support;

use std::time::Duration;

use balie::app::{Action, Popup, TerminalEffect};
use balie::desk::SEARCH_RESULTS;
use balie::desk::background_search::BackgroundSearch;
use balie::domain::NewCaller;
use balie::store::Store;
use support::{Harness, monday_morning};

/// More callers than a keystroke ranks one by one, and Jan de Vries, whose initials share
/// no trigram with his name.
fn large_desk(path: &std::path::Path) -> Store {
    let mut store = Store::open(path, "anna").expect("store");
    store
        .in_one_transaction(|store| {
            for n in 0..6_000 {
                let caller = NewCaller {
                    name: format!("Caller {n} Bakker"),
                    organization: "Gemeente Zwolle".into(),
                    ..Default::default()
                };
                store.create_caller(&caller, monday_morning())?;
            }
            let jan = NewCaller {
                name: "Jan de Vries".into(),
                organization: "Gemeente Utrecht".into(),
                ..Default::default()
            };
            store.create_caller(&jan, monday_morning())
        })
        .expect("callers");
    store
}

fn shown(h: &Harness) -> Vec<String> {
    match &h.desk.app.popup {
        Some(Popup::Search(search)) => search.hits.iter().map(|hit| hit.name.clone()).collect(),
        _ => panic!("the caller search is open"),
    }
}

#[test]
fn initials_on_a_large_desk_are_found_by_the_pass_the_app_waits_for() {
    let folder = tempfile::tempdir().expect("temp folder");
    let path = folder.path().join("desk.db");
    let mut h = Harness::on(large_desk(&path));
    let everyone =
        BackgroundSearch::start(Store::open(&path, "anna").expect("store"), SEARCH_RESULTS);

    let effects = h.keys("n jdvr");
    assert_eq!(
        effects.last(),
        Some(&TerminalEffect::SearchEverywhere("jdvr".into())),
        "the quick search cannot consider every caller"
    );
    assert!(h.desk.app.search_pending());
    assert!(!shown(&h).contains(&"Jan de Vries".to_string()));

    // As the event loop does: every pass asked for is started, the newest cancels the others.
    for effect in effects {
        if let TerminalEffect::SearchEverywhere(query) = effect {
            everyone.search(query);
        }
    }
    loop {
        let found = everyone
            .result_within(Duration::from_secs(60))
            .expect("the pass over every caller answers");
        let last = found.query == "jdvr";
        let answer = Action::CallerHits {
            query: found.query,
            hits: found.hits,
            exhaustive: true,
        };
        assert!(h.desk.dispatch(answer, h.now).is_empty());
        if last {
            break;
        }
        assert!(
            h.desk.app.search_pending(),
            "an answer for an older query does not end the wait"
        );
    }
    assert!(!h.desk.app.search_pending());
    assert_eq!(shown(&h).first().map(String::as_str), Some("Jan de Vries"));
}

#[test]
fn closing_the_search_ends_the_wait_for_everyone() {
    let folder = tempfile::tempdir().expect("temp folder");
    let path = folder.path().join("desk.db");
    let mut h = Harness::on(large_desk(&path));

    h.keys("n jdvr");
    assert!(h.desk.app.search_pending());
    h.keys("<esc>");
    assert!(!h.desk.app.search_pending());
    assert!(h.desk.app.popup.is_none());
}
