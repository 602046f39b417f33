//! Fuzzy ranking of a small candidate set. The store narrows a large desk down to a few
//! thousand candidates first; ranking them here takes well under a millisecond.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::domain::CallerHit;
use crate::domain::fold::fold;

#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub detail: String,
    /// The name folded (see `fold`), matched on its own so that name matches count double.
    pub name_folded: String,
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
    let scorer = Scorer::new(query);
    let mut scored: Vec<(i64, Candidate)> = candidates
        .into_iter()
        .filter_map(|c| Some((scorer.score(&c)?, c)))
        .collect();
    // Ties go by folded name, as in `rank_all`, so that the complete hits replacing these
    // keep equal matches in the same order.
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.name_folded.cmp(&b.1.name_folded))
    });
    scored
        .into_iter()
        .take(limit)
        .map(|(_, c)| c.into_hit())
        .collect()
}

/// What the ranking reads of a caller; the pass over every caller keeps its own compact
/// form of the same two texts.
pub trait Searchable {
    fn name_folded(&self) -> &str;
    fn haystack(&self) -> &str;
}

impl Searchable for Candidate {
    fn name_folded(&self) -> &str {
        &self.name_folded
    }

    fn haystack(&self) -> &str {
        &self.haystack
    }
}

/// The same ranking over every caller of the desk, for the pass that runs beside the
/// prefiltered one: the best `limit`, best first. Gives up (returns `None`) as soon as
/// `cancelled` says a newer query has come in, so a fast typist never waits behind a
/// stale pass.
pub fn rank_all<'a, T: Searchable>(
    query: &str,
    items: &'a [T],
    limit: usize,
    cancelled: impl Fn() -> bool,
) -> Option<Vec<&'a T>> {
    let scorer = Scorer::new(query);
    let mut scored: Vec<(i64, &T)> = Vec::new();
    for chunk in items.chunks(4096) {
        if cancelled() {
            return None;
        }
        scored.extend(chunk.iter().filter_map(|c| Some((scorer.score(c)?, c))));
    }
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.name_folded().cmp(b.1.name_folded()))
    });
    Some(scored.into_iter().take(limit).map(|(_, c)| c).collect())
}

struct Scorer {
    matcher: SkimMatcherV2,
    words: Vec<String>,
}

impl Scorer {
    fn new(query: &str) -> Scorer {
        Scorer {
            matcher: SkimMatcherV2::default().ignore_case(),
            words: fold(query).split_whitespace().map(String::from).collect(),
        }
    }

    fn score(&self, c: &impl Searchable) -> Option<i64> {
        if self.words.is_empty() {
            return None;
        }
        let mut total = 0;
        for word in &self.words {
            let strong = |score: &i64| *score >= MIN_SCORE_PER_CHAR * word.len() as i64;
            let in_name = self
                .matcher
                .fuzzy_match(c.name_folded(), word)
                .filter(strong)
                .map(|s| s * 2);
            let anywhere = self.matcher.fuzzy_match(c.haystack(), word).filter(strong);
            total += in_name.max(anywhere)?;
        }
        Some(total)
    }
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
            name_folded: fold(name),
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
