//! How an SLA clock reads in a narrow column: time left, with a marker that does not rely
//! on colour (`!` at 20% left, `!!` at 5% and when breached, `‖` while paused).

use chrono::TimeDelta;
use ratatui::style::Style;

use super::Theme;
use crate::domain::sla::{Clock, ClockState, Warning};
use crate::i18n::Texts;
use crate::t;

pub fn label(clock: &Clock, texts: &Texts, theme: &Theme) -> (String, Style) {
    let left = clock.allowed - clock.used;
    match (clock.state, clock.warning()) {
        (ClockState::Met, _) => (t!(texts, "sla-met"), theme.ok()),
        (ClockState::Breached, _) | (_, Warning::Breached) => (
            format!("!! {}", t!(texts, "sla-over", span = span(-left, texts))),
            theme.overdue(),
        ),
        (ClockState::Paused, _) => (format!("‖ {}", span(left, texts)), theme.muted()),
        (_, Warning::Critical) => (format!("!! {}", span(left, texts)), theme.overdue()),
        (_, Warning::Low) => (format!("! {}", span(left, texts)), theme.due_soon()),
        _ => (span(left, texts), Style::new()),
    }
}

/// Business time, compact: "45m", "3h10m", "2d 4h" (days of 24 business hours would
/// mislead, so anything beyond a day shows hours only up to 99h).
/// The units are the countdown's, from the time catalogue.
fn span(delta: TimeDelta, texts: &Texts) -> String {
    let minutes = delta.num_minutes().max(0);
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => t!(texts, "span-m", m = m),
        (h, 0) => t!(texts, "span-h", h = h),
        (h, m) if h < 10 => t!(texts, "span-h-m", h = h, m = m),
        (h, _) => t!(texts, "span-h", h = h),
    }
}
