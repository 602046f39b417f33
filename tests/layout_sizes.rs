//! Every screen at the common sizes, 80×24 and 160×45, in every language: no figure is cut
//! (a count, a time, a rate cut off with `…` or by a border), the review keeps its 30-day
//! record, and the help shows each command's description whole where there is room.

mod support;

use balie::i18n::{Language, Texts};
use balie::keymap::Command;
use balie::t;
use chrono::Duration;
use support::Harness;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 45)];

/// A desk with a record to review: promises kept, kept late and broken over the month.
fn reviewed_desk(language: Language) -> Harness {
    let mut h = support::busy_desk(language);
    h.press("<tab> <tab> K <enter>");
    h.advance(Duration::days(2));
    h.press("p again <tab> <tab> <tab> +1h <enter>");
    h
}

/// The screens an agent works in, each reached by its keys.
fn screens(language: Language) -> Vec<(&'static str, Harness)> {
    let busy = |keys: &str| {
        let mut h = support::busy_desk(language);
        h.press(keys);
        h
    };
    let mut review = reviewed_desk(language);
    review.press("v");
    vec![
        ("the desk", busy("")),
        ("the review", review),
        ("the help", busy("?")),
        ("the promise form", busy("p")),
        ("the new-call search", busy("n jan")),
        (
            "the new ticket form",
            busy("n odon <enter> <enter> printer <tab> jammed"),
        ),
        ("find ticket", busy("/ VPN")),
        ("the script picker", busy("r")),
        ("the knowledge base", busy("f vpn")),
        ("an article", busy("f vpn <enter>")),
        ("the escalation form", busy("e")),
        ("the handover", busy("H")),
    ]
}

/// Rows of the screen where a figure is cut short with `…` (a digit or `%` right before
/// it). Text that wraps may end a row at a border with a figure and go on below, so a
/// border alone is no proof of a cut; the tests below check the figures that matter by
/// their words.
fn cut_figures(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|row| {
            let chars: Vec<char> = row.chars().collect();
            chars.windows(2).any(|pair| {
                let figure = pair[0].is_ascii_digit() || pair[0] == '%';
                figure && pair[1] == '…'
            })
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn no_screen_cuts_a_figure_at_the_common_sizes_in_any_language() {
    let mut failures = Vec::new();
    for language in Language::ALL {
        for (name, h) in screens(language) {
            for (width, height) in SIZES {
                let screen = h.screen(width, height);
                let cut = cut_figures(&screen);
                if !cut.is_empty() {
                    failures.push(format!(
                        "{} — {name} at {width}×{height}:\n  {}\n{screen}",
                        language.code(),
                        cut.join("\n  ")
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The check must notice a cut: a rate clipped with `…` and a count against a border.
#[test]
fn the_check_notices_a_cut_figure() {
    assert_eq!(cut_figures("│ rate 5…  │").len(), 1);
    assert_eq!(cut_figures("║ arány 50%…║").len(), 1);
    assert!(cut_figures("║ rate 50% ║\n│ 3 open   │\n┃ P3┃").is_empty());
}

/// The review keeps each agent's 7-day and 30-day record whole at 80×24, in each language.
#[test]
fn the_review_keeps_the_30_day_record_at_80_by_24() {
    for language in Language::ALL {
        let x = Texts::new(language);
        let mut h = reviewed_desk(language);
        h.press("v");
        for (width, height) in SIZES {
            let screen = h.screen(width, height);
            let month = t!(x, "review-month", record = "");
            let week = t!(x, "review-week", record = "");
            assert!(
                screen.contains(month.trim()) && screen.contains(week.trim()),
                "{} at {width}×{height}:\n{screen}",
                language.code()
            );
            // The popup's text read as one, wrapped rows joined: each record ends with
            // its rate, whole.
            let flat = popup_text(&screen);
            let record = t!(
                x,
                "review-record",
                made = 4,
                kept = 0,
                late = 1,
                broken = 2,
                rate = "0%"
            );
            let month = t!(x, "review-month", record = record);
            assert!(flat.contains(&month), "{}: {flat}", language.code());
        }
    }
}

/// At 160×45 the help is as wide as the screen allows: every command's description whole.
#[test]
fn the_help_at_160_columns_shows_every_description_whole() {
    for language in Language::ALL {
        let x = Texts::new(language);
        let h = support::busy_desk(language);
        let mut h = h;
        h.press("?");
        let screen = h.screen(160, 45);
        // The list scrolls; the commands on the first screen must each be whole.
        let shown: Vec<&Command> = Command::ALL
            .iter()
            .filter(|c| screen.contains(&format!(":{}", c.name())))
            .collect();
        assert!(shown.len() >= 20, "{}: {screen}", language.code());
        for command in shown {
            let description = command.description(&x);
            assert!(
                screen.contains(&description),
                "{} — :{}: {description}\n{screen}",
                language.code(),
                command.name()
            );
        }
    }
}

/// The text inside the popup's double border, rows joined with spaces.
fn popup_text(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|row| {
            let start = row.find('║')?;
            let end = row.rfind('║')?;
            (end > start).then(|| row[start + '║'.len_utf8()..end].trim().to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The queue gives a subject the room the terminal has: at 160 columns, beside the caller
/// and SLA columns, each subject of the busy desk shows whole; where one cannot fit (the
/// queue at 80 columns) it ends in `…`, never cut off unmarked.
#[test]
fn queue_subjects_get_the_room_the_terminal_has() {
    for language in Language::ALL {
        let x = Texts::new(language);
        let h = support::busy_desk(language);
        let tickets: Vec<(String, String)> = h
            .desk
            .app
            .views
            .queue
            .iter()
            .map(|t| (t.key.clone(), t.subject.clone()))
            .collect();
        assert_eq!(tickets.len(), 2, "the busy desk's queue");
        for (width, height) in SIZES {
            let screen = h.screen(width, height);
            let queue = queue_rows(&h, &screen, width, height);
            if width == 160 {
                let header = &queue[0];
                for column in ["queue-col-caller", "queue-col-sla"] {
                    let label = x.get(column);
                    assert!(header.contains(&label), "{header}\n{screen}");
                }
            }
            for (key, subject) in &tickets {
                let row = queue
                    .iter()
                    .find(|row| {
                        row.contains(&format!("{key} ")) || row.contains(&format!("{key}*"))
                    })
                    .unwrap_or_else(|| panic!("{key} is not in the queue:\n{screen}"));
                let whole = row.contains(&format!(" {subject} "));
                let marked = (1..subject.chars().count()).any(|n| {
                    let start: String = subject.chars().take(n).collect();
                    row.contains(&format!(" {start}… "))
                });
                assert!(
                    whole || (width < 160 && marked),
                    "{} at {width}×{height}: '{subject}' in\n{row}\n{screen}",
                    language.code()
                );
            }
        }
    }
}

/// The rows of the queue pane, inside its borders.
fn queue_rows(h: &Harness, screen: &str, width: u16, height: u16) -> Vec<String> {
    let banner = h.desk.app.banner_rows();
    let panes = balie::app::layout::desk(ratatui::layout::Rect::new(0, 0, width, height), banner)
        .expect("the desk fits");
    let queue = panes.queue;
    screen
        .lines()
        .skip(usize::from(queue.y) + 1)
        .take(usize::from(queue.height.saturating_sub(2)))
        .map(|row| {
            row.chars()
                .skip(usize::from(queue.x) + 1)
                .take(usize::from(queue.width.saturating_sub(2)))
                .collect::<String>()
                + " "
        })
        .collect()
}
