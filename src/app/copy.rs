//! `y` copies what the focus is on: the key of the selected ticket, or in the Caller pane the
//! caller's phone number, to be pasted into a chat or a phone. The runtime puts it on the
//! clipboard through the terminal (OSC 52), which works over ssh as well.

use super::{App, Effect, Pane, TerminalEffect};
use crate::domain::text::escape_line;
use crate::t;

impl App {
    pub(super) fn copy(&mut self) -> Vec<Effect> {
        if !self.config.clipboard {
            self.error(t!(self.texts, "msg-copy-off"));
            return Vec::new();
        }
        match self.copy_target() {
            Ok((text, what)) => {
                self.info(t!(self.texts, "msg-copied", what = what));
                vec![Effect::Terminal(TerminalEffect::Copy(text))]
            }
            Err(reason) => {
                self.error(t!(self.texts, "msg-not-copied", reason = reason));
                Vec::new()
            }
        }
    }

    /// The text to copy and how the status bar names it.
    fn copy_target(&self) -> Result<(String, String), String> {
        let key = |key: &str| {
            let key = escape_line(key).into_owned();
            Ok((key.clone(), key))
        };
        let texts = &self.texts;
        match self.focus {
            Pane::Caller => {
                let Some(view) = &self.views.caller else {
                    return Err(t!(texts, "copy-no-caller"));
                };
                let caller = &view.caller;
                match caller.phones.first() {
                    // The clipboard gets exactly what the status bar shows: a phone stored with
                    // a line break and a command (from an older desk) is pasted as one
                    // harmless line, never run.
                    Some(phone) => {
                        let shown = escape_line(phone).into_owned();
                        Ok((
                            shown.clone(),
                            t!(
                                texts,
                                "copy-phone",
                                name = caller.name.as_str(),
                                phone = shown.as_str()
                            ),
                        ))
                    }
                    None => Err(t!(texts, "copy-no-phone", name = caller.name.as_str())),
                }
            }
            Pane::Queue => match self.views.queue.get(self.queue_selected) {
                Some(ticket) => key(&ticket.key),
                None => Err(t!(texts, "copy-queue-empty")),
            },
            Pane::Promises => match self.views.promises.get(self.promise_selected) {
                Some(promise) => key(&promise.ticket_key),
                None => Err(t!(texts, "copy-no-promise")),
            },
            Pane::Ticket => match self.current_ticket() {
                Some(ticket) => key(&ticket.key),
                None => Err(t!(texts, "copy-no-ticket")),
            },
        }
    }
}
