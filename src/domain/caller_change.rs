//! Corrections to a caller's own details and merges of two callers into one: what is
//! asked for, and what the caller's history records of it.

use chrono::{DateTime, Utc};

use super::fold::{fold, phone_digits, phone_query_variants};
use super::{Caller, Id, NewCaller};

coded_enum! {
    HandleKind {
        Phone => "phone", "phone";
        Email => "email", "e-mail";
        Identifier => "identifier", "identifier";
    }
}

impl HandleKind {
    /// The form in which two values are the same handle: phone digits, a folded e-mail
    /// address or identifier. Formatting and capitals do not make a new phone.
    pub fn same_key(self, value: &str) -> String {
        match self {
            HandleKind::Phone => national_digits(value),
            HandleKind::Email | HandleKind::Identifier => fold(value.trim()),
        }
    }
}

/// A phone number's digits as dialled within its country: "+31 30 123 4567",
/// "+31 (0)30-123 4567" and "030 123 4567" are one number. Only a number written with
/// its country code (`+` or `00`) loses it, since a national number may begin with the
/// same digits.
pub fn national_digits(phone: &str) -> String {
    let digits = phone_digits(phone);
    let written = phone.trim_start();
    if !(written.starts_with('+') || written.starts_with("00")) {
        return digits;
    }
    phone_query_variants(phone)
        .into_iter()
        .nth(1)
        .map(|national| phone_digits(&national))
        .unwrap_or(digits)
}

/// What an edit changes: only the fields named. Handles are added and removed one by one,
/// so that each change is recorded with the value it replaced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallerEdit {
    pub name: Option<String>,
    pub organization: Option<String>,
    pub add: Vec<(HandleKind, String)>,
    pub remove: Vec<(HandleKind, String)>,
}

impl CallerEdit {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.organization.is_none()
            && self.add.is_empty()
            && self.remove.is_empty()
    }

    /// The changes that turn `current` into `wanted` (the caller form as submitted). A
    /// handle written differently but the same (`06 1234` for `061234`) is left alone.
    pub fn between(current: &Caller, wanted: &NewCaller) -> CallerEdit {
        let name = wanted.name.trim();
        let organization = wanted.organization.trim();
        let mut edit = CallerEdit {
            name: (name != current.name).then(|| name.to_string()),
            organization: (organization != current.organization).then(|| organization.to_string()),
            ..CallerEdit::default()
        };
        let lists = [
            (HandleKind::Phone, &current.phones, &wanted.phones),
            (HandleKind::Email, &current.emails, &wanted.emails),
            (
                HandleKind::Identifier,
                &current.identifiers,
                &wanted.identifiers,
            ),
        ];
        for (kind, before, after) in lists {
            let keys = |list: &[String]| -> Vec<String> {
                list.iter().map(|v| kind.same_key(v)).collect()
            };
            let (before_keys, after_keys) = (keys(before), keys(after));
            for (value, key) in before.iter().zip(&before_keys) {
                if !after_keys.contains(key) {
                    edit.remove.push((kind, value.clone()));
                }
            }
            // A value typed twice is added once.
            let mut added: Vec<&String> = Vec::new();
            for (value, key) in after.iter().zip(&after_keys) {
                let value = value.trim();
                if !value.is_empty() && !before_keys.contains(key) && !added.contains(&key) {
                    edit.add.push((kind, value.to_string()));
                    added.push(key);
                }
            }
        }
        edit
    }
}

// `Merged` is recorded on the caller kept, `MergedInto` on the one merged away.
coded_enum! {
    CallerEventKind {
        NameChanged => "name", "name";
        OrganizationChanged => "organization", "organisation";
        HandleAdded => "handle_added", "added";
        HandleRemoved => "handle_removed", "removed";
        Merged => "merged", "merged";
        MergedInto => "merged_into", "merged into";
    }
}

/// One entry of a caller's history. `data` holds the old and new values.
#[derive(Clone, Debug, PartialEq)]
pub struct CallerEvent {
    pub id: Id,
    pub caller_id: Id,
    pub kind: CallerEventKind,
    pub at: DateTime<Utc>,
    pub by: String,
    pub data: serde_json::Value,
}

/// What a merge moved from the caller merged away to the one kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub kept: Id,
    pub merged: Id,
    pub tickets: usize,
    pub promises: usize,
    pub handles: usize,
}

/// Two callers who are likely one person, and what they share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    pub first: Id,
    pub first_name: String,
    pub second: Id,
    pub second_name: String,
    pub kind: HandleKind,
    /// The shared value, as the first caller has it.
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jan() -> Caller {
        Caller {
            id: "c".into(),
            name: "Jan de Vries".into(),
            organization: "Gemeente".into(),
            phones: vec!["+31 6 1234 5678".into(), "030 123 4567".into()],
            emails: vec!["jan@utrecht.nl".into()],
            identifiers: vec![],
        }
    }

    #[test]
    fn a_number_with_or_without_its_country_code_is_one_number() {
        let key = HandleKind::Phone.same_key("030 123 4567");
        assert_eq!(HandleKind::Phone.same_key("+31 30 123 4567"), key);
        assert_eq!(HandleKind::Phone.same_key("+31 (0)30-123 4567"), key);
        assert_eq!(HandleKind::Phone.same_key("0031 30 1234567"), key);
        assert_eq!(
            HandleKind::Phone.same_key("+36 30 123 4567"),
            HandleKind::Phone.same_key("06 30 123 4567")
        );
        assert_ne!(
            HandleKind::Phone.same_key("0313 12 34 56"),
            HandleKind::Phone.same_key("+3 12 34 56")
        );
    }

    #[test]
    fn an_edit_names_only_what_changed() {
        let wanted = NewCaller {
            name: "Jan de Vries".into(),
            organization: "Gemeente Utrecht".into(),
            phones: vec!["+31612345678".into()],
            emails: vec![
                "JAN@utrecht.nl".into(),
                "j.devries@utrecht.nl".into(),
                "J.DeVries@utrecht.nl".into(),
            ],
            identifiers: vec!["NB-7".into()],
        };
        let edit = CallerEdit::between(&jan(), &wanted);
        assert_eq!(edit.name, None);
        assert_eq!(edit.organization.as_deref(), Some("Gemeente Utrecht"));
        assert_eq!(
            edit.remove,
            [(HandleKind::Phone, "030 123 4567".to_string())]
        );
        assert_eq!(
            edit.add,
            [
                (HandleKind::Email, "j.devries@utrecht.nl".to_string()),
                (HandleKind::Identifier, "NB-7".to_string())
            ]
        );
        let same = NewCaller {
            name: "Jan de Vries".into(),
            organization: "Gemeente".into(),
            phones: jan().phones,
            emails: jan().emails,
            identifiers: vec![],
        };
        assert!(CallerEdit::between(&jan(), &same).is_empty());
    }
}
