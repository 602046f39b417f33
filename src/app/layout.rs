//! Where each pane sits on the screen. Drawing and the mouse both ask this one pure function,
//! so a click lands on the pane and the row the agent sees under the pointer.

use std::cell::Cell;

use ratatui::layout::{Constraint, Layout, Position, Rect};

use crate::app::Pane;

/// Below this the three panes cannot show a usable line each.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeskLayout {
    pub banner: Rect,
    /// The queue, ticket and caller side by side.
    pub main: Rect,
    pub queue: Rect,
    pub ticket: Rect,
    pub caller: Rect,
    pub promises: Rect,
    pub status: Rect,
}

/// The split view in `area`, or `None` when the terminal is too small to draw it.
pub fn desk(area: Rect, banner_rows: u16) -> Option<DeskLayout> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [banner, main, promises, status] = Layout::vertical([
        Constraint::Length(banner_rows),
        Constraint::Min(10),
        Constraint::Length(promises_height(area.height)),
        Constraint::Length(2),
    ])
    .areas(area);
    // On a narrow terminal the ticket and caller need their width more than the queue does;
    // on a wide one the queue's seven columns need it more than the ticket's wrapped lines,
    // or the subjects an agent scans are cut to a word. From 150 columns the ticket keeps
    // at least the width it has at 120.
    let (queue_share, ticket_share) = match area.width {
        150.. => (46, 31),
        120.. => (38, 38),
        _ => (32, 38),
    };
    let [queue, ticket, caller] = Layout::horizontal([
        Constraint::Percentage(queue_share),
        Constraint::Percentage(ticket_share),
        Constraint::Fill(1),
    ])
    .areas(main);
    Some(DeskLayout {
        banner,
        main,
        queue,
        ticket,
        caller,
        promises,
        status,
    })
}

/// The promises pane grows with the terminal: 6 rows at 24 lines, up to 12.
fn promises_height(total: u16) -> u16 {
    (total / 4).clamp(6, 12)
}

impl DeskLayout {
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let at = Position::new(column, row);
        [
            (self.queue, Pane::Queue),
            (self.ticket, Pane::Ticket),
            (self.caller, Pane::Caller),
            (self.promises, Pane::Promises),
        ]
        .into_iter()
        .find(|(rect, _)| rect.contains(at))
        .map(|(_, pane)| pane)
    }
}

/// How far the Queue and the Promises were scrolled when last drawn. Drawing carries the
/// offset from frame to frame, so a list does not jump while its cursor moves inside the
/// visible rows, and records it here; a click is placed by the frame the agent saw.
#[derive(Debug, Default)]
pub struct Scrolled {
    pub queue: Cell<usize>,
    pub promises: Cell<usize>,
}

/// The row of a bordered table with a one-line header (the Queue, the Promises) under the
/// pointer, if the pointer is on one. `offset` is the first row drawn.
pub fn table_row_at(pane: Rect, offset: usize, column: u16, row: u16) -> Option<usize> {
    let body = table_body(pane);
    if !body.contains(Position::new(column, row)) {
        return None;
    }
    Some(offset + usize::from(row - body.y))
}

/// Inside the border, below the header.
fn table_body(pane: Rect) -> Rect {
    let inner = pane.inner(ratatui::layout::Margin::new(1, 1));
    Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panes_tile_the_screen_without_overlap() {
        let layout = desk(Rect::new(0, 0, 80, 24), 0).expect("big enough");
        assert_eq!(layout.pane_at(0, 0), Some(Pane::Queue));
        assert_eq!(layout.pane_at(79, 0), Some(Pane::Caller));
        assert_eq!(layout.pane_at(40, 5), Some(Pane::Ticket));
        assert_eq!(layout.pane_at(40, 20), Some(Pane::Promises));
        assert_eq!(layout.pane_at(40, 23), None, "the status bar is no pane");
        assert!(desk(Rect::new(0, 0, 79, 24), 0).is_none());
    }

    #[test]
    fn a_click_maps_to_the_row_drawn_there() {
        let pane = Rect::new(0, 3, 30, 12); // 9 rows below the border and the header
        assert_eq!(table_row_at(pane, 0, 5, 5), Some(0));
        assert_eq!(table_row_at(pane, 0, 5, 13), Some(8));
        assert_eq!(table_row_at(pane, 0, 5, 4), None, "the header");
        assert_eq!(table_row_at(pane, 0, 5, 14), None, "the border");
        assert_eq!(table_row_at(pane, 0, 0, 5), None, "the border");
        assert_eq!(table_row_at(pane, 12, 5, 13), Some(20), "scrolled by 12");
    }
}
