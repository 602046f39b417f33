//! The desk's records as the rest of the program sees them. The store maps rows to these.

use chrono::{DateTime, Utc};

/// Primary keys are UUIDv7 text: sortable by creation time and unique across machines, so
/// a later team store can merge desks without renumbering.
pub type Id = String;

pub fn new_id() -> Id {
    uuid::Uuid::now_v7().to_string()
}

/// Defines a closed set of values stored as stable text codes and shown as labels.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

coded_enum! {
    Status {
        New => "new", "new";
        Open => "open", "open";
        WaitingCaller => "waiting_caller", "waiting on caller";
        WaitingThirdParty => "waiting_third_party", "waiting on third party";
        Resolved => "resolved", "resolved";
        Closed => "closed", "closed";
    }
}

impl Status {
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }

    pub fn is_waiting(self) -> bool {
        matches!(self, Status::WaitingCaller | Status::WaitingThirdParty)
    }
}

coded_enum! {
    Channel {
        Phone => "phone", "phone";
        Email => "email", "e-mail";
        Visit => "visit", "visit";
    }
}

coded_enum! {
    /// Only open promises count against an agent. A rescheduled promise is closed and
    /// replaced by a new one that points back at it, so its first deadline stays on record.
    PromiseState {
        Open => "open", "open";
        Kept => "kept", "kept";
        Rescheduled => "rescheduled", "rescheduled";
        Cancelled => "cancelled", "cancelled";
    }
}

coded_enum! {
    AlertKind {
        Warning => "warning", "due soon";
        Due => "due", "due now";
    }
}

/// A reminder given about a promise, and whether anyone has acted on the promise since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    pub id: Id,
    pub kind: AlertKind,
    pub at: DateTime<Utc>,
    pub promise: Promise,
}

coded_enum! {
    EventKind {
        Created => "created", "ticket opened";
        ContactIn => "contact_in", "inbound";
        ContactOut => "contact_out", "outbound";
        Note => "note", "note";
        StatusChanged => "status", "status";
        PriorityChanged => "priority", "priority";
        CategoryChanged => "category", "category";
        AssigneeChanged => "assignee", "assignee";
        SubjectChanged => "subject", "subject";
        CallerMerged => "caller_merged", "caller merged";
        ConflictSettled => "conflict_settled", "conflict settled";
        Renumbered => "renumbered", "renumbered";
        PromiseMade => "promise_made", "promised";
        PromiseKept => "promise_kept", "kept";
        PromiseRescheduled => "promise_rescheduled", "rescheduled";
        PromiseCancelled => "promise_cancelled", "cancelled";
        Escalated => "escalated", "escalated";
        IncidentLinked => "incident_linked", "linked to incident";
        ArticleSent => "article_sent", "article sent";
        ScriptStarted => "script_started", "script started";
        ScriptAnswer => "script_answer", "script answer";
        ScriptLeft => "script_left", "script left";
        ScriptFinished => "script_finished", "script finished";
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub id: Id,
    pub name: String,
    pub organization: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub identifiers: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewCaller {
    pub name: String,
    pub organization: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub identifiers: Vec<String>,
}

/// A caller found by search, with the line shown in the result list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallerHit {
    pub id: Id,
    pub name: String,
    pub organization: String,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    pub id: Id,
    pub key: String,
    pub caller_id: Option<Id>,
    pub caller_name: String,
    pub subject: String,
    pub status: Status,
    pub impact: u8,
    pub urgency: u8,
    pub priority: u8,
    pub category: Option<String>,
    pub assignee: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    /// The line that holds the ticket: 1 is the desk, 2 and up are escalations.
    pub tier: u8,
    /// The group from the config that holds an escalated ticket.
    pub group: Option<String>,
    /// A major incident, which the tickets of every caller it hit are linked to.
    pub major: bool,
    pub incident_id: Option<Id>,
}

/// One entry of a ticket's timeline. `data` holds the structured facts (old and new status,
/// promise id, channel) from which reports are derived; `text` is what the agent typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: Id,
    pub ticket_id: Id,
    pub at: DateTime<Utc>,
    pub by: String,
    pub kind: EventKind,
    pub text: String,
    pub data: serde_json::Value,
}

/// An earlier contact of a caller, for "you called on Tuesday about the VPN".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorContact {
    pub at: DateTime<Utc>,
    pub inbound: bool,
    pub channel: Channel,
    pub ticket_id: Id,
    pub ticket_key: String,
    pub subject: String,
    pub outcome: Status,
}

/// One of a caller's tickets, as the desk ranks them against what the caller says now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlierTicket {
    pub id: Id,
    pub key: String,
    pub subject: String,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    /// The last note (or kept promise, script ending, hand-off) on it: for a finished
    /// ticket, usually how it was solved.
    pub last_words: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Promise {
    pub id: Id,
    pub ticket_id: Id,
    pub ticket_key: String,
    pub caller_id: Option<Id>,
    pub caller_name: String,
    pub to: String,
    pub what: String,
    pub channel: Channel,
    pub due_at: DateTime<Utc>,
    pub owner: String,
    pub state: PromiseState,
    pub callback: bool,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub replaces: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPromise {
    pub ticket_id: Id,
    pub what: String,
    /// Who the promise is made to; empty means the ticket's caller.
    pub to: String,
    /// A caller's request to be called back rather than an offer of the agent's.
    pub callback: bool,
    pub channel: Channel,
    pub due_at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueueFilter {
    Mine,
    #[default]
    AllOpen,
    Waiting,
}

impl QueueFilter {
    pub fn label(self) -> &'static str {
        match self {
            QueueFilter::Mine => "mine",
            QueueFilter::AllOpen => "all open",
            QueueFilter::Waiting => "waiting",
        }
    }
}

/// The queue narrowed to one line (tier) or one group, on top of its filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineFilter {
    Tier(u8),
    Group(String),
}

/// The figures in the status bar, for the agent at the desk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub open_tickets: i64,
    pub promises_due_today: i64,
    pub promises_overdue: i64,
}

/// How often a caller rang the desk lately: a repeat caller is one the desk has not helped
/// yet, whatever the tickets say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecentContacts {
    /// Inbound contacts (calls, e-mails, visits) since the window began.
    pub inbound: u32,
    /// Those of them about a ticket that is still open.
    pub about_open: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KbCounter {
    Opened,
    Inserted,
}

/// How an article has been used, for its pane: "opened 12× · sent to 4 callers, 1 came back".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleUsage {
    pub slug: String,
    pub opened: i64,
    pub inserted: i64,
    pub sent: i64,
    /// Callers it was sent to, and of them those with an inbound contact after the last send.
    pub callers: i64,
    pub came_back: i64,
}

/// An article sent to a caller, and whether they contacted the desk again after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentArticle {
    pub slug: String,
    pub title: String,
    pub at: DateTime<Utc>,
    pub came_back: bool,
}

/// How a major incident's resolution reaches the tickets linked to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentResolution {
    pub note: String,
    pub resolve_linked: bool,
    /// "We will call you back" to every affected caller: what, and by when.
    pub callbacks: Option<(String, DateTime<Utc>)>,
}
