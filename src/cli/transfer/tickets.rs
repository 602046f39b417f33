//! `balie export tickets` and `balie import tickets`: one row (CSV) or object (JSON) per
//! ticket. An imported ticket's caller must already be on the desk, found by id or by a
//! name, phone, e-mail address or identifier that is exactly one caller's: a ticket is
//! never hung on a guess, and a caller made up from one name would be a poor record.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::Serialize;
use serde_json::Value;

use super::lines::Lines;
use super::{Broke, Failed, FileFormat, TransferError, json, read_file, write_new_file};
use crate::cli::import::BadRow;
use crate::config::Config;
use crate::domain::Status;
use crate::domain::text::{self, Field};
use crate::store::{CallerMatch, ImportedTicket, Store, StoreError, TicketImport, TicketRow, ts};

/// The columns of the CSV and the fields of the JSON, in the order they are written.
pub const COLUMNS: [&str; 13] = [
    "key",
    "caller_id",
    "caller",
    "subject",
    "status",
    "impact",
    "urgency",
    "priority",
    "category",
    "assignee",
    "created_at",
    "last_activity_at",
    "closed_at",
];

#[derive(Serialize)]
struct TicketJson {
    key: String,
    caller_id: Option<String>,
    caller: String,
    subject: String,
    status: &'static str,
    impact: u8,
    urgency: u8,
    priority: u8,
    category: Option<String>,
    assignee: Option<String>,
    created_at: String,
    last_activity_at: String,
    closed_at: Option<String>,
}

impl From<TicketRow> for TicketJson {
    fn from(row: TicketRow) -> Self {
        let t = row.ticket;
        TicketJson {
            key: t.key,
            caller_id: t.caller_id,
            caller: t.caller_name,
            subject: t.subject,
            status: t.status.code(),
            impact: t.impact,
            urgency: t.urgency,
            priority: t.priority,
            category: t.category,
            assignee: t.assignee,
            created_at: ts(t.created_at),
            last_activity_at: ts(t.last_activity_at),
            closed_at: row.closed_at.map(ts),
        }
    }
}

impl TicketJson {
    fn csv_fields(&self) -> [String; 13] {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        [
            self.key.clone(),
            text(&self.caller_id),
            self.caller.clone(),
            self.subject.clone(),
            self.status.to_string(),
            self.impact.to_string(),
            self.urgency.to_string(),
            self.priority.to_string(),
            text(&self.category),
            text(&self.assignee),
            self.created_at.clone(),
            self.last_activity_at.clone(),
            text(&self.closed_at),
        ]
    }
}

/// Writes the tickets opened since `since` (all when `None`) to a new file, by number.
/// Returns how many.
pub fn export(
    store: &Store,
    path: &Path,
    format: FileFormat,
    since: Option<DateTime<Utc>>,
) -> Result<usize, TransferError> {
    let mut count = 0;
    write_new_file(path, |out| {
        match format {
            FileFormat::Csv => {
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record(COLUMNS)?;
                store.each_ticket_row(since, |row| {
                    count += 1;
                    csv.write_record(TicketJson::from(row).csv_fields())?;
                    Ok::<_, Broke>(())
                })?;
                csv.flush()?;
            }
            FileFormat::Json => {
                let mut tickets = Vec::new();
                store.each_ticket_row(since, |row| {
                    tickets.push(TicketJson::from(row));
                    Ok::<_, Broke>(())
                })?;
                count = tickets.len();
                serde_json::to_writer_pretty(&mut *out, &tickets)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })?;
    Ok(count)
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TicketSummary {
    pub added: usize,
    /// Their key is already on the desk.
    pub skipped: usize,
    /// Tickets of callers erased with `balie forget`: there is nobody to hang them on.
    pub forgotten: usize,
}

/// A row's values by column, blanks left out.
type Fields = BTreeMap<&'static str, String>;

/// A row read and checked, its caller still to be found.
struct Parsed {
    line: u64,
    caller_id: Option<String>,
    caller: Option<String>,
    ticket: ImportedTicket,
}

/// Reads every row, checks them all, then adds the tickets in one transaction: any bad
/// row, including a caller not found, and nothing is added. A dry run does the same
/// and keeps nothing.
pub fn import(
    store: &mut Store,
    config: &Config,
    path: &Path,
    format: FileFormat,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<TicketSummary, TransferError> {
    let bytes = read_file(path)?;
    let rows = match format {
        FileFormat::Csv => read_csv(&bytes, path)?,
        FileFormat::Json => read_json(&bytes, path)?,
    };
    let mut parsed = Vec::new();
    let mut bad = Vec::new();
    for (line, fields) in rows {
        match parse(line, &fields, config, now) {
            Ok(row) => parsed.push(row),
            Err(problem) => bad.push(BadRow { line, problem }),
        }
    }
    if !bad.is_empty() {
        // Every bad row at once, those whose caller is not on the desk too: one round of
        // fixing the file, not one per kind of mistake.
        for row in &parsed {
            let found = store
                .caller_for_import(row.caller_id.as_deref(), row.caller.as_deref())
                .map_err(TransferError::store(path))?;
            if let Some(problem) = caller_problem(&found, row) {
                bad.push(BadRow {
                    line: row.line,
                    problem,
                });
            }
        }
        bad.sort_by_key(|row| row.line);
        return Err(Failed::Rows(bad).at(path));
    }
    if parsed.is_empty() {
        return Err(TransferError::Refused {
            path: path.to_path_buf(),
            message: "no tickets in the file".into(),
        });
    }
    store
        .in_bulk_transaction(!dry_run, |store| add(store, config, parsed, now))
        .map_err(|failed| failed.at(path))
}

fn add(
    store: &mut Store,
    config: &Config,
    parsed: Vec<Parsed>,
    now: DateTime<Utc>,
) -> Result<TicketSummary, Failed> {
    let mut summary = TicketSummary::default();
    let mut bad = Vec::new();
    for mut row in parsed {
        let found = store.caller_for_import(row.caller_id.as_deref(), row.caller.as_deref())?;
        if let Some(problem) = caller_problem(&found, &row) {
            bad.push(BadRow {
                line: row.line,
                problem,
            });
            continue;
        }
        match found {
            CallerMatch::Found(id) => {
                row.ticket.caller_id = id;
                match store.import_ticket(&row.ticket, &config.ticket_prefix, now) {
                    Ok(TicketImport::Added { .. }) => summary.added += 1,
                    Ok(TicketImport::Known) => summary.skipped += 1,
                    Err(StoreError::Invalid(problem)) => {
                        bad.push(BadRow {
                            line: row.line,
                            problem,
                        });
                    }
                    Err(other) => return Err(other.into()),
                }
            }
            CallerMatch::Forgotten => summary.forgotten += 1,
            CallerMatch::NotFound | CallerMatch::Several(_) => {}
        }
    }
    if bad.is_empty() {
        Ok(summary)
    } else {
        Err(Failed::Rows(bad))
    }
}

/// Why a row's caller cannot take the ticket: nobody, or more than one, fits its columns.
fn caller_problem(found: &CallerMatch, row: &Parsed) -> Option<String> {
    let named = || {
        row.caller
            .clone()
            .or_else(|| row.caller_id.clone())
            .unwrap_or_default()
    };
    match found {
        CallerMatch::NotFound => Some(format!(
            "no caller on the desk is \"{}\" (import the callers first)",
            named()
        )),
        CallerMatch::Several(n) => Some(format!(
            "\"{}\" fits {n} callers; give the caller_id to say which",
            named()
        )),
        CallerMatch::Found(_) | CallerMatch::Forgotten => None,
    }
}

fn parse(
    line: u64,
    fields: &Fields,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<Parsed, String> {
    let mut problems = Vec::new();
    // The rules every text is held to come first; a value that breaks them is not read, or
    // quoted back, by the checks below.
    let mut broken = Vec::new();
    for (name, value) in fields {
        let field = match *name {
            "subject" => Field::Subject,
            "caller" => Field::Name,
            "category" => Field::Category,
            "assignee" => Field::Assignee,
            _ => Field::Value,
        };
        match text::accept(field, value) {
            Ok(_) => continue,
            // "the value" needs its column's name; the other fields name themselves.
            Err(error) if field == Field::Value => problems.push(format!("{name}: {error}")),
            Err(error) => problems.push(error.to_string()),
        }
        broken.push(*name);
    }
    let get = |name: &str| {
        fields
            .get(name)
            .filter(|_| !broken.contains(&name))
            .cloned()
    };
    if !fields.contains_key("caller_id") && !fields.contains_key("caller") {
        problems.push("no caller_id or caller".to_string());
    }
    let caller_id = get("caller_id");
    let caller = get("caller");
    let subject = get("subject").unwrap_or_default();
    if !fields.contains_key("subject") {
        problems.push("the subject is empty".to_string());
    }
    let status = match get("status") {
        None => Status::New,
        Some(text) => status_of(&text).unwrap_or_else(|| {
            let codes: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
            problems.push(format!(
                "status \"{text}\" is not one of {}",
                codes.join(", ")
            ));
            Status::New
        }),
    };
    let mut level = |name: &str| match get(name) {
        None => None,
        Some(text) => match text.parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                problems.push(format!("{name} \"{text}\" is not 1 to 5"));
                None
            }
        },
    };
    let impact = level("impact").unwrap_or(3);
    let urgency = level("urgency").unwrap_or(3);
    let priority = level("priority").unwrap_or_else(|| config.priority(impact, urgency));
    let mut time = |name: &str| {
        get(name).and_then(|text| {
            let at = time_of(&text, config);
            if at.is_none() {
                problems.push(format!(
                    "{name} \"{text}\" is not a time like 2026-11-23T09:00:00Z or 2026-11-23 10:00"
                ));
            }
            at
        })
    };
    let created_at = time("created_at").unwrap_or(now);
    let last_activity_at = time("last_activity_at");
    let closed_at = time("closed_at").filter(|_| !status.is_open());
    let status_at = closed_at.or(last_activity_at).unwrap_or(created_at);
    if status_at < created_at {
        problems.push("it was closed or last active before it was created".to_string());
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    Ok(Parsed {
        line,
        caller_id,
        caller,
        ticket: ImportedTicket {
            key: get("key"),
            caller_id: String::new(),
            subject,
            status,
            impact,
            urgency,
            priority,
            category: get("category"),
            assignee: get("assignee"),
            created_at,
            status_at,
        },
    })
}

/// A status by its code (`waiting_caller`) or its label (`waiting on caller`).
fn status_of(text: &str) -> Option<Status> {
    let text = text.trim().to_lowercase();
    Status::ALL
        .iter()
        .copied()
        .find(|s| s.code() == text || s.label() == text)
}

/// An instant with its offset (RFC 3339, as exports write it), or a date and time on the
/// desk's clock, as a spreadsheet shows it.
fn time_of(text: &str, config: &Config) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.to_utc());
    }
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .and_then(|local| config.time_zone.from_local_datetime(&local).earliest())
        .map(|at| at.to_utc())
}

fn read_csv(bytes: &[u8], path: &Path) -> Result<Vec<(u64, Fields)>, TransferError> {
    let refuse = |message: String| TransferError::Refused {
        path: path.to_path_buf(),
        message,
    };
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .into_byte_records();
    let mut lines = Lines::new(bytes);
    let read_error = |e: csv::Error| TransferError::Read {
        path: path.to_path_buf(),
        source: e.into(),
    };
    let Some(header) = records.next().transpose().map_err(read_error)? else {
        return Err(refuse("no tickets in the file".into()));
    };
    lines.start_of(&header);
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    for field in &header {
        let name = String::from_utf8_lossy(field);
        let name = name.trim_start_matches('\u{feff}').trim().to_lowercase();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(column) if columns.contains(column) => {
                return Err(refuse(format!(
                    "column \"{column}\" appears more than once in the header"
                )));
            }
            Some(column) => columns.push(*column),
            None => unknown.push(format!("\"{name}\"")),
        }
    }
    if !unknown.is_empty() {
        return Err(refuse(format!(
            "unknown column{} {}; known columns are {}",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", "),
            COLUMNS.join(", ")
        )));
    }
    if !columns.contains(&"subject")
        || !(columns.contains(&"caller") || columns.contains(&"caller_id"))
    {
        return Err(refuse(
            "the header needs a \"subject\" column and a \"caller\" or \"caller_id\" column".into(),
        ));
    }
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for record in records {
        let record = record.map_err(read_error)?;
        let line = lines.start_of(&record);
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        if record.len() != columns.len() {
            let problem = format!(
                "{} fields, but the header has {}",
                record.len(),
                columns.len()
            );
            bad.push(BadRow { line, problem });
            continue;
        }
        let mut fields = Fields::new();
        for (column, field) in columns.iter().zip(&record) {
            if let Some(problem) = text::csv_field_too_long(column, field) {
                bad.push(BadRow { line, problem });
                continue;
            }
            match std::str::from_utf8(field) {
                Ok(text) if text.trim().is_empty() => {}
                Ok(text) => {
                    fields.insert(column, text.trim().to_string());
                }
                Err(_) => {
                    let problem =
                        format!("{column} is not valid UTF-8 (save the file as \"CSV UTF-8\")");
                    bad.push(BadRow { line, problem });
                }
            }
        }
        rows.push((line, fields));
    }
    if bad.is_empty() {
        Ok(rows)
    } else {
        Err(Failed::Rows(bad).at(path))
    }
}

fn read_json(bytes: &[u8], path: &Path) -> Result<Vec<(u64, Fields)>, TransferError> {
    let text = json::text(bytes, path)?;
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for (line, raw) in json::elements(text, path)? {
        match json::record::<serde_json::Map<String, Value>>(raw).and_then(fields_of) {
            Ok(fields) => rows.push((line, fields)),
            Err(problem) => bad.push(BadRow { line, problem }),
        }
    }
    if bad.is_empty() {
        Ok(rows)
    } else {
        Err(Failed::Rows(bad).at(path))
    }
}

fn fields_of(object: serde_json::Map<String, Value>) -> Result<Fields, String> {
    let mut fields = Fields::new();
    for (name, value) in object {
        let Some(column) = COLUMNS.iter().find(|c| **c == name) else {
            return Err(format!(
                "unknown field \"{name}\"; known fields are {}",
                COLUMNS.join(", ")
            ));
        };
        let text = match value {
            Value::Null => continue,
            Value::String(text) => text.trim().to_string(),
            Value::Number(n) => n.to_string(),
            _ => return Err(format!("\"{name}\" must be text or a number")),
        };
        if !text.is_empty() {
            fields.insert(column, text);
        }
    }
    Ok(fields)
}
