//! The verbs scripts use without the desk (`balie ticket new`, `note`, `promise`, `kept`,
//! `caller find` …), one file per noun. Each takes the store, the config, its arguments,
//! `now` and the writers to print to, so tests run them without a process; `main` only
//! opens the files and hands over stdout and stderr.

pub mod agent;
pub mod caller;
pub mod caller_edit;
pub mod note;
pub mod promise;
pub mod ticket;
pub mod ticket_set;
pub mod ticket_show;

use anyhow::{Context, Result};
use chrono::{DateTime, SecondsFormat, Utc};

use crate::domain::Ticket;
use crate::domain::text::Field;
use crate::store::Store;

/// The exit code for a search that found nobody, or several callers where one was
/// needed; other errors exit 1 and usage errors 2.
pub const EXIT_UNMATCHED: u8 = 3;

/// The team store did not answer.
pub const EXIT_OFFLINE: u8 = 4;

/// A search found nobody, or several where one was needed. Scripts can tell this apart
/// from other failures by its exit code, `EXIT_UNMATCHED`.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unmatched(pub String);

/// The exit code for an error that ends a command.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<Unmatched>().is_some() {
        EXIT_UNMATCHED
    } else if error
        .downcast_ref::<crate::sync::SyncError>()
        .is_some_and(|e| e.is_offline())
    {
        EXIT_OFFLINE
    } else if let Some(stopped) = error.downcast_ref::<crate::desk::terminal_watch::Stopped>() {
        stopped.exit_code()
    } else {
        1
    }
}

/// The ticket a script names: its key (any case), its number, or its id from JSON output.
pub fn find_ticket(store: &Store, named: &str) -> Result<Ticket> {
    let named = named.trim();
    let found = if uuid::Uuid::parse_str(named).is_ok() {
        store.ticket(named)?
    } else {
        store.find_ticket(named)?
    };
    found.with_context(|| format!("no ticket {named}"))
}

/// Text from an argument or stdin held to its field's rules (see `text`); the refusal names
/// where the text came from and says that nothing was written.
fn accept(source: &str, field: Field, text: &str) -> Result<String> {
    crate::domain::text::accept(field, text)
        .map_err(|e| anyhow::anyhow!("{source}: {e}; nothing was saved"))
}

/// Instants in JSON and CSV: RFC 3339 in UTC, to the second.
fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
