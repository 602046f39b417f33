//! The Active ticket pane: the ticket's fields, open promises and its timeline, newest last.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, is_focused, pane_block, sla_label};
use crate::app::{App, Pane, TicketView};
use crate::domain::Event;
use crate::keymap::Command;
use crate::{timeline, when};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = is_focused(app, Pane::Ticket);
    let Some(view) = &app.views.ticket else {
        let block = pane_block("Active ticket", String::new(), focused, theme);
        let hint = Paragraph::new(vec![
            Line::from("No ticket open."),
            Line::from(""),
            Line::from(format!(
                "{} on a ticket in the Queue opens it;",
                app.keymap.shortcut(Command::Open)
            )),
            Line::from(format!(
                "{} logs a new call.",
                app.keymap.shortcut(Command::NewCall)
            )),
        ])
        .style(theme.muted())
        .wrap(Wrap { trim: true })
        .block(block);
        frame.render_widget(hint, area);
        return;
    };
    let block = pane_block("Active ticket", view.ticket.key.clone(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    // The ticket's fields stay put; only the timeline scrolls.
    let header = Paragraph::new(header_lines(view, app, theme)).wrap(Wrap { trim: false });
    let header_height = (header.line_count(inner.width) as u16).min(inner.height / 2);
    let [header_area, timeline_area] =
        Layout::vertical([Constraint::Length(header_height), Constraint::Min(1)]).areas(inner);
    frame.render_widget(header, header_area);

    let mut timeline = vec![Line::from(Span::styled("── timeline ──", theme.muted()))];
    timeline.extend(
        view.timeline
            .iter()
            .flat_map(|e| event_lines(e, app, theme)),
    );
    let timeline = Paragraph::new(timeline).wrap(Wrap { trim: false });
    // Newest last and in view; scrolling up reveals older entries.
    let total = timeline.line_count(timeline_area.width) as u16;
    let bottom = total.saturating_sub(timeline_area.height);
    let offset = bottom.saturating_sub(app.timeline_scroll);
    frame.render_widget(timeline.scroll((offset, 0)), timeline_area);
}

fn header_lines<'a>(view: &'a TicketView, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let t = &view.ticket;
    let tz = app.config.time_zone;
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{} · {}", t.key, t.subject),
            theme.title(),
        )),
        Line::from(format!(
            "status: {}   priority: P{} (impact {} × urgency {})",
            t.status.text(&app.texts),
            t.priority,
            t.impact,
            t.urgency
        )),
        Line::from(format!(
            "category: {}   assignee: {}",
            t.category.as_deref().unwrap_or("—"),
            t.assignee.as_deref().unwrap_or("—")
        )),
        Line::from(format!(
            "caller: {}   opened {}",
            if t.caller_name.is_empty() {
                "—"
            } else {
                &t.caller_name
            },
            when::friendly(t.created_at, app.now, tz, &app.texts)
        )),
    ];
    if let Some(clocks) = app.views.clocks.get(&t.id) {
        let (response, response_style) = sla_label::label(&clocks.response, theme);
        let (resolution, resolution_style) = sla_label::label(&clocks.resolution, theme);
        // An allowance beyond the calendar's century never runs out: no date to show.
        let due = if t.status.is_open() && clocks.resolution.due != DateTime::<Utc>::MAX_UTC {
            format!(
                " (due {})",
                when::friendly(clocks.resolution.due, app.now, tz, &app.texts)
            )
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::raw("SLA  response: "),
            Span::styled(response, response_style),
            Span::raw("   resolution: "),
            Span::styled(resolution, resolution_style),
            Span::raw(due),
        ]));
    }
    for p in &view.promises {
        let overdue = p.due_at <= app.now;
        let style = if overdue {
            theme.overdue()
        } else {
            Default::default()
        };
        let marker = if overdue { "!! " } else { "" };
        lines.push(Line::from(Span::styled(
            format!(
                "{marker}promise: {} — by {} ({})",
                p.what,
                when::friendly(p.due_at, app.now, tz, &app.texts),
                when::countdown(p.due_at, app.now, &app.texts)
            ),
            style,
        )));
    }
    lines
}

/// An event's first line carries its time and author; a long note continues indented.
fn event_lines<'a>(event: &Event, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let stamp = when::friendly(event.at, app.now, app.config.time_zone, &app.texts);
    let text = timeline::describe(event, app.now, app.config.time_zone, &app.texts);
    let mut parts = text.lines();
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{stamp} {} ", event.by), theme.muted()),
        Span::raw(parts.next().unwrap_or_default().to_string()),
    ])];
    lines.extend(parts.map(|part| Line::from(format!("    {part}"))));
    lines
}
