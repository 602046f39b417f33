//! Drawing a picker: its line of words and the list under it, with the cursor's row marked.
//! The search that owns it says how a hit looks and what to show when nothing is listed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::{Theme, popup_area, popup_block};
use crate::app::picker::Picker;
use crate::keymap::{Keymap, PickerCommand};

/// The keys a picker's hint names, as the keymap has them: choosing (previous/next), taking
/// the chosen row and closing.
pub struct HintKeys {
    pub choose: String,
    pub pick: String,
    pub close: String,
}

impl HintKeys {
    pub fn of(keymap: &Keymap) -> Self {
        HintKeys {
            choose: format!(
                "{}/{}",
                keymap.picker.hint_key(PickerCommand::Previous),
                keymap.picker.hint_key(PickerCommand::Next)
            ),
            pick: keymap.picker.hint_key(PickerCommand::Pick),
            close: keymap.picker.hint_key(PickerCommand::Close),
        }
    }
}

/// What the list shows besides the hits.
#[derive(Default)]
pub struct Lines<'a> {
    /// Shown when nothing is typed and nothing listed.
    pub nothing_typed: Option<String>,
    /// Shown when the words typed found nothing.
    pub no_hits: Option<String>,
    /// The picker's extra row after the hits, for pickers that have one.
    pub extra_row: Option<ListItem<'a>>,
    /// What marks the cursor's row, when not "▶ ".
    pub marker: Option<&'static str>,
}

/// The usual frame of a picker (the caller search, the ticket finder): a prompt, the input
/// line, the hits and a line of key help. Returns where the input and the hits go, for `draw`.
pub fn framed(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    prompt: &str,
    help: &str,
    theme: &Theme,
) -> (Rect, Rect) {
    let rect = popup_area(frame, area, 96, 20);
    let block = popup_block(title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [prompt_area, input_area, list_area, help_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(prompt).style(theme.muted()), prompt_area);
    frame.render_widget(Paragraph::new(help).style(theme.muted()), help_area);
    (input_area, list_area)
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
        .highlight_symbol(lines.marker.unwrap_or("▶ "));
    // A line that says nothing was found is not a row to be on.
    let selected = (picker.rows() > 0).then_some(picker.selected);
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(list, list_area, &mut state);
}
