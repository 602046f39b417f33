//! The team lead's reports as text: aligned tables for people, and JSON and CSV with a
//! stable shape for other tools (documented in README.md). Pure: rows in, bytes out.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use chrono::{DateTime, Utc};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::domain::change::TeamState;
use crate::domain::figures::TicketRecord;
use crate::domain::outcome::{OverduePromise, Record};
use crate::domain::time_zone::Tz;
use crate::domain::{text, when};
use crate::i18n::{Language, Texts};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

/// A listing's formats: the report formats, and `ids`, one identifier a line for `xargs`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    #[default]
    Table,
    Json,
    Csv,
    Ids,
}

/// One overdue promise. Field names and meanings are part of the JSON and CSV interface.
/// Borrowed from the promise it shows: a report of thousands copies no text to print it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverdueRow<'a> {
    pub promise_id: &'a str,
    pub ticket: &'a str,
    pub owner: &'a str,
    pub to: &'a str,
    pub what: &'a str,
    pub channel: &'static str,
    /// RFC 3339, UTC.
    pub due_at: String,
    pub overdue_minutes: i64,
}

impl<'a> OverdueRow<'a> {
    pub fn new(promise: &'a OverduePromise, now: DateTime<Utc>) -> OverdueRow<'a> {
        OverdueRow {
            promise_id: &promise.id,
            ticket: &promise.ticket_key,
            owner: &promise.owner,
            to: &promise.to,
            what: &promise.what,
            channel: promise.channel.code(),
            due_at: promise
                .due_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            overdue_minutes: (now - promise.due_at).num_minutes(),
        }
    }
}

/// One agent's line in `balie report`. Rates are fractions from 0 to 1, or null when
/// nothing was there to measure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportRow {
    pub agent: String,
    pub promises_made: i64,
    pub kept_on_time: i64,
    pub kept_late: i64,
    pub broken: i64,
    pub cancelled_in_time: i64,
    pub rescheduled_in_time: i64,
    pub open: i64,
    pub kept_rate: Option<f64>,
    pub tickets: i64,
    pub resolved: i64,
    pub first_contact_resolved: i64,
    pub first_contact_rate: Option<f64>,
    /// Tickets resolved within the period's tickets, and how many within their SLA.
    pub sla_resolved: i64,
    pub sla_met: i64,
    pub sla_met_rate: Option<f64>,
}

/// Joins the promise records and the ticket records per agent; an agent may appear in
/// either.
pub fn report_rows(records: &[Record], tickets: &[TicketRecord]) -> Vec<ReportRow> {
    let mut agents: Vec<&str> = records
        .iter()
        .map(|r| r.agent.as_str())
        .chain(tickets.iter().map(|f| f.agent.as_str()))
        .collect();
    agents.sort_unstable();
    agents.dedup();
    agents
        .into_iter()
        .map(|agent| {
            let record = records
                .iter()
                .find(|r| r.agent == agent)
                .cloned()
                .unwrap_or_default();
            let t = tickets
                .iter()
                .find(|f| f.agent == agent)
                .cloned()
                .unwrap_or_default();
            let rate = |part: i64, whole: i64| (whole > 0).then(|| part as f64 / whole as f64);
            ReportRow {
                agent: agent.to_string(),
                promises_made: record.made,
                kept_on_time: record.kept_on_time,
                kept_late: record.kept_late,
                broken: record.broken,
                cancelled_in_time: record.cancelled_in_time,
                rescheduled_in_time: record.rescheduled_in_time,
                open: record.open,
                kept_rate: record.rate(),
                tickets: t.tickets,
                resolved: t.resolved,
                first_contact_resolved: t.first_contact,
                first_contact_rate: rate(t.first_contact, t.resolved),
                sla_resolved: t.sla_resolved,
                sla_met: t.sla_met,
                sla_met_rate: rate(t.sla_met, t.sla_resolved),
            }
        })
        .collect()
}

pub fn write_overdue(
    out: &mut impl Write,
    promises: &[OverduePromise],
    format: Format,
    tz: Tz,
    now: DateTime<Utc>,
) -> std::io::Result<()> {
    let rows = || -> Vec<OverdueRow> { promises.iter().map(|p| OverdueRow::new(p, now)).collect() };
    match format {
        Format::Json => write_json(out, &rows()),
        Format::Csv => write_csv(out, &rows()),
        Format::Table => {
            if promises.is_empty() {
                return writeln!(out, "no overdue promises");
            }
            // The table's words are all words of time.
            let texts = Texts::time_words(Language::English);
            let dates = when::FriendlyDates::new(now, tz, &texts);
            // Promises fall due on a few quarter hours of each day: each distinct due time
            // is worded once, with its countdown, not once per row.
            let mut words: HashMap<DateTime<Utc>, [String; 2]> = HashMap::new();
            for p in promises {
                words.entry(p.due_at).or_insert_with(|| {
                    [
                        when::countdown(p.due_at, now, &texts),
                        dates.format(p.due_at),
                    ]
                });
            }
            let header = ["overdue", "due", "agent", "ticket", "to", "what"];
            let lines: Vec<[&str; 6]> = promises
                .iter()
                .map(|p| {
                    let [countdown, due] = &words[&p.due_at];
                    [countdown, due, &p.owner, &p.ticket_key, &p.to, &p.what].map(String::as_str)
                })
                .collect();
            write_table(out, &header, &lines)
        }
    }
}

pub fn write_report(
    out: &mut impl Write,
    rows: &[ReportRow],
    format: Format,
) -> std::io::Result<()> {
    match format {
        Format::Json => write_json(out, rows),
        Format::Csv => write_csv(out, rows),
        Format::Table => {
            if rows.is_empty() {
                return writeln!(out, "no promises or tickets in this period");
            }
            let header = [
                "agent",
                "made",
                "on time",
                "late",
                "broken",
                "cancelled",
                "open",
                "kept %",
                "tickets",
                "FCR %",
                "SLA met %",
            ];
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.agent.clone(),
                        r.promises_made.to_string(),
                        r.kept_on_time.to_string(),
                        r.kept_late.to_string(),
                        r.broken.to_string(),
                        r.cancelled_in_time.to_string(),
                        r.open.to_string(),
                        percent(r.kept_rate),
                        r.tickets.to_string(),
                        percent(r.first_contact_rate),
                        percent(r.sla_met_rate),
                    ]
                })
                .collect();
            write_table(out, &header, &lines)
        }
    }
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_string(), |r| format!("{:.0}", r * 100.0))
}

pub(crate) fn write_json<T: Serialize>(out: &mut impl Write, rows: &[T]) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)
}

pub(crate) fn write_csv<T: Serialize>(out: &mut impl Write, rows: &[T]) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for row in rows {
        writer.serialize(row).map_err(std::io::Error::other)?;
    }
    writer.flush()
}

/// Columns padded to their widest cell, measured in terminal cells so accents and wide
/// characters line up. A cell is shown escaped as one line, and measured as it is shown.
pub(crate) fn write_table<S: AsRef<str>, L: AsRef<[S]>>(
    out: &mut impl Write,
    header: &[&str],
    lines: &[L],
) -> std::io::Result<()> {
    let columns = header.len();
    // Every cell of every line, each with its width, worked out once: the width is read
    // for the column and for the padding.
    let mut cells: Vec<(Cow<str>, usize)> = Vec::with_capacity(lines.len() * columns);
    for line in lines {
        let line = line.as_ref();
        for column in 0..columns {
            let cell = text::escape_line(line.get(column).map_or("", S::as_ref));
            let width = shown_width(&cell);
            cells.push((cell, width));
        }
    }
    let header_widths: Vec<usize> = header.iter().map(|h| shown_width(h)).collect();
    let mut widths = header_widths.clone();
    for line in cells.chunks(columns) {
        for (width, (_, cell)) in widths.iter_mut().zip(line) {
            *width = (*width).max(*cell);
        }
    }
    // One buffer for every row: a report of thousands of rows is mostly this loop.
    let mut row = String::new();
    let mut write_row = |cells: &mut dyn Iterator<Item = (&str, usize)>| {
        row.clear();
        for (column, ((cell, cell_width), width)) in cells.zip(&widths).enumerate() {
            if column > 0 {
                row.push_str("  ");
            }
            row.push_str(cell);
            pad(&mut row, width - cell_width);
        }
        row.truncate(row.trim_end().len());
        row.push('\n');
        out.write_all(row.as_bytes())
    };
    write_row(&mut header.iter().copied().zip(header_widths.iter().copied()))?;
    for line in cells.chunks(columns) {
        write_row(&mut line.iter().map(|(cell, width)| (cell.as_ref(), *width)))?;
    }
    Ok(())
}

/// Appends `count` blanks, a block at a time rather than a character at a time.
fn pad(row: &mut String, count: usize) {
    const BLANKS: &str = "                                ";
    let mut left = count;
    while left > 0 {
        let part = left.min(BLANKS.len());
        row.push_str(&BLANKS[..part]);
        left -= part;
    }
}

/// The cells a line of text takes on a terminal. Plain ASCII, most of what a table holds,
/// takes one cell a byte once it is escaped.
fn shown_width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// The command line speaks English whatever the desk's language, so that scripts and
/// pipes that read its tables see one format.
pub fn cli_texts() -> Texts {
    Texts::new(Language::English)
}

/// "1 ticket", "3 tickets": the command line speaks English (see `cli_texts`).
pub fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// How fresh a team desk's copy is, in the command line's words.
pub fn freshness(team: &TeamState, tz: Tz, now: DateTime<Utc>) -> String {
    let texts = cli_texts();
    let waiting = if team.pending > 0 {
        format!(
            ", {} waiting to be pushed",
            plural(team.pending, "change", "changes")
        )
    } else {
        String::new()
    };
    match (team.online, team.offline_since, team.last_pull_at) {
        (true, _, Some(at)) => format!(
            "team figures from this desk's copy, synced {}{waiting}",
            when::friendly(at, now, tz, &texts)
        ),
        (false, Some(since), last) => format!(
            "team figures from this desk's copy: offline since {}, last synced {}{waiting}",
            when::friendly(since, now, tz, &texts),
            last.map_or_else(
                || "never".to_string(),
                |at| when::friendly(at, now, tz, &texts)
            )
        ),
        _ => format!("team figures from this desk's copy: not synced yet{waiting}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns line up two spaces apart, counted in terminal cells, and no row ends in
    /// blanks, even when its last cells are empty.
    #[test]
    fn a_table_lines_up_its_columns_and_ends_rows_without_blanks() {
        let lines = vec![
            vec![
                "Ödön".to_string(),
                "T-1".to_string(),
                "call back".to_string(),
            ],
            vec!["Jan de Vries".to_string(), String::new(), String::new()],
        ];
        let mut out = Vec::new();
        write_table(&mut out, &["agent", "ticket", "what"], &lines).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "agent         ticket  what\n\
             Ödön          T-1     call back\n\
             Jan de Vries\n"
        );
    }

    /// A control character in a cell is shown escaped, and the column is as wide as what is
    /// shown; a column wider than a block of blanks is padded all the same.
    #[test]
    fn a_cell_lines_up_as_it_is_shown_escaped() {
        let long = "a name far longer than thirty-two characters".to_string();
        let lines = vec![
            vec!["Jan\u{1b}[2J".to_string(), "T-1".to_string()],
            vec![long.clone(), "T-2".to_string()],
            vec!["Piet".to_string(), "T-3".to_string()],
        ];
        let mut out = Vec::new();
        write_table(&mut out, &["agent", "ticket"], &lines).unwrap();
        let text = String::from_utf8(out).unwrap();
        let columns: Vec<usize> = text.lines().map(|l| l.find("T-").unwrap_or(0)).collect();
        assert_eq!(
            columns,
            [0, long.len() + 2, long.len() + 2, long.len() + 2],
            "{text}"
        );
        assert!(text.contains("Jan\\u001b[2J"), "{text}");
        assert!(text.lines().next().unwrap().starts_with("agent"));
    }
}
