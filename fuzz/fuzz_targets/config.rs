//! Any config.toml: read into a config, or refused with a message that names the file,
//! a line and a column inside the text. `tests/hostile.rs` runs the same property under
//! `cargo test`.
#![no_main]

use std::path::Path;

use balie::config::{Config, ConfigError, parse};
use balie::domain::deadline::parse_deadline;
use balie::i18n::Language;
use balie::domain::Status;
use balie::domain::sla::{History, StatusChange, ticket_clocks};
use chrono::{Duration, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

/// What the desk does with a config once read: priorities from the matrix, SLA clocks from
/// the targets and the calendar, their due times shown in the agent's zone, and the
/// callback deadline. A refused callback deadline is a message on the desk, not a failure.
fn use_config(config: &Config) {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a fixed, valid instant");
    let calendar = config.calendar();
    for impact in 0..=6 {
        for urgency in 0..=6 {
            assert!((1..=5).contains(&config.priority(impact, urgency)));
        }
    }
    let opened = now - Duration::days(3);
    let history = History {
        opened,
        first_response: None,
        changes: vec![
            StatusChange {
                at: opened,
                status: Status::New,
            },
            StatusChange {
                at: now - Duration::days(1),
                status: Status::WaitingCaller,
            },
        ],
    };
    for priority in 0..=6 {
        let clocks = ticket_clocks(&history, config.sla.for_priority(priority), &calendar, now);
        for clock in [clocks.response, clocks.resolution] {
            balie::domain::when::friendly(clock.due, now, config.time_zone);
            balie::domain::when::countdown(clock.due, now);
            assert!((0.0..=1.0).contains(&clock.fraction_left));
        }
    }
    let _ = parse_deadline(&config.callback_within, now, &calendar, config.language);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse(text, Path::new("config.toml")) {
        Ok(config) => use_config(&config),
        Err(error) => {
            assert!(error.to_string().starts_with("config.toml:"), "{error}");
            if let ConfigError::Parse { line, column, .. } = error {
                let lines = text.split('\n').count();
                assert!((1..=lines).contains(&line), "line {line} of {lines}");
                assert!(column >= 1);
            }
        }
    }
});
