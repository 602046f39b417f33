//! The agents a ticket can be assigned to: those the config lists (`[[agents]]`) and
//! everyone the desk has seen working. A name is taken as typed only when it is one of
//! them, so that `bence` does not become a second agent beside "Bence Szabó".

use super::fold::fold;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster {
    /// Each agent once, as first spelled, in the order given.
    names: Vec<String>,
}

/// Who a typed name is on the roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// One agent: the whole name, or the start of the name or of one of its words.
    One(String),
    /// The start of several agents' names.
    Several(Vec<String>),
    Unknown,
}

impl Roster {
    /// Names that fold to the same letters (capitals and accents aside) are one agent.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Roster {
        let mut roster = Roster::default();
        for name in names {
            let name = name.trim();
            if !name.is_empty() && !roster.names.iter().any(|n| fold(n) == fold(name)) {
                roster.names.push(name.to_string());
            }
        }
        roster
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The agents whose name, or a word of it, starts with what was typed.
    pub fn completions(&self, typed: &str) -> Vec<&str> {
        let typed = fold(typed.trim());
        if typed.is_empty() {
            return self.names.iter().map(String::as_str).collect();
        }
        self.names
            .iter()
            .filter(|name| {
                let folded = fold(name);
                folded.starts_with(&typed)
                    || folded.split_whitespace().any(|w| w.starts_with(&typed))
            })
            .map(String::as_str)
            .collect()
    }

    pub fn resolve(&self, typed: &str) -> Resolved {
        let folded = fold(typed.trim());
        if folded.is_empty() {
            return Resolved::Unknown;
        }
        if let Some(name) = self.names.iter().find(|n| fold(n) == folded) {
            return Resolved::One(name.clone());
        }
        let mut found = self.completions(typed);
        match found.len() {
            0 => Resolved::Unknown,
            1 => Resolved::One(found.remove(0).to_string()),
            _ => Resolved::Several(found.into_iter().map(String::from).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_by_its_start_or_a_word_accents_and_capitals_aside() {
        let roster = Roster::new(["Bence Szabó", "anna", "Anouk Jansen", "bence szabo"]);
        assert_eq!(roster.names(), ["Bence Szabó", "anna", "Anouk Jansen"]);
        assert_eq!(roster.resolve("bence"), Resolved::One("Bence Szabó".into()));
        assert_eq!(roster.resolve("SZABO"), Resolved::One("Bence Szabó".into()));
        assert_eq!(roster.resolve("Anna"), Resolved::One("anna".into()));
        assert_eq!(
            roster.resolve("an"),
            Resolved::Several(vec!["anna".into(), "Anouk Jansen".into()])
        );
        assert_eq!(roster.resolve("nobody"), Resolved::Unknown);
        assert_eq!(roster.resolve("  "), Resolved::Unknown);
        assert_eq!(roster.completions("jan"), ["Anouk Jansen"]);
    }
}
