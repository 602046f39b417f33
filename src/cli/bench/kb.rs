//! The knowledge base's search, one keystroke at a time, through the app as the desk runs it.

use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::report::{Budget, Row};
use crate::app::{Action, Popup};
use crate::desk::Desk;
use crate::keymap::Command;

/// A team that writes its own articles has a few hundred; the shipped ones are copied up to
/// this many so the figure is for a grown library, not the starter set.
const ARTICLES: usize = 300;

/// What agents type, in the desk's three languages, and the article that must come first.
const QUERIES: [(&str, &str); 8] = [
    ("jelszó", "Password reset"),
    ("wachtwoord vergeten", "Password reset"),
    ("vpn dropping", "VPN does not connect or keeps dropping"),
    ("printer", "Printer does not print"),
    ("nyomtató", "Printer does not print"),
    ("contacts lost", "Mailbox or contacts lost after a sync"),
    ("teams headset", "No sound or microphone in Teams"),
    ("disk full", "Disk full or laptop low on space"),
];

pub fn kb_searches(
    desk: &mut Desk,
    samples: usize,
    now: DateTime<Utc>,
    misses: &mut Vec<String>,
) -> Result<Row> {
    grow(desk);
    let keys: usize = QUERIES.iter().map(|(q, _)| q.chars().count()).sum();
    let rounds = samples.div_ceil(keys).max(1);
    let mut durations: Vec<Duration> = Vec::new();
    for (query, expected) in QUERIES {
        let mut first = String::new();
        for _ in 0..rounds {
            desk.dispatch(Action::Command(Command::Kb), now);
            for c in query.chars() {
                let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                let started = std::time::Instant::now();
                desk.dispatch(Action::Key(key), now);
                durations.push(started.elapsed());
            }
            if let Some(Popup::Kb(search)) = &desk.app.popup {
                first = search
                    .hits
                    .first()
                    .and_then(|i| desk.app.kb.articles.get(*i))
                    .map(|a| a.title.clone())
                    .unwrap_or_default();
            }
            desk.app.popup = None;
        }
        if first != expected {
            misses.push(format!("kb search {query:?} lists {first:?} first"));
        }
    }
    Ok(Row::timed(
        &format!(
            "kb search per keystroke ({} articles)",
            desk.app.kb.articles.len()
        ),
        Budget::Both {
            p50: 8.0,
            p99: 16.0,
        },
        &durations,
    ))
}

/// Copies of the library's articles under new names, ranked below the originals they copy.
fn grow(desk: &mut Desk) {
    let kb = &mut desk.app.kb;
    let originals = kb.articles.clone();
    let mut n = 1;
    while kb.articles.len() < ARTICLES && !originals.is_empty() {
        for article in &originals {
            if kb.articles.len() >= ARTICLES {
                break;
            }
            let mut copy = article.clone();
            copy.slug = format!("{}-{n}", article.slug);
            copy.title = format!("{} ({n})", article.title);
            kb.articles.push(copy);
        }
        n += 1;
    }
    kb.articles.sort_by(|a, b| a.slug.cmp(&b.slug));
}
