//! Calls as the phone system reports them: the events of Zammad's generic CTI push API
//! (`newCall`, `answer`, `hangup`), read from a form-encoded or JSON body, and the rules
//! that turn them into the desk's call log: which number is the caller's, when a call
//! counts as missed, and whether an event names this agent.

use chrono::{DateTime, Utc};

use super::Id;
use super::fold::{fold, phone_digits};

coded_enum! {
    CallDirection {
        In => "in", "in";
        Out => "out", "out";
    }
}

coded_enum! {
    CallState {
        Ringing => "ringing", "ringing";
        Answered => "answered", "answered";
        Missed => "missed", "missed";
        Ended => "ended", "ended";
    }
}

coded_enum! {
    /// What a call event says happened.
    CallEventKind {
        NewCall => "newCall", "new call";
        Answer => "answer", "answer";
        Hangup => "hangup", "hangup";
    }
}

/// One event of the phone system, as it arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallEvent {
    pub kind: CallEventKind,
    pub call_id: String,
    pub from: String,
    pub to: String,
    /// Absent on some `answer` and `hangup` events; the call's `newCall` said it.
    pub direction: Option<CallDirection>,
    /// The agents involved: those it rings for when inbound, the one calling when outbound.
    pub users: Vec<String>,
    pub queue: Option<String>,
    pub cause: Option<String>,
    /// Who picked up: a phone extension, a login or an e-mail address.
    pub answering_number: Option<String>,
}

/// Why an event was refused, in words for the phone system's log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallEventError {
    #[error("the body is not valid {0}: {1}")]
    Unreadable(&'static str, String),
    #[error("\"{0}\" is missing")]
    Missing(&'static str),
    #[error("\"{0}\" must be text")]
    NotText(&'static str),
    #[error("unknown event \"{0}\" (newCall, answer or hangup)")]
    UnknownEvent(String),
    /// Zammad's own answer to a direction other than in or out.
    #[error("Invalid direction!")]
    InvalidDirection,
    #[error("\"{0}\" is longer than {1} characters")]
    TooLong(&'static str, usize),
}

/// Zammad's limit for a call id.
pub const MAX_CALL_ID: usize = 250;
/// Numbers, names and causes are short; anything longer is not a phone system speaking.
const MAX_FIELD: usize = 200;
const MAX_USERS: usize = 50;

impl CallEvent {
    /// Reads an `application/x-www-form-urlencoded` body. Agents come as `user[]` (once per
    /// agent), or `user` from systems that send one.
    pub fn from_form(body: &[u8]) -> Result<CallEvent, CallEventError> {
        CallEvent::from_pairs(
            form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())),
        )
    }

    /// Reads the fields of a form, however it was encoded (`multipart/form-data` too).
    pub fn from_pairs(
        pairs: impl IntoIterator<Item = (String, String)>,
    ) -> Result<CallEvent, CallEventError> {
        let mut fields = Fields::default();
        for (key, value) in pairs {
            match key.as_str() {
                "user[]" | "user" => fields.users.push(value),
                key => fields.set(key, value),
            }
        }
        fields.into_event()
    }

    /// Reads a JSON object; `user` may be a string or an array of strings.
    pub fn from_json(body: &[u8]) -> Result<CallEvent, CallEventError> {
        let value: serde_json::Value = serde_json::from_slice(body)
            .map_err(|e| CallEventError::Unreadable("JSON", e.to_string()))?;
        let serde_json::Value::Object(map) = value else {
            return Err(CallEventError::Unreadable(
                "JSON",
                "expected an object".into(),
            ));
        };
        let mut fields = Fields::default();
        for (key, value) in map {
            match (key.as_str(), value) {
                ("user" | "user[]", serde_json::Value::Array(users)) => {
                    for user in users {
                        match user {
                            serde_json::Value::String(name) => fields.users.push(name),
                            _ => return Err(CallEventError::NotText("user")),
                        }
                    }
                }
                ("user" | "user[]", serde_json::Value::String(name)) => fields.users.push(name),
                (_, serde_json::Value::Null) => {}
                (key, serde_json::Value::String(text)) => fields.set(key, text),
                // Some systems send numbers and ids as JSON numbers.
                (key, serde_json::Value::Number(n)) => fields.set(key, n.to_string()),
                (key, _) => {
                    if let Some(name) = Fields::known(key) {
                        return Err(CallEventError::NotText(name));
                    }
                }
            }
        }
        fields.into_event()
    }

    /// The other party's number: who rang in, or who was rung.
    pub fn number(&self, direction: CallDirection) -> &str {
        match direction {
            CallDirection::In => &self.from,
            CallDirection::Out => &self.to,
        }
    }
}

#[derive(Default)]
struct Fields {
    event: Option<String>,
    call_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
    direction: Option<String>,
    users: Vec<String>,
    queue: Option<String>,
    cause: Option<String>,
    answering_number: Option<String>,
}

impl Fields {
    const NAMES: [&'static str; 9] = [
        "event",
        "callId",
        "from",
        "to",
        "direction",
        "user",
        "queue",
        "cause",
        "answeringNumber",
    ];

    fn known(key: &str) -> Option<&'static str> {
        Fields::NAMES.into_iter().find(|name| *name == key)
    }

    /// Fields Zammad does not read (`token`, vendor extras) are ignored, as Zammad does.
    fn set(&mut self, key: &str, value: String) {
        let slot = match key {
            "event" => &mut self.event,
            "callId" => &mut self.call_id,
            "from" => &mut self.from,
            "to" => &mut self.to,
            "direction" => &mut self.direction,
            "queue" => &mut self.queue,
            "cause" => &mut self.cause,
            "answeringNumber" => &mut self.answering_number,
            _ => return,
        };
        *slot = Some(value);
    }

    fn into_event(self) -> Result<CallEvent, CallEventError> {
        let event = self.event.ok_or(CallEventError::Missing("event"))?;
        let kind = CallEventKind::from_code(event.trim())
            .ok_or_else(|| CallEventError::UnknownEvent(clip(&event)))?;
        let call_id = self
            .call_id
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty())
            .ok_or(CallEventError::Missing("callId"))?;
        if call_id.chars().count() > MAX_CALL_ID {
            return Err(CallEventError::TooLong("callId", MAX_CALL_ID));
        }
        let direction = match self.direction.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => {
                Some(CallDirection::from_code(code).ok_or(CallEventError::InvalidDirection)?)
            }
        };
        if kind == CallEventKind::NewCall && direction.is_none() {
            return Err(CallEventError::InvalidDirection);
        }
        let from = self.from.unwrap_or_default();
        let to = self.to.unwrap_or_default();
        for (name, value) in [("from", &from), ("to", &to)] {
            check_length(name, value)?;
        }
        for (name, value) in [
            ("queue", &self.queue),
            ("cause", &self.cause),
            ("answeringNumber", &self.answering_number),
        ] {
            if let Some(value) = value {
                check_length(name, value)?;
            }
        }
        if self.users.len() > MAX_USERS {
            return Err(CallEventError::TooLong("user", MAX_USERS));
        }
        for user in &self.users {
            check_length("user", user)?;
        }
        let present = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        Ok(CallEvent {
            kind,
            call_id,
            from: from.trim().to_string(),
            to: to.trim().to_string(),
            direction,
            users: self
                .users
                .into_iter()
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty())
                .collect(),
            queue: present(self.queue),
            cause: present(self.cause),
            answering_number: present(self.answering_number),
        })
    }
}

fn check_length(name: &'static str, value: &str) -> Result<(), CallEventError> {
    if value.chars().count() > MAX_FIELD {
        return Err(CallEventError::TooLong(name, MAX_FIELD));
    }
    Ok(())
}

/// An unknown event name quoted back, cut short so a huge one does not fill the answer.
fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

/// Zammad's rule for the caller log: an inbound call that ends before anyone answered is
/// missed, whatever the cause (`cancel`, `noAnswer`, `busy`, `congestion`, `notFound`),
/// except a call forwarded elsewhere, which someone else takes. An outbound call nobody
/// answered is not the desk's to call back.
pub fn is_missed(direction: CallDirection, answered: bool, cause: Option<&str>) -> bool {
    direction == CallDirection::In && !answered && cause != Some("forwarded")
}

/// Digits to match a number by, in the form the caller search stores phones in; empty for
/// `anonymous` and other numbers that cannot be rung back.
pub fn call_digits(number: &str) -> String {
    phone_digits(number)
}

/// Who answered, as the phone system says it: the one agent named, or else the number or
/// login that picked up (`answeringNumber`; with several agents named, only it tells which).
pub fn answered_by(event: &CallEvent) -> Option<String> {
    match event.users.as_slice() {
        [one] => Some(one.clone()),
        users => event
            .answering_number
            .clone()
            .or_else(|| users.first().cloned()),
    }
}

/// Whether who answered is this agent: their name, or their phone extension. Case and
/// accents aside.
pub fn is_this_agent(answered_by: &str, agent: &str, extension: Option<&str>) -> bool {
    let who = fold(answered_by.trim());
    let same = |name: &str| {
        let name = fold(name.trim());
        !name.is_empty() && name == who
    };
    same(agent) || extension.is_some_and(same)
}

/// "4:05" for four minutes and five seconds; hours when a call lasts that long.
/// How long a call answered at `answered` and ended at `ended` took, in whole seconds.
pub fn spoken_seconds(answered: DateTime<Utc>, ended: DateTime<Utc>) -> i64 {
    (ended - answered).num_seconds().max(0)
}

pub fn duration_text(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// "1st", "2nd", "3rd", "4th" … for "3rd call this week" in English.
pub fn english_ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A call ringing or being spoken now, with what the banner shows of its caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveCall {
    pub call: Call,
    pub organization: String,
    pub open_tickets: usize,
    pub last_promise: Option<super::Promise>,
    /// Calls from this number this week, this one included.
    pub calls_this_week: i64,
}

/// A call in the desk's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub id: Id,
    pub call_id: String,
    pub direction: CallDirection,
    pub number: String,
    pub caller_id: Option<Id>,
    /// The recognised caller's name, when there is one.
    pub caller_name: Option<String>,
    pub state: CallState,
    pub agent: Option<String>,
    pub started_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub cause: Option<String>,
    pub ticket_id: Option<Id>,
    pub ticket_key: Option<String>,
    pub callback_id: Option<Id>,
}

impl Call {
    /// Seconds spoken: from answer to hangup. Zero for a call nobody answered.
    pub fn duration_s(&self) -> Option<i64> {
        Some(spoken_seconds(self.answered_at?, self.ended_at?))
    }

    /// The state as the caller log shows it: a call that was answered and ended is an
    /// answered call.
    pub fn log_state(&self) -> CallState {
        match self.state {
            CallState::Ended => CallState::Answered,
            state => state,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_zammads_form_example_with_several_agents() {
        let body = b"event=newCall&from=493023125741&to=492214710334&direction=in\
            &callId=25641e3f-3317-4c48-80b3-fc573c7ffe2b\
            &user%5B%5D=Christopher+Miller&user%5B%5D=Emma+Taylor";
        let event = CallEvent::from_form(body).unwrap();
        assert_eq!(event.kind, CallEventKind::NewCall);
        assert_eq!(event.direction, Some(CallDirection::In));
        assert_eq!(event.users, ["Christopher Miller", "Emma Taylor"]);
        assert_eq!(event.number(CallDirection::In), "493023125741");
    }

    #[test]
    fn reads_zammads_json_example_with_one_user_as_text() {
        let body = br#"{"event":"hangup","from":"493023125741","to":"492214710334",
            "direction":"in","callId":"307fa962","user":"Emma Taylor",
            "answeringNumber":"emma@chrispresso.com","cause":"normalClearing"}"#;
        let event = CallEvent::from_json(body).unwrap();
        assert_eq!(event.kind, CallEventKind::Hangup);
        assert_eq!(event.users, ["Emma Taylor"]);
        assert_eq!(event.cause.as_deref(), Some("normalClearing"));
        assert_eq!(
            event.answering_number.as_deref(),
            Some("emma@chrispresso.com")
        );
    }

    #[test]
    fn refuses_what_is_not_a_call_event_with_a_reason() {
        let form = |b: &[u8]| CallEvent::from_form(b).unwrap_err().to_string();
        assert!(form(b"from=1&callId=2").contains("\"event\" is missing"));
        assert!(form(b"event=ring&callId=2").contains("unknown event \"ring\""));
        assert!(form(b"event=newCall&direction=in").contains("\"callId\" is missing"));
        assert_eq!(
            form(b"event=newCall&callId=1&direction=sideways"),
            "Invalid direction!"
        );
        let long = format!("event=newCall&direction=in&callId={}", "x".repeat(251));
        assert!(form(long.as_bytes()).contains("longer than 250"));
        let json = |b: &[u8]| CallEvent::from_json(b).unwrap_err().to_string();
        assert!(json(b"{\"event\":").contains("not valid JSON"));
        assert!(json(b"[1,2]").contains("expected an object"));
        assert!(json(br#"{"event":"answer","callId":{"a":1}}"#).contains("must be text"));
    }

    #[test]
    fn an_inbound_call_nobody_answered_is_missed_unless_forwarded() {
        for cause in ["cancel", "noAnswer", "busy", "congestion", "notFound"] {
            assert!(is_missed(CallDirection::In, false, Some(cause)), "{cause}");
        }
        assert!(is_missed(CallDirection::In, false, None));
        assert!(!is_missed(CallDirection::In, false, Some("forwarded")));
        assert!(!is_missed(CallDirection::In, true, Some("normalClearing")));
        assert!(!is_missed(CallDirection::Out, false, Some("noAnswer")));
    }

    #[test]
    fn the_one_who_answered_is_this_agent_by_name_or_extension() {
        let event = CallEvent::from_form(
            b"event=answer&callId=1&direction=in&user%5B%5D=%C3%96d%C3%B6n+Kov%C3%A1cs",
        )
        .unwrap();
        let who = answered_by(&event).unwrap();
        assert!(is_this_agent(&who, "odon kovacs", None));
        assert!(!is_this_agent(&who, "anna", None));
        let group = CallEvent::from_form(
            b"event=answer&callId=1&user%5B%5D=Anna&user%5B%5D=Bob&answeringNumber=42",
        )
        .unwrap();
        let who = answered_by(&group).unwrap();
        assert_eq!(who, "42");
        assert!(is_this_agent(&who, "anna", Some("42")));
        assert!(!is_this_agent(&who, "anna", Some("43")));
        assert!(!is_this_agent(&who, "anna", None));
    }

    #[test]
    fn ordinals_read_as_english() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 103]
            .into_iter()
            .map(english_ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "103rd"
            ]
        );
    }

    #[test]
    fn anonymous_has_no_digits_to_call_back() {
        assert_eq!(call_digits("anonymous"), "");
        assert_eq!(call_digits("+31 6 1234 5678"), "31612345678");
    }
}
