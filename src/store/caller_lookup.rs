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
    /// name, an e-mail address, an identifier, a phone number in any format) beats one
    /// whose name or organisation holds every word of the query as a whole word
    /// (`Ödön`, `kovacs odon`), which beats fuzzy hits. The caller comes with every handle, also tombstoned ones: an erase needs them
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
        let (exact, rest): (Vec<_>, Vec<_>) =
            found.into_iter().partition(|(_, c)| is_exactly(c, query));
        let (whole_words, fuzzy): (Vec<_>, Vec<_>) = rest
            .into_iter()
            .partition(|(_, c)| has_every_word(c, query));
        let mut candidates = [exact, whole_words, fuzzy]
            .into_iter()
            .find(|tier| !tier.is_empty())
            .unwrap_or_default();
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

/// Every word of the query is a whole word of the caller's name or organisation, accents
/// and case aside, as a person names someone.
fn has_every_word(caller: &Caller, query: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let known: Vec<String> = words(&caller.name)
        .into_iter()
        .chain(words(&caller.organization))
        .collect();
    let wanted = words(query);
    !wanted.is_empty() && wanted.iter().all(|w| known.contains(w))
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
