//! A change to a desk's rows, as it travels between a desk and the team store: the row
//! inserted whole, one field updated (with the value its writer saw), or a row deleted.
//! Events are rows that are only ever inserted, so they never meet a conflict.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::{PromiseState, Status};
use crate::i18n::Texts;
use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeOp {
    Insert,
    Update,
    Delete,
}

impl ChangeOp {
    pub fn code(self) -> &'static str {
        match self {
            ChangeOp::Insert => "insert",
            ChangeOp::Update => "update",
            ChangeOp::Delete => "delete",
        }
    }

    pub fn from_code(code: &str) -> Option<ChangeOp> {
        match code {
            "insert" => Some(ChangeOp::Insert),
            "update" => Some(ChangeOp::Update),
            "delete" => Some(ChangeOp::Delete),
            _ => None,
        }
    }
}

/// One change as a desk made it. `id` (a UUIDv7) makes a retried push harmless: the store
/// keeps the first copy and ignores the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub id: String,
    /// The hybrid clock of the desk that made it (see `Hlc`): what decides a conflict.
    pub hlc: String,
    pub desk: String,
    /// The agent who made it; the team store refuses a change pushed by anyone else.
    pub author: String,
    pub table: String,
    pub row_id: String,
    pub op: ChangeOp,
    /// An update's field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// An update's value as its writer last saw it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// An insert's whole row, column by column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

/// A change as the team store hands it out: in the order the store committed it, with the
/// field's value once the store had decided (the change's own value, or the value that won
/// against it in a conflict).
#[derive(Debug, Clone, PartialEq)]
pub struct Pulled {
    pub seq: i64,
    pub change: Change,
    pub value_after: Option<Value>,
}

/// Fields that people set on purpose: a write made against a value that has changed since
/// its writer saw it is a conflict, shown to people. Other fields (the priority that follows
/// impact and urgency, a ticket's numbers) simply take the last value the store accepted.
pub const CONTESTED_FIELDS: &[(&str, &str)] = &[
    ("tickets", "status"),
    ("tickets", "assignee"),
    ("tickets", "impact"),
    ("tickets", "urgency"),
    ("tickets", "category"),
    ("tickets", "subject"),
    ("callers", "name"),
    ("callers", "organization"),
    ("caller_handles", "value"),
    ("promises", "state"),
    ("promises", "due_at"),
];

pub fn is_contested(table: &str, column: &str) -> bool {
    CONTESTED_FIELDS
        .iter()
        .any(|(t, c)| *t == table && *c == column)
}

/// Two desks set one field differently, each against what it had seen: the team store kept
/// one value (the later by the hybrid clock, the same choice on every desk) and recorded the
/// other here, for the people concerned to decide.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub table: String,
    pub row_id: String,
    pub column: String,
    pub ticket_id: Option<String>,
    pub ticket_key: Option<String>,
    pub kept: Value,
    pub kept_by: String,
    pub kept_at: chrono::DateTime<chrono::Utc>,
    pub lost: Value,
    pub lost_by: String,
    pub lost_at: chrono::DateTime<chrono::Utc>,
}

impl Conflict {
    /// A value as a person reads it: text without quotes, nothing as a dash.
    pub fn shown(value: &Value) -> String {
        match value {
            Value::Null => "—".to_string(),
            Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }
}

/// A field of a shared row, named as the desk's forms name it.
pub fn field_text(column: &str, texts: &Texts) -> String {
    match column {
        "status" => t!(texts, "field-status"),
        "assignee" => t!(texts, "field-agent"),
        "impact" => t!(texts, "field-impact"),
        "urgency" => t!(texts, "field-urgency"),
        "category" => t!(texts, "field-category"),
        "subject" => t!(texts, "field-subject"),
        "name" => t!(texts, "field-name"),
        "organization" => t!(texts, "field-organisation"),
        other => other.to_string(),
    }
}

/// A field's value as the person at the desk reads it: a status or a promise's state in
/// their language, other text as it is, nothing as a dash.
pub fn value_text(column: &str, value: &Value, texts: &Texts) -> String {
    let code = value.as_str().unwrap_or_default();
    match column {
        "status" => Status::from_code(code).map(|s| s.text(texts)),
        "state" => PromiseState::from_code(code).map(|s| s.text(texts)),
        _ => None,
    }
    .unwrap_or_else(|| Conflict::shown(value))
}

/// Which value of a conflict a person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The value the team store kept.
    Kept,
    /// The value that lost: it is set now.
    Lost,
}

impl Conflict {
    /// The value chosen, and the one it stays over.
    pub fn chosen(&self, keep: Keep) -> (&Value, &Value) {
        match keep {
            Keep::Kept => (&self.kept, &self.lost),
            Keep::Lost => (&self.lost, &self.kept),
        }
    }
}

/// Where a desk stands with its team, as `balie team status` and the status bar show it.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamState {
    pub desk_id: String,
    /// The team store's address, without any password.
    pub url: String,
    pub agent: String,
    pub online: bool,
    pub offline_since: Option<chrono::DateTime<chrono::Utc>>,
    pub last_push_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_pull_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Local changes not yet in the team store.
    pub pending: i64,
    pub conflicts: i64,
    /// Ticket numbers leased to this desk and not yet used.
    pub numbers_left: i64,
}
