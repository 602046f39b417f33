//! Text normalisation done once at write time, so that search can compare plain ASCII.
//!
//! Agents type "odon" for "Ödön" and "0612345678" for "+31 6 1234 5678"; folding both sides
//! to the same form makes those match without any accent or format rules in the matcher.

/// Lower-case ASCII transliteration: "Ödön Kovács" → "odon kovacs", "Ĳsselmeer" → "ijsselmeer".
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// The digits of a phone number with leading zeros dropped, so that the national form
/// ("06 …", "0031 …") is a substring of the international form ("+31 6 …").
pub fn phone_digits(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').to_string()
}

/// Country codes and what their national trunk prefix leaves after leading zeros are dropped:
/// the Netherlands write +31 6… as 06…, Hungary writes +36 1… as 06 1…. A number stored
/// nationally is then still found by its international form.
const TRUNK_PREFIXES: &[(&str, &str)] = &[
    ("31", ""),
    ("32", ""),
    ("33", ""),
    ("36", "6"),
    ("41", ""),
    ("43", ""),
    ("44", ""),
    ("49", ""),
];

/// The forms a typed phone number may take in the haystack: as typed, and without a known
/// country code.
pub fn phone_query_variants(query: &str) -> Vec<String> {
    let digits = phone_digits(query);
    let mut variants = vec![digits.clone()];
    for (code, trunk) in TRUNK_PREFIXES {
        if let Some(national) = digits.strip_prefix(code)
            && national.len() >= 6
        {
            variants.push(format!("{trunk}{national}"));
        }
    }
    variants
}

/// A query is taken as a phone number when it is mostly digits: "+31 6 1234", "06-1234".
pub fn looks_like_phone(query: &str) -> bool {
    let digits = query.chars().filter(char::is_ascii_digit).count();
    digits >= 4
        && query
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_of_dutch_hungarian_and_english_names() {
        assert_eq!(fold("Ödön Kovács"), "odon kovacs");
        assert_eq!(fold("Erzsébet Szőke"), "erzsebet szoke");
        assert_eq!(fold("Anouk van den Brûle"), "anouk van den brule");
        assert_eq!(fold("Zoë O'Brien"), "zoe o'brien");
        assert_eq!(fold("Győri Ármin"), "gyori armin");
    }

    #[test]
    fn national_and_international_phone_forms_meet() {
        let stored = phone_digits("+31 6 1234 5678");
        assert!(stored.contains(&phone_digits("0612345678")));
        assert!(stored.contains(&phone_digits("0031-6-12345678")));
        let stored_hu = phone_digits("+36 30 123 4567");
        assert!(stored_hu.contains(&phone_digits("06 30 123 4567")));
        let stored_national = phone_digits("06 1234 5678");
        assert!(
            phone_query_variants("+31 6 1234 5678")
                .iter()
                .any(|v| stored_national.contains(v.as_str()))
        );
    }

    #[test]
    fn phone_queries_are_recognised() {
        assert!(looks_like_phone("0612345678"));
        assert!(looks_like_phone("+31 (0)6-1234"));
        assert!(!looks_like_phone("NB-20431"));
        assert!(!looks_like_phone("jan"));
        assert!(!looks_like_phone("061"));
    }
}
