use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use clap::Parser;

use balie::cli::args::{
    CallerCommand, Cli, Commands, PhoneCommand, TeamCommand, TicketCommand, completion_command,
    write_man_page, write_man_pages,
};
use balie::cli::{
    call_log, demo, failure, maintenance, output, phone, reports, team, transfer, verbs,
};
use balie::config::{self, Config};
use balie::desk::background_search::BackgroundSearch;
use balie::desk::runtime;
use balie::desk::{self, Desk};
use balie::domain::text::{self, TerminalSafe};
use balie::store::Store;
use std::io::{IsTerminal, Write, stderr, stdout};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    let desk = desk_named_in_errors(&cli);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`balie overdue | head`) is not an error.
        Err(error) if failure::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // The message may quote a name or a file's line: escaped like every output.
            let message = format!("balie: {}", failure::describe(&error, desk.as_deref()));
            eprintln!("{}", text::escape(&message));
            ExitCode::from(verbs::exit_code(&error))
        }
    }
}

/// A command line clap cannot read is an error like any other: `balie: ` in front, exit
/// code 2. Help and the version are printed as clap prints them.
fn usage_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        error.exit();
    }
    let rendered = error.render().to_string();
    let message = rendered.strip_prefix("error: ").unwrap_or(&rendered);
    eprint!("balie: {message}");
    ExitCode::from(2)
}

/// The desk a failure of SQLite is about: the one the command works on. A backup's own
/// connection also writes the copy, whose disk may be the full one, so it is left out.
fn desk_named_in_errors(cli: &Cli) -> Option<PathBuf> {
    match &cli.command {
        Some(
            Commands::Backup { .. }
            | Commands::Completions { .. }
            | Commands::Man { .. }
            | Commands::Bench(_),
        ) => None,
        _ => database_path(cli).ok(),
    }
}

fn run(cli: Cli) -> Result<()> {
    // Generated from the command line's definition alone: a broken config or a missing
    // desk must not stop an install script.
    match &cli.command {
        Some(Commands::Completions { shell }) => {
            clap_complete::generate(*shell, &mut completion_command(), "balie", &mut stdout());
            return Ok(());
        }
        Some(Commands::Man { dir: None }) => {
            write_man_page(&mut stdout())?;
            return Ok(());
        }
        Some(Commands::Man { dir: Some(dir) }) => {
            write_man_pages(dir)
                .with_context(|| format!("writing man pages to {}", dir.display()))?;
            println!("wrote the man pages to {}", dir.display());
            return Ok(());
        }
        _ => {}
    }
    let config = load_config(&cli)?;
    if let Some(warning) = config::tz_warning(config.time_zone) {
        eprintln!("balie: warning: {warning}");
    }
    match &cli.command {
        None => {
            let path = database_path(&cli)?;
            let store = with_figure_rules(open_desk(&path, &config)?, &config)?;
            let search = background_search(&path, &config)?;
            // A team desk syncs in a thread of its own while it runs; its pulls reach the
            // screen as any other connection's commits do.
            let _sync = store.team()?.map(|_| {
                balie::sync::worker::Worker::start(
                    path.clone(),
                    config.agent.clone(),
                    config.team.ca_file.clone(),
                    config.figure_rules(),
                )
            });
            runtime::run(Desk::new(store, config, Utc::now()), Some(search))
        }
        Some(Commands::Bench(args)) => balie::cli::bench::run(args),
        Some(Commands::Demo { seed }) => run_demo(cli.db.clone(), config, *seed),
        Some(Commands::Overdue { agent, format }) => {
            let store = open_existing(&cli, &config)?;
            let agent = agent
                .as_deref()
                .map(|named| verbs::agent::on_roster(&store, &config, "--agent", named))
                .transpose()?;
            let mut out = buffered_stdout();
            reports::overdue(
                &store,
                &config,
                agent.as_deref(),
                *format,
                Utc::now(),
                &mut out,
            )?;
            Ok(out.flush()?)
        }
        Some(Commands::Report {
            since,
            agent,
            format,
        }) => {
            let mut store = open_existing(&cli, &config)?;
            let now = Utc::now();
            let agent = agent
                .as_deref()
                .map(|named| verbs::agent::on_roster(&store, &config, "--agent", named))
                .transpose()?;
            let mut out = buffered_stdout();
            reports::report(
                &mut store,
                &config,
                since,
                agent.as_deref(),
                *format,
                now,
                &mut out,
            )?;
            Ok(out.flush()?)
        }
        Some(Commands::Handover { agent, format }) => {
            let store = open_existing(&cli, &config)?;
            let agent = agent.as_deref().unwrap_or(&config.agent);
            reports::handover(
                &store,
                &config,
                agent,
                *format,
                Utc::now(),
                &mut safe_stdout(),
            )
        }
        Some(Commands::ExportIcs { agent, file }) => {
            let store = open_existing(&cli, &config)?;
            let count = reports::export_ics(&store, agent.as_deref(), file, Utc::now())?;
            writeln!(
                safe_stdout(),
                "wrote {} to {}",
                output::plural(count as i64, "open promise", "open promises"),
                file.display()
            )?;
            Ok(())
        }
        Some(Commands::Import { what }) => {
            let db = database_path(&cli)?;
            transfer::command::import(what, &db, &config, Utc::now(), &mut safe_stdout())
        }
        Some(Commands::Export { what }) => {
            let store = open_existing(&cli, &config)?;
            transfer::command::export(what, &store, &config, Utc::now(), &mut safe_stdout())
        }
        Some(Commands::Backup { file }) => {
            maintenance::backup(&database_path(&cli)?, file, &mut safe_stdout())
        }
        Some(Commands::Check { rebuild }) => {
            let path = database_path(&cli)?;
            maintenance::check(&path, &mut safe_stdout())?;
            if *rebuild {
                let mut store = with_figure_rules(open_existing(&cli, &config)?, &config)?;
                maintenance::rebuild_figures(&mut store, &mut safe_stdout())?;
            }
            Ok(())
        }
        Some(
            command @ (Commands::Ticket { .. }
            | Commands::Caller { .. }
            | Commands::Note { .. }
            | Commands::Promise { .. }
            | Commands::Kept { .. }),
        ) => {
            // They write, and what they write counts in the reports under the desk's settings.
            let mut store = with_figure_rules(open_existing(&cli, &config)?, &config)?;
            run_verb(&mut store, &config, command)
        }
        Some(Commands::Completions { .. } | Commands::Man { .. }) => Ok(()),
        Some(Commands::Team { action }) => match action {
            TeamCommand::Init { url } => team::init(url, &config, &mut safe_stdout()),
            TeamCommand::AddAgent {
                url,
                name,
                role,
                password_stdin,
            } => team::add_agent(
                url,
                name,
                role.as_deref(),
                *password_stdin,
                &config,
                &mut safe_stdout(),
            ),
            TeamCommand::Join { url } => {
                let store = open_desk(&database_path(&cli)?, &config)?;
                let mut store = with_figure_rules(store, &config)?;
                team::join(&mut store, url, &config, Utc::now(), &mut safe_stdout())
            }
            TeamCommand::Status { format } => {
                let store = open_existing(&cli, &config)?;
                team::status(&store, *format, Utc::now(), &mut safe_stdout())
            }
            TeamCommand::Conflicts { resolve, keep } => {
                let mut store = open_existing(&cli, &config)?;
                team::conflicts(
                    &mut store,
                    resolve.as_deref(),
                    *keep,
                    Utc::now(),
                    &mut safe_stdout(),
                )
            }
        },
        Some(Commands::Phone { action }) => run_phone(&cli, &config, action),
        Some(Commands::Calls { since, format }) => {
            let store = open_existing(&cli, &config)?;
            let mut out = buffered_stdout();
            call_log::calls(&store, &config, since, *format, Utc::now(), &mut out)?;
            Ok(out.flush()?)
        }
        Some(Commands::Sync) => {
            let mut store = with_figure_rules(open_existing(&cli, &config)?, &config)?;
            team::sync_now(&mut store, &config, Utc::now(), &mut safe_stdout())
        }
        Some(Commands::Forget {
            caller,
            yes,
            no_vacuum,
        }) => {
            let mut store = open_existing(&cli, &config)?;
            let forget = maintenance::Forget {
                db: &database_path(&cli)?,
                caller,
                yes: *yes,
                vacuum: !*no_vacuum,
            };
            maintenance::forget(
                &mut store,
                &forget,
                &config,
                Utc::now(),
                &mut safe_stdout(),
                &mut TerminalSafe::new(stderr()),
            )
        }
    }
}

/// The phone system's events: the receiver, or one event from a shell. Both write to the
/// desk named by --db, where a running desk sees them.
fn run_phone(cli: &Cli, config: &Config, action: &PhoneCommand) -> Result<()> {
    let event = match action {
        PhoneCommand::Serve {
            listen,
            token_file,
            allow_remote,
        } => {
            let Some(token_file) = token_file.as_ref().or(config.phone.token_file.as_ref()) else {
                bail!(
                    "the receiver needs a token: name a file with --token-file, or token_file \
                     under [phone] in the config"
                );
            };
            let options = phone::ServeOptions {
                listen,
                token: phone::read_token(token_file)?,
                allow_remote: *allow_remote,
            };
            let db = database_path(cli)?;
            return phone::serve(&db, config, options, &mut safe_stdout());
        }
        PhoneCommand::Ring {
            number,
            agent,
            call_id,
            out,
        } => phone::ShellEvent::Ring {
            number,
            agent: agent.as_deref(),
            call_id: call_id.as_deref(),
            out: *out,
        },
        PhoneCommand::Answer { call_id, agent } => phone::ShellEvent::Answer {
            call_id,
            agent: agent.as_deref(),
        },
        PhoneCommand::Hangup { call_id, cause } => phone::ShellEvent::Hangup { call_id, cause },
    };
    let event = event.event()?;
    let mut store = with_figure_rules(open_existing(cli, config)?, config)?;
    phone::write_event(&mut store, config, &event, Utc::now(), &mut safe_stdout())?;
    Ok(())
}

/// The verbs for scripts, on a desk that already exists.
fn run_verb(store: &mut Store, config: &Config, command: &Commands) -> Result<()> {
    let now = Utc::now();
    let (out, err) = (&mut safe_stdout(), &mut TerminalSafe::new(stderr()));
    match command {
        Commands::Ticket {
            action: TicketCommand::New(args),
        } => {
            let request = verbs::ticket::NewTicketRequest {
                caller: &args.caller,
                subject: &args.subject,
                impact: args.impact,
                urgency: args.urgency,
                category: args.category.as_deref(),
                note: args.note.as_deref(),
            };
            let ticket = verbs::ticket::new(store, config, &request, now, err)?;
            writeln!(out, "{}", ticket.key)?;
        }
        Commands::Ticket {
            action: TicketCommand::Show { ticket, format },
        } => verbs::ticket_show::show(store, config, ticket, *format, now, out)?,
        Commands::Ticket {
            action: TicketCommand::List(args),
        } => {
            let assignee = if args.mine {
                Some(config.agent.as_str())
            } else {
                args.assignee.as_deref()
            };
            let request = verbs::ticket::ListRequest {
                statuses: &args.status,
                assignee,
                limit: args.limit as usize,
                format: args.format,
            };
            verbs::ticket::list(store, config, &request, out, err)?;
        }
        Commands::Caller {
            action:
                CallerCommand::Find {
                    query,
                    limit,
                    format,
                },
        } => verbs::caller::find(store, query, *limit as usize, *format, out)?,
        Commands::Ticket {
            action: TicketCommand::Set(args),
        } => {
            let request = verbs::ticket_set::SetRequest {
                ticket: &args.ticket,
                status: args.status,
                assignee: args.assignee.as_deref(),
                new_agent: args.new_agent,
                impact: args.impact,
                urgency: args.urgency,
                category: args.category.as_deref(),
                subject: args.subject.as_deref(),
            };
            verbs::ticket_set::set(store, config, &request, now, out)?;
        }
        Commands::Caller {
            action: CallerCommand::Edit(args),
        } => {
            use balie::domain::caller_change::HandleKind;
            let handles = |kind: HandleKind, values: &'_ [String]| -> Vec<(HandleKind, String)> {
                values.iter().map(|v| (kind, v.clone())).collect()
            };
            let add = [
                handles(HandleKind::Phone, &args.add_phone),
                handles(HandleKind::Email, &args.add_email),
                handles(HandleKind::Identifier, &args.add_identifier),
            ]
            .concat();
            let remove = [
                handles(HandleKind::Phone, &args.remove_phone),
                handles(HandleKind::Email, &args.remove_email),
                handles(HandleKind::Identifier, &args.remove_identifier),
            ]
            .concat();
            let request = verbs::caller_edit::EditRequest {
                caller: &args.caller,
                name: args.name.as_deref(),
                organization: args.org.as_deref(),
                add: add.iter().map(|(k, v)| (*k, v.as_str())).collect(),
                remove: remove.iter().map(|(k, v)| (*k, v.as_str())).collect(),
            };
            verbs::caller_edit::edit(store, &request, now, out, err)?;
        }
        Commands::Caller {
            action: CallerCommand::Merge { keep, other },
        } => verbs::caller_edit::merge(store, keep, other, now, out, err)?,
        Commands::Caller {
            action: CallerCommand::Duplicates { format },
        } => verbs::caller_edit::duplicates(store, *format, out)?,
        Commands::Note { ticket, text } => {
            let from_stdin = text.is_empty() || text == &["-"];
            if from_stdin && std::io::stdin().is_terminal() {
                eprintln!("balie: type the note, then Ctrl-D on a line of its own");
            }
            verbs::note::note(store, ticket, text, &mut std::io::stdin().lock(), now)?;
        }
        Commands::Promise {
            ticket,
            due,
            to,
            channel,
            text,
        } => {
            let request = verbs::promise::PromiseRequest {
                ticket,
                due,
                to: to.as_deref(),
                channel,
                what: &text.join(" "),
            };
            let promise = verbs::promise::promise(store, config, &request, now)?;
            writeln!(out, "{}", promise.id)?;
        }
        Commands::Kept { promise, note } => {
            verbs::promise::kept(store, config, promise, note.as_deref(), now)?;
        }
        _ => bail!("not a verb for scripts"),
    }
    Ok(())
}

/// What the command line prints can quote stored text: see `TerminalSafe`.
fn safe_stdout() -> TerminalSafe<std::io::Stdout> {
    TerminalSafe::new(stdout())
}

/// For a report of thousands of lines: written in large blocks instead of a system call per
/// line, as the standard output's own line buffering would. Flushed by the caller, so that
/// a failed write is still reported.
fn buffered_stdout() -> TerminalSafe<std::io::BufWriter<std::io::StdoutLock<'static>>> {
    TerminalSafe::new(std::io::BufWriter::with_capacity(
        64 * 1024,
        stdout().lock(),
    ))
}

fn load_config(cli: &Cli) -> Result<Config> {
    Ok(match &cli.config {
        Some(path) => config::load(path, true)?,
        None => match config::default_path() {
            Some(path) => config::load(&path, false)?,
            None => Config::default(),
        },
    })
}

/// Reports and `balie promise` work on a desk; they never create an empty one by mistake.
fn open_existing(cli: &Cli, config: &Config) -> Result<Store> {
    let path = database_path(cli)?;
    match std::fs::metadata(&path) {
        Err(_) => bail!(
            "no desk at {}; name one with --db or BALIE_DB, or start the desk once to create it",
            path.display()
        ),
        // An empty file is a desk that was never started (or `touch`ed): opening it would
        // make it one, and these commands never create a desk.
        Ok(meta) if meta.len() == 0 => bail!(
            "{} is empty, not a desk yet; start the desk on it once, or name another with --db or BALIE_DB",
            path.display()
        ),
        Ok(_) => open_desk(&path, config),
    }
}

/// Opens the desk's file, saying so first when bringing a large file up to this release
/// will keep the agent waiting.
fn open_desk(path: &Path, config: &Config) -> Result<Store> {
    if balie::store::long_upgrade_ahead(path) {
        eprintln!(
            "balie: bringing {} up to this release (once) …",
            text::escape_line(&path.display().to_string())
        );
    }
    Ok(Store::open(path, &config.agent)?)
}

/// Tickets from which working out every figure again takes more than a moment.
const LONG_REBUILD_TICKETS: usize = 50_000;

/// The desk's kept figures follow the configured working hours, targets and reopen window;
/// after a change of those (or on a desk from before figures were kept) they are worked out
/// again once, which takes a while on a large desk.
fn with_figure_rules(mut store: Store, config: &Config) -> Result<Store> {
    let rules = config.figure_rules();
    // Said only where the wait is noticeable: a small desk's figures take milliseconds.
    if !store.figures_follow(&rules)? && store.has_tickets(LONG_REBUILD_TICKETS)? {
        eprintln!("balie: working out the desk's figures under its settings (once) …");
    }
    store.use_figure_rules(rules)?;
    Ok(store)
}

fn database_path(cli: &Cli) -> Result<PathBuf> {
    if let Some(path) = &cli.db {
        return Ok(path.clone());
    }
    let dirs = directories::ProjectDirs::from("", "", "balie")
        .context("no home folder to keep the desk in; name a file with --db or BALIE_DB")?;
    Ok(dirs.data_dir().join("balie.db"))
}

/// The demo never fills an existing desk: either a new file the user named, or a
/// temporary one that disappears on exit. Without a terminal to show it in, a named file is
/// filled to be opened later, and the command says so.
fn run_demo(db: Option<PathBuf>, config: Config, seed: u64) -> Result<()> {
    let on_terminal = std::io::stdin().is_terminal() && stdout().is_terminal();
    let scratch;
    let path = match db {
        Some(path) => path,
        None if !on_terminal => bail!(
            "the demo desk needs a terminal to show it in; name a file with --db to fill one to open later"
        ),
        None => {
            scratch = tempfile::tempdir().context("creating a folder for the demo database")?;
            scratch.path().join("demo.db")
        }
    };
    let mut store = with_figure_rules(open_desk(&path, &config)?, &config)?;
    if !store.is_empty()? {
        bail!(
            "{} already holds a desk; the demo needs a new file (leave out --db for a throwaway one)",
            path.display()
        );
    }
    let now = Utc::now();
    if on_terminal {
        eprintln!("balie: filling a demo desk in {} …", path.display());
    }
    let priority = |impact, urgency| config.priority(impact, urgency);
    let summary = demo::populate(
        &mut store,
        &demo::DemoOptions {
            agent: &config.agent,
            ticket_prefix: &config.ticket_prefix,
            callers: 300,
            tickets: 3000,
            seed,
            priority: &priority,
            groups: &config.groups,
        },
        now,
    )?;
    store.set_agent(&config.agent);
    if !on_terminal {
        writeln!(
            safe_stdout(),
            "filled a demo desk in {}: {}, {} and {}; open it with balie --db {}",
            path.display(),
            output::plural(summary.callers as i64, "caller", "callers"),
            output::plural(summary.tickets as i64, "ticket", "tickets"),
            output::plural(summary.promises as i64, "open promise", "open promises"),
            path.display()
        )?;
        return Ok(());
    }
    let search = background_search(&path, &config)?;
    runtime::run(Desk::new(store, config, now), Some(search))
}

/// A second connection to the desk, for the caller search that ranks every caller.
fn background_search(path: &Path, config: &Config) -> Result<BackgroundSearch> {
    let store = Store::open(path, &config.agent)?;
    Ok(BackgroundSearch::start(store, desk::SEARCH_RESULTS))
}
