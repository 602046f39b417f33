//! Drives the desk without a terminal: key strings in, state and rendered screens out,
//! on an in-memory store and a clock that only moves when a test says so.
#![allow(dead_code)] // each test binary uses its own part of this module

pub mod child;
pub mod cli;
pub mod desks;
pub mod postgres;
pub mod proxy;
pub mod pty;
pub mod team;

#[allow(unused_imports)] // each test binary uses its own part of this module
pub use desks::{jan, new_ticket, small_desk};

use balie::app::Action;
use balie::config::Config;
use balie::desk::Desk;
use balie::domain::NewCaller;
use balie::i18n::Language;
use balie::store::Store;
use balie::ui::{self, Theme};
use chrono::{DateTime, Duration, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Monday 23 November 2026, 10:00 in Amsterdam.
pub fn monday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("valid instant")
}

/// A zone of the database built into balie, by its name.
pub fn zone(name: &str) -> balie::domain::time_zone::Tz {
    name.parse()
        .unwrap_or_else(|e| panic!("a zone of the database: {e}"))
}

pub fn config() -> Config {
    Config {
        agent: "anna".into(),
        time_zone: zone("Europe/Amsterdam"),
        language: balie::i18n::Language::English,
        // Never the agent's real folder: a test that wants own scripts or articles sets its own.
        knowledge_folder: Some(std::env::temp_dir().join("balie-tests-no-knowledge-folder")),
        ..Config::default()
    }
}

pub struct Harness {
    pub desk: Desk,
    pub now: DateTime<Utc>,
}

impl Harness {
    pub fn empty() -> Harness {
        let store = Store::open_in_memory("anna").expect("in-memory store");
        Harness::on(store)
    }

    pub fn on(store: Store) -> Harness {
        Harness::speaking(store, Language::English)
    }

    /// A desk on `store` whose agent reads `language`, as `language = "nl"` in the config.
    pub fn speaking(store: Store, language: Language) -> Harness {
        let now = monday_morning();
        let config = Config {
            language,
            ..config()
        };
        Harness {
            desk: Desk::new(store, config, now),
            now,
        }
    }

    /// A desk with the callers of `callers_store`, in `language`.
    pub fn with_callers_in(language: Language) -> Harness {
        Harness::speaking(callers_store(), language)
    }

    /// The test settings with `toml` read on top, as from a config file.
    pub fn configured(toml: &str) -> Harness {
        let config = match balie::config::parse(toml, std::path::Path::new("test.toml")) {
            Ok(read) => Config {
                keys: read.keys,
                mouse: read.mouse,
                clipboard: read.clipboard,
                ..config()
            },
            Err(error) => panic!("{error}"),
        };
        let now = monday_morning();
        Harness {
            desk: Desk::new(callers_store(), config, now),
            now,
        }
    }

    /// A desk with the callers of `callers_store` whose own articles are in `folder`.
    pub fn with_knowledge(folder: &std::path::Path) -> Harness {
        let config = Config {
            knowledge_folder: Some(folder.to_path_buf()),
            ..config()
        };
        let now = monday_morning();
        Harness {
            desk: Desk::new(callers_store(), config, now),
            now,
        }
    }

    /// A desk with the callers of `callers_store`.
    pub fn with_callers() -> Harness {
        Harness::on(callers_store())
    }

    /// Types a key string like `press` and returns what was left for the terminal to do.
    pub fn keys(&mut self, keys: &str) -> Vec<balie::app::TerminalEffect> {
        let mut effects = Vec::new();
        for token in keys.split_whitespace() {
            for key in parse_token(token) {
                effects.extend(self.desk.dispatch(Action::Key(key), self.now));
            }
        }
        effects
    }

    /// A left click at a cell of a screen of `size`, as the runtime reports it.
    pub fn click(
        &mut self,
        column: u16,
        row: u16,
        size: (u16, u16),
    ) -> Vec<balie::app::TerminalEffect> {
        self.mouse(MouseEventKind::Down(MouseButton::Left), column, row, size)
    }

    /// One turn of the wheel over a cell.
    pub fn wheel(&mut self, down: bool, column: u16, row: u16, size: (u16, u16)) {
        let kind = if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        };
        self.mouse(kind, column, row, size);
    }

    fn mouse(
        &mut self,
        kind: MouseEventKind,
        column: u16,
        row: u16,
        (width, height): (u16, u16),
    ) -> Vec<balie::app::TerminalEffect> {
        let event = MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let screen = ratatui::layout::Rect::new(0, 0, width, height);
        self.desk
            .dispatch(Action::Mouse { event, screen }, self.now)
    }
}

/// A small working desk in `language`: two tickets, an overdue, a due-soon and a later
/// promise, and the first ticket open with its caller beside it.
pub fn busy_desk(language: Language) -> Harness {
    let mut h = Harness::with_callers_in(language);
    h.press("n vries <enter> VPN<space>drops<space>every<space>hour <enter>");
    h.press("a asked<space>for<space>the<space>client<space>log <enter>");
    h.press(
        "p call<space>back<space>with<space>the<space>VPN<space>profile <tab> <tab> <tab> +30m <enter>",
    );
    h.press("p send<space>the<space>new<space>profile <tab> <tab> <right> <tab> +15m <enter>");
    h.advance(Duration::minutes(20));
    h.press("n odon <enter> licence<space>expired<space>on<space>laptop <enter>");
    h.press("p mail<space>the<space>new<space>licence<space>code <tab> <tab> <right> <tab> tomorrow<space>9:00 <enter>");
    h.press("<tab> <tab> <tab> <down> <enter>");
    h
}

/// A few callers whose names, phones and codes the tests search for.
fn callers_store() -> Store {
    let mut store = Store::open_in_memory("anna").expect("in-memory store");
    let callers = [
        (
            "Jan de Vries",
            "Gemeente Utrecht",
            "+31 6 1234 5678",
            "jan.devries@utrecht.nl",
            "NB-20431",
        ),
        (
            "Ödön Kovács",
            "Magyar Posta Zrt.",
            "+36 30 123 4567",
            "kovacs.odon@posta.hu",
            "LIC-7F3K-Q2PX",
        ),
        (
            "Janet Vrieling",
            "Acme Ltd",
            "+44 20 7946 0123",
            "janet@acme.co.uk",
            "KLANT-0042",
        ),
        (
            "Erzsébet Szőke",
            "Győri Kórház",
            "06 1 555 0199",
            "szoke@gyorikorhaz.hu",
            "UGYF-1187",
        ),
    ];
    for (name, organization, phone, email, id) in callers {
        store
            .create_caller(
                &NewCaller {
                    name: name.into(),
                    organization: organization.into(),
                    phones: vec![phone.into()],
                    emails: vec![email.into()],
                    identifiers: vec![id.into()],
                },
                monday_morning() - Duration::days(30),
            )
            .expect("caller");
    }
    store
}

impl Harness {
    /// Types a key string. Spaces only separate tokens; `<name>` anywhere is a special key
    /// (`<enter>`, `<esc>`, `<tab>`, `<s-tab>`, `<up>`, `<down>`, `<left>`, `<right>`,
    /// `<bs>`, `<space>`, `<f1>`, `<c-x>` for Ctrl-x); everything else is typed letter by letter.
    pub fn press(&mut self, keys: &str) {
        for token in keys.split_whitespace() {
            for key in parse_token(token) {
                let rest = self.desk.dispatch(Action::Key(key), self.now);
                assert!(
                    rest.iter()
                        .all(|e| !matches!(e, balie::app::TerminalEffect::Quit)),
                    "the desk quit on {token}"
                );
            }
        }
    }

    pub fn advance(&mut self, by: Duration) {
        self.now += by;
        self.desk.dispatch(Action::Tick, self.now);
    }

    pub fn screen(&self, width: u16, height: u16) -> String {
        render(&self.desk, width, height, &Theme::plain())
    }
}

/// The frame as the terminal would get it: each cell's text and style.
pub fn draw(desk: &Desk, width: u16, height: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| ui::draw(frame, &desk.app, theme))
        .expect("draw");
    terminal.backend().buffer().clone()
}

pub fn render(desk: &Desk, width: u16, height: u16, theme: &Theme) -> String {
    let buffer = draw(desk, width, height, theme);
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Wide characters take two cells; the second cell is blank in the buffer.
fn unicode_width(symbol: &str) -> usize {
    ratatui::text::Span::raw(symbol).width()
}

fn parse_token(token: &str) -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    let mut rest = token;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && let Some(key) = special_key(&rest[1..end])
        {
            keys.push(key);
            rest = &rest[end + 1..];
            continue;
        }
        let modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        keys.push(KeyEvent::new(KeyCode::Char(c), modifiers));
        rest = &rest[c.len_utf8()..];
    }
    keys
}

fn special_key(name: &str) -> Option<KeyEvent> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    Some(match name {
        "enter" => plain(KeyCode::Enter),
        "esc" => plain(KeyCode::Esc),
        "tab" => plain(KeyCode::Tab),
        "s-tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "up" => plain(KeyCode::Up),
        "down" => plain(KeyCode::Down),
        "left" => plain(KeyCode::Left),
        "right" => plain(KeyCode::Right),
        "bs" => plain(KeyCode::Backspace),
        "space" => plain(KeyCode::Char(' ')),
        function if function.starts_with('f') && function.len() > 1 => {
            plain(KeyCode::F(function[1..].parse().ok()?))
        }
        ctrl if ctrl.len() == 3 && ctrl.starts_with("c-") => {
            KeyEvent::new(KeyCode::Char(ctrl.chars().nth(2)?), KeyModifiers::CONTROL)
        }
        _ => return None,
    })
}

impl Harness {
    /// The status bar's message, or an empty string.
    pub fn message(&self) -> String {
        self.desk
            .app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }
}
