//! The command line: global options for the files, and the subcommands.

use std::path::PathBuf;

use clap::{Args, Command, CommandFactory, Parser, Subcommand};

use crate::cli::output::{Format, ListFormat};
use crate::cli::transfer::FileFormat;
use crate::domain::Status;

#[derive(Debug, Parser)]
#[command(
    name = "balie",
    version,
    about = "A servicedesk in the terminal: queue, ticket, caller and promises on one local file",
    long_about = "A servicedesk in the terminal: queue, ticket, caller and promises on one local \
                  SQLite file. Without a subcommand, opens the desk.",
    after_long_help = exit_status_help()
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
        /// Start of the period: today, 7d, 30d (days back from now) or a date, 2026-11-01
        #[arg(long, default_value = "7d", value_name = "today|7d|30d|DATE")]
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
    /// Open, show and list tickets
    Ticket {
        #[command(subcommand)]
        action: TicketCommand,
    },
    /// Find callers by name, organisation, phone, e-mail or identifier, best match first
    Caller {
        #[command(subcommand)]
        action: CallerCommand,
    },
    /// Add a note to a ticket; with no TEXT, or TEXT `-`, the note is read from stdin
    Note {
        /// The ticket: its key (T-1234), number (1234) or id
        #[arg(value_name = "TICKET")]
        ticket: String,
        /// The note
        #[arg(value_name = "TEXT", num_args = 0..)]
        text: Vec<String>,
    },
    /// Promise the caller of a ticket something by a deadline; prints the promise's id
    Promise {
        /// The ticket: its key (T-1234), number (1234) or id
        #[arg(value_name = "TICKET")]
        ticket: String,
        /// By when: +2h, +4bh (business hours), tomorrow 9:00, fri 14:00; or a time today (HH:MM) or a date (YYYY-MM-DD HH:MM)
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
    /// Mark a promise as kept; keeping it is logged as an outbound contact on its ticket
    Kept {
        /// The promise's id, as `balie promise` prints it
        #[arg(value_name = "PROMISE")]
        promise: String,
        /// What came of it, logged with the contact
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Print a completion script for a shell, e.g. `balie completions bash > ~/.local/share/bash-completion/completions/balie`
    Completions {
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print this manual as a man page (roff), e.g. `balie man > ~/.local/share/man/man1/balie.1`
    Man {
        /// Write balie.1 and a page for every subcommand (balie-ticket-list.1, …) into this
        /// folder instead, so that the pages balie.1 refers to exist
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
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
    Bench(crate::cli::bench::BenchArgs),
    /// Copy the desk to a new file while desks keep working on it (one consistent snapshot)
    Backup {
        /// The copy; never an existing file
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Check the desk's file for damage without changing it; exits 1 on any problem
    Check {
        /// Also work the report figures (SLA outcomes, first-contact resolution, promise
        /// outcomes) out again from the events alone, and say how many kept ones differed
        #[arg(long)]
        rebuild: bool,
    },
    /// Share the desk with a team through a PostgreSQL team store, and see how it stands
    Team {
        #[command(subcommand)]
        action: TeamCommand,
    },
    /// Take calls from the phone system: a receiver for Zammad's generic CTI push API, and
    /// the same events from a shell
    Phone {
        #[command(subcommand)]
        action: PhoneCommand,
    },
    /// The caller log: calls in and out, answered and missed, newest first
    Calls {
        /// Start of the period: today, 7d, 30d (days back from now) or a date, 2026-11-01
        #[arg(long, default_value = "today", value_name = "today|7d|30d|DATE")]
        since: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Push this desk's changes to the team store and pull the others'; exit 0 when both agree
    Sync,
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
pub enum PhoneCommand {
    /// Receive call events at POST /api/v1/cti/TOKEN (form-encoded or JSON) and write them
    /// to the desk (--db); runs until stopped
    Serve {
        /// Address to listen on; anything but loopback also needs --allow-remote
        #[arg(long, default_value = "127.0.0.1:8088", value_name = "ADDR")]
        listen: String,
        /// The file holding the token (readable by you only) [default: [phone] token_file]
        #[arg(long, value_name = "FILE")]
        token_file: Option<PathBuf>,
        /// Listen on an address other machines can reach (put TLS in front: see README)
        #[arg(long)]
        allow_remote: bool,
    },
    /// A call rings: the newCall event; prints the call's id for answer and hangup
    Ring {
        /// The caller's number (or, with --out, the number called)
        #[arg(value_name = "NUMBER")]
        number: String,
        /// The agent it rings for (or who calls, with --out)
        #[arg(long, value_name = "NAME")]
        agent: Option<String>,
        /// The phone system's id for the call [default: a new one]
        #[arg(long, value_name = "ID")]
        call_id: Option<String>,
        /// An outbound call: the agent calls NUMBER
        #[arg(long)]
        out: bool,
    },
    /// Somebody picked up: the answer event
    Answer {
        #[arg(value_name = "CALL-ID")]
        call_id: String,
        /// Who answered
        #[arg(long, value_name = "NAME")]
        agent: Option<String>,
    },
    /// The call ended: the hangup event. Unanswered and inbound, it is a missed call
    Hangup {
        #[arg(value_name = "CALL-ID")]
        call_id: String,
        /// normalClearing, busy, cancel, noAnswer, congestion, notFound or forwarded
        #[arg(long, default_value = "normalClearing", value_name = "CAUSE")]
        cause: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Prepare an empty PostgreSQL database as a team store (again: brings it up to date)
    Init {
        /// postgres://USER@HOST[:PORT]/DATABASE; the password comes from PGPASSWORD or ~/.pgpass
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Let an agent in: creates the PostgreSQL role they connect as (run by the store's owner)
    AddAgent {
        /// The team store as its owner: postgres://OWNER@HOST[:PORT]/DATABASE
        #[arg(value_name = "URL")]
        url: String,
        /// The agent's name, as in their config's `agent`
        #[arg(value_name = "NAME")]
        name: String,
        /// The role's name [default: the name in lower case, e.g. anna_de_vries]
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// Read the role's password from the first line of standard input
        #[arg(long)]
        password_stdin: bool,
    },
    /// Make this desk (--db) a member of the team store at URL
    Join {
        /// The team store as this agent's role: postgres://ROLE@HOST[:PORT]/DATABASE
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Whether the desk is online, what waits to be pushed, open conflicts
    Status {
        #[arg(long, value_enum, default_value_t)]
        format: crate::cli::output::Format,
    },
    /// List the open conflicts, or settle one
    Conflicts {
        /// Settle this conflict (its id, or the first characters of it)
        #[arg(long, value_name = "ID", requires = "keep")]
        resolve: Option<String>,
        /// Which value stays: the one the team store kept, or the one that lost
        #[arg(long, value_enum)]
        keep: Option<KeepChoice>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeepChoice {
    Kept,
    Lost,
}

/// What balie's exit codes mean, for `balie --help`, the man page and README.md.
pub const EXIT_CODES: &[(u8, &str)] = &[
    (0, "success"),
    (
        1,
        "an error: no such ticket or promise, a bad value, a refused change (an empty note, \
         a promise already kept), no desk, a database problem; the reason is on stderr",
    ),
    (
        2,
        "a usage error: an unknown command or option, a missing argument",
    ),
    (
        3,
        "a caller search found nobody (`caller find`, `--caller`), or several callers where \
         one was needed (the candidates are listed on stderr)",
    ),
    (
        4,
        "the team store could not be reached (`sync`, `team ...`): nothing was lost, the \
         desk's changes wait on it and go with the next sync",
    ),
    (
        129,
        "the desk's terminal closed (an ssh session dropped, the window was closed, SIGHUP): \
         the form being typed was kept as a draft and comes back on the next start",
    ),
    (
        143,
        "the desk was stopped with SIGTERM: the form being typed was kept as a draft",
    ),
];

fn exit_status_help() -> String {
    let mut help = String::from("Exit status:\n");
    for (code, meaning) in EXIT_CODES {
        help.push_str(&format!("  {code}  {meaning}\n"));
    }
    help
}

/// The man page: clap's sections for the command line, and the exit codes.
pub fn write_man_page(out: &mut impl std::io::Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(Cli::command());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    for (code, meaning) in EXIT_CODES {
        // A line starting with a dot or quote would be read as a roff request.
        let meaning = meaning.replace('\\', "\\\\").replace('`', "");
        writeln!(out, ".TP\n{code}\n{meaning}")?;
    }
    man.render_version_section(out)
}

/// Every page into `dir`: clap's own for each subcommand, then ours for balie itself, which
/// adds the exit codes.
pub fn write_man_pages(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(Cli::command(), dir)?;
    let mut page = std::fs::File::create(dir.join("balie.1"))?;
    write_man_page(&mut page)?;
    page.sync_all()
}

/// The command line for shell completions: the completion generators offer hidden
/// subcommands too, so `bench` is left out here. Everything else is `Cli`'s own.
pub fn completion_command() -> Command {
    let full = Cli::command();
    let mut visible = Command::new("balie")
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|c| !c.is_hide_set()).cloned());
    if let Some(about) = full.get_about() {
        visible = visible.about(about.clone());
    }
    visible
}

#[derive(Debug, Subcommand)]
pub enum TicketCommand {
    /// Open a ticket for a caller, as a new call in the desk does; prints its key
    New(NewTicketArgs),
    /// Show a ticket: its fields, open promises and timeline
    Show {
        /// The ticket: its key (T-1234), number (1234) or id
        #[arg(value_name = "TICKET")]
        ticket: String,
        /// table: header and timeline; json: one object; csv: the timeline's events
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List tickets, latest activity first (as the queue orders them); open ones by default
    List(ListTicketsArgs),
    /// Change a ticket's fields as the desk does, each change an event with the old and the
    /// new value; prints one line per change
    Set(SetTicketArgs),
}

#[derive(Debug, Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("fields").required(true).multiple(true)))]
pub struct SetTicketArgs {
    /// The ticket: its key (T-1234), number (1234) or id
    #[arg(value_name = "TICKET")]
    pub ticket: String,
    /// new, open, waiting_caller, waiting_third_party, resolved or closed
    #[arg(long, value_name = "STATUS", value_parser = parse_status, group = "fields")]
    pub status: Option<Status>,
    /// An agent of the roster (the config's [[agents]] and everyone the desk has seen
    /// working); the start of a name will do when it names one agent
    #[arg(long, value_name = "NAME", group = "fields")]
    pub assignee: Option<String>,
    /// Take --assignee as a new agent, not on the roster yet
    #[arg(long, requires = "assignee")]
    pub new_agent: bool,
    /// 1 = the whole organisation … 5 = one person, minor; the priority follows
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5), group = "fields")]
    pub impact: Option<u8>,
    /// 1 = work has stopped now … 5 = can wait; the priority follows
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5), group = "fields")]
    pub urgency: Option<u8>,
    /// One of the config's categories (capitals do not matter)
    #[arg(long, value_name = "NAME", group = "fields")]
    pub category: Option<String>,
    /// What the ticket is about
    #[arg(long, value_name = "TEXT", group = "fields")]
    pub subject: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewTicketArgs {
    /// The caller's id, or a name, phone, e-mail or identifier that finds exactly one caller
    #[arg(long, value_name = "CALLER")]
    pub caller: String,
    /// What the call is about
    #[arg(long, value_name = "TEXT")]
    pub subject: String,
    /// 1 = the whole organisation … 5 = one person, minor; the priority follows from the
    /// config's priority_matrix
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub impact: u8,
    /// 1 = work has stopped now … 5 = can wait
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub urgency: u8,
    /// One of the config's categories (capitals do not matter)
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// What the caller said, logged with the inbound call that opens the ticket
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListTicketsArgs {
    /// Only tickets with this status: new, open, waiting_caller, waiting_third_party,
    /// resolved, closed (several: --status new,open) [default: every open status]
    #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<Status>,
    /// Only tickets assigned to me (the agent in the config)
    #[arg(long, conflicts_with = "assignee")]
    pub mine: bool,
    /// Only tickets assigned to this agent
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    /// At most this many tickets; a note on stderr says when there were more
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// ids prints one ticket key a line, for xargs
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

#[derive(Debug, Subcommand)]
pub enum CallerCommand {
    /// Find callers as the desk's search does: fuzzy, accents and phone formats aside
    Find {
        /// A name, organisation, phone, e-mail or identifier
        #[arg(value_name = "QUERY")]
        query: String,
        /// At most this many callers
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
        limit: u32,
        /// ids prints one caller id a line, for xargs
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
    },
    /// Correct a caller's details, each change recorded with the old value; prints one
    /// line per change
    Edit(EditCallerArgs),
    /// Merge OTHER into KEEP, who are one person: OTHER's tickets, promises, phones,
    /// e-mail addresses and identifiers move to KEEP, and OTHER stays as a pointer to KEEP
    Merge {
        /// The caller kept: their id, or a name, phone, e-mail or identifier that finds one caller
        #[arg(value_name = "KEEP")]
        keep: String,
        /// The caller merged away, named the same way
        #[arg(value_name = "OTHER")]
        other: String,
    },
    /// List callers who are likely one person: they share a phone number or an e-mail address
    Duplicates {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("changes").required(true).multiple(true)))]
pub struct EditCallerArgs {
    /// The caller's id, or a name, phone, e-mail or identifier that finds exactly one caller
    #[arg(value_name = "CALLER")]
    pub caller: String,
    /// Their name as it should be
    #[arg(long, value_name = "NAME", group = "changes")]
    pub name: Option<String>,
    /// Their organisation as it should be; "" clears it
    #[arg(long, value_name = "NAME", group = "changes")]
    pub org: Option<String>,
    /// A phone number to add (repeat for several)
    #[arg(long, value_name = "PHONE", group = "changes")]
    pub add_phone: Vec<String>,
    /// A phone number to remove, in any format (repeat for several)
    #[arg(long, value_name = "PHONE", group = "changes")]
    pub remove_phone: Vec<String>,
    /// An e-mail address to add (repeat for several)
    #[arg(long, value_name = "ADDRESS", group = "changes")]
    pub add_email: Vec<String>,
    /// An e-mail address to remove (repeat for several)
    #[arg(long, value_name = "ADDRESS", group = "changes")]
    pub remove_email: Vec<String>,
    /// An identifier (asset tag, licence or customer code) to add (repeat for several)
    #[arg(long, value_name = "CODE", group = "changes")]
    pub add_identifier: Vec<String>,
    /// An identifier to remove (repeat for several)
    #[arg(long, value_name = "CODE", group = "changes")]
    pub remove_identifier: Vec<String>,
}

fn parse_status(code: &str) -> Result<Status, String> {
    Status::from_code(code.trim()).ok_or_else(|| {
        let codes: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
        format!("one of {}", codes.join(", "))
    })
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

    #[test]
    fn completions_offer_every_visible_subcommand_and_option_and_nothing_hidden() {
        let names = |c: &Command| -> Vec<String> {
            c.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| s.get_name().to_string())
                .collect()
        };
        let full = Cli::command();
        let visible = completion_command();
        assert_eq!(names(&visible), names(&full));
        assert!(visible.find_subcommand("bench").is_none());
        assert!(full.find_subcommand("bench").is_some());
        let args = |c: &Command| -> Vec<String> {
            c.get_arguments().map(|a| a.get_id().to_string()).collect()
        };
        assert_eq!(args(&visible), args(&full));
        assert_eq!(visible.get_name(), full.get_name());
        assert_eq!(visible.get_version(), full.get_version());
    }
}
