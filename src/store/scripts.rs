//! Script runs on a ticket's timeline. Each answer is its own event, written as it is given,
//! so a run left for later (or cut short by a crash) can be rebuilt from the events alone.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde_json::json;

use super::tickets::{event_from_row, insert_event};
use super::{Result, Store};
use crate::domain::scripts::{Record, Recording};
use crate::domain::{Event, EventKind};

impl Store {
    /// Writes what happened in a run; an answer that ends the script is written together
    /// with the finish.
    pub fn record_script(&mut self, record: &Record, now: DateTime<Utc>) -> Result<()> {
        let base = json!({"script": record.script, "title": record.title});
        let with = |extra: serde_json::Value| {
            let mut data = base.clone();
            if let (Some(data), Some(extra)) = (data.as_object_mut(), extra.as_object()) {
                data.extend(extra.clone());
            }
            data
        };
        self.write(|tx, agent| {
            let ticket = record.ticket_id.as_str();
            match &record.what {
                Recording::Started => insert_event(
                    tx,
                    ticket,
                    EventKind::ScriptStarted,
                    "",
                    with(json!({})),
                    agent,
                    now,
                ),
                Recording::Left { step } => insert_event(
                    tx,
                    ticket,
                    EventKind::ScriptLeft,
                    "",
                    with(json!({"step": step})),
                    agent,
                    now,
                ),
                Recording::Answer {
                    step,
                    question,
                    answer,
                    finished,
                } => {
                    insert_event(
                        tx,
                        ticket,
                        EventKind::ScriptAnswer,
                        "",
                        with(json!({"step": step, "question": question, "answer": answer})),
                        agent,
                        now,
                    )?;
                    let Some(ending) = finished else {
                        return Ok(());
                    };
                    let mut data = with(json!({
                        "outcome": if ending.resolution { "resolution" } else { "escalation" },
                    }));
                    if let (Some(group), Some(data)) = (&ending.group, data.as_object_mut()) {
                        data.insert("group".into(), json!(group));
                    }
                    insert_event(
                        tx,
                        ticket,
                        EventKind::ScriptFinished,
                        &ending.text,
                        data,
                        agent,
                        now,
                    )
                }
            }
        })
    }

    /// The script events of the ticket's latest run, oldest first: from its last
    /// `script_started` on. Empty when no script was ever run on it.
    pub fn latest_script_run(&self, ticket_id: &str) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, ticket_id, at, by, kind, text, data FROM events
             WHERE ticket_id = ?1
               AND kind IN ('script_started', 'script_answer', 'script_left', 'script_finished')
               AND (at, id) >= (SELECT at, id FROM events
                                WHERE ticket_id = ?1 AND kind = 'script_started'
                                ORDER BY at DESC, id DESC LIMIT 1)
             ORDER BY at, id",
        )?;
        let rows = stmt.query_map(params![ticket_id], event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scripts::Ending;

    #[test]
    fn answers_and_the_finish_are_events_with_the_agreed_data() {
        let now = Utc::now();
        let (mut store, ticket) = crate::store::fixtures::one_call("Jan", "modem", now);
        let record = |what| Record {
            ticket_id: ticket.id.clone(),
            script: "internet-down".into(),
            title: "Internet down".into(),
            what,
        };
        assert_eq!(store.latest_script_run(&ticket.id).expect("read"), vec![]);
        store
            .record_script(&record(Recording::Started), now)
            .expect("start");
        store
            .record_script(
                &record(Recording::Answer {
                    step: "light".into(),
                    question: "Red?".into(),
                    answer: "Yes".into(),
                    finished: Some(Ending {
                        resolution: false,
                        text: "Call the provider".into(),
                        group: Some("Network".into()),
                    }),
                }),
                now,
            )
            .expect("answer");
        let events = store.latest_script_run(&ticket.id).expect("read");
        let kinds: Vec<EventKind> = events.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EventKind::ScriptStarted,
                EventKind::ScriptAnswer,
                EventKind::ScriptFinished
            ]
        );
        assert_eq!(
            events[1].data,
            json!({"script": "internet-down", "title": "Internet down", "step": "light",
                   "question": "Red?", "answer": "Yes"})
        );
        assert_eq!(events[2].data["outcome"], "escalation");
        assert_eq!(events[2].text, "Call the provider");
        // A second run starts a new latest run.
        store
            .record_script(&record(Recording::Started), now)
            .expect("again");
        assert_eq!(store.latest_script_run(&ticket.id).expect("read").len(), 1);
    }
}
