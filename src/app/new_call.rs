//! The new-call flow: find the caller while they speak, or add them, then open a ticket or
//! log the call on one of their open tickets.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::{App, Effect, Popup, StoreEffect, Write, forms};
use crate::domain::{CallerHit, Id, Ticket};

/// The caller search that opens a new call. The last row of the list is always
/// "new caller", so an unknown caller is added without leaving the flow.
pub struct CallerSearch {
    pub input: TextArea<'static>,
    pub hits: Vec<CallerHit>,
    pub selected: usize,
}

impl CallerSearch {
    pub fn query(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }
}

impl App {
    pub(super) fn on_search_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Popup::Search(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let rows = search.hits.len() + 1;
        match key.code {
            KeyCode::Esc => self.popup = None,
            KeyCode::Down | KeyCode::Tab => search.selected = (search.selected + 1).min(rows - 1),
            KeyCode::Up | KeyCode::BackTab => search.selected = search.selected.saturating_sub(1),
            KeyCode::Enter => {
                return match search.hits.get(search.selected) {
                    Some(hit) => {
                        let caller_id = hit.id.clone();
                        self.choose_caller(caller_id)
                    }
                    None => {
                        let query = search.query();
                        self.popup = Some(Popup::Form(forms::new_caller(&query, &self.texts)));
                        Vec::new()
                    }
                };
            }
            _ => {
                if search.input.input(key) {
                    let query = search.query();
                    if query.is_empty() {
                        search.hits.clear();
                        search.selected = 0;
                    } else {
                        return vec![Effect::Store(StoreEffect::SearchCallers(query))];
                    }
                }
            }
        }
        Vec::new()
    }

    /// Hits arrive for the query they were asked for; a reply to an older query is dropped.
    pub(super) fn on_caller_hits(&mut self, query: String, hits: Vec<CallerHit>) {
        if let Some(Popup::Search(search)) = &mut self.popup
            && search.query() == query
        {
            // The pass over every caller may answer while the agent is choosing: the
            // cursor stays on the caller it was on.
            let chosen = search.hits.get(search.selected).map(|h| h.id.clone());
            search.selected = chosen
                .and_then(|id| hits.iter().position(|h| h.id == id))
                .unwrap_or(0);
            search.hits = hits;
        }
    }

    /// Shows the caller's card at once; their open tickets decide the next step.
    fn choose_caller(&mut self, caller_id: Id) -> Vec<Effect> {
        self.caller_id = Some(caller_id.clone());
        self.contact_selected = 0;
        self.popup = Some(Popup::AwaitCaller {
            caller_id: caller_id.clone(),
        });
        self.earlier = None;
        let mut effects = self.refresh();
        effects.push(Effect::Store(StoreEffect::LoadEarlier(caller_id)));
        effects
    }

    pub(super) fn pick_ticket(&mut self, caller_id: Id, selected: usize) -> Vec<Effect> {
        if selected == 0 {
            self.popup = Some(Popup::Form(forms::subject(caller_id, &self.texts)));
            return Vec::new();
        }
        match self.open_tickets_of_caller(&caller_id).get(selected - 1) {
            Some(ticket) => vec![Effect::Store(StoreEffect::Write(Write::LogCall {
                ticket_id: ticket.id.clone(),
            }))],
            None => Vec::new(),
        }
    }

    pub fn open_tickets_of_caller(&self, caller_id: &str) -> &[Ticket] {
        match &self.views.caller {
            Some(view) if view.caller.id == caller_id => &view.open_tickets,
            _ => &[],
        }
    }

    /// Once the chosen caller's card has loaded, their open tickets decide the next step.
    pub(super) fn offer_tickets_once_caller_loaded(&mut self) {
        if let Some(Popup::AwaitCaller { caller_id }) = &self.popup {
            let caller_id = caller_id.clone();
            if self.views.caller.as_ref().map(|c| &c.caller.id) == Some(&caller_id) {
                self.popup = Some(if self.open_tickets_of_caller(&caller_id).is_empty() {
                    Popup::Form(forms::subject(caller_id, &self.texts))
                } else {
                    Popup::PickTicket {
                        caller_id,
                        selected: 0,
                    }
                });
            }
        }
    }
}
