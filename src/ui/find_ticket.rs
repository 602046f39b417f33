//! The ticket finder: type a key, a number or words of the subject; Enter opens the ticket.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::{Theme, popup_area, popup_block};
use crate::app::{App, TicketSearch};
use crate::when;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, search: &TicketSearch, theme: &Theme) {
    let rect = popup_area(frame, area, 96, 20);
    let block = popup_block("Find ticket", theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [label_area, input_area, list_area, help_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new("key, number or words of the subject (3 letters or more):")
            .style(theme.muted()),
        label_area,
    );
    frame.render_widget(&search.input, input_area);
    let items: Vec<ListItem> = if search.hits.is_empty() && !search.query().is_empty() {
        vec![ListItem::new(Span::styled(
            "no ticket found",
            theme.muted(),
        ))]
    } else {
        search
            .hits
            .iter()
            .map(|t| {
                ListItem::new(Line::from(vec![
                    Span::styled(format!("{:<9}", t.key), theme.title()),
                    Span::raw(format!(" {}", t.subject)),
                    Span::styled(
                        format!(
                            "  {} · {} · {}",
                            t.caller_name,
                            t.status.label(),
                            when::age(t.last_activity_at, app.now)
                        ),
                        theme.muted(),
                    ),
                ]))
            })
            .collect()
    };
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let selected = (!search.hits.is_empty()).then_some(search.selected);
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(list, list_area, &mut state);
    frame.render_widget(
        Paragraph::new("type to search · ↑/↓ choose · Enter open · Esc cancel")
            .style(theme.muted()),
        help_area,
    );
}
