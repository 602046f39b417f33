//! Sample callers and tickets for the desks balie makes up: the demo's and the benchmark's.
//! Both draw people, organisations, phone numbers, codes and the problems callers ring about
//! from here; the demo adds its hand-written story, the benchmark its scale.
//!
//! Alternatives in the texts are separated by `|`.

mod issues;
mod names;

use chrono::{DateTime, Duration, Utc};
use fastrand::Rng;

use crate::domain::NewCaller;
use crate::domain::fold::{fold, phone_digits};
pub use issues::{
    CALLBACK, CANCEL, INBOUND, ISSUE_LIST, ISSUES, Issue, KEPT, NOTES, OUTBOUND, RESCHEDULE,
};
pub use names::{Tags, licence, org_code, person, phone, team};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Land {
    Nl,
    Hu,
    En,
}

/// One of the `|`-separated alternatives.
pub fn pick<'t>(rng: &mut Rng, alternatives: &'t str) -> &'t str {
    let count = alternatives.split('|').count();
    let chosen = alternatives.split('|').nth(rng.usize(..count));
    chosen.unwrap_or_default().trim()
}

pub fn one<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

fn chance(rng: &mut Rng, percent: u8) -> bool {
    rng.u8(0..100) < percent
}

/// Some instant in (from, to], or a minute after `from` when that span is too short.
pub fn between(rng: &mut Rng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    let span = (to - from).num_seconds() - 60;
    from + Duration::seconds(60 + if span > 0 { rng.i64(0..span) } else { 0 })
}

/// Callbacks are promised for round times ("at a quarter past two").
pub fn quarter(at: DateTime<Utc>) -> DateTime<Utc> {
    let rounded = (at.timestamp() + 899) / 900 * 900;
    DateTime::from_timestamp(rounded, 0).unwrap_or(at)
}

/// The callers the README, the tests and the benchmark look for, found as the README says
/// they are.
pub struct Documented {
    pub name: &'static str,
    pub organization: &'static str,
    pub land: Land,
    pub phone: &'static str,
    pub email: &'static str,
    pub tag: &'static str,
    /// The customer code the desk knows their organisation by.
    pub code: &'static str,
}

#[rustfmt::skip]
pub const DOCUMENTED: [Documented; 2] = [
    Documented { name: "Jan de Vries", organization: "Gemeente Utrecht", land: Land::Nl,
        phone: "+31 6 1234 5678", email: "jan.devries@utrecht.nl", tag: "NB-20431",
        code: "KLANT-0042" },
    Documented { name: "Ödön Kovács", organization: "Magyar Posta Zrt.", land: Land::Hu,
        phone: "+36 30 123 4567", email: "kovacs.odon@posta.hu", tag: "NB-31877",
        code: "UGYF-1187" },
];

impl Documented {
    pub fn caller(&self) -> NewCaller {
        NewCaller {
            name: self.name.into(),
            organization: self.organization.into(),
            phones: vec![self.phone.into()],
            emails: vec![self.email.into()],
            identifiers: vec![self.tag.into(), self.code.into()],
        }
    }
}

/// True when a search for a documented caller's number would also find `phone`.
fn collides(phone: &str) -> bool {
    let digits = phone_digits(phone);
    DOCUMENTED.iter().any(|d| {
        let theirs = phone_digits(d.phone);
        let national = theirs.get(2..).unwrap_or_default();
        digits.contains(&theirs) || digits.contains(national)
    })
}

/// Where a caller works: its name, e-mail domain, country and customer code.
#[derive(Clone, Debug)]
pub struct Organization {
    pub name: String,
    pub domain: String,
    pub land: Land,
    pub code: String,
}

impl Organization {
    /// A kind of body in a place, with a domain and code that follow from its name.
    pub fn made_up(rng: &mut Rng) -> Organization {
        let (name, land) = names::organization(rng);
        let tld = match land {
            Land::Nl => "nl",
            Land::Hu => "hu",
            Land::En => "co.uk",
        };
        Organization {
            domain: format!("{}.{tld}", ascii(&name)),
            code: org_code(&name, land),
            name,
            land,
        }
    }
}

/// A caller who works at `org`, and the country they come from: most people work in their
/// own country, a few came from elsewhere. Nobody shares a documented caller's name or
/// number, so that searches for those find only them.
pub fn caller(rng: &mut Rng, org: &Organization, tags: &mut Tags) -> (NewCaller, Land) {
    let land = if chance(rng, 85) {
        org.land
    } else {
        one(rng, &[Land::Nl, Land::Hu, Land::En])
    };
    let (name, first, last) = loop {
        let made = person(rng, land);
        if !DOCUMENTED.iter().any(|d| d.name == made.0) {
            break made;
        }
    };
    let mut phones = vec![phone(rng, org.land)];
    if chance(rng, 40) {
        phones.push(phone(rng, land));
    }
    phones.retain(|p| !collides(p));
    let mut identifiers = Vec::new();
    if chance(rng, 70) {
        identifiers.push(tags.hand_out());
    }
    if chance(rng, 25) {
        identifiers.push(licence(rng));
    }
    if chance(rng, 50) {
        identifiers.push(org.code.clone());
    }
    let caller = NewCaller {
        emails: vec![email(rng, first, last, land, &org.domain)],
        name,
        organization: org.name.clone(),
        phones,
        identifiers,
    };
    (caller, land)
}

fn ascii(text: &str) -> String {
    fold(text).replace(|c: char| !c.is_ascii_alphanumeric(), "")
}

/// Hungarian addresses usually put the family name first; elsewhere styles vary per firm.
fn email(rng: &mut Rng, first: &str, last: &str, land: Land, domain: &str) -> String {
    let (first, last) = (ascii(first), ascii(last));
    let local = match (land, rng.u8(0..3)) {
        (Land::Hu, _) => format!("{last}.{first}"),
        (_, 0) => format!("{}.{last}", first.get(..1).unwrap_or_default()),
        (_, 1) => format!("{first}{last}"),
        _ => format!("{first}.{last}"),
    };
    format!("{local}@{domain}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_issue_line_parses() {
        let categories = [
            "Network", "Account", "E-mail", "Hardware", "Software", "Printing", "Other",
        ];
        assert_eq!(ISSUE_LIST.len(), ISSUES.lines().count());
        assert!(ISSUE_LIST.iter().all(|i| categories.contains(&i.category)));
    }

    #[test]
    fn made_up_callers_never_pass_for_a_documented_one() {
        let mut rng = Rng::with_seed(5);
        let mut tags = Tags::default();
        for _ in 0..2_000 {
            let org = Organization::made_up(&mut rng);
            let (caller, _) = caller(&mut rng, &org, &mut tags);
            for documented in &DOCUMENTED {
                assert_ne!(caller.name, documented.name);
                assert!(!caller.identifiers.iter().any(|i| i == documented.tag));
                assert!(
                    !caller.phones.iter().any(|p| collides(p)),
                    "{:?}",
                    caller.phones
                );
            }
        }
    }
}
