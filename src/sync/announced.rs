//! The changes a push's notification carries: a desk that holds everything before them
//! applies them as they came, without asking the store (see the store's `push`).

use serde_json::Value;

use crate::domain::change::{Change, ChangeOp, Pulled};

/// The changes one push took, in order, and the store's change before them.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Announced {
    pub after: i64,
    pub changes: Vec<Pulled>,
}

impl Announced {
    /// `None` for anything but the store's `{"after": N, "changes": [...]}`.
    pub fn parse(payload: &str) -> Option<Announced> {
        let value: Value = serde_json::from_str(payload).ok()?;
        let after = value.get("after")?.as_i64()?;
        let changes = value
            .get("changes")?
            .as_array()?
            .iter()
            .map(pulled_from_json)
            .collect::<Option<Vec<_>>>()?;
        let first = changes.first()?.seq;
        let ordered = changes.windows(2).all(|w| w[0].seq < w[1].seq);
        (ordered && first > after).then_some(Announced { after, changes })
    }

    pub fn last(&self) -> i64 {
        self.changes.last().map_or(self.after, |c| c.seq)
    }
}

/// What the notifications brought after change `held`, the newest the desk holds, as a
/// pull would have brought it: `None` when they leave a gap (a push too large to carry,
/// a notification missed) or stop short of `newest`, and the desk must ask the store.
/// The desk's own new rows lose their data, as in a pull: they are in its file already.
pub(super) fn continuing(
    announced: &[Announced],
    held: i64,
    newest: Option<i64>,
    desk: &str,
) -> Option<Vec<Pulled>> {
    let mut reach = held;
    let mut batch = Vec::new();
    for push in announced {
        if push.last() <= reach {
            continue;
        }
        if push.after > reach {
            return None;
        }
        batch.extend(push.changes.iter().filter(|p| p.seq > reach).cloned());
        reach = push.last();
    }
    if newest.is_some_and(|newest| newest > reach) {
        return None;
    }
    for pulled in &mut batch {
        let change = &mut pulled.change;
        if change.desk == desk && change.op == ChangeOp::Insert && change.table != "conflicts" {
            change.data = None;
        }
    }
    Some(batch)
}

/// `[seq, id, hlc, desk, author, tbl, row_id, op, col, [old], [new], [data], [value_after]]`,
/// each of the last four `null` when the store holds none.
fn pulled_from_json(value: &Value) -> Option<Pulled> {
    let field = value.as_array()?;
    if field.len() != 13 {
        return None;
    }
    let text = |at: usize| field[at].as_str().map(str::to_string);
    let wrapped = |at: usize| -> Option<Option<Value>> {
        match &field[at] {
            Value::Null => Some(None),
            Value::Array(inner) if inner.len() == 1 => Some(Some(inner[0].clone())),
            _ => None,
        }
    };
    Some(Pulled {
        seq: field[0].as_i64()?,
        change: Change {
            id: text(1)?,
            hlc: text(2)?,
            desk: text(3)?,
            author: text(4)?,
            table: text(5)?,
            row_id: text(6)?,
            op: ChangeOp::from_code(field[7].as_str()?)?,
            column: match &field[8] {
                Value::Null => None,
                other => Some(other.as_str()?.to_string()),
            },
            old: wrapped(9)?,
            new: wrapped(10)?,
            data: wrapped(11)?,
        },
        value_after: wrapped(12)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(after: i64, seqs: &[i64], desk: &str) -> String {
        let changes: Vec<Value> = seqs
            .iter()
            .map(|seq| {
                serde_json::json!([
                    seq, format!("c{seq}"), "1-0", desk, "Anna", "events", format!("e{seq}"),
                    "insert", null, null, null, [{"text": "Rang back"}], null
                ])
            })
            .collect();
        serde_json::json!({"after": after, "changes": changes}).to_string()
    }

    fn seqs(batch: &[Pulled]) -> Vec<i64> {
        batch.iter().map(|p| p.seq).collect()
    }

    #[test]
    fn pushes_that_follow_on_are_applied_as_they_came() {
        let first = Announced::parse(&payload(10, &[11, 12], "B")).expect("parsed");
        let second = Announced::parse(&payload(12, &[13], "B")).expect("parsed");
        let batch = continuing(&[first, second], 10, Some(13), "A").expect("no gap");
        assert_eq!(seqs(&batch), [11, 12, 13]);
        assert!(
            batch[0].change.data.is_some(),
            "another desk's row keeps its data"
        );
    }

    #[test]
    fn a_gap_or_a_push_too_large_to_carry_sends_the_desk_to_the_store() {
        let later = Announced::parse(&payload(12, &[13], "B")).expect("parsed");
        assert_eq!(
            continuing(std::slice::from_ref(&later), 10, Some(13), "A"),
            None
        );
        // A larger push was announced by its number alone.
        let first = Announced::parse(&payload(10, &[11], "B")).expect("parsed");
        assert_eq!(continuing(&[first], 10, Some(20), "A"), None);
        // What the desk pulled already is passed over.
        let batch = continuing(&[later], 12, Some(13), "A").expect("follows on");
        assert_eq!(seqs(&batch), [13]);
    }

    #[test]
    fn the_desks_own_rows_come_without_their_data_and_values_keep_null_apart_from_none() {
        let own = Announced::parse(&payload(0, &[1], "A")).expect("parsed");
        let batch = continuing(&[own], 0, Some(1), "A").expect("follows on");
        assert_eq!(batch[0].change.data, None);
        let update = serde_json::json!({"after": 1, "changes": [[2, "c2", "1-0", "B", "Bence",
            "tickets", "t1", "update", "category", ["VPN"], [null], null, [null]]]});
        let pushed = Announced::parse(&update.to_string()).expect("parsed");
        let change = &pushed.changes[0];
        assert_eq!(change.change.new, Some(Value::Null));
        assert_eq!(change.change.old, Some(Value::from("VPN")));
        assert_eq!(change.value_after, Some(Value::Null));
        assert_eq!(change.change.data, None);
    }

    #[test]
    fn anything_else_is_not_an_announcement() {
        for payload in [
            "42",
            "presence",
            "{}",
            r#"{"after": 1, "changes": []}"#,
            "[1]",
        ] {
            assert_eq!(Announced::parse(payload), None, "{payload}");
        }
    }
}
