//! How wide each column of the queue is. The subject is the one free text an agent reads,
//! so it takes what the other columns leave; they are as wide as what this page of the
//! queue shows in them, no wider, and give way to the subject before it is cut.

use ratatui::layout::Constraint;
use unicode_width::UnicodeWidthStr;

use super::{short_status, sla_label, tiny_status};
use crate::app::App;
use crate::t;
use crate::ui::Theme;

/// The subject room the other columns give way to (the status shortens, the caller's name
/// narrows) before a row is laid out.
const SUBJECT_ROOM: u16 = 28;
/// Below this the caller and SLA columns are left out rather than squeeze the subject.
const SUBJECT_MIN: u16 = 20;
const CALLER_MIN: u16 = 10;
const CALLER_MAX: u16 = 18;
/// An SLA label beyond this is clipped ("!! 12h te laat" is 14).
const SLA_MAX: u16 = 14;
/// The "▶" before the selected row.
const HIGHLIGHT: u16 = 1;
/// Narrower panes than this (inside the borders) show key, subject and priority only.
const MIDDLE_FROM: u16 = 38;
/// From this width on (inside the borders) the caller and SLA columns are tried.
const FULL_FROM: u16 = 56;

/// What the rows on this page need in each column, headers included.
#[derive(Debug, Clone, Default)]
pub(super) struct Wanted {
    pub key: u16,
    pub caller: u16,
    pub status_full: u16,
    pub status_tiny: u16,
    pub priority: u16,
    pub age: u16,
    pub sla: u16,
}

fn cells(text: &str) -> u16 {
    u16::try_from(text.width()).unwrap_or(u16::MAX)
}

impl Wanted {
    pub fn of(app: &App, theme: &Theme) -> Wanted {
        let texts = &app.texts;
        let queue = &app.views.queue;
        let widest = |header: String, each: &dyn Fn(&crate::domain::Ticket) -> String| {
            queue
                .iter()
                .map(|t| cells(&each(t)))
                .chain([cells(&header)])
                .max()
                .unwrap_or(0)
        };
        Wanted {
            // Wide enough for the * that marks the open ticket: keys grow to T-1000000 on
            // a desk of some years.
            key: widest(t!(texts, "queue-col-key"), &|t| format!("{}*", t.key)).max(7),
            caller: widest(t!(texts, "queue-col-caller"), &|t| t.caller_name.clone()),
            status_full: widest(t!(texts, "queue-col-status"), &|t| {
                short_status(t.status, texts)
            }),
            status_tiny: widest(t!(texts, "queue-col-status-short"), &|t| {
                tiny_status(t.status, texts)
            }),
            priority: widest(t!(texts, "queue-col-priority"), &|t| {
                t!(texts, "queue-priority", priority = t.priority)
            }),
            age: widest(t!(texts, "queue-col-age"), &|t| {
                crate::domain::when::age(t.created_at, app.now, texts)
            }),
            sla: widest(t!(texts, "queue-col-sla"), &|t| {
                app.views
                    .clocks
                    .get(&t.id)
                    .map(|c| sla_label::label(&c.resolution, texts, theme).0)
                    .unwrap_or_default()
            }),
        }
    }
}

/// Which columns a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Set {
    /// Key, caller, subject, status, priority, age and SLA.
    Full {
        caller: u16,
        /// The 8-letter status, or the 3-letter one when the subject needs the room.
        full_status: bool,
        sla: u16,
    },
    /// Key, subject, short status, priority and age.
    Middle,
    /// Key, subject and priority.
    Tiny,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Columns {
    pub set: Set,
    pub subject: u16,
    widths: Vec<u16>,
}

impl Columns {
    /// The columns for a pane `room` cells wide inside its borders.
    pub fn fit(room: u16, wanted: &Wanted) -> Columns {
        let key = wanted.key.min(12);
        let priority = wanted.priority;
        let left = |used: &[u16]| {
            let spacing = u16::try_from(used.len()).unwrap_or(u16::MAX);
            room.saturating_sub(HIGHLIGHT + spacing + used.iter().sum::<u16>())
        };
        if room < MIDDLE_FROM {
            let subject = left(&[key, priority]);
            return Columns {
                set: Set::Tiny,
                subject,
                widths: vec![key, subject, priority],
            };
        }
        let age = wanted.age;
        if room >= FULL_FROM {
            let sla = wanted.sla.min(SLA_MAX);
            let mut caller = wanted.caller.clamp(CALLER_MIN, CALLER_MAX);
            let mut status = wanted.status_full;
            let mut subject = left(&[key, caller, status, priority, age, sla]);
            let full_status = subject >= SUBJECT_ROOM;
            if !full_status {
                status = wanted.status_tiny;
                subject = left(&[key, caller, status, priority, age, sla]);
            }
            if subject < SUBJECT_ROOM {
                caller = caller
                    .saturating_sub(SUBJECT_ROOM - subject)
                    .max(CALLER_MIN);
                subject = left(&[key, caller, status, priority, age, sla]);
            }
            if subject >= SUBJECT_MIN {
                return Columns {
                    set: Set::Full {
                        caller,
                        full_status,
                        sla,
                    },
                    subject,
                    widths: vec![key, caller, subject, status, priority, age, sla],
                };
            }
        }
        let status = wanted.status_tiny;
        let subject = left(&[key, status, priority, age]);
        Columns {
            set: Set::Middle,
            subject,
            widths: vec![key, subject, status, priority, age],
        }
    }

    pub fn constraints(&self) -> Vec<Constraint> {
        self.widths.iter().map(|w| Constraint::Length(*w)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the demo desk's first page asks for in English.
    fn demo() -> Wanted {
        Wanted {
            key: 7,
            caller: 18,
            status_full: 8,
            status_tiny: 4,
            priority: 2,
            age: 3,
            sla: 10,
        }
    }

    #[test]
    fn the_columns_fill_the_pane_exactly() {
        for room in 20..200 {
            let columns = Columns::fit(room, &demo());
            let spacing = u16::try_from(columns.widths.len() - 1).unwrap();
            let used: u16 = columns.widths.iter().sum::<u16>() + spacing + HIGHLIGHT;
            assert_eq!(used, room, "at {room}: {columns:?}");
        }
    }

    #[test]
    fn the_subject_gets_what_the_other_columns_leave() {
        // A wide pane: every column as wide as its widest entry, the rest to the subject.
        let wide = Columns::fit(120, &demo());
        assert_eq!(
            wide.set,
            Set::Full {
                caller: 18,
                full_status: true,
                sla: 10
            }
        );
        assert_eq!(wide.subject, 120 - 1 - 6 - (7 + 18 + 8 + 2 + 3 + 10));
        // Less room: the status shortens, then the caller's name narrows, for the subject.
        let narrower = Columns::fit(72, &demo());
        assert!(matches!(
            narrower.set,
            Set::Full {
                full_status: false,
                ..
            }
        ));
        assert!(narrower.subject >= SUBJECT_ROOM, "{narrower:?}");
        // Too little for the caller and SLA beside a readable subject: they give way.
        let middle = Columns::fit(56, &demo());
        assert_eq!(middle.set, Set::Middle);
        assert_eq!(middle.subject, 56 - 1 - 4 - (7 + 4 + 2 + 3));
        assert_eq!(Columns::fit(30, &demo()).set, Set::Tiny);
    }
}
