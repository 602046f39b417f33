//! The ringing banner: one line per call ringing now, with who it is (name, organisation,
//! open tickets, the last promise made to them and how it went, how often they rang this
//! week) and the key that takes the call. An unknown number says so.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, clip};
use crate::app::App;
use crate::app::phone::BANNER_CALLS;
use crate::domain::calls::{LiveCall, english_ordinal};
use crate::domain::outcome::classify;
use crate::domain::text::escape_line;
use crate::i18n::Language;
use crate::t;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let ringing: Vec<&LiveCall> = app.ringing_calls().collect();
    let width = usize::from(area.width);
    let mut lines: Vec<Line> = ringing
        .iter()
        .take(BANNER_CALLS)
        .map(|call| {
            let hint = app.take_call_hint(call.call.caller_id.is_some());
            let about = clip(
                &about(app, call),
                width.saturating_sub(hint.chars().count() + 6).max(8),
            );
            Line::from(vec![
                Span::styled(format!(" ☎ {about}"), theme.due_soon()),
                Span::styled(format!(" — {hint}"), theme.key()),
            ])
        })
        .collect();
    if ringing.len() > BANNER_CALLS {
        lines.push(Line::from(Span::styled(
            format!(
                "   {}",
                t!(
                    app.texts,
                    "ringing-more",
                    count = ringing.len() - BANNER_CALLS
                )
            ),
            theme.due_soon(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Everything said about the caller, in the order an agent wants it before saying hello.
fn about(app: &App, live: &LiveCall) -> String {
    let texts = &app.texts;
    let call = &live.call;
    // Names and numbers came from the phone system or a file: data, never control.
    let number = escape_line(&call.number).into_owned();
    let Some(name) = &call.caller_name else {
        let mut parts = vec![number, t!(texts, "ringing-unknown")];
        if live.calls_this_week > 1 {
            parts.push(this_week(app, live.calls_this_week));
        }
        return parts.join(" · ");
    };
    let mut who = escape_line(name).into_owned();
    if !live.organization.is_empty() {
        who = format!("{who} ({})", escape_line(&live.organization));
    }
    let mut parts = vec![who, number];
    // Before the longer parts, which give way first on a narrow terminal.
    if live.calls_this_week > 1 {
        parts.push(this_week(app, live.calls_this_week));
    }
    parts.push(t!(texts, "ringing-open-tickets", count = live.open_tickets));
    if let Some(promise) = &live.last_promise {
        let outcome = classify(promise.state, promise.due_at, promise.closed_at, app.now);
        parts.push(t!(
            texts,
            "ringing-last-promise",
            what = escape_line(&promise.what).into_owned(),
            outcome = outcome.text(texts)
        ));
    }
    parts.join(" · ")
}

/// "3rd call this week", "3e oproep", "3. hívás": each language writes its ordinals.
fn this_week(app: &App, count: i64) -> String {
    let nth = match app.config.language {
        Language::English => english_ordinal(count),
        Language::Dutch => format!("{count}e"),
        Language::Hungarian => format!("{count}."),
    };
    t!(app.texts, "ringing-this-week", nth = nth)
}
