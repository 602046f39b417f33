//! The form an agent was typing in, kept when the desk stops and offered back on the next
//! start.

use chrono::{DateTime, Utc};

use super::form::{Form, FormDraft};
use super::{App, Popup};
use crate::domain::when;
use crate::keymap::FormCommand;
use crate::t;

impl App {
    /// The open form, if any: the only typing that is not saved the moment it is done.
    pub fn draft(&self) -> Option<FormDraft> {
        match &self.popup {
            Some(Popup::Form(form)) => Some(form.to_draft()),
            _ => None,
        }
    }

    /// Reopens a form from the last session as it was left. Submitting saves it as usual;
    /// Esc throws it away.
    pub fn restore_draft(&mut self, draft: FormDraft, saved_at: DateTime<Utc>) {
        let form = Form::from_draft(draft);
        let when = when::friendly(saved_at, self.now, self.config.time_zone, &self.texts);
        self.info(t!(
            self.texts,
            "msg-draft-back",
            form = form.title.to_lowercase(),
            when = when,
            enter = self.keymap.form.hint_key(FormCommand::Submit),
            esc = self.keymap.form.hint_key(FormCommand::Cancel)
        ));
        self.popup = Some(Popup::Form(form));
    }
}
