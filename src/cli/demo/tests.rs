//! The demo desk holds what its users are told to look for.
use std::collections::BTreeSet;

use chrono::TimeZone;

use super::*;
use crate::domain::{EventKind, QueueFilter, Ticket};

const AGENT: &str = "Anna de Vries";
static GROUPS: std::sync::OnceLock<Vec<crate::config::SupportGroup>> = std::sync::OnceLock::new();

fn priority(impact: u8, urgency: u8) -> u8 {
    (impact + urgency).div_ceil(2)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 12, 10, 30, 0).unwrap()
}

fn options(seed: u64, callers: usize, tickets: usize) -> DemoOptions<'static> {
    let priority = &priority;
    DemoOptions {
        agent: AGENT,
        ticket_prefix: "T",
        callers,
        tickets,
        seed,
        priority,
        groups: GROUPS.get_or_init(|| crate::config::Config::default().groups),
    }
}

fn demo(seed: u64, callers: usize, tickets: usize) -> (Store, DemoSummary) {
    let mut store = Store::open_in_memory(AGENT).unwrap();
    let summary = populate(&mut store, &options(seed, callers, tickets), now()).unwrap();
    (store, summary)
}

fn all_tickets(store: &Store) -> Vec<Ticket> {
    (1001..)
        .map_while(|n| store.ticket_by_key(&format!("T-{n}")).unwrap())
        .collect()
}

#[test]
fn summary_matches_the_store_and_documented_callers_are_found() {
    let (mut store, summary) = demo(1, 300, 600);
    assert_eq!(store.agent(), AGENT);
    assert_eq!(summary.callers, 300);
    // The outages (a past major incident and one going on) come on top.
    assert!((601..=611).contains(&summary.tickets), "{summary:?}");
    assert_eq!(store.caller_count().unwrap(), 300);
    assert_eq!(all_tickets(&store).len(), summary.tickets);
    assert_eq!(
        store.open_promises(100_000).unwrap().len(),
        summary.promises
    );
    for filter in [
        QueueFilter::Mine,
        QueueFilter::AllOpen,
        QueueFilter::Waiting,
    ] {
        assert!(
            !store.queue(filter, None, 50).unwrap().is_empty(),
            "{filter:?}"
        );
    }
    let odon = &store.search_callers("odon", 5).unwrap()[0];
    assert_eq!(
        (&*odon.name, &*odon.organization),
        ("Ödön Kovács", "Magyar Posta Zrt.")
    );
    assert_eq!(
        store.search_callers("+36 30 123 4567", 5).unwrap()[0].id,
        odon.id
    );
    let hits = store.search_callers("0612345678", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (&*hits[0].name, &*hits[0].organization),
        ("Jan de Vries", "Gemeente Utrecht")
    );
    assert_eq!(
        store.search_callers("NB-20431", 5).unwrap()[0].id,
        hits[0].id
    );
    assert!(store.prior_contacts(&hits[0].id, 100).unwrap().len() >= 5);
    store.set_agent("Someone Else");
    assert!(store.queue(QueueFilter::Mine, None, 50).unwrap().is_empty());
}

#[test]
fn a_busy_desk_tells_every_story_and_none_after_now() {
    let (store, _) = demo(3, 200, 1500);
    let at = |minutes| now() + mins(minutes);
    let open = store.open_promises(100_000).unwrap();
    let mine: Vec<_> = open
        .iter()
        .filter(|p| p.owner == AGENT)
        .map(|p| p.due_at)
        .collect();
    assert!(mine.iter().filter(|due| **due < now()).count() >= 3);
    assert!(mine.iter().any(|due| (at(1)..=at(30)).contains(due)));
    assert!(mine.iter().any(|due| (at(31)..=at(12 * 60)).contains(due)));
    assert!(mine.iter().any(|due| *due > at(24 * 60)));
    assert!(open.iter().any(|p| p.owner != AGENT) && open.iter().any(|p| p.replaces.is_some()));
    let counts = store.counts(now(), at(13 * 60)).unwrap();
    assert!(counts.promises_overdue > 0 && counts.promises_due_today > 0);

    let (mut kinds, mut statuses, mut late) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for ticket in all_tickets(&store) {
        assert!(ticket.created_at <= ticket.last_activity_at && ticket.last_activity_at < now());
        statuses.insert(ticket.status.code());
        let events = store.timeline(&ticket.id, 10_000).unwrap();
        assert_eq!(events[0].at, ticket.created_at);
        assert!(events.windows(2).all(|pair| pair[0].at <= pair[1].at));
        for event in events {
            assert!(
                event.at < now(),
                "{} {:?} at {}",
                ticket.key,
                event.kind,
                event.at
            );
            if event.kind == EventKind::PromiseKept {
                late.insert(event.data["late"].as_bool());
            }
            kinds.insert(event.kind.code());
        }
    }
    // A conflict settled and a provisional key numbered happen only on a team's desks.
    let on_one_desk = EventKind::ALL
        .iter()
        .filter(|k| !matches!(k, EventKind::ConflictSettled | EventKind::Renumbered))
        .count();
    assert_eq!(kinds.len(), on_one_desk, "{kinds:?}");
    assert_eq!(statuses.len(), Status::ALL.len(), "{statuses:?}");
    assert_eq!(late, BTreeSet::from([Some(false), Some(true)]));
}

#[test]
fn the_same_seed_gives_the_same_desk() {
    let fingerprint = |seed| {
        let (store, summary) = demo(seed, 60, 300);
        let tickets: Vec<_> = (all_tickets(&store).into_iter())
            .map(|t| {
                (
                    t.subject,
                    t.caller_name,
                    t.status,
                    t.assignee,
                    t.last_activity_at,
                )
            })
            .collect();
        let promises: Vec<_> = (store.open_promises(1000).unwrap().into_iter())
            .map(|p| (p.ticket_key, p.caller_name, p.owner, p.due_at))
            .collect();
        (summary, tickets, promises)
    };
    assert_eq!(fingerprint(42), fingerprint(42));
    assert_ne!(fingerprint(42).1, fingerprint(43).1);
}

#[test]
fn tiny_desks_still_work() {
    let (store, summary) = demo(9, 0, 0);
    assert_eq!(
        summary,
        DemoSummary {
            callers: 2,
            tickets: 0,
            promises: 0
        }
    );
    assert_eq!(store.caller_count().unwrap(), 2);
    assert_eq!(demo(9, 3, 5).1.tickets, 5);
}

/// "E-mail the guide" is promised by e-mail and "Left a voicemail" was a phone call: the
/// channel never contradicts the words, so the calendar export reads right.
#[test]
fn channels_agree_with_the_words() {
    let (store, _) = demo(5, 200, 1500);
    let told = |text: &str| samples::channel_told(text);
    let promises = store.open_promises(100_000).unwrap();
    let mut named = 0;
    for p in &promises {
        if let Some(channel) = told(&p.what) {
            assert_eq!(p.channel, channel, "{}: {}", p.ticket_key, p.what);
            named += 1;
        }
    }
    assert!(named > 10, "the sample promises name their channel");
    assert!(
        promises
            .iter()
            .any(|p| p.what.starts_with("E-mail") && p.channel == Channel::Email)
    );
    let mut contacts = 0;
    for ticket in all_tickets(&store) {
        for event in store.timeline(&ticket.id, 10_000).unwrap() {
            if !matches!(event.kind, EventKind::ContactIn | EventKind::ContactOut) {
                continue;
            }
            if let Some(channel) = told(&event.text) {
                assert_eq!(
                    event.data["channel"].as_str(),
                    Some(channel.code()),
                    "{}: {}",
                    ticket.key,
                    event.text
                );
                contacts += 1;
            }
        }
    }
    assert!(contacts > 10, "the sample contacts name their channel");
}

#[test]
fn channel_words_are_read_as_an_agent_would() {
    use samples::channel_told;
    assert_eq!(
        channel_told("E-mail the step-by-step guide"),
        Some(Channel::Email)
    );
    assert_eq!(
        channel_told("Caller e-mails a screenshot of the error."),
        Some(Channel::Email)
    );
    assert_eq!(
        channel_told("Call back after the restore has finished"),
        Some(Channel::Phone)
    );
    assert_eq!(
        channel_told("Left a voicemail, will try again."),
        Some(Channel::Phone)
    );
    assert_eq!(channel_told("Caller asks for an update."), None);
    assert_eq!(
        channel_told("Let caller know when the engineer is booked"),
        None
    );
}
