//! `balie team …` and `balie sync`: preparing a team store, letting agents in, joining, and
//! what the desk and the store exchanged.

use std::io::{IsTerminal, Write};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::cli::args::KeepChoice;
use crate::cli::output::{Format, plural};
use crate::config::Config;
use crate::domain::change::{Conflict, TeamState};
use crate::store::{Keep, Store};
use crate::sync::{self, Address, Progress, SyncReport};

/// `balie team init URL`: prepares the team store; speaks to it only, needs no desk.
pub fn init(url: &str, config: &Config, out: &mut impl Write) -> Result<()> {
    let address = Address::parse(url)?;
    if sync::init(&address, config.team.ca_file.as_deref())? == 0 {
        writeln!(out, "the team store at {} is up to date", address.shown())?;
    } else {
        writeln!(out, "prepared the team store at {}", address.shown())?;
        writeln!(
            out,
            "next: `balie team add-agent {} NAME` for each agent, then each agent runs `balie team join {}`",
            address.shown(),
            address.shown_as("ROLE")
        )?;
    }
    Ok(())
}

/// `balie team add-agent URL NAME`: the role an agent connects as.
pub fn add_agent(
    url: &str,
    name: &str,
    role: Option<&str>,
    password_stdin: bool,
    config: &Config,
    out: &mut impl Write,
) -> Result<()> {
    let address = Address::parse(url)?;
    let name = crate::domain::text::accept(crate::domain::text::Field::Name, name)
        .map_err(|e| anyhow::anyhow!("NAME: {e}; nothing was saved"))?;
    let role = role.map_or_else(|| sync::role_for(&name), str::to_string);
    let password = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("reading the password from stdin")?;
        Some(line.trim_end_matches(['\r', '\n']).to_string())
    } else {
        None
    };
    let ca = config.team.ca_file.as_deref();
    sync::add_agent(&address, ca, &name, &role, password.as_deref())?;
    writeln!(
        out,
        "{name} connects as the role {role}: {}",
        address.shown_as(&role)
    )?;
    Ok(())
}

pub fn join(
    store: &mut Store,
    url: &str,
    config: &Config,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let address = Address::parse(url)?;
    let mut bar = ProgressBar::new("filling the desk from the team store");
    let report = sync::join(
        store,
        &address,
        config.team.ca_file.as_deref(),
        now,
        &mut |p| bar.show(p),
    )?;
    bar.finish();
    writeln!(out, "joined the team store at {}", address.shown())?;
    print_report(&report, out)
}

pub fn sync_now(
    store: &mut Store,
    config: &Config,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let mut bar = ProgressBar::new("pulling from the team store");
    let round = sync::sync_once(store, config.team.ca_file.as_deref(), now, &mut |p| {
        bar.show(p)
    });
    bar.finish();
    match round {
        Ok(report) => print_report(&report, out),
        Err(error) if error.is_offline() => {
            let waiting = store.team()?.map_or(0, |t| t.pending);
            Err(anyhow::Error::new(error).context(format!(
                "not synced: {} wait on this desk and go with the next sync",
                plural(waiting, "change", "changes")
            )))
        }
        Err(error) => Err(error.into()),
    }
}

fn print_report(report: &SyncReport, out: &mut impl Write) -> Result<()> {
    let pulled = &report.pulled;
    writeln!(
        out,
        "pushed {}, pulled {} ({}, {})",
        plural(report.pushed as i64, "change", "changes"),
        plural(pulled.changes as i64, "change", "changes"),
        plural(pulled.tickets as i64, "new ticket", "new tickets"),
        plural(pulled.events as i64, "event", "events"),
    )?;
    if pulled.conflicts > 0 {
        writeln!(
            out,
            "{}: see `balie team conflicts`",
            plural(pulled.conflicts as i64, "new conflict", "new conflicts")
        )?;
    }
    Ok(())
}

pub fn status(
    store: &Store,
    format: Format,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let team = store.team()?.ok_or(sync::SyncError::NotAMember)?;
    match format {
        Format::Json => {
            let stamp = |t: Option<DateTime<Utc>>| {
                t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            };
            let value = json!({
                "url": team.url,
                "agent": team.agent,
                "desk": team.desk_id,
                "online": team.online,
                "offline_since": stamp(team.offline_since),
                "pending": team.pending,
                "last_sync": stamp(team.last_pull_at),
                "last_push": stamp(team.last_push_at),
                "conflicts": team.conflicts,
                "ticket_numbers_left": team.numbers_left,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(&mut *out);
            csv.write_record(["url", "online", "pending", "last_sync", "conflicts"])?;
            csv.write_record([
                team.url.clone(),
                team.online.to_string(),
                team.pending.to_string(),
                team.last_pull_at
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default(),
                team.conflicts.to_string(),
            ])?;
            csv.flush()?;
        }
        Format::Table => write_status(&team, now, out)?,
    }
    Ok(())
}

fn write_status(team: &TeamState, now: DateTime<Utc>, out: &mut impl Write) -> Result<()> {
    writeln!(out, "team store   {}", team.url)?;
    writeln!(out, "agent        {}", team.agent)?;
    let state = if team.online {
        "online".to_string()
    } else {
        match team.offline_since {
            Some(since) => format!(
                "offline since {} ({} ago)",
                since.format("%Y-%m-%d %H:%M UTC"),
                ago(now - since)
            ),
            None => "not synced yet".to_string(),
        }
    };
    writeln!(out, "state        {state}")?;
    let last = team
        .last_pull_at
        .map(|t| format!("{} ago", ago(now - t)))
        .unwrap_or_else(|| "never".into());
    writeln!(out, "last sync    {last}")?;
    writeln!(
        out,
        "waiting      {}",
        plural(team.pending, "change to push", "changes to push")
    )?;
    writeln!(out, "conflicts    {}", team.conflicts)?;
    writeln!(
        out,
        "numbers      {} ticket numbers left",
        team.numbers_left
    )?;
    Ok(())
}

fn ago(span: chrono::Duration) -> String {
    let seconds = span.num_seconds().max(0);
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3600 => format!("{}m", seconds / 60),
        3600..86_400 => format!("{}h {}m", seconds / 3600, seconds % 3600 / 60),
        _ => format!("{}d", seconds / 86_400),
    }
}

pub fn conflicts(
    store: &mut Store,
    resolve: Option<&str>,
    keep: Option<KeepChoice>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let open = store.open_conflicts(None)?;
    if let (Some(id), Some(keep)) = (resolve, keep) {
        let matching: Vec<&Conflict> = open.iter().filter(|c| c.id.starts_with(id)).collect();
        let conflict = match matching.as_slice() {
            [one] => *one,
            [] => anyhow::bail!("no open conflict {id}"),
            _ => anyhow::bail!("{id} is the start of several conflicts' ids; give more of it"),
        };
        let keep = match keep {
            KeepChoice::Kept => Keep::Kept,
            KeepChoice::Lost => Keep::Lost,
        };
        store.resolve_conflict(&conflict.id, keep, now)?;
        let value = match keep {
            Keep::Kept => &conflict.kept,
            Keep::Lost => &conflict.lost,
        };
        writeln!(
            out,
            "settled: {} stays {}",
            field_name(conflict),
            Conflict::shown(value)
        )?;
        return Ok(());
    }
    if open.is_empty() {
        writeln!(out, "no open conflicts")?;
    }
    for conflict in &open {
        writeln!(out, "{}", describe(conflict))?;
    }
    Ok(())
}

fn field_name(conflict: &Conflict) -> String {
    let owner = conflict
        .ticket_key
        .clone()
        .unwrap_or_else(|| conflict.table.trim_end_matches('s').to_string());
    format!("{owner} {}", conflict.column)
}

/// One line a person can decide on: who set what, when, and which value the store kept.
pub fn describe(conflict: &Conflict) -> String {
    format!(
        "{}  {}: {} set {} at {}; {} set {} at {} (kept: {})",
        &conflict.id[..conflict.id.len().min(13)],
        field_name(conflict),
        conflict.kept_by,
        Conflict::shown(&conflict.kept),
        conflict.kept_at.format("%Y-%m-%d %H:%M UTC"),
        conflict.lost_by,
        Conflict::shown(&conflict.lost),
        conflict.lost_at.format("%Y-%m-%d %H:%M UTC"),
        Conflict::shown(&conflict.kept),
    )
}

/// A one-line progress bar on stderr, shown only on a terminal and only for a long pull.
struct ProgressBar {
    label: &'static str,
    shown: bool,
    tty: bool,
}

impl ProgressBar {
    fn new(label: &'static str) -> ProgressBar {
        ProgressBar {
            label,
            shown: false,
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, progress: Progress) {
        let left = progress.total - progress.done;
        if !self.tty || (!self.shown && left < 20_000) || progress.total == 0 {
            return;
        }
        self.shown = true;
        let share = progress.done as f64 / progress.total as f64;
        let filled = (share * 30.0) as usize;
        eprint!(
            "\r{}: [{}{}] {:>3}% ",
            self.label,
            "#".repeat(filled),
            " ".repeat(30 - filled.min(30)),
            (share * 100.0) as u32
        );
    }

    fn finish(&self) {
        if self.shown {
            eprintln!();
        }
    }
}
