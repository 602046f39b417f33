//! The status bar's word on the database when a write could not go through at once:
//! another process holds the write lock (an import, `forget`), or the draft could not be
//! written (a full or read-only disk). The desk never waits for the lock on the agent's
//! time; it tries again on the next ticks and says so here.

use super::{App, Popup};
use crate::t;

/// How the desk's writes fare, reported by the desk after each try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreWait {
    /// Another process holds the write lock; `holder` names it where that can be told.
    Busy { holder: Option<String> },
    /// The draft could not be written for another reason, given here.
    DraftNotKept(String),
    /// Writes go through again.
    Free,
}

impl App {
    pub(super) fn on_store_wait(&mut self, wait: StoreWait) {
        match wait {
            StoreWait::Busy { holder } => {
                let text = self.waiting_text(holder);
                self.error(text);
                self.store_waiting = true;
            }
            StoreWait::DraftNotKept(error) => {
                self.error(t!(self.texts, "msg-draft-not-kept", error = error));
                self.store_waiting = true;
            }
            StoreWait::Free => {
                if std::mem::take(&mut self.store_waiting) {
                    self.message = None;
                }
            }
        }
    }

    /// A save the agent asked for found the database held: the form stays open with what
    /// was typed and says the save goes through by itself once the database is free.
    pub(super) fn on_save_waiting(&mut self, holder: Option<String>) {
        let text = self.waiting_text(holder);
        let waiting = t!(self.texts, "msg-save-waiting", waiting = text.clone());
        match &mut self.popup {
            Some(Popup::Form(form)) => form.error = Some(waiting),
            Some(Popup::Script(script)) => {
                script.not_saved(t!(self.texts, "msg-not-saved-kept", error = text))
            }
            _ => self.error(waiting),
        }
        self.store_waiting = true;
    }

    fn waiting_text(&self, holder: Option<String>) -> String {
        match holder {
            Some(holder) => t!(self.texts, "msg-db-waiting-for", holder = holder),
            None => t!(self.texts, "msg-db-waiting"),
        }
    }
}
