//! The ticket finder: type a key, a number or words of the subject; Enter opens the ticket.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use super::{Theme, picker};
use crate::app::{App, TicketSearch};
use crate::{domain::when, t};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, search: &TicketSearch, theme: &Theme) {
    let texts = &app.texts;
    let keys = picker::HintKeys::of(&app.keymap);
    let areas = picker::framed(
        frame,
        area,
        &t!(texts, "find-ticket-title"),
        &t!(texts, "find-ticket-prompt"),
        &t!(
            texts,
            "find-ticket-hint",
            choose = keys.choose.as_str(),
            enter = keys.pick.as_str(),
            esc = keys.close.as_str()
        ),
        theme,
    );
    let row = |t: &crate::domain::Ticket| {
        Some(ListItem::new(Line::from(vec![
            Span::styled(format!("{:<9}", t.key), theme.title()),
            Span::raw(format!(" {}", t.subject)),
            Span::styled(
                format!(
                    "  {} · {} · {}",
                    t.caller_name,
                    t.status.text(texts),
                    when::age(t.last_activity_at, app.now, texts)
                ),
                theme.muted(),
            ),
        ])))
    };
    let lines = picker::Lines {
        no_hits: Some(t!(texts, "find-ticket-none")),
        ..Default::default()
    };
    picker::draw(frame, areas, search, row, lines, theme);
}
