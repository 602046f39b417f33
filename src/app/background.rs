//! The pass over every caller that runs beside the quick caller search on a large desk.
//! The app asks for it and keeps track of it, so the event loop learns from the app, not
//! from the popup, that an answer is still due and worth looking for often.

use super::{App, Effect, Popup, TerminalEffect};
use crate::domain::CallerHit;

impl App {
    /// A pass over every caller runs for the query the caller search shows now; its answer
    /// will replace the quick hits.
    pub fn search_pending(&self) -> bool {
        self.searching_everyone.is_some()
    }

    /// Callers found for `query`. An answer that could not consider every caller has the
    /// rest ranked in the background; a complete one for the query on screen ends the wait.
    pub(super) fn on_caller_answer(
        &mut self,
        query: String,
        hits: Vec<CallerHit>,
        exhaustive: bool,
    ) -> Vec<Effect> {
        let current = self.caller_query().as_ref() == Some(&query);
        self.on_caller_hits(query.clone(), hits);
        if !current {
            return Vec::new();
        }
        if exhaustive {
            self.searching_everyone = None;
            return Vec::new();
        }
        self.searching_everyone = Some(query.clone());
        vec![Effect::Terminal(TerminalEffect::SearchEverywhere(query))]
    }

    /// After every action: a pass for a query the search no longer shows (typed on, or the
    /// search closed) has nothing left to answer.
    pub(super) fn forget_stale_search(&mut self) {
        if self.searching_everyone.is_some() && self.searching_everyone != self.caller_query() {
            self.searching_everyone = None;
        }
    }

    /// The query of the open caller search.
    fn caller_query(&self) -> Option<String> {
        match &self.popup {
            Some(Popup::Search(search)) => Some(search.query()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::app::{Action, App, Effect, StoreEffect, TerminalEffect};
    use crate::config::Config;
    use crate::domain::CallerHit;
    use crate::keymap::Command;

    fn app() -> App {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).single();
        App::new(Config::default(), now.unwrap_or_default())
    }

    fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
        let now = app.now;
        app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)), now)
    }

    fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
        text.chars()
            .flat_map(|c| press(app, KeyCode::Char(c)))
            .collect()
    }

    fn answer(app: &mut App, query: &str, hits: Vec<CallerHit>, exhaustive: bool) -> Vec<Effect> {
        let now = app.now;
        let action = Action::CallerHits {
            query: query.into(),
            hits,
            exhaustive,
        };
        app.update(action, now)
    }

    fn jan() -> CallerHit {
        CallerHit {
            id: "c-1".into(),
            name: "Jan de Vries".into(),
            organization: "Gemeente Utrecht".into(),
            detail: String::new(),
        }
    }

    /// The caller search open with `query` typed, its quick answer in and incomplete.
    fn awaiting_everyone(query: &str) -> App {
        let mut app = app();
        let now = app.now;
        app.update(Action::Command(Command::NewCall), now);
        type_text(&mut app, query);
        let effects = answer(&mut app, query, Vec::new(), false);
        assert_eq!(
            effects,
            vec![Effect::Terminal(TerminalEffect::SearchEverywhere(
                query.into()
            ))]
        );
        assert!(app.search_pending());
        app
    }

    #[test]
    fn an_incomplete_answer_asks_for_every_caller_and_the_complete_one_ends_the_wait() {
        let mut app = app();
        let now = app.now;
        app.update(Action::Command(Command::NewCall), now);
        let effects = type_text(&mut app, "jdvr");
        assert_eq!(
            effects.last(),
            Some(&Effect::Store(StoreEffect::SearchCallers("jdvr".into())))
        );
        assert!(!app.search_pending(), "nothing runs in the background yet");

        let effects = answer(&mut app, "jdvr", Vec::new(), false);
        assert_eq!(
            effects,
            vec![Effect::Terminal(TerminalEffect::SearchEverywhere(
                "jdvr".into()
            ))]
        );
        assert!(app.search_pending());

        assert!(answer(&mut app, "jdvr", vec![jan()], true).is_empty());
        assert!(!app.search_pending());
        let Some(crate::app::Popup::Search(search)) = &app.popup else {
            panic!("the caller search stays open");
        };
        assert_eq!(search.hits, vec![jan()], "the complete hits are shown");
    }

    #[test]
    fn a_complete_quick_answer_asks_for_nothing_more() {
        let mut app = app();
        let now = app.now;
        app.update(Action::Command(Command::NewCall), now);
        type_text(&mut app, "jan");
        assert!(answer(&mut app, "jan", vec![jan()], true).is_empty());
        assert!(!app.search_pending());
    }

    #[test]
    fn typing_on_or_closing_the_search_ends_the_wait() {
        let mut app = awaiting_everyone("jdv");
        type_text(&mut app, "r");
        assert!(!app.search_pending(), "the pass was for an older query");

        let mut app = awaiting_everyone("jdvr");
        press(&mut app, KeyCode::Esc);
        assert!(!app.search_pending(), "a closed search awaits nothing");
    }

    #[test]
    fn an_answer_for_an_older_query_starts_no_pass() {
        let mut app = app();
        let now = app.now;
        app.update(Action::Command(Command::NewCall), now);
        type_text(&mut app, "jdvr");
        assert!(answer(&mut app, "jdv", Vec::new(), false).is_empty());
        assert!(!app.search_pending());
    }
}
