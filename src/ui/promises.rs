//! The Promises pane: open promises by deadline, with a live countdown. Overdue and due-soon
//! rows carry a marker as well as a colour.

use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row, Table, TableState};

use super::{Theme, is_focused, pane_block};
use crate::app::{App, Pane};
use crate::domain::Promise;
use crate::{domain::when, t};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    Overdue,
    DueSoon,
    Later,
}

pub fn urgency(promise: &Promise, app: &App) -> Urgency {
    let soon = Duration::minutes(i64::from(app.config.due_soon_minutes));
    if promise.due_at <= app.now {
        Urgency::Overdue
    } else if promise.due_at - app.now <= soon {
        Urgency::DueSoon
    } else {
        Urgency::Later
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = is_focused(app, Pane::Promises);
    let overdue = app
        .views
        .promises
        .iter()
        .filter(|p| urgency(p, app) == Urgency::Overdue)
        .count();
    let texts = &app.texts;
    let extra = if app.callbacks_only {
        t!(
            texts,
            "promises-callbacks",
            count = app.views.promises.len()
        )
    } else {
        t!(
            texts,
            "promises-summary",
            open = app.views.promises.len(),
            overdue = overdue
        )
    };
    let title = t!(texts, "promises-title");
    let block = pane_block(&title, extra, focused, theme);
    let wide = area.width >= 120;
    let rows = app.views.promises.iter().map(|p| {
        let (marker, style) = match urgency(p, app) {
            Urgency::Overdue => ("!!", theme.overdue()),
            Urgency::DueSoon => ("! ", theme.due_soon()),
            Urgency::Later => ("  ", Default::default()),
        };
        let mut cells = vec![
            Cell::from(marker),
            Cell::from(when::countdown(p.due_at, app.now, &app.texts)),
        ];
        if wide {
            cells.push(Cell::from(when::friendly(
                p.due_at,
                app.now,
                app.config.time_zone,
                &app.texts,
            )));
        }
        cells.extend([
            Cell::from(p.what.as_str()),
            Cell::from(p.to.as_str()),
            Cell::from(p.ticket_key.as_str()),
        ]);
        cells.push(if wide {
            Cell::from(format!("{} · {}", p.channel.text(&app.texts), p.owner))
        } else {
            Cell::from(p.owner.as_str())
        });
        Row::new(cells).style(style)
    });
    let (widths, header) = if wide {
        (
            vec![
                Constraint::Length(2),
                Constraint::Length(14),
                Constraint::Length(16),
                Constraint::Min(16),
                Constraint::Length(18),
                Constraint::Length(7),
                Constraint::Length(22),
            ],
            Row::new([
                String::new(),
                t!(texts, "promises-col-countdown"),
                t!(texts, "promises-col-due"),
                t!(texts, "promises-col-what"),
                t!(texts, "promises-col-to"),
                t!(texts, "promises-col-ticket"),
                t!(texts, "promises-col-channel-owner"),
            ]),
        )
    } else {
        (
            vec![
                Constraint::Length(2),
                Constraint::Length(14),
                Constraint::Min(12),
                Constraint::Length(14),
                Constraint::Length(7),
                Constraint::Length(10),
            ],
            Row::new([
                String::new(),
                t!(texts, "promises-col-countdown"),
                t!(texts, "promises-col-what"),
                t!(texts, "promises-col-to"),
                t!(texts, "promises-col-ticket"),
                t!(texts, "promises-col-owner"),
            ]),
        )
    };
    let header = header.style(theme.muted());
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶");
    let selected = (focused && !app.views.promises.is_empty()).then_some(app.promise_selected);
    let mut state = TableState::default()
        .with_offset(app.scrolled.promises.get())
        .with_selected(selected);
    frame.render_stateful_widget(table, area, &mut state);
    app.scrolled.promises.set(state.offset());
}
