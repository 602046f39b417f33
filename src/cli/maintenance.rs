//! The keeper's commands: `balie backup`, `balie check` and `balie forget`, each on the desk's
//! file as a whole rather than on its tickets.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};

use crate::cli::output::plural;
use crate::config::Config;
use crate::domain::Caller;
use crate::domain::fold::fold;
use crate::store::{self, ForgetLookup, Forgotten, RowCounts, Store};

/// How often `forget` tries again for the write lock while another desk keeps taking it.
const FORGET_TRIES: u32 = 10;

/// `balie backup FILE`.
pub fn backup(db: &Path, file: &Path, out: &mut impl Write) -> Result<()> {
    require_desk(db)?;
    let written = store::backup(db, file)
        .with_context(|| format!("backing up {} to {}", db.display(), file.display()))?;
    writeln!(
        out,
        "wrote {} ({} bytes): {}",
        written.path.display(),
        written.bytes,
        rows(&written.rows)
    )?;
    Ok(())
}

/// `balie check`: the report on `out`, and an error (exit code 1) when anything is wrong.
/// `balie check --rebuild`: the kept figures and caller cards thrown away and worked out
/// again from the events, and how many of the kept ones were not what the events say.
pub fn rebuild_figures(store: &mut Store, out: &mut impl Write) -> Result<()> {
    let kept = store.kept_figures()?;
    store.rebuild_figures()?;
    let rebuilt = store.kept_figures()?;
    let differed = count_differences(&kept, &rebuilt);
    writeln!(
        out,
        "figures rebuilt from the events: {}; {} differed from the kept ones",
        plural(rebuilt.len() as i64, "row", "rows"),
        differed
    )?;
    let (cards, differed) = store.rebuild_caller_cards()?;
    writeln!(
        out,
        "caller cards rebuilt: {}; {} differed from the kept ones",
        plural(cards as i64, "card", "cards"),
        differed
    )?;
    Ok(())
}

/// Rows whose kept figures were wrong, missing or left over: lines are `kind id figures…`.
fn count_differences(kept: &[String], rebuilt: &[String]) -> usize {
    use std::collections::{HashMap, HashSet};
    let key = |line: &String| line.splitn(3, ' ').take(2).collect::<Vec<_>>().join(" ");
    let kept: HashMap<String, &String> = kept.iter().map(|l| (key(l), l)).collect();
    let rebuilt: HashMap<String, &String> = rebuilt.iter().map(|l| (key(l), l)).collect();
    let keys: HashSet<&String> = kept.keys().chain(rebuilt.keys()).collect();
    keys.into_iter()
        .filter(|k| kept.get(*k) != rebuilt.get(*k))
        .count()
}

pub fn check(db: &Path, out: &mut impl Write) -> Result<()> {
    require_desk(db)?;
    let report = store::check(db).with_context(|| format!("checking {}", db.display()))?;
    writeln!(out, "{}: {} bytes", db.display(), report.bytes)?;
    if let Some(wal) = report.wal_bytes {
        writeln!(out, "write-ahead log: {wal} bytes")?;
    }
    if let Some(id) = report.application_id {
        let whose = if id == store::APPLICATION_ID {
            "balie".to_string()
        } else {
            format!("{id:#010x}")
        };
        writeln!(out, "application id: {whose}")?;
    }
    if let Some(schema) = report.schema {
        let known = report.known_schema;
        let note = if schema < known {
            "; upgraded when a desk next opens it"
        } else {
            ""
        };
        writeln!(out, "schema: {schema} (this balie knows {known}{note})")?;
    }
    if let Some(counts) = &report.rows {
        writeln!(out, "holds {}", rows(counts))?;
    }
    if let Some(unreviewed) = report.unreviewed.filter(|n| *n > 0) {
        writeln!(
            out,
            "{} flagged by `balie forget` still to review",
            plural(unreviewed, "note", "notes")
        )?;
    }
    if report.is_ok() {
        writeln!(out, "integrity: ok\nforeign keys: ok\nall well")?;
        return Ok(());
    }
    writeln!(out, "problems:")?;
    for problem in &report.problems {
        writeln!(out, "  - {problem}")?;
    }
    bail!(
        "{} found in {}",
        plural(report.problems.len() as i64, "problem", "problems"),
        db.display()
    )
}

/// What `balie forget` was asked to do.
pub struct Forget<'a> {
    pub db: &'a Path,
    pub caller: &'a str,
    pub yes: bool,
    pub vacuum: bool,
}

/// `balie forget CALLER`. Never prints the erased data itself except to the terminal that
/// confirms it: the output of scripts ends up in logs.
pub fn forget(
    store: &mut Store,
    forget: &Forget,
    config: &Config,
    now: DateTime<Utc>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    let (caller_id, erased) = match store.find_caller_to_forget(forget.caller)? {
        ForgetLookup::NotFound => {
            bail!("no caller matches `{}`; nothing was erased", forget.caller)
        }
        ForgetLookup::Several(hits) => {
            crate::cli::verbs::caller::write_candidates(forget.caller, &hits, err)?;
            bail!("name one caller by its id; nothing was erased")
        }
        ForgetLookup::AlreadyForgotten { caller_id, at } => {
            writeln!(
                out,
                "caller {caller_id} was already forgotten on {}; clearing older copies from the file",
                at.with_timezone(&config.time_zone).format("%Y-%m-%d %H:%M")
            )?;
            store.clear_forgotten(&caller_id, now)?;
            (caller_id, None)
        }
        ForgetLookup::One(caller) => {
            if !forget.yes {
                if !std::io::stdin().is_terminal() {
                    bail!(
                        "forget erases for good: add --yes, or run it in a terminal to type the \
                         caller's name; nothing was erased"
                    );
                }
                if !confirm_by_name(&caller, &mut std::io::stdin().lock(), err)? {
                    bail!("the typed name does not match; nothing was erased");
                }
            }
            // A desk saving without pause can hold the write lock past one wait; nobody is on
            // the line waiting for an erase, so it tries again for a while before giving up.
            let mut tries = 0;
            let done = loop {
                match store.forget_caller(&caller.id, now) {
                    Err(error) if error.is_busy() && tries < FORGET_TRIES => {
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(fastrand::u64(
                            20..200,
                        )));
                    }
                    done => break done?,
                }
            };
            report_forgotten(&done, config, out)?;
            (caller.id.clone(), Some((caller, done)))
        }
    };
    let purged = store.purge_erased(erased.as_ref().map(|(c, d)| (c, d)), forget.vacuum)?;
    if purged.rebuilt {
        writeln!(
            out,
            "{} rebuilt: it held older copies of the erased data in its free space",
            forget.db.display()
        )?;
    }
    if !purged.log_emptied {
        bail!(
            "the caller is erased, but {}-wal still holds older copies because another desk \
             was reading; run `balie forget {caller_id} --yes` again to finish",
            forget.db.display()
        );
    }
    if purged.remains && purged.rebuilt {
        bail!(
            "the caller is erased, but their data is still found in {} after rebuilding it; \
             run `balie check` and report it",
            forget.db.display()
        );
    } else if purged.remains {
        writeln!(
            out,
            "the file was not rebuilt: older copies of the erased data remain in its free \
             space until `balie forget {caller_id}` runs again without --no-vacuum"
        )?;
    } else {
        writeln!(
            out,
            "{} and its write-ahead log read back: the erased data is gone from the file",
            forget.db.display()
        )?;
    }
    Ok(())
}

fn report_forgotten(done: &Forgotten, config: &Config, out: &mut impl Write) -> Result<()> {
    writeln!(
        out,
        "erased caller {}: name, organisation, {}, search entry",
        done.caller_id,
        plural(
            done.handles as i64,
            "phone, e-mail or identifier",
            "phones, e-mails and identifiers"
        )
    )?;
    writeln!(
        out,
        "kept {}, {} and {}, now of an anonymous caller",
        plural(done.tickets, "ticket", "tickets"),
        plural(done.promises, "promise", "promises"),
        plural(done.events, "event", "events")
    )?;
    if done.recipients > 0 {
        writeln!(
            out,
            "{} to them now read \"{}\"",
            plural(done.recipients as i64, "promise", "promises"),
            store::FORGOTTEN
        )?;
    }
    if done.questions > 0 {
        writeln!(
            out,
            "{} that named them now {} \"{}\"",
            plural(done.questions as i64, "script question", "script questions"),
            if done.questions == 1 { "reads" } else { "read" },
            store::FORGOTTEN
        )?;
    }
    if done.drafts > 0 {
        writeln!(
            out,
            "{} that named them erased",
            plural(done.drafts as i64, "unsaved draft", "unsaved drafts")
        )?;
    }
    if done.to_review.is_empty() {
        writeln!(out, "no notes mention this caller")?;
        return Ok(());
    }
    let count = done.to_review.len() as i64;
    writeln!(
        out,
        "{} this caller; review them:",
        plural(count, "note mentions", "notes mention")
    )?;
    for m in &done.to_review {
        writeln!(
            out,
            "  {}  {}  {}  event {}",
            m.ticket_key,
            m.at.with_timezone(&config.time_zone)
                .format("%Y-%m-%d %H:%M"),
            m.kind.label(),
            m.event_id
        )?;
    }
    Ok(())
}

/// Shows who is about to be erased and asks for their name, typed as search would match
/// it (accents and case aside). Returns whether it matched.
pub fn confirm_by_name(
    caller: &Caller,
    input: &mut impl BufRead,
    prompt: &mut impl Write,
) -> Result<bool> {
    writeln!(prompt, "About to erase for good:")?;
    writeln!(prompt, "  {}  {}", caller.id, caller.name)?;
    let details = [
        ("organisation", vec![caller.organization.clone()]),
        ("phones", caller.phones.clone()),
        ("e-mails", caller.emails.clone()),
        ("identifiers", caller.identifiers.clone()),
    ];
    for (label, values) in details {
        let values: Vec<String> = values.into_iter().filter(|v| !v.is_empty()).collect();
        if !values.is_empty() {
            writeln!(prompt, "  {label}: {}", values.join(", "))?;
        }
    }
    writeln!(
        prompt,
        "Their tickets, promises and timeline stay, without their name."
    )?;
    write!(prompt, "Type the caller's name to confirm: ")?;
    prompt.flush()?;
    let mut typed = String::new();
    input.read_line(&mut typed)?;
    let typed = fold(typed.trim());
    Ok(!typed.is_empty() && typed == fold(caller.name.trim()))
}

fn require_desk(db: &Path) -> Result<()> {
    if !db.exists() {
        bail!(
            "no desk at {}; name one with --db or BALIE_DB",
            db.display()
        );
    }
    Ok(())
}

fn rows(counts: &RowCounts) -> String {
    format!(
        "{}, {}, {}, {}",
        plural(counts.callers, "caller", "callers"),
        plural(counts.tickets, "ticket", "tickets"),
        plural(counts.promises, "promise", "promises"),
        plural(counts.events, "event", "events")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirming_takes_the_name_as_search_would_match_it() {
        let caller = Caller {
            id: "01a2".into(),
            name: "Ödön Kovács".into(),
            organization: "Magyar Posta Zrt.".into(),
            phones: vec!["+36 30 123 4567".into()],
            emails: Vec::new(),
            identifiers: Vec::new(),
        };
        for (typed, expected) in [
            ("odon kovacs\n", true),
            ("  Ödön Kovács  \n", true),
            ("Ödön\n", false),
            ("\n", false),
            ("", false),
        ] {
            let mut prompt = Vec::new();
            let confirmed = confirm_by_name(&caller, &mut typed.as_bytes(), &mut prompt).unwrap();
            assert_eq!(confirmed, expected, "{typed:?}");
            let prompt = String::from_utf8(prompt).unwrap();
            assert!(prompt.contains("phones: +36 30 123 4567"), "{prompt}");
            assert!(prompt.ends_with("Type the caller's name to confirm: "));
        }
    }
}
