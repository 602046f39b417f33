//! Placeholders in a question, such as `{caller}` or `{last_contact}`, filled from what the
//! desk already knows, so the agent confirms details instead of asking for them.

use std::collections::HashMap;

pub const PLACEHOLDERS: &[&str] = &[
    "caller",
    "organization",
    "phone",
    "email",
    "identifiers",
    "last_contact",
    "ticket",
    "subject",
    "agent",
];

/// The values placeholders are filled with; a missing one reads as `missing`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub values: HashMap<&'static str, String>,
    pub missing: String,
}

impl Facts {
    pub fn set(&mut self, name: &'static str, value: impl Into<String>) {
        let value = value.into();
        if !value.trim().is_empty() {
            self.values.insert(name, value);
        }
    }
}

/// `text` with each `{name}` replaced. Braces around anything else are left as written.
pub fn fill(text: &str, facts: &Facts) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if PLACEHOLDERS.contains(&name) => {
                out.push_str(facts.values.get(name).unwrap_or(&facts.missing));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first `{word}` in `text` that is not a known placeholder: a typo would otherwise
/// be read out to the caller as it stands.
pub fn unknown_placeholder(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        let is_word = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if is_word && !PLACEHOLDERS.contains(&name) {
            return Some(name);
        }
        rest = after;
    }
    None
}
