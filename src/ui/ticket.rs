//! The Active ticket pane: the ticket's fields, open promises and its timeline, newest last.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, is_focused, pane_block, sla_label};
use crate::app::{App, Pane, TicketView};
use crate::domain::Event;
use crate::domain::change;
use crate::domain::first_contact::Verdict;
use crate::keymap::Command;
use crate::{domain::timeline, domain::when, t};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = is_focused(app, Pane::Ticket);
    let texts = &app.texts;
    let title = t!(texts, "ticket-title");
    let Some(view) = &app.views.ticket else {
        let block = pane_block(&title, String::new(), focused, theme);
        let hint = Paragraph::new(vec![
            Line::from(t!(texts, "ticket-none-open")),
            Line::from(""),
            Line::from(t!(
                texts,
                "ticket-open-hint",
                key = app.keymap.shortcut(Command::Open)
            )),
            Line::from(t!(
                texts,
                "ticket-new-call-hint",
                key = app.keymap.shortcut(Command::NewCall)
            )),
        ])
        .style(theme.muted())
        .wrap(Wrap { trim: true })
        .block(block);
        frame.render_widget(hint, area);
        return;
    };
    let block = pane_block(&title, view.ticket.key.clone(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    // The ticket's fields stay put; only the timeline scrolls.
    let header = Paragraph::new(header_lines(view, app, theme)).wrap(Wrap { trim: false });
    let header_height = (header.line_count(inner.width) as u16).min(inner.height / 2);
    let [header_area, timeline_area] =
        Layout::vertical([Constraint::Length(header_height), Constraint::Min(1)]).areas(inner);
    frame.render_widget(header, header_area);

    let (lines, total) = visible_timeline(view, app, theme, timeline_area);
    let timeline = Paragraph::new(lines).wrap(Wrap { trim: false });
    // Newest last and in view; scrolling up reveals older entries.
    let bottom = total.saturating_sub(timeline_area.height);
    let offset = bottom.saturating_sub(app.timeline_scroll);
    frame.render_widget(timeline.scroll((offset, 0)), timeline_area);
}

/// The timeline's lines from the newest back, only as far as the pane scrolled up that far
/// shows, with their height once wrapped: a ticket with megabytes of notes costs each
/// keystroke what a short one costs.
fn visible_timeline<'a>(
    view: &TicketView,
    app: &App,
    theme: &Theme,
    area: Rect,
) -> (Vec<Line<'a>>, u16) {
    let wanted = usize::from(area.height) + usize::from(app.timeline_scroll);
    let mut newest_first = Vec::new();
    let mut height = 0;
    let mut reached_start = true;
    'events: for event in view.timeline.iter().rev() {
        for line in event_lines(event, app, theme).into_iter().rev() {
            if height >= wanted {
                reached_start = false;
                break 'events;
            }
            height += Paragraph::new(line.clone())
                .wrap(Wrap { trim: false })
                .line_count(area.width);
            newest_first.push(line);
        }
    }
    if reached_start {
        let heading = Line::from(Span::styled(
            format!("── {} ──", t!(app.texts, "ticket-timeline")),
            theme.muted(),
        ));
        height += Paragraph::new(heading.clone())
            .wrap(Wrap { trim: false })
            .line_count(area.width);
        newest_first.push(heading);
    }
    newest_first.reverse();
    (newest_first, u16::try_from(height).unwrap_or(u16::MAX))
}

fn header_lines<'a>(view: &'a TicketView, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let t = &view.ticket;
    let tz = app.config.time_zone;
    let texts = &app.texts;
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{} · {}", t.key, t.subject),
            theme.title(),
        )),
        Line::from(t!(
            texts,
            "ticket-status-line",
            status = t.status.text(texts),
            priority = t.priority,
            impact = t.impact,
            urgency = t.urgency
        )),
        Line::from(t!(
            texts,
            "ticket-category-line",
            category = t.category.as_deref().unwrap_or("—"),
            assignee = t.assignee.as_deref().unwrap_or("—")
        )),
        Line::from(t!(
            texts,
            "ticket-caller-line",
            caller = if t.caller_name.is_empty() {
                "—"
            } else {
                t.caller_name.as_str()
            },
            opened = when::friendly(t.created_at, app.now, tz, texts)
        )),
    ];
    lines.extend(knowledge_lines(view, app, theme));
    if !view.present.is_empty() {
        lines.push(Line::from(Span::styled(
            t!(texts, "ticket-present", names = view.present.join(", ")),
            theme.due_soon(),
        )));
    }
    for (agent, at) in &view.apart {
        lines.push(Line::from(Span::styled(
            t!(
                texts,
                "ticket-apart",
                name = agent.as_str(),
                when = when::friendly(*at, app.now, tz, texts)
            ),
            theme.due_soon(),
        )));
    }
    let settle = app.keymap.shortcut(Command::Settle);
    for conflict in &view.conflicts {
        let at = |instant| when::friendly(instant, app.now, tz, texts);
        let value = |v| change::value_text(&conflict.column, v, texts);
        lines.push(Line::from(Span::styled(
            t!(
                texts,
                "ticket-conflict",
                field = change::field_text(&conflict.column, texts),
                kept_by = conflict.kept_by.as_str(),
                kept = value(&conflict.kept),
                kept_at = at(conflict.kept_at),
                lost_by = conflict.lost_by.as_str(),
                lost = value(&conflict.lost),
                lost_at = at(conflict.lost_at),
                key = settle.as_str()
            ),
            theme.overdue(),
        )));
    }
    if let Some(clocks) = app.views.clocks.get(&t.id) {
        let (response, response_style) = sla_label::label(&clocks.response, texts, theme);
        let (resolution, resolution_style) = sla_label::label(&clocks.resolution, texts, theme);
        // An allowance beyond the calendar's century never runs out: no date to show.
        let due = if t.status.is_open() && clocks.resolution.due != DateTime::<Utc>::MAX_UTC {
            let when = when::friendly(clocks.resolution.due, app.now, tz, texts);
            format!(" {}", t!(texts, "ticket-sla-due", when = when))
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{}  {} ",
                t!(texts, "ticket-sla"),
                t!(texts, "ticket-sla-response")
            )),
            Span::styled(response, response_style),
            Span::raw(format!("   {} ", t!(texts, "ticket-sla-resolution"))),
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
        let promise = t!(
            texts,
            "ticket-promise",
            what = p.what.as_str(),
            when = when::friendly(p.due_at, app.now, tz, texts),
            countdown = when::countdown(p.due_at, app.now, texts)
        );
        lines.push(Line::from(Span::styled(
            format!("{marker}{promise}"),
            style,
        )));
    }
    lines
}

/// Incident, line and first-contact resolution: shown only when they say something.
fn knowledge_lines<'a>(view: &'a TicketView, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let t = &view.ticket;
    let texts = &app.texts;
    let mut lines = Vec::new();
    if t.major {
        let callers: Vec<&str> = view
            .linked
            .iter()
            .map(|l| l.caller_name.as_str())
            .filter(|name| !name.is_empty())
            .collect();
        lines.push(Line::from(Span::styled(
            t!(
                texts,
                "ticket-major",
                count = view.linked.len(),
                callers = callers.join(", ")
            ),
            theme.overdue(),
        )));
    }
    if let Some(incident) = &view.incident {
        lines.push(Line::from(Span::styled(
            t!(
                texts,
                "ticket-in-incident",
                key = incident.key.as_str(),
                subject = incident.subject.as_str(),
                status = incident.status.text(texts)
            ),
            theme.due_soon(),
        )));
    }
    if t.tier > 1 || view.transfers > 0 {
        lines.push(Line::from(t!(
            texts,
            "ticket-line",
            tier = t.tier,
            group = t.group.as_deref().unwrap_or("—"),
            transfers = view.transfers
        )));
    }
    let first_contact = match view.first_contact {
        Verdict::Unresolved => None,
        Verdict::FirstContact { until } if until > app.now => Some(t!(
            texts,
            "ticket-fcr-pending",
            until = when::friendly(until, app.now, app.config.time_zone, texts)
        )),
        Verdict::FirstContact { .. } => Some(t!(texts, "ticket-fcr-yes")),
        Verdict::LaterContact { contacts } => {
            Some(t!(texts, "ticket-fcr-later", contacts = contacts))
        }
        Verdict::Reopened => Some(t!(texts, "ticket-fcr-reopened")),
    };
    lines.extend(first_contact.map(Line::from));
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
