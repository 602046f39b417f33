//! An article's Markdown as terminal lines: headings, bulleted and numbered lists, code,
//! emphasis, quotes and links (shown with their address, since the agent may read it out).
//! Lines are left long; the pane wraps them to its width.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// The styles the pane draws with, taken from the theme.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarkdownStyle {
    pub heading: Style,
    pub code: Style,
    pub link: Style,
    pub muted: Style,
}

pub fn lines(markdown: &str, style: &MarkdownStyle) -> Vec<Line<'static>> {
    let mut r = Renderer {
        style: *style,
        ..Renderer::default()
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        r.event(event);
    }
    r.flush();
    while r.lines.last().is_some_and(|l| l.spans.is_empty()) {
        r.lines.pop();
    }
    r.lines
}

#[derive(Default)]
struct Renderer {
    style: MarkdownStyle,
    lines: Vec<Line<'static>>,
    current: Vec<Span<'static>>,
    styles: Vec<Style>,
    /// The next number of each open list; `None` for a bulleted one.
    lists: Vec<Option<u64>>,
    links: Vec<String>,
    quote_depth: usize,
    in_code_block: bool,
}

impl Renderer {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_code_block => {
                for line in text.lines() {
                    let indent = "  ".repeat(self.lists.len() + 1);
                    self.lines.push(Line::from(vec![
                        Span::raw(indent),
                        Span::styled(line.to_string(), self.style.code),
                    ]));
                }
            }
            Event::Text(text) => self.push(text.to_string()),
            Event::Code(code) => {
                let style = self.top().patch(self.style.code);
                self.current.push(Span::styled(code.to_string(), style));
            }
            Event::SoftBreak => self.push(" ".into()),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.flush();
                self.lines
                    .push(Line::styled("─".repeat(24), self.style.muted));
                self.blank();
            }
            Event::Html(html) | Event::InlineHtml(html) => self.push(html.to_string()),
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }.into()),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.blank();
                let style = match level {
                    HeadingLevel::H1 => self
                        .style
                        .heading
                        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                    HeadingLevel::H2 => self.style.heading.add_modifier(Modifier::BOLD),
                    _ => Style::new().add_modifier(Modifier::BOLD),
                };
                self.styles.push(style);
            }
            Tag::Emphasis => self.styles.push(self.top().add_modifier(Modifier::ITALIC)),
            Tag::Strong => self.styles.push(self.top().add_modifier(Modifier::BOLD)),
            Tag::Strikethrough => self
                .styles
                .push(self.top().add_modifier(Modifier::CROSSED_OUT)),
            Tag::Link { dest_url, .. } => {
                self.links.push(dest_url.to_string());
                self.styles.push(self.top().patch(self.style.link));
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_string(),
                };
                self.current
                    .push(Span::raw(format!("{}{marker}", "  ".repeat(depth))));
            }
            Tag::CodeBlock(kind) => {
                self.flush();
                self.in_code_block = true;
                if let CodeBlockKind::Fenced(lang) = kind
                    && !lang.is_empty()
                {
                    self.lines
                        .push(Line::styled(format!("  {lang}"), self.style.muted));
                }
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                self.styles.pop();
                self.flush();
                self.blank();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.styles.pop();
            }
            TagEnd::Link => {
                self.styles.pop();
                let url = self.links.pop().unwrap_or_default();
                let shown: String = self.current.iter().map(|s| s.content.as_ref()).collect();
                if !url.is_empty() && !shown.ends_with(&url) {
                    self.current
                        .push(Span::styled(format!(" <{url}>"), self.style.muted));
                }
            }
            TagEnd::Paragraph => {
                self.flush();
                // Paragraphs inside a list item stay together with their item.
                if self.lists.is_empty() {
                    self.blank();
                }
            }
            TagEnd::Item => self.flush(),
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.blank();
                }
            }
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.blank();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
                self.blank();
            }
            _ => {}
        }
    }

    fn top(&self) -> Style {
        self.styles.last().copied().unwrap_or_default()
    }

    fn push(&mut self, text: String) {
        let style = self.top();
        self.current.push(Span::styled(text, style));
    }

    fn flush(&mut self) {
        if self.current.is_empty() {
            return;
        }
        let mut spans = Vec::new();
        if self.quote_depth > 0 {
            spans.push(Span::styled(
                "│ ".repeat(self.quote_depth),
                self.style.muted,
            ));
        }
        spans.append(&mut self.current);
        self.lines.push(Line::from(spans));
    }

    /// One empty line between blocks, never two.
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(Line::default());
        }
    }
}

/// The text of rendered lines, for tests and for measuring.
pub fn plain(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_readable_lines() {
        let md = "# Title\n\nSome *soft* and **bold** text with `code`.\n\n1. first\n2. second\n   - nested\n\n- bullet\n\n```\nipconfig /all\n```\n\n> a quote\n\nSee [the intranet](https://intra.example).\n";
        let text = plain(&lines(md, &MarkdownStyle::default()));
        assert_eq!(
            text,
            "Title\n\nSome soft and bold text with code.\n\n1. first\n2. second\n  • nested\n\n• bullet\n\n  ipconfig /all\n\n│ a quote\n\nSee the intranet <https://intra.example>."
        );
    }

    #[test]
    fn emphasis_and_headings_are_styled() {
        let style = MarkdownStyle::default();
        let rendered = lines("## Ask\n\n*one* **two**", &style);
        assert!(
            rendered[0].spans[0]
                .style
                .add_modifier
                .contains(Modifier::BOLD)
        );
        let body = &rendered[2].spans;
        assert!(body[0].style.add_modifier.contains(Modifier::ITALIC));
        assert!(body[2].style.add_modifier.contains(Modifier::BOLD));
    }
}
