//! The review screen: it covers the split view, one block per agent.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Theme, clip, popup_block, sla_label};
use crate::app::App;
use crate::app::review::{self, Bucket, Review};
use crate::domain::change::{self, TeamState};
use crate::domain::outcome::Record;
use crate::i18n::Texts;
use crate::keymap::{Command, ListCommand};
use crate::{domain::when, t};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, review: &Review, theme: &Theme) {
    let texts = &app.texts;
    frame.render_widget(Clear, area);
    let title = t!(texts, "review-title");
    let block = popup_block(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let tz = app.config.time_zone;
    let selected = review.selected_line(app.now, tz);
    let mut lines = Vec::new();
    if let Some(team) = &review.data.team {
        lines.push(Line::from(Span::styled(
            freshness(team, app, texts),
            theme.muted(),
        )));
    }
    let mut selected_line = 0;
    let settle = app.keymap.shortcut(Command::Settle);
    let shown = review.lines(app.now, tz);
    if shown.is_empty() {
        lines.push(Line::from(t!(texts, "review-empty")));
    }
    for (index, line) in shown.into_iter().enumerate() {
        let is_selected = selected == Some(index);
        if is_selected {
            selected_line = lines.len();
        }
        // Promises sit under their bucket's heading, one step further in.
        let marked = |indent: &str, text: String| {
            let marker = if is_selected { "▶" } else { " " };
            let style = if is_selected {
                theme.selected()
            } else {
                Default::default()
            };
            Line::from(Span::styled(format!("{indent}{marker} {text}"), style))
        };
        match line {
            review::Line::Conflicts(count) => {
                lines.push(Line::from(Span::styled(
                    t!(
                        texts,
                        "review-conflicts",
                        count = count,
                        key = settle.as_str()
                    ),
                    theme.overdue(),
                )));
            }
            review::Line::Conflict(c) => {
                let value = |v| change::value_text(&c.column, v, texts);
                lines.push(marked(
                    "  ",
                    t!(
                        texts,
                        "review-conflict",
                        ticket = format!("{:<8}", c.ticket_key.as_deref().unwrap_or("—")),
                        field = change::field_text(&c.column, texts),
                        kept_by = c.kept_by.as_str(),
                        kept = value(&c.kept),
                        lost_by = c.lost_by.as_str(),
                        lost = value(&c.lost)
                    ),
                ));
            }
            review::Line::Agent { name, week, month } => {
                if !lines.is_empty() {
                    lines.push(Line::from(""));
                }
                // Each period on a line of its own, so the 30-day record is never the part
                // a narrow terminal cuts.
                lines.push(Line::from(Span::styled(name.to_string(), theme.title())));
                for period in [
                    t!(texts, "review-week", record = record(week, texts)),
                    t!(texts, "review-month", record = record(month, texts)),
                ] {
                    lines.push(Line::from(Span::styled(
                        format!("  {period}"),
                        theme.muted(),
                    )));
                }
            }
            review::Line::Bucket(bucket, count) => {
                let style = if bucket == Bucket::Overdue {
                    theme.overdue()
                } else {
                    theme.title()
                };
                let marker = if bucket == Bucket::Overdue { "!! " } else { "" };
                lines.push(Line::from(Span::styled(
                    format!("  {marker}{} ({count})", bucket.text(&app.texts)),
                    style,
                )));
            }
            review::Line::Promise(p) => {
                lines.push(marked(
                    "    ",
                    format!(
                        "{:<14} {:<16} {:<8} {:<20} {}",
                        when::countdown(p.due_at, app.now, &app.texts),
                        when::friendly(p.due_at, app.now, tz, &app.texts),
                        p.ticket_key,
                        clip(&p.to, 20),
                        p.what
                    ),
                ));
            }
        }
    }
    if !review.data.sla.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            t!(texts, "review-sla", count = review.data.sla.len()),
            theme.overdue(),
        )));
        for (ticket, clocks) in &review.data.sla {
            let (left, style) = sla_label::label(&clocks.resolution, texts, theme);
            lines.push(Line::from(vec![
                Span::styled(format!("  {left:<14}"), style),
                Span::raw(format!(
                    "{:<8} P{} {:<16} {:<18} {}",
                    ticket.key,
                    ticket.priority,
                    clip(ticket.assignee.as_deref().unwrap_or("—"), 16),
                    clip(&ticket.caller_name, 18),
                    ticket.subject
                )),
            ]));
        }
    }
    if !review.data.unacted.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            t!(texts, "review-unacted", count = review.data.unacted.len()),
            theme.overdue(),
        )));
        for alert in &review.data.unacted {
            let p = &alert.promise;
            let line = t!(
                texts,
                "review-unacted-line",
                owner = p.owner.as_str(),
                ticket = format!("{:<8}", p.ticket_key),
                to = p.to.as_str(),
                what = p.what.as_str(),
                due = when::friendly(p.due_at, app.now, tz, texts),
                reminded = when::time_of_day(alert.at, app.now, tz, texts),
                kind = alert.kind.text(texts)
            );
            lines.push(Line::from(format!("  {line}")));
        }
    }
    lines.push(Line::from(""));
    let keys = &app.keymap.list;
    lines.push(Line::from(Span::styled(
        t!(
            texts,
            "review-hint",
            choose = format!(
                "{}/{}",
                keys.hint_key(ListCommand::Next),
                keys.hint_key(ListCommand::Previous)
            ),
            enter = keys.hint_key(ListCommand::Open),
            esc = keys.hint_key(ListCommand::Close),
            overdue = "balie overdue",
            report = "balie report"
        ),
        theme.muted(),
    )));
    // Long lines wrap rather than lose their end (a deadline, a reminder's time); the
    // selected promise is kept in view, counted in wrapped rows.
    let rows_before = Paragraph::new(lines[..selected_line.min(lines.len())].to_vec())
        .wrap(Wrap { trim: false })
        .line_count(inner.width);
    let height = usize::from(inner.height);
    let offset = rows_before.saturating_sub(height.saturating_sub(3));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    frame.render_widget(paragraph.scroll((offset as u16, 0)), inner);
}

/// How fresh the desk's copy of the team's figures is.
fn freshness(team: &TeamState, app: &App, texts: &Texts) -> String {
    let tz = app.config.time_zone;
    match (team.online, team.offline_since, team.last_pull_at) {
        (true, _, Some(at)) => t!(
            texts,
            "review-team-online",
            when = when::friendly(at, app.now, tz, texts)
        ),
        (false, Some(since), last) => t!(
            texts,
            "review-team-offline",
            since = when::time_of_day(since, app.now, tz, texts),
            pulled = last.map_or_else(
                || "—".to_string(),
                |at| when::friendly(at, app.now, tz, texts)
            )
        ),
        _ => t!(texts, "review-team-never"),
    }
}

fn record(record: Option<&Record>, texts: &Texts) -> String {
    let Some(r) = record else {
        return t!(texts, "review-no-record");
    };
    let rate = r
        .rate()
        .map_or_else(|| "—".to_string(), |rate| format!("{:.0}%", rate * 100.0));
    t!(
        texts,
        "review-record",
        made = r.made,
        kept = r.kept_on_time,
        late = r.kept_late,
        broken = r.broken,
        rate = rate
    )
}
