//! `balie export callers` and `balie import callers`, as CSV (the columns the caller
//! import reads, with the id first) or as a JSON array of callers.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Broke, FileFormat, TransferError, json, read_file, write_new_file};
use crate::cli::import::{
    BadRow, ImportError, ImportSummary, add_callers, caller_problems, read_caller_records_csv,
};
use crate::domain::{Caller, NewCaller};
use crate::store::{CallerRecord, Store};

/// The CSV header; the import reads the same names.
const CSV_HEADER: [&str; 6] = [
    "id",
    "name",
    "organization",
    "phone",
    "email",
    "identifiers",
];

/// A caller in a JSON file. Only the name is required.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CallerJson {
    #[serde(default)]
    id: Option<String>,
    name: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    phones: Vec<String>,
    #[serde(default)]
    emails: Vec<String>,
    #[serde(default)]
    identifiers: Vec<String>,
}

impl From<Caller> for CallerJson {
    fn from(c: Caller) -> Self {
        CallerJson {
            id: Some(c.id),
            name: c.name,
            organization: c.organization,
            phones: c.phones,
            emails: c.emails,
            identifiers: c.identifiers,
        }
    }
}

impl From<CallerJson> for CallerRecord {
    fn from(c: CallerJson) -> Self {
        CallerRecord {
            id: c
                .id
                .map(|id| id.trim().to_string())
                .filter(|id| !id.is_empty()),
            caller: NewCaller {
                name: c.name.trim().to_string(),
                organization: c.organization.trim().to_string(),
                phones: trimmed(c.phones),
                emails: trimmed(c.emails),
                identifiers: trimmed(c.identifiers),
            },
        }
    }
}

fn trimmed(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Writes every caller on the desk (not those erased or removed) to a new file.
/// Returns how many.
pub fn export(store: &Store, path: &Path, format: FileFormat) -> Result<usize, TransferError> {
    let mut count = 0;
    write_new_file(path, |out| {
        match format {
            FileFormat::Csv => {
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record(CSV_HEADER)?;
                store.each_caller(|c: Caller| {
                    count += 1;
                    csv.write_record([
                        c.id.as_str(),
                        &c.name,
                        &c.organization,
                        &c.phones.join(";"),
                        &c.emails.join(";"),
                        &c.identifiers.join(";"),
                    ])?;
                    Ok::<_, Broke>(())
                })?;
                csv.flush()?;
            }
            FileFormat::Json => {
                let mut callers = Vec::new();
                store.each_caller(|c| {
                    callers.push(CallerJson::from(c));
                    Ok::<_, Broke>(())
                })?;
                count = callers.len();
                serde_json::to_writer_pretty(&mut *out, &callers)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })?;
    Ok(count)
}

/// Reads the callers in `path` and adds the new ones in one transaction; a dry run
/// counts the same and keeps nothing.
pub fn import(
    store: &mut Store,
    path: &Path,
    format: FileFormat,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportSummary, TransferError> {
    let bytes = read_file(path)?;
    let callers = match format {
        FileFormat::Csv => read_caller_records_csv(bytes.as_slice(), path)?,
        FileFormat::Json => read_json(&bytes, path)?,
    };
    add_callers(store, &callers, !dry_run, now).map_err(TransferError::store(path))
}

fn read_json(bytes: &[u8], path: &Path) -> Result<Vec<CallerRecord>, TransferError> {
    let text = json::text(bytes, path)?;
    let mut callers = Vec::new();
    let mut bad = Vec::new();
    for (line, raw) in json::elements(text, path)? {
        let problem = match json::record::<CallerJson>(raw) {
            Ok(caller) => {
                let record = CallerRecord::from(caller);
                let problems = caller_problems(&record);
                if problems.is_empty() {
                    callers.push(record);
                    continue;
                }
                problems.join("; ")
            }
            Err(problem) => problem,
        };
        bad.push(BadRow { line, problem });
    }
    if !bad.is_empty() {
        return Err(ImportError::BadRows {
            path: path.to_path_buf(),
            rows: bad,
        }
        .into());
    }
    if callers.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        }
        .into());
    }
    Ok(callers)
}
