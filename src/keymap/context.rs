//! The keys of one context (the desk, a picker): which key runs which of its commands, with the
//! config's remaps applied. Every context reads its keys the same way, so the help, the hints
//! and the remapping rules are the same wherever the agent is.

use ratatui::crossterm::event::KeyEvent;

use super::{Command, Key};

/// The commands of one context: each has a stable name for `[keys]` and the palette.
pub trait ContextCommand: Copy + Eq + 'static {
    /// The context's name in `[keys]` (`[keys.picker]`).
    const CONTEXT: &'static str;
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
    /// What the command does, in the agent's language, for the help.
    fn description(self, texts: &crate::i18n::Texts) -> String;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding<C = Command> {
    pub key: Key,
    pub command: C,
}

/// A command given its own keys in the config's `[keys]`; they replace its default keys.
/// An empty list leaves the command without a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remap<C = Command> {
    pub command: C,
    pub keys: Vec<Key>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bindings<C> {
    bindings: Vec<Binding<C>>,
}

impl<C: ContextCommand> Bindings<C> {
    pub fn new(table: impl IntoIterator<Item = (Key, C)>) -> Self {
        Bindings {
            bindings: table
                .into_iter()
                .map(|(key, command)| Binding { key, command })
                .collect(),
        }
    }

    /// These keys with the config's remaps applied. A key the user gives to a command is
    /// taken from whichever command had it by default (as in helix and gitui): the user's
    /// binding wins, and that command keeps its other keys. The config reader has already
    /// refused a key given to two commands of one context.
    pub fn remapped(self, remaps: &[Remap<C>]) -> Self {
        let remapped = |command: C| remaps.iter().any(|r| r.command == command);
        let taken = |key: &Key| remaps.iter().any(|r| r.keys.contains(key));
        let mut bindings: Vec<Binding<C>> = self
            .bindings
            .into_iter()
            .filter(|b| !remapped(b.command) && !taken(&b.key))
            .collect();
        for remap in remaps {
            bindings.extend(remap.keys.iter().map(|key| Binding {
                key: *key,
                command: remap.command,
            }));
        }
        Bindings { bindings }
    }

    /// The first key of a command, for a hint; `None` when it has none.
    pub fn first_key(&self, command: C) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.command == command)
            .map(|b| b.key.label())
    }

    /// The first key of a command for a hint line, or `-` when the user left it none.
    pub fn hint_key(&self, command: C) -> String {
        self.first_key(command).unwrap_or_else(|| "-".into())
    }

    pub fn command_for(&self, event: &KeyEvent) -> Option<C> {
        let key = Key::from_event(event);
        self.bindings
            .iter()
            .find(|b| b.key == key)
            .map(|b| b.command)
    }

    /// All keys bound to a command, e.g. "j/↓".
    pub fn keys_for(&self, command: C) -> String {
        self.bindings
            .iter()
            .filter(|b| b.command == command)
            .map(|b| b.key.label())
            .collect::<Vec<_>>()
            .join("/")
    }

    pub fn bindings(&self) -> &[Binding<C>] {
        &self.bindings
    }
}
