//! How an SLA clock reads in a narrow column: time left, with a marker that does not rely
//! on colour (`!` at 20% left, `!!` at 5% and when breached, `‖` while paused).

use chrono::TimeDelta;
use ratatui::style::Style;

use super::Theme;
use crate::sla::{Clock, ClockState, Warning};

pub fn label(clock: &Clock, theme: &Theme) -> (String, Style) {
    let left = clock.allowed - clock.used;
    match (clock.state, clock.warning()) {
        (ClockState::Met, _) => ("met".into(), theme.ok()),
        (ClockState::Breached, _) | (_, Warning::Breached) => {
            (format!("!! over {}", span(-left)), theme.overdue())
        }
        (ClockState::Paused, _) => (format!("‖ {}", span(left)), theme.muted()),
        (_, Warning::Critical) => (format!("!! {}", span(left)), theme.overdue()),
        (_, Warning::Low) => (format!("! {}", span(left)), theme.due_soon()),
        _ => (span(left), Style::new()),
    }
}

/// Business time, compact: "45m", "3h10m", "2d 4h" (days of 24 business hours would
/// mislead, so anything beyond a day shows hours only up to 99h).
fn span(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().max(0);
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) if h < 10 => format!("{h}h{m}m"),
        (h, _) => format!("{h}h"),
    }
}
