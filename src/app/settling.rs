//! Settling a conflict from the ticket pane: two desks set one field differently while
//! apart, the team store kept the later value, and the person at the desk decides which
//! stays. The decision is a change like any other, so every desk learns it.

use super::form::{Field, Form, FormKind};
use super::{App, Effect, Popup};
use crate::domain::change::{self, Conflict, Keep};
use crate::domain::when;
use crate::i18n::Texts;
use crate::t;

/// The choice between the two values, the one the store kept first. `at` words an instant.
pub fn form(
    conflict: &Conflict,
    at: impl Fn(chrono::DateTime<chrono::Utc>) -> String,
    texts: &Texts,
) -> Form {
    let option = |value, by: &str, instant| {
        t!(
            texts,
            "form-settle-option",
            value = change::value_text(&conflict.column, value, texts),
            by = by,
            at = at(instant)
        )
    };
    Form::new(
        FormKind::Settle {
            conflict_id: conflict.id.clone(),
        },
        t!(
            texts,
            "form-settle",
            field = change::field_text(&conflict.column, texts)
        ),
        vec![Field::choice(
            t!(texts, "field-keep"),
            vec![
                option(&conflict.kept, &conflict.kept_by, conflict.kept_at),
                option(&conflict.lost, &conflict.lost_by, conflict.lost_at),
            ],
            0,
        )],
    )
    .with_context(vec![t!(texts, "form-settle-hint")])
}

/// Which value the submitted form chose: its first option is the one the store kept.
pub(super) fn chosen(form: &Form) -> Keep {
    if form.choice(0) == 0 {
        Keep::Kept
    } else {
        Keep::Lost
    }
}

impl App {
    /// Opens the choice for the ticket's oldest open conflict; the others follow one by one.
    pub(super) fn settle_conflict(&mut self) -> Vec<Effect> {
        self.require_ticket();
        let Some(view) = &self.views.ticket else {
            return Vec::new();
        };
        let Some(conflict) = view.conflicts.first() else {
            let text = t!(
                self.texts,
                "msg-no-conflict",
                key = view.ticket.key.as_str()
            );
            self.info(text);
            return Vec::new();
        };
        let tz = self.config.time_zone;
        let at = |instant| when::friendly(instant, self.now, tz, &self.texts);
        self.popup = Some(Popup::Form(form(conflict, at, &self.texts)));
        Vec::new()
    }
}
