//! The `:` command palette: every command by its stable name, with fuzzy completion.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::crossterm::event::KeyEvent;

use super::picker::{Picker, PickerEvent};
use crate::i18n::Texts;
use crate::keymap::{Bindings, Command, PickerCommand};

/// A picker over the commands: its keys, paste and drawing are every search's; what it adds
/// is how the commands are ranked against the words typed.
pub struct Palette {
    pub picker: Picker<Command>,
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
        let mut picker = Picker::default();
        picker.show(Command::ALL.to_vec());
        Palette {
            picker,
            descriptions: Command::ALL
                .iter()
                .map(|c| (*c, c.description(texts)))
                .collect(),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, keys: &Bindings<PickerCommand>) -> PaletteEvent {
        let event = self.picker.handle_key(key, keys);
        self.on(event)
    }

    /// One line, like a typed name; the list follows what was pasted.
    pub fn paste(&mut self, text: &str) {
        let event = self.picker.paste(text);
        self.on(event);
    }

    pub fn query(&self) -> String {
        self.picker.query()
    }

    fn on(&mut self, event: PickerEvent) -> PaletteEvent {
        match event {
            PickerEvent::Close => PaletteEvent::Close,
            PickerEvent::Pick(hit) => match self.picker.hits.get(hit) {
                Some(command) => PaletteEvent::Run(*command),
                None => PaletteEvent::Nothing,
            },
            PickerEvent::Changed => {
                self.refilter();
                PaletteEvent::Nothing
            }
            PickerEvent::PickExtra | PickerEvent::Nothing => PaletteEvent::Nothing,
        }
    }

    /// An exact name wins; otherwise the best fuzzy matches over name and description.
    fn refilter(&mut self) {
        let query = self.query();
        let query = query.trim_start_matches(':');
        if query.is_empty() {
            self.picker.show(Command::ALL.to_vec());
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
        self.picker
            .show(scored.into_iter().map(|(_, c)| c).collect());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn english() -> Palette {
        Palette::new(&Texts::new(Language::English))
    }

    fn type_text(palette: &mut Palette, text: &str) {
        for c in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            palette.handle_key(key, &PickerCommand::defaults());
        }
    }

    #[test]
    fn completes_command_names_fuzzily() {
        let mut palette = english();
        type_text(&mut palette, "prom");
        assert_eq!(palette.picker.hits.first(), Some(&Command::Promise));
        let mut palette = english();
        type_text(&mut palette, "nc");
        assert_eq!(palette.picker.hits.first(), Some(&Command::NewCall));
        let mut palette = english();
        type_text(&mut palette, "kept");
        assert_eq!(palette.picker.hits.first(), Some(&Command::Kept));
    }

    #[test]
    fn a_pasted_name_filters_like_a_typed_one() {
        let mut palette = english();
        palette.paste("reschedule\r\n");
        assert_eq!(palette.query(), "reschedule");
        assert_eq!(palette.picker.input.lines().len(), 1, "one line");
        assert_eq!(palette.picker.hits.first(), Some(&Command::Reschedule));
    }

    #[test]
    fn finds_a_command_by_the_words_of_its_description_in_the_agents_language() {
        let mut palette = Palette::new(&Texts::new(Language::Dutch));
        type_text(&mut palette, "dienstoverdracht");
        assert_eq!(palette.picker.hits.first(), Some(&Command::Handover));
        let mut palette = Palette::new(&Texts::new(Language::Hungarian));
        type_text(&mut palette, "műszakátadás");
        assert_eq!(palette.picker.hits.first(), Some(&Command::Handover));
    }
}
