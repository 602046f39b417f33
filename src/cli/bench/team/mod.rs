//! `balie bench team`: the team store's budgets, measured on real desks (each its own SQLite
//! file, as `balie` opens it) against a real PostgreSQL: a throwaway cluster of its own, or
//! the store given with `--team-url`.

mod catch_up;
mod desks;
mod join;
mod propagation;
mod scale;

use std::path::PathBuf;

use anyhow::{Context, Result, ensure};

use super::cluster::{Cluster, Durability};
use super::data::Size;
use super::report::{self, Machine};
use desks::TeamStore;

#[derive(Clone, Debug, clap::Args)]
pub struct TeamBenchArgs {
    /// Use this team store (an owner's postgres:// URL of an empty database, on a server that
    /// lets the bench's agents in without a password) instead of starting a PostgreSQL
    #[arg(long, value_name = "URL")]
    pub team_url: Option<String>,
    /// Only these measurements (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Measure>,
    /// Propagation: writes on one desk, each timed until it is on the other
    #[arg(long, default_value_t = 200)]
    pub writes: usize,
    /// Catch-up: desks back from a shift offline
    #[arg(long, default_value_t = 10)]
    pub shift_desks: usize,
    /// Catch-up: writes each desk made offline
    #[arg(long, default_value_t = 500)]
    pub shift_writes: usize,
    /// Join: callers on the team store's desk
    #[arg(long, default_value_t = 100_000)]
    pub callers: usize,
    /// Join: tickets on the team store's desk
    #[arg(long, default_value_t = 1_000_000)]
    pub tickets: usize,
    /// Join: promises on the team store's desk
    #[arg(long, default_value_t = 1_000_000)]
    pub promises: usize,
    /// Join: seed of the generated desk
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Join: push a copy of this desk, made earlier by `balie bench --generate-into`, instead
    /// of generating one; what --generate-into printed is read from PATH.json
    #[arg(long, value_name = "PATH", hide = true)]
    pub from_desk: Option<PathBuf>,
    /// Scale: desks writing at once, each on its own file and connection
    #[arg(long, default_value_t = 200)]
    pub desks: usize,
    /// Scale: how long they write, in seconds
    #[arg(long, default_value_t = 30)]
    pub seconds: u64,
    /// Scale: writes per desk per minute (an agent on the phone makes about one)
    #[arg(long, default_value_t = 2.0)]
    pub per_minute: f64,
    /// Print the rows as a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    Propagation,
    CatchUp,
    Join,
    Scale,
}

/// Where the team stores come from: a database per measurement in a cluster of the bench's
/// own, or the one store given.
enum Server {
    Own(Cluster),
    Given(String),
}

impl Server {
    fn store(&self, name: &str) -> Result<TeamStore> {
        match self {
            Server::Own(cluster) => TeamStore::prepare(&cluster.database(name)?),
            Server::Given(url) => TeamStore::prepare(url),
        }
    }

    fn describe(&self) -> String {
        match self {
            Server::Own(cluster) => cluster.describe(),
            Server::Given(url) => format!("the team store at {url}"),
        }
    }
}

pub fn run(args: &TeamBenchArgs) -> Result<()> {
    ensure!(args.writes >= 1, "--writes: at least 1");
    ensure!(args.shift_desks >= 2, "--shift-desks: at least 2");
    ensure!(args.shift_writes >= 10, "--shift-writes: at least 10");
    ensure!(
        // The key block leased at join covers every ticket a desk opens offline.
        args.shift_writes <= 1_500,
        "--shift-writes: at most 1,500"
    );
    ensure!(args.desks >= 2, "--desks: at least 2");
    ensure!(args.desks <= 350, "--desks: at most 350");
    ensure!(args.seconds >= 1, "--seconds: at least 1");
    ensure!(
        args.per_minute > 0.0 && args.per_minute <= 600.0,
        "--per-minute: more than 0, at most 600"
    );
    ensure!(
        args.callers >= 2,
        "--callers: at least 2, for the callers searched for"
    );
    ensure!(args.tickets >= 1, "--tickets: at least 1");
    let wanted = |measure: Measure| args.only.is_empty() || args.only.contains(&measure);
    let server =
        match &args.team_url {
            Some(url) => Server::Given(url.clone()),
            None => Server::Own(Cluster::start(Durability::Real).context(
                "starting a PostgreSQL of the bench's own (or give one with --team-url)",
            )?),
        };
    let scratch = tempfile::tempdir()?;
    let dir = |name: &str| -> Result<PathBuf> {
        let path = scratch.path().join(name);
        std::fs::create_dir(&path)?;
        Ok(path)
    };
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    // The join first: its generated desk can only join a team store that holds no tickets
    // yet (a --team-url shared by every measurement). Its rows are printed in their place.
    let mut join_rows_kept = Vec::new();
    if wanted(Measure::Join) {
        let size = Size {
            callers: args.callers,
            tickets: args.tickets,
            promises: args.promises,
            seed: args.seed,
        };
        eprintln!(
            "balie bench team: join, a team of {} callers, {} tickets, {} promises …",
            args.callers, args.tickets, args.promises
        );
        let store = server.store("join")?;
        let (join_rows, note) =
            join::measure(&store, &dir("join")?, size, args.from_desk.as_deref())?;
        join_rows_kept = join_rows;
        notes.push(note);
    }
    if wanted(Measure::Propagation) {
        eprintln!("balie bench team: propagation, {} writes …", args.writes);
        let store = server.store("propagation")?;
        rows.extend(propagation::measure(
            &store,
            &dir("propagation")?,
            args.writes,
        )?);
    }
    if wanted(Measure::CatchUp) {
        eprintln!(
            "balie bench team: catch-up, {} desks of {} writes …",
            args.shift_desks, args.shift_writes
        );
        let store = server.store("catch_up")?;
        rows.extend(catch_up::measure(
            &store,
            &dir("catch-up")?,
            args.shift_desks,
            args.shift_writes,
        )?);
    }
    rows.extend(join_rows_kept);
    if wanted(Measure::Scale) {
        eprintln!(
            "balie bench team: scale, {} desks writing {} a minute each for {} s …",
            args.desks, args.per_minute, args.seconds
        );
        let store = server.store("scale")?;
        rows.extend(scale::measure(
            &store,
            &dir("scale")?,
            scale::Load {
                desks: args.desks,
                seconds: args.seconds,
                per_minute: args.per_minute,
            },
        )?);
    }
    if args.json {
        println!("{}", report::json(&rows)?);
    } else {
        let machine = Machine::this_one();
        println!("machine: {} cores, {}", machine.cores, machine.cpu);
        println!("team store: {}", server.describe());
        for note in &notes {
            println!("{note}");
        }
        println!();
        print!("{}", report::table(&rows));
    }
    Ok(())
}
