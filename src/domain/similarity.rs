//! How alike two short problem descriptions are, for "you called about this before" and
//! for spotting an outage. Subjects are a handful of words in English, Dutch or Hungarian,
//! typed in a hurry: "VPN valt steeds weg", "internetem nem megy", "vpn drops every hour".
//!
//! Each text becomes the set of letter trigrams of its words, after folding accents and
//! case and dropping the small words every subject has. Comparing trigram sets rather
//! than whole words lets inflected and compound forms meet: Hungarian "internetem" and
//! "internet", Dutch "wachtwoordreset" and "wachtwoord", a typo such as "pritner". The
//! score is the Dice coefficient of the two sets, from 0 (nothing shared) to 1.
//!
//! A caller has at most a few hundred tickets and an outage window a few dozen, so the
//! sets are compared in memory; a comparison is a merge of two sorted lists (well under a
//! microsecond, see `balie bench`).

use crate::domain::fold::fold;

/// Below this two subjects are about different things. Chosen on the hand-made sets in
/// the tests: same-problem pairs score 0.36–1 across the three languages; different
/// problems that share a word ("Internet down" and "Printer jams" share "nte", "ter";
/// "Teams audio broken" and "Teams camera not working") stay under 0.3.
pub const SIMILAR: f32 = 0.33;

/// Words that say nothing about the problem, in the desk's three languages (folded).
const STOP_WORDS: &[&str] = &[
    // English
    "a", "an", "and", "are", "at", "be", "can", "cannot", "cant", "does", "doesnt", "dont", "for",
    "from", "has", "have", "i", "in", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
    "our", "the", "to", "we", "with", "after", "again", "since", "still", "all",
    // Dutch
    "de", "het", "een", "en", "of", "van", "op", "niet", "geen", "mijn", "bij", "met", "voor", "na",
    "ik", "we", "wij", "is", "er", "te", "al", "nog", "weer", "doet", "sinds", "meer",
    // Hungarian
    "az", "egy", "es", "nem", "van", "nincs", "meg", "sem", "se", "mar", "utan", "ota", "is",
    "nekem", "mi", "ez", "hogy", "mar", "ujra", "megint", "sehol",
];

/// The trigram set of a text, sorted and without repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint(Vec<u32>);

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        let folded = fold(text);
        let mut grams = Vec::new();
        for word in folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() >= 2 && !STOP_WORDS.contains(w))
        {
            // Padding marks the start and end of a word, so short words ("pc", "vpn")
            // still make trigrams and a word's start counts more than its middle.
            let padded: Vec<u8> = std::iter::once(b' ')
                .chain(word.bytes())
                .chain(std::iter::once(b' '))
                .collect();
            grams.extend(
                padded
                    .windows(3)
                    .map(|w| u32::from(w[0]) << 16 | u32::from(w[1]) << 8 | u32::from(w[2])),
            );
        }
        grams.sort_unstable();
        grams.dedup();
        Fingerprint(grams)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The Dice coefficient of the two trigram sets: 0 shares nothing, 1 is the same words.
    pub fn similarity(&self, other: &Fingerprint) -> f32 {
        let (a, b) = (&self.0, &other.0);
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (2 * shared) as f32 / (a.len() + b.len()) as f32
    }
}

/// The indexes of `candidates` alike enough to `query`, most alike first; ties keep the
/// candidates' own order (newest first where the caller passes them so).
pub fn rank(query: &Fingerprint, candidates: &[Fingerprint]) -> Vec<(usize, f32)> {
    let mut scored: Vec<(usize, f32)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (i, query.similarity(c)))
        .filter(|(_, score)| *score >= SIMILAR)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best<'a>(query: &str, subjects: &[&'a str]) -> Option<&'a str> {
        let prints: Vec<Fingerprint> = subjects.iter().map(|s| Fingerprint::of(s)).collect();
        rank(&Fingerprint::of(query), &prints)
            .first()
            .map(|(i, _)| subjects[*i])
    }

    /// A caller's history as a desk would hold it: the problem they call about again is
    /// among unrelated ones, worded differently the second time.
    #[test]
    fn the_truly_similar_earlier_ticket_ranks_first_in_each_language() {
        let english = [
            "Printer on floor 3 jams",
            "VPN drops every hour",
            "Password expired",
            "New laptop for starter",
        ];
        assert_eq!(
            best("vpn keeps dropping", &english),
            Some("VPN drops every hour")
        );
        assert_eq!(
            best("password expired again", &english),
            Some("Password expired")
        );
        assert_eq!(
            best("the printer jams again", &english),
            Some("Printer on floor 3 jams")
        );

        let dutch = [
            "Wachtwoord verlopen",
            "Printer op de tweede verdieping geeft papierstoring",
            "VPN valt steeds weg",
            "Contactpersonen kwijt na synchronisatie",
        ];
        assert_eq!(
            best("vpn verbinding valt weg", &dutch),
            Some("VPN valt steeds weg")
        );
        assert_eq!(best("wachtwoordreset", &dutch), Some("Wachtwoord verlopen"));
        assert_eq!(
            best("contacten kwijt na sync", &dutch),
            Some("Contactpersonen kwijt na synchronisatie")
        );

        let hungarian = [
            "Nem működik az internet",
            "Elfelejtett jelszó",
            "A nyomtató nem nyomtat",
            "Outlook névjegyek eltűntek szinkronizálás után",
        ];
        assert_eq!(
            best("internetem nem megy", &hungarian),
            Some("Nem működik az internet")
        );
        assert_eq!(
            best("jelszavam lejárt, jelszó csere", &hungarian),
            Some("Elfelejtett jelszó")
        );
        assert_eq!(
            best("nyomtatóm papírelakadás", &hungarian),
            Some("A nyomtató nem nyomtat")
        );
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        let a = Fingerprint::of("Jelszó LEJÁRT");
        let b = Fingerprint::of("jelszo lejart");
        assert_eq!(a, b);
        assert!((a.similarity(&b) - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn unrelated_problems_are_not_similar() {
        let pairs = [
            ("VPN drops every hour", "Printer jams"),
            ("Wachtwoord verlopen", "Beeldscherm flikkert"),
            ("Nem működik az internet", "Elfelejtett jelszó"),
            ("Mailbox full", "Laptop will not start"),
            ("Internet down", "Printer jams"),
            ("Teams audio broken", "Teams camera not working"),
        ];
        for (a, b) in pairs {
            let score = Fingerprint::of(a).similarity(&Fingerprint::of(b));
            assert!(score < SIMILAR, "{a} ~ {b}: {score}");
        }
    }

    #[test]
    fn small_words_alone_match_nothing() {
        let empty = Fingerprint::of("it is not the");
        assert!(empty.is_empty());
        assert_eq!(empty.similarity(&Fingerprint::of("it is not working")), 0.0);
        assert!(rank(&empty, &[Fingerprint::of("the")]).is_empty());
    }
}
