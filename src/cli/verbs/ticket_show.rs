//! `balie ticket show`: a ticket's fields, open promises and timeline, for a person
//! (table), another tool (json) or a spreadsheet (csv: the timeline's events).

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::rfc3339;
use super::ticket::TicketRow;
use crate::cli::output::{Format, write_csv};
use crate::config::Config;
use crate::domain::change::Conflict;
use crate::domain::{Event, Promise, Ticket};
use crate::store::Store;
use crate::{domain::timeline, domain::when};

/// A ticket's whole timeline fits; this only bounds a mistake.
const TIMELINE_LIMIT: usize = 100_000;

/// `balie ticket show --format json`. A stable interface (README.md).
#[derive(Debug, Serialize)]
struct TicketDetail<'a> {
    #[serde(flatten)]
    ticket: TicketRow,
    open_promises: Vec<PromiseRow<'a>>,
    timeline: Vec<EventRow<'a>>,
    /// Values two desks of a team set differently, not yet settled.
    open_conflicts: Vec<ConflictRow<'a>>,
}

#[derive(Debug, Serialize)]
struct ConflictRow<'a> {
    conflict_id: &'a str,
    field: &'a str,
    kept: &'a serde_json::Value,
    kept_by: &'a str,
    kept_at: String,
    lost: &'a serde_json::Value,
    lost_by: &'a str,
    lost_at: String,
}

impl<'a> From<&'a Conflict> for ConflictRow<'a> {
    fn from(c: &'a Conflict) -> ConflictRow<'a> {
        ConflictRow {
            conflict_id: &c.id,
            field: &c.column,
            kept: &c.kept,
            kept_by: &c.kept_by,
            kept_at: rfc3339(c.kept_at),
            lost: &c.lost,
            lost_by: &c.lost_by,
            lost_at: rfc3339(c.lost_at),
        }
    }
}

#[derive(Debug, Serialize)]
struct PromiseRow<'a> {
    promise_id: &'a str,
    to: &'a str,
    what: &'a str,
    channel: &'a str,
    due_at: String,
    owner: &'a str,
    callback: bool,
}

/// One timeline event; also a row of `--format csv`.
#[derive(Debug, Serialize)]
struct EventRow<'a> {
    at: String,
    by: &'a str,
    kind: &'a str,
    text: &'a str,
}

impl<'a> From<&'a Promise> for PromiseRow<'a> {
    fn from(p: &'a Promise) -> PromiseRow<'a> {
        PromiseRow {
            promise_id: &p.id,
            to: &p.to,
            what: &p.what,
            channel: p.channel.code(),
            due_at: rfc3339(p.due_at),
            owner: &p.owner,
            callback: p.callback,
        }
    }
}

impl<'a> From<&'a Event> for EventRow<'a> {
    fn from(e: &'a Event) -> EventRow<'a> {
        EventRow {
            at: rfc3339(e.at),
            by: &e.by,
            kind: e.kind.code(),
            text: &e.text,
        }
    }
}

pub fn show(
    store: &Store,
    config: &Config,
    named: &str,
    format: Format,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<()> {
    let ticket = super::find_ticket(store, named)?;
    let promises = store.open_promises_of_ticket(&ticket.id)?;
    let events = store.timeline(&ticket.id, TIMELINE_LIMIT)?;
    let conflicts = store.open_conflicts(Some(&ticket.id))?;
    match format {
        Format::Json => {
            let detail = TicketDetail {
                ticket: TicketRow::from(&ticket),
                open_promises: promises.iter().map(PromiseRow::from).collect(),
                timeline: events.iter().map(EventRow::from).collect(),
                open_conflicts: conflicts.iter().map(ConflictRow::from).collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &detail)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let rows: Vec<EventRow> = events.iter().map(EventRow::from).collect();
            write_csv(out, &rows)?;
        }
        Format::Table => {
            write_text(&ticket, &promises, &events, config, now, out)?;
            if !conflicts.is_empty() {
                writeln!(
                    out,
                    "── open conflicts (settle with `balie team conflicts`) ──"
                )?;
                for conflict in &conflicts {
                    writeln!(out, "{}", crate::cli::team::describe(conflict))?;
                }
            }
        }
    }
    Ok(())
}

/// The ticket as the desk's ticket pane shows it, with dates written out in full.
fn write_text(
    ticket: &Ticket,
    promises: &[Promise],
    events: &[Event],
    config: &Config,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let tz = config.time_zone;
    let texts = crate::cli::output::cli_texts();
    writeln!(out, "{} · {}", ticket.key, ticket.subject)?;
    writeln!(
        out,
        "status: {}   priority: P{} (impact {} × urgency {})",
        ticket.status.label(),
        ticket.priority,
        ticket.impact,
        ticket.urgency
    )?;
    writeln!(
        out,
        "category: {}   assignee: {}",
        ticket.category.as_deref().unwrap_or("—"),
        ticket.assignee.as_deref().unwrap_or("—")
    )?;
    let caller = match &ticket.caller_id {
        Some(id) => format!("{} ({id})", ticket.caller_name),
        None => "—".to_string(),
    };
    writeln!(
        out,
        "caller: {caller}   opened: {}",
        when::local_datetime(ticket.created_at, tz, &texts)
    )?;
    if !promises.is_empty() {
        writeln!(out, "── open promises ──")?;
        for p in promises {
            writeln!(
                out,
                "{}  {} to {} by {}: {}  ({})",
                when::local_datetime(p.due_at, tz, &texts),
                p.owner,
                p.to,
                p.channel.label(),
                p.what,
                p.id
            )?;
        }
    }
    writeln!(out, "── timeline ──")?;
    for event in events {
        let text = timeline::describe(event, now, tz, &texts);
        let mut lines = text.lines();
        writeln!(
            out,
            "{}  {}  {}",
            when::local_datetime(event.at, tz, &texts),
            event.by,
            lines.next().unwrap_or_default()
        )?;
        for line in lines {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, NewCaller, NewPromise};
    use crate::store::NewTicket;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn desk() -> (Store, Config, String) {
        let mut store = Store::open_in_memory("anna").unwrap();
        let caller = store
            .create_caller(
                &NewCaller {
                    name: "Ödön Kovács".into(),
                    ..Default::default()
                },
                now(),
            )
            .unwrap();
        let new = NewTicket {
            prefix: "T",
            caller_id: &caller.id,
            subject: "Nem működik a nyomtató",
            impact: 2,
            urgency: 3,
            priority: 2,
            category: Some("Printing"),
        };
        let ticket = store
            .open_ticket_with_call(&new, "paper jam on floor 2", now())
            .unwrap();
        store
            .add_note(&ticket.id, "sent the engineer\nsecond line", now())
            .unwrap();
        let promise = NewPromise {
            ticket_id: ticket.id.clone(),
            what: "call back after the visit".into(),
            to: String::new(),
            callback: false,
            channel: Channel::Phone,
            due_at: now() + Duration::hours(3),
        };
        let promise = store.make_promise(&promise, now()).unwrap();
        let config = Config {
            time_zone: crate::domain::time_zone::zone("Europe/Amsterdam"),
            ..Config::default()
        };
        (store, config, promise.id)
    }

    fn shown(store: &Store, config: &Config, format: Format) -> String {
        let mut out = Vec::new();
        show(store, config, "t-1001", format, now(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_table_reads_like_the_ticket_pane_in_local_time() {
        let (store, config, promise_id) = desk();
        let text = shown(&store, &config, Format::Table);
        let expected = [
            "T-1001 · Nem működik a nyomtató",
            "status: new   priority: P2 (impact 2 × urgency 3)",
            "category: Printing   assignee: anna",
        ];
        assert_eq!(text.lines().take(3).collect::<Vec<_>>(), expected);
        assert!(text.contains(&format!(
            "2026-11-23 13:00  anna to Ödön Kovács by phone: call back after the visit  ({promise_id})"
        )), "{text}");
        assert!(
            text.contains("2026-11-23 10:00  anna  ☎ inbound call: paper jam on floor 2"),
            "{text}"
        );
        assert!(
            text.contains("anna  note: sent the engineer\n    second line\n"),
            "{text}"
        );
    }

    #[test]
    fn json_carries_the_ticket_its_promises_and_timeline() {
        let (store, config, promise_id) = desk();
        let json: serde_json::Value =
            serde_json::from_str(&shown(&store, &config, Format::Json)).unwrap();
        assert_eq!(json["ticket"], "T-1001");
        assert_eq!(json["caller"], "Ödön Kovács");
        assert_eq!(json["category"], "Printing");
        assert_eq!(json["opened_at"], "2026-11-23T09:00:00Z");
        assert_eq!(json["open_promises"][0]["promise_id"], promise_id.as_str());
        assert_eq!(json["open_promises"][0]["due_at"], "2026-11-23T12:00:00Z");
        let kinds: Vec<&str> = json["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["kind"].as_str())
            .collect();
        assert_eq!(kinds, ["created", "contact_in", "note", "promise_made"]);

        let csv = shown(&store, &config, Format::Csv);
        assert!(csv.starts_with("at,by,kind,text\n"), "{csv}");
        assert_eq!(
            csv.lines().count(),
            6,
            "a header and four events, one note on two lines"
        );
    }

    #[test]
    fn a_ticket_that_is_not_there_is_named() {
        let (store, config, _) = desk();
        let error = show(
            &store,
            &config,
            "T-4242",
            Format::Table,
            now(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "no ticket T-4242");
    }
}
