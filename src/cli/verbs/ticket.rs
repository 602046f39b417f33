//! `balie ticket new` and `balie ticket list`; `ticket show` is in `ticket_show.rs`.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::rfc3339;
use crate::cli::output::{ListFormat, write_csv, write_json, write_table};
use crate::config::Config;
use crate::domain::text::Field;
use crate::domain::when;
use crate::domain::{Status, Ticket};
use crate::store::{NewTicket, Store, TicketFilter};

/// One ticket in `balie ticket list --format json|csv` and at the top of `ticket show
/// --format json`. A stable interface (README.md): fields are only ever added.
#[derive(Debug, Serialize)]
pub struct TicketRow {
    pub ticket: String,
    pub id: String,
    pub subject: String,
    pub status: String,
    pub priority: u8,
    pub impact: u8,
    pub urgency: u8,
    pub category: Option<String>,
    pub assignee: Option<String>,
    pub caller_id: Option<String>,
    pub caller: String,
    pub opened_at: String,
    pub last_activity_at: String,
}

impl From<&Ticket> for TicketRow {
    fn from(t: &Ticket) -> TicketRow {
        TicketRow {
            ticket: t.key.clone(),
            id: t.id.clone(),
            subject: t.subject.clone(),
            status: t.status.code().to_string(),
            priority: t.priority,
            impact: t.impact,
            urgency: t.urgency,
            category: t.category.clone(),
            assignee: t.assignee.clone(),
            caller_id: t.caller_id.clone(),
            caller: t.caller_name.clone(),
            opened_at: rfc3339(t.created_at),
            last_activity_at: rfc3339(t.last_activity_at),
        }
    }
}

/// What `balie ticket new` is asked to open.
pub struct NewTicketRequest<'a> {
    pub caller: &'a str,
    pub subject: &'a str,
    pub impact: u8,
    pub urgency: u8,
    pub category: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// Opens a ticket as a new call in the desk does: assigned to the agent, the priority
/// from the config's matrix, and the call logged on it as an inbound contact. Candidates
/// for an ambiguous `--caller` go to `err`.
pub fn new(
    store: &mut Store,
    config: &Config,
    request: &NewTicketRequest,
    now: DateTime<Utc>,
    err: &mut impl Write,
) -> Result<Ticket> {
    if request.subject.trim().is_empty() {
        bail!("--subject is empty; say what the call is about");
    }
    let subject = super::accept("--subject", Field::Subject, request.subject.trim())?;
    let note = super::accept("--note", Field::Note, request.note.unwrap_or_default())?;
    if let Some(named) = request.category {
        super::accept("--category", Field::Category, named)?;
    }
    let category = request
        .category
        .map(|named| category(config, named))
        .transpose()?;
    let caller = super::caller::resolve(store, request.caller, err)?;
    let new = NewTicket {
        prefix: &config.ticket_prefix,
        caller_id: &caller.id,
        subject: &subject,
        impact: request.impact,
        urgency: request.urgency,
        priority: config.priority(request.impact, request.urgency),
        category: category.as_deref(),
    };
    Ok(store.open_ticket_with_call(&new, &note, now)?)
}

/// The config's spelling of a category named in any case.
pub(super) fn category(config: &Config, named: &str) -> Result<String> {
    let wanted = named.trim().to_lowercase();
    match config
        .categories
        .iter()
        .find(|c| c.to_lowercase() == wanted)
    {
        Some(category) => Ok(category.clone()),
        None => bail!(
            "--category {named}: one of {} (the config's categories)",
            config.categories.join(", ")
        ),
    }
}

/// What `balie ticket list` is asked for.
pub struct ListRequest<'a> {
    pub statuses: &'a [Status],
    pub assignee: Option<&'a str>,
    pub limit: usize,
    pub format: ListFormat,
}

/// Prints the tickets in the queue's order. When the limit cut the list short, a line on
/// `err` says so, so that a pipe is never silently incomplete.
pub fn list(
    store: &Store,
    config: &Config,
    request: &ListRequest,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    let filter = TicketFilter {
        statuses: request.statuses,
        assignee: request.assignee,
    };
    let mut tickets = store.list_tickets(&filter, request.limit.saturating_add(1))?;
    let cut = tickets.len() > request.limit;
    tickets.truncate(request.limit);
    match request.format {
        ListFormat::Json => write_json(out, &rows(&tickets))?,
        ListFormat::Csv => write_csv(out, &rows(&tickets))?,
        ListFormat::Ids => {
            for ticket in &tickets {
                writeln!(out, "{}", ticket.key)?;
            }
        }
        ListFormat::Table if tickets.is_empty() => writeln!(out, "no tickets")?,
        ListFormat::Table => {
            let header = [
                "ticket",
                "status",
                "P",
                "assignee",
                "caller",
                "last activity",
                "subject",
            ];
            // Read once: the catalogues are parsed when texts are made.
            let texts = crate::cli::output::cli_texts();
            let lines: Vec<Vec<String>> = tickets
                .iter()
                .map(|t| {
                    vec![
                        t.key.clone(),
                        t.status.code().to_string(),
                        format!("P{}", t.priority),
                        t.assignee.clone().unwrap_or_default(),
                        t.caller_name.clone(),
                        when::local_datetime(t.last_activity_at, config.time_zone, &texts),
                        t.subject.clone(),
                    ]
                })
                .collect();
            write_table(out, &header, &lines)?;
        }
    }
    if cut {
        writeln!(
            err,
            "balie: showing the first {} tickets; --limit shows more",
            request.limit
        )?;
    }
    Ok(())
}

fn rows(tickets: &[Ticket]) -> Vec<TicketRow> {
    tickets.iter().map(TicketRow::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::verbs::Unmatched;
    use crate::domain::{EventKind, NewCaller};

    fn desk() -> Store {
        let mut store = Store::open_in_memory("anna").unwrap();
        for name in ["Jan de Vries", "Janet Vrieling"] {
            let new = NewCaller {
                name: name.into(),
                ..Default::default()
            };
            store.create_caller(&new, Utc::now()).unwrap();
        }
        store
    }

    fn request<'a>(caller: &'a str, subject: &'a str) -> NewTicketRequest<'a> {
        NewTicketRequest {
            caller,
            subject,
            impact: 3,
            urgency: 3,
            category: None,
            note: None,
        }
    }

    #[test]
    fn a_new_ticket_is_opened_as_the_desk_opens_one() {
        let mut store = desk();
        let config = Config::default();
        let mut asking = request("jan de vries", "VPN drops every hour");
        asking.impact = 1;
        asking.urgency = 2;
        asking.category = Some("network");
        asking.note = Some("since this morning");
        let ticket = new(&mut store, &config, &asking, Utc::now(), &mut Vec::new()).unwrap();
        assert_eq!(ticket.key, "T-1001");
        assert_eq!(ticket.caller_name, "Jan de Vries");
        assert_eq!(ticket.priority, config.priority(1, 2));
        assert_eq!(ticket.category.as_deref(), Some("Network"));
        assert_eq!(ticket.assignee.as_deref(), Some("anna"));
        assert_eq!(ticket.status, Status::New);
        let timeline = store.timeline(&ticket.id, 10).unwrap();
        let call = timeline.iter().find(|e| e.kind == EventKind::ContactIn);
        assert_eq!(call.map(|e| e.text.as_str()), Some("since this morning"));
    }

    #[test]
    fn a_new_ticket_refuses_bad_input_and_writes_nothing() {
        let mut store = desk();
        let config = Config::default();
        let mut err = Vec::new();
        let several = new(
            &mut store,
            &config,
            &request("vri", "x"),
            Utc::now(),
            &mut err,
        );
        assert!(several.unwrap_err().downcast_ref::<Unmatched>().is_some());
        assert!(
            String::from_utf8(err)
                .unwrap()
                .contains("matches 2 callers")
        );

        let mut bad = request("Jan de Vries", "x");
        bad.category = Some("Plumbing");
        let error = new(&mut store, &config, &bad, Utc::now(), &mut Vec::new()).unwrap_err();
        assert!(
            error.to_string().contains("one of Network, Account"),
            "{error}"
        );
        let error = new(
            &mut store,
            &config,
            &request("Jan de Vries", "  "),
            Utc::now(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("--subject is empty"), "{error}");
        assert!(
            store
                .list_tickets(&TicketFilter::default(), 10)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_list_prints_ids_for_pipes_and_says_when_it_was_cut() {
        let mut store = desk();
        let config = Config::default();
        for subject in ["one", "two", "three"] {
            new(
                &mut store,
                &config,
                &request("Jan de Vries", subject),
                Utc::now(),
                &mut Vec::new(),
            )
            .unwrap();
        }
        let listing = |format, limit| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let request = ListRequest {
                statuses: &[],
                assignee: None,
                limit,
                format,
            };
            list(&store, &config, &request, &mut out, &mut err).unwrap();
            (
                String::from_utf8(out).unwrap(),
                String::from_utf8(err).unwrap(),
            )
        };
        let (ids, err) = listing(ListFormat::Ids, 10);
        let mut keys: Vec<&str> = ids.lines().collect();
        keys.sort();
        assert_eq!(keys, ["T-1001", "T-1002", "T-1003"]);
        assert!(err.is_empty(), "{err}");

        let (cut, err) = listing(ListFormat::Ids, 2);
        assert_eq!(cut.lines().count(), 2);
        assert!(err.contains("showing the first 2 tickets"), "{err}");

        let (json, _) = listing(ListFormat::Json, 10);
        let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["status"], "new");
        assert_eq!(rows[0]["caller"], "Jan de Vries");
        assert!(rows[0]["category"].is_null());

        let (table, _) = listing(ListFormat::Table, 10);
        assert!(table.starts_with("ticket"), "{table}");
        assert!(table.contains("Jan de Vries"), "{table}");
    }
}
