//! What the desk shows, read from the store in one go: every pane after a change, and the
//! lead's review.

use std::collections::HashMap;

use chrono::{DateTime, Days, Duration, TimeZone, Utc};

use crate::app::review::ReviewData;
use crate::app::{App, CallerView, TicketView, ViewRequest, Views};
use crate::domain::first_contact::{Verdict, verdict};
use crate::domain::outage::detect;
use crate::domain::sla::{History, TicketClocks, Warning, ticket_clocks};
use crate::domain::time_zone::Tz;
use crate::domain::{Id, QueueFilter, Ticket};
use crate::store::{self, Store};

use super::phone;

const TIMELINE_EVENTS: usize = 200;
const ALERTS: usize = 50;
const SENT_ARTICLES: usize = 3;

pub fn load_views(
    store: &Store,
    request: &ViewRequest,
    now: DateTime<Utc>,
    app: &App,
) -> store::Result<Views> {
    let tz = app.config.time_zone;
    let mut ticket = match &request.ticket_id {
        Some(id) => store
            .ticket(id)?
            .map(|ticket| -> store::Result<TicketView> {
                Ok(TicketView {
                    conflicts: store.open_conflicts(Some(&ticket.id))?,
                    present: store.present_on(&ticket.id)?,
                    apart: store.worked_apart(&ticket.id, now)?,
                    timeline: store.timeline(&ticket.id, TIMELINE_EVENTS)?,
                    promises: store.open_promises_of_ticket(&ticket.id)?,
                    transfers: store.transfers(&ticket.id)?,
                    // Worked out below, from the histories the SLA clocks read anyway.
                    first_contact: Verdict::Unresolved,
                    incident: match &ticket.incident_id {
                        Some(id) => store.ticket(id)?,
                        None => None,
                    },
                    linked: if ticket.major {
                        store.incident_tickets(&ticket.id)?
                    } else {
                        Vec::new()
                    },
                    ticket,
                })
            }),
        None => None,
    }
    .transpose()?;
    let caller_id = request
        .caller_id
        .clone()
        .or_else(|| ticket.as_ref().and_then(|t| t.ticket.caller_id.clone()));
    let window = chrono::Duration::days(i64::from(app.config.repeat_contact_days));
    let limits = store::CardLimits::shown(now - window);
    // A caller merged into another (here or on another desk) is shown as the one kept.
    let card = match caller_id {
        Some(id) => match store.caller_card(&id, limits)? {
            Some(card) => Some(card),
            None => match store.merged_into(&id)? {
                Some(kept) => store.caller_card(&kept.id, limits)?,
                None => None,
            },
        },
        None => None,
    };
    let caller = card
        .map(|card| -> store::Result<CallerView> {
            Ok(CallerView {
                sent_articles: store.articles_sent_to(&card.caller.id, SENT_ARTICLES)?,
                duplicates: store.duplicates_of(&card.caller.id)?,
                prior_contacts: card.prior_contacts,
                open_tickets: card.open_tickets,
                recent: card.recent,
                last_promise: card.last_promise,
                caller: card.caller,
            })
        })
        .transpose()?;
    let queue = store.queue(request.filter, request.line.as_ref(), request.queue_rows)?;
    let incidents = store.open_incidents()?;
    let window = chrono::Duration::minutes(i64::from(app.config.outage.minutes));
    let outage = detect(
        &store.opened_since(now - window)?,
        &incidents,
        app.config.outage,
        now,
    );
    let mut shown: Vec<&Ticket> = queue.iter().collect();
    shown.extend(ticket.as_ref().map(|t| &t.ticket));
    let histories = histories_of(store, &shown)?;
    let clocks = clocks_from(&histories, &shown, app, now);
    let first_contact = ticket
        .as_ref()
        .and_then(|view| histories.get(&view.ticket.id))
        .map(|history| verdict(history, app.config.first_contact_reopen_days));
    if let (Some(view), Some(first_contact)) = (ticket.as_mut(), first_contact) {
        view.first_contact = first_contact;
    }
    Ok(Views {
        queue,
        clocks,
        ticket,
        caller,
        promises: if request.callbacks_only {
            store.open_callbacks(request.promise_rows)?
        } else {
            store.open_promises(request.promise_rows)?
        },
        alerts: store.unacted_alerts(Some(store.agent()), ALERTS)?,
        due_soon: store.my_promises_due_before(request.remind_before, ALERTS)?,
        counts: store.counts(now, end_of_local_day(now, tz))?,
        desk_is_empty: store.is_empty()?,
        outage,
        incidents,
        team: store.team()?,
        agents: store.desk_agents()?,
        calls: phone::live_calls(store, app, now)?,
        calls_out: phone::calls_out(store, now)?,
    })
}

/// The status and contact events of the tickets on screen, which both their SLA clocks and
/// first-contact resolution are worked out from.
fn histories_of(store: &Store, tickets: &[&Ticket]) -> store::Result<HashMap<Id, History>> {
    let ids: Vec<Id> = tickets.iter().map(|t| t.id.clone()).collect();
    store.histories(&ids)
}

/// SLA clocks of the tickets on screen, from their histories.
fn clocks_from(
    histories: &HashMap<Id, History>,
    tickets: &[&Ticket],
    app: &App,
    now: DateTime<Utc>,
) -> HashMap<Id, TicketClocks> {
    tickets
        .iter()
        .filter_map(|t| {
            let history = histories.get(&t.id)?;
            let target = app.config.sla.for_priority(t.priority);
            Some((
                t.id.clone(),
                ticket_clocks(history, target, &app.calendar, now),
            ))
        })
        .collect()
}

/// A team rarely has more open promises than this; the review shows the earliest.
const REVIEW_PROMISES: usize = 2_000;
/// Open tickets whose SLA clocks the review checks, most recently active first.
const REVIEW_TICKETS: usize = 5_000;

pub fn load_review(store: &Store, now: DateTime<Utc>, app: &App) -> store::Result<ReviewData> {
    let open = store.queue(QueueFilter::AllOpen, None, REVIEW_TICKETS)?;
    let open_refs: Vec<&Ticket> = open.iter().collect();
    let clocks = clocks_from(&histories_of(store, &open_refs)?, &open_refs, app, now);
    let mut sla: Vec<(Ticket, TicketClocks)> = open
        .into_iter()
        .filter_map(|t| {
            let clocks = *clocks.get(&t.id)?;
            (clocks.resolution.warning() != Warning::None).then_some((t, clocks))
        })
        .collect();
    sla.sort_by(|a, b| {
        a.1.resolution
            .fraction_left
            .total_cmp(&b.1.resolution.fraction_left)
    });
    Ok(ReviewData {
        sla,
        open: store.open_promises_by_agent(None, REVIEW_PROMISES)?,
        week: store.promise_records(now - Duration::days(7), now, None)?,
        month: store.promise_records(now - Duration::days(30), now, None)?,
        unacted: store.unacted_alerts(None, REVIEW_PROMISES)?,
        conflicts: store.open_conflicts(None)?,
        team: store.team()?,
    })
}

/// The first instant of tomorrow in the agent's zone, for "due today".
pub fn end_of_local_day(now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let local = now.with_timezone(&tz).date_naive();
    local
        .checked_add_days(Days::new(1))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|midnight| tz.from_local_datetime(&midnight).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now)
}
