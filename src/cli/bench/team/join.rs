//! A new desk joining a team store that holds a whole generated desk: `balie team join` as
//! an agent runs it, in a process of its own, so that its time and peak memory are its own.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::Utc;

use super::desks::TeamStore;
use crate::cli::bench::data::Size;
use crate::cli::bench::report::Row;
use crate::cli::bench::{AGENT, RSS_BUDGET_MB, copy_generated, generate_elsewhere};
use crate::store::Store;
use crate::sync::{self, Address};

const JOINER: &str = "Joining Agent";

/// Rows, and a line saying what the team store held.
pub fn measure(
    team: &TeamStore,
    dir: &Path,
    size: Size,
    from_desk: Option<&Path>,
) -> Result<(Vec<Row>, String)> {
    let seed_path = dir.join("team.db");
    let started = Instant::now();
    let (summary, generated) = match from_desk {
        Some(desk) => (copy_generated(desk, &seed_path)?, None),
        None => {
            let summary = generate_elsewhere(&seed_path, size)?;
            (summary, Some(started.elapsed()))
        }
    };
    if let Some(generated) = generated {
        eprintln!(
            "balie bench team: generated in {:.1} s; pushing it to the team store …",
            generated.as_secs_f64()
        );
    }
    let started = Instant::now();
    let mut seed = Store::open(&seed_path, AGENT)?;
    let address = Address::parse(&team.agent(AGENT)?)?;
    sync::join(&mut seed, &address, None, Utc::now(), &mut |_| {})
        .context("pushing the generated desk to the team store")?;
    let filled = started.elapsed();
    eprintln!(
        "balie bench team: pushed in {:.1} s; a new desk joins …",
        filled.as_secs_f64()
    );
    let log = sync::audit::event_log(team.owner(), None)?;

    let joiner_url = team.agent(JOINER)?;
    let joined_path = dir.join("joiner.db");
    let (took, peak_mb) = join_elsewhere(dir, &joined_path, &joiner_url)?;
    // The store may hold more than the generated desk (a --team-url shared with the other
    // measurements): the new desk must hold all of it.
    let joined = Store::open(&joined_path, JOINER)?;
    let (events, tickets) = (joined.event_count()?, joined.ticket_count()?);
    let seed_tickets = seed.ticket_count()?;
    if events != log.events || tickets < seed_tickets {
        bail!(
            "the new desk holds {tickets} tickets and {events} events; the team store {} \
             events, its generated desk {seed_tickets} tickets",
            log.events
        );
    }
    let note = format!(
        "join: the team store holds a desk of {} callers, {} tickets, {} events, {} promises \
         ({} changes)",
        summary.callers, summary.tickets, summary.events, summary.promises, log.log_length
    );
    Ok((
        generated
            .map(|took| Row::once("team: generate the team's desk (no budget)", took))
            .into_iter()
            .chain([
                Row::once(
                    "team: push it to the team store, as its desk joins (no budget)",
                    filled,
                )
                .into_detail(),
                Row::once(
                    "team: a new desk joins it (`balie team join`, no budget)",
                    took,
                ),
                Row::memory(
                    "team: peak RSS of `balie team join` (ru_maxrss)",
                    peak_mb,
                    RSS_BUDGET_MB,
                )
                .into_detail(),
            ])
            .collect(),
        note,
    ))
}

/// Runs `balie team join` for a new desk at `db`, with a config and home of its own; its
/// wall time and its peak resident memory in MB.
fn join_elsewhere(dir: &Path, db: &Path, url: &str) -> Result<(Duration, f64)> {
    let home = dir.join("joiner-home");
    std::fs::create_dir_all(&home)?;
    let config = home.join("config.toml");
    std::fs::write(&config, format!("agent = \"{JOINER}\"\n"))?;
    let output = std::fs::File::create(home.join("join.out"))?;
    let program = std::env::current_exe().context("finding this program to run the join")?;
    let started = Instant::now();
    let child = Command::new(&program)
        .arg("--db")
        .arg(db)
        .arg("--config")
        .arg(&config)
        .args(["team", "join", url])
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .stdin(Stdio::null())
        .stdout(output)
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("running {} team join", program.display()))?;
    let (status, peak_kib) = wait_with_peak(child.id())?;
    let took = started.elapsed();
    if status != 0 {
        bail!(
            "`balie team join` failed (exit status {status}); its output is above and in {}",
            home.join("join.out").display()
        );
    }
    Ok((took, peak_kib as f64 / 1024.0))
}

/// Waits for the child `pid` and reads its peak resident set from the kernel's accounting:
/// exact, where sampling /proc while it runs could miss the last rise. The exit status, or
/// 128 + the signal that ended it.
fn wait_with_peak(pid: u32) -> Result<(i32, i64)> {
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data the kernel fills; zeroed is a valid value of it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live locals of the right types; `pid` is our child,
        // which nothing else waits for (its `Child` handle is dropped without waiting).
        let reaped = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if reaped == pid as libc::pid_t {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error).context("waiting for `balie team join`");
        }
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    // Linux reports ru_maxrss in KiB.
    Ok((code, usage.ru_maxrss))
}
