//! `balie phone`: the receiver of the phone system's call events (`serve`), and the same
//! events written from a shell (`ring`, `answer`, `hangup`) for dial plans that can only
//! run a command.

mod receiver;
mod token;

pub use receiver::{ServeOptions, serve};
pub use token::read_token;

use std::io::Write;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::calls::{CallDirection, CallEvent, CallEventKind};
use crate::store::{MissedCallRules, Received, Store};

/// What a missed call's callback request gets at `now`: the deadline `callback_within`
/// sets, as the desk's `b` would give it.
pub fn missed_call_rules(config: &Config, now: DateTime<Utc>) -> Result<MissedCallRules> {
    let due_at = crate::domain::deadline::parse_deadline(
        &config.callback_within,
        now,
        &config.calendar(),
        config.language,
    )
    .map_err(|e| anyhow::anyhow!("callback_within in the config: {e:?}"))?;
    Ok(MissedCallRules {
        due_at,
        ticket_prefix: config.ticket_prefix.clone(),
        time_zone: config.time_zone,
    })
}

/// Writes one event and says on `out` what it did, in one line.
pub fn write_event(
    store: &mut Store,
    config: &Config,
    event: &CallEvent,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<Received> {
    let rules = missed_call_rules(config, now)?;
    let received = store
        .receive_call_event(event, &rules, now)
        .with_context(|| {
            format!(
                "writing the {} of call {}",
                event.kind.code(),
                event.call_id
            )
        })?;
    let call = &received.call;
    let who = call.caller_name.as_deref().unwrap_or("unknown caller");
    match (&received.callback, event.kind) {
        (Some(missed), _) => writeln!(
            out,
            "{}: missed call from {} ({who}); callback request {} counts {}",
            call.call_id, call.number, missed.promise_id, missed.count
        )?,
        (None, CallEventKind::NewCall) => {
            writeln!(out, "{}", call.call_id)?;
        }
        (None, _) => writeln!(
            out,
            "{}: {} ({who}) {}",
            call.call_id,
            call.number,
            call.log_state().label()
        )?,
    }
    Ok(received)
}

/// The events `balie phone ring|answer|hangup` write.
pub enum ShellEvent<'a> {
    Ring {
        number: &'a str,
        agent: Option<&'a str>,
        call_id: Option<&'a str>,
        out: bool,
    },
    Answer {
        call_id: &'a str,
        agent: Option<&'a str>,
    },
    Hangup {
        call_id: &'a str,
        cause: &'a str,
    },
}

impl ShellEvent<'_> {
    /// The event as the phone system would have posted it.
    pub fn event(&self) -> Result<CallEvent> {
        let users = |agent: Option<&str>| agent.map(|a| vec![a.to_string()]).unwrap_or_default();
        let event = match self {
            ShellEvent::Ring {
                number,
                agent,
                call_id,
                out,
            } => {
                let direction = if *out {
                    CallDirection::Out
                } else {
                    CallDirection::In
                };
                let (from, to) = match direction {
                    CallDirection::In => (number.to_string(), String::new()),
                    CallDirection::Out => (String::new(), number.to_string()),
                };
                CallEvent {
                    kind: CallEventKind::NewCall,
                    call_id: call_id.map_or_else(crate::domain::new_id, str::to_string),
                    from,
                    to,
                    direction: Some(direction),
                    users: users(*agent),
                    queue: None,
                    cause: None,
                    answering_number: None,
                }
            }
            ShellEvent::Answer { call_id, agent } => CallEvent {
                kind: CallEventKind::Answer,
                call_id: call_id.to_string(),
                from: String::new(),
                to: String::new(),
                direction: None,
                users: users(*agent),
                queue: None,
                cause: None,
                answering_number: None,
            },
            ShellEvent::Hangup { call_id, cause } => CallEvent {
                kind: CallEventKind::Hangup,
                call_id: call_id.to_string(),
                from: String::new(),
                to: String::new(),
                direction: None,
                users: Vec::new(),
                queue: None,
                cause: Some(cause.to_string()),
                answering_number: None,
            },
        };
        if event.call_id.trim().is_empty() {
            anyhow::bail!("the call id is empty");
        }
        Ok(event)
    }
}
