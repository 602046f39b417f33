//! The desk's words in the agent's language. Every string an agent reads on the desk comes
//! from one Fluent catalogue per language (`assets/i18n/LANG/*.ftl`), compiled into the binary so
//! that nothing is looked up on disk at run time. Fluent carries each language's plural
//! rules, so "1 ticket" and "2 tickets" need no code of their own.

use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use unic_langid::LanguageIdentifier;

pub use fluent_bundle::FluentArgs as Args;

/// Looks a message up in a [`Texts`]: `t!(texts, "queue-title")`, or with arguments,
/// `t!(texts, "queue-count", count = 3)`.
#[macro_export]
macro_rules! t {
    ($texts:expr, $id:literal) => {
        $texts.get($id)
    };
    ($texts:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($name), $value); )+
        $texts.format($id, &args)
    }};
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Language {
    #[default]
    English,
    Dutch,
    Hungarian,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::English, Language::Dutch, Language::Hungarian];

    /// The ISO 639-1 code used in the config and in `LANG`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Dutch => "nl",
            Language::Hungarian => "hu",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language of a POSIX locale such as `nl_NL.UTF-8`, `hu_HU` or `nl_BE@euro`.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let code = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or_default();
        Language::from_code(&code.to_ascii_lowercase())
    }

    /// The language the environment asks for, by the POSIX order of precedence; English
    /// when it names none of ours (or `C`/`POSIX`).
    pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Language {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(env)
            .find(|value| !value.is_empty())
            .and_then(|value| Language::from_locale(&value))
            .unwrap_or_default()
    }

    /// The catalogue's sources, one file per part of the desk, for the completeness tests.
    pub fn catalogue(self) -> &'static [&'static str] {
        macro_rules! files {
            ($code:literal) => {
                &[
                    // First: `Texts::time_words` reads it alone.
                    include_str!(concat!("../../assets/i18n/", $code, "/time.ftl")),
                    include_str!(concat!("../../assets/i18n/", $code, "/words.ftl")),
                    include_str!(concat!("../../assets/i18n/", $code, "/panes.ftl")),
                    include_str!(concat!("../../assets/i18n/", $code, "/messages.ftl")),
                    include_str!(concat!("../../assets/i18n/", $code, "/knowledge.ftl")),
                    include_str!(concat!("../../assets/i18n/", $code, "/kb.ftl")),
                    include_str!(concat!("../../assets/i18n/", $code, "/scripts.ftl")),
                    include_str!(concat!("../../assets/i18n/", $code, "/phone.ftl")),
                ]
            };
        }
        match self {
            Language::English => files!("en"),
            Language::Dutch => files!("nl"),
            Language::Hungarian => files!("hu"),
        }
    }
}

/// The messages of one language, ready to format.
pub struct Texts {
    language: Language,
    bundle: FluentBundle<FluentResource>,
    /// Each of `DateNames::ALL`, split into names on first use: dates are shown on every
    /// frame.
    date_names: OnceLock<[Vec<String>; 4]>,
}

/// The catalogue's lists of names that date patterns show (`%A %a %B %b`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateNames {
    /// Monday first.
    Days,
    ShortDays,
    Months,
    ShortMonths,
}

impl DateNames {
    pub const ALL: [DateNames; 4] = [
        DateNames::Days,
        DateNames::ShortDays,
        DateNames::Months,
        DateNames::ShortMonths,
    ];

    pub fn id(self) -> &'static str {
        match self {
            DateNames::Days => "date-days",
            DateNames::ShortDays => "date-days-short",
            DateNames::Months => "date-months",
            DateNames::ShortMonths => "date-months-short",
        }
    }
}

impl Texts {
    pub fn new(language: Language) -> Texts {
        Texts::from_files(language, language.catalogue())
    }

    /// Only the words for instants and spans of time (`time.ftl`): all that a report of
    /// dates and countdowns prints, without reading the rest of the catalogue first.
    pub fn time_words(language: Language) -> Texts {
        Texts::from_files(language, language.catalogue().get(..1).unwrap_or_default())
    }

    fn from_files(language: Language, files: &[&str]) -> Texts {
        let langid: LanguageIdentifier = language.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![langid]);
        // Unicode isolation marks keep right-to-left names from reordering a sentence in a
        // browser, but a terminal shows them as stray cells.
        bundle.set_use_isolating(false);
        // The catalogues are part of the binary and a test parses each one whole; should one
        // ever fail, the messages that did parse are still better than none. Ids are unique
        // across a language's files (tested), so adding cannot clash.
        for source in files {
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(partial, _errors)| partial);
            let _ = bundle.add_resource(resource);
        }
        Texts {
            language,
            bundle,
            date_names: OnceLock::new(),
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `id`; the id itself if the catalogue lacks it, which the catalogue
    /// tests rule out for every id the code uses.
    pub fn get(&self, id: &str) -> String {
        self.format_with(id, None)
    }

    /// The names in one of the catalogue's lists, one word each.
    pub fn date_names(&self, list: DateNames) -> &[String] {
        let lists = self.date_names.get_or_init(|| {
            DateNames::ALL.map(|list| {
                self.get(list.id())
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect()
            })
        });
        &lists[list as usize]
    }

    pub fn format(&self, id: &str, args: &FluentArgs) -> String {
        self.format_with(id, Some(args))
    }

    fn format_with(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Texts")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
