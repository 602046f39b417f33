//! How a command's failure reads on the command line: one line, each cause said once, and a
//! failure of the desk's file (full, locked, read-only, damaged) as one sentence naming the
//! file and what to do. A reader that stopped early (`| head`) is no failure at all.

use std::error::Error;
use std::io::ErrorKind;
use std::path::Path;

use crate::store::{Sentence, StoreError, is_sqlite_error};

/// True when the command failed only because whoever read its output went away: `balie
/// ticket list --format json | head -1`. The pipe may be buried in a CSV or JSON writer's
/// error, whose own source chains do not always lead to it.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| io_kind(cause) == Some(ErrorKind::BrokenPipe))
}

/// The kind of I/O failure behind `cause`, looking inside the wrappings writers use: an
/// `io::Error::other(csv error)` whose source chain skips the CSV error's own I/O error.
fn io_kind(cause: &(dyn Error + 'static)) -> Option<ErrorKind> {
    if let Some(e) = cause.downcast_ref::<std::io::Error>() {
        return match e.get_ref() {
            Some(inner) if e.kind() == ErrorKind::Other => io_kind(inner),
            _ => Some(e.kind()),
        };
    }
    if let Some(e) = cause.downcast_ref::<serde_json::Error>() {
        return e.io_error_kind();
    }
    match cause.downcast_ref::<csv::Error>().map(csv::Error::kind) {
        Some(csv::ErrorKind::Io(e)) => Some(e.kind()),
        _ => None,
    }
}

/// The line `balie: …` prints for `error`. `desk` is the desk's file the command worked
/// on, named in a trouble the store could not name itself (a damaged row found while
/// reading).
pub fn describe(error: &anyhow::Error, desk: Option<&Path>) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = match (cause.downcast_ref::<StoreError>(), desk) {
            (Some(store), Some(desk)) if is_unstamped_trouble(store) => store
                .trouble()
                .map(|trouble| Sentence::new(trouble, desk, &store.trouble_detail()).to_string())
                .unwrap_or_else(|| store.to_string()),
            _ => cause.to_string(),
        };
        // Wrappers often say their cause again ("database: disk full" above "disk full").
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
        // Past here are SQLite's own restatements ("Error code 13: …") and, for a stamped
        // trouble, the causes its sentence already says in plainer words.
        if is_last_word(cause) {
            break;
        }
    }
    line
}

fn is_unstamped_trouble(error: &StoreError) -> bool {
    error.trouble().is_some() && !matches!(error, StoreError::Trouble { .. })
}

fn is_last_word(cause: &(dyn Error + 'static)) -> bool {
    is_sqlite_error(cause)
        || cause
            .downcast_ref::<StoreError>()
            .is_some_and(|e| e.trouble().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Trouble;

    fn full() -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            Some("database or disk is full".into()),
        )
    }

    /// Found on the command line: "saving: database: database or disk is full: database
    /// or disk is full: Error code 13: database or disk is full".
    #[test]
    fn a_cause_is_said_once() {
        let io = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
            Some("disk I/O error".into()),
        );
        let error = anyhow::Error::from(StoreError::from(io)).context("saving the note");
        let line = describe(&error, None);
        assert_eq!(line, "saving the note: database: disk I/O error");
    }

    #[test]
    fn an_unstamped_trouble_names_the_desk() {
        let error = anyhow::Error::from(StoreError::from(full())).context("saving the note");
        let line = describe(&error, Some(Path::new("/srv/desk.db")));
        assert_eq!(
            line,
            format!(
                "saving the note: {}",
                Sentence::new(Trouble::DiskFull, Path::new("/srv/desk.db"), "")
            )
        );
        assert_eq!(line.matches("full").count(), 1, "{line}");
    }

    #[test]
    fn a_broken_pipe_is_found_inside_writers_errors() {
        let pipe = || std::io::Error::from(ErrorKind::BrokenPipe);
        let json = serde_json::Error::io(pipe());
        assert!(is_broken_pipe(&anyhow::Error::from(json).context("x")));
        let csv = csv::Error::from(pipe());
        assert!(is_broken_pipe(&anyhow::Error::from(csv)));
        let wrapped = std::io::Error::other(csv::Error::from(pipe()));
        assert!(is_broken_pipe(&anyhow::Error::from(wrapped)));
        assert!(!is_broken_pipe(&anyhow::anyhow!("broken pipe")));
        let other = std::io::Error::from(ErrorKind::PermissionDenied);
        assert!(!is_broken_pipe(&anyhow::Error::from(other)));
    }
}
