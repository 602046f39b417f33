//! Major incidents: declared from an outage the desk spotted (or from the active ticket),
//! tickets linked to them, and their resolution, which can resolve the linked tickets and
//! promise each affected caller a callback.

use chrono::{DateTime, Utc};

use super::form::{Field, Form, FormKind};
use super::{App, Effect, Popup};
use crate::domain::IncidentResolution;
use crate::domain::{Id, Status, Ticket};
use crate::i18n::Texts;
use crate::t;

impl App {
    /// `M`: on an incident, its callers; with an outage on the banner, tie its tickets to
    /// one incident; on a linked ticket, its incident; otherwise declare one for this ticket.
    pub(super) fn major_incident(&mut self) -> Vec<Effect> {
        if let Some(view) = &self.views.ticket
            && view.ticket.major
        {
            self.popup = Some(self.incident_popup(&view.ticket, &view.linked));
            return Vec::new();
        }
        if let Some(outage) = self.views.outage.clone() {
            self.popup = Some(Popup::Form(match &outage.incident {
                Some(incident) => link_form(outage.tickets.clone(), &[incident], &self.texts),
                None => declare_form(
                    &outage.subject,
                    outage.tickets.clone(),
                    outage.callers,
                    &self.texts,
                ),
            }));
            return Vec::new();
        }
        let Some(view) = &self.views.ticket else {
            self.error(t!(self.texts, "msg-no-outage"));
            return Vec::new();
        };
        if let Some(incident) = &view.incident {
            let id = incident.id.clone();
            return self.open_ticket(id);
        }
        let (subject, id) = (view.ticket.subject.clone(), view.ticket.id.clone());
        self.popup = Some(Popup::Form(declare_form(
            &subject,
            vec![id],
            1,
            &self.texts,
        )));
        Vec::new()
    }

    /// `L`: link the active ticket to one of the open major incidents.
    pub(super) fn link_incident(&mut self) -> Vec<Effect> {
        let Some(ticket_id) = self.require_ticket() else {
            return Vec::new();
        };
        if self.current_ticket().is_some_and(|t| t.major) {
            self.error(t!(self.texts, "msg-incident-is-major"));
            return Vec::new();
        }
        if self.views.incidents.is_empty() {
            let key = self.keymap.shortcut(crate::keymap::Command::MajorIncident);
            self.error(t!(self.texts, "msg-no-incidents", key = key));
            return Vec::new();
        }
        let incidents: Vec<&Ticket> = self.views.incidents.iter().collect();
        self.popup = Some(Popup::Form(link_form(
            vec![ticket_id],
            &incidents,
            &self.texts,
        )));
        Vec::new()
    }

    /// A new ticket about an ongoing outage: the link form with the open incident most
    /// like its subject, so one key (save) links it instead of the agent remembering `L`.
    pub(super) fn offer_incident(&self, ticket: &Ticket) -> Option<Popup> {
        let incident =
            crate::domain::outage::incident_like(&ticket.subject, &self.views.incidents)?;
        let mut form = link_form(vec![ticket.id.clone()], &[incident], &self.texts);
        form.context.insert(
            0,
            t!(
                self.texts,
                "form-link-offer",
                key = incident.key.as_str(),
                subject = incident.subject.as_str()
            ),
        );
        Some(Popup::Form(form))
    }

    /// Setting a major incident to resolved asks first what happens to its linked tickets.
    pub(super) fn resolving_incident(&self, ticket_id: &str, status: Status) -> Option<Form> {
        let view = self.views.ticket.as_ref()?;
        let open = view.linked.iter().filter(|t| t.status.is_open()).count();
        (view.ticket.id == ticket_id && view.ticket.major && !status.is_open() && open > 0)
            .then(|| resolve_form(&view.ticket, open, &self.texts))
    }

    fn incident_popup(&self, incident: &Ticket, linked: &[Ticket]) -> Popup {
        let mut lines = vec![
            incident.subject.clone(),
            t!(self.texts, "incident-callers", count = linked.len()),
        ];
        lines.extend(linked.iter().map(|t| {
            format!(
                "  {} {} — {}",
                t.key,
                if t.caller_name.is_empty() {
                    "—"
                } else {
                    t.caller_name.as_str()
                },
                t.status.text(&self.texts)
            )
        }));
        lines.push(String::new());
        lines.push(t!(
            self.texts,
            "incident-resolve-hint",
            key = self.keymap.shortcut(crate::keymap::Command::Status)
        ));
        Popup::Text {
            title: t!(self.texts, "incident-title", key = incident.key.as_str()),
            lines,
            scroll: Default::default(),
        }
    }
}

fn declare_form(subject: &str, tickets: Vec<Id>, callers: usize, texts: &Texts) -> Form {
    let context = vec![t!(
        texts,
        "form-incident-context",
        tickets = tickets.len(),
        callers = callers
    )];
    Form::new(
        FormKind::DeclareIncident { tickets },
        t!(texts, "form-incident"),
        vec![Field::text(t!(texts, "field-subject"), subject)],
    )
    .with_context(context)
}

fn link_form(tickets: Vec<Id>, incidents: &[&Ticket], texts: &Texts) -> Form {
    let labels = incidents
        .iter()
        .map(|t| format!("{} {}", t.key, t.subject))
        .collect();
    let context = vec![t!(texts, "form-link-context", count = tickets.len())];
    Form::new(
        FormKind::LinkIncident {
            tickets,
            incidents: incidents.iter().map(|t| t.id.clone()).collect(),
        },
        t!(texts, "form-link"),
        vec![Field::choice(t!(texts, "field-incident"), labels, 0)],
    )
    .with_context(context)
}

fn resolve_form(incident: &Ticket, open: usize, texts: &Texts) -> Form {
    Form::new(
        FormKind::ResolveIncident {
            incident_id: incident.id.clone(),
        },
        t!(texts, "form-resolve-incident", key = incident.key.as_str()),
        vec![
            Field::text(t!(texts, "field-note"), ""),
            Field::choice(
                t!(texts, "field-linked"),
                vec![
                    t!(texts, "resolve-linked-yes", count = open),
                    t!(texts, "resolve-linked-no"),
                ],
                0,
            ),
            Field::choice(
                t!(texts, "field-callbacks"),
                vec![
                    t!(texts, "resolve-callbacks-no"),
                    t!(texts, "resolve-callbacks-yes", count = open),
                ],
                0,
            ),
            Field::deadline(t!(texts, "field-by-when")),
        ],
    )
    .with_context(vec![t!(
        texts,
        "form-resolve-incident-context",
        count = open
    )])
}

/// What a submitted resolve form chose; the deadline is read only when callbacks are
/// wanted, so an empty one is no error otherwise.
pub(super) fn resolution(
    form: &Form,
    deadline: impl FnOnce() -> Result<DateTime<Utc>, (usize, String)>,
    texts: &Texts,
) -> Result<IncidentResolution, (usize, String)> {
    let callbacks = if form.choice(2) == 1 {
        Some((t!(texts, "resolve-callback-what"), deadline()?))
    } else {
        None
    };
    Ok(IncidentResolution {
        note: form.text(0),
        resolve_linked: form.choice(1) == 0,
        callbacks,
    })
}
