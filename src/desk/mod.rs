//! The desk without a terminal: the app plus the store, with the loop that carries out the
//! app's store effects and feeds the results back. The terminal runtime and the tests both
//! drive the desk through `dispatch`.

use chrono::{DateTime, Utc};

use crate::app::{Action, App, Effect, Popup, StoreEffect, StoreWait, TerminalEffect, Write};
use crate::config::Config;
use crate::desk::error_text::store_error;
use crate::domain::{AlertKind, Id};
use crate::store::{self, Store};

mod apply;
pub mod background_search;
pub mod clipboard;
mod error_text;
pub mod handover;
pub mod kb_sync;
mod lock_holder;
pub mod phone;
pub mod runtime;
pub mod terminal_watch;
mod views;

use apply::apply;
pub use lock_holder::lock_holder;
pub use views::{end_of_local_day, load_review, load_views};

/// How long a write the desk makes waits for another process's write lock. Longer than
/// another desk's commit takes (a fraction of a millisecond), far shorter than a keystroke
/// may take: a large import or `forget` holds the lock for seconds, and the agent keeps
/// typing meanwhile. A write that still finds the lock held is tried again on the ticks.
const WRITE_WAIT: std::time::Duration = std::time::Duration::from_millis(5);
/// When the desk stops, the draft may wait longer: nobody is typing any more, and the
/// runtime ends the process two seconds after a hang-up whatever happens.
const LAST_DRAFT_WAIT: std::time::Duration = std::time::Duration::from_millis(1500);

pub const SEARCH_RESULTS: usize = 30;
/// Caller cards an idle tick brings up to date: about ten milliseconds of work, so that a
/// key pressed meanwhile waits no longer than that.
const CARDS_PER_IDLE_TICK: usize = 25;

pub struct Desk {
    pub app: App,
    pub store: Store,
    data_version: i64,
    /// The draft as last written to the store, so that only changes are written.
    saved_draft: Option<String>,
    /// A save that found the database held, tried again on each tick.
    pending: Option<PendingWrite>,
    /// The status bar says the database is held or the draft not kept.
    blocked: bool,
    /// Who held the database when that was last looked up, until it is free again.
    holder: Option<Option<String>>,
    /// The ticket the team was last told this desk has open (presence).
    viewing: Option<Id>,
}

/// A write the agent asked for while another process held the database. It is saved on a
/// later tick if the form it came from is still open as it was; once the agent changes or
/// closes that form, their own next Enter (or Esc) decides instead.
struct PendingWrite {
    write: Write,
    form: FormState,
}

/// What was open when a write was asked for: no popup, or a form with these contents.
#[derive(PartialEq)]
enum FormState {
    Nothing,
    Form(Option<String>),
}

impl Desk {
    pub fn new(store: Store, config: Config, now: DateTime<Utc>) -> Desk {
        let app = App::new(config, now);
        let data_version = store.data_version().unwrap_or_default();
        let mut store = store;
        // Only reads are lost if this fails; writes then wait as long as the store's default.
        let _ = store.set_busy_timeout(WRITE_WAIT);
        let mut desk = Desk {
            app,
            store,
            data_version,
            saved_draft: None,
            pending: None,
            blocked: false,
            holder: None,
            viewing: None,
        };
        let request = desk.app.view_request();
        let kb = Effect::Store(StoreEffect::Kb(crate::app::kb::KbEffect::Reload));
        desk.perform_all(vec![Effect::Store(StoreEffect::Refresh(request)), kb], now);
        desk.offer_draft();
        desk
    }

    /// Keeps what the agent is typing in the store, or forgets the draft once the form is
    /// saved or dismissed. Runs every tick rather than every keystroke, as each write is
    /// synced to disk. A failure leaves the draft for the next try: the form itself still
    /// holds the text.
    pub fn keep_draft(&mut self, now: DateTime<Utc>) -> store::Result<()> {
        let draft = self.draft_text();
        if draft == self.saved_draft {
            return Ok(());
        }
        self.before_write();
        match &draft {
            Some(text) => self.store.save_draft(text, now),
            None => self.store.clear_draft(),
        }?;
        self.saved_draft = draft;
        Ok(())
    }

    /// The last keep when the desk stops (quit, a signal, a closed terminal), which may wait
    /// a little longer for the lock, as nobody is typing any more.
    pub fn keep_draft_at_exit(&mut self, now: DateTime<Utc>) -> store::Result<()> {
        let draft = self.draft_text();
        if draft == self.saved_draft {
            return Ok(());
        }
        let _ = self.store.set_busy_timeout(LAST_DRAFT_WAIT);
        match &draft {
            Some(text) => self.store.save_draft(text, now),
            None => self.store.clear_draft(),
        }
    }

    fn draft_text(&self) -> Option<String> {
        self.app
            .draft()
            .and_then(|form| serde_json::to_string(&form).ok())
    }

    /// What is open now, for saving a pending write only into the form it came from.
    /// Other popups (a script, a search) are not retried: their next Enter saves.
    fn form_state(&self) -> Option<FormState> {
        match &self.app.popup {
            None => Some(FormState::Nothing),
            Some(Popup::Form(_)) => Some(FormState::Form(self.draft_text())),
            Some(_) => None,
        }
    }

    /// The status bar says the database is held or the draft could not be kept.
    pub fn writes_held_up(&self) -> bool {
        self.blocked
    }

    /// Who holds the database, for the status bar; looked up once while it stays held.
    fn holder(&mut self) -> Option<String> {
        let store = &self.store;
        self.holder
            .get_or_insert_with(|| store.file().as_deref().and_then(lock_holder))
            .clone()
    }

    /// While the agent is idle, brings a few stale caller cards up to date: a desk that was
    /// upgraded, or filled from the team, starts with every card read part by part. A held
    /// database or a full disk leaves them for a later tick; the agent's own writes are
    /// what tell of those.
    pub fn keep_cards_while_idle(&mut self) {
        if self.pending.is_some() || self.blocked {
            return;
        }
        if matches!(self.store.has_stale_caller_cards(), Ok(true)) {
            self.before_write();
            let _ = self.store.keep_some_caller_cards(CARDS_PER_IDLE_TICK);
        }
    }

    /// Before each write: once the database is known to be held, a write tries without
    /// waiting at all, so that typing costs nothing while an import runs.
    fn before_write(&mut self) {
        let wait = if self.blocked {
            std::time::Duration::ZERO
        } else {
            WRITE_WAIT
        };
        let _ = self.store.set_busy_timeout(wait);
    }

    /// Saves a pending write if its form is still open as it was.
    fn retry_pending(&mut self, now: DateTime<Utc>) -> Vec<TerminalEffect> {
        let Some(pending) = self.pending.take() else {
            return Vec::new();
        };
        if self.form_state().as_ref() != Some(&pending.form) {
            return Vec::new();
        }
        self.before_write();
        let config = &self.app.config;
        let action = match apply(
            &mut self.store,
            config,
            &self.app.texts,
            pending.write.clone(),
            now,
        ) {
            Ok(outcome) => Action::Saved(outcome),
            Err(e) if e.is_busy() => {
                self.pending = Some(pending);
                return Vec::new();
            }
            Err(e) => Action::SaveFailed(store_error(&e, &self.app.texts)),
        };
        let effects = self.app.update(action, now);
        self.perform_all(effects, now)
    }

    /// Tells the status bar whether the database is held or the draft could not be kept,
    /// and clears that once writes go through again.
    fn report_writes(&mut self, kept: store::Result<()>, now: DateTime<Utc>) {
        let wait = match kept {
            Err(e) if e.is_busy() => StoreWait::Busy {
                holder: self.holder(),
            },
            Err(e) => StoreWait::DraftNotKept(store_error(&e, &self.app.texts)),
            Ok(()) if self.pending.is_some() => StoreWait::Busy {
                holder: self.holder(),
            },
            Ok(()) if self.blocked => StoreWait::Free,
            Ok(()) => return,
        };
        self.blocked = wait != StoreWait::Free;
        if !self.blocked {
            self.holder = None;
        }
        // The status bar's word has no effects.
        let _ = self.app.update(Action::Store(wait), now);
    }

    fn offer_draft(&mut self) {
        let Ok(Some((text, saved_at))) = self.store.draft() else {
            return;
        };
        match serde_json::from_str(&text) {
            Ok(form) => {
                self.app.restore_draft(form, saved_at);
                self.saved_draft = Some(text);
            }
            // Written by a build whose forms differed: nothing to offer, nothing to keep.
            Err(_) => {
                let _ = self.store.clear_draft();
            }
        }
    }

    /// Runs an action through the app and every store effect it causes. Effects that need
    /// the terminal (editor, suspend, quit) are returned for the runtime.
    pub fn dispatch(&mut self, action: Action, now: DateTime<Utc>) -> Vec<TerminalEffect> {
        let tick = matches!(action, Action::Tick);
        let effects = self.app.update(action, now);
        let mut rest = self.perform_all(effects, now);
        self.tell_viewing();
        if tick {
            rest.extend(self.retry_pending(now));
            let kept = self.keep_draft(now);
            self.report_writes(kept, now);
        }
        rest
    }

    /// On a team desk, passes on which ticket is open now, so that the others see who is on
    /// it. Presence is a courtesy: a failed write is tried again with the next key.
    fn tell_viewing(&mut self) {
        if self.app.views.team.is_none() || self.viewing == self.app.ticket_id {
            return;
        }
        if self
            .store
            .set_viewing(self.app.ticket_id.as_deref())
            .is_ok()
        {
            self.viewing = self.app.ticket_id.clone();
        }
    }

    /// Another desk on the same file committed something: reload what is on screen.
    pub fn poll_changes(&mut self, now: DateTime<Utc>) -> Vec<TerminalEffect> {
        match self.store.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                let request = self.app.view_request();
                self.perform_all(vec![Effect::Store(StoreEffect::Refresh(request))], now)
            }
            _ => Vec::new(),
        }
    }

    /// Carries out the store's effects, and those their answers cause in turn, until none
    /// is left; the terminal's are handed back for the runtime.
    fn perform_all(&mut self, mut effects: Vec<Effect>, now: DateTime<Utc>) -> Vec<TerminalEffect> {
        let mut for_terminal = Vec::new();
        while !effects.is_empty() {
            let mut next = Vec::new();
            let mut reminded = Vec::new();
            for effect in effects {
                match effect {
                    Effect::Terminal(effect) => for_terminal.push(effect),
                    Effect::Store(effect) => {
                        if let Some(action) = self.perform(effect, now, &mut reminded) {
                            next.extend(self.app.update(action, now));
                        }
                    }
                }
            }
            // One ring for however many reminders fell due together.
            if !reminded.is_empty() {
                for_terminal.push(TerminalEffect::Notify(reminded.join("; ")));
                next.push(Effect::Store(StoreEffect::Refresh(self.app.view_request())));
            }
            effects = next;
        }
        for_terminal
    }

    /// Records that a reminder is given, and keeps its text in `reminded` to be rung.
    fn record_alert(
        &mut self,
        promise_id: &Id,
        kind: AlertKind,
        text: String,
        now: DateTime<Utc>,
        reminded: &mut Vec<String>,
    ) -> Option<Action> {
        self.before_write();
        match self.store.record_alert(promise_id, kind, now) {
            Ok(()) => {
                reminded.push(text);
                None
            }
            // Given on a later tick, once the database is free.
            Err(e) if e.is_busy() => {
                let holder = self.holder();
                self.blocked = true;
                // The status bar's word has no effects.
                let _ = self
                    .app
                    .update(Action::Store(StoreWait::Busy { holder }), now);
                None
            }
            Err(e) => Some(Action::LoadFailed(store_error(&e, &self.app.texts))),
        }
    }

    /// Carries out a store effect and returns the action that reports its result. A
    /// reminder given is kept in `reminded`, so that those falling due together ring once.
    fn perform(
        &mut self,
        effect: StoreEffect,
        now: DateTime<Utc>,
        reminded: &mut Vec<String>,
    ) -> Option<Action> {
        Some(match effect {
            StoreEffect::Refresh(request) => {
                match load_views(&self.store, &request, now, &self.app) {
                    Ok(views) => Action::Loaded(Box::new(views)),
                    Err(e) => Action::LoadFailed(store_error(&e, &self.app.texts)),
                }
            }
            // A search that could not consider every caller says so; the app then has the
            // runtime finish it in the background.
            StoreEffect::SearchCallers(query) => {
                match self.store.search_callers_quickly(&query, SEARCH_RESULTS) {
                    Ok(found) => Action::CallerHits {
                        query,
                        hits: found.hits,
                        exhaustive: found.exhaustive,
                    },
                    Err(e) => Action::LoadFailed(store_error(&e, &self.app.texts)),
                }
            }
            StoreEffect::SearchTickets(query) => {
                match self.store.search_tickets(&query, SEARCH_RESULTS) {
                    Ok(hits) => Action::TicketHits { query, hits },
                    Err(e) => Action::LoadFailed(store_error(&e, &self.app.texts)),
                }
            }
            StoreEffect::LoadEarlier(caller_id) => match self.store.earlier_tickets(&caller_id) {
                Ok(tickets) => Action::EarlierLoaded { caller_id, tickets },
                Err(e) => Action::LoadFailed(store_error(&e, &self.app.texts)),
            },
            StoreEffect::LoadHandover => {
                let app = &self.app;
                let agent = self.store.agent().to_string();
                match crate::desk::handover::gather(
                    &self.store,
                    &agent,
                    &app.calendar,
                    &app.config.sla,
                    now,
                ) {
                    Ok(handover) => Action::HandoverLoaded(Box::new(handover)),
                    Err(e) => Action::LoadFailed(store_error(&e, &app.texts)),
                }
            }
            StoreEffect::LoadReview => match load_review(&self.store, now, &self.app) {
                Ok(data) => Action::ReviewLoaded(Box::new(data)),
                Err(e) => Action::LoadFailed(store_error(&e, &self.app.texts)),
            },
            StoreEffect::LoadScripts { ticket_id } => {
                match self.store.latest_script_run(&ticket_id) {
                    Ok(events) => {
                        let folder = self
                            .app
                            .config
                            .knowledge_folder()
                            .map(|f| f.join("scripts"));
                        let groups: Vec<&str> = self
                            .app
                            .config
                            .groups
                            .iter()
                            .map(|g| g.name.as_str())
                            .collect();
                        let library =
                            crate::domain::scripts::Library::load(folder.as_deref(), &groups);
                        Action::ScriptsLoaded(Box::new(crate::app::script::ScriptsLoaded {
                            ticket_id,
                            library,
                            events,
                        }))
                    }
                    Err(e) => Action::LoadFailed(store_error(&e, &self.app.texts)),
                }
            }
            StoreEffect::Write(write) => {
                let form = self.form_state();
                let retry = form.is_some().then(|| write.clone());
                self.before_write();
                let config = &self.app.config;
                match apply(&mut self.store, config, &self.app.texts, write, now) {
                    Ok(outcome) => Action::Saved(outcome),
                    Err(e) if e.is_busy() => {
                        if let (Some(write), Some(form)) = (retry, form) {
                            self.pending = Some(PendingWrite { write, form });
                        }
                        self.blocked = true;
                        Action::SaveWaiting {
                            holder: self.holder(),
                        }
                    }
                    Err(e) => Action::SaveFailed(store_error(&e, &self.app.texts)),
                }
            }
            StoreEffect::Kb(effect) => {
                crate::desk::kb_sync::perform(&mut self.store, &self.app, effect, now)
            }
            StoreEffect::Phone(effect) => phone::perform(&mut self.store, &self.app, effect, now),
            StoreEffect::Alert {
                promise_id,
                kind,
                text,
            } => return self.record_alert(&promise_id, kind, text, now, reminded),
        })
    }
}
