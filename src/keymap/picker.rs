//! The keys of a search list (the caller, ticket and knowledge-base searches, and the `:`
//! palette). Any other key is typed into the search line.

use ratatui::crossterm::event::KeyCode;

use super::Key;
use super::context::{Bindings, ContextCommand};
use crate::i18n::Texts;
use crate::t;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PickerCommand {
    Close,
    Next,
    Previous,
    Pick,
}

impl ContextCommand for PickerCommand {
    const CONTEXT: &'static str = "picker";
    const ALL: &'static [Self] = &[
        PickerCommand::Close,
        PickerCommand::Next,
        PickerCommand::Previous,
        PickerCommand::Pick,
    ];

    fn name(self) -> &'static str {
        match self {
            PickerCommand::Close => "close",
            PickerCommand::Next => "next",
            PickerCommand::Previous => "previous",
            PickerCommand::Pick => "pick",
        }
    }

    fn description(self, texts: &Texts) -> String {
        PickerCommand::description(self, texts)
    }
}

impl PickerCommand {
    /// What the key does, in the agent's language.
    pub fn description(self, texts: &Texts) -> String {
        match self {
            PickerCommand::Close => t!(texts, "picker-command-close"),
            PickerCommand::Next => t!(texts, "picker-command-next"),
            PickerCommand::Previous => t!(texts, "picker-command-previous"),
            PickerCommand::Pick => t!(texts, "picker-command-pick"),
        }
    }

    pub fn defaults() -> Bindings<PickerCommand> {
        use KeyCode::*;
        use PickerCommand::*;
        Bindings::new([
            (Key::plain(Esc), Close),
            (Key::plain(Down), Next),
            (Key::plain(Tab), Next),
            (Key::plain(Up), Previous),
            (Key::plain(BackTab), Previous),
            (Key::plain(Enter), Pick),
        ])
    }
}
