//! Fuzzy ranking of callers by their folded texts: the one ranking behind every caller
//! search, whether it ranks the prefilter's few hundred candidates on a keystroke or every
//! caller of the desk.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::domain::fold::fold;

/// One caller as the ranking reads them: id, folded name and search text in a single
/// allocation. A hundred thousand callers kept as three strings each would cost the desk a
/// good third more memory.
#[derive(Clone, Debug)]
pub struct CallerText {
    text: Box<str>,
    id_end: u32,
    name_end: u32,
}

impl CallerText {
    /// `name_folded` and `haystack` are folded (see `fold`); the name is matched on its own
    /// so that name matches count double.
    pub fn new(id: &str, name_folded: &str, haystack: &str) -> CallerText {
        let text: Box<str> = [id, name_folded, haystack].concat().into();
        // Ids and names are short; a caller whose texts pass 4 GB cannot be stored anyway.
        let id_end = u32::try_from(id.len()).unwrap_or(u32::MAX);
        let name_end = u32::try_from(id.len() + name_folded.len()).unwrap_or(u32::MAX);
        CallerText {
            text,
            id_end,
            name_end,
        }
    }

    pub fn id(&self) -> &str {
        self.text.get(..self.id_end as usize).unwrap_or_default()
    }

    pub fn name_folded(&self) -> &str {
        let (start, end) = (self.id_end as usize, self.name_end as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// Everything the caller can be found by, folded.
    pub fn haystack(&self) -> &str {
        self.text.get(self.name_end as usize..).unwrap_or_default()
    }
}

/// Skim scores about 16 per character for letters scattered over unrelated words ("odon"
/// in "floor de jong") and 19–25 for real matches, whole words or initials ("jdvr" in
/// "jan de vries"). Below this a match is noise, however many candidates it would add.
const MIN_SCORE_PER_CHAR: i64 = 18;

/// The best `limit` callers, best first. Every word of the query must match somewhere, in
/// any order, so that "vries jan" and "jan de vries" find the same caller. A match in the
/// name outranks one in the organisation or an identifier; ties go by folded name, so that
/// hits of the whole desk replacing a keystroke's keep equal matches in the same order.
///
/// Gives up (returns `None`) as soon as `cancelled` says a newer query has come in, so a
/// fast typist never waits behind a stale pass over a large desk.
pub fn rank<'a>(
    query: &str,
    callers: &'a [CallerText],
    limit: usize,
    cancelled: impl Fn() -> bool,
) -> Option<Vec<&'a CallerText>> {
    let scorer = Scorer::new(query);
    let mut scored: Vec<(i64, &CallerText)> = Vec::new();
    for chunk in callers.chunks(4096) {
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

/// The same ranking for a search nothing can overtake (a keystroke's, a script's).
pub fn rank_now<'a>(query: &str, callers: &'a [CallerText], limit: usize) -> Vec<&'a CallerText> {
    rank(query, callers, limit, || false).unwrap_or_default()
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

    fn score(&self, c: &CallerText) -> Option<i64> {
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

    /// A caller whose id is their name, so that the ranking's answer reads as names.
    fn caller(name: &str, organization: &str, extra: &str) -> CallerText {
        let haystack = fold(&format!("{name} {organization} {extra}"));
        CallerText::new(name, &fold(name), &haystack)
    }

    fn rank_names(query: &str, set: &[CallerText]) -> Vec<String> {
        let ranked = rank_now(query, set, 5);
        ranked.iter().map(|c| c.id().to_string()).collect()
    }

    #[test]
    fn words_match_in_any_order_and_without_accents() {
        let set = vec![
            caller("Jan de Vries", "Gemeente Utrecht", ""),
            caller("Ödön Kovács", "Magyar Posta", ""),
            caller("Janet Vrieling", "Acme", ""),
        ];
        assert_eq!(rank_names("vries", &set)[0], "Jan de Vries");
        assert_eq!(rank_names("vries jan", &set)[0], "Jan de Vries");
        assert_eq!(rank_names("odon", &set), vec!["Ödön Kovács"]);
        assert_eq!(rank_names("jdvr", &set)[0], "Jan de Vries");
        assert!(rank_names("zzz", &set).is_empty());
    }

    #[test]
    fn letters_scattered_over_other_words_do_not_match() {
        let set = vec![
            caller("Floor de Jong", "OBS De Regenboog", ""),
            caller("Ödön Kovács", "Magyar Posta", ""),
        ];
        assert_eq!(rank_names("odon", &set), vec!["Ödön Kovács"]);
    }

    #[test]
    fn name_matches_outrank_organisation_matches() {
        let set = vec![
            caller("Piet Jansen", "Posta Holding", ""),
            caller("Posta Erzsébet", "Gemeente", ""),
        ];
        assert_eq!(rank_names("posta", &set)[0], "Posta Erzsébet");
    }

    #[test]
    fn equal_matches_keep_the_order_of_their_names() {
        let set = vec![
            caller("Bakker Zwolle", "", ""),
            caller("Bakker Almere", "", ""),
        ];
        assert_eq!(
            rank_names("bakker", &set),
            vec!["Bakker Almere", "Bakker Zwolle"]
        );
    }

    #[test]
    fn a_cancelled_ranking_gives_up() {
        let set = vec![caller("Jan de Vries", "", "")];
        assert!(rank("vries", &set, 5, || true).is_none());
    }

    #[test]
    fn a_caller_text_gives_back_its_three_texts() {
        let entry = CallerText::new("0193-id", "jan de vries", "jan de vries gemeente utrecht");
        assert_eq!(entry.id(), "0193-id");
        assert_eq!(entry.name_folded(), "jan de vries");
        assert_eq!(entry.haystack(), "jan de vries gemeente utrecht");
    }
}
