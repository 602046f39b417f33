//! Clicks and the wheel. The pointer is placed with the same layout function the drawing
//! uses, on the area the last frame was drawn in, so it acts on what is under it.
//!
//! A click focuses the pane under the pointer and, in the Queue or the Promises, selects the
//! row; a click on the row that is already selected in the focused pane opens its ticket,
//! as Enter would. The wheel focuses the pane under the pointer and moves its selection (or
//! the timeline). While a popup is open the wheel scrolls help and text, and clicks do
//! nothing: a stray click must not throw away a half-typed form.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::{App, Effect, Pane, Popup};
use crate::app::layout;

/// Timeline lines per turn of the wheel; list selections move one row.
const WHEEL_LINES: u16 = 3;

impl App {
    pub(super) fn on_mouse(&mut self, event: MouseEvent, screen: Rect) -> Vec<Effect> {
        if !self.config.mouse {
            return Vec::new();
        }
        let down = match event.kind {
            MouseEventKind::ScrollDown => Some(true),
            MouseEventKind::ScrollUp => Some(false),
            _ => None,
        };
        match &mut self.popup {
            Some(Popup::Help { scroll } | Popup::Text { scroll, .. }) => {
                match down {
                    Some(true) => scroll.down(WHEEL_LINES),
                    Some(false) => scroll.up(WHEEL_LINES),
                    None => {}
                }
                return Vec::new();
            }
            Some(_) => return Vec::new(),
            None => {}
        }
        let Some(layout) = layout::desk(screen, self.banner_rows()) else {
            return Vec::new();
        };
        let Some(pane) = layout.pane_at(event.column, event.row) else {
            return Vec::new();
        };
        if let Some(down) = down {
            self.focus = pane;
            return self.scroll(pane, down);
        }
        if event.kind != MouseEventKind::Down(MouseButton::Left) {
            return Vec::new();
        }
        self.message = None;
        let area = match pane {
            Pane::Queue => layout.queue,
            Pane::Promises => layout.promises,
            Pane::Ticket | Pane::Caller => {
                self.focus = pane;
                return Vec::new();
            }
        };
        self.click_row(pane, area, event.column, event.row)
    }

    fn scroll(&mut self, pane: Pane, down: bool) -> Vec<Effect> {
        if pane == Pane::Ticket {
            self.timeline_scroll = if down {
                self.timeline_scroll.saturating_sub(WHEEL_LINES)
            } else {
                self.timeline_scroll.saturating_add(WHEEL_LINES)
            };
            return Vec::new();
        }
        self.move_selection(down)
    }

    fn click_row(&mut self, pane: Pane, area: Rect, column: u16, row: u16) -> Vec<Effect> {
        let was_focused = self.focus == pane;
        self.focus = pane;
        let (selected, len, offset) = match pane {
            Pane::Queue => (
                self.queue_selected,
                self.views.queue.len(),
                self.scrolled.queue.get(),
            ),
            _ => (
                self.promise_selected,
                self.views.promises.len(),
                self.scrolled.promises.get(),
            ),
        };
        let Some(clicked) = layout::table_row_at(area, offset, column, row).filter(|r| *r < len)
        else {
            return Vec::new();
        };
        if was_focused && clicked == selected {
            return self.open_selected();
        }
        match pane {
            Pane::Queue => self.queue_selected = clicked,
            _ => self.promise_selected = clicked,
        }
        Vec::new()
    }
}
