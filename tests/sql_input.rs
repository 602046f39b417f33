//! Text that looks like SQL or FTS5 query syntax, typed into every text field of the desk,
//! is stored as typed and leaves every table in place.

mod support;

use balie::app::Popup;
use balie::desk::Desk;
use balie::domain::{EventKind, NewCaller, Promise};
use balie::store::Store;
use chrono::Duration;
use rusqlite::Connection;
use support::{Harness, config, monday_morning};

const TYPED: &[&str] = &[
    "'; DROP TABLE tickets; --",
    "Robert'); DELETE FROM callers;--",
    "\" OR 1=1 --",
    "NEAR(a b)",
    "*",
    "\"",
    "x' OR 'x'='x",
    "haystack:* OR caller_id MATCH \"a\"",
    "100% _done_ \\",
];

/// Spaces separate key tokens in the harness; a typed space is `<space>`.
fn keys(text: &str) -> String {
    text.replace(' ', "<space>")
}

/// Several phones, e-mails or identifiers are separated by `;` in the new-caller form.
fn listed(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn tables(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT name FROM sqlite_schema ORDER BY name")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .expect("schema")
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

fn ticket_promises(h: &Harness) -> Vec<Promise> {
    h.desk
        .app
        .views
        .ticket
        .as_ref()
        .expect("an open ticket")
        .promises
        .clone()
}

#[test]
fn sql_and_fts_syntax_in_every_field_is_stored_verbatim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.db");
    let mut store = Store::open(&path, "anna").expect("store");
    // Above 5,000 callers search goes through the FTS5 index instead of ranking everyone,
    // so the typed text reaches a MATCH.
    let fillers: Vec<NewCaller> = (0..5001)
        .map(|n| NewCaller {
            name: format!("Filler {n:05}"),
            ..Default::default()
        })
        .collect();
    store
        .import_callers(&fillers, monday_morning() - Duration::days(1))
        .expect("fillers");
    let schema_before = tables(&Connection::open(&path).expect("second connection"));
    let mut config = config();
    config.categories = TYPED.iter().map(|s| s.to_string()).collect();
    let mut h = Harness {
        desk: Desk::new(store, config, monday_morning()),
        now: monday_morning(),
    };

    for (index, text) in TYPED.iter().copied().enumerate() {
        let t = keys(text);
        h.press(&format!("n {t}"));
        // A hit can only be a caller added by an earlier round whose name contains what
        // was typed (`"` finds `" OR 1=1 --`); the new-caller row comes after the hits.
        let hits = match &h.desk.app.popup {
            Some(Popup::Search(search)) => search.hits.clone(),
            _ => panic!("{text:?}: the caller search should be open"),
        };
        assert!(
            hits.iter()
                .all(|hit| hit.name.contains(text) && TYPED[..index].contains(&hit.name.as_str())),
            "{text:?} found {hits:?}"
        );
        h.press(&"<down> ".repeat(hits.len()));
        assert!(
            h.desk.app.message.as_ref().is_none_or(|m| !m.is_error),
            "{text:?}: {:?}",
            h.desk.app.message
        );
        h.press(&format!(
            "<enter> <tab> {t} <tab> {t} <tab> {t} <tab> {t} <enter>"
        ));
        h.press(&format!("{t} <enter>"));
        let ticket = h.desk.app.current_ticket().expect("ticket opened").clone();
        assert_eq!(ticket.subject, text);
        assert_eq!(ticket.caller_name, text);
        let caller_id = ticket.caller_id.clone().expect("caller");
        let caller = h
            .desk
            .store
            .caller(&caller_id)
            .expect("read")
            .expect("caller");
        assert_eq!(caller.name, text);
        assert_eq!(caller.organization, text);
        assert_eq!(caller.phones, listed(text));
        assert_eq!(caller.emails, listed(text));
        assert_eq!(caller.identifiers, listed(text));

        h.press(&format!("a {t} <enter>"));
        for due in ["+1h", "+2h", "+3h"] {
            h.press(&format!(
                "p {t} <tab> <c-a> <c-k> {t} <tab> <tab> {due} <enter>"
            ));
        }
        let promises = ticket_promises(&h);
        assert_eq!(promises.len(), 3, "{text:?}");
        assert!(promises.iter().all(|p| p.what == text && p.to == text));
        h.press(&format!("R tomorrow<space>9:00 <tab> {t} <enter>"));
        h.press(&format!("X {t} <enter>"));
        h.press(&format!("K {t} <enter>"));
        h.press(&format!("c {} <enter>", "<right> ".repeat(index)));
        h.press(&format!("g +{t} <enter>"));
        assert!(h.desk.app.popup.is_none(), "{text:?}: a form stayed open");

        let ticket = h.desk.app.current_ticket().expect("ticket").clone();
        assert_eq!(ticket.category.as_deref(), Some(text));
        assert_eq!(ticket.assignee.as_deref(), Some(text));
        let timeline = h.desk.store.timeline(&ticket.id, 100).expect("timeline");
        let texts = |kind: EventKind| -> Vec<&str> {
            timeline
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| e.text.as_str())
                .collect()
        };
        assert_eq!(texts(EventKind::Created), [text]);
        assert_eq!(texts(EventKind::Note), [text]);
        assert_eq!(
            texts(EventKind::PromiseMade),
            [text; 4],
            "three and a successor"
        );
        assert_eq!(texts(EventKind::PromiseRescheduled), [text]);
        assert_eq!(texts(EventKind::PromiseCancelled), [text]);
        assert_eq!(texts(EventKind::ContactOut), [text], "the keep outcome");
        let category = timeline
            .iter()
            .find(|e| e.kind == EventKind::CategoryChanged)
            .expect("category event");
        assert_eq!(category.data["to"], text);
        let open = ticket_promises(&h);
        assert_eq!(
            open.len(),
            1,
            "{text:?}: only the rescheduled successor is open"
        );
        assert_eq!((open[0].what.as_str(), open[0].to.as_str()), (text, text));
    }

    let conn = Connection::open(&path).expect("second connection");
    assert_eq!(
        tables(&conn),
        schema_before,
        "no table was dropped or added"
    );
    let n = TYPED.len() as i64;
    assert_eq!(count(&conn, "callers"), 5001 + n);
    assert_eq!(count(&conn, "caller_fts"), 5001 + n);
    assert_eq!(count(&conn, "tickets"), n);
    assert_eq!(count(&conn, "promises"), 4 * n);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(integrity, "ok");
    // The stored text is found again by the search it was typed into.
    let hits = h.desk.store.search_callers(TYPED[0], 5).expect("search");
    assert_eq!(hits.first().map(|c| c.name.as_str()), Some(TYPED[0]));
}
