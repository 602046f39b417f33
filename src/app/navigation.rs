//! Moving about the desk: the queue filters, the cursor in each pane, and opening what it
//! points at.

use super::paging::{self, PROMISE_PAGE, QUEUE_PAGE};
use super::{App, Effect, Pane};
use crate::domain::{Id, QueueFilter};

impl App {
    pub(super) fn set_filter(&mut self, filter: QueueFilter) -> Vec<Effect> {
        self.filter = filter;
        self.queue_selected = 0;
        self.focus = Pane::Queue;
        self.refresh()
    }

    /// Moves the cursor of the focused pane; a list whose cursor nears the end of what was
    /// loaded asks for the next page.
    pub(super) fn move_selection(&mut self, down: bool) -> Vec<Effect> {
        let step = |value: &mut usize, len: usize| {
            *value = if down {
                (*value + 1).min(len.saturating_sub(1))
            } else {
                value.saturating_sub(1)
            }
        };
        match self.focus {
            Pane::Queue => {
                step(&mut self.queue_selected, self.views.queue.len());
                if paging::needs_more(self.queue_selected, self.views.queue.len(), QUEUE_PAGE) {
                    return self.refresh();
                }
            }
            Pane::Promises => {
                step(&mut self.promise_selected, self.views.promises.len());
                let loaded = self.views.promises.len();
                if paging::needs_more(self.promise_selected, loaded, PROMISE_PAGE) {
                    return self.refresh();
                }
            }
            Pane::Caller => {
                let len = self
                    .views
                    .caller
                    .as_ref()
                    .map_or(0, |c| c.prior_contacts.len());
                step(&mut self.contact_selected, len);
            }
            // The timeline reads newest last, so "down" moves towards the newest entry.
            Pane::Ticket => {
                self.timeline_scroll = if down {
                    self.timeline_scroll.saturating_sub(1)
                } else {
                    self.timeline_scroll.saturating_add(1)
                }
            }
        }
        Vec::new()
    }

    pub(super) fn open_selected(&mut self) -> Vec<Effect> {
        let target = match self.focus {
            Pane::Queue => self
                .views
                .queue
                .get(self.queue_selected)
                .map(|t| t.id.clone()),
            Pane::Promises => self
                .views
                .promises
                .get(self.promise_selected)
                .map(|p| p.ticket_id.clone()),
            Pane::Caller => self.views.caller.as_ref().and_then(|c| {
                c.prior_contacts
                    .get(self.contact_selected)
                    .map(|p| p.ticket_id.clone())
            }),
            Pane::Ticket => None,
        };
        match target {
            Some(id) => self.open_ticket(id),
            None => Vec::new(),
        }
    }

    pub(super) fn open_ticket(&mut self, ticket_id: Id) -> Vec<Effect> {
        if self.ticket_id.as_ref() != Some(&ticket_id) {
            self.timeline_scroll = 0;
            self.contact_selected = 0;
            // The caller follows the ticket once it has loaded (see `on_loaded`).
            self.caller_id = None;
        }
        self.ticket_id = Some(ticket_id);
        self.refresh()
    }
}
