//! Any bytes as a caller CSV, imported into an in-memory desk: every caller is added (or
//! skipped as already known), or none is and the desk is as it was. Bad rows are reported
//! on lines that exist. `tests/hostile.rs` runs the same property under `cargo test`.
#![no_main]

use std::path::Path;

use balie::domain::NewCaller;
use balie::cli::import::{ImportError, read_callers_csv};
use balie::store::Store;
use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a fixed, valid instant");
    let callers = match read_callers_csv(data, Path::new("callers.csv")) {
        Ok(callers) => callers,
        Err(error) => {
            let lines = 1 + data
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && data.get(i + 1) != Some(&b'\n')))
                .count() as u64;
            if let ImportError::BadRows { rows, .. } = &error {
                for row in rows {
                    assert!(
                        (1..=lines).contains(&row.line),
                        "line {} of {lines}",
                        row.line
                    );
                }
            }
            assert!(error.to_string().contains("callers.csv"), "{error}");
            return;
        }
    };
    assert!(!callers.is_empty());
    // A desk with one caller already on it, so that re-imports and duplicates are skipped.
    let mut store = Store::open_in_memory("fuzz").expect("an in-memory store");
    store
        .create_caller(
            &NewCaller {
                name: "Jan de Vries".into(),
                phones: vec!["+31 6 1234 5678".into()],
                ..NewCaller::default()
            },
            now,
        )
        .expect("the first caller");
    let before = store.caller_count().expect("a count");
    match store.import_callers(&callers, now) {
        Ok((added, skipped)) => {
            assert_eq!(added + skipped, callers.len());
            assert_eq!(
                store.caller_count().expect("a count"),
                before + added as i64
            );
        }
        Err(_) => assert_eq!(store.caller_count().expect("a count"), before),
    }
});
