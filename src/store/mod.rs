//! The only module that speaks SQL. It opens and migrates the file, writes every change
//! together with its timeline event in one `BEGIN IMMEDIATE` transaction, and answers the
//! screen's questions with indexed, limited queries.

mod alerts;
mod bulk;
mod caller_card;
mod caller_edit;
mod caller_index;
mod caller_lookup;
mod caller_merge;
mod caller_search;
mod callers;
mod calls;
mod closing;
mod drafts;
mod dump;
mod exchange;
/// The kept report figures; `figures::refresh_figures` is their one writer, also for the sync.
pub(crate) mod figures;
#[cfg(test)]
pub(crate) mod fixtures;
mod forget;
mod history;
mod incidents;
mod kb;
mod leftovers;
mod maintenance;
mod partial;
mod private;
mod promises;
mod replica;
mod reports;
mod schema;
mod scripts;
mod ticket_search;
mod tickets;
mod traces;
mod trouble;

pub use bulk::{BulkSummary, BulkTicket, BulkWriter, Did, Step};
pub use caller_card::{CallerCard, CardLimits};
pub use caller_lookup::CallerLookup;
pub use caller_search::QuickSearch;
pub use calls::{MissedCallRules, MissedCalls, Received};
pub use dump::{Column, ColumnKind, DESK_TABLES, RestoreCounts, Table};
pub use exchange::{
    CallerImport, CallerMatch, CallerRecord, ImportedTicket, TicketImport, TicketRow,
};
pub use forget::{ForgetLookup, Forgotten, Mention, Purged};
pub use kb::{KbEntry, KbSync};
pub use partial::Partial;
pub use replica::{Applied, Keep};
pub use ticket_search::TicketFilter;
pub use tickets::NewTicket;
pub use trouble::{Sentence, Trouble, is_sqlite_error};

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, SecondsFormat, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::domain::figures::FigureRules;

pub use maintenance::{Backup, Check, RowCounts, backup, check, long_upgrade_ahead};
pub use schema::{APPLICATION_ID, FORGOTTEN};

/// Bytes of write-ahead log kept after a checkpoint; beyond this it is truncated.
const JOURNAL_SIZE_LIMIT: i64 = 64 << 20;

/// Another desk may hold the write lock for a moment; waiting beats failing the agent's save.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a balie database; it was left untouched")]
    Foreign { path: PathBuf },
    #[error(
        "{path} is not a balie desk (not a SQLite database, or damaged): {reason}; it was left untouched"
    )]
    NotADesk { path: PathBuf, reason: String },
    #[error(
        "{path} was written by a newer balie (schema {found}, this one knows {known}); it was left untouched"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("database: {}", trouble::detail(.0))]
    Sqlite(#[from] rusqlite::Error),
    /// A failure the person at the keyboard can act on, with the desk's file it happened to.
    #[error("{}", Sentence::new(*.trouble, .path, .detail))]
    Trouble {
        trouble: Trouble,
        path: PathBuf,
        detail: String,
    },
    /// Rows that contradict each other or the desk's rules (a ticket without the event
    /// that created it): only a damaged or hand-edited file holds them.
    #[error("the desk is damaged: {0}; run `balie check` on it")]
    Damaged(String),
    #[error("{0}")]
    Invalid(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// Kept, rescheduled or cancelled already, perhaps from another desk a moment ago.
    #[error("that promise is already {}", .0.label())]
    PromiseClosed(crate::domain::PromiseState),
    /// Settled already, perhaps on another desk a moment ago.
    #[error("{by} settled that conflict already, at {at}")]
    ConflictSettled { by: String, at: DateTime<Utc> },
}

impl StoreError {
    /// True when the disk or the file refused the write, as opposed to a bug or bad input.
    pub fn is_storage_problem(&self) -> bool {
        matches!(
            self.trouble(),
            Some(Trouble::DiskFull | Trouble::Busy | Trouble::ReadOnly)
        ) || matches!(
            self,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::CannotOpen
                )
        )
    }

    /// Another desk holds the lock this step needed.
    pub fn is_busy(&self) -> bool {
        self.trouble() == Some(Trouble::Busy)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
    /// The desk's file, named in the errors a person can act on; `None` in memory.
    path: Option<PathBuf>,
    agent: String,
    /// Inside `in_one_transaction`: writes nest as savepoints.
    batch: bool,
    /// The callers as the last search read them, while the file has not changed.
    known_callers: caller_search::KnownCallers,
    /// On a team desk, marks every write for the team store (see `replica::capture`).
    capture: replica::capture::Capture,
    /// The settings the kept figures are worked out under (`use_figure_rules`).
    figure_rules: FigureRules,
    /// The shared tables' columns, for applying what the team store hands out.
    known_columns: replica::capture::KnownColumns,
}

impl Store {
    /// Opens or creates the desk's file. A new file is created with mode 0600 because it holds
    /// callers' personal data.
    pub fn open(path: &Path, agent: &str) -> Result<Store> {
        Store::open_unstamped(path, agent).map_err(|e| e.stamped(Some(path)))
    }

    fn open_unstamped(path: &Path, agent: &str) -> Result<Store> {
        let created = private::create_private_file(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            agent: agent.to_string(),
            batch: false,
            known_callers: Default::default(),
            capture: Default::default(),
            figure_rules: FigureRules::standard(),
            known_columns: Default::default(),
        };
        store.conn.busy_timeout(BUSY_TIMEOUT)?;
        let started = std::time::Instant::now();
        loop {
            match store.prepare(path, created) {
                // Desks opening a new file together race to switch it to WAL, which needs
                // the file to itself. SQLite answers "busy" at once there instead of waiting,
                // because a reader waiting for a writer could deadlock; trying again after a
                // short pause settles it.
                Err(error) if error.is_busy() && started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(fastrand::u64(5..25)));
                }
                result => {
                    result.map_err(|error| not_a_desk(path, error))?;
                    // Only once it is known to be a balie desk: a foreign file is left as
                    // it was found.
                    private::make_private(path)?;
                    return Ok(store);
                }
            }
        }
    }

    fn prepare(&mut self, path: &Path, created: bool) -> Result<()> {
        // Identity first: even switching the journal mode would alter a foreign file.
        self.check_identity(path, created)?;
        self.configure()?;
        self.migrate(path)?;
        self.resume_team()
    }

    pub fn open_in_memory(agent: &str) -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            agent: agent.to_string(),
            batch: false,
            known_callers: Default::default(),
            capture: Default::default(),
            figure_rules: FigureRules::standard(),
            known_columns: Default::default(),
        };
        store.configure()?;
        store.migrate(Path::new(":memory:"))?;
        store.resume_team()?;
        Ok(store)
    }

    pub fn agent(&self) -> &str {
        &self.agent
    }

    /// The desk's file; `None` for a desk in memory.
    pub fn file(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|path| !path.is_empty())
            .map(PathBuf::from)
    }

    /// How long a write waits for another desk's transaction before it fails.
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    /// Later writes are recorded as made by this agent (the demo plays a whole team).
    pub fn set_agent(&mut self, agent: &str) {
        self.agent = agent.to_string();
        self.capture.set_author(agent);
    }

    /// Runs `f` as one transaction: all of its writes land together or not at all, and
    /// they cost microseconds each instead of a commit's flush. Filling the demo desk takes
    /// twenty thousand writes.
    pub fn in_one_transaction<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.in_transaction(true, f)
    }

    /// `in_one_transaction` with the caller's own error type, and with the choice of
    /// rolling back even a success: an import's dry run writes exactly what the import
    /// would, and then takes it all back.
    pub fn in_transaction<T, E: From<StoreError>>(
        &mut self,
        keep: bool,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        // Inside another one (a demo desk resolving an incident): part of the outer
        // transaction, which decides for both. A failure fails the outer one too.
        if self.batch && keep {
            return f(self);
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.stamp(e.into()))?;
        self.batch = true;
        let mut result = f(self);
        self.batch = false;
        if keep && let Ok(value) = result {
            result = caller_card::refresh_marked_cards(&self.conn)
                .map(|_| value)
                .map_err(|e| E::from(self.stamp(e)));
        }
        let end = match &result {
            Ok(_) if keep => "COMMIT",
            _ => "ROLLBACK",
        };
        self.conn
            .execute_batch(end)
            .map_err(|e| self.stamp(e.into()))?;
        result
    }

    /// `in_transaction` for a bulk write (an import, a restore, the demo desk): once it has
    /// committed, the caller cards it left stale are brought up to date, a round per
    /// transaction, so that the desk opens them from kept rows at once. A desk's own
    /// batches leave a large backlog to the idle desk instead (see `caller_card::kept`).
    pub fn in_bulk_transaction<T, E: From<StoreError>>(
        &mut self,
        keep: bool,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let value = self.in_transaction(keep, f)?;
        if keep {
            self.keep_caller_cards()?;
        }
        Ok(value)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.capture.register(&self.conn)?;
        // Room for every statement the store prepares, so none is parsed twice.
        self.conn.set_prepared_statement_cache_capacity(64);
        // WAL lets several desks read while one writes; FULL makes every commit durable.
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;
             PRAGMA cache_size = -16384;",
        )?;
        // What a delete or an update frees is overwritten, not only unlinked, so that an
        // erased caller's data does not linger in free space: `balie forget` then needs no
        // rebuild of the file, which would hold the write lock for as long as it runs.
        // A log grown by an import is trimmed back to this once it has been folded in.
        self.conn.execute_batch(&format!(
            "PRAGMA secure_delete = ON; PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT};"
        ))?;
        // The write-ahead log stays when a connection closes instead of being folded into
        // the file and deleted: a command that writes one promise would otherwise pay for
        // recreating the log and syncing it, the folder and the file, several syncs for one
        // commit. SQLite folds the log in on its own as it grows; what is committed is in
        // the log, so nothing is less durable.
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        Ok(())
    }

    fn check_identity(&self, path: &Path, created: bool) -> Result<()> {
        // One statement reads one snapshot. Asked separately, a desk opening a new file while
        // another desk migrates it could see no id yet and then the other's tables: "foreign".
        let (app_id, tables, version): (i32, i64, i64) = self.conn.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_schema),
                    (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let known = schema::MIGRATIONS.len() as i64;
        // Refused before `configure`, which would leave this connection's kept WAL beside a
        // file that a newer balie owns.
        if app_id == APPLICATION_ID && version > known {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                known,
            });
        }
        if app_id == APPLICATION_ID {
            return Ok(());
        }
        if app_id != 0 || (tables > 0 && !created) {
            return Err(StoreError::Foreign {
                path: path.to_path_buf(),
            });
        }
        Ok(())
    }

    fn migrate(&mut self, path: &Path) -> Result<()> {
        let known = schema::MIGRATIONS.len() as i64;
        let found: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > known {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
        for (index, sql) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Desks started together on a new file all see version 0 before any of them holds
            // the write lock; the ones that waited must not run the same step again.
            let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if current > index as i64 {
                continue;
            }
            tx.execute_batch(sql)?;
            if index + 1 == schema::FIGURES_KEPT_FROM {
                // A new desk's figures are all there, none: they follow the settings in use.
                // An older desk's are worked out by `use_figure_rules`, under its settings.
                figures::mark_empty_desk_current(&tx, &self.figure_rules, &self.agent)?;
            }
            tx.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
                index + 1
            ))?;
            tx.commit()?;
        }
        if found > 0 && found < known {
            // An upgrade may rewrite whole tables into the write-ahead log; left there, every
            // process that only reads would first read all of it, until the next writer
            // folds it in. Best effort: a reader elsewhere may keep part of it a while.
            self.fold_log()?;
        }
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Changes whenever another connection commits; cheap enough to poll every tick.
    /// A connection that only streams a table now and then needs little page cache; the
    /// desk's own keeps the larger default for the pages every refresh reads again.
    pub fn set_page_cache_kib(&self, kib: u32) -> Result<()> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{kib};"))?;
        Ok(())
    }

    /// Caps the file at its present size, as a full disk would (SQLite reports both as
    /// SQLITE_FULL), or lifts the cap again. Lets the failure tests fill the "disk" without
    /// filling the machine's.
    #[doc(hidden)]
    pub fn simulate_full_disk(&self, full: bool) -> Result<()> {
        let pages: i64 = if full {
            self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?
        } else {
            i64::from(u32::MAX - 1)
        };
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?)
    }

    /// A new desk gets a welcome screen instead of three empty panes.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM callers) AND NOT EXISTS (SELECT 1 FROM tickets)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Every write goes through here: `BEGIN IMMEDIATE` takes the write lock up front, so two
    /// desks on one file queue behind the busy timeout instead of failing mid-transaction.
    ///
    /// The figures of every ticket the write added events to are brought up to date in the
    /// same transaction, so no write can leave them behind its events.
    fn write<T>(&mut self, f: impl FnOnce(&Connection, &str) -> Result<T>) -> Result<T> {
        self.write_with(true, |conn, agent, _| f(conn, agent))
    }

    /// As `write`, for a write that brings the figures of what it changed up to date
    /// itself: applying pulled changes knows which of them can move a figure, and most
    /// (notes) cannot.
    fn write_keeping_own_figures<T>(
        &mut self,
        f: impl FnOnce(&Connection, &str, &FigureRules) -> Result<T>,
    ) -> Result<T> {
        self.write_with(false, f)
    }

    fn write_with<T>(
        &mut self,
        refresh_figures: bool,
        f: impl FnOnce(&Connection, &str, &FigureRules) -> Result<T>,
    ) -> Result<T> {
        let rules = &self.figure_rules;
        let with_figures = |conn: &Connection| -> Result<T> {
            if !refresh_figures {
                return f(conn, &self.agent, rules);
            }
            let mark = figures::event_mark(conn)?;
            let value = f(conn, &self.agent, rules)?;
            figures::refresh_tickets_since_mark(conn, mark, rules, &self.agent)?;
            Ok(value)
        };
        if self.batch {
            // Any error fails the whole batch, which then rolls back as one; the batch
            // brings the caller cards it marked up to date once, at its end.
            return with_figures(&self.conn).map_err(|e| self.stamp(e));
        }
        let written = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = with_figures(&tx)?;
            caller_card::refresh_marked_cards(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        written.map_err(|e| self.stamp(e))
    }

    /// Names the desk's file in a failure a person can act on (a full disk, a lock held
    /// elsewhere, a read-only file, damage); other errors pass unchanged.
    pub(crate) fn stamp(&self, error: StoreError) -> StoreError {
        error.stamped(self.path.as_deref())
    }
}

/// SQLite's own words ("file is not a database") name no file and read like a bug; the agent
/// needs to know which file it was and that nothing was written to it.
fn not_a_desk(path: &Path, error: StoreError) -> StoreError {
    match error {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, message))
            if matches!(
                e.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) =>
        {
            StoreError::NotADesk {
                path: path.to_path_buf(),
                reason: message.unwrap_or_else(|| e.to_string()),
            }
        }
        other => other,
    }
}

/// Instants are stored as fixed-width UTC text so that string order is time order.
pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// `ts` for an instant that came from what someone typed. Only four-digit years keep the
/// text fixed-width and readable by `parse_ts`: one row outside them would stop every
/// pane that lists it from loading.
pub(crate) fn checked_ts(at: DateTime<Utc>) -> Result<String> {
    if (0..=9999).contains(&at.year()) {
        Ok(ts(at))
    } else {
        Err(StoreError::Invalid(format!(
            "the year {} is outside what the desk can store",
            at.year()
        )))
    }
}

pub(crate) fn parse_ts(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// Maps a text code column to its enum, failing the row instead of guessing.
pub(crate) fn parse_code<T>(text: &str, from: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    from(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown code {text:?}").into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by tests/hostile.rs: a deadline past the year 9999 was written as `+262128-…`,
    /// which `parse_ts` refuses, so every list holding that promise failed to load.
    #[test]
    fn a_deadline_the_store_cannot_read_back_is_refused() {
        use crate::domain::{Channel, NewPromise};
        use chrono::TimeZone;
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let (mut store, ticket) = fixtures::one_call("Jan", "VPN", now);
        let promise = |due_at| NewPromise {
            ticket_id: ticket.id.clone(),
            what: "call back".into(),
            to: String::new(),
            callback: false,
            channel: Channel::Phone,
            due_at,
        };
        let far = Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap();
        let err = store.make_promise(&promise(far), now).unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        let kept = store
            .make_promise(&promise(now + chrono::Duration::hours(2)), now)
            .unwrap();
        let err = store
            .reschedule_promise(&kept.id, far, "later", now)
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        let open = store.open_promises(10).unwrap();
        assert_eq!(open.len(), 1, "the reschedule rolled back whole");
        assert_eq!(open[0].id, kept.id);
    }

    #[test]
    fn new_file_is_private_and_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/desk.db");
        let store = Store::open(&path, "anna").unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            schema::MIGRATIONS.len() as i64
        );
        assert!(store.is_empty().unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        drop(store);
        // Reopening an up-to-date file is fine.
        Store::open(&path, "anna").unwrap();
    }

    #[test]
    fn foreign_database_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE recipes (name TEXT);")
            .unwrap();
        drop(conn);
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path, "anna").err().unwrap();
        assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        drop(Store::open(&path, "anna").unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99;").unwrap();
        drop(conn);
        let err = Store::open(&path, "anna").err().unwrap();
        assert!(err.to_string().contains("newer balie"), "{err}");
    }

    #[test]
    fn migrates_from_every_earlier_version() {
        for start in 0..schema::MIGRATIONS.len() {
            let conn = Connection::open_in_memory().unwrap();
            for sql in &schema::MIGRATIONS[..start] {
                conn.execute_batch(sql).unwrap();
            }
            conn.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {start};"
            ))
            .unwrap();
            if start > 0 {
                // A ticket with a promise, in the columns every version has.
                conn.execute_batch(
                    "INSERT INTO tickets (id, number, key, subject, status, impact, urgency,
                       priority, last_activity_at, created_at, updated_at, updated_by)
                     VALUES ('t1', 1042, 'T-1042', 'VPN', 'open', 3, 3, 3, 'x', 'x', 'x', 'anna');
                     INSERT INTO promises (id, ticket_id, what, recipient, channel, due_at,
                       owner, state, created_at, updated_at, updated_by)
                     VALUES ('p1', 't1', 'Ring back', 'Jan', 'phone',
                       '2026-11-23T09:00:00.000Z', 'anna', 'open', 'x', 'x', 'anna');",
                )
                .unwrap();
            }
            let mut store = Store {
                conn,
                path: None,
                agent: "anna".into(),
                batch: false,
                known_callers: Default::default(),
                capture: Default::default(),
                figure_rules: FigureRules::standard(),
                known_columns: Default::default(),
            };
            store.migrate(Path::new(":memory:")).unwrap();
            assert_eq!(
                store.schema_version().unwrap(),
                schema::MIGRATIONS.len() as i64
            );
            if start > 0 {
                let later = "2026-11-24T09:00:00Z".parse().unwrap();
                let overdue = store.overdue_promises(None, later).unwrap();
                assert_eq!(overdue.len(), 1, "from version {start}");
                assert_eq!(overdue[0].ticket_key, "T-1042", "from version {start}");
            }
        }
    }
}
