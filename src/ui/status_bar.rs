//! The status bar: the agent, their figures, the last message, and key hints generated
//! from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, hint_line};
use crate::app::{App, Pane};
use crate::domain::when;
use crate::keymap::Command;
use crate::t;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let counts = app.views.counts;
    let mut first = vec![
        Span::styled(format!(" {} ", app.config.agent), theme.title()),
        Span::raw(format!(
            "· {} ",
            t!(
                app.texts,
                "status-figures",
                open = counts.open_tickets,
                today = counts.promises_due_today
            )
        )),
        Span::styled(
            t!(app.texts, "status-overdue", count = counts.promises_overdue),
            if counts.promises_overdue > 0 {
                theme.overdue()
            } else {
                Default::default()
            },
        ),
    ];
    first.extend(team_spans(app, theme));
    // A command the config left without a key runs from the palette; no hint for it.
    let hints = hints(app)
        .iter()
        .map(|c| (app.keymap.keys_for(*c), hint_word(*c, app)))
        .filter(|(keys, _)| !keys.is_empty())
        .collect::<Vec<_>>();
    let Some(message) = &app.message else {
        let lines = vec![Line::from(first), hint_line(&hints, area.width, theme)];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    let (marker, style) = if message.is_error {
        ("✗", theme.error())
    } else {
        ("✓", theme.ok())
    };
    let said = Span::styled(format!("  {marker} {}", message.text), style);
    let width = usize::from(area.width);
    let figures: usize = first.iter().map(Span::width).sum();
    // A message is read once and then goes, so while it shows it may take the figures'
    // room and, if it needs it, the hints' line too; it is never cut.
    let lines = if figures + said.width() <= width {
        first.push(said);
        vec![Line::from(first), hint_line(&hints, area.width, theme)]
    } else if first[0].width() + said.width() <= width {
        vec![
            Line::from(vec![first[0].clone(), said]),
            hint_line(&hints, area.width, theme),
        ]
    } else {
        let said = Span::styled(format!("{marker} {}", message.text), style);
        return frame.render_widget(
            Paragraph::new(Line::from(said)).wrap(Wrap { trim: true }),
            area,
        );
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// The team at a glance: synced or offline since when, changes waiting, open conflicts.
fn team_spans(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let Some(team) = &app.views.team else {
        return Vec::new();
    };
    let texts = &app.texts;
    let mut spans = Vec::new();
    if team.online {
        let ago = team
            .last_pull_at
            .map(|at| (app.now - at).num_seconds().max(0))
            .unwrap_or_default();
        spans.push(Span::raw(format!(
            " · {}",
            t!(texts, "status-team-synced", seconds = ago)
        )));
    } else {
        let since = team
            .offline_since
            .map(|at| when::friendly(at, app.now, app.config.time_zone, texts))
            .unwrap_or_else(|| "—".into());
        spans.push(Span::styled(
            format!(" · {}", t!(texts, "status-team-offline", since = since)),
            theme.due_soon(),
        ));
    }
    if team.pending > 0 {
        spans.push(Span::raw(format!(
            " · {}",
            t!(texts, "status-team-waiting", count = team.pending)
        )));
    }
    if team.conflicts > 0 {
        spans.push(Span::styled(
            format!(
                " · {}",
                t!(texts, "status-team-conflicts", count = team.conflicts)
            ),
            theme.overdue(),
        ));
    }
    spans
}

/// The commands worth a reminder where the focus is now.
fn hints(app: &App) -> Vec<Command> {
    use Command::*;
    let mut hints = vec![NewCall];
    // Pane-specific commands first, the general ones after.
    match app.focus {
        Pane::Promises => hints.extend([Kept, Reschedule, CancelPromise, Open]),
        Pane::Queue => hints.extend([Open, FilterMine, FilterAllOpen, FilterWaiting]),
        Pane::Ticket => hints.extend([Note, Promise, Status, Priority]),
        Pane::Caller => hints.extend([Copy, Note, Promise, Status]),
    }
    hints.extend([Help, Palette, Quit, FocusNext]);
    hints
}

/// The word after a key in the hint line. The palette names the commands in English for
/// the config and scripts; here the agent reads their own language.
fn hint_word(command: Command, app: &App) -> String {
    use Command::*;
    let texts = &app.texts;
    match command {
        NewCall => t!(texts, "status-hint-new-call"),
        Open => t!(texts, "status-hint-open"),
        FilterMine => t!(texts, "status-hint-mine"),
        FilterAllOpen => t!(texts, "status-hint-all-open"),
        FilterWaiting => t!(texts, "status-hint-waiting"),
        Kept => t!(texts, "status-hint-kept"),
        Reschedule => t!(texts, "status-hint-reschedule"),
        CancelPromise => t!(texts, "status-hint-cancel-promise"),
        Note => t!(texts, "status-hint-note"),
        Promise => t!(texts, "status-hint-promise"),
        Status => t!(texts, "status-hint-status"),
        Priority => t!(texts, "status-hint-priority"),
        Copy => t!(texts, "status-hint-copy"),
        Help => t!(texts, "status-hint-help"),
        Palette => t!(texts, "status-hint-palette"),
        Quit => t!(texts, "status-hint-quit"),
        FocusNext => t!(texts, "status-hint-focus-next"),
        // Commands `hints` never offers.
        other => other.name().to_string(),
    }
}
