//! Drawing: one file per pane or popup, and here the split view that places them. Drawing
//! reads the app state and never changes it.

mod banner;
mod caller;
mod find_ticket;
mod form;
mod help;
mod kb;
pub mod markdown;
mod merge;
mod new_call;
mod palette;
mod picker;
mod promises;
mod queue;
mod review;
mod ringing;
mod script;
mod sla_label;
mod status_bar;
pub mod theme;
mod ticket;
mod welcome;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use crate::app::{App, Pane, Popup};
use crate::{app::layout, t};
pub use theme::Theme;

pub use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let Some(layout) = layout::desk(area, app.banner_rows()) else {
        draw_too_small(frame, area, app);
        return;
    };
    banner::draw(frame, layout.banner, app, theme);
    queue::draw(frame, layout.queue, app, theme);
    ticket::draw(frame, layout.ticket, app, theme);
    caller::draw(frame, layout.caller, app, theme);
    promises::draw(frame, layout.promises, app, theme);
    status_bar::draw(frame, layout.status, app, theme);

    match &app.popup {
        None if app.views.desk_is_empty => welcome::draw(frame, layout.main, app, theme),
        None => {}
        Some(Popup::Help { scroll }) => help::draw(frame, area, app, scroll, theme),
        Some(Popup::Palette(palette)) => palette::draw(frame, area, app, palette, theme),
        Some(Popup::Search(search)) => new_call::draw_search(frame, area, app, search, theme),
        Some(Popup::FindTicket(search)) => find_ticket::draw(frame, area, app, search, theme),
        Some(Popup::AwaitCaller { .. }) => {}
        Some(Popup::PickTicket {
            caller_id,
            selected,
        }) => new_call::draw_pick(frame, area, app, caller_id, *selected, theme),
        Some(Popup::Form(f)) => form::draw(frame, area, app, f, theme),
        Some(Popup::Review(r)) => review::draw(frame, area, app, r, theme),
        Some(Popup::Script(s)) => script::draw(frame, area, app, s, theme),
        Some(Popup::Kb(search)) => kb::draw_search(frame, area, app, search, theme),
        Some(Popup::MergeCaller(search)) => merge::draw(frame, area, app, search, theme),
        Some(Popup::Article(view)) => kb::draw_article(frame, area, app, view, theme),
        Some(Popup::Text {
            title,
            lines,
            scroll,
        }) => help::draw_text(frame, area, app, title, lines, scroll, theme),
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, app: &App) {
    let text = vec![
        Line::from(t!(app.texts, "too-small")),
        Line::from(t!(
            app.texts,
            "too-small-need",
            min_width = MIN_WIDTH,
            min_height = MIN_HEIGHT,
            width = area.width,
            height = area.height
        )),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// A pane's frame. The focused pane has a thick border and a ▶ before its title, so focus
/// shows without colour.
pub(crate) fn pane_block<'a>(
    title: &'a str,
    extra: String,
    focused: bool,
    theme: &Theme,
) -> Block<'a> {
    let marker = if focused { "▶ " } else { "" };
    let mut spans = vec![Span::styled(format!(" {marker}{title} "), theme.title())];
    if !extra.is_empty() {
        spans.push(Span::styled(format!("{extra} "), theme.muted()));
    }
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(Line::from(spans))
}

pub(crate) fn is_focused(app: &App, pane: Pane) -> bool {
    app.popup.is_none() && app.focus == pane
}

/// A popup box centred in `area`, cleared underneath.
pub(crate) fn popup_area(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(2));
    let height = height.min(area.height.saturating_sub(2));
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - height) / 2;
    let rect = Rect::new(x, y, width, height);
    frame.render_widget(Clear, rect);
    rect
}

pub(crate) fn popup_block<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border(true))
        .title(Span::styled(format!(" {title} "), theme.title()))
}

/// Cuts text to `width` characters with an ellipsis, for table cells.
pub(crate) fn clip(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_string();
    }
    // Counted in terminal cells, not characters: a wide character takes two.
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cells = c.width().unwrap_or(0);
        if used + cells + 1 > width {
            break;
        }
        out.push(c);
        used += cells;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Key hints, as many as fit in `width`; the most useful come first in `pairs`.
pub(crate) fn hint_line<'a>(pairs: &[(String, String)], width: u16, theme: &Theme) -> Line<'a> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in pairs {
        let text = format!(" {what}  ");
        let needed = Span::raw(key.as_str()).width() + Span::raw(text.as_str()).width();
        if used + needed > usize::from(width) {
            break;
        }
        used += needed;
        spans.push(Span::styled(key.clone(), theme.key()));
        spans.push(Span::styled(text, Style::new()));
    }
    Line::from(spans)
}

/// Stand-ins for keys in a message: private-use characters that no catalogue, key name or
/// command contains. A message is formatted with these in place of its keys, and
/// [`with_keys`] then puts the styled keys where each language's word order put them.
pub(crate) const KEY_SLOTS: [&str; 4] = ["\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}"];

/// The spans of `text`, each `KEY_SLOTS[i]` in it replaced by `keys[i]`.
pub(crate) fn with_keys<'a>(text: &str, keys: &[Span<'a>]) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut plain = String::new();
    for c in text.chars() {
        let slot = KEY_SLOTS
            .iter()
            .position(|s| s.starts_with(c))
            .and_then(|i| keys.get(i));
        match slot {
            Some(key) => {
                if !plain.is_empty() {
                    spans.push(Span::raw(std::mem::take(&mut plain)));
                }
                spans.push(key.clone());
            }
            None => plain.push(c),
        }
    }
    if !plain.is_empty() {
        spans.push(Span::raw(plain));
    }
    spans
}
