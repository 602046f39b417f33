//! The `:` command palette: every command by its stable name, with fuzzy completion.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::i18n::Texts;
use crate::keymap::Command;

pub struct Palette {
    pub input: TextArea<'static>,
    pub matches: Vec<Command>,
    pub selected: usize,
    /// Each command's description in the agent's language, so that the palette finds a
    /// command by the words the agent reads next to it.
    descriptions: Vec<(Command, String)>,
}

pub enum PaletteEvent {
    Run(Command),
    Close,
    Nothing,
}

impl Palette {
    pub fn new(texts: &Texts) -> Palette {
        Palette {
            input: TextArea::default(),
            matches: Command::ALL.to_vec(),
            selected: 0,
            descriptions: Command::ALL
                .iter()
                .map(|c| (*c, c.description(texts)))
                .collect(),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PaletteEvent {
        match key.code {
            KeyCode::Esc => PaletteEvent::Close,
            KeyCode::Enter => match self.matches.get(self.selected) {
                Some(command) => PaletteEvent::Run(*command),
                None => PaletteEvent::Nothing,
            },
            KeyCode::Down | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(self.matches.len().saturating_sub(1));
                PaletteEvent::Nothing
            }
            KeyCode::Up | KeyCode::BackTab => {
                self.selected = self.selected.saturating_sub(1);
                PaletteEvent::Nothing
            }
            _ => {
                if self.input.input(key) {
                    self.refilter();
                }
                PaletteEvent::Nothing
            }
        }
    }

    /// One line, like a typed name; the list follows what was pasted.
    pub fn paste(&mut self, text: &str) {
        self.input.insert_str(text.replace(['\r', '\n'], " "));
        self.refilter();
    }

    pub fn query(&self) -> String {
        self.input.lines().join(" ")
    }

    /// An exact name wins; otherwise the best fuzzy matches over name and description.
    fn refilter(&mut self) {
        let query = self.query();
        let query = query.trim().trim_start_matches(':');
        self.selected = 0;
        if query.is_empty() {
            self.matches = Command::ALL.to_vec();
            return;
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, Command)> = self
            .descriptions
            .iter()
            .filter_map(|(c, description)| {
                let by_name = matcher.fuzzy_match(c.name(), query).map(|s| s * 2);
                let by_description = matcher.fuzzy_match(description, query);
                let exact = (c.name() == query).then_some(i64::MAX);
                exact.or(by_name.max(by_description)).map(|s| (s, *c))
            })
            .collect();
        scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        self.matches = scored.into_iter().map(|(_, c)| c).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;
    use ratatui::crossterm::event::KeyModifiers;

    fn english() -> Palette {
        Palette::new(&Texts::new(Language::English))
    }

    fn type_text(palette: &mut Palette, text: &str) {
        for c in text.chars() {
            palette.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn completes_command_names_fuzzily() {
        let mut palette = english();
        type_text(&mut palette, "prom");
        assert_eq!(palette.matches.first(), Some(&Command::Promise));
        let mut palette = english();
        type_text(&mut palette, "nc");
        assert_eq!(palette.matches.first(), Some(&Command::NewCall));
        let mut palette = english();
        type_text(&mut palette, "kept");
        assert_eq!(palette.matches.first(), Some(&Command::Kept));
    }

    #[test]
    fn a_pasted_name_filters_like_a_typed_one() {
        let mut palette = english();
        palette.paste("reschedule\r\n");
        assert_eq!(palette.query(), "reschedule  ");
        assert_eq!(palette.matches.first(), Some(&Command::Reschedule));
    }

    #[test]
    fn finds_a_command_by_the_words_of_its_description_in_the_agents_language() {
        let mut palette = Palette::new(&Texts::new(Language::Dutch));
        type_text(&mut palette, "dienstoverdracht");
        assert_eq!(palette.matches.first(), Some(&Command::Handover));
        let mut palette = Palette::new(&Texts::new(Language::Hungarian));
        type_text(&mut palette, "műszakátadás");
        assert_eq!(palette.matches.first(), Some(&Command::Handover));
    }
}
