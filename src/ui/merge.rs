//! The search for another entry of the caller shown, to merge the two: it opens on the
//! likely duplicates; Enter on one asks which of the two entries is kept.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use super::{Theme, picker};
use crate::app::App;
use crate::app::correcting::MergeSearch;
use crate::domain::CallerHit;
use crate::t;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, search: &MergeSearch, theme: &Theme) {
    let texts = &app.texts;
    let keys = picker::HintKeys::of(&app.keymap);
    let areas = picker::framed(
        frame,
        area,
        &t!(texts, "merge-title", name = search.keep_name.as_str()),
        &t!(texts, "merge-prompt"),
        &t!(
            texts,
            "merge-hint",
            choose = keys.choose.as_str(),
            enter = keys.pick.as_str(),
            esc = keys.close.as_str()
        ),
        theme,
    );
    let row = |hit: &CallerHit| {
        Some(ListItem::new(Line::from(vec![
            Span::styled(hit.name.clone(), theme.title()),
            Span::raw(format!("  {}", hit.organization)),
            Span::styled(format!("  {}", hit.detail), theme.muted()),
        ])))
    };
    let lines = picker::Lines {
        nothing_typed: Some(t!(texts, "merge-nothing-typed")),
        no_hits: Some(t!(texts, "merge-none")),
        ..Default::default()
    };
    picker::draw(frame, areas, &search.picker, row, lines, theme);
}
