//! The `:` command palette popup: a picker whose rows are the commands, each with its name,
//! what it does and its keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::{Theme, picker, popup_area, popup_block};
use crate::app::App;
use crate::app::palette::Palette;
use crate::keymap::Command;
use crate::t;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, palette: &Palette, theme: &Theme) {
    let rect = popup_area(frame, area, 80, 16);
    let title = t!(app.texts, "palette-title");
    let block = popup_block(&title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [input_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let [colon, field] =
        Layout::horizontal([Constraint::Length(1), Constraint::Min(1)]).areas(input_area);
    frame.render_widget(Paragraph::new(":"), colon);
    let row = |command: &Command| {
        Some(ListItem::new(Line::from(vec![
            Span::styled(format!("{:<16}", command.name()), theme.title()),
            Span::raw(command.description(&app.texts)),
            Span::styled(format!("  {}", app.keymap.keys_for(*command)), theme.key()),
        ])))
    };
    let lines = picker::Lines {
        marker: Some("▶"),
        ..Default::default()
    };
    picker::draw(
        frame,
        (field, list_area),
        &palette.picker,
        row,
        lines,
        theme,
    );
}
