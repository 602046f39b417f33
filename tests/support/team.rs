//! A team for the team-store tests: a throwaway PostgreSQL prepared as a team store, agents
//! with roles of their own, and desks (each its own SQLite file) that reach the store
//! directly or through a proxy the test can cut.

use std::path::PathBuf;

use balie::domain::{NewCaller, new_id};
use balie::store::{NewTicket, Store};
use balie::sync::{self, Address, SyncReport};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::postgres::{Postgres, SUPERUSER};
use super::proxy::Proxy;

pub struct Team {
    pub server: Postgres,
    pub dir: tempfile::TempDir,
}

impl Team {
    /// A prepared team store with the given agents; `None` where no PostgreSQL is installed
    /// (the harness has said so loudly).
    pub fn start(agents: &[&str]) -> Option<Team> {
        let server = Postgres::start()?;
        let team = Team {
            server,
            dir: tempfile::tempdir().expect("temp dir for the desks"),
        };
        let admin = team.admin_address();
        sync::init(&admin, None).expect("team init");
        for agent in agents {
            sync::add_agent(&admin, None, agent, &sync::role_for(agent), None)
                .expect("team add-agent");
        }
        Some(team)
    }

    /// A team store with Anna's and Bence's desks joined straight to the server, as most
    /// scenarios start; `None` where no PostgreSQL is installed.
    pub fn anna_and_bence(now: DateTime<Utc>) -> Option<(Team, TeamDesk, TeamDesk)> {
        let team = Team::start(&["Anna", "Bence"])?;
        let port = team.server.port();
        let anna = team.desk("Anna", port, now);
        let bence = team.desk("Bence", port, now);
        Some((team, anna, bence))
    }

    pub fn admin_address(&self) -> Address {
        Address::parse(&url(SUPERUSER, self.server.port())).expect("admin address")
    }

    /// A desk for `agent` on a file of its own, joined to the store at `port` (the server's
    /// or a proxy's).
    pub fn desk(&self, agent: &str, port: u16, now: DateTime<Utc>) -> TeamDesk {
        let path = self
            .dir
            .path()
            .join(format!("{}-{}.db", sync::role_for(agent), new_id()));
        let mut store = Store::open(&path, agent).expect("open the desk");
        let address = Address::parse(&url(&sync::role_for(agent), port)).expect("address");
        sync::join(&mut store, &address, None, now, &mut |_| {}).expect("team join");
        TeamDesk { store, path }
    }

    /// A client to the team store as its owner, for looking behind the desks' backs.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&url(SUPERUSER, self.server.port()), postgres::NoTls)
            .expect("connect as the owner")
    }

    pub fn agent_client(&self, agent: &str) -> postgres::Client {
        postgres::Client::connect(
            &url(&sync::role_for(agent), self.server.port()),
            postgres::NoTls,
        )
        .expect("connect as an agent")
    }

    /// Every change id in the team store.
    pub fn change_ids(&self) -> Vec<String> {
        let mut client = self.client();
        client
            .query("SELECT id FROM balie.changes ORDER BY id", &[])
            .expect("read the change log")
            .iter()
            .map(|r| r.get(0))
            .collect()
    }

    pub fn proxy(&self) -> Proxy {
        Proxy::to(self.server.port())
    }
}

pub fn url(role: &str, port: u16) -> String {
    format!("postgres://{role}@127.0.0.1:{port}/postgres")
}

pub struct TeamDesk {
    pub store: Store,
    pub path: PathBuf,
}

impl TeamDesk {
    pub fn sync(&mut self, now: DateTime<Utc>) -> Result<SyncReport, sync::SyncError> {
        sync::sync_once(&mut self.store, None, now, &mut |_| {})
    }

    pub fn synced(&mut self, now: DateTime<Utc>) -> SyncReport {
        self.sync(now).expect("sync")
    }

    /// What every desk must agree on, as one text: callers, tickets, events and promises
    /// with the fields people see, in id order.
    pub fn canonical(&self) -> String {
        let db = Connection::open(&self.path).expect("read the desk");
        let mut text = String::new();
        for sql in [
            "SELECT id || '|' || name || '|' || organization FROM callers ORDER BY id",
            "SELECT id || '|' || kind || '|' || value FROM caller_handles ORDER BY id",
            "SELECT id || '|' || key || '|' || coalesce(caller_id, '') || '|' || subject || '|' ||
               status || '|' || coalesce(assignee, '') || '|' || impact || urgency || priority ||
               '|' || coalesce(category, '') FROM tickets ORDER BY id",
            "SELECT id || '|' || ticket_id || '|' || kind || '|' || text || '|' || data
               FROM events ORDER BY id",
            "SELECT id || '|' || state || '|' || recipient || '|' || due_at || '|' || ticket_key
               FROM promises ORDER BY id",
            "SELECT id || '|' || coalesce(resolution, '') FROM conflicts ORDER BY id",
        ] {
            let mut stmt = db.prepare(sql).expect("canonical query");
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(0))
                .expect("canonical rows");
            for row in rows {
                text.push_str(&row.expect("a row"));
                text.push('\n');
            }
            text.push_str("--\n");
        }
        text
    }

    pub fn event_ids(&self) -> Vec<String> {
        let db = Connection::open(&self.path).expect("read the desk");
        let mut stmt = db
            .prepare("SELECT id FROM events ORDER BY id")
            .expect("ids");
        stmt.query_map([], |r| r.get(0))
            .expect("ids")
            .map(|r| r.expect("id"))
            .collect()
    }
}

/// A caller with a phone and a ticket opened for them on `store`'s desk.
pub fn open_ticket(
    store: &mut Store,
    caller: &str,
    subject: &str,
    at: DateTime<Utc>,
) -> balie::domain::Ticket {
    let caller = store
        .create_caller(
            &NewCaller {
                name: caller.into(),
                phones: vec!["+31 20 555 0101".into()],
                ..NewCaller::default()
            },
            at,
        )
        .expect("caller");
    store
        .open_ticket_with_call(
            &NewTicket {
                prefix: "T",
                caller_id: &caller.id,
                subject,
                impact: 3,
                urgency: 3,
                priority: 3,
                category: None,
            },
            "",
            at,
        )
        .expect("ticket")
}

/// Anna and Bence, apart, each set the status of `ticket_id` (Anna resolves it at `at`,
/// Bence waits on the caller three minutes later, so his value is the one kept), then both
/// sync at `met` in the order that shows both desks the conflict.
pub fn set_status_apart(
    anna: &mut TeamDesk,
    bence: &mut TeamDesk,
    ticket_id: &str,
    at: DateTime<Utc>,
    met: DateTime<Utc>,
) {
    anna.store
        .set_status(ticket_id, balie::domain::Status::Resolved, at)
        .expect("anna resolves");
    // The hybrid clocks' wall time orders the two writes as well.
    std::thread::sleep(std::time::Duration::from_millis(5));
    bence
        .store
        .set_status(
            ticket_id,
            balie::domain::Status::WaitingCaller,
            at + chrono::Duration::minutes(3),
        )
        .expect("bence waits");
    anna.synced(met);
    bence.synced(met);
    anna.synced(met);
}
