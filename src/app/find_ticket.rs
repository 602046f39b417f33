//! Finding a ticket by its key or the words of its subject: for the caller who reads out
//! a ticket number, or says "the printer thing from last week".

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::{App, Effect, Pane, Popup, StoreEffect};
use crate::domain::Ticket;

#[derive(Default)]
pub struct TicketSearch {
    pub input: TextArea<'static>,
    pub hits: Vec<Ticket>,
    pub selected: usize,
}

impl TicketSearch {
    pub fn query(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }
}

impl App {
    pub(super) fn on_find_ticket_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Popup::FindTicket(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let last = search.hits.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => self.popup = None,
            KeyCode::Down | KeyCode::Tab => search.selected = (search.selected + 1).min(last),
            KeyCode::Up | KeyCode::BackTab => search.selected = search.selected.saturating_sub(1),
            KeyCode::Enter => {
                if let Some(ticket) = search.hits.get(search.selected) {
                    let id = ticket.id.clone();
                    self.popup = None;
                    self.focus = Pane::Ticket;
                    return self.open_ticket(id);
                }
            }
            _ => {
                if search.input.input(key) {
                    return search_for(search);
                }
            }
        }
        Vec::new()
    }

    pub(super) fn on_find_ticket_paste(&mut self, text: &str) -> Vec<Effect> {
        match self.popup.as_mut() {
            Some(Popup::FindTicket(search)) => {
                search.input.insert_str(text.replace(['\r', '\n'], " "));
                search_for(search)
            }
            _ => Vec::new(),
        }
    }

    /// Hits arrive for the query they were asked for; a reply to an older query is dropped.
    pub(super) fn on_ticket_hits(&mut self, query: String, hits: Vec<Ticket>) {
        if let Some(Popup::FindTicket(search)) = &mut self.popup
            && search.query() == query
        {
            search.hits = hits;
            search.selected = 0;
        }
    }
}

fn search_for(search: &mut TicketSearch) -> Vec<Effect> {
    let query = search.query();
    if query.is_empty() {
        search.hits.clear();
        search.selected = 0;
        return Vec::new();
    }
    vec![Effect::Store(StoreEffect::SearchTickets(query))]
}
