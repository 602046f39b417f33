//! `balie import callers FILE.csv`: callers from a spreadsheet export, added in one
//! transaction so that a file with a single bad row leaves the desk as it was. A file that
//! `balie export callers` wrote carries each caller's id, which keeps a caller erased with
//! `balie forget` from coming back through an older export.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use csv::ByteRecord;

use crate::cli::transfer::lines::Lines;
use crate::domain::NewCaller;
use crate::domain::text::{self, Field};
use crate::store::{CallerImport, CallerRecord, Store, StoreError};

/// A file in the wrong encoding makes every row bad; a screenful of those says enough.
const SHOWN_BAD_ROWS: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot open {path}: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no callers in {path}")]
    Empty { path: PathBuf },
    #[error(
        "{path}: columns are separated by \";\", but balie expects \",\" (export the sheet as \"CSV (comma delimited)\")"
    )]
    Semicolons { path: PathBuf },
    #[error("{path}: {}; known columns are {}", unknown_list(.unknown), known_columns())]
    UnknownColumns { path: PathBuf, unknown: Vec<String> },
    #[error(
        "{path}: the header has no \"name\" column; known columns are {}",
        known_columns()
    )]
    MissingName { path: PathBuf },
    #[error("{path}: column \"{column}\" appears more than once in the header")]
    DuplicateColumn { path: PathBuf, column: &'static str },
    #[error("{}", bad_rows_message(.path, .rows))]
    BadRows { path: PathBuf, rows: Vec<BadRow> },
    #[error("cannot import {path}: {source}")]
    Store { path: PathBuf, source: StoreError },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    /// 1-based line in the file where the row starts; the header is line 1.
    pub line: u64,
    pub problem: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    /// Already on the desk.
    pub skipped: usize,
    /// Erased with `balie forget`; they stay erased.
    pub forgotten: usize,
}

pub fn import_callers_file(
    store: &mut Store,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<ImportSummary, ImportError> {
    let file = File::open(path).map_err(|source| ImportError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let callers = read_caller_records_csv(file, path)?;
    add_callers(store, &callers, true, now).map_err(|source| ImportError::Store {
        path: path.to_path_buf(),
        source,
    })
}

/// Adds the callers in one transaction, all or none; with `keep` false it only counts
/// what it would have done (a dry run) and takes everything back.
pub fn add_callers(
    store: &mut Store,
    callers: &[CallerRecord],
    keep: bool,
    now: DateTime<Utc>,
) -> Result<ImportSummary, StoreError> {
    store.in_bulk_transaction(keep, |store| {
        let mut summary = ImportSummary::default();
        for record in callers {
            match store.import_caller_record(record, now)? {
                CallerImport::Added => summary.added += 1,
                CallerImport::Known => summary.skipped += 1,
                CallerImport::Forgotten => summary.forgotten += 1,
            }
        }
        Ok(summary)
    })
}

/// `read_caller_records_csv` without the ids.
pub fn read_callers_csv(reader: impl Read, path: &Path) -> Result<Vec<NewCaller>, ImportError> {
    Ok(read_caller_records_csv(reader, path)?
        .into_iter()
        .map(|record| record.caller)
        .collect())
}

/// Reads and checks every row before returning, so that the user sees all bad rows at once
/// instead of fixing them one run at a time. `path` is only used in messages.
pub fn read_caller_records_csv(
    mut reader: impl Read,
    path: &Path,
) -> Result<Vec<CallerRecord>, ImportError> {
    // Held whole so that row positions can be turned into line numbers; a list of callers
    // is a few megabytes at most.
    let read_error = |source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut data = Vec::new();
    reader.read_to_end(&mut data).map_err(read_error)?;
    // With lengths unchecked and fields kept as bytes, the csv reader fails only on I/O.
    let csv_error = |e: csv::Error| read_error(e.into());
    // Row lengths are checked here rather than by the csv crate, so a short row is reported
    // with the other bad rows instead of ending the read.
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data.as_slice())
        .into_byte_records();
    let mut lines = Lines::new(&data);
    let Some(header) = records.next().transpose().map_err(csv_error)? else {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    };
    let columns = Columns::from_header(&header, lines.start_of(&header), path)?;

    let mut callers = Vec::new();
    let mut bad = Vec::new();
    for record in records {
        let record = record.map_err(csv_error)?;
        match columns.caller(&record) {
            Ok(Some(caller)) => callers.push(caller),
            Ok(None) => {}
            Err(problem) => bad.push(BadRow {
                line: lines.start_of(&record),
                problem,
            }),
        }
    }
    if !bad.is_empty() {
        return Err(ImportError::BadRows {
            path: path.to_path_buf(),
            rows: bad,
        });
    }
    if callers.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(callers)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Id,
    Name,
    Organization,
    Phone,
    Email,
    Identifiers,
}

impl Column {
    const ALL: [Column; 6] = [
        Column::Id,
        Column::Name,
        Column::Organization,
        Column::Phone,
        Column::Email,
        Column::Identifiers,
    ];

    fn header(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::Organization => "organization",
            Column::Phone => "phone",
            Column::Email => "email",
            Column::Identifiers => "identifiers",
        }
    }
}

/// What each field of a row holds, in file order.
struct Columns(Vec<Column>);

impl Columns {
    fn from_header(header: &ByteRecord, line: u64, path: &Path) -> Result<Columns, ImportError> {
        let path_buf = || path.to_path_buf();
        let mut names = Vec::with_capacity(header.len());
        for field in header {
            let Ok(name) = std::str::from_utf8(field) else {
                return Err(ImportError::BadRows {
                    path: path_buf(),
                    rows: vec![BadRow {
                        line,
                        problem: format!("the header {NOT_UTF8}"),
                    }],
                });
            };
            // csv-core strips a BOM only when it arrives in one piece; this catches the rest.
            names.push(name.trim_start_matches('\u{feff}').trim());
        }
        // A Dutch or Hungarian Excel separates with ";", which reads as one odd column.
        if let [only] = names.as_slice()
            && only.contains(';')
        {
            return Err(ImportError::Semicolons { path: path_buf() });
        }

        let mut columns = Vec::with_capacity(names.len());
        let mut unknown = Vec::new();
        let mut duplicate = None;
        for name in names {
            let key = name.to_lowercase();
            match Column::ALL.into_iter().find(|c| c.header() == key) {
                Some(column) if columns.contains(&column) => duplicate = duplicate.or(Some(column)),
                Some(column) => columns.push(column),
                None => unknown.push(name.to_string()),
            }
        }
        if !unknown.is_empty() {
            return Err(ImportError::UnknownColumns {
                path: path_buf(),
                unknown,
            });
        }
        if let Some(column) = duplicate {
            return Err(ImportError::DuplicateColumn {
                path: path_buf(),
                column: column.header(),
            });
        }
        if !columns.contains(&Column::Name) {
            return Err(ImportError::MissingName { path: path_buf() });
        }
        Ok(Columns(columns))
    }

    /// `Ok(None)` for a row with nothing in it: spreadsheets export rows whose cells were
    /// once touched as a line of bare commas, and refusing the file over those helps nobody.
    fn caller(&self, record: &ByteRecord) -> Result<Option<CallerRecord>, String> {
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            return Ok(None);
        }
        if record.len() != self.0.len() {
            let s = if record.len() == 1 { "" } else { "s" };
            return Err(format!(
                "{} field{s}, but the header has {}",
                record.len(),
                self.0.len()
            ));
        }
        let mut caller = NewCaller::default();
        let mut id = None;
        for (&column, field) in self.0.iter().zip(record) {
            if let Some(problem) = text::csv_field_too_long(column.header(), field) {
                return Err(problem);
            }
            let Ok(text) = std::str::from_utf8(field) else {
                return Err(format!("{} {NOT_UTF8}", column.header()));
            };
            match column {
                Column::Id => id = Some(text.trim().to_string()).filter(|t| !t.is_empty()),
                Column::Name => caller.name = text.trim().to_string(),
                Column::Organization => caller.organization = text.trim().to_string(),
                Column::Phone => caller.phones = split_values(text),
                Column::Email => caller.emails = split_values(text),
                Column::Identifiers => caller.identifiers = split_values(text),
            }
        }
        let record = CallerRecord { id, caller };
        let problems = caller_problems(&record);
        if problems.is_empty() {
            Ok(Some(record))
        } else {
            Err(problems.join("; "))
        }
    }
}

/// What keeps a caller from being imported, in words; empty when nothing does.
pub(crate) fn caller_problems(record: &CallerRecord) -> Vec<String> {
    let mut problems = Vec::new();
    let caller = &record.caller;
    // The rules every text is held to come first; a value that breaks them is not quoted
    // back in the checks below, which would repeat a megabyte or an escape sequence.
    let mut fits = |field: Field, text: &str| match text::accept(field, text) {
        Ok(_) => true,
        Err(error) => {
            problems.push(error.to_string());
            false
        }
    };
    let id_fits = record.id.as_deref().is_none_or(|id| fits(Field::Value, id));
    fits(Field::Name, &caller.name);
    fits(Field::Organization, &caller.organization);
    let phones: Vec<&String> = caller
        .phones
        .iter()
        .filter(|phone| fits(Field::Phone, phone))
        .collect();
    let emails: Vec<&String> = caller
        .emails
        .iter()
        .filter(|email| fits(Field::Email, email))
        .collect();
    for identifier in &caller.identifiers {
        fits(Field::Identifier, identifier);
    }
    if let Some(id) = &record.id
        && id_fits
        && uuid::Uuid::parse_str(id).is_err()
    {
        problems.push(format!("id \"{id}\" is not a caller id"));
    }
    if caller.name.trim().is_empty() {
        problems.push("the name is empty".to_string());
    }
    for phone in phones {
        if !phone.chars().any(|c| c.is_ascii_digit()) {
            problems.push(format!("phone \"{phone}\" has no digits"));
        }
    }
    for email in emails {
        if !email.contains('@') {
            problems.push(format!("e-mail \"{email}\" has no @"));
        }
    }
    problems
}

/// Windows spreadsheets save CSV as Windows-1252 unless told otherwise.
const NOT_UTF8: &str = "is not valid UTF-8 (save the file as \"CSV UTF-8\")";

fn split_values(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

fn known_columns() -> String {
    Column::ALL.map(Column::header).join(", ")
}

fn unknown_list(unknown: &[String]) -> String {
    let quoted: Vec<String> = unknown.iter().map(|c| format!("\"{c}\"")).collect();
    let noun = if quoted.len() == 1 {
        "column"
    } else {
        "columns"
    };
    format!("unknown {noun} {}", quoted.join(", "))
}

pub(crate) fn bad_rows_message(path: &Path, rows: &[BadRow]) -> String {
    let path = path.display();
    if let [row] = rows {
        return format!(
            "{path}, line {}: {}; nothing was imported",
            row.line, row.problem
        );
    }
    let mut message = format!("{path} has {} bad rows; nothing was imported:", rows.len());
    for row in rows.iter().take(SHOWN_BAD_ROWS) {
        message.push_str(&format!("\n  line {}: {}", row.line, row.problem));
    }
    if rows.len() > SHOWN_BAD_ROWS {
        message.push_str(&format!("\n  … and {} more", rows.len() - SHOWN_BAD_ROWS));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn store() -> Store {
        Store::open_in_memory("anna").unwrap()
    }

    /// The directory is returned too: dropping it deletes the file.
    fn csv_file(contents: impl AsRef<[u8]>) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("callers.csv");
        std::fs::write(&path, contents).unwrap();
        (dir, path)
    }

    fn import_error(contents: impl AsRef<[u8]>) -> (String, Store) {
        let (_dir, path) = csv_file(contents);
        let mut store = store();
        let err = import_callers_file(&mut store, &path, now()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("callers.csv"), "{message}");
        (message, store)
    }

    #[test]
    fn imports_callers_and_finds_them_by_folded_name_and_phone() {
        let (_dir, path) = csv_file(
            "name,Organization,phone,email,identifiers\n\
             Ödön Kovács,\"Gemeente Zwolle, ICT\",+31 6 1234 5678; 038 498 9111 ;,odon@zwolle.nl,LAP-0042\n\
             \"Zoë \"\"Zo\"\" O'Brien\",Brûle & Zn,,zoe@brule.nl;zoe.obrien@gmail.com,\n",
        );
        let mut store = store();
        let summary = import_callers_file(&mut store, &path, now()).unwrap();
        assert_eq!(
            summary,
            ImportSummary {
                added: 2,
                skipped: 0,
                forgotten: 0
            }
        );

        let hits = store.search_callers("odon", 10).unwrap();
        assert_eq!(hits[0].name, "Ödön Kovács");
        let odon = store.caller(&hits[0].id).unwrap().unwrap();
        assert_eq!(odon.organization, "Gemeente Zwolle, ICT");
        assert_eq!(odon.phones, ["+31 6 1234 5678", "038 498 9111"]);
        assert_eq!(odon.identifiers, ["LAP-0042"]);
        let by_phone = store.search_callers("0384989111", 10).unwrap();
        assert_eq!(by_phone[0].id, odon.id);

        let zoe = store.search_callers("zoe", 10).unwrap();
        let zoe = store.caller(&zoe[0].id).unwrap().unwrap();
        assert_eq!(zoe.name, "Zoë \"Zo\" O'Brien");
        assert_eq!(zoe.emails, ["zoe@brule.nl", "zoe.obrien@gmail.com"]);
        assert!(zoe.phones.is_empty());
    }

    #[test]
    fn unknown_columns_are_all_named_with_the_known_ones() {
        let (message, _) = import_error("Name,telefoon,email,notes\nAnna,0612345678,a@b.nl,x\n");
        assert!(
            message.contains(
                "unknown columns \"telefoon\", \"notes\"; \
                 known columns are id, name, organization, phone, email, identifiers"
            ),
            "{message}"
        );
    }

    #[test]
    fn bad_row_is_reported_by_its_line_and_nothing_is_imported() {
        // The quoted organisation spans lines 2-3, so the bad e-mail is on line 5, not 4.
        let (message, store) = import_error(
            "name,organization,email\n\
             Piet Jansen,\"Waterschap\nDrents Overijsselse Delta\",piet@wdodelta.nl\n\
             Anna de Vries,,anna@example.nl\n\
             Jan Bakker,,jan.bakker.example.nl\n",
        );
        assert!(message.contains("line 5"), "{message}");
        assert!(
            message.contains("\"jan.bakker.example.nl\" has no @"),
            "{message}"
        );
        assert_eq!(store.caller_count().unwrap(), 0);
    }

    #[test]
    fn every_bad_row_is_listed() {
        let (message, _) =
            import_error("name,phone\r\n,0612345678\r\nAnna,onbekend\r\nPiet,06 1234\r\nJan\r\n");
        assert!(message.contains("3 bad rows"), "{message}");
        assert!(message.contains("line 2: the name is empty"), "{message}");
        assert!(
            message.contains("line 3: phone \"onbekend\" has no digits"),
            "{message}"
        );
        assert!(
            message.contains("line 5: 1 field, but the header has 2"),
            "{message}"
        );
    }

    #[test]
    fn line_numbers_count_blank_lines_and_every_line_ending() {
        let (message, _) = import_error(
            "name,organization\r\n\r\nAnna,\"two\r\nlines\"\r\n\n\nPiet,x,y\rJan,x,y\n",
        );
        assert!(message.contains("line 7: 3 fields"), "{message}");
        assert!(message.contains("line 8: 3 fields"), "{message}");
    }

    #[test]
    fn field_count_mismatch_names_the_line() {
        let (message, store) =
            import_error("name,phone,email\nAnna,0612345678,anna@example.nl\nPiet,0687654321\n");
        assert!(
            message.contains("line 3: 2 fields, but the header has 3"),
            "{message}"
        );
        assert_eq!(store.caller_count().unwrap(), 0);
    }

    #[test]
    fn reimporting_the_same_file_skips_everyone() {
        let (_dir, path) = csv_file(
            "name,phone,email\n\
             Anna de Vries,0612345678,\n\
             Piet Jansen,,piet@example.nl\n",
        );
        let mut store = store();
        import_callers_file(&mut store, &path, now()).unwrap();
        let again = import_callers_file(&mut store, &path, now()).unwrap();
        assert_eq!(
            again,
            ImportSummary {
                added: 0,
                skipped: 2,
                forgotten: 0
            }
        );
        assert_eq!(store.caller_count().unwrap(), 2);
    }

    #[test]
    fn byte_order_mark_before_the_header_is_ignored() {
        let callers = read_callers_csv(
            &b"\xEF\xBB\xBFName,phone\nAnna,0612345678\n"[..],
            Path::new("x.csv"),
        )
        .unwrap();
        assert_eq!(callers[0].name, "Anna");
        assert_eq!(callers[0].phones, ["0612345678"]);
    }

    #[test]
    fn header_only_or_empty_file_has_no_callers() {
        for contents in ["name,phone,email\n", "", "name,phone\n,\n\n"] {
            let (message, _) = import_error(contents);
            assert!(message.starts_with("no callers in "), "{message}");
        }
    }

    #[test]
    fn missing_file_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("callers.csv");
        let err = import_callers_file(&mut store(), &path, now()).unwrap_err();
        assert!(matches!(err, ImportError::Open { .. }));
        assert!(err.to_string().contains("callers.csv"), "{err}");
    }

    #[test]
    fn header_problems_are_refused() {
        let (message, _) = import_error("organization,phone\nACME,0612345678\n");
        assert!(message.contains("no \"name\" column"), "{message}");
        let (message, _) = import_error("name,phone, Phone \nAnna,06,07\n");
        assert!(
            message.contains("\"phone\" appears more than once"),
            "{message}"
        );
        let (message, _) = import_error("name;phone\nAnna;0612345678\n");
        assert!(message.contains("separated by \";\""), "{message}");
    }

    #[test]
    fn latin1_text_is_reported_as_not_utf8() {
        let (message, _) = import_error(b"name,organization\nAnna,Caf\xE9 Noir\n");
        assert!(
            message.contains("line 2: organization is not valid UTF-8"),
            "{message}"
        );
    }
}
