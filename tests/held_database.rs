//! Another process holds the desk's write lock (a large import, `forget`): the desk goes on
//! taking keys, says what it is waiting for, keeps what was typed and saves it once the
//! database is free. A draft that cannot be written says so; one discarded with Esc stays
//! discarded.
//!
//! The lock holder is this test binary running `lock_holder_child` in its own process, as
//! an import would be: SQLite's locks between processes are the ones that matter.

mod support;

use std::path::Path;
use std::time::{Duration as Wait, Instant};

use balie::app::Popup;
use balie::domain::EventKind;
use balie::store::Store;
use chrono::Duration;
use support::Harness;
use support::child::{ChildProcess, Line};

const CHILD: &str = "BALIE_LOCK_HOLDER_DB";

/// Holds the write lock on the file named in `BALIE_LOCK_HOLDER_DB` until told to let go.
#[test]
fn lock_holder_child() {
    let Ok(path) = std::env::var(CHILD) else {
        return;
    };
    let conn = rusqlite::Connection::open(&path).expect("open the desk");
    conn.execute_batch("BEGIN IMMEDIATE")
        .expect("take the write lock");
    println!("held");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    conn.execute_batch("COMMIT").expect("let go");
    println!("released");
}

struct Holder(ChildProcess);

impl Holder {
    fn take(path: &Path) -> Holder {
        let path = path.to_str().expect("utf-8 path");
        let mut child = ChildProcess::spawn("lock_holder_child", &[(CHILD, path)]);
        wait_for(&mut child, "held");
        Holder(child)
    }

    fn release(mut self) {
        self.0.send("go");
        wait_for(&mut self.0, "released");
        let (ok, stderr) = self.0.finish(Wait::from_secs(30));
        assert!(ok, "{stderr}");
    }
}

fn wait_for(child: &mut ChildProcess, word: &str) {
    let deadline = Instant::now() + Wait::from_secs(60);
    loop {
        match child.next_line(deadline) {
            Some(Line::Text(line)) if line.contains(word) => return,
            Some(Line::Text(_)) => {}
            Some(Line::Closed) | None => panic!("the lock holder never said {word:?}"),
        }
    }
}

/// A desk on a file with one caller, whose call is logged on a new ticket.
fn desk_on(path: &Path) -> Harness {
    let mut store = Store::open(path, "anna").expect("desk");
    store
        .create_caller(
            &support::jan(),
            support::monday_morning() - Duration::days(30),
        )
        .expect("caller");
    let mut h = Harness::on(store);
    h.press("n vries <enter> VPN<space>drops<space>every<space>hour <enter>");
    assert!(h.desk.app.popup.is_none(), "the ticket is open");
    h
}

fn status(h: &Harness) -> String {
    h.desk
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn form_error(h: &Harness) -> String {
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => form.error.clone().unwrap_or_default(),
        _ => panic!("the form should still be open"),
    }
}

fn notes(h: &Harness) -> Vec<String> {
    let view = h.desk.app.views.ticket.as_ref().expect("an open ticket");
    view.timeline
        .iter()
        .filter(|e| e.kind == EventKind::Note)
        .map(|e| e.text.clone())
        .collect()
}

#[test]
fn a_note_typed_while_an_import_holds_the_database_is_saved_once_it_is_free() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("desk.db");
    let mut h = desk_on(&path);

    let holder = Holder::take(&path);
    let holder_pid = holder.0.id();
    h.press("a toner<space>ordered");
    h.advance(Duration::milliseconds(300));
    let said = status(&h);
    assert!(said.contains("waiting for the database"), "{said}");
    assert!(
        said.contains(&format!("pid {holder_pid}")),
        "names the holder: {said}"
    );
    assert!(
        h.screen(120, 30).contains("waiting for the database"),
        "on screen"
    );

    h.press("<enter>");
    let error = form_error(&h);
    assert!(error.contains("saved as soon as it is free"), "{error}");
    assert!(notes(&h).is_empty(), "nothing could be written yet");
    h.advance(Duration::milliseconds(300));
    assert!(
        matches!(h.desk.app.popup, Some(Popup::Form(_))),
        "still held: the form waits"
    );

    holder.release();
    h.advance(Duration::milliseconds(300));
    assert!(h.desk.app.popup.is_none(), "saved by itself once free");
    assert_eq!(notes(&h), ["toner ordered"]);
    assert!(!status(&h).contains("waiting"), "{}", status(&h));
    assert!(
        h.desk.store.draft().expect("read").is_none(),
        "no draft left"
    );
}

#[test]
fn a_waiting_note_the_agent_changes_or_discards_is_not_saved_behind_their_back() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("desk.db");
    let mut h = desk_on(&path);
    h.press("a first<space>words");
    h.advance(Duration::milliseconds(300));
    assert!(
        h.desk.store.draft().expect("read").is_some(),
        "kept as a draft"
    );

    let holder = Holder::take(&path);
    h.press("<enter> <esc>");
    h.advance(Duration::milliseconds(300));
    assert!(
        status(&h).contains("waiting for the database"),
        "{}",
        status(&h)
    );
    holder.release();
    h.advance(Duration::milliseconds(300));
    assert!(notes(&h).is_empty(), "Esc dropped the note");
    assert!(!status(&h).contains("waiting"), "{}", status(&h));
    assert!(
        h.desk.store.draft().expect("read").is_none(),
        "the discarded draft is gone from the file"
    );
    drop(h);

    let again = Harness::on(Store::open(&path, "anna").expect("desk"));
    assert!(
        again.desk.app.popup.is_none(),
        "nothing comes back on the next start"
    );
}

#[test]
fn a_draft_the_disk_refuses_says_so_and_is_kept_once_there_is_room() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("desk.db");
    let mut h = desk_on(&path);
    h.desk
        .store
        .simulate_full_disk(true)
        .expect("fill the disk");
    // Longer than the free room left in the file's pages.
    let long = "half a sentence ".repeat(400);
    h.press("a");
    h.desk.dispatch(balie::app::Action::Paste(long), h.now);
    h.advance(Duration::milliseconds(300));
    let said = status(&h);
    assert!(said.contains("the draft could not be kept"), "{said}");
    assert!(h.screen(120, 30).contains("the draft could not be kept"));

    h.desk.store.simulate_full_disk(false).expect("make room");
    h.advance(Duration::milliseconds(300));
    assert!(!status(&h).contains("could not be kept"), "{}", status(&h));
    let (draft, _) = h.desk.store.draft().expect("read").expect("kept now");
    assert!(draft.contains("half a sentence"), "{draft}");
}

#[test]
fn a_draft_discarded_with_esc_just_before_quitting_stays_discarded() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("desk.db");
    let mut h = desk_on(&path);
    h.press("a call<space>back<space>later");
    h.advance(Duration::milliseconds(300));
    assert!(
        h.desk.store.draft().expect("read").is_some(),
        "kept as a draft"
    );

    // Esc and quit within the same quarter second: no tick runs in between, only the last
    // keep the runtime makes when the desk stops.
    h.press("<esc>");
    h.desk.keep_draft_at_exit(h.now).expect("the last keep");
    drop(h);

    let again = Harness::on(Store::open(&path, "anna").expect("desk"));
    assert!(again.desk.app.popup.is_none(), "nothing comes back");
    assert!(again.desk.store.draft().expect("read").is_none());
}

/// While another process holds the write lock, the idle desk's catching up on stale caller
/// cards neither waits for it nor says anything; once the lock is free it goes on.
#[test]
fn the_idle_desk_leaves_stale_cards_while_the_database_is_held() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("desk.db");
    let mut h = desk_on(&path);
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute("UPDATE caller_cards SET card = NULL", []))
        .expect("stale");
    let said = status(&h);
    let holder = Holder::take(&path);
    let started = Instant::now();
    h.desk.keep_cards_while_idle();
    assert!(
        started.elapsed() < Wait::from_millis(500),
        "waited {:?} for the lock",
        started.elapsed()
    );
    assert!(h.desk.store.has_stale_caller_cards().expect("stale"));
    assert_eq!(status(&h), said, "nothing to tell the agent");
    holder.release();
    h.desk.keep_cards_while_idle();
    assert!(!h.desk.store.has_stale_caller_cards().expect("stale"));
}
