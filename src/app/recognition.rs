//! "You called on 3 Nov about 'VPN drops every hour', resolved: new profile". While the
//! subject of a new ticket is typed, the caller's earlier tickets are ranked by how alike
//! they are to it, and the best is shown under the subject and in the Caller pane.

use super::form::FormKind;
use super::{App, Popup};
use crate::domain::similarity::{Fingerprint, rank};
use crate::domain::{EarlierTicket, Id};
use crate::{domain::when, t};

/// How many similar earlier tickets the Caller pane lists.
pub const SHOWN: usize = 5;

/// A caller's earlier tickets with their fingerprints, computed once when they load, and
/// the ranking against the subject typed so far.
#[derive(Clone, Debug, Default)]
pub struct Earlier {
    pub caller_id: Id,
    pub tickets: Vec<EarlierTicket>,
    prints: Vec<Fingerprint>,
    /// Indexes into `tickets`, most alike first.
    pub ranked: Vec<usize>,
}

impl Earlier {
    pub fn new(caller_id: Id, tickets: Vec<EarlierTicket>) -> Earlier {
        let prints = tickets
            .iter()
            .map(|t| Fingerprint::of(&t.subject))
            .collect();
        Earlier {
            caller_id,
            tickets,
            prints,
            ranked: Vec::new(),
        }
    }

    pub fn rank(&mut self, subject: &str) {
        self.ranked = rank(&Fingerprint::of(subject), &self.prints)
            .into_iter()
            .map(|(i, _)| i)
            .take(SHOWN)
            .collect();
    }

    pub fn similar(&self) -> impl Iterator<Item = &EarlierTicket> {
        self.ranked.iter().filter_map(|&i| self.tickets.get(i))
    }
}

impl App {
    pub(super) fn on_earlier_loaded(&mut self, caller_id: Id, tickets: Vec<EarlierTicket>) {
        if self.caller_id.as_ref() == Some(&caller_id) {
            self.earlier = Some(Earlier::new(caller_id, tickets));
            self.rank_earlier();
        }
    }

    /// The subject being typed, when the new-ticket form for the loaded caller is open.
    fn subject_typed(&self) -> Option<String> {
        match &self.popup {
            Some(Popup::Form(form)) => match &form.kind {
                FormKind::Subject { caller_id }
                    if self.earlier.as_ref().map(|e| &e.caller_id) == Some(caller_id) =>
                {
                    Some(form.text(0))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// Re-ranks after every change to the subject; the best match goes under the field.
    pub(super) fn rank_earlier(&mut self) {
        let subject = self.subject_typed();
        let Some(earlier) = self.earlier.as_mut() else {
            return;
        };
        earlier.rank(subject.as_deref().unwrap_or_default());
        let line = earlier.similar().next().map(|best| {
            t!(
                self.texts,
                "earlier-best",
                date = when::friendly(
                    best.created_at,
                    self.now,
                    self.config.time_zone,
                    &self.texts
                ),
                key = best.key.as_str(),
                subject = best.subject.as_str(),
                outcome = outcome(best, &self.texts)
            )
        });
        if let Some(Popup::Form(form)) = self.popup.as_mut()
            && matches!(form.kind, FormKind::Subject { .. })
        {
            form.context = line.into_iter().collect();
        }
    }

    /// The similar earlier tickets while a subject is typed for this caller.
    pub fn similar_earlier(&self) -> Vec<&EarlierTicket> {
        match (&self.earlier, self.subject_typed()) {
            (Some(earlier), Some(_)) => earlier.similar().collect(),
            _ => Vec::new(),
        }
    }
}

/// "resolved: new profile", or the status of a ticket still open.
pub fn outcome(ticket: &EarlierTicket, texts: &crate::i18n::Texts) -> String {
    let status = ticket.status.text(texts);
    if ticket.status.is_open() || ticket.last_words.is_empty() {
        status
    } else {
        format!("{status}: {}", ticket.last_words)
    }
}
