//! Desks on their own SQLite files sharing one real PostgreSQL team store: what one writes
//! reaches the others, offline work converges, and every real conflict is recorded and shown.

mod support;

use balie::domain::Status;
use balie::store::{Keep, NewTicket, Store};
use chrono::{DateTime, Duration, TimeZone, Utc};
use support::team::{Team, TeamDesk, open_ticket, set_status_apart};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap()
}

fn assert_converged(team: &Team, desks: &[&TeamDesk]) {
    let first = desks[0].canonical();
    for desk in &desks[1..] {
        assert_eq!(desk.canonical(), first, "two desks disagree");
    }
    let mut server: Vec<String> = Vec::new();
    let mut client = team.client();
    for row in client
        .query(
            "SELECT row_id FROM balie.changes WHERE tbl = 'events' ORDER BY row_id",
            &[],
        )
        .expect("events in the store")
    {
        server.push(row.get(0));
    }
    assert_eq!(
        desks[0].event_ids(),
        server,
        "a desk and the store disagree on events"
    );
}

#[test]
fn a_ticket_and_a_note_written_on_one_desk_reach_the_other() {
    let Some((team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let ticket = open_ticket(
        &mut anna.store,
        "Ödön Kovács",
        "VPN drops every hour",
        now(),
    );
    anna.store
        .add_note(&ticket.id, "Asked to restart the router", now())
        .expect("note");
    let pushed = anna.synced(now());
    assert!(pushed.pushed >= 4, "{pushed:?}");
    let pulled = bence.synced(now());
    assert_eq!(pulled.pulled.tickets, 1);
    let seen = bence
        .store
        .ticket_by_key(&ticket.key)
        .expect("read")
        .expect("the ticket");
    assert_eq!(seen.subject, "VPN drops every hour");
    let timeline = bence.store.timeline(&ticket.id, 10).expect("timeline");
    assert!(
        timeline
            .iter()
            .any(|e| e.text == "Asked to restart the router")
    );
    // The caller is found on the other desk by what they are found by on the first.
    let hits = bence.store.search_callers("odon", 5).expect("search");
    assert_eq!(hits.len(), 1, "{hits:?}");
    anna.synced(now());
    assert_converged(&team, &[&anna, &bence]);
    assert_eq!(anna.store.team().unwrap().unwrap().pending, 0);
}

#[test]
fn both_desks_offline_setting_one_status_make_one_conflict_that_both_show() {
    let Some((team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let ticket = open_ticket(&mut anna.store, "Jan de Vries", "Printer jams", now());
    anna.synced(now());
    bence.synced(now());
    // Offline, each sets the status; Bence's is the later.
    set_status_apart(&mut anna, &mut bence, &ticket.id, now(), now());
    for desk in [&anna, &bence] {
        let shown = desk.store.ticket(&ticket.id).unwrap().unwrap();
        assert_eq!(
            shown.status,
            Status::WaitingCaller,
            "the later write wins everywhere"
        );
        let conflicts = desk
            .store
            .open_conflicts(Some(&ticket.id))
            .expect("conflicts");
        assert_eq!(conflicts.len(), 1, "exactly one conflict: {conflicts:?}");
        assert_eq!(conflicts[0].kept_by, "Bence");
        assert_eq!(conflicts[0].lost_by, "Anna");
        assert_eq!(conflicts[0].lost, serde_json::json!("resolved"));
    }
    assert_converged(&team, &[&anna, &bence]);
    // Scripts see it too, and the status counts it.
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "agent = \"Bence\"\n").unwrap();
    let db = bence.path.to_str().unwrap().to_string();
    let cfg = config.to_str().unwrap().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--config", cfg.as_str(), "--db", db.as_str()];
        all.extend_from_slice(args);
        support::cli::balie(home.path(), &all)
    };
    let shown = run(&["ticket", "show", &ticket.key, "--format", "json"]);
    let detail: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert_eq!(detail["open_conflicts"][0]["lost"], "resolved", "{detail}");
    assert_eq!(detail["open_conflicts"][0]["kept_by"], "Bence");
    let status = run(&["team", "status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    assert_eq!(status["conflicts"], 1);
    assert_eq!(status["pending"], 0);
    // The lead's tables say how fresh the desk's copy is; their JSON stays rows only.
    for report in [&["overdue"][..], &["report", "--since", "7d"][..]] {
        let table = String::from_utf8(run(report).stdout).expect("utf-8");
        let last = table.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("team figures from this desk's copy, synced "),
            "{table}"
        );
    }
    let rows = run(&["overdue", "--format", "json"]);
    serde_json::from_slice::<serde_json::Value>(&rows.stdout).expect("json only");
    // Anna decides for her value; the decision reaches Bence and raises no new conflict.
    let id = anna.store.open_conflicts(None).unwrap()[0].id.clone();
    anna.store
        .resolve_conflict(&id, Keep::Lost, now())
        .expect("resolve");
    anna.synced(now());
    bence.synced(now());
    assert!(bence.store.open_conflicts(None).unwrap().is_empty());
    // Bence had the same choice open: his answer comes too late, and says who settled it.
    match bence.store.resolve_conflict(&id, Keep::Kept, now()) {
        Err(balie::store::StoreError::ConflictSettled { by, .. }) => assert_eq!(by, "Anna"),
        other => panic!("settling twice must be refused: {other:?}"),
    }
    let shown = bence.store.ticket(&ticket.id).unwrap().unwrap();
    assert_eq!(shown.status, Status::Resolved);
    // The decision is on the ticket's timeline on both desks, by whoever made it.
    for desk in [&anna, &bence] {
        let settled: Vec<_> = desk
            .store
            .timeline(&ticket.id, 50)
            .unwrap()
            .into_iter()
            .filter(|e| e.kind == balie::domain::EventKind::ConflictSettled)
            .collect();
        assert_eq!(settled.len(), 1, "{settled:?}");
        assert_eq!(settled[0].by, "Anna");
        assert_eq!(settled[0].data["value"], "resolved");
        assert_eq!(settled[0].data["over"], "waiting_caller");
    }
    assert_converged(&team, &[&anna, &bence]);
}

#[test]
fn two_desks_setting_the_same_value_is_no_conflict() {
    let Some((team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let ticket = open_ticket(&mut anna.store, "Jan de Vries", "Printer jams", now());
    anna.synced(now());
    bence.synced(now());
    anna.store
        .set_status(&ticket.id, Status::Resolved, now())
        .unwrap();
    bence
        .store
        .set_status(&ticket.id, Status::Resolved, now())
        .unwrap();
    anna.synced(now());
    bence.synced(now());
    anna.synced(now());
    assert!(anna.store.open_conflicts(None).unwrap().is_empty());
    assert!(bence.store.open_conflicts(None).unwrap().is_empty());
    assert_converged(&team, &[&anna, &bence]);
}

#[test]
fn tickets_opened_offline_on_two_desks_keep_their_distinct_keys() {
    let Some((team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let mut keys = Vec::new();
    for i in 0..5 {
        keys.push(open_ticket(&mut anna.store, "Jan", &format!("anna {i}"), now()).key);
        keys.push(open_ticket(&mut bence.store, "Piet", &format!("bence {i}"), now()).key);
    }
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "keys collided: {keys:?}");
    assert!(
        keys.iter().all(|k| !k.contains('~')),
        "no provisional key: {keys:?}"
    );
    anna.synced(now());
    bence.synced(now());
    anna.synced(now());
    for key in &keys {
        let on_anna = anna
            .store
            .ticket_by_key(key)
            .unwrap()
            .expect("on anna's desk");
        let on_bence = bence
            .store
            .ticket_by_key(key)
            .unwrap()
            .expect("on bence's desk");
        assert_eq!(on_anna.id, on_bence.id, "{key} names one ticket everywhere");
    }
    assert_converged(&team, &[&anna, &bence]);
}

#[test]
fn a_desk_out_of_numbers_offline_gives_provisional_keys_that_stay_findable_once_numbered() {
    let Some((team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    // Offline, Anna opens tickets until her leased numbers run out.
    let mut opened = Vec::new();
    while !opened
        .last()
        .is_some_and(|t: &balie::domain::Ticket| t.key.contains('~'))
    {
        assert!(opened.len() < 1000, "never ran out of numbers");
        opened.push(open_ticket(&mut anna.store, "Jan", "offline", now()));
    }
    let provisional = opened.pop().expect("a provisional ticket");
    let promise = balie::domain::NewPromise {
        ticket_id: provisional.id.clone(),
        what: "Ring back".into(),
        to: String::new(),
        callback: false,
        channel: balie::domain::Channel::Phone,
        due_at: now() + Duration::hours(1),
    };
    anna.store.make_promise(&promise, now()).expect("promise");
    let overdue_keys = |desk: &TeamDesk| -> Vec<String> {
        let overdue = desk
            .store
            .overdue_promises(None, now() + Duration::hours(2));
        overdue
            .expect("overdue")
            .into_iter()
            .map(|p| p.ticket_key)
            .collect()
    };
    assert_eq!(overdue_keys(&anna), vec![provisional.key.clone()]);
    let second = open_ticket(&mut anna.store, "Jan", "offline too", now());
    assert_ne!(second.key, provisional.key);
    let before =
        std::collections::HashSet::<String>::from_iter(opened.iter().map(|t| t.key.clone()));
    // Read out to a caller and typed back in any case, it finds the ticket.
    let typed = provisional.key.to_lowercase();
    let found = anna
        .store
        .find_ticket(&typed)
        .unwrap()
        .expect("found by provisional key");
    assert_eq!(found.id, provisional.id);

    anna.synced(now());
    bence.synced(now());
    for desk in [&anna, &bence] {
        let now_keyed = desk.store.ticket(&provisional.id).unwrap().expect("ticket");
        assert!(!now_keyed.key.contains('~'), "numbered: {}", now_keyed.key);
        assert!(
            !before.contains(&now_keyed.key),
            "a new number: {}",
            now_keyed.key
        );
        let found = desk
            .store
            .find_ticket(&typed)
            .unwrap()
            .expect("the old key still finds it");
        assert_eq!(found.id, provisional.id);
        let said: Vec<String> = desk
            .store
            .timeline(&provisional.id, 50)
            .unwrap()
            .iter()
            .filter(|e| e.kind == balie::domain::EventKind::Renumbered)
            .map(|e| e.text.clone())
            .collect();
        assert_eq!(said, vec![provisional.key.clone()]);
        // `balie overdue` names the promise's ticket by its number now.
        assert_eq!(overdue_keys(desk), vec![now_keyed.key.clone()]);
        // Keys that were final when they were read out did not change.
        for ticket in &opened {
            let kept = desk.store.ticket(&ticket.id).unwrap().expect("ticket");
            assert_eq!(kept.key, ticket.key);
        }
    }
    let other = anna.store.ticket(&second.id).unwrap().expect("ticket");
    assert!(!other.key.contains('~'));
    assert_converged(&team, &[&anna, &bence]);
}

#[test]
fn two_agents_working_one_ticket_apart_each_see_the_other_did() {
    let Some((team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let ticket = open_ticket(&mut anna.store, "Jan de Vries", "VPN drops", now());
    let quiet = open_ticket(&mut anna.store, "Piet", "Printer", now());
    anna.synced(now());
    bence.synced(now());
    // Online, a note that arrives at once is no work apart.
    bence
        .store
        .add_note(&quiet.id, "toner ordered", now())
        .expect("note");
    bence.synced(now());
    anna.store
        .add_note(&quiet.id, "thanks", now())
        .expect("note");
    anna.synced(now());
    bence.synced(now());
    // Cut off from each other, both call Jan back.
    let later = now() + Duration::minutes(30);
    anna.store
        .add_note(&ticket.id, "called Jan back: VPN client updated", later)
        .expect("anna's note");
    bence
        .store
        .add_note(
            &ticket.id,
            "called Jan back: router restarted",
            later + Duration::minutes(4),
        )
        .expect("bence's note");
    let back = later + Duration::minutes(60);
    anna.synced(back);
    bence.synced(back);
    anna.synced(back);
    let shown = |desk: &TeamDesk, id: &str| desk.store.worked_apart(id, back).expect("apart");
    assert_eq!(
        shown(&anna, &ticket.id)
            .iter()
            .map(|(who, _)| who.as_str())
            .collect::<Vec<_>>(),
        ["Bence"]
    );
    assert_eq!(
        shown(&bence, &ticket.id)
            .iter()
            .map(|(who, _)| who.as_str())
            .collect::<Vec<_>>(),
        ["Anna"]
    );
    assert!(shown(&anna, &quiet.id).is_empty());
    assert!(shown(&bence, &quiet.id).is_empty());
    // A day later the ticket no longer says so.
    assert!(
        anna.store
            .worked_apart(&ticket.id, back + Duration::hours(25))
            .unwrap()
            .is_empty()
    );
    assert_converged(&team, &[&anna, &bence]);
}

#[test]
fn a_push_retried_after_a_lost_acknowledgement_writes_nothing_twice() {
    let Some(team) = Team::start(&["Anna"]) else {
        return;
    };
    let mut anna = team.desk("Anna", team.server.port(), now());
    open_ticket(&mut anna.store, "Jan", "Mail bounces", now());
    // The store commits the batch, but the desk never hears so: its outbox keeps it.
    let batch = anna.store.outbox(100).expect("outbox");
    let json = serde_json::to_value(&batch).unwrap();
    team.agent_client("Anna")
        .query_one("SELECT balie.push($1)", &[&json])
        .expect("a push whose answer is lost");
    let before = team.change_ids().len();
    anna.synced(now());
    assert_eq!(team.change_ids().len(), before, "the retry added nothing");
    assert_eq!(anna.store.team().unwrap().unwrap().pending, 0);
}

#[test]
fn a_pull_never_skips_a_change_that_committed_late() {
    let Some(team) = Team::start(&["Anna", "Bence", "Cor"]) else {
        return;
    };
    let port = team.server.port();
    let mut anna = team.desk("Anna", port, now());
    let mut bence = team.desk("Bence", port, now());
    let mut cor = team.desk("Cor", port, now());
    // Bence's push begins and holds its transaction open.
    open_ticket(&mut bence.store, "Jan", "slow push", now());
    let batch = serde_json::to_value(bence.store.outbox(100).unwrap()).unwrap();
    let mut held = team.agent_client("Bence");
    let mut tx = held.transaction().unwrap();
    tx.query_one("SELECT balie.push($1)", &[&batch]).unwrap();
    // Anna pushes meanwhile, from another thread: she waits for Bence's commit.
    open_ticket(&mut anna.store, "Piet", "quick push", now());
    let anna_push = std::thread::spawn(move || {
        anna.synced(now());
        anna
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    cor.synced(now());
    tx.commit().unwrap();
    let anna = anna_push.join().expect("anna's push");
    cor.synced(now());
    for subject in ["slow push", "quick push"] {
        let db = rusqlite::Connection::open(&cor.path).unwrap();
        let found: i64 = db
            .query_row(
                "SELECT count(*) FROM tickets WHERE subject = ?1",
                [subject],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1, "{subject} reached Cor");
    }
    bence.synced(now());
    assert_converged(&team, &[&anna, &bence, &cor]);
}

#[test]
fn the_store_refuses_a_change_pushed_in_someone_elses_name() {
    let Some(team) = Team::start(&["Anna", "Bence"]) else {
        return;
    };
    let mut anna = team.desk("Anna", team.server.port(), now());
    open_ticket(&mut anna.store, "Jan", "Mail bounces", now());
    let json = serde_json::to_value(anna.store.outbox(100).unwrap()).unwrap();
    let refused = team
        .agent_client("Bence")
        .query_one("SELECT balie.push($1)", &[&json])
        .expect_err("Bence may not push Anna's changes");
    let message = |e: &postgres::Error| e.as_db_error().map(|d| d.message().to_string());
    assert!(
        message(&refused).is_some_and(|m| m.contains("cannot be pushed by Bence")),
        "{refused:?}"
    );
    let edit = team
        .agent_client("Bence")
        .execute("DELETE FROM balie.changes", &[])
        .expect_err("an agent may not delete the log");
    assert!(
        message(&edit).is_some_and(|m| m.contains("permission denied")),
        "{edit:?}"
    );
}

#[test]
fn a_forget_reaches_a_desk_that_was_offline_and_leaves_nothing_in_the_store() {
    let Some((team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let ticket = open_ticket(&mut anna.store, "Ödön Kovács", "VPN drops", now());
    anna.synced(now());
    bence.synced(now());
    let caller = ticket.caller_id.clone().expect("a caller");
    // Bence is offline while Anna erases the caller.
    anna.store.forget_caller(&caller, now()).expect("forget");
    anna.synced(now());
    bence.synced(now());
    let on_bence = bence.store.caller(&caller).unwrap();
    assert!(
        on_bence
            .as_ref()
            .is_none_or(|c| c.name == "forgotten caller"),
        "{on_bence:?}"
    );
    assert!(bence.store.search_callers("odon", 5).unwrap().is_empty());
    let mut client = team.client();
    let left: i64 = client
        .query_one(
            "SELECT count(*) FROM balie.changes WHERE data::text LIKE '%Kov%'
               OR old::text LIKE '%Kov%' OR new::text LIKE '%Kov%' OR value_after::text LIKE '%Kov%'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "the caller's name is gone from the store");
    let phone: i64 = client
        .query_one(
            "SELECT count(*) FROM balie.changes WHERE data::text LIKE '%555 0101%'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(phone, 0, "and their phone");
    assert_converged(&team, &[&anna, &bence]);
    // A desk that joins later never receives the erased data.
    let carla = team.desk("Anna", team.server.port(), now());
    assert!(
        !std::fs::read(&carla.path)
            .unwrap()
            .windows(3)
            .any(|w| w == b"Kov")
    );
}

#[test]
fn desks_ten_minutes_apart_order_a_reply_after_what_it_answers_and_agree_on_conflicts() {
    let Some(team) = Team::start(&["Anna", "Bence"]) else {
        return;
    };
    let port = team.server.port();
    let real = Utc::now();
    let fast = Duration::minutes(10);
    let mut anna = team.desk("Anna", port, real + fast);
    let mut bence = team.desk("Bence", port, real - fast);
    anna.store.skew_clock(fast);
    bence.store.skew_clock(-fast);
    let ticket = open_ticket(
        &mut anna.store,
        "Jan de Vries",
        "Laptop will not boot",
        real + fast,
    );
    anna.store
        .add_note(&ticket.id, "Is the charger light on?", real + fast)
        .unwrap();
    anna.synced(real + fast);
    bence.synced(real - fast);
    bence
        .store
        .add_note(&ticket.id, "Caller says: yes, it is on", real - fast)
        .unwrap();
    bence.synced(real - fast);
    anna.synced(real + fast);
    for desk in [&anna, &bence] {
        let texts: Vec<String> = desk
            .store
            .timeline(&ticket.id, 10)
            .unwrap()
            .into_iter()
            .map(|e| e.text)
            .collect();
        let question = texts.iter().position(|t| t == "Is the charger light on?");
        let answer = texts.iter().position(|t| t == "Caller says: yes, it is on");
        assert!(
            question < answer,
            "the answer sorts after the question: {texts:?}"
        );
    }
    // Both offline, each sets the category; every desk keeps the same value and one conflict.
    anna.store
        .set_category(&ticket.id, "Hardware", real + fast)
        .unwrap();
    bence
        .store
        .set_category(&ticket.id, "Network", real - fast)
        .unwrap();
    bence.synced(real - fast);
    anna.synced(real + fast);
    bence.synced(real - fast);
    let on_anna = anna.store.ticket(&ticket.id).unwrap().unwrap().category;
    let on_bence = bence.store.ticket(&ticket.id).unwrap().unwrap().category;
    assert_eq!(on_anna, on_bence);
    assert_eq!(anna.store.open_conflicts(None).unwrap().len(), 1);
    assert_eq!(bence.store.open_conflicts(None).unwrap().len(), 1);
    assert_converged(&team, &[&anna, &bence]);
}

/// Waits up to ten seconds for `check` to hold; false if it never did.
fn eventually(mut check: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(10) {
        if check() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    false
}

#[test]
fn running_desks_see_each_others_notes_and_who_is_on_a_ticket_without_a_sync() {
    let Some((team, mut anna, bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let ticket = open_ticket(&mut anna.store, "Jan de Vries", "Printer jams", now());
    let workers = [
        balie::sync::worker::Worker::start(
            anna.path.clone(),
            "Anna".into(),
            None,
            balie::domain::figures::FigureRules::standard(),
        ),
        balie::sync::worker::Worker::start(
            bence.path.clone(),
            "Bence".into(),
            None,
            balie::domain::figures::FigureRules::standard(),
        ),
    ];
    assert!(
        eventually(|| bence.store.ticket(&ticket.id).unwrap().is_some()),
        "the ticket reached Bence's desk on its own"
    );
    anna.store
        .add_note(&ticket.id, "Paper tray replaced", Utc::now())
        .unwrap();
    assert!(
        eventually(|| bence
            .store
            .timeline(&ticket.id, 10)
            .unwrap()
            .iter()
            .any(|e| e.text == "Paper tray replaced")),
        "the note reached Bence's desk on its own"
    );
    anna.store.set_viewing(Some(&ticket.id)).unwrap();
    assert!(
        eventually(|| bence.store.present_on(&ticket.id).unwrap() == ["Anna"]),
        "Bence sees that Anna is on the ticket; the store says {:?}",
        team.client()
            .query(
                "SELECT agent, coalesce(ticket_id, '-') FROM balie.presence",
                &[]
            )
            .unwrap()
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, String>(1)))
            .collect::<Vec<_>>()
    );
    anna.store.set_viewing(None).unwrap();
    assert!(
        eventually(|| bence.store.present_on(&ticket.id).unwrap().is_empty()),
        "and that she left it"
    );
    drop(workers);
}

#[test]
fn a_promise_kept_on_one_desk_and_rescheduled_on_the_other_is_one_conflict_counted_once() {
    let Some((team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let ticket = open_ticket(&mut anna.store, "Jan de Vries", "Laptop repair", now());
    let promise = anna
        .store
        .make_promise(
            &balie::domain::NewPromise {
                ticket_id: ticket.id.clone(),
                what: "Call back when the laptop is repaired".into(),
                to: "Jan de Vries".into(),
                callback: false,
                channel: balie::domain::Channel::Phone,
                due_at: now() + Duration::hours(4),
            },
            now(),
        )
        .unwrap();
    anna.synced(now());
    bence.synced(now());
    // Offline: Bence reschedules it, then Anna keeps it (hers is the later write).
    bence
        .store
        .reschedule_promise(
            &promise.id,
            now() + Duration::days(1),
            "parts delayed",
            now(),
        )
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    anna.store
        .keep_promise(&promise.id, "called, all fine", now())
        .unwrap();
    bence.synced(now());
    anna.synced(now());
    bence.synced(now());
    for desk in [&anna, &bence] {
        let db = rusqlite::Connection::open(&desk.path).unwrap();
        let counted: i64 = db
            .query_row(
                "SELECT count(*) FROM promises WHERE (id = ?1 OR replaces_id = ?1)
                   AND state IN ('open', 'kept')",
                [&promise.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(counted, 1, "the promise counts once");
        let conflicts = desk.store.open_conflicts(Some(&ticket.id)).unwrap();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].column, "state");
    }
    assert_converged(&team, &[&anna, &bence]);
}

#[test]
fn callers_made_twice_offline_are_flagged_and_a_merge_holds_on_every_desk() {
    let Some((team, mut anna, mut bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    // Both offline, each takes a call from the same person and makes them a caller.
    let on_anna = open_ticket(&mut anna.store, "Ödön Kovács", "VPN drops", now());
    let on_bence = open_ticket(&mut bence.store, "Odon Kovacs", "VPN again", now());
    anna.synced(now());
    bence.synced(now());
    anna.synced(now());
    let keep = on_anna.caller_id.clone().unwrap();
    let other = on_bence.caller_id.clone().unwrap();
    let flagged = anna.store.duplicates_of(&keep).unwrap();
    assert!(
        flagged.iter().any(|d| format!("{d:?}").contains(&other)),
        "the two are flagged as likely one person: {flagged:?}"
    );
    // Anna merges; Bence, offline, opens another ticket on the merged-away caller.
    anna.store.merge_callers(&keep, &other, now()).unwrap();
    let late = bence
        .store
        .open_ticket_with_call(
            &NewTicket {
                prefix: "T",
                caller_id: &other,
                subject: "VPN a third time",
                impact: 3,
                urgency: 3,
                priority: 3,
                category: None,
            },
            "",
            now(),
        )
        .unwrap();
    anna.synced(now());
    bence.synced(now());
    anna.synced(now());
    for desk in [&anna, &bence] {
        for ticket in [&on_anna.id, &on_bence.id, &late.id] {
            let shown = desk.store.ticket(ticket).unwrap().unwrap();
            assert_eq!(
                shown.caller_id.as_deref(),
                Some(keep.as_str()),
                "{}",
                shown.key
            );
        }
        let hits = desk.store.search_callers("kovacs", 5).unwrap();
        assert_eq!(hits.len(), 1, "one caller is found: {hits:?}");
    }
    // The caller card kept on each desk, made by the writes and by the changes pulled,
    // shows all three calls, and is what a rebuild from the rows makes.
    for desk in [&mut anna, &mut bence] {
        assert!(!desk.store.has_stale_caller_cards().unwrap());
        let limits = balie::store::CardLimits::shown(now() - chrono::Duration::days(7));
        let card = desk.store.caller_card(&keep, limits).unwrap().unwrap();
        let mut about: Vec<&str> = card
            .prior_contacts
            .iter()
            .map(|c| c.ticket_id.as_str())
            .collect();
        about.sort();
        let mut expected = vec![on_anna.id.as_str(), on_bence.id.as_str(), late.id.as_str()];
        expected.sort();
        assert_eq!(about, expected);
        assert_eq!(card.open_tickets.len(), 3);
        assert_eq!(desk.store.rebuild_caller_cards().unwrap().1, 0);
    }
    assert_converged(&team, &[&anna, &bence]);
}

#[test]
fn refusals_name_what_is_wrong_and_change_nothing() {
    let Some(team) = Team::start(&["Anna"]) else {
        return;
    };
    let port = team.server.port();
    let home = tempfile::tempdir().unwrap();
    let run = |agent: &str, db: &str, args: &[&str]| {
        let config = home.path().join(format!("{agent}.toml"));
        std::fs::write(&config, format!("agent = \"{agent}\"\n")).unwrap();
        let db = home.path().join(db);
        let mut all = vec![
            "--config",
            config.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        support::cli::balie(home.path(), &all)
    };
    let text = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let anna_url = support::team::url("anna", port);

    // A database that holds other tables is no team store.
    let mut client = team.client();
    client
        .batch_execute("CREATE DATABASE other; ")
        .expect("another database");
    let other = format!("postgres://postgres@127.0.0.1:{port}/other");
    postgres::Client::connect(&other, postgres::NoTls)
        .unwrap()
        .batch_execute("CREATE TABLE invoices (id int)")
        .unwrap();
    let refused = run("Anna", "a.db", &["team", "init", &other]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).contains("public.invoices"),
        "{}",
        text(&refused)
    );

    // The role is Anna's, the desk says Bence.
    let wrong = run("Bence", "b.db", &["team", "join", &anna_url]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong).contains("agent \"Anna\""), "{}", text(&wrong));
    let desk = run("Bence", "b.db", &["team", "status"]);
    assert!(
        text(&desk).contains("not a member of a team"),
        "{}",
        text(&desk)
    );

    // A desk with tickets of its own may not join a store with tickets.
    let mut anna = team.desk("Anna", port, now());
    open_ticket(&mut anna.store, "Jan", "VPN drops", now());
    anna.synced(now());
    let mut own = Store::open(&home.path().join("own.db"), "Anna").unwrap();
    open_ticket(&mut own, "Piet", "Printer jams", now());
    drop(own);
    let collide = run("Anna", "own.db", &["team", "join", &anna_url]);
    assert_eq!(collide.status.code(), Some(1));
    assert!(
        text(&collide).contains("keys would collide"),
        "{}",
        text(&collide)
    );

    // No server: sync says so with exit 4, and the change waits.
    let joined = run("Anna", "c.db", &["team", "join", &anna_url]);
    assert!(joined.status.success(), "{}", text(&joined));
    let mut c = Store::open(&home.path().join("c.db"), "Anna").unwrap();
    open_ticket(&mut c, "Jan", "Offline call", now());
    drop(c);
    drop(team);
    let offline = run("Anna", "c.db", &["sync"]);
    assert_eq!(offline.status.code(), Some(4), "{}", text(&offline));
    assert!(
        text(&offline).contains("wait on this desk"),
        "{}",
        text(&offline)
    );
    let status = run("Anna", "c.db", &["team", "status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    assert_eq!(status["online"], false);
    assert!(status["pending"].as_i64().unwrap() > 0);
}

#[test]
fn a_team_store_of_an_earlier_release_is_brought_up_by_init_and_its_agents_go_on_pushing() {
    let Some(server) = support::postgres::Postgres::start() else {
        return;
    };
    let team = Team {
        server,
        dir: tempfile::tempdir().unwrap(),
    };
    let admin = team.admin_address();
    balie::sync::init_to(&admin, None, 1).expect("the first release's store");
    balie::sync::add_agent(&admin, None, "Anna", "anna", None).expect("Anna's role");
    let mut anna = team.desk("Anna", team.server.port(), now());
    let first = open_ticket(&mut anna.store, "Jan", "Printer jams", now());
    anna.synced(now());

    let applied = balie::sync::init(&admin, None).expect("init brings it up");
    assert!(applied >= 1, "init applied the newer migrations");
    assert_eq!(balie::sync::init(&admin, None).expect("init again"), 0);
    balie::sync::add_agent(&admin, None, "Bence", "bence", None).expect("Bence's role");
    let mut bence = team.desk("Bence", team.server.port(), now());

    // New rows only, and a field change: both kinds of push still go through for the agent
    // who was added before the upgrade.
    open_ticket(&mut anna.store, "Piet", "VPN drops", now());
    anna.store
        .set_status(&first.id, Status::Resolved, now())
        .expect("anna resolves");
    assert!(anna.synced(now()).pushed > 0);
    assert_eq!(anna.store.team().unwrap().unwrap().pending, 0);
    bence.synced(now());
    let bence_sees: i64 = rusqlite::Connection::open(&bence.path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM tickets WHERE subject IN ('Printer jams', 'VPN drops')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bence_sees, 2);
    assert_converged(&team, &[&anna, &bence]);
    // The function the first release granted is no longer the agents' to call.
    let refused = team
        .agent_client("Anna")
        .query_one("SELECT balie.push_each('[]')", &[])
        .expect_err("the row-by-row push is the store's own");
    assert!(
        refused
            .as_db_error()
            .is_some_and(|d| d.message().contains("permission denied")),
        "{refused:?}"
    );
}

#[test]
fn a_running_desk_applies_what_a_push_announced_and_asks_the_store_only_for_what_did_not_fit() {
    let Some((team, mut anna, bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let ticket = open_ticket(&mut anna.store, "Jan de Vries", "Printer jams", now());
    anna.synced(now());
    let worker = balie::sync::worker::Worker::start(
        bence.path.clone(),
        "Bence".into(),
        None,
        balie::domain::figures::FigureRules::standard(),
    );
    assert!(eventually(|| bence
        .store
        .ticket(&ticket.id)
        .unwrap()
        .is_some()));
    // From now on Bence's desk cannot read the store's log: what reaches it came with the
    // notification of Anna's push.
    let mut owner = team.client();
    owner
        .batch_execute("REVOKE SELECT ON balie.changes FROM bence")
        .unwrap();
    let has_note = |text: &str| {
        bence
            .store
            .timeline(&ticket.id, 10)
            .unwrap()
            .iter()
            .any(|e| e.text == text)
    };
    anna.store
        .add_note(&ticket.id, "Paper tray replaced", Utc::now())
        .unwrap();
    anna.synced(now());
    assert!(
        eventually(|| has_note("Paper tray replaced")),
        "the note came with the notification"
    );
    // A note longer than a notification holds is announced by its number alone.
    let long = "toner ".repeat(2_000).trim_end().to_string();
    anna.store.add_note(&ticket.id, &long, Utc::now()).unwrap();
    anna.synced(now());
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(!has_note(&long), "the long note needs the log");
    owner
        .batch_execute("GRANT SELECT ON balie.changes TO bence")
        .unwrap();
    assert!(
        eventually(|| has_note(&long)),
        "read from the log once it may"
    );
    drop(worker);
    let mut bence = bence;
    bence.synced(now());
    assert_converged(&team, &[&anna, &bence]);
}

/// A desk joining a team of more callers than a write makes cards for at once has every
/// caller's card kept when `team join` is done, as the desk it joined has.
#[test]
fn a_desk_joining_a_team_of_many_callers_has_their_cards_kept() {
    let Some((team, mut anna, _bence)) = Team::anna_and_bence(now()) else {
        return;
    };
    let mut tickets = Vec::new();
    for n in 0..40 {
        let name = format!("Caller {n}");
        tickets.push(open_ticket(&mut anna.store, &name, "VPN drops", now()));
    }
    anna.synced(now());
    let second = team.desk("Anna", team.server.port(), now());
    assert!(!second.store.has_stale_caller_cards().unwrap());
    let limits = balie::store::CardLimits::shown(now() - Duration::days(7));
    for ticket in [&tickets[0], &tickets[39]] {
        let caller = ticket.caller_id.as_deref().unwrap();
        let card = second.store.caller_card(caller, limits).unwrap().unwrap();
        assert_eq!(card.prior_contacts.len(), 1);
        assert_eq!(card.open_tickets[0].id, ticket.id);
        assert_eq!(Some(card), anna.store.caller_card(caller, limits).unwrap());
    }
}
