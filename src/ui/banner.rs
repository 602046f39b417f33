//! The reminder banner: the agent's promises they were reminded of and have not acted on.
//! It stays until the promise is kept, rescheduled or cancelled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::App;
use crate::keymap::Command;
use crate::{t, when};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(first) = app.views.alerts.first() else {
        return;
    };
    let tz = app.config.time_zone;
    let p = &first.promise;
    let mut spans = vec![Span::styled(
        format!(
            " ⚠ {} ",
            t!(
                app.texts,
                "banner-reminder",
                ticket = p.ticket_key.as_str(),
                to = p.to.as_str(),
                what = p.what.as_str(),
                due = when::local_time(p.due_at, tz),
                reminded = when::local_time(first.at, tz)
            )
        ),
        theme.overdue(),
    )];
    // Several reminders about one promise count once.
    let mut others: Vec<&str> = app.views.alerts[1..]
        .iter()
        .map(|a| a.promise.id.as_str())
        .filter(|id| *id != p.id)
        .collect();
    others.sort_unstable();
    others.dedup();
    if !others.is_empty() {
        spans.push(Span::raw(t!(
            app.texts,
            "banner-more",
            count = others.len(),
            kept = app.keymap.shortcut(Command::Kept),
            reschedule = app.keymap.shortcut(Command::Reschedule)
        )));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
