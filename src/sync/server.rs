//! The team store's schema, in numbered migrations like the desk's own, and the functions
//! through which desks write to it. Agents may only read the change log and call these
//! functions; they hold no right to edit or delete anything, so the log is append-only for
//! them whatever their desk does, and every change's author is checked against the role
//! that pushes it.

use crate::domain::change::CONTESTED_FIELDS;

/// The schema that holds everything of balie's in the team store's database.
pub const SCHEMA: &str = "balie";

pub fn migrations() -> Vec<String> {
    let contested: Vec<String> = CONTESTED_FIELDS
        .iter()
        .map(|(table, column)| format!("('{table}', '{column}')"))
        .collect();
    vec![
        V1.replace("{contested}", &contested.join(", ")),
        format!(
            "{}\n{V2}\nREVOKE ALL ON FUNCTION balie.push_each(jsonb) FROM PUBLIC;\n",
            push_each()
        ),
    ]
}

const V1: &str = r#"
CREATE TABLE balie.meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE balie.agents (
    role        name PRIMARY KEY,
    agent       text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE balie.desks (
    id         text PRIMARY KEY,
    agent      text NOT NULL,
    joined_at  timestamptz NOT NULL DEFAULT now(),
    seen_at    timestamptz NOT NULL DEFAULT now()
);

-- Every change any desk pushed, in commit order. Append-only (see the trigger below); the
-- one rewrite allowed is the erase of a forgotten caller's personal data.
CREATE TABLE balie.changes (
    seq          bigserial PRIMARY KEY,
    id           text NOT NULL UNIQUE,
    hlc          text NOT NULL,
    desk         text NOT NULL,
    author       text NOT NULL,
    tbl          text NOT NULL,
    row_id       text NOT NULL,
    op           text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    col          text,
    old          jsonb,
    new          jsonb,
    data         jsonb,
    value_after  jsonb,
    pushed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_row ON balie.changes (tbl, row_id);

-- Each shared row as it stands, with the clock and author of each field's last accepted
-- change: what a pushed field change is judged against.
CREATE TABLE balie.rows (
    tbl     text NOT NULL,
    row_id  text NOT NULL,
    data    jsonb NOT NULL,
    stamps  jsonb NOT NULL,
    PRIMARY KEY (tbl, row_id)
);
CREATE INDEX rows_caller ON balie.rows ((data->>'caller_id')) WHERE data ? 'caller_id';

CREATE TABLE balie.contested (tbl text, col text, PRIMARY KEY (tbl, col));
INSERT INTO balie.contested VALUES {contested};

CREATE TABLE balie.counters (name text PRIMARY KEY, next bigint NOT NULL);
INSERT INTO balie.counters VALUES ('ticket_number', 1001);

CREATE TABLE balie.key_blocks (
    id         text PRIMARY KEY,
    desk       text NOT NULL REFERENCES balie.desks(id),
    first      bigint NOT NULL,
    last       bigint NOT NULL,
    leased_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION balie.refuse_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('balie.erasing', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the team store''s change log is append-only';
END $$;
CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON balie.changes
    FOR EACH ROW EXECUTE FUNCTION balie.refuse_edit();
CREATE TRIGGER changes_never_truncated BEFORE TRUNCATE ON balie.changes
    FOR EACH STATEMENT EXECUTE FUNCTION balie.refuse_edit();

-- A UUIDv7: the time in its first 48 bits, so that ids sort by creation.
CREATE FUNCTION balie.uuid7() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
        PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint)
        FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid::text
$$;

-- The instant of a hybrid-clock stamp, as desks store instants.
CREATE FUNCTION balie.stamp_time(hlc text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(to_timestamp(split_part(hlc, '-', 1)::bigint / 1000.0) AT TIME ZONE 'UTC',
                   'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

CREATE FUNCTION balie.me() RETURNS text LANGUAGE plpgsql STABLE
SECURITY DEFINER SET search_path = balie, pg_catalog, pg_temp AS $$
DECLARE found text;
BEGIN
    SELECT agent INTO found FROM agents WHERE role = session_user;
    IF found IS NULL THEN
        RAISE EXCEPTION 'the role % is not an agent of this team store (ask its administrator to run `balie team add-agent`)', session_user
            USING ERRCODE = '42501';
    END IF;
    RETURN found;
END $$;

CREATE FUNCTION balie.join(new_desk text) RETURNS text LANGUAGE plpgsql
SECURITY DEFINER SET search_path = balie, pg_catalog, pg_temp AS $$
DECLARE who text := me();
BEGIN
    INSERT INTO desks (id, agent) VALUES (new_desk, who)
        ON CONFLICT (id) DO UPDATE SET seen_at = now();
    RETURN who;
END $$;

CREATE FUNCTION balie.lease(for_desk text, size integer, OUT first_number bigint,
    OUT last_number bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = balie, pg_catalog, pg_temp AS $$
DECLARE who text := me();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM desks d WHERE d.id = for_desk AND d.agent = who) THEN
        RAISE EXCEPTION 'desk % is not %''s', for_desk, who USING ERRCODE = '42501';
    END IF;
    UPDATE counters c SET next = c.next + size WHERE c.name = 'ticket_number'
        RETURNING c.next - size, c.next - 1 INTO first_number, last_number;
    INSERT INTO key_blocks (id, desk, first, last)
        VALUES (uuid7(), for_desk, first_number, last_number);
END $$;

-- Erases a forgotten caller's personal data from the store: from the rows and from every
-- change that carried it, so a desk that joins later never receives it.
CREATE FUNCTION balie.erase(caller text) RETURNS void LANGUAGE plpgsql
SET search_path = balie, pg_catalog, pg_temp AS $$
DECLARE
    forgotten constant text := 'forgotten caller';
    blank jsonb := jsonb_build_object('name', forgotten, 'organization', '', 'name_folded', '',
                                      'search_text', '');
    was text;
BEGIN
    PERFORM set_config('balie.erasing', 'on', true);
    SELECT data->>'name' INTO was FROM rows WHERE tbl = 'callers' AND row_id = caller;
    UPDATE rows SET data = data || blank WHERE tbl = 'callers' AND row_id = caller;
    UPDATE changes SET data = data || blank WHERE tbl = 'callers' AND row_id = caller AND op = 'insert';
    UPDATE changes SET old = to_jsonb(CASE col WHEN 'name' THEN forgotten ELSE '' END),
                       new = to_jsonb(CASE col WHEN 'name' THEN forgotten ELSE '' END),
                       value_after = to_jsonb(CASE col WHEN 'name' THEN forgotten ELSE '' END)
        WHERE tbl = 'callers' AND row_id = caller AND op = 'update' AND col IN ('name', 'organization');
    UPDATE changes c SET data = c.data || '{"value": ""}'
        WHERE c.tbl = 'caller_handles' AND c.op = 'insert' AND c.data->>'caller_id' = caller;
    UPDATE changes c SET old = '""', new = '""', value_after = '""'
        WHERE c.tbl = 'caller_handles' AND c.op = 'update' AND c.col = 'value'
          AND c.row_id IN (SELECT i.row_id FROM changes i WHERE i.tbl = 'caller_handles'
                           AND i.op = 'insert' AND i.data->>'caller_id' = caller);
    DELETE FROM rows WHERE tbl = 'caller_handles' AND data->>'caller_id' = caller;
    -- A caller's own history holds their earlier names and numbers.
    UPDATE changes c SET data = c.data || '{"text": "", "data": "{}"}'
        WHERE c.tbl = 'caller_events' AND c.op = 'insert'
          AND (c.data->>'caller_id' = caller
               OR c.data->>'caller_id' IN (SELECT r.row_id FROM rows r WHERE r.tbl = 'callers'
                                           AND r.data->>'merged_into' = caller));
    IF was IS NOT NULL THEN
        UPDATE rows SET data = jsonb_set(data, '{recipient}', to_jsonb(forgotten))
            WHERE tbl = 'promises' AND data->>'caller_id' = caller AND data->>'recipient' = was;
        UPDATE changes SET data = jsonb_set(data, '{recipient}', to_jsonb(forgotten))
            WHERE tbl = 'promises' AND op = 'insert' AND data->>'caller_id' = caller
              AND data->>'recipient' = was;
        UPDATE changes SET data = jsonb_set(data, '{data}', to_jsonb(
                jsonb_set((data->>'data')::jsonb, '{to}', to_jsonb(forgotten))::text))
            WHERE tbl = 'events' AND op = 'insert' AND data->>'caller_id' = caller
              AND data->>'kind' = 'promise_made' AND (data->>'data')::jsonb->>'to' = was;
    END IF;
END $$;

-- Takes a batch of changes from one desk. A change already taken (a retry after a lost
-- acknowledgement) is passed over. A field change made against a value that has changed
-- since is a conflict: the later by the hybrid clock wins, the same choice everywhere, and
-- the conflict is recorded as a row every desk receives.
CREATE FUNCTION balie.push(batch jsonb) RETURNS bigint LANGUAGE plpgsql
SECURITY DEFINER SET search_path = balie, pg_catalog, pg_temp AS $$
DECLARE
    who text := me();
    c jsonb;
    cur jsonb;
    st jsonb;
    after jsonb;
    wins boolean;
    known boolean;
    conflict jsonb;
    follow jsonb;
    f jsonb;
    ticket text;
    now_text text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    last_seq bigint := 0;
BEGIN
    -- One push at a time: changes commit in the order of their sequence numbers, so a desk
    -- that pulls "everything after N" never skips one that committed late.
    PERFORM pg_advisory_xact_lock(1650551913);
    FOR c IN SELECT value FROM jsonb_array_elements(batch) LOOP
        IF c->>'author' IS DISTINCT FROM who THEN
            RAISE EXCEPTION 'a change by % cannot be pushed by %', c->>'author', who
                USING ERRCODE = '42501';
        END IF;
        CONTINUE WHEN EXISTS (SELECT 1 FROM changes WHERE id = c->>'id');
        after := NULL;
        conflict := NULL;
        follow := '[]';
        IF c->>'op' = 'insert' THEN
            IF c->>'table' <> 'events' THEN
                INSERT INTO rows (tbl, row_id, data, stamps)
                VALUES (c->>'table', c->>'row_id', c->'data',
                        jsonb_build_object('*', jsonb_build_object('hlc', c->>'hlc', 'by', c->>'author')))
                ON CONFLICT DO NOTHING;
            END IF;
            -- The successor of a promise whose rescheduling lost a conflict (it was kept or
            -- cancelled meanwhile) is cancelled: the promise book counts a promise once.
            IF c->>'table' = 'promises' AND c->'data'->>'replaces_id' IS NOT NULL
               AND (SELECT r.data->>'state' FROM rows r WHERE r.tbl = 'promises'
                    AND r.row_id = c->'data'->>'replaces_id') <> 'rescheduled' THEN
                follow := jsonb_build_array(jsonb_build_object('row_id', c->>'row_id'));
            END IF;
            IF c->>'table' = 'tickets' AND (c->'data'->>'number')::bigint > 0 THEN
                UPDATE counters SET next = greatest(next, (c->'data'->>'number')::bigint + 1)
                    WHERE name = 'ticket_number';
            END IF;
        ELSIF c->>'op' = 'update' THEN
            SELECT r.data -> (c->>'column'), coalesce(r.stamps -> (c->>'column'), r.stamps -> '*')
                INTO cur, st
                FROM rows r WHERE r.tbl = c->>'table' AND r.row_id = c->>'row_id' FOR UPDATE;
            known := FOUND;
            IF NOT known THEN
                after := c->'new';
            ELSIF cur IS NOT DISTINCT FROM c->'old' OR cur IS NOT DISTINCT FROM c->'new'
                  OR NOT EXISTS (SELECT 1 FROM contested k
                                 WHERE k.tbl = c->>'table' AND k.col = c->>'column') THEN
                after := c->'new';
            ELSE
                wins := (c->>'hlc') > coalesce(st->>'hlc', '');
                after := CASE WHEN wins THEN c->'new' ELSE cur END;
                ticket := CASE c->>'table'
                    WHEN 'tickets' THEN c->>'row_id'
                    WHEN 'promises' THEN (SELECT r.data->>'ticket_id' FROM rows r
                                          WHERE r.tbl = 'promises' AND r.row_id = c->>'row_id')
                    END;
                conflict := jsonb_build_object(
                    'id', uuid7(), 'tbl', c->>'table', 'row_id', c->>'row_id',
                    'col', c->>'column', 'ticket_id', ticket,
                    'kept', (CASE WHEN wins THEN c->'new' ELSE cur END)::text,
                    'kept_by', CASE WHEN wins THEN c->>'author' ELSE coalesce(st->>'by', '') END,
                    'kept_at', stamp_time(CASE WHEN wins THEN c->>'hlc' ELSE coalesce(st->>'hlc', '0') END),
                    'lost', (CASE WHEN wins THEN cur ELSE c->'new' END)::text,
                    'lost_by', CASE WHEN wins THEN coalesce(st->>'by', '') ELSE c->>'author' END,
                    'lost_at', stamp_time(CASE WHEN wins THEN coalesce(st->>'hlc', '0') ELSE c->>'hlc' END),
                    'created_at', now_text, 'updated_at', now_text, 'updated_by', who);
                INSERT INTO rows (tbl, row_id, data, stamps)
                VALUES ('conflicts', conflict->>'id', conflict, '{}');
                IF c->>'table' = 'promises' AND c->>'column' = 'state'
                   AND after IS DISTINCT FROM '"rescheduled"' THEN
                    SELECT coalesce(jsonb_agg(jsonb_build_object('row_id', r.row_id)), '[]')
                        INTO follow
                        FROM rows r WHERE r.tbl = 'promises'
                        AND r.data->>'replaces_id' = c->>'row_id' AND r.data->>'state' = 'open';
                END IF;
            END IF;
            IF known AND after IS DISTINCT FROM cur THEN
                UPDATE rows r SET data = jsonb_set(r.data, ARRAY[c->>'column'], coalesce(after, 'null')),
                    stamps = jsonb_set(r.stamps, ARRAY[c->>'column'],
                                       jsonb_build_object('hlc', c->>'hlc', 'by', c->>'author'))
                WHERE r.tbl = c->>'table' AND r.row_id = c->>'row_id';
            END IF;
        ELSIF c->>'op' = 'delete' THEN
            DELETE FROM rows WHERE tbl = c->>'table' AND row_id = c->>'row_id';
        END IF;
        INSERT INTO changes (id, hlc, desk, author, tbl, row_id, op, col, old, new, data, value_after)
        VALUES (c->>'id', c->>'hlc', c->>'desk', c->>'author', c->>'table', c->>'row_id',
                c->>'op', c->>'column', c->'old', c->'new', c->'data', after)
        RETURNING seq INTO last_seq;
        IF c->>'op' = 'insert' AND c->>'table' = 'erasures' THEN
            PERFORM erase(c->'data'->>'caller_id');
        END IF;
        IF conflict IS NOT NULL THEN
            INSERT INTO changes (id, hlc, desk, author, tbl, row_id, op, data)
            VALUES (conflict->>'id', c->>'hlc', c->>'desk', who, 'conflicts', conflict->>'id',
                    'insert', conflict)
            RETURNING seq INTO last_seq;
        END IF;
        FOR f IN SELECT value FROM jsonb_array_elements(follow) LOOP
            UPDATE rows r SET data = r.data || jsonb_build_object('state', 'cancelled',
                                                             'closed_at', stamp_time(c->>'hlc'))
                WHERE r.tbl = 'promises' AND r.row_id = f->>'row_id';
            INSERT INTO changes (id, hlc, desk, author, tbl, row_id, op, col, old, new, value_after)
            SELECT uuid7(), c->>'hlc', c->>'desk', who, 'promises', f->>'row_id', 'update', k.col,
                   NULL, k.value, k.value
            FROM (VALUES ('state', '"cancelled"'::jsonb),
                         ('closed_at', to_jsonb(stamp_time(c->>'hlc')))) AS k (col, value);
            SELECT max(seq) INTO last_seq FROM changes;
        END LOOP;
    END LOOP;
    IF last_seq > 0 THEN
        PERFORM pg_notify('balie_changes', last_seq::text);
    END IF;
    RETURN last_seq;
END $$;

-- Who has which ticket open right now, so that two agents do not call the same person back.
CREATE TABLE balie.presence (
    desk       text PRIMARY KEY REFERENCES balie.desks(id),
    agent      text NOT NULL,
    ticket_id  text,
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION balie.here(for_desk text, ticket text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = balie, pg_catalog, pg_temp AS $$
DECLARE
    who text := me();
    was text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM desks d WHERE d.id = for_desk AND d.agent = who) THEN
        RAISE EXCEPTION 'desk % is not %''s', for_desk, who USING ERRCODE = '42501';
    END IF;
    SELECT p.ticket_id INTO was FROM presence p WHERE p.desk = for_desk;
    INSERT INTO presence (desk, agent, ticket_id, at) VALUES (for_desk, who, ticket, now())
        ON CONFLICT (desk) DO UPDATE SET ticket_id = excluded.ticket_id, at = now();
    IF was IS DISTINCT FROM ticket THEN
        PERFORM pg_notify('balie_changes', 'presence');
    END IF;
END $$;

-- The other desks that have a ticket open, as last heard within half a minute.
CREATE FUNCTION balie.present(for_desk text) RETURNS TABLE (agent text, ticket_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = balie, pg_catalog, pg_temp AS $$
    SELECT p.agent, p.ticket_id FROM presence p
    WHERE p.desk <> for_desk AND p.ticket_id IS NOT NULL AND p.at > now() - interval '30 seconds'
    ORDER BY p.agent
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA balie FROM PUBLIC;
"#;

/// The first release's push, judging row by row, as `push_each`, without the notification
/// it sent: the push that calls it now sends one that carries the changes.
fn push_each() -> String {
    let start = V1.find(PUSH_V1).unwrap_or(0);
    let end = V1[start..]
        .find("END $$;")
        .map_or(V1.len(), |at| start + at + 7);
    V1[start..end]
        .replace(PUSH_V1, "CREATE FUNCTION balie.push_each(")
        .replace(NOTIFY_V1, "")
}

const PUSH_V1: &str = "CREATE FUNCTION balie.push(";
const NOTIFY_V1: &str = "    IF last_seq > 0 THEN
        PERFORM pg_notify('balie_changes', last_seq::text);
    END IF;
";

// A batch of new rows and nothing else (a desk's own history as it joins, a shift's new
// tickets and notes) is taken in one statement instead of three per row: a new row needs
// no judging. A batch that changes or deletes a row, erases a caller, or holds a promise
// that replaces another goes row by row, as before.
//
// The notification that wakes the other desks carries the changes themselves when they
// fit, with the number of the change before them: a desk that has pulled up to exactly
// that number applies them without asking the store, so that a push to a team of two
// hundred desks is not two hundred pulls. Each nullable value travels wrapped in an array,
// so that a JSON null stays apart from no value at all.
const V2: &str = r#"
CREATE OR REPLACE FUNCTION balie.push(batch jsonb) RETURNS bigint LANGUAGE plpgsql
SECURITY DEFINER SET search_path = balie, pg_catalog, pg_temp AS $$
DECLARE
    who text := me();
    stranger text;
    before bigint;
    last_seq bigint;
    payload text;
BEGIN
    SELECT c->>'author' INTO stranger FROM jsonb_array_elements(batch) e (c)
        WHERE c->>'author' IS DISTINCT FROM who LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'a change by % cannot be pushed by %', stranger, who
            USING ERRCODE = '42501';
    END IF;
    -- One push at a time: changes commit in the order of their sequence numbers, so a desk
    -- that pulls "everything after N" never skips one that committed late.
    PERFORM pg_advisory_xact_lock(1650551913);
    SELECT coalesce(max(seq), 0) INTO before FROM changes;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(batch) e (c)
               WHERE c->>'op' <> 'insert' OR c->>'table' = 'erasures'
                  OR (c->>'table' = 'promises' AND c->'data'->>'replaces_id' IS NOT NULL)) THEN
        last_seq := push_each(batch);
    ELSE
        -- One statement, so that nothing of the session's (a table of the same name) is
        -- used. A change already taken (a retry after a lost acknowledgement) is passed over.
        WITH fresh AS MATERIALIZED (
            SELECT e.n, e.c FROM jsonb_array_elements(batch) WITH ORDINALITY e (c, n)
            WHERE NOT EXISTS (SELECT 1 FROM changes x WHERE x.id = e.c->>'id')),
        shared AS (
            INSERT INTO rows (tbl, row_id, data, stamps)
            SELECT c->>'table', c->>'row_id', c->'data',
                   jsonb_build_object('*', jsonb_build_object('hlc', c->>'hlc', 'by', c->>'author'))
            FROM fresh WHERE c->>'table' <> 'events' ORDER BY n
            ON CONFLICT DO NOTHING),
        numbered AS (
            UPDATE counters SET next = greatest(next, (
                    SELECT max((c->'data'->>'number')::bigint) + 1 FROM fresh
                    WHERE c->>'table' = 'tickets' AND (c->'data'->>'number')::bigint > 0))
            WHERE name = 'ticket_number'
              AND EXISTS (SELECT 1 FROM fresh WHERE c->>'table' = 'tickets'
                          AND (c->'data'->>'number')::bigint > 0)),
        taken AS (
            INSERT INTO changes (id, hlc, desk, author, tbl, row_id, op, col, old, new, data)
            SELECT c->>'id', c->>'hlc', c->>'desk', c->>'author', c->>'table', c->>'row_id',
                   'insert', c->>'column', c->'old', c->'new', c->'data'
            FROM (SELECT c FROM fresh ORDER BY n) AS ordered
            RETURNING seq)
        SELECT coalesce(max(seq), 0) INTO last_seq FROM taken;
    END IF;
    -- A note's push is a change or two; hundreds (a desk joining) are not worth wording out
    -- only to find them too long to carry.
    IF last_seq > 0 AND last_seq - before > 32 THEN
        PERFORM pg_notify('balie_changes', last_seq::text);
    ELSIF last_seq > 0 THEN
        SELECT jsonb_build_object('after', before, 'changes', jsonb_agg(jsonb_build_array(
                   seq, id, hlc, desk, author, tbl, row_id, op, col,
                   CASE WHEN old IS NULL THEN NULL ELSE jsonb_build_array(old) END,
                   CASE WHEN new IS NULL THEN NULL ELSE jsonb_build_array(new) END,
                   CASE WHEN data IS NULL THEN NULL ELSE jsonb_build_array(data) END,
                   CASE WHEN value_after IS NULL THEN NULL ELSE jsonb_build_array(value_after) END)
                   ORDER BY seq))::text
            INTO payload FROM changes WHERE seq > before AND seq <= last_seq;
        -- PostgreSQL takes a payload of less than 8000 bytes.
        IF payload IS NULL OR octet_length(payload) >= 7900 THEN
            payload := last_seq::text;
        END IF;
        PERFORM pg_notify('balie_changes', payload);
    END IF;
    RETURN last_seq;
END $$;
"#;

/// What `team add-agent` grants a role: reading the log and calling the write functions.
pub fn grants(role: &str) -> String {
    format!(
        "GRANT USAGE ON SCHEMA balie TO {role};
         GRANT SELECT ON balie.changes, balie.meta, balie.desks TO {role};
         GRANT EXECUTE ON FUNCTION balie.me(), balie.join(text), balie.lease(text, integer),
           balie.push(jsonb), balie.here(text, text), balie.present(text) TO {role};"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_by_row_push_is_the_first_releases_without_its_notification() {
        let each = push_each();
        assert!(each.starts_with("CREATE FUNCTION balie.push_each(batch jsonb)"));
        assert!(each.trim_end().ends_with("END $$;"));
        assert!(each.contains("conflict := jsonb_build_object("));
        assert!(!each.contains("pg_notify"));
    }

    #[test]
    fn every_contested_field_is_listed_in_the_store() {
        let sql = &migrations()[0];
        for (table, column) in CONTESTED_FIELDS {
            assert!(sql.contains(&format!("('{table}', '{column}')")));
        }
    }
}
