//! The config's knowledge settings: where the agent's own articles and scripts live, when
//! similar tickets count as an outage, and the groups a ticket can be escalated to.

use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};

use super::{IntWith, StrWith};

const OUTAGE_CALLERS: std::ops::RangeInclusive<i64> = 2..=1000;
const OUTAGE_MINUTES: std::ops::RangeInclusive<i64> = 1..=1440;
const TIERS: std::ops::RangeInclusive<i64> = 2..=9;

/// How a desk that is a member of a team reaches the team store (the store's address is
/// kept in the desk's file by `balie team join`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TeamSettings {
    /// A private certificate authority (PEM) that signed the team store's certificate, in
    /// addition to the system's.
    pub ca_file: Option<PathBuf>,
}

/// The receiver of the phone system's call events (`balie phone serve`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PhoneSettings {
    /// The file holding the secret token of the push address (`/api/v1/cti/TOKEN`); it
    /// must be readable by its owner only.
    pub token_file: Option<PathBuf>,
}

/// Several different callers opening similar tickets within a short window is an outage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutageRule {
    /// How many different callers it takes.
    #[serde(deserialize_with = "de_outage_callers")]
    pub callers: u32,
    /// Within how many minutes.
    #[serde(deserialize_with = "de_outage_minutes")]
    pub minutes: u32,
}

impl Default for OutageRule {
    fn default() -> Self {
        OutageRule {
            callers: 3,
            minutes: 30,
        }
    }
}

/// A team a ticket can be escalated to, and the line it works at (2 and up).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportGroup {
    pub name: String,
    pub tier: u8,
}

pub fn default_groups() -> Vec<SupportGroup> {
    vec![
        SupportGroup {
            name: "Level 2".to_owned(),
            tier: 2,
        },
        SupportGroup {
            name: "Level 3".to_owned(),
            tier: 3,
        },
    ]
}

fn de_outage_callers<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    d.deserialize_i64(IntWith(
        "a whole number of callers for outage.callers",
        |n| {
            u32::try_from(n)
                .ok()
                .filter(|_| OUTAGE_CALLERS.contains(&n))
                .ok_or_else(|| {
                    format!(
                        "outage.callers must be from {} to {} callers, got {n}",
                        OUTAGE_CALLERS.start(),
                        OUTAGE_CALLERS.end()
                    )
                })
        },
    ))
}

fn de_outage_minutes<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    d.deserialize_i64(IntWith(
        "a whole number of minutes for outage.minutes",
        |n| {
            u32::try_from(n)
                .ok()
                .filter(|_| OUTAGE_MINUTES.contains(&n))
                .ok_or_else(|| {
                    format!(
                        "outage.minutes must be from {} to {} minutes, got {n}",
                        OUTAGE_MINUTES.start(),
                        OUTAGE_MINUTES.end()
                    )
                })
        },
    ))
}

/// `~/` at the start means the home folder, as the agent would write it in a shell.
pub fn de_folder<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PathBuf>, D::Error> {
    d.deserialize_str(StrWith(
        "a folder path in quotes for knowledge_folder",
        |s: &str| {
            let s = s.trim();
            if s.is_empty() {
                return Err(
                    "knowledge_folder must not be empty; leave it out for the default".into(),
                );
            }
            Ok(Some(match s.strip_prefix("~/") {
                Some(rest) => directories::BaseDirs::new()
                    .map(|dirs| dirs.home_dir().join(rest))
                    .ok_or_else(|| {
                        format!("knowledge_folder \"{s}\": this system has no home folder")
                    })?,
                None => PathBuf::from(s),
            }))
        },
    ))
}

/// Each group is checked as it is read, so a bad name or tier points at its own line.
pub fn de_groups<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SupportGroup>, D::Error> {
    struct Groups;
    impl<'de> Visitor<'de> for Groups {
        type Value = Vec<SupportGroup>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of groups such as [[groups]] name = \"Network\" tier = 2")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut groups: Vec<SupportGroup> = Vec::new();
            while let Some(group) = seq.next_element_seed(GroupSeed(&groups))? {
                groups.push(group);
            }
            if groups.is_empty() {
                return Err(serde::de::Error::custom(
                    "groups must list at least one group to escalate to",
                ));
            }
            Ok(groups)
        }
    }
    d.deserialize_seq(Groups)
}

struct GroupSeed<'a>(&'a [SupportGroup]);

impl<'de> serde::de::DeserializeSeed<'de> for GroupSeed<'_> {
    type Value = SupportGroup;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<SupportGroup, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for GroupSeed<'_> {
    type Value = SupportGroup;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a group with a name and a tier")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SupportGroup, A::Error> {
        use serde::de::Error;
        let (mut name, mut tier) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => {
                    let taken = self.0;
                    name = Some(map.next_value_seed(StrWith(
                        "a name in quotes for the group",
                        |s: &str| {
                            let s = s.trim();
                            if s.is_empty() {
                                Err("a group's name must not be empty".to_owned())
                            } else if taken.iter().any(|g| g.name.eq_ignore_ascii_case(s)) {
                                Err(format!("the group \"{s}\" is listed twice"))
                            } else {
                                Ok(s.to_owned())
                            }
                        },
                    ))?)
                }
                "tier" => {
                    tier = Some(map.next_value_seed(IntWith(
                        "a whole number for the group's tier",
                        |n| {
                            u8::try_from(n)
                                .ok()
                                .filter(|_| TIERS.contains(&n))
                                .ok_or_else(|| {
                                    format!(
                                        "a group's tier is the line it works at, from {} to {}, got {n}",
                                        TIERS.start(),
                                        TIERS.end()
                                    )
                                })
                        },
                    ))?)
                }
                other => {
                    return Err(A::Error::custom(format!(
                        "unknown key `{other}` in a group; a group has `name` and `tier`"
                    )));
                }
            }
        }
        Ok(SupportGroup {
            name: name.ok_or_else(|| A::Error::missing_field("name"))?,
            tier: tier.unwrap_or(2),
        })
    }
}
