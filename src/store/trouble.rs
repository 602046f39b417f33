//! What went wrong with the desk's file, in the terms of what the person at the keyboard can
//! do about it. SQLite's own words ("database or disk is full", "attempt to write a readonly
//! database") name no file and suggest nothing; the store stamps its file on the failure
//! where it can, and the command line and the desk each say it in one sentence.

use std::fmt;
use std::path::Path;

use rusqlite::ErrorCode;

use super::StoreError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// The disk holding the desk has no room left for the write.
    DiskFull,
    /// Another process holds the write lock longer than the busy timeout.
    Busy,
    /// This user may not write the file, or the folder where its -wal and -shm live.
    ReadOnly,
    /// SQLite found the file malformed, or a row the desk cannot make sense of.
    Damaged,
}

impl Trouble {
    /// The trouble behind an SQLite failure, if it is one a person can act on.
    pub fn of(error: &rusqlite::Error) -> Option<Trouble> {
        match error {
            rusqlite::Error::SqliteFailure(e, _) => match e.code {
                ErrorCode::DiskFull => Some(Trouble::DiskFull),
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Some(Trouble::Busy),
                ErrorCode::ReadOnly => Some(Trouble::ReadOnly),
                ErrorCode::DatabaseCorrupt => Some(Trouble::Damaged),
                _ => None,
            },
            // A stored value the desk's types refuse: only a hand-edited or damaged file
            // holds one, since every write goes through the same checks.
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..) => Some(Trouble::Damaged),
            _ => None,
        }
    }
}

/// True for SQLite's own error: past it in an error chain come only its restatements of
/// the same failure ("Error code 13: …").
pub fn is_sqlite_error(cause: &(dyn std::error::Error + 'static)) -> bool {
    cause.downcast_ref::<rusqlite::Error>().is_some()
}

/// SQLite's detail without its restatement of the code ("Error code 13: …").
pub(super) fn detail(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(_, Some(message)) if !message.is_empty() => message.clone(),
        rusqlite::Error::SqliteFailure(e, _) => e.to_string(),
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
            format!("a stored value cannot be read: {inner}")
        }
        other => other.to_string(),
    }
}

/// The command line's sentence for `trouble` with the desk at `path`; English, as all of
/// the command line's output. `detail` says what SQLite or the store found, for damage.
pub struct Sentence<'a> {
    pub trouble: Trouble,
    pub path: &'a Path,
    pub detail: &'a str,
}

impl<'a> Sentence<'a> {
    pub fn new(trouble: Trouble, path: &'a Path, detail: &'a str) -> Sentence<'a> {
        Sentence {
            trouble,
            path,
            detail,
        }
    }
}

impl fmt::Display for Sentence<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match self.trouble {
            Trouble::DiskFull => write!(
                f,
                "the disk holding {path} is full: nothing was saved; free some space there and try again"
            ),
            Trouble::Busy => write!(
                f,
                "another balie process is writing to {path} (an import, a backup or `balie forget` can take a while): nothing was saved; try again in a moment"
            ),
            Trouble::ReadOnly => write!(
                f,
                "{path} is read-only for this user (the file, or its folder where the -wal and -shm files go): nothing was saved; give your user write access to both"
            ),
            Trouble::Damaged => write!(
                f,
                "{path} is damaged ({}): run `balie --db {} check` to see what is wrong, and restore a backup if it finds problems",
                self.detail,
                shell_word(&path.to_string())
            ),
        }
    }
}

/// `text` as one word for a POSIX shell, so that the command can be pasted as it stands.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "/._-+~,:@%=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

impl StoreError {
    /// The trouble behind this error, stamped with a file or not.
    pub fn trouble(&self) -> Option<Trouble> {
        match self {
            StoreError::Trouble { trouble, .. } => Some(*trouble),
            StoreError::Sqlite(e) => Trouble::of(e),
            StoreError::Damaged(_) => Some(Trouble::Damaged),
            _ => None,
        }
    }

    /// What the store or SQLite found, without the file.
    pub fn trouble_detail(&self) -> String {
        match self {
            StoreError::Trouble { detail, .. } => detail.clone(),
            StoreError::Sqlite(e) => detail(e),
            StoreError::Damaged(what) => what.clone(),
            other => other.to_string(),
        }
    }

    /// The error with the desk's file named, when it is a trouble a person can act on.
    pub(super) fn stamped(self, path: Option<&Path>) -> StoreError {
        match (self.trouble(), path) {
            (Some(trouble), Some(path)) if !matches!(self, StoreError::Trouble { .. }) => {
                StoreError::Trouble {
                    trouble,
                    path: path.to_path_buf(),
                    detail: self.trouble_detail(),
                }
            }
            _ => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_command_for_a_damaged_desk_can_be_pasted() {
        let line = |path: &str| Sentence::new(Trouble::Damaged, Path::new(path), "x").to_string();
        assert!(line("/srv/desk.db").contains("`balie --db /srv/desk.db check`"));
        assert!(
            line("/home/anna/My Desk/anna's.db")
                .contains(r"`balie --db '/home/anna/My Desk/anna'\''s.db' check`"),
            "{}",
            line("/home/anna/My Desk/anna's.db")
        );
    }
}
