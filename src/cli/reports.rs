//! The subcommands that print or write instead of opening the desk.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::cli::output::{self, Format, OverdueRow};
use crate::config::Config;
use crate::domain::Caller;
use crate::domain::first_contact::first_contact_figures;
use crate::domain::fold::fold;
use crate::i18n::{Language, Texts};
use crate::store::{self, ForgetLookup, Forgotten, RowCounts, Store};

/// Promises are few enough per desk that a whole export fits; this only bounds a mistake.
const EXPORT_LIMIT: usize = 100_000;

/// The command line speaks English whatever the desk's language, so that scripts and
/// pipes that read its tables see one format.
pub fn cli_texts() -> Texts {
    Texts::new(Language::English)
}

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
    output::write_overdue(out, &rows, format, config.time_zone, now)?;
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
    let sla = output::sla_figures(&histories, &config.sla, &config.calendar(), now);
    output::write_report(
        out,
        &output::report_rows(&records, &first_contact, &sla),
        format,
    )?;
    Ok(())
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
    write_private(file, text.as_bytes()).with_context(|| format!("writing {}", file.display()))?;
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

/// `balie backup FILE`.
pub fn backup(db: &Path, file: &Path, out: &mut impl Write) -> Result<()> {
    require_desk(db)?;
    let written = store::backup(db, file)
        .with_context(|| format!("backing up {} to {}", db.display(), file.display()))?;
    writeln!(
        out,
        "wrote {} ({} bytes): {}",
        written.path.display(),
        written.bytes,
        rows(&written.rows)
    )?;
    Ok(())
}

/// `balie check`: the report on `out`, and an error (exit code 1) when anything is wrong.
pub fn check(db: &Path, out: &mut impl Write) -> Result<()> {
    require_desk(db)?;
    let report = store::check(db).with_context(|| format!("checking {}", db.display()))?;
    writeln!(out, "{}: {} bytes", db.display(), report.bytes)?;
    if let Some(wal) = report.wal_bytes {
        writeln!(out, "write-ahead log: {wal} bytes")?;
    }
    if let Some(id) = report.application_id {
        let whose = if id == store::APPLICATION_ID {
            "balie".to_string()
        } else {
            format!("{id:#010x}")
        };
        writeln!(out, "application id: {whose}")?;
    }
    if let Some(schema) = report.schema {
        let known = report.known_schema;
        let note = if schema < known {
            "; upgraded when a desk next opens it"
        } else {
            ""
        };
        writeln!(out, "schema: {schema} (this balie knows {known}{note})")?;
    }
    if let Some(counts) = &report.rows {
        writeln!(out, "holds {}", rows(counts))?;
    }
    if let Some(unreviewed) = report.unreviewed.filter(|n| *n > 0) {
        writeln!(
            out,
            "{} flagged by `balie forget` still to review",
            plural(unreviewed, "note", "notes")
        )?;
    }
    if report.is_ok() {
        writeln!(out, "integrity: ok\nforeign keys: ok\nall well")?;
        return Ok(());
    }
    writeln!(out, "problems:")?;
    for problem in &report.problems {
        writeln!(out, "  - {problem}")?;
    }
    bail!(
        "{} found in {}",
        plural(report.problems.len() as i64, "problem", "problems"),
        db.display()
    )
}

/// What `balie forget` was asked to do.
pub struct Forget<'a> {
    pub db: &'a Path,
    pub caller: &'a str,
    pub yes: bool,
    pub vacuum: bool,
}

/// `balie forget CALLER`. Never prints the erased data itself except to the terminal that
/// confirms it: the output of scripts ends up in logs.
pub fn forget(
    store: &mut Store,
    forget: &Forget,
    config: &Config,
    now: DateTime<Utc>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    let (caller_id, erased) = match store.find_caller_to_forget(forget.caller)? {
        ForgetLookup::NotFound => {
            bail!("no caller matches `{}`; nothing was erased", forget.caller)
        }
        ForgetLookup::Several(hits) => {
            writeln!(err, "`{}` matches {} callers:", forget.caller, hits.len())?;
            for hit in &hits {
                let org = if hit.organization.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", hit.organization)
                };
                writeln!(err, "  {}  {}{org}", hit.id, hit.name)?;
            }
            bail!("name one caller by its id; nothing was erased")
        }
        ForgetLookup::AlreadyForgotten { caller_id, at } => {
            writeln!(
                out,
                "caller {caller_id} was already forgotten on {}; clearing older copies from the file",
                at.with_timezone(&config.time_zone).format("%Y-%m-%d %H:%M")
            )?;
            store.clear_forgotten(&caller_id, now)?;
            (caller_id, None)
        }
        ForgetLookup::One(caller) => {
            if !forget.yes {
                if !std::io::stdin().is_terminal() {
                    bail!(
                        "forget erases for good: add --yes, or run it in a terminal to type the \
                         caller's name; nothing was erased"
                    );
                }
                if !confirm_by_name(&caller, &mut std::io::stdin().lock(), err)? {
                    bail!("the typed name does not match; nothing was erased");
                }
            }
            let done = store.forget_caller(&caller.id, now)?;
            report_forgotten(&done, config, out)?;
            (caller.id.clone(), Some((caller, done)))
        }
    };
    let purged = store.purge_erased(erased.as_ref().map(|(c, d)| (c, d)), forget.vacuum)?;
    if purged.rebuilt {
        writeln!(
            out,
            "{} rebuilt: it held older copies of the erased data in its free space",
            forget.db.display()
        )?;
    }
    if !purged.log_emptied {
        bail!(
            "the caller is erased, but {}-wal still holds older copies because another desk \
             was reading; run `balie forget {caller_id} --yes` again to finish",
            forget.db.display()
        );
    }
    if purged.remains && purged.rebuilt {
        bail!(
            "the caller is erased, but their data is still found in {} after rebuilding it; \
             run `balie check` and report it",
            forget.db.display()
        );
    } else if purged.remains {
        writeln!(
            out,
            "the file was not rebuilt: older copies of the erased data remain in its free \
             space until `balie forget {caller_id}` runs again without --no-vacuum"
        )?;
    } else {
        writeln!(
            out,
            "{} and its write-ahead log read back: the erased data is gone from the file",
            forget.db.display()
        )?;
    }
    Ok(())
}

fn report_forgotten(done: &Forgotten, config: &Config, out: &mut impl Write) -> Result<()> {
    writeln!(
        out,
        "erased caller {}: name, organisation, {}, search entry",
        done.caller_id,
        plural(
            done.handles as i64,
            "phone, e-mail or identifier",
            "phones, e-mails and identifiers"
        )
    )?;
    writeln!(
        out,
        "kept {}, {} and {}, now of an anonymous caller",
        plural(done.tickets, "ticket", "tickets"),
        plural(done.promises, "promise", "promises"),
        plural(done.events, "event", "events")
    )?;
    if done.recipients > 0 {
        writeln!(
            out,
            "{} to them now read \"{}\"",
            plural(done.recipients as i64, "promise", "promises"),
            store::FORGOTTEN
        )?;
    }
    if done.questions > 0 {
        writeln!(
            out,
            "{} that named them now {} \"{}\"",
            plural(done.questions as i64, "script question", "script questions"),
            if done.questions == 1 { "reads" } else { "read" },
            store::FORGOTTEN
        )?;
    }
    if done.drafts > 0 {
        writeln!(
            out,
            "{} that named them erased",
            plural(done.drafts as i64, "unsaved draft", "unsaved drafts")
        )?;
    }
    if done.to_review.is_empty() {
        writeln!(out, "no notes mention this caller")?;
        return Ok(());
    }
    let count = done.to_review.len() as i64;
    writeln!(
        out,
        "{} this caller; review them:",
        plural(count, "note mentions", "notes mention")
    )?;
    for m in &done.to_review {
        writeln!(
            out,
            "  {}  {}  {}  event {}",
            m.ticket_key,
            m.at.with_timezone(&config.time_zone)
                .format("%Y-%m-%d %H:%M"),
            m.kind.label(),
            m.event_id
        )?;
    }
    Ok(())
}

/// Shows who is about to be erased and asks for their name, typed as search would match
/// it (accents and case aside). Returns whether it matched.
pub fn confirm_by_name(
    caller: &Caller,
    input: &mut impl BufRead,
    prompt: &mut impl Write,
) -> Result<bool> {
    writeln!(prompt, "About to erase for good:")?;
    writeln!(prompt, "  {}  {}", caller.id, caller.name)?;
    let details = [
        ("organisation", vec![caller.organization.clone()]),
        ("phones", caller.phones.clone()),
        ("e-mails", caller.emails.clone()),
        ("identifiers", caller.identifiers.clone()),
    ];
    for (label, values) in details {
        let values: Vec<String> = values.into_iter().filter(|v| !v.is_empty()).collect();
        if !values.is_empty() {
            writeln!(prompt, "  {label}: {}", values.join(", "))?;
        }
    }
    writeln!(
        prompt,
        "Their tickets, promises and timeline stay, without their name."
    )?;
    write!(prompt, "Type the caller's name to confirm: ")?;
    prompt.flush()?;
    let mut typed = String::new();
    input.read_line(&mut typed)?;
    let typed = fold(typed.trim());
    Ok(!typed.is_empty() && typed == fold(caller.name.trim()))
}

fn require_desk(db: &Path) -> Result<()> {
    if !db.exists() {
        bail!(
            "no desk at {}; name one with --db or BALIE_DB",
            db.display()
        );
    }
    Ok(())
}

fn rows(counts: &RowCounts) -> String {
    format!(
        "{}, {}, {}, {}",
        plural(counts.callers, "caller", "callers"),
        plural(counts.tickets, "ticket", "tickets"),
        plural(counts.promises, "promise", "promises"),
        plural(counts.events, "event", "events")
    )
}

/// "1 ticket", "3 tickets": the command line speaks English (see `cli_texts`).
pub fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirming_takes_the_name_as_search_would_match_it() {
        let caller = Caller {
            id: "01a2".into(),
            name: "Ödön Kovács".into(),
            organization: "Magyar Posta Zrt.".into(),
            phones: vec!["+36 30 123 4567".into()],
            emails: Vec::new(),
            identifiers: Vec::new(),
        };
        for (typed, expected) in [
            ("odon kovacs\n", true),
            ("  Ödön Kovács  \n", true),
            ("Ödön\n", false),
            ("\n", false),
            ("", false),
        ] {
            let mut prompt = Vec::new();
            let confirmed = confirm_by_name(&caller, &mut typed.as_bytes(), &mut prompt).unwrap();
            assert_eq!(confirmed, expected, "{typed:?}");
            let prompt = String::from_utf8(prompt).unwrap();
            assert!(prompt.contains("phones: +36 30 123 4567"), "{prompt}");
            assert!(prompt.ends_with("Type the caller's name to confirm: "));
        }
    }

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
            time_zone: chrono_tz::Europe::Amsterdam,
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
