//! A write on one running desk until it is in another's file: both desks run the sync
//! worker the desk runs, and the second desk's file is read as its screen reads it.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Result;

use super::desks::{BenchDesk, TeamStore, note_number, wait_until};
use crate::cli::bench::report::{Budget, Row};
use crate::domain::figures::FigureRules;
use crate::store::Store;
use crate::sync::worker::Worker;

/// The design's budget, p99 ≤ 1 s; the aim of p50 ≤ 50 ms is in the row's name.
const BUDGET: Budget = Budget::P99(1000.0);
/// Longer than any write may take to arrive before the bench calls it lost.
const LOST_AFTER: Duration = Duration::from_secs(30);

pub fn measure(team: &TeamStore, dir: &Path, writes: usize) -> Result<Vec<Row>> {
    let mut anna = BenchDesk::join(team, dir, "Anna Propagation")?;
    let bence = BenchDesk::join(team, dir, "Bence Propagation")?;
    let _workers = [
        Worker::start(
            anna.path.clone(),
            anna.agent.clone(),
            None,
            FigureRules::standard(),
        ),
        Worker::start(
            bence.path.clone(),
            bence.agent.clone(),
            None,
            FigureRules::standard(),
        ),
    ];
    // What Bence's screen reads: his file, through a connection of its own.
    let screen = Store::open(&bence.path, &bence.agent)?;
    let ticket = anna.ticket.id.clone();
    let arrived = |n: u64| -> Result<bool> {
        let latest = screen.timeline(&ticket, 1)?;
        Ok(latest
            .last()
            .and_then(|e| note_number(&e.text))
            .is_some_and(|seen| seen >= n))
    };
    anna.note("propagation note 0")?;
    wait_until(LOST_AFTER, "the first note reaching the other desk", || {
        arrived(0)
    })?;
    // Writes at random moments, so that they fall anywhere in the worker's look-out cycle.
    let mut rng = fastrand::Rng::with_seed(17);
    let mut times = Vec::with_capacity(writes);
    for n in 1..=writes as u64 {
        std::thread::sleep(Duration::from_millis(rng.u64(20..120)));
        let start = Instant::now();
        anna.note(&format!("propagation note {n}"))?;
        wait_until(
            LOST_AFTER,
            &format!("note {n} reaching the other desk"),
            || arrived(n),
        )?;
        times.push(start.elapsed());
    }
    Ok(vec![Row::timed(
        "team: a write on one desk in another's file (aim p50 <= 50 ms)",
        BUDGET,
        &times,
    )])
}
