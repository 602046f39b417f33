//! Drawing a picker: its line of words and the list under it, with the cursor's row marked.
//! The search that owns it says how a hit looks and what to show when nothing is listed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{List, ListItem, ListState};

use super::Theme;
use crate::app::picker::Picker;

/// What the list shows besides the hits.
#[derive(Default)]
pub struct Lines<'a> {
    /// Shown when nothing is typed and nothing listed.
    pub nothing_typed: Option<String>,
    /// Shown when the words typed found nothing.
    pub no_hits: Option<String>,
    /// The picker's extra row after the hits, for pickers that have one.
    pub extra_row: Option<ListItem<'a>>,
}

/// Draws the input in `input_area` and the hits, one `row` each, in `list_area`.
pub fn draw<'a, T>(
    frame: &mut Frame,
    (input_area, list_area): (Rect, Rect),
    picker: &'a Picker<T>,
    row: impl Fn(&'a T) -> Option<ListItem<'a>>,
    lines: Lines<'a>,
    theme: &Theme,
) {
    frame.render_widget(&picker.input, input_area);
    let mut items: Vec<ListItem> = picker.hits.iter().filter_map(row).collect();
    if picker.hits.is_empty() && !picker.has_extra_row() {
        let empty = if picker.query().is_empty() {
            lines.nothing_typed
        } else {
            lines.no_hits
        };
        items.extend(empty.map(|text| ListItem::new(Span::styled(text, theme.muted()))));
    }
    items.extend(lines.extra_row);
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    // A line that says nothing was found is not a row to be on.
    let selected = (picker.rows() > 0).then_some(picker.selected);
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(list, list_area, &mut state);
}
