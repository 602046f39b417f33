//! The desk's state and its one entry point, `App::update`. It performs no I/O and reads
//! no clock: the runtime passes `now` in and carries out the effects that come back.

pub mod action;
mod background;
mod copy;
pub mod correcting;
mod draft;
mod escalation;
mod find_ticket;
pub mod form;
mod forms;
mod incident;
pub mod kb;
mod keys;
pub mod layout;
mod mouse;
mod navigation;
mod new_call;
pub mod paging;
pub mod palette;
pub mod phone;
pub mod picker;
pub mod reading;
pub mod recognition;
mod reminders;
pub mod review;
mod saving;
pub mod script;
mod settling;
mod waiting;

pub use find_ticket::TicketSearch;
pub use new_call::CallerSearch;
pub use waiting::StoreWait;

use chrono::{DateTime, Utc};

use crate::config::Config;
pub use crate::domain::LineFilter;
use crate::domain::business::Calendar;
use crate::domain::{Id, Promise, QueueFilter};
use crate::i18n::Texts;
use crate::keymap::{Command, Keymap};
use crate::t;
pub use action::{
    Action, CallerView, Effect, Outcome, StoreEffect, TerminalEffect, TicketView, ViewRequest,
    Views, Write,
};
use form::Form;
use paging::{PROMISE_PAGE, QUEUE_PAGE};
use palette::Palette;
use reading::TextScroll;

/// A paste longer than this is cut. Fields are single lines: a whole log pasted into one
/// made every later keystroke and frame work through a megabyte (seconds each).
pub const PASTE_MAX_CHARS: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Queue,
    Ticket,
    Caller,
    Promises,
}

impl Pane {
    const ORDER: [Pane; 4] = [Pane::Queue, Pane::Ticket, Pane::Caller, Pane::Promises];

    fn step(self, forward: bool) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ORDER.len();
        Pane::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

pub enum Popup {
    Help {
        scroll: TextScroll,
    },
    Palette(Palette),
    Search(CallerSearch),
    FindTicket(TicketSearch),
    /// Waiting for the chosen caller's card to load before offering their open tickets.
    AwaitCaller {
        caller_id: Id,
    },
    /// Row 0 opens a new ticket; the others attach the call to one of the caller's open tickets.
    PickTicket {
        caller_id: Id,
        selected: usize,
    },
    Form(Form),
    Review(review::Review),
    Script(script::ScriptPopup),
    /// The knowledge base's search, and an article open from it.
    Kb(kb::KbSearch),
    Article(kb::ArticleView),
    /// The search for another entry of the caller shown, to merge into them.
    MergeCaller(correcting::MergeSearch),
    /// Read-only text, such as the shift handover.
    Text {
        title: String,
        lines: Vec<String>,
        scroll: TextScroll,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

pub struct App {
    pub config: Config,
    /// Built once from the config: deadlines, SLA clocks and "tomorrow" use it.
    pub calendar: Calendar,
    pub keymap: Keymap,
    /// The agent's language: every word the desk shows comes from here.
    pub texts: Texts,
    pub now: DateTime<Utc>,
    pub focus: Pane,
    pub filter: QueueFilter,
    /// The queue narrowed to one line or group (`t` steps through them).
    pub line: Option<LineFilter>,
    /// The caller's earlier tickets, ranked against a new ticket's subject as it is typed.
    pub earlier: Option<recognition::Earlier>,
    /// The Promises pane shows callback requests in arrival order instead of all promises.
    pub callbacks_only: bool,
    pub views: Views,
    /// When the panes were last loaded; time alone makes counts and reminders go stale.
    loaded_at: DateTime<Utc>,
    pub ticket_id: Option<Id>,
    pub caller_id: Option<Id>,
    pub queue_selected: usize,
    pub promise_selected: usize,
    pub contact_selected: usize,
    /// Lines scrolled up from the newest end of the timeline.
    pub timeline_scroll: u16,
    pub popup: Option<Popup>,
    pub message: Option<Message>,
    /// Written by drawing, read by clicks; see `layout::Scrolled`.
    pub scrolled: crate::app::layout::Scrolled,
    /// The knowledge base's articles, loaded by the desk at start and after an edit.
    pub kb: crate::domain::kb::Library,
    /// The status bar says the database is held or the draft not kept; cleared once free.
    store_waiting: bool,
    /// The query a pass over every caller was asked for, while its answer is due.
    searching_everyone: Option<String>,
    /// Calls taken at this desk, and the one being logged now.
    phone: phone::PhoneState,
}

impl App {
    pub fn new(config: Config, now: DateTime<Utc>) -> App {
        App {
            calendar: config.calendar(),
            texts: Texts::new(config.language),
            keymap: Keymap::with_remaps(&config.keys),
            config,
            now,
            focus: Pane::Queue,
            filter: QueueFilter::default(),
            line: None,
            earlier: None,
            callbacks_only: false,
            views: Views::default(),
            loaded_at: now,
            ticket_id: None,
            caller_id: None,
            queue_selected: 0,
            promise_selected: 0,
            contact_selected: 0,
            timeline_scroll: 0,
            popup: None,
            message: None,
            scrolled: Default::default(),
            kb: Default::default(),
            store_waiting: false,
            searching_everyone: None,
            phone: Default::default(),
        }
    }

    /// What the runtime should load for the panes right now.
    pub fn view_request(&self) -> ViewRequest {
        ViewRequest {
            filter: self.filter,
            line: self.line.clone(),
            callbacks_only: self.callbacks_only,
            // A little past the window, as views are reloaded only once a minute.
            remind_before: self.now + self.warning_window() + chrono::Duration::minutes(5),
            ticket_id: self.ticket_id.clone(),
            caller_id: self.caller_id.clone(),
            queue_rows: paging::rows_for(self.queue_selected, QUEUE_PAGE),
            promise_rows: paging::rows_for(self.promise_selected, PROMISE_PAGE),
        }
    }

    fn warning_window(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.config.due_soon_minutes))
    }

    fn refresh(&self) -> Vec<Effect> {
        vec![Effect::Store(StoreEffect::Refresh(self.view_request()))]
    }

    pub fn update(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
        self.now = now;
        let effects = self.react(action, now);
        self.forget_stale_search();
        effects
    }

    fn react(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
        match action {
            Action::Key(key) => self.on_key(key),
            Action::Paste(text) => self.on_paste(&text),
            Action::Mouse { event, screen } => self.on_mouse(event, screen),
            Action::Command(command) => self.run(command),
            // Reminders are worked out when fresh views arrive (see `on_loaded`).
            Action::Tick if now - self.loaded_at >= chrono::Duration::minutes(1) => self.refresh(),
            Action::Tick => self.pending_reminders(),
            Action::Loaded(views) => self.on_loaded(*views),
            Action::LoadFailed(error) => {
                self.error(t!(self.texts, "msg-load-failed", error = error));
                Vec::new()
            }
            Action::CallerHits {
                query,
                hits,
                exhaustive,
            } => self.on_caller_answer(query, hits, exhaustive),
            Action::TicketHits { query, hits } => {
                self.on_ticket_hits(query, hits);
                Vec::new()
            }
            Action::EarlierLoaded { caller_id, tickets } => {
                self.on_earlier_loaded(caller_id, tickets);
                Vec::new()
            }
            Action::Saved(outcome) => self.on_saved(outcome),
            Action::HandoverLoaded(handover) => {
                self.popup = Some(Popup::Text {
                    title: t!(self.texts, "handover-title"),
                    lines: crate::domain::shift_handover::text(
                        &handover,
                        now,
                        self.config.time_zone,
                        &self.texts,
                    ),
                    scroll: TextScroll::default(),
                });
                Vec::new()
            }
            Action::ScriptsLoaded(loaded) => self.on_scripts_loaded(*loaded),
            Action::ReviewLoaded(data) => {
                self.popup = Some(Popup::Review(review::Review::new(*data)));
                Vec::new()
            }
            Action::SaveFailed(error) => {
                self.on_save_failed(error);
                Vec::new()
            }
            Action::SaveWaiting { holder } => {
                self.on_save_waiting(holder);
                Vec::new()
            }
            Action::Store(wait) => {
                self.on_store_wait(wait);
                Vec::new()
            }
            Action::EditorClosed {
                ticket_id,
                text,
                failed,
            } => self.on_editor_closed(ticket_id, text, failed),
            Action::Kb(action) => self.on_kb(action),
            Action::Phone(action) => self.on_phone(action),
            Action::EditorFailed(error) => {
                let key = self.keymap.shortcut(Command::Note);
                self.error(t!(self.texts, "msg-no-editor", error = error, key = key));
                Vec::new()
            }
        }
    }

    fn run(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::NewCall => {
                self.new_call_by_hand();
                self.popup = Some(Popup::Search(CallerSearch::with_extra_row()));
            }
            Command::FindTicket => {
                self.popup = Some(Popup::FindTicket(TicketSearch::default()));
            }
            Command::Note => {
                return self.with_ticket(|app, id| Popup::Form(forms::note(id, "", &app.texts)));
            }
            Command::NoteInEditor => {
                if let Some(ticket_id) = self.require_ticket() {
                    return vec![Effect::Terminal(TerminalEffect::OpenEditor {
                        ticket_id,
                        initial: String::new(),
                    })];
                }
            }
            Command::Status => {
                return self.with_ticket(|app, id| {
                    Popup::Form(forms::status(id, app.current_ticket(), &app.texts))
                });
            }
            Command::Priority => {
                return self.with_ticket(|app, id| {
                    Popup::Form(forms::priority(
                        id,
                        app.current_ticket(),
                        &app.config,
                        &app.texts,
                    ))
                });
            }
            Command::Category => {
                return self.with_ticket(|app, id| {
                    Popup::Form(forms::category(
                        id,
                        app.current_ticket(),
                        &app.config,
                        &app.texts,
                    ))
                });
            }
            Command::Assign => return self.assign(),
            Command::Subject => return self.edit_subject(),
            Command::EditCaller => return self.edit_caller(),
            Command::MergeCaller => return self.merge_caller(),
            Command::Settle => return self.settle_conflict(),
            Command::Promise => {
                return self.with_ticket(|app, id| {
                    let to = app.current_ticket().map(|t| t.caller_name.clone());
                    let clock = (app.now, app.config.time_zone);
                    Popup::Form(forms::promise(id, to.as_deref(), clock, &app.texts))
                });
            }
            Command::Kept => return self.keep_selected_promise(),
            Command::TakeCall => return self.take_call(),
            Command::CallLog => return self.open_call_log(),
            Command::Reschedule => return self.with_promise(forms::reschedule),
            Command::CancelPromise => return self.with_promise(forms::cancel),
            Command::FilterMine => return self.set_filter(QueueFilter::Mine),
            Command::FilterAllOpen => return self.set_filter(QueueFilter::AllOpen),
            Command::FilterWaiting => return self.set_filter(QueueFilter::Waiting),
            Command::FocusNext => self.focus = self.focus.step(true),
            Command::FocusPrevious => self.focus = self.focus.step(false),
            Command::Down => return self.move_selection(true),
            Command::Up => return self.move_selection(false),
            Command::Open => return self.open_selected(),
            Command::Back => self.message = None,
            Command::Copy => return self.copy(),
            Command::Review => return vec![Effect::Store(StoreEffect::LoadReview)],
            Command::Kb => return self.open_kb(),
            Command::Script => return self.start_script(),
            Command::Escalate => return self.escalate(),
            Command::MajorIncident => return self.major_incident(),
            Command::LinkIncident => return self.link_incident(),
            Command::FilterLine => return self.next_line_filter(),
            Command::Handover => return vec![Effect::Store(StoreEffect::LoadHandover)],
            Command::Callback => return self.callback_request(),
            Command::Callbacks => {
                self.callbacks_only = !self.callbacks_only;
                self.promise_selected = 0;
                self.focus = Pane::Promises;
                return self.refresh();
            }
            Command::Help => {
                self.popup = Some(Popup::Help {
                    scroll: TextScroll::default(),
                })
            }
            Command::Palette => self.popup = Some(Popup::Palette(Palette::new(&self.texts))),
            Command::Suspend => return vec![Effect::Terminal(TerminalEffect::Suspend)],
            Command::Quit => return vec![Effect::Terminal(TerminalEffect::Quit)],
        }
        Vec::new()
    }

    /// Rows the banner over the panes needs: one for reminders, one for an outage.
    pub fn banner_rows(&self) -> u16 {
        self.ringing_rows()
            + u16::from(!self.views.alerts.is_empty())
            + u16::from(self.views.outage.is_some())
    }

    pub fn current_ticket(&self) -> Option<&crate::domain::Ticket> {
        self.views.ticket.as_ref().map(|v| &v.ticket)
    }

    fn require_ticket(&mut self) -> Option<Id> {
        let id = self.current_ticket().map(|t| t.id.clone());
        if id.is_none() {
            let (open, new_call) = (
                self.keymap.shortcut(Command::Open),
                self.keymap.shortcut(Command::NewCall),
            );
            self.error(t!(
                self.texts,
                "msg-no-ticket",
                open = open,
                new_call = new_call
            ));
        }
        id
    }

    fn with_ticket(&mut self, popup: impl FnOnce(&App, Id) -> Popup) -> Vec<Effect> {
        if let Some(id) = self.require_ticket() {
            self.popup = Some(popup(self, id));
        }
        Vec::new()
    }

    /// The promise a keep/reschedule/cancel is about: the one selected in the Promises pane,
    /// else the earliest open promise of the active ticket.
    pub fn selected_promise(&self) -> Option<&Promise> {
        if self.focus == Pane::Promises {
            return self.views.promises.get(self.promise_selected);
        }
        self.views.ticket.as_ref().and_then(|v| v.promises.first())
    }

    fn with_promise(&mut self, form: impl FnOnce(&Promise, &Texts) -> Form) -> Vec<Effect> {
        match self.selected_promise() {
            Some(promise) => self.popup = Some(Popup::Form(form(promise, &self.texts))),
            None => self.error(t!(self.texts, "msg-no-promise")),
        }
        Vec::new()
    }

    fn pending_reminders(&self) -> Vec<Effect> {
        reminders::pending(
            &self.views,
            self.now,
            self.warning_window(),
            self.config.time_zone,
            &self.texts,
        )
    }

    fn on_loaded(&mut self, views: Views) -> Vec<Effect> {
        self.views = views;
        self.loaded_at = self.now;
        self.queue_selected = self
            .queue_selected
            .min(self.views.queue.len().saturating_sub(1));
        self.promise_selected = self
            .promise_selected
            .min(self.views.promises.len().saturating_sub(1));
        // The runtime loads the ticket's caller when none was asked for; keep showing them.
        if self.caller_id.is_none() {
            self.caller_id = self.views.caller.as_ref().map(|c| c.caller.id.clone());
        }
        self.offer_tickets_once_caller_loaded();
        let mut effects = self.pop_answered_call();
        effects.extend(self.pending_reminders());
        effects
    }

    /// A new call given up: the Caller pane goes back to the active ticket's caller, so it
    /// never shows one person beside another person's ticket.
    fn caller_follows_ticket(&mut self) -> Vec<Effect> {
        let ticket_caller = self
            .views
            .ticket
            .as_ref()
            .and_then(|view| view.ticket.caller_id.clone());
        if self.caller_id == ticket_caller {
            return Vec::new();
        }
        self.caller_id = None;
        self.contact_selected = 0;
        self.earlier = None;
        self.refresh()
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }
}
