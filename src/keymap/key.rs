//! One key with its modifiers, as the keymap compares it, shows it (`Ctrl-c`, `Shift-Tab`,
//! `↑`) and reads it from the config. What `label` prints, `parse` reads back.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Names a key can have in the config, besides a single character. The first name of each
/// is the one `label` prints, except for the arrows, shown as ↑ ↓ ← →, and Backspace, ⌫.
const NAMED: &[(&[&str], KeyCode)] = &[
    (&["Enter", "Return"], KeyCode::Enter),
    (&["Esc", "Escape"], KeyCode::Esc),
    (&["Tab"], KeyCode::Tab),
    (&["Space"], KeyCode::Char(' ')),
    (&["Backspace", "⌫"], KeyCode::Backspace),
    (&["Delete", "Del"], KeyCode::Delete),
    (&["Insert", "Ins"], KeyCode::Insert),
    (&["Home"], KeyCode::Home),
    (&["End"], KeyCode::End),
    (&["PageUp", "PgUp"], KeyCode::PageUp),
    (&["PageDown", "PgDn"], KeyCode::PageDown),
    (&["Up", "↑"], KeyCode::Up),
    (&["Down", "↓"], KeyCode::Down),
    (&["Left", "←"], KeyCode::Left),
    (&["Right", "→"], KeyCode::Right),
];

const MODIFIERS: [(&str, KeyModifiers); 3] = [
    ("ctrl-", KeyModifiers::CONTROL),
    ("alt-", KeyModifiers::ALT),
    ("shift-", KeyModifiers::SHIFT),
];

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Terminals report Shift+K as 'K' with or without the SHIFT flag; compare without it
    /// for characters so both forms match.
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut modifiers = event.modifiers;
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: event.code,
            modifiers,
        }
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::BackTab => return "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Backspace => "⌫".into(),
            KeyCode::F(n) => format!("F{n}"),
            code => match NAMED.iter().find(|(_, named)| *named == code) {
                Some((names, _)) => names[0].to_string(),
                None => match code {
                    KeyCode::Char(c) => c.to_string(),
                    other => format!("{other:?}"),
                },
            },
        };
        let mut label = String::new();
        for (prefix, modifier) in [
            ("Ctrl-", KeyModifiers::CONTROL),
            ("Alt-", KeyModifiers::ALT),
            ("Shift-", KeyModifiers::SHIFT),
        ] {
            if self.modifiers.contains(modifier) {
                label.push_str(prefix);
            }
        }
        label + &base
    }

    /// Reads a key as the README and `label` write it: a single character (`a`, `K`, `/`),
    /// a name (`Enter`, `Esc`, `Tab`, `Space`, `Up`, `F5` …) and any of `Ctrl-`, `Alt-`,
    /// `Shift-` in front. Names and modifiers ignore case; a lone character keeps it.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text;
        let mut modifiers = KeyModifiers::NONE;
        // A lone "-" is the minus key, and "Ctrl--" is Ctrl with it.
        while rest.chars().count() > 1 {
            let lower = rest.to_ascii_lowercase();
            let Some((prefix, modifier)) = MODIFIERS.iter().find(|(p, _)| lower.starts_with(p))
            else {
                break;
            };
            rest = &rest[prefix.len()..];
            if rest.is_empty() {
                return Err(format!(
                    "`{text}` has no key after the modifier; write one, as in \"Ctrl-p\""
                ));
            }
            modifiers |= *modifier;
        }
        let code = key_code(rest).ok_or_else(|| {
            format!(
                "`{text}` is not a key; write a single character (\"a\", \"K\", \"/\"), a name \
                 (Enter, Esc, Tab, Space, Backspace, Up, Down, Left, Right, Home, End, PageUp, \
                 PageDown, F1 to F24) and any of Ctrl-, Alt-, Shift- in front, as in \"Ctrl-p\""
            )
        })?;
        normalise(text, code, modifiers)
    }
}

fn key_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(
            match NAMED.iter().find(|(names, _)| names.contains(&name)) {
                Some((_, code)) => *code,
                None => KeyCode::Char(c),
            },
        );
    }
    if let Some((_, code)) = NAMED
        .iter()
        .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
    {
        return Some(*code);
    }
    let number = name.strip_prefix(['F', 'f'])?;
    match number.parse::<u8>() {
        Ok(n) if (1..=24).contains(&n) && !number.starts_with(['0', '+']) => Some(KeyCode::F(n)),
        _ => None,
    }
}

/// Writes a key the way terminals report it, so that a binding from the config matches the
/// event the key really sends.
fn normalise(text: &str, code: KeyCode, mut modifiers: KeyModifiers) -> Result<Key, String> {
    let code = match code {
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
            if !c.is_alphabetic() {
                return Err(format!(
                    "`{text}`: write the character Shift gives instead, as in \"?\" or \"!\""
                ));
            }
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        // A terminal sends Ctrl-C and Ctrl-c as the same byte.
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_lowercase().next().unwrap_or(c))
        }
        other => other,
    };
    Ok(Key { code, modifiers })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    #[test]
    fn reads_the_keys_the_readme_shows() {
        let cases = [
            ("a", key(KeyCode::Char('a'), KeyModifiers::NONE)),
            ("K", key(KeyCode::Char('K'), KeyModifiers::NONE)),
            ("/", key(KeyCode::Char('/'), KeyModifiers::NONE)),
            ("-", key(KeyCode::Char('-'), KeyModifiers::NONE)),
            ("Ctrl-c", Key::ctrl('c')),
            ("ctrl-C", Key::ctrl('c')),
            ("Ctrl--", Key::ctrl('-')),
            ("Shift-Tab", key(KeyCode::BackTab, KeyModifiers::NONE)),
            ("Shift-k", key(KeyCode::Char('K'), KeyModifiers::NONE)),
            ("Enter", key(KeyCode::Enter, KeyModifiers::NONE)),
            ("esc", key(KeyCode::Esc, KeyModifiers::NONE)),
            ("Up", key(KeyCode::Up, KeyModifiers::NONE)),
            ("↓", key(KeyCode::Down, KeyModifiers::NONE)),
            ("F5", key(KeyCode::F(5), KeyModifiers::NONE)),
            ("Space", key(KeyCode::Char(' '), KeyModifiers::NONE)),
            ("Alt-x", key(KeyCode::Char('x'), KeyModifiers::ALT)),
            (
                "Ctrl-Alt-Up",
                key(KeyCode::Up, KeyModifiers::CONTROL | KeyModifiers::ALT),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(Key::parse(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_key() {
        for text in [
            "",
            "Ctrl-",
            "ctrl-",
            "Alt-Shift-",
            "F0",
            "F25",
            "F05",
            "Entr",
            "ab",
            "Shift-1",
        ] {
            assert!(Key::parse(text).is_err(), "{text:?} was read as a key");
        }
        let message = Key::parse("Ctrl-").unwrap_err();
        assert!(message.contains("`Ctrl-`"), "{message}");
    }

    #[test]
    fn labels_read_back_as_the_same_key() {
        let keys = [
            Key::ctrl('z'),
            key(KeyCode::BackTab, KeyModifiers::NONE),
            key(KeyCode::F(12), KeyModifiers::SHIFT),
            key(KeyCode::Up, KeyModifiers::NONE),
            key(KeyCode::Right, KeyModifiers::ALT),
            key(KeyCode::Char(' '), KeyModifiers::CONTROL),
            key(KeyCode::PageDown, KeyModifiers::NONE),
            key(KeyCode::Char('é'), KeyModifiers::NONE),
        ];
        for k in keys {
            assert_eq!(Key::parse(&k.label()), Ok(k), "{}", k.label());
        }
    }

    #[test]
    fn a_configured_key_matches_what_the_terminal_sends() {
        let shift_k = KeyEvent::new(KeyCode::Char('K'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shift_k), Key::parse("Shift-k").unwrap());
        assert_eq!(Key::from_event(&shift_k), Key::parse("K").unwrap());
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&back_tab), Key::parse("Shift-Tab").unwrap());
    }
}
