//! Settings read from `config.toml`.
//!
//! Every key is optional; a missing file or key falls back to the defaults
//! below. Values are checked while deserialising, inside serde visitors, so
//! that the TOML deserialiser attaches the offending value's span to every
//! error and we can report `path:line:column` without re-locating keys.

mod agents;
mod desk_hours;
mod keys;
mod knowledge;
mod zone;

pub use desk_hours::{SlaTargets, WorkingHours};
pub use knowledge::{OutageRule, PhoneSettings, SupportGroup, TeamSettings};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use zone::system_time_zone;
pub use zone::tz_warning;

use crate::domain::time_zone::Tz;
use crate::i18n::Language;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, SeqAccess, Visitor};

pub const DEFAULT_CATEGORIES: [&str; 7] = [
    "Network", "Account", "E-mail", "Hardware", "Software", "Printing", "Other",
];

/// Rows are impact 1..=5, columns urgency 1..=5, cells priority 1..=5 (P1 highest).
pub const DEFAULT_PRIORITY_MATRIX: [[u8; 5]; 5] = [
    [1, 1, 2, 2, 3],
    [1, 2, 2, 3, 3],
    [2, 2, 3, 3, 4],
    [2, 3, 3, 4, 5],
    [3, 3, 4, 5, 5],
];

const DUE_SOON_RANGE: std::ops::RangeInclusive<u32> = 1..=1440;
const REOPEN_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=90;
const REPEAT_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=365;
const PREFIX_MAX_LEN: usize = 8;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Name shown on tickets and promises made by this agent.
    #[serde(deserialize_with = "de_agent")]
    pub agent: String,
    /// Zone in which due times are shown and entered.
    #[serde(deserialize_with = "de_time_zone")]
    pub time_zone: Tz,
    /// Promises due within this many minutes are marked "due soon".
    #[serde(deserialize_with = "de_due_soon_minutes")]
    pub due_soon_minutes: u32,
    /// Human ticket keys are `PREFIX-NUMBER`, e.g. `T-1042`.
    #[serde(deserialize_with = "de_ticket_prefix")]
    pub ticket_prefix: String,
    #[serde(deserialize_with = "de_categories")]
    pub categories: Vec<String>,
    /// `[impact - 1][urgency - 1]` → priority; see [`Config::priority`].
    #[serde(deserialize_with = "de_priority_matrix")]
    pub priority_matrix: [[u8; 5]; 5],
    /// A ticket resolved at the first contact still does not count as first-contact
    /// resolution if it is reopened within this many days.
    #[serde(deserialize_with = "de_first_contact_reopen_days")]
    pub first_contact_reopen_days: u32,
    /// A caller's inbound contacts within this many days are counted on their card.
    #[serde(deserialize_with = "de_repeat_contact_days")]
    pub repeat_contact_days: u32,
    /// The deadline a callback request gets, as a relative deadline such as "+2h".
    #[serde(deserialize_with = "de_callback_within")]
    pub callback_within: String,
    /// How reminders reach the agent besides the banner and the bell.
    #[serde(deserialize_with = "de_notifications")]
    pub notifications: Notifications,
    /// The language of the desk; by default the one `LANG` names, English otherwise.
    #[serde(deserialize_with = "de_language")]
    pub language: Language,
    /// Colours to suit the terminal's background; `NO_COLOR` turns colour off in any of them.
    #[serde(deserialize_with = "de_theme")]
    pub theme: ThemeName,
    /// Business time: SLA clocks, `+4bh` deadlines and "tomorrow" follow these.
    pub working_hours: WorkingHours,
    #[serde(deserialize_with = "desk_hours::de_holidays")]
    pub holidays: Vec<chrono::NaiveDate>,
    pub sla: SlaTargets,
    /// Commands given their own keys, by context, in the order of the file; see
    /// [`crate::keymap`].
    #[serde(deserialize_with = "keys::de_keys")]
    pub keys: crate::keymap::KeyRemaps,
    /// Clicks and the wheel go to balie; off leaves the terminal's own text selection alone.
    pub mouse: bool,
    /// Copying (y) writes to the clipboard through the terminal (OSC 52).
    pub clipboard: bool,
    /// The agent's own articles (`kb/`) and scripts (`scripts/`), which add to and
    /// override the shipped ones; `None` is `knowledge/` in the data folder.
    #[serde(deserialize_with = "knowledge::de_folder")]
    pub knowledge_folder: Option<PathBuf>,
    pub outage: OutageRule,
    pub team: TeamSettings,
    pub phone: PhoneSettings,
    /// This agent's phone extension, as the phone system names who answered a call
    /// (`answeringNumber`); the agent's name is recognised without it.
    #[serde(deserialize_with = "de_phone_extension")]
    pub phone_extension: Option<String>,
    /// Where tickets are escalated to, in the order the escalation form offers them.
    #[serde(deserialize_with = "knowledge::de_groups")]
    pub groups: Vec<SupportGroup>,
    /// The team's agents (`[[agents]] name = "…"`), who tickets may be assigned to beside
    /// everyone the desk has seen working.
    #[serde(deserialize_with = "agents::de_agents")]
    pub agents: Vec<String>,
}

/// Desktop notifications travel inside the terminal's own output (so they work over ssh);
/// terminals understand one escape sequence or the other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Notifications {
    #[default]
    Off,
    /// OSC 9: iTerm2, Windows Terminal, WezTerm, kitty, foot.
    Osc9,
    /// OSC 777: rxvt-unicode, foot, Ghostty, VTE terminals such as GNOME Terminal.
    Osc777,
}

/// Which colours the desk draws in. Themes only choose colours and emphasis: every state
/// also has a marker or a border, so none of them is needed to read the desk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    /// For dark terminal backgrounds.
    #[default]
    Dark,
    /// For light terminal backgrounds: no yellow or light grey text.
    Light,
    /// Bright colours, bold emphasis and no dimmed text, for low vision or glare.
    HighContrast,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            agent: default_agent(|name| std::env::var(name).ok()),
            time_zone: system_time_zone(),
            due_soon_minutes: 30,
            ticket_prefix: "T".to_owned(),
            categories: DEFAULT_CATEGORIES.iter().map(|&c| c.to_owned()).collect(),
            priority_matrix: DEFAULT_PRIORITY_MATRIX,
            first_contact_reopen_days: 7,
            repeat_contact_days: 30,
            callback_within: "+2h".to_owned(),
            notifications: Notifications::Off,
            language: Language::from_env(|name| std::env::var(name).ok()),
            theme: ThemeName::Dark,
            working_hours: WorkingHours::default(),
            holidays: Vec::new(),
            sla: SlaTargets::default(),
            keys: crate::keymap::KeyRemaps::default(),
            mouse: true,
            clipboard: true,
            knowledge_folder: None,
            outage: OutageRule::default(),
            team: TeamSettings::default(),
            phone: PhoneSettings::default(),
            phone_extension: None,
            groups: knowledge::default_groups(),
            agents: Vec::new(),
        }
    }
}

impl Config {
    /// The folder of the agent's own articles and scripts: the configured one, else
    /// `knowledge/` in the user data folder (Linux: `~/.local/share/balie/knowledge`).
    pub fn knowledge_folder(&self) -> Option<PathBuf> {
        self.knowledge_folder.clone().or_else(|| {
            directories::ProjectDirs::from("", "", "balie")
                .map(|dirs| dirs.data_dir().join("knowledge"))
        })
    }

    /// The desk's business calendar. Hours were checked when the file was read, so the
    /// fallback is never reached in practice.
    pub fn calendar(&self) -> crate::domain::business::Calendar {
        crate::domain::business::Calendar::new(
            self.time_zone,
            self.working_hours.0.clone(),
            self.holidays.iter().copied(),
        )
        .unwrap_or_else(|_| crate::domain::business::Calendar::standard(self.time_zone))
    }

    /// The settings the desk's kept figures (SLA outcomes, first-contact resolution) are
    /// worked out under.
    pub fn figure_rules(&self) -> crate::domain::figures::FigureRules {
        crate::domain::figures::FigureRules {
            calendar: self.calendar(),
            targets: self.sla.0,
            reopen_days: self.first_contact_reopen_days,
        }
    }

    /// Impact 1 = whole organisation … 5 = one person, minor; urgency 1 =
    /// work stopped now … 5 = can wait. Out-of-range inputs are clamped
    /// rather than rejected so that a stray value from the UI or an old
    /// database row still yields a usable priority.
    pub fn priority(&self, impact: u8, urgency: u8) -> u8 {
        let row = usize::from(impact.clamp(1, 5) - 1);
        let col = usize::from(urgency.clamp(1, 5) - 1);
        self.priority_matrix[row][col]
    }
}

fn default_agent(env: impl Fn(&str) -> Option<String>) -> String {
    ["USER", "LOGNAME"]
        .into_iter()
        .filter_map(env)
        .map(|name| name.trim().to_owned())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "agent".to_owned())
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: cannot read config file: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: config file not found", path.display())]
    Missing { path: PathBuf },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

/// `$XDG_CONFIG_HOME/balie/config.toml` (usually `~/.config/balie/config.toml`)
/// on Linux, the platform's equivalent elsewhere; `None` when the system
/// reports no home directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "balie")
        .map(|dirs| dirs.config_dir().join("config.toml"))
}

/// `must_exist` is for paths the user named explicitly (`--config`,
/// `BALIE_CONFIG`): those must not silently fall back to defaults, whereas
/// the default location has no file on a fresh machine.
pub fn load(path: &Path, must_exist: bool) -> Result<Config, ConfigError> {
    match std::fs::read(path) {
        Ok(bytes) => parse(utf8(&bytes, path)?, path),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            if must_exist {
                Err(ConfigError::Missing {
                    path: path.to_owned(),
                })
            } else {
                Ok(Config::default())
            }
        }
        Err(source) => Err(ConfigError::Read {
            path: path.to_owned(),
            source,
        }),
    }
}

/// An editor saving in Latin-1 leaves bytes that are not UTF-8; the error points at the
/// first one, where an editor can find it.
fn utf8<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, ConfigError> {
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        // The prefix is valid UTF-8 by definition; lossy only to avoid a second error path.
        let text = String::from_utf8_lossy(valid);
        let (line, column) = line_column(&text, text.len());
        ConfigError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: format!(
                "byte {:#04x} is not UTF-8; save the file as UTF-8",
                bytes[err.valid_up_to()]
            ),
        }
    })
}

/// `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    toml::from_str(text).map_err(|err| {
        let (line, column) = line_column(text, err.span().map_or(0, |span| span.start));
        ConfigError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: err.message().trim_end().to_owned(),
        }
    })
}

/// 1-based; columns count characters, not bytes, so they match what an
/// editor shows for non-ASCII lines.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (i, c) in text.char_indices() {
        if i >= offset {
            break;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

// Field deserialisers. Each check runs inside `visit_*`, i.e. while the
// TOML deserialiser for that exact value is on the stack, which is what
// makes the error carry that value's span (an error raised after
// `String::deserialize` returns would only get the enclosing array's span).

fn de_agent<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_str(StrWith("a name in quotes for agent", |s: &str| {
        let name = s.trim();
        if name.is_empty() {
            Err("agent must not be empty; it is the name shown on tickets and promises".into())
        } else {
            Ok(name.to_owned())
        }
    }))
}

fn de_time_zone<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
    let expecting = "an IANA time zone name in quotes for time_zone";
    d.deserialize_str(StrWith(expecting, |s: &str| {
        s.parse::<Tz>().map_err(|_| {
            format!(
                "unknown time zone `{s}`; use an IANA name \
                 such as \"Europe/Amsterdam\" or \"UTC\""
            )
        })
    }))
}

fn de_due_soon_minutes<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let (lo, hi) = (*DUE_SOON_RANGE.start(), *DUE_SOON_RANGE.end());
    d.deserialize_i64(IntWith(
        "a whole number of minutes for due_soon_minutes",
        |n| {
            u32::try_from(n)
                .ok()
                .filter(|n| DUE_SOON_RANGE.contains(n))
                .ok_or_else(|| {
                    format!("due_soon_minutes must be from {lo} to {hi} minutes, got {n}")
                })
        },
    ))
}

fn de_repeat_contact_days<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let (lo, hi) = (*REPEAT_DAYS_RANGE.start(), *REPEAT_DAYS_RANGE.end());
    d.deserialize_i64(IntWith(
        "a whole number of days for repeat_contact_days",
        |n| {
            u32::try_from(n)
                .ok()
                .filter(|n| REPEAT_DAYS_RANGE.contains(n))
                .ok_or_else(|| {
                    format!("repeat_contact_days must be from {lo} to {hi} days, got {n}")
                })
        },
    ))
}

fn de_first_contact_reopen_days<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let (lo, hi) = (*REOPEN_DAYS_RANGE.start(), *REOPEN_DAYS_RANGE.end());
    d.deserialize_i64(IntWith(
        "a whole number of days for first_contact_reopen_days",
        |n| {
            u32::try_from(n)
                .ok()
                .filter(|n| REOPEN_DAYS_RANGE.contains(n))
                .ok_or_else(|| {
                    format!("first_contact_reopen_days must be from {lo} to {hi} days, got {n}")
                })
        },
    ))
}

fn de_callback_within<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_str(StrWith(
        "a relative deadline in quotes for callback_within",
        |s: &str| {
            // Checked against a fixed instant: only the form matters here.
            let now = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
            if s.trim_start().starts_with('+')
                && crate::domain::deadline::parse_deadline(
                    s,
                    now,
                    &crate::domain::business::Calendar::standard(crate::domain::time_zone::Tz::UTC),
                    Language::English,
                )
                .is_ok()
            {
                Ok(s.trim().to_owned())
            } else {
                Err(format!(
                    "callback_within must be a relative deadline such as \"+2h\" or \"+30m\", got \"{s}\""
                ))
            }
        },
    ))
}

fn de_notifications<'de, D: Deserializer<'de>>(d: D) -> Result<Notifications, D::Error> {
    d.deserialize_str(StrWith(
        "\"off\", \"osc9\" or \"osc777\" for notifications",
        |s: &str| match s {
            "off" => Ok(Notifications::Off),
            "osc9" => Ok(Notifications::Osc9),
            "osc777" => Ok(Notifications::Osc777),
            other => Err(format!(
                "notifications must be \"off\", \"osc9\" or \"osc777\", got \"{other}\""
            )),
        },
    ))
}

fn de_language<'de, D: Deserializer<'de>>(d: D) -> Result<Language, D::Error> {
    d.deserialize_str(StrWith(
        "\"en\", \"nl\" or \"hu\" for language",
        |s: &str| {
            Language::from_code(s)
                .ok_or_else(|| format!("language must be \"en\", \"nl\" or \"hu\", got \"{s}\""))
        },
    ))
}

fn de_theme<'de, D: Deserializer<'de>>(d: D) -> Result<ThemeName, D::Error> {
    d.deserialize_str(StrWith(
        "\"dark\", \"light\" or \"high-contrast\" for theme",
        |s: &str| match s {
            "dark" => Ok(ThemeName::Dark),
            "light" => Ok(ThemeName::Light),
            "high-contrast" => Ok(ThemeName::HighContrast),
            other => Err(format!(
                "theme must be \"dark\", \"light\" or \"high-contrast\", got \"{other}\""
            )),
        },
    ))
}

fn de_phone_extension<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let extension = String::deserialize(d)?;
    let extension = extension.trim();
    if extension.is_empty() || extension.chars().any(char::is_control) {
        return Err(de::Error::custom(
            "phone_extension must be the extension's number or name, on one line",
        ));
    }
    Ok(Some(extension.to_string()))
}

fn de_ticket_prefix<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_str(StrWith("letters in quotes for ticket_prefix", |s: &str| {
        let len = s.chars().count();
        if (1..=PREFIX_MAX_LEN).contains(&len) && s.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(s.to_owned())
        } else {
            Err(format!(
                "ticket_prefix must be 1 to {PREFIX_MAX_LEN} ASCII letters (A-Z, a-z), got \"{s}\""
            ))
        }
    }))
}

fn de_categories<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Categories;
    impl<'de> Visitor<'de> for Categories {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of names for categories")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut names: Vec<String> = Vec::new();
            let check = |names: &[String], s: &str| {
                let name = s.trim();
                if name.is_empty() {
                    return Err("category names must not be empty".to_owned());
                }
                // Case-insensitive, because "E-mail" and "e-mail" side by
                // side in a picker is a typo, not two categories.
                let lower = name.to_lowercase();
                match names.iter().find(|n| n.to_lowercase() == lower) {
                    Some(first) => Err(format!(
                        "category \"{name}\" is listed twice (as \"{first}\" before); \
                         names must be unique"
                    )),
                    None => Ok(name.to_owned()),
                }
            };
            while let Some(name) = seq
                .next_element_seed(StrWith("a category name in quotes", |s: &str| {
                    check(&names, s)
                }))?
            {
                names.push(name);
            }
            if names.is_empty() {
                return Err(de::Error::custom("categories must list at least one name"));
            }
            Ok(names)
        }
    }
    d.deserialize_seq(Categories)
}

fn de_priority_matrix<'de, D: Deserializer<'de>>(d: D) -> Result<[[u8; 5]; 5], D::Error> {
    struct Matrix;
    impl<'de> Visitor<'de> for Matrix {
        type Value = [[u8; 5]; 5];
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(
                "priority_matrix as 5 rows (impact 1 to 5) of 5 priorities (urgency 1 to 5)",
            )
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut matrix = [[0; 5]; 5];
            for (i, row) in matrix.iter_mut().enumerate() {
                let impact = i + 1;
                *row = seq.next_element_seed(Row { impact })?.ok_or_else(|| {
                    de::Error::custom(format!(
                        "priority_matrix must have 5 rows (impact 1 to 5), found {i}"
                    ))
                })?;
            }
            if seq.next_element::<IgnoredAny>()?.is_some() {
                return Err(de::Error::custom(
                    "priority_matrix must have 5 rows (impact 1 to 5), found more",
                ));
            }
            Ok(matrix)
        }
    }
    d.deserialize_seq(Matrix)
}

struct Row {
    impact: usize,
}

impl<'de> DeserializeSeed<'de> for Row {
    type Value = [u8; 5];
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Row {
    type Value = [u8; 5];
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a row of 5 priorities (urgency 1 to 5) for impact {}",
            self.impact
        )
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let impact = self.impact;
        let wrong_length = |found: &str| {
            de::Error::custom(format!(
                "priority_matrix row for impact {impact} must have 5 priorities \
                 (urgency 1 to 5), found {found}"
            ))
        };
        let mut row = [0; 5];
        for (j, cell) in row.iter_mut().enumerate() {
            let urgency = j + 1;
            let priority = IntWith("a priority from 1 to 5", |n| {
                let in_range = u8::try_from(n).ok().filter(|p| (1..=5).contains(p));
                in_range.ok_or_else(|| {
                    format!(
                        "priority_matrix impact {impact}, urgency {urgency}: \
                         priority must be from 1 (highest) to 5 (lowest), got {n}"
                    )
                })
            });
            *cell = seq
                .next_element_seed(priority)?
                .ok_or_else(|| wrong_length(&j.to_string()))?;
        }
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(wrong_length("more"));
        }
        Ok(row)
    }
}

/// Visits a string and maps it through a check; the `&str` is the
/// "expected …" text serde uses in type errors.
struct StrWith<F>(&'static str, F);

impl<'de, T, F: FnOnce(&str) -> Result<T, String>> Visitor<'de> for StrWith<F> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        (self.1)(s).map_err(E::custom)
    }
}

impl<'de, T, F: FnOnce(&str) -> Result<T, String>> DeserializeSeed<'de> for StrWith<F> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_str(self)
    }
}

/// Like [`StrWith`] for integers. Takes `i64` so that negative and huge
/// values reach the check and get its message instead of serde's generic
/// "expected u8".
struct IntWith<F>(&'static str, F);

impl<'de, T, F: FnOnce(i64) -> Result<T, String>> Visitor<'de> for IntWith<F> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<T, E> {
        (self.1)(n).map_err(E::custom)
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
        (self.1)(i64::try_from(n).unwrap_or(i64::MAX)).map_err(E::custom)
    }
}

impl<'de, T, F: FnOnce(i64) -> Result<T, String>> DeserializeSeed<'de> for IntWith<F> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_i64(self)
    }
}

#[cfg(test)]
mod tests;
