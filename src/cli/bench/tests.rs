use super::*;
use crate::domain::QueueFilter;

fn size(seed: u64) -> data::Size {
    data::Size {
        callers: 600,
        tickets: 4_000,
        promises: 4_000,
        seed,
    }
}

fn generated(seed: u64) -> (tempfile::TempDir, PathBuf, BulkSummary) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let summary = generate(&path, size(seed)).unwrap();
    (dir, path, summary)
}

#[test]
fn the_desk_has_what_the_budgets_are_about() {
    let (_dir, path, summary) = generated(42);
    assert_eq!(
        (summary.callers, summary.tickets, summary.promises),
        (600, 4_000, 4_000)
    );
    // Mostly closed, with an open tail, and open promises of which some are overdue.
    assert!(
        summary.open_tickets > 20 && summary.open_tickets < 800,
        "{summary:?}"
    );
    assert!(summary.open_promises > 10, "{summary:?}");
    assert!(summary.overdue_promises > 0 && summary.overdue_promises < summary.open_promises);
    assert!(summary.events > 4 * summary.tickets, "{summary:?}");

    let store = Store::open(&path, AGENT).unwrap();
    let first = |query: &str| store.search_callers(query, 5).unwrap()[0].name.clone();
    for query in [
        "jan de vries",
        "0612345678",
        "+31 6 1234 5678",
        "NB-20431",
        "jdvr",
    ] {
        assert_eq!(first(query), "Jan de Vries", "{query}");
    }
    assert_eq!(first("odon"), "Ödön Kovács");
    assert_eq!(first("ödön"), "Ödön Kovács");
    let jan = store.search_callers("NB-20431", 1).unwrap()[0].id.clone();
    assert!(store.prior_contacts(&jan, 30).unwrap().len() >= 10);
    assert!(store.ticket_by_key("T-1001").unwrap().is_some());
    assert!(store.ticket_by_key("T-5000").unwrap().is_some());
    assert!(store.ticket_by_key("T-5001").unwrap().is_none());
}

/// Checked straight on the file: what the store's writes would have made sure of row by row.
#[test]
fn every_row_keeps_the_stores_rules() {
    let (_dir, path, _) = generated(3);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    let stale = "SELECT count(*) FROM tickets t WHERE t.last_activity_at <>
        (SELECT max(at) FROM events e WHERE e.ticket_id = t.id) OR t.updated_at <> t.last_activity_at";
    assert_eq!(count(stale), 0);
    let strays = "SELECT count(*) FROM events e JOIN tickets t ON t.id = e.ticket_id
        WHERE e.caller_id IS NOT t.caller_id";
    assert_eq!(count(strays), 0);
    // The last status event of a ticket names the status it has.
    let unexplained = "SELECT count(*) FROM tickets t WHERE t.status <> coalesce(
        (SELECT json_extract(data, '$.to') FROM events e WHERE e.ticket_id = t.id
         AND e.kind = 'status' ORDER BY at DESC, id DESC LIMIT 1), 'new')";
    assert_eq!(count(unexplained), 0);
    let unmatched = "SELECT count(*) FROM promises p WHERE p.state <> 'open' AND NOT EXISTS
        (SELECT 1 FROM events e WHERE e.ticket_id = p.ticket_id
         AND e.kind IN ('promise_kept', 'promise_cancelled', 'promise_rescheduled')
         AND json_extract(e.data, '$.promise') = p.id)";
    assert_eq!(count(unmatched), 0);
    assert!(count("SELECT count(*) FROM promises WHERE state = 'rescheduled'") > 0);
    assert!(count("SELECT count(*) FROM promises WHERE kind = 'callback'") > 0);
    let fts = "SELECT count(*) FROM callers c JOIN caller_fts f ON f.caller_id = c.id
        WHERE f.haystack = c.search_text";
    assert_eq!(count(fts), count("SELECT count(*) FROM callers"));
}

#[test]
fn the_same_seed_gives_the_same_desk() {
    let tickets = |seed| {
        let (_dir, path, summary) = generated(seed);
        let store = Store::open(&path, AGENT).unwrap();
        let keys = ["T-1001", "T-3000", "T-4999", "T-5000"];
        let tickets = keys.map(|k| store.ticket_by_key(k).unwrap());
        let callers: Vec<_> = (tickets.iter().flatten())
            .map(|t| {
                store
                    .caller(t.caller_id.as_deref().unwrap_or_default())
                    .unwrap()
            })
            .collect();
        let queue = store.queue(QueueFilter::AllOpen, None, 500).unwrap();
        (
            summary,
            tickets,
            callers,
            queue,
            store.open_promises(200).unwrap(),
        )
    };
    assert_eq!(tickets(7), tickets(7));
    assert_ne!(tickets(7).1, tickets(8).1);
}

#[test]
fn measures_every_budget_and_finds_every_documented_caller() {
    let (_dir, path, _) = generated(42);
    let outcome = measure::all(&path, &bench_config(), 20, bench_now()).unwrap();
    assert!(outcome.misses.is_empty(), "{:?}", outcome.misses);
    let names: Vec<&str> = outcome.rows.iter().map(|r| r.name.as_str()).collect();
    for part in [
        "cold start",
        "caller search",
        "ticket search",
        "on screen",
        "caller card",
        "promises",
        "load_views",
        "frame",
        "note",
        "background search",
        "kb search",
    ] {
        assert!(
            names.iter().any(|n| n.contains(part)),
            "{part} in {names:?}"
        );
    }
    assert!(outcome.rows.iter().all(|r| r.samples >= 1));
    // A figure without a budget is only ever a breakdown of the row above it.
    assert!(outcome.rows.iter().all(|r| r.met.is_some() || r.detail));
    let table = report::table(&outcome.rows);
    assert!(table.lines().count() == outcome.rows.len() + 1, "{table}");
}

#[test]
fn refuses_to_fill_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    std::fs::write(&path, b"").unwrap();
    let error = generate(&path, size(1)).unwrap_err();
    assert!(error.to_string().contains("new file"), "{error}");
}

/// The generated desk's figures are written by the bulk fill's one write; working them out
/// again from the events alone gives the same rows.
#[test]
fn rebuilt_figures_equal_the_kept_ones_on_a_generated_desk() {
    let (_dir, path, summary) = generated(5);
    let mut store = Store::open(&path, AGENT).unwrap();
    store
        .use_figure_rules(bench_config().figure_rules())
        .unwrap();
    let kept = store.kept_figures().unwrap();
    assert_eq!(kept.len(), summary.tickets + summary.promises);
    store.rebuild_figures().unwrap();
    assert_eq!(store.kept_figures().unwrap(), kept);
}
