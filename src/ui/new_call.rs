//! The popups of a new call: the caller search, and the choice between a new ticket and
//! one of the caller's open tickets.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::{Theme, popup_area, popup_block, search_popup};
use crate::app::{App, CallerSearch};
use crate::when;

pub fn draw_search(frame: &mut Frame, area: Rect, search: &CallerSearch, theme: &Theme) {
    let (input_area, list_area) = search_popup(
        frame,
        area,
        "New call — who is calling?",
        "name, organisation, phone, e-mail or code:",
        "type to search · ↑/↓ choose · Enter take · Esc cancel",
        theme,
    );
    frame.render_widget(&search.input, input_area);
    let query = search.query();
    let mut items: Vec<ListItem> = search
        .hits
        .iter()
        .map(|hit| {
            ListItem::new(Line::from(vec![
                Span::styled(hit.name.clone(), theme.title()),
                Span::raw(format!("  {}", hit.organization)),
                Span::styled(format!("  {}", hit.detail), theme.muted()),
            ]))
        })
        .collect();
    let new_row = if query.is_empty() {
        "+ new caller".to_string()
    } else if search.hits.is_empty() {
        format!("+ no match — add \"{query}\" as a new caller")
    } else {
        format!("+ new caller \"{query}\"")
    };
    items.push(ListItem::new(Span::styled(new_row, theme.key())));
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(search.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
}

pub fn draw_pick(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    caller_id: &str,
    selected: usize,
    theme: &Theme,
) {
    let tickets = app.open_tickets_of_caller(caller_id);
    let name = app
        .views
        .caller
        .as_ref()
        .map_or("the caller", |c| c.caller.name.as_str());
    let rect = popup_area(frame, area, 90, (tickets.len() as u16 + 6).min(20));
    let block = popup_block("New call — which ticket?", theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [label_area, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(format!(
            "{name} has open tickets. Log this call on one of them, or open a new one:"
        )),
        label_area,
    );
    let mut items = vec![ListItem::new(Span::styled("+ new ticket", theme.key()))];
    items.extend(tickets.iter().map(|t| {
        ListItem::new(Line::from(vec![
            Span::styled(format!("{} ", t.key), theme.title()),
            Span::raw(t.subject.clone()),
            Span::styled(
                format!(
                    "  {} · {} ago",
                    t.status.text(&app.texts),
                    when::age(t.last_activity_at, app.now, &app.texts)
                ),
                theme.muted(),
            ),
        ]))
    }));
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, list_area, &mut state);
}
