//! The knowledge base against the store: loading the articles and bringing the index up to
//! date, and carrying out what the agent did with an article (counted, sent to a caller).

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::app::kb::{KbAction, KbEffect};
use crate::app::{Action, App};
use crate::desk::error_text::store_error;
use crate::domain::kb::{Counts, Library};
use crate::store::{self, KbEntry, Store};

/// The articles from the binary and `folder`, with the index synced and its counts read.
/// The articles are returned even when the store refuses: reading them needs no database.
pub fn load(
    store: &mut Store,
    folder: Option<&Path>,
    now: DateTime<Utc>,
) -> (Library, Option<store::StoreError>) {
    let mut library = Library::load(folder);
    let entries: Vec<KbEntry> = library
        .articles
        .iter()
        .map(|a| KbEntry {
            slug: a.slug.clone(),
            title: a.title.clone(),
            tags: a.tags.join(", "),
            own: a.own,
            search_text: format!("{} {}", a.folded_head, a.folded_body),
            content_hash: crate::domain::kb::article::content_hash(&a.source_text, a.own),
        })
        .collect();
    let synced = store
        .sync_kb_index(&entries, now)
        .and_then(|_| store.kb_counts());
    match synced {
        Ok(counts) => {
            library.counts = counts
                .into_iter()
                .map(|(slug, opened, sent)| (slug, Counts { opened, sent }))
                .collect();
            (library, None)
        }
        Err(e) => (library, Some(e)),
    }
}

pub fn perform(store: &mut Store, app: &App, effect: KbEffect, now: DateTime<Utc>) -> Action {
    let failed = |e: &store::StoreError| Action::LoadFailed(store_error(e, &app.texts));
    match effect {
        KbEffect::Reload => {
            let folder = app.config.knowledge_folder();
            let (library, error) = load(store, folder.as_deref(), now);
            Action::Kb(KbAction::Loaded {
                library: Box::new(library),
                error: error.map(|e| store_error(&e, &app.texts)),
            })
        }
        KbEffect::Count { slug, counter } => {
            match store
                .count_article(&slug, counter, now)
                .and_then(|()| store.article_usage(&slug))
            {
                Ok(usage) => Action::Kb(KbAction::Usage(usage)),
                Err(e) => failed(&e),
            }
        }
        KbEffect::Send {
            ticket_id,
            slug,
            title,
        } => match store
            .send_article(&ticket_id, &slug, &title, now)
            .and_then(|()| store.article_usage(&slug))
        {
            Ok(usage) => Action::Kb(KbAction::Sent { usage, title }),
            Err(e) => Action::SaveFailed(store_error(&e, &app.texts)),
        },
    }
}
