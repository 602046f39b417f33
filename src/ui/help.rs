//! The help screen, generated from the keymap so it always tells the truth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, popup_area, popup_block};
use crate::app::App;
use crate::keymap::{Bindings, Command, ContextCommand};
use crate::t;

/// Any read-only text in a scrolling popup.
pub fn draw_text(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    title: &str,
    text: &[String],
    scroll: u16,
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
    lines.push(Line::from(Span::styled(
        t!(app.texts, "text-hint", scroll = "j/k", esc = "Esc"),
        theme.muted(),
    )));
    let block = popup_block(title, theme);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
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
    lines.extend(context_lines(
        t!(texts, "help-picker"),
        &keymap.picker,
        |c| c.description(texts),
        theme,
    ));
    lines.extend(context_lines(
        t!(texts, "help-form"),
        &keymap.form,
        |c| c.description(texts),
        theme,
    ));
    lines.extend(context_lines(
        t!(texts, "help-choice"),
        &keymap.choice,
        |c| c.description(texts),
        theme,
    ));
    lines.push(Line::from(""));
    // The keys that close the help whatever the keymap says; see `App::on_popup_key`.
    lines.push(Line::from(Span::styled(
        t!(
            app.texts,
            "help-hint",
            scroll = "j/k",
            esc = "Esc",
            help = "?"
        ),
        theme.muted(),
    )));
    let title = t!(app.texts, "help-title");
    let block = popup_block(&title, theme);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

/// A popup context's part of the help: a heading, then each command with its keys, its
/// name as `[keys.<context>]` knows it, and what it does.
fn context_lines<C: ContextCommand>(
    heading: String,
    bindings: &Bindings<C>,
    description: impl Fn(C) -> String,
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
            Span::raw(description(*command)),
        ]));
    }
    lines
}
