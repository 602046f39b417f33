//! The `[keys]` table: command names to the keys that run them.
//!
//! ```toml
//! [keys]
//! note = "N"
//! promise = ["p", "Ctrl-p"]
//! review = []
//! ```
//!
//! Like the rest of the config, every check runs while the offending key or value is being
//! read, so the error carries its exact line and column: an unknown command name points at
//! the name, an unreadable key or one given to two commands points at that key's string.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::StrWith;
use crate::keymap::{Command, Key, Keymap, Remap};

pub(super) fn de_keys<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Remap>, D::Error> {
    d.deserialize_map(KeysTable)
}

struct KeysTable;

impl<'de> Visitor<'de> for KeysTable {
    type Value = Vec<Remap>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of command names and their keys for [keys]")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut remaps: Vec<Remap> = Vec::new();
        while let Some(command) = map.next_key_seed(StrWith("a command name", command_named))? {
            let keys = map.next_value_seed(KeyList {
                command,
                earlier: &remaps,
            })?;
            remaps.push(Remap { command, keys });
        }
        // Every command runs from the palette, so without a key for it some commands
        // could not be run at all.
        if Keymap::with_remaps(&remaps)
            .keys_for(Command::Palette)
            .is_empty()
        {
            return Err(de::Error::custom(
                "[keys] leaves the palette without a key; give `palette` one, \
                 as in palette = \":\"",
            ));
        }
        Ok(remaps)
    }
}

fn command_named(name: &str) -> Result<Command, String> {
    if let Some(command) = Command::ALL.iter().find(|c| c.name() == name) {
        return Ok(*command);
    }
    let closest = Command::ALL
        .iter()
        .map(|c| (strsim::damerau_levenshtein(c.name(), name), c.name()))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    Err(match closest {
        Some((_, suggestion)) => format!(
            "unknown command `{name}` in [keys]; did you mean `{suggestion}`? \
             `?` in balie lists every command"
        ),
        None => format!(
            "unknown command `{name}` in [keys]; `?` in balie and the README list every command"
        ),
    })
}

/// The value of one `[keys]` entry: one key, or a list of them. `earlier` holds the entries
/// above it, so a key already given to another command is refused right here.
struct KeyList<'a> {
    command: Command,
    earlier: &'a [Remap],
}

impl KeyList<'_> {
    fn check(&self, text: &str, listed: &[Key]) -> Result<Key, String> {
        let key = Key::parse(text)?;
        let name = self.command.name();
        if listed.contains(&key) {
            return Err(format!("`{text}` is listed twice for {name}"));
        }
        match self.earlier.iter().find(|r| r.keys.contains(&key)) {
            Some(other) => Err(format!(
                "`{text}` is bound to both {} and {name}; a key runs one command",
                other.command.name()
            )),
            None => Ok(key),
        }
    }
}

impl<'de> DeserializeSeed<'de> for KeyList<'_> {
    type Value = Vec<Key>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeyList<'_> {
    type Value = Vec<Key>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a key in quotes or a list of keys for {}, as in \"Ctrl-p\" or [\"p\", \"F5\"]",
            self.command.name()
        )
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        self.check(text, &[])
            .map(|key| vec![key])
            .map_err(E::custom)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = seq.next_element_seed(StrWith("a key in quotes", |text: &str| {
            self.check(text, &keys)
        }))? {
            keys.push(key);
        }
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::super::{ConfigError, parse};
    use super::*;

    /// The error as balie prints it: `path:line:column: message`.
    fn refused(text: &str) -> String {
        match parse(text, Path::new("config.toml")) {
            Err(error @ ConfigError::Parse { .. }) => error.to_string(),
            other => panic!("expected a parse error for {text:?}, got {other:?}"),
        }
    }

    fn remaps(text: &str) -> Vec<Remap> {
        match parse(text, Path::new("config.toml")) {
            Ok(config) => config.keys,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn one_key_or_a_list_in_the_order_written() {
        let read = remaps("[keys]\nnote = \"N\"\npromise = [\"p\", \"Ctrl-p\"]\nreview = []\n");
        assert_eq!(
            read,
            vec![
                Remap {
                    command: Command::Note,
                    keys: vec![Key::plain(KeyCode::Char('N'))],
                },
                Remap {
                    command: Command::Promise,
                    keys: vec![
                        Key::plain(KeyCode::Char('p')),
                        Key {
                            code: KeyCode::Char('p'),
                            modifiers: KeyModifiers::CONTROL
                        }
                    ],
                },
                Remap {
                    command: Command::Review,
                    keys: Vec::new(),
                },
            ]
        );
    }

    #[test]
    fn an_unknown_command_is_refused_at_its_name() {
        let error = refused("agent = \"anna\"\n\n[keys]\nnote = \"N\"\nnotes = \"a\"\n");
        assert!(
            error.starts_with(
                "config.toml:5:1: unknown command `notes` in [keys]; did you mean `note`?"
            ),
            "{error}"
        );
    }

    #[test]
    fn an_unreadable_key_is_refused_at_its_string() {
        let error = refused("[keys]\npromise = [\"p\", \"Ctrl-\"]\n");
        assert!(
            error.starts_with("config.toml:2:17: `Ctrl-` has no key after the modifier"),
            "{error}"
        );
        let error = refused("[keys]\nquit = \"Quit\"\n");
        assert!(
            error.starts_with("config.toml:2:8: `Quit` is not a key"),
            "{error}"
        );
        let error = refused("[keys]\nquit = 5\n");
        assert!(error.starts_with("config.toml:2:8: "), "{error}");
    }

    #[test]
    fn a_key_given_to_two_commands_is_refused_at_the_second() {
        let error = refused("[keys]\nnote = \"x\"\nkept = [\"K\", \"x\"]\n");
        assert!(
            error.starts_with(
                "config.toml:3:14: `x` is bound to both note and kept; a key runs one command"
            ),
            "{error}"
        );
        let error = refused("[keys]\nnote = [\"x\", \"x\"]\n");
        assert!(
            error.starts_with("config.toml:2:14: `x` is listed twice for note"),
            "{error}"
        );
    }

    #[test]
    fn the_palette_keeps_a_key() {
        let error = refused("[keys]\npalette = []\n");
        assert!(
            error.contains("leaves the palette without a key"),
            "{error}"
        );
        // Taking its key for another command counts too, unless it gets another.
        let error = refused("[keys]\nhelp = \":\"\n");
        assert!(
            error.contains("leaves the palette without a key"),
            "{error}"
        );
        assert_eq!(remaps("[keys]\nhelp = \":\"\npalette = \";\"\n").len(), 2);
    }
}
