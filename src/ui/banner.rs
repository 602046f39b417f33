//! The banner over the panes: calls ringing now (see `ringing`), the agent's promises they were reminded of and have not
//! acted on (until the promise is kept, rescheduled or cancelled), and an outage the desk
//! spotted (until its tickets are tied to a major incident).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use unicode_width::UnicodeWidthStr;

use super::{Theme, clip};
use crate::app::App;
use crate::keymap::Command;
use crate::{domain::when, t};

/// Cells kept for what was promised, however narrow the terminal.
const WHAT_AT_LEAST: usize = 12;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let reminders = u16::from(!app.views.alerts.is_empty());
    let [ringing_area, reminder_area, outage_area] = Layout::vertical([
        Constraint::Length(app.ringing_rows()),
        Constraint::Length(reminders),
        Constraint::Fill(1),
    ])
    .areas(area);
    super::ringing::draw(frame, ringing_area, app, theme);
    draw_reminder(frame, reminder_area, app, theme);
    draw_outage(frame, outage_area, app, theme);
}

fn draw_outage(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(outage) = &app.views.outage else {
        return;
    };
    let texts = &app.texts;
    let key = app.keymap.shortcut(Command::MajorIncident);
    let action = match &outage.incident {
        Some(incident) => t!(
            texts,
            "banner-outage-link",
            key = key,
            incident = incident.key.as_str()
        ),
        None => t!(texts, "banner-outage-declare", key = key),
    };
    let head = t!(
        texts,
        "banner-outage",
        callers = outage.callers,
        minutes = outage.minutes
    );
    // The subject is what varies in length: it gives way before the counts and the key.
    let fixed = format!(" ‼ {head} '' — {action}").width();
    let subject = clip(
        &outage.subject,
        usize::from(area.width).saturating_sub(fixed).max(8),
    );
    let line = Line::from(Span::styled(
        format!(" ‼ {head} '{subject}' — {action}"),
        theme.overdue(),
    ));
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_reminder(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(first) = app.views.alerts.first() else {
        return;
    };
    let texts = &app.texts;
    let tz = app.config.time_zone;
    let p = &first.promise;
    let reminder = |what: &str| {
        format!(
            " ⚠ {}",
            t!(
                texts,
                "banner-reminder",
                ticket = p.ticket_key.as_str(),
                to = p.to.as_str(),
                what = what,
                due = when::time_of_day(p.due_at, app.now, tz, texts),
                reminded = when::time_of_day(first.at, app.now, tz, texts)
            )
        )
    };
    // Several reminders about one promise count once.
    let mut others: Vec<&str> = app.views.alerts[1..]
        .iter()
        .map(|a| a.promise.id.as_str())
        .filter(|id| *id != p.id)
        .collect();
    others.sort_unstable();
    others.dedup();
    let not_acted = t!(texts, "banner-not-acted");
    // The longest tail that fits, so the ticket, the deadline and when the reminder came
    // always show; "not acted" and the other reminders give way on a narrow terminal.
    let tails = if others.is_empty() {
        vec![format!("{not_acted} "), " ".to_string()]
    } else {
        let count = others.len();
        let long = t!(
            texts,
            "banner-more",
            count = count,
            kept = app.keymap.shortcut(Command::Kept),
            reschedule = app.keymap.shortcut(Command::Reschedule)
        );
        let short = t!(texts, "banner-more-short", count = count);
        vec![
            format!("{not_acted} {long}"),
            format!("{not_acted} {short}"),
            format!(" {short}"),
            " ".to_string(),
        ]
    };
    let width = usize::from(area.width);
    let fixed = reminder("").width();
    let tail = tails
        .iter()
        .find(|tail| fixed + tail.width() + WHAT_AT_LEAST <= width)
        .or(tails.last())
        .cloned()
        .unwrap_or_default();
    // What was promised is the agent's own text and may run long: it takes what is left.
    let what = clip(&p.what, width.saturating_sub(fixed + tail.width()).max(1));
    let line = Line::from(vec![
        Span::styled(reminder(&what), theme.overdue()),
        Span::styled(tail, theme.overdue()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
