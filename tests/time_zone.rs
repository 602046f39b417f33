//! With no `time_zone` in the config, the zone comes from `TZ` first, as in every Unix
//! program, and only then from the system.

mod support;

use chrono::{TimeZone, Timelike};
use std::path::Path;
use support::cli::text;

/// The test's own home, with `TZ` set as an ssh session or a container would.
fn balie_in(home: &Path, tz: &str, args: &[&str]) -> std::process::Output {
    support::cli::balie_command(home)
        .args(args)
        .env("TZ", tz)
        .output()
        .expect("run balie")
}

fn desk(home: &Path) -> String {
    let db = home.join("desk.db");
    let db_arg = db.to_str().expect("utf-8").to_string();
    let made = support::cli::balie(
        home,
        &[
            "bench",
            "--generate-into",
            &db_arg,
            "--callers",
            "5",
            "--tickets",
            "5",
            "--promises",
            "0",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    db_arg
}

/// The moment a promise "2030-01-07 10:00" is due, typed under `tz`.
fn ten_o_clock_under(home: &Path, db: &str, tz: &str) -> (chrono::DateTime<chrono::Utc>, String) {
    let made = balie_in(
        home,
        tz,
        &[
            "--db",
            db,
            "promise",
            "T-1001",
            "--due",
            "2030-01-07 10:00",
            "ring",
            tz,
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let id = text(&made.stdout).trim().to_string();
    let store = balie::store::Store::open(Path::new(db), "anna").expect("store");
    let promise = store
        .open_promises(100)
        .expect("promises")
        .into_iter()
        .find(|p| p.id == id)
        .expect("the printed id is the new promise");
    (promise.due_at, text(&made.stderr))
}

#[test]
fn tz_decides_the_zone_when_the_config_names_none() {
    let home = tempfile::tempdir().expect("home");
    let db = desk(home.path());
    for (tz, zone) in [
        ("Asia/Tokyo", support::zone("Asia/Tokyo")),
        (":America/New_York", support::zone("America/New_York")),
        (
            "/usr/share/zoneinfo/Europe/Budapest",
            support::zone("Europe/Budapest"),
        ),
    ] {
        let (due, stderr) = ten_o_clock_under(home.path(), &db, tz);
        let local = due.with_timezone(&zone);
        assert_eq!((local.hour(), local.minute()), (10, 0), "TZ={tz}: {due}");
        assert!(stderr.is_empty(), "TZ={tz} is understood quietly: {stderr}");
    }
}

#[test]
fn the_config_wins_over_tz_and_a_tz_balie_cannot_read_is_warned_about() {
    let home = tempfile::tempdir().expect("home");
    let db = desk(home.path());
    std::fs::create_dir_all(home.path().join("config/balie")).expect("config folder");
    std::fs::write(
        home.path().join("config/balie/config.toml"),
        "time_zone = \"America/Curacao\"\n",
    )
    .expect("config");
    let (due, _) = ten_o_clock_under(home.path(), &db, "Asia/Tokyo");
    let expected = support::zone("America/Curacao")
        .with_ymd_and_hms(2030, 1, 7, 10, 0, 0)
        .single()
        .expect("a plain hour");
    assert_eq!(due, expected, "the configured zone, not TZ");

    let (due, stderr) = ten_o_clock_under(home.path(), &db, "Mars/Olympus_Mons");
    assert_eq!(due, expected, "a TZ balie cannot read stops nothing");
    assert!(
        stderr.contains("TZ=\"Mars/Olympus_Mons\"") && stderr.contains("America/Curacao"),
        "{stderr}"
    );
}
