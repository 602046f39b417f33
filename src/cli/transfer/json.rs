//! Reading JSON so that a problem is reported by its line: the syntax by serde_json's own
//! line and column, and a bad record by the line where it starts in the file.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::TransferError;

/// The text of a file, or an error naming the file if it is not UTF-8.
pub(super) fn text<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, TransferError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
        TransferError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: "not valid UTF-8".into(),
        }
    })
}

/// Parses `text` whole; a syntax error names its line and column.
pub(super) fn parse<'a, T: serde::Deserialize<'a>>(
    text: &'a str,
    path: &Path,
) -> Result<T, TransferError> {
    serde_json::from_str(text).map_err(|e| TransferError::Syntax {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: without_position(&e),
    })
}

/// The elements of a top-level array, each with the line it starts on.
pub(super) fn elements<'a>(
    text: &'a str,
    path: &Path,
) -> Result<Vec<(u64, &'a RawValue)>, TransferError> {
    let raw: Vec<&'a RawValue> = parse(text, path)?;
    Ok(raw.into_iter().map(|r| (line_of(text, r), r)).collect())
}

/// The line `part`, a slice of `whole`, starts on.
pub(super) fn line_of(whole: &str, part: &RawValue) -> u64 {
    let offset = (part.get().as_ptr() as usize)
        .saturating_sub(whole.as_ptr() as usize)
        .min(whole.len());
    1 + whole.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// One record; a problem is described for the line it starts on.
pub(super) fn record<T: DeserializeOwned>(raw: &RawValue) -> Result<T, String> {
    serde_json::from_str(raw.get()).map_err(|e| without_position(&e))
}

/// serde_json ends its messages with "at line 1 column 5", which would be the position
/// inside the record rather than in the file.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_element_knows_the_line_it_starts_on() {
        let text = "[\n  {\"a\": 1},\n\n  {\n    \"b\": [1,\n 2]\n  }, 3]";
        let lines: Vec<u64> = elements(text, Path::new("x.json"))
            .unwrap()
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        assert_eq!(lines, [2, 4, 7]);
    }

    #[test]
    fn a_bad_record_is_described_without_its_inner_position() {
        let raw: Box<RawValue> = serde_json::from_str("{\"a\": \"x\"}").unwrap();
        let problem = record::<std::collections::BTreeMap<String, u8>>(&raw).unwrap_err();
        assert!(problem.starts_with("invalid type"), "{problem}");
        assert!(!problem.contains("line"), "{problem}");
    }
}
