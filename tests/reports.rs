//! The team lead's figures on a small desk whose every number was worked out by hand, and
//! the machine-readable outputs read back by real parsers.

mod support;

use balie::cli::output::{Format, OverdueRow};
use balie::cli::reports;
use balie::domain::figures::FigureRules;
use balie::domain::outcome::{Outcome, Record, classify};
use balie::domain::{Channel, NewPromise, Status};
use balie::store::Store;
use chrono::{DateTime, Duration, Utc};
use support::{config, monday_morning};

struct Desk {
    store: Store,
    now: DateTime<Utc>,
    promise_ids: Vec<String>,
}

fn h(hours: i64) -> Duration {
    Duration::hours(hours)
}

fn d(days: i64) -> Duration {
    Duration::days(days)
}

impl Desk {
    fn ticket(
        &mut self,
        agent: &str,
        caller: &str,
        opened: DateTime<Utc>,
        subject: &str,
    ) -> String {
        self.store.set_agent(agent);
        let ticket = self
            .store
            .open_ticket_with_call(&support::new_ticket(caller, subject), "", opened)
            .expect("ticket");
        ticket.id
    }

    fn promise(
        &mut self,
        agent: &str,
        ticket: &str,
        made: DateTime<Utc>,
        due: DateTime<Utc>,
    ) -> String {
        self.store.set_agent(agent);
        let new = NewPromise {
            ticket_id: ticket.into(),
            what: "call back".into(),
            to: String::new(),
            callback: false,
            channel: Channel::Phone,
            due_at: due,
        };
        let id = self.store.make_promise(&new, made).expect("promise").id;
        self.promise_ids.push(id.clone());
        id
    }

    fn reschedule(&mut self, id: &str, to: DateTime<Utc>, at: DateTime<Utc>) -> String {
        let id = self
            .store
            .reschedule_promise(id, to, "moved", at)
            .expect("reschedule")
            .id;
        self.promise_ids.push(id.clone());
        id
    }
}

/// anna: promises kept on time, kept late, cancelled in time, cancelled late, rescheduled
/// in time (successor still open), rescheduled late (successor overdue), and one from 40
/// days ago; tickets resolved at first contact, after a second contact, and reopened.
/// bence: one promise kept, one overdue, one ticket resolved at first contact.
/// SLA (default targets, Monday–Friday 08:30–17:00): t1 and t5 met, t2 breached.
fn hand_checked_desk() -> Desk {
    let now = monday_morning();
    let mut store = Store::open_in_memory("anna").expect("store");
    let caller = store
        .create_caller(&support::jan(), now - d(60))
        .expect("caller")
        .id;
    let mut desk = Desk {
        store,
        now,
        promise_ids: Vec::new(),
    };
    // Tickets (first-contact resolution).
    let t1 = desk.ticket("anna", &caller, now - d(5), "VPN");
    desk.store
        .set_status(&t1, Status::Resolved, now - d(5) + Duration::minutes(10))
        .expect("status");
    let t2 = desk.ticket("anna", &caller, now - d(4), "Printer");
    desk.store
        .log_contact(&t2, true, Channel::Phone, "again", now - d(4) + h(1))
        .expect("contact");
    desk.store
        .set_impact_urgency(&t2, 1, 1, 1, now - d(4))
        .expect("priority");
    // t2 is a P1 (four business hours) resolved the next afternoon: its SLA is breached.
    desk.store
        .set_status(&t2, Status::Resolved, now - d(4) + h(30))
        .expect("status");
    let t3 = desk.ticket("anna", &caller, now - d(3), "Mailbox");
    desk.store
        .set_status(&t3, Status::Resolved, now - d(3) + Duration::minutes(5))
        .expect("status");
    desk.store
        .set_status(&t3, Status::Open, now - d(2))
        .expect("reopen");
    desk.ticket("anna", &caller, now - d(2), "Laptop");
    let t5 = desk.ticket("bence", &caller, now - d(1), "Teams");
    desk.store
        .set_status(&t5, Status::Resolved, now - d(1) + Duration::minutes(10))
        .expect("status");
    desk.store.set_agent("anna");
    desk.store
        .set_assignee(&t5, "bence", now - d(1))
        .expect("assignee");

    // anna's promises, all on t1.
    let p1 = desk.promise("anna", &t1, now - d(5), now - d(5) + h(2));
    desk.store
        .keep_promise(&p1, "", now - d(5) + h(1))
        .expect("keep");
    let p2 = desk.promise("anna", &t1, now - d(4), now - d(4) + h(1));
    desk.store
        .keep_promise(&p2, "", now - d(4) + h(3))
        .expect("keep");
    let p3 = desk.promise("anna", &t1, now - d(3), now - d(3) + h(1));
    desk.store
        .cancel_promise(&p3, "solved", now - d(3) + Duration::minutes(30))
        .expect("cancel");
    let p4 = desk.promise("anna", &t1, now - d(3), now - d(3) + h(1));
    desk.store
        .cancel_promise(&p4, "forgot", now - d(3) + h(2))
        .expect("cancel");
    let p5 = desk.promise("anna", &t1, now - d(2), now - d(2) + h(1));
    desk.reschedule(&p5, now + d(1), now - d(2) + Duration::minutes(30));
    let p6 = desk.promise("anna", &t1, now - d(2), now - d(2) + h(1));
    desk.reschedule(&p6, now - h(1), now - d(2) + h(2));
    let t0 = desk.ticket("anna", &caller, now - d(40), "Old laptop");
    let p7 = desk.promise("anna", &t0, now - d(40), now - d(40) + h(1));
    desk.store.keep_promise(&p7, "", now - d(40)).expect("keep");
    // bence's promises on t5.
    desk.store.set_agent("bence");
    let q1 = desk.promise("bence", &t5, now - d(1), now - h(23));
    desk.store
        .keep_promise(&q1, "", now - h(23) - Duration::minutes(5))
        .expect("keep");
    desk.promise("bence", &t5, now - d(1), now - h(2));
    desk.store.set_agent("anna");
    desk
}

#[test]
fn promise_records_match_the_hand_count() {
    let desk = hand_checked_desk();
    let records = desk
        .store
        .promise_records(desk.now - d(7), desk.now, None)
        .expect("records");
    let anna = Record {
        agent: "anna".into(),
        made: 8,
        kept_on_time: 1,
        kept_late: 1,
        broken: 3,
        cancelled_in_time: 1,
        rescheduled_in_time: 1,
        open: 1,
    };
    let bence = Record {
        agent: "bence".into(),
        made: 2,
        kept_on_time: 1,
        kept_late: 0,
        broken: 1,
        cancelled_in_time: 0,
        rescheduled_in_time: 0,
        open: 0,
    };
    assert_eq!(records, vec![anna.clone(), bence]);
    assert_eq!(anna.rate(), Some(0.2));
    // The promise made 40 days ago counts only when the period reaches back to it.
    let longer = desk
        .store
        .promise_records(desk.now - d(50), desk.now, Some("anna"))
        .expect("records");
    assert_eq!((longer[0].made, longer[0].kept_on_time), (9, 2));
}

#[test]
fn the_sql_counts_agree_with_the_outcome_rules() {
    let desk = hand_checked_desk();
    let mut by_rules: std::collections::BTreeMap<String, Record> = Default::default();
    for id in &desk.promise_ids {
        let p = desk.store.promise(id).expect("promise");
        let record = by_rules.entry(p.owner.clone()).or_insert_with(|| Record {
            agent: p.owner.clone(),
            ..Record::default()
        });
        record.count(classify(p.state, p.due_at, p.closed_at, desk.now));
    }
    let from_sql = desk
        .store
        .promise_records(desk.now - d(100), desk.now, None)
        .expect("records");
    assert_eq!(from_sql, by_rules.into_values().collect::<Vec<_>>());
    let p5 = desk.store.promise(&desk.promise_ids[4]).expect("p5");
    assert_eq!(
        classify(p5.state, p5.due_at, p5.closed_at, desk.now),
        Outcome::RescheduledInTime
    );
}

#[test]
fn first_contact_resolution_matches_the_hand_count() {
    let mut desk = hand_checked_desk();
    let records = desk
        .store
        .ticket_records(desk.now - d(7), None)
        .expect("records");
    let summary: Vec<_> = records
        .iter()
        .map(|f| (f.agent.as_str(), f.tickets, f.resolved, f.first_contact))
        .collect();
    assert_eq!(summary, vec![("anna", 4, 3, 1), ("bence", 1, 1, 1)]);
    // With no reopen window, the ticket reopened a day after its first-contact resolution
    // keeps it: the kept figures are worked out again under the new setting.
    let no_window = FigureRules {
        reopen_days: 0,
        ..desk.store.figure_rules().clone()
    };
    assert!(desk.store.use_figure_rules(no_window).expect("rules"));
    let short = desk
        .store
        .ticket_records(desk.now - d(7), Some("anna"))
        .expect("records");
    assert_eq!(short[0].first_contact, 2);
}

#[test]
fn overdue_json_and_csv_read_back_with_the_documented_fields() {
    let desk = hand_checked_desk();
    let config = config();
    let mut json = Vec::new();
    reports::overdue(
        &desk.store,
        &config,
        None,
        Format::Json,
        desk.now,
        &mut json,
    )
    .expect("json");
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&json).expect("valid JSON");
    // p6's successor (due an hour ago) and bence's open promise (due two hours ago).
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["owner"], "bence");
    assert_eq!(rows[0]["overdue_minutes"], 120);
    assert_eq!(rows[1]["owner"], "anna");
    assert_eq!(rows[1]["ticket"], "T-1001");
    assert_eq!(rows[1]["to"], "Jan de Vries");
    assert_eq!(rows[1]["due_at"], "2026-11-23T08:00:00Z");

    let mut csv_out = Vec::new();
    reports::overdue(
        &desk.store,
        &config,
        Some("anna"),
        Format::Csv,
        desk.now,
        &mut csv_out,
    )
    .expect("csv");
    let mut reader = csv::Reader::from_reader(csv_out.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "promise_id",
            "ticket",
            "owner",
            "to",
            "what",
            "channel",
            "due_at",
            "overdue_minutes"
        ]
    );
    let rows: Vec<OverdueRowBack> = reader
        .deserialize()
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].overdue_minutes, 60);

    let mut table = Vec::new();
    reports::overdue(
        &desk.store,
        &config,
        None,
        Format::Table,
        desk.now,
        &mut table,
    )
    .expect("table");
    let table = String::from_utf8(table).expect("utf-8");
    assert!(
        table
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("overdue 2h")),
        "{table}"
    );
}

#[derive(serde::Deserialize)]
struct OverdueRowBack {
    overdue_minutes: i64,
}

#[test]
fn report_json_and_csv_carry_rates_per_agent() {
    let mut desk = hand_checked_desk();
    let config = config();
    let mut json = Vec::new();
    reports::report(
        &mut desk.store,
        &config,
        "7d",
        None,
        Format::Json,
        desk.now,
        &mut json,
    )
    .expect("report");
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&json).expect("valid JSON");
    assert_eq!(rows[0]["agent"], "anna");
    assert_eq!(rows[0]["kept_rate"], 0.2);
    assert_eq!(rows[0]["broken"], 3);
    assert_eq!(rows[0]["first_contact_resolved"], 1);
    assert_eq!(rows[1]["agent"], "bence");
    assert_eq!(rows[1]["first_contact_rate"], 1.0);
    // anna resolved t1 in time and t2 late; t3 was reopened and t4 is open, so not judged.
    assert_eq!(
        (
            rows[0]["sla_resolved"].as_i64(),
            rows[0]["sla_met"].as_i64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(rows[0]["sla_met_rate"], 0.5);
    assert_eq!(rows[1]["sla_met_rate"], 1.0);
    let mut csv_out = Vec::new();
    reports::report(
        &mut desk.store,
        &config,
        "2026-11-16",
        None,
        Format::Csv,
        desk.now,
        &mut csv_out,
    )
    .expect("report");
    let mut reader = csv::Reader::from_reader(csv_out.as_slice());
    assert_eq!(reader.records().count(), 2);
    let err = reports::report(
        &mut desk.store,
        &config,
        "last week",
        None,
        Format::Table,
        desk.now,
        &mut Vec::new(),
    )
    .expect_err("bad --since");
    assert!(err.to_string().contains("--since"), "{err}");
}

#[test]
fn the_calendar_export_reads_back_as_one_event_per_open_promise() {
    let desk = hand_checked_desk();
    let promises = desk
        .store
        .open_promises_by_agent(Some("anna"), 100)
        .expect("open");
    assert_eq!(promises.len(), 2);
    let text = balie::cli::ics::calendar(&promises, desk.now);
    let calendars: Vec<_> = ical::IcalParser::new(text.as_bytes())
        .collect::<Result<_, _>>()
        .expect("valid iCalendar");
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    assert_eq!(events.len(), 2);
    let property = |i: usize, name: &str| {
        events[i]
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(property(0, "DTSTART"), "20261123T080000Z");
    assert_eq!(property(0, "SUMMARY"), "Call Jan de Vries: call back");
    assert!(property(0, "UID").ends_with("@balie"));
    assert_eq!(events[0].alarms.len(), 1);
    let overdue = desk
        .store
        .overdue_promises(Some("anna"), desk.now)
        .expect("overdue");
    assert_eq!(overdue[0].id, promises[0].id);
    let row = OverdueRow::new(&overdue[0], desk.now);
    assert_eq!(row.overdue_minutes, 60);
}
