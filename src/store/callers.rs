//! Callers, their phones, e-mail addresses and identifiers, and finding them while they speak.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::promises::{PROMISE_SELECT, promise_from_row};
use super::{Result, Store, StoreError, parse_code, parse_ts, ts};
use crate::domain::RecentContacts;
use crate::domain::fold::{fold, looks_like_phone, phone_digits, phone_query_variants};
use crate::domain::matching;
use crate::domain::{
    Caller, CallerHit, Channel, Id, NewCaller, PriorContact, Promise, Status, new_id,
};

/// Below this many callers, every caller is ranked: exact fuzzy matching costs a few
/// milliseconds, and abbreviations like "jdvr" that share no trigram are still found.
const FULL_SCAN_MAX: i64 = 5_000;
/// How many prefiltered candidates the fuzzy ranking sees on a large desk.
const CANDIDATES: i64 = 500;

/// What one keystroke's search found, and whether every caller was considered.
pub struct QuickSearch {
    pub hits: Vec<CallerHit>,
    pub exhaustive: bool,
}

impl Store {
    pub fn create_caller(&mut self, new: &NewCaller, now: DateTime<Utc>) -> Result<Caller> {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a caller needs a name".into()));
        }
        let id = new_id();
        self.write(|tx, agent| insert_caller(tx, &id, new, agent, now))?;
        self.caller(&id)?
            .ok_or_else(|| StoreError::NotFound(format!("caller {id}")))
    }

    pub fn caller(&self, id: &str) -> Result<Option<Caller>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, name, organization FROM callers WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, name, organization)) = row else {
            return Ok(None);
        };
        let mut caller = Caller {
            id,
            name,
            organization,
            phones: Vec::new(),
            emails: Vec::new(),
            identifiers: Vec::new(),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, value FROM caller_handles
             WHERE caller_id = ?1 AND deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([&caller.id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (kind, value) = row?;
            match kind.as_str() {
                "phone" => caller.phones.push(value),
                "email" => caller.emails.push(value),
                _ => caller.identifiers.push(value),
            }
        }
        Ok(Some(caller))
    }

    pub fn caller_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM callers WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }

    /// Finds callers by name, organisation, phone, e-mail or identifier, best match first.
    pub fn search_callers(&self, query: &str, limit: usize) -> Result<Vec<CallerHit>> {
        Ok(self.search_callers_quickly(query, limit)?.hits)
    }

    /// The search a keystroke can afford. On a large desk it ranks only the callers that
    /// share a trigram with the query, so an abbreviation like "jdvr" finds nobody here;
    /// `exhaustive` is false then, and a pass over every caller (`rank_everyone`) may find
    /// more.
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
            let mut found = self.phone_candidates(query)?;
            // A number that is exactly the typed one, in either form, beats one that merely
            // contains its digits.
            let variants = phone_query_variants(query);
            found.sort_by_key(|c| {
                !c.haystack
                    .split(' ')
                    .any(|w| variants.iter().any(|v| v == w))
            });
            found.truncate(limit);
            let mut hits: Vec<CallerHit> = found
                .into_iter()
                .map(matching::Candidate::into_hit)
                .collect();
            self.fill_details(&mut hits)?;
            // Digits are indexed as they are, so the index finds every number that holds them.
            return Ok(QuickSearch {
                hits,
                exhaustive: true,
            });
        }
        let small = self.callers_up_to(FULL_SCAN_MAX + 1)? <= FULL_SCAN_MAX;
        let candidates = if small {
            self.all_candidates()?
        } else {
            self.trigram_candidates(query)?
        };
        let mut hits = matching::rank(query, candidates, limit);
        self.fill_details(&mut hits)?;
        Ok(QuickSearch {
            hits,
            exhaustive: small,
        })
    }

    /// Every caller's id, folded name and search text, streamed for the pass over the whole
    /// desk, which keeps them in a form of its own.
    pub fn each_search_text(&self, mut f: impl FnMut(&str, &str, &str)) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name_folded, search_text FROM callers WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        let text = |row: &rusqlite::Row, i| -> rusqlite::Result<String> { row.get(i) };
        while let Some(row) = rows.next()? {
            f(&text(row, 0)?, &text(row, 1)?, &text(row, 2)?);
        }
        Ok(())
    }

    /// Search hits for callers found elsewhere, in the order given; an id no longer on the
    /// desk is left out.
    pub fn caller_hits(&self, ids: &[&str]) -> Result<Vec<CallerHit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, organization FROM callers WHERE id = ?1 AND deleted_at IS NULL",
        )?;
        let mut hits = Vec::new();
        for id in ids {
            let hit = stmt
                .query_row([id], |r| {
                    Ok(CallerHit {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        organization: r.get(2)?,
                        detail: String::new(),
                    })
                })
                .optional()?;
            hits.extend(hit);
        }
        self.fill_details(&mut hits)?;
        Ok(hits)
    }

    /// Counts callers only as far as `limit`: deciding between full scan and prefilter on
    /// every keystroke must not cost a scan of the whole table.
    fn callers_up_to(&self, limit: i64) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM callers WHERE deleted_at IS NULL LIMIT ?1)",
            )?
            .query_row([limit], |r| r.get(0))?)
    }

    /// The line under each name, for the few hits shown rather than every candidate.
    fn fill_details(&self, hits: &mut [CallerHit]) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(group_concat(value, ' · '), '') FROM caller_handles
             WHERE caller_id = ?1 AND deleted_at IS NULL AND kind IN ('phone', 'identifier')",
        )?;
        for hit in hits {
            hit.detail = stmt.query_row([&hit.id], |r| r.get(0))?;
        }
        Ok(())
    }

    fn phone_candidates(&self, query: &str) -> Result<Vec<matching::Candidate>> {
        let mut found = Vec::new();
        for variant in phone_query_variants(query) {
            if variant.len() < 3 {
                continue;
            }
            found.extend(self.fts_candidates(&quote_fts(&variant))?);
        }
        let mut seen = std::collections::HashSet::new();
        found.retain(|c| seen.insert(c.id.clone()));
        Ok(found)
    }

    fn trigram_candidates(&self, query: &str) -> Result<Vec<matching::Candidate>> {
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

    fn fts_candidates(&self, fts_query: &str) -> Result<Vec<matching::Candidate>> {
        let sql = format!(
            "{CANDIDATE_COLUMNS} FROM caller_fts f JOIN callers c ON c.id = f.caller_id
             WHERE f.haystack MATCH ?1 AND c.deleted_at IS NULL LIMIT {CANDIDATES}"
        );
        self.candidates(&sql, [fts_query])
    }

    /// One or two letters have no trigram: take names that start with them.
    fn name_prefix_candidates(&self, folded: &str) -> Result<Vec<matching::Candidate>> {
        let upper = format!("{folded}\u{10ffff}");
        let sql = format!(
            "{CANDIDATE_COLUMNS} FROM callers c WHERE c.name_folded >= ?1 AND c.name_folded < ?2
             AND c.deleted_at IS NULL ORDER BY c.name_folded LIMIT {CANDIDATES}"
        );
        self.candidates(&sql, [folded, upper.as_str()])
    }

    fn all_candidates(&self) -> Result<Vec<matching::Candidate>> {
        let sql = format!("{CANDIDATE_COLUMNS} FROM callers c WHERE c.deleted_at IS NULL");
        self.candidates(&sql, [])
    }

    fn candidates<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<matching::Candidate>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, |r| {
            Ok(matching::Candidate {
                id: r.get(0)?,
                name: r.get(1)?,
                organization: r.get(2)?,
                detail: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                haystack: r.get(4)?,
                name_folded: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Earlier calls and other contacts of a caller, newest first.
    pub fn prior_contacts(&self, caller_id: &str, limit: usize) -> Result<Vec<PriorContact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.at, e.kind, e.data, t.id, t.key, t.subject, t.status
             FROM events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.caller_id = ?1 AND e.kind IN ('contact_in', 'contact_out')
             ORDER BY e.at DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![caller_id, limit as i64], |r| {
            let data: String = r.get(2)?;
            let channel = serde_json::from_str::<serde_json::Value>(&data)
                .ok()
                .and_then(|d| d["channel"].as_str().and_then(Channel::from_code))
                .unwrap_or(Channel::Phone);
            Ok(PriorContact {
                at: parse_ts(&r.get::<_, String>(0)?)?,
                inbound: r.get::<_, String>(1)? == "contact_in",
                channel,
                ticket_id: r.get(3)?,
                ticket_key: r.get(4)?,
                subject: r.get(5)?,
                outcome: parse_code(&r.get::<_, String>(6)?, Status::from_code)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    pub fn recent_contacts(&self, caller_id: &str, since: DateTime<Utc>) -> Result<RecentContacts> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT count(*),
                    coalesce(sum(t.status IN ('new', 'open', 'waiting_caller', 'waiting_third_party')), 0)
             FROM events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.caller_id = ?1 AND e.kind = 'contact_in' AND e.at >= ?2",
        )?;
        Ok(stmt.query_row(params![caller_id, ts(since)], |r| {
            Ok(RecentContacts {
                inbound: r.get(0)?,
                about_open: r.get(1)?,
            })
        })?)
    }

    /// The promise made most recently to the caller, on any of their tickets.
    pub fn last_promise_to(&self, caller_id: &str) -> Result<Option<Promise>> {
        let sql = format!(
            "{PROMISE_SELECT} WHERE p.caller_id = ?1 AND p.deleted_at IS NULL
             ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row([caller_id], promise_from_row).optional()?)
    }
}

/// The line under a caller's name in search results: their organisation and first phone.
const CANDIDATE_COLUMNS: &str =
    "SELECT c.id, c.name, c.organization, NULL, c.search_text, c.name_folded";

/// Quotes a user's word for FTS5 so that its punctuation is matched, not interpreted.
/// Control characters go: FTS5 reads its query only up to a NUL, which would leave the
/// quote open, and no stored text holds them anyway.
pub(super) fn quote_fts(word: impl AsRef<str>) -> String {
    let word: String = word.as_ref().chars().filter(|c| !c.is_control()).collect();
    format!("\"{}\"", word.replace('"', "\"\""))
}

pub(crate) fn insert_caller(
    tx: &Connection,
    id: &Id,
    new: &NewCaller,
    agent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let now = ts(now);
    let name = new.name.trim();
    let search_text = search_text(new);
    tx.prepare_cached(
        "INSERT INTO callers (id, name, organization, name_folded, search_text, created_at,
           updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )?
    .execute(params![
        id,
        name,
        new.organization.trim(),
        fold(name),
        search_text,
        now,
        agent
    ])?;
    let handles = [
        ("phone", &new.phones),
        ("email", &new.emails),
        ("identifier", &new.identifiers),
    ];
    for (kind, values) in handles {
        for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            tx.prepare_cached(
                "INSERT INTO caller_handles (id, caller_id, kind, value, created_at, updated_at,
                   updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
            )?
            .execute(params![new_id(), id, kind, value, now, agent])?;
        }
    }
    tx.prepare_cached("INSERT INTO caller_fts (caller_id, haystack) VALUES (?1, ?2)")?
        .execute(params![id, search_text])?;
    Ok(())
}

impl Store {
    /// Adds many callers in one transaction: all of them or, on any error, none. A caller
    /// whose name and one phone or e-mail address are already on the desk is skipped, so
    /// importing the same file twice adds nobody twice. Returns (added, skipped).
    pub fn import_callers(
        &mut self,
        callers: &[NewCaller],
        now: DateTime<Utc>,
    ) -> Result<(usize, usize)> {
        self.write(|tx, agent| {
            let mut added = 0;
            for new in callers {
                if new.name.trim().is_empty() {
                    return Err(StoreError::Invalid("a caller needs a name".into()));
                }
                if is_known(tx, new)? {
                    continue;
                }
                insert_caller(tx, &new_id(), new, agent, now)?;
                added += 1;
            }
            Ok((added, callers.len() - added))
        })
    }
}

/// The same name with the same details, compared as search compares them (accents,
/// case and phone formatting aside), is the same caller.
pub(super) fn is_known(tx: &Connection, new: &NewCaller) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM callers
             WHERE name_folded = ?1 AND search_text = ?2 AND deleted_at IS NULL)",
        )?
        .query_row(params![fold(new.name.trim()), search_text(new)], |r| {
            r.get(0)
        })?)
}

/// Everything a caller can be found by, folded once here so that search compares plain
/// ASCII and phone digits.
pub(super) fn search_text(new: &NewCaller) -> String {
    let mut parts = vec![fold(new.name.trim()), fold(new.organization.trim())];
    let values = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    };
    parts.extend(values(&new.phones).iter().map(|p| phone_digits(p)));
    parts.extend(values(&new.emails).iter().map(|e| fold(e)));
    parts.extend(values(&new.identifiers).iter().map(|i| fold(i)));
    parts.join(" ")
}
