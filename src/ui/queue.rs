//! The Queue pane: open tickets, newest activity first.

mod columns;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Cell, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::{Theme, clip, is_focused, pane_block, sla_label};
use crate::app::paging::{self, QUEUE_PAGE};
use crate::app::{App, Pane};
use crate::domain::{Status, Ticket};
use crate::i18n::Texts;
use crate::{domain::when, t};
use columns::{Columns, Set, Wanted};

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
    let columns = Columns::fit(area.width.saturating_sub(2), &Wanted::of(app, theme));
    let rows = app.views.queue.iter().map(|t| row(t, app, &columns, theme));
    let (key, subject, priority) = (
        t!(texts, "queue-col-key"),
        t!(texts, "queue-col-subject"),
        t!(texts, "queue-col-priority"),
    );
    let header = match columns.set {
        Set::Full { full_status, .. } => Row::new([
            key,
            t!(texts, "queue-col-caller"),
            subject,
            if full_status {
                t!(texts, "queue-col-status")
            } else {
                t!(texts, "queue-col-status-short")
            },
            priority,
            t!(texts, "queue-col-age"),
            t!(texts, "queue-col-sla"),
        ]),
        Set::Tiny => Row::new([key, subject, priority]),
        Set::Middle => Row::new([
            key,
            subject,
            t!(texts, "queue-col-status-short"),
            priority,
            t!(texts, "queue-col-age"),
        ]),
    }
    .style(theme.muted());
    let widths = columns.constraints();
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

fn sla_cell<'a>(ticket: &Ticket, app: &App, theme: &Theme, width: u16) -> Cell<'a> {
    match app.views.clocks.get(&ticket.id) {
        Some(clocks) => {
            let (text, style) = sla_label::label(&clocks.resolution, &app.texts, theme);
            Cell::from(clip(&text, usize::from(width))).style(style)
        }
        None => Cell::from(""),
    }
}

fn row<'a>(ticket: &'a Ticket, app: &App, columns: &Columns, theme: &Theme) -> Row<'a> {
    let active = app.ticket_id.as_deref() == Some(ticket.id.as_str());
    // The open ticket is marked with * so the agent sees where they are in the queue.
    let key = format!("{}{}", ticket.key, if active { "*" } else { "" });
    let priority = t!(app.texts, "queue-priority", priority = ticket.priority);
    // The queue is ordered by last activity, so the age shown is since opening: the one
    // figure the order does not already tell, and what "age" says.
    let age = when::age(ticket.created_at, app.now, &app.texts);
    let subject = Cell::from(clip(
        &format!("{}{}", marker(ticket), ticket.subject),
        usize::from(columns.subject),
    ));
    match columns.set {
        Set::Full {
            caller,
            full_status,
            sla,
        } => Row::new(vec![
            Cell::from(key),
            Cell::from(clip(&ticket.caller_name, usize::from(caller))),
            subject,
            Cell::from(if full_status {
                short_status(ticket.status, &app.texts)
            } else {
                tiny_status(ticket.status, &app.texts)
            }),
            Cell::from(priority),
            Cell::from(age),
            sla_cell(ticket, app, theme, sla),
        ]),
        Set::Tiny => Row::new(vec![Cell::from(key), subject, Cell::from(priority)]),
        Set::Middle => Row::new(vec![
            Cell::from(key),
            subject,
            Cell::from(tiny_status(ticket.status, &app.texts)),
            Cell::from(priority),
            Cell::from(age),
        ]),
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
