//! Escalation to another line or group with a hand-off note filled in from the ticket,
//! and the queue filter that steps through the lines and groups.

use super::form::{Field, Form, FormKind};
use super::{App, Effect, LineFilter, Popup, Write};
use crate::domain::EventKind;
use crate::domain::escalation_note;
use crate::t;

impl App {
    pub(super) fn escalate(&mut self) -> Vec<Effect> {
        let Some(view) = &self.views.ticket else {
            self.require_ticket();
            return Vec::new();
        };
        let ticket = &view.ticket;
        let prefilled = escalation_note::prefill(ticket, &view.timeline, &self.texts);
        // The group a script's ending named, else the one after the group that holds the
        // ticket now, so escalating twice moves on.
        let groups = &self.config.groups;
        let named = view
            .timeline
            .iter()
            .rev()
            .find(|e| e.kind == EventKind::ScriptFinished)
            .and_then(|e| e.data["group"].as_str())
            .and_then(|name| {
                groups
                    .iter()
                    .position(|g| g.name.eq_ignore_ascii_case(name))
            });
        let next = named.unwrap_or_else(|| {
            ticket
                .group
                .as_ref()
                .and_then(|g| groups.iter().position(|x| &x.name == g))
                .map_or(0, |i| (i + 1) % groups.len().max(1))
        });
        let labels = groups
            .iter()
            .map(|g| {
                t!(
                    self.texts,
                    "escalate-group",
                    group = g.name.as_str(),
                    tier = g.tier
                )
            })
            .collect();
        let mut context = vec![t!(self.texts, "escalate-context")];
        context.extend(prefilled.iter().cloned());
        let form = Form::new(
            FormKind::Escalate {
                ticket_id: ticket.id.clone(),
                prefilled,
            },
            t!(self.texts, "form-escalate", key = ticket.key.as_str()),
            vec![
                Field::choice(t!(self.texts, "field-group"), labels, next),
                Field::text(t!(self.texts, "field-handoff"), ""),
            ],
        )
        .with_context(context);
        self.popup = Some(Popup::Form(form));
        Vec::new()
    }

    /// All lines → first line → each higher line → each group → all lines again.
    pub(super) fn next_line_filter(&mut self) -> Vec<Effect> {
        let mut tiers: Vec<u8> = self.config.groups.iter().map(|g| g.tier).collect();
        tiers.push(1);
        tiers.sort_unstable();
        tiers.dedup();
        let mut steps: Vec<LineFilter> = tiers.into_iter().map(LineFilter::Tier).collect();
        steps.extend(
            self.config
                .groups
                .iter()
                .map(|g| LineFilter::Group(g.name.clone())),
        );
        let next = match &self.line {
            None => steps.first().cloned(),
            Some(current) => steps
                .iter()
                .position(|s| s == current)
                .and_then(|i| steps.get(i + 1))
                .cloned(),
        };
        self.line = next;
        self.queue_selected = 0;
        let label = self.line_label();
        self.info(t!(self.texts, "msg-line-filter", line = label));
        self.refresh()
    }

    /// What the queue title says about the line filter.
    pub fn line_label(&self) -> String {
        match &self.line {
            None => t!(self.texts, "line-all"),
            Some(LineFilter::Tier(tier)) => t!(self.texts, "line-tier", tier = *tier),
            Some(LineFilter::Group(group)) => group.clone(),
        }
    }
}

/// The escalation a submitted form asks for.
pub(super) fn to_write(
    form: &Form,
    config: &crate::config::Config,
    texts: &crate::i18n::Texts,
) -> Option<Write> {
    let FormKind::Escalate {
        ticket_id,
        prefilled,
    } = &form.kind
    else {
        return None;
    };
    let group = config.groups.get(form.choice(0))?;
    Some(Write::Escalate {
        ticket_id: ticket_id.clone(),
        group: group.name.clone(),
        tier: group.tier,
        handoff: escalation_note::note(prefilled, &form.text(1), texts),
    })
}
