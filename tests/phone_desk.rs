//! The phone at a running desk: events written by another connection to the desk's file
//! (as `balie phone serve` writes them) ring on screen with the caller's card; one key
//! takes the call; a call answered by this agent opens by itself; the call ends up on the
//! ticket it was logged on; a callback kept while calling back says so.

mod support;

use balie::app::Action;
use balie::desk::Desk;
use balie::domain::calls::CallEvent;
use balie::store::Store;
use chrono::{DateTime, Duration, Utc};
use support::{config, monday_morning};

struct Phone {
    _dir: tempfile::TempDir,
    /// The receiver's own connection to the desk's file.
    line: Store,
    desk: Desk,
    now: DateTime<Utc>,
}

impl Phone {
    /// anna's desk on a file with Jan de Vries, who has one open ticket and was promised
    /// a call back that was kept.
    fn new() -> Phone {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("desk.db");
        let now = monday_morning();
        let mut line = Store::open(&path, "anna").expect("store");
        let jan = line.create_caller(&support::jan(), now).expect("caller");
        let ticket = line
            .open_ticket_with_call(&support::new_ticket(&jan.id, "VPN drops"), "", now)
            .expect("ticket");
        let promise = line
            .make_promise(
                &balie::domain::NewPromise {
                    ticket_id: ticket.id,
                    what: "ring back about the VPN".into(),
                    to: String::new(),
                    callback: false,
                    channel: balie::domain::Channel::Phone,
                    due_at: now + Duration::hours(1),
                },
                now,
            )
            .expect("promise");
        line.keep_promise(&promise.id, "rang", now).expect("kept");
        let desk = Desk::new(Store::open(&path, "anna").expect("store"), config(), now);
        Phone {
            _dir: dir,
            line,
            desk,
            now,
        }
    }

    /// The phone system posts `body`; the desk notices on its next poll.
    fn event(&mut self, body: &str) {
        let event = CallEvent::from_form(body.as_bytes()).expect("event");
        let rules = balie::cli::phone::missed_call_rules(&config(), self.now).expect("rules");
        self.line
            .receive_call_event(&event, &rules, self.now)
            .expect("written");
        self.desk.poll_changes(self.now);
    }

    fn later(&mut self, by: Duration) {
        self.now += by;
    }

    fn press(&mut self, keys: &str) {
        for key in keys.chars() {
            let event = ratatui::crossterm::event::KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char(key),
                ratatui::crossterm::event::KeyModifiers::NONE,
            );
            self.desk.dispatch(Action::Key(event), self.now);
        }
    }

    fn enter(&mut self) {
        let event = ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Enter,
            ratatui::crossterm::event::KeyModifiers::NONE,
        );
        self.desk.dispatch(Action::Key(event), self.now);
    }

    fn screen(&self) -> String {
        support::render(&self.desk, 140, 40, &balie::ui::Theme::plain())
    }
}

#[test]
fn a_known_caller_rings_with_their_card_and_one_key_takes_the_call_onto_a_ticket() {
    let mut phone = Phone::new();
    phone.event("event=newCall&from=0612345678&to=302&direction=in&callId=k1");
    let screen = phone.screen();
    assert!(
        screen.contains(
            "☎ Jan de Vries (Gemeente Utrecht) · 0612345678 · 1 open ticket · \
             last promise: ring back about the VPN (kept on time)"
        ),
        "{screen}"
    );
    assert!(screen.contains("T: take the call"), "{screen}");

    phone.press("T");
    let screen = phone.screen();
    assert!(
        screen.contains("VPN drops"),
        "the caller's open ticket is offered:\n{screen}"
    );
    phone.event("event=answer&callId=k1&direction=in&user%5B%5D=anna");
    // Row 0 opens a new ticket for the caller chosen.
    phone.enter();
    phone.press("Token expired");
    phone.enter();
    let screen = phone.screen();
    assert!(
        screen.contains("T-1002 opened for Jan de Vries"),
        "{screen}"
    );
    // 09:00 UTC is 10:00 in Amsterdam: the call is the ticket's inbound contact.
    assert!(
        screen.contains("☎ inbound call (10:00, on the"),
        "the call is still on the line:\n{screen}"
    );
    phone.later(Duration::seconds(245));
    phone.event("event=hangup&callId=k1&direction=in&cause=normalClearing");

    let call = phone
        .line
        .call_by_call_id("k1")
        .expect("read")
        .expect("call");
    assert_eq!(call.ticket_key.as_deref(), Some("T-1002"));
    let ticket = phone
        .line
        .ticket_by_key("T-1002")
        .expect("read")
        .expect("ticket");
    let timeline = phone.line.timeline(&ticket.id, 20).expect("timeline");
    let contacts: Vec<_> = timeline
        .iter()
        .filter(|e| e.kind == balie::domain::EventKind::ContactIn)
        .collect();
    assert_eq!(contacts.len(), 1, "{timeline:?}");
    assert_eq!(contacts[0].data["call"].as_str(), Some(call.id.as_str()));
    assert_eq!(contacts[0].data["duration_s"].as_i64(), Some(245));
    assert!(
        phone.screen().contains("☎ inbound call (10:00, 4:05)"),
        "the contact says how long the call took once it ended:\n{}",
        phone.screen()
    );
    assert!(
        !phone.screen().contains("take the call"),
        "the banner goes once nobody rings"
    );
}

#[test]
fn an_unknown_number_says_so_and_the_key_offers_a_new_caller_with_the_number() {
    let mut phone = Phone::new();
    phone.event("event=newCall&from=0201234567&to=302&direction=in&callId=u1");
    let screen = phone.screen();
    assert!(
        screen.contains("☎ 0201234567 · unknown number — T: new caller with this number"),
        "{screen}"
    );
    phone.press("T");
    let screen = phone.screen();
    assert!(screen.contains("New caller"), "{screen}");
    assert!(screen.contains("0201234567"), "{screen}");
}

#[test]
fn a_call_answered_by_this_agent_opens_without_a_key() {
    let mut phone = Phone::new();
    phone.event("event=newCall&from=%2B31612345678&to=302&direction=in&callId=a1");
    assert!(phone.desk.app.popup.is_none());
    // Answered by someone else: nothing opens here.
    phone.event("event=answer&callId=a1&direction=in&user%5B%5D=bence");
    assert!(phone.desk.app.popup.is_none());

    phone.event("event=newCall&from=%2B31612345678&to=302&direction=in&callId=a2");
    phone.event("event=answer&callId=a2&direction=in&user%5B%5D=Anna");
    let screen = phone.screen();
    assert!(screen.contains("VPN drops"), "{screen}");
    assert_eq!(
        phone.desk.app.caller_id,
        phone.line.call_by_call_id("a2").unwrap().unwrap().caller_id
    );
}

#[test]
fn an_answer_naming_this_agents_extension_opens_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.db");
    let now = monday_morning();
    let mut line = Store::open(&path, "anna").expect("store");
    let mut settings = config();
    settings.phone_extension = Some("42".into());
    let mut desk = Desk::new(Store::open(&path, "anna").expect("store"), settings, now);
    let rules = balie::cli::phone::missed_call_rules(&config(), now).expect("rules");
    for body in [
        "event=newCall&from=0201234567&to=302&direction=in&callId=e1",
        "event=answer&callId=e1&user%5B%5D=anna&user%5B%5D=bence&answeringNumber=42",
    ] {
        let event = CallEvent::from_form(body.as_bytes()).expect("event");
        line.receive_call_event(&event, &rules, now)
            .expect("written");
    }
    desk.poll_changes(now);
    let screen = support::render(&desk, 140, 40, &balie::ui::Theme::plain());
    assert!(screen.contains("New caller"), "{screen}");
}

#[test]
fn several_ringing_calls_are_listed_not_lost() {
    let mut phone = Phone::new();
    for n in 1..=4 {
        phone.event(&format!(
            "event=newCall&from=02000000{n:02}&to=302&direction=in&callId=s{n}"
        ));
    }
    let screen = phone.screen();
    for n in 1..=3 {
        assert!(screen.contains(&format!("☎ 02000000{n:02}")), "{screen}");
    }
    assert!(screen.contains("+1 more ringing"), "{screen}");
}

#[test]
fn a_caller_ringing_again_this_week_is_counted() {
    let mut phone = Phone::new();
    for n in 1..=2 {
        phone.event(&format!(
            "event=newCall&from=0612345678&to=302&direction=in&callId=w{n}"
        ));
        phone.event(&format!(
            "event=hangup&callId=w{n}&direction=in&cause=noAnswer"
        ));
    }
    phone.event("event=newCall&from=0612345678&to=302&direction=in&callId=w3");
    let screen = phone.screen();
    assert!(screen.contains("3rd call this week"), "{screen}");
}

#[test]
fn keeping_a_callback_while_calling_the_caller_back_notes_the_call() {
    let mut phone = Phone::new();
    phone.event("event=newCall&from=0612345678&to=302&direction=in&callId=cb1");
    phone.event("event=hangup&callId=cb1&direction=in&cause=busy");
    phone.later(Duration::minutes(5));
    phone.event("event=newCall&from=302&to=0612345678&direction=out&callId=cb2&user=anna");
    phone.event("event=answer&callId=cb2&direction=out&user=anna");
    phone.later(Duration::seconds(180));
    phone.event("event=hangup&callId=cb2&direction=out&cause=normalClearing");
    // The callback queue, first come first served; K on the request.
    phone.press("C");
    phone.press("K");
    let screen = phone.screen();
    assert!(
        screen.contains("Called back at 10:05, 3:00"),
        "the keep form is filled in:\n{screen}"
    );
}

#[test]
fn the_caller_log_lists_answered_and_missed_calls() {
    let mut phone = Phone::new();
    phone.event("event=newCall&from=0612345678&to=302&direction=in&callId=l1");
    phone.event("event=answer&callId=l1&direction=in&user%5B%5D=bence");
    phone.later(Duration::seconds(65));
    phone.event("event=hangup&callId=l1&direction=in&cause=normalClearing");
    phone.event("event=newCall&from=0201234567&to=302&direction=in&callId=l2");
    phone.event("event=hangup&callId=l2&direction=in&cause=cancel");
    phone.press("l");
    let screen = phone.screen();
    assert!(screen.contains("Caller log"), "{screen}");
    assert!(
        screen.contains("0612345678  Jan de Vries  answered  bence  1:05"),
        "{screen}"
    );
    assert!(
        screen.contains("0201234567  unknown number  missed  T-1002  callback requested"),
        "{screen}"
    );
}
