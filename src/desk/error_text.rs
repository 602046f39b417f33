//! The store's errors in the words of the desk's status line.

use crate::i18n::Texts;
use crate::store::StoreError;
use crate::t;

/// A store error as the agent reads it on the desk. The errors an agent can meet while
/// working are worded in their language; the rest (a damaged or foreign file) only
/// happen when a desk opens, before there is a desk to show them on, and keep their
/// English. SQLite's own detail is English whatever we do.
pub fn store_error(error: &StoreError, texts: &Texts) -> String {
    match error {
        StoreError::Sqlite(e) => t!(texts, "store-database", detail = e.to_string()),
        StoreError::NotFound(what) => t!(texts, "store-not-found", what = what.as_str()),
        StoreError::PromiseClosed(state) => {
            t!(texts, "store-promise-closed", state = state.text(texts))
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
}
