//! `balie note TICKET TEXT`, or the note from stdin: `git log -1 | balie note T-1042`.

use std::io::Read;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};

use crate::domain::Ticket;
use crate::domain::text::Field;
use crate::store::Store;

/// A note longer than this is a mistake (a binary or a whole log piped in), not a note.
pub const NOTE_MAX_BYTES: usize = 1024 * 1024;

/// Adds a note to the ticket. With no words, or the single word `-`, the note is read
/// from `stdin`. An empty note is refused; nothing is written then.
pub fn note(
    store: &mut Store,
    ticket: &str,
    words: &[String],
    stdin: &mut impl Read,
    now: DateTime<Utc>,
) -> Result<Ticket> {
    let ticket = super::find_ticket(store, ticket)?;
    let text = match words {
        [] => read_note(stdin)?,
        [dash] if dash == "-" => read_note(stdin)?,
        words => words.join(" "),
    };
    if text.trim().is_empty() {
        bail!("the note is empty; nothing was saved");
    }
    let from = if words.is_empty() || words == ["-"] {
        "the note on stdin"
    } else {
        "the note"
    };
    let text = super::accept(from, Field::Note, &text)?;
    store.add_note(&ticket.id, &text, now)?;
    Ok(ticket)
}

fn read_note(stdin: &mut impl Read) -> Result<String> {
    let mut bytes = Vec::new();
    stdin
        .take(NOTE_MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .context("reading the note from stdin")?;
    if bytes.len() > NOTE_MAX_BYTES {
        bail!(
            "the note on stdin is longer than {} KiB; nothing was saved",
            NOTE_MAX_BYTES / 1024
        );
    }
    String::from_utf8(bytes).context("the note on stdin is not UTF-8 text; nothing was saved")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EventKind;

    fn desk() -> (Store, String) {
        let (store, ticket) = crate::store::fixtures::one_call("Piet", "Printer jams", Utc::now());
        (store, ticket.id)
    }

    fn notes(store: &Store, ticket_id: &str) -> Vec<String> {
        let timeline = store.timeline(ticket_id, 50).unwrap();
        timeline
            .into_iter()
            .filter(|e| e.kind == EventKind::Note)
            .map(|e| e.text)
            .collect()
    }

    fn words(text: &[&str]) -> Vec<String> {
        text.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_note_comes_from_the_words_or_from_stdin() {
        let (mut store, id) = desk();
        let mut unused = "ignored".as_bytes();
        note(
            &mut store,
            "t-1001",
            &words(&["toner", "ordered"]),
            &mut unused,
            Utc::now(),
        )
        .unwrap();
        let mut piped = "line one\nline two\n".as_bytes();
        note(&mut store, "1001", &[], &mut piped, Utc::now()).unwrap();
        let mut dash = "from a pipe".as_bytes();
        note(&mut store, &id, &words(&["-"]), &mut dash, Utc::now()).unwrap();
        assert_eq!(
            notes(&store, &id),
            ["toner ordered", "line one\nline two", "from a pipe"]
        );
    }

    #[test]
    fn empty_huge_or_binary_notes_are_refused_and_nothing_is_saved() {
        let (mut store, id) = desk();
        let huge = vec![b'x'; NOTE_MAX_BYTES + 1];
        let cases: [(&[u8], &str); 3] = [
            (b" \n\t\n", "the note is empty"),
            (&huge, "longer than 1024 KiB"),
            (b"\xff\xfe", "not UTF-8"),
        ];
        for (input, complaint) in cases {
            let mut stdin = input;
            let error = note(&mut store, "T-1001", &[], &mut stdin, Utc::now()).unwrap_err();
            assert!(format!("{error:#}").contains(complaint), "{error:#}");
        }
        let error = note(
            &mut store,
            "T-1001",
            &words(&["", " "]),
            &mut &b""[..],
            Utc::now(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("empty"), "{error}");
        let error = note(
            &mut store,
            "T-77",
            &words(&["x"]),
            &mut &b""[..],
            Utc::now(),
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "no ticket T-77");
        assert!(notes(&store, &id).is_empty());
    }
}
