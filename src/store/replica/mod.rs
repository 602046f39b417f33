//! The desk's side of a team: its membership, the outbox of changes made here and not yet
//! pushed, applying what other desks wrote, the ticket numbers leased to it, and the
//! conflicts the team store found. The network side is `crate::sync`; this module only
//! speaks to the desk's file.

mod apart;
mod apply;
pub(crate) mod capture;
mod conflicts;
mod keys;
mod presence;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::{Result, Store, StoreError, parse_ts, ts};
use crate::domain::change::{Change, ChangeOp, TeamState};
use crate::domain::hlc::Hlc;

pub use crate::domain::change::Keep;
pub use apply::Applied;
pub(crate) use keys::next_ticket_number;

/// The instant a new event is stamped with. On a team desk it is never before the newest
/// stamp the desk has seen from the team, so that a reply sorts after what it answers on every
/// desk even when this desk's clock is slow (the wall part of the hybrid clock).
pub(crate) fn causal_now(tx: &rusqlite::Connection, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let clock: Option<String> = tx
        .prepare_cached("SELECT clock FROM team LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let seen = clock.as_deref().and_then(Hlc::parse).map(|h| h.wall_ms);
    Ok(match seen {
        Some(ms) if ms >= now.timestamp_millis() => {
            chrono::TimeZone::timestamp_millis_opt(&Utc, ms + 1)
                .single()
                .unwrap_or(now)
        }
        _ => now,
    })
}

/// After a caller is forgotten on a team desk: changes about them that have not been pushed
/// would carry the erased values to the team store, so they go, and what travels instead is
/// the caller as they are now (if the team never had them) and the erasure itself.
pub(crate) fn after_local_erase(tx: &rusqlite::Connection, caller_id: &str) -> Result<()> {
    let member: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM team)", [], |r| r.get(0))?;
    if !member {
        return Ok(());
    }
    let unsent_insert = tx.execute(
        "DELETE FROM outbox WHERE tbl = 'callers' AND row_id = ?1 AND op = 'insert'",
        [caller_id],
    )? > 0;
    tx.execute(
        "DELETE FROM outbox WHERE (tbl = 'callers' AND row_id = ?1)
           OR (tbl = 'caller_handles' AND (json_extract(data, '$.caller_id') = ?1
               OR row_id NOT IN (SELECT id FROM caller_handles)))",
        [caller_id],
    )?;
    tx.execute(
        "UPDATE outbox SET data = json_set(data, '$.recipient', ?2)
         WHERE tbl = 'promises' AND op = 'insert' AND json_extract(data, '$.caller_id') = ?1",
        params![caller_id, super::FORGOTTEN],
    )?;
    let mut tables = vec!["erasures"];
    if unsent_insert {
        tables.insert(0, "callers");
    }
    for table in tables {
        let key = if table == "callers" {
            "id"
        } else {
            "caller_id"
        };
        capture::queue_rows(tx, table, &format!("WHERE {key} = ?1"), [caller_id])?;
    }
    Ok(())
}

impl Store {
    /// Where this desk stands with its team; `None` for a desk on its own.
    pub fn team(&self) -> Result<Option<TeamState>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT id, url, agent, online, offline_since, last_push_at, last_pull_at,
                   (SELECT count(*) FROM outbox),
                   (SELECT count(*) FROM conflicts WHERE resolved_at IS NULL)
                 FROM team LIMIT 1",
            )?
            .query_row([], |r| {
                let stamp = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
                    r.get::<_, Option<String>>(i)?
                        .map(|t| parse_ts(&t))
                        .transpose()
                };
                Ok(TeamState {
                    desk_id: r.get(0)?,
                    url: r.get(1)?,
                    agent: r.get(2)?,
                    online: r.get(3)?,
                    offline_since: stamp(4)?,
                    last_push_at: stamp(5)?,
                    last_pull_at: stamp(6)?,
                    pending: r.get(7)?,
                    conflicts: r.get(8)?,
                    numbers_left: 0,
                })
            })
            .optional()?;
        match row {
            Some(mut state) => {
                state.numbers_left = keys::numbers_left(&self.conn)?;
                Ok(Some(state))
            }
            None => Ok(None),
        }
    }

    /// Starts capturing on a desk that is a team member: called when the file is opened.
    pub(super) fn resume_team(&mut self) -> Result<()> {
        let member: Option<(String, String)> = self
            .conn
            .query_row("SELECT id, clock FROM team LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((desk, clock)) = member {
            capture::install(&self.conn)?;
            self.capture
                .start(&desk, &self.agent, Hlc::parse(&clock).unwrap_or_default());
        }
        Ok(())
    }

    /// Makes this desk a member of a team: from now on every write is captured, and
    /// everything the desk already holds is queued to be pushed (`own_rows`) so the team
    /// gets it. One transaction: a failed join leaves the desk as it was.
    pub fn join_team(
        &mut self,
        desk_id: &str,
        url: &str,
        own_rows: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if self.team()?.is_some() {
            return Err(StoreError::Invalid(
                "this desk is already a member of a team".into(),
            ));
        }
        let agent = self.agent.clone();
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO team (id, url, agent, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?3)",
                params![desk_id, url, agent, ts(now)],
            )?;
            capture::install(tx)?;
            Ok(())
        })?;
        self.capture.start(desk_id, &self.agent, Hlc::default());
        if own_rows {
            self.write(|tx, _| {
                for table in capture::SHARED_TABLES {
                    // Parents before the rows that point at them: major incidents before
                    // the tickets linked to them.
                    let order = if *table == "tickets" {
                        "major DESC, rowid"
                    } else {
                        "rowid"
                    };
                    capture::queue_rows(tx, table, &format!("ORDER BY {order}"), [])?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// The oldest `limit` changes not yet pushed, in the order they were made.
    pub fn outbox(&self, limit: usize) -> Result<Vec<Change>> {
        let desk: String = self
            .conn
            .prepare_cached("SELECT id FROM team LIMIT 1")?
            .query_row([], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, hlc, tbl, row_id, op, col, old, new, data, author
             FROM outbox ORDER BY rowid LIMIT ?1",
        )?;
        let json = |text: Option<String>| -> Option<Value> {
            text.and_then(|t| serde_json::from_str(&t).ok())
        };
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(Change {
                id: r.get(0)?,
                hlc: r.get(1)?,
                desk: desk.clone(),
                author: r.get(9)?,
                table: r.get(2)?,
                row_id: r.get(3)?,
                op: ChangeOp::from_code(&r.get::<_, String>(4)?).unwrap_or(ChangeOp::Insert),
                column: r.get(5)?,
                old: json(r.get(6)?),
                new: json(r.get(7)?),
                data: json(r.get(8)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forgets outbox marks the team store has acknowledged.
    pub fn pushed(&mut self, ids: &[String], now: DateTime<Utc>) -> Result<()> {
        self.write(|tx, _| {
            let mut stmt = tx.prepare_cached("DELETE FROM outbox WHERE id = ?1")?;
            for id in ids {
                stmt.execute([id])?;
            }
            tx.execute("UPDATE team SET last_push_at = ?1", [ts(now)])?;
            Ok(())
        })
    }

    /// The last change of the team store this desk has applied.
    pub fn pulled_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT pulled_seq FROM team")?
            .query_row([], |r| r.get(0))?)
    }

    /// This desk's id in its team; `None` for a desk on its own.
    pub(crate) fn desk_id(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM team LIMIT 1")?
            .query_row([], |r| r.get(0))
            .optional()?)
    }

    /// Makes this connection the sync worker's: its commits reach the disk at the next
    /// checkpoint instead of each on its own. Everything it writes can be had again from the
    /// team store: a pull lost to a power cut is pulled again (its cursor is in the same
    /// transaction, and a power cut only ever loses the newest transactions, in order), a
    /// push whose mark is lost is pushed again and passed over by the store. The desk's own
    /// writes, made on its other connection, stay synced one by one: they exist nowhere else.
    pub fn for_sync_worker(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        Ok(())
    }

    /// Records whether the team store answered, and since when it has not. A desk that
    /// stays online records its last pull at most every few seconds: with many desks on one
    /// store it makes a round for every other desk's push, and a write for each would double
    /// its disk syncs for a time no one reads closer than that.
    pub fn set_online(&mut self, online: bool, now: DateTime<Utc>) -> Result<()> {
        let (was_online, last_pull): (bool, Option<String>) = self
            .conn
            .prepare_cached("SELECT online, last_pull_at FROM team")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let recent = last_pull
            .and_then(|at| parse_ts(&at).ok())
            .is_some_and(|at| at <= now && now - at < chrono::Duration::seconds(LAST_PULL_GRAIN));
        if online == was_online && (!online || recent) {
            return Ok(());
        }
        let _paused = self.capture.pause();
        self.write(|tx, _| {
            tx.execute(
                "UPDATE team SET online = ?1,
                   offline_since = CASE WHEN ?1 THEN NULL ELSE coalesce(offline_since, ?2) END,
                   last_pull_at = CASE WHEN ?1 THEN ?2 ELSE last_pull_at END",
                params![online, ts(now)],
            )?;
            Ok(())
        })
    }
}

/// How stale the recorded time of the last pull may be while the desk stays online.
const LAST_PULL_GRAIN: i64 = 5;

impl Store {
    pub fn ticket_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?)
    }
}
