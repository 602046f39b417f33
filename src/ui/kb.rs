//! The knowledge base's popups: the search and an open article. On a wide terminal they sit
//! over the queue, so the ticket stays in view beside them while the agent reads.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, ListItem, Paragraph, Wrap};

use super::{Theme, clip, picker, popup_area, popup_block};
use crate::app::App;
use crate::app::kb::{ArticleView, KbSearch};
use crate::keymap::{ArticleCommand, KbCommand, TextCommand};
use crate::ui::markdown::{self, MarkdownStyle};
use crate::{app::layout, t};

/// Narrower than this, the popup is centred over the whole desk instead.
const BESIDE_MIN_WIDTH: u16 = 56;

fn kb_area(frame: &mut Frame, area: Rect, app: &App) -> Rect {
    if let Some(desk) = layout::desk(area, app.banner_rows())
        && desk.queue.width >= BESIDE_MIN_WIDTH
    {
        let rect = Rect::new(
            desk.queue.x,
            desk.main.y,
            desk.queue.width,
            desk.main.height + desk.promises.height,
        );
        frame.render_widget(Clear, rect);
        return rect;
    }
    popup_area(frame, area, area.width, area.height)
}

pub fn draw_search(frame: &mut Frame, area: Rect, app: &App, search: &KbSearch, theme: &Theme) {
    let texts = &app.texts;
    let rect = kb_area(frame, area, app);
    let title = t!(texts, "kb-title");
    let block = popup_block(&title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let keys = picker::HintKeys::of(&app.keymap);
    let kb_keys = &app.keymap.kb;
    let hints = hint_lines(
        &[
            (&keys.choose, t!(texts, "kb-key-choose")),
            (&keys.pick, t!(texts, "kb-key-open")),
            (
                &kb_keys.hint_key(KbCommand::NewArticle),
                t!(texts, "kb-key-new"),
            ),
            (
                &kb_keys.hint_key(KbCommand::EditArticle),
                t!(texts, "kb-key-edit"),
            ),
            (&keys.close, t!(texts, "kb-key-close")),
        ],
        inner.width,
        theme,
    );
    let skipped = app.kb.skipped.len();
    let [prompt_area, input_area, list_area, skipped_area, help_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(skipped > 0)),
        Constraint::Length(hints.len() as u16),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(t!(texts, "kb-prompt")).style(theme.muted()),
        prompt_area,
    );
    frame.render_widget(
        Paragraph::new(t!(texts, "kb-some-skipped", count = skipped)).style(theme.error()),
        skipped_area,
    );
    frame.render_widget(Paragraph::new(hints), help_area);

    let width = usize::from(list_area.width.saturating_sub(2));
    let row = |i: &usize| {
        let a = app.kb.articles.get(*i)?;
        let own = if a.own {
            format!(" · {}", t!(texts, "kb-own"))
        } else {
            String::new()
        };
        Some(ListItem::new(vec![
            Line::from(Span::styled(clip(&a.title, width), theme.title())),
            Line::from(Span::styled(
                clip(&format!("  {}{own}", a.tags.join(", ")), width),
                theme.muted(),
            )),
        ]))
    };
    let none = t!(
        texts,
        "kb-none",
        new = app.keymap.kb.hint_key(KbCommand::NewArticle)
    );
    let lines = picker::Lines {
        nothing_typed: Some(none.clone()),
        no_hits: Some(none),
        ..Default::default()
    };
    picker::draw(frame, (input_area, list_area), search, row, lines, theme);
}

pub fn draw_article(frame: &mut Frame, area: Rect, app: &App, view: &ArticleView, theme: &Theme) {
    let texts = &app.texts;
    let Some(article) = app.kb.get(&view.slug) else {
        return;
    };
    let rect = kb_area(frame, area, app);
    let block = popup_block(&article.title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let (text, own) = (&app.keymap.text, &app.keymap.article);
    let back = if view.back.is_some() {
        (own.hint_key(ArticleCommand::Back), t!(texts, "kb-key-back"))
    } else {
        (
            own.hint_key(ArticleCommand::Close),
            t!(texts, "kb-key-close"),
        )
    };
    let scroll = format!(
        "{}/{}",
        text.hint_key(TextCommand::Down),
        text.hint_key(TextCommand::Up)
    );
    let page = format!(
        "{}/{}",
        text.hint_key(TextCommand::PageUp),
        text.hint_key(TextCommand::PageDown)
    );
    let hints = hint_lines(
        &[
            (&scroll, t!(texts, "kb-key-scroll")),
            (&page, t!(texts, "kb-key-page")),
            (
                &own.hint_key(ArticleCommand::Insert),
                t!(texts, "kb-key-insert"),
            ),
            (
                &own.hint_key(ArticleCommand::Send),
                t!(texts, "kb-key-send"),
            ),
            (
                &own.hint_key(ArticleCommand::Edit),
                t!(texts, "kb-key-edit"),
            ),
            (&back.0, back.1),
        ],
        inner.width,
        theme,
    );
    let mut about = vec![Span::styled(format!("kb:{}", article.slug), theme.muted())];
    if let Some(usage) = &view.usage {
        about.push(Span::styled(
            format!(
                " · {}",
                t!(
                    texts,
                    "kb-usage",
                    opened = usage.opened,
                    callers = usage.callers,
                    back = usage.came_back
                )
            ),
            theme.muted(),
        ));
    }
    let about = Paragraph::new(Line::from(about)).wrap(Wrap { trim: true });
    let about_height = (about.line_count(inner.width) as u16).min(2);
    let [about_area, body_area, help_area] = Layout::vertical([
        Constraint::Length(about_height),
        Constraint::Min(1),
        Constraint::Length(hints.len() as u16),
    ])
    .areas(inner);
    frame.render_widget(about, about_area);
    frame.render_widget(Paragraph::new(hints), help_area);

    let style = MarkdownStyle {
        heading: theme.title(),
        code: theme.key(),
        link: theme.ok(),
        muted: theme.muted(),
    };
    // The title is on the frame already; a first heading that repeats it is left out.
    let body = article.body.trim_start();
    let body = body
        .strip_prefix(&format!("# {}", article.title))
        .filter(|rest| rest.starts_with('\n') || rest.is_empty())
        .unwrap_or(body);
    let body = Paragraph::new(markdown::lines(body, &style)).wrap(Wrap { trim: false });
    // The app knows the text's length, not how it wraps here: the end is found by drawing.
    let top = view
        .scroll
        .drawn(body.line_count(body_area.width), body_area.height);
    frame.render_widget(body.scroll((top, 0)), body_area);
}

/// Key hints over as many lines as the width needs, so none is cut at 80 columns.
fn hint_lines(pairs: &[(&str, String)], width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    for (key, what) in pairs {
        let text = format!(" {what}  ");
        let needed = Span::raw(*key).width() + Span::raw(text.as_str()).width();
        if used + needed > usize::from(width) && !spans.is_empty() {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        used += needed;
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::raw(text));
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}
