//! One round with the team store: lease ticket numbers if the desk runs low, push the
//! outbox, pull what is new. Pushing first means that, once a round ends, every field the
//! desk holds has been judged by the store.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::SyncError;
use super::address::Address;
use super::announced;
use super::connect::{Link, Notices};
use crate::domain::change::{Change, ChangeOp, Pulled};
use crate::store::{Applied, Store};

const PUSH_BATCH: usize = 500;
const PULL_BATCH: i64 = 2000;

/// How far a long pull has come (a new desk filling from a large team).
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: i64,
    pub total: i64,
}

/// What one round moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub pushed: usize,
    pub pulled: Applied,
}

/// Connects, runs one round, and records whether the store could be reached.
pub fn sync_once(
    store: &mut Store,
    ca_file: Option<&std::path::Path>,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<SyncReport, SyncError> {
    let team = store.team()?.ok_or(SyncError::NotAMember)?;
    let address = Address::parse(&team.url)?;
    let round =
        Link::open(&address, ca_file).and_then(|link| exchange(&link, store, now, progress));
    if let Err(error) = &round
        && error.is_offline()
    {
        store.set_online(false, now)?;
    }
    round
}

/// One round over an open connection.
pub(super) fn exchange(
    link: &Link,
    store: &mut Store,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<SyncReport, SyncError> {
    let address = link.address();
    let team = store.team()?.ok_or(SyncError::NotAMember)?;
    if store.needs_key_block()? {
        let row = link.query_one(
            "SELECT first_number, last_number FROM balie.lease($1, $2)",
            &[&team.desk_id, &super::worker::KEY_BLOCK],
        )?;
        store.add_key_block(row.get(0), row.get(1), now)?;
    }
    // Tickets opened offline after the numbers ran out get theirs before they travel on.
    store.renumber_provisional(now)?;
    let mut report = SyncReport::default();
    loop {
        let batch = store.outbox(PUSH_BATCH)?;
        if batch.is_empty() {
            break;
        }
        let json = serde_json::to_value(&batch).map_err(|e| SyncError::Server {
            address: address.shown(),
            reason: e.to_string(),
        })?;
        link.query_prepared("SELECT balie.push($1)", &[&json])?;
        let ids: Vec<String> = batch.into_iter().map(|c| c.id).collect();
        store.pushed(&ids, now)?;
        report.pushed += ids.len();
    }
    report.pulled = pull(link, store, &team.desk_id, now, progress)?;
    store.set_online(true, now)?;
    Ok(report)
}

/// The changes other desks made since this desk last pulled, in commit order.
const PULL: &str = "SELECT seq, id, hlc, desk, author, tbl, row_id, op, col, old, new,
        CASE WHEN desk = $3 AND op = 'insert' AND tbl <> 'conflicts' THEN NULL ELSE data END,
        value_after
    FROM balie.changes WHERE seq > $1 ORDER BY seq LIMIT $2";

/// A round that only pulls: what a desk with nothing to push does when the store says
/// another desk pushed. What the notifications carried is applied as it came when it
/// follows on from what the desk holds; otherwise the desk asks the store. The pushing half
/// of a round (key lease, renumbering, the outbox) and its reads of the desk's file are
/// left out; a local write made meanwhile is seen by the worker and makes the next round a
/// whole one.
pub(super) fn pull_heard(
    link: &Link,
    store: &mut Store,
    desk: &str,
    heard: &Notices,
    now: DateTime<Utc>,
) -> Result<Applied, SyncError> {
    let held = store.pulled_seq()?;
    let pulled = match announced::continuing(&heard.announced, held, heard.newest_change, desk) {
        Some(batch) => store.apply_pulled(&batch, now)?,
        None => pull(link, store, desk, now, &mut |_| {})?,
    };
    store.set_online(true, now)?;
    Ok(pulled)
}

/// Pulls and applies every change after the desk's cursor, a batch at a time, each batch
/// in one transaction of the desk's file.
fn pull(
    link: &Link,
    store: &mut Store,
    desk: &str,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Applied, SyncError> {
    let mut pulled = Applied::default();
    // The newest sequence number is only worth asking for when the pull is long enough for
    // its progress to be shown.
    let mut total = None;
    let mut after = store.pulled_seq()?;
    loop {
        // The desk's own new rows come back without their data: they are in its file
        // already. Its field changes come whole, with the value the store judged they
        // leave, and so do the conflicts the store recorded in the name of its push.
        let rows = link.query_prepared(PULL, &[&after, &PULL_BATCH, &desk])?;
        let batch: Vec<Pulled> = rows.iter().map(pulled_from_row).collect();
        let applied = store.apply_pulled(&batch, now)?;
        pulled.changes += applied.changes;
        pulled.tickets += applied.tickets;
        pulled.events += applied.events;
        pulled.conflicts += applied.conflicts;
        if let Some(last) = batch.last() {
            after = last.seq;
        }
        if (rows.len() as i64) < PULL_BATCH {
            return Ok(pulled);
        }
        let total = match total {
            Some(total) => total,
            None => *total.insert(
                link.query_one("SELECT coalesce(max(seq), 0) FROM balie.changes", &[])?
                    .get::<_, i64>(0),
            ),
        };
        progress(Progress {
            done: after,
            total: total.max(after),
        });
    }
}

fn pulled_from_row(row: &tokio_postgres::Row) -> Pulled {
    let op: String = row.get(7);
    Pulled {
        seq: row.get(0),
        change: Change {
            id: row.get(1),
            hlc: row.get(2),
            desk: row.get(3),
            author: row.get(4),
            table: row.get(5),
            row_id: row.get(6),
            op: ChangeOp::from_code(&op).unwrap_or(ChangeOp::Insert),
            column: row.get(8),
            old: row.get::<_, Option<Value>>(9),
            new: row.get::<_, Option<Value>>(10),
            data: row.get::<_, Option<Value>>(11),
        },
        value_after: row.get::<_, Option<Value>>(12),
    }
}
