//! The first screen on an empty desk: how to log a first call, or try the demo.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, popup_area, popup_block};
use crate::app::App;
use crate::keymap::Command;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let key = |command| Span::styled(app.keymap.shortcut(command), theme.key());
    let rect = popup_area(frame, area, 62, 9);
    let lines = vec![
        Line::from(Span::styled("Welcome to balie", theme.title())),
        Line::from(""),
        Line::from(vec![
            Span::raw("Press "),
            key(Command::NewCall),
            Span::raw(" to log your first call: find or add the caller, then a subject."),
        ]),
        Line::from(vec![
            Span::raw("To look around first, quit with "),
            key(Command::Quit),
            Span::raw(" and run "),
            Span::styled("balie demo", theme.key()),
            Span::raw("."),
        ]),
        Line::from(vec![
            key(Command::Help),
            Span::raw(" shows every key, "),
            key(Command::Palette),
            Span::raw(" runs a command by name."),
        ]),
    ];
    let block = popup_block("Welcome", theme);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        rect,
    );
}
