//! The team store under faults: a network cut for a long while, a black hole, the server
//! crashing while desks write, a desk killed in the middle of a push, and a seeded random
//! schedule of cuts and writes over several desks. After each, every desk and the store hold
//! the same events, the same tickets, promises and callers, and exactly the real conflicts.

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration as StdDuration, Instant};

use balie::domain::Status;
use chrono::{DateTime, Duration, TimeZone, Utc};
use support::team::{Team, TeamDesk, open_ticket};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap()
}

fn converge(team: &Team, desks: &mut [&mut TeamDesk]) {
    for _ in 0..2 {
        for desk in desks.iter_mut() {
            desk.synced(now());
        }
    }
    let first = desks[0].canonical();
    for desk in desks.iter() {
        assert_eq!(desk.canonical(), first, "the desks disagree");
        assert_eq!(desk.store.team().unwrap().unwrap().pending, 0);
    }
    let mut client = team.client();
    let events: Vec<String> = client
        .query(
            "SELECT row_id FROM balie.changes WHERE tbl = 'events' ORDER BY row_id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        desks[0].event_ids(),
        events,
        "a desk and the store disagree"
    );
    let twice: i64 = client
        .query_one(
            "SELECT count(*) FROM (SELECT row_id FROM balie.changes
               WHERE op = 'insert' GROUP BY tbl, row_id HAVING count(*) > 1) d",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(twice, 0, "a row was inserted twice");
}

#[test]
fn a_desk_cut_off_keeps_working_and_meets_the_team_again() {
    let Some(team) = Team::start(&["Anna", "Bence"]) else {
        return;
    };
    let proxy = team.proxy();
    let mut anna = team.desk("Anna", proxy.port(), now());
    let mut bence = team.desk("Bence", team.server.port(), now());
    let shared = open_ticket(&mut bence.store, "Jan", "Shared drive gone", now()).id;
    bence.synced(now());
    anna.synced(now());
    proxy.cut();
    let error = anna.sync(now()).expect_err("no network");
    assert!(error.is_offline(), "{error}");
    let state = anna.store.team().unwrap().unwrap();
    assert!(!state.online && state.offline_since.is_some());
    // An hour of work on both sides.
    let mut keys = Vec::new();
    for minute in 0..6 {
        let at = now() + Duration::minutes(minute * 10);
        keys.push(
            open_ticket(
                &mut anna.store,
                "Piet",
                &format!("offline call {minute}"),
                at,
            )
            .key,
        );
        anna.store
            .add_note(&shared, &format!("Anna offline {minute}"), at)
            .unwrap();
        bence
            .store
            .add_note(&shared, &format!("Bence online {minute}"), at)
            .unwrap();
        bence.synced(at);
    }
    assert!(anna.store.team().unwrap().unwrap().pending > 0);
    proxy.pass();
    converge(&team, &mut [&mut anna, &mut bence]);
    for key in keys {
        assert!(!key.contains('~'), "{key} is final");
        assert!(
            bence.store.ticket_by_key(&key).unwrap().is_some(),
            "{key} on Bence's desk"
        );
    }
    assert!(anna.store.open_conflicts(None).unwrap().is_empty());
}

#[test]
fn a_black_holed_network_fails_the_sync_in_bounded_time() {
    let Some(team) = Team::start(&["Anna"]) else {
        return;
    };
    let proxy = team.proxy();
    let mut anna = team.desk("Anna", proxy.port(), now());
    open_ticket(&mut anna.store, "Jan", "Mail bounces", now());
    proxy.black_hole();
    let started = Instant::now();
    let error = anna.sync(now()).expect_err("the packets go nowhere");
    assert!(error.is_offline(), "{error}");
    assert!(
        started.elapsed() < StdDuration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    proxy.pass();
    converge(&team, &mut [&mut anna]);
}

#[test]
fn the_server_crashing_while_desks_write_loses_nothing() {
    let Some(mut team) = Team::start(&["Anna", "Bence"]) else {
        return;
    };
    let port = team.server.port();
    let mut anna = team.desk("Anna", port, now());
    let mut bence = team.desk("Bence", port, now());
    let ticket = open_ticket(&mut anna.store, "Jan", "VPN drops", now()).id;
    anna.synced(now());
    bence.synced(now());
    team.server.stop_immediately();
    anna.store
        .add_note(&ticket, "written while the server is down", now())
        .unwrap();
    bence
        .store
        .set_status(&ticket, Status::WaitingCaller, now())
        .unwrap();
    assert!(anna.sync(now()).expect_err("server down").is_offline());
    team.server.restart();
    converge(&team, &mut [&mut anna, &mut bence]);
    assert_eq!(
        anna.store.ticket(&ticket).unwrap().unwrap().status,
        Status::WaitingCaller
    );
}

#[test]
fn a_desk_killed_in_the_middle_of_a_push_pushes_nothing_twice() {
    let Some(team) = Team::start(&["Anna"]) else {
        return;
    };
    let proxy = team.proxy();
    let mut anna = team.desk("Anna", proxy.port(), now());
    let ticket = open_ticket(&mut anna.store, "Jan", "Many notes", now()).id;
    for i in 0..3000 {
        anna.store
            .add_note(&ticket, &format!("note {i}"), now())
            .unwrap();
    }
    let config = team.dir.path().join("anna.toml");
    std::fs::write(&config, "agent = \"Anna\"\n").unwrap();
    proxy.delay(StdDuration::from_millis(20));
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_balie"))
        .args([
            "--config",
            config.to_str().unwrap(),
            "--db",
            anna.path.to_str().unwrap(),
            "sync",
        ])
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start balie sync");
    // Until some of the batches are in the store, then the desk dies.
    let started = Instant::now();
    while team.change_ids().len() < 600 && started.elapsed() < StdDuration::from_secs(60) {
        std::thread::sleep(StdDuration::from_millis(20));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    assert!(
        anna.store.team().unwrap().unwrap().pending > 0,
        "killed mid-push"
    );
    proxy.pass();
    converge(&team, &mut [&mut anna]);
    assert_eq!(anna.store.timeline(&ticket, 5000).unwrap().len(), 3002);
}

#[test]
fn a_seeded_schedule_of_cuts_and_writes_over_three_desks_converges() {
    let seed = std::env::var("BALIE_TEAM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261206u64);
    let Some(team) = Team::start(&["Anna", "Bence", "Cor"]) else {
        return;
    };
    let mut rng = fastrand::Rng::with_seed(seed);
    let proxies = [team.proxy(), team.proxy(), team.proxy()];
    let mut desks: Vec<TeamDesk> = ["Anna", "Bence", "Cor"]
        .iter()
        .zip(&proxies)
        .map(|(agent, proxy)| team.desk(agent, proxy.port(), now()))
        .collect();
    let first = open_ticket(&mut desks[0].store, "Jan", "first", now()).id;
    desks[0].synced(now());
    let mut tickets = vec![first];
    for desk in desks.iter_mut().skip(1) {
        desk.synced(now());
    }
    let statuses = [Status::Open, Status::WaitingCaller, Status::Resolved];
    for step in 0..80 {
        let at = now() + Duration::minutes(step);
        let d = rng.usize(..desks.len());
        let known: Vec<String> = tickets
            .iter()
            .filter(|id| desks[d].store.ticket(id).unwrap().is_some())
            .cloned()
            .collect();
        match rng.u8(..10) {
            0 => proxies[d].cut(),
            1 => proxies[d].pass(),
            2 => {
                let id = open_ticket(&mut desks[d].store, "Piet", &format!("step {step}"), at).id;
                tickets.push(id);
            }
            3..=5 if !known.is_empty() => {
                let id = &known[rng.usize(..known.len())];
                desks[d]
                    .store
                    .add_note(id, &format!("step {step}"), at)
                    .unwrap();
            }
            6 | 7 if !known.is_empty() => {
                let id = &known[rng.usize(..known.len())];
                let status = statuses[rng.usize(..statuses.len())];
                desks[d].store.set_status(id, status, at).unwrap();
            }
            _ => {
                let _ = desks[d].sync(at);
            }
        }
    }
    for proxy in &proxies {
        proxy.pass();
    }
    let [a, b, c] = &mut desks[..] else {
        unreachable!("three desks")
    };
    converge(&team, &mut [a, b, c]);
    let conflicts = |desk: &TeamDesk| -> Vec<String> {
        desk.store
            .open_conflicts(None)
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect()
    };
    assert_eq!(conflicts(a), conflicts(b), "seed {seed}");
    assert_eq!(conflicts(a), conflicts(c), "seed {seed}");
    let keys: Vec<String> = tickets
        .iter()
        .map(|id| {
            a.store
                .ticket(id)
                .unwrap()
                .expect("every ticket everywhere")
                .key
        })
        .collect();
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "seed {seed}: keys collided");
}
