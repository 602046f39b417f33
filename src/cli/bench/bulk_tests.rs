//! The bulk writer against the store's own writes: the same story told both ways must
//! leave the same rows.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};

use crate::domain::{Channel, NewPromise, Status};
use crate::store::{self, BulkTicket, Did, NewTicket, Step, Store, StoreError};

fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
}

fn story() -> Vec<Step<'static>> {
    let (phone, email) = (Channel::Phone, Channel::Email);
    [
        (at(2, 9, 10), Did::Status(Status::Open)),
        (at(2, 9, 20), Did::Note(" Remote session. ")),
        (at(2, 11, 0), Did::Contact(true, email, "Screenshot.")),
        (at(2, 11, 0), Did::Promise("Call back", phone, at(2, 15, 0))),
        (at(2, 14, 0), Did::Reschedule(0, at(3, 9, 0), "Vendor")),
        (at(3, 9, 30), Did::Keep(1, "Called back.")),
        (at(3, 9, 30), Did::Callback("Ring back", phone, at(4, 9, 0))),
        (at(3, 10, 0), Did::Cancel(2, "Solved")),
        (at(3, 10, 0), Did::Status(Status::Resolved)),
    ]
    .into_iter()
    .map(|(at, what)| Step { at, what })
    .collect()
}

/// The same story through the store's own writes, one transaction per step.
fn written_by_the_store(path: &Path) {
    let mut store = Store::open(path, "anna").unwrap();
    let caller = store
        .create_caller(&crate::store::fixtures::jan(), at(1, 8, 0))
        .unwrap();
    let new = NewTicket {
        prefix: "T",
        caller_id: &caller.id,
        subject: "VPN drops",
        impact: 3,
        urgency: 2,
        priority: 2,
        category: Some("Network"),
    };
    let opened = store.open_ticket_with_call(&new, "Drops hourly.", at(2, 9, 0));
    let t = opened.unwrap().id;
    let mut promises = Vec::new();
    for Step { at, what } in story() {
        let step_what = what.clone();
        match what {
            Did::Status(to) => store.set_status(&t, to, at),
            Did::Note(text) => store.add_note(&t, text, at),
            Did::Contact(inbound, channel, note) => {
                store.log_contact(&t, inbound, channel, note, at)
            }
            Did::Promise(what, channel, due_at) | Did::Callback(what, channel, due_at) => {
                let (ticket_id, what, to) = (t.clone(), what.into(), String::new());
                let callback = matches!(step_what, Did::Callback(..));
                let new = NewPromise {
                    ticket_id,
                    what,
                    to,
                    callback,
                    channel,
                    due_at,
                };
                store.make_promise(&new, at).map(|p| promises.push(p.id))
            }
            Did::Keep(n, note) => store.keep_promise(&promises[n], note, at),
            Did::Cancel(n, reason) => store.cancel_promise(&promises[n], reason, at),
            Did::Reschedule(n, due, reason) => {
                let moved = store.reschedule_promise(&promises[n], due, reason, at);
                moved.map(|p| promises.push(p.id))
            }
        }
        .unwrap();
    }
}

fn written_in_bulk(path: &Path, steps: &[Step]) -> store::Result<()> {
    let mut store = Store::open(path, "anna").unwrap();
    store.fill_bulk("T", 7, at(9, 9, 0), |w| {
        let caller = w.caller(&crate::store::fixtures::jan(), "anna", at(1, 8, 0))?;
        w.ticket(&BulkTicket {
            caller,
            agent: "anna",
            subject: "VPN drops",
            call_note: "Drops hourly.",
            impact: 3,
            urgency: 2,
            priority: 2,
            category: Some("Network"),
            opened: at(2, 9, 0),
            steps,
        })
    })?;
    Ok(())
}

/// Every row of every table in a stable order, ids replaced by the order they first
/// appear in, since the store makes its ids from the clock.
fn dump(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables = [
        "callers",
        "caller_handles",
        "caller_fts",
        "tickets",
        "events",
        "promises",
        "alerts",
    ];
    let (mut ids, mut rows) = (Vec::<String>::new(), Vec::new());
    for table in tables {
        let order = if table == "events" { "at, id" } else { "rowid" };
        let sql = format!("SELECT * FROM {table} ORDER BY {order}");
        let mut stmt = conn.prepare(&sql).unwrap();
        let width = stmt.column_count();
        let mut query = stmt.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let cells = (0..width).map(|i| row.get::<_, rusqlite::types::Value>(i).unwrap());
            let cells: Vec<String> = cells.map(|c| format!("{c:?}")).collect();
            let id: String = row.get(0).unwrap();
            if !ids.contains(&id) {
                ids.push(id);
            }
            rows.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    let label = |row: String| {
        let ids = ids.iter().enumerate();
        ids.fold(row, |row, (n, id)| {
            row.replace(id.as_str(), &format!("#{n}"))
        })
    };
    rows.into_iter().map(label).collect()
}

#[test]
fn bulk_rows_match_the_stores_own_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (bulk, own) = (dir.path().join("bulk.db"), dir.path().join("own.db"));
    written_in_bulk(&bulk, &story()).unwrap();
    written_by_the_store(&own);
    assert_eq!(dump(&bulk), dump(&own));
}

#[test]
fn bulk_refuses_what_the_store_refuses() {
    let mut late_first = story();
    late_first.swap(0, 1);
    let mut kept_twice = story();
    let again = at(4, 9, 0);
    kept_twice.push(Step {
        at: again,
        what: Did::Keep(1, "Called again."),
    });
    let mut moved_closed = story();
    let what = Did::Reschedule(0, at(5, 9, 0), "Later");
    moved_closed.push(Step { at: again, what });
    let empty_note = vec![Step {
        at: at(2, 9, 5),
        what: Did::Note("  "),
    }];
    let dir = tempfile::tempdir().unwrap();
    for (n, bad) in [late_first, kept_twice, moved_closed, empty_note]
        .iter()
        .enumerate()
    {
        let error = written_in_bulk(&dir.path().join(format!("{n}.db")), bad).unwrap_err();
        assert!(matches!(error, StoreError::Invalid(_)), "{error}");
    }
}
