//! Looking after the file while desks keep working on it: a consistent copy, and a health
//! check. Both read through their own read-only connection and never migrate or write the
//! desk's file.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::partial::Partial;
use super::schema::{APPLICATION_ID, MIGRATIONS};
use super::{BUSY_TIMEOUT, Result, StoreError};

/// A damaged file can yield thousands of complaints; the first few say enough.
const PROBLEMS_LISTED: usize = 20;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// Callers on the desk, not counting erased ones.
    pub callers: i64,
    pub tickets: i64,
    pub promises: i64,
    pub events: i64,
}

#[derive(Debug)]
pub struct Backup {
    pub path: PathBuf,
    pub bytes: u64,
    pub rows: RowCounts,
}

/// What `balie check` found. `problems` is empty when all is well.
#[derive(Debug)]
pub struct Check {
    pub path: PathBuf,
    pub bytes: u64,
    /// Size of the write-ahead log beside the file, when there is one.
    pub wal_bytes: Option<u64>,
    pub application_id: Option<i32>,
    pub schema: Option<i64>,
    pub known_schema: i64,
    pub rows: Option<RowCounts>,
    /// Events flagged by `balie forget` that nobody has marked reviewed.
    pub unreviewed: Option<i64>,
    pub problems: Vec<String>,
}

impl Check {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Writes a consistent copy of the desk at `source` to the new file `target`.
///
/// `VACUUM INTO` rather than the page-by-page backup API: it reads one snapshot in a
/// single read transaction, so in WAL mode other desks keep writing while it runs and
/// none of their commits can tear the copy; the page-by-page API restarts whenever
/// another process writes between its steps. The copy is also rebuilt from live rows
/// only, so free pages of the desk, which may still hold old copies of erased callers'
/// data, are not carried into the backup. The price is rebuilding indexes, which costs
/// more CPU than copying pages.
pub fn backup(source: &Path, target: &Path) -> Result<Backup> {
    let conn = open_read_only(source)?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        return Err(StoreError::Foreign {
            path: source.to_path_buf(),
        });
    }
    let target = absolute(target)?;
    if target.exists() {
        return Err(exists(&target));
    }
    // VACUUM INTO fills an empty file; it gets its name only once it is whole and on disk,
    // so a backup killed half-way never leaves a partial desk under the name asked for
    // (the next command would take it for a new, empty desk). The hidden file it leaves
    // is removed by the next backup to the same name.
    let partial = Partial::beside(&target).map_err(|source| create_error(&target, source))?;
    let partial_text = partial
        .path()
        .to_str()
        .ok_or_else(|| StoreError::Invalid(format!("{} is not a UTF-8 path", target.display())))?;
    conn.execute("VACUUM INTO ?1", [partial_text])?;
    drop(conn);
    partial.finish().map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            exists(&target)
        } else {
            create_error(&target, source)
        }
    })?;
    let bytes = std::fs::metadata(&target)
        .map_err(|source| create_error(&target, source))?
        .len();
    let rows = row_counts(&open_read_only(&target)?)?;
    Ok(Backup {
        path: target,
        bytes,
        rows,
    })
}

/// Checks the file without changing it: SQLite's integrity and foreign-key checks, whose
/// file it is and which schema it has. Whatever is wrong, including a file SQLite cannot
/// read at all, ends up in `problems`; only a missing file is an error.
///
/// The connection is read-only, so nothing is written to the file and no checkpoint
/// runs. It still reads the write-ahead log, so it sees every committed change, also ones
/// not yet copied into the file. For that SQLite needs the `-shm` index beside the file:
/// it uses the one running desks share, or creates it (with the file's permissions) when
/// there is a `-wal` but no `-shm`. A file without a `-wal` is read on its own.
/// Whether opening the desk at `path` first brings its file up to this release, and the
/// file is large enough for that to take a while: read from the file's header, without
/// opening the database, so that a command can say so before the wait. The header may lag
/// behind the write-ahead log; it only decides whether a line is printed.
pub fn long_upgrade_ahead(path: &Path) -> bool {
    use std::io::Read;
    /// A desk this size takes seconds to upgrade (a new index over a million events);
    /// a smaller one takes a moment, about as long as the line would be on screen.
    const LONG_UPGRADE_BYTES: u64 = 64 * 1024 * 1024;
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path).and_then(|mut file| {
        let bytes = file.metadata()?.len();
        file.read_exact(&mut header)?;
        Ok(bytes)
    });
    match read {
        Ok(bytes) if bytes >= LONG_UPGRADE_BYTES && header.starts_with(b"SQLite format 3\0") => {
            // The user version, a big-endian number at offset 60.
            let version = u32::from_be_bytes([header[60], header[61], header[62], header[63]]);
            (version as usize) < MIGRATIONS.len()
        }
        _ => false,
    }
}

pub fn check(path: &Path) -> Result<Check> {
    let bytes = std::fs::metadata(path)
        .map_err(|_| StoreError::NotFound(path.display().to_string()))?
        .len();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let mut report = Check {
        path: path.to_path_buf(),
        bytes,
        wal_bytes: std::fs::metadata(&wal).ok().map(|m| m.len()),
        application_id: None,
        schema: None,
        known_schema: MIGRATIONS.len() as i64,
        rows: None,
        unreviewed: None,
        problems: Vec::new(),
    };
    let conn = match open_read_only(path) {
        Ok(conn) => conn,
        Err(error) => {
            report.problems.push(format!("cannot open it: {error}"));
            return Ok(report);
        }
    };
    let header = conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0));
    let app_id = match header {
        Ok(id) => id,
        Err(error) => {
            report
                .problems
                .push(format!("not readable as an SQLite database: {error}"));
            return Ok(report);
        }
    };
    report.application_id = Some(app_id);
    if app_id != APPLICATION_ID {
        report.problems.push(format!(
            "not a balie database (application id {app_id:#010x}, balie's is {APPLICATION_ID:#010x})"
        ));
    }
    match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Ok(found) => {
            report.schema = Some(found);
            if found > report.known_schema {
                report.problems.push(format!(
                    "written by a newer balie: schema {found}, this one knows {}",
                    report.known_schema
                ));
            }
        }
        Err(error) => report.problems.push(format!("schema version: {error}")),
    }
    match listed(
        &conn,
        &format!("PRAGMA integrity_check({PROBLEMS_LISTED})"),
        |r| r.get::<_, String>(0),
    ) {
        Ok(rows) if rows == ["ok"] => {}
        Ok(rows) => report
            .problems
            .extend(rows.into_iter().map(|r| format!("integrity: {r}"))),
        Err(error) => report
            .problems
            .push(format!("integrity check failed: {error}")),
    }
    match listed(&conn, "PRAGMA foreign_key_check", |r| {
        Ok(format!(
            "foreign key: {} row {} points to a missing {} row",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?
                .map_or_else(|| "?".to_string(), |id| id.to_string()),
            r.get::<_, String>(2)?
        ))
    }) {
        Ok(rows) => report.problems.extend(rows),
        Err(error) => report
            .problems
            .push(format!("foreign key check failed: {error}")),
    }
    let readable =
        app_id == APPLICATION_ID && report.schema.is_some_and(|s| s <= report.known_schema);
    if readable {
        match row_counts(&conn) {
            Ok(rows) => report.rows = Some(rows),
            Err(error) => report.problems.push(format!("counting rows: {error}")),
        }
        // Every ticket is written with the event that created it; its clocks start there.
        match listed(
            &conn,
            "SELECT t.key FROM tickets t WHERE NOT EXISTS
               (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'created')
             ORDER BY t.number",
            |r| Ok(format!("{} has no creating event", r.get::<_, String>(0)?)),
        ) {
            Ok(rows) => report.problems.extend(rows),
            Err(error) => report.problems.push(format!("creating events: {error}")),
        }
        let statuses: Vec<String> = crate::domain::Status::ALL
            .iter()
            .map(|s| format!("'{}'", s.code()))
            .collect();
        match listed(
            &conn,
            &format!(
                "SELECT key, status FROM tickets WHERE status NOT IN ({}) ORDER BY number",
                statuses.join(", ")
            ),
            |r| {
                Ok(format!(
                    "{} has the unknown status {:?}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?
                ))
            },
        ) {
            Ok(rows) => report.problems.extend(rows),
            Err(error) => report.problems.push(format!("ticket statuses: {error}")),
        }
        if report.schema.is_some_and(|s| s >= 3) {
            report.problems.extend(erased_leftovers(&conn));
            match conn.query_row(
                "SELECT count(*) FROM erasure_reviews WHERE reviewed_at IS NULL",
                [],
                |r| r.get(0),
            ) {
                Ok(count) => report.unreviewed = Some(count),
                Err(error) => report.problems.push(format!("erasure reviews: {error}")),
            }
        }
    }
    Ok(report)
}

/// Personal data of callers `balie forget` erased that is still in their rows: what forget
/// clears is checked here, since a file from an interrupted or older forget may lack it.
/// Free text is not: that is what `erasure_reviews` lists for a person.
fn erased_leftovers(conn: &Connection) -> Vec<String> {
    let places = [
        (
            "their name or organisation",
            "SELECT DISTINCT c.id FROM callers c JOIN erasures e ON e.caller_id = c.id
             WHERE c.name <> 'forgotten caller' OR c.organization <> ''
                OR c.name_folded <> '' OR c.search_text <> ''",
        ),
        (
            "a phone, e-mail address or identifier",
            "SELECT DISTINCT h.caller_id FROM caller_handles h
             JOIN erasures e ON e.caller_id = h.caller_id",
        ),
        (
            "the caller search index",
            "SELECT DISTINCT f.caller_id FROM caller_fts f
             JOIN erasures e ON e.caller_id = f.caller_id",
        ),
    ];
    let mut problems = Vec::new();
    for (what, sql) in places {
        match listed(conn, sql, |r| r.get::<_, String>(0)) {
            Ok(ids) => problems.extend(ids.into_iter().map(|id| {
                format!(
                    "forgotten caller {id} still has {what}; run `balie forget {id} --yes` again"
                )
            })),
            Err(error) => problems.push(format!("erased callers: {error}")),
        }
    }
    problems
}

/// The first rows of a checking pragma, and a line saying how many more there were.
fn listed(
    conn: &Connection,
    sql: &str,
    row: impl Fn(&rusqlite::Row) -> rusqlite::Result<String>,
) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut found = Vec::new();
    let mut more = 0;
    while let Some(r) = rows.next()? {
        if found.len() < PROBLEMS_LISTED {
            found.push(row(r)?);
        } else {
            more += 1;
        }
    }
    if more > 0 {
        found.push(format!("… and {more} more"));
    }
    Ok(found)
}

fn row_counts(conn: &Connection) -> Result<RowCounts> {
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    Ok(RowCounts {
        callers: count("SELECT count(*) FROM callers WHERE deleted_at IS NULL")?,
        tickets: count("SELECT count(*) FROM tickets")?,
        promises: count("SELECT count(*) FROM promises")?,
        events: count("SELECT count(*) FROM events")?,
    })
}

/// Without SQLITE_OPEN_CREATE a missing file is an error rather than a new empty
/// database, and without SQLITE_OPEN_URI a name like `file:x?mode=rwc` is only a name.
fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

fn create_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Create {
        path: path.to_path_buf(),
        source,
    }
}

/// SQLite resolves a relative name against the process's folder just as we do, but an
/// absolute one can never be mistaken for anything else.
fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|source| create_error(path, source))
}

fn exists(path: &Path) -> StoreError {
    StoreError::Invalid(format!(
        "{} already exists; a backup never overwrites a file, name a new one",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_backup_refuses_an_existing_file_and_a_foreign_database() {
        let dir = tempfile::tempdir().unwrap();
        let desk = dir.path().join("desk.db");
        drop(Store::open(&desk, "anna").unwrap());
        let target = dir.path().join("copy.db");
        std::fs::write(&target, b"keep me").unwrap();
        let err = backup(&desk, &target).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep me");

        let foreign = dir.path().join("recipes.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE recipes (name TEXT);")
            .unwrap();
        let err = backup(&foreign, &dir.path().join("r.db")).unwrap_err();
        assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
        assert!(!dir.path().join("r.db").exists());
    }

    #[test]
    fn a_backup_is_private_and_checks_clean() {
        let dir = tempfile::tempdir().unwrap();
        let desk = dir.path().join("desk.db");
        let _open = Store::open(&desk, "anna").unwrap();
        let target = dir.path().join("copy.db");
        let written = backup(&desk, &target).unwrap();
        assert_eq!(written.bytes, std::fs::metadata(&target).unwrap().len());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let report = check(&target).unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        assert_eq!(report.schema, Some(MIGRATIONS.len() as i64));
        assert_eq!(report.rows, Some(RowCounts::default()));
    }

    #[test]
    fn a_newer_schema_and_a_foreign_file_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let desk = dir.path().join("desk.db");
        drop(Store::open(&desk, "anna").unwrap());
        Connection::open(&desk)
            .unwrap()
            .execute_batch("PRAGMA user_version = 99;")
            .unwrap();
        let report = check(&desk).unwrap();
        assert!(
            report.problems.iter().any(|p| p.contains("newer balie")),
            "{:?}",
            report.problems
        );

        let garbage = dir.path().join("notes.txt");
        std::fs::write(
            &garbage,
            "not a database at all, but long enough to have a header",
        )
        .unwrap();
        let report = check(&garbage).unwrap();
        assert!(!report.is_ok());
        assert!(matches!(
            check(&dir.path().join("missing.db")),
            Err(StoreError::NotFound(_))
        ));
    }
}
