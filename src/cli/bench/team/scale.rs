//! Many desks on one team store at once: each its own file, its own sync worker and its own
//! connection, in this one process, writing notes at random moments at a steady average
//! rate for a bounded time. Then every desk must hold every note, once, and so must the
//! team store.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use chrono::Utc;

use super::desks::{BenchDesk, TeamStore, note_number};
use crate::cli::bench::report::{Budget, Row};
use crate::domain::figures::FigureRules;
use crate::store::Store;
use crate::sync::{self, worker::Worker};

const BUDGET: Budget = Budget::P99(1000.0);
/// Desks whose files are watched for every other desk's notes: enough samples, without the
/// watching itself loading the machine.
const OBSERVERS: usize = 4;
/// How long the desks get to become level once the writing stops.
const DRAIN: Duration = Duration::from_secs(120);

#[derive(Clone, Copy, Debug)]
pub struct Load {
    pub desks: usize,
    pub seconds: u64,
    pub per_minute: f64,
}

/// A note written: by which desk, its number there, and when the write began.
struct Written {
    desk: usize,
    number: u64,
    at: Instant,
}

pub fn measure(team: &TeamStore, dir: &Path, load: Load) -> Result<Vec<Row>> {
    let mut desks = Vec::with_capacity(load.desks);
    for i in 1..=load.desks {
        desks.push(BenchDesk::join(team, dir, &format!("Desk Agent {i:03}"))?);
        if i % 50 == 0 {
            eprintln!("balie bench team: {i} desks joined");
        }
    }
    // Level before the clock starts: each desk holds every desk's ticket.
    for desk in &mut desks {
        sync::sync_once(&mut desk.store, None, Utc::now(), &mut |_| {})?;
    }
    let before: Vec<i64> = desks
        .iter()
        .map(|d| d.store.event_count())
        .collect::<Result<_, _>>()?;
    let workers: Vec<Worker> = desks
        .iter()
        .map(|d| {
            Worker::start(
                d.path.clone(),
                d.agent.clone(),
                None,
                FigureRules::standard(),
            )
        })
        .collect();
    let tickets: Vec<String> = desks.iter().map(|d| d.ticket.id.clone()).collect();
    let observers = OBSERVERS.min(desks.len());
    let watched: Vec<Store> = desks
        .iter()
        .take(observers)
        .map(|d| Store::open(&d.path, &d.agent))
        .collect::<Result<_, _>>()?;
    let (send, receive) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let observer = {
        let stop = stop.clone();
        std::thread::spawn(move || observe(watched, tickets, receive, &stop))
    };
    let log_before = sync::audit::event_log(team.owner(), None)?;

    // Each desk writes from a thread of its own, as each agent's desk is a process of its
    // own: a desk waiting for its file (its worker applying a pull) holds up no other.
    let window = Duration::from_secs(load.seconds);
    let began = Instant::now();
    let writers: Vec<_> = desks
        .into_iter()
        .zip(schedule(load, window))
        .enumerate()
        .map(|(index, (mut desk, times))| {
            let send = send.clone();
            std::thread::spawn(move || -> Result<(BenchDesk, i64)> {
                for (n, offset) in times.iter().enumerate() {
                    if let Some(wait) = (began + *offset).checked_duration_since(Instant::now()) {
                        std::thread::sleep(wait);
                    }
                    let number = n as u64 + 1;
                    let at = Instant::now();
                    desk.note(&format!("scale note of desk {index}, {number}"))?;
                    let _ = send.send(Written {
                        desk: index,
                        number,
                        at,
                    });
                }
                Ok((desk, times.len() as i64))
            })
        })
        .collect();
    let mut desks = Vec::with_capacity(writers.len());
    let mut own = Vec::with_capacity(writers.len());
    for writer in writers {
        let (desk, wrote) = writer
            .join()
            .map_err(|_| anyhow!("a writing desk's thread panicked"))??;
        desks.push(desk);
        own.push(wrote);
    }
    if let Some(wait) = (began + window).checked_duration_since(Instant::now()) {
        std::thread::sleep(wait);
    }
    let elapsed = began.elapsed().as_secs_f64();
    let log_at_end = sync::audit::event_log(team.owner(), None)?;
    let counts_at_end = event_counts(&desks)?;
    drop(send);

    let written: i64 = own.iter().sum();
    let pulled: i64 = counts_at_end
        .iter()
        .zip(&before)
        .zip(&own)
        .map(|((count, before), own)| count - before - own)
        .sum();
    let expected: Vec<i64> = before.iter().map(|b| b + written).collect();
    let quiet = Instant::now();
    let mut counts = counts_at_end;
    while counts != expected && quiet.elapsed() < DRAIN {
        std::thread::sleep(Duration::from_millis(100));
        counts = event_counts(&desks)?;
    }
    let settled = quiet.elapsed();
    stop.store(true, Ordering::Relaxed);
    let latencies = observer
        .join()
        .map_err(|_| anyhow!("the observing thread panicked"))??;
    drop(workers);
    let log = sync::audit::event_log(team.owner(), None)?;

    let lost_on_desks: i64 = counts
        .iter()
        .zip(&expected)
        .map(|(count, want)| (want - count).max(0))
        .sum();
    let twice_on_desks: i64 = counts
        .iter()
        .zip(&expected)
        .map(|(count, want)| (count - want).max(0))
        .sum();
    let in_store = log.events - log_before.events;
    let lost_in_store = (written - in_store).max(0);
    let twice_in_store = (log.changes - log.events) + (log.log_length - log.distinct_ids);
    let rate = written as f64 / elapsed;
    Ok(vec![
        Row::rate(
            &format!(
                "team scale: {} desks, {rate:.1} notes/s for {} s: events pushed to the store",
                load.desks, load.seconds
            ),
            (log_at_end.changes - log_before.changes) as f64 / elapsed,
        ),
        Row::rate(
            "events pulled and applied, over all desks",
            pulled as f64 / elapsed,
        )
        .into_detail(),
        Row::timed(
            &format!("a note on any desk in {observers} other desks' files"),
            BUDGET,
            &latencies,
        )
        .into_detail(),
        Row::once("every desk level after the writing stopped", settled).into_detail(),
        Row::count(
            &format!("events lost ({written} written; team store and every desk)"),
            lost_in_store + lost_on_desks,
            0,
        )
        .into_detail(),
        Row::count(
            "events or changes held twice (team store and every desk)",
            twice_in_store + twice_on_desks,
            0,
        )
        .into_detail(),
    ])
}

/// When each desk writes: random gaps with the load's average (a Poisson process).
fn schedule(load: Load, window: Duration) -> Vec<Vec<Duration>> {
    let mut rng = fastrand::Rng::with_seed(7);
    let mean = 60.0 / load.per_minute;
    (0..load.desks)
        .map(|_| {
            let mut times = Vec::new();
            let mut at = 0.0;
            loop {
                // Exponential gaps; 1 - f64() is in (0, 1], so the logarithm is finite.
                at += -mean * (1.0 - rng.f64()).ln();
                if at >= window.as_secs_f64() {
                    return times;
                }
                times.push(Duration::from_secs_f64(at));
            }
        })
        .collect()
}

fn event_counts(desks: &[BenchDesk]) -> Result<Vec<i64>> {
    Ok(desks
        .iter()
        .map(|d| d.store.event_count())
        .collect::<Result<_, _>>()?)
}

/// Watches the observing desks' files for every note written on another desk, and times
/// each from its write until it is there. Notes of one desk arrive in the order written, so
/// the newest one on a desk's ticket accounts for all before it.
fn observe(
    watched: Vec<Store>,
    tickets: Vec<String>,
    receive: mpsc::Receiver<Written>,
    stop: &AtomicBool,
) -> Result<Vec<Duration>> {
    let mut waiting: Vec<Vec<VecDeque<(u64, Instant)>>> =
        vec![vec![VecDeque::new(); tickets.len()]; watched.len()];
    let mut times = Vec::new();
    let mut versions = vec![i64::MIN; watched.len()];
    loop {
        while let Ok(note) = receive.try_recv() {
            // A note may have reached a file before word of it reached this thread.
            versions.fill(i64::MIN);
            for (observer, queues) in waiting.iter_mut().enumerate() {
                if observer != note.desk {
                    queues[note.desk].push_back((note.number, note.at));
                }
            }
        }
        for ((store, queues), seen) in watched.iter().zip(&mut waiting).zip(&mut versions) {
            // Only a file another connection has written since the last look can hold a
            // new note: the watching must not load the machine it measures.
            let version = store.data_version()?;
            if version == *seen {
                continue;
            }
            *seen = version;
            for (writer, queue) in queues.iter_mut().enumerate() {
                if queue.is_empty() {
                    continue;
                }
                let newest = store
                    .timeline(&tickets[writer], 1)?
                    .last()
                    .and_then(|e| note_number(&e.text))
                    .unwrap_or(0);
                let now = Instant::now();
                while let Some(&(number, at)) = queue.front()
                    && number <= newest
                {
                    times.push(now.duration_since(at));
                    queue.pop_front();
                }
            }
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(times);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}
