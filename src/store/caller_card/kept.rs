//! Each caller's card kept as one row (`caller_cards`), so that opening it reads one row
//! instead of a b-tree walk per contact, ticket and promise shown.
//!
//! The rows are derived and never the truth. Triggers (migration V19) mark a caller's row
//! stale, in the same statement, whenever something the card shows changes: a contact
//! event, a ticket of theirs or one they contacted the desk about, a promise to them, their
//! name or a merge. Every write of the store then brings up to date the rows it marked
//! ([`refresh_marked_cards`], run by `Store::write` before it commits), and so does applying
//! changes pulled from the team, through the same write. A row left stale (a large import,
//! a desk joining a team or just upgraded) is read as if it were not kept: the card is read
//! part by part until the idle desk or [`Store::keep_caller_cards`] has made it again.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{CallerCard, CardLimits, card_caller, live_card};
use crate::domain::{
    Caller, Channel, PriorContact, Promise, PromiseState, RecentContacts, Status, Ticket,
};
use crate::store::{Result, Store, StoreError};

/// Stale rows a single write brings up to date: more than any one change of the desk marks
/// (a merge marks three), few enough that a save never waits on them for long.
const PER_WRITE: usize = 32;

/// Rows brought up to date per transaction when catching up: small enough that a desk
/// waiting for the write lock waits a fraction of a second.
const PER_ROUND: usize = 500;

/// The stale cards a write marked, brought up to date inside its transaction. When more
/// are stale than a write should wait for (after a large import, or on a desk just
/// upgraded), all are left to the idle desk and to [`Store::keep_caller_cards`], and read
/// part by part meanwhile.
pub(crate) fn refresh_marked_cards(tx: &Connection) -> Result<()> {
    let stale = stale_cards(tx, PER_WRITE + 1)?;
    if stale.len() <= PER_WRITE {
        refresh(tx, &stale)?;
    }
    Ok(())
}

/// Brings up to `limit` stale cards up to date, inside the caller's transaction.
fn refresh_stale_cards(tx: &Connection, limit: usize) -> Result<usize> {
    let stale = stale_cards(tx, limit)?;
    refresh(tx, &stale)?;
    Ok(stale.len())
}

fn stale_cards(tx: &Connection, limit: usize) -> Result<Vec<String>> {
    Ok(tx
        .prepare_cached("SELECT caller_id FROM caller_cards WHERE card IS NULL LIMIT ?1")?
        .query_map([limit as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A card whose caller is gone (erased, merged away) loses its row.
fn refresh(tx: &Connection, callers: &[String]) -> Result<()> {
    for caller_id in callers {
        match encode(tx, caller_id)? {
            Some(card) => tx
                .prepare_cached("UPDATE caller_cards SET card = ?2 WHERE caller_id = ?1")?
                .execute(params![caller_id, card])?,
            None => tx
                .prepare_cached("DELETE FROM caller_cards WHERE caller_id = ?1")?
                .execute([caller_id])?,
        };
    }
    Ok(())
}

impl Store {
    /// Brings every stale card up to date, a round per transaction; returns how many.
    pub fn keep_caller_cards(&mut self) -> Result<usize> {
        let mut done = 0;
        loop {
            let round = self.write(|tx, _| refresh_stale_cards(tx, PER_ROUND))?;
            done += round;
            if round < PER_ROUND {
                return Ok(done);
            }
        }
    }

    /// Whether a card is stale, for a desk that brings them up to date while the agent is
    /// idle.
    pub fn has_stale_caller_cards(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM caller_cards WHERE card IS NULL)")?
            .query_row([], |r| r.get(0))?)
    }

    /// Brings up to `limit` stale cards up to date in one transaction.
    pub fn keep_some_caller_cards(&mut self, limit: usize) -> Result<usize> {
        self.write(|tx, _| refresh_stale_cards(tx, limit))
    }

    /// Every caller's card made again from their events, tickets and promises; returns
    /// how many cards there are and how many of the kept ones differed from the new ones.
    pub fn rebuild_caller_cards(&mut self) -> Result<(usize, usize)> {
        let before = self.kept_card_digests()?;
        self.write(|tx, _| {
            tx.execute_batch(
                "DELETE FROM caller_cards;
                 INSERT INTO caller_cards (caller_id)
                     SELECT id FROM callers WHERE deleted_at IS NULL;",
            )?;
            Ok(())
        })?;
        self.keep_caller_cards()?;
        let after = self.kept_card_digests()?;
        // A stale row was no card to be wrong; a kept one that is now gone was.
        let differed = before
            .iter()
            .filter(|&(id, card)| after.get(id) != Some(card))
            .count();
        Ok((after.len(), differed))
    }

    /// A digest of every kept card by caller, to tell which ones a rebuild changed without
    /// holding every card at once; a stale row counts as no card.
    fn kept_card_digests(&self) -> Result<HashMap<String, u64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT caller_id, card FROM caller_cards WHERE card IS NOT NULL")?;
        let rows = stmt.query_map([], |r| {
            let mut digest = DefaultHasher::new();
            r.get_ref(1)?.as_bytes()?.hash(&mut digest);
            Ok((r.get(0)?, digest.finish()))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Bytes the kept cards take in the file, pages counted whole.
    pub fn caller_cards_on_disk(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat
             WHERE name IN ('caller_cards', 'caller_cards_stale')
                OR name LIKE 'sqlite_autoindex_caller_cards%'",
            [],
            |r| r.get(0),
        )?)
    }
}

/// The kept card of a caller, or `None` while it is stale or was written by a release that
/// kept it otherwise.
pub(super) fn read(conn: &Connection, caller_id: &str) -> Result<Option<KeptCard>> {
    let packed: Option<Vec<u8>> = conn
        .prepare_cached("SELECT card FROM caller_cards WHERE caller_id = ?1")?
        .query_row([caller_id], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(packed.and_then(|packed| unpack(&packed)?.into_kept()))
}

/// A desk keeps a card for every caller, and most of a card is the same few words over
/// and over (keys, channels, instants of one year, subjects asked about again): packed,
/// it takes half the space, and unpacking costs microseconds.
fn pack(stored: &Stored) -> Result<Vec<u8>> {
    use std::io::Write;
    let invalid =
        |e: &dyn std::fmt::Display| StoreError::Invalid(format!("packing a caller card: {e}"));
    let text = serde_json::to_vec(stored).map_err(|e| invalid(&e))?;
    let mut packer = DeflateEncoder::new(Vec::new(), Compression::default());
    packer.write_all(&text).map_err(|e| invalid(&e))?;
    packer.finish().map_err(|e| invalid(&e))
}

fn unpack(packed: &[u8]) -> Option<Stored> {
    use std::io::Read;
    let mut text = Vec::new();
    DeflateDecoder::new(packed).read_to_end(&mut text).ok()?;
    serde_json::from_slice(&text).ok()
}

/// What the row holds, read back.
pub(super) struct KeptCard {
    prior_contacts: Vec<PriorContact>,
    open_tickets: Vec<Ticket>,
    last_promise: Option<Promise>,
}

impl KeptCard {
    /// The card as `limits` ask for it. Recent contacts are counted from the kept ones when
    /// those reach back past the start of the window, and read from the events otherwise.
    pub(super) fn card(
        mut self,
        conn: &Connection,
        caller: Caller,
        limits: CardLimits,
    ) -> Result<CallerCard> {
        let complete_since = match self.prior_contacts.last() {
            Some(oldest) if self.prior_contacts.len() >= CardLimits::PRIOR_CONTACTS => {
                limits.recent_since > oldest.at
            }
            _ => true,
        };
        let recent = if complete_since {
            let inbound = self
                .prior_contacts
                .iter()
                .filter(|c| c.inbound && c.at >= limits.recent_since);
            let (mut all, mut open) = (0, 0);
            for contact in inbound {
                all += 1;
                open += u32::from(contact.outcome.is_open());
            }
            RecentContacts {
                inbound: all,
                about_open: open,
            }
        } else {
            super::recent_contacts(conn, &caller.id, limits.recent_since)?
        };
        self.prior_contacts.truncate(limits.prior_contacts);
        self.open_tickets.truncate(limits.open_tickets);
        Ok(CallerCard {
            caller,
            prior_contacts: self.prior_contacts,
            open_tickets: self.open_tickets,
            recent,
            last_promise: self.last_promise,
        })
    }
}

/// The card of `caller_id` as the row keeps it, read part by part; `None` for a caller who
/// is not (or no longer) on the desk.
fn encode(conn: &Connection, caller_id: &str) -> Result<Option<Vec<u8>>> {
    let Some(caller) = card_caller(conn, caller_id)? else {
        return Ok(None);
    };
    // The window is not kept: each reading counts recent contacts for its own.
    let card = live_card(conn, caller, CardLimits::shown(DateTime::<Utc>::MIN_UTC))?;
    pack(&Stored::from_card(&card)).map(Some)
}

/// What the row holds, before packing: arrays and one-letter names, since a desk keeps one
/// for every caller. Instants are milliseconds, the precision the desk stores them in.
#[derive(Serialize, Deserialize)]
struct Stored {
    /// Contacts, newest first: when, inbound, channel, which of `about`.
    c: Vec<(i64, bool, String, usize)>,
    /// The tickets the contacts were about: id, key, subject, status.
    a: Vec<(String, String, String, String)>,
    o: Vec<StoredTicket>,
    p: Option<StoredPromise>,
}

#[derive(Serialize, Deserialize)]
struct StoredTicket {
    /// Id, key, caller id, caller's name, subject, status.
    t: (String, String, Option<String>, String, String, String),
    /// Impact, urgency, priority, tier.
    n: (u8, u8, u8, u8),
    /// Category, assignee, group, incident.
    g: (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
    /// Created, last activity, major.
    w: (i64, i64, bool),
}

#[derive(Serialize, Deserialize)]
struct StoredPromise {
    /// Id, ticket id, ticket key, caller id, caller's name, to, what.
    t: (
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        String,
    ),
    /// Channel, owner, state, replaces.
    s: (String, String, String, Option<String>),
    /// Due, created, closed, callback.
    w: (i64, i64, Option<i64>, bool),
}

impl Stored {
    fn from_card(card: &CallerCard) -> Stored {
        let mut about: Vec<(String, String, String, String)> = Vec::new();
        let contacts = card
            .prior_contacts
            .iter()
            .map(|c| {
                let index = match about.iter().position(|a| a.0 == c.ticket_id) {
                    Some(index) => index,
                    None => {
                        about.push((
                            c.ticket_id.clone(),
                            c.ticket_key.clone(),
                            c.subject.clone(),
                            c.outcome.code().to_string(),
                        ));
                        about.len() - 1
                    }
                };
                (
                    c.at.timestamp_millis(),
                    c.inbound,
                    c.channel.code().to_string(),
                    index,
                )
            })
            .collect();
        Stored {
            c: contacts,
            a: about,
            o: card.open_tickets.iter().map(StoredTicket::from).collect(),
            p: card.last_promise.as_ref().map(StoredPromise::from),
        }
    }

    /// `None` for anything this release cannot read back exactly.
    fn into_kept(self) -> Option<KeptCard> {
        let about = self.a;
        let prior_contacts = self
            .c
            .into_iter()
            .map(|(at, inbound, channel, index)| {
                let (ticket_id, ticket_key, subject, status) = about.get(index)?.clone();
                Some(PriorContact {
                    at: instant(at)?,
                    inbound,
                    channel: Channel::from_code(&channel)?,
                    ticket_id,
                    ticket_key,
                    subject,
                    outcome: Status::from_code(&status)?,
                })
            })
            .collect::<Option<_>>()?;
        Some(KeptCard {
            prior_contacts,
            open_tickets: self
                .o
                .into_iter()
                .map(StoredTicket::into_ticket)
                .collect::<Option<_>>()?,
            last_promise: match self.p {
                Some(p) => Some(p.into_promise()?),
                None => None,
            },
        })
    }
}

fn instant(millis: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(millis)
}

impl From<&Ticket> for StoredTicket {
    fn from(t: &Ticket) -> Self {
        StoredTicket {
            t: (
                t.id.clone(),
                t.key.clone(),
                t.caller_id.clone(),
                t.caller_name.clone(),
                t.subject.clone(),
                t.status.code().to_string(),
            ),
            n: (t.impact, t.urgency, t.priority, t.tier),
            g: (
                t.category.clone(),
                t.assignee.clone(),
                t.group.clone(),
                t.incident_id.clone(),
            ),
            w: (
                t.created_at.timestamp_millis(),
                t.last_activity_at.timestamp_millis(),
                t.major,
            ),
        }
    }
}

impl StoredTicket {
    fn into_ticket(self) -> Option<Ticket> {
        let (id, key, caller_id, caller_name, subject, status) = self.t;
        let (impact, urgency, priority, tier) = self.n;
        let (category, assignee, group, incident_id) = self.g;
        let (created, active, major) = self.w;
        Some(Ticket {
            id,
            key,
            caller_id,
            caller_name,
            subject,
            status: Status::from_code(&status)?,
            impact,
            urgency,
            priority,
            category,
            assignee,
            created_at: instant(created)?,
            last_activity_at: instant(active)?,
            tier,
            group,
            major,
            incident_id,
        })
    }
}

impl From<&Promise> for StoredPromise {
    fn from(p: &Promise) -> Self {
        StoredPromise {
            t: (
                p.id.clone(),
                p.ticket_id.clone(),
                p.ticket_key.clone(),
                p.caller_id.clone(),
                p.caller_name.clone(),
                p.to.clone(),
                p.what.clone(),
            ),
            s: (
                p.channel.code().to_string(),
                p.owner.clone(),
                p.state.code().to_string(),
                p.replaces.clone(),
            ),
            w: (
                p.due_at.timestamp_millis(),
                p.created_at.timestamp_millis(),
                p.closed_at.map(|t| t.timestamp_millis()),
                p.callback,
            ),
        }
    }
}

impl StoredPromise {
    fn into_promise(self) -> Option<Promise> {
        let (id, ticket_id, ticket_key, caller_id, caller_name, to, what) = self.t;
        let (channel, owner, state, replaces) = self.s;
        let (due, created, closed, callback) = self.w;
        Some(Promise {
            id,
            ticket_id,
            ticket_key,
            caller_id,
            caller_name,
            to,
            what,
            channel: Channel::from_code(&channel)?,
            due_at: instant(due)?,
            owner,
            state: PromiseState::from_code(&state)?,
            callback,
            created_at: instant(created)?,
            closed_at: match closed {
                Some(at) => Some(instant(at)?),
                None => None,
            },
            replaces,
        })
    }
}
