//! One article: a Markdown file that starts with a `---` block of `title:`, `tags:` and
//! an optional `summary:`. A mistake is reported with the line it is on, so the agent who
//! wrote the file can find it.

use crate::domain::fold::fold;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The file's name without `.md`; a link to the article is `kb:<slug>`.
    pub slug: String,
    pub title: String,
    pub tags: Vec<String>,
    /// One line for a note; the first sentence of the text when the file gives none.
    pub summary: String,
    /// The Markdown after the front matter.
    pub body: String,
    /// The whole file as read, for copying a shipped article into the agent's folder.
    pub source_text: String,
    pub own: bool,
    /// Folded title and tags, and folded body, made once so each keystroke compares ASCII.
    pub folded_title: String,
    pub folded_head: String,
    pub folded_body: String,
}

/// Why a file is not an article, and the line to look at (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The first line is not `---`.
    NoFrontMatter,
    /// No closing `---` after the opening one.
    Unclosed,
    /// A front matter line that is not `key: value`.
    NotKeyValue,
    UnknownKey(String),
    NoTitle,
    /// The file could not be read as UTF-8 text, or not at all.
    Unreadable(String),
}

pub fn parse(slug: &str, text: &str, own: bool) -> Result<Article, ParseError> {
    let fail = |line, problem| Err(ParseError { line, problem });
    // A file saved by a Windows editor starts with a byte-order mark and ends lines in CRLF.
    let text_body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text_body.lines().enumerate();
    match lines.next() {
        Some((_, first)) if first.trim_end() == "---" => {}
        _ => return fail(1, Problem::NoFrontMatter),
    }
    let (mut title, mut tags, mut summary) = (String::new(), Vec::new(), String::new());
    let mut body_start = None;
    for (index, line) in lines.by_ref() {
        let number = index + 1;
        let line = line.trim_end();
        if line == "---" {
            body_start = Some(number);
            break;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return fail(number, Problem::NotKeyValue);
        };
        let value = unquote(value.trim());
        match key.trim().to_lowercase().as_str() {
            "title" => title = value.to_string(),
            "tags" => {
                tags = value
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .split(',')
                    .map(|t| unquote(t.trim()).to_string())
                    .filter(|t| !t.is_empty())
                    .collect()
            }
            "summary" => summary = value.to_string(),
            other => return fail(number, Problem::UnknownKey(other.to_string())),
        }
    }
    let Some(closing) = body_start else {
        return fail(1, Problem::Unclosed);
    };
    if title.is_empty() {
        return fail(closing, Problem::NoTitle);
    }
    let body: String = lines.map(|(_, l)| l).collect::<Vec<_>>().join("\n");
    if summary.is_empty() {
        summary = first_sentence(&body);
    }
    let folded_head = fold(&format!("{title} {}", tags.join(" ")));
    Ok(Article {
        slug: slug.to_string(),
        folded_title: fold(&title),
        folded_body: fold(&body),
        folded_head,
        title,
        tags,
        summary,
        body,
        source_text: text.to_string(),
        own,
    })
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

/// The first sentence of the first paragraph that is plain text, without Markdown marks.
fn first_sentence(body: &str) -> String {
    let paragraph = body
        .split("\n\n")
        .map(str::trim)
        .find(|p| {
            !p.is_empty()
                && !p.starts_with('#')
                && !p.starts_with("```")
                && !p.starts_with('-')
                && !p.starts_with('>')
        })
        .unwrap_or_default();
    let plain: String = paragraph
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '`', '_'], "");
    match plain.find(". ") {
        Some(end) => plain[..=end].to_string(),
        None => plain,
    }
}

/// A file's content hash for the index: FNV-1a, so it is the same on every build.
pub fn content_hash(text: &str, own: bool) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes().chain([u8::from(own)]) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_title_tags_and_summary() {
        let text = "---\ntitle: \"Printer\"\ntags: [print, nyomtató]\n---\n# Printer\n\nCheck the paper. Then call.\n";
        let article = parse("printer", text, true).unwrap();
        assert_eq!(article.title, "Printer");
        assert_eq!(article.tags, vec!["print", "nyomtató"]);
        assert_eq!(article.summary, "Check the paper.");
        assert!(article.folded_head.contains("nyomtato"));
        assert!(article.body.starts_with("# Printer"));
    }

    #[test]
    fn each_mistake_names_its_line() {
        let at = |text: &str| parse("x", text, true).unwrap_err();
        assert_eq!(at("# no front matter").problem, Problem::NoFrontMatter);
        assert_eq!(at("---\ntitle: a\n").problem, Problem::Unclosed);
        assert_eq!(
            at("---\ntitle: a\nthis line has no colon\n---\n"),
            ParseError {
                line: 3,
                problem: Problem::NotKeyValue
            }
        );
        assert_eq!(
            at("---\ntitle: a\n\nauthor: me\n---\n"),
            ParseError {
                line: 4,
                problem: Problem::UnknownKey("author".into())
            }
        );
        assert_eq!(
            at("---\ntags: a\n---\nbody"),
            ParseError {
                line: 3,
                problem: Problem::NoTitle
            }
        );
    }

    #[test]
    fn a_windows_file_reads_the_same() {
        let text = "\u{feff}---\r\ntitle: VPN\r\ntags: vpn\r\n---\r\nBody.\r\n";
        let article = parse("vpn", text, true).unwrap();
        assert_eq!(
            (article.title.as_str(), article.body.as_str()),
            ("VPN", "Body.")
        );
    }
}
