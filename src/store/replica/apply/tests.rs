use chrono::{Duration, TimeZone};
use serde_json::json;

use super::*;
use crate::domain::change::Change;
use crate::store::fixtures::{new_ticket, one_call};

fn member(store: &mut Store, desk: &str, at: DateTime<Utc>) {
    store
        .join_team(desk, "postgres://team.example/balie", false, at)
        .expect("join");
}

/// What desk `from` would push, as the team store hands it out, in `order`.
fn pushed_by(from: &Store, order: impl Fn(&[Pulled]) -> Vec<Pulled>) -> Vec<Pulled> {
    let changes: Vec<Pulled> = from
        .outbox(1000)
        .expect("outbox")
        .into_iter()
        .enumerate()
        .map(|(i, change)| Pulled {
            seq: i as i64 + 1,
            change,
            value_after: None,
        })
        .collect();
    let mut reordered = order(&changes);
    for (i, p) in reordered.iter_mut().enumerate() {
        p.seq = i as i64 + 1;
    }
    reordered
}

#[test]
fn a_ticket_linked_to_an_incident_that_arrives_later_in_the_batch_is_applied() {
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let mut anna = Store::open_in_memory("anna").expect("anna's desk");
    member(&mut anna, "desk-anna", at);
    let caller = anna
        .create_caller(
            &crate::domain::NewCaller {
                name: "Jan de Vries".into(),
                ..Default::default()
            },
            at,
        )
        .expect("caller");
    let ticket_a = anna
        .open_ticket_with_call(&new_ticket(&caller.id, "no VPN"), "", at)
        .expect("ticket");
    let incident = anna
        .declare_incident(
            &new_ticket(&caller.id, "VPN down"),
            std::slice::from_ref(&ticket_a.id),
            at,
        )
        .expect("incident");
    // The incident's own row last: the link to it comes first.
    let batch = pushed_by(&anna, |changes| {
        let (incident_row, rest): (Vec<Pulled>, Vec<Pulled>) =
            changes.iter().cloned().partition(|p| {
                p.change.table == "tickets"
                    && p.change.op == ChangeOp::Insert
                    && p.change.row_id == incident.id
            });
        rest.into_iter().chain(incident_row).collect()
    });
    assert_eq!(
        batch.last().map(|p| p.change.row_id.as_str()),
        Some(incident.id.as_str())
    );

    let mut bert = Store::open_in_memory("bert").expect("bert's desk");
    member(&mut bert, "desk-bert", at);
    let applied = bert.apply_pulled(&batch, at).expect("applied");
    assert_eq!(applied.tickets, 2);
    let linked = bert.ticket(&ticket_a.id).expect("read").expect("ticket");
    assert_eq!(linked.incident_id.as_deref(), Some(incident.id.as_str()));
    assert_eq!(bert.pulled_seq().expect("cursor"), batch.len() as i64);
}

fn change_of(seq: i64, table: &str, row_id: &str, op: ChangeOp) -> Pulled {
    Pulled {
        seq,
        change: Change {
            id: format!("change-{seq}"),
            hlc: String::new(),
            desk: "other-desk".into(),
            author: "bence".into(),
            table: table.into(),
            row_id: row_id.into(),
            op,
            column: None,
            old: None,
            new: None,
            data: None,
        },
        value_after: None,
    }
}

#[test]
fn a_promise_pulled_with_an_old_key_or_none_takes_its_ticket_s_key_and_follows_it() {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let (mut store, ticket) = one_call("Jan de Vries", "Printer offline", now);
    let due = ts(now - Duration::hours(1));
    let promise = |id: &str, key: Option<&str>| {
        let mut row = json!({
            "id": id, "ticket_id": ticket.id, "what": "Ring back", "recipient": "Jan",
            "channel": "phone", "due_at": due, "owner": "bence", "state": "open",
            "kind": "promise", "created_at": due, "updated_at": due, "updated_by": "bence",
        });
        if let Some(key) = key {
            row["ticket_key"] = json!(key);
        }
        row
    };
    // One made by a balie from before promises carried the key, one made on a desk that
    // still knew the ticket by a provisional key.
    let mut older = change_of(1, "promises", "p-older", ChangeOp::Insert);
    older.change.data = Some(promise("p-older", None));
    let mut stale = change_of(2, "promises", "p-stale", ChangeOp::Insert);
    stale.change.data = Some(promise("p-stale", Some("T-~3F9A-1")));
    store.apply_pulled(&[older, stale], now).unwrap();
    let keys = |store: &crate::store::Store| -> Vec<String> {
        let overdue = store.overdue_promises(None, now).unwrap();
        overdue.into_iter().map(|p| p.ticket_key).collect()
    };
    assert_eq!(keys(&store), vec![ticket.key.clone(); 2]);

    // The ticket renumbered on another desk: its promises here follow.
    let mut renumbered = change_of(3, "tickets", &ticket.id, ChangeOp::Update);
    renumbered.change.column = Some("key".into());
    renumbered.change.old = Some(json!(ticket.key));
    renumbered.change.new = Some(json!("T-2001"));
    store.apply_pulled(&[renumbered], now).unwrap();
    assert_eq!(keys(&store), vec!["T-2001".to_string(); 2]);
}
