//! Troubleshooting scripts: small TOML files of questions whose answers branch to another
//! question or end in a suggested resolution or an escalation. The desk ships a set in
//! `assets/scripts/`, compiled in; an agent's own folder adds to them, and a file there with
//! the same name as a shipped one replaces it.

pub mod fill;
mod parse;
pub mod rank;
mod runner;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::{Path, PathBuf};

pub use parse::parse;
pub use runner::{Ending, Given, Recorded, Replayed, Run, Taken};

/// The shipped scripts, by file stem. A test checks that every file in `assets/scripts/`
/// is listed here, so a new file cannot be forgotten.
macro_rules! shipped {
    ($($stem:literal),+ $(,)?) => {
        &[$(($stem, include_str!(concat!("../../../assets/scripts/", $stem, ".toml")))),+]
    };
}

pub const SHIPPED: &[(&str, &str)] = shipped![
    "problem-analysis",
    "call-opening",
    "internet-down",
    "printer",
    "vpn",
    "password-reset",
    "mfa-device-lost",
    "mailbox-sync",
];

/// The id of the script offered first on a new ticket.
pub const PROBLEM_ANALYSIS: &str = "problem-analysis";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    /// The file stem; events name the script by it.
    pub id: String,
    pub title: String,
    pub keywords: Vec<String>,
    pub offer: Offer,
    pub steps: Vec<Step>,
    pub first: usize,
    /// From the agent's own folder rather than shipped.
    pub own: bool,
    /// Each group an ending escalates to, with its line and column in the file, so a name
    /// the config does not have is pointed at when the scripts load.
    pub groups: Vec<(String, (usize, usize))>,
}

/// When the picker puts a script near the top without the agent searching for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Offer {
    #[default]
    ByKeyword,
    NewTicket,
    CallTaken,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub id: String,
    pub question: String,
    pub reply: Reply,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Choices(Vec<Answer>),
    /// The agent types what the caller says; the script then goes on to `Then`.
    Text(Then),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub text: String,
    pub then: Then,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    /// The index of the next step in `Script::steps`.
    Step(usize),
    Resolve(String),
    Escalate {
        text: String,
        group: Option<String>,
    },
}

impl Script {
    pub fn step(&self, index: usize) -> Option<&Step> {
        self.steps.get(index)
    }

    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }
}

/// A script file that could not be used, with where in it the trouble is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    pub path: PathBuf,
    /// 1-based; `None` when the file could not be read at all.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Every usable script, and the files that were skipped with why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Library {
    pub scripts: Vec<Script>,
    pub errors: Vec<ScriptError>,
}

impl Library {
    pub fn shipped() -> Library {
        let mut library = Library::default();
        for (stem, text) in SHIPPED {
            let path = PathBuf::from(format!("assets/scripts/{stem}.toml"));
            library.add(parse(stem, text, &path), false);
        }
        library
    }

    /// The shipped scripts with the agent's own `*.toml` files from `folder` on top. A
    /// missing folder is no error: most agents have none. A script that escalates to a
    /// group not among `groups` (the config's) is set aside with the line that names it,
    /// rather than handing tickets to the wrong group without a word.
    pub fn load(folder: Option<&Path>, groups: &[&str]) -> Library {
        let mut library = Library::shipped();
        let Some(folder) = folder else {
            return library;
        };
        let Ok(entries) = std::fs::read_dir(folder) else {
            return library;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let parsed = match std::fs::read_to_string(&path) {
                Ok(text) => parse(stem, &text, &path).and_then(|s| known_groups(s, &path, groups)),
                Err(error) => Err(ScriptError {
                    path: path.clone(),
                    at: None,
                    message: error.to_string(),
                }),
            };
            library.add(parsed, true);
        }
        library
    }

    fn add(&mut self, parsed: Result<Script, ScriptError>, own: bool) {
        match parsed {
            Ok(mut script) => {
                script.own = own;
                match self.scripts.iter_mut().find(|s| s.id == script.id) {
                    Some(shipped) => *shipped = script,
                    None => self.scripts.push(script),
                }
            }
            Err(error) => self.errors.push(error),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Script> {
        self.scripts.iter().find(|s| s.id == id)
    }
}

/// The script, or why it cannot be used: an ending escalates to a group not among
/// `groups`, which would hand tickets to the wrong group without a word.
fn known_groups(script: Script, path: &Path, groups: &[&str]) -> Result<Script, ScriptError> {
    match script
        .groups
        .iter()
        .find(|(name, _)| !groups.contains(&name.as_str()))
    {
        Some((name, at)) => Err(ScriptError {
            path: path.to_path_buf(),
            at: Some(*at),
            message: format!(
                "group `{name}` is not one of the config's groups ({}); name one of them, \
                 or add it under [[groups]]",
                groups.join(", ")
            ),
        }),
        None => Ok(script),
    }
}

/// What to write on a ticket's timeline as a script runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub ticket_id: crate::domain::Id,
    pub script: String,
    pub title: String,
    pub what: Recording,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recording {
    Started,
    /// An answer, and the ending it led to if it ended the script.
    Answer {
        step: String,
        question: String,
        answer: String,
        finished: Option<Ending>,
    },
    Left {
        step: String,
    },
}
