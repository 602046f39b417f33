//! `balie bench team` at a tiny size against a throwaway PostgreSQL given with --team-url:
//! every measurement runs through, and no change is lost or held twice. The figures
//! themselves are the bench's to print, not a test's to assert.

mod support;

use support::cli::{balie, text};
use support::postgres::Postgres;

#[test]
fn the_team_bench_at_a_tiny_size_measures_every_row_and_loses_nothing() {
    let Some(server) = Postgres::start() else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    let url = format!("postgres://postgres@127.0.0.1:{}/postgres", server.port());
    let out = balie(
        home.path(),
        &[
            "bench",
            "team",
            "--team-url",
            &url,
            "--json",
            "--writes",
            "5",
            "--shift-desks",
            "3",
            "--shift-writes",
            "20",
            "--callers",
            "20",
            "--tickets",
            "40",
            "--promises",
            "10",
            "--desks",
            "4",
            "--seconds",
            "2",
            "--per-minute",
            "120",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON rows");
    let rows = rows.as_array().expect("an array of rows");
    let named = |part: &str| {
        rows.iter()
            .find(|r| r["name"].as_str().is_some_and(|n| n.contains(part)))
            .unwrap_or_else(|| panic!("no row about {part}: {rows:?}"))
    };
    assert_eq!(named("in another's file")["samples"], 5);
    assert!(named("in another's file")["p99_ms"].as_f64().is_some());
    assert!(
        named("3 desks back from 20 writes")["p50_ms"]
            .as_f64()
            .is_some()
    );
    assert!(named("peak RSS of `balie team join`")["peak_mb"].as_f64() > Some(0.0));
    assert!(named("events pushed to the store")["per_s"].as_f64() > Some(0.0));
    for row in rows.iter().filter(|r| r["budget_count"] == 0) {
        assert_eq!(row["count"], 0, "{row}");
    }
    assert_eq!(named("events lost")["count"], 0);
    assert_eq!(named("held twice")["count"], 0);
    assert_eq!(
        named("stored twice in the team store (catch-up)")["count"],
        0
    );
}
