//! What of a caller can turn up in free text, and finding it there: for `balie forget`,
//! which erases or flags every place that still names the caller.

use crate::domain::Caller;
use crate::domain::fold::{fold, phone_digits, phone_query_variants};

/// Words of a name too common to count as a mention of the caller on their own.
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "ten", "ter", "het", "des", "del", "della", "dos", "las", "los",
];

/// What of a caller can turn up in free text, folded as search folds it.
pub(super) struct Traces {
    /// The whole name, e-mail addresses and identifiers: a mention wherever they appear.
    phrases: Vec<String>,
    /// The words of the name: a mention only on the caller's own tickets, where "Jan
    /// called back" is about them and not about another Jan.
    name_words: Vec<String>,
    /// Phone numbers as digits, national and international (see `phone_query_variants`).
    phones: Vec<String>,
}

impl Traces {
    pub(super) fn of(caller: &Caller) -> Traces {
        let name = fold(caller.name.trim());
        let mut phrases = vec![name.clone()];
        phrases.extend(
            caller
                .emails
                .iter()
                .chain(&caller.identifiers)
                .map(|v| fold(v.trim())),
        );
        phrases.retain(|p| p.chars().count() >= 3);
        let name_words = words(&name)
            .filter(|w| w.chars().count() >= 3 && !NAME_PARTICLES.contains(w))
            .map(String::from)
            .collect();
        let phones = caller
            .phones
            .iter()
            .flat_map(|p| phone_query_variants(p))
            .filter(|digits| digits.len() >= 6)
            .collect();
        Traces {
            phrases,
            name_words,
            phones,
        }
    }

    pub(super) fn found_in(&self, text: &str, own_ticket: bool) -> bool {
        let folded = fold(text);
        self.phrases.iter().any(|p| folded.contains(p.as_str()))
            || (own_ticket && words(&folded).any(|w| self.name_words.iter().any(|n| n == w)))
            || (!self.phones.is_empty()
                && numbers_in(text)
                    .iter()
                    .any(|digits| self.phones.iter().any(|p| digits.contains(p.as_str()))))
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The digits of every phone-like run in a text ("call 06 1234 5678 after 3").
fn numbers_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(['x']) {
        if c.is_ascii_digit() || " +-()./".contains(c) {
            run.push(c);
            continue;
        }
        let digits = phone_digits(&run);
        if digits.len() >= 6 {
            found.push(digits);
        }
        run.clear();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_found_in_any_format_in_text() {
        let traces = Traces::of(&Caller {
            id: "x".into(),
            name: "Ödön Kovács".into(),
            organization: String::new(),
            phones: vec!["+36 30 123 4567".into()],
            emails: Vec::new(),
            identifiers: Vec::new(),
        });
        assert!(traces.found_in("rang 06 30 123 4567 twice", false));
        assert!(traces.found_in("rang +36301234567", false));
        assert!(traces.found_in("spoke to odon kovacs", false));
        assert!(!traces.found_in("ticket 2026-11-23, order 123456", false));
        assert!(
            !traces.found_in("Ödön again", false),
            "only on his own tickets"
        );
        assert!(traces.found_in("Ödön again", true));
    }
}
