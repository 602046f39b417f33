//! Clicks and the wheel, driven as the runtime reports them, checked against the screen the
//! agent would be looking at.

mod support;

use balie::app::{Pane, Popup};
use balie::domain::NewCaller;
use chrono::Duration;
use support::Harness;

const SIZE: (u16, u16) = (100, 30);

/// A desk with `tickets` open tickets for one caller, newest (the highest key) on top.
fn desk(config: &str, tickets: usize) -> Harness {
    let mut h = Harness::configured(config);
    let caller = h
        .desk
        .store
        .create_caller(
            &NewCaller {
                name: "Piet Pieterse".into(),
                organization: "Bakkerij Pieterse".into(),
                phones: vec!["06-11223344".into()],
                emails: Vec::new(),
                identifiers: Vec::new(),
            },
            h.now,
        )
        .expect("caller");
    for i in 0..tickets {
        h.now += Duration::minutes(1);
        let subject = format!("printer {i} jams");
        let new = support::new_ticket(&caller.id, &subject);
        h.desk
            .store
            .open_ticket_with_call(&new, "called", h.now)
            .expect("ticket");
    }
    h.press("o"); // the queue reloads
    assert_eq!(h.desk.app.views.queue.len(), tickets);
    h
}

fn screen(h: &Harness) -> Vec<String> {
    h.screen(SIZE.0, SIZE.1)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Where `text` is drawn: (column, line).
fn find(h: &Harness, text: &str) -> (u16, u16) {
    let lines = screen(h);
    for (y, line) in lines.iter().enumerate() {
        if let Some(at) = line.find(text) {
            let column = line[..at].chars().count();
            return (column as u16, y as u16);
        }
    }
    panic!("{text} is not on screen:\n{}", lines.join("\n"));
}

fn selected_key(h: &Harness) -> String {
    let app = &h.desk.app;
    app.views.queue[app.queue_selected].key.clone()
}

#[test]
fn a_click_selects_a_queue_row_and_a_second_click_opens_it() {
    let mut h = desk("", 5);
    let (column, line) = find(&h, "T-1003");
    h.click(column, line, SIZE);
    assert_eq!(h.desk.app.focus, Pane::Queue);
    assert_eq!(selected_key(&h), "T-1003");
    assert!(
        h.desk.app.current_ticket().is_none(),
        "one click only selects"
    );
    assert!(screen(&h)[line as usize].contains("▶T-1003"));

    h.click(column + 10, line, SIZE);
    let ticket = h
        .desk
        .app
        .current_ticket()
        .expect("the second click opens it");
    assert_eq!(ticket.key, "T-1003");
}

#[test]
fn a_click_lands_on_the_row_drawn_under_it_in_a_scrolled_queue() {
    let mut h = desk("", 40);
    h.press("j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j");
    assert_eq!(selected_key(&h), "T-1010");
    let before = screen(&h);
    assert!(!before.iter().any(|l| l.contains("T-1040")), "scrolled");
    // Whatever the second row on screen shows is what a click there picks.
    let (_, header) = find(&h, "key ");
    let row = header + 2;
    let shown: String = before[row as usize]
        .chars()
        .skip(2)
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(shown.starts_with("T-10"), "{shown}");
    h.click(4, row, SIZE);
    assert_eq!(selected_key(&h), shown);
    assert!(screen(&h)[row as usize].contains(&format!("▶{shown}")));
}

#[test]
fn a_click_focuses_the_pane_under_it() {
    let mut h = desk("", 3);
    for (title, pane) in [
        ("Active ticket", Pane::Ticket),
        ("Caller", Pane::Caller),
        ("Promises", Pane::Promises),
        ("Queue", Pane::Queue),
    ] {
        let (column, line) = find(&h, title);
        h.click(column, line + 2, SIZE);
        assert_eq!(h.desk.app.focus, pane, "a click under {title}");
    }
}

#[test]
fn a_click_picks_a_promise_and_a_second_opens_its_ticket() {
    let mut h = desk("", 3);
    h.press("<enter> p call<space>back<space>today <tab> <tab> <tab> +30m <enter>");
    h.press("<tab> <tab> <tab> j <enter>"); // back in the Queue, open T-1002
    h.press("p mail<space>the<space>driver <tab> <tab> <tab> +2h <enter>");
    assert_eq!(
        h.desk.app.current_ticket().map(|t| t.key.as_str()),
        Some("T-1002")
    );
    // The reminder banner above the panes names it too; the row is in the Promises pane.
    assert!(screen(&h)[0].contains("call back today"));
    let (column, line) = find(&h, "call back today  ");
    h.click(column, line, SIZE);
    assert_eq!(h.desk.app.focus, Pane::Promises);
    let selected = h
        .desk
        .app
        .selected_promise()
        .expect("a promise is selected");
    assert_eq!(selected.what, "call back today");
    assert_eq!(
        h.desk.app.current_ticket().map(|t| t.key.as_str()),
        Some("T-1002")
    );
    h.click(column, line, SIZE);
    assert_eq!(
        h.desk.app.current_ticket().map(|t| t.key.as_str()),
        Some("T-1003")
    );
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut h = desk("", 5);
    h.press("<enter>");
    for _ in 0..3 {
        h.press("a more<space>notes <enter>");
    }
    let (column, line) = find(&h, "T-1004");
    h.wheel(true, column, line, SIZE);
    h.wheel(true, column, line, SIZE);
    assert_eq!(selected_key(&h), "T-1003");

    let (column, line) = find(&h, "timeline");
    h.wheel(false, column, line + 1, SIZE);
    assert_eq!(h.desk.app.focus, Pane::Ticket);
    assert!(h.desk.app.timeline_scroll > 0, "scrolled back in time");
    h.wheel(true, column, line + 1, SIZE);
    assert_eq!(h.desk.app.timeline_scroll, 0);
}

#[test]
fn clicks_leave_an_open_form_alone() {
    let mut h = desk("", 3);
    h.press("<enter> a half<space>typed");
    let (column, line) = find(&h, "Promises");
    h.click(column, line + 2, SIZE);
    match &h.desk.app.popup {
        Some(Popup::Form(form)) => assert_eq!(form.text(0), "half typed"),
        _ => panic!("the note form was closed by a click"),
    }
    assert_eq!(h.desk.app.focus, Pane::Queue);
}

#[test]
fn with_the_mouse_off_clicks_do_nothing() {
    let mut h = desk("mouse = false", 3);
    let (column, line) = find(&h, "T-1001");
    h.click(column, line, SIZE);
    assert_eq!(selected_key(&h), "T-1003", "the first row stays selected");
    let (column, line) = find(&h, "Caller");
    h.click(column, line + 2, SIZE);
    assert_eq!(h.desk.app.focus, Pane::Queue);
}
