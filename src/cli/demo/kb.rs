//! Self-service in the demo: callers whose problem has a shipped article are often sent it,
//! and some of them ring again anyway, so the caller card and the article's counts have
//! something to show.

use std::sync::LazyLock;

use super::{Demo, Story};
use crate::domain::Channel;
use crate::domain::fold::fold;
use crate::domain::kb::Library;
use crate::store::Result;

static SHIPPED: LazyLock<Library> = LazyLock::new(|| Library::load(None));

/// A word of a ticket's subject, and the article about it.
const ARTICLES: [(&str, &str); 12] = [
    ("vpn", "vpn"),
    ("password", "password-reset"),
    ("wachtwoord", "password-reset"),
    ("jelszo", "password-reset"),
    ("mfa", "mfa-device-lost"),
    ("contacts", "mailbox-sync-lost"),
    ("printer", "printer"),
    ("nyomtat", "printer"),
    ("teams", "teams-audio"),
    ("internet", "internet-down"),
    ("wi-fi", "wifi"),
    ("netwerk", "internet-down"),
];

impl Demo<'_> {
    pub(super) fn self_service(&mut self, t: &mut Story) -> Result<()> {
        let subjects = fold(t.issue.subjects);
        let Some(article) = ARTICLES
            .iter()
            .find(|(word, _)| subjects.contains(word))
            .and_then(|(_, slug)| SHIPPED.get(slug))
        else {
            return Ok(());
        };
        if !self.chance(45) {
            return Ok(());
        }
        let Some(at) = self.next(t) else {
            return Ok(());
        };
        self.store
            .send_article(&t.id, &article.slug, &article.title, at)?;
        if self.chance(35) {
            let Some(at) = self.next(t) else {
                return Ok(());
            };
            let note = "Tried the steps from the article, still not working.";
            self.store
                .log_contact(&t.id, true, Channel::Phone, note, at)?;
        }
        Ok(())
    }
}
