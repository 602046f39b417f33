//! Ticket numbers on a team desk. The team store leases each desk blocks of numbers while it
//! is online, so a ticket opened offline still gets its final key, the one the agent reads out
//! to the caller, and no two desks ever hand out the same one. Only a desk that has used up
//! its blocks offline falls back to a provisional key, marked as such (`T-~3F9A-1`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::{EventKind, new_id};
use crate::store::tickets::insert_event_quietly;
use crate::store::{Result, Store, ts};

/// A desk asks for a new block when fewer than this many numbers are left.
pub const LOW_WATER: i64 = 50;

/// The number (and key) of the next ticket this desk opens.
pub(crate) fn next_ticket_number(tx: &Connection, prefix: &str) -> Result<(i64, String)> {
    let desk: Option<String> = tx
        .query_row("SELECT id FROM team LIMIT 1", [], |r| r.get(0))
        .optional()?;
    let Some(desk) = desk else {
        let number: i64 = tx.query_row(
            "SELECT coalesce(max(number), 1000) + 1 FROM tickets",
            [],
            |r| r.get(0),
        )?;
        return Ok((number, format!("{prefix}-{number}")));
    };
    if let Some(number) = leased_number(tx)? {
        return Ok((number, format!("{prefix}-{number}")));
    }
    // Negative, so that it never meets a leased number; the desk's id in it keeps two
    // desks' provisional keys apart.
    let short = desk_mark(&desk);
    let seed = i64::from_str_radix(&short, 16).unwrap_or(0);
    // Keys already given up for a number count too: an old key stays findable, so it is
    // never handed out again.
    let made: i64 = tx.query_row(
        "SELECT (SELECT count(*) FROM tickets WHERE number < 0 AND key LIKE ?1)
              + (SELECT count(*) FROM events WHERE kind = 'renumbered' AND text LIKE ?1)",
        [format!("{prefix}-~{short}-%")],
        |r| r.get(0),
    )?;
    let local = made + 1;
    Ok((
        -(seed * 1_000_000 + local),
        format!("{prefix}-~{short}-{local}"),
    ))
}

/// Four hex digits of the desk's id, in capitals like the rest of a key, so that a key
/// read out and typed in any case finds the ticket. (`LIKE` matches either case.)
fn desk_mark(desk: &str) -> String {
    desk.chars()
        .rev()
        .take(4)
        .collect::<String>()
        .to_uppercase()
}

fn leased_number(tx: &Connection) -> Result<Option<i64>> {
    let mut stmt = tx.prepare_cached(
        "SELECT b.first, b.last,
           (SELECT max(number) FROM tickets WHERE number BETWEEN b.first AND b.last)
         FROM key_blocks b ORDER BY b.first",
    )?;
    let blocks = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })?;
    for block in blocks {
        let (first, last, used) = block?;
        let next = used.map_or(first, |u| u + 1);
        if next <= last {
            return Ok(Some(next));
        }
    }
    Ok(None)
}

pub(crate) fn numbers_left(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(b.last - coalesce(
               (SELECT max(number) FROM tickets WHERE number BETWEEN b.first AND b.last),
               b.first - 1)), 0)
             FROM key_blocks b",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Marks a key as provisional: `{prefix}-~{desk}-{n}`.
const PROVISIONAL: &str = "-~";

impl Store {
    /// Gives this desk's tickets with a provisional key a number from its leased blocks,
    /// oldest first, as far as the blocks reach. Each change is an event on the ticket that
    /// names the old key, so a caller who reads it out is still found. Returns the keys
    /// changed, old and new.
    pub fn renumber_provisional(&mut self, now: DateTime<Utc>) -> Result<Vec<(String, String)>> {
        // Read first: on nearly every round there is nothing to do, and no write is made.
        let Some(desk) = self.desk_id()? else {
            return Ok(Vec::new());
        };
        let short = desk_mark(&desk);
        // Made first is the least far below zero (see `next_ticket_number`).
        let waiting: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, key FROM tickets WHERE number < 0 AND key LIKE ?1
                 ORDER BY number DESC",
            )?
            .query_map([format!("%{PROVISIONAL}{short}-%")], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if waiting.is_empty() {
            return Ok(Vec::new());
        }
        self.write(|tx, agent| {
            let mut renamed = Vec::new();
            for (id, old) in waiting {
                let Some(number) = leased_number(tx)? else {
                    break;
                };
                let prefix = old.split(PROVISIONAL).next().unwrap_or_default();
                let new = format!("{prefix}-{number}");
                tx.execute(
                    "UPDATE tickets SET number = ?2, key = ?3, updated_at = ?4, updated_by = ?5
                     WHERE id = ?1",
                    params![id, number, new, ts(now), agent],
                )?;
                insert_event_quietly(
                    tx,
                    &id,
                    EventKind::Renumbered,
                    &old,
                    serde_json::json!({"from": old, "to": new}),
                    agent,
                    now,
                )?;
                renamed.push((old, new));
            }
            Ok(renamed)
        })
    }

    /// Keeps a block of ticket numbers the team store leased to this desk.
    pub fn add_key_block(&mut self, first: i64, last: i64, now: DateTime<Utc>) -> Result<()> {
        let _paused = self.capture.pause();
        self.write(|tx, agent| {
            tx.execute(
                "INSERT INTO key_blocks (id, first, last, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                params![new_id(), first, last, ts(now), agent],
            )?;
            Ok(())
        })
    }

    /// Makes this desk's clock run `by` off, as a badly set machine's would: lets the tests
    /// of skewed desks skew one desk of several in one process.
    #[doc(hidden)]
    pub fn skew_clock(&self, by: chrono::Duration) {
        self.capture.skew(by.num_milliseconds());
    }

    /// True when the desk should ask the team store for another block of numbers.
    pub fn needs_key_block(&self) -> Result<bool> {
        Ok(numbers_left(&self.conn)? < LOW_WATER)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use crate::domain::NewCaller;
    use crate::store::Store;
    use crate::store::fixtures::{new_promise, new_ticket};

    #[test]
    fn renumbering_a_provisional_key_renumbers_it_on_the_ticket_s_promises() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut store = Store::open_in_memory("anna").unwrap();
        store
            .join_team("0190-desk-3f9a", "postgres://team.example", false, now)
            .unwrap();
        let caller = store
            .create_caller(
                &NewCaller {
                    name: "Jan de Vries".into(),
                    ..NewCaller::default()
                },
                now,
            )
            .unwrap();
        // No numbers leased yet: the ticket gets a provisional key.
        let ticket = store
            .open_ticket_with_call(&new_ticket(&caller.id, "Printer offline"), "", now)
            .unwrap();
        assert!(ticket.key.contains('~'), "{}", ticket.key);
        for what in ["Ring back", "Send the manual"] {
            let promise = new_promise(&ticket.id, what, now + Duration::hours(1));
            store.make_promise(&promise, now).unwrap();
        }
        let later = now + Duration::hours(2);
        let keys = |store: &Store| -> Vec<String> {
            let overdue = store.overdue_promises(None, later).unwrap();
            overdue.into_iter().map(|p| p.ticket_key).collect()
        };
        assert_eq!(keys(&store), vec![ticket.key.clone(); 2]);

        store.add_key_block(2001, 2100, now).unwrap();
        let renamed = store.renumber_provisional(now).unwrap();
        assert_eq!(renamed, vec![(ticket.key.clone(), "T-2001".to_string())]);
        assert_eq!(keys(&store), vec!["T-2001".to_string(); 2]);
        // The other desks follow the ticket's new key by themselves: the promises' copy of
        // it is not pushed as changes of its own.
        let outbox = store.outbox(1000).unwrap();
        assert!(
            outbox
                .iter()
                .any(|c| c.table == "tickets" && c.column.as_deref() == Some("key"))
        );
        assert!(
            !outbox
                .iter()
                .any(|c| c.column.as_deref() == Some("ticket_key")),
            "{outbox:?}"
        );
    }
}
