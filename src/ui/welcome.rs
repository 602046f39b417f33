//! The first screen on an empty desk: how to log a first call, or try the demo.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{KEY_SLOTS, Theme, popup_area, popup_block, with_keys};
use crate::app::App;
use crate::keymap::Command;
use crate::t;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let texts = &app.texts;
    let key = |command| Span::styled(app.keymap.shortcut(command), theme.key());
    let rect = popup_area(frame, area, 62, 9);
    let lines = vec![
        Line::from(Span::styled(t!(texts, "welcome-heading"), theme.title())),
        Line::from(""),
        Line::from(with_keys(
            &t!(texts, "welcome-first-call", key = KEY_SLOTS[0]),
            &[key(Command::NewCall)],
        )),
        Line::from(with_keys(
            &t!(
                texts,
                "welcome-demo",
                quit = KEY_SLOTS[0],
                demo = KEY_SLOTS[1]
            ),
            &[key(Command::Quit), Span::styled("balie demo", theme.key())],
        )),
        Line::from(with_keys(
            &t!(
                texts,
                "welcome-keys",
                help = KEY_SLOTS[0],
                palette = KEY_SLOTS[1]
            ),
            &[key(Command::Help), key(Command::Palette)],
        )),
    ];
    let title = t!(texts, "welcome-title");
    let block = popup_block(&title, theme);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        rect,
    );
}
