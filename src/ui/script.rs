//! The script picker and the script runner: the current question, its answers (or a field
//! for a typed answer), the path so far, and at the end the suggested resolution or
//! escalation.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::{Theme, clip, popup_area, popup_block};
use crate::app::App;
use crate::app::script::{PickRow, Picker, Runner, ScriptPopup};
use crate::keymap::{ListCommand, ScriptCommand};
use crate::t;

/// The path shows at most this many answers, the latest ones.
const PATH_LINES: usize = 4;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, popup: &ScriptPopup, theme: &Theme) {
    match popup {
        ScriptPopup::Pick(picker) => draw_picker(frame, area, app, picker, theme),
        ScriptPopup::Run(runner) => draw_runner(frame, area, app, runner, theme),
    }
}

fn draw_picker(frame: &mut Frame, area: Rect, app: &App, picker: &Picker, theme: &Theme) {
    let texts = &app.texts;
    let key = app
        .current_ticket()
        .map(|t| t.key.clone())
        .unwrap_or_default();
    let title = t!(texts, "script-picker-title", key = key);
    let rect = popup_area(frame, area, 76, 20);
    let block = popup_block(&title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let errors: Vec<Line> = if picker.errors.is_empty() {
        Vec::new()
    } else {
        let heading = t!(texts, "script-picker-errors", count = picker.errors.len());
        std::iter::once(Line::from(Span::styled(heading, theme.error())))
            .chain(
                picker
                    .errors
                    .iter()
                    .map(|e| Line::from(Span::styled(e.to_string(), theme.error()))),
            )
            .collect()
    };
    let errors = Paragraph::new(errors).wrap(Wrap { trim: false });
    let error_rows = errors.line_count(inner.width).min(6) as u16;
    let [list_area, error_area, hint_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(error_rows),
        Constraint::Length(1),
    ])
    .areas(inner);
    let width = usize::from(list_area.width.saturating_sub(2));
    let items: Vec<ListItem> = picker
        .rows
        .iter()
        .map(|row| match row {
            PickRow::Resume(runner) => {
                let text = t!(
                    texts,
                    "script-resume",
                    title = runner.script.title.as_str(),
                    step = runner.run.path.len() + 1
                );
                ListItem::new(Span::styled(clip(&text, width), theme.title()))
            }
            PickRow::Start(script) => {
                let mut spans = vec![Span::raw(clip(&script.title, width))];
                if script.own {
                    spans.push(Span::styled(
                        format!("  ({})", t!(texts, "script-own")),
                        theme.muted(),
                    ));
                }
                ListItem::new(Line::from(spans))
            }
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(picker.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
    frame.render_widget(errors, error_area);
    let list = &app.keymap.list;
    let hint = t!(
        texts,
        "script-picker-hint",
        choose = choose_keys(app),
        enter = list.hint_key(ListCommand::Open),
        esc = list.hint_key(ListCommand::Close)
    );
    frame.render_widget(Paragraph::new(hint).style(theme.muted()), hint_area);
}

fn draw_runner(frame: &mut Frame, area: Rect, app: &App, runner: &Runner, theme: &Theme) {
    let texts = &app.texts;
    // The popup is as tall as what it shows, so the ticket stays visible beside short steps.
    let width = 76.min(area.width.saturating_sub(2)).saturating_sub(2);

    let path = path_lines(runner, usize::from(width));
    let keys = &app.keymap.script;
    let (enter, back, esc) = (
        keys.hint_key(ScriptCommand::Answer),
        keys.hint_key(ScriptCommand::Back),
        keys.hint_key(ScriptCommand::Leave),
    );
    let (heading, body, hint) = match &runner.run.ended {
        Some(ending) => {
            let heading = if ending.resolution {
                t!(texts, "script-resolution")
            } else {
                match &ending.group {
                    Some(group) => t!(texts, "script-escalation", group = group.as_str()),
                    None => t!(texts, "script-escalation-next-line"),
                }
            };
            let hint = if ending.resolution {
                t!(texts, "script-resolution-hint", enter = enter, esc = esc)
            } else {
                t!(texts, "script-escalation-hint", enter = enter, esc = esc)
            };
            (heading, ending.text.clone(), hint)
        }
        None => {
            let heading = t!(texts, "script-step", step = runner.run.path.len() + 1);
            let hint = if runner.takes_text() {
                t!(
                    texts,
                    "script-text-hint",
                    enter = enter,
                    back = back,
                    esc = esc
                )
            } else {
                let numbers = runner.answers().len().min(9);
                let keys = format!("1–{numbers} {} {enter}", choose_keys(app));
                t!(
                    texts,
                    "script-choice-hint",
                    keys = keys,
                    back = back,
                    esc = esc
                )
            };
            (heading, runner.question(), hint)
        }
    };
    let body = Paragraph::new(body).wrap(Wrap { trim: true });
    let body_rows = body.line_count(width) as u16;
    let message = runner.error.as_ref().or(runner.notice.as_ref()).map(|m| {
        let style = if runner.error.is_some() {
            theme.error()
        } else {
            theme.muted()
        };
        Paragraph::new(Span::styled(m.clone(), style)).wrap(Wrap { trim: true })
    });
    let message_rows = message.as_ref().map_or(0, |m| m.line_count(width).min(3)) as u16;
    let hint = Paragraph::new(hint)
        .style(theme.muted())
        .wrap(Wrap { trim: true });
    let hint_rows = hint.line_count(width).min(2) as u16;
    let path_rows = if path.is_empty() {
        0
    } else {
        path.len() as u16 + 1
    };
    let answer_rows = match (&runner.run.ended, runner.takes_text()) {
        (Some(_), _) => 0,
        (None, true) => 2,
        (None, false) => runner.answers().len() as u16,
    };
    let height = path_rows + 1 + body_rows + answer_rows + message_rows + hint_rows + 2;
    let rect = popup_area(frame, area, width + 2, height);
    let block = popup_block(&runner.script.title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [
        path_area,
        heading_area,
        body_area,
        answers_area,
        message_area,
        hint_area,
    ] = Layout::vertical([
        Constraint::Length(path_rows),
        Constraint::Length(1),
        Constraint::Length(body_rows),
        Constraint::Min(answer_rows),
        Constraint::Length(message_rows),
        Constraint::Length(hint_rows),
    ])
    .areas(inner);
    if !path.is_empty() {
        let mut lines = vec![Line::from(Span::styled(
            t!(texts, "script-so-far"),
            theme.muted(),
        ))];
        lines.extend(path);
        frame.render_widget(Paragraph::new(lines), path_area);
    }
    frame.render_widget(
        Paragraph::new(Span::styled(heading, theme.title())),
        heading_area,
    );
    frame.render_widget(body, body_area);
    if runner.run.ended.is_none() {
        draw_answers(frame, answers_area, app, runner, theme);
    }
    if let Some(message) = message {
        frame.render_widget(message, message_area);
    }
    frame.render_widget(hint, hint_area);
}

/// The latest answers, one line each: the question cut short, then the answer.
fn path_lines<'a>(runner: &Runner, width: usize) -> Vec<Line<'a>> {
    let skip = runner.run.path.len().saturating_sub(PATH_LINES);
    runner.run.path[skip..]
        .iter()
        .map(|taken| {
            let answer = clip(&taken.answer, width / 2);
            let room = width.saturating_sub(answer.chars().count() + 5);
            Line::from(vec![
                Span::raw(format!("  {} ", clip(&taken.question, room))),
                Span::raw("→ "),
                Span::raw(answer),
            ])
        })
        .collect()
}

fn draw_answers(frame: &mut Frame, area: Rect, app: &App, runner: &Runner, theme: &Theme) {
    if runner.takes_text() {
        let [prompt_area, input_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
        frame.render_widget(
            Paragraph::new(t!(app.texts, "script-text-prompt")).style(theme.muted()),
            prompt_area,
        );
        frame.render_widget(&runner.input, input_area);
        return;
    }
    let width = usize::from(area.width.saturating_sub(6));
    let items: Vec<ListItem> = runner
        .answers()
        .iter()
        .enumerate()
        .map(|(i, answer)| {
            let number = if i < 9 {
                format!("{} ", i + 1)
            } else {
                "  ".into()
            };
            ListItem::new(Line::from(vec![
                Span::styled(number, theme.key()),
                Span::raw(clip(&answer.text, width)),
            ]))
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(runner.selected));
    frame.render_stateful_widget(list, area, &mut state);
}

/// The keys that move through a list, for a hint: "j/k".
fn choose_keys(app: &App) -> String {
    let list = &app.keymap.list;
    format!(
        "{}/{}",
        list.hint_key(ListCommand::Next),
        list.hint_key(ListCommand::Previous)
    )
}
