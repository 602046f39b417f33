//! The review screen: it covers the split view, one block per agent.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, clip, popup_block, sla_label};
use crate::app::App;
use crate::app::review::{self, Bucket, Review};
use crate::outcome::Record;
use crate::when;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, review: &Review, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = popup_block("Review — open promises per agent", theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let tz = app.config.time_zone;
    let selected = review.selected_promise(app.now, tz).map(|p| p.id.as_str());
    let mut lines = Vec::new();
    let mut selected_line = 0;
    for line in review.lines(app.now, tz) {
        match line {
            review::Line::Agent { name, week, month } => {
                if !lines.is_empty() {
                    lines.push(Line::from(""));
                }
                lines.push(Line::from(vec![
                    Span::styled(name.to_string(), theme.title()),
                    Span::styled(
                        format!("   7 days: {}   30 days: {}", record(week), record(month)),
                        theme.muted(),
                    ),
                ]));
            }
            review::Line::Bucket(bucket, count) => {
                let style = if bucket == Bucket::Overdue {
                    theme.overdue()
                } else {
                    theme.title()
                };
                let marker = if bucket == Bucket::Overdue { "!! " } else { "" };
                lines.push(Line::from(Span::styled(
                    format!("  {marker}{} ({count})", bucket.text(&app.texts)),
                    style,
                )));
            }
            review::Line::Promise(p) => {
                let is_selected = selected == Some(p.id.as_str());
                if is_selected {
                    selected_line = lines.len();
                }
                let text = format!(
                    "{} {:<14} {:<16} {:<8} {:<20} {}",
                    if is_selected { "▶" } else { " " },
                    when::countdown(p.due_at, app.now, &app.texts),
                    when::friendly(p.due_at, app.now, tz, &app.texts),
                    p.ticket_key,
                    clip(&p.to, 20),
                    p.what
                );
                let style = if is_selected {
                    theme.selected()
                } else {
                    Default::default()
                };
                lines.push(Line::from(Span::styled(format!("    {text}"), style)));
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(
            "No open promises and no promises made in the last 30 days.",
        ));
    }
    if !review.data.sla.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!(
                "SLA: breached or about to breach ({})",
                review.data.sla.len()
            ),
            theme.overdue(),
        )));
        for (ticket, clocks) in &review.data.sla {
            let (left, style) = sla_label::label(&clocks.resolution, theme);
            lines.push(Line::from(vec![
                Span::styled(format!("  {left:<14}"), style),
                Span::raw(format!(
                    "{:<8} P{} {:<16} {:<18} {}",
                    ticket.key,
                    ticket.priority,
                    clip(ticket.assignee.as_deref().unwrap_or("—"), 16),
                    clip(&ticket.caller_name, 18),
                    ticket.subject
                )),
            ]));
        }
    }
    if !review.data.unacted.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Reminders nobody acted on ({})", review.data.unacted.len()),
            theme.overdue(),
        )));
        for alert in &review.data.unacted {
            let p = &alert.promise;
            lines.push(Line::from(format!(
                "  {} {:<8} {} — {}: due {}, reminded {} ({})",
                p.owner,
                p.ticket_key,
                p.to,
                p.what,
                when::friendly(p.due_at, app.now, tz, &app.texts),
                when::local_time(alert.at, tz),
                alert.kind.text(&app.texts)
            )));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "j/k choose · Enter opens the ticket · Esc closes · balie overdue / balie report print the same",
        theme.muted(),
    )));
    // Keep the selected promise in view.
    let height = usize::from(inner.height);
    let offset = selected_line.saturating_sub(height.saturating_sub(3));
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
}

fn record(record: Option<&Record>) -> String {
    let Some(r) = record else {
        return "no promises made".into();
    };
    let rate = r
        .rate()
        .map_or_else(|| "—".to_string(), |rate| format!("{:.0}%", rate * 100.0));
    format!(
        "made {}, kept on time {}, late {}, broken {}, rate {rate}",
        r.made, r.kept_on_time, r.kept_late, r.broken
    )
}
