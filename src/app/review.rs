//! The team lead's review: the conflicts left to settle, every agent's open promises in
//! buckets by deadline, and each agent's record of promises kept over the last 7 and 30
//! days. On a team desk it reads the desk's own copy, so it also works offline, and says
//! how fresh that copy is.

use chrono::{DateTime, Days, Utc};
use ratatui::crossterm::event::KeyEvent;

use crate::domain::change::{Conflict, TeamState};
use crate::domain::outcome::Record;
use crate::domain::sla::TicketClocks;
use crate::domain::time_zone::Tz;
use crate::domain::{Alert, Id, Promise, Ticket};
use crate::i18n::Texts;
use crate::keymap::{Bindings, ListCommand};
use crate::t;

#[derive(Clone, Debug, Default)]
pub struct ReviewData {
    pub open: Vec<Promise>,
    pub week: Vec<Record>,
    pub month: Vec<Record>,
    pub unacted: Vec<Alert>,
    /// Open tickets whose resolution clock has breached or has 20% or less left,
    /// closest to breach first.
    pub sla: Vec<(Ticket, TicketClocks)>,
    /// Values two desks set differently, oldest first.
    pub conflicts: Vec<Conflict>,
    /// Where the desk stands with its team; `None` for a desk on its own.
    pub team: Option<TeamState>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bucket {
    Overdue,
    DueToday,
    Tomorrow,
    Later,
}

impl Bucket {
    pub fn label(self) -> &'static str {
        match self {
            Bucket::Overdue => "overdue",
            Bucket::DueToday => "due today",
            Bucket::Tomorrow => "tomorrow",
            Bucket::Later => "later",
        }
    }

    /// Days are the agent's local calendar days.
    pub fn of(due: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> Bucket {
        let today = now.with_timezone(&tz).date_naive();
        let day = due.with_timezone(&tz).date_naive();
        if due <= now {
            Bucket::Overdue
        } else if day == today {
            Bucket::DueToday
        } else if Some(day) == today.checked_add_days(Days::new(1)) {
            Bucket::Tomorrow
        } else {
            Bucket::Later
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Line<'a> {
    Agent {
        name: &'a str,
        week: Option<&'a Record>,
        month: Option<&'a Record>,
    },
    Bucket(Bucket, usize),
    Promise(&'a Promise),
    /// The heading over the conflicts, with their number.
    Conflicts(usize),
    Conflict(&'a Conflict),
}

impl Line<'_> {
    /// The ticket Enter opens from this line, for the lines that open one.
    pub fn ticket(&self) -> Option<&str> {
        match self {
            Line::Promise(p) => Some(&p.ticket_id),
            Line::Conflict(c) => c.ticket_id.as_deref(),
            _ => None,
        }
    }
}

pub struct Review {
    pub data: ReviewData,
    /// Index among the lines that open a ticket (conflicts and promises).
    pub selected: usize,
}

pub enum ReviewEvent {
    Open(Id),
    Close,
    Nothing,
}

impl Review {
    pub fn new(data: ReviewData) -> Review {
        Review { data, selected: 0 }
    }

    /// The whole review in reading order: the conflicts to settle first (they need a
    /// decision, not a reminder), then per agent a header with their record and their open
    /// promises under bucket headings.
    pub fn lines(&self, now: DateTime<Utc>, tz: Tz) -> Vec<Line<'_>> {
        let mut lines = Vec::new();
        if !self.data.conflicts.is_empty() {
            lines.push(Line::Conflicts(self.data.conflicts.len()));
            lines.extend(self.data.conflicts.iter().map(Line::Conflict));
        }
        let mut agents: Vec<&str> = self
            .data
            .open
            .iter()
            .map(|p| p.owner.as_str())
            .chain(self.data.month.iter().map(|r| r.agent.as_str()))
            .collect();
        agents.sort_unstable();
        agents.dedup();
        for agent in agents {
            lines.push(Line::Agent {
                name: agent,
                week: self.data.week.iter().find(|r| r.agent == agent),
                month: self.data.month.iter().find(|r| r.agent == agent),
            });
            let mut theirs: Vec<(Bucket, &Promise)> = self
                .data
                .open
                .iter()
                .filter(|p| p.owner == agent)
                .map(|p| (Bucket::of(p.due_at, now, tz), p))
                .collect();
            theirs.sort_by_key(|(bucket, p)| (*bucket, p.due_at));
            for bucket in [
                Bucket::Overdue,
                Bucket::DueToday,
                Bucket::Tomorrow,
                Bucket::Later,
            ] {
                let in_bucket: Vec<&Promise> = theirs
                    .iter()
                    .filter(|(b, _)| *b == bucket)
                    .map(|(_, p)| *p)
                    .collect();
                if in_bucket.is_empty() {
                    continue;
                }
                lines.push(Line::Bucket(bucket, in_bucket.len()));
                lines.extend(in_bucket.into_iter().map(Line::Promise));
            }
        }
        lines
    }

    /// Where the selection is, counted in all lines.
    pub fn selected_line(&self, now: DateTime<Utc>, tz: Tz) -> Option<usize> {
        self.lines(now, tz)
            .iter()
            .enumerate()
            .filter(|(_, l)| l.ticket().is_some())
            .nth(self.selected)
            .map(|(index, _)| index)
    }

    fn selected_ticket(&self, now: DateTime<Utc>, tz: Tz) -> Option<Id> {
        self.lines(now, tz)
            .iter()
            .filter_map(Line::ticket)
            .nth(self.selected)
            .map(str::to_owned)
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keys: &Bindings<ListCommand>,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> ReviewEvent {
        let count = self
            .lines(now, tz)
            .iter()
            .filter(|l| l.ticket().is_some())
            .count();
        match keys.command_for(&key) {
            Some(ListCommand::Close) => ReviewEvent::Close,
            Some(ListCommand::Next) => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
                ReviewEvent::Nothing
            }
            Some(ListCommand::Previous) => {
                self.selected = self.selected.saturating_sub(1);
                ReviewEvent::Nothing
            }
            Some(ListCommand::Open) => match self.selected_ticket(now, tz) {
                Some(id) => ReviewEvent::Open(id),
                None => ReviewEvent::Nothing,
            },
            None => ReviewEvent::Nothing,
        }
    }
}

/// The bucket's heading in the agent's language; English is the command line's label.
impl Bucket {
    pub fn text(self, texts: &Texts) -> String {
        match self {
            Bucket::Overdue => t!(texts, "bucket-overdue"),
            Bucket::DueToday => t!(texts, "bucket-due-today"),
            Bucket::Tomorrow => t!(texts, "bucket-tomorrow"),
            Bucket::Later => t!(texts, "bucket-later"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn english_bucket_headings_are_the_command_lines_labels() {
        let en = Texts::new(Language::English);
        for b in [
            Bucket::Overdue,
            Bucket::DueToday,
            Bucket::Tomorrow,
            Bucket::Later,
        ] {
            assert_eq!(b.text(&en), b.label());
        }
    }
}
