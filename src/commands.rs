//! The subcommands that print or write instead of opening the desk.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::config::Config;
use crate::deadline::parse_deadline;
use crate::domain::{Channel, NewPromise, Promise};
use crate::first_contact::first_contact_figures;
use crate::report::{self, Format, OverdueRow};
use crate::store::Store;

/// Promises are few enough per desk that a whole export fits; this only bounds a mistake.
const EXPORT_LIMIT: usize = 100_000;

pub fn overdue(
    store: &Store,
    config: &Config,
    agent: Option<&str>,
    format: Format,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let rows: Vec<OverdueRow> = store
        .overdue_promises(agent, now)?
        .iter()
        .map(|p| OverdueRow::new(p, now))
        .collect();
    report::write_overdue(out, &rows, format, config.time_zone, now)?;
    Ok(())
}

pub fn report(
    store: &Store,
    config: &Config,
    since: &str,
    agent: Option<&str>,
    format: Format,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let start = parse_since(since, now, config)?;
    let records = store.promise_records(start, now, agent)?;
    let histories = store.histories_since(start, agent)?;
    let first_contact = first_contact_figures(&histories, config.first_contact_reopen_days);
    let sla = report::sla_figures(&histories, &config.sla, &config.calendar(), now);
    report::write_report(
        out,
        &report::report_rows(&records, &first_contact, &sla),
        format,
    )?;
    Ok(())
}

/// What `balie promise` is asked to promise.
pub struct PromiseRequest<'a> {
    pub ticket: &'a str,
    pub due: &'a str,
    pub to: Option<&'a str>,
    pub channel: &'a str,
    pub what: &'a str,
}

/// Makes a promise on a ticket from the command line, as `p` does in the desk.
pub fn promise(
    store: &mut Store,
    config: &Config,
    request: &PromiseRequest,
    now: DateTime<Utc>,
) -> Result<Promise> {
    let ticket = store
        .find_ticket(request.ticket)?
        .with_context(|| format!("no ticket {}", request.ticket))?;
    let channel = Channel::from_code(request.channel).with_context(|| {
        let codes: Vec<&str> = Channel::ALL.iter().map(|c| c.code()).collect();
        format!("--channel {}: one of {}", request.channel, codes.join(", "))
    })?;
    let due_at = parse_deadline(request.due, now, &config.calendar())
        .map_err(|e| anyhow::anyhow!("--due {}: {e}", request.due))?;
    let new = NewPromise {
        ticket_id: ticket.id,
        what: request.what.to_string(),
        to: request.to.unwrap_or_default().to_string(),
        callback: false,
        channel,
        due_at,
    };
    Ok(store.make_promise(&new, now)?)
}

pub fn handover(
    store: &Store,
    config: &Config,
    agent: &str,
    format: Format,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let handover = crate::handover::gather(store, agent, &config.calendar(), &config.sla, now)?;
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &handover)?;
            writeln!(out)?;
        }
        Format::Table => {
            for line in crate::handover::text(&handover, now, config.time_zone) {
                writeln!(out, "{line}")?;
            }
        }
        Format::Csv => bail!("a handover is text or JSON: use --format table or --format json"),
    }
    Ok(())
}

pub fn export_ics(
    store: &Store,
    agent: Option<&str>,
    file: &Path,
    now: DateTime<Utc>,
) -> Result<usize> {
    let promises = store.open_promises_by_agent(agent, EXPORT_LIMIT)?;
    let text = crate::ics::calendar(&promises, now);
    write_private(file, text.as_bytes()).with_context(|| format!("writing {}", file.display()))?;
    Ok(promises.len())
}

/// `7d`, `30d` count back from now; a date means its start in the agent's time zone.
pub fn parse_since(text: &str, now: DateTime<Utc>, config: &Config) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if let Some(days) = text.strip_suffix('d')
        && let Ok(days) = days.parse::<u32>()
    {
        return Ok(now - Duration::days(i64::from(days)));
    }
    let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") else {
        bail!(
            "--since takes 7d, 30d (any number of days) or a date such as 2026-11-01, not `{text}`"
        );
    };
    let midnight = date.and_hms_opt(0, 0, 0).context("midnight exists")?;
    config
        .time_zone
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.to_utc())
        .with_context(|| format!("{date} has no midnight in {}", config.time_zone))
}

/// Exports hold callers' names: readable by the owner only, like the database.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
