//! The team lead's review screen: buckets per agent, records, and opening a ticket from it.

mod support;

use balie::app::Popup;
use balie::cli::output::Format;
use chrono::Duration;
use support::Harness;

/// anna and bence each with promises overdue, due today, tomorrow and later.
fn team_desk() -> Harness {
    let mut h = Harness::with_callers();
    h.press("n vries <enter> VPN<space>drops <enter>");
    h.press("p call<space>back <tab> <tab> <tab> +30m <enter>");
    h.press("p send<space>the<space>log <tab> <tab> <tab> tomorrow<space>9:00 <enter>");
    h.desk.store.set_agent("bence");
    h.press("n odon <enter> licence<space>expired <enter>");
    h.press("p mail<space>the<space>licence<space>code <tab> <tab> <tab> +10m <enter>");
    h.press("p check<space>the<space>renewal <tab> <tab> <tab> 2026-12-01<space>10:00 <enter>");
    h.press("p confirm<space>it<space>works <tab> <tab> <tab> 16:00 <enter>");
    h.desk.store.set_agent("anna");
    h.advance(Duration::minutes(20));
    h
}

#[test]
fn the_review_groups_open_promises_per_agent_in_buckets() {
    let mut h = team_desk();
    h.press("v");
    let Some(Popup::Review(review)) = &h.desk.app.popup else {
        panic!("the review should be open");
    };
    assert_eq!(review.data.open.len(), 5);
    let screen = h.screen(160, 45);
    let anna = screen.find("anna").expect("anna's block");
    let bence = screen.find("bence").expect("bence's block");
    assert!(anna < bence, "agents in order");
    let anna_block = &screen[anna..bence];
    assert!(
        anna_block.contains("due today (1)") && anna_block.contains("tomorrow (1)"),
        "{screen}"
    );
    let bence_block = &screen[bence..];
    assert!(bence_block.contains("!! overdue (1)"), "{screen}");
    assert!(
        bence_block.contains("due today (1)") && bence_block.contains("later (1)"),
        "{screen}"
    );
    assert!(
        screen.contains("made 3, kept on time 0, late 0, broken 1, rate 0%"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn enter_on_a_promise_opens_its_ticket() {
    let mut h = team_desk();
    // Open a different ticket first, so that the jump is visible.
    h.press("v");
    h.press("j j <enter>");
    assert!(h.desk.app.popup.is_none());
    let ticket = h.desk.app.current_ticket().expect("a ticket");
    assert_eq!(ticket.key, "T-1002");
    assert_eq!(ticket.caller_name, "Ödön Kovács");
}

#[test]
fn the_overdue_cli_lists_what_the_review_marks_overdue() {
    let mut h = team_desk();
    h.press("v");
    let screen = h.screen(160, 45);
    let mut out = Vec::new();
    balie::cli::reports::overdue(
        &h.desk.store,
        &h.desk.app.config,
        None,
        Format::Csv,
        h.now,
        &mut out,
    )
    .expect("overdue");
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let overdue: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("csv");
    assert_eq!(overdue.len(), 1);
    assert_eq!(&overdue[0][4], "mail the licence code");
    let line = screen
        .lines()
        .find(|l| l.contains("mail the licence code"))
        .expect("on screen");
    assert!(line.contains("overdue 10m"), "{line}");
}

#[test]
fn the_handover_lists_my_tickets_and_promises_due_before_my_next_shift() {
    let mut h = team_desk();
    h.press("H");
    let Some(Popup::Text { lines, .. }) = &h.desk.app.popup else {
        panic!("the handover should be open");
    };
    let text = lines.join("\n");
    // Monday 10:20; the next shift starts Tuesday 08:30, so tomorrow 09:00 is left out.
    assert!(text.contains("next shift starts tomorrow 08:30"), "{text}");
    assert!(text.contains("Promises due before then (1):"), "{text}");
    assert!(
        text.contains("call back") && !text.contains("send the log"),
        "{text}"
    );
    assert!(
        text.contains("Open tickets (1):") && text.contains("T-1001"),
        "{text}"
    );
    assert!(
        !text.contains("T-1002"),
        "bence's ticket is his to hand over: {text}"
    );

    let mut json = Vec::new();
    balie::cli::reports::handover(
        &h.desk.store,
        &h.desk.app.config,
        "bence",
        Format::Json,
        h.now,
        &mut json,
    )
    .expect("handover");
    let value: serde_json::Value = serde_json::from_slice(&json).expect("json");
    assert_eq!(value["agent"], "bence");
    assert_eq!(value["next_shift"], "2026-11-24T07:30:00Z");
    assert_eq!(value["tickets"][0]["ticket"], "T-1002");
    assert_eq!(value["promises"].as_array().map(Vec::len), Some(2));
}
