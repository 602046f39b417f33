//! The `:` command palette popup.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::{Theme, popup_area, popup_block};
use crate::app::App;
use crate::app::palette::Palette;
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
    frame.render_widget(&palette.input, field);
    let items = palette.matches.iter().map(|c| {
        ListItem::new(Line::from(vec![
            Span::styled(format!("{:<16}", c.name()), theme.title()),
            Span::raw(c.description(&app.texts)),
            Span::styled(format!("  {}", app.keymap.keys_for(*c)), theme.key()),
        ]))
    });
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(palette.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
}
