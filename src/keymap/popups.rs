//! The keys of the popups that are neither a search nor a form: reading text (`text`), the
//! lists that are not searches (`list`), a running script (`script`) and the knowledge base's
//! own keys (`kb` in its search, `article` in an open article). Each context is declared once
//! here with its commands, their names in `[keys.<context>]`, their descriptions' message ids
//! and their default keys.

use ratatui::crossterm::event::KeyCode;

use super::Key;
use super::context::{Bindings, ContextCommand};
use crate::i18n::Texts;

/// Declares the commands of one popup context: the enum, its names for the config and the
/// help, its descriptions in the agent's language and its default keys.
macro_rules! popup_context {
    (
        $(#[$meta:meta])*
        $command:ident in $context:literal {
            $( $(#[$variant_meta:meta])* $variant:ident = $name:literal, $text:literal, [$($key:expr),+ $(,)?]; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $command {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl ContextCommand for $command {
            const CONTEXT: &'static str = $context;
            const ALL: &'static [Self] = &[$($command::$variant),+];

            fn name(self) -> &'static str {
                match self {
                    $( $command::$variant => $name ),+
                }
            }

            fn description(self, texts: &Texts) -> String {
                $command::description(self, texts)
            }
        }

        impl $command {
            /// What the key does, in the agent's language.
            pub fn description(self, texts: &Texts) -> String {
                match self {
                    $( $command::$variant => texts.get($text) ),+
                }
            }

            pub fn defaults() -> Bindings<$command> {
                Bindings::new([
                    $( $( ($key, $command::$variant), )+ )+
                ])
            }
        }
    };
}

const fn plain(code: KeyCode) -> Key {
    Key::plain(code)
}

const fn letter(c: char) -> Key {
    Key::plain(KeyCode::Char(c))
}

popup_context! {
    /// Reading a text that may be longer than the screen: the help, the shift handover and
    /// other read-only texts, and an article of the knowledge base.
    TextCommand in "text" {
        Down = "down", "text-command-down", [letter('j'), plain(KeyCode::Down)];
        Up = "up", "text-command-up", [letter('k'), plain(KeyCode::Up)];
        PageDown = "page-down", "text-command-page-down", [plain(KeyCode::PageDown), letter(' ')];
        PageUp = "page-up", "text-command-page-up", [plain(KeyCode::PageUp)];
        Top = "top", "text-command-top", [plain(KeyCode::Home), letter('g')];
        /// Closes the help or the text (an article has its own `back` and `close`).
        Close = "close", "text-command-close", [plain(KeyCode::Esc), letter('q'), plain(KeyCode::Enter)];
    }
}

popup_context! {
    /// A list in a popup that is not a search: the team lead's review, the new call's choice
    /// between a new ticket and an open one, the scripts to start and a script step's answers.
    ListCommand in "list" {
        Next = "next", "list-command-next", [letter('j'), plain(KeyCode::Down)];
        Previous = "previous", "list-command-previous", [letter('k'), plain(KeyCode::Up)];
        Open = "open", "list-command-open", [plain(KeyCode::Enter)];
        Close = "close", "list-command-close", [plain(KeyCode::Esc), letter('q')];
    }
}

popup_context! {
    /// A running script; a step's answers are chosen with the `list` keys or their number.
    ScriptCommand in "script" {
        /// Gives the typed or chosen answer; at the end, acts on the ending.
        Answer = "answer", "script-command-answer", [plain(KeyCode::Enter)];
        /// The step before; in a text step only while nothing is typed.
        Back = "back", "script-command-back", [plain(KeyCode::Backspace)];
        Leave = "leave", "script-command-leave", [plain(KeyCode::Esc)];
    }
}

popup_context! {
    /// The knowledge base's search, looked up before `[keys.picker]`.
    KbCommand in "kb" {
        NewArticle = "new-article", "kb-command-new-article", [Key::ctrl('n')];
        EditArticle = "edit-article", "kb-command-edit-article", [Key::ctrl('e')];
    }
}

popup_context! {
    /// An open article, looked up before the `text` keys that scroll it.
    ArticleCommand in "article" {
        Insert = "insert", "article-command-insert", [letter('i')];
        Send = "send", "article-command-send", [letter('s')];
        Edit = "edit", "article-command-edit", [letter('e'), letter('E')];
        /// Back to the search it was opened from, or closed when there was none.
        Back = "back", "article-command-back", [plain(KeyCode::Esc)];
        Close = "close", "article-command-close", [letter('q')];
    }
}
