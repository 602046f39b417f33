//! Numbered migrations. `PRAGMA user_version` records how many have run; each one runs in
//! its own transaction so a crash never leaves a half-migrated file.

/// Marks a SQLite file as balie's, so a foreign database is refused instead of altered.
pub const APPLICATION_ID: i32 = 0x6261_6c69; // "bali"

pub const MIGRATIONS: &[&str] = &[
    V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16, V17, V18, V19,
];

/// The schema version from which the desk keeps its figures (`store::figures`).
pub const FIGURES_KEPT_FROM: usize = 12;

/// What an erased caller's name, and a promise recipient that named them, become.
pub const FORGOTTEN: &str = "forgotten caller";

/// Open tickets are a few thousand among a million: counted and listed from their own index.
const V2: &str = "CREATE INDEX tickets_open ON tickets(last_activity_at)
    WHERE status IN ('new', 'open', 'waiting_caller', 'waiting_third_party')
    AND deleted_at IS NULL;";

/// The caller card shows the last promise made to the caller: one seek instead of a walk
/// through every promise on every ticket a long-standing caller ever had.
const V6: &str = "CREATE INDEX promises_caller_created ON promises(caller_id, created_at);";

/// How often an article went to callers, and whether they rang again, is read from its
/// `article_sent` events: a handful among millions, so they get an index of their own
/// instead of a walk through the whole timeline each time an article is opened.
const V8: &str = "CREATE INDEX events_article_sent
    ON events(json_extract(data, '$.article'), caller_id, at) WHERE kind = 'article_sent';";

/// Knowledge at the desk.
///
/// - Escalation: a ticket is held by a line (`tier` 1, 2, 3 …) and, past the first line,
///   by a group from the config. How often it was handed on is counted from its
///   `escalated` events.
/// - Major incidents are tickets too (`major` = 1), so they have a key, a timeline and
///   promises; the tickets of the callers an outage hit point at theirs by `incident_id`.
/// - `kb_articles` indexes the knowledge base (shipped and the agent's own articles, which
///   live as Markdown files) and counts how often each was opened, put in a note and sent
///   to a caller. A send is also an `article_sent` event on the ticket.
const V7: &str = "
ALTER TABLE tickets ADD COLUMN tier INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tickets ADD COLUMN support_group TEXT;
ALTER TABLE tickets ADD COLUMN major INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN incident_id TEXT REFERENCES tickets(id);
CREATE INDEX tickets_incident ON tickets(incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX tickets_major_open ON tickets(major, status) WHERE major = 1;

CREATE TABLE kb_articles (
    id              TEXT PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    tags            TEXT NOT NULL DEFAULT '',
    -- 'shipped' or 'own'
    source          TEXT NOT NULL,
    -- Folded title, tags and text, for search.
    search_text     TEXT NOT NULL DEFAULT '',
    content_hash    TEXT NOT NULL DEFAULT '',
    opened_count    INTEGER NOT NULL DEFAULT 0,
    inserted_count  INTEGER NOT NULL DEFAULT 0,
    sent_count      INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
";

/// What each agent was typing when their desk last stopped (see `Store::save_draft`).
const V3: &str = "CREATE TABLE drafts (
    agent    TEXT PRIMARY KEY,
    saved_at TEXT NOT NULL,
    draft    TEXT NOT NULL
) STRICT;";

/// Tickets found by a word of their subject or a piece of their key, accents and case
/// ignored. The index follows the table through triggers, so every way of writing a
/// ticket keeps it current; existing tickets are indexed once, here.
const V4: &str = "CREATE VIRTUAL TABLE ticket_fts USING fts5(
    key, subject, content = 'tickets', content_rowid = 'rowid',
    tokenize = 'trigram remove_diacritics 1'
);
INSERT INTO ticket_fts (rowid, key, subject) SELECT rowid, key, subject FROM tickets;
CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_fts (rowid, key, subject) VALUES (new.rowid, new.key, new.subject);
END;
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF key, subject ON tickets BEGIN
    INSERT INTO ticket_fts (ticket_fts, rowid, key, subject)
        VALUES ('delete', old.rowid, old.key, old.subject);
    INSERT INTO ticket_fts (rowid, key, subject) VALUES (new.rowid, new.key, new.subject);
END;
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
    INSERT INTO ticket_fts (ticket_fts, rowid, key, subject)
        VALUES ('delete', old.rowid, old.key, old.subject);
END;";

/// A desk in a team: its membership, the changes it has not yet pushed (in the order it
/// made them: by rowid), the ticket numbers the team store leased to it, and the conflicts
/// the team store found, for people to decide. See `store::replica`.
const V10: &str = "
CREATE TABLE team (
    id             TEXT PRIMARY KEY,
    url            TEXT NOT NULL,
    agent          TEXT NOT NULL,
    pulled_seq     INTEGER NOT NULL DEFAULT 0,
    clock          TEXT NOT NULL DEFAULT '',
    online         INTEGER NOT NULL DEFAULT 0,
    offline_since  TEXT,
    last_push_at   TEXT,
    last_pull_at   TEXT,
    -- The ticket open on this desk now, for the team to see (presence).
    viewing        TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;

CREATE TABLE outbox (
    id      TEXT PRIMARY KEY,
    hlc     TEXT NOT NULL,
    tbl     TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    col     TEXT,
    old     TEXT,
    new     TEXT,
    data    TEXT,
    author  TEXT NOT NULL
);
CREATE INDEX outbox_field ON outbox(tbl, row_id, col);

CREATE TABLE key_blocks (
    id          TEXT PRIMARY KEY,
    first       INTEGER NOT NULL,
    last        INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE TABLE conflicts (
    id           TEXT PRIMARY KEY,
    tbl          TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    col          TEXT NOT NULL,
    ticket_id    TEXT,
    kept         TEXT NOT NULL,
    kept_by      TEXT NOT NULL,
    kept_at      TEXT NOT NULL,
    lost         TEXT NOT NULL,
    lost_by      TEXT NOT NULL,
    lost_at      TEXT NOT NULL,
    resolved_at  TEXT,
    resolved_by  TEXT,
    resolution   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX conflicts_open ON conflicts(ticket_id) WHERE resolved_at IS NULL;

-- Who else has a ticket open, as the team store last said; replaced whole on each report.
CREATE TABLE presence (
    id          TEXT PRIMARY KEY,
    agent       TEXT NOT NULL,
    ticket_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX presence_ticket ON presence(ticket_id);
";

/// The figures a report counts, kept per ticket and per promise (see `store::figures`, the
/// only writer). A row's id is a UUIDv7 of its own, made from the ticket's or promise's
/// `created_at` and its id: rows sort by the moment their ticket was opened or their promise
/// made, so "counts by agent since then" is one range of the table itself and needs no index
/// beside it. `figure_rules` records the settings the figures were last rebuilt under. The
/// rows are filled when a desk is first opened with its settings, not here: the SLA clock
/// needs the desk's working hours, which only the configuration knows.
const V12: &str = "
CREATE TABLE ticket_figures (
    id             TEXT PRIMARY KEY,
    assignee       TEXT NOT NULL,
    -- 0 not judged yet (open), 1 met, 2 breached.
    sla            INTEGER NOT NULL,
    -- 0 unresolved, 1 resolved at the first contact, 2 after more contacts, 3 reopened.
    first_contact  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE promise_figures (
    id       TEXT PRIMARY KEY,
    owner    TEXT NOT NULL,
    -- Milliseconds since 1970, UTC.
    due      INTEGER NOT NULL,
    -- 0 open, 1 kept on time, 2 kept late, 3 broken, 4 cancelled in time,
    -- 5 rescheduled in time. An open one is broken once `due` has passed.
    outcome  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- `balie overdue` reads the open promises past their deadline and prints these columns:
-- open promises are a few thousand among a million, so all of it fits a small index read in
-- deadline order, instead of a visit to each promise's row.
CREATE INDEX promises_open_printed ON promises(due_at, owner, id, recipient, what, channel, ticket_id)
    WHERE state = 'open' AND deleted_at IS NULL;

CREATE TABLE figure_rules (
    id           TEXT PRIMARY KEY,
    fingerprint  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT
);
";

/// Forget also erases the caller from script answers: their question is text balie filled
/// in (`{caller}`, `{phone}` …), never typed by anyone, so it may be rewritten and nothing
/// else about the event may change. FTS5's secure-delete stays on for the caller index, so
/// a removed entry is overwritten at once rather than when segments merge.
const V9: &str = r#"
DROP TRIGGER events_are_never_edited;
CREATE TRIGGER events_are_never_edited BEFORE UPDATE ON events
WHEN NOT (NEW.id = OLD.id AND NEW.ticket_id = OLD.ticket_id AND NEW.caller_id IS OLD.caller_id
    AND NEW.kind = OLD.kind AND NEW.at = OLD.at AND NEW.by = OLD.by AND NEW.text = OLD.text
    AND NEW.created_at = OLD.created_at AND NEW.deleted_at IS OLD.deleted_at
    AND ((OLD.kind = 'promise_made'
          AND NEW.data = json_set(OLD.data, '$.to', 'forgotten caller'))
      OR (OLD.kind = 'script_answer' AND json_type(NEW.data, '$.question') = 'text'
          AND NEW.data = json_set(OLD.data, '$.question', NEW.data ->> '$.question'))))
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
INSERT INTO caller_fts (caller_fts, rank) VALUES ('secure-delete', 1);
"#;

/// Correcting the record about callers.
///
/// - `caller_events` is the append-only history of a caller's own details (name,
///   organisation, phones, e-mail addresses, identifiers) and of merges. It is a table of
///   its own because `events` belong to a ticket and a caller's details belong to none; it
///   keeps the same columns and the same trigger, so that every reader of history reads it
///   alike. The one delete allowed is the privacy erase of the caller it is about (or of
///   the caller they were merged into), which must really remove the old values too.
/// - A caller merged into another stays as a tombstone (`deleted_at`) that points at the one
///   kept (`merged_into`). Rows that name the merged-away caller later, however they are
///   written (the desk, an import, another desk's changes arriving), are moved to the kept
///   caller by the triggers below, so a merge holds for rows it never saw (a row marked
///   deleted is history and stays as written, so a restored desk is the desk exported). Events are never
///   rewritten: their readers take a merged-away caller's events as the kept caller's.
/// - Who has worked on the desk (the roster tickets are assigned from) is read from the
///   authors of events, one index hop per agent.
const V11: &str = r#"
CREATE INDEX events_by ON events(by);
ALTER TABLE callers ADD COLUMN merged_into TEXT REFERENCES callers(id);
CREATE INDEX callers_merged_into ON callers(merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE caller_events (
    id          TEXT PRIMARY KEY,
    caller_id   TEXT NOT NULL REFERENCES callers(id),
    kind        TEXT NOT NULL,
    at          TEXT NOT NULL,
    by          TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX caller_events_caller_at ON caller_events(caller_id, at);
CREATE TRIGGER caller_events_are_never_edited BEFORE UPDATE ON caller_events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER caller_events_are_never_deleted BEFORE DELETE ON caller_events
WHEN NOT EXISTS (SELECT 1 FROM erasures WHERE caller_id = OLD.caller_id
    OR caller_id = (SELECT merged_into FROM callers WHERE id = OLD.caller_id))
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TRIGGER tickets_follow_a_merge AFTER INSERT ON tickets
WHEN NEW.deleted_at IS NULL
    AND (SELECT merged_into FROM callers WHERE id = NEW.caller_id) IS NOT NULL
BEGIN
    UPDATE tickets SET caller_id = (SELECT merged_into FROM callers WHERE id = NEW.caller_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER tickets_follow_a_merge_on_update AFTER UPDATE OF caller_id ON tickets
WHEN NEW.deleted_at IS NULL
    AND (SELECT merged_into FROM callers WHERE id = NEW.caller_id) IS NOT NULL
BEGIN
    UPDATE tickets SET caller_id = (SELECT merged_into FROM callers WHERE id = NEW.caller_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER promises_follow_a_merge AFTER INSERT ON promises
WHEN NEW.deleted_at IS NULL
    AND (SELECT merged_into FROM callers WHERE id = NEW.caller_id) IS NOT NULL
BEGIN
    UPDATE promises SET caller_id = (SELECT merged_into FROM callers WHERE id = NEW.caller_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER promises_follow_a_merge_on_update AFTER UPDATE OF caller_id ON promises
WHEN NEW.deleted_at IS NULL
    AND (SELECT merged_into FROM callers WHERE id = NEW.caller_id) IS NOT NULL
BEGIN
    UPDATE promises SET caller_id = (SELECT merged_into FROM callers WHERE id = NEW.caller_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER handles_follow_a_merge AFTER INSERT ON caller_handles
WHEN NEW.deleted_at IS NULL
    AND (SELECT merged_into FROM callers WHERE id = NEW.caller_id) IS NOT NULL
BEGIN
    UPDATE caller_handles
    SET caller_id = (SELECT merged_into FROM callers WHERE id = NEW.caller_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER handles_follow_a_merge_on_update AFTER UPDATE OF caller_id ON caller_handles
WHEN NEW.deleted_at IS NULL
    AND (SELECT merged_into FROM callers WHERE id = NEW.caller_id) IS NOT NULL
BEGIN
    UPDATE caller_handles
    SET caller_id = (SELECT merged_into FROM callers WHERE id = NEW.caller_id)
    WHERE id = NEW.id;
END;
-- A merge that arrives from another desk of the team moves this desk's rows too, also the
-- ones it made offline on the merged-away caller.
CREATE TRIGGER callers_merge_moves_their_rows AFTER UPDATE OF merged_into ON callers
WHEN NEW.merged_into IS NOT NULL
BEGIN
    UPDATE tickets SET caller_id = NEW.merged_into
    WHERE caller_id = NEW.id AND deleted_at IS NULL;
    UPDATE promises SET caller_id = NEW.merged_into
    WHERE caller_id = NEW.id AND deleted_at IS NULL;
    UPDATE caller_handles SET caller_id = NEW.merged_into
    WHERE caller_id = NEW.id AND deleted_at IS NULL;
END;
"#;

/// The privacy erase (`balie forget`). `erasures` records who erased which caller and when;
/// `erasure_reviews` lists the events whose free text still mentions them, for a person to
/// review, since events are never rewritten. The one exception, written into the trigger
/// so that it is the only one: a promise event's recipient may be replaced by the
/// forgotten label, and nothing else about the event may change.
const V5: &str = r#"
CREATE TABLE erasures (
    id          TEXT PRIMARY KEY,
    caller_id   TEXT NOT NULL REFERENCES callers(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX erasures_caller ON erasures(caller_id);

CREATE TABLE erasure_reviews (
    id           TEXT PRIMARY KEY,
    erasure_id   TEXT NOT NULL REFERENCES erasures(id),
    event_id     TEXT NOT NULL REFERENCES events(id),
    reviewed_at  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT,
    UNIQUE (erasure_id, event_id)
);
CREATE INDEX erasure_reviews_open ON erasure_reviews(reviewed_at);

DROP TRIGGER events_are_never_edited;
CREATE TRIGGER events_are_never_edited BEFORE UPDATE ON events
WHEN NOT (OLD.kind = 'promise_made'
    AND NEW.id = OLD.id AND NEW.ticket_id = OLD.ticket_id AND NEW.caller_id IS OLD.caller_id
    AND NEW.kind = OLD.kind AND NEW.at = OLD.at AND NEW.by = OLD.by AND NEW.text = OLD.text
    AND NEW.created_at = OLD.created_at AND NEW.deleted_at IS OLD.deleted_at
    AND NEW.data = json_set(OLD.data, '$.to', 'forgotten caller'))
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
"#;

const V1: &str = r#"
CREATE TABLE callers (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    organization  TEXT NOT NULL DEFAULT '',
    name_folded   TEXT NOT NULL,
    -- Folded name, organisation, phone digits, e-mails and identifiers, for ranking.
    search_text   TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX callers_name_folded ON callers(name_folded);

-- Phones, e-mail addresses and identifiers (asset tags, licence and customer codes).
CREATE TABLE caller_handles (
    id            TEXT PRIMARY KEY,
    caller_id     TEXT NOT NULL REFERENCES callers(id),
    kind          TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'identifier')),
    value         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX caller_handles_caller ON caller_handles(caller_id);

-- Folded text of everything a caller can be found by; trigrams give a fast substring
-- prefilter so that fuzzy ranking only ever sees a few thousand candidates.
CREATE VIRTUAL TABLE caller_fts USING fts5(caller_id UNINDEXED, haystack, tokenize = 'trigram');

CREATE TABLE tickets (
    id                TEXT PRIMARY KEY,
    number            INTEGER NOT NULL UNIQUE,
    key               TEXT NOT NULL UNIQUE,
    caller_id         TEXT REFERENCES callers(id),
    subject           TEXT NOT NULL,
    status            TEXT NOT NULL,
    impact            INTEGER NOT NULL,
    urgency           INTEGER NOT NULL,
    priority          INTEGER NOT NULL,
    category          TEXT,
    assignee          TEXT,
    last_activity_at  TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    updated_by        TEXT NOT NULL,
    deleted_at        TEXT
);
CREATE INDEX tickets_activity ON tickets(last_activity_at);
CREATE INDEX tickets_status_activity ON tickets(status, last_activity_at);
CREATE INDEX tickets_assignee_activity ON tickets(assignee, last_activity_at);
CREATE INDEX tickets_caller_activity ON tickets(caller_id, last_activity_at);

-- The timeline and audit log. Rows are only ever inserted.
CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL REFERENCES tickets(id),
    caller_id   TEXT REFERENCES callers(id),
    kind        TEXT NOT NULL,
    at          TEXT NOT NULL,
    by          TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX events_ticket_at ON events(ticket_id, at);
CREATE INDEX events_caller_at ON events(caller_id, at);
CREATE TRIGGER events_are_never_edited BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE promises (
    id           TEXT PRIMARY KEY,
    ticket_id    TEXT NOT NULL REFERENCES tickets(id),
    caller_id    TEXT REFERENCES callers(id),
    what         TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    channel      TEXT NOT NULL,
    due_at       TEXT NOT NULL,
    owner        TEXT NOT NULL,
    state        TEXT NOT NULL,
    -- 'callback' for a caller's request to be called back, served first come, first served.
    kind         TEXT NOT NULL DEFAULT 'promise' CHECK (kind IN ('promise', 'callback')),
    closed_at    TEXT,
    replaces_id  TEXT REFERENCES promises(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX promises_state_due ON promises(state, due_at);
CREATE INDEX promises_state_owner_due ON promises(state, owner, due_at);
CREATE INDEX promises_ticket ON promises(ticket_id);
CREATE INDEX promises_created ON promises(created_at);
CREATE INDEX promises_callbacks ON promises(state, kind, created_at);

-- Reminders the desk gave an agent about a promise: once within the warning window and
-- once at the deadline. Acting on the promise (keep, reschedule, cancel) settles them.
CREATE TABLE alerts (
    id          TEXT PRIMARY KEY,
    promise_id  TEXT NOT NULL REFERENCES promises(id),
    kind        TEXT NOT NULL CHECK (kind IN ('warning', 'due')),
    at          TEXT NOT NULL,
    acted_at    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    UNIQUE (promise_id, kind)
);
CREATE INDEX alerts_unacted ON alerts(acted_at, promise_id);
CREATE INDEX tickets_created ON tickets(created_at);
"#;

/// A ticket opened offline under a provisional key gets a leased number once its desk is
/// back online; the old key stays findable through the event that records the change.
/// Who else worked on a ticket while the two desks could not see each other (one of them
/// cut off), so that two agents do not both call the caller back: this desk's own record.
const V13: &str = "
CREATE INDEX events_renumbered ON events(text) WHERE kind = 'renumbered';

CREATE TABLE worked_apart (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL,
    agent       TEXT NOT NULL,
    -- The newest of their events that arrived late, beside work of this desk's agent.
    at          TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    UNIQUE (ticket_id, agent)
) STRICT;
";

/// The phone system's calls, one row per call (`store::calls`): the number as it came, its
/// digits to recognise the caller by, and what became of the call: who answered, the
/// ticket it was logged on, and the callback request a missed call became. `call_id` is
/// the phone system's own id; it is looked up, not trusted to be unique across systems.
const V14: &str = "
CREATE TABLE calls (
    id           TEXT PRIMARY KEY,
    call_id      TEXT NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    number       TEXT NOT NULL,
    digits       TEXT NOT NULL,
    caller_id    TEXT REFERENCES callers(id),
    state        TEXT NOT NULL CHECK (state IN ('ringing', 'answered', 'missed', 'ended')),
    agent        TEXT,
    -- The agents the phone system named (`user[]`), as a JSON array.
    users        TEXT NOT NULL DEFAULT '[]',
    queue        TEXT,
    started_at   TEXT NOT NULL,
    answered_at  TEXT,
    ended_at     TEXT,
    cause        TEXT,
    ticket_id    TEXT REFERENCES tickets(id),
    callback_id  TEXT REFERENCES promises(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX calls_call_id ON calls(call_id);
CREATE INDEX calls_started ON calls(started_at);
CREATE INDEX calls_digits_started ON calls(digits, started_at);
CREATE INDEX calls_ringing ON calls(state, started_at) WHERE state IN ('ringing', 'answered');
CREATE INDEX calls_callback ON calls(callback_id) WHERE callback_id IS NOT NULL;
CREATE INDEX calls_caller ON calls(caller_id, started_at) WHERE caller_id IS NOT NULL;
";

/// A promise carries its ticket's key, so that `balie overdue` prints it from the open
/// promises' index alone instead of visiting each promise's ticket. Keys never change once
/// read out to a caller, except a provisional one (`T-~3F9A-1`) when it gets its number: the
/// triggers keep the copy right however a key or a promise is written (renumbered here,
/// renumbered on another desk and pulled, a promise pulled or imported with another key or
/// none), in the transaction that wrote it.
const V15: &str = "
ALTER TABLE promises ADD COLUMN ticket_key TEXT NOT NULL DEFAULT '';
UPDATE promises SET ticket_key = t.key FROM tickets t WHERE t.id = promises.ticket_id;

DROP INDEX promises_open_printed;
-- `deleted_at` is NULL in every entry (one byte each), but SQLite takes an index as covering
-- only when it holds each column the query names, and `IS NULL` is not taken as fixed by
-- the index's own condition the way `state = 'open'` is.
CREATE INDEX promises_open_printed
    ON promises(due_at, owner, id, recipient, what, channel, ticket_key, deleted_at)
    WHERE state = 'open' AND deleted_at IS NULL;

CREATE TRIGGER promises_carry_their_ticket_key AFTER INSERT ON promises
WHEN EXISTS (SELECT 1 FROM tickets WHERE id = NEW.ticket_id AND key IS NOT NEW.ticket_key)
BEGIN
    UPDATE promises SET ticket_key = (SELECT key FROM tickets WHERE id = NEW.ticket_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER promises_follow_a_ticket_key AFTER UPDATE OF key ON tickets
WHEN NEW.key IS NOT OLD.key
BEGIN
    UPDATE promises SET ticket_key = NEW.key WHERE ticket_id = NEW.id;
END;
";

/// E-mail addresses looked up as they are written, whatever their case: the caller card's
/// likely duplicates without a trigram search per address.
const V16: &str = "
CREATE INDEX caller_handles_value ON caller_handles(value COLLATE NOCASE) WHERE deleted_at IS NULL;
";

/// The caller card reads a caller's contacts, and `balie kb` the articles sent to them and
/// whether they came back, by kind: with the kind in the caller's index these are found
/// without a visit to each of the caller's events (a third of a caller's events are
/// contacts). A caller's open tickets come from a small index of open tickets alone instead
/// of a visit to every ticket the caller ever had.
const V17: &str = "
DROP INDEX events_caller_at;
CREATE INDEX events_caller_kind_at ON events(caller_id, kind, at);
CREATE INDEX tickets_caller_open ON tickets(caller_id, last_activity_at)
    WHERE status IN ('new', 'open', 'waiting_caller', 'waiting_third_party') AND deleted_at IS NULL;
";

/// Which row of the callers' trigram index holds which caller: the index cannot look a
/// caller up itself (its caller column is not indexed), so replacing one caller's entry read
/// every row of it, and a new desk filling from a team of 100,000 callers took hours.
const V18: &str = "
CREATE TABLE caller_index_rows (
    caller_id  TEXT PRIMARY KEY,
    fts_row    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR REPLACE INTO caller_index_rows (caller_id, fts_row) SELECT caller_id, rowid FROM caller_fts;
";

/// Each caller's card kept as one row (`store::caller_card::kept`). A row whose card is NULL
/// is stale: the triggers mark it so in the statement that changed what the card shows, and
/// the write that ran the statement brings it up to date before it commits. A caller gets
/// a row when they are added; every caller starts stale, and the desk catches up while the
/// agent is idle. A caller without a row (erased, merged away) has no kept card.
///
/// The card shows the caller's newest contacts (also those of callers merged into them)
/// with their tickets' keys, subjects and statuses, their open tickets, and the last
/// promise made to them, each with the caller's name.
const V19: &str = "
CREATE TABLE caller_cards (
    caller_id  TEXT PRIMARY KEY,
    card       TEXT
);
CREATE INDEX caller_cards_stale ON caller_cards(caller_id) WHERE card IS NULL;
INSERT INTO caller_cards (caller_id) SELECT id FROM callers WHERE deleted_at IS NULL;

CREATE TRIGGER cards_follow_a_new_caller AFTER INSERT ON callers
BEGIN
    INSERT INTO caller_cards (caller_id) SELECT NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM caller_cards WHERE caller_id = NEW.id);
END;
CREATE TRIGGER cards_follow_a_caller AFTER UPDATE OF name, merged_into, deleted_at ON callers
WHEN NEW.name IS NOT OLD.name OR NEW.merged_into IS NOT OLD.merged_into
    OR NEW.deleted_at IS NOT OLD.deleted_at
BEGIN
    UPDATE caller_cards SET card = NULL
    WHERE caller_id IN (NEW.id, OLD.merged_into, NEW.merged_into) AND card IS NOT NULL;
    INSERT INTO caller_cards (caller_id) SELECT id FROM callers
    WHERE id IN (NEW.id, OLD.merged_into, NEW.merged_into)
    AND NOT EXISTS (SELECT 1 FROM caller_cards WHERE caller_id = callers.id);
END;

CREATE TRIGGER cards_follow_a_contact AFTER INSERT ON events
WHEN NEW.kind IN ('contact_in', 'contact_out') AND NEW.caller_id IS NOT NULL
BEGIN
    UPDATE caller_cards SET card = NULL
    WHERE caller_id IN (NEW.caller_id, (SELECT merged_into FROM callers WHERE id = NEW.caller_id))
    AND card IS NOT NULL;
END;

CREATE TRIGGER cards_follow_a_new_ticket AFTER INSERT ON tickets
WHEN NEW.caller_id IS NOT NULL
BEGIN
    UPDATE caller_cards SET card = NULL WHERE caller_id = NEW.caller_id AND card IS NOT NULL;
END;
CREATE TRIGGER cards_follow_a_ticket AFTER UPDATE ON tickets
WHEN NEW.key IS NOT OLD.key OR NEW.caller_id IS NOT OLD.caller_id
    OR NEW.subject IS NOT OLD.subject OR NEW.status IS NOT OLD.status
    OR NEW.impact IS NOT OLD.impact OR NEW.urgency IS NOT OLD.urgency
    OR NEW.priority IS NOT OLD.priority OR NEW.category IS NOT OLD.category
    OR NEW.assignee IS NOT OLD.assignee OR NEW.created_at IS NOT OLD.created_at
    OR NEW.last_activity_at IS NOT OLD.last_activity_at OR NEW.tier IS NOT OLD.tier
    OR NEW.support_group IS NOT OLD.support_group OR NEW.major IS NOT OLD.major
    OR NEW.incident_id IS NOT OLD.incident_id OR NEW.deleted_at IS NOT OLD.deleted_at
BEGIN
    UPDATE caller_cards SET card = NULL
    WHERE caller_id IN (NEW.caller_id, OLD.caller_id) AND card IS NOT NULL;
END;
CREATE TRIGGER cards_follow_a_contacted_ticket AFTER UPDATE OF key, subject, status ON tickets
WHEN NEW.key IS NOT OLD.key OR NEW.subject IS NOT OLD.subject OR NEW.status IS NOT OLD.status
BEGIN
    UPDATE caller_cards SET card = NULL WHERE card IS NOT NULL AND caller_id IN (
        SELECT caller_id FROM events
        WHERE ticket_id = NEW.id AND kind IN ('contact_in', 'contact_out')
        UNION
        SELECT c.merged_into FROM events e JOIN callers c ON c.id = e.caller_id
        WHERE e.ticket_id = NEW.id AND e.kind IN ('contact_in', 'contact_out'));
END;
CREATE TRIGGER cards_lose_a_ticket AFTER DELETE ON tickets
BEGIN
    UPDATE caller_cards SET card = NULL WHERE card IS NOT NULL AND caller_id IN (
        SELECT OLD.caller_id
        UNION
        SELECT caller_id FROM events
        WHERE ticket_id = OLD.id AND kind IN ('contact_in', 'contact_out')
        UNION
        SELECT c.merged_into FROM events e JOIN callers c ON c.id = e.caller_id
        WHERE e.ticket_id = OLD.id AND e.kind IN ('contact_in', 'contact_out'));
END;

CREATE TRIGGER cards_follow_a_new_promise AFTER INSERT ON promises
WHEN NEW.caller_id IS NOT NULL
BEGIN
    UPDATE caller_cards SET card = NULL WHERE caller_id = NEW.caller_id AND card IS NOT NULL;
END;
CREATE TRIGGER cards_follow_a_promise AFTER UPDATE ON promises
BEGIN
    UPDATE caller_cards SET card = NULL
    WHERE caller_id IN (NEW.caller_id, OLD.caller_id) AND card IS NOT NULL;
END;
CREATE TRIGGER cards_lose_a_promise AFTER DELETE ON promises
WHEN OLD.caller_id IS NOT NULL
BEGIN
    UPDATE caller_cards SET card = NULL WHERE caller_id = OLD.caller_id AND card IS NOT NULL;
END;
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trigger_allows_exactly_the_label_the_erase_writes() {
        assert!(V5.contains(&format!("'$.to', '{FORGOTTEN}')")));
    }
}
