//! What flows into `App::update` (actions) and what comes out of it (effects). The runtime
//! turns key presses into actions and carries out effects; the app itself does no I/O.

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::Rect;

use crate::domain::{
    Alert, AlertKind, Caller, CallerHit, Channel, Counts, EarlierTicket, Event, Id, LineFilter,
    NewCaller, PriorContact, Promise, QueueFilter, Status, Ticket,
};
use crate::keymap::Command;

#[derive(Debug)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    /// A click or a turn of the wheel; `screen` is the area the last frame was drawn in, so
    /// the pointer is placed on the same layout the agent sees.
    Mouse {
        event: MouseEvent,
        screen: Rect,
    },
    Command(Command),
    /// Time passed; countdowns and alerts are drawn from the `now` given with every action.
    Tick,
    Loaded(Box<Views>),
    LoadFailed(String),
    /// Callers found for `query`. `exhaustive` is false when the search could not
    /// consider every caller (the quick search on a large desk), true for a complete answer.
    CallerHits {
        query: String,
        hits: Vec<CallerHit>,
        exhaustive: bool,
    },
    TicketHits {
        query: String,
        hits: Vec<Ticket>,
    },
    /// A caller's earlier tickets, to rank against the subject being typed.
    EarlierLoaded {
        caller_id: Id,
        tickets: Vec<EarlierTicket>,
    },
    Saved(Outcome),
    ReviewLoaded(Box<crate::app::review::ReviewData>),
    HandoverLoaded(Box<crate::domain::shift_handover::Handover>),
    ScriptsLoaded(Box<crate::app::script::ScriptsLoaded>),
    SaveFailed(String),
    /// Another process holds the database; the desk saves this write once it is free.
    SaveWaiting {
        holder: Option<String>,
    },
    /// How the desk's writes fare while the database is held or the disk refuses.
    Store(crate::app::StoreWait),
    /// The external editor returned; `failed` says whether it exited with an error.
    EditorClosed {
        ticket_id: Id,
        text: String,
        failed: bool,
    },
    EditorFailed(String),
    Kb(crate::app::kb::KbAction),
    Phone(crate::app::phone::PhoneAction),
}

/// What `App::update` asks of the world, split by who carries it out, so that each runner
/// matches every case it owns and an effect cannot end up with a runner that ignores it.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// For the desk, which owns the store (`Desk::perform`).
    Store(StoreEffect),
    /// For the event loop, which owns the terminal and the background search.
    Terminal(TerminalEffect),
}

/// Reads and writes of the store; each is answered with an action.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreEffect {
    /// Reload every pane for what the app shows now.
    Refresh(ViewRequest),
    /// The quick caller search, answered with `Action::CallerHits`, which says whether it
    /// could consider every caller.
    SearchCallers(String),
    SearchTickets(String),
    /// Load a caller's earlier tickets (`Action::EarlierLoaded`).
    LoadEarlier(Id),
    LoadReview,
    LoadHandover,
    /// Read the scripts (shipped and the agent's own) and the ticket's latest script run.
    LoadScripts {
        ticket_id: Id,
    },
    Write(Write),
    Kb(crate::app::kb::KbEffect),
    Phone(crate::app::phone::PhoneEffect),
    /// Remind the agent of a promise: recorded so it is given once, then rung.
    Alert {
        promise_id: Id,
        kind: AlertKind,
        text: String,
    },
}

/// What needs the terminal, or the event loop that owns it.
#[derive(Clone, Debug, PartialEq)]
pub enum TerminalEffect {
    /// The quick search could not consider every caller: the event loop has every caller
    /// ranked in the background and reports back with `Action::CallerHits`. Meanwhile
    /// `App::search_pending` says an answer is due.
    SearchEverywhere(String),
    OpenEditor {
        ticket_id: Id,
        initial: String,
    },
    /// Open an article's file in `$EDITOR`, first writing `initial` there if it does not
    /// exist yet (a new article, or a shipped one the agent is about to change).
    EditArticle {
        slug: String,
        path: std::path::PathBuf,
        initial: String,
    },
    /// Put text on the clipboard through the terminal (OSC 52).
    Copy(String),
    /// Ring the bell and, where configured, raise a desktop notification.
    Notify(String),
    Suspend,
    Quit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewRequest {
    pub filter: QueueFilter,
    /// Only the tickets of one line or group, on top of `filter`.
    pub line: Option<LineFilter>,
    pub callbacks_only: bool,
    /// Reminders are looked for up to this far ahead.
    pub remind_before: DateTime<Utc>,
    pub ticket_id: Option<Id>,
    pub caller_id: Option<Id>,
    /// How much of the queue and of the promises to load (see `paging`).
    pub queue_rows: usize,
    pub promise_rows: usize,
}

/// Everything the panes show, loaded in one go after a change.
#[derive(Clone, Debug, Default)]
pub struct Views {
    pub queue: Vec<Ticket>,
    /// SLA clocks of the queue's tickets and the active one.
    pub clocks: std::collections::HashMap<Id, crate::domain::sla::TicketClocks>,
    pub ticket: Option<TicketView>,
    pub caller: Option<CallerView>,
    pub promises: Vec<Promise>,
    pub counts: Counts,
    pub desk_is_empty: bool,
    /// Reminders given to this agent that nobody has acted on yet.
    pub alerts: Vec<Alert>,
    /// This agent's open promises within the warning window or past due.
    pub due_soon: Vec<Promise>,
    /// Similar tickets from several callers just now, not yet tied to an incident.
    pub outage: Option<crate::domain::outage::Outage>,
    /// Major incidents not yet resolved, newest first.
    pub incidents: Vec<Ticket>,
    /// Where the desk stands with its team; `None` for a desk on its own.
    pub team: Option<crate::domain::change::TeamState>,
    /// Everyone who has worked on the desk, for the roster tickets are assigned from.
    pub agents: Vec<String>,
    /// Calls ringing or being spoken now, with their callers' cards.
    pub calls: Vec<crate::domain::calls::LiveCall>,
    /// Calls out of late, to see a callback being made.
    pub calls_out: Vec<crate::domain::calls::Call>,
}

#[derive(Clone, Debug)]
pub struct TicketView {
    pub ticket: Ticket,
    /// Values two desks set differently, for the people concerned to decide.
    pub conflicts: Vec<crate::domain::change::Conflict>,
    /// Other agents of the team who have this ticket open now.
    pub present: Vec<String>,
    /// Other agents who worked on it while their desk and this one could not see each
    /// other, with the newest moment of that work.
    pub apart: Vec<(String, DateTime<Utc>)>,
    pub timeline: Vec<Event>,
    pub promises: Vec<Promise>,
    /// How often it was handed on to another line or group.
    pub transfers: i64,
    pub first_contact: crate::domain::first_contact::Verdict,
    /// The major incident it is linked to.
    pub incident: Option<Ticket>,
    /// For a major incident: the tickets of the callers it hit.
    pub linked: Vec<Ticket>,
}

#[derive(Clone, Debug)]
pub struct CallerView {
    pub caller: Caller,
    pub prior_contacts: Vec<PriorContact>,
    pub open_tickets: Vec<Ticket>,
    /// Inbound contacts within `repeat_contact_days`: a caller who keeps ringing.
    pub recent: crate::domain::RecentContacts,
    /// The last promise the desk made this caller, kept or not.
    pub last_promise: Option<crate::domain::Promise>,
    /// Articles the caller was pointed to, newest first, and whether they rang again since.
    pub sent_articles: Vec<crate::domain::SentArticle>,
    /// Other callers who share a phone number or an e-mail address: likely the same person.
    pub duplicates: Vec<crate::domain::caller_change::Duplicate>,
}

/// A change the agent asked for. Forms stay open until the write is confirmed, so a failed
/// write (disk full, database busy) never loses what was typed.
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    CreateCaller(NewCaller),
    /// `said` is what the caller said, kept on the inbound call; it may be empty.
    /// `call` is the phone system's call the agent took, if the flow began with one.
    OpenTicket {
        caller_id: Id,
        subject: String,
        said: String,
        call: Option<Id>,
    },
    LogCall {
        ticket_id: Id,
        said: String,
        call: Option<Id>,
    },
    /// A callback promise, with the caller's message on an inbound call before it.
    Callback {
        ticket_id: Id,
        said: String,
        what: String,
        to: String,
        due_at: DateTime<Utc>,
    },
    Note {
        ticket_id: Id,
        text: String,
    },
    Status {
        ticket_id: Id,
        status: Status,
    },
    Priority {
        ticket_id: Id,
        impact: u8,
        urgency: u8,
    },
    Category {
        ticket_id: Id,
        category: String,
    },
    Assign {
        ticket_id: Id,
        agent: String,
    },
    Promise {
        ticket_id: Id,
        what: String,
        to: String,
        callback: bool,
        channel: Channel,
        due_at: DateTime<Utc>,
    },
    Keep {
        promise_id: Id,
        note: String,
    },
    Reschedule {
        promise_id: Id,
        due_at: DateTime<Utc>,
        reason: String,
    },
    Cancel {
        promise_id: Id,
        reason: String,
    },
    Escalate {
        ticket_id: Id,
        group: String,
        tier: u8,
        handoff: String,
    },
    DeclareIncident {
        subject: String,
        tickets: Vec<Id>,
    },
    LinkIncident {
        incident_id: Id,
        tickets: Vec<Id>,
    },
    ResolveIncident {
        incident_id: Id,
        resolution: crate::domain::IncidentResolution,
    },
    Script(crate::domain::scripts::Record),
    Subject {
        ticket_id: Id,
        subject: String,
    },
    /// The caller's details as the form was submitted; the store changes what differs.
    EditCaller {
        caller_id: Id,
        wanted: NewCaller,
    },
    MergeCallers {
        keep: Id,
        other: Id,
    },
    SettleConflict {
        conflict_id: String,
        keep: crate::domain::change::Keep,
    },
}

/// What a successful write changed, so the app can move to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    CallerCreated(Caller),
    TicketOpened(Ticket),
    Done {
        message: String,
        ticket_id: Option<Id>,
    },
    /// A script step is on the timeline; the script stays on screen.
    ScriptRecorded,
    /// A caller was corrected or merged; the caller pane shows `caller_id`.
    CallerChanged {
        message: String,
        caller_id: Id,
    },
}
