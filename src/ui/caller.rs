//! The Caller pane: who is on the line, how to reach them, the codes they may not know,
//! and their prior contacts, newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::{Theme, is_focused, pane_block};
use crate::app::{App, CallerView, Pane, recognition};
use crate::domain::EarlierTicket;
use crate::domain::outcome::{Outcome, classify};
use crate::{domain::when, t};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = is_focused(app, Pane::Caller);
    let title = t!(app.texts, "caller-title");
    let Some(view) = &app.views.caller else {
        let block = pane_block(&title, String::new(), focused, theme);
        let hint = Paragraph::new(t!(app.texts, "caller-none"))
            .style(theme.muted())
            .wrap(Wrap { trim: true })
            .block(block);
        frame.render_widget(hint, area);
        return;
    };
    let block = pane_block(&title, String::new(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    // Counted in wrapped rows, so a long line does not push the card's last lines out.
    let card = Paragraph::new(card_lines(view, app, theme)).wrap(Wrap { trim: true });
    let card_height = (card.line_count(inner.width) as u16).min(inner.height / 2 + 1);
    let [card_area, contacts_area] =
        Layout::vertical([Constraint::Length(card_height), Constraint::Min(1)]).areas(inner);
    frame.render_widget(card, card_area);

    // While a new ticket's subject is typed, the caller's earlier tickets most like it
    // take the place of the contact list: "you called about this before".
    let similar = app.similar_earlier();
    let (items, title) = if similar.is_empty() {
        (
            contact_items(view, app, theme),
            t!(
                app.texts,
                "caller-prior-contacts",
                count = view.prior_contacts.len()
            ),
        )
    } else {
        (
            similar_items(&similar, app, theme),
            t!(app.texts, "caller-similar", count = similar.len()),
        )
    };
    let title = Line::from(Span::styled(title, theme.title()));
    let [title_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(contacts_area);
    frame.render_widget(Paragraph::new(title), title_area);
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶");
    let mut state = ListState::default();
    if focused && similar.is_empty() && !view.prior_contacts.is_empty() {
        state.select(Some(app.contact_selected));
    }
    frame.render_stateful_widget(list, list_area, &mut state);
}

fn contact_items<'a>(view: &'a CallerView, app: &App, theme: &Theme) -> Vec<ListItem<'a>> {
    view.prior_contacts
        .iter()
        .map(|contact| {
            let arrow = if contact.inbound { "←" } else { "→" };
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(
                        when::friendly(contact.at, app.now, app.config.time_zone, &app.texts),
                        theme.muted(),
                    ),
                    Span::raw(format!(" {arrow} {}", contact.ticket_key)),
                ]),
                Line::from(format!(
                    "  {} — {}",
                    contact.subject,
                    contact.outcome.text(&app.texts)
                )),
            ])
        })
        .collect()
}

fn similar_items<'a>(similar: &[&EarlierTicket], app: &App, theme: &Theme) -> Vec<ListItem<'a>> {
    similar
        .iter()
        .map(|ticket| {
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(
                        when::friendly(
                            ticket.created_at,
                            app.now,
                            app.config.time_zone,
                            &app.texts,
                        ),
                        theme.muted(),
                    ),
                    Span::raw(format!(" {} {}", ticket.key, ticket.subject)),
                ]),
                Line::from(format!("  {}", recognition::outcome(ticket, &app.texts))),
            ])
        })
        .collect()
}

fn card_lines<'a>(view: &'a CallerView, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let c = &view.caller;
    let mut lines = vec![Line::from(Span::styled(c.name.as_str(), theme.title()))];
    if !c.organization.is_empty() {
        lines.push(Line::from(c.organization.as_str()));
    }
    // One person entered twice splits their history; the merge key joins the entries. Near
    // the top, so that a short pane shows it too.
    if let Some(first) = view.duplicates.first() {
        let key = app.keymap.shortcut(crate::keymap::Command::MergeCaller);
        lines.push(Line::from(Span::styled(
            t!(
                app.texts,
                "caller-duplicate",
                name = first.second_name.as_str(),
                value = first.value.as_str(),
                key = key
            ),
            theme.due_soon(),
        )));
    }
    lines.extend(c.phones.iter().map(|p| Line::from(format!("☎ {p}"))));
    lines.extend(c.emails.iter().map(|e| Line::from(format!("✉ {e}"))));
    lines.extend(c.identifiers.iter().map(|i| Line::from(format!("# {i}"))));
    if !view.open_tickets.is_empty() {
        lines.push(Line::from(Span::styled(
            t!(
                app.texts,
                "caller-open-tickets",
                count = view.open_tickets.len()
            ),
            theme.due_soon(),
        )));
    }
    // More than one contact lately is worth a glance: the caller may be ringing again
    // about the same thing.
    if view.recent.inbound > 1 {
        lines.push(Line::from(Span::styled(
            t!(
                app.texts,
                "caller-recent",
                count = view.recent.inbound,
                days = app.config.repeat_contact_days,
                open = view.recent.about_open
            ),
            theme.due_soon(),
        )));
    }
    if let Some(p) = &view.last_promise {
        let outcome = classify(p.state, p.due_at, p.closed_at, app.now);
        let style = if outcome == Outcome::Broken {
            theme.overdue()
        } else {
            theme.muted()
        };
        lines.push(Line::from(Span::styled(
            t!(
                app.texts,
                "caller-last-promise",
                what = p.what.as_str(),
                outcome = outcome.text(&app.texts)
            ),
            style,
        )));
    }
    // Pointed to self-service: did it help, or did they ring again?
    for sent in view.sent_articles.iter().take(2) {
        let back = if sent.came_back { "yes" } else { "no" };
        lines.push(Line::from(Span::styled(
            t!(
                app.texts,
                "caller-article-sent",
                title = sent.title.as_str(),
                when = when::friendly(sent.at, app.now, app.config.time_zone, &app.texts),
                back = back
            ),
            if sent.came_back {
                theme.due_soon()
            } else {
                theme.muted()
            },
        )));
    }
    lines
}
