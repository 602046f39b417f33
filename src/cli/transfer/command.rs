//! `balie import …` and `balie export …` as the command line runs them: which desk to
//! open, and what to tell the user afterwards.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::{FileFormat, callers, full, tickets};
use crate::cli::args::{ExportKind, ImportKind};
use crate::cli::output::plural;
use crate::cli::reports::parse_since;
use crate::config::Config;
use crate::store::{RestoreCounts, Store};

pub fn import(
    what: &ImportKind,
    db: &Path,
    config: &Config,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let dry_run = matches!(
        what,
        ImportKind::Callers { dry_run: true, .. }
            | ImportKind::Tickets { dry_run: true, .. }
            | ImportKind::Json { dry_run: true, .. }
    );
    let (verb, done) = match dry_run {
        true => ("would import", "; dry run, nothing was changed"),
        false => ("imported", ""),
    };
    let file = match what {
        ImportKind::Callers { file, .. }
        | ImportKind::Tickets { file, .. }
        | ImportKind::Json { file, .. } => file,
    };
    if let Some(notice) = holding_notice(file) {
        eprintln!("balie: {notice}");
    }
    match what {
        ImportKind::Callers {
            file,
            format,
            dry_run,
        } => {
            let format = FileFormat::of(file, *format)?;
            let mut store = open_for_import(db, config, *dry_run)?;
            let summary = callers::import(&mut store, file, format, *dry_run, now)?;
            fold_log(&store, *dry_run);
            let forgotten = match summary.forgotten {
                0 => String::new(),
                n => format!("; {n} erased with balie forget, left out"),
            };
            writeln!(
                out,
                "{verb} {} callers from {} ({} already known, skipped{forgotten}){done}",
                summary.added,
                file.display(),
                summary.skipped
            )?;
        }
        ImportKind::Tickets {
            file,
            format,
            dry_run,
        } => {
            let format = FileFormat::of(file, *format)?;
            let mut store = open_for_import(db, config, *dry_run)?;
            let summary = tickets::import(&mut store, config, file, format, *dry_run, now)?;
            fold_log(&store, *dry_run);
            let forgotten = match summary.forgotten {
                0 => String::new(),
                n => format!("; {n} of callers erased with balie forget, left out"),
            };
            writeln!(
                out,
                "{verb} {} tickets from {} ({} already on the desk, skipped{forgotten}){done}",
                summary.added,
                file.display(),
                summary.skipped
            )?;
        }
        ImportKind::Json { file, dry_run } => {
            let desk = full::read(file)?;
            let existed = db.exists();
            let mut store = open_for_import(db, config, *dry_run)?;
            let counts = match desk.restore(&mut store, db, *dry_run) {
                Ok(counts) => counts,
                Err(error) => {
                    drop(store);
                    if !existed && !*dry_run {
                        remove_new_desk(db);
                    }
                    return Err(error.into());
                }
            };
            fold_log(&store, *dry_run);
            writeln!(
                out,
                "{verb} the desk from {}: {}{done}",
                file.display(),
                rows(&counts)
            )?;
        }
    }
    Ok(())
}

/// The import is committed; the log it grew is folded in and trimmed now rather than left
/// at the import's size (302 MB of log after a 300 MB import). Another desk reading can put
/// that off, which is harmless: `journal_size_limit` trims it at the next checkpoint.
fn fold_log(store: &Store, dry_run: bool) {
    if !dry_run {
        let _ = store.fold_log();
    }
}

/// Files from this size on take long enough to import that other desks notice.
const LARGE_IMPORT: u64 = 4 << 20;

/// An import is one transaction, all or nothing, so it holds the desk's write lock until
/// it is done: other desks' saves wait meanwhile. A large file says so up front.
fn holding_notice(file: &Path) -> Option<String> {
    let bytes = std::fs::metadata(file).ok()?.len();
    if bytes < LARGE_IMPORT {
        return None;
    }
    let lines = std::fs::read(file)
        .ok()
        .map(|b| memchr::memchr_iter(b'\n', &b).count())
        .unwrap_or(0);
    Some(format!(
        "importing {} ({} MB, {lines} lines) in one transaction: other desks' saves wait \
         until it is done",
        file.display(),
        bytes >> 20
    ))
}

pub fn export(
    what: &ExportKind,
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    match what {
        ExportKind::Callers { file, format } => {
            let count = callers::export(store, file, FileFormat::of(file, *format)?)?;
            writeln!(
                out,
                "wrote {} to {}",
                plural(count as i64, "caller", "callers"),
                file.display()
            )?;
        }
        ExportKind::Tickets {
            file,
            format,
            since,
        } => {
            let format = FileFormat::of(file, *format)?;
            let start = since
                .as_deref()
                .map(|since| parse_since(since, now, config))
                .transpose()?;
            let count = tickets::export(store, file, format, start)?;
            let opened = match since {
                Some(since) => format!(" opened since {since}"),
                None => String::new(),
            };
            writeln!(
                out,
                "wrote {}{opened} to {}",
                plural(count as i64, "ticket", "tickets"),
                file.display()
            )?;
        }
        ExportKind::Json { file } => {
            let counts = full::export(store, file)?;
            writeln!(
                out,
                "wrote the desk to {}: {}",
                file.display(),
                rows(&counts)
            )?;
        }
    }
    Ok(())
}

/// A dry run never creates a desk: without one it rehearses on an empty desk in memory.
fn open_for_import(db: &Path, config: &Config, dry_run: bool) -> Result<Store> {
    let missing = std::fs::metadata(db).map_or(true, |m| m.len() == 0);
    let mut store = if dry_run && missing {
        Store::open_in_memory(&config.agent)?
    } else {
        Store::open(db, &config.agent)?
    };
    // What is imported counts in the reports under the desk's own settings.
    store.use_figure_rules(config.figure_rules())?;
    Ok(store)
}

/// A desk file this import created and could not fill is taken away again, log and all,
/// so that a failed restore leaves no trace.
fn remove_new_desk(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        // Only what this run created; a file that cannot be removed is an empty desk.
        let _ = std::fs::remove_file(path);
    }
}

fn rows(counts: &RestoreCounts) -> String {
    let parts: Vec<String> = counts
        .0
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(table, n)| format!("{n} {}", table.replace('_', " ")))
        .collect();
    if parts.is_empty() {
        "no rows".into()
    } else {
        parts.join(", ")
    }
}
