use std::path::Path;

use super::fill::{Facts, fill};
use super::rank::{Situation, ranked};
use super::*;

fn script(text: &str) -> Script {
    match parse("t", text, Path::new("t.toml")) {
        Ok(script) => script,
        Err(error) => panic!("{error}"),
    }
}

fn refused(text: &str) -> String {
    match parse("mine", text, Path::new("/k/scripts/mine.toml")) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(error) => error.to_string(),
    }
}

const MODEM: &str = r#"
title = "Modem"

[[step]]
id = "light"
question = "Is the light on the modem red?"
answer = [
  { text = "Yes", next = "restart" },
  { text = "No", next = "cable" },
]

[[step]]
id = "cable"
question = "Is the cable in?"
answer = [
  { text = "Yes", escalate = "Send an engineer", group = "Network" },
  { text = "No", resolve = "Plug the cable in" },
]

[[step]]
id = "restart"
question = "Restart the modem. Green now?"
answer = [
  { text = "Yes", resolve = "Restarted the modem" },
  { text = "No", next = "cable" },
]
"#;

#[test]
fn every_shipped_script_parses_and_validates() {
    let library = Library::shipped();
    assert_eq!(library.errors, Vec::new());
    assert_eq!(library.scripts.len(), SHIPPED.len());
    for (id, _) in SHIPPED {
        let script = library.get(id).unwrap_or_else(|| panic!("{id} is shipped"));
        assert!(script.steps.len() >= 4, "{id} is a real script");
        let endings = script.steps.iter().any(|s| match &s.reply {
            Reply::Choices(a) => a.iter().any(|a| !matches!(a.then, Then::Step(_))),
            Reply::Text(then) => !matches!(then, Then::Step(_)),
        });
        assert!(endings, "{id} ends somewhere");
    }
}

#[test]
fn every_file_in_the_assets_folder_is_shipped() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scripts");
    let mut on_disk: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            (path.extension()? == "toml").then(|| path.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = SHIPPED.iter().map(|(s, _)| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn the_problem_analysis_takes_typed_answers() {
    let library = Library::shipped();
    let script = library.get(PROBLEM_ANALYSIS).expect("shipped");
    assert_eq!(script.offer, Offer::NewTicket);
    let first = &script.steps[script.first];
    assert!(first.question.starts_with("Symptom"));
    assert!(matches!(first.reply, Reply::Text(_)));
    let run = Run::start(script);
    let run = run
        .answer(script, Given::Text("  Outlook crashes at start "), "q")
        .expect("typed text answers a free-text step");
    assert_eq!(run.path[0].answer, "Outlook crashes at start");
    assert!(script.steps[run.at].question.starts_with("Since when"));
    assert_eq!(run.answer(script, Given::Text("   "), "q"), None);
    assert_eq!(run.answer(script, Given::Choice(0), "q"), None);
}

#[test]
fn answering_walks_the_branches_to_the_right_ending() {
    let script = script(MODEM);
    let run = Run::start(&script);
    assert_eq!(script.steps[run.at].id, "light");
    // Red light → restart → still not green → cable is in → escalate.
    let run = run.answer(&script, Given::Choice(0), "red?").expect("yes");
    assert_eq!(script.steps[run.at].id, "restart");
    let run = run.answer(&script, Given::Choice(1), "green?").expect("no");
    assert_eq!(script.steps[run.at].id, "cable");
    let run = run
        .answer(&script, Given::Choice(0), "cable?")
        .expect("yes");
    assert_eq!(
        run.ended,
        Some(Ending {
            resolution: false,
            text: "Send an engineer".into(),
            group: Some("Network".into())
        })
    );
    let answers: Vec<&str> = run.path.iter().map(|t| t.answer.as_str()).collect();
    assert_eq!(answers, ["Yes", "No", "Yes"]);
    assert_eq!(run.answer(&script, Given::Choice(0), "again"), None);

    // No red light → cable not in → resolution.
    let run = Run::start(&script)
        .answer(&script, Given::Choice(1), "red?")
        .and_then(|r| r.answer(&script, Given::Choice(1), "cable?"))
        .expect("two answers");
    assert_eq!(
        run.ended.map(|e| (e.resolution, e.text)),
        Some((true, "Plug the cable in".into()))
    );
    assert_eq!(
        Run::start(&script).answer(&script, Given::Choice(2), "?"),
        None
    );
}

#[test]
fn back_goes_to_the_step_answered_last() {
    let script = script(MODEM);
    let mut run = Run::start(&script)
        .answer(&script, Given::Choice(0), "red?")
        .expect("yes");
    assert!(run.back());
    assert_eq!(script.steps[run.at].id, "light");
    assert!(run.path.is_empty());
    assert!(!run.back());
}

fn answer(step: &str, answer: &str) -> Recorded {
    Recorded::Answer {
        step: step.into(),
        question: format!("{step}?"),
        answer: answer.into(),
    }
}

#[test]
fn a_run_is_rebuilt_from_its_recorded_answers() {
    let script = script(MODEM);
    let replayed = Run::replay(&script, &[answer("light", "Yes"), answer("restart", "No")]);
    assert_eq!(replayed.changed, None);
    assert_eq!(script.steps[replayed.run.at].id, "cable");
    assert_eq!(replayed.run.path.len(), 2);
    // The agent went back to the first step and answered again.
    let replayed = Run::replay(
        &script,
        &[
            answer("light", "Yes"),
            answer("restart", "No"),
            answer("light", "No"),
        ],
    );
    assert_eq!(script.steps[replayed.run.at].id, "cable");
    assert_eq!(replayed.run.path.len(), 1);
    // Went back one step, then left.
    let replayed = Run::replay(
        &script,
        &[
            answer("light", "Yes"),
            answer("restart", "No"),
            Recorded::Left {
                step: "restart".into(),
            },
        ],
    );
    assert_eq!(script.steps[replayed.run.at].id, "restart");
    assert_eq!(replayed.run.path.len(), 1);
}

#[test]
fn a_step_the_script_lost_is_skipped_and_named() {
    let script = script(MODEM);
    let replayed = Run::replay(&script, &[answer("light", "Yes"), answer("gone", "Yes")]);
    assert_eq!(replayed.changed.as_deref(), Some("gone"));
    assert_eq!(script.steps[replayed.run.at].id, "restart");
    let replayed = Run::replay(&script, &[answer("light", "Perhaps")]);
    assert_eq!(replayed.changed.as_deref(), Some("light"));
    assert_eq!(script.steps[replayed.run.at].id, "light");
}

#[test]
fn a_dangling_branch_is_refused_at_its_place() {
    let text = MODEM.replace(
        r#"next = "cable" },
]

[[step]]
id = "cable""#,
        r#"next = "cabel" },
]

[[step]]
id = "cable""#,
    );
    let error = refused(&text);
    assert_eq!(
        error,
        "/k/scripts/mine.toml:9:25: there is no step `cabel` to go to"
    );
}

#[test]
fn an_unreachable_step_is_refused_at_its_id() {
    let text = format!(
        "{MODEM}\n[[step]]\nid = \"lonely\"\nquestion = \"?\"\nanswer = [{{ text = \"ok\", resolve = \"done\" }}]\n"
    );
    let error = refused(&text);
    let line = text
        .lines()
        .position(|l| l.contains("lonely"))
        .map(|i| i + 1);
    assert_eq!(
        error,
        format!(
            "/k/scripts/mine.toml:{}:6: step `lonely` cannot be reached from the first step",
            line.unwrap_or(0)
        )
    );
}

#[test]
fn bad_toml_names_file_line_and_column() {
    let error = refused("title = \"Broken\"\n\n[[step]]\nid = \"a\nquestion = \"?\"\n");
    assert!(error.starts_with("/k/scripts/mine.toml:4:"), "{error}");
    let error = refused("title = \"x\"\nsteps = []\n");
    assert!(error.starts_with("/k/scripts/mine.toml:2:1: "), "{error}");
    assert!(error.contains("steps"), "{error}");
}

#[test]
fn a_step_without_answers_or_a_way_on_is_refused() {
    let error = refused("title = \"x\"\n[[step]]\nid = \"a\"\nquestion = \"?\"\n");
    assert_eq!(
        error,
        "/k/scripts/mine.toml:3:6: step `a` has no answers; add [[step.answer]] or set free_text = true"
    );
    let error = refused("title = \"x\"\n");
    assert!(error.contains("no steps"), "{error}");
    let error = refused(
        "title = \"x\"\n[[step]]\nid = \"a\"\nquestion = \"{callr}?\"\nfree_text = true\nresolve = \"ok\"\n",
    );
    assert!(error.contains("{callr} is not a placeholder"), "{error}");
    let error = refused(
        "title = \"x\"\n[[step]]\nid = \"a\"\nquestion = \"?\"\nanswer = [{ text = \"y\", next = \"a\", resolve = \"ok\" }]\n",
    );
    assert!(error.contains("only one of"), "{error}");
}

#[test]
fn own_scripts_replace_shipped_ones_and_bad_ones_are_skipped() {
    let folder = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        std::fs::write(folder.path().join(name), text).expect("write");
    };
    write("printer.toml", &MODEM.replace("Modem", "Our printer"));
    write("broken.toml", "title = \n");
    write("extra.toml", MODEM);
    write("notes.txt", "not a script");
    let library = Library::load(Some(folder.path()), &["Level 2", "Network"]);
    assert_eq!(library.scripts.len(), SHIPPED.len() + 1);
    let printer = library.get("printer").expect("printer");
    assert_eq!(printer.title, "Our printer");
    assert!(printer.own);
    assert!(library.get("extra").is_some_and(|s| s.own));
    assert_eq!(library.errors.len(), 1);
    let error = library.errors[0].to_string();
    assert!(error.contains("broken.toml:1:"), "{error}");
    // No folder at all is no error.
    let none = Library::load(Some(&folder.path().join("missing")), &["Level 2"]);
    assert_eq!(none, Library::shipped());
}

/// A group the config does not have sets the script aside, naming the line that names it;
/// the shipped script it would replace stays.
#[test]
fn a_group_the_config_lacks_is_named_at_its_line() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(folder.path().join("printer.toml"), MODEM).expect("write");
    let library = Library::load(Some(folder.path()), &["Level 2", "Level 3"]);
    let errors: Vec<String> = library.errors.iter().map(ToString::to_string).collect();
    let expected = format!(
        "{}:16:58: group `Network` is not one of the config's groups (Level 2, Level 3); \
         name one of them, or add it under [[groups]]",
        folder.path().join("printer.toml").display()
    );
    assert_eq!(errors, [expected]);
    assert!(library.get("printer").is_some_and(|s| !s.own));
    assert_eq!(script(MODEM).groups, [("Network".to_string(), (16, 58))]);
}

#[test]
fn placeholders_are_filled_and_missing_ones_say_so() {
    let mut facts = Facts {
        missing: "(not known)".into(),
        ..Facts::default()
    };
    facts.set("caller", "Jan de Vries");
    facts.set("phone", "");
    assert_eq!(
        fill("Greet {caller}. Still on {phone}? {not one} {x", &facts),
        "Greet Jan de Vries. Still on (not known)? {not one} {x"
    );
}

#[test]
fn the_picker_offers_what_fits_the_moment_first() {
    let library = Library::shipped();
    let ids = |situation: &Situation| -> Vec<String> {
        ranked(&library, situation)
            .iter()
            .map(|s| s.id.clone())
            .collect()
    };
    let new = Situation {
        new_ticket: true,
        call_taken: true,
        subject: "VPN drops every hour".into(),
    };
    assert_eq!(ids(&new)[..3], ["problem-analysis", "call-opening", "vpn"]);
    let later = Situation {
        new_ticket: false,
        call_taken: false,
        subject: "Nyomtató nem működik".into(),
    };
    assert_eq!(ids(&later)[0], "printer");
}

#[test]
fn the_readme_example_is_a_valid_script() {
    let readme = include_str!("../../../README.md");
    let section = readme
        .split("## Troubleshooting scripts")
        .nth(1)
        .expect("the README has the section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the section has an example");
    let script = script(example);
    assert_eq!(script.steps.len(), 3);
}
