//! Any text an agent can type into a "by when" field: read as a deadline or refused with a
//! message, never a panic, and never a deadline that is not ahead or more than a century
//! away. `tests/hostile.rs` runs the same property under `cargo test`.
#![no_main]

use balie::domain::business::Calendar;
use balie::config::Config;
use balie::domain::deadline::parse_deadline;
use balie::i18n::Language;
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

/// Monday 23 November 2026, 10:00 in Amsterdam, as in the test suite.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a fixed, valid instant")
}

/// The standard office week, and one with a lunch break, a holiday and a clock change in
/// reach, so that business-hour forms walk through gaps.
fn calendars() -> [Calendar; 2] {
    let config: Config = balie::config::parse(
        r#"
        time_zone = "Europe/Budapest"
        holidays = ["2026-11-24", "2026-12-25"]
        [working_hours]
        mon = "08:30-12:00, 13:00-17:00"
        wed = "02:00-03:30"
        sat = "closed"
        sun = "closed"
        "#,
        std::path::Path::new("fuzz.toml"),
    )
    .expect("the fuzz calendar's config is valid");
    [
        Calendar::standard(chrono_tz::Europe::Amsterdam),
        config.calendar(),
    ]
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let now = now();
    for calendar in calendars() {
        for language in Language::ALL {
            if let Ok(due) = parse_deadline(text, now, &calendar, language) {
                assert!(due > now, "{text:?} gave {due}, not after {now}");
                assert!(
                    due - now <= TimeDelta::days(100 * 366),
                    "{text:?} gave {due}, more than a century ahead"
                );
            }
        }
    }
});
