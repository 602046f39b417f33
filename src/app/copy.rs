//! `y` copies what the focus is on: the key of the selected ticket, or in the Caller pane the
//! caller's phone number, to be pasted into a chat or a phone. The runtime puts it on the
//! clipboard through the terminal (OSC 52), which works over ssh as well.

use super::{App, Effect, Pane};

impl App {
    pub(super) fn copy(&mut self) -> Vec<Effect> {
        if !self.config.clipboard {
            self.error("copying is turned off (clipboard = false in the config)");
            return Vec::new();
        }
        match self.copy_target() {
            Ok((text, what)) => {
                self.info(format!("copied {what} to the clipboard"));
                vec![Effect::Copy(text)]
            }
            Err(reason) => {
                self.error(format!("nothing copied: {reason}"));
                Vec::new()
            }
        }
    }

    /// The text to copy and how the status bar names it.
    fn copy_target(&self) -> Result<(String, String), String> {
        let key = |key: &str| Ok((key.to_owned(), key.to_owned()));
        match self.focus {
            Pane::Caller => {
                let Some(view) = &self.views.caller else {
                    return Err("no caller is shown".into());
                };
                let caller = &view.caller;
                match caller.phones.first() {
                    Some(phone) => Ok((phone.clone(), format!("{}'s phone {phone}", caller.name))),
                    None => Err(format!("{} has no phone number", caller.name)),
                }
            }
            Pane::Queue => match self.views.queue.get(self.queue_selected) {
                Some(ticket) => key(&ticket.key),
                None => Err("the queue is empty".into()),
            },
            Pane::Promises => match self.views.promises.get(self.promise_selected) {
                Some(promise) => key(&promise.ticket_key),
                None => Err("no promise is selected".into()),
            },
            Pane::Ticket => match self.current_ticket() {
                Some(ticket) => key(&ticket.key),
                None => Err("no ticket is open".into()),
            },
        }
    }
}
