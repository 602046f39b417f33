//! Writing: a submitted form becomes a write, and what the store reports back moves the
//! desk on (to the new ticket, the next form) with a word in the status bar.

use super::{App, Effect, Outcome, Pane, Popup, StoreEffect, Write, forms};
use crate::domain::Id;
use crate::keymap::{Command, FormCommand};
use crate::t;

impl App {
    pub(super) fn on_saved(&mut self, outcome: Outcome) -> Vec<Effect> {
        self.call_logged(&outcome);
        match outcome {
            Outcome::CallerCreated(caller) => {
                self.caller_id = Some(caller.id.clone());
                self.popup = Some(Popup::Form(forms::subject(caller.id, &self.texts)));
                self.info(t!(self.texts, "msg-caller-added", name = caller.name));
            }
            Outcome::TicketOpened(ticket) => {
                // A call about an ongoing outage is offered its incident at once.
                self.popup = self.offer_incident(&ticket);
                self.info(t!(
                    self.texts,
                    "msg-ticket-opened",
                    key = ticket.key,
                    caller = ticket.caller_name
                ));
                self.show_ticket(ticket.id, ticket.caller_id);
            }
            Outcome::ScriptRecorded => self.on_script_recorded(),
            Outcome::CallerChanged { message, caller_id } => {
                self.popup = None;
                self.info(message);
                self.caller_id = Some(caller_id);
            }
            Outcome::Done { message, ticket_id } => {
                self.popup = None;
                self.info(message);
                if let Some(id) = ticket_id {
                    self.show_ticket(id, None);
                }
            }
        }
        self.refresh()
    }

    /// Every pane follows the active ticket: another ticket brings its own caller, or none
    /// (a major incident has no caller), so no card is left showing someone else's phone.
    fn show_ticket(&mut self, ticket_id: Id, caller_id: Option<Id>) {
        if self.ticket_id.as_ref() != Some(&ticket_id) {
            self.timeline_scroll = 0;
            self.contact_selected = 0;
            // None lets the runtime load the ticket's own caller (see `on_loaded`).
            self.caller_id = caller_id;
        } else if caller_id.is_some() {
            self.caller_id = caller_id;
        }
        self.ticket_id = Some(ticket_id);
        self.focus = Pane::Ticket;
    }

    /// A write that failed keeps the form open with its text, and says why in the form.
    pub(super) fn on_save_failed(&mut self, error: String) {
        match &mut self.popup {
            Some(Popup::Form(form)) => {
                form.error = Some(t!(self.texts, "msg-not-saved-kept", error = error))
            }
            Some(Popup::Script(script)) => {
                script.not_saved(t!(self.texts, "msg-not-saved-kept", error = error))
            }
            _ => self.error(t!(self.texts, "msg-not-saved", error = error)),
        }
    }

    pub(super) fn on_editor_closed(
        &mut self,
        ticket_id: Id,
        text: String,
        failed: bool,
    ) -> Vec<Effect> {
        // A log copied into the editor brings its colour codes along; they go as a paste's do,
        // since the form could not show where they are to remove them.
        let text = crate::domain::text::clean_paste(&text);
        if text.trim().is_empty() {
            self.info(t!(self.texts, "msg-editor-empty"));
            return Vec::new();
        }
        self.popup = Some(Popup::Form(forms::note(ticket_id, &text, &self.texts)));
        if failed {
            let message = t!(
                self.texts,
                "msg-editor-failed",
                enter = self.keymap.form.hint_key(FormCommand::Submit),
                esc = self.keymap.form.hint_key(FormCommand::Cancel)
            );
            if let Some(Popup::Form(form)) = &mut self.popup {
                form.error = Some(message);
            }
            return Vec::new();
        }
        self.submit_form()
    }

    pub(super) fn submit_form(&mut self) -> Vec<Effect> {
        let Some(Popup::Form(form)) = self.popup.as_ref() else {
            return Vec::new();
        };
        match forms::to_write(form, self.now, &self.config, &self.calendar, &self.texts) {
            Ok(Write::Status { ticket_id, status })
                if let Some(resolve) = self.resolving_incident(&ticket_id, status) =>
            {
                self.popup = Some(Popup::Form(resolve));
                Vec::new()
            }
            Ok(Write::Assign { ticket_id, agent }) => {
                let typed = form.text(0);
                let agent = if typed.is_empty() {
                    Ok(agent)
                } else {
                    self.assignee(&typed)
                };
                match agent {
                    Ok(agent) => vec![Effect::Store(StoreEffect::Write(Write::Assign {
                        ticket_id,
                        agent,
                    }))],
                    Err(message) => {
                        if let Some(Popup::Form(form)) = self.popup.as_mut() {
                            form.fail(0, message);
                        }
                        Vec::new()
                    }
                }
            }
            Ok(write) => vec![Effect::Store(StoreEffect::Write(
                self.with_taken_call(write),
            ))],
            Err((field, message)) => {
                if let Some(Popup::Form(form)) = self.popup.as_mut() {
                    form.fail(field, message);
                }
                Vec::new()
            }
        }
    }

    /// One key turns the caller's message on the active ticket into a callback request with
    /// the configured deadline.
    pub(super) fn callback_request(&mut self) -> Vec<Effect> {
        let Some(ticket) = self.current_ticket().cloned() else {
            let new_call = self.keymap.shortcut(Command::NewCall);
            self.error(t!(
                self.texts,
                "msg-callback-needs-ticket",
                new_call = new_call
            ));
            return Vec::new();
        };
        let due = crate::domain::deadline::parse_deadline(
            &self.config.callback_within,
            self.now,
            &self.calendar,
            self.config.language,
        );
        match due {
            Ok(due_at) => {
                let tz = self.config.time_zone;
                let when = crate::domain::when::friendly(due_at, self.now, tz, &self.texts);
                let form = forms::callback(&ticket, &when, &self.texts);
                self.popup = Some(Popup::Form(form));
                Vec::new()
            }
            Err(e) => {
                let error = e.message(&self.texts);
                self.error(t!(self.texts, "msg-callback-config", error = error));
                Vec::new()
            }
        }
    }
}
