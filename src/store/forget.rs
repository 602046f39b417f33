//! The privacy erase of one caller (`balie forget`). Their personal data goes for good:
//! name, organisation, phones, e-mail addresses, identifiers, search text, their entry in
//! the search index, and promise recipients that name them. Their tickets, promises and
//! events stay, linked to the emptied caller row, so every report counts the same after.
//! Free text is never rewritten (events are append-only): events whose text mentions the
//! caller are listed for a person to review instead.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::caller_lookup::{CallerLookup, caller_with_handles, erased_at, is_caller_id};
use super::schema::FORGOTTEN;
use super::{Result, Store, StoreError, parse_code, parse_ts, ts};
use crate::domain::fold::{fold, phone_digits, phone_query_variants};
use crate::domain::{Caller, CallerHit, EventKind, Id, new_id};

/// Words of a name too common to count as a mention of the caller on their own.
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "ten", "ter", "het", "des", "del", "della", "dos", "las", "los",
];

/// Who `balie forget CALLER` means.
#[derive(Debug)]
pub enum ForgetLookup {
    One(Caller),
    AlreadyForgotten { caller_id: Id, at: DateTime<Utc> },
    NotFound,
    Several(Vec<CallerHit>),
}

/// What an erase did, without the erased data itself: this ends up in logs.
#[derive(Debug)]
pub struct Forgotten {
    pub caller_id: Id,
    /// Phones, e-mail addresses and identifiers erased.
    pub handles: usize,
    /// What stays, now linked to the anonymous caller.
    pub tickets: i64,
    pub promises: i64,
    pub events: i64,
    /// Promises whose recipient named the caller and now reads "forgotten caller".
    pub recipients: usize,
    /// Events whose free text mentions the caller, oldest first.
    pub to_review: Vec<Mention>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub event_id: Id,
    pub ticket_key: String,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
}

impl Store {
    /// Who `balie forget CALLER` means: the command line's caller rule
    /// (`find_one_caller`), except that an erased caller's id is still recognised, so that
    /// running forget again can finish clearing the file.
    pub fn find_caller_to_forget(&self, query: &str) -> Result<ForgetLookup> {
        let query = query.trim();
        if is_caller_id(query)
            && let Some(at) = erased_at(&self.conn, query)?
        {
            return Ok(ForgetLookup::AlreadyForgotten {
                caller_id: query.to_string(),
                at,
            });
        }
        Ok(match self.find_one_caller(query)? {
            CallerLookup::One(caller) => ForgetLookup::One(caller),
            CallerLookup::NotFound => ForgetLookup::NotFound,
            CallerLookup::Several(hits) => ForgetLookup::Several(hits),
        })
    }

    /// Erases the caller's personal data in one transaction with `secure_delete` on, so
    /// that SQLite overwrites what it removes instead of only unlinking it. Call
    /// `purge_erased` afterwards to clear older copies out of the file and its log.
    pub fn forget_caller(&mut self, caller_id: &str, now: DateTime<Utc>) -> Result<Forgotten> {
        let caller = caller_with_handles(&self.conn, caller_id)?
            .ok_or_else(|| StoreError::NotFound(format!("caller {caller_id}")))?;
        let traces = Traces::of(&caller);
        // Reading every event's text takes a while on a large desk; doing it before taking
        // the write lock keeps the other desks' saves waiting only for what was added since.
        // Rows are never deleted, so a rowid above the last one seen is a row added since.
        let last_event: i64 =
            self.conn
                .query_row("SELECT coalesce(max(rowid), 0) FROM events", [], |r| {
                    r.get(0)
                })?;
        let last_promise: i64 =
            self.conn
                .query_row("SELECT coalesce(max(rowid), 0) FROM promises", [], |r| {
                    r.get(0)
                })?;
        let mut mentions = events_mentioning(&self.conn, &traces, caller_id, 0, last_event)?;
        let mut recipients = promises_naming(&self.conn, &traces, caller_id, 0, last_promise)?;
        let secure: i64 = self
            .conn
            .query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
        self.conn
            .query_row("PRAGMA secure_delete = ON", [], |_| Ok(()))?;
        let result = self.write(|tx, agent| {
            if erased_at(tx, caller_id)?.is_some() {
                return Err(StoreError::Invalid(format!(
                    "caller {caller_id} was already forgotten"
                )));
            }
            mentions.extend(events_mentioning(
                tx,
                &traces,
                caller_id,
                last_event,
                i64::MAX,
            )?);
            recipients.extend(promises_naming(
                tx,
                &traces,
                caller_id,
                last_promise,
                i64::MAX,
            )?);
            erase(tx, &caller, &mentions, &recipients, agent, now)
        });
        self.conn
            .query_row(&format!("PRAGMA secure_delete = {secure}"), [], |_| Ok(()))?;
        result
    }

    /// Clears earlier copies of erased data out of the file. `secure_delete` overwrites
    /// what the erase removed, but SQLite leaves stale copies of rows in the unused space
    /// of pages it split or rebuilt long before; only rebuilding the file (`VACUUM`)
    /// removes those. The write-ahead log keeps the old pages until it is checkpointed
    /// and truncated. Returns false when another desk was reading and the log could not
    /// be emptied yet; running it again later finishes the job.
    pub fn purge_erased(&mut self, vacuum: bool) -> Result<bool> {
        if vacuum {
            self.conn.execute_batch("VACUUM")?;
        }
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }
}

/// What of a caller can turn up in free text, folded as search folds it.
struct Traces {
    /// The whole name, e-mail addresses and identifiers: a mention wherever they appear.
    phrases: Vec<String>,
    /// The words of the name: a mention only on the caller's own tickets, where "Jan
    /// called back" is about them and not about another Jan.
    name_words: Vec<String>,
    /// Phone numbers as digits, national and international (see `phone_query_variants`).
    phones: Vec<String>,
}

impl Traces {
    fn of(caller: &Caller) -> Traces {
        let name = fold(caller.name.trim());
        let mut phrases = vec![name.clone()];
        phrases.extend(
            caller
                .emails
                .iter()
                .chain(&caller.identifiers)
                .map(|v| fold(v.trim())),
        );
        phrases.retain(|p| p.chars().count() >= 3);
        let name_words = words(&name)
            .filter(|w| w.chars().count() >= 3 && !NAME_PARTICLES.contains(w))
            .map(String::from)
            .collect();
        let phones = caller
            .phones
            .iter()
            .flat_map(|p| phone_query_variants(p))
            .filter(|digits| digits.len() >= 6)
            .collect();
        Traces {
            phrases,
            name_words,
            phones,
        }
    }

    fn found_in(&self, text: &str, own_ticket: bool) -> bool {
        let folded = fold(text);
        self.phrases.iter().any(|p| folded.contains(p.as_str()))
            || (own_ticket && words(&folded).any(|w| self.name_words.iter().any(|n| n == w)))
            || (!self.phones.is_empty()
                && numbers_in(text)
                    .iter()
                    .any(|digits| self.phones.iter().any(|p| digits.contains(p.as_str()))))
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The digits of every phone-like run in a text ("call 06 1234 5678 after 3").
fn numbers_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(['x']) {
        if c.is_ascii_digit() || " +-()./".contains(c) {
            run.push(c);
            continue;
        }
        let digits = phone_digits(&run);
        if digits.len() >= 6 {
            found.push(digits);
        }
        run.clear();
    }
    found
}

/// Events with rowid in (after, upto] whose text mentions the caller.
fn events_mentioning(
    conn: &Connection,
    traces: &Traces,
    caller_id: &str,
    after: i64,
    upto: i64,
) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, caller_id IS ?1, text FROM events
         WHERE rowid > ?2 AND rowid <= ?3 AND text <> ''",
    )?;
    let mut rows = stmt.query(params![caller_id, after, upto])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let text: String = row.get(2)?;
        if traces.found_in(&text, row.get(1)?) {
            found.push(row.get(0)?);
        }
    }
    Ok(found)
}

/// Promises with rowid in (after, upto] whose recipient names the caller, as
/// (promise, ticket).
fn promises_naming(
    conn: &Connection,
    traces: &Traces,
    caller_id: &str,
    after: i64,
    upto: i64,
) -> Result<Vec<(Id, Id)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, ticket_id, caller_id IS ?1, recipient FROM promises
         WHERE rowid > ?2 AND rowid <= ?3 AND recipient <> ?4",
    )?;
    let mut rows = stmt.query(params![caller_id, after, upto, FORGOTTEN])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let recipient: String = row.get(3)?;
        if traces.found_in(&recipient, row.get(2)?) {
            found.push((row.get(0)?, row.get(1)?));
        }
    }
    Ok(found)
}

fn erase(
    tx: &Connection,
    caller: &Caller,
    mentions: &[Id],
    recipients: &[(Id, Id)],
    agent: &str,
    now: DateTime<Utc>,
) -> Result<Forgotten> {
    let stamp = ts(now);
    let erasure = new_id();
    tx.execute(
        "INSERT INTO erasures (id, caller_id, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?3, ?4)",
        params![erasure, caller.id, stamp, agent],
    )?;
    for event_id in mentions {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO erasure_reviews (id, erasure_id, event_id, created_at,
               updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        )?
        .execute(params![new_id(), erasure, event_id, stamp, agent])?;
    }
    for (promise_id, ticket_id) in recipients {
        tx.prepare_cached(
            "UPDATE promises SET recipient = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        )?
        .execute(params![promise_id, FORGOTTEN, stamp, agent])?;
        // The one edit the events trigger allows (see schema V3).
        tx.prepare_cached(
            "UPDATE events SET data = json_set(data, '$.to', ?3), updated_at = ?4, updated_by = ?5
             WHERE ticket_id = ?1 AND kind = 'promise_made'
               AND json_extract(data, '$.promise') = ?2",
        )?
        .execute(params![ticket_id, promise_id, FORGOTTEN, stamp, agent])?;
    }
    let handles = tx.execute(
        "DELETE FROM caller_handles WHERE caller_id = ?1",
        [&caller.id],
    )?;
    // FTS5 otherwise only marks the row deleted and keeps its terms until segments merge.
    tx.execute(
        "INSERT INTO caller_fts (caller_fts, rank) VALUES ('secure-delete', 1)",
        [],
    )?;
    tx.execute("DELETE FROM caller_fts WHERE caller_id = ?1", [&caller.id])?;
    tx.execute(
        "UPDATE callers SET name = ?2, organization = '', name_folded = '', search_text = '',
           updated_at = ?3, updated_by = ?4, deleted_at = coalesce(deleted_at, ?3)
         WHERE id = ?1",
        params![caller.id, FORGOTTEN, stamp, agent],
    )?;
    let count = |sql: &str| -> Result<i64> { Ok(tx.query_row(sql, [&caller.id], |r| r.get(0))?) };
    let tickets = count("SELECT count(*) FROM tickets WHERE caller_id = ?1")?;
    let promises = count(
        "SELECT count(*) FROM promises
         WHERE ticket_id IN (SELECT id FROM tickets WHERE caller_id = ?1)",
    )?;
    let events = count("SELECT count(*) FROM events WHERE caller_id = ?1")?;
    let mut to_review = Vec::with_capacity(mentions.len());
    let mut stmt = tx.prepare_cached(
        "SELECT e.id, t.key, e.kind, e.at FROM events e JOIN tickets t ON t.id = e.ticket_id
         WHERE e.id = ?1",
    )?;
    for event_id in mentions {
        to_review.push(stmt.query_row([event_id], |r| {
            Ok(Mention {
                event_id: r.get(0)?,
                ticket_key: r.get(1)?,
                kind: parse_code(&r.get::<_, String>(2)?, EventKind::from_code)?,
                at: parse_ts(&r.get::<_, String>(3)?)?,
            })
        })?);
    }
    to_review.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.event_id.cmp(&b.event_id)));
    Ok(Forgotten {
        caller_id: caller.id.clone(),
        handles,
        tickets,
        promises,
        events,
        recipients: recipients.len(),
        to_review,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, NewCaller, NewPromise};
    use crate::store::NewTicket;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn jan() -> NewCaller {
        NewCaller {
            name: "Jan de Vries".into(),
            organization: "Gemeente Utrecht".into(),
            phones: vec!["+31 6 1234 5678".into()],
            emails: vec!["jan.devries@utrecht.nl".into()],
            identifiers: vec!["NB-20431".into()],
        }
    }

    fn named(name: &str) -> NewCaller {
        NewCaller {
            name: name.into(),
            ..Default::default()
        }
    }

    fn ticket(store: &mut Store, caller: &str, subject: &str) -> Id {
        let new = NewTicket {
            prefix: "T",
            caller_id: caller,
            subject,
            impact: 3,
            urgency: 3,
            priority: 3,
            category: None,
        };
        store.open_ticket_with_call(&new, "", now()).unwrap().id
    }

    fn promise(store: &mut Store, ticket_id: &str, to: &str) -> Id {
        let new = NewPromise {
            ticket_id: ticket_id.into(),
            what: "call back".into(),
            to: to.into(),
            callback: false,
            channel: Channel::Phone,
            due_at: now() + Duration::hours(2),
        };
        store.make_promise(&new, now()).unwrap().id
    }

    fn event_with_text(store: &Store, text: &str) -> Id {
        store
            .conn
            .query_row("SELECT id FROM events WHERE text = ?1", [text], |r| {
                r.get(0)
            })
            .unwrap()
    }

    #[test]
    fn forgetting_erases_the_person_and_keeps_the_figures() {
        let mut store = Store::open_in_memory("anna").unwrap();
        let jan = store.create_caller(&jan(), now()).unwrap();
        let janet = store
            .create_caller(&named("Janet Vrieling"), now())
            .unwrap();
        let his = ticket(&mut store, &jan.id, "VPN drops");
        let hers = ticket(&mut store, &janet.id, "Printer jams");
        let to_jan = promise(&mut store, &his, "");
        let to_piet = promise(&mut store, &his, "his manager Piet");
        let elsewhere = promise(&mut store, &hers, "Jan de Vries");
        let notes = [
            (&his, "Jan says it drops every hour"),
            (&his, "Restarted the concentrator"),
            (&hers, "Her colleague (jan.devries@utrecht.nl) has it too"),
            (&hers, "Asked her to call 06 1234 5678 about it"),
            (&hers, "Jan from facilities fixed the printer"),
        ];
        for (ticket_id, text) in notes {
            store.add_note(ticket_id, text, now()).unwrap();
        }
        let records = store.promise_records(now() - Duration::days(1), now(), None);
        let records = records.unwrap();

        let forgotten = store.forget_caller(&jan.id, now()).unwrap();
        assert!(store.purge_erased(true).unwrap());

        assert_eq!(forgotten.handles, 3);
        assert_eq!((forgotten.tickets, forgotten.promises), (1, 2));
        assert_eq!(
            forgotten.recipients, 2,
            "his own promise and the one on Janet's ticket"
        );
        let flagged: Vec<Id> = forgotten
            .to_review
            .iter()
            .map(|m| m.event_id.clone())
            .collect();
        let expected: Vec<Id> = [notes[0].1, notes[2].1, notes[3].1]
            .iter()
            .map(|t| event_with_text(&store, t))
            .collect();
        assert_eq!(
            flagged, expected,
            "a first name counts only on his own tickets"
        );

        let (name, organization, name_folded, search_text): (String, String, String, String) =
            store
                .conn
                .query_row(
                    "SELECT name, organization, name_folded, search_text FROM callers
                     WHERE id = ?1",
                    [&jan.id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .unwrap();
        assert_eq!(name, FORGOTTEN);
        assert!(organization.is_empty() && name_folded.is_empty() && search_text.is_empty());
        for query in ["vries", "0612345678", "NB-20431", "utrecht.nl"] {
            assert!(
                store.search_callers(query, 10).unwrap().is_empty(),
                "{query}"
            );
        }
        let fts: i64 = store
            .conn
            .query_row("SELECT count(*) FROM caller_fts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fts, 1, "only Janet is left in the index");
        assert_eq!(store.promise(&to_jan).unwrap().to, FORGOTTEN);
        assert_eq!(store.promise(&elsewhere).unwrap().to, FORGOTTEN);
        assert_eq!(store.promise(&to_piet).unwrap().to, "his manager Piet");
        let recipients: Vec<String> = store
            .conn
            .prepare(
                "SELECT data ->> '$.to' FROM events WHERE kind = 'promise_made' ORDER BY rowid",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(recipients, [FORGOTTEN, "his manager Piet", FORGOTTEN]);
        let after = store.promise_records(now() - Duration::days(1), now(), None);
        assert_eq!(after.unwrap(), records);
        let ticket = store.ticket(&his).unwrap().unwrap();
        assert_eq!(ticket.caller_id.as_deref(), Some(jan.id.as_str()));
        assert_eq!(ticket.caller_name, FORGOTTEN);

        let again = store.forget_caller(&jan.id, now()).unwrap_err();
        assert!(again.to_string().contains("already forgotten"), "{again}");
        assert!(matches!(
            store.find_caller_to_forget(&jan.id).unwrap(),
            ForgetLookup::AlreadyForgotten { .. }
        ));
    }

    #[test]
    fn events_stay_append_only_but_for_the_forgotten_recipient() {
        let mut store = Store::open_in_memory("anna").unwrap();
        let jan = store.create_caller(&jan(), now()).unwrap();
        let ticket_id = ticket(&mut store, &jan.id, "VPN drops");
        promise(&mut store, &ticket_id, "");
        let refused = [
            "UPDATE events SET text = 'edited'",
            "UPDATE events SET data = json_set(data, '$.to', 'someone else')",
            "UPDATE events SET text = 'edited', data = json_set(data, '$.to', 'forgotten caller')
             WHERE kind = 'promise_made'",
            "UPDATE events SET data = json_set(data, '$.to', 'forgotten caller')
             WHERE kind <> 'promise_made'",
            "DELETE FROM events",
        ];
        for sql in refused {
            let err = store.conn.execute(sql, []).unwrap_err();
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
        let allowed = store
            .conn
            .execute(
                "UPDATE events SET data = json_set(data, '$.to', ?1) WHERE kind = 'promise_made'",
                [FORGOTTEN],
            )
            .unwrap();
        assert_eq!(allowed, 1);
    }

    #[test]
    fn a_search_has_to_name_one_caller() {
        let mut store = Store::open_in_memory("anna").unwrap();
        let jan = store.create_caller(&jan(), now()).unwrap();
        store
            .create_caller(&named("Janet Vrieling"), now())
            .unwrap();
        store.create_caller(&named("Piet Bakker"), now()).unwrap();
        store.create_caller(&named("Piet Bakker"), now()).unwrap();
        let one = |query: &str| match store.find_caller_to_forget(query).unwrap() {
            ForgetLookup::One(caller) => caller.id,
            other => panic!("{query}: {other:?}"),
        };
        for query in [
            "Jan de Vries",
            "jan de vries",
            "0612345678",
            "NB-20431",
            &jan.id,
        ] {
            assert_eq!(one(query), jan.id, "{query}");
        }
        assert!(matches!(
            store.find_caller_to_forget("jan").unwrap(),
            ForgetLookup::Several(hits) if hits.len() == 2
        ));
        assert!(matches!(
            store.find_caller_to_forget("Piet Bakker").unwrap(),
            ForgetLookup::Several(hits) if hits.len() == 2
        ));
        assert!(matches!(
            store.find_caller_to_forget("nobody at all").unwrap(),
            ForgetLookup::NotFound
        ));
        assert!(matches!(
            store
                .find_caller_to_forget("01a20830-3371-7736-b635-4d5034cf66f0")
                .unwrap(),
            ForgetLookup::NotFound
        ));
    }

    #[test]
    fn phone_numbers_are_found_in_any_format_in_text() {
        let traces = Traces::of(&Caller {
            id: "x".into(),
            name: "Ödön Kovács".into(),
            organization: String::new(),
            phones: vec!["+36 30 123 4567".into()],
            emails: Vec::new(),
            identifiers: Vec::new(),
        });
        assert!(traces.found_in("rang 06 30 123 4567 twice", false));
        assert!(traces.found_in("rang +36301234567", false));
        assert!(traces.found_in("spoke to odon kovacs", false));
        assert!(!traces.found_in("ticket 2026-11-23, order 123456", false));
        assert!(
            !traces.found_in("Ödön again", false),
            "only on his own tickets"
        );
        assert!(traces.found_in("Ödön again", true));
    }
}
