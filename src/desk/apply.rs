//! What each write the app asks for does to the store, and the message that confirms it.

use chrono::{DateTime, Utc};

use crate::app::{Outcome, Write};
use crate::config::Config;
use crate::domain::change;
use crate::i18n::Texts;
use crate::store::{self, NewTicket, Store};
use crate::t;

pub(super) fn apply(
    store: &mut Store,
    config: &Config,
    texts: &Texts,
    write: Write,
    now: DateTime<Utc>,
) -> store::Result<Outcome> {
    let done =
        |message: String, ticket_id: Option<String>| Ok(Outcome::Done { message, ticket_id });
    match write {
        Write::CreateCaller(new) => Ok(Outcome::CallerCreated(store.create_caller(&new, now)?)),
        Write::OpenTicket {
            caller_id,
            subject,
            said,
            call,
        } => {
            let ticket = store.open_ticket_on_call(
                &NewTicket {
                    prefix: &config.ticket_prefix,
                    caller_id: &caller_id,
                    subject: &subject,
                    impact: 3,
                    urgency: 3,
                    priority: config.priority(3, 3),
                    category: None,
                },
                &said,
                call.as_deref(),
                now,
            )?;
            Ok(Outcome::TicketOpened(ticket))
        }
        Write::LogCall {
            ticket_id,
            said,
            call,
        } => {
            store.log_inbound_call(&ticket_id, &said, call.as_deref(), now)?;
            let key = ticket_key(store, &ticket_id)?;
            done(t!(texts, "done-call-logged", key = key), Some(ticket_id))
        }
        Write::Note { ticket_id, text } => {
            store.add_note(&ticket_id, &text, now)?;
            done(t!(texts, "done-note"), Some(ticket_id))
        }
        Write::Status { ticket_id, status } => {
            store.set_status(&ticket_id, status, now)?;
            done(
                t!(texts, "done-status", status = status.text(texts)),
                Some(ticket_id),
            )
        }
        Write::Priority {
            ticket_id,
            impact,
            urgency,
        } => {
            let priority = config.priority(impact, urgency);
            store.set_impact_urgency(&ticket_id, impact, urgency, priority, now)?;
            done(
                t!(
                    texts,
                    "done-priority",
                    priority = priority,
                    impact = impact,
                    urgency = urgency
                ),
                Some(ticket_id),
            )
        }
        Write::Category {
            ticket_id,
            category,
        } => {
            store.set_category(&ticket_id, &category, now)?;
            done(
                t!(texts, "done-category", category = category),
                Some(ticket_id),
            )
        }
        Write::Subject { ticket_id, subject } => {
            store.set_subject(&ticket_id, &subject, now)?;
            done(t!(texts, "done-subject"), Some(ticket_id))
        }
        Write::EditCaller { caller_id, wanted } => {
            let current = store
                .caller(&caller_id)?
                .ok_or_else(|| store::StoreError::NotFound(format!("caller {caller_id}")))?;
            let edit = crate::domain::caller_change::CallerEdit::between(&current, &wanted);
            let message = if edit.is_empty() {
                t!(texts, "done-caller-unchanged")
            } else {
                let changed = store.edit_caller(&caller_id, &edit, now)?;
                t!(texts, "done-caller-edited", name = changed.name)
            };
            Ok(Outcome::CallerChanged { message, caller_id })
        }
        Write::MergeCallers { keep, other } => {
            let gone = store.caller(&other)?.map(|c| c.name).unwrap_or_default();
            let merged = store.merge_callers(&keep, &other, now)?;
            let kept = store.caller(&keep)?.map(|c| c.name).unwrap_or_default();
            Ok(Outcome::CallerChanged {
                message: t!(
                    texts,
                    "done-merged",
                    other = gone,
                    keep = kept,
                    tickets = merged.tickets
                ),
                caller_id: keep,
            })
        }
        Write::SettleConflict { conflict_id, keep } => {
            let settled = store.resolve_conflict(&conflict_id, keep, now)?;
            let (value, _) = settled.chosen(keep);
            done(
                t!(
                    texts,
                    "done-settled",
                    field = change::field_text(&settled.column, texts),
                    value = change::value_text(&settled.column, value, texts)
                ),
                settled.ticket_id,
            )
        }
        Write::Assign { ticket_id, agent } => {
            store.set_assignee(&ticket_id, &agent, now)?;
            done(t!(texts, "done-assigned", agent = agent), Some(ticket_id))
        }
        Write::Callback {
            ticket_id,
            said,
            what,
            to,
            due_at,
        } => {
            // The message and the promise it asks for are saved together or not at all.
            let promise = store.in_one_transaction(|store| {
                store.log_contact(&ticket_id, true, crate::domain::Channel::Phone, &said, now)?;
                store.make_promise(
                    &crate::domain::NewPromise {
                        ticket_id: ticket_id.clone(),
                        what,
                        to,
                        callback: true,
                        channel: crate::domain::Channel::Phone,
                        due_at,
                    },
                    now,
                )
            })?;
            let when = crate::domain::when::friendly(promise.due_at, now, config.time_zone, texts);
            done(
                t!(texts, "done-promised", to = promise.to, when = when),
                Some(ticket_id),
            )
        }
        Write::Promise {
            ticket_id,
            what,
            to,
            callback,
            channel,
            due_at,
        } => {
            let promise = store.make_promise(
                &crate::domain::NewPromise {
                    ticket_id: ticket_id.clone(),
                    what,
                    to,
                    callback,
                    channel,
                    due_at,
                },
                now,
            )?;
            let when = crate::domain::when::friendly(promise.due_at, now, config.time_zone, texts);
            done(
                t!(texts, "done-promised", to = promise.to, when = when),
                Some(ticket_id),
            )
        }
        Write::Keep { promise_id, note } => {
            let promise = store.promise(&promise_id)?;
            store.keep_promise(&promise_id, &note, now)?;
            done(
                t!(texts, "done-kept", what = promise.what),
                Some(promise.ticket_id),
            )
        }
        Write::Reschedule {
            promise_id,
            due_at,
            reason,
        } => {
            let promise = store.reschedule_promise(&promise_id, due_at, &reason, now)?;
            let when = crate::domain::when::friendly(promise.due_at, now, config.time_zone, texts);
            done(
                t!(texts, "done-rescheduled", when = when),
                Some(promise.ticket_id),
            )
        }
        Write::Escalate {
            ticket_id,
            group,
            tier,
            handoff,
        } => {
            store.escalate(&ticket_id, &group, tier, &handoff, now)?;
            let key = ticket_key(store, &ticket_id)?;
            done(
                t!(texts, "done-escalated", key = key, group = group),
                Some(ticket_id),
            )
        }
        Write::DeclareIncident { subject, tickets } => {
            let incident = store.declare_incident(
                &NewTicket {
                    prefix: &config.ticket_prefix,
                    caller_id: "",
                    subject: &subject,
                    impact: 1,
                    urgency: 1,
                    priority: config.priority(1, 1),
                    category: None,
                },
                &tickets,
                now,
            )?;
            done(
                t!(
                    texts,
                    "done-incident-declared",
                    key = incident.key,
                    count = tickets.len()
                ),
                Some(incident.id),
            )
        }
        Write::LinkIncident {
            incident_id,
            tickets,
        } => {
            store.in_one_transaction(|store| {
                tickets
                    .iter()
                    .try_for_each(|id| store.link_to_incident(id, &incident_id, now))
            })?;
            let key = ticket_key(store, &incident_id)?;
            done(
                t!(texts, "done-linked", key = key, count = tickets.len()),
                Some(incident_id),
            )
        }
        Write::ResolveIncident {
            incident_id,
            resolution,
        } => {
            let count = store.resolve_incident(&incident_id, &resolution, now)?;
            let key = ticket_key(store, &incident_id)?;
            let message = match (resolution.resolve_linked, resolution.callbacks.is_some()) {
                (true, true) => t!(
                    texts,
                    "done-incident-resolved-called",
                    key = key,
                    count = count
                ),
                (true, false) => t!(
                    texts,
                    "done-incident-resolved-all",
                    key = key,
                    count = count
                ),
                (false, true) => t!(
                    texts,
                    "done-incident-resolved-callbacks",
                    key = key,
                    count = count
                ),
                (false, false) => t!(texts, "done-incident-resolved", key = key),
            };
            done(message, Some(incident_id))
        }
        Write::Script(record) => {
            store.record_script(&record, now)?;
            Ok(Outcome::ScriptRecorded)
        }
        Write::Cancel { promise_id, reason } => {
            let promise = store.promise(&promise_id)?;
            store.cancel_promise(&promise_id, &reason, now)?;
            done(
                t!(texts, "done-cancelled", what = promise.what),
                Some(promise.ticket_id),
            )
        }
    }
}

fn ticket_key(store: &Store, ticket_id: &str) -> store::Result<String> {
    Ok(store
        .ticket(ticket_id)?
        .map(|t| t.key)
        .unwrap_or_else(|| ticket_id.to_string()))
}
