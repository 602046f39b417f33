//! Eight desks on one file, all saving as fast as they can: no save fails with "database is
//! busy", and every save a desk counted is in the file exactly once.
//!
//! Each desk is this test binary running `concurrency_child` in its own process, through the
//! real `Store`. The children open a file that does not exist yet at the same moment, as a
//! team starting on a new shared desk would. `BALIE_CONCURRENCY_SEED=<n>` replays a run's
//! choice of writes (the interleaving still depends on the machine).

mod support;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;
use std::time::{Duration, Instant};

use balie::domain::{Channel, NewCaller, NewPromise, QueueFilter};
use balie::store::Store;
use chrono::Utc;
use support::child::{ChildProcess, Line, integrity, seed};

const CHILD: &str = "BALIE_CONCURRENCY_CHILD";
const AGENT: &str = "BALIE_CONCURRENCY_AGENT";
const SEED: &str = "BALIE_CONCURRENCY_SEED";
const DESKS: usize = 8;
const WRITING: Duration = Duration::from_secs(2);

/// Saves one desk reported once its time was up.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    callers: i64,
    tickets: i64,
    notes: i64,
    promises: i64,
}

impl Counts {
    fn parse(line: &str) -> Option<Counts> {
        let (_, rest) = line.split_once("done ")?;
        let mut counts = Counts::default();
        for pair in rest.split_whitespace() {
            let (key, value) = pair.split_once('=')?;
            let value = value.parse().ok()?;
            match key {
                "callers" => counts.callers = value,
                "tickets" => counts.tickets = value,
                "notes" => counts.notes = value,
                "promises" => counts.promises = value,
                _ => return None,
            }
        }
        Some(counts)
    }
}

#[test]
fn eight_desks_writing_at_once_lose_nothing_and_never_fail() {
    let seed = seed(SEED);
    eprintln!("{SEED}={seed}");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.db");
    let path_text = path.to_str().expect("utf-8 temp path");
    let agents: Vec<String> = (0..DESKS).map(|i| format!("agent-{i}")).collect();
    let mut children: Vec<ChildProcess> = agents
        .iter()
        .enumerate()
        .map(|(i, agent)| {
            let child_seed = seed.wrapping_add(i as u64).to_string();
            ChildProcess::spawn(
                "concurrency_child",
                &[(CHILD, path_text), (AGENT, agent), (SEED, &child_seed)],
            )
        })
        .collect();

    // Start writing together only once every desk has opened the file, so that all eight
    // contend for the whole time instead of the early ones finishing alone.
    let open_by = Instant::now() + Duration::from_secs(30);
    for (agent, child) in agents.iter().zip(&mut children) {
        wait_for(child, agent, "ready", open_by, seed);
    }
    for child in &mut children {
        child.send("go");
    }

    let mut reported = BTreeMap::new();
    let done_by = Instant::now() + WRITING + Duration::from_secs(30);
    for (agent, child) in agents.iter().zip(&mut children) {
        let line = wait_for(child, agent, "done ", done_by, seed);
        let counts = Counts::parse(&line)
            .unwrap_or_else(|| panic!("seed {seed}: {agent} reported {line:?}"));
        let (ok, stderr) = child.finish(Duration::from_secs(10));
        assert!(ok, "seed {seed}: {agent} failed:\n{stderr}");
        reported.insert(agent.clone(), counts);
    }

    assert_eq!(integrity(&path), "ok", "seed {seed}");
    let in_file: BTreeMap<String, Counts> = agents
        .iter()
        .map(|agent| (agent.clone(), counts_in_file(&path, agent)))
        .collect();
    assert_eq!(in_file, reported, "seed {seed}");
    let total = |f: fn(&Counts) -> i64| reported.values().map(f).sum::<i64>();
    let conn = rusqlite::Connection::open(&path).expect("open for checking");
    let tickets: i64 = conn
        .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
        .expect("count tickets");
    assert_eq!(tickets, total(|c| c.tickets), "seed {seed}");
    let numbers: i64 = conn
        .query_row("SELECT count(DISTINCT number) FROM tickets", [], |r| {
            r.get(0)
        })
        .expect("count ticket numbers");
    assert_eq!(numbers, tickets, "seed {seed}: ticket numbers are unique");
    eprintln!(
        "{DESKS} desks: {} tickets, {} notes, {} promises",
        tickets,
        total(|c| c.notes),
        total(|c| c.promises)
    );
}

/// The next line from `child` that contains `marker`; anything else it printed is shown if
/// the marker never comes.
fn wait_for(
    child: &mut ChildProcess,
    agent: &str,
    marker: &str,
    deadline: Instant,
    seed: u64,
) -> String {
    let mut seen = Vec::new();
    loop {
        match child.next_line(deadline) {
            Some(Line::Text(line)) if line.contains(marker) => return line,
            Some(Line::Text(line)) => seen.push(line),
            Some(Line::Closed) => {
                let (_, stderr) = child.finish(Duration::from_secs(10));
                panic!(
                    "seed {seed}: {agent} stopped before {marker:?}:\n{}\n{stderr}",
                    seen.join("\n")
                );
            }
            None => panic!("seed {seed}: no {marker:?} from {agent} in time"),
        }
    }
}

fn counts_in_file(path: &Path, agent: &str) -> Counts {
    let conn = rusqlite::Connection::open(path).expect("open for checking");
    let count = |sql: &str| -> i64 {
        conn.query_row(sql, [agent], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    };
    Counts {
        // Other desks' notes change a ticket's updated_by, so tickets are counted by the
        // event that opened them.
        callers: count("SELECT count(*) FROM callers WHERE updated_by = ?1"),
        tickets: count("SELECT count(*) FROM events WHERE kind = 'created' AND by = ?1"),
        notes: count("SELECT count(*) FROM events WHERE kind = 'note' AND by = ?1"),
        promises: count("SELECT count(*) FROM promises WHERE owner = ?1"),
    }
}

/// One desk: opens the shared file, says "ready", waits for "go", then saves for two seconds
/// and reports how many saves the store confirmed. It does nothing in a normal test run.
#[test]
fn concurrency_child() {
    let Ok(path) = std::env::var(CHILD) else {
        return;
    };
    let agent = std::env::var(AGENT).expect("agent name");
    let seed: u64 = std::env::var(SEED)
        .expect("seed")
        .parse()
        .expect("numeric seed");
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut store = Store::open(Path::new(&path), &agent)
        .unwrap_or_else(|e| panic!("{agent}: opening the shared file: {e}"));
    println!("ready");
    let mut go = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut go)
        .expect("wait for go");
    assert_eq!(go.trim(), "go", "{agent}: the parent went away");

    let mut counts = Counts::default();
    let until = Instant::now() + WRITING;
    while Instant::now() < until {
        let now = Utc::now();
        // The same read the queue pane makes after each save, so readers and writers mix.
        let queue = store
            .queue_of(QueueFilter::AllOpen, None, &agent, 50)
            .unwrap_or_else(|e| panic!("{agent}: reading the queue: {e}"));
        if queue.is_empty() || rng.u8(0..8) == 0 {
            let caller = store
                .create_caller(
                    &NewCaller {
                        name: format!("{agent} caller {}", counts.callers),
                        ..NewCaller::default()
                    },
                    now,
                )
                .unwrap_or_else(|e| panic!("{agent}: new caller: {e}"));
            counts.callers += 1;
            store
                .open_ticket_with_call(&support::new_ticket(&caller.id, "printer jams"), "", now)
                .unwrap_or_else(|e| panic!("{agent}: new ticket: {e}"));
            counts.tickets += 1;
            continue;
        }
        // Any desk's ticket, so that several desks write to the same rows.
        let ticket = &queue[rng.usize(..queue.len())];
        if rng.bool() {
            store
                .add_note(&ticket.id, &format!("{agent} checked"), now)
                .unwrap_or_else(|e| panic!("{agent}: note on {}: {e}", ticket.key));
            counts.notes += 1;
        } else {
            store
                .make_promise(
                    &NewPromise {
                        ticket_id: ticket.id.clone(),
                        what: "call back".into(),
                        to: String::new(),
                        callback: false,
                        channel: Channel::Phone,
                        due_at: now + chrono::Duration::hours(2),
                    },
                    now,
                )
                .unwrap_or_else(|e| panic!("{agent}: promise on {}: {e}", ticket.key));
            counts.promises += 1;
        }
    }
    println!(
        "done callers={} tickets={} notes={} promises={}",
        counts.callers, counts.tickets, counts.notes, counts.promises
    );
}
