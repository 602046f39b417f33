//! The one rule for naming a caller on the command line (`balie forget`, `balie ticket new
//! --caller`): their id, or a name, phone, e-mail address or identifier that finds exactly
//! one caller.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::callers::{Tombstones, read_caller};
use super::{Result, Store, parse_ts};
use crate::domain::fold::{fold, looks_like_phone, phone_query_variants};
use crate::domain::{Caller, CallerHit};

/// A search must narrow down to one caller; this many hits is plenty to show that it did
/// not.
const SEARCH_HITS: usize = 20;

/// Who a caller named on the command line is.
#[derive(Debug)]
pub enum CallerLookup {
    One(Caller),
    NotFound,
    /// Every candidate, best match first.
    Several(Vec<CallerHit>),
}

impl Store {
    /// An id names a caller directly (an erased caller is no longer found). Otherwise the
    /// search must find exactly one caller; a hit that is the query exactly (the whole
    /// name, an e-mail address, an identifier, a phone number in any format) beats fuzzy
    /// hits. The caller comes with every handle, also tombstoned ones: an erase needs them
    /// all.
    pub fn find_one_caller(&self, query: &str) -> Result<CallerLookup> {
        let query = query.trim();
        if is_caller_id(query) {
            if erased_at(&self.conn, query)?.is_some() {
                return Ok(CallerLookup::NotFound);
            }
            return Ok(match caller_with_handles(&self.conn, query)? {
                Some(caller) => CallerLookup::One(caller),
                None => CallerLookup::NotFound,
            });
        }
        let mut found = Vec::new();
        for hit in self.search_callers(query, SEARCH_HITS)? {
            if let Some(caller) = caller_with_handles(&self.conn, &hit.id)? {
                found.push((hit, caller));
            }
        }
        let (exact, fuzzy): (Vec<_>, Vec<_>) =
            found.into_iter().partition(|(_, c)| is_exactly(c, query));
        let mut candidates = if exact.is_empty() { fuzzy } else { exact };
        Ok(match candidates.len() {
            0 => CallerLookup::NotFound,
            1 => match candidates.pop() {
                Some((_, caller)) => CallerLookup::One(caller),
                None => CallerLookup::NotFound,
            },
            _ => CallerLookup::Several(candidates.into_iter().map(|(hit, _)| hit).collect()),
        })
    }
}

/// Caller ids are UUIDs; nobody's name or phone number parses as one.
pub(super) fn is_caller_id(query: &str) -> bool {
    uuid::Uuid::parse_str(query).is_ok()
}

/// When the caller was erased, if they were.
pub(super) fn erased_at(conn: &Connection, caller_id: &str) -> Result<Option<DateTime<Utc>>> {
    let at: Option<String> = conn
        .prepare_cached("SELECT min(created_at) FROM erasures WHERE caller_id = ?1")?
        .query_row([caller_id], |r| r.get(0))?;
    Ok(at.map(|t| parse_ts(&t)).transpose()?)
}

/// The caller with every handle, tombstoned or not.
pub(super) fn caller_with_handles(conn: &Connection, id: &str) -> Result<Option<Caller>> {
    read_caller(conn, id, Tombstones::Included)
}

pub(super) fn is_exactly(caller: &Caller, query: &str) -> bool {
    let folded = fold(query);
    let folded = folded.trim();
    if fold(&caller.name) == folded
        || caller
            .emails
            .iter()
            .chain(&caller.identifiers)
            .any(|v| fold(v.trim()) == folded)
    {
        return true;
    }
    let typed = phone_query_variants(query);
    looks_like_phone(query)
        && caller
            .phones
            .iter()
            .flat_map(|p| phone_query_variants(p))
            .any(|stored| typed.contains(&stored))
}
