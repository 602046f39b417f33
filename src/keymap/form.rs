//! The keys of a form: moving between its fields, saving and cancelling (`form`), and
//! changing the option of a choice field (`choice`). In a choice field the `choice` keys
//! are looked up first, so the arrows change the option there and move between fields
//! elsewhere.

use ratatui::crossterm::event::KeyCode;

use super::Key;
use super::context::{Bindings, ContextCommand};
use crate::i18n::Texts;
use crate::t;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormCommand {
    Cancel,
    NextField,
    PreviousField,
    /// On the last field it saves; on any other it moves to the next field.
    Submit,
    /// A line break in a field that takes several lines (a note, what the caller said);
    /// Enter still saves there, as in a chat tool.
    NewLine,
}

impl ContextCommand for FormCommand {
    const CONTEXT: &'static str = "form";
    const ALL: &'static [Self] = &[
        FormCommand::Cancel,
        FormCommand::NextField,
        FormCommand::PreviousField,
        FormCommand::Submit,
        FormCommand::NewLine,
    ];

    fn name(self) -> &'static str {
        match self {
            FormCommand::Cancel => "cancel",
            FormCommand::NextField => "next-field",
            FormCommand::PreviousField => "previous-field",
            FormCommand::Submit => "submit",
            FormCommand::NewLine => "new-line",
        }
    }

    fn description(self, texts: &Texts) -> String {
        FormCommand::description(self, texts)
    }
}

impl FormCommand {
    /// What the key does, in the agent's language.
    pub fn description(self, texts: &Texts) -> String {
        match self {
            FormCommand::Cancel => t!(texts, "form-command-cancel"),
            FormCommand::NextField => t!(texts, "form-command-next-field"),
            FormCommand::PreviousField => t!(texts, "form-command-previous-field"),
            FormCommand::Submit => t!(texts, "form-command-submit"),
            FormCommand::NewLine => t!(texts, "form-command-new-line"),
        }
    }

    pub fn defaults() -> Bindings<FormCommand> {
        use FormCommand::*;
        use KeyCode::*;
        Bindings::new([
            (Key::plain(Esc), Cancel),
            (Key::plain(Tab), NextField),
            (Key::plain(Down), NextField),
            (Key::plain(BackTab), PreviousField),
            (Key::plain(Up), PreviousField),
            (Key::plain(Enter), Submit),
            // Terminals tell Shift-Enter from Enter only with the kitty protocol; Alt-Enter
            // and Ctrl-j reach the desk in every terminal.
            (Key::ctrl('j'), NewLine),
            (
                Key {
                    code: Enter,
                    modifiers: ratatui::crossterm::event::KeyModifiers::ALT,
                },
                NewLine,
            ),
            (
                Key {
                    code: Enter,
                    modifiers: ratatui::crossterm::event::KeyModifiers::SHIFT,
                },
                NewLine,
            ),
        ])
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChoiceCommand {
    PreviousOption,
    NextOption,
}

impl ContextCommand for ChoiceCommand {
    const CONTEXT: &'static str = "choice";
    const ALL: &'static [Self] = &[ChoiceCommand::PreviousOption, ChoiceCommand::NextOption];

    fn name(self) -> &'static str {
        match self {
            ChoiceCommand::PreviousOption => "previous-option",
            ChoiceCommand::NextOption => "next-option",
        }
    }

    fn description(self, texts: &Texts) -> String {
        ChoiceCommand::description(self, texts)
    }
}

impl ChoiceCommand {
    /// What the key does, in the agent's language.
    pub fn description(self, texts: &Texts) -> String {
        match self {
            ChoiceCommand::PreviousOption => t!(texts, "choice-command-previous-option"),
            ChoiceCommand::NextOption => t!(texts, "choice-command-next-option"),
        }
    }

    pub fn defaults() -> Bindings<ChoiceCommand> {
        use ChoiceCommand::*;
        use KeyCode::*;
        Bindings::new([
            (Key::plain(Left), PreviousOption),
            (Key::plain(Up), PreviousOption),
            (Key::plain(Char('k')), PreviousOption),
            (Key::plain(Char('h')), PreviousOption),
            (Key::plain(Right), NextOption),
            (Key::plain(Down), NextOption),
            (Key::plain(Char('j')), NextOption),
            (Key::plain(Char('l')), NextOption),
        ])
    }
}
