//! The knowledge base's index and its use: which articles exist (the files are the truth;
//! this is a copy for counting and reporting), how often each was opened, put in a note or
//! sent, and which callers were pointed to one and rang again afterwards.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::caller_edit::SAME_PERSON;
use super::tickets::insert_event;
use super::{Result, Store, parse_ts, ts};
use crate::domain::{ArticleUsage, KbCounter, SentArticle};
use crate::domain::{EventKind, new_id};

/// An article as the index keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KbEntry {
    pub slug: String,
    pub title: String,
    pub tags: String,
    pub own: bool,
    pub search_text: String,
    pub content_hash: String,
}

/// What a sync of the index changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KbSync {
    pub written: usize,
    pub removed: usize,
}

impl Store {
    /// Makes the index match the articles found: new and changed ones are written (a file
    /// whose hash is unchanged is left alone, so a start usually writes nothing), and ones
    /// whose file is gone get a tombstone. Counts survive both.
    pub fn sync_kb_index(&mut self, entries: &[KbEntry], now: DateTime<Utc>) -> Result<KbSync> {
        let mut known: HashMap<String, (String, String, bool)> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT slug, content_hash, source, deleted_at IS NOT NULL FROM kb_articles",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })?;
            for row in rows {
                let (slug, state) = row?;
                known.insert(slug, state);
            }
        }
        let changed: Vec<&KbEntry> = entries
            .iter()
            .filter(|e| match known.get(&e.slug) {
                Some((hash, source, deleted)) => {
                    *deleted || *hash != e.content_hash || source != source_code(e.own)
                }
                None => true,
            })
            .collect();
        let gone: Vec<&String> = known
            .iter()
            .filter(|(slug, (_, _, deleted))| !deleted && !entries.iter().any(|e| &e.slug == *slug))
            .map(|(slug, _)| slug)
            .collect();
        if changed.is_empty() && gone.is_empty() {
            return Ok(KbSync::default());
        }
        let stamp = ts(now);
        self.write(|tx, agent| {
            for e in &changed {
                tx.prepare_cached(
                    "INSERT INTO kb_articles (id, slug, title, tags, source, search_text,
                       content_hash, created_at, updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)
                     ON CONFLICT(slug) DO UPDATE SET title = excluded.title,
                       tags = excluded.tags, source = excluded.source,
                       search_text = excluded.search_text, content_hash = excluded.content_hash,
                       updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                       deleted_at = NULL",
                )?
                .execute(params![
                    new_id(),
                    e.slug,
                    e.title,
                    e.tags,
                    source_code(e.own),
                    e.search_text,
                    e.content_hash,
                    stamp,
                    agent
                ])?;
            }
            for slug in &gone {
                tx.prepare_cached(
                    "UPDATE kb_articles SET deleted_at = ?2, updated_at = ?2, updated_by = ?3
                     WHERE slug = ?1",
                )?
                .execute(params![slug, stamp, agent])?;
            }
            Ok(())
        })?;
        Ok(KbSync {
            written: changed.len(),
            removed: gone.len(),
        })
    }

    /// Opened and sent counts of every indexed article, for ranking search ties.
    pub fn kb_counts(&self) -> Result<Vec<(String, i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT slug, opened_count, sent_count FROM kb_articles WHERE deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn count_article(
        &mut self,
        slug: &str,
        counter: KbCounter,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = match counter {
            KbCounter::Opened => {
                "UPDATE kb_articles SET opened_count = opened_count + 1, updated_at = ?2,
                   updated_by = ?3 WHERE slug = ?1"
            }
            KbCounter::Inserted => {
                "UPDATE kb_articles SET inserted_count = inserted_count + 1, updated_at = ?2,
                   updated_by = ?3 WHERE slug = ?1"
            }
        };
        self.write(|tx, agent| {
            tx.prepare_cached(sql)?
                .execute(params![slug, ts(now), agent])?;
            Ok(())
        })
    }

    /// Records on the ticket that its caller was pointed to an article, and counts it.
    pub fn send_article(
        &mut self,
        ticket_id: &str,
        slug: &str,
        title: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx, agent| {
            let data = json!({ "article": slug, "title": title });
            insert_event(tx, ticket_id, EventKind::ArticleSent, "", data, agent, now)?;
            tx.prepare_cached(
                "UPDATE kb_articles SET sent_count = sent_count + 1, updated_at = ?2,
                   updated_by = ?3 WHERE slug = ?1",
            )?
            .execute(params![slug, ts(now), agent])?;
            Ok(())
        })
    }

    pub fn article_usage(&self, slug: &str) -> Result<ArticleUsage> {
        let (opened, inserted, sent) = self
            .conn
            .prepare_cached(
                "SELECT opened_count, inserted_count, sent_count FROM kb_articles WHERE slug = ?1",
            )?
            .query_row([slug], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .unwrap_or_default();
        // Whether a caller came back is judged from the last time they were sent it.
        let (callers, came_back): (i64, Option<i64>) = self
            .conn
            .prepare_cached(
                "SELECT count(*), sum(EXISTS (SELECT 1 FROM events c
                     WHERE c.caller_id = s.caller_id AND c.at > s.last AND c.kind = 'contact_in'))
                 FROM (SELECT caller_id, max(at) AS last FROM events
                       WHERE json_extract(data, '$.article') = ?1 AND kind = 'article_sent'
                         AND caller_id IS NOT NULL
                       GROUP BY caller_id) s",
            )?
            .query_row([slug], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(ArticleUsage {
            slug: slug.to_string(),
            opened,
            inserted,
            sent,
            callers,
            came_back: came_back.unwrap_or_default(),
        })
    }

    /// The articles a caller was pointed to, newest first, each with whether the caller
    /// contacted the desk again afterwards.
    pub fn articles_sent_to(&self, caller_id: &str, limit: usize) -> Result<Vec<SentArticle>> {
        // A caller merged into this one is this caller, in the events written before.
        let sql = format!(
            "SELECT coalesce(json_extract(s.data, '$.article'), ''),
                    coalesce(json_extract(s.data, '$.title'), ''), s.at,
                    EXISTS (SELECT 1 FROM events c WHERE c.caller_id IN {SAME_PERSON}
                              AND c.at > s.at AND c.kind = 'contact_in')
             FROM events s WHERE s.caller_id IN {SAME_PERSON} AND s.kind = 'article_sent'
             ORDER BY s.at DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![caller_id, limit as i64], |r| {
            Ok(SentArticle {
                slug: r.get(0)?,
                title: r.get(1)?,
                at: parse_ts(&r.get::<_, String>(2)?)?,
                came_back: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn source_code(own: bool) -> &'static str {
    if own { "own" } else { "shipped" }
}
