//! The desk in every language at 80×24, the smallest size it draws: every title, column
//! header, prompt and hint from the panes' catalogue shows whole, and the desk's text
//! snapshots in Dutch and Hungarian (English is in screens.rs).
//!
//! "Whole" means what an agent would call not cut off:
//! - a one-line text (a title, a prompt, a hint) stands on one row of the screen, as a word
//!   of its own, with nothing of it clipped by a border or the edge;
//! - a row of labels (column headers, the status bar's hints) stands on one row in order;
//! - a paragraph that wraps (an empty pane's hint, the welcome) has all its words, in order,
//!   inside its pane or popup, so no word is broken or lost below the bottom border.
//!
//! Every check holds for English too, so a screen English already cuts is fixed, not
//! excused.

mod support;

use balie::app::layout::{self, DeskLayout};
use balie::domain::deadline::parse_deadline;
use balie::i18n::{Language, Texts};
use balie::store::Store;
use balie::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use support::Harness;

/// Three callers report the same outage.
const OUTAGE: &str = "n vries <enter> Internet<space>down <enter> \
    n odon <enter> internet<space>down <enter> n janet <enter> internet<space>down<space>too <enter>";

const WIDTH: u16 = 80;
const HEIGHT: u16 = 24;

/// Where a wrapped paragraph must be found whole.
#[derive(Clone, Copy, Debug)]
enum Area {
    Ticket,
    Caller,
    /// The popup on top (the one drawn with a double border).
    Popup,
    Screen,
}

#[derive(Debug)]
enum Expect {
    Line(String),
    Row(Vec<String>),
    Wrapped(Area, String),
}
use Expect::*;

struct Case {
    name: &'static str,
    desk: Harness,
    size: (u16, u16),
    expect: Vec<Expect>,
}

fn cases(language: Language) -> Vec<Case> {
    let x = Texts::new(language);
    let busy = |keys: &str| {
        let mut h = support::busy_desk(language);
        h.press(keys);
        h
    };
    let callers = |keys: &str| {
        let mut h = Harness::with_callers_in(language);
        h.press(keys);
        h
    };
    vec![
        Case {
            name: "the desk",
            desk: busy(""),
            size: (WIDTH, HEIGHT),
            expect: vec![
                // The reminder banner: what was promised may be shortened, its deadline
                // and reminder time never.
                Wrapped(Area::Screen, after_what(&x)),
                Line(t!(x, "queue-title")),
                Line(t!(x, "ticket-title")),
                Line(t!(x, "caller-title")),
                Line(t!(x, "promises-title")),
                Line(t!(x, "promises-summary", open = 3, overdue = 1)),
                Line(t!(x, "caller-prior-contacts", count = 1)),
                Row(vec![
                    t!(x, "queue-col-key"),
                    t!(x, "queue-col-subject"),
                    t!(x, "queue-col-priority"),
                ]),
                Row(vec![
                    t!(x, "promises-col-countdown"),
                    t!(x, "promises-col-what"),
                    t!(x, "promises-col-to"),
                    t!(x, "promises-col-ticket"),
                    t!(x, "promises-col-owner"),
                ]),
                Row(vec![
                    t!(x, "status-figures", open = 2, today = 1),
                    t!(x, "status-overdue", count = 1),
                ]),
                // The hints English has room for; fewer would hide keys from Dutch agents.
                Row(vec![
                    t!(x, "status-hint-new-call"),
                    t!(x, "status-hint-open"),
                    t!(x, "status-hint-mine"),
                    t!(x, "status-hint-all-open"),
                    t!(x, "status-hint-waiting"),
                    t!(x, "status-hint-help"),
                    t!(x, "status-hint-palette"),
                ]),
                Wrapped(
                    Area::Ticket,
                    t!(x, "ticket-category-line", category = "—", assignee = "anna"),
                ),
            ],
        },
        Case {
            name: "no ticket open",
            desk: callers(""),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Wrapped(Area::Ticket, t!(x, "ticket-none-open")),
                Wrapped(Area::Ticket, t!(x, "ticket-open-hint", key = "Enter")),
                Wrapped(Area::Ticket, t!(x, "ticket-new-call-hint", key = "n")),
                Wrapped(Area::Caller, t!(x, "caller-none")),
            ],
        },
        Case {
            name: "the welcome on an empty desk",
            desk: Harness::speaking(Store::open_in_memory("anna").expect("store"), language),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "welcome-title")),
                Wrapped(Area::Popup, t!(x, "welcome-heading")),
                Wrapped(Area::Popup, t!(x, "welcome-first-call", key = "n")),
                Wrapped(
                    Area::Popup,
                    t!(x, "welcome-demo", quit = "q", demo = "balie demo"),
                ),
                Wrapped(
                    Area::Popup,
                    t!(x, "welcome-keys", help = "?", palette = ":"),
                ),
            ],
        },
        Case {
            name: "help",
            desk: busy("?"),
            size: (WIDTH, HEIGHT),
            expect: vec![Line(t!(x, "help-title")), Line(t!(x, "help-intro"))],
        },
        Case {
            name: "the palette",
            desk: busy(":"),
            size: (WIDTH, HEIGHT),
            expect: vec![Line(t!(x, "palette-title"))],
        },
        Case {
            name: "the review",
            desk: busy("v"),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "review-title")),
                Line(t!(x, "review-unacted", count = 3)),
                Line(t!(
                    x,
                    "review-hint",
                    choose = "j/k",
                    enter = "Enter",
                    esc = "Esc",
                    overdue = "balie overdue",
                    report = "balie report"
                )),
            ],
        },
        Case {
            name: "the new-call search",
            desk: callers("n jan"),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "new-call-title")),
                Line(t!(x, "new-call-prompt")),
                Line(format!(
                    "+ {}",
                    t!(x, "new-call-new-caller-named", query = "jan")
                )),
                Line(t!(
                    x,
                    "new-call-hint",
                    choose = "↑/↓",
                    enter = "Enter",
                    esc = "Esc"
                )),
            ],
        },
        Case {
            name: "the new-call search without a match",
            desk: callers("n zzzz"),
            size: (WIDTH, HEIGHT),
            expect: vec![Line(format!(
                "+ {}",
                t!(x, "new-call-no-match", query = "zzzz")
            ))],
        },
        Case {
            name: "find ticket",
            desk: busy("/ VPN"),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "find-ticket-title")),
                Line(t!(x, "find-ticket-prompt")),
                Line(t!(
                    x,
                    "find-ticket-hint",
                    choose = "↑/↓",
                    enter = "Enter",
                    esc = "Esc"
                )),
            ],
        },
        Case {
            name: "find ticket without a match",
            desk: busy("/ zzzz"),
            size: (WIDTH, HEIGHT),
            expect: vec![Line(t!(x, "find-ticket-none"))],
        },
        Case {
            name: "the promise form",
            desk: busy("p"),
            size: (WIDTH, HEIGHT),
            // Enter moves on here, and saves from the last field.
            expect: vec![Row(vec![
                t!(x, "form-hint-next", key = "Tab/↓"),
                t!(x, "form-hint-choose", key = "←/→"),
                t!(x, "form-hint-save-last", key = "Enter"),
                t!(x, "form-hint-cancel", key = "Esc"),
            ])],
        },
        Case {
            name: "the new ticket form",
            desk: busy("n odon <enter> <enter> printer <tab> jammed"),
            size: (WIDTH, HEIGHT),
            // Enter saves from either field; the caller's words take a new line with Ctrl-j;
            // no field to choose in.
            expect: vec![Row(vec![
                t!(x, "form-hint-next", key = "Tab/↓"),
                t!(x, "form-hint-save", key = "Enter"),
                t!(x, "form-hint-cancel", key = "Esc"),
                t!(x, "form-hint-new-line", key = "Ctrl-j"),
            ])],
        },
        Case {
            name: "the promise form's examples",
            desk: busy("p"),
            size: (WIDTH, HEIGHT),
            expect: vec![Wrapped(
                Area::Popup,
                t!(x, "form-promise-hint", time = "11:00", date = "2026-11-30"),
            )],
        },
        {
            let desk = busy("p call<space>back <tab> <tab> <tab> morgn<space>9:00");
            let refused = parse_deadline("morgn 9:00", desk.now, &desk.desk.app.calendar, language)
                .expect_err("not a deadline")
                .message(&x);
            Case {
                name: "a deadline the desk cannot read",
                desk,
                size: (WIDTH, HEIGHT),
                expect: vec![Wrapped(Area::Popup, refused)],
            }
        },
        {
            let desk = busy(
                "p call<space>back<space>with<space>the<space>log <tab> <tab> <tab> +2h <enter>",
            );
            let said = desk.message();
            Case {
                name: "the message after a promise",
                desk,
                size: (WIDTH, HEIGHT),
                expect: vec![Wrapped(Area::Screen, said)],
            }
        },
        {
            let desk = busy("r");
            let key = desk
                .desk
                .app
                .current_ticket()
                .map(|t| t.key.clone())
                .unwrap_or_default();
            Case {
                name: "the script picker",
                desk,
                size: (WIDTH, HEIGHT),
                expect: vec![
                    Line(t!(x, "script-picker-title", key = key)),
                    Line(t!(
                        x,
                        "script-picker-hint",
                        choose = "j/k",
                        enter = "Enter",
                        esc = "Esc"
                    )),
                ],
            }
        },
        Case {
            name: "a script step that takes typed text",
            desk: busy("r <enter>"),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "script-step", step = 1)),
                Line(t!(x, "script-text-prompt")),
                Wrapped(
                    Area::Popup,
                    t!(
                        x,
                        "script-text-hint",
                        enter = "Enter",
                        back = "⌫",
                        esc = "Esc"
                    ),
                ),
            ],
        },
        Case {
            name: "a script step with answers, and the path so far",
            desk: busy("r <enter> Crashes <enter> today <enter> nothing <enter>"),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "script-so-far")),
                Line(t!(x, "script-step", step = 4)),
                Wrapped(
                    Area::Popup,
                    t!(
                        x,
                        "script-choice-hint",
                        keys = "1–3 j/k Enter",
                        back = "⌫",
                        esc = "Esc"
                    ),
                ),
            ],
        },
        Case {
            name: "a script's suggested resolution",
            desk: busy("r <enter> Crashes <enter> today <enter> nothing <enter> 1 3"),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "script-resolution")),
                Line(t!(
                    x,
                    "script-resolution-hint",
                    enter = "Enter",
                    esc = "Esc"
                )),
            ],
        },
        Case {
            name: "an outage on the banner",
            desk: callers(OUTAGE),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "banner-outage", callers = 3, minutes = 1)),
                Line(t!(x, "banner-outage-declare", key = "M")),
            ],
        },
        Case {
            name: "the major incident form",
            desk: callers(&format!("{OUTAGE} M")),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "form-incident")),
                Wrapped(
                    Area::Popup,
                    t!(x, "form-incident-context", tickets = 3, callers = 3),
                ),
            ],
        },
        Case {
            name: "resolving a major incident",
            desk: callers(&format!(
                "{OUTAGE} M <enter> s <right> <right> <right> <right> <enter>"
            )),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "form-resolve-incident", key = "T-1004")),
                Line(t!(x, "resolve-linked-yes", count = 3)),
                Line(t!(x, "field-callbacks")),
                Wrapped(
                    Area::Popup,
                    t!(x, "form-resolve-incident-context", count = 3),
                ),
            ],
        },
        Case {
            name: "the knowledge base search",
            desk: busy("f vpn"),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "kb-title")),
                Wrapped(Area::Popup, t!(x, "kb-prompt")),
                Line(t!(x, "kb-key-choose")),
                Line(t!(x, "kb-key-open")),
            ],
        },
        Case {
            name: "an article",
            desk: busy("f vpn <enter>"),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "kb-key-insert")),
                Line(t!(x, "kb-key-send")),
                Line(t!(x, "kb-key-back")),
            ],
        },
        Case {
            name: "the escalation form",
            desk: busy("e"),
            size: (WIDTH, HEIGHT),
            expect: vec![
                Line(t!(x, "form-escalate", key = "T-1001")),
                Wrapped(Area::Popup, t!(x, "escalate-context")),
                Line(t!(x, "escalate-group", group = "Level 2", tier = 2)),
                Line(t!(x, "handoff-notes")),
            ],
        },
        Case {
            name: "a terminal one column too narrow",
            desk: busy(""),
            size: (WIDTH - 1, HEIGHT),
            expect: vec![
                Line(t!(x, "too-small")),
                Wrapped(
                    Area::Screen,
                    t!(
                        x,
                        "too-small-need",
                        min_width = WIDTH,
                        min_height = HEIGHT,
                        width = WIDTH - 1,
                        height = HEIGHT
                    ),
                ),
            ],
        },
    ]
}

#[test]
fn no_screen_cuts_a_label_in_any_language() {
    let mut failures = Vec::new();
    for language in Language::ALL {
        for case in cases(language) {
            let (width, height) = case.size;
            let buffer = support::draw(&case.desk.desk, width, height, &balie::ui::Theme::plain());
            let banner = case.desk.desk.app.banner_rows();
            let panes = layout::desk(Rect::new(0, 0, width, height), banner);
            let missing: Vec<String> = case
                .expect
                .iter()
                .filter(|expect| !shown(&buffer, panes.as_ref(), expect))
                .map(|expect| format!("{expect:?}"))
                .collect();
            if !missing.is_empty() {
                failures.push(format!(
                    "{} — {}: not shown whole:\n  {}\n{}",
                    language.code(),
                    case.name,
                    missing.join("\n  "),
                    rows(&buffer, buffer.area).join("\n")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The check itself must catch a cut: a title one letter too long for its pane, a hint that
/// runs into the border, a paragraph that loses its last word.
#[test]
fn the_check_notices_a_cut_label() {
    let h = support::busy_desk(Language::English);
    let buffer = support::draw(&h.desk, WIDTH, HEIGHT, &balie::ui::Theme::plain());
    let panes = layout::desk(Rect::new(0, 0, WIDTH, HEIGHT), 1);
    let shows = |expect: Expect| shown(&buffer, panes.as_ref(), &expect);
    assert!(shows(Line("Active ticket".into())));
    assert!(!shows(Line("Active tickets".into())), "a longer title");
    assert!(!shows(Line("Queu".into())), "part of a word");
    assert!(shows(Row(vec!["key".into(), "subject".into(), "P".into()])));
    assert!(!shows(Row(vec!["subject".into(), "key".into()])), "order");
    assert!(shows(Wrapped(Area::Ticket, "VPN drops every hour".into())));
    assert!(!shows(Wrapped(
        Area::Caller,
        "VPN drops every hour to the end".into()
    )));
    assert!(!shows(Wrapped(Area::Popup, "anything".into())), "no popup");
}

/// The banner's words after what was promised, for the busy desk's first reminder.
fn after_what(x: &Texts) -> String {
    let whole = t!(
        x,
        "banner-reminder",
        ticket = "T-1001",
        to = "Jan de Vries",
        what = "WHAT",
        due = "10:30",
        reminded = "10:00"
    );
    let after = whole.split_once("WHAT").map_or("", |(_, rest)| rest);
    after.trim_start_matches(':').trim().to_string()
}

fn shown(buffer: &Buffer, panes: Option<&DeskLayout>, expect: &Expect) -> bool {
    let screen = rows(buffer, buffer.area);
    match expect {
        Line(text) => screen.iter().any(|row| words_at(row, &[text.as_str()])),
        Row(texts) => {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            screen.iter().any(|row| words_at(row, &texts))
        }
        Wrapped(area, text) => {
            let rect = match (area, panes) {
                (Area::Ticket, Some(p)) => inner(p.ticket),
                (Area::Caller, Some(p)) => inner(p.caller),
                (Area::Popup, _) => match popup(buffer) {
                    Some(rect) => rect,
                    None => return false,
                },
                (Area::Screen, _) => buffer.area,
                (_, None) => return false,
            };
            let inside = rows(buffer, rect).join(" ");
            let words: Vec<&str> = inside.split_whitespace().collect();
            let wanted: Vec<&str> = text.split_whitespace().collect();
            !wanted.is_empty() && words.windows(wanted.len()).any(|w| w == wanted)
        }
    }
}

/// Whether `texts` stand in `row` in this order, each whole: not glued to a letter or digit
/// on either side, so a clipped "Wachtri" is not taken for "Wachtrij".
fn words_at(row: &str, texts: &[&str]) -> bool {
    let mut from = 0;
    'next: for text in texts {
        for (at, _) in row[from..].match_indices(text) {
            let start = from + at;
            let end = start + text.len();
            let before = row[..start].chars().next_back();
            let after = row[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                from = end;
                continue 'next;
            }
        }
        return false;
    }
    true
}

/// The text of each row of `rect`; a wide character's second cell adds nothing.
fn rows(buffer: &Buffer, rect: Rect) -> Vec<String> {
    (rect.top()..rect.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in rect.left()..rect.right() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                skip = Span::raw(symbol).width().saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}

fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x + 1,
        rect.y + 1,
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

/// Inside the double border that every popup has.
fn popup(buffer: &Buffer) -> Option<Rect> {
    let area = buffer.area;
    let cells =
        (area.top()..area.bottom()).flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)));
    let (left, top) = cells
        .into_iter()
        .find(|&(x, y)| buffer[(x, y)].symbol() == "╔")?;
    let right = (left..area.right()).find(|&x| buffer[(x, top)].symbol() == "╗")?;
    let bottom = (top..area.bottom()).find(|&y| buffer[(left, y)].symbol() == "╚")?;
    Some(inner(Rect::new(
        left,
        top,
        right - left + 1,
        bottom - top + 1,
    )))
}

/// The desk as a Dutch or a Hungarian agent sees it; English is `split_view_at_80_by_24`.
#[test]
fn the_desk_in_dutch_and_hungarian_at_80_by_24() {
    for language in [Language::Dutch, Language::Hungarian] {
        let code = language.code();
        insta::assert_snapshot!(
            format!("desk-{code}"),
            support::busy_desk(language).screen(WIDTH, HEIGHT)
        );
        let empty = Harness::speaking(Store::open_in_memory("anna").expect("store"), language);
        insta::assert_snapshot!(format!("welcome-{code}"), empty.screen(WIDTH, HEIGHT));
    }
}
