//! The wings of `src/` and what each may use, read from the source itself, so that the plan
//! in README ("How it is built") cannot drift: the rules of the domain know no store and no
//! terminal, the app knows no store, and only the store speaks SQL.

use std::path::{Path, PathBuf};

/// Each wing, and the wings and crates it must not name.
const RULES: &[(&str, &[&str])] = &[
    (
        "domain",
        &[
            "store", "app", "ui", "desk", "cli", "sync", "rusqlite", "ratatui", DB,
        ],
    ),
    (
        "config",
        &["store", "app", "ui", "desk", "cli", "sync", "rusqlite", DB],
    ),
    (
        "i18n",
        &["store", "app", "ui", "desk", "cli", "sync", "rusqlite", DB],
    ),
    (
        "keymap",
        &["store", "app", "ui", "desk", "cli", "sync", "rusqlite", DB],
    ),
    (
        "store",
        &["app", "ui", "desk", "cli", "sync", "ratatui", DB],
    ),
    ("sync", &["app", "ui", "desk", "cli", "rusqlite", "ratatui"]),
    (
        "app",
        &["store", "ui", "desk", "cli", "sync", "rusqlite", DB],
    ),
    ("ui", &["store", "desk", "cli", "sync", "rusqlite", DB]),
    ("desk", &["cli", "rusqlite", DB]),
    ("cli", &["rusqlite", DB]),
];

/// The team store's client: only the sync wing speaks to PostgreSQL.
const DB: &str = "tokio_postgres";

const WINGS: &[&str] = &[
    "domain", "config", "i18n", "keymap", "store", "app", "ui", "desk", "cli", "sync",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `folder`, except unit-test files, which may open the database
/// file directly to check what the product wrote.
fn sources(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if name != "tests" {
                    folders.push(path);
                }
            } else if name.ends_with(".rs") && name != "tests.rs" && !name.ends_with("_tests.rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The code of a file without its comments and its `#[cfg(test)] mod tests { … }` block.
fn code(source: &str) -> String {
    let product = match source.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &source[..at],
        None => source,
    };
    product
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The wings and crates a file's code names: `crate::wing`, `wing` inside `use crate::{…}`,
/// and crate names at the start of a path.
fn named(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let body = &group[..group.find('}').unwrap_or(group.len())];
            for item in body.split(',') {
                let lead = item.trim().split("::").next().unwrap_or("");
                names.push(lead.to_string());
            }
        } else {
            let lead: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(lead);
        }
    }
    for krate in ["rusqlite", "ratatui", DB] {
        let used = code.match_indices(krate).any(|(at, _)| {
            let before = code[..at].chars().next_back();
            let after = code[at + krate.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                && after == Some(':')
        });
        if used {
            names.push(krate.to_string());
        }
    }
    names
}

#[test]
fn each_wing_names_only_what_it_may_use() {
    let mut broken = Vec::new();
    let mut files = 0;
    for (wing, forbidden) in RULES {
        let mut paths = sources(&src().join(wing));
        let flat = src().join(format!("{wing}.rs"));
        if flat.exists() {
            paths.push(flat);
        }
        assert!(!paths.is_empty(), "the wing `{wing}` has no source");
        for path in paths {
            files += 1;
            let source = std::fs::read_to_string(&path).expect("reading a source file");
            for name in named(&code(&source)) {
                if forbidden.contains(&name.as_str()) {
                    let shown = path.strip_prefix(src()).unwrap_or(&path).display();
                    broken.push(format!("src/{shown} ({wing}) names `{name}`"));
                }
            }
        }
    }
    broken.sort();
    broken.dedup();
    assert!(files > 100, "only {files} source files were read");
    assert!(
        broken.is_empty(),
        "layer rules broken:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_crate_root_holds_only_the_wings() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("reading src/lib.rs");
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|line| line.strip_prefix("pub mod "))
        .map(|rest| rest.trim_end_matches(';'))
        .collect();
    let mut expected = WINGS.to_vec();
    expected.sort();
    assert_eq!(modules, expected);
    let flat: Vec<String> = std::fs::read_dir(src())
        .expect("reading src")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rs") && name != "lib.rs" && name != "main.rs")
        .collect();
    assert!(flat.is_empty(), "files outside the wings: {flat:?}");
}

#[test]
fn the_checker_sees_a_forbidden_name() {
    // The rules above are only worth something if the reader finds what they forbid.
    let found = named(&code(
        "use crate::{t, store::Store};\nfn f() { crate::desk::run(); rusqlite::Connection::open(); }\n// crate::cli::x",
    ));
    assert!(found.contains(&"store".to_string()));
    assert!(found.contains(&"desk".to_string()));
    assert!(found.contains(&"rusqlite".to_string()));
    assert!(!found.contains(&"cli".to_string()), "comments are not code");
}
