//! The team lead's commands, `balie overdue` and `balie report`, measured as a lead runs
//! them: every sample opens the file afresh, runs the query and writes the whole output.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};

use super::report::{Budget, Row};
use crate::cli::output::Format;
use crate::cli::reports;
use crate::config::Config;
use crate::store::Store;

const REPORT_BUDGET: Budget = Budget::P99(50.0);

pub fn all<'a>(
    path: &Path,
    config: &'a Config,
    samples: usize,
    now: DateTime<Utc>,
) -> Result<Vec<Row>> {
    // A report reads far more than a keystroke does, so fewer samples keep the run short.
    let samples = (samples / 10).clamp(5, 50);
    let one_agent = Some(config.agent.as_str());
    let overdue = |agent: Option<&'a str>, format| {
        move |store: &mut Store, out: &mut Vec<u8>| {
            reports::overdue(store, config, agent, format, now, out)
        }
    };
    let report = |since: &'static str, agent: Option<&'a str>| {
        move |store: &mut Store, out: &mut Vec<u8>| {
            reports::report(store, config, since, agent, Format::Table, now, out)
        }
    };
    let mut rows = vec![
        timed(
            "balie overdue, every agent, table (open + query + print)",
            path,
            config,
            samples,
            overdue(None, Format::Table),
        )?,
        timed(
            "balie overdue --agent, json",
            path,
            config,
            samples,
            overdue(one_agent, Format::Json),
        )?,
        timed(
            "balie report --since 7d, every agent",
            path,
            config,
            samples,
            report("7d", None),
        )?,
        timed(
            "balie report --since 30d, every agent",
            path,
            config,
            samples,
            report("30d", None),
        )?,
        timed(
            "balie report --since 30d --agent",
            path,
            config,
            samples,
            report("30d", one_agent),
        )?,
    ];
    rows.push(overdue_process(path, samples, Cache::Warm)?);
    rows.push(overdue_process(path, samples, Cache::Cold)?);
    Ok(rows)
}

/// What keeping the report figures and the caller cards costs: their space in the file, and
/// working them all out again, as the first open of a desk from before they were kept does
/// (and `balie check --rebuild`). Run last, as the rebuild rewrites them.
pub fn kept_figures(path: &Path, config: &Config) -> Result<Vec<Row>> {
    let mut store = Store::open(path, &config.agent)?;
    store.use_figure_rules(config.figure_rules())?;
    let bytes = store.figures_on_disk()?;
    let started = Instant::now();
    store.rebuild_figures()?;
    let took = started.elapsed();
    let card_bytes = store.caller_cards_on_disk()?;
    let started = Instant::now();
    let (cards, _) = store.rebuild_caller_cards()?;
    let cards_took = started.elapsed();
    Ok(vec![
        Row::disk(
            "kept report figures on disk (tickets' and promises' rows and indexes)",
            bytes,
        ),
        Row::once(
            "rebuild every kept figure from the events (first open after upgrading)",
            took,
        ),
        Row::disk(
            "kept caller cards on disk (a row per caller and its index)",
            card_bytes,
        ),
        Row::once(
            &format!("rebuild every caller's kept card ({cards} cards)"),
            cards_took,
        ),
    ])
}

fn timed(
    name: &str,
    path: &Path,
    config: &Config,
    samples: usize,
    run: impl Fn(&mut Store, &mut Vec<u8>) -> Result<()>,
) -> Result<Row> {
    let mut durations = Vec::new();
    let mut printed = 0;
    for _ in 0..samples {
        let mut out = Vec::new();
        let started = Instant::now();
        let mut store = Store::open(path, &config.agent)?;
        run(&mut store, &mut out).with_context(|| format!("running {name}"))?;
        durations.push(started.elapsed());
        printed = out.len();
    }
    if printed == 0 {
        bail!("{name} printed nothing on the generated desk");
    }
    Ok(Row::timed(name, REPORT_BUDGET, &durations))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cache {
    /// The desk's file as the previous run left it in the page cache.
    Warm,
    /// The desk's file dropped from the page cache before every run, as after a reboot or
    /// a long idle spell (the program's own pages stay cached).
    Cold,
}

/// Asks the kernel to forget the cached pages of the desk's file and its log. They are
/// clean (the bench flushed them), so they are dropped at once; the next read goes to disk.
fn drop_from_page_cache(path: &Path) -> Result<()> {
    use std::os::fd::AsRawFd;
    let mut files = vec![path.to_path_buf()];
    files.push(path.with_extension("db-wal"));
    for file in files.iter().filter(|f| f.exists()) {
        let opened =
            std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
        opened
            .sync_all()
            .with_context(|| format!("flushing {}", file.display()))?;
        // SAFETY: a plain system call on a descriptor this function owns until it returns.
        let failed =
            unsafe { libc::posix_fadvise(opened.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        if failed != 0 {
            bail!(
                "the kernel refused to drop {} from its cache",
                file.display()
            );
        }
    }
    Ok(())
}

/// The whole command as a shell runs it, process start included. It reads the wall clock,
/// not the desk's fixed moment, so it is a check on the in-process figures, not a budget row.
fn overdue_process(path: &Path, samples: usize, cache: Cache) -> Result<Row> {
    let program = std::env::current_exe().context("finding this program")?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let config = folder.join("bench-config.toml");
    std::fs::write(&config, "time_zone = \"Europe/Amsterdam\"\n")
        .with_context(|| format!("writing {}", config.display()))?;
    let mut durations: Vec<Duration> = Vec::new();
    for _ in 0..samples {
        if cache == Cache::Cold {
            drop_from_page_cache(path)?;
        }
        let started = Instant::now();
        let status = Command::new(&program)
            .arg("--db")
            .arg(path)
            .arg("--config")
            .arg(&config)
            .args(["overdue", "--format", "json"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .status()
            .with_context(|| format!("running {} overdue", program.display()))?;
        durations.push(started.elapsed());
        if !status.success() {
            bail!("balie overdue failed on the generated desk ({status})");
        }
    }
    let name = match cache {
        Cache::Warm => "balie overdue as a process, wall clock (exec + all of the above)",
        Cache::Cold => "balie overdue as a process, desk file not in the page cache",
    };
    Ok(Row::timed(name, Budget::None, &durations).into_detail())
}
