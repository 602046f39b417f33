//! The forms of each flow, and what a submitted form asks the store to write. Validation
//! happens here, before anything is written, so a mistake points at its field.

use chrono::{DateTime, Utc};

use super::form::{Field, Form, FormKind};
use crate::app::action::Write;
use crate::config::Config;
use crate::domain::business::Calendar;
use crate::domain::deadline::parse_deadline;
use crate::domain::fold::looks_like_phone;
use crate::domain::text::{Field as TextField, TextError};
use crate::domain::words::{impact_steps, urgency_steps};
use crate::domain::{Channel, Id, NewCaller, Promise, Status, Ticket};
use crate::i18n::Texts;
use crate::t;

/// A typed query becomes the new caller's phone when it looks like one, else their name.
pub fn new_caller(query: &str, texts: &Texts) -> Form {
    let (name, phone) = if looks_like_phone(query) {
        ("", query)
    } else {
        (query, "")
    };
    Form::new(
        FormKind::NewCaller,
        t!(texts, "form-new-caller"),
        vec![
            Field::text(t!(texts, "field-name"), name),
            Field::text(t!(texts, "field-organisation"), ""),
            Field::text(t!(texts, "field-phone"), phone),
            Field::text(t!(texts, "field-email"), ""),
            Field::text(t!(texts, "field-identifiers"), ""),
        ],
    )
    .with_context(vec![t!(texts, "form-new-caller-hint")])
}

pub fn subject(caller_id: Id, texts: &Texts) -> Form {
    Form::new(
        FormKind::Subject { caller_id },
        t!(texts, "form-new-ticket"),
        vec![
            Field::text(t!(texts, "field-subject"), ""),
            Field::multi_line(t!(texts, "field-said"), ""),
        ],
    )
}

pub fn note(ticket_id: Id, text: &str, texts: &Texts) -> Form {
    Form::new(
        FormKind::Note { ticket_id },
        t!(texts, "form-note"),
        vec![Field::multi_line(t!(texts, "field-note"), text)],
    )
}

/// A call on an open ticket: what the caller said, if anything (Enter on an empty field
/// logs the call alone).
pub fn log_call(ticket: &Ticket, texts: &Texts) -> Form {
    Form::new(
        FormKind::LogCall {
            ticket_id: ticket.id.clone(),
        },
        t!(texts, "form-log-call", key = ticket.key.as_str()),
        vec![Field::multi_line(t!(texts, "field-said"), "")],
    )
    .with_context(vec![ticket.subject.clone()])
}

/// A callback request: the caller's message, kept on the call, and the promise to ring
/// them back, by `when` as things stand.
pub fn callback(ticket: &Ticket, when: &str, texts: &Texts) -> Form {
    Form::new(
        FormKind::Callback {
            ticket_id: ticket.id.clone(),
            subject: ticket.subject.clone(),
            to: ticket.caller_name.clone(),
        },
        t!(texts, "form-callback", key = ticket.key.as_str()),
        vec![Field::multi_line(t!(texts, "field-message"), "")],
    )
    .with_context(vec![t!(texts, "form-callback-context", when = when)])
}

/// The promise is to the ticket's caller unless the agent names someone else. The hint's
/// examples are deadlines still ahead at `now`.
pub fn promise(
    ticket_id: Id,
    caller: Option<&str>,
    (now, tz): (DateTime<Utc>, crate::domain::time_zone::Tz),
    texts: &Texts,
) -> Form {
    let (time, date) = crate::domain::deadline::examples(now, tz);
    Form::new(
        FormKind::Promise { ticket_id },
        t!(texts, "form-promise"),
        vec![
            Field::text(t!(texts, "field-what"), ""),
            Field::text(t!(texts, "field-to-whom"), caller.unwrap_or_default()),
            Field::choice(t!(texts, "field-channel"), channel_labels(texts), 0),
            Field::deadline(t!(texts, "field-by-when")),
        ],
    )
    .with_context(vec![t!(
        texts,
        "form-promise-hint",
        time = time,
        date = date
    )])
}

/// The keep form with its outcome already written, such as the call that kept it.
pub fn keep_noted(promise: &Promise, note: &str, texts: &Texts) -> Form {
    Form::new(
        FormKind::Keep {
            promise_id: promise.id.clone(),
        },
        t!(texts, "form-keep"),
        vec![Field::text(t!(texts, "field-outcome"), note)],
    )
    .with_context(promise_context(promise, texts))
}

pub fn reschedule(promise: &Promise, texts: &Texts) -> Form {
    Form::new(
        FormKind::Reschedule {
            promise_id: promise.id.clone(),
        },
        t!(texts, "form-reschedule"),
        vec![
            Field::deadline(t!(texts, "field-new-deadline")),
            Field::text(t!(texts, "field-reason"), ""),
        ],
    )
    .with_context(promise_context(promise, texts))
}

pub fn cancel(promise: &Promise, texts: &Texts) -> Form {
    Form::new(
        FormKind::Cancel {
            promise_id: promise.id.clone(),
        },
        t!(texts, "form-cancel"),
        vec![Field::text(t!(texts, "field-reason"), "")],
    )
    .with_context(promise_context(promise, texts))
}

fn promise_context(promise: &Promise, texts: &Texts) -> Vec<String> {
    vec![t!(
        texts,
        "form-promise-context",
        key = promise.ticket_key.as_str(),
        what = promise.what.as_str(),
        to = promise.to.as_str(),
        channel = promise.channel.text(texts)
    )]
}

pub fn status(ticket_id: Id, ticket: Option<&Ticket>, texts: &Texts) -> Form {
    let current = ticket
        .and_then(|t| Status::ALL.iter().position(|s| *s == t.status))
        .unwrap_or(0);
    let labels = Status::ALL.iter().map(|s| s.text(texts)).collect();
    Form::new(
        FormKind::Status { ticket_id },
        t!(texts, "form-status"),
        vec![Field::choice(t!(texts, "field-status"), labels, current)],
    )
}

pub fn priority(ticket_id: Id, ticket: Option<&Ticket>, config: &Config, texts: &Texts) -> Form {
    let (impact, urgency) = ticket.map_or((3, 3), |t| (t.impact, t.urgency));
    let matrix_hint = t!(
        texts,
        "form-priority-hint",
        priority = config.priority(2, 2)
    );
    Form::new(
        FormKind::Priority { ticket_id },
        t!(texts, "form-priority"),
        vec![
            Field::choice(
                t!(texts, "field-impact"),
                impact_steps(texts),
                usize::from(impact.saturating_sub(1)),
            ),
            Field::choice(
                t!(texts, "field-urgency"),
                urgency_steps(texts),
                usize::from(urgency.saturating_sub(1)),
            ),
        ],
    )
    .with_context(vec![matrix_hint])
}

pub fn category(ticket_id: Id, ticket: Option<&Ticket>, config: &Config, texts: &Texts) -> Form {
    let current = ticket
        .and_then(|t| t.category.as_ref())
        .and_then(|c| config.categories.iter().position(|x| x == c))
        .unwrap_or(0);
    Form::new(
        FormKind::Category { ticket_id },
        t!(texts, "form-category"),
        vec![Field::choice(
            t!(texts, "field-category"),
            config.categories.clone(),
            current,
        )],
    )
}

/// An empty name assigns the ticket to the agent at the desk.
pub fn assign(ticket_id: Id, me: &str, texts: &Texts) -> Form {
    Form::new(
        FormKind::Assign { ticket_id },
        t!(texts, "form-assign"),
        vec![Field::text(t!(texts, "field-agent"), "")],
    )
    .with_context(vec![t!(texts, "form-assign-hint", me = me)])
}

fn channel_labels(texts: &Texts) -> Vec<String> {
    Channel::ALL.iter().map(|c| c.text(texts)).collect()
}

fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The rule the text field at `index` of a form is held to, and whether it holds a list
/// separated by `;` whose values are judged one by one. Choices are the form's own labels.
fn rule(kind: &FormKind, index: usize) -> (TextField, bool) {
    match (kind, index) {
        (FormKind::NewCaller | FormKind::EditCaller { .. }, 0) => (TextField::Name, false),
        (FormKind::NewCaller | FormKind::EditCaller { .. }, 1) => (TextField::Organization, false),
        (FormKind::NewCaller | FormKind::EditCaller { .. }, 2) => (TextField::Phone, true),
        (FormKind::NewCaller | FormKind::EditCaller { .. }, 3) => (TextField::Email, true),
        (FormKind::NewCaller | FormKind::EditCaller { .. }, _) => (TextField::Identifier, true),
        (
            FormKind::Subject { .. }
            | FormKind::DeclareIncident { .. }
            | FormKind::EditSubject { .. },
            0,
        ) => (TextField::Subject, false),
        (FormKind::Promise { .. }, 0) => (TextField::Promise, false),
        (FormKind::Promise { .. }, 1) => (TextField::Name, false),
        (FormKind::Category { .. }, 0) => (TextField::Category, false),
        (FormKind::Assign { .. }, 0) => (TextField::Assignee, false),
        // Notes, reasons, deadlines and what an escalation or a resolution says.
        _ => (TextField::Note, false),
    }
}

/// Every text field held to its rule before anything is written, so that a 100,000-character
/// subject or an escape sequence from the editor is refused at the field that holds it.
fn check_texts(form: &Form, texts: &Texts) -> Result<(), (usize, String)> {
    for (index, field) in form.fields.iter().enumerate() {
        if !matches!(field.input, super::form::Input::Text { .. }) {
            continue;
        }
        let text = form.text(index);
        let (rule, list) = rule(&form.kind, index);
        let values = if list { split_list(&text) } else { vec![text] };
        for value in values {
            if let Err(error) = crate::domain::text::accept(rule, &value) {
                return Err((index, refusal(&error, texts)));
            }
        }
    }
    Ok(())
}

/// A refusal in the agent's language; the field is the one the form points at.
fn refusal(error: &TextError, texts: &Texts) -> String {
    match error {
        TextError::TooLong { length, limit, .. } => {
            t!(
                texts,
                "form-text-too-long",
                limit = *limit,
                length = *length
            )
        }
        TextError::LineBreak { .. } => t!(texts, "form-text-one-line"),
        TextError::Control { character, .. } => {
            let shown = crate::domain::text::escape(&character.to_string()).into_owned();
            t!(texts, "form-text-control", character = shown)
        }
    }
}

/// Either the write the form asks for, or the field to fix and why.
pub fn to_write(
    form: &Form,
    now: DateTime<Utc>,
    config: &Config,
    calendar: &Calendar,
    texts: &Texts,
) -> Result<Write, (usize, String)> {
    check_texts(form, texts)?;
    // `why` is only worded when the field is empty.
    let required = |index: usize, why: fn(&Texts) -> String| {
        let text = form.text(index);
        if text.is_empty() {
            Err((index, why(texts)))
        } else {
            Ok(text)
        }
    };
    let deadline = |index: usize| {
        parse_deadline(&form.text(index), now, calendar, config.language)
            .map_err(|e| (index, e.message(texts)))
    };
    Ok(match &form.kind {
        FormKind::NewCaller => Write::CreateCaller(NewCaller {
            name: required(0, |t| t!(t, "form-required-name"))?,
            organization: form.text(1),
            phones: split_list(&form.text(2)),
            emails: split_list(&form.text(3)),
            identifiers: split_list(&form.text(4)),
        }),
        FormKind::Subject { caller_id } => Write::OpenTicket {
            caller_id: caller_id.clone(),
            subject: required(0, |t| t!(t, "form-required-subject"))?,
            said: form.text(1),
            call: None,
        },
        FormKind::LogCall { ticket_id } => Write::LogCall {
            ticket_id: ticket_id.clone(),
            said: form.text(0),
            call: None,
        },
        FormKind::Callback {
            ticket_id,
            subject,
            to,
        } => Write::Callback {
            ticket_id: ticket_id.clone(),
            said: form.text(0),
            what: t!(texts, "callback-what", subject = subject.as_str()),
            to: to.clone(),
            due_at: parse_deadline(&config.callback_within, now, calendar, config.language)
                .map_err(|e| (0, e.message(texts)))?,
        },
        FormKind::Note { ticket_id } => Write::Note {
            ticket_id: ticket_id.clone(),
            text: required(0, |t| t!(t, "form-required-note"))?,
        },
        FormKind::Promise { ticket_id } => Write::Promise {
            ticket_id: ticket_id.clone(),
            what: required(0, |t| t!(t, "form-required-what"))?,
            to: required(1, |t| t!(t, "form-required-to"))?,
            callback: false,
            channel: Channel::ALL
                .get(form.choice(2))
                .copied()
                .unwrap_or(Channel::Phone),
            due_at: deadline(3)?,
        },
        FormKind::Keep { promise_id } => Write::Keep {
            promise_id: promise_id.clone(),
            note: form.text(0),
        },
        FormKind::Reschedule { promise_id } => Write::Reschedule {
            promise_id: promise_id.clone(),
            due_at: deadline(0)?,
            reason: required(1, |t| t!(t, "form-required-reason"))?,
        },
        FormKind::Cancel { promise_id } => Write::Cancel {
            promise_id: promise_id.clone(),
            reason: required(0, |t| t!(t, "form-required-reason"))?,
        },
        FormKind::Status { ticket_id } => Write::Status {
            ticket_id: ticket_id.clone(),
            status: Status::ALL
                .get(form.choice(0))
                .copied()
                .unwrap_or(Status::Open),
        },
        FormKind::Priority { ticket_id } => Write::Priority {
            ticket_id: ticket_id.clone(),
            impact: form.choice(0) as u8 + 1,
            urgency: form.choice(1) as u8 + 1,
        },
        FormKind::Category { ticket_id } => Write::Category {
            ticket_id: ticket_id.clone(),
            category: form.text(0),
        },
        FormKind::Assign { ticket_id } => Write::Assign {
            ticket_id: ticket_id.clone(),
            agent: Some(form.text(0))
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| config.agent.clone()),
        },
        FormKind::Escalate { .. } => super::escalation::to_write(form, config, texts)
            .ok_or_else(|| (0, t!(texts, "form-required-group")))?,
        FormKind::DeclareIncident { tickets } => Write::DeclareIncident {
            subject: required(0, |t| t!(t, "form-required-subject"))?,
            tickets: tickets.clone(),
        },
        FormKind::LinkIncident { tickets, incidents } => Write::LinkIncident {
            // The choice lists exactly these incidents.
            incident_id: incidents.get(form.choice(0)).cloned().unwrap_or_default(),
            tickets: tickets.clone(),
        },
        FormKind::ResolveIncident { incident_id } => Write::ResolveIncident {
            incident_id: incident_id.clone(),
            resolution: super::incident::resolution(form, || deadline(3), texts)?,
        },
        FormKind::EditSubject { .. } => {
            super::correcting::to_write(form, || t!(texts, "form-required-subject"))
                .unwrap_or(Err((0, t!(texts, "form-required-subject"))))?
        }
        FormKind::EditCaller { .. } | FormKind::MergeCallers { .. } => {
            super::correcting::to_write(form, || t!(texts, "form-required-name"))
                .unwrap_or(Err((0, t!(texts, "form-required-name"))))?
        }
        FormKind::Settle { conflict_id } => Write::SettleConflict {
            conflict_id: conflict_id.clone(),
            keep: super::settling::chosen(form),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PromiseState;
    use crate::i18n::Language;

    fn every_form(texts: &Texts) -> Vec<Form> {
        let config = Config::default();
        let now = Utc::now();
        let promise = Promise {
            id: "p".into(),
            ticket_id: "t".into(),
            ticket_key: "T-1001".into(),
            caller_id: None,
            caller_name: "Jan de Vries".into(),
            to: "Jan de Vries".into(),
            what: "call back".into(),
            channel: Channel::Phone,
            due_at: now,
            owner: "anna".into(),
            state: PromiseState::Open,
            callback: false,
            created_at: now,
            closed_at: None,
            replaces: None,
        };
        let id = || Id::from("t");
        vec![
            new_caller("Jan", texts),
            subject(id(), texts),
            note(id(), "", texts),
            promise_form(texts),
            keep_noted(&promise, "", texts),
            reschedule(&promise, texts),
            cancel(&promise, texts),
            status(id(), None, texts),
            priority(id(), None, &config, texts),
            category(id(), None, &config, texts),
            assign(id(), "anna", texts),
        ]
    }

    fn promise_form(texts: &Texts) -> Form {
        let clock = (
            Utc::now(),
            crate::domain::time_zone::zone("Europe/Amsterdam"),
        );
        promise(Id::from("t"), Some("Jan de Vries"), clock, texts)
    }

    /// The form gives a label 20 cells: the focus marker, the label and a colon.
    #[test]
    fn translated_labels_fit_beside_their_fields() {
        for language in [Language::Dutch, Language::Hungarian] {
            let texts = Texts::new(language);
            for form in every_form(&texts) {
                assert!(!form.title.starts_with("form-"), "{}", form.title);
                for field in &form.fields {
                    let width = field.label.chars().count();
                    assert!(
                        width <= 17,
                        "{}: {} is too wide",
                        language.code(),
                        field.label
                    );
                    assert!(!field.label.starts_with("field-"), "{}", field.label);
                }
            }
        }
    }

    #[test]
    fn a_missing_field_is_named_in_the_agents_language() {
        let texts = Texts::new(Language::Dutch);
        let config = Config::default();
        let calendar = config.calendar();
        let form = note(Id::from("t"), "", &texts);
        let refused = to_write(&form, Utc::now(), &config, &calendar, &texts);
        assert_eq!(refused, Err((0, "de notitie is leeg".to_string())));
        let english = Texts::new(Language::English);
        let form = note(Id::from("t"), "", &english);
        let refused = to_write(&form, Utc::now(), &config, &calendar, &english);
        assert_eq!(refused, Err((0, "the note is required".to_string())));
    }
}
