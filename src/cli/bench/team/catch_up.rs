//! Desks back from a shift offline: each joined the team, then worked without the network
//! (calls taken, notes, status changes, promises), and all reconnect at the same moment. The
//! time is until every desk holds every desk's work and nothing waits to be pushed.

use std::path::Path;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use chrono::Utc;

use super::desks::{BenchDesk, TeamStore, open_ticket};
use crate::cli::bench::report::{Budget, Row};
use crate::domain::{Channel, NewPromise, Status};
use crate::store::Store;
use crate::sync;

const BUDGET: Budget = Budget::P99(10_000.0);
const GIVE_UP: Duration = Duration::from_secs(300);

pub fn measure(team: &TeamStore, dir: &Path, desks: usize, writes: usize) -> Result<Vec<Row>> {
    let mut shift = Vec::with_capacity(desks);
    for i in 1..=desks {
        shift.push(BenchDesk::join(team, dir, &format!("Shift Agent {i:02}"))?);
    }
    // Every desk holds the same before the shift: each other's first ticket.
    for desk in &mut shift {
        sync::sync_once(&mut desk.store, None, Utc::now(), &mut |_| {})?;
    }
    let before: Vec<i64> = shift
        .iter()
        .map(|d| d.store.event_count())
        .collect::<Result<_, _>>()?;
    let mut written = 0;
    for (i, desk) in shift.iter_mut().enumerate() {
        desk.store.set_online(false, Utc::now())?;
        work_a_shift(&mut desk.store, i, writes)?;
        written += desk.store.event_count()? - before[i];
    }
    let start = Arc::new(Barrier::new(desks + 1));
    let threads: Vec<_> = shift
        .into_iter()
        .zip(before)
        .map(|(desk, before)| {
            let start = start.clone();
            let expected = before + written;
            std::thread::spawn(move || reconnect(desk.store, expected, &start))
        })
        .collect();
    start.wait();
    let began = Instant::now();
    let mut finished = Vec::with_capacity(desks);
    for thread in threads {
        let (store, at) = thread
            .join()
            .map_err(|_| anyhow!("a reconnecting desk's thread panicked"))??;
        finished.push((store, at));
    }
    let all_agree = finished
        .iter()
        .map(|(_, at)| at.duration_since(began))
        .max()
        .unwrap_or_default();
    let tickets: Vec<i64> = finished
        .iter()
        .map(|(store, _)| store.ticket_count())
        .collect::<Result<_, _>>()?;
    if tickets.iter().any(|&n| n != tickets[0]) {
        bail!("the desks agree on events but not on tickets: {tickets:?}");
    }
    let log = sync::audit::event_log(team.owner(), None)?;
    let name = format!("team: {desks} desks back from {writes} writes offline each, all agree");
    Ok(vec![
        Row::timed(&name, BUDGET, &[all_agree]),
        Row::count(
            "team: events stored twice in the team store (catch-up)",
            log.changes - log.events,
            0,
        )
        .into_detail(),
    ])
}

/// A desk's shift: every ten writes a call from a new caller on a new ticket (caller,
/// ticket with the call), five notes, a status change, a promise and a last note.
fn work_a_shift(store: &mut Store, desk: usize, writes: usize) -> Result<()> {
    let mut ticket = None;
    let mut n = 0;
    while n < writes {
        let now = Utc::now();
        match n % 10 {
            0 => {
                ticket = Some(open_ticket(store, &format!("Caller {desk}-{n}"))?);
                n += 2;
                continue;
            }
            7 => {
                let id = &ticket.as_ref().context("a ticket")?.id;
                store.set_status(id, Status::WaitingCaller, now)?;
            }
            8 => {
                let id = ticket.as_ref().context("a ticket")?.id.clone();
                store.make_promise(
                    &NewPromise {
                        ticket_id: id,
                        what: "Call back with the new password".into(),
                        to: String::new(),
                        callback: false,
                        channel: Channel::Phone,
                        due_at: now + chrono::Duration::hours(2),
                    },
                    now,
                )?;
            }
            _ => {
                let id = &ticket.as_ref().context("a ticket")?.id;
                store.add_note(id, &format!("shift note of desk {desk}, {n}"), now)?;
            }
        }
        n += 1;
    }
    Ok(())
}

/// Rounds with the team store until the desk holds `expected` events and has pushed all its
/// own; returns when that was.
fn reconnect(mut store: Store, expected: i64, start: &Barrier) -> Result<(Store, Instant)> {
    start.wait();
    let began = Instant::now();
    loop {
        sync::sync_once(&mut store, None, Utc::now(), &mut |_| {})?;
        let pending = store.team()?.map_or(0, |t| t.pending);
        let events = store.event_count()?;
        if pending == 0 && events >= expected {
            if events > expected {
                bail!("a desk holds {events} events where {expected} were written");
            }
            return Ok((store, Instant::now()));
        }
        if began.elapsed() > GIVE_UP {
            bail!(
                "a desk back from its shift holds {events} of {expected} events after {} s",
                GIVE_UP.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
