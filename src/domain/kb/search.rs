//! Finding an article while the caller talks: every word typed must be in the article, and
//! articles whose title or tags hold the words come before those that only mention them in
//! the text. Accents are folded on both sides, so "jelszo" finds "jelszó".
//!
//! The library is small (tens to a few hundred articles) and already folded, so a keystroke
//! ranks all of it in memory; `bench` measures that against the frame budget.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::Library;
use crate::domain::fold::fold;

/// A scattered fuzzy match ("p…r…i…n…t" spread over a long list of tags) is no title hit;
/// a real one scores about 16 a letter or more.
const HEAD_SCORE_PER_LETTER: i64 = 10;
/// A word found as typed in the title or tags beats a fuzzy one.
const CONTIGUOUS_BONUS: i64 = 40;
/// Of two articles tagged with the word, the one whose title holds it is about it.
const TITLE_BONUS: i64 = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    head_words: usize,
    score: i64,
    usage: i64,
}

/// Indexes into `library.articles`, best first. An empty query lists the most used first.
pub fn search(library: &Library, query: &str, limit: usize) -> Vec<usize> {
    let words: Vec<String> = fold(query).split_whitespace().map(String::from).collect();
    let matcher = SkimMatcherV2::default();
    let mut ranked: Vec<(Rank, usize)> = library
        .articles
        .iter()
        .enumerate()
        .filter_map(|(index, article)| {
            let counts = library
                .counts
                .get(&article.slug)
                .copied()
                .unwrap_or_default();
            let mut rank = Rank {
                head_words: 0,
                score: 0,
                usage: counts.opened + 2 * counts.sent,
            };
            for word in &words {
                let contiguous = article.folded_head.contains(word.as_str());
                // Within one word of the title or tags: a typo is forgiven, but letters
                // picked from several words ("p…rint…er" out of a list of tags) are not a hit.
                let fuzzy = article
                    .folded_head
                    .split(|c: char| !c.is_alphanumeric())
                    .filter_map(|token| matcher.fuzzy_match(token, word))
                    .max()
                    .filter(|s| *s >= HEAD_SCORE_PER_LETTER * word.len() as i64);
                match (contiguous, fuzzy) {
                    (true, score) => {
                        rank.head_words += 1;
                        rank.score += score.unwrap_or_default() + CONTIGUOUS_BONUS;
                        if article.folded_title.contains(word.as_str()) {
                            rank.score += TITLE_BONUS;
                        }
                    }
                    (false, Some(score)) => {
                        rank.head_words += 1;
                        rank.score += score;
                    }
                    (false, None) if article.folded_body.contains(word.as_str()) => {}
                    (false, None) => return None,
                }
            }
            Some((rank, index))
        })
        .collect();
    ranked.sort_by(|(a, ai), (b, bi)| {
        b.cmp(a).then_with(|| {
            library.articles[*ai]
                .title
                .cmp(&library.articles[*bi].title)
        })
    });
    ranked.truncate(limit);
    ranked.into_iter().map(|(_, index)| index).collect()
}
