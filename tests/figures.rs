//! The figures the reports count, and each caller's card, are kept beside the events: every
//! write brings them up to date, rebuilding them from the events alone gives the same rows,
//! and a desk from before they were kept gets them when it is first opened (the cards while
//! the agent is idle).

mod support;

use balie::domain::change::{ChangeOp, Pulled};
use balie::domain::figures::FigureRules;
use balie::domain::{Channel, NewCaller, NewPromise, Status};
use balie::store::{NewTicket, Store};
use chrono::{DateTime, Duration, Utc};
use support::cli::{balie, text};
use support::{config, monday_morning};

fn demo(store: &mut Store, now: DateTime<Utc>) {
    let priority = |impact: u8, urgency: u8| impact.min(urgency);
    balie::cli::demo::populate(
        store,
        &balie::cli::demo::DemoOptions {
            agent: "anna",
            ticket_prefix: "T",
            callers: 60,
            tickets: 400,
            seed: 11,
            priority: &priority,
            groups: &balie::config::Config::default().groups,
        },
        now,
    )
    .expect("demo");
}

#[test]
fn rebuilt_figures_equal_the_kept_ones_on_the_demo_desk() {
    let mut store = Store::open_in_memory("anna").expect("store");
    // The desk's own settings (Amsterdam hours), as the desk itself works under.
    store
        .use_figure_rules(config().figure_rules())
        .expect("rules");
    demo(&mut store, monday_morning());
    let kept = store.kept_figures().expect("kept");
    let tickets = kept.iter().filter(|l| l.starts_with("ticket ")).count();
    let promises = kept.iter().filter(|l| l.starts_with("promise ")).count();
    // The demo's tickets and the major incidents it declares: every ticket has a row.
    assert!(tickets >= 400, "{tickets} tickets");
    assert!(promises > 50, "{promises} promises");
    // Some of every outcome, so that the comparison covers them.
    for (kind, code) in [("sla", " 1 "), ("sla", " 2 ")] {
        assert!(
            kept.iter()
                .any(|l| l.starts_with("ticket ") && l.contains(code)),
            "no {kind}{code}"
        );
    }
    store.rebuild_figures().expect("rebuild");
    assert_eq!(store.kept_figures().expect("rebuilt"), kept);
}

/// A desk that only ever receives the demo desk's work from the team, a few changes at a
/// time as its sync worker pulls them, keeps the same figures as it would rebuild from the
/// events: applying a pulled note leaves figures alone, and what can move one moves it.
#[test]
fn figures_of_pulled_work_equal_the_rebuilt_ones() {
    let now = monday_morning();
    let mut anna = Store::open_in_memory("anna").expect("anna's desk");
    anna.use_figure_rules(config().figure_rules())
        .expect("rules");
    anna.join_team("desk-anna", "postgres://team.example/balie", false, now)
        .expect("join");
    demo(&mut anna, now);
    let changes = anna.outbox(usize::MAX).expect("outbox");
    assert!(
        changes.iter().any(|c| c.op == ChangeOp::Update),
        "updates travel too"
    );

    let mut bert = Store::open_in_memory("bert").expect("bert's desk");
    bert.use_figure_rules(config().figure_rules())
        .expect("rules");
    bert.join_team("desk-bert", "postgres://team.example/balie", false, now)
        .expect("join");
    let pulled: Vec<Pulled> = changes
        .into_iter()
        .enumerate()
        .map(|(i, change)| Pulled {
            seq: i as i64 + 1,
            change,
            value_after: None,
        })
        .collect();
    for batch in pulled.chunks(3) {
        bert.apply_pulled(batch, now).expect("applied");
    }
    let kept = bert.kept_figures().expect("kept");
    assert_eq!(
        kept,
        anna.kept_figures().expect("anna's"),
        "as on the desk that did the work"
    );
    bert.rebuild_figures().expect("rebuild");
    assert_eq!(bert.kept_figures().expect("rebuilt"), kept);
}

fn caller(store: &mut Store, now: DateTime<Utc>) -> String {
    store
        .create_caller(
            &NewCaller {
                name: "Jan de Vries".into(),
                ..NewCaller::default()
            },
            now,
        )
        .expect("caller")
        .id
}

fn ticket(store: &mut Store, caller: &str, opened: DateTime<Utc>) -> String {
    store
        .open_ticket_with_call(
            &NewTicket {
                prefix: "T",
                caller_id: caller,
                subject: "VPN",
                impact: 3,
                urgency: 3,
                priority: 3,
                category: None,
            },
            "",
            opened,
        )
        .expect("ticket")
        .id
}

#[test]
fn a_write_brings_the_figures_of_its_ticket_up_to_date_at_once() {
    let now = monday_morning();
    let mut store = Store::open_in_memory("anna").expect("store");
    let caller = caller(&mut store, now - Duration::days(1));
    let t = ticket(&mut store, &caller, now - Duration::hours(2));
    let since = now - Duration::days(7);
    let records = store.ticket_records(since, None).expect("records");
    assert_eq!(
        (records[0].tickets, records[0].resolved, records[0].sla_met),
        (1, 0, 0)
    );
    store
        .set_status(&t, Status::Resolved, now - Duration::hours(1))
        .expect("resolve");
    let records = store.ticket_records(since, None).expect("records");
    assert_eq!(
        (
            records[0].resolved,
            records[0].first_contact,
            records[0].sla_resolved,
            records[0].sla_met
        ),
        (1, 1, 1, 1)
    );
    // A second call before the resolution makes it no first-contact resolution any more;
    // the contact is logged later but dated before, as a synced one would be.
    store
        .log_contact(
            &t,
            true,
            Channel::Phone,
            "again",
            now - Duration::minutes(30),
        )
        .expect("contact");
    store
        .set_status(&t, Status::Open, now - Duration::minutes(20))
        .expect("reopen");
    let records = store.ticket_records(since, None).expect("records");
    assert_eq!((records[0].resolved, records[0].first_contact), (1, 0));
    assert_eq!(records[0].sla_resolved, 0, "an open ticket is not judged");

    let promise = store
        .make_promise(
            &NewPromise {
                ticket_id: t.clone(),
                what: "call back".into(),
                to: String::new(),
                callback: false,
                channel: Channel::Phone,
                due_at: now + Duration::hours(1),
            },
            now - Duration::minutes(10),
        )
        .expect("promise");
    let open = store.promise_records(since, now, None).expect("records");
    assert_eq!((open[0].made, open[0].open, open[0].broken), (1, 1, 0));
    // Past its deadline an open promise is broken, without any write.
    let later = store
        .promise_records(since, now + Duration::hours(2), None)
        .expect("records");
    assert_eq!((later[0].open, later[0].broken), (0, 1));
    store.keep_promise(&promise.id, "done", now).expect("keep");
    let kept = store.promise_records(since, now, None).expect("records");
    assert_eq!((kept[0].kept_on_time, kept[0].open), (1, 0));
    // Nothing was left for a rebuild to put right.
    let before = store.kept_figures().expect("kept");
    store.rebuild_figures().expect("rebuild");
    assert_eq!(store.kept_figures().expect("rebuilt"), before);
}

#[test]
fn figures_made_under_other_settings_are_refused_until_worked_out_again() {
    let now = monday_morning();
    let mut store = Store::open_in_memory("anna").expect("store");
    let caller = caller(&mut store, now - Duration::days(1));
    ticket(&mut store, &caller, now - Duration::hours(2));
    let amsterdam = config().figure_rules();
    assert!(!store.figures_follow(&amsterdam).expect("follow"));
    assert!(store.use_figure_rules(amsterdam.clone()).expect("rules"));
    assert!(store.figures_follow(&amsterdam).expect("follow"));
    assert!(
        !store.use_figure_rules(amsterdam).expect("rules"),
        "no second rebuild"
    );
    assert_eq!(
        store
            .ticket_records(now - Duration::days(1), None)
            .expect("records")[0]
            .tickets,
        1
    );
}

#[test]
fn a_desk_from_before_kept_figures_gets_them_when_first_opened() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("desk.db");
    let now = monday_morning();
    let kept = {
        let mut store = Store::open(&path, "anna").expect("store");
        store
            .use_figure_rules(FigureRules::standard())
            .expect("rules");
        demo(&mut store, now);
        store.kept_figures().expect("kept")
    };
    // The file as the last balie before kept figures left it.
    let conn = rusqlite::Connection::open(&path).expect("raw");
    conn.execute_batch(support::desks::WITHOUT_CALLER_CARDS)
        .expect("downgrade");
    conn.execute_batch(
        "DROP TABLE ticket_figures; DROP TABLE promise_figures; DROP TABLE figure_rules;
         DROP INDEX promises_open_printed;
         DROP TRIGGER promises_carry_their_ticket_key; DROP TRIGGER promises_follow_a_ticket_key;
         ALTER TABLE promises DROP COLUMN ticket_key;
         DROP INDEX events_renumbered; DROP TABLE worked_apart; DROP TABLE calls;
         DROP INDEX caller_handles_value;
         DROP INDEX events_caller_kind_at; DROP INDEX tickets_caller_open;
         DROP TABLE caller_index_rows;
         CREATE INDEX events_caller_at ON events(caller_id, at);
         PRAGMA user_version = 11;",
    )
    .expect("downgrade");
    drop(conn);

    let mut store = Store::open(&path, "anna").expect("upgraded");
    // The upgrade's rewrites are folded into the file, not left for every reader to replay.
    let log = std::fs::metadata(dir.path().join("desk.db-wal")).map_or(0, |m| m.len());
    assert_eq!(log, 0, "write-ahead log left after the upgrade");
    assert!(store.kept_figures().expect("kept").is_empty());
    let refused = store
        .ticket_records(now - Duration::days(30), None)
        .expect_err("no figures yet");
    assert!(
        refused.to_string().contains("balie check --rebuild"),
        "{refused}"
    );
    assert!(
        store
            .use_figure_rules(FigureRules::standard())
            .expect("rules")
    );
    assert_eq!(store.kept_figures().expect("rebuilt"), kept);
}

#[test]
fn balie_check_rebuild_puts_a_wrong_figure_right_and_says_so() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("desk.db");
    let db_arg = db.to_str().expect("utf-8 path");
    {
        let now = chrono::Utc::now();
        let mut store = Store::open(&db, "anna").expect("store");
        let caller = caller(&mut store, now - Duration::days(1));
        let t = ticket(&mut store, &caller, now - Duration::hours(2));
        store
            .set_status(&t, Status::Resolved, now - Duration::hours(1))
            .expect("resolve");
    }
    let rebuild = || {
        let out = balie(home.path(), &["--db", db_arg, "check", "--rebuild"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    assert!(
        rebuild().contains("figures rebuilt from the events: 1 row; 0 differed"),
        "a sound desk"
    );
    rusqlite::Connection::open(&db)
        .and_then(|c| c.execute("UPDATE ticket_figures SET sla = 2", []))
        .expect("a wrong figure");
    let stdout = rebuild();
    assert!(stdout.contains("1 row; 1 differed"), "{stdout}");
    assert!(
        stdout.contains("caller cards rebuilt: 1 card; 0 differed"),
        "{stdout}"
    );
    assert!(rebuild().contains("1 row; 0 differed"), "put right");

    // A caller's kept card that says something else than their tickets is put right too.
    rusqlite::Connection::open(&db)
        .and_then(|c| c.execute("UPDATE caller_cards SET card = x'00'", []))
        .expect("a damaged card");
    let stdout = rebuild();
    assert!(
        stdout.contains("caller cards rebuilt: 1 card; 1 differed"),
        "{stdout}"
    );
    assert!(rebuild().contains("1 card; 0 differed"), "put right");
}

/// A desk from before the cards were kept starts with every card stale: the cards read as
/// before, a save does not wait for sixty of them, and the idle desk makes them a few per
/// tick until all are kept.
#[test]
fn an_upgraded_desk_keeps_its_callers_cards_while_the_agent_is_idle() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("desk.db");
    let now = monday_morning();
    let mut store = Store::open(&path, "anna").expect("store");
    demo(&mut store, now);
    let ticket = store
        .queue(balie::domain::QueueFilter::AllOpen, None, 1)
        .expect("queue")[0]
        .clone();
    let caller_id = ticket.caller_id.clone().expect("a caller");
    let limits = balie::store::CardLimits::shown(now - Duration::days(7));
    let kept = store.caller_card(&caller_id, limits).expect("card");
    assert!(!store.has_stale_caller_cards().expect("stale"));
    // What the upgrade leaves: a row per caller, none of them made yet.
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute("UPDATE caller_cards SET card = NULL", []))
        .expect("stale");
    assert_eq!(store.caller_card(&caller_id, limits).expect("card"), kept);
    store
        .add_note(&ticket.id, "still there", now)
        .expect("note");
    assert!(
        store.has_stale_caller_cards().expect("stale"),
        "one save leaves the backlog to the idle desk"
    );

    let mut desk = support::Harness::on(store).desk;
    let mut ticks = 0;
    while desk.store.has_stale_caller_cards().expect("stale") {
        desk.keep_cards_while_idle();
        ticks += 1;
        assert!(ticks < 10, "sixty callers take a few idle ticks");
    }
    assert!(ticks > 1, "a tick makes a few cards, not all: {ticks}");
    let card = desk.store.caller_card(&caller_id, limits).expect("card");
    assert_eq!(
        card.as_ref().map(|c| c.prior_contacts.len()),
        kept.as_ref().map(|c| c.prior_contacts.len())
    );
    assert_eq!(
        desk.store.rebuild_caller_cards().expect("rebuild").1,
        0,
        "the cards made while idle are the ones a rebuild makes"
    );
}

#[test]
fn a_write_under_other_settings_leaves_the_figures_stale_rather_than_mixed() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("desk.db");
    let now = monday_morning();
    let amsterdam = config().figure_rules();
    let mut desk = Store::open(&path, "anna").expect("desk");
    desk.use_figure_rules(amsterdam.clone()).expect("rules");
    let caller = caller(&mut desk, now - Duration::days(1));
    ticket(&mut desk, &caller, now - Duration::hours(3));
    // A tool that opened the file without the desk's configuration writes a ticket.
    let mut tool = Store::open(&path, "bram").expect("tool");
    ticket(&mut tool, &caller, now - Duration::hours(2));
    assert!(!desk.figures_follow(&amsterdam).expect("follow"));
    assert!(desk.ticket_records(now - Duration::days(1), None).is_err());
    assert!(desk.use_figure_rules(amsterdam).expect("rebuilt"));
    let records = desk
        .ticket_records(now - Duration::days(1), None)
        .expect("records");
    assert_eq!(records.iter().map(|r| r.tickets).sum::<i64>(), 2);
}
