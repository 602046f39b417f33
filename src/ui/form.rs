//! A form popup: context lines, one row per field, a live preview under deadline fields,
//! and the error that stopped the last submit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, popup_area, popup_block};
use crate::app::App;
use crate::app::form::{Form, Input};
use crate::domain::deadline::parse_deadline;
use crate::keymap::{ChoiceCommand, FormCommand};
use crate::{domain::when, t};

/// Room for "▶ label:" in English; a language whose labels run longer widens the column
/// up to `MAX_LABEL_WIDTH` rather than cutting them.
const LABEL_WIDTH: u16 = 20;
const MAX_LABEL_WIDTH: u16 = 30;
/// As wide as a large terminal allows; narrower ones take what they have.
const FORM_WIDTH: u16 = 96;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, form: &Form, theme: &Theme) {
    // Every line that can run long wraps inside the popup, so a longer language or a long
    // error grows the form instead of being cut at 80 columns.
    let inner_width = FORM_WIDTH
        .min(area.width.saturating_sub(2))
        .saturating_sub(2);
    let label_width = form
        .fields
        .iter()
        .map(|f| Span::raw(f.label.as_str()).width() as u16 + 4)
        .max()
        .unwrap_or(0)
        .clamp(LABEL_WIDTH, MAX_LABEL_WIDTH);
    let value_width = inner_width.saturating_sub(label_width).max(1);

    let context: Vec<Line> = form
        .context
        .iter()
        .map(|c| Line::from(c.as_str()))
        .collect();
    let context = wrapped(Paragraph::new(context).style(theme.muted()));
    let previews: Vec<Option<Paragraph>> = form
        .fields
        .iter()
        .map(|field| match &field.input {
            Input::Text {
                area,
                deadline: true,
                ..
            } => Some(wrapped(preview(area.lines().join(" "), app, theme))),
            _ => None,
        })
        .collect();
    let rows: Vec<u16> = form
        .fields
        .iter()
        .zip(&previews)
        .map(|(field, preview)| {
            let input = match &field.input {
                Input::Text { area, .. } => area.lines().len().clamp(1, 6) as u16,
                Input::Choice { .. } => 1,
            };
            input + preview.as_ref().map_or(0, |p| rows_of(p, value_width))
        })
        .collect();
    let error = form.error.as_ref().map(|error| {
        wrapped(Paragraph::new(Span::styled(
            format!("✗ {error}"),
            theme.error(),
        )))
    });
    let help = wrapped(Paragraph::new(hint(form, app)).style(theme.muted()));
    let context_rows = if form.context.is_empty() {
        0
    } else {
        rows_of(&context, inner_width)
    };
    let error_rows = error.as_ref().map_or(1, |e| rows_of(e, inner_width));
    let help_rows = rows_of(&help, inner_width);
    // Two borders and a spare row under the hint.
    let height = context_rows + rows.iter().sum::<u16>() + error_rows + help_rows + 3;
    let rect = popup_area(frame, area, FORM_WIDTH, height);
    let block = popup_block(&form.title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let mut constraints = vec![Constraint::Length(context_rows)];
    constraints.extend(rows.iter().map(|r| Constraint::Length(*r)));
    constraints.push(Constraint::Length(error_rows));
    constraints.push(Constraint::Length(help_rows));
    let areas = Layout::vertical(constraints).split(inner);
    frame.render_widget(context, areas[0]);

    for ((index, field), preview) in form.fields.iter().enumerate().zip(previews) {
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
            Input::Text { area: text, .. } => {
                let input_rows = text.lines().len().clamp(1, 6) as u16;
                let [input_area, preview_area] =
                    Layout::vertical([Constraint::Length(input_rows), Constraint::Min(0)])
                        .areas(value_area);
                if focused {
                    frame.render_widget(text.as_ref(), input_area);
                } else {
                    frame.render_widget(Paragraph::new(text.lines().join("\n")), input_area);
                }
                if let Some(preview) = preview {
                    frame.render_widget(preview, preview_area);
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
    let count = form.fields.len();
    if let Some(error) = error {
        frame.render_widget(error, areas[count + 1]);
    }
    frame.render_widget(help, areas[count + 2]);
}

fn wrapped(paragraph: Paragraph<'_>) -> Paragraph<'_> {
    paragraph.wrap(Wrap { trim: true })
}

/// Rows a wrapped paragraph takes at `width`; an empty one still holds its line.
fn rows_of(paragraph: &Paragraph, width: u16) -> u16 {
    (paragraph.line_count(width) as u16).max(1)
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

/// The keys that work in this form, from the keymap, saying what Enter does here: it saves
/// from any field of a form that saves at once, and from the last field of the others.
fn hint(form: &Form, app: &App) -> String {
    let (keymap, texts) = (&app.keymap, &app.texts);
    let mut parts = vec![t!(
        texts,
        "form-hint-next",
        key = keymap.form.keys_for(FormCommand::NextField)
    )];
    if form.has_choice() {
        let key = format!(
            "{}/{}",
            keymap.choice.hint_key(ChoiceCommand::PreviousOption),
            keymap.choice.hint_key(ChoiceCommand::NextOption)
        );
        parts.push(t!(texts, "form-hint-choose", key = key));
    }
    let submit = keymap.form.hint_key(FormCommand::Submit);
    parts.push(if form.saves_from_every_field() {
        t!(texts, "form-hint-save", key = submit)
    } else {
        t!(texts, "form-hint-save-last", key = submit)
    });
    parts.push(t!(
        texts,
        "form-hint-cancel",
        key = keymap.form.hint_key(FormCommand::Cancel)
    ));
    // In a field of several lines the hint names the key for a new line as well.
    if let Some(Input::Text {
        multi_line: true, ..
    }) = form.fields.get(form.focus).map(|f| &f.input)
    {
        parts.push(t!(
            texts,
            "form-hint-new-line",
            key = keymap.form.hint_key(FormCommand::NewLine)
        ));
    }
    parts.join(" · ")
}
