//! Where a key or a paste goes: the open popup first, else the focused pane's command.

use ratatui::crossterm::event::KeyEvent;

use super::form::{FormEvent, FormKind};
use super::palette::PaletteEvent;
use super::{App, Effect, PASTE_MAX_CHARS, Pane, Popup, review};
use crate::keymap::{Command, ListCommand, TextCommand};
use crate::t;

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.popup.is_some() {
            return self.on_popup_key(key);
        }
        self.message = None;
        match self.keymap.command_for(&key) {
            Some(command) => self.run(command),
            None => Vec::new(),
        }
    }

    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        // A paste is data: escape sequences and other control characters never reach a field.
        let cleaned = crate::domain::text::clean_paste(text);
        let text = cleaned.as_str();
        let (text, cut) = match text.char_indices().nth(PASTE_MAX_CHARS) {
            Some((end, _)) => (&text[..end], true),
            None => (text, false),
        };
        let notice = t!(
            self.texts,
            "msg-paste-cut",
            count = PASTE_MAX_CHARS,
            key = self.keymap.shortcut(Command::NoteInEditor)
        );
        match &mut self.popup {
            Some(Popup::Form(form)) => {
                let pasted = form.paste(text);
                if pasted && cut {
                    form.error = Some(notice);
                }
                self.rank_earlier();
                self.show_agents();
            }
            Some(Popup::Search(_)) => {
                let effects = self.on_search_paste(text);
                if cut {
                    self.error(notice);
                }
                return effects;
            }
            Some(Popup::Palette(palette)) => {
                palette.paste(text);
                if cut {
                    self.error(notice);
                }
            }
            Some(Popup::FindTicket(_)) => return self.on_find_ticket_paste(text),
            Some(Popup::Script(script)) => script.paste(text),
            Some(Popup::Kb(_)) => return self.on_kb_paste(text),
            Some(Popup::MergeCaller(_)) => return self.on_merge_paste(text),
            _ => {}
        }
        Vec::new()
    }

    fn on_popup_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.complete_agent(&key) {
            self.show_agents();
            return Vec::new();
        }
        let Some(popup) = self.popup.as_mut() else {
            return Vec::new();
        };
        match popup {
            Popup::Help { scroll } | Popup::Text { scroll, .. } => {
                match self.keymap.text.command_for(&key) {
                    Some(TextCommand::Close) => self.popup = None,
                    Some(command) => {
                        scroll.apply(command);
                    }
                    // The key that opened the help closes it, whatever the config made it.
                    None if self.keymap.command_for(&key) == Some(Command::Help) => {
                        self.popup = None
                    }
                    None => {}
                }
            }
            Popup::Palette(palette) => match palette.handle_key(key, &self.keymap.picker) {
                PaletteEvent::Run(command) => {
                    self.popup = None;
                    return self.run(command);
                }
                PaletteEvent::Close => self.popup = None,
                PaletteEvent::Nothing => {}
            },
            Popup::Search(_) => return self.on_search_key(key),
            Popup::FindTicket(_) => return self.on_find_ticket_key(key),
            Popup::Script(_) => return self.on_script_key(key),
            Popup::Kb(_) => return self.on_kb_key(key),
            Popup::Article(_) => return self.on_article_key(key),
            Popup::MergeCaller(_) => return self.on_merge_key(key),
            Popup::AwaitCaller { .. } => {
                if self.keymap.list.command_for(&key) == Some(ListCommand::Close) {
                    self.popup = None;
                    return self.caller_follows_ticket();
                }
            }
            Popup::PickTicket {
                caller_id,
                selected,
            } => {
                let rows = 1 + match &self.views.caller {
                    Some(view) if view.caller.id == *caller_id => view.open_tickets.len(),
                    _ => 0,
                };
                match self.keymap.list.command_for(&key) {
                    Some(ListCommand::Close) => {
                        self.popup = None;
                        return self.caller_follows_ticket();
                    }
                    Some(ListCommand::Next) => *selected = (*selected + 1).min(rows - 1),
                    Some(ListCommand::Previous) => *selected = selected.saturating_sub(1),
                    Some(ListCommand::Open) => {
                        let (caller_id, selected) = (caller_id.clone(), *selected);
                        return self.pick_ticket(caller_id, selected);
                    }
                    None => {}
                }
            }
            Popup::Review(review) => {
                let keys = &self.keymap.list;
                match review.handle_key(key, keys, self.now, self.config.time_zone) {
                    review::ReviewEvent::Open(ticket_id) => {
                        self.popup = None;
                        self.focus = Pane::Ticket;
                        return self.open_ticket(ticket_id);
                    }
                    review::ReviewEvent::Close => self.popup = None,
                    review::ReviewEvent::Nothing => {}
                }
            }
            Popup::Form(form) => match form.handle_key(key, &self.keymap) {
                FormEvent::Submit => return self.submit_form(),
                FormEvent::Cancel => {
                    let new_call = matches!(form.kind, FormKind::Subject { .. });
                    self.popup = None;
                    if new_call {
                        return self.caller_follows_ticket();
                    }
                }
                FormEvent::Changed => {
                    self.rank_earlier();
                    self.show_agents();
                }
                FormEvent::Nothing => {}
            },
        }
        Vec::new()
    }
}
