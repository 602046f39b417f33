//! The Active ticket pane: the ticket's fields, open promises and its timeline, newest last.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, is_focused, pane_block, sla_label};
use crate::app::{App, Pane, TicketView};
use crate::domain::{Channel, Event, EventKind, Status};
use crate::keymap::Command;
use crate::when;

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
            t.status.label(),
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
            when::friendly(t.created_at, app.now, tz)
        )),
    ];
    if let Some(clocks) = app.views.clocks.get(&t.id) {
        let (response, response_style) = sla_label::label(&clocks.response, theme);
        let (resolution, resolution_style) = sla_label::label(&clocks.resolution, theme);
        // An allowance beyond the calendar's century never runs out: no date to show.
        let due = if t.status.is_open() && clocks.resolution.due != DateTime::<Utc>::MAX_UTC {
            format!(
                " (due {})",
                when::friendly(clocks.resolution.due, app.now, tz)
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
                when::friendly(p.due_at, app.now, tz),
                when::countdown(p.due_at, app.now)
            ),
            style,
        )));
    }
    lines
}

/// An event's first line carries its time and author; a long note continues indented.
fn event_lines<'a>(event: &Event, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let stamp = when::friendly(event.at, app.now, app.config.time_zone);
    let text = describe(event, app);
    let mut parts = text.lines();
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{stamp} {} ", event.by), theme.muted()),
        Span::raw(parts.next().unwrap_or_default().to_string()),
    ])];
    lines.extend(parts.map(|part| Line::from(format!("    {part}"))));
    lines
}

/// What an event says on the timeline, from its kind, its data and the agent's text.
pub fn describe(event: &Event, app: &App) -> String {
    let data = &event.data;
    let text = event.text.as_str();
    let with_text = |head: String| {
        if text.is_empty() {
            head
        } else {
            format!("{head}: {text}")
        }
    };
    let channel = data["channel"].as_str().and_then(Channel::from_code);
    let status = |key: &str| {
        data[key]
            .as_str()
            .and_then(Status::from_code)
            .map_or("—", Status::label)
    };
    let due = |key: &str| {
        data[key]
            .as_str()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|d| when::friendly(d.to_utc(), app.now, app.config.time_zone))
            .unwrap_or_default()
    };
    match event.kind {
        EventKind::Created => format!("opened: {text}"),
        EventKind::ContactIn | EventKind::ContactOut => {
            let direction = if event.kind == EventKind::ContactIn {
                "inbound"
            } else {
                "outbound"
            };
            let what = match channel.unwrap_or(Channel::Phone) {
                Channel::Phone => "call",
                Channel::Email => "e-mail",
                Channel::Visit => "visit",
            };
            with_text(format!("☎ {direction} {what}"))
        }
        EventKind::Note => format!("note: {text}"),
        EventKind::StatusChanged => format!("status {} → {}", status("from"), status("to")),
        EventKind::PriorityChanged => format!(
            "priority P{} → P{} (impact {} × urgency {})",
            data["from"]["priority"],
            data["to"]["priority"],
            data["to"]["impact"],
            data["to"]["urgency"]
        ),
        EventKind::CategoryChanged | EventKind::AssigneeChanged => format!(
            "{} {} → {}",
            event.kind.label(),
            data["from"].as_str().unwrap_or("—"),
            data["to"].as_str().unwrap_or("—")
        ),
        EventKind::PromiseMade => format!("promised by {}: {text}", due("due_at")),
        EventKind::PromiseKept => {
            let late = if data["late"].as_bool() == Some(true) {
                " (late)"
            } else {
                ""
            };
            format!("kept{late}: {text}")
        }
        EventKind::PromiseRescheduled => {
            with_text(format!("promise moved {} → {}", due("from"), due("to")))
        }
        EventKind::PromiseCancelled => with_text("promise cancelled".into()),
    }
}
