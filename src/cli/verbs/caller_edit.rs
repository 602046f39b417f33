//! `balie caller edit`, `caller merge` and `caller duplicates`: correcting the record about
//! callers from a script.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::cli::output::{Format, write_csv, write_json, write_table};
use crate::domain::caller_change::{CallerEdit, CallerEvent, CallerEventKind, HandleKind};
use crate::domain::text::Field;
use crate::store::Store;

/// What `balie caller edit` is asked to change.
#[derive(Default)]
pub struct EditRequest<'a> {
    pub caller: &'a str,
    pub name: Option<&'a str>,
    pub organization: Option<&'a str>,
    pub add: Vec<(HandleKind, &'a str)>,
    pub remove: Vec<(HandleKind, &'a str)>,
}

/// Changes the caller's details in one transaction and prints each change with its old
/// value. Candidates for an ambiguous CALLER go to `err`.
pub fn edit(
    store: &mut Store,
    request: &EditRequest,
    now: DateTime<Utc>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    let caller = super::caller::resolve(store, request.caller, err)?;
    if let Some(name) = request.name {
        if name.trim().is_empty() {
            bail!("--name is empty; a caller needs a name");
        }
        super::accept("--name", Field::Name, name.trim())?;
    }
    if let Some(org) = request.organization {
        super::accept("--org", Field::Organization, org.trim())?;
    }
    for (kind, value) in &request.add {
        let (option, field) = match kind {
            HandleKind::Phone => ("--add-phone", Field::Phone),
            HandleKind::Email => ("--add-email", Field::Email),
            HandleKind::Identifier => ("--add-identifier", Field::Identifier),
        };
        if value.trim().is_empty() {
            bail!("{option} is empty");
        }
        super::accept(option, field, value.trim())?;
    }
    let edit = CallerEdit {
        name: request.name.map(|n| n.trim().to_string()),
        organization: request.organization.map(|o| o.trim().to_string()),
        add: request
            .add
            .iter()
            .map(|(k, v)| (*k, v.trim().to_string()))
            .collect(),
        remove: request
            .remove
            .iter()
            .map(|(k, v)| (*k, v.trim().to_string()))
            .collect(),
    };
    let before = store
        .caller_history(&caller.id, 1)?
        .first()
        .map(|e| e.id.clone());
    store.edit_caller(&caller.id, &edit, now)?;
    let mut changes: Vec<CallerEvent> = store
        .caller_history(&caller.id, 1000)?
        .into_iter()
        .take_while(|e| Some(&e.id) != before.as_ref())
        .collect();
    if changes.is_empty() {
        writeln!(
            out,
            "{}: nothing changed; they already had those details",
            caller.name
        )?;
    }
    changes.reverse();
    for change in &changes {
        writeln!(out, "{}", describe(&caller.name, change))?;
    }
    Ok(())
}

/// One change in words, with the value it replaced.
fn describe(name: &str, change: &CallerEvent) -> String {
    let text = |key: &str| change.data[key].as_str().unwrap_or("").to_string();
    let kind = HandleKind::from_code(&text("kind")).map_or("", |k| k.label());
    match change.kind {
        CallerEventKind::NameChanged => format!("name: {} → {}", text("from"), text("to")),
        CallerEventKind::OrganizationChanged => {
            format!("organisation: {} → {}", text("from"), text("to"))
        }
        CallerEventKind::HandleAdded => format!("{name}: added {kind} {}", text("value")),
        CallerEventKind::HandleRemoved => format!("{name}: removed {kind} {}", text("value")),
        CallerEventKind::Merged => format!("{name}: merged with {}", text("other_name")),
        CallerEventKind::MergedInto => format!("{name}: merged into {}", text("into_name")),
    }
}

/// Merges OTHER into KEEP and says what moved.
pub fn merge(
    store: &mut Store,
    keep: &str,
    other: &str,
    now: DateTime<Utc>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    let kept = super::caller::resolve(store, keep, err)?;
    let gone = super::caller::resolve(store, other, err)?;
    if kept.id == gone.id {
        bail!(
            "KEEP and OTHER are the same caller ({}); name two callers",
            kept.name
        );
    }
    let merged = store.merge_callers(&kept.id, &gone.id, now)?;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        out,
        "merged {} ({}) into {} ({}): moved {}, {} and {}",
        gone.name,
        gone.id,
        kept.name,
        kept.id,
        plural(merged.tickets, "ticket", "tickets"),
        plural(merged.promises, "promise", "promises"),
        plural(
            merged.handles,
            "phone, e-mail or identifier",
            "phones, e-mails and identifiers"
        )
    )?;
    Ok(())
}

/// One pair in `balie caller duplicates --format json|csv`.
#[derive(Serialize)]
struct DuplicateRow {
    caller_id: String,
    caller: String,
    other_id: String,
    other: String,
    shared: String,
    value: String,
}

/// Lists callers who share a phone number or an e-mail address.
pub fn duplicates(store: &Store, format: Format, out: &mut impl Write) -> Result<()> {
    // One sorted pass over the handles reads each page once; a small page cache serves it
    // as well and bounds SQLite's sorter, which takes its room from the same setting.
    store.set_page_cache_kib(4096)?;
    let rows: Vec<DuplicateRow> = store
        .all_duplicates()?
        .into_iter()
        .map(|d| DuplicateRow {
            caller_id: d.first,
            caller: d.first_name,
            other_id: d.second,
            other: d.second_name,
            shared: d.kind.code().to_string(),
            value: d.value,
        })
        .collect();
    match format {
        Format::Json => write_json(out, &rows)?,
        Format::Csv => write_csv(out, &rows)?,
        Format::Table if rows.is_empty() => writeln!(out, "no likely duplicates")?,
        Format::Table => {
            let header = ["caller", "id", "other", "other id", "same"];
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.caller.clone(),
                        r.caller_id.clone(),
                        r.other.clone(),
                        r.other_id.clone(),
                        r.value.clone(),
                    ]
                })
                .collect();
            write_table(out, &header, &lines)?;
            writeln!(out, "merge with: balie caller merge KEEP OTHER")?;
        }
    }
    Ok(())
}
