//! `balie calls`: the caller log on the command line. Field names and meanings of the JSON
//! and CSV rows are part of the interface.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::cli::output::{self, Format};
use crate::config::Config;
use crate::domain::calls::{Call, duration_text};
use crate::store::Store;

/// A day's calls on a busy desk are a few thousand; this only bounds a mistake.
const LOG_LIMIT: usize = 100_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallRow {
    pub call_id: String,
    /// `in` or `out`.
    pub direction: String,
    pub number: String,
    /// The recognised caller's name; null for an unknown number.
    pub caller: Option<String>,
    /// `ringing`, `answered` or `missed`.
    pub state: String,
    pub agent: Option<String>,
    /// RFC 3339, UTC.
    pub started_at: String,
    /// Seconds from answer to hangup; null while nobody answered or it goes on.
    pub duration_s: Option<i64>,
    /// The ticket's key the call was logged on.
    pub ticket: Option<String>,
    /// The callback request a missed call became.
    pub callback: Option<String>,
}

impl CallRow {
    pub fn new(call: &Call) -> CallRow {
        CallRow {
            call_id: call.call_id.clone(),
            direction: call.direction.code().to_string(),
            number: call.number.clone(),
            caller: call.caller_name.clone(),
            state: call.log_state().code().to_string(),
            agent: call.agent.clone(),
            started_at: call.started_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            duration_s: call.duration_s(),
            ticket: call.ticket_key.clone(),
            callback: call.callback_id.clone(),
        }
    }
}

pub fn calls(
    store: &Store,
    config: &Config,
    since: &str,
    format: Format,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let start = crate::cli::reports::parse_since(since, now, config)?;
    let calls = store.calls_since(start, LOG_LIMIT)?;
    let rows: Vec<CallRow> = calls.iter().map(CallRow::new).collect();
    match format {
        Format::Json => output::write_json(out, &rows)?,
        Format::Csv => output::write_csv(out, &rows)?,
        Format::Table => {
            if rows.is_empty() {
                writeln!(out, "no calls in this period")?;
                return Ok(());
            }
            let header = [
                "started", "", "number", "caller", "state", "agent", "duration", "ticket",
            ];
            let lines: Vec<Vec<String>> = calls
                .iter()
                .map(|call| {
                    vec![
                        call.started_at
                            .with_timezone(&config.time_zone)
                            .format("%Y-%m-%d %H:%M")
                            .to_string(),
                        call.direction.code().to_string(),
                        call.number.clone(),
                        call.caller_name.clone().unwrap_or_else(|| "—".into()),
                        call.log_state().label().to_string(),
                        call.agent.clone().unwrap_or_default(),
                        call.duration_s().map(duration_text).unwrap_or_default(),
                        call.ticket_key.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            output::write_table(out, &header, &lines)?;
        }
    }
    Ok(())
}
