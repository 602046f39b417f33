//! Finding callers while they speak: one pipeline for every desk size.
//!
//! A search takes candidates (the callers sharing a trigram with the query, found through
//! the FTS5 index; or, on a desk of up to `EVERYONE_MAX` callers, every caller, kept in
//! memory until the desk changes), ranks their folded texts with `matching::rank`, and
//! reads the names and detail lines of the shown hits in one query. The pass over every
//! caller of a large desk (`desk::background_search`) reads the same texts through the same
//! loader and shows its hits through the same query.

use std::cell::RefCell;

use super::callers::quote_fts;
use super::{Result, Store};
use crate::domain::CallerHit;
use crate::domain::fold::{fold, looks_like_phone, phone_query_variants};
use crate::domain::matching::{self, CallerText};

/// Up to this many callers, a keystroke ranks every caller: in memory that costs a few
/// milliseconds, and abbreviations like "jdvr" that share no trigram are still found.
const EVERYONE_MAX: usize = 5_000;
/// How many prefiltered candidates the ranking sees on a large desk.
const CANDIDATES: i64 = 500;

/// What one keystroke's search found, and whether every caller was considered.
pub struct QuickSearch {
    pub hits: Vec<CallerHit>,
    pub exhaustive: bool,
}

/// What a connection knows about the desk's callers between two searches, and as of which
/// version of the file.
#[derive(Default)]
pub(super) struct KnownCallers(RefCell<Option<(Version, Known)>>);

enum Known {
    /// Every caller of a small desk.
    Everyone(Vec<CallerText>),
    /// Too many to rank on a keystroke.
    TooMany,
}

/// Changes by other connections move `data_version`; this connection's own writes move
/// its count of changed rows. Either one makes what was read of the callers stale.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Version {
    others: i64,
    own: u64,
}

impl Store {
    /// Finds callers by name, organisation, phone, e-mail or identifier, best match first.
    pub fn search_callers(&self, query: &str, limit: usize) -> Result<Vec<CallerHit>> {
        Ok(self.search_callers_quickly(query, limit)?.hits)
    }

    /// The search a keystroke can afford. On a large desk it ranks only the callers that
    /// share a trigram with the query, so an abbreviation like "jdvr" finds nobody here;
    /// `exhaustive` is false then, and a pass over every caller may find more.
    pub fn search_callers_quickly(&self, query: &str, limit: usize) -> Result<QuickSearch> {
        // A control character pasted into the search is not part of anybody's name.
        let query: String = query.chars().filter(|c| !c.is_control()).collect();
        let query = query.trim();
        if query.is_empty() {
            return Ok(QuickSearch {
                hits: Vec::new(),
                exhaustive: true,
            });
        }
        if looks_like_phone(query) {
            // Digits are indexed as they are, so the index finds every number that holds
            // them.
            return Ok(QuickSearch {
                hits: self.phone_hits(query, limit)?,
                exhaustive: true,
            });
        }
        self.refresh_known_callers()?;
        let known = self.known_callers.0.borrow();
        if let Some((_, Known::Everyone(everyone))) = known.as_ref() {
            let ids = ids(matching::rank_now(query, everyone, limit));
            return Ok(QuickSearch {
                hits: self.caller_hits(&ids)?,
                exhaustive: true,
            });
        }
        drop(known);
        let candidates = self.trigram_candidates(query)?;
        let ids = ids(matching::rank_now(query, &candidates, limit));
        Ok(QuickSearch {
            hits: self.caller_hits(&ids)?,
            exhaustive: false,
        })
    }

    /// Every caller's folded texts, for ranking the whole desk.
    pub fn every_caller_text(&self) -> Result<Vec<CallerText>> {
        let mut all = self.caller_texts(
            "SELECT c.id, c.name_folded, c.search_text FROM callers c WHERE c.deleted_at IS NULL",
            [],
        )?;
        all.shrink_to_fit();
        Ok(all)
    }

    /// Search hits for callers found elsewhere, in the order given, read in one query; an
    /// id no longer on the desk is left out. The line under each name is read only here,
    /// for the few hits shown rather than every candidate.
    pub fn caller_hits(&self, ids: &[&str]) -> Result<Vec<CallerHit>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = serde_json::to_string(ids)
            .map_err(|e| super::StoreError::Invalid(format!("caller ids: {e}")))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.organization,
                    (SELECT coalesce(group_concat(h.value, ' · '), '') FROM caller_handles h
                     WHERE h.caller_id = c.id AND h.deleted_at IS NULL
                       AND h.kind IN ('phone', 'identifier'))
             FROM json_each(?1) j JOIN callers c ON c.id = j.value
             WHERE c.deleted_at IS NULL ORDER BY j.key",
        )?;
        let rows = stmt.query_map([ids], |r| {
            Ok(CallerHit {
                id: r.get(0)?,
                name: r.get(1)?,
                organization: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Reads every caller again if the desk is small and changed since they were read, and
    /// otherwise only notes the version. Counting stops past `EVERYONE_MAX`, so a large desk
    /// costs a bounded count per change, not a scan of the table.
    fn refresh_known_callers(&self) -> Result<()> {
        let version = Version {
            others: self.data_version()?,
            own: self.conn.total_changes(),
        };
        let mut known = self.known_callers.0.borrow_mut();
        if known.as_ref().is_some_and(|(seen, _)| *seen == version) {
            return Ok(());
        }
        let counted: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM callers WHERE deleted_at IS NULL LIMIT ?1)",
            )?
            .query_row([EVERYONE_MAX as i64 + 1], |r| r.get(0))?;
        let callers = if counted as usize <= EVERYONE_MAX {
            Known::Everyone(self.every_caller_text()?)
        } else {
            Known::TooMany
        };
        *known = Some((version, callers));
        Ok(())
    }

    /// A number that is exactly the typed one, in either form, beats one that merely
    /// contains its digits.
    fn phone_hits(&self, query: &str, limit: usize) -> Result<Vec<CallerHit>> {
        let variants = phone_query_variants(query);
        let mut found = Vec::new();
        for variant in variants.iter().filter(|v| v.len() >= 3) {
            found.extend(self.fts_candidates(&quote_fts(variant))?);
        }
        let mut seen = std::collections::HashSet::new();
        found.retain(|c| seen.insert(c.id().to_string()));
        found.sort_by_key(|c| {
            !c.haystack()
                .split(' ')
                .any(|w| variants.iter().any(|v| v == w))
        });
        found.truncate(limit);
        self.caller_hits(&ids(found.iter()))
    }

    fn trigram_candidates(&self, query: &str) -> Result<Vec<CallerText>> {
        let folded = fold(query);
        let words: Vec<String> = folded
            .split_whitespace()
            .filter(|w| w.chars().count() >= 3)
            .map(quote_fts)
            .collect();
        if words.is_empty() {
            return self.name_prefix_candidates(&folded);
        }
        self.fts_candidates(&words.join(" AND "))
    }

    fn fts_candidates(&self, fts_query: &str) -> Result<Vec<CallerText>> {
        let sql = format!(
            "SELECT c.id, c.name_folded, c.search_text
             FROM caller_fts f JOIN callers c ON c.id = f.caller_id
             WHERE f.haystack MATCH ?1 AND c.deleted_at IS NULL LIMIT {CANDIDATES}"
        );
        self.caller_texts(&sql, [fts_query])
    }

    /// One or two letters have no trigram: take names that start with them.
    fn name_prefix_candidates(&self, folded: &str) -> Result<Vec<CallerText>> {
        let upper = format!("{folded}\u{10ffff}");
        let sql = format!(
            "SELECT c.id, c.name_folded, c.search_text FROM callers c
             WHERE c.name_folded >= ?1 AND c.name_folded < ?2 AND c.deleted_at IS NULL
             ORDER BY c.name_folded LIMIT {CANDIDATES}"
        );
        self.caller_texts(&sql, [folded, upper.as_str()])
    }

    /// The one reader of callers' search texts: `sql` selects id, folded name and search
    /// text.
    fn caller_texts<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<Vec<CallerText>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        let mut texts = Vec::new();
        while let Some(row) = rows.next()? {
            let text = |i| -> rusqlite::Result<String> { row.get(i) };
            texts.push(CallerText::new(&text(0)?, &text(1)?, &text(2)?));
        }
        Ok(texts)
    }
}

fn ids<'a>(ranked: impl IntoIterator<Item = &'a CallerText>) -> Vec<&'a str> {
    ranked.into_iter().map(CallerText::id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NewCaller;
    use chrono::Utc;

    fn add(store: &mut Store, name: &str, phone: &str, identifier: &str) -> String {
        let new = NewCaller {
            name: name.into(),
            organization: "Gemeente Utrecht".into(),
            phones: vec![phone.into()],
            identifiers: vec![identifier.into()]
                .into_iter()
                .filter(|i: &String| !i.is_empty())
                .collect(),
            ..Default::default()
        };
        store.create_caller(&new, Utc::now()).expect("caller").id
    }

    fn first_name(store: &Store, query: &str) -> Option<String> {
        let found = store.search_callers_quickly(query, 5).expect("search");
        assert!(found.exhaustive, "a small desk considers every caller");
        found.hits.into_iter().next().map(|hit| hit.name)
    }

    #[test]
    fn shown_hits_come_in_the_order_given_with_the_line_under_their_names() {
        let mut store = Store::open_in_memory("anna").expect("store");
        let jan = add(&mut store, "Jan de Vries", "+31 6 1234 5678", "NB-20431");
        let odon = add(&mut store, "Ödön Kovács", "+36 30 123 4567", "");
        let gone = crate::domain::new_id();

        let hits = store.caller_hits(&[&odon, &gone, &jan]).expect("hits");

        let names: Vec<&str> = hits.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ödön Kovács", "Jan de Vries"],
            "an unknown id is left out"
        );
        assert_eq!(hits[0].detail, "+36 30 123 4567");
        assert_eq!(hits[1].detail, "+31 6 1234 5678 · NB-20431");
        assert_eq!(hits[1].organization, "Gemeente Utrecht");
        assert!(store.caller_hits(&[]).expect("no ids").is_empty());
    }

    #[test]
    fn a_small_desk_finds_callers_added_since_its_last_search_by_anyone() {
        let folder = tempfile::tempdir().expect("temp folder");
        let path = folder.path().join("desk.db");
        let mut desk = Store::open(&path, "anna").expect("store");
        let mut other_desk = Store::open(&path, "bram").expect("second connection");
        assert_eq!(first_name(&desk, "jdvr"), None);

        add(&mut desk, "Jan de Vries", "+31 6 1234 5678", "");
        assert_eq!(first_name(&desk, "jdvr").as_deref(), Some("Jan de Vries"));

        add(&mut other_desk, "Ödön Kovács", "+36 30 123 4567", "");
        assert_eq!(first_name(&desk, "odkov").as_deref(), Some("Ödön Kovács"));
    }
}
