//! Whether an erased caller's data is still in the desk's bytes: the file and its log, read
//! raw, as someone with a copy of the file would read them. `balie forget` rebuilds the file
//! only when it has to, and says so when something is left.

use std::io::Read;
use std::path::PathBuf;

use memchr::memmem::Finder;
use rusqlite::Connection;

use super::Result;
use super::forget::Mention;
use crate::domain::Caller;
use crate::domain::fold::{fold, phone_digits};

/// Shorter values turn up by chance in any large file.
const SHORTEST: usize = 6;
const CHUNK: usize = 8 << 20;

/// What of `caller` would betray them in the raw bytes: each detail as it was stored, the
/// folded name and the phone digits the search text held. A value another caller on the
/// desk still has (a shared organisation, a namesake) is theirs to keep and not looked for,
/// and neither is one in the free text forget flagged for a person to review.
pub(super) fn needles(
    conn: &Connection,
    caller: &Caller,
    to_review: &[Mention],
) -> Result<Vec<String>> {
    let mut values: Vec<String> = [
        caller.name.clone(),
        fold(&caller.name),
        caller.organization.clone(),
    ]
    .into_iter()
    .chain(caller.phones.iter().cloned())
    .chain(caller.phones.iter().map(|p| phone_digits(p)))
    .chain(caller.emails.iter().cloned())
    .chain(caller.identifiers.iter().cloned())
    .map(|v| v.trim().to_string())
    .filter(|v| v.len() >= SHORTEST)
    .collect();
    values.sort();
    values.dedup();
    let mut kept = Vec::with_capacity(values.len());
    let mut still_used = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM callers WHERE deleted_at IS NULL AND id <> ?2
                          AND (name = ?1 OR organization = ?1 OR name_folded = ?1))
             OR EXISTS (SELECT 1 FROM caller_handles WHERE value = ?1 AND caller_id <> ?2)",
    )?;
    let mut flagged = conn.prepare_cached("SELECT text || data FROM events WHERE id = ?1")?;
    let mut review_text = String::new();
    for mention in to_review {
        review_text.push_str(&flagged.query_row([&mention.event_id], |r| r.get::<_, String>(0))?);
    }
    for value in values {
        let used: bool = still_used.query_row([&value, &caller.id], |r| r.get(0))?;
        if !used && !review_text.contains(&value) {
            kept.push(value);
        }
    }
    Ok(kept)
}

/// Where any of `needles` is still found: (in the desk's file, in its write-ahead log).
/// Called between transactions only: closing a descriptor of the file drops the POSIX
/// locks this process holds on it, and outside a transaction SQLite holds none there (its
/// lasting lock is on the `-shm` index, which is never opened here).
pub(super) fn bytes_found(conn: &Connection, needles: &[String]) -> Result<(bool, bool)> {
    let Some(path) = file_of(conn)? else {
        return Ok((false, false));
    };
    if needles.is_empty() {
        return Ok((false, false));
    }
    let finders: Vec<Finder> = needles.iter().map(|n| Finder::new(n.as_bytes())).collect();
    let mut wal = path.clone().into_os_string();
    wal.push("-wal");
    Ok((
        contains_any(&path, &finders)?,
        contains_any(&PathBuf::from(wal), &finders)?,
    ))
}

/// The main database's file; None for an in-memory desk.
fn file_of(conn: &Connection) -> Result<Option<PathBuf>> {
    let file: String = conn.query_row(
        "SELECT file FROM pragma_database_list WHERE name = 'main'",
        [],
        |r| r.get(0),
    )?;
    Ok((!file.is_empty()).then(|| PathBuf::from(file)))
}

/// Reads the file in chunks that overlap by the longest needle, so that a value split
/// between two chunks is still found.
fn contains_any(path: &std::path::Path, finders: &[Finder]) -> Result<bool> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(super::StoreError::Create {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let overlap = finders.iter().map(|f| f.needle().len()).max().unwrap_or(0);
    let mut buffer = vec![0u8; CHUNK + overlap];
    let mut held = 0;
    loop {
        let read = file
            .read(&mut buffer[held..])
            .map_err(|source| super::StoreError::Create {
                path: path.to_path_buf(),
                source,
            })?;
        if read == 0 {
            return Ok(false);
        }
        held += read;
        if finders.iter().any(|f| f.find(&buffer[..held]).is_some()) {
            return Ok(true);
        }
        let keep = overlap.min(held);
        buffer.copy_within(held - keep..held, 0);
        held = keep;
    }
}
