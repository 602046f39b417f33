//! Finding a ticket by its key or the words of its subject: for the caller who reads out
//! a ticket number, or says "the printer thing from last week".

use ratatui::crossterm::event::KeyEvent;

use super::picker::{Picker, PickerEvent};
use super::{App, Effect, Pane, Popup, StoreEffect};
use crate::domain::Ticket;

/// The store answers the words; Enter opens the chosen ticket.
pub type TicketSearch = Picker<Ticket>;

impl App {
    pub(super) fn on_find_ticket_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Popup::FindTicket(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let event = search.handle_key(key, &self.keymap.picker);
        self.on_find_ticket_event(event)
    }

    pub(super) fn on_find_ticket_paste(&mut self, text: &str) -> Vec<Effect> {
        let Some(Popup::FindTicket(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let event = search.paste(text);
        self.on_find_ticket_event(event)
    }

    fn on_find_ticket_event(&mut self, event: PickerEvent) -> Vec<Effect> {
        let Some(Popup::FindTicket(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        match event {
            PickerEvent::Close => self.popup = None,
            PickerEvent::Pick(hit) => {
                if let Some(ticket) = search.hits.get(hit) {
                    let id = ticket.id.clone();
                    self.popup = None;
                    self.focus = Pane::Ticket;
                    return self.open_ticket(id);
                }
            }
            PickerEvent::Changed => {
                if let Some(query) = search.words_to_search() {
                    return vec![Effect::Store(StoreEffect::SearchTickets(query))];
                }
            }
            PickerEvent::PickExtra | PickerEvent::Nothing => {}
        }
        Vec::new()
    }

    /// Hits arrive for the query they were asked for; a reply to an older query is dropped.
    pub(super) fn on_ticket_hits(&mut self, query: String, hits: Vec<Ticket>) {
        if let Some(Popup::FindTicket(search)) = &mut self.popup {
            search.answer(&query, hits);
        }
    }
}
