//! The help screen, generated from the keymap so it always tells the truth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, popup_area, popup_block};
use crate::app::App;
use crate::app::reading::TextScroll;
use crate::i18n::Texts;
use crate::keymap::{Bindings, Command, ContextCommand, TextCommand};
use crate::t;

/// Any read-only text in a scrolling popup.
pub fn draw_text(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    title: &str,
    text: &[String],
    scroll: &TextScroll,
    theme: &Theme,
) {
    let rect = popup_area(
        frame,
        area,
        area.width.saturating_sub(8),
        area.height.saturating_sub(4),
    );
    let mut lines: Vec<Line> = text.iter().map(|l| Line::from(l.as_str())).collect();
    lines.push(Line::from(""));
    let keys = &app.keymap.text;
    lines.push(Line::from(Span::styled(
        t!(
            app.texts,
            "text-hint",
            scroll = scroll_keys(app),
            esc = keys.hint_key(TextCommand::Close)
        ),
        theme.muted(),
    )));
    draw_scrolled(frame, rect, title, lines, scroll, theme);
}

/// The lines in a bordered popup, from where the agent scrolled to, stopping at their end.
fn draw_scrolled(
    frame: &mut Frame,
    rect: Rect,
    title: &str,
    lines: Vec<Line>,
    scroll: &TextScroll,
    theme: &Theme,
) {
    let block = popup_block(title, theme);
    let top = scroll.drawn(lines.len(), block.inner(rect).height);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((top, 0)), rect);
}

/// The keys that scroll a text a line, for a hint: "j/k".
fn scroll_keys(app: &App) -> String {
    let keys = &app.keymap.text;
    format!(
        "{}/{}",
        keys.hint_key(TextCommand::Down),
        keys.hint_key(TextCommand::Up)
    )
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: &TextScroll, theme: &Theme) {
    // As wide as the terminal allows, so a description is not cut at 90 columns.
    let rect = popup_area(
        frame,
        area,
        area.width.saturating_sub(8).max(90),
        area.height.saturating_sub(4),
    );
    let mut lines = vec![Line::from(t!(app.texts, "help-intro")), Line::from("")];
    for command in Command::ALL {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:<12}", app.keymap.keys_for(*command)),
                theme.key(),
            ),
            Span::styled(format!(":{:<16}", command.name()), theme.title()),
            Span::raw(command.description(&app.texts)),
        ]));
    }
    let keymap = &app.keymap;
    let texts = &app.texts;
    for section in [
        context_lines(t!(texts, "help-picker"), &keymap.picker, texts, theme),
        context_lines(t!(texts, "help-form"), &keymap.form, texts, theme),
        context_lines(t!(texts, "help-choice"), &keymap.choice, texts, theme),
        context_lines(t!(texts, "help-text"), &keymap.text, texts, theme),
        context_lines(t!(texts, "help-list"), &keymap.list, texts, theme),
        context_lines(t!(texts, "help-script"), &keymap.script, texts, theme),
        context_lines(t!(texts, "help-kb"), &keymap.kb, texts, theme),
        context_lines(t!(texts, "help-article"), &keymap.article, texts, theme),
    ] {
        lines.extend(section);
    }
    lines.push(Line::from(""));
    // The help also closes with the key that opened it; see `App::on_popup_key`.
    lines.push(Line::from(Span::styled(
        t!(
            app.texts,
            "help-hint",
            scroll = scroll_keys(app),
            esc = keymap.text.hint_key(TextCommand::Close),
            help = keymap.shortcut(Command::Help)
        ),
        theme.muted(),
    )));
    let title = t!(app.texts, "help-title");
    draw_scrolled(frame, rect, &title, lines, scroll, theme);
}

/// A popup context's part of the help: a heading, then each command with its keys, its
/// name as `[keys.<context>]` knows it, and what it does.
fn context_lines<C: ContextCommand>(
    heading: String,
    bindings: &Bindings<C>,
    texts: &Texts,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(heading, theme.title())),
    ];
    for command in C::ALL {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<12}", bindings.keys_for(*command)), theme.key()),
            Span::styled(format!(" {:<16}", command.name()), theme.title()),
            Span::raw(command.description(texts)),
        ]));
    }
    lines
}
