//! Correcting the record from scripts: `balie ticket set`, `caller edit`, `caller merge`,
//! `caller duplicates`, and agents named from the roster. The real binary, in a home
//! folder of the test's own.

mod support;

use std::path::PathBuf;

use support::cli::{balie_cmd, text};

struct Desk {
    home: tempfile::TempDir,
    db: PathBuf,
}

impl Desk {
    /// Three callers, two of them one person under two entries (the same mobile number).
    fn new() -> Desk {
        let home = tempfile::tempdir().expect("home");
        let db = home.path().join("desk.db");
        let csv = home.path().join("callers.csv");
        std::fs::write(
            &csv,
            "name,organization,phone,email,identifiers\n\
             Jan de Vries,Gemeente Utrecht,+31 6 1234 5678,jan.devries@utrecht.nl,NB-20431\n\
             J. de Vries,,06 1234 5678,jdv@home.nl,\n\
             Ödön Kovács,Magyar Posta Zrt.,+36 30 123 4567,kovacs.odon@posta.hu,LIC-7F3K\n",
        )
        .expect("write csv");
        let desk = Desk { home, db };
        let csv = csv.to_str().expect("utf-8 path").to_string();
        desk.ok(&["import", "callers", &csv]);
        desk
    }

    fn with_config(&self, toml: &str) -> PathBuf {
        let path = self.home.path().join("config.toml");
        std::fs::write(&path, toml).expect("config");
        path
    }

    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        balie_cmd(self.home.path())
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .assert()
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args).get_output().clone();
        assert!(
            output.status.success(),
            "{args:?} failed: {}",
            text(&output.stderr)
        );
        text(&output.stdout)
    }

    fn fails(&self, code: i32, args: &[&str]) -> String {
        let output = self.run(args).code(code).get_output().clone();
        assert!(
            output.stdout.is_empty(),
            "{args:?}: {}",
            text(&output.stdout)
        );
        text(&output.stderr)
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("JSON on stdout")
    }

    fn timeline_kinds(&self, key: &str) -> Vec<String> {
        let shown = self.json(&["ticket", "show", key, "--format", "json"]);
        shown["timeline"]
            .as_array()
            .expect("a timeline")
            .iter()
            .map(|e| e["kind"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}

#[test]
fn ticket_set_changes_each_field_as_an_event_with_old_and_new() {
    let desk = Desk::new();
    let key = desk.ok(&[
        "ticket",
        "new",
        "--caller",
        "Ödön",
        "--subject",
        "VPN drops",
    ]);
    let key = key.trim();
    let printed = desk.ok(&[
        "ticket",
        "set",
        key,
        "--status",
        "waiting_caller",
        "--impact",
        "2",
        "--urgency",
        "1",
        "--category",
        "network",
        "--subject",
        "VPN drops every hour",
        "--assignee",
        "anna",
    ]);
    assert!(
        printed.contains(&format!("{key} status: new → waiting_caller")),
        "{printed}"
    );
    assert!(
        printed.contains("priority: P3 (impact 3, urgency 3) → P1 (impact 2, urgency 1)"),
        "{printed}"
    );
    assert!(printed.contains("category: — → Network"), "{printed}");
    assert!(
        printed.contains("subject: VPN drops → VPN drops every hour"),
        "{printed}"
    );
    assert!(!printed.contains("assignee"), "already anna's: {printed}");

    let shown = desk.json(&["ticket", "show", key, "--format", "json"]);
    assert_eq!(shown["status"], "waiting_caller");
    assert_eq!(shown["subject"], "VPN drops every hour");
    assert_eq!(shown["priority"], 1);
    let kinds = desk.timeline_kinds(key);
    for kind in ["status", "priority", "category", "subject"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
    }
    let table = desk.ok(&["ticket", "show", key]);
    assert!(
        table.contains("subject “VPN drops” → “VPN drops every hour”"),
        "{table}"
    );
    assert!(table.contains("status new → waiting on caller"), "{table}");

    // The same values again: nothing to write, and said so.
    let again = desk.ok(&["ticket", "set", key, "--status", "waiting_caller"]);
    assert!(again.contains("nothing changed"), "{again}");
    assert_eq!(desk.timeline_kinds(key).len(), kinds.len());
}

#[test]
fn ticket_set_refuses_bad_values_and_writes_nothing() {
    let desk = Desk::new();
    let key = desk.ok(&[
        "ticket",
        "new",
        "--caller",
        "Ödön",
        "--subject",
        "VPN drops",
    ]);
    let key = key.trim();
    let before = desk.timeline_kinds(key).len();
    let nothing = desk.fails(2, &["ticket", "set", key]);
    assert!(nothing.contains("--status"), "{nothing}");
    desk.fails(2, &["ticket", "set", key, "--status", "done"]);
    desk.fails(2, &["ticket", "set", key, "--impact", "9"]);
    let nobody = desk.fails(
        1,
        &[
            "ticket",
            "set",
            key,
            "--status",
            "open",
            "--assignee",
            "nobody",
        ],
    );
    assert!(
        nobody.starts_with("balie: --assignee nobody: there is no such agent"),
        "{nobody}"
    );
    let plumbing = desk.fails(1, &["ticket", "set", key, "--category", "Plumbing"]);
    assert!(plumbing.contains("one of Network"), "{plumbing}");
    desk.fails(1, &["ticket", "set", "T-9999", "--status", "open"]);
    assert_eq!(
        desk.timeline_kinds(key).len(),
        before,
        "nothing was written"
    );

    // Added on purpose, a new agent is taken; from then on the roster knows them.
    let added = desk.ok(&[
        "ticket",
        "set",
        key,
        "--assignee",
        "Piet Bakker",
        "--new-agent",
    ]);
    assert!(added.contains("assignee: anna → Piet Bakker"), "{added}");
    let other = desk.ok(&["ticket", "new", "--caller", "Ödön", "--subject", "Printer"]);
    let by_start = desk.ok(&["ticket", "set", other.trim(), "--assignee", "piet"]);
    assert!(by_start.contains("anna → Piet Bakker"), "{by_start}");
}

#[test]
fn agents_come_from_the_config_roster_and_a_stranger_is_no_agent() {
    let desk = Desk::new();
    let config = desk
        .with_config("[[agents]]\nname = \"Bence Szabó\"\n\n[[agents]]\nname = \"Anouk Jansen\"\n");
    let config = config.to_str().unwrap();
    let key = desk.ok(&[
        "ticket",
        "new",
        "--caller",
        "Ödön",
        "--subject",
        "VPN drops",
    ]);
    let key = key.trim();
    let set = desk.ok(&[
        "--config",
        config,
        "ticket",
        "set",
        key,
        "--assignee",
        "bence",
    ]);
    assert!(set.contains("anna → Bence Szabó"), "{set}");

    let nobody = desk.fails(1, &["--config", config, "overdue", "--agent", "nobody"]);
    assert!(
        nobody.contains("--agent nobody: there is no such agent"),
        "{nobody}"
    );
    assert!(
        nobody.contains("Bence Szabó"),
        "the roster is named: {nobody}"
    );
    let ok = desk.ok(&["--config", config, "overdue", "--agent", "szabo"]);
    assert!(ok.contains("no overdue promises"), "{ok}");
    let ambiguous = desk.fails(1, &["--config", config, "report", "--agent", "an"]);
    assert!(ambiguous.contains("which agent?"), "{ambiguous}");

    let twice = desk.with_config("[[agents]]\nname = \"Bence\"\n[[agents]]\nname = \"bence\"\n");
    let error = desk.fails(1, &["--config", twice.to_str().unwrap(), "overdue"]);
    assert!(error.contains("listed twice"), "{error}");
}

#[test]
fn caller_edit_changes_details_and_prints_the_old_values() {
    let desk = Desk::new();
    let printed = desk.ok(&[
        "caller",
        "edit",
        "kovacs.odon@posta.hu",
        "--name",
        "Ödön Kovács-Tóth",
        "--org",
        "",
        "--add-phone",
        "+36 1 555 1234",
        "--remove-phone",
        "06 30 123 4567",
        "--add-email",
        "odon@example.hu",
    ]);
    assert!(
        printed.contains("name: Ödön Kovács → Ödön Kovács-Tóth"),
        "{printed}"
    );
    assert!(
        printed.contains("organisation: Magyar Posta Zrt. → "),
        "{printed}"
    );
    assert!(
        printed.contains("removed phone +36 30 123 4567"),
        "{printed}"
    );
    assert!(printed.contains("added phone +36 1 555 1234"), "{printed}");
    let found = desk.json(&["caller", "find", "Kovács-Tóth", "--format", "json"]);
    assert_eq!(found[0]["phones"], serde_json::json!(["+36 1 555 1234"]));
    assert_eq!(found[0]["organization"], "");

    let missing = desk.fails(1, &["caller", "edit", "Ödön", "--remove-email", "x@y.z"]);
    assert!(missing.contains("has no e-mail x@y.z"), "{missing}");
    desk.fails(2, &["caller", "edit", "Ödön"]);
    let several = desk.fails(3, &["caller", "edit", "vries", "--org", "X"]);
    assert!(several.contains("matches 2 callers"), "{several}");
}

#[test]
fn duplicates_are_listed_and_a_merge_moves_everything_to_the_caller_kept() {
    let mut desk = Desk::new();
    let listed = desk.json(&["caller", "duplicates", "--format", "json"]);
    let pairs = listed.as_array().expect("pairs");
    assert_eq!(pairs.len(), 1, "{listed}");
    let names = [
        pairs[0]["caller"].as_str().unwrap(),
        pairs[0]["other"].as_str().unwrap(),
    ];
    assert!(
        names.contains(&"Jan de Vries") && names.contains(&"J. de Vries"),
        "{listed}"
    );
    assert_eq!(pairs[0]["shared"], "phone");

    let kept_ticket = desk.ok(&[
        "ticket",
        "new",
        "--caller",
        "jan.devries@utrecht.nl",
        "--subject",
        "VPN",
    ]);
    let moved_ticket = desk.ok(&[
        "ticket",
        "new",
        "--caller",
        "jdv@home.nl",
        "--subject",
        "Printer",
    ]);
    let moved_ticket = moved_ticket.trim();
    let promise = desk.ok(&[
        "promise",
        moved_ticket,
        "--due",
        "+2h",
        "call back about the printer",
    ]);

    let gone = desk.json(&["caller", "find", "jdv@home.nl", "--format", "json"]);
    let gone_id = gone[0]["id"].as_str().expect("an id").to_string();
    let merged = desk.ok(&["caller", "merge", "jan.devries@utrecht.nl", "jdv@home.nl"]);
    assert!(merged.starts_with("merged J. de Vries"), "{merged}");
    assert!(
        merged.contains("moved 1 ticket, 1 promise and 1 phone, e-mail or identifier"),
        "{merged}"
    );

    let shown = desk.json(&["ticket", "show", moved_ticket, "--format", "json"]);
    assert_eq!(shown["caller"], "Jan de Vries");
    let table = desk.ok(&["ticket", "show", moved_ticket]);
    assert!(
        table.contains("caller J. de Vries merged into Jan de Vries"),
        "{table}"
    );
    assert!(
        desk.timeline_kinds(moved_ticket)
            .iter()
            .any(|k| k == "caller_merged")
    );
    let overdue = desk.json(&["ticket", "show", moved_ticket, "--format", "json"]);
    assert!(
        overdue.to_string().contains(promise.trim()),
        "the promise is still there"
    );
    let jan = desk.json(&["caller", "find", "jdv@home.nl", "--format", "json"]);
    assert_eq!(jan.as_array().unwrap().len(), 1);
    assert_eq!(jan[0]["name"], "Jan de Vries");
    assert_eq!(
        desk.ok(&["caller", "duplicates"]).trim(),
        "no likely duplicates"
    );
    let mine = desk.ok(&["ticket", "list", "--format", "ids"]);
    assert!(mine.contains(kept_ticket.trim()) && mine.contains(moved_ticket));

    let checked = desk.ok(&["check"]);
    assert!(!checked.is_empty(), "check reports on the merged desk");

    // A whole-desk export and import keeps the merge and the caller history: the entry
    // merged away stays a pointer, not a second caller.
    let file = desk.home.path().join("desk.json");
    let file = file.to_str().expect("utf-8 path");
    desk.ok(&["export", "json", file]);
    desk.db = desk.home.path().join("copy.db");
    desk.ok(&["import", "json", file]);
    let found = desk.json(&["caller", "find", "de vries", "--format", "json"]);
    let names: Vec<&str> = found
        .as_array()
        .expect("callers")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["Jan de Vries"], "{found}");
    let shown = desk.json(&["ticket", "show", moved_ticket, "--format", "json"]);
    assert_eq!(shown["caller"], "Jan de Vries");
    let again = desk.fails(1, &["caller", "edit", &gone_id, "--org", "X"]);
    assert!(again.contains("was merged into Jan de Vries"), "{again}");

    let same = desk.fails(1, &["caller", "merge", "Ödön", "kovacs.odon@posta.hu"]);
    assert!(same.contains("the same caller"), "{same}");
    desk.fails(3, &["caller", "merge", "Ödön", "nobody@nowhere"]);
}
