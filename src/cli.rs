//! The command line: global options for the files, and the subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::report::Format;
use crate::transfer::FileFormat;

#[derive(Debug, Parser)]
#[command(
    name = "balie",
    version,
    about = "A servicedesk in the terminal: queue, ticket, caller and promises on one local file",
    long_about = "A servicedesk in the terminal: queue, ticket, caller and promises on one local \
                  SQLite file. Without a subcommand, opens the desk."
)]
pub struct Cli {
    /// The desk's database file [default: balie.db in the user's data folder]
    #[arg(long, global = true, env = "BALIE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The configuration file [default: config.toml in the user's config folder]
    #[arg(long, global = true, env = "BALIE_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Commands>,
}

#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Open the desk on a throwaway database full of sample callers, tickets and promises
    /// (kept only when --db names a new file)
    Demo {
        /// Seed for the sample data; the same seed gives the same desk
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Import callers, tickets or a whole desk from a file
    Import {
        #[command(subcommand)]
        what: ImportKind,
    },
    /// Export callers, tickets or the whole desk to a new file (readable by you only)
    Export {
        #[command(subcommand)]
        what: ExportKind,
    },
    /// List open promises past their deadline, longest overdue first
    Overdue {
        /// Only this agent's promises
        #[arg(long, value_name = "NAME")]
        agent: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Per agent: promises made and kept, and first-contact resolution, over a period
    Report {
        /// Start of the period: 7d, 30d (days back from now) or a date, 2026-11-01
        #[arg(long, default_value = "7d", value_name = "7d|30d|DATE")]
        since: String,
        /// Only this agent
        #[arg(long, value_name = "NAME")]
        agent: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Summarise an agent's open tickets and the promises due before their next shift
    Handover {
        /// Whose handover [default: the agent from the config]
        #[arg(long, value_name = "NAME")]
        agent: Option<String>,
        /// table prints text to pass on; json the same for other tools (csv is not offered)
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Promise the caller of a ticket something by a deadline; prints the promise's id
    Promise {
        /// The ticket: its key (T-1234) or number (1234)
        #[arg(value_name = "TICKET")]
        ticket: String,
        /// By when: +2h, +4bh (business hours), 15:00, tomorrow 9:00, fri 14:00, 2026-12-01 10:00
        #[arg(long, value_name = "WHEN")]
        due: String,
        /// To whom [default: the ticket's caller]
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
        /// How the promise will be kept: phone, email or visit
        #[arg(long, default_value = "phone", value_name = "CHANNEL")]
        channel: String,
        /// What is promised
        #[arg(value_name = "TEXT", required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Write open promises to an iCalendar file for Outlook, Thunderbird and the like
    ExportIcs {
        /// Only this agent's promises
        #[arg(long, value_name = "NAME")]
        agent: Option<String>,
        #[arg(value_name = "FILE.ics")]
        file: PathBuf,
    },
    /// Measure the desk against its performance budgets on a generated desk
    #[command(hide = true)]
    Bench(crate::bench::BenchArgs),
    /// Copy the desk to a new file while desks keep working on it (one consistent snapshot)
    Backup {
        /// The copy; never an existing file
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Check the desk's file for damage without changing it; exits 1 on any problem
    Check,
    /// Erase a caller's personal data for good; their tickets, promises and events stay,
    /// anonymous
    Forget {
        /// The caller's id, or a name, phone, e-mail or identifier that finds exactly one caller
        #[arg(value_name = "CALLER")]
        caller: String,
        /// Erase without asking (for scripts); otherwise type the caller's name to confirm
        #[arg(long)]
        yes: bool,
        /// Skip rebuilding the file, which pauses other desks' saves on a large desk; older
        /// copies of the erased data may then remain in the file's free space
        #[arg(long)]
        no_vacuum: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportKind {
    /// Callers from a CSV file with a header row: id, name, organization, phone, email,
    /// identifiers (several values separated by ;), or from a JSON array of callers
    Callers {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// csv or json [default: from the file's extension]
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        /// Report what would be imported without changing the desk
        #[arg(long)]
        dry_run: bool,
    },
    /// Tickets from CSV or JSON, as `balie export tickets` writes them; their callers must
    /// be on the desk
    Tickets {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// csv or json [default: from the file's extension]
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        /// Report what would be imported without changing the desk
        #[arg(long)]
        dry_run: bool,
    },
    /// A whole desk from `balie export json`, into a new, empty desk
    Json {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
        /// Check the file and count its rows without changing the desk
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportKind {
    /// Every caller (not those erased) to CSV or JSON
    Callers {
        /// A new file; never an existing one
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// csv or json [default: from the file's extension]
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
    },
    /// Tickets to CSV or JSON, one row per ticket
    Tickets {
        /// A new file; never an existing one
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// csv or json [default: from the file's extension]
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        /// Only tickets opened since: today, 7d (days back from now) or a date, 2026-11-01
        #[arg(long, value_name = "today|7d|DATE")]
        since: Option<String>,
    },
    /// The whole desk to one JSON file that `balie import json` reads back
    Json {
        /// A new file; never an existing one
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_are_accepted_before_and_after_the_subcommand() {
        let before = Cli::try_parse_from(["balie", "--db", "x.db", "import", "callers", "c.csv"]);
        let after = Cli::try_parse_from(["balie", "import", "callers", "c.csv", "--db", "x.db"]);
        for parsed in [before, after] {
            let cli = parsed.map_err(|e| e.to_string()).unwrap();
            assert_eq!(cli.db, Some(PathBuf::from("x.db")));
        }
    }
}
