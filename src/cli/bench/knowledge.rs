//! What recognising a problem costs: loading a long-standing caller's earlier tickets when
//! a call comes in, ranking them again on every keystroke of the subject, and looking for
//! an outage whenever the panes reload.

use std::time::Duration;

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};

use super::report::{Budget, Row};
use crate::app::recognition::Earlier;
use crate::desk::Desk;
use crate::domain::outage::detect;

/// What an agent types for a caller who rang about their VPN before.
const SUBJECT: &str = "VPN drops every hour since the update";

fn time<T>(durations: &mut Vec<Duration>, f: impl FnOnce() -> T) -> T {
    let started = std::time::Instant::now();
    let value = f();
    durations.push(started.elapsed());
    value
}

/// The documented caller with years of tickets: the most there is to rank.
pub fn similar_tickets(desk: &Desk, samples: usize) -> Result<Vec<Row>> {
    let store = &desk.store;
    let Some(caller) = store.search_callers("NB-20431", 1)?.into_iter().next() else {
        bail!("the documented caller is missing from the generated desk");
    };
    let mut loads = Vec::new();
    let mut tickets = Vec::new();
    for _ in 0..samples {
        tickets = time(&mut loads, || store.earlier_tickets(&caller.id))?;
    }
    let mut earlier = Earlier::new(caller.id.clone(), tickets);
    let count = earlier.tickets.len();
    let prefixes: Vec<&str> = SUBJECT
        .char_indices()
        .map(|(i, c)| &SUBJECT[..i + c.len_utf8()])
        .collect();
    let mut keystrokes = Vec::new();
    for prefix in prefixes.iter().cycle().take(samples.max(prefixes.len())) {
        time(&mut keystrokes, || earlier.rank(prefix));
        std::hint::black_box(&earlier.ranked);
    }
    Ok(vec![
        Row::timed(
            &format!("load a caller's earlier tickets for ranking ({count} tickets)"),
            Budget::P99(1.0),
            &loads,
        ),
        Row::timed(
            &format!("rank earlier tickets per subject keystroke ({count} tickets)"),
            Budget::Both {
                p50: 8.0,
                p99: 16.0,
            },
            &keystrokes,
        ),
    ])
}

/// Part of every reload of the panes: the tickets of the outage window and the open
/// incidents, then the grouping by similarity.
pub fn outage_check(desk: &Desk, samples: usize, now: DateTime<Utc>) -> Result<Row> {
    let config = &desk.app.config;
    let since = now - chrono::Duration::minutes(i64::from(config.outage.minutes));
    let mut durations = Vec::new();
    let mut seen = 0;
    for _ in 0..samples {
        let found = time(&mut durations, || -> Result<_> {
            let recent = desk.store.opened_since(since)?;
            let incidents = desk.store.open_incidents()?;
            seen = recent.len();
            Ok(detect(&recent, &incidents, config.outage, now))
        })?;
        std::hint::black_box(found);
    }
    Ok(Row::timed(
        &format!(
            "outage check on reload ({seen} tickets in the last {} min)",
            config.outage.minutes
        ),
        Budget::P99(1.0),
        &durations,
    ))
}
