//! The team for a measurement: a prepared team store, its agents, and desks on files of
//! their own that joined it, each with a ticket to write on.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::Utc;

use crate::domain::{NewCaller, Ticket};
use crate::store::{NewTicket, Store};
use crate::sync::{self, Address};

/// A team store prepared with `team init`, reached as its owner.
pub struct TeamStore {
    owner_url: String,
    owner: Address,
}

impl TeamStore {
    pub fn prepare(owner_url: &str) -> Result<TeamStore> {
        let owner = Address::parse(owner_url)?;
        sync::init(&owner, None)
            .with_context(|| format!("preparing the team store at {}", owner.shown()))?;
        Ok(TeamStore {
            owner_url: owner_url.to_string(),
            owner,
        })
    }

    pub fn owner(&self) -> &Address {
        &self.owner
    }

    /// Lets `agent` in (`team add-agent`, no password) and gives the address their desk
    /// joins.
    pub fn agent(&self, agent: &str) -> Result<String> {
        let role = sync::role_for(agent);
        sync::add_agent(&self.owner, None, agent, &role, None)
            .with_context(|| format!("adding the agent {agent}"))?;
        Ok(with_user(&self.owner_url, &role))
    }
}

/// The owner's URL with another role in it (and no password).
fn with_user(url: &str, role: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let host = match rest[..authority_end].rfind('@') {
            Some(at) => &rest[at + 1..],
            None => rest,
        };
        return format!("{scheme}://{role}@{host}");
    }
    // A key=value connection string: the last `user` given counts.
    format!("{url} user={role}")
}

/// A desk of the team: its file, its own connection to it, and the ticket it writes on.
pub struct BenchDesk {
    pub store: Store,
    pub path: PathBuf,
    pub agent: String,
    pub ticket: Ticket,
}

impl BenchDesk {
    /// A new desk for a new agent, joined, with a ticket of its own pushed to the store.
    pub fn join(team: &TeamStore, dir: &Path, agent: &str) -> Result<BenchDesk> {
        let url = team.agent(agent)?;
        let path = dir.join(format!("{}.db", sync::role_for(agent)));
        let mut store = Store::open(&path, agent)?;
        let address = Address::parse(&url)?;
        sync::join(&mut store, &address, None, Utc::now(), &mut |_| {})
            .with_context(|| format!("{agent} joining the team store"))?;
        let ticket = open_ticket(&mut store, &format!("Caller of {agent}"))?;
        sync::sync_once(&mut store, None, Utc::now(), &mut |_| {})?;
        Ok(BenchDesk {
            store,
            path,
            agent: agent.to_string(),
            ticket,
        })
    }

    pub fn note(&mut self, text: &str) -> Result<()> {
        Ok(self.store.add_note(&self.ticket.id, text, Utc::now())?)
    }
}

/// A call from a new caller, taken on a new ticket: three writes (caller, ticket, call).
pub fn open_ticket(store: &mut Store, caller: &str) -> Result<Ticket> {
    let now = Utc::now();
    let caller = store.create_caller(
        &NewCaller {
            name: caller.to_string(),
            phones: vec!["+31 20 555 0101".into()],
            ..NewCaller::default()
        },
        now,
    )?;
    Ok(store.open_ticket_with_call(
        &NewTicket {
            prefix: "T",
            caller_id: &caller.id,
            subject: "Cannot log in to the portal",
            impact: 3,
            urgency: 3,
            priority: 3,
            category: None,
        },
        "",
        now,
    )?)
}

/// Waits until `done` says so, or fails after `limit` naming what did not happen.
pub fn wait_until(
    limit: Duration,
    what: &str,
    mut done: impl FnMut() -> Result<bool>,
) -> Result<Duration> {
    let start = Instant::now();
    loop {
        if done()? {
            return Ok(start.elapsed());
        }
        if start.elapsed() > limit {
            bail!("{what}: not within {} s", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The number at the end of a bench note ("… 17"), if the text is one.
pub fn note_number(text: &str) -> Option<u64> {
    text.rsplit(' ').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_desk_connects_as_its_own_role_to_the_owners_server() {
        assert_eq!(
            with_user(
                "postgres://postgres:secret@db.example:5433/team?sslmode=require",
                "anna"
            ),
            "postgres://anna@db.example:5433/team?sslmode=require"
        );
        assert_eq!(
            with_user("postgres://127.0.0.1/team", "anna"),
            "postgres://anna@127.0.0.1/team"
        );
        assert_eq!(
            with_user("host=127.0.0.1 dbname=team user=postgres", "anna"),
            "host=127.0.0.1 dbname=team user=postgres user=anna"
        );
    }

    #[test]
    fn bench_notes_carry_their_number_last() {
        assert_eq!(note_number("scale note of desk 4, 17"), Some(17));
        assert_eq!(note_number("Asked to restart the router"), None);
    }
}
