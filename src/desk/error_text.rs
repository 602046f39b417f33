//! The store's errors in the words of the desk's status line.

use crate::i18n::Texts;
use crate::store::{StoreError, Trouble};
use crate::t;

/// A store error as the agent reads it on the desk. The errors an agent can meet while
/// working are worded in their language, a failure of the file (full, locked, read-only,
/// damaged) as what to do about it; the rest (a damaged or foreign file) only
/// happen when a desk opens, before there is a desk to show them on, and keep their
/// English. SQLite's own detail is English whatever we do.
pub fn store_error(error: &StoreError, texts: &Texts) -> String {
    match error {
        StoreError::Trouble {
            trouble,
            path,
            detail,
        } => {
            let path = path.display().to_string();
            match trouble {
                Trouble::DiskFull => t!(texts, "store-disk-full", path = path),
                Trouble::Busy => t!(texts, "store-busy", path = path),
                Trouble::ReadOnly => t!(texts, "store-read-only", path = path),
                Trouble::Damaged => {
                    t!(
                        texts,
                        "store-damaged",
                        path = path,
                        detail = detail.as_str()
                    )
                }
            }
        }
        StoreError::Sqlite(e) => t!(texts, "store-database", detail = e.to_string()),
        StoreError::NotFound(what) => t!(texts, "store-not-found", what = what.as_str()),
        StoreError::PromiseClosed(state) => {
            t!(texts, "store-promise-closed", state = state.text(texts))
        }
        StoreError::ConflictSettled { by, .. } => {
            t!(texts, "store-conflict-settled", by = by.as_str())
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PromiseState;
    use crate::i18n::Language;

    #[test]
    fn a_closed_promise_is_reported_in_the_agents_language() {
        let error = StoreError::PromiseClosed(PromiseState::Kept);
        assert_eq!(error.to_string(), "that promise is already kept");
        assert_eq!(
            store_error(&error, &Texts::new(Language::English)),
            "that promise is already kept"
        );
        assert_eq!(
            store_error(&error, &Texts::new(Language::Dutch)),
            "die toezegging is al nagekomen"
        );
    }

    /// A conflict another desk settled while this agent was choosing names who did.
    #[test]
    fn a_conflict_settled_elsewhere_names_who_settled_it() {
        let error = StoreError::ConflictSettled {
            by: "Anna".into(),
            at: chrono::Utc::now(),
        };
        assert_eq!(
            store_error(&error, &Texts::new(Language::English)),
            "Anna settled this conflict already; the ticket shows what was kept"
        );
        assert!(store_error(&error, &Texts::new(Language::Hungarian)).starts_with("Anna "));
    }

    /// Each failure of the file names it and says what to do, in the agent's language.
    #[test]
    fn a_failing_file_is_named_with_what_to_do() {
        let stamped = |trouble| StoreError::Trouble {
            trouble,
            path: std::path::PathBuf::from("/srv/balie/desk.db"),
            detail: "T-7 has no creating event".into(),
        };
        let en = Texts::new(Language::English);
        let nl = Texts::new(Language::Dutch);
        let hu = Texts::new(Language::Hungarian);
        let expected = [
            (
                Trouble::DiskFull,
                ["free some space", "ruimte vrij", "helyet"],
            ),
            (
                Trouble::Busy,
                ["try again", "probeer het zo", "próbáld újra"],
            ),
            (
                Trouble::ReadOnly,
                ["write access", "schrijfrechten", "írási jogot"],
            ),
            (
                Trouble::Damaged,
                ["balie check", "balie check", "balie check"],
            ),
        ];
        for (trouble, advice) in expected {
            for (texts, advice) in [&en, &nl, &hu].into_iter().zip(advice) {
                let line = store_error(&stamped(trouble), texts);
                assert!(line.contains("/srv/balie/desk.db"), "{line}");
                assert!(line.contains(advice), "{trouble:?}: {line}");
            }
        }
        let damaged = store_error(&stamped(Trouble::Damaged), &nl);
        assert!(damaged.contains("T-7 has no creating event"), "{damaged}");
    }
}
