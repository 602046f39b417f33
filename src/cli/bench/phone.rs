//! The phone's budgets: a call event received → the caller recognised and the call stored
//! (what `balie phone serve` does per event), and → the ringing banner on a running desk's
//! screen, with the desk polling the file on its tick as the runtime does.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::measure::{HEIGHT, WIDTH, time};
use super::report::{Budget, Row};
use crate::config::Config;
use crate::desk::Desk;
use crate::domain::calls::CallEvent;
use crate::store::Store;
use crate::ui::{self, Theme};

/// Jan de Vries' number as the phone system sends it, nationally; stored internationally.
const KNOWN_NUMBER: &str = "0612345678";
const KNOWN_NAME: &str = "Jan de Vries";
/// How often the running desk looks at the file (`desk::runtime`'s tick).
const TICK: Duration = Duration::from_millis(250);

pub fn all(path: &Path, config: &Config, samples: usize, now: DateTime<Utc>) -> Result<Vec<Row>> {
    let mut rows = event_stored(path, config, samples, now)?;
    rows.push(banner_on_screen(path, config, samples, now)?);
    Ok(rows)
}

fn event(body: &str) -> Result<CallEvent> {
    CallEvent::from_form(body.as_bytes()).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Ends a call without leaving a callback request behind: a forwarded call is not missed.
fn forward(store: &mut Store, config: &Config, id: &str, now: DateTime<Utc>) -> Result<()> {
    let rules = crate::cli::phone::missed_call_rules(config, now)?;
    let body = format!("event=hangup&callId={id}&direction=in&cause=forwarded");
    store.receive_call_event(&event(&body)?, &rules, now)?;
    Ok(())
}

/// newCall for a known caller: recognising the number among every caller's phones and
/// committing the call, as the receiver's writer thread does for each event.
fn event_stored(
    path: &Path,
    config: &Config,
    samples: usize,
    now: DateTime<Utc>,
) -> Result<Vec<Row>> {
    let mut store = super::open_desk(path, config)?;
    let rules = crate::cli::phone::missed_call_rules(config, now)?;
    let mut durations = Vec::with_capacity(samples);
    for n in 0..samples {
        let id = format!("bench-stored-{n}");
        let ring = event(&format!(
            "event=newCall&from={KNOWN_NUMBER}&to=302&direction=in&callId={id}"
        ))?;
        let received = time(&mut durations, || {
            store.receive_call_event(&ring, &rules, now)
        })?;
        if received.call.caller_name.as_deref() != Some(KNOWN_NAME) {
            bail!(
                "{KNOWN_NUMBER} was not recognised as {KNOWN_NAME}: {:?}",
                received.call.caller_name
            );
        }
        forward(&mut store, config, &id, now)?;
    }
    let mut recognised = Vec::with_capacity(samples);
    for _ in 0..samples {
        time(&mut recognised, || store.recognise_number(KNOWN_NUMBER))?;
    }
    Ok(vec![
        Row::timed(
            "phone event → caller recognised and call stored (one commit)",
            Budget::P99(5.0),
            &durations,
        ),
        Row::timed(
            "recognising the number alone (phone digits among every caller)",
            Budget::None,
            &recognised,
        )
        .into_detail(),
    ])
}

/// From the event's commit by another process's connection to the banner drawn: the
/// event lands anywhere within the desk's tick, the desk notices at the next one, loads
/// its views and draws the frame.
fn banner_on_screen(
    path: &Path,
    config: &Config,
    samples: usize,
    now: DateTime<Utc>,
) -> Result<Row> {
    let mut receiver = super::open_desk(path, config)?;
    let rules = crate::cli::phone::missed_call_rules(config, now)?;
    let mut desk = Desk::new(super::open_desk(path, config)?, config.clone(), now);
    let theme = Theme::new(crate::config::ThemeName::Dark, true);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    let ticks_from = Instant::now();
    let mut durations = Vec::new();
    // Each sample waits for a tick: a tenth of the samples keeps the row to seconds.
    for n in 0..(samples / 10).clamp(5, 50) {
        std::thread::sleep(TICK.mul_f64(fastrand::f64()));
        let id = format!("bench-banner-{n}");
        let ring = event(&format!(
            "event=newCall&from={KNOWN_NUMBER}&to=302&direction=in&callId={id}"
        ))?;
        let written = Instant::now();
        receiver.receive_call_event(&ring, &rules, now)?;
        let shown = loop {
            // The runtime's next tick after the write.
            let since = ticks_from.elapsed().as_nanos() / TICK.as_nanos() + 1;
            let next = ticks_from + TICK * u32::try_from(since).unwrap_or(u32::MAX);
            std::thread::sleep(next.saturating_duration_since(Instant::now()));
            desk.poll_changes(now);
            terminal.draw(|frame| ui::draw(frame, &desk.app, &theme))?;
            if banner_shows(terminal.backend().buffer()) {
                break written.elapsed();
            }
            if written.elapsed() > Duration::from_secs(10) {
                bail!("the ringing call did not reach the desk's screen within 10 s");
            }
        };
        durations.push(shown);
        forward(&mut receiver, config, &id, now)?;
        desk.poll_changes(now);
    }
    Ok(Row::timed(
        "phone event → ringing banner on a running desk (250 ms tick)",
        Budget::P99(1000.0),
        &durations,
    ))
}

fn banner_shows(buffer: &ratatui::buffer::Buffer) -> bool {
    let text: String = buffer.content.iter().map(|cell| cell.symbol()).collect();
    text.contains(&format!("☎ {KNOWN_NAME}"))
}
