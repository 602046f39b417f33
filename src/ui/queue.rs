//! The Queue pane: open tickets, newest activity first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::{Theme, clip, is_focused, pane_block, sla_label};
use crate::app::paging::{self, QUEUE_PAGE};
use crate::app::{App, Pane};
use crate::domain::{Status, Ticket};
use crate::i18n::Texts;
use crate::{domain::when, t};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = is_focused(app, Pane::Queue);
    let loaded = app.views.queue.len();
    // A full page means more are waiting below; they load as the cursor comes near.
    let more = if paging::may_have_more(loaded, QUEUE_PAGE) {
        "+"
    } else {
        ""
    };
    let texts = &app.texts;
    let title = t!(texts, "queue-title");
    let count = format!("{loaded}{more}");
    let with_filter = match &app.line {
        Some(_) => format!(
            "{} · {} · {count}",
            app.filter.text(texts),
            app.line_label()
        ),
        None => format!("{} · {count}", app.filter.text(texts)),
    };
    // " ▶ title filter · count " inside the borders; a narrow pane in a longer language
    // drops the filter (the hints name it) rather than cut the count.
    let room = usize::from(area.width.saturating_sub(2));
    let fits = title.width() + with_filter.width() + 5 <= room;
    let block = pane_block(
        &title,
        if fits { with_filter } else { count },
        focused,
        theme,
    );
    let wide = area.width >= 58;
    let tiny = area.width < 40;
    // Wide enough for the longest key and the * that marks the open ticket: keys grow to
    // T-1000000 on a desk of some years.
    let key_width = app
        .views
        .queue
        .iter()
        .map(|t| t.key.width() + 1)
        .max()
        .unwrap_or(0)
        .clamp(7, 12) as u16;
    let rows = app
        .views
        .queue
        .iter()
        .map(|t| row(t, app, wide, tiny, theme));
    let widths: Vec<Constraint> = if wide {
        vec![
            Constraint::Length(key_width),
            Constraint::Length(14),
            Constraint::Min(12),
            Constraint::Length(8),
            Constraint::Length(2),
            Constraint::Length(4),
            Constraint::Length(11),
        ]
    } else if tiny {
        vec![
            Constraint::Length(key_width),
            Constraint::Min(8),
            Constraint::Length(2),
        ]
    } else {
        vec![
            Constraint::Length(key_width),
            Constraint::Min(8),
            Constraint::Length(4),
            Constraint::Length(2),
            Constraint::Length(3),
        ]
    };
    let (key, subject, priority) = (
        t!(texts, "queue-col-key"),
        t!(texts, "queue-col-subject"),
        t!(texts, "queue-col-priority"),
    );
    let header = if wide {
        Row::new([
            key,
            t!(texts, "queue-col-caller"),
            subject,
            t!(texts, "queue-col-status"),
            priority,
            t!(texts, "queue-col-age"),
            t!(texts, "queue-col-sla"),
        ])
    } else if tiny {
        Row::new([key, subject, priority])
    } else {
        Row::new([
            key,
            subject,
            t!(texts, "queue-col-status-short"),
            priority,
            t!(texts, "queue-col-age"),
        ])
    }
    .style(theme.muted());
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶");
    let selected = (!app.views.queue.is_empty()).then_some(app.queue_selected);
    let mut state = TableState::default()
        .with_offset(app.scrolled.queue.get())
        .with_selected(selected);
    frame.render_stateful_widget(table, area, &mut state);
    app.scrolled.queue.set(state.offset());
}

fn sla_cell<'a>(ticket: &Ticket, app: &App, theme: &Theme) -> Cell<'a> {
    match app.views.clocks.get(&ticket.id) {
        Some(clocks) => {
            let (text, style) = sla_label::label(&clocks.resolution, &app.texts, theme);
            Cell::from(text).style(style)
        }
        None => Cell::from(""),
    }
}

fn row<'a>(ticket: &'a Ticket, app: &App, wide: bool, tiny: bool, theme: &Theme) -> Row<'a> {
    let active = app.ticket_id.as_deref() == Some(ticket.id.as_str());
    // The open ticket is marked with * so the agent sees where they are in the queue.
    let key = format!("{}{}", ticket.key, if active { "*" } else { "" });
    let priority = t!(app.texts, "queue-priority", priority = ticket.priority);
    // The queue is ordered by last activity, so the age shown is since opening: the one
    // figure the order does not already tell, and what "age" says.
    let age = when::age(ticket.created_at, app.now, &app.texts);
    let subject = Cell::from(format!("{}{}", marker(ticket), ticket.subject));
    if wide {
        Row::new(vec![
            Cell::from(key),
            Cell::from(clip(&ticket.caller_name, 14)),
            subject,
            Cell::from(short_status(ticket.status, &app.texts)),
            Cell::from(priority),
            Cell::from(age),
            sla_cell(ticket, app, theme),
        ])
    } else if tiny {
        Row::new(vec![Cell::from(key), subject, Cell::from(priority)])
    } else {
        Row::new(vec![
            Cell::from(key),
            subject,
            Cell::from(tiny_status(ticket.status, &app.texts)),
            Cell::from(priority),
            Cell::from(age),
        ])
    }
}

/// A major incident, a ticket linked to one, and a ticket with a higher line stand out
/// in the subject column, which every width has.
fn marker(ticket: &Ticket) -> String {
    if ticket.major {
        "‼ ".to_string()
    } else if ticket.incident_id.is_some() {
        "⚑ ".to_string()
    } else if ticket.tier > 1 {
        format!("L{} ", ticket.tier)
    } else {
        String::new()
    }
}

/// The status in the 8-letter column: the full labels of the waiting states do not fit.
fn short_status(status: Status, texts: &Texts) -> String {
    match status {
        Status::New => t!(texts, "queue-status-new"),
        Status::Open => t!(texts, "queue-status-open"),
        Status::WaitingCaller => t!(texts, "queue-status-waiting-caller"),
        Status::WaitingThirdParty => t!(texts, "queue-status-waiting-third"),
        Status::Resolved => t!(texts, "queue-status-resolved"),
        Status::Closed => t!(texts, "queue-status-closed"),
    }
}

fn tiny_status(status: Status, texts: &Texts) -> String {
    match status {
        Status::New => t!(texts, "queue-status-tiny-new"),
        Status::Open => t!(texts, "queue-status-tiny-open"),
        Status::WaitingCaller => t!(texts, "queue-status-tiny-waiting-caller"),
        Status::WaitingThirdParty => t!(texts, "queue-status-tiny-waiting-third"),
        Status::Resolved => t!(texts, "queue-status-tiny-resolved"),
        Status::Closed => t!(texts, "queue-status-tiny-closed"),
    }
}
