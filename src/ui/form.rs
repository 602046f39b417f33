//! A form popup: context lines, one row per field, a live preview under deadline fields,
//! and the error that stopped the last submit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, popup_area, popup_block};
use crate::app::App;
use crate::app::form::{Form, Input};
use crate::deadline::parse_deadline;
use crate::{t, when};

/// Room for "▶ label:" in English; a language whose labels run longer widens the column
/// up to `MAX_LABEL_WIDTH` rather than cutting them.
const LABEL_WIDTH: u16 = 20;
const MAX_LABEL_WIDTH: u16 = 30;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, form: &Form, theme: &Theme) {
    let rows = field_rows(form);
    let height = form.context.len() as u16 + rows.iter().sum::<u16>() + 5;
    let rect = popup_area(frame, area, 96, height);
    let block = popup_block(&form.title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let mut constraints = vec![Constraint::Length(form.context.len() as u16)];
    constraints.extend(rows.iter().map(|r| Constraint::Length(*r)));
    constraints.push(Constraint::Length(1));
    constraints.push(Constraint::Length(1));
    let areas = Layout::vertical(constraints).split(inner);
    let label_width = form
        .fields
        .iter()
        .map(|f| Span::raw(f.label.as_str()).width() as u16 + 4)
        .max()
        .unwrap_or(0)
        .clamp(LABEL_WIDTH, MAX_LABEL_WIDTH);

    let context: Vec<Line> = form
        .context
        .iter()
        .map(|c| Line::from(c.as_str()))
        .collect();
    frame.render_widget(Paragraph::new(context).style(theme.muted()), areas[0]);

    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focus;
        let [label_area, value_area] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)])
                .areas(areas[index + 1]);
        let marker = if focused { "▶ " } else { "  " };
        let label_style = if focused {
            theme.title()
        } else {
            theme.muted()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{marker}{}:", field.label),
                label_style,
            )),
            label_area,
        );
        match &field.input {
            Input::Text {
                area: text,
                deadline,
            } => {
                let [input_area, preview_area] = Layout::vertical([
                    Constraint::Length(text.lines().len().clamp(1, 6) as u16),
                    Constraint::Length(u16::from(*deadline)),
                ])
                .areas(value_area);
                if focused {
                    frame.render_widget(text.as_ref(), input_area);
                } else {
                    frame.render_widget(Paragraph::new(text.lines().join("\n")), input_area);
                }
                if *deadline {
                    frame.render_widget(preview(text.lines().join(" "), app, theme), preview_area);
                }
            }
            Input::Choice { options, selected } => {
                let value = options.get(*selected).map_or("", String::as_str);
                let line = if focused {
                    Line::from(vec![
                        Span::styled("◀ ", theme.key()),
                        Span::styled(value.to_string(), theme.selected()),
                        Span::styled(" ▶", theme.key()),
                    ])
                } else {
                    Line::from(value.to_string())
                };
                frame.render_widget(Paragraph::new(line), value_area);
            }
        }
    }
    let error_area = areas[form.fields.len() + 1];
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(Span::styled(format!("✗ {error}"), theme.error())),
            error_area,
        );
    }
    let help = t!(
        app.texts,
        "form-hint",
        next = "Tab/↓",
        change = "←/→",
        enter = "Enter",
        esc = "Esc"
    );
    frame.render_widget(
        Paragraph::new(help).style(theme.muted()),
        areas[form.fields.len() + 2],
    );
}

fn field_rows(form: &Form) -> Vec<u16> {
    form.fields
        .iter()
        .map(|f| match &f.input {
            Input::Text { area, deadline } => {
                area.lines().len().clamp(1, 6) as u16 + u16::from(*deadline)
            }
            Input::Choice { .. } => 1,
        })
        .collect()
}

/// Shows the parsed deadline before it is saved, or why the text does not parse.
fn preview<'a>(text: String, app: &App, theme: &Theme) -> Paragraph<'a> {
    if text.trim().is_empty() {
        return Paragraph::new("");
    }
    let line = match parse_deadline(&text, app.now, &app.calendar, app.config.language) {
        Ok(due) => Span::styled(
            format!(
                "→ {} ({})",
                when::friendly(due, app.now, app.config.time_zone, &app.texts),
                when::countdown(due, app.now, &app.texts)
            ),
            theme.ok(),
        ),
        Err(e) => Span::styled(format!("✗ {}", e.message(&app.texts)), theme.error()),
    };
    Paragraph::new(line)
}
