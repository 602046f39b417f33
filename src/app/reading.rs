//! Reading a text longer than its popup (the help, a read-only text such as the shift
//! handover, an article): the `[keys.text]` keys move it, and it stops where its last line
//! reaches the bottom of the popup.

use std::cell::Cell;

use crate::keymap::TextCommand;

/// PageUp/PageDown move this many lines: a text popup is at least this tall.
pub const PAGE: u16 = 10;

/// How far a text is scrolled: the first line shown.
#[derive(Debug, Default)]
pub struct TextScroll {
    top: u16,
    /// The furthest `top` can go with the last line still at the popup's bottom, as the last
    /// drawing found it (only drawing knows how tall the popup is and how lines wrap in it);
    /// `None` until the text is first drawn.
    end: Cell<Option<u16>>,
}

impl TextScroll {
    /// The first line to show.
    pub fn top(&self) -> u16 {
        self.top.min(self.end())
    }

    fn end(&self) -> u16 {
        self.end.get().unwrap_or(u16::MAX)
    }

    pub fn down(&mut self, lines: u16) {
        self.top = self.top().saturating_add(lines).min(self.end());
    }

    pub fn up(&mut self, lines: u16) {
        self.top = self.top().saturating_sub(lines);
    }

    /// Called by drawing with the text's height in rows and the popup's: records where the
    /// text ends and returns the first line to show.
    pub fn drawn(&self, text_rows: usize, popup_rows: u16) -> u16 {
        let rows = u16::try_from(text_rows).unwrap_or(u16::MAX);
        self.end.set(Some(rows.saturating_sub(popup_rows)));
        self.top()
    }

    /// Moves for a `[keys.text]` command; returns `false` for one that does not scroll.
    pub fn apply(&mut self, command: TextCommand) -> bool {
        match command {
            TextCommand::Down => self.down(1),
            TextCommand::Up => self.up(1),
            TextCommand::PageDown => self.down(PAGE),
            TextCommand::PageUp => self.up(PAGE),
            TextCommand::Top => self.top = 0,
            TextCommand::Close => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_with_the_last_line_at_the_bottom_and_turns_back_at_once() {
        let mut scroll = TextScroll::default();
        assert_eq!(scroll.drawn(30, 10), 0);
        for _ in 0..50 {
            scroll.apply(TextCommand::Down);
        }
        assert_eq!(scroll.top(), 20, "the last of 30 lines is on the 10th row");
        scroll.apply(TextCommand::Up);
        assert_eq!(scroll.top(), 19, "one step back is one line back");
        scroll.apply(TextCommand::PageDown);
        scroll.apply(TextCommand::PageDown);
        assert_eq!(scroll.top(), 20);
        scroll.apply(TextCommand::Top);
        assert_eq!(scroll.top(), 0);
    }

    #[test]
    fn a_text_that_fits_does_not_scroll() {
        let mut scroll = TextScroll::default();
        scroll.drawn(5, 10);
        scroll.apply(TextCommand::PageDown);
        assert_eq!(scroll.top(), 0);
    }

    #[test]
    fn a_taller_popup_shows_from_a_line_that_keeps_it_full() {
        let mut scroll = TextScroll::default();
        scroll.drawn(30, 10);
        scroll.down(20);
        assert_eq!(
            scroll.drawn(30, 25),
            5,
            "the terminal grew: no empty rows at the end"
        );
    }
}
