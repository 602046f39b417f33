//! Whole screens rendered with ratatui's test backend at fixed sizes, compared with
//! reviewed snapshots (`cargo insta review` after an intended change).

mod support;

use balie::config::ThemeName;
use balie::ui::Theme;
use support::Harness;

fn busy_desk() -> Harness {
    support::busy_desk(balie::i18n::Language::English)
}

#[test]
fn split_view_at_80_by_24() {
    insta::assert_snapshot!(busy_desk().screen(80, 24));
}

/// The snapshot holds every cell's colour and emphasis, so a theme that loses its focus
/// border or paints "due soon" in an unreadable colour shows up in review.
#[test]
fn each_theme_at_80_by_24() {
    let h = busy_desk();
    for (name, theme) in [
        ("dark", ThemeName::Dark),
        ("light", ThemeName::Light),
        ("high-contrast", ThemeName::HighContrast),
    ] {
        let buffer = support::draw(&h.desk, 80, 24, &Theme::new(theme, true));
        insta::assert_debug_snapshot!(format!("theme-{name}"), buffer);
    }
}

#[test]
fn split_view_at_160_by_45() {
    insta::assert_snapshot!(busy_desk().screen(160, 45));
}

#[test]
fn too_small_says_so_instead_of_drawing() {
    let screen = busy_desk().screen(60, 20);
    assert!(screen.contains("terminal too small"));
    assert!(!screen.contains("Queue"));
    insta::assert_snapshot!(screen);
}

#[test]
fn at_the_minimum_size_every_pane_is_there() {
    let screen = busy_desk().screen(balie::ui::MIN_WIDTH, balie::ui::MIN_HEIGHT);
    for title in ["Queue", "Active ticket", "Caller", "Promises"] {
        assert!(screen.contains(title), "{title} missing:\n{screen}");
    }
    let below = busy_desk().screen(balie::ui::MIN_WIDTH - 1, balie::ui::MIN_HEIGHT);
    assert!(below.contains("terminal too small"));
}

/// Found by tests/hostile.rs: with an SLA target longer than the calendar's century the
/// resolution clock is due at the end of time, and drawing that due date in a zone ahead
/// of UTC panicked.
#[test]
fn an_sla_that_never_runs_out_shows_without_a_due_date() {
    use balie::domain::sla::{Span, Target};
    let mut h = Harness::with_callers();
    h.desk.app.config.sla.0 = [Target {
        first_response: Span::BusinessMinutes(60),
        resolution: Span::WorkingDays(u32::MAX),
    }; 5];
    h.press("n vries <enter> VPN<space>drops <enter>");
    let screen = h.screen(160, 45);
    assert!(screen.contains("resolution:"), "{screen}");
    assert!(!screen.contains("(due"), "{screen}");
}

#[test]
fn an_empty_desk_welcomes_the_agent() {
    let screen = Harness::empty().screen(80, 24);
    assert!(screen.contains("Welcome to balie"));
    assert!(screen.contains("balie demo"));
    insta::assert_snapshot!(screen);
}

#[test]
fn new_call_search_lists_matches_and_the_new_caller_row() {
    let mut h = Harness::with_callers();
    h.press("n jan");
    insta::assert_snapshot!(h.screen(120, 30));
}

#[test]
fn overdue_and_due_soon_are_marked_without_colour() {
    let h = busy_desk();
    let screen = h.screen(160, 45);
    let row = |countdown: &str, to: &str| {
        screen
            .lines()
            .find(|l| l.contains(countdown) && l.contains(to))
            .unwrap_or_else(|| panic!("no promise row with {countdown}:\n{screen}"))
            .to_string()
    };
    assert!(row("overdue 5m", "Jan de Vries").contains("│!! overdue 5m"));
    assert!(row("in 10m", "Jan de Vries").contains("│!  in 10m"));
    assert!(row("in 22h40m", "Ödön Kovács").contains("│   in 22h40m"));
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut h = busy_desk();
    h.press("?");
    let screen = h.screen(160, 45);
    for command in balie::keymap::Command::ALL.iter().take(20) {
        assert!(
            screen.contains(&format!(":{}", command.name())),
            "{} missing",
            command.name()
        );
    }
}
