//! Two real desks, the binary in two pseudo-terminals on two SQLite files, and one team
//! store: a note typed on one desk appears on the other's screen without a key pressed
//! there, and the status bar says how the desk stands with its team.

mod support;

use balie::domain::NewCaller;
use balie::store::{NewTicket, Store};
use balie::sync::{self, Address};
use chrono::Utc;
use support::pty::Session;
use support::team::{Team, url};

const ENTER: &str = "\r";

#[test]
fn a_note_typed_on_one_desk_appears_on_the_other() {
    let Some(team) = Team::start(&["Anna", "Bence"]) else {
        return;
    };
    let port = team.server.port();
    let mut homes = Vec::new();
    for agent in ["Anna", "Bence"] {
        let home = tempfile::tempdir().expect("home");
        let db = home.path().join("desk.db");
        let mut store = Store::open(&db, agent).expect("desk");
        let address = Address::parse(&url(&sync::role_for(agent), port)).unwrap();
        sync::join(&mut store, &address, None, Utc::now(), &mut |_| {}).expect("join");
        if agent == "Anna" {
            let caller = store
                .create_caller(
                    &NewCaller {
                        name: "Jan de Vries".into(),
                        ..NewCaller::default()
                    },
                    Utc::now(),
                )
                .unwrap();
            store
                .open_ticket_with_call(
                    &NewTicket {
                        prefix: "T",
                        caller_id: &caller.id,
                        subject: "Printer on floor 2 jams",
                        impact: 3,
                        urgency: 3,
                        priority: 3,
                        category: None,
                    },
                    "",
                    Utc::now(),
                )
                .unwrap();
            sync::sync_once(&mut store, None, Utc::now(), &mut |_| {}).expect("sync");
        }
        std::fs::write(
            home.path().join("config.toml"),
            format!("agent = \"{agent}\"\n"),
        )
        .unwrap();
        homes.push(home);
    }
    let start = |home: &tempfile::TempDir| {
        let config = home.path().join("config.toml");
        let db = home.path().join("desk.db");
        Session::start(
            home.path(),
            &[
                "--config",
                config.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
            ],
        )
    };
    let mut anna = start(&homes[0]);
    let mut bence = start(&homes[1]);
    anna.wait_for("team ● synced");
    // Bence's desk fills from the store on its own and opens the ticket.
    bence.wait_for("Printer on floor 2");
    bence.send(ENTER);
    bence.wait_for("timeline");
    anna.wait_for("Printer on floor 2");
    anna.send(ENTER);
    anna.wait_for("timeline");
    bence.wait_for("Anna on this ticket");
    anna.send("a");
    anna.send("Replaced the fuser unit");
    anna.send(ENTER);
    anna.wait_for("note saved");
    bence.wait_for("Replaced the fuser unit");
}
