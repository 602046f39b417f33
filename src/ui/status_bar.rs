//! The status bar: the agent, their figures, the last message, and key hints generated
//! from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, hint_line};
use crate::app::{App, Pane};
use crate::keymap::Command;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let counts = app.views.counts;
    let mut first = vec![
        Span::styled(format!(" {} ", app.config.agent), theme.title()),
        Span::raw(format!(
            "· {} open tickets · my promises: {} due today, ",
            counts.open_tickets, counts.promises_due_today
        )),
        Span::styled(
            format!("{} overdue", counts.promises_overdue),
            if counts.promises_overdue > 0 {
                theme.overdue()
            } else {
                Default::default()
            },
        ),
    ];
    if let Some(message) = &app.message {
        let (marker, style) = if message.is_error {
            ("✗", theme.error())
        } else {
            ("✓", theme.ok())
        };
        first.push(Span::styled(format!("  {marker} {}", message.text), style));
    }
    // A command the config left without a key runs from the palette; no hint for it.
    let hints = hints(app)
        .iter()
        .map(|c| (app.keymap.keys_for(*c), c.name()))
        .filter(|(keys, _)| !keys.is_empty())
        .collect::<Vec<_>>();
    let lines = vec![Line::from(first), hint_line(&hints, area.width, theme)];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The commands worth a reminder where the focus is now.
fn hints(app: &App) -> Vec<Command> {
    use Command::*;
    let mut hints = vec![NewCall];
    // Pane-specific commands first, the general ones after.
    match app.focus {
        Pane::Promises => hints.extend([Kept, Reschedule, CancelPromise, Open]),
        Pane::Queue => hints.extend([Open, FilterMine, FilterAllOpen, FilterWaiting]),
        Pane::Ticket => hints.extend([Note, Promise, Status, Priority]),
        Pane::Caller => hints.extend([Copy, Note, Promise, Status]),
    }
    hints.extend([Help, Palette, Quit, FocusNext]);
    hints
}
