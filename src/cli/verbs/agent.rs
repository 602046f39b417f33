//! An agent named on the command line (`--agent`, `--assignee`) must be on the roster:
//! a typo then says so, instead of finding nothing or starting a new agent.

use anyhow::{Result, bail};

use crate::config::Config;
use crate::domain::roster::Resolved;
use crate::store::Store;

/// The roster's spelling of the agent `named` (its start will do when it names one
/// agent). `option` is the flag it came with, for the message.
pub fn on_roster(store: &Store, config: &Config, option: &str, named: &str) -> Result<String> {
    let roster = config.roster(&store.desk_agents()?);
    match roster.resolve(named) {
        Resolved::One(name) => Ok(name),
        Resolved::Several(names) => bail!(
            "{option} {}: which agent? {} match",
            named.trim(),
            names.join(", ")
        ),
        Resolved::Unknown => bail!(
            "{option} {}: there is no such agent; the agents are {} (add one to [[agents]] in the config)",
            named.trim(),
            roster.names().join(", ")
        ),
    }
}
