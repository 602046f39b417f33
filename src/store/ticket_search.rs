//! Finding a ticket while the caller reads out its number or says what it was about.

use rusqlite::params;

use super::callers::quote_fts;
use super::tickets::{TICKET_SELECT, ticket_from_row};
use super::{Result, Store};
use crate::domain::{Status, Ticket};

/// Which tickets `balie ticket list` asks for.
#[derive(Clone, Debug, Default)]
pub struct TicketFilter<'a> {
    /// No statuses means the open ones, as the queue shows them.
    pub statuses: &'a [Status],
    pub assignee: Option<&'a str>,
}

impl Store {
    /// Tickets by key ("T-1234", or just "1234") or by words of their subject, newest
    /// first. A word needs three letters: the index holds trigrams, and a shorter word
    /// would match most of the desk.
    pub fn search_tickets(&self, query: &str, limit: usize) -> Result<Vec<Ticket>> {
        let query = query.trim();
        let mut found = Vec::new();
        if let Some(ticket) = self.find_ticket(query)? {
            found.push(ticket);
        }
        let words: Vec<String> = query
            .split_whitespace()
            .filter(|w| w.chars().count() >= 3)
            .map(quote_fts)
            .collect();
        if words.is_empty() {
            return Ok(found);
        }
        // The index hands out rowids newest first without sorting its matches, so a
        // common word costs no more than a rare one.
        let sql = format!(
            "{TICKET_SELECT} WHERE t.rowid IN (
                 SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT ?2)
             AND t.deleted_at IS NULL ORDER BY t.rowid DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![words.join(" AND "), limit as i64], ticket_from_row)?;
        for ticket in rows {
            let ticket = ticket?;
            if !found.iter().any(|t| t.id == ticket.id) {
                found.push(ticket);
            }
        }
        found.truncate(limit);
        Ok(found)
    }

    /// Tickets by status and assignee in the queue's order, latest activity first.
    pub fn list_tickets(&self, filter: &TicketFilter, limit: usize) -> Result<Vec<Ticket>> {
        let statuses: Vec<Status> = if filter.statuses.is_empty() {
            Status::ALL
                .iter()
                .copied()
                .filter(|s| s.is_open())
                .collect()
        } else {
            filter.statuses.to_vec()
        };
        // The codes are the enum's own literals, never user input.
        let codes: Vec<String> = statuses.iter().map(|s| format!("'{}'", s.code())).collect();
        let assignee = if filter.assignee.is_some() {
            "AND t.assignee = ?2"
        } else {
            "AND ?2 IS NULL"
        };
        let sql = format!(
            "{TICKET_SELECT} WHERE t.status IN ({}) {assignee} AND t.deleted_at IS NULL
             ORDER BY t.last_activity_at DESC LIMIT ?1",
            codes.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![limit as i64, filter.assignee], ticket_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ticket a caller or a script names: by key, in any case, or by its number.
    pub fn find_ticket(&self, query: &str) -> Result<Option<Ticket>> {
        let query = query.trim();
        if let Ok(number) = query.parse::<i64>() {
            let sql = format!("{TICKET_SELECT} WHERE t.number = ?1 AND t.deleted_at IS NULL");
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query_map([number], ticket_from_row)?;
            return Ok(rows.next().transpose()?);
        }
        if query.contains('-') {
            return self.ticket_by_key(&query.to_uppercase());
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NewCaller;
    use chrono::Utc;

    fn desk() -> Store {
        let mut store = Store::open_in_memory("anna").expect("store");
        let caller = store
            .create_caller(
                &NewCaller {
                    name: "Ödön Kovács".into(),
                    ..Default::default()
                },
                Utc::now(),
            )
            .expect("caller");
        for subject in [
            "VPN disconnects every hour",
            "Nem működik a nyomtató",
            "Wachtwoord verlopen",
            "VPN client will not install",
        ] {
            let new = crate::store::fixtures::new_ticket(&caller.id, subject);
            store
                .open_ticket_with_call(&new, "", Utc::now())
                .expect("ticket");
        }
        store
    }

    fn subjects(tickets: &[Ticket]) -> Vec<&str> {
        tickets.iter().map(|t| t.subject.as_str()).collect()
    }

    #[test]
    fn words_of_the_subject_find_tickets_newest_first_whatever_the_accents() {
        let store = desk();
        assert_eq!(
            subjects(&store.search_tickets("vpn", 10).expect("search")),
            vec!["VPN client will not install", "VPN disconnects every hour"]
        );
        assert_eq!(
            subjects(
                &store
                    .search_tickets("mukodik nyomtato", 10)
                    .expect("search")
            ),
            vec!["Nem működik a nyomtató"]
        );
        assert_eq!(
            subjects(&store.search_tickets("WACHTW", 10).expect("search")),
            vec!["Wachtwoord verlopen"]
        );
        assert!(store.search_tickets("xyz", 10).expect("search").is_empty());
    }

    #[test]
    fn a_key_or_its_number_finds_that_ticket_first() {
        let store = desk();
        let by_key = store.search_tickets("t-1002", 10).expect("search");
        assert_eq!(by_key[0].key, "T-1002");
        let by_number = store.search_tickets("1003", 10).expect("search");
        assert_eq!(by_number[0].key, "T-1003");
    }

    #[test]
    fn the_index_follows_a_changed_subject() {
        let store = desk();
        store
            .conn
            .execute(
                "UPDATE tickets SET subject = 'Account geblokkeerd' WHERE key = 'T-1003'",
                [],
            )
            .expect("rename");
        assert!(
            store
                .search_tickets("wachtwoord", 10)
                .expect("search")
                .is_empty()
        );
        assert_eq!(
            subjects(&store.search_tickets("geblokkeerd", 10).expect("search")),
            vec!["Account geblokkeerd"]
        );
    }

    #[test]
    fn control_characters_in_a_search_find_what_the_rest_of_the_word_finds() {
        let store = desk();
        for typed in ["vp\0n", "\0vpn", "vpn\u{1b}"] {
            let found = store.search_tickets(typed, 10).expect("no FTS error");
            assert_eq!(found.len(), 2, "{typed:?}");
        }
        assert!(
            store
                .search_callers("kov\0acs", 5)
                .expect("no FTS error")
                .iter()
                .any(|c| c.name == "Ödön Kovács")
        );
    }

    #[test]
    fn a_listing_filters_by_status_and_assignee_in_the_queues_order() {
        let mut store = desk();
        let id = |store: &Store, key: &str| store.find_ticket(key).unwrap().unwrap().id;
        let later = Utc::now() + chrono::Duration::minutes(5);
        let (first, second, third) = (
            id(&store, "T-1001"),
            id(&store, "T-1002"),
            id(&store, "T-1003"),
        );
        store.set_status(&second, Status::Resolved, later).unwrap();
        store.set_assignee(&third, "bence", later).unwrap();
        store
            .add_note(
                &first,
                "asked for the logs",
                later + chrono::Duration::minutes(1),
            )
            .unwrap();
        let keys = |filter: &TicketFilter, limit| -> Vec<String> {
            let found = store.list_tickets(filter, limit).unwrap();
            found.into_iter().map(|t| t.key).collect()
        };
        let open = keys(&TicketFilter::default(), 10);
        assert_eq!(open[..2], ["T-1001", "T-1003"], "latest activity first");
        assert_eq!(open.len(), 3, "the resolved ticket is not open: {open:?}");
        let resolved = [Status::Resolved];
        let filter = TicketFilter {
            statuses: &resolved,
            assignee: None,
        };
        assert_eq!(keys(&filter, 10), ["T-1002"]);
        let filter = TicketFilter {
            statuses: &[],
            assignee: Some("bence"),
        };
        assert_eq!(keys(&filter, 10), ["T-1003"]);
        assert_eq!(keys(&TicketFilter::default(), 1), ["T-1001"]);
    }
}
