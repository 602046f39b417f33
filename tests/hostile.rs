//! Staying up under hostile input: random keys, pastes and terminal sizes against a desk
//! with data, and arbitrary text into the parsers that read what people type or export
//! (deadlines, the config file, caller CSV). Nothing may panic. The parser properties are
//! the same entry points as the cargo-fuzz targets in `fuzz/`, so CI exercises them too.
//!
//! `BALIE_LONG_FAILURE_TESTS=1 cargo test --test hostile` runs many more cases.

mod support;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

use balie::app::form::{FormKind, Input};
use balie::app::{Action, Popup, TerminalEffect};
use balie::cli::import::{ImportError, read_callers_csv};
use balie::config::{Config, ConfigError, ThemeName};
use balie::domain::business::Calendar;
use balie::domain::deadline::parse_deadline;
use balie::domain::sla::{History, StatusChange, ticket_clocks};
use balie::domain::{NewCaller, Status};
use balie::i18n::{Language, Texts};
use balie::keymap::Keymap;
use balie::store::Store;
use balie::ui::{self, Theme};
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use proptest::test_runner::{
    Config as ProptestConfig, FileFailurePersistence, RngAlgorithm, TestCaseError, TestRng,
    TestRunner,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use support::Harness;

fn long_run() -> bool {
    std::env::var_os("BALIE_LONG_FAILURE_TESTS").is_some_and(|v| v == "1")
}

/// The sessions a normal run tries are the same every time, so that a run that passes on one
/// machine passes on the next and a failure is one that the code made; the long run and
/// `BALIE_HOSTILE_SEED=random` draw new ones. `BALIE_HOSTILE_SEED=N` tries the set numbered N.
fn seed() -> Option<u64> {
    match std::env::var("BALIE_HOSTILE_SEED") {
        Ok(text) if text == "random" => None,
        Ok(text) => Some(
            text.parse()
                .expect("BALIE_HOSTILE_SEED is a number or `random`"),
        ),
        Err(_) if long_run() => None,
        Err(_) => Some(1),
    }
}

/// Short enough for every `cargo test` on two cores; the long run is for a soak.
fn runner(cases: u32, long_cases: u32) -> TestRunner {
    let config = config(cases, long_cases);
    match seed() {
        Some(seed) => {
            let mut bytes = [0; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
        }
        None => TestRunner::new(config),
    }
}

fn config(cases: u32, long_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: if long_run() { long_cases } else { cases },
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        // A failing key sequence shrinks towards the few keys that matter; past a minute
        // the unshrunk case is still a usable report.
        max_shrink_time: 60_000,
        ..ProptestConfig::default()
    }
}

/// Text that has broken terminal programs before: wide and combining characters, emoji
/// sequences, right-to-left runs and direction overrides, control characters and escape
/// sequences, plus the deadlines and names that make forms save.
const HOSTILE_TEXT: &[&str] = &[
    "jan",
    "vries",
    "odon",
    "0612345678",
    "+31 6 1234 5678",
    "+2h",
    "+30m",
    "+4bh",
    "+2wd",
    "+1bh30m",
    "tomorrow",
    "tomorrow 9:00",
    "fri 14:00",
    "2026-12-01 10:00",
    "15:00",
    "+95000000d",
    "+106751991167d",
    "+999999999999999999999999h",
    "+4294967295wd",
    "+100000000bh",
    "9999-12-31 23:59",
    "0000-01-01",
    "2026-03-29 02:30",
    "2026-02-30",
    "日本語のテキスト、長い件名です",
    "한국어",
    "👩‍👩‍👧‍👦🎉🇳🇱",
    "e\u{301}\u{301}\u{301}\u{301}\u{301}",
    "Z\u{324}\u{354}\u{367}\u{311}\u{313}a\u{308}\u{356}\u{32d}",
    "مرحبا بالعالم ١٢٣",
    "שלום עולם",
    "\u{202e}evil\u{202c}",
    "\u{200b}\u{feff}\u{200d}",
    "\t\r\n\u{0}\u{7}\u{1b}[31m\u{7f}",
    "\u{1b}]0;title\u{7}",
    "\u{fffd}\u{10ffff}",
    "ｆｕｌｌｗｉｄｔｈ",
    "a;b;;c",
    "\"quoted\" * ^ NEAR(a b) OR",
    "'; DROP TABLE callers; --",
    "%s%n{}{0}",
    "        ",
];

/// Characters typed one at a time: every class of `HOSTILE_TEXT`, and any character at all.
fn hostile_char() -> impl Strategy<Value = char> {
    let picked: Vec<char> = HOSTILE_TEXT.iter().flat_map(|t| t.chars()).collect();
    prop_oneof![
        4 => prop::sample::select(picked),
        2 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ]
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(HOSTILE_TEXT).prop_map(String::from),
        1 => prop::collection::vec(hostile_char(), 0..40).prop_map(String::from_iter),
        1 => any::<String>(),
    ]
}

#[derive(Clone, Debug)]
enum Step {
    Key(KeyEvent),
    /// Typed key by key, as an agent would.
    Type(String),
    /// Typed, then Enter: moves a form on to its next field, or submits it.
    TypeAndEnter(String),
    Paste(String),
    /// Minutes pass: reminders fall due and countdowns run out.
    Wait(i64),
    /// A click or a turn of the wheel anywhere, placed on a screen of the given size.
    Mouse(MouseEventKind, (u16, u16), (u16, u16)),
}

fn command_keys() -> Vec<KeyEvent> {
    Keymap::default()
        .bindings()
        .iter()
        .map(|b| KeyEvent::new(b.key.code, b.key.modifiers))
        .collect()
}

fn other_key() -> impl Strategy<Value = KeyEvent> {
    let codes = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Insert),
        (1u8..=24).prop_map(KeyCode::F),
        hostile_char().prop_map(KeyCode::Char),
    ];
    let modifiers = prop_oneof![
        4 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::SHIFT),
        1 => (0u8..=0xff).prop_map(KeyModifiers::from_bits_truncate),
    ];
    (codes, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

fn mouse_kind() -> impl Strategy<Value = MouseEventKind> {
    prop_oneof![
        4 => Just(MouseEventKind::Down(MouseButton::Left)),
        2 => Just(MouseEventKind::ScrollDown),
        2 => Just(MouseEventKind::ScrollUp),
        1 => Just(MouseEventKind::Down(MouseButton::Right)),
        1 => Just(MouseEventKind::Up(MouseButton::Left)),
    ]
}

/// Weighted towards the desk's own keys, so that popups and forms are opened, filled in
/// and submitted rather than only typed at.
fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        10 => prop::sample::select(command_keys()).prop_map(Step::Key),
        6 => other_key().prop_map(Step::Key),
        3 => hostile_string().prop_map(Step::Type),
        3 => hostile_string().prop_map(Step::TypeAndEnter),
        2 => hostile_string().prop_map(Step::Paste),
        1 => (0i64..3 * 24 * 60).prop_map(Step::Wait),
        3 => (mouse_kind(), (0u16..=310, 0u16..=110), size())
            .prop_map(|(kind, at, screen)| Step::Mouse(kind, at, screen)),
    ]
}

/// Mostly the sizes people use, often the minimum and the sizes just below it, and now and
/// then anything from 1×1 to 300×100. Large frames are few: in a debug build each costs
/// tens of milliseconds.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (80u16..=140, 24u16..=45),
        2 => (76u16..=84, 20u16..=28),
        1 => (1u16..=300, 1u16..=100),
    ]
}

#[derive(Clone, Debug)]
struct Session {
    /// Each step is followed by a frame at its size.
    steps: Vec<(Step, (u16, u16))>,
    /// A text repeated to about a megabyte, as when a whole log lands in the terminal: it
    /// is pasted into the first text field or search box open at or after the step.
    huge_paste: Option<(usize, String)>,
    /// What $EDITOR hands back when a note is written in it.
    editor_text: String,
    editor_fails: bool,
}

fn session() -> impl Strategy<Value = Session> {
    (
        prop::collection::vec((step(), size()), 1..64),
        prop::option::weighted(0.2, (any::<prop::sample::Index>(), hostile_string())),
        hostile_string(),
        any::<bool>(),
    )
        .prop_map(|(steps, huge, editor_text, editor_fails)| {
            let huge_paste = huge.map(|(at, text)| (at.index(steps.len()), text));
            Session {
                steps,
                huge_paste,
                editor_text,
                editor_fails,
            }
        })
}

fn megabyte_of(text: &str) -> String {
    let unit = if text.is_empty() { "x" } else { text };
    unit.repeat((1 << 20) / unit.len() + 1)
}

/// Tickets, a caller with open tickets, promises overdue, due soon and later, and the
/// first ticket open: every popup has something to show.
fn desk_with_data() -> Harness {
    let mut h = Harness::with_callers();
    h.press("n vries <enter> VPN<space>drops<space>every<space>hour <enter>");
    h.press("p call<space>back <tab> <tab> <tab> +30m <enter>");
    h.press("p send<space>the<space>log <tab> <tab> <right> <tab> tomorrow<space>9:00 <enter>");
    h.press("n odon <enter> licence<space>expired <enter>");
    h.press("p mail<space>the<space>code <tab> <tab> <tab> +10m <enter>");
    h.press("b");
    h.desk.store.set_agent("bence");
    h.press("n vries <enter> <enter> printer<space>jams <enter>");
    h.press("p check<space>the<space>toner <tab> <tab> <tab> 2026-12-01<space>10:00 <enter>");
    h.desk.store.set_agent("anna");
    h.advance(Duration::minutes(20));
    h
}

/// Which screens and forms the random sessions reached, so that a generator that stopped
/// reaching them fails the test instead of passing by testing nothing.
#[derive(Default)]
struct Reached(BTreeMap<&'static str, usize>);

impl Reached {
    fn note(&mut self, what: &'static str) {
        *self.0.entry(what).or_default() += 1;
    }

    fn popup(&mut self, popup: Option<&Popup>) {
        let name = match popup {
            None => return,
            Some(Popup::Help { .. }) => "help",
            Some(Popup::Palette(_)) => "palette",
            Some(Popup::Search(_)) => "caller search",
            Some(Popup::FindTicket(_)) => "ticket finder",
            Some(Popup::AwaitCaller { .. }) => "awaiting caller",
            Some(Popup::PickTicket { .. }) => "pick ticket",
            Some(Popup::Review(_)) => "review",
            Some(Popup::Script(_)) => "script",
            Some(Popup::Text { .. }) => "handover",
            Some(Popup::Kb(_)) => "knowledge base",
            Some(Popup::Article(_)) => "article",
            Some(Popup::MergeCaller(_)) => "merge search",
            Some(Popup::Form(form)) => match form.kind {
                FormKind::NewCaller => "form: new caller",
                FormKind::Subject { .. } => "form: subject",
                FormKind::Note { .. } => "form: note",
                FormKind::LogCall { .. } => "form: log call",
                FormKind::Callback { .. } => "form: callback",
                FormKind::Promise { .. } => "form: promise",
                FormKind::Keep { .. } => "form: keep",
                FormKind::Reschedule { .. } => "form: reschedule",
                FormKind::Cancel { .. } => "form: cancel",
                FormKind::Status { .. } => "form: status",
                FormKind::Priority { .. } => "form: priority",
                FormKind::Category { .. } => "form: category",
                FormKind::Assign { .. } => "form: assign",
                FormKind::Escalate { .. } => "form: escalate",
                FormKind::DeclareIncident { .. } => "form: major incident",
                FormKind::LinkIncident { .. } => "form: link incident",
                FormKind::ResolveIncident { .. } => "form: resolve incident",
                FormKind::EditSubject { .. } => "form: edit subject",
                FormKind::EditCaller { .. } => "form: edit caller",
                FormKind::MergeCallers { .. } => "form: merge callers",
                FormKind::Settle { .. } => "form: settle a conflict",
            },
        };
        self.note(name);
    }
}

struct Driver<'a> {
    h: Harness,
    session: &'a Session,
    reached: &'a RefCell<Reached>,
    /// Kept from one frame to the next, as the runtime's is; resizing it is part of the test.
    terminal: Terminal<TestBackend>,
}

impl Driver<'_> {
    fn dispatch(&mut self, action: Action) -> Result<(), TestCaseError> {
        let mut pending = self.h.desk.dispatch(action, self.h.now);
        // The runtime's part: an editor that returns text, or fails to start.
        while let Some(effect) = pending.pop() {
            if let TerminalEffect::OpenEditor { ticket_id, .. } = effect {
                self.reached.borrow_mut().note("editor");
                let text = self.session.editor_text.clone();
                let action = if self.session.editor_fails && text.is_empty() {
                    Action::EditorFailed("no such editor".into())
                } else {
                    Action::EditorClosed {
                        ticket_id,
                        text,
                        failed: self.session.editor_fails,
                    }
                };
                pending.extend(self.h.desk.dispatch(action, self.h.now));
            }
        }
        if let Some(message) = &self.h.desk.app.message {
            // An in-memory store never fails on its own: a failed load or an SQL error on
            // save means something typed got into the store in a form it cannot handle.
            prop_assert!(
                !message.text.contains("could not load") && !message.text.contains("database:"),
                "{}",
                message.text
            );
            if message.text.starts_with("not saved") {
                self.reached.borrow_mut().note("save refused");
            }
        }
        if let Some(Popup::Form(form)) = &self.h.desk.app.popup
            && let Some(error) = &form.error
        {
            prop_assert!(!error.contains("database:"), "{error}");
            self.reached.borrow_mut().note("form refused");
        }
        self.reached
            .borrow_mut()
            .popup(self.h.desk.app.popup.as_ref());
        Ok(())
    }

    fn run(&mut self, step: &Step) -> Result<(), TestCaseError> {
        match step {
            Step::Key(key) => self.dispatch(Action::Key(*key)),
            Step::Type(text) => self.type_text(text),
            Step::TypeAndEnter(text) => {
                self.type_text(text)?;
                self.dispatch(Action::Key(KeyEvent::new(
                    KeyCode::Enter,
                    KeyModifiers::NONE,
                )))
            }
            Step::Paste(text) => self.dispatch(Action::Paste(text.clone())),
            Step::Wait(minutes) => {
                self.h.now += Duration::minutes(*minutes);
                self.dispatch(Action::Tick)
            }
            Step::Mouse(kind, (column, row), (width, height)) => self.dispatch(Action::Mouse {
                event: MouseEvent {
                    kind: *kind,
                    column: *column,
                    row: *row,
                    modifiers: KeyModifiers::NONE,
                },
                screen: ratatui::layout::Rect::new(0, 0, *width, *height),
            }),
        }
    }

    fn type_text(&mut self, text: &str) -> Result<(), TestCaseError> {
        for c in text.chars() {
            self.dispatch(Action::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )))?;
        }
        Ok(())
    }

    /// Where the megabyte lands: only a field or a search box takes a paste.
    fn takes_text(&self) -> bool {
        match &self.h.desk.app.popup {
            Some(Popup::Palette(_) | Popup::Search(_)) => true,
            Some(Popup::Form(form)) => matches!(
                form.fields.get(form.focus).map(|f| &f.input),
                Some(Input::Text { .. })
            ),
            _ => false,
        }
    }

    fn huge_paste(&mut self, text: &str) -> Result<(), TestCaseError> {
        self.reached.borrow_mut().note("huge paste");
        self.dispatch(Action::Paste(megabyte_of(text)))
    }

    fn frame(&mut self, (width, height): (u16, u16)) -> Result<(), TestCaseError> {
        // Every theme, with and without colour, on the way.
        let name =
            [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast][usize::from(height % 3)];
        let theme = Theme::new(name, width % 2 == 0);
        self.terminal.backend_mut().resize(width, height);
        let app = &self.h.desk.app;
        self.terminal
            .draw(|frame| ui::draw(frame, app, &theme))
            .map_err(fail)?;
        Ok(())
    }
}

#[test]
fn random_keys_pastes_and_sizes_never_bring_the_desk_down() {
    let reached = RefCell::new(Reached::default());
    let result = runner(16, 1_000).run(&session(), |session| {
        let mut driver = Driver {
            h: desk_with_data(),
            session: &session,
            reached: &reached,
            terminal: Terminal::new(TestBackend::new(80, 24)).map_err(fail)?,
        };
        let mut huge_paste = session.huge_paste.as_ref();
        for (i, (step, size)) in session.steps.iter().enumerate() {
            driver.run(step)?;
            if let Some((at, text)) = huge_paste
                && *at <= i
                && driver.takes_text()
            {
                driver.huge_paste(text)?;
                huge_paste = None;
            }
            driver.frame(*size)?;
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let reached = reached.into_inner().0;
    eprintln!("reached: {reached:?}");
    // Loose enough that a random run passes, strict enough that a generator which stopped
    // opening forms and popups (a renamed key, a changed flow) fails here.
    let forms = reached.keys().filter(|k| k.starts_with("form: ")).count();
    let popups = ["help", "palette", "caller search", "review", "handover"]
        .iter()
        .filter(|p| reached.contains_key(*p))
        .count();
    assert!(
        forms >= 5 && popups >= 3 && reached.contains_key("form refused"),
        "the sessions no longer get deep into the desk: {forms} kinds of form, \
         {popups} popups; reached {reached:?}"
    );
}

fn fixed_now() -> DateTime<Utc> {
    support::monday_morning()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if long_run() { 20_000 } else { 256 },
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    })]

    /// The same entry point as `fuzz/fuzz_targets/deadline.rs`.
    #[test]
    fn any_deadline_text_is_read_or_refused(text in prop_oneof![
        hostile_string(),
        (prop::sample::select(HOSTILE_TEXT), prop::sample::select(HOSTILE_TEXT))
            .prop_map(|(a, b)| format!("{a} {b}")),
    ]) {
        let now = fixed_now();
        for calendar in [
            Calendar::standard(support::zone("Europe/Amsterdam")),
            support::config().calendar(),
        ] {
            for language in Language::ALL {
                if let Ok(due) = parse_deadline(&text, now, &calendar, language) {
                    prop_assert!(due > now, "{text:?} gave {due}, not after {now}");
                }
            }
        }
    }

    /// The same entry point as `fuzz/fuzz_targets/config.rs`.
    #[test]
    fn any_config_text_is_read_or_refused_with_a_place(text in config_text()) {
        match balie::config::parse(&text, Path::new("config.toml")) {
            Ok(config) => use_config(&config)?,
            Err(e) => {
                prop_assert!(e.to_string().starts_with("config.toml:"), "{e}");
                if let ConfigError::Parse { line, column, .. } = e {
                    let lines = text.split('\n').count();
                    prop_assert!((1..=lines).contains(&line), "line {line} of {lines}");
                    prop_assert!(column >= 1);
                }
            }
        }
    }

    /// The same entry point as `fuzz/fuzz_targets/csv_import.rs`.
    #[test]
    fn a_csv_import_adds_every_caller_or_none(bytes in csv_bytes()) {
        import_all_or_nothing(&bytes)?;
    }

    /// The store's half of all-or-nothing: a list with one unusable caller anywhere in it
    /// leaves the desk as it was.
    #[test]
    fn a_failing_import_leaves_the_store_unchanged(
        callers in prop::collection::vec((hostile_string(), hostile_string()), 1..20),
    ) {
        let mut store = seeded_store();
        let before = store.caller_count().map_err(fail)?;
        let callers: Vec<NewCaller> = callers
            .into_iter()
            .map(|(name, phone)| NewCaller {
                name,
                phones: vec![phone],
                ..NewCaller::default()
            })
            .collect();
        let has_blank = callers.iter().any(|c| c.name.trim().is_empty());
        match store.import_callers(&callers, fixed_now()) {
            Ok((added, skipped)) => {
                prop_assert!(!has_blank);
                prop_assert_eq!(added + skipped, callers.len());
                prop_assert_eq!(store.caller_count().map_err(fail)?, before + added as i64);
            }
            Err(_) => prop_assert_eq!(store.caller_count().map_err(fail)?, before),
        }
    }
}

/// What the desk does with a config once read: priorities from the matrix, SLA clocks
/// from the targets and the calendar, their due times shown in the agent's zone, and the
/// callback deadline. Only panics count here; a refused callback deadline is a message.
fn use_config(config: &Config) -> Result<(), TestCaseError> {
    let now = fixed_now();
    let calendar = config.calendar();
    // Every command stays reachable: the palette keeps a key, and no key runs two commands.
    let keymap = Keymap::with_remaps(&config.keys);
    prop_assert!(!keymap.keys_for(balie::keymap::Command::Palette).is_empty());
    let bindings = keymap.bindings();
    for (i, a) in bindings.iter().enumerate() {
        prop_assert!(bindings[i + 1..].iter().all(|b| b.key != a.key), "{a:?}");
    }
    for impact in 0..=6 {
        for urgency in 0..=6 {
            prop_assert!((1..=5).contains(&config.priority(impact, urgency)));
        }
    }
    let opened = now - Duration::days(3);
    let history = History {
        opened,
        first_response: None,
        contacts: Vec::new(),
        changes: vec![
            StatusChange {
                at: opened,
                status: Status::New,
            },
            StatusChange {
                at: now - Duration::days(1),
                status: Status::WaitingCaller,
            },
        ],
    };
    let texts = Texts::new(config.language);
    for priority in 0..=6 {
        let clocks = ticket_clocks(&history, config.sla.for_priority(priority), &calendar, now);
        for clock in [clocks.response, clocks.resolution] {
            balie::domain::when::friendly(clock.due, now, config.time_zone, &texts);
            balie::domain::when::countdown(clock.due, now, &texts);
            prop_assert!((0.0..=1.0).contains(&clock.fraction_left));
        }
    }
    let _ = parse_deadline(&config.callback_within, now, &calendar, config.language);
    Ok(())
}

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

fn seeded_store() -> Store {
    let mut store = Store::open_in_memory("anna").expect("in-memory store");
    store
        .create_caller(&support::jan(), fixed_now())
        .expect("caller");
    store
}

/// Reads `bytes` as a caller CSV and imports it: either every caller in it is added (or
/// skipped as already known) or the store is left exactly as it was.
fn import_all_or_nothing(bytes: &[u8]) -> Result<(), TestCaseError> {
    let mut store = seeded_store();
    let before = store.caller_count().map_err(fail)?;
    let lines = 1 + bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count() as u64;
    match read_callers_csv(bytes, Path::new("callers.csv")) {
        Ok(callers) => {
            prop_assert!(!callers.is_empty());
            match store.import_callers(&callers, fixed_now()) {
                Ok((added, skipped)) => {
                    prop_assert_eq!(added + skipped, callers.len());
                    prop_assert_eq!(store.caller_count().map_err(fail)?, before + added as i64);
                }
                Err(_) => prop_assert_eq!(store.caller_count().map_err(fail)?, before),
            }
        }
        Err(e) => {
            if let ImportError::BadRows { rows, .. } = &e {
                for row in rows {
                    prop_assert!(
                        (1..=lines).contains(&row.line),
                        "bad row on line {} of a {lines}-line file",
                        row.line
                    );
                }
            }
            prop_assert!(e.to_string().contains("callers.csv"), "{e}");
            prop_assert_eq!(store.caller_count().map_err(fail)?, before);
        }
    }
    Ok(())
}

const CSV_COLUMNS: &[&str] = &[
    "name",
    "Name",
    " NAME ",
    "\u{feff}name",
    "organization",
    "phone",
    "email",
    "identifiers",
    "telefoon",
    "name;phone",
    "",
];

/// Mostly files with a header balie knows, so that rows are read and checked; some bytes
/// that are anything at all.
fn csv_bytes() -> impl Strategy<Value = Vec<u8>> {
    let field = prop_oneof![
        3 => hostile_string(),
        1 => Just("Anna".to_string()),
        1 => Just("06 1234".to_string()),
        1 => Just("a@b.nl;c@d.nl".to_string()),
        1 => Just("\"two\nlines\"".to_string()),
    ]
    .prop_map(String::into_bytes);
    let field = prop_oneof![
        6 => field,
        1 => prop::collection::vec(any::<u8>(), 0..8),
    ];
    let header = prop::collection::vec(prop::sample::select(CSV_COLUMNS), 1..6)
        .prop_map(|names| names.join(","));
    let row = prop::collection::vec(field, 0..6);
    let separator = prop::sample::select(&["\n", "\r\n", "\r", "\n\n"][..]);
    let structured = (
        header,
        prop::collection::vec((row, separator.clone()), 0..8),
        separator,
    )
        .prop_map(|(header, rows, first)| {
            let mut out = header.into_bytes();
            out.extend_from_slice(first.as_bytes());
            for (fields, end) in rows {
                out.extend_from_slice(&fields.join(&b","[..]));
                out.extend_from_slice(end.as_bytes());
            }
            out
        });
    prop_oneof![
        4 => structured,
        1 => prop::collection::vec(any::<u8>(), 0..200),
    ]
}

/// Each setting with values that are right or at the edges, then values that are wrong,
/// so that whole documents are often valid and each field's own check is still reached.
type Setting = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const CONFIG_FIELDS: &[Setting] = &[
    (
        "agent",
        &["\"Anna\"", "\"日本\\u0000\""],
        &["\"\"", "\"  \"", "1"],
    ),
    (
        "time_zone",
        &[
            "\"Europe/Amsterdam\"",
            "\"Pacific/Kiritimati\"",
            "\"America/Adak\"",
            "\"UTC\"",
        ],
        &["\"Mars/Olympus\""],
    ),
    (
        "due_soon_minutes",
        &["1", "1440"],
        &[
            "0",
            "1441",
            "-1",
            "9223372036854775807",
            "18446744073709551616",
            "1e400",
            "nan",
        ],
    ),
    (
        "ticket_prefix",
        &["\"SD\"", "\"ABCDEFGH\""],
        &["\"ABCDEFGHI\"", "\"S-D\"", "true"],
    ),
    (
        "categories",
        &["[\"Network\", \"日本\"]", "[\" x \"]"],
        &["[\"a\", \"A\"]", "[]", "[\"\"]", "{ a = 1 }"],
    ),
    (
        "priority_matrix",
        &[
            "[[1,1,2,2,3],[1,2,2,3,3],[2,2,3,3,4],[2,3,3,4,5],[3,3,4,5,5]]",
            "[[5,5,5,5,5],[5,5,5,5,5],[5,5,5,5,5],[5,5,5,5,5],[5,5,5,5,5]]",
        ],
        &[
            "[[1,1,2,2,3],[1,2,2,3,3],[2,2,3,3,4],[2,3,3,4,5]]",
            "[[1,1,2,2,300],[1,2,2,3,3],[2,2,3,3,4],[2,3,3,4,5],[3,3,4,5,5]]",
            "[[1,1,2,2,3,4],[1,2,2,3,3],[2,2,3,3,4],[2,3,3,4,5],[3,3,4,5,5]]",
        ],
    ),
    ("first_contact_reopen_days", &["1", "90"], &["91", "0"]),
    (
        "callback_within",
        &[
            "\"+2h\"",
            "\"+36600d\"",
            "\"+4bh\"",
            "\"+2wd\"",
            "\"+71582788h\"",
        ],
        &[
            "\"+0m\"",
            "\"tomorrow\"",
            "\"+999999999999d\"",
            "\"+4294967295wd\"",
        ],
    ),
    ("notifications", &["\"osc9\"", "\"off\""], &["\"bell\""]),
    (
        "holidays",
        &[
            "[\"2026-12-25\", \"2026-11-24\"]",
            "[\"9999-12-31\", \"0001-01-01\"]",
            "[]",
        ],
        &["[\"2026-02-30\"]", "[\"+262143-12-31\"]"],
    ),
    ("mouse", &["true", "false"], &["\"yes\"", "1"]),
    ("clipboard", &["true", "false"], &["\"off\""]),
    ("unknown_key", &[], &["1"]),
];

/// `[keys]` entries: a few commands with keys that read, others that do not or that clash.
const KEY_SETTINGS: &[Setting] = &[
    (
        "note",
        &["\"N\"", "[\"a\", \"Ctrl-a\"]", "[]", "\"n\"", "\"F24\""],
        &["\"Ctrl-\"", "\"Shift-1\"", "5"],
    ),
    (
        "promise",
        &["[\"p\", \"Alt-Up\"]", "\"Shift-Tab\"", "\"Space\""],
        &["[\"p\", \"p\"]", "\"F0\""],
    ),
    ("palette", &["\";\"", "\"Ctrl-Space\""], &["[]"]),
    ("help", &["\":\"", "\"Esc\""], &["\"N\""]),
    ("notes", &[], &["\"x\""]),
];

const HOURS: &[&str] = &[
    "\"08:30-17:00\"",
    "\"closed\"",
    "\"\"",
    "\"00:00-00:00\"",
    "\"00:00-00:01\"",
    "\"23:59-00:00, 00:00-00:01\"",
    "\"02:00-03:30\"",
];

const BAD_HOURS: &[&str] = &[
    "\"17:00-08:30\"",
    "\"24:00-25:00\"",
    "\"08:30-12:00, 11:00-16:00\"",
];

const SLA_TARGETS: &[&str] = &[
    "\"30m / 4h\"",
    "\"8h / 3d\"",
    "\"1h / 40000d\"",
    "\"4294967295d / 4294967295d\"",
    "\"71582788h / 1m\"",
];

const BAD_SLA_TARGETS: &[&str] = &["\"0m / 0m\"", "\"4h\"", "\"99999999999d / 1h\""];

/// A TOML basic string: `{:?}` would write Rust escapes such as `\u{1b}`, which TOML
/// refuses, and the document would never get past its first line.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `name = value` lines for some of `settings`, each value mostly a right one.
fn settings(settings: Vec<Setting>) -> BoxedStrategy<String> {
    settings
        .into_iter()
        .map(|(name, right, wrong)| {
            let mut values = vec![(1, hostile_string().prop_map(|s| toml_string(&s)).boxed())];
            if !right.is_empty() {
                values.push((
                    24,
                    prop::sample::select(right).prop_map(String::from).boxed(),
                ));
            }
            if !wrong.is_empty() {
                values.push((
                    1,
                    prop::sample::select(wrong).prop_map(String::from).boxed(),
                ));
            }
            // A setting that is never right (an unknown name) would spoil most documents.
            let present = if right.is_empty() { 0.05 } else { 0.5 };
            prop::option::weighted(present, prop::strategy::Union::new_weighted(values))
                .prop_map(move |v| v.map_or_else(String::new, |v| format!("{name} = {v}\n")))
                .boxed()
        })
        .collect::<Vec<_>>()
        .prop_map(|lines| lines.concat())
        .boxed()
}

fn config_text() -> impl Strategy<Value = String> {
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .into_iter()
        .map(|day| (day, HOURS, BAD_HOURS))
        .collect();
    let mut priorities: Vec<Setting> = ["p1", "p2", "p3", "p4", "p5"]
        .into_iter()
        .map(|p| (p, SLA_TARGETS, BAD_SLA_TARGETS))
        .collect();
    priorities.push(("p9", &[], &["\"1h / 2h\""]));
    let document = (
        settings(CONFIG_FIELDS.to_vec()),
        prop::option::of(settings(days)),
        prop::option::of(settings(priorities)),
        prop::option::of(settings(KEY_SETTINGS.to_vec())),
    )
        .prop_map(|(top, hours, sla, keys)| {
            let mut text = top;
            if let Some(hours) = hours {
                text.push_str("[working_hours]\n");
                text.push_str(&hours);
            }
            if let Some(sla) = sla {
                text.push_str("[sla]\n");
                text.push_str(&sla);
            }
            if let Some(keys) = keys {
                text.push_str("[keys]\n");
                text.push_str(&keys);
            }
            text
        });
    prop_oneof![
        6 => document,
        1 => any::<String>(),
        1 => hostile_string(),
    ]
}
