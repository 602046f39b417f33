//! The receiver of the phone system's call events, as the real binary on a free port, fed
//! real HTTP requests taken from Zammad's documented examples of its generic CTI API; and
//! the same events from a shell. What they did is read back through `balie calls` and the
//! store.

mod support;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use balie::store::Store;
use serde_json::Value;
use support::cli::{balie, balie_command, text, utf8};

const TOKEN: &str = "PhXp3ZG63QyJfcb1pVOnBKJWIbI";

/// A desk with Jan de Vries (+31 6 1234 5678) on it, and a private token file.
struct Desk {
    home: tempfile::TempDir,
    db: PathBuf,
    token_file: PathBuf,
}

impl Desk {
    fn new() -> Desk {
        let home = tempfile::tempdir().expect("temporary home");
        let db = home.path().join("desk.db");
        let mut store = Store::open(&db, "anna").expect("store");
        store
            .create_caller(&support::jan(), chrono::Utc::now())
            .expect("caller");
        drop(store);
        let token_file = home.path().join("phone-token");
        write_private(&token_file, &format!("{TOKEN}\n"), 0o600);
        Desk {
            home,
            db,
            token_file,
        }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut all = vec!["--db", utf8(&self.db)];
        all.extend_from_slice(args);
        balie(self.home.path(), &all)
    }

    /// `balie calls --since 1d --format json`, parsed.
    fn log(&self) -> Vec<Value> {
        let out = self.run(&["calls", "--since", "1d", "--format", "json"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("JSON rows")
    }

    fn serve(&self) -> Receiver {
        Receiver::start(self, &[])
    }
}

fn write_private(path: &Path, content: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, content).expect("write");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// `balie phone serve` on a free port (port 0: it prints the one it got).
struct Receiver {
    child: Child,
    base: String,
    http: ureq::Agent,
}

impl Receiver {
    fn start(desk: &Desk, extra: &[&str]) -> Receiver {
        let mut child = balie_command(desk.home.path())
            .args(["--db", utf8(&desk.db), "phone", "serve", "--listen"])
            .arg("127.0.0.1:0")
            .arg("--token-file")
            .arg(&desk.token_file)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the receiver");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the receiver's first line");
        let Some(address) = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
        else {
            let mut errors = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                let _ = stderr.read_to_string(&mut errors);
            }
            panic!("the receiver did not start: {line:?} {errors}");
        };
        let http: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        Receiver {
            base: format!("http://{address}/api/v1/cti/"),
            child,
            http,
        }
    }

    fn post(&self, token: &str, content_type: &str, body: &[u8]) -> (u16, Value) {
        let mut response = self
            .http
            .post(format!("{}{token}", self.base))
            .header("Content-Type", content_type)
            .send(body)
            .expect("an answer");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().expect("body");
        let value = serde_json::from_str(&body).unwrap_or(Value::String(body));
        (status, value)
    }

    fn form(&self, body: &str) -> (u16, Value) {
        self.post(TOKEN, "application/x-www-form-urlencoded", body.as_bytes())
    }

    fn json(&self, body: &str) -> (u16, Value) {
        self.post(TOKEN, "application/json", body.as_bytes())
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A multipart form as `curl --form` sends Zammad's form-data examples.
fn multipart(fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "------------------------a8c3e1f0b2d4";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

#[test]
fn zammads_documented_examples_are_answered_as_zammad_answers() {
    let desk = Desk::new();
    let receiver = desk.serve();
    // newCall, form-encoded, ringing for two agents; Jan's number in national form.
    let ring = receiver.form(
        "event=newCall&from=0612345678&to=492214710334&direction=in\
         &callId=25641e3f-3317-4c48-80b3-fc573c7ffe2b\
         &user%5B%5D=Christopher+Miller&user%5B%5D=Emma+Taylor",
    );
    assert_eq!(ring, (200, serde_json::json!({})));
    let answer = receiver.json(
        r#"{"event": "answer", "from": "0612345678", "to": "492214710334",
            "direction": "in", "callId": "25641e3f-3317-4c48-80b3-fc573c7ffe2b",
            "user": "Emma Taylor", "answeringNumber": "emma@chrispresso.com"}"#,
    );
    assert_eq!(answer, (200, serde_json::json!({})));
    let (content_type, body) = multipart(&[
        ("event", "hangup"),
        ("from", "0612345678"),
        ("to", "492214710334"),
        ("direction", "in"),
        ("callId", "25641e3f-3317-4c48-80b3-fc573c7ffe2b"),
        ("user[]", "Emma Taylor"),
        ("answeringNumber", "emma@chrispresso.com"),
        ("cause", "normalClearing"),
    ]);
    assert_eq!(
        receiver.post(TOKEN, &content_type, &body),
        (200, serde_json::json!({}))
    );
    // An outbound call, JSON, with one user as text.
    let out = receiver.json(
        r#"{"event": "newCall", "from": "493023125741", "to": "492214710334",
            "direction": "out", "callId": "f4ebd2be-7b9a-4d58-94c2-eb06a3c2ce76",
            "user": "Christopher Miller"}"#,
    );
    assert_eq!(out.0, 200);

    let log = desk.log();
    assert_eq!(log.len(), 2, "{log:?}");
    let jan = log
        .iter()
        .find(|r| r["call_id"] == "25641e3f-3317-4c48-80b3-fc573c7ffe2b")
        .expect("Jan's call");
    assert_eq!(jan["caller"], "Jan de Vries");
    assert_eq!(jan["direction"], "in");
    assert_eq!(jan["number"], "0612345678");
    assert_eq!(jan["state"], "answered");
    assert_eq!(jan["agent"], "Emma Taylor");
    assert!(jan["duration_s"].is_i64(), "{jan}");
    assert_eq!(jan["callback"], Value::Null);
    let outbound = log
        .iter()
        .find(|r| r["direction"] == "out")
        .expect("the outbound call");
    assert_eq!(outbound["number"], "492214710334");
    assert_eq!(outbound["caller"], Value::Null);
    assert_eq!(outbound["state"], "ringing");
    assert_eq!(outbound["agent"], "Christopher Miller");
}

#[test]
fn a_missed_call_becomes_one_callback_request_and_a_second_counts_into_it() {
    let desk = Desk::new();
    let receiver = desk.serve();
    for id in ["m-1", "m-2"] {
        assert_eq!(
            receiver
                .form(&format!(
                    "event=newCall&from=%2B31612345678&to=302&direction=in&callId={id}"
                ))
                .0,
            200
        );
        let hangup = receiver.json(&format!(
            r#"{{"event":"hangup","from":"+31612345678","to":"302","direction":"in",
                "callId":"{id}","cause":"cancel"}}"#
        ));
        assert_eq!(hangup.0, 200);
    }
    let log = desk.log();
    assert_eq!(log.len(), 2);
    assert!(log.iter().all(|r| r["state"] == "missed"), "{log:?}");
    let callback = log[0]["callback"].as_str().expect("a callback request");
    assert_eq!(log[1]["callback"], callback, "both count into one request");

    let store = Store::open(&desk.db, "anna").expect("store");
    let callbacks = store.open_callbacks(10).expect("callbacks");
    assert_eq!(callbacks.len(), 1, "{callbacks:?}");
    assert_eq!(callbacks[0].id, callback);
    assert_eq!(callbacks[0].caller_name, "Jan de Vries");
    let missed = store
        .missed_calls_of(callback)
        .expect("missed calls")
        .expect("counted");
    assert_eq!(missed.count, 2);
    let timeline = store
        .timeline(&callbacks[0].ticket_id, 20)
        .expect("timeline");
    assert!(
        timeline
            .iter()
            .any(|e| e.text.starts_with("2 missed calls since")),
        "{timeline:?}"
    );
}

#[test]
fn wrong_token_malformed_and_oversized_bodies_are_refused_and_the_receiver_keeps_serving() {
    let desk = Desk::new();
    let receiver = desk.serve();
    let event = "event=newCall&from=0612345678&to=302&direction=in&callId=t-1";

    let (status, body) = receiver.post(
        "not-the-token",
        "application/x-www-form-urlencoded",
        event.as_bytes(),
    );
    assert_eq!(status, 401);
    assert_eq!(body["error"], "Invalid token, please contact your admin!");
    let (status, _) = receiver.post(
        &TOKEN[..TOKEN.len() - 1],
        "application/x-www-form-urlencoded",
        event.as_bytes(),
    );
    assert_eq!(status, 401, "a prefix of the token is not the token");
    assert!(desk.log().is_empty(), "a wrong token writes nothing");

    let (status, body) = receiver.json(r#"{"event": "newCall", "callId": "#);
    assert_eq!(status, 400);
    assert!(
        body["error"]
            .as_str()
            .unwrap_or("")
            .contains("not valid JSON"),
        "{body}"
    );
    let (status, body) = receiver.form("from=0612345678&callId=t-2");
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("\"event\" is missing"))
    );
    let (status, body) = receiver.form("event=newCall&callId=t-3&direction=sideways");
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("Invalid direction!"))
    );
    let huge = format!("{event}&queue={}", "x".repeat(64 * 1024));
    let (status, _) = receiver.form(&huge);
    assert_eq!(status, 413);
    assert!(desk.log().is_empty(), "nothing refused was written");

    // A hangup for a call the receiver never heard of, naming no number: nothing to log.
    let (status, body) = receiver.form("event=hangup&callId=never-rang&cause=cancel");
    assert_eq!(status, 404, "{body}");
    assert!(desk.log().is_empty());

    assert_eq!(receiver.form(event), (200, serde_json::json!({})));
    assert_eq!(desk.log().len(), 1, "still serving after bad input");
}

#[test]
fn a_flood_of_ten_thousand_events_leaves_the_receiver_serving_and_the_store_consistent() {
    const CLIENTS: usize = 4;
    const CALLS_EACH: usize = 1_250;
    let desk = Desk::new();
    let receiver = desk.serve();
    std::thread::scope(|scope| {
        for client in 0..CLIENTS {
            let receiver = &receiver;
            scope.spawn(move || {
                for n in 0..CALLS_EACH {
                    let id = format!("flood-{client}-{n}");
                    let number = format!("0201{client}{n:05}");
                    let ring = receiver.form(&format!(
                        "event=newCall&from={number}&to=302&direction=in&callId={id}"
                    ));
                    assert_eq!(ring.0, 200, "{ring:?}");
                    let end = receiver.form(&format!(
                        "event=hangup&from={number}&to=302&direction=in&callId={id}\
                         &cause=forwarded"
                    ));
                    assert_eq!(end.0, 200, "{end:?}");
                    // Garbage between the events changes nothing.
                    if n % 100 == 0 {
                        assert_eq!(receiver.form("event=nonsense&callId=x").0, 400);
                    }
                }
            });
        }
    });
    let log = desk.log();
    assert_eq!(log.len(), CLIENTS * CALLS_EACH);
    // Forwarded before anyone answered: taken elsewhere, not missed, nobody to call back.
    assert!(
        log.iter().all(|r| r["state"] == "answered"),
        "{:?}",
        &log[..3]
    );
    let store = Store::open(&desk.db, "anna").expect("store");
    assert!(store.open_callbacks(10).expect("callbacks").is_empty());
    let check = balie::store::check(&desk.db).expect("check");
    assert!(check.is_ok(), "{check:?}");
    assert_eq!(
        receiver
            .form("event=newCall&from=0612345678&to=302&direction=in&callId=after")
            .0,
        200,
        "still serving after the flood"
    );
}

#[test]
fn a_token_file_others_can_read_is_refused_and_the_token_not_shown() {
    let desk = Desk::new();
    write_private(&desk.token_file, &format!("{TOKEN}\n"), 0o644);
    let out = desk.run(&[
        "phone",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--token-file",
        utf8(&desk.token_file),
    ]);
    assert!(!out.status.success());
    let errors = text(&out.stderr);
    assert!(errors.contains("chmod 600"), "{errors}");
    assert!(!errors.contains(TOKEN), "{errors}");
}

#[test]
fn listening_beyond_this_machine_needs_the_explicit_flag() {
    let desk = Desk::new();
    let out = desk.run(&[
        "phone",
        "serve",
        "--listen",
        "0.0.0.0:0",
        "--token-file",
        utf8(&desk.token_file),
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--allow-remote"));
}

#[test]
fn a_shell_rings_answers_and_hangs_up_as_the_phone_system_would() {
    let desk = Desk::new();
    let ring = desk.run(&["phone", "ring", "06 1234 5678", "--call-id", "sh-1"]);
    assert!(ring.status.success(), "{}", text(&ring.stderr));
    assert_eq!(text(&ring.stdout).trim(), "sh-1");
    let missed = desk.run(&["phone", "hangup", "sh-1", "--cause", "noAnswer"]);
    assert!(missed.status.success(), "{}", text(&missed.stderr));
    assert!(
        text(&missed.stdout).contains("missed call from 06 1234 5678 (Jan de Vries)"),
        "{}",
        text(&missed.stdout)
    );
    // Without --call-id the call gets an id of its own, printed for the next steps.
    let ring = desk.run(&["phone", "ring", "0201234567", "--agent", "anna"]);
    let id = text(&ring.stdout).trim().to_string();
    assert!(!id.is_empty());
    assert!(
        desk.run(&["phone", "answer", &id, "--agent", "anna"])
            .status
            .success()
    );
    assert!(desk.run(&["phone", "hangup", &id]).status.success());

    let log = desk.log();
    assert_eq!(log.len(), 2);
    let answered = log
        .iter()
        .find(|r| r["call_id"] == id.as_str())
        .expect("row");
    assert_eq!(answered["state"], "answered");
    assert_eq!(answered["agent"], "anna");
    assert_eq!(answered["caller"], Value::Null);
    let csv = desk.run(&["calls", "--since", "1d", "--format", "csv"]);
    let csv = text(&csv.stdout);
    assert!(
        csv.starts_with(
            "call_id,direction,number,caller,state,agent,started_at,duration_s,ticket,callback"
        ),
        "{csv}"
    );
}

#[test]
fn text_from_the_phone_system_is_escaped_in_the_caller_log() {
    let desk = Desk::new();
    let receiver = desk.serve();
    let (status, _) = receiver.json(
        r#"{"event":"newCall","from":"\u001b[2J0612","to":"302","direction":"in",
            "callId":"esc-1"}"#,
    );
    assert_eq!(status, 200);
    let table = desk.run(&["calls", "--since", "1d"]);
    let shown = text(&table.stdout);
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("\\u001b[2J0612"), "{shown}");
}

#[test]
fn a_running_desk_pops_the_known_caller_and_offers_the_unknown_number_as_a_new_caller() {
    let desk = Desk::new();
    let receiver = desk.serve();
    let mut screen = support::pty::Session::start(desk.home.path(), &["--db", utf8(&desk.db)]);
    screen.wait_for("Queue");
    let ring = receiver.form("event=newCall&from=%2B31612345678&to=302&direction=in&callId=p1");
    assert_eq!(ring.0, 200);
    screen.wait_for("☎ Jan de Vries (Gemeente Utrecht) · +31612345678 · no open tickets");
    screen.wait_for("T: take the call");
    screen.send("T");
    // Jan has no open ticket: the new ticket's subject is asked for at once.
    screen.wait_for("subject:");
    screen.send("\u{1b}");

    let ring = receiver.form("event=newCall&from=0201234567&to=302&direction=in&callId=p2");
    assert_eq!(ring.0, 200);
    screen.wait_for("☎ 0201234567 · unknown number — T: new caller with this number");
    screen.send("T");
    screen.wait_for("New caller");
    screen.wait_for("0201234567");
}
