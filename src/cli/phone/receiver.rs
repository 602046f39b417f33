//! The receiver: Zammad's generic CTI push API (`POST /api/v1/cti/TOKEN`) on a plain HTTP
//! server, answering as Zammad answers, so a phone system set up for Zammad needs only a
//! new address.
//!
//! tiny_http serves on plain threads, which suits a desk whose store is a blocking SQLite
//! connection: a few reader threads take requests, check the token, read and parse the
//! body, and hand each event to the one thread that owns the store. A slow or hostile
//! client ties up one reader at most; a flood queues behind the writer, bounded.

use std::io::{Read, Write};
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use serde_json::json;

use super::token::same_token;
use crate::config::Config;
use crate::domain::calls::{CallEvent, CallEventError};
use crate::store::{Store, StoreError};

/// Zammad's events are a few hundred bytes; anything near this is not a phone system.
pub const BODY_LIMIT: usize = 16 * 1024;
/// Requests read at the same time.
const READERS: usize = 4;
/// Events waiting for the writer before readers wait too.
const QUEUE: usize = 64;
const PATH_PREFIX: &str = "/api/v1/cti/";

pub struct ServeOptions<'a> {
    pub listen: &'a str,
    pub token: String,
    pub allow_remote: bool,
}

/// One parsed event on its way to the writer, and where its answer goes.
struct Job {
    event: CallEvent,
    answer: mpsc::Sender<Answer>,
}

struct Answer {
    status: u16,
    body: serde_json::Value,
}

impl Answer {
    fn ok() -> Answer {
        Answer {
            status: 200,
            body: json!({}),
        }
    }

    fn error(status: u16, reason: impl std::fmt::Display) -> Answer {
        Answer {
            status,
            body: json!({ "error": reason.to_string() }),
        }
    }
}

/// Serves until the process is stopped. `ready` hears the address once it listens.
pub fn serve(
    db: &Path,
    config: &Config,
    options: ServeOptions,
    ready: &mut impl Write,
) -> Result<()> {
    let address = listen_address(options.listen, options.allow_remote)?;
    let mut store = Store::open(db, &config.agent)?;
    store.use_figure_rules(config.figure_rules())?;
    let server = tiny_http::Server::http(address)
        .map_err(|e| anyhow::anyhow!("cannot listen on {address}: {e}"))?;
    let server = Arc::new(server);
    let bound = server
        .server_addr()
        .to_ip()
        .map_or_else(|| address.to_string(), |a| a.to_string());
    writeln!(
        ready,
        "balie phone: listening on http://{bound}{PATH_PREFIX}<token>, writing to {}",
        db.display()
    )?;
    ready.flush()?;
    let token: Arc<str> = Arc::from(options.token);
    let (jobs, queue) = mpsc::sync_channel::<Job>(QUEUE);
    for _ in 0..READERS {
        let (server, token, jobs) = (Arc::clone(&server), Arc::clone(&token), jobs.clone());
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                answer_request(request, &token, &jobs);
            }
        });
    }
    drop(jobs);
    for job in queue {
        let now = Utc::now();
        let answer =
            match super::write_event(&mut store, config, &job.event, now, &mut std::io::sink()) {
                Ok(_) => Answer::ok(),
                Err(e) if matches!(e.downcast_ref(), Some(StoreError::NotFound(_))) => {
                    Answer::error(404, format!("{e:#}"))
                }
                Err(e) => {
                    eprintln!(
                        "balie phone: {}",
                        crate::domain::text::escape(&format!("{e:#}"))
                    );
                    Answer::error(503, format!("the desk could not keep the event: {e:#}"))
                }
            };
        // The reader may have given up on a client that went away.
        let _ = job.answer.send(answer);
    }
    bail!("the receiver stopped: every reader thread ended")
}

/// The address to listen on. Anything other machines can reach is an explicit choice.
fn listen_address(listen: &str, allow_remote: bool) -> Result<SocketAddr> {
    let addresses: Vec<SocketAddr> = listen
        .to_socket_addrs()
        .with_context(|| format!("--listen {listen}: not an address such as 127.0.0.1:8088"))?
        .collect();
    let Some(first) = addresses.first().copied() else {
        bail!("--listen {listen} names no address");
    };
    if !allow_remote && addresses.iter().any(|a| !a.ip().is_loopback()) {
        bail!(
            "--listen {listen} can be reached from other machines; add --allow-remote to mean \
             it, and put TLS in front (see README, The phone)"
        );
    }
    Ok(first)
}

fn answer_request(mut request: tiny_http::Request, token: &str, jobs: &mpsc::SyncSender<Job>) {
    let answer = match check_and_read(&mut request, token) {
        Ok(event) => {
            let (answer, answered) = mpsc::channel();
            match jobs.send(Job { event, answer }) {
                Ok(()) => answered
                    .recv()
                    .unwrap_or_else(|_| Answer::error(503, "the desk stopped")),
                Err(_) => Answer::error(503, "the desk stopped"),
            }
        }
        Err(answer) => answer,
    };
    let body = answer.body.to_string();
    let mut response = tiny_http::Response::from_string(body).with_status_code(answer.status);
    if let Ok(header) = "Content-Type: application/json; charset=utf-8".parse::<tiny_http::Header>()
    {
        response = response.with_header(header);
    }
    // A client that hung up does not want the answer.
    let _ = request.respond(response);
}

/// The event a request carries, or the answer that refuses it. The token is checked
/// before a byte of the body is read.
fn check_and_read(request: &mut tiny_http::Request, token: &str) -> Result<CallEvent, Answer> {
    let Some(given) = request.url().strip_prefix(PATH_PREFIX) else {
        return Err(Answer::error(
            404,
            "not found; events go to /api/v1/cti/TOKEN",
        ));
    };
    // The token is the last path segment; a query string is not part of it.
    let given = given.split('?').next().unwrap_or_default();
    if !same_token(given, token) {
        // Zammad's own words.
        return Err(Answer::error(
            401,
            "Invalid token, please contact your admin!",
        ));
    }
    if *request.method() != tiny_http::Method::Post {
        return Err(Answer::error(405, "events are sent with POST"));
    }
    if request.body_length().is_some_and(|n| n > BODY_LIMIT) {
        return Err(too_large());
    }
    let content_type = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let mut body = Vec::new();
    request
        .as_reader()
        .take(BODY_LIMIT as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| Answer::error(400, format!("the body could not be read: {e}")))?;
    if body.len() > BODY_LIMIT {
        return Err(too_large());
    }
    parse(&body, &content_type).map_err(|e| match e {
        CallEventError::InvalidDirection => Answer::error(422, e),
        e => Answer::error(400, e),
    })
}

fn too_large() -> Answer {
    Answer::error(413, format!("the body is larger than {BODY_LIMIT} bytes"))
}

/// JSON, a URL-encoded form or a multipart form, as the content type says; without one,
/// a body that opens with `{` is JSON.
fn parse(body: &[u8], content_type: &str) -> Result<CallEvent, CallEventError> {
    if content_type.starts_with("multipart/form-data") {
        return CallEvent::from_pairs(multipart_fields(body, content_type)?);
    }
    let json = content_type.contains("json")
        || (content_type.is_empty() && body.trim_ascii_start().starts_with(b"{"));
    if json {
        CallEvent::from_json(body)
    } else {
        CallEvent::from_form(body)
    }
}

fn multipart_fields(
    body: &[u8],
    content_type: &str,
) -> Result<Vec<(String, String)>, CallEventError> {
    let unreadable =
        |e: &dyn std::fmt::Display| CallEventError::Unreadable("multipart form", e.to_string());
    let boundary = multer::parse_boundary(content_type).map_err(|e| unreadable(&e))?;
    let data = bytes::Bytes::copy_from_slice(body);
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(data) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| unreadable(&e))?;
    runtime.block_on(async {
        let mut fields = Vec::new();
        while let Some(field) = multipart.next_field().await.map_err(|e| unreadable(&e))? {
            let name = field.name().unwrap_or_default().to_string();
            let value = field.text().await.map_err(|e| unreadable(&e))?;
            fields.push((name, value));
        }
        Ok(fields)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_without_the_explicit_flag() {
        assert!(listen_address("127.0.0.1:8088", false).is_ok());
        assert!(listen_address("[::1]:8088", false).is_ok());
        let refused = listen_address("0.0.0.0:8088", false)
            .unwrap_err()
            .to_string();
        assert!(refused.contains("--allow-remote"), "{refused}");
        assert!(listen_address("0.0.0.0:8088", true).is_ok());
        assert!(listen_address("nonsense", false).is_err());
    }

    #[test]
    fn reads_the_multipart_form_curl_sends_for_zammads_example() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\nhangup\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"callId\"\r\n\r\nda7c\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"direction\"\r\n\r\nout\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"user[]\"\r\n\r\nChristopher Miller\r\n\
                    --XyZ--\r\n";
        let event = parse(body.as_bytes(), "multipart/form-data; boundary=XyZ").unwrap();
        assert_eq!(event.call_id, "da7c");
        assert_eq!(event.users, ["Christopher Miller"]);
        assert!(parse(b"garbage", "multipart/form-data; boundary=XyZ").is_err());
    }
}
