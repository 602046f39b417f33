//! `balie promise` makes a promise on a ticket and `balie kept` keeps one, as `p` and `K`
//! do in the desk.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::deadline::parse_deadline;
use crate::domain::text::Field;
use crate::domain::when;
use crate::domain::{Channel, NewPromise, Promise, PromiseState};
use crate::store::{Store, StoreError};

/// What `balie promise` is asked to promise.
pub struct PromiseRequest<'a> {
    pub ticket: &'a str,
    pub due: &'a str,
    pub to: Option<&'a str>,
    pub channel: &'a str,
    pub what: &'a str,
}

/// Makes a promise on a ticket; nothing is written unless every part of it is good.
pub fn promise(
    store: &mut Store,
    config: &Config,
    request: &PromiseRequest,
    now: DateTime<Utc>,
) -> Result<Promise> {
    let ticket = super::find_ticket(store, request.ticket)?;
    let channel = Channel::from_code(request.channel).with_context(|| {
        let codes: Vec<&str> = Channel::ALL.iter().map(|c| c.code()).collect();
        format!("--channel {}: one of {}", request.channel, codes.join(", "))
    })?;
    let due_at = parse_deadline(request.due, now, &config.calendar(), config.language)
        .map_err(|e| anyhow::anyhow!("--due {}: {e}", request.due))?;
    let what = super::accept("the promise", Field::Promise, request.what.trim())?;
    let to = super::accept("--to", Field::Name, request.to.unwrap_or_default().trim())?;
    let new = NewPromise {
        ticket_id: ticket.id,
        what,
        to,
        callback: false,
        channel,
        due_at,
    };
    Ok(store.make_promise(&new, now)?)
}

/// Keeps an open promise, logging the contact with `note`; returns the promise as it was.
/// A promise already kept, cancelled or rescheduled is refused and left as it is.
pub fn kept(
    store: &mut Store,
    config: &Config,
    promise_id: &str,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Promise> {
    let promise_id = promise_id.trim();
    if uuid::Uuid::parse_str(promise_id).is_err() {
        bail!(
            "`{promise_id}` is not a promise id; `balie promise` prints one, and \
             `balie ticket show TICKET` lists a ticket's open promises with theirs"
        );
    }
    let promise = match store.promise(promise_id) {
        Ok(promise) => promise,
        Err(StoreError::NotFound(_)) => bail!("no promise {promise_id}"),
        Err(error) => return Err(error.into()),
    };
    if promise.state != PromiseState::Open {
        let since = promise
            .closed_at
            .map(|at| {
                format!(
                    " since {}",
                    when::local_datetime(at, config.time_zone, &crate::cli::output::cli_texts())
                )
            })
            .unwrap_or_default();
        let successor = if promise.state == PromiseState::Rescheduled {
            format!(
                "; its successor is on `balie ticket show {}`",
                promise.ticket_key
            )
        } else {
            String::new()
        };
        bail!(
            "promise {promise_id} is already {}{since}{successor}; nothing was changed",
            promise.state.label()
        );
    }
    let note = super::accept("--note", Field::Note, note.unwrap_or_default())?;
    store.keep_promise(promise_id, &note, now)?;
    Ok(promise)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EventKind;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn desk_with_a_ticket() -> (Store, Config) {
        let (store, _) = crate::store::fixtures::one_call("Jan de Vries", "VPN drops", now());
        (store, Config::default())
    }

    fn request<'a>(ticket: &'a str, due: &'a str) -> PromiseRequest<'a> {
        PromiseRequest {
            ticket,
            due,
            to: None,
            channel: "phone",
            what: "call back with the VPN profile",
        }
    }

    #[test]
    fn a_kept_promise_logs_the_contact_and_cannot_be_kept_twice() {
        let (mut store, config) = desk_with_a_ticket();
        let made = promise(&mut store, &config, &request("1001", "+2h"), now()).unwrap();
        assert_eq!(made.to, "Jan de Vries");
        let later = now() + Duration::hours(1);
        kept(&mut store, &config, &made.id, Some("profile sent"), later).unwrap();
        assert_eq!(store.promise(&made.id).unwrap().state, PromiseState::Kept);
        let timeline = store.timeline(&made.ticket_id, 20).unwrap();
        let contact = timeline
            .iter()
            .find(|e| e.kind == EventKind::ContactOut)
            .expect("an outbound contact");
        assert_eq!(contact.text, "profile sent");

        let again = kept(&mut store, &config, &made.id, None, later)
            .unwrap_err()
            .to_string();
        assert!(again.contains("already kept"), "{again}");
        assert!(again.contains("nothing was changed"), "{again}");
        assert_eq!(
            store.timeline(&made.ticket_id, 20).unwrap().len(),
            timeline.len(),
            "a refused keep writes nothing"
        );
    }

    #[test]
    fn a_promise_that_is_not_there_is_named() {
        let (mut store, config) = desk_with_a_ticket();
        let missing = "01a20785-956b-70b9-ad0e-d807fa336ca9";
        let error = kept(&mut store, &config, missing, None, now()).unwrap_err();
        assert_eq!(error.to_string(), format!("no promise {missing}"));
        let error = kept(&mut store, &config, "T-1001", None, now()).unwrap_err();
        assert!(error.to_string().contains("not a promise id"), "{error}");
    }

    #[test]
    fn a_promise_needs_a_ticket_that_exists_and_a_deadline_that_parses() {
        let (mut store, config) = desk_with_a_ticket();
        let error = promise(&mut store, &config, &request("T-9", "+2h"), now()).unwrap_err();
        assert_eq!(error.to_string(), "no ticket T-9");
        let error = promise(&mut store, &config, &request("T-1001", "soon"), now()).unwrap_err();
        assert!(error.to_string().starts_with("--due soon"), "{error}");
        assert!(store.open_promises(10).unwrap().is_empty());
    }
}
