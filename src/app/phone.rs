//! The phone at the desk: taking a ringing call into the new-call flow (by key, or on its
//! own when the phone system says this agent answered), tying the call to the ticket it
//! was logged on, the caller log, and a callback kept while calling the caller back.

use std::collections::HashSet;

use super::action::{Action, Effect, Outcome, StoreEffect, Write};
use super::form::FormKind;
use super::reading::TextScroll;
use super::{App, Popup, forms};
use crate::domain::calls::{
    Call, CallDirection, CallState, call_digits, duration_text, is_this_agent,
};
use crate::domain::{Id, Promise};
use crate::keymap::Command;
use crate::t;

/// Ringing calls shown in the banner at most; more are counted on one more line.
pub const BANNER_CALLS: usize = 3;

/// What the desk remembers of calls between two loads.
#[derive(Debug, Default)]
pub struct PhoneState {
    /// Calls the agent took or that opened on their own: each does so once.
    taken: HashSet<Id>,
    /// The call the agent is taking, until it is logged on a ticket.
    on_call: Option<Id>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PhoneEffect {
    /// The caller log's recent calls (`PhoneAction::LogLoaded`).
    LoadLog,
}

#[derive(Debug)]
pub enum PhoneAction {
    LogLoaded(Vec<Call>),
}

impl App {
    /// Inbound calls ringing now, oldest first: the banner's lines.
    pub fn ringing_calls(&self) -> impl Iterator<Item = &crate::domain::calls::LiveCall> {
        self.views
            .calls
            .iter()
            .filter(|c| c.call.state == CallState::Ringing && c.call.direction == CallDirection::In)
    }

    /// Banner rows for ringing calls: one each, and one saying how many more.
    pub fn ringing_rows(&self) -> u16 {
        let ringing = self.ringing_calls().count();
        (ringing.min(BANNER_CALLS) + usize::from(ringing > BANNER_CALLS)) as u16
    }

    /// The oldest ringing call nobody here took yet, into the new-call flow.
    pub(super) fn take_call(&mut self) -> Vec<Effect> {
        let call = self
            .ringing_calls()
            .find(|c| !self.phone.taken.contains(&c.call.id))
            .or_else(|| self.ringing_calls().next())
            .map(|c| c.call.clone());
        match call {
            Some(call) => self.start_call_flow(call),
            None => {
                self.error(t!(self.texts, "msg-no-call-ringing"));
                Vec::new()
            }
        }
    }

    /// A call the phone system says this agent answered opens on its own, once, unless
    /// the agent is in the middle of something else.
    pub(super) fn pop_answered_call(&mut self) -> Vec<Effect> {
        if self.popup.is_some() {
            return Vec::new();
        }
        let extension = self.config.phone_extension.as_deref();
        let mine = self.views.calls.iter().find(|c| {
            c.call.state == CallState::Answered
                && c.call.direction == CallDirection::In
                && !self.phone.taken.contains(&c.call.id)
                && c.call
                    .agent
                    .as_deref()
                    .is_some_and(|who| is_this_agent(who, &self.config.agent, extension))
        });
        match mine.map(|c| c.call.clone()) {
            Some(call) => self.start_call_flow(call),
            None => Vec::new(),
        }
    }

    fn start_call_flow(&mut self, call: Call) -> Vec<Effect> {
        self.phone.taken.insert(call.id.clone());
        self.phone.on_call = Some(call.id.clone());
        match call.caller_id {
            Some(caller_id) => self.choose_caller(caller_id),
            None => {
                // "anonymous" is not a number to keep on a card.
                let number = if call_digits(&call.number).is_empty() {
                    ""
                } else {
                    call.number.as_str()
                };
                self.popup = Some(Popup::Form(forms::new_caller(number, &self.texts)));
                Vec::new()
            }
        }
    }

    /// A call begun by hand is not a call from the phone system that was taken and left.
    pub(super) fn new_call_by_hand(&mut self) {
        self.phone.on_call = None;
    }

    /// A write of the new-call flow carries the call being taken, so that the call becomes
    /// the inbound contact it logs, in the same transaction.
    pub(super) fn with_taken_call(&self, mut write: Write) -> Write {
        if let Write::OpenTicket { call, .. } | Write::LogCall { call, .. } = &mut write {
            call.clone_from(&self.phone.on_call);
        }
        write
    }

    /// Once the new-call flow has logged the call being taken, it is no longer being taken.
    /// Runs before the save's outcome closes the form that says which step saved.
    pub(super) fn call_logged(&mut self, outcome: &Outcome) {
        let from_new_call = matches!(
            &self.popup,
            Some(Popup::Form(form))
                if matches!(form.kind, FormKind::Subject { .. } | FormKind::LogCall { .. })
        );
        if from_new_call
            && matches!(
                outcome,
                Outcome::TicketOpened(_)
                    | Outcome::Done {
                        ticket_id: Some(_),
                        ..
                    }
            )
        {
            self.phone.on_call = None;
        }
    }

    pub(super) fn on_phone(&mut self, action: PhoneAction) -> Vec<Effect> {
        match action {
            PhoneAction::LogLoaded(calls) => {
                self.popup = Some(Popup::Text {
                    title: t!(self.texts, "calls-title"),
                    lines: self.log_lines(&calls),
                    scroll: TextScroll::default(),
                });
                Vec::new()
            }
        }
    }

    fn log_lines(&self, calls: &[Call]) -> Vec<String> {
        if calls.is_empty() {
            return vec![t!(self.texts, "calls-none")];
        }
        let tz = self.config.time_zone;
        calls
            .iter()
            .map(|call| {
                let state = t!(self.texts, "call-state", state = call.log_state().code());
                let direction = match call.direction {
                    CallDirection::In => "←",
                    CallDirection::Out => "→",
                };
                let mut line = format!(
                    "{} {direction} {}  {}  {state}",
                    call.started_at.with_timezone(&tz).format("%d-%m %H:%M"),
                    call.number,
                    call.caller_name
                        .clone()
                        .unwrap_or_else(|| t!(self.texts, "ringing-unknown")),
                );
                for part in [
                    call.agent.clone(),
                    call.duration_s().map(duration_text),
                    call.ticket_key.clone(),
                    call.callback_id
                        .as_ref()
                        .map(|_| t!(self.texts, "calls-callback")),
                ]
                .into_iter()
                .flatten()
                {
                    line.push_str("  ");
                    line.push_str(&part);
                }
                // Text from the phone system is data, never terminal control.
                crate::domain::text::escape_line(&line).into_owned()
            })
            .collect()
    }

    /// `K` opens the keep form; while the phone system reports an outbound call to the
    /// promise's caller, its note says when the call was made and how long it took.
    pub(super) fn keep_selected_promise(&mut self) -> Vec<Effect> {
        let Some(promise) = self.selected_promise() else {
            self.error(t!(self.texts, "msg-no-promise"));
            return Vec::new();
        };
        let note = self
            .call_back_for(promise)
            .map(|call| self.called_back_note(call))
            .unwrap_or_default();
        self.popup = Some(Popup::Form(forms::keep_noted(promise, &note, &self.texts)));
        Vec::new()
    }

    /// The latest outbound call to the promise's caller since the promise was made.
    fn call_back_for(&self, promise: &Promise) -> Option<&Call> {
        let digits = call_digits(&promise.to);
        self.views
            .calls_out
            .iter()
            .filter(|call| call.started_at >= promise.created_at)
            .filter(|call| {
                (promise.caller_id.is_some() && call.caller_id == promise.caller_id)
                    || (!digits.is_empty() && call_digits(&call.number) == digits)
            })
            .max_by_key(|call| call.started_at)
    }

    fn called_back_note(&self, call: &Call) -> String {
        let time = call
            .started_at
            .with_timezone(&self.config.time_zone)
            .format("%H:%M")
            .to_string();
        match call.duration_s() {
            Some(seconds) => t!(
                self.texts,
                "kept-called-back",
                time = time,
                duration = duration_text(seconds)
            ),
            None => t!(self.texts, "kept-called", time = time),
        }
    }

    pub(super) fn open_call_log(&mut self) -> Vec<Effect> {
        vec![Effect::Store(StoreEffect::Phone(PhoneEffect::LoadLog))]
    }

    /// The hint after the ringing caller: what the take-call key does for them.
    pub fn take_call_hint(&self, known: bool) -> String {
        let key = self.keymap.shortcut(Command::TakeCall);
        if known {
            t!(self.texts, "ringing-take", key = key)
        } else {
            t!(self.texts, "ringing-take-new", key = key)
        }
    }
}

impl From<PhoneAction> for Action {
    fn from(action: PhoneAction) -> Action {
        Action::Phone(action)
    }
}
