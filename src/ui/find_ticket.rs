//! The ticket finder: type a key, a number or words of the subject; Enter opens the ticket.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::{Theme, search_popup};
use crate::app::{App, TicketSearch};
use crate::{domain::when, t};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, search: &TicketSearch, theme: &Theme) {
    let texts = &app.texts;
    let (input_area, list_area) = search_popup(
        frame,
        area,
        &t!(texts, "find-ticket-title"),
        &t!(texts, "find-ticket-prompt"),
        &t!(
            texts,
            "find-ticket-hint",
            choose = "↑/↓",
            enter = "Enter",
            esc = "Esc"
        ),
        theme,
    );
    frame.render_widget(&search.input, input_area);
    let items: Vec<ListItem> = if search.hits.is_empty() && !search.query().is_empty() {
        vec![ListItem::new(Span::styled(
            t!(texts, "find-ticket-none"),
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
                            t.status.text(&app.texts),
                            when::age(t.last_activity_at, app.now, &app.texts)
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
}
