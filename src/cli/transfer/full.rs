//! `balie export json FILE` and `balie import json FILE`: the whole desk as one JSON
//! document, read back into an empty desk. Tables come in `DESK_TABLES` order, rows in
//! the order they were written, each row's fields in the table's column order, with
//! serde_json's pretty layout: the same desk always gives the same bytes, so exporting a
//! desk, importing it into a new file and exporting that gives an identical file.
//!
//! ```json
//! {
//!   "format": "balie-desk",
//!   "version": 1,
//!   "tables": {
//!     "callers": [ { "id": "…", "name": "…", … }, … ],
//!     …
//!   }
//! }
//! ```

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::Deserialize;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

use super::{Failed, TransferError, json, read_file, write_new_file};
use crate::cli::import::BadRow;
use crate::store::{DESK_TABLES, RestoreCounts, Store, StoreError, Table};

/// Names the document, so that another JSON file is refused rather than half-read.
pub const FORMAT: &str = "balie-desk";
/// Raised when the document changes shape; an older balie refuses a newer document.
pub const VERSION: u32 = 1;

/// One row, its fields in column order.
struct RowOut<'a>(&'static Table, &'a [Value]);

impl Serialize for RowOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.1.len()))?;
        for (column, value) in self.0.columns.iter().zip(self.1) {
            map.serialize_entry(column.name, value)?;
        }
        map.end()
    }
}

/// Writes the whole desk to a new file. Returns the rows written per table.
pub fn export(store: &Store, path: &Path) -> Result<RestoreCounts, TransferError> {
    let mut counts = RestoreCounts::default();
    write_new_file(path, |out| {
        // Written a row at a time, laid out as serde_json's pretty printer lays out the
        // whole document, so a large desk never has to fit in memory.
        write!(
            out,
            "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION},\n  \"tables\": {{"
        )?;
        let mut rows_in_table = 0;
        let mut first_table = true;
        let close = |out: &mut dyn Write, rows: usize| -> std::io::Result<()> {
            if rows > 0 {
                write!(out, "\n    ]")
            } else {
                write!(out, "]")
            }
        };
        store.read_desk(|table, row| {
            let Some(values) = row else {
                if !first_table {
                    close(out, rows_in_table)?;
                    write!(out, ",")?;
                }
                first_table = false;
                rows_in_table = 0;
                counts.0.push((table.name, 0));
                write!(out, "\n    \"{}\": [", table.name)?;
                return Ok::<_, super::Broke>(());
            };
            let text = serde_json::to_string_pretty(&RowOut(table, &values))?;
            out.write_all(if rows_in_table == 0 { b"\n" } else { b",\n" })?;
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                write!(out, "      {line}")?;
            }
            rows_in_table += 1;
            if let Some((_, n)) = counts.0.last_mut() {
                *n += 1;
            }
            Ok(())
        })?;
        close(out, rows_in_table)?;
        writeln!(out, "\n  }}\n}}")?;
        Ok(())
    })?;
    Ok(counts)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<'a> {
    format: String,
    version: u32,
    #[serde(borrow)]
    tables: BTreeMap<String, Vec<&'a RawValue>>,
}

/// A desk file read and checked, ready to be written into an empty desk.
pub struct DeskFile {
    path: std::path::PathBuf,
    text: String,
}

/// Reads the document and checks every row of it without touching any desk, so that a
/// bad file is refused before a desk file is even created.
pub fn read(path: &Path) -> Result<DeskFile, TransferError> {
    let bytes = read_file(path)?;
    json::text(&bytes, path)?;
    let text = String::from_utf8(bytes).map_err(|_| TransferError::Refused {
        path: path.to_path_buf(),
        message: "not valid UTF-8".into(),
    })?;
    let file = DeskFile {
        path: path.to_path_buf(),
        text,
    };
    let mut bad = Vec::new();
    file.each_row(|_, _, row| {
        if let Err(problem) = row {
            bad.push(problem);
        }
        Ok(())
    })?;
    if bad.is_empty() {
        Ok(file)
    } else {
        Err(Failed::Rows(bad).at(path))
    }
}

impl DeskFile {
    /// Every row in `DESK_TABLES` order, checked against its table's columns.
    fn each_row(
        &self,
        mut f: impl FnMut(&'static Table, u64, Result<Vec<Value>, BadRow>) -> Result<(), Failed>,
    ) -> Result<(), TransferError> {
        let path = &self.path;
        let refuse = |message: String| TransferError::Refused {
            path: path.to_path_buf(),
            message,
        };
        let document: Document = json::parse(&self.text, path)?;
        if document.format != FORMAT {
            return Err(refuse(format!(
                "\"format\" is \"{}\", not \"{FORMAT}\": this is not a desk written by balie export json",
                document.format
            )));
        }
        if document.version != VERSION {
            return Err(refuse(format!(
                "written in format version {}, but this balie reads version {VERSION}",
                document.version
            )));
        }
        if let Some(unknown) = document
            .tables
            .keys()
            .find(|name| !DESK_TABLES.iter().any(|t| t.name == name.as_str()))
        {
            let known: Vec<&str> = DESK_TABLES.iter().map(|t| t.name).collect();
            return Err(refuse(format!(
                "unknown table \"{unknown}\"; known tables are {}",
                known.join(", ")
            )));
        }
        for table in DESK_TABLES {
            for raw in document.tables.get(table.name).into_iter().flatten() {
                let line = json::line_of(&self.text, raw);
                let row = row_values(table, raw).map_err(|problem| BadRow {
                    line,
                    problem: format!("{}: {problem}", table.name),
                });
                f(table, line, row).map_err(|failed| failed.at(path))?;
            }
        }
        Ok(())
    }

    /// Writes the desk into `store`, which must hold no data yet, in one transaction;
    /// a dry run counts the rows and keeps nothing.
    pub fn restore(
        &self,
        store: &mut Store,
        db: &Path,
        dry_run: bool,
    ) -> Result<RestoreCounts, TransferError> {
        let held: Vec<String> = store
            .desk_rows()
            .map_err(TransferError::store(db))?
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(table, n)| format!("{n} {table}"))
            .collect();
        if !held.is_empty() {
            return Err(TransferError::Refused {
                path: db.to_path_buf(),
                message: format!(
                    "this desk already holds data ({}); balie import json fills only a new, \
                     empty desk: name a new file with --db",
                    held.join(", ")
                ),
            });
        }
        let mut result = Ok(());
        let counts = store
            .restore_desk(!dry_run, |restore| {
                result = self.each_row(|table, line, row| {
                    let values = row.map_err(|bad| Failed::Rows(vec![bad]))?;
                    restore
                        .insert(table, &values)
                        .map_err(|error| Failed::Rows(vec![insert_problem(table, line, error)]))
                });
                match &result {
                    Ok(()) => Ok(()),
                    // The error itself is taken out below; this only rolls back.
                    Err(_) => Err(Failed::Rows(Vec::new())),
                }
            })
            .map_err(|failed| failed.at(&self.path));
        result?;
        counts
    }
}

fn row_values(table: &'static Table, raw: &RawValue) -> Result<Vec<Value>, String> {
    let mut object: serde_json::Map<String, Value> = json::record(raw)?;
    let mut values = Vec::with_capacity(table.columns.len());
    for column in table.columns {
        let value = object.remove(column.name).unwrap_or(Value::Null);
        column.check(&value)?;
        values.push(value);
    }
    if let Some(unknown) = object.keys().next() {
        let known: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        return Err(format!(
            "unknown field \"{unknown}\"; known fields are {}",
            known.join(", ")
        ));
    }
    Ok(values)
}

/// SQLite names the constraint, not the row; the line says which row, and a reference
/// is explained in the terms of the file.
fn insert_problem(table: &Table, line: u64, error: StoreError) -> BadRow {
    let text = error.to_string();
    let problem = if text.contains("FOREIGN KEY") {
        format!(
            "{}: refers to a row that is not in the file, or comes later in it",
            table.name
        )
    } else {
        format!("{}: {}", table.name, text.trim_start_matches("database: "))
    };
    BadRow { line, problem }
}
