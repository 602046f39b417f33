//! The `[keys]` table: command names to the keys that run them, by context.
//!
//! ```toml
//! [keys]
//! note = "N"                  # the desk's commands, written flat (or under [keys.desk])
//! promise = ["p", "Ctrl-p"]
//! review = []
//!
//! [keys.picker]               # inside the searches
//! next = ["Down", "Ctrl-n"]
//! ```
//!
//! Like the rest of the config, every check runs while the offending key or value is being
//! read, so the error carries its exact line and column: an unknown command name points at
//! the name, an unreadable key or one given to two commands of a context points at that
//! key's string.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::StrWith;
use crate::keymap::{
    ArticleCommand, ChoiceCommand, Command, ContextCommand, FormCommand, KbCommand, Key, KeyRemaps,
    Keymap, ListCommand, PickerCommand, Remap, ScriptCommand, TextCommand,
};

pub(super) fn de_keys<'de, D: Deserializer<'de>>(d: D) -> Result<KeyRemaps, D::Error> {
    d.deserialize_map(KeysTable)
}

/// A name at the top of `[keys]`: a desk command, or a context's own table.
enum Entry {
    Desk(Command),
    Table(&'static str),
}

/// The contexts with a table of their own: `[keys.desk]`, `[keys.picker]`, …
const CONTEXTS: [&str; 9] = [
    <Command as ContextCommand>::CONTEXT,
    PickerCommand::CONTEXT,
    FormCommand::CONTEXT,
    ChoiceCommand::CONTEXT,
    TextCommand::CONTEXT,
    ListCommand::CONTEXT,
    ScriptCommand::CONTEXT,
    KbCommand::CONTEXT,
    ArticleCommand::CONTEXT,
];

fn entry_named(name: &str) -> Result<Entry, String> {
    match CONTEXTS.iter().find(|context| **context == name) {
        Some(context) => Ok(Entry::Table(context)),
        None => command_named::<Command>(name).map(Entry::Desk),
    }
}

/// Reads the table of `context` into its remaps, after the entries already read for it.
fn read_table<'de, A: MapAccess<'de>>(
    map: &mut A,
    remaps: &mut KeyRemaps,
    context: &str,
) -> Result<(), A::Error> {
    fn into<'de, A: MapAccess<'de>, C: ContextCommand>(
        map: &mut A,
        remaps: &mut Vec<Remap<C>>,
    ) -> Result<(), A::Error> {
        let earlier = std::mem::take(remaps);
        *remaps = map.next_value_seed(ContextTable(earlier))?;
        Ok(())
    }
    match context {
        c if c == PickerCommand::CONTEXT => into(map, &mut remaps.picker),
        c if c == FormCommand::CONTEXT => into(map, &mut remaps.form),
        c if c == ChoiceCommand::CONTEXT => into(map, &mut remaps.choice),
        c if c == TextCommand::CONTEXT => into(map, &mut remaps.text),
        c if c == ListCommand::CONTEXT => into(map, &mut remaps.list),
        c if c == ScriptCommand::CONTEXT => into(map, &mut remaps.script),
        c if c == KbCommand::CONTEXT => into(map, &mut remaps.kb),
        c if c == ArticleCommand::CONTEXT => into(map, &mut remaps.article),
        _ => into(map, &mut remaps.desk),
    }
}

struct KeysTable;

impl<'de> Visitor<'de> for KeysTable {
    type Value = KeyRemaps;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of command names and their keys for [keys]")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut remaps = KeyRemaps::default();
        while let Some(entry) = map.next_key_seed(StrWith("a command name", entry_named))? {
            match entry {
                Entry::Desk(command) => {
                    let keys = map.next_value_seed(KeyList {
                        command,
                        earlier: &remaps.desk,
                    })?;
                    remaps.desk.push(Remap { command, keys });
                }
                Entry::Table(context) => read_table(&mut map, &mut remaps, context)?,
            }
        }
        // An entry that empties one of these is refused on its own line (`KeyList`); what
        // is left here is a key taken away by another command's entry.
        let keymap = Keymap::with_remaps(&remaps);
        let unbound = [
            keymap
                .keys_for(Command::Palette)
                .is_empty()
                .then(|| essential_message::<Command>(Command::Palette)),
            keymap
                .picker
                .keys_for(PickerCommand::Close)
                .is_empty()
                .then(|| essential_message(PickerCommand::Close)),
            keymap
                .form
                .keys_for(FormCommand::Submit)
                .is_empty()
                .then(|| essential_message(FormCommand::Submit)),
            keymap
                .form
                .keys_for(FormCommand::Cancel)
                .is_empty()
                .then(|| essential_message(FormCommand::Cancel)),
        ];
        if let Some(message) = unbound.into_iter().flatten().flatten().next() {
            return Err(de::Error::custom(message));
        }
        // Every other popup keeps a way out too.
        keeps_a_way_out(
            &keymap.text,
            TextCommand::Close,
            "the help and texts",
            "Esc",
        )?;
        keeps_a_way_out(&keymap.list, ListCommand::Close, "the lists", "Esc")?;
        keeps_a_way_out(&keymap.script, ScriptCommand::Leave, "a script", "Esc")?;
        keeps_a_way_out(&keymap.article, ArticleCommand::Close, "an article", "q")?;
        Ok(remaps)
    }
}

/// Refuses a table that leaves a popup without a key for the command that leaves it.
fn keeps_a_way_out<C: ContextCommand, E: de::Error>(
    bindings: &crate::keymap::Bindings<C>,
    command: C,
    popups: &str,
    example: &str,
) -> Result<(), E> {
    if !bindings.keys_for(command).is_empty() {
        return Ok(());
    }
    let (context, name) = (C::CONTEXT, command.name());
    Err(E::custom(format!(
        "[keys.{context}] leaves {popups} without a key for {name}; \
         give `{name}` one, as in {name} = \"{example}\""
    )))
}

/// The table of one context (`[keys.picker]`), added to the entries already read for it.
struct ContextTable<C>(Vec<Remap<C>>);

impl<'de, C: ContextCommand> DeserializeSeed<'de> for ContextTable<C> {
    type Value = Vec<Remap<C>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, C: ContextCommand> Visitor<'de> for ContextTable<C> {
    type Value = Vec<Remap<C>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a table of {} command names and their keys for [keys.{}]",
            C::CONTEXT,
            C::CONTEXT
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut remaps = self.0;
        while let Some(command) =
            map.next_key_seed(StrWith("a command name", command_named::<C>))?
        {
            let keys = map.next_value_seed(KeyList {
                command,
                earlier: &remaps,
            })?;
            remaps.push(Remap { command, keys });
        }
        Ok(remaps)
    }
}

/// Why a command may not be left without a key, for the few the desk cannot do without:
/// every command runs from the palette, a search without a way out would hold the agent
/// inside it, and a form must still be left either way, saved or cancelled.
fn essential_message<C: ContextCommand>(command: C) -> Option<String> {
    let name = command.name();
    let (what, example) = match (C::CONTEXT, name) {
        ("desk", "palette") => ("leaves the palette without a key", ":"),
        ("picker", "close") => ("leaves the searches without a key to close them", "Esc"),
        ("form", "submit") => ("leaves the forms without a key for submit", "Enter"),
        ("form", "cancel") => ("leaves the forms without a key for cancel", "Esc"),
        _ => return None,
    };
    Some(format!(
        "{} {what}; give `{name}` one, as in {name} = \"{example}\"",
        table_of::<C>()
    ))
}

/// Where a context's commands are written, for messages: `[keys]` for the desk's.
fn table_of<C: ContextCommand>() -> String {
    if C::CONTEXT == <Command as ContextCommand>::CONTEXT {
        "[keys]".to_owned()
    } else {
        format!("[keys.{}]", C::CONTEXT)
    }
}

fn command_named<C: ContextCommand>(name: &str) -> Result<C, String> {
    if let Some(command) = C::ALL.iter().find(|c| c.name() == name) {
        return Ok(*command);
    }
    let table = table_of::<C>();
    let closest = C::ALL
        .iter()
        .map(|c| (strsim::damerau_levenshtein(c.name(), name), c.name()))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    Err(match closest {
        Some((_, suggestion)) => format!(
            "unknown command `{name}` in {table}; did you mean `{suggestion}`? \
             `?` in balie lists every command"
        ),
        None => format!(
            "unknown command `{name}` in {table}; `?` in balie and the README list every command"
        ),
    })
}

/// The value of one `[keys]` entry: one key, or a list of them. `earlier` holds the entries
/// above it in the same context, so a key already given to another command is refused
/// right here.
struct KeyList<'a, C> {
    command: C,
    earlier: &'a [Remap<C>],
}

impl<C: ContextCommand> KeyList<'_, C> {
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

impl<'de, C: ContextCommand> DeserializeSeed<'de> for KeyList<'_, C> {
    type Value = Vec<Key>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, C: ContextCommand> Visitor<'de> for KeyList<'_, C> {
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
        // Refused here, while the empty list is being read, so the error points at it.
        if keys.is_empty()
            && let Some(message) = essential_message(self.command)
        {
            return Err(de::Error::custom(message));
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
            Ok(config) => config.keys.desk,
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
        // The empty list is pointed at, not the `[keys]` header on line 1.
        let error = refused("[keys]\nnote = \"x\"\npalette = []\n");
        assert!(
            error.starts_with("config.toml:3:11: [keys] leaves the palette without a key"),
            "{error}"
        );
        let error = refused("[keys.form]\ncancel = []\n");
        assert!(
            error.starts_with(
                "config.toml:2:10: [keys.form] leaves the forms without a key for cancel"
            ),
            "{error}"
        );
        let error = refused("[keys.picker]\nclose = []\n");
        assert!(
            error.starts_with("config.toml:2:9: [keys.picker] leaves the searches without a key"),
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

    fn picker_remaps(text: &str) -> Vec<Remap<PickerCommand>> {
        match parse(text, Path::new("config.toml")) {
            Ok(config) => config.keys.picker,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn a_context_is_a_table_or_dotted_names_and_flat_names_stay_the_desks() {
        let as_table = "[keys]\nnote = \"N\"\n\n[keys.picker]\nnext = [\"Down\", \"Ctrl-n\"]\n";
        let dotted = "[keys]\nnote = \"N\"\npicker.next = [\"Down\", \"Ctrl-n\"]\n";
        for text in [as_table, dotted] {
            assert_eq!(
                picker_remaps(text),
                vec![Remap {
                    command: PickerCommand::Next,
                    keys: vec![Key::plain(KeyCode::Down), Key::ctrl('n')],
                }],
                "{text}"
            );
            assert_eq!(remaps(text)[0].command, Command::Note);
        }
        let desk_table = remaps("[keys]\nnote = \"N\"\n[keys.desk]\nkept = \"x\"\n");
        let commands: Vec<_> = desk_table.iter().map(|r| r.command).collect();
        assert_eq!(commands, [Command::Note, Command::Kept]);
    }

    #[test]
    fn a_context_refuses_unknown_names_and_double_keys_at_their_place() {
        let error = refused("[keys.picker]\nclose = \"Esc\"\nnxt = \"Tab\"\n");
        assert!(
            error.starts_with(
                "config.toml:3:1: unknown command `nxt` in [keys.picker]; did you mean `next`?"
            ),
            "{error}"
        );
        let error = refused("[keys.picker]\nnext = \"Tab\"\nprevious = [\"Up\", \"Tab\"]\n");
        assert!(
            error.starts_with(
                "config.toml:3:19: `Tab` is bound to both next and previous; a key runs one command"
            ),
            "{error}"
        );
        // The same key in two contexts is fine: the picker's keys count only inside it.
        assert_eq!(
            picker_remaps("[keys]\nnote = \"Tab\"\n[keys.picker]\nnext = \"Tab\"\n").len(),
            1
        );
    }

    #[test]
    fn forms_keep_keys_to_save_and_cancel_and_choices_read_their_own_table() {
        let error = refused("[keys.form]\nsubmit = []\n");
        assert!(
            error.contains("leaves the forms without a key for submit"),
            "{error}"
        );
        let error = refused("[keys.form]\nnext-field = \"Esc\"\n");
        assert!(
            error.contains("leaves the forms without a key for cancel"),
            "{error}"
        );
        let read = match parse(
            "[keys.choice]\nnext-option = \"+\"\n",
            Path::new("config.toml"),
        ) {
            Ok(config) => config.keys.choice,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(read[0].command, ChoiceCommand::NextOption);
        let error = refused("[keys.choice]\nnext = \"+\"\n");
        assert!(
            error.contains("unknown command `next` in [keys.choice]"),
            "{error}"
        );
    }

    #[test]
    fn the_searches_keep_a_key_to_close_them() {
        let error = refused("[keys.picker]\nclose = []\n");
        assert!(
            error.contains("leaves the searches without a key to close them"),
            "{error}"
        );
        let error = refused("[keys.picker]\npick = \"Esc\"\n");
        assert!(
            error.contains("leaves the searches without a key to close them"),
            "{error}"
        );
    }

    #[test]
    fn the_other_popups_keep_a_way_out_and_read_their_own_tables() {
        for (toml, expected) in [
            (
                "[keys.text]\nclose = []\n",
                "[keys.text] leaves the help and texts",
            ),
            (
                "[keys.list]\nnext = [\"Esc\", \"q\"]\n",
                "[keys.list] leaves the lists",
            ),
            (
                "[keys.script]\nleave = []\n",
                "[keys.script] leaves a script",
            ),
            (
                "[keys.article]\nclose = []\n",
                "[keys.article] leaves an article",
            ),
        ] {
            let error = refused(toml);
            assert!(error.contains(expected), "{toml}: {error}");
        }
        let keys = match parse(
            "[keys.kb]\nnew-article = \"Ctrl-w\"\n[keys.script]\nback = \"Ctrl-b\"\n",
            Path::new("config.toml"),
        ) {
            Ok(config) => config.keys,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(keys.kb[0].command, KbCommand::NewArticle);
        assert_eq!(keys.script[0].command, ScriptCommand::Back);
    }
}
