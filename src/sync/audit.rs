//! What the team store holds, counted for `balie bench team`: its check that no change was
//! lost or stored twice.

use std::path::Path;

use super::SyncError;
use super::address::Address;
use super::connect::Link;

/// The change log's events, counted two ways: a row stored twice shows as more changes
/// than rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventLog {
    /// Inserts of events in the change log.
    pub changes: i64,
    /// Distinct events among them.
    pub events: i64,
    /// Distinct change ids in the whole log, and the log's length.
    pub distinct_ids: i64,
    pub log_length: i64,
}

pub fn event_log(address: &Address, ca_file: Option<&Path>) -> Result<EventLog, SyncError> {
    let link = Link::open(address, ca_file)?;
    let row = link.query_one_unhurried(
        "SELECT count(*) FILTER (WHERE tbl = 'events' AND op = 'insert'),
               count(DISTINCT row_id) FILTER (WHERE tbl = 'events' AND op = 'insert'),
               count(DISTINCT id), count(*)
             FROM balie.changes",
        &[],
    )?;
    Ok(EventLog {
        changes: row.get(0),
        events: row.get(1),
        distinct_ids: row.get(2),
        log_length: row.get(3),
    })
}
