//! `[[agents]]`: the team's agents, spelled as they should appear on tickets and in the
//! team lead's figures.

use serde::{Deserialize, Deserializer};

use super::Config;
use crate::domain::roster::Roster;

impl Config {
    /// Who tickets may be assigned to: the config's `[[agents]]`, this desk's agent, and
    /// `seen`, everyone the desk has seen working.
    pub fn roster(&self, seen: &[String]) -> Roster {
        Roster::new(
            self.agents
                .iter()
                .chain(std::iter::once(&self.agent))
                .chain(seen)
                .map(String::as_str),
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Agent {
    name: String,
}

pub fn de_agents<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::de::Error;
    let agents = Vec::<Agent>::deserialize(d)?;
    let mut names: Vec<String> = Vec::with_capacity(agents.len());
    for agent in agents {
        let name = agent.name.trim();
        if name.is_empty() {
            return Err(D::Error::custom("an agent's name must not be empty"));
        }
        if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return Err(D::Error::custom(format!(
                "the agent \"{name}\" is listed twice"
            )));
        }
        names.push(name.to_string());
    }
    Ok(names)
}
