//! The team lead's reports on the command line: overdue promises, the promise and SLA
//! report, the shift handover and the calendar export.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::cli::output::{self, Format, cli_texts};
use crate::config::Config;
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
    let promises = store.overdue_promises(agent, now)?;
    output::write_overdue(out, &promises, format, config.time_zone, now)?;
    team_footer(store, config, format, now, out)
}

/// On a team desk a table says how fresh the desk's copy of the team's figures is: the
/// report works offline, and the lead should know what it may miss. JSON and CSV stay
/// rows only (`balie team status` gives the same facts as data).
fn team_footer(
    store: &Store,
    config: &Config,
    format: Format,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    if format != Format::Table {
        return Ok(());
    }
    if let Some(team) = store.team()? {
        writeln!(out, "{}", output::freshness(&team, config.time_zone, now))?;
    }
    Ok(())
}

/// Brings the desk's kept figures in line with `config` first (a no-op unless the working
/// hours, holidays, targets or reopen window changed), then counts them.
pub fn report(
    store: &mut Store,
    config: &Config,
    since: &str,
    agent: Option<&str>,
    format: Format,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let start = parse_since(since, now, config)?;
    store.use_figure_rules(config.figure_rules())?;
    let records = store.promise_records(start, now, agent)?;
    let tickets = store.ticket_records(start, agent)?;
    output::write_report(out, &output::report_rows(&records, &tickets), format)?;
    team_footer(store, config, format, now, out)
}

pub fn handover(
    store: &Store,
    config: &Config,
    agent: &str,
    format: Format,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let handover =
        crate::desk::handover::gather(store, agent, &config.calendar(), &config.sla, now)?;
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &handover)?;
            writeln!(out)?;
        }
        Format::Table => {
            for line in
                crate::domain::shift_handover::text(&handover, now, config.time_zone, &cli_texts())
            {
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
    let text = crate::cli::ics::calendar(&promises, now);
    // Like every other export: a new private file, never one that is already there.
    crate::cli::transfer::write_new_file(file, |out| Ok(out.write_all(text.as_bytes())?))?;
    Ok(promises.len())
}

/// `7d`, `30d` count back from now; a date means its start in the agent's time zone.
pub fn parse_since(text: &str, now: DateTime<Utc>, config: &Config) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("today") {
        let today = now.with_timezone(&config.time_zone).date_naive();
        return local_midnight(today, config);
    }
    if let Some(days) = text.strip_suffix('d')
        && let Ok(days) = days.parse::<u32>()
    {
        // Millions of days back leave the calendar altogether.
        return now
            .checked_sub_signed(Duration::days(i64::from(days)))
            .with_context(|| format!("--since {text} reaches back before any calendar date"));
    }
    let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") else {
        bail!(
            "--since takes today, 7d, 30d (any number of days) or a date such as 2026-11-01, not `{text}`"
        );
    };
    local_midnight(date, config)
}

/// The start of `date` on the desk's clock.
fn local_midnight(date: NaiveDate, config: &Config) -> Result<DateTime<Utc>> {
    let midnight = date.and_hms_opt(0, 0, 0).context("midnight exists")?;
    config
        .time_zone
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.to_utc())
        .with_context(|| format!("{date} has no midnight in {}", config.time_zone))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by review for tests/hostile.rs: `now - Duration::days(4000000000)` panicked.
    #[test]
    fn since_too_many_days_is_refused_not_a_panic() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let config = Config::default();
        assert_eq!(
            parse_since("7d", now, &config).unwrap(),
            now - Duration::days(7)
        );
        let message = parse_since("4294967295d", now, &config)
            .unwrap_err()
            .to_string();
        assert!(message.contains("before any calendar date"), "{message}");
    }

    #[test]
    fn since_today_is_midnight_on_the_desks_clock() {
        let config = Config {
            time_zone: crate::domain::time_zone::zone("Europe/Amsterdam"),
            ..Config::default()
        };
        // 00:30 in Amsterdam is still the evening before in UTC.
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 23, 30, 0).unwrap();
        assert_eq!(
            parse_since("today", now, &config).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 22, 23, 0, 0).unwrap()
        );
        assert_eq!(
            parse_since("Today", now - Duration::hours(1), &config).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 21, 23, 0, 0).unwrap()
        );
    }
}
