//! The team store: desks on many machines share one PostgreSQL database. Each desk keeps its
//! SQLite file as a full replica (`store::replica` writes the outbox and applies what
//! arrives); this wing speaks to the server: preparing a team store, adding agents, joining,
//! and pushing and pulling changes, once (`balie sync`) or for as long as the desk runs
//! (`worker`).

pub mod address;
mod announced;
pub mod audit;
mod connect;
mod exchange;
mod server;
pub mod worker;

use std::path::Path;

use chrono::{DateTime, Utc};

pub use address::Address;
pub use exchange::{Progress, SyncReport, sync_once};

use connect::Link;

use crate::domain::new_id;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the team store's address: {0}")]
    Address(String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("cannot reach the team store at {address}: {reason}")]
    Unreachable { address: String, reason: String },
    #[error("the team store at {address}: {reason}")]
    Server { address: String, reason: String },
    #[error(
        "{address} is not an empty database: it holds {tables} (a team store needs a database of its own)"
    )]
    Occupied { address: String, tables: String },
    #[error("{address} is not a balie team store; prepare it with `balie team init`")]
    NotATeamStore { address: String },
    #[error(
        "the team store at {address} was prepared by a newer balie (schema {found}, this one knows {known})"
    )]
    TooNew {
        address: String,
        found: usize,
        known: usize,
    },
    #[error(
        "the team store knows this role as agent \"{team}\", but this desk's agent is \"{desk}\" (set `agent` in the config)"
    )]
    WrongAgent { team: String, desk: String },
    #[error(
        "this desk holds {tickets} tickets of its own and the team store holds tickets too: their keys would collide. Join from a new desk (--db NEW.db) and import the tickets after joining"
    )]
    WouldCollide { tickets: i64 },
    #[error("this desk is not a member of a team; join one with `balie team join URL`")]
    NotAMember,
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl SyncError {
    /// The server did not answer (as opposed to answering no): the desk is offline.
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Unreachable { .. })
    }
}

/// Prepares an empty database as a team store, or brings one up to this balie's schema.
/// Running it again changes nothing.
pub fn init(address: &Address, ca_file: Option<&Path>) -> Result<usize, SyncError> {
    init_to(address, ca_file, server::migrations().len())
}

/// Prepares a team store as a release that knew only the first `version` migrations did:
/// for the tests of upgrading one.
#[doc(hidden)]
pub fn init_to(
    address: &Address,
    ca_file: Option<&Path>,
    version: usize,
) -> Result<usize, SyncError> {
    let link = Link::open(address, ca_file)?;
    link.in_transaction(|link| {
        link.execute("SELECT pg_advisory_xact_lock(1650551914)")?;
        let others: Vec<String> = link
            .query(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables
                 WHERE table_schema NOT IN ('pg_catalog', 'information_schema', $1)
                 ORDER BY 1 LIMIT 4",
                &[&server::SCHEMA],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        if !others.is_empty() {
            return Err(SyncError::Occupied {
                address: address.shown(),
                tables: others.join(", "),
            });
        }
        let exists: bool = link
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)",
                &[&server::SCHEMA],
            )?
            .get(0);
        let found = if exists {
            schema_version(link)?
        } else {
            link.execute("CREATE SCHEMA balie")?;
            0
        };
        let mut migrations = server::migrations();
        migrations.truncate(version);
        if found > migrations.len() {
            return Err(SyncError::TooNew {
                address: address.shown(),
                found,
                known: migrations.len(),
            });
        }
        for sql in &migrations[found..] {
            link.execute(sql)?;
        }
        link.query(
            "INSERT INTO balie.meta (key, value) VALUES ('schema_version', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&migrations.len().to_string()],
        )?;
        Ok(migrations.len() - found)
    })
}

fn schema_version(link: &Link) -> Result<usize, SyncError> {
    let not_a_store = || SyncError::NotATeamStore {
        address: link.address().shown(),
    };
    let row = link
        .query_opt(
            "SELECT value FROM balie.meta WHERE key = 'schema_version'",
            &[],
        )
        .map_err(|e| match e {
            SyncError::Server { .. } => not_a_store(),
            other => other,
        })?;
    row.and_then(|r| r.get::<_, String>(0).parse().ok())
        .ok_or_else(not_a_store)
}

/// The PostgreSQL role an agent's name gives when none is chosen: `Anna de Vries` →
/// `anna_de_vries`.
pub fn role_for(agent: &str) -> String {
    let folded = crate::domain::fold::fold(agent);
    let role: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let role = role.trim_matches('_').to_string();
    if role.is_empty() {
        "agent".into()
    } else {
        role
    }
}

/// Creates (or updates) the role an agent connects as, and maps it to the agent's name.
pub fn add_agent(
    address: &Address,
    ca_file: Option<&Path>,
    agent: &str,
    role: &str,
    password: Option<&str>,
) -> Result<(), SyncError> {
    let link = Link::open(address, ca_file)?;
    schema_version(&link)?;
    link.in_transaction(|link| {
        let exists: bool = link
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
                &[&role],
            )?
            .get(0);
        let statement: String = link
            .query_one(
                "SELECT format(CASE WHEN $2 THEN 'ALTER ROLE %I LOGIN' ELSE 'CREATE ROLE %I LOGIN' END
                    || CASE WHEN $3::text IS NULL THEN '' ELSE format(' PASSWORD %L', $3::text) END,
                    $1::text)",
                &[&role, &exists, &password],
            )?
            .get(0);
        link.execute(&statement)?;
        let quoted: String = link.query_one("SELECT quote_ident($1)", &[&role])?.get(0);
        link.execute(&server::grants(&quoted))?;
        link.query(
            "INSERT INTO balie.agents (role, agent) VALUES ($1::text::name, $2)
             ON CONFLICT (role) DO UPDATE SET agent = excluded.agent",
            &[&role, &agent],
        )?;
        Ok(())
    })
}

/// Makes the desk a member of the team store at `address`, then brings both level: a new
/// desk is filled from the store, an existing desk's own data is pushed up.
pub fn join(
    store: &mut Store,
    address: &Address,
    ca_file: Option<&Path>,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<SyncReport, SyncError> {
    if store.team()?.is_some() {
        return Err(StoreError::Invalid("this desk is already a member of a team".into()).into());
    }
    let link = Link::open(address, ca_file)?;
    let found = schema_version(&link)?;
    if found > server::migrations().len() {
        return Err(SyncError::TooNew {
            address: address.shown(),
            found,
            known: server::migrations().len(),
        });
    }
    let desk = new_id();
    let agent: String = link.query_one("SELECT balie.join($1)", &[&desk])?.get(0);
    if agent != store.agent() {
        return Err(SyncError::WrongAgent {
            team: agent,
            desk: store.agent().to_string(),
        });
    }
    let own_tickets = store.ticket_count()?;
    let team_tickets: bool = link
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM balie.changes WHERE tbl = 'tickets')",
            &[],
        )?
        .get(0);
    if own_tickets > 0 && team_tickets {
        return Err(SyncError::WouldCollide {
            tickets: own_tickets,
        });
    }
    store.join_team(&desk, &address.shown(), !store.is_empty()?, now)?;
    let report = exchange::exchange(&link, store, now, progress)?;
    // A filled desk opens its callers' cards from kept rows from its first minute.
    store.keep_caller_cards()?;
    Ok(report)
}
