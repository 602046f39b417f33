//! Where the phone meets the desk: the calls ringing now with what the banner shows of
//! their callers, the calls out that keep a callback, and the phone's effects.

use chrono::{DateTime, Datelike, Duration, Utc};

use crate::app::phone::{PhoneAction, PhoneEffect};
use crate::app::{Action, App};
use crate::desk::error_text::store_error;
use crate::domain::calls::{Call, LiveCall};
use crate::store::{self, Store};

/// A call whose hangup never came stops ringing on screen after this long.
const RINGING_AT_MOST: i64 = 30;
/// How far back a call out can be the one that keeps a callback.
const CALLS_OUT_HOURS: i64 = 24;
/// The caller log's reach and length.
const LOG_DAYS: i64 = 7;
const LOG_ROWS: usize = 500;

pub fn live_calls(store: &Store, app: &App, now: DateTime<Utc>) -> store::Result<Vec<LiveCall>> {
    let week_start = start_of_week(app, now);
    store
        .live_calls(now - Duration::minutes(RINGING_AT_MOST))?
        .into_iter()
        .map(|call| {
            let caller = match &call.caller_id {
                Some(id) => store.caller(id)?,
                None => None,
            };
            let (organization, open_tickets, last_promise) = match &caller {
                Some(caller) => (
                    caller.organization.clone(),
                    store.open_tickets_of(&caller.id, 100)?.len(),
                    store.last_promise_to(&caller.id)?,
                ),
                None => (String::new(), 0, None),
            };
            Ok(LiveCall {
                calls_this_week: store.calls_from_number_since(&call.number, week_start)?,
                organization,
                open_tickets,
                last_promise,
                call,
            })
        })
        .collect()
}

pub fn calls_out(store: &Store, now: DateTime<Utc>) -> store::Result<Vec<Call>> {
    store.calls_out_since(now - Duration::hours(CALLS_OUT_HOURS), 50)
}

/// Monday 00:00 of this week on the desk's clock.
fn start_of_week(app: &App, now: DateTime<Utc>) -> DateTime<Utc> {
    let local = now.with_timezone(&app.config.time_zone);
    let days = i64::from(local.weekday().num_days_from_monday());
    let monday = local.date_naive() - Duration::days(days);
    monday
        .and_hms_opt(0, 0, 0)
        .and_then(|m| m.and_local_timezone(app.config.time_zone).earliest())
        .map_or(now - Duration::days(7), |m| m.to_utc())
}

pub fn perform(store: &mut Store, app: &App, effect: PhoneEffect, now: DateTime<Utc>) -> Action {
    match effect {
        PhoneEffect::LoadLog => match store.calls_since(now - Duration::days(LOG_DAYS), LOG_ROWS) {
            Ok(calls) => PhoneAction::LogLoaded(calls).into(),
            Err(e) => Action::LoadFailed(store_error(&e, &app.texts)),
        },
    }
}
