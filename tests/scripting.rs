//! The verbs for scripts as a shell user runs them: the real binary, through `assert_cmd`,
//! in a home folder of the test's own. What one verb prints, the next one takes.

mod support;

use std::path::{Path, PathBuf};

use support::cli::{balie_cmd, text};

/// A desk with three callers, made the way a user makes one: by importing a CSV.
struct Desk {
    home: tempfile::TempDir,
    db: PathBuf,
}

impl Desk {
    fn new() -> Desk {
        let home = tempfile::tempdir().expect("home");
        let db = home.path().join("desk.db");
        let csv = home.path().join("callers.csv");
        std::fs::write(
            &csv,
            "name,organization,phone,email,identifiers\n\
             Jan de Vries,Gemeente Utrecht,+31 6 1234 5678,jan.devries@utrecht.nl,NB-20431\n\
             Janet Vrieling,Acme Ltd,+44 20 7946 0123,janet@acme.co.uk,KLANT-0042\n\
             Ödön Kovács,Magyar Posta Zrt.,+36 30 123 4567,kovacs.odon@posta.hu,LIC-7F3K\n",
        )
        .expect("write csv");
        let desk = Desk { home, db };
        desk.run(&["import", "callers", path(&csv)]).success();
        desk
    }

    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.run_with_stdin(args, "")
    }

    fn run_with_stdin(&self, args: &[&str], stdin: &str) -> assert_cmd::assert::Assert {
        balie_cmd(self.home.path())
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .write_stdin(stdin)
            .assert()
    }

    /// Runs a verb that must succeed and returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args).get_output().clone();
        assert!(
            output.status.success(),
            "{args:?} failed: {}",
            text(&output.stderr)
        );
        text(&output.stdout)
    }

    /// Runs a verb that must fail with `code` and returns its stderr.
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

    fn open_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .ok(&["ticket", "list", "--format", "ids"])
            .lines()
            .map(String::from)
            .collect();
        keys.sort();
        keys
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn a_ticket_is_opened_noted_promised_and_kept_from_the_shell() {
    let desk = Desk::new();
    let key = desk.ok(&[
        "ticket",
        "new",
        "--caller",
        "odon",
        "--subject",
        "Printer jams",
        "--impact",
        "2",
        "--urgency",
        "1",
        "--category",
        "printing",
        "--note",
        "paper jam on floor 2",
    ]);
    assert_eq!(key, "T-1001\n");
    // A phone number in another format finds the caller too.
    let second = desk.ok(&[
        "ticket",
        "new",
        "--caller",
        "0612345678",
        "--subject",
        "VPN",
    ]);
    assert_eq!(second, "T-1002\n");
    assert_eq!(desk.open_keys(), ["T-1001", "T-1002"]);

    desk.ok(&["note", "T-1001", "toner", "ordered"]);
    desk.run_with_stdin(&["note", "t-1001"], "from a pipe\nsecond line\n")
        .success();
    desk.run_with_stdin(&["note", "1001", "-"], "with a dash")
        .success();

    let promise_id = desk.ok(&["promise", "T-1001", "--due", "+2h", "call", "back"]);
    let promise_id = promise_id.trim();
    let shown = desk.json(&["ticket", "show", "T-1001", "--format", "json"]);
    assert_eq!(shown["ticket"], "T-1001");
    assert_eq!(shown["caller"], "Ödön Kovács");
    assert_eq!(shown["category"], "Printing");
    assert_eq!(
        shown["priority"], 1,
        "impact 2 × urgency 1 is P1 by the default matrix"
    );
    assert_eq!(shown["assignee"], "anna");
    assert_eq!(shown["open_promises"][0]["promise_id"], promise_id);

    desk.ok(&["kept", promise_id, "--note", "engineer came"]);
    let shown = desk.json(&["ticket", "show", "T-1001", "--format", "json"]);
    assert!(shown["open_promises"].as_array().expect("array").is_empty());
    let timeline: Vec<(String, String)> = shown["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap_or_default().into(),
                e["text"].as_str().unwrap_or_default().into(),
            )
        })
        .collect();
    let expect = |kind: &str, text: &str| {
        assert!(
            timeline.contains(&(kind.to_string(), text.to_string())),
            "{kind} {text:?} missing from {timeline:?}"
        );
    };
    expect("contact_in", "paper jam on floor 2");
    expect("note", "toner ordered");
    expect("note", "from a pipe\nsecond line");
    expect("note", "with a dash");
    expect("contact_out", "engineer came");
    expect("promise_kept", "call back");

    let again = desk.fails(1, &["kept", promise_id]);
    assert!(again.contains("already kept"), "{again}");

    let table = desk.ok(&["ticket", "show", "T-1001"]);
    assert!(table.starts_with("T-1001 · Printer jams\n"), "{table}");
    assert!(
        table.contains("note: from a pipe\n    second line"),
        "{table}"
    );
}

#[test]
fn listings_filter_and_their_ids_feed_the_next_verb() {
    let desk = Desk::new();
    for subject in ["VPN drops", "Printer jams", "Mailbox full"] {
        desk.ok(&[
            "ticket",
            "new",
            "--caller",
            "NB-20431",
            "--subject",
            subject,
        ]);
    }
    // `balie ticket list --format ids | xargs -n1 balie ticket show`
    for key in desk.open_keys() {
        let shown = desk.ok(&["ticket", "show", &key]);
        assert!(shown.starts_with(&format!("{key} · ")), "{shown}");
    }
    let mine = desk.json(&["ticket", "list", "--mine", "--format", "json"]);
    assert_eq!(mine.as_array().expect("array").len(), 3);
    assert_eq!(mine[0]["ticket"], "T-1003", "latest activity first");
    assert_eq!(mine[0]["caller"], "Jan de Vries");
    assert_eq!(
        desk.ok(&["ticket", "list", "--assignee", "bence"]),
        "no tickets\n"
    );
    assert_eq!(
        desk.ok(&["ticket", "list", "--status", "resolved", "--format", "ids"]),
        ""
    );
    let csv = desk.ok(&["ticket", "list", "--status", "new,open", "--format", "csv"]);
    assert!(
        csv.starts_with("ticket,id,subject,status,priority,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4);

    let limited = desk
        .run(&["ticket", "list", "--limit", "2", "--format", "ids"])
        .success();
    assert_eq!(text(&limited.get_output().stdout).lines().count(), 2);
    assert!(text(&limited.get_output().stderr).contains("--limit shows more"));

    // `balie caller find … --format ids` gives ids that `--caller` takes.
    let ids = desk.ok(&["caller", "find", "jan", "--format", "ids"]);
    let ids: Vec<&str> = ids.lines().collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let key = desk.ok(&["ticket", "new", "--caller", ids[1], "--subject", "by id"]);
    let shown = desk.json(&["ticket", "show", key.trim(), "--format", "json"]);
    assert_eq!(shown["caller_id"], ids[1]);
    let found = desk.json(&["caller", "find", "kovacs", "--format", "json"]);
    assert_eq!(found[0]["name"], "Ödön Kovács");
    assert_eq!(found[0]["emails"][0], "kovacs.odon@posta.hu");
    let table = desk.ok(&["caller", "find", "+44 20 7946 0123"]);
    assert!(table.contains("Janet Vrieling"), "{table}");
}

#[test]
fn bad_input_is_refused_on_stderr_with_its_exit_code_and_writes_nothing() {
    let desk = Desk::new();
    desk.ok(&[
        "ticket",
        "new",
        "--caller",
        "Jan de Vries",
        "--subject",
        "VPN drops",
    ]);

    let several = desk.fails(3, &["ticket", "new", "--caller", "vri", "--subject", "x"]);
    assert!(
        several.starts_with("balie: `vri` matches 2 callers:\n"),
        "{several}"
    );
    assert!(
        several.ends_with("balie: name one caller by its id\n"),
        "{several}"
    );
    assert!(several.contains("Janet Vrieling · Acme Ltd"), "{several}");
    let nobody = desk.fails(
        3,
        &["ticket", "new", "--caller", "Piet Bakker", "--subject", "x"],
    );
    assert!(
        nobody.contains("no caller matches `Piet Bakker`"),
        "{nobody}"
    );
    let nobody = desk.fails(3, &["caller", "find", "zzqx"]);
    assert!(nobody.contains("no caller matches"), "{nobody}");

    for (args, complaint) in [
        (
            vec![
                "ticket",
                "new",
                "--caller",
                "jan de vries",
                "--subject",
                "x",
                "--category",
                "Plumbing",
            ],
            "--category Plumbing: one of Network",
        ),
        (
            vec![
                "ticket",
                "new",
                "--caller",
                "jan de vries",
                "--subject",
                " ",
            ],
            "--subject is empty",
        ),
        (vec!["ticket", "show", "T-999"], "no ticket T-999"),
        (vec!["note", "T-999", "x"], "no ticket T-999"),
        (vec!["note", "T-1001"], "the note is empty"),
        (
            vec!["promise", "T-1001", "--due", "someday", "x"],
            "--due someday",
        ),
        (vec!["kept", "T-1001"], "not a promise id"),
        (
            vec!["kept", "01a20785-956b-70b9-ad0e-d807fa336ca9"],
            "no promise 01a20785",
        ),
        (
            vec![
                "ticket",
                "show",
                "T-1001",
                "--format",
                "json",
                "--db",
                "/nonexistent/x.db",
            ],
            "no desk at",
        ),
    ] {
        let stderr = desk.fails(1, &args);
        assert!(stderr.contains(complaint), "{args:?}: {stderr}");
        assert!(stderr.starts_with("balie: "), "{stderr}");
    }
    for args in [
        vec![
            "ticket",
            "new",
            "--caller",
            "jan de vries",
            "--subject",
            "x",
            "--impact",
            "7",
        ],
        vec!["ticket", "new", "--subject", "x"],
        vec!["ticket", "list", "--status", "pending"],
        vec!["ticket", "list", "--mine", "--assignee", "bence"],
        vec!["ticket", "list", "--format", "xml"],
        vec!["caller", "find", "jan", "--limit", "0"],
    ] {
        let stderr = desk.fails(2, &args);
        // A usage error reads like every other error.
        assert!(stderr.starts_with("balie: "), "{args:?}: {stderr}");
    }
    assert_eq!(desk.open_keys(), ["T-1001"], "nothing was written");
    // A whole word of a name names that caller, as a person would.
    for (named, who) in [("jan", "Jan de Vries"), ("Ödön", "Ödön Kovács")] {
        let key = desk.ok(&["ticket", "new", "--caller", named, "--subject", "x"]);
        let shown = desk.ok(&["ticket", "show", key.trim()]);
        assert!(shown.contains(who), "{named}: {shown}");
    }
    let shown = desk.json(&["ticket", "show", "T-1001", "--format", "json"]);
    let notes = shown["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter(|e| e["kind"] == "note")
        .count();
    assert_eq!(notes, 0, "the empty note was not saved");
}

#[test]
fn completion_scripts_and_the_man_page_come_from_the_command_line() {
    let home = tempfile::tempdir().expect("home");
    let verbs = [
        "ticket",
        "caller",
        "note",
        "promise",
        "kept",
        "overdue",
        "completions",
        "man",
    ];
    for shell in ["bash", "zsh", "fish"] {
        // Neither a broken config nor a missing desk stops an install script.
        let output = balie_cmd(home.path())
            .args(["--config", "/nonexistent/config.toml", "completions", shell])
            .assert()
            .success()
            .get_output()
            .clone();
        let script = text(&output.stdout);
        for verb in verbs {
            assert!(script.contains(verb), "{shell} completion lacks {verb}");
        }
        assert!(
            !script.contains("bench"),
            "{shell} completion offers the hidden bench"
        );
        if shell == "bash"
            && std::process::Command::new("bash")
                .arg("--version")
                .output()
                .is_ok()
        {
            let file = home.path().join("balie.bash");
            std::fs::write(&file, &script).expect("write script");
            let check = std::process::Command::new("bash")
                .arg("-n")
                .arg(&file)
                .output()
                .expect("bash -n");
            assert!(check.status.success(), "{}", text(&check.stderr));
        }
    }
    balie_cmd(home.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);

    let output = balie_cmd(home.path())
        .arg("man")
        .assert()
        .success()
        .get_output()
        .clone();
    let page = text(&output.stdout);
    assert!(page.contains(".TH balie 1"), "{page}");
    for verb in verbs {
        assert!(
            page.contains(&format!("balie\\-{verb}(1)")),
            "the man page lacks {verb}"
        );
    }
    assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
    assert!(
        !page.contains("bench"),
        "the man page shows the hidden bench"
    );

    // The pages balie.1 refers to exist once written to a folder.
    let pages = home.path().join("man1");
    balie_cmd(home.path())
        .args(["man", "--dir"])
        .arg(&pages)
        .assert()
        .success();
    let written = |name: &str| std::fs::read_to_string(pages.join(name)).unwrap_or_default();
    assert_eq!(
        written("balie.1"),
        page,
        "balie.1 is the page `balie man` prints"
    );
    for verb in verbs {
        let sub = written(&format!("balie-{verb}.1"));
        assert!(sub.contains(".TH"), "no page for balie {verb}");
    }
    assert!(written("balie-ticket-list.1").contains("\\-\\-status"));
    assert!(
        !pages.join("balie-bench.1").exists(),
        "a page for the hidden bench"
    );
    assert!(!home.path().join("data").exists(), "no desk was made");
}
