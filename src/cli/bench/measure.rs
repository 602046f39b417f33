//! The measurements, each doing what the desk does for the operation a budget is about,
//! through the same calls.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::report::{Budget, Row};
use crate::app::{Action, Popup};
use crate::config::Config;
use crate::desk::background_search::{BackgroundSearch, Found};
use crate::desk::{self, Desk, SEARCH_RESULTS};
use crate::keymap::Command;
use crate::store::Store;
use crate::ui::{self, Theme};

/// The desk's size, for the frames drawn.
pub(super) const WIDTH: u16 = 160;
pub(super) const HEIGHT: u16 = 45;

/// Who the search must find at the end of each typed query.
enum Expect {
    Name(&'static str),
    Organization(&'static str),
}

/// Queries as agents type them while the caller speaks, one keystroke at a time.
const QUERIES: [(&str, Expect); 6] = [
    ("jan de vries", Expect::Name("Jan de Vries")),
    ("ödön", Expect::Name("Ödön Kovács")),
    ("odon", Expect::Name("Ödön Kovács")),
    ("0612345678", Expect::Name("Jan de Vries")),
    ("NB-20431", Expect::Name("Jan de Vries")),
    ("Gemeente Utrecht", Expect::Organization("Gemeente Utrecht")),
];

const SEARCH_BUDGET: Budget = Budget::Both {
    p50: 8.0,
    p99: 16.0,
};
const INSTANT: Budget = Budget::P99(1.0);

pub struct Outcome {
    pub rows: Vec<Row>,
    /// Searches that did not find whom they should, described.
    pub misses: Vec<String>,
}

pub fn all(path: &Path, config: &Config, samples: usize, now: DateTime<Utc>) -> Result<Outcome> {
    let theme = Theme::new(crate::config::ThemeName::Dark, true);
    let mut rows = vec![cold_start(path, config, samples, now, &theme)?];

    let store = super::open_desk(path, config)?;
    let mut desk = Desk::new(store, config.clone(), now);
    check_loaded(&desk)?;
    // The full frame: a ticket open, its caller beside it, queue and promises filled.
    desk.dispatch(Action::Command(Command::Open), now);
    check_loaded(&desk)?;
    if desk.app.views.ticket.is_none() {
        bail!("the generated desk has no open ticket to show");
    }

    let (search_rows, mut misses) = searches(&desk.store, samples)?;
    rows.extend(search_rows);
    rows.push(ticket_searches(&desk.store, samples, &mut misses)?);
    rows.push(keystrokes_on_screen(&mut desk, samples, now, &theme)?);
    rows.extend(background_pass(path, config, samples, &mut misses)?);
    rows.push(caller_card(&desk, samples)?);
    rows.push(promises_pane(&desk, samples, now)?);
    rows.extend(super::knowledge::similar_tickets(&desk, samples)?);
    rows.push(super::knowledge::outage_check(&desk, samples, now)?);
    rows.push(load_views(&desk, samples, now)?);
    rows.push(frame(&desk, samples, &theme)?);
    rows.push(note_save(&mut desk, samples, now)?);
    rows.push(disk_sync(path, samples)?);
    rows.push(long_ticket_frame(&mut desk, samples, now, &theme)?);
    rows.push(super::kb::kb_searches(
        &mut desk,
        samples,
        now,
        &mut misses,
    )?);
    Ok(Outcome { rows, misses })
}

fn check_loaded(desk: &Desk) -> Result<()> {
    match &desk.app.message {
        Some(message) if message.is_error => bail!("{}", message.text),
        _ => Ok(()),
    }
}

pub(super) fn time<T>(durations: &mut Vec<Duration>, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = f();
    durations.push(started.elapsed());
    value
}

/// A fresh connection on a file the OS has cached: what a restart costs, not a first boot.
fn cold_start(
    path: &Path,
    config: &Config,
    samples: usize,
    now: DateTime<Utc>,
    theme: &Theme,
) -> Result<Row> {
    let mut durations = Vec::new();
    for _ in 0..(samples / 10).clamp(5, 50) {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
        let desk = time(&mut durations, || -> Result<Desk> {
            let desk = Desk::new(super::open_desk(path, config)?, config.clone(), now);
            terminal.draw(|frame| ui::draw(frame, &desk.app, theme))?;
            Ok(desk)
        })?;
        check_loaded(&desk)?;
    }
    Ok(Row::timed(
        "cold start to first frame (in-process: open + Desk::new + draw)",
        Budget::P99(100.0),
        &durations,
    ))
}

/// Every prefix of every query, as `search_callers` sees it on each keystroke.
fn searches(store: &Store, samples: usize) -> Result<(Vec<Row>, Vec<String>)> {
    let keys: usize = QUERIES.iter().map(|(q, _)| q.chars().count()).sum();
    let rounds = samples.div_ceil(keys).max(1);
    let mut all = Vec::new();
    let mut per_query = Vec::new();
    let mut misses = Vec::new();
    for (query, expect) in &QUERIES {
        let mut durations = Vec::new();
        let mut last = Vec::new();
        for _ in 0..rounds {
            for prefix in prefixes(query) {
                last = time(&mut durations, || {
                    store.search_callers(prefix, SEARCH_RESULTS)
                })?;
            }
        }
        let found = last.first().is_some_and(|hit| match expect {
            Expect::Name(name) => hit.name == *name,
            Expect::Organization(org) => hit.organization == *org,
        });
        if !found {
            let first = last
                .first()
                .map_or("nobody".to_string(), |h| h.name.clone());
            misses.push(format!("typing {query:?} lists {first} first"));
        }
        all.extend_from_slice(&durations);
        let name = format!("search {query:?} ({} keys)", query.chars().count());
        per_query.push(Row::timed(&name, SEARCH_BUDGET, &durations).into_detail());
    }
    let mut rows = vec![Row::timed(
        "caller search, per keystroke (search_callers)",
        SEARCH_BUDGET,
        &all,
    )];
    rows.extend(per_query);
    Ok((rows, misses))
}

/// Ticket numbers read out by a caller and words of a subject, one keystroke at a time.
fn ticket_searches(store: &Store, samples: usize, misses: &mut Vec<String>) -> Result<Row> {
    const QUERIES: [(&str, &str); 4] = [
        ("1001", "T-1001"),
        ("T-1001", "T-1001"),
        (
            "vpn disconnects",
            "VPN disconnects every hour when working from home",
        ),
        ("megszakad", "Folyamatosan megszakad a VPN-kapcsolat"),
    ];
    let keys: usize = QUERIES.iter().map(|(q, _)| q.chars().count()).sum();
    let rounds = samples.div_ceil(keys).max(1);
    let mut durations = Vec::new();
    for (query, expected) in QUERIES {
        let mut last = Vec::new();
        for _ in 0..rounds {
            for prefix in prefixes(query) {
                last = time(&mut durations, || {
                    store.search_tickets(prefix, SEARCH_RESULTS)
                })?;
            }
        }
        if last
            .first()
            .is_none_or(|t| t.key != expected && t.subject != expected)
        {
            misses.push(format!(
                "finding ticket {query:?} did not list {expected} first"
            ));
        }
    }
    Ok(Row::timed(
        "ticket search, per keystroke (search_tickets)",
        SEARCH_BUDGET,
        &durations,
    ))
}

fn prefixes(query: &str) -> impl Iterator<Item = &str> {
    query
        .char_indices()
        .map(move |(i, c)| &query[..i + c.len_utf8()])
}

/// The whole keystroke: the key through the app, the search it causes, and the frame that
/// shows the results.
fn keystrokes_on_screen(
    desk: &mut Desk,
    samples: usize,
    now: DateTime<Utc>,
    theme: &Theme,
) -> Result<Row> {
    let keys: usize = QUERIES.iter().map(|(q, _)| q.chars().count()).sum();
    let rounds = samples.div_ceil(keys).max(1);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    let mut durations = Vec::new();
    let press = |desk: &mut Desk, code| {
        desk.dispatch(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)), now);
    };
    for _ in 0..rounds {
        for (query, _) in &QUERIES {
            press(desk, KeyCode::Char('n'));
            if !matches!(desk.app.popup, Some(Popup::Search(_))) {
                bail!("n did not open the caller search");
            }
            for c in query.chars() {
                time(&mut durations, || -> Result<()> {
                    press(desk, KeyCode::Char(c));
                    terminal.draw(|frame| ui::draw(frame, &desk.app, theme))?;
                    Ok(())
                })?;
            }
            press(desk, KeyCode::Esc);
        }
    }
    Ok(Row::timed(
        "keystroke to results on screen (dispatch + search + draw)",
        SEARCH_BUDGET,
        &durations,
    ))
}

/// The pass over every caller that finds what the prefilter cannot, such as initials. It
/// runs beside the desk, so it has no budget of its own: its figure is how long the quick
/// hits stand before the complete ones replace them.
fn background_pass(
    path: &Path,
    config: &Config,
    samples: usize,
    misses: &mut Vec<String>,
) -> Result<Vec<Row>> {
    const ABBREVIATIONS: [(&str, &str); 2] = [("jdvr", "Jan de Vries"), ("odkov", "Ödön Kovács")];
    let started = Instant::now();
    let search = BackgroundSearch::start(Store::open(path, &config.agent)?, SEARCH_RESULTS);
    let answer = |query: &str| -> Result<Found> {
        search.search(query.to_string());
        search
            .result_within(Duration::from_secs(60))
            .context("the background search did not answer within a minute")
    };
    answer("warm")?;
    let loaded = started.elapsed();
    let mut durations = Vec::new();
    for (query, expected) in ABBREVIATIONS.iter().cycle().take((samples / 10).max(3)) {
        let found = time(&mut durations, || answer(query))?;
        if found.hits.first().is_none_or(|hit| hit.name != *expected) {
            misses.push(format!(
                "the pass over everyone for {query:?} missed {expected}"
            ));
        }
    }
    Ok(vec![
        Row::once(
            "background search: load every caller (once per desk)",
            loaded,
        )
        .into_detail(),
        Row::timed(
            "background search over every caller (initials, e.g. \"jdvr\")",
            Budget::None,
            &durations,
        )
        .into_detail(),
    ])
}

/// The documented caller with years of contacts, and the callers of the open tickets.
fn caller_card(desk: &Desk, samples: usize) -> Result<Row> {
    let store = &desk.store;
    let window = chrono::Duration::days(i64::from(desk.app.config.repeat_contact_days));
    let since = desk.app.now - window;
    let mut callers: Vec<String> = store
        .search_callers("NB-20431", 1)?
        .into_iter()
        .map(|hit| hit.id)
        .collect();
    let queue = desk.app.views.queue.iter();
    callers.extend(queue.filter_map(|t| t.caller_id.clone()).take(199));
    callers.dedup();
    if callers.is_empty() {
        bail!("no callers to open");
    }
    let limits = crate::store::CardLimits::shown(since);
    let mut durations = Vec::new();
    for id in callers.iter().cycle().take(samples) {
        time(&mut durations, || -> Result<()> {
            std::hint::black_box(store.caller_card(id, limits)?);
            Ok(())
        })?;
    }
    Ok(Row::timed(
        "open caller card (caller, prior contacts, open tickets, recent contacts, last promise)",
        INSTANT,
        &durations,
    ))
}

fn promises_pane(desk: &Desk, samples: usize, now: DateTime<Utc>) -> Result<Row> {
    let day_end = desk::end_of_local_day(now, desk.app.config.time_zone);
    let rows = desk.app.view_request().promise_rows;
    let mut durations = Vec::new();
    for _ in 0..samples {
        time(&mut durations, || -> Result<()> {
            let promises = desk.store.open_promises(rows)?;
            let counts = desk.store.counts(now, day_end)?;
            std::hint::black_box((promises, counts));
            Ok(())
        })?;
    }
    Ok(Row::timed(
        "refresh promises pane (open_promises + counts)",
        INSTANT,
        &durations,
    ))
}

/// What the desk actually runs after every change: every pane reloaded at once.
fn load_views(desk: &Desk, samples: usize, now: DateTime<Utc>) -> Result<Row> {
    let request = desk.app.view_request();
    let mut durations = Vec::new();
    for _ in 0..samples {
        let views = time(&mut durations, || {
            desk::load_views(&desk.store, &request, now, &desk.app)
        })?;
        std::hint::black_box(views);
    }
    // The design sets no budget for reloading every pane at once; it happens after a
    // keystroke that changed something, so it must fit in the frame that shows the change.
    Ok(Row::timed(
        "desk::load_views after a change (all panes, ticket and caller open)",
        Budget::P99(16.0),
        &durations,
    ))
}

/// A new terminal each time, so that every cell is drawn and sent rather than only changes.
fn frames(desk: &Desk, samples: usize, theme: &Theme) -> Result<Vec<Duration>> {
    let mut durations = Vec::new();
    for _ in 0..samples {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
        time(&mut durations, || {
            terminal.draw(|frame| ui::draw(frame, &desk.app, theme))
        })?;
    }
    Ok(durations)
}

fn frame(desk: &Desk, samples: usize, theme: &Theme) -> Result<Row> {
    let durations = frames(desk, samples, theme)?;
    Ok(Row::timed(
        "full frame 160x45 (ui::draw, TestBackend)",
        Budget::P99(16.0),
        &durations,
    ))
}

/// Notes on the open tickets in turn, each its own transaction synced to disk.
fn note_save(desk: &mut Desk, samples: usize, now: DateTime<Utc>) -> Result<Row> {
    let tickets: Vec<String> = desk.app.views.queue.iter().map(|t| t.id.clone()).collect();
    if tickets.is_empty() {
        bail!("no open tickets to write notes on");
    }
    let mut durations = Vec::new();
    for (n, id) in tickets.iter().cycle().take(samples).enumerate() {
        let text = format!("Benchmark note {n}: caller informed.");
        time(&mut durations, || desk.store.add_note(id, &text, now))
            .with_context(|| format!("saving a note on ticket {id}"))?;
    }
    Ok(Row::timed(
        "durable note save (add_note, synchronous=FULL)",
        Budget::P50(1.0),
        &durations,
    ))
}

/// Notes adding up to 2.6 MB on the open ticket, each as long as a note may be: every
/// keystroke redraws the ticket pane, which must draw only what fits.
fn long_ticket_frame(
    desk: &mut Desk,
    samples: usize,
    now: DateTime<Utc>,
    theme: &Theme,
) -> Result<Row> {
    const NOTES: usize = 52;
    let Some(ticket_id) = desk.app.views.ticket.as_ref().map(|v| v.ticket.id.clone()) else {
        bail!("the generated desk has no open ticket to show");
    };
    let line = "Caller reports the VPN client drops every few minutes; log excerpt follows.\n";
    let note: String = line
        .repeat(crate::domain::text::Field::Note.max_chars() / line.len())
        .chars()
        .take(crate::domain::text::Field::Note.max_chars())
        .collect();
    for _ in 0..NOTES {
        desk.store
            .add_note(&ticket_id, &note, now)
            .context("adding the long notes")?;
    }
    let request = desk.app.view_request();
    let views = desk::load_views(&desk.store, &request, now, &desk.app)?;
    desk.dispatch(Action::Loaded(Box::new(views)), now);
    let durations = frames(desk, samples, theme)?;
    Ok(Row::timed(
        "full frame, ticket with 2.6 MB of notes open",
        Budget::P99(16.0),
        &durations,
    ))
}

/// What one synced write costs on the desk's disk, whatever SQLite does: the floor under
/// the note's figure.
fn disk_sync(path: &Path, samples: usize) -> Result<Row> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::tempfile_in(folder).context("creating a file to sync")?;
    let block = [0u8; 4096];
    let mut durations = Vec::new();
    for _ in 0..samples {
        time(&mut durations, || -> std::io::Result<()> {
            file.write_all(&block)?;
            file.sync_data()
        })
        .context("syncing a test file")?;
    }
    Ok(Row::timed(
        "disk alone: write 4 KiB + fdatasync, same folder",
        Budget::None,
        &durations,
    )
    .into_detail())
}
