//! Fuzzy ranking of a small candidate set. The store narrows a large desk down to a few
//! thousand candidates first; ranking them here takes well under a millisecond.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::domain::CallerHit;
use crate::fold::fold;

#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub detail: String,
    /// Folded text the query is matched against (see `fold`).
    pub haystack: String,
}

impl Candidate {
    pub fn into_hit(self) -> CallerHit {
        CallerHit {
            id: self.id,
            name: self.name,
            organization: self.organization,
            detail: self.detail,
        }
    }
}

/// Skim scores about 16 per character for letters scattered over unrelated words ("odon"
/// in "floor de jong") and 19–25 for real matches, whole words or initials ("jdvr" in
/// "jan de vries"). Below this a match is noise, however many candidates it would add.
const MIN_SCORE_PER_CHAR: i64 = 18;

/// Best matches first. Every word of the query must match somewhere, in any order, so that
/// "vries jan" and "jan de vries" find the same caller. A match in the name outranks one in
/// the organisation or an identifier.
pub fn rank(query: &str, candidates: Vec<Candidate>, limit: usize) -> Vec<CallerHit> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let words: Vec<String> = fold(query).split_whitespace().map(String::from).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(i64, Candidate)> = candidates
        .into_iter()
        .filter_map(|c| {
            let name = fold(&c.name);
            let mut total = 0;
            for word in &words {
                let strong = |score: &i64| *score >= MIN_SCORE_PER_CHAR * word.len() as i64;
                let in_name = matcher
                    .fuzzy_match(&name, word)
                    .filter(strong)
                    .map(|s| s * 2);
                let anywhere = matcher.fuzzy_match(&c.haystack, word).filter(strong);
                total += in_name.max(anywhere)?;
            }
            Some((total, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, c)| c.into_hit())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(name: &str, organization: &str, extra: &str) -> Candidate {
        Candidate {
            id: name.to_string(),
            name: name.to_string(),
            organization: organization.to_string(),
            detail: String::new(),
            haystack: fold(&format!("{name} {organization} {extra}")),
        }
    }

    fn names(hits: &[CallerHit]) -> Vec<&str> {
        hits.iter().map(|h| h.name.as_str()).collect()
    }

    #[test]
    fn words_match_in_any_order_and_without_accents() {
        let set = vec![
            candidate("Jan de Vries", "Gemeente Utrecht", ""),
            candidate("Ödön Kovács", "Magyar Posta", ""),
            candidate("Janet Vrieling", "Acme", ""),
        ];
        assert_eq!(names(&rank("vries", set.clone(), 5))[0], "Jan de Vries");
        assert_eq!(names(&rank("vries jan", set.clone(), 5))[0], "Jan de Vries");
        assert_eq!(names(&rank("odon", set.clone(), 5)), vec!["Ödön Kovács"]);
        assert_eq!(names(&rank("jdvr", set.clone(), 5))[0], "Jan de Vries");
        assert!(rank("zzz", set, 5).is_empty());
    }

    #[test]
    fn letters_scattered_over_other_words_do_not_match() {
        let set = vec![
            candidate("Floor de Jong", "OBS De Regenboog", ""),
            candidate("Ödön Kovács", "Magyar Posta", ""),
        ];
        assert_eq!(names(&rank("odon", set, 5)), vec!["Ödön Kovács"]);
    }

    #[test]
    fn name_matches_outrank_organisation_matches() {
        let set = vec![
            candidate("Piet Jansen", "Posta Holding", ""),
            candidate("Posta Erzsébet", "Gemeente", ""),
        ];
        assert_eq!(names(&rank("posta", set, 5))[0], "Posta Erzsébet");
    }
}
