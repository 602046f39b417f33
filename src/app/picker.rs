//! One search-as-you-type list, shared by the caller, ticket and knowledge-base searches and
//! the command palette:
//! a line of words, the hits that answer them, and the row the cursor is on. Each search
//! says only what differs: what a hit is, where the words are sent, what Enter does.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::keymap::{Bindings, PickerCommand};

pub struct Picker<T> {
    pub input: TextArea<'static>,
    pub hits: Vec<T>,
    pub selected: usize,
    /// A selectable row after the hits (the caller search's "new caller"), always there.
    extra_row: bool,
}

/// What a key or a paste asks of the search that owns the picker.
#[derive(Debug, PartialEq, Eq)]
pub enum PickerEvent {
    Close,
    /// Enter on the hit at this index.
    Pick(usize),
    /// Enter on the row after the hits.
    PickExtra,
    /// The words changed: the hits no longer answer them.
    Changed,
    Nothing,
}

impl<T> Default for Picker<T> {
    fn default() -> Self {
        Picker {
            input: TextArea::default(),
            hits: Vec::new(),
            selected: 0,
            extra_row: false,
        }
    }
}

impl<T> Picker<T> {
    /// A picker whose last row is always there, below whatever was found.
    pub fn with_extra_row() -> Self {
        Picker {
            extra_row: true,
            ..Picker::default()
        }
    }

    /// The words typed, as one line without the spaces around it.
    pub fn query(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }

    /// The rows the cursor can be on.
    pub fn rows(&self) -> usize {
        self.hits.len() + usize::from(self.extra_row)
    }

    pub fn has_extra_row(&self) -> bool {
        self.extra_row
    }

    /// The hit under the cursor, if the cursor is on one.
    pub fn chosen(&self) -> Option<&T> {
        self.hits.get(self.selected)
    }

    /// A key bound in the picker's keymap runs its command; any other key is typed.
    pub fn handle_key(&mut self, key: KeyEvent, keys: &Bindings<PickerCommand>) -> PickerEvent {
        match keys.command_for(&key) {
            Some(PickerCommand::Close) => PickerEvent::Close,
            Some(PickerCommand::Next) => {
                self.selected = (self.selected + 1).min(self.rows().saturating_sub(1));
                PickerEvent::Nothing
            }
            Some(PickerCommand::Previous) => {
                self.selected = self.selected.saturating_sub(1);
                PickerEvent::Nothing
            }
            Some(PickerCommand::Pick) if self.selected < self.hits.len() => {
                PickerEvent::Pick(self.selected)
            }
            Some(PickerCommand::Pick) if self.extra_row => PickerEvent::PickExtra,
            Some(PickerCommand::Pick) => PickerEvent::Nothing,
            // The words are one line: an Enter the keymap does not bind breaks none.
            None if key.code == KeyCode::Enter => PickerEvent::Nothing,
            None if self.input.input(key) => PickerEvent::Changed,
            None => PickerEvent::Nothing,
        }
    }

    /// A paste is typed words on one line: line breaks become spaces.
    pub fn paste(&mut self, text: &str) -> PickerEvent {
        self.input.insert_str(text.replace(['\r', '\n'], " "));
        PickerEvent::Changed
    }

    /// The words to look up, or `None` when there are none: nothing typed finds nothing, so
    /// the list is emptied at once instead of asking.
    pub fn words_to_search(&mut self) -> Option<String> {
        let query = self.query();
        if query.is_empty() {
            self.show(Vec::new());
            return None;
        }
        Some(query)
    }

    /// New hits for the words as they are now; the cursor goes back to the best one.
    pub fn show(&mut self, hits: Vec<T>) {
        self.hits = hits;
        self.selected = 0;
    }

    /// Hits that arrive later, for the words they were asked for: an answer to words typed
    /// over since is dropped. Returns whether they were taken.
    pub fn answer(&mut self, query: &str, hits: Vec<T>) -> bool {
        if self.query() != query {
            return false;
        }
        self.show(hits);
        true
    }

    /// Like `answer`, but the cursor stays on the hit it was on when that hit is found
    /// again (same `identity`): a second, slower pass may answer while the agent chooses.
    pub fn answer_keeping_choice<K: PartialEq>(
        &mut self,
        query: &str,
        hits: Vec<T>,
        identity: impl Fn(&T) -> K,
    ) -> bool {
        if self.query() != query {
            return false;
        }
        let chosen = self.chosen().map(&identity);
        self.selected = chosen
            .and_then(|id| hits.iter().position(|h| identity(h) == id))
            .unwrap_or(0);
        self.hits = hits;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::{Key, Remap};
    use ratatui::crossterm::event::KeyModifiers;

    fn press(picker: &mut Picker<&'static str>, code: KeyCode) -> PickerEvent {
        picker.handle_key(
            KeyEvent::new(code, KeyModifiers::NONE),
            &PickerCommand::defaults(),
        )
    }

    fn type_text(picker: &mut Picker<&'static str>, text: &str) {
        for c in text.chars() {
            assert_eq!(press(picker, KeyCode::Char(c)), PickerEvent::Changed);
        }
    }

    #[test]
    fn typing_changes_the_words_and_moving_stays_within_the_hits() {
        let mut picker = Picker::default();
        type_text(&mut picker, "  jan ");
        assert_eq!(picker.query(), "jan");
        picker.show(vec!["Jan", "Janneke"]);
        for _ in 0..5 {
            press(&mut picker, KeyCode::Down);
        }
        assert_eq!(picker.selected, 1);
        assert_eq!(press(&mut picker, KeyCode::Enter), PickerEvent::Pick(1));
        press(&mut picker, KeyCode::BackTab);
        press(&mut picker, KeyCode::Up);
        assert_eq!(picker.selected, 0);
        assert_eq!(press(&mut picker, KeyCode::Esc), PickerEvent::Close);
    }

    #[test]
    fn enter_without_a_hit_does_nothing_unless_there_is_an_extra_row() {
        let mut plain: Picker<&str> = Picker::default();
        assert_eq!(press(&mut plain, KeyCode::Enter), PickerEvent::Nothing);

        let mut with_row = Picker::with_extra_row();
        with_row.show(vec!["Jan"]);
        press(&mut with_row, KeyCode::Tab);
        press(&mut with_row, KeyCode::Tab);
        assert_eq!(with_row.selected, 1, "the cursor stops on the extra row");
        assert_eq!(press(&mut with_row, KeyCode::Enter), PickerEvent::PickExtra);
    }

    #[test]
    fn a_paste_is_one_line_of_words() {
        let mut picker: Picker<&str> = Picker::default();
        assert_eq!(picker.paste("printer\r\nthird floor"), PickerEvent::Changed);
        assert_eq!(picker.query(), "printer  third floor");
        assert_eq!(picker.input.lines().len(), 1);
    }

    #[test]
    fn nothing_typed_empties_the_list_without_asking() {
        let mut picker = Picker::default();
        type_text(&mut picker, "x");
        picker.show(vec!["Xander"]);
        press(&mut picker, KeyCode::Backspace);
        assert_eq!(picker.words_to_search(), None);
        assert!(picker.hits.is_empty());
        type_text(&mut picker, "y");
        assert_eq!(picker.words_to_search().as_deref(), Some("y"));
    }

    #[test]
    fn an_answer_to_older_words_is_dropped() {
        let mut picker = Picker::default();
        type_text(&mut picker, "ja");
        type_text(&mut picker, "n");
        assert!(!picker.answer("ja", vec!["Jaap"]));
        assert!(picker.hits.is_empty());
        assert!(picker.answer("jan", vec!["Jan"]));
        assert_eq!(picker.hits, ["Jan"]);
    }

    #[test]
    fn a_later_answer_keeps_the_cursor_on_the_same_hit() {
        let mut picker = Picker::default();
        type_text(&mut picker, "jan");
        picker.show(vec!["Jan", "Janneke"]);
        press(&mut picker, KeyCode::Down);
        assert!(picker.answer_keeping_choice("jan", vec!["Jansen", "Jan", "Janneke"], |h| *h));
        assert_eq!(picker.chosen(), Some(&"Janneke"));
        assert!(picker.answer_keeping_choice("jan", vec!["Jansen"], |h| *h));
        assert_eq!(
            picker.selected, 0,
            "a hit that is gone leaves the cursor on the best"
        );
    }

    #[test]
    fn remapped_keys_move_and_the_freed_key_is_typed() {
        let keys = PickerCommand::defaults().remapped(&[Remap {
            command: PickerCommand::Next,
            keys: vec![Key::ctrl('n')],
        }]);
        let mut picker = Picker::default();
        picker.show(vec!["Jan", "Janneke"]);
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(picker.handle_key(ctrl_n, &keys), PickerEvent::Nothing);
        assert_eq!(picker.selected, 1);
        let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
        picker.handle_key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE), &keys);
        picker.handle_key(down, &keys);
        assert_eq!(picker.selected, 0, "Down is no longer `next`");
        let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
        picker.handle_key(tab, &keys);
        assert_eq!(picker.selected, 0, "nor is Tab");
    }
}
