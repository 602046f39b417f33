//! Which reminders are due. A reminder is given once when one of the agent's promises
//! comes within the warning window and once when it falls due; the store remembers which
//! were given, so a restart does not ring again.

use chrono::{DateTime, Duration, Utc};

use super::action::{Effect, StoreEffect, Views};
use crate::domain::time_zone::Tz;
use crate::domain::when;
use crate::domain::{AlertKind, Promise};
use crate::i18n::Texts;
use crate::t;

pub fn pending(
    views: &Views,
    now: DateTime<Utc>,
    window: Duration,
    tz: Tz,
    texts: &Texts,
) -> Vec<Effect> {
    views
        .due_soon
        .iter()
        .filter_map(|p| {
            let kind = if p.due_at <= now {
                AlertKind::Due
            } else if p.due_at - now <= window {
                AlertKind::Warning
            } else {
                return None;
            };
            let given = views
                .alerts
                .iter()
                .any(|a| a.promise.id == p.id && (a.kind == kind || a.kind == AlertKind::Due));
            (!given).then(|| {
                Effect::Store(StoreEffect::Alert {
                    promise_id: p.id.clone(),
                    kind,
                    text: reminder_text(p, kind, now, tz, texts),
                })
            })
        })
        .collect()
}

fn reminder_text(
    p: &Promise,
    kind: AlertKind,
    now: DateTime<Utc>,
    tz: Tz,
    texts: &Texts,
) -> String {
    let when = match kind {
        AlertKind::Warning => t!(
            texts,
            "reminder-due-at",
            time = when::time_of_day(p.due_at, now, tz, texts)
        ),
        AlertKind::Due => when::countdown(p.due_at, now, texts),
    };
    t!(
        texts,
        "reminder",
        key = p.ticket_key.as_str(),
        to = p.to.as_str(),
        what = p.what.as_str(),
        when = when
    )
}
