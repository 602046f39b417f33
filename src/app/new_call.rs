//! The new-call flow: find the caller while they speak, or add them, then open a ticket or
//! log the call on one of their open tickets.

use ratatui::crossterm::event::KeyEvent;

use super::picker::{Picker, PickerEvent};
use super::{App, Effect, Popup, StoreEffect, forms};
use crate::domain::{CallerHit, Id, Ticket};

/// The caller search that opens a new call. Its extra row, always last, is "new caller",
/// so an unknown caller is added without leaving the flow.
pub type CallerSearch = Picker<CallerHit>;

impl App {
    pub(super) fn on_search_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Popup::Search(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let event = search.handle_key(key, &self.keymap.picker);
        self.on_search_event(event)
    }

    pub(super) fn on_search_paste(&mut self, text: &str) -> Vec<Effect> {
        let Some(Popup::Search(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let event = search.paste(text);
        self.on_search_event(event)
    }

    fn on_search_event(&mut self, event: PickerEvent) -> Vec<Effect> {
        let Some(Popup::Search(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        match event {
            PickerEvent::Close => self.popup = None,
            PickerEvent::Pick(hit) => {
                if let Some(hit) = search.hits.get(hit) {
                    let caller_id = hit.id.clone();
                    return self.choose_caller(caller_id);
                }
            }
            PickerEvent::PickExtra => {
                let query = search.query();
                self.popup = Some(Popup::Form(forms::new_caller(&query, &self.texts)));
            }
            PickerEvent::Changed => {
                if let Some(query) = search.words_to_search() {
                    return vec![Effect::Store(StoreEffect::SearchCallers(query))];
                }
            }
            PickerEvent::Nothing => {}
        }
        Vec::new()
    }

    /// Hits arrive for the query they were asked for; a reply to an older query is dropped.
    pub(super) fn on_caller_hits(&mut self, query: String, hits: Vec<CallerHit>) {
        self.on_merge_hits(&query, &hits);
        if let Some(Popup::Search(search)) = &mut self.popup {
            // The pass over every caller may answer while the agent is choosing: the
            // cursor stays on the caller it was on.
            search.answer_keeping_choice(&query, hits, |hit| hit.id.clone());
        }
    }

    /// Shows the caller's card at once; their open tickets decide the next step.
    pub(super) fn choose_caller(&mut self, caller_id: Id) -> Vec<Effect> {
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
        if let Some(ticket) = self.open_tickets_of_caller(&caller_id).get(selected - 1) {
            self.popup = Some(Popup::Form(forms::log_call(ticket, &self.texts)));
        }
        Vec::new()
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
