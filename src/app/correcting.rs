//! Correcting the record from the desk: a ticket's subject, a caller's details, two callers
//! merged into one (a search for the other, then a choice of whom to keep), and the agent a
//! ticket is assigned to taken from the roster.

use ratatui::crossterm::event::KeyEvent;

use super::form::{Field, Form, FormKind};
use super::picker::{Picker, PickerEvent};
use super::{App, Effect, Popup, StoreEffect, Write};
use crate::domain::roster::Resolved;
use crate::domain::{Caller, CallerHit, Id, NewCaller, Ticket};
use crate::i18n::Texts;
use crate::keymap::FormCommand;
use crate::t;

/// The search for the caller to merge into the one shown. It opens on the likely duplicates.
pub struct MergeSearch {
    pub keep: Id,
    pub keep_name: String,
    pub picker: Picker<CallerHit>,
}

/// A name typed with this in front is a new agent, added on purpose.
pub const NEW_AGENT_MARK: char = '+';

pub fn subject(ticket: &Ticket, texts: &Texts) -> Form {
    Form::new(
        FormKind::EditSubject {
            ticket_id: ticket.id.clone(),
        },
        t!(texts, "form-edit-subject"),
        vec![Field::text(t!(texts, "field-subject"), &ticket.subject)],
    )
}

/// The caller's details as they are; lists are separated by `;`, as in the new-caller form.
pub fn caller(caller: &Caller, texts: &Texts) -> Form {
    Form::new(
        FormKind::EditCaller {
            caller_id: caller.id.clone(),
        },
        t!(texts, "form-edit-caller"),
        vec![
            Field::text(t!(texts, "field-name"), &caller.name),
            Field::text(t!(texts, "field-organisation"), &caller.organization),
            Field::text(t!(texts, "field-phone"), &caller.phones.join("; ")),
            Field::text(t!(texts, "field-email"), &caller.emails.join("; ")),
            Field::text(
                t!(texts, "field-identifiers"),
                &caller.identifiers.join("; "),
            ),
        ],
    )
    .with_context(vec![t!(texts, "form-edit-caller-hint")])
}

/// Which of the two entries lives on; the one shown in the caller pane by default.
pub fn merge(keep: &CallerHit, other: &CallerHit, texts: &Texts) -> Form {
    let label = |hit: &CallerHit| {
        if hit.organization.is_empty() {
            hit.name.clone()
        } else {
            format!("{} · {}", hit.name, hit.organization)
        }
    };
    Form::new(
        FormKind::MergeCallers {
            callers: vec![keep.id.clone(), other.id.clone()],
        },
        t!(texts, "form-merge"),
        vec![Field::choice(
            t!(texts, "field-keep"),
            vec![label(keep), label(other)],
            0,
        )],
    )
    .with_context(vec![t!(
        texts,
        "form-merge-hint",
        keep = keep.name.as_str(),
        other = other.name.as_str()
    )])
}

/// The write a submitted correction form asks for.
pub(super) fn to_write(
    form: &Form,
    required_name: impl Fn() -> String,
) -> Option<Result<Write, (usize, String)>> {
    let list = |index: usize| -> Vec<String> {
        form.text(index)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    Some(Ok(match &form.kind {
        FormKind::EditSubject { ticket_id } => {
            let subject = form.text(0);
            if subject.is_empty() {
                return Some(Err((0, required_name())));
            }
            Write::Subject {
                ticket_id: ticket_id.clone(),
                subject,
            }
        }
        FormKind::EditCaller { caller_id } => {
            let name = form.text(0);
            if name.is_empty() {
                return Some(Err((0, required_name())));
            }
            Write::EditCaller {
                caller_id: caller_id.clone(),
                wanted: NewCaller {
                    name,
                    organization: form.text(1),
                    phones: list(2),
                    emails: list(3),
                    identifiers: list(4),
                },
            }
        }
        FormKind::MergeCallers { callers } => {
            let keep = form.choice(0).min(1);
            let (Some(kept), Some(other)) = (callers.get(keep), callers.get(1 - keep)) else {
                return None;
            };
            Write::MergeCallers {
                keep: kept.clone(),
                other: other.clone(),
            }
        }
        _ => return None,
    }))
}

impl App {
    pub(super) fn edit_subject(&mut self) -> Vec<Effect> {
        if self.require_ticket().is_some()
            && let Some(ticket) = self.current_ticket()
        {
            self.popup = Some(Popup::Form(subject(ticket, &self.texts)));
        }
        Vec::new()
    }

    fn shown_caller(&mut self) -> Option<Caller> {
        let shown = self.views.caller.as_ref().map(|v| v.caller.clone());
        if shown.is_none() {
            let new_call = self.keymap.shortcut(crate::keymap::Command::NewCall);
            self.error(t!(self.texts, "msg-no-caller", new_call = new_call));
        }
        shown
    }

    pub(super) fn edit_caller(&mut self) -> Vec<Effect> {
        if let Some(shown) = self.shown_caller() {
            self.popup = Some(Popup::Form(caller(&shown, &self.texts)));
        }
        Vec::new()
    }

    /// Opens the search for the other entry, listing the likely duplicates first.
    pub(super) fn merge_caller(&mut self) -> Vec<Effect> {
        let Some(shown) = self.shown_caller() else {
            return Vec::new();
        };
        let mut picker = Picker::default();
        let duplicates = self
            .views
            .caller
            .as_ref()
            .map(|v| v.duplicates.clone())
            .unwrap_or_default();
        picker.show(
            duplicates
                .into_iter()
                .map(|d| CallerHit {
                    id: d.second,
                    name: d.second_name,
                    organization: String::new(),
                    detail: d.value,
                })
                .collect(),
        );
        self.popup = Some(Popup::MergeCaller(MergeSearch {
            keep: shown.id,
            keep_name: shown.name,
            picker,
        }));
        Vec::new()
    }

    pub(super) fn on_merge_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Popup::MergeCaller(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let event = search.picker.handle_key(key, &self.keymap.picker);
        self.on_merge_event(event)
    }

    pub(super) fn on_merge_paste(&mut self, text: &str) -> Vec<Effect> {
        let Some(Popup::MergeCaller(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let event = search.picker.paste(text);
        self.on_merge_event(event)
    }

    fn on_merge_event(&mut self, event: PickerEvent) -> Vec<Effect> {
        let Some(Popup::MergeCaller(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        match event {
            PickerEvent::Close => self.popup = None,
            PickerEvent::Pick(index) => {
                if let Some(other) = search.picker.hits.get(index).cloned() {
                    let keep = CallerHit {
                        id: search.keep.clone(),
                        name: search.keep_name.clone(),
                        organization: self
                            .views
                            .caller
                            .as_ref()
                            .map(|v| v.caller.organization.clone())
                            .unwrap_or_default(),
                        detail: String::new(),
                    };
                    self.popup = Some(Popup::Form(merge(&keep, &other, &self.texts)));
                }
            }
            PickerEvent::Changed => {
                if let Some(query) = search.picker.words_to_search() {
                    return vec![Effect::Store(StoreEffect::SearchCallers(query))];
                }
            }
            PickerEvent::PickExtra | PickerEvent::Nothing => {}
        }
        Vec::new()
    }

    /// Callers found for the merge search: the caller kept is no candidate.
    pub(super) fn on_merge_hits(&mut self, query: &str, hits: &[CallerHit]) {
        if let Some(Popup::MergeCaller(search)) = &mut self.popup {
            let others = hits
                .iter()
                .filter(|h| h.id != search.keep)
                .cloned()
                .collect();
            search.picker.answer(query, others);
        }
    }

    /// The assign form, with the agents of the roster listed above its field.
    pub(super) fn assign(&mut self) -> Vec<Effect> {
        let effects = self.with_ticket(|app, id| {
            Popup::Form(super::forms::assign(id, &app.config.agent, &app.texts))
        });
        self.show_agents();
        effects
    }

    /// In the assign form, the form's next-field key completes the agent's name when it
    /// names one agent, and the line above the field lists the agents that fit.
    pub(super) fn complete_agent(&mut self, key: &KeyEvent) -> bool {
        let roster = self.config.roster(&self.views.agents);
        let Some(Popup::Form(form)) = self.popup.as_mut() else {
            return false;
        };
        if !matches!(form.kind, FormKind::Assign { .. })
            || self.keymap.form.command_for(key) != Some(FormCommand::NextField)
        {
            return false;
        }
        let typed = form.text(0);
        if let [only] = roster.completions(&typed).as_slice() {
            form.set_text(0, only);
        }
        true
    }

    /// The agents that fit what is typed, above the assign form's field.
    pub(super) fn show_agents(&mut self) {
        let roster = self.config.roster(&self.views.agents);
        let texts = &self.texts;
        let next = self.keymap.form.hint_key(FormCommand::NextField);
        if let Some(Popup::Form(form)) = self.popup.as_mut()
            && let FormKind::Assign { .. } = form.kind
        {
            let typed = form.text(0);
            let fits = roster.completions(typed.trim_start_matches(NEW_AGENT_MARK));
            let fitting = if fits.is_empty() {
                t!(texts, "form-assign-none", mark = NEW_AGENT_MARK.to_string())
            } else {
                t!(texts, "form-assign-agents", agents = fits.join(", "))
            };
            form.context = vec![
                t!(texts, "form-assign-hint", me = self.config.agent.as_str()),
                fitting,
                t!(
                    texts,
                    "form-assign-complete",
                    key = next,
                    mark = NEW_AGENT_MARK.to_string()
                ),
            ];
        }
    }

    /// The agent an assign form names, from the roster; a name with the new-agent mark is
    /// taken as written. Otherwise the field to fix and why.
    pub(super) fn assignee(&self, typed: &str) -> Result<String, String> {
        if let Some(new) = typed.strip_prefix(NEW_AGENT_MARK) {
            let new = new.trim();
            return if new.is_empty() {
                Err(t!(self.texts, "form-required-agent"))
            } else {
                Ok(new.to_string())
            };
        }
        match self.config.roster(&self.views.agents).resolve(typed) {
            Resolved::One(name) => Ok(name),
            Resolved::Several(names) => Err(t!(
                self.texts,
                "form-assign-several",
                agents = names.join(", ")
            )),
            Resolved::Unknown => Err(t!(
                self.texts,
                "form-assign-unknown",
                name = typed,
                mark = NEW_AGENT_MARK.to_string()
            )),
        }
    }
}
