//! The popups of a new call: the caller search, and the choice between a new ticket and
//! one of the caller's open tickets.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::{Theme, picker, popup_area, popup_block};
use crate::app::{App, CallerSearch};
use crate::domain::{CallerHit, when};
use crate::t;

pub fn draw_search(frame: &mut Frame, area: Rect, app: &App, search: &CallerSearch, theme: &Theme) {
    let texts = &app.texts;
    let keys = picker::HintKeys::of(&app.keymap);
    let areas = picker::framed(
        frame,
        area,
        &t!(texts, "new-call-title"),
        &t!(texts, "new-call-prompt"),
        &t!(
            texts,
            "new-call-hint",
            choose = keys.choose.as_str(),
            enter = keys.pick.as_str(),
            esc = keys.close.as_str()
        ),
        theme,
    );
    let query = search.query();
    let row = |hit: &CallerHit| {
        Some(ListItem::new(Line::from(vec![
            Span::styled(hit.name.clone(), theme.title()),
            Span::raw(format!("  {}", hit.organization)),
            Span::styled(format!("  {}", hit.detail), theme.muted()),
        ])))
    };
    let new_row = if query.is_empty() {
        t!(texts, "new-call-new-caller")
    } else if search.hits.is_empty() {
        t!(texts, "new-call-no-match", query = query.as_str())
    } else {
        t!(texts, "new-call-new-caller-named", query = query.as_str())
    };
    let lines = picker::Lines {
        extra_row: Some(ListItem::new(Span::styled(
            format!("+ {new_row}"),
            theme.key(),
        ))),
        ..Default::default()
    };
    picker::draw(frame, areas, search, row, lines, theme);
}

pub fn draw_pick(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    caller_id: &str,
    selected: usize,
    theme: &Theme,
) {
    let texts = &app.texts;
    let tickets = app.open_tickets_of_caller(caller_id);
    let name = app.views.caller.as_ref().map_or_else(
        || t!(texts, "new-call-the-caller"),
        |c| c.caller.name.clone(),
    );
    let rect = popup_area(frame, area, 90, (tickets.len() as u16 + 6).min(20));
    let title = t!(texts, "new-call-pick-title");
    let block = popup_block(&title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [label_area, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(t!(texts, "new-call-pick-label", name = name)),
        label_area,
    );
    let mut items = vec![ListItem::new(Span::styled(
        format!("+ {}", t!(texts, "new-call-new-ticket")),
        theme.key(),
    ))];
    items.extend(tickets.iter().map(|t| {
        ListItem::new(Line::from(vec![
            Span::styled(format!("{} ", t.key), theme.title()),
            Span::raw(t.subject.clone()),
            Span::styled(
                format!(
                    "  {} · {}",
                    t.status.text(texts),
                    t!(
                        texts,
                        "new-call-ago",
                        age = when::age(t.last_activity_at, app.now, texts)
                    )
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
