//! The knowledge base: articles shipped inside the binary, and the agent's own in
//! `<knowledge folder>/kb/*.md`, which add to them and replace a shipped one of the same
//! name. Loading never fails as a whole: a file that is not an article is skipped and
//! reported with its line, and the rest is still there.

pub mod article;
pub mod search;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

pub use article::{Article, ParseError, Problem};

static SHIPPED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/kb");

/// A file that could not be used, for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    pub error: ParseError,
}

/// How often an article was used, as the index counts it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub opened: i64,
    pub sent: i64,
}

#[derive(Clone, Debug, Default)]
pub struct Library {
    /// Sorted by slug, so that loading twice gives the same order.
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
    /// Usage from the index, for breaking ties in search.
    pub counts: HashMap<String, Counts>,
    /// Where the agent's own articles live; `None` when the desk has no data folder.
    pub folder: Option<PathBuf>,
}

impl Library {
    /// The shipped articles, then the agent's own from `folder/kb` on top.
    pub fn load(knowledge_folder: Option<&Path>) -> Library {
        let mut by_slug: HashMap<String, Article> = HashMap::new();
        let mut skipped = Vec::new();
        for file in SHIPPED.files() {
            let path = file.path();
            let Some(slug) = markdown_stem(path) else {
                continue;
            };
            let text = String::from_utf8_lossy(file.contents());
            match article::parse(&slug, &text, false) {
                Ok(article) => {
                    by_slug.insert(slug, article);
                }
                Err(error) => skipped.push(Skipped {
                    file: path.display().to_string(),
                    error,
                }),
            }
        }
        let folder = knowledge_folder.map(|f| f.join("kb"));
        if let Some(folder) = &folder {
            read_own(folder, &mut by_slug, &mut skipped);
        }
        let mut articles: Vec<Article> = by_slug.into_values().collect();
        articles.sort_by(|a, b| a.slug.cmp(&b.slug));
        skipped.sort_by(|a, b| a.file.cmp(&b.file));
        Library {
            articles,
            skipped,
            counts: HashMap::new(),
            folder,
        }
    }

    pub fn get(&self, slug: &str) -> Option<&Article> {
        self.articles
            .binary_search_by(|a| a.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &self.articles[i])
    }

    /// Where the agent's copy of `slug` is, or would be written.
    pub fn own_path(&self, slug: &str) -> Option<PathBuf> {
        self.folder.as_ref().map(|f| f.join(format!("{slug}.md")))
    }

    /// A slug for a new article from the words typed, not taken yet.
    pub fn free_slug(&self, words: &str) -> String {
        let base = slugify(words);
        let base = if base.is_empty() {
            "new-article".to_string()
        } else {
            base
        };
        let taken = |slug: &str| {
            self.get(slug).is_some() || self.own_path(slug).is_some_and(|p| p.exists())
        };
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|s| !taken(s))
            .unwrap_or(base)
    }
}

fn read_own(folder: &Path, by_slug: &mut HashMap<String, Article>, skipped: &mut Vec<Skipped>) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        // No folder yet is the normal case: nothing of the agent's own.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            skipped.push(Skipped {
                file: folder.display().to_string(),
                error: ParseError {
                    line: 0,
                    problem: Problem::Unreadable(e.to_string()),
                },
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(slug) = markdown_stem(&path) else {
            continue;
        };
        let parsed = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => article::parse(&slug, &text, true),
                Err(e) => Err(ParseError {
                    line: 1,
                    problem: Problem::Unreadable(e.to_string()),
                }),
            },
            Err(e) => Err(ParseError {
                line: 0,
                problem: Problem::Unreadable(e.to_string()),
            }),
        };
        match parsed {
            Ok(article) => {
                by_slug.insert(slug, article);
            }
            Err(error) => skipped.push(Skipped {
                file: path.display().to_string(),
                error,
            }),
        }
    }
}

/// `printer.md` → `printer`; anything else (a backup `printer.md~`, a hidden file) is no article.
fn markdown_stem(path: &Path) -> Option<String> {
    if path.extension()? != "md" {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    (!stem.starts_with('.') && !stem.is_empty()).then(|| stem.to_string())
}

fn slugify(words: &str) -> String {
    let folded = crate::domain::fold::fold(words);
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(48).collect()
}

#[cfg(test)]
mod tests;
