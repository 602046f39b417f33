//! The knowledge base at the desk: a search that re-ranks on every keystroke, an article
//! pane, and the three things an agent does with an article — put it in a note, record
//! that the caller was sent it, or edit it in `$EDITOR`.

use ratatui::crossterm::event::KeyEvent;

use super::picker::{Picker, PickerEvent};
use super::reading::TextScroll;
use super::{App, Effect, Popup, StoreEffect, TerminalEffect, forms};
use crate::domain::Id;
use crate::domain::kb::{Article, Counts, Library, Problem, search};
use crate::domain::{ArticleUsage, KbCounter};
use crate::keymap::{ArticleCommand, KbCommand};
use crate::t;

/// More than fits in the popup at the largest terminal; the list scrolls.
const HITS: usize = 50;

/// Ranked here on every keystroke; hits are indexes into the library's articles, best first.
pub type KbSearch = Picker<usize>;

pub struct ArticleView {
    pub slug: String,
    pub scroll: TextScroll,
    /// Loaded from the store after the pane opens.
    pub usage: Option<ArticleUsage>,
    /// The search it was opened from, to go back to with Esc.
    pub back: Option<KbSearch>,
}

/// What the store does for the knowledge base (see `desk::kb_sync::perform`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KbEffect {
    /// Read the articles again and bring the index up to date.
    Reload,
    Count {
        slug: String,
        counter: KbCounter,
    },
    Send {
        ticket_id: Id,
        slug: String,
        title: String,
    },
}

#[derive(Debug)]
pub enum KbAction {
    Loaded {
        library: Box<Library>,
        /// The index could not be written; the articles are still usable.
        error: Option<String>,
    },
    Usage(ArticleUsage),
    Sent {
        usage: ArticleUsage,
        title: String,
    },
    /// `$EDITOR` returned (or could not start) for the article `slug`.
    Edited {
        slug: String,
        error: Option<String>,
    },
}

impl App {
    pub(super) fn open_kb(&mut self) -> Vec<Effect> {
        let mut search = KbSearch::default();
        search.show(search::search(&self.kb, "", HITS));
        self.popup = Some(Popup::Kb(search));
        Vec::new()
    }

    pub(super) fn on_kb(&mut self, action: KbAction) -> Vec<Effect> {
        match action {
            KbAction::Loaded { library, error } => {
                // Skipped files are reported when they are new, not again after every edit.
                let known = std::mem::replace(&mut self.kb, *library).skipped;
                if let Some(error) = error {
                    self.error(t!(self.texts, "kb-index-failed", error = error));
                } else if self.kb.skipped != known
                    && let Some(first) = self.kb.skipped.first()
                {
                    let text = skipped_text(self, first);
                    self.error(text);
                }
                // Hits are indexes into the library: rank again against the new one.
                if let Some(Popup::Kb(search)) = &mut self.popup {
                    search.show(search::search(&self.kb, &search.query(), HITS));
                }
            }
            KbAction::Usage(usage) => self.take_usage(usage),
            KbAction::Sent { usage, title } => {
                self.take_usage(usage);
                self.info(t!(self.texts, "kb-sent", title = title));
                return self.refresh();
            }
            KbAction::Edited { slug, error } => {
                match error {
                    Some(error) => self.error(t!(self.texts, "kb-editor-failed", error = error)),
                    None => {
                        let path = self.kb.own_path(&slug).unwrap_or_default();
                        self.info(t!(
                            self.texts,
                            "kb-edited",
                            file = path.display().to_string()
                        ));
                    }
                }
                return vec![Effect::Store(StoreEffect::Kb(KbEffect::Reload))];
            }
        }
        Vec::new()
    }

    fn take_usage(&mut self, usage: ArticleUsage) {
        self.kb.counts.insert(
            usage.slug.clone(),
            Counts {
                opened: usage.opened,
                sent: usage.sent,
            },
        );
        if let Some(Popup::Article(view)) = &mut self.popup
            && view.slug == usage.slug
        {
            view.usage = Some(usage);
        }
    }

    pub(super) fn on_kb_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Popup::Kb(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        match self.keymap.kb.command_for(&key) {
            Some(KbCommand::NewArticle) => {
                let words = search.query();
                self.new_article(&words)
            }
            Some(KbCommand::EditArticle) => {
                match search.chosen().and_then(|i| self.kb.articles.get(*i)) {
                    Some(article) => {
                        let slug = article.slug.clone();
                        self.edit_article(&slug)
                    }
                    None => Vec::new(),
                }
            }
            None => {
                let event = search.handle_key(key, &self.keymap.picker);
                self.on_kb_event(event)
            }
        }
    }

    pub(super) fn on_kb_paste(&mut self, text: &str) -> Vec<Effect> {
        let Some(Popup::Kb(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let event = search.paste(text);
        self.on_kb_event(event)
    }

    fn on_kb_event(&mut self, event: PickerEvent) -> Vec<Effect> {
        let Some(Popup::Kb(search)) = self.popup.as_mut() else {
            return Vec::new();
        };
        match event {
            PickerEvent::Close => self.popup = None,
            PickerEvent::Pick(hit) => {
                if let Some(article) = search.hits.get(hit).and_then(|i| self.kb.articles.get(*i)) {
                    let slug = article.slug.clone();
                    let Some(Popup::Kb(search)) = self.popup.take() else {
                        return Vec::new();
                    };
                    return self.open_article(slug, Some(search));
                }
            }
            // Ranked at once: the library is in memory, and no words lists every article.
            PickerEvent::Changed => search.show(search::search(&self.kb, &search.query(), HITS)),
            PickerEvent::PickExtra | PickerEvent::Nothing => {}
        }
        Vec::new()
    }

    fn open_article(&mut self, slug: String, back: Option<KbSearch>) -> Vec<Effect> {
        self.popup = Some(Popup::Article(ArticleView {
            slug: slug.clone(),
            scroll: TextScroll::default(),
            usage: None,
            back,
        }));
        vec![Effect::Store(StoreEffect::Kb(KbEffect::Count {
            slug,
            counter: KbCounter::Opened,
        }))]
    }

    pub(super) fn on_article_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Popup::Article(view)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let Some(article) = self.kb.get(&view.slug) else {
            // Gone since it was opened (its file was removed and the library reloaded).
            self.popup = None;
            return Vec::new();
        };
        let command = self.keymap.article.command_for(&key);
        if command.is_none() {
            // An article scrolls like any text; its own keys are looked up first.
            if let Some(scrolling) = self.keymap.text.command_for(&key) {
                view.scroll.apply(scrolling);
            }
            return Vec::new();
        }
        match command {
            Some(ArticleCommand::Insert) => {
                let (slug, text) = (article.slug.clone(), note_text(article));
                let Some(ticket_id) = self.require_ticket() else {
                    return Vec::new();
                };
                self.popup = Some(Popup::Form(forms::note(ticket_id, &text, &self.texts)));
                return vec![Effect::Store(StoreEffect::Kb(KbEffect::Count {
                    slug,
                    counter: KbCounter::Inserted,
                }))];
            }
            Some(ArticleCommand::Send) => {
                let (slug, title) = (article.slug.clone(), article.title.clone());
                let Some(ticket_id) = self.require_ticket() else {
                    return Vec::new();
                };
                return vec![Effect::Store(StoreEffect::Kb(KbEffect::Send {
                    ticket_id,
                    slug,
                    title,
                }))];
            }
            Some(ArticleCommand::Edit) => {
                let slug = view.slug.clone();
                return self.edit_article(&slug);
            }
            Some(ArticleCommand::Back) => {
                if let Some(Popup::Article(view)) = self.popup.take() {
                    self.popup = view.back.map(Popup::Kb);
                }
            }
            Some(ArticleCommand::Close) => self.popup = None,
            None => {}
        }
        Vec::new()
    }

    /// Shipped articles are read-only: editing one starts from a copy in the agent's folder,
    /// which from then on replaces it.
    fn edit_article(&mut self, slug: &str) -> Vec<Effect> {
        let Some(path) = self.kb.own_path(slug) else {
            self.error(t!(self.texts, "kb-no-folder"));
            return Vec::new();
        };
        let initial = self
            .kb
            .get(slug)
            .map(|a| a.source_text.clone())
            .unwrap_or_default();
        vec![Effect::Terminal(TerminalEffect::EditArticle {
            slug: slug.to_string(),
            path,
            initial,
        })]
    }

    fn new_article(&mut self, words: &str) -> Vec<Effect> {
        let slug = self.kb.free_slug(words);
        let Some(path) = self.kb.own_path(&slug) else {
            self.error(t!(self.texts, "kb-no-folder"));
            return Vec::new();
        };
        let title = if words.is_empty() {
            t!(self.texts, "kb-new-title")
        } else {
            words.to_string()
        };
        let initial = format!("---\ntitle: {title}\ntags: \nsummary: \n---\n# {title}\n\n");
        vec![Effect::Terminal(TerminalEffect::EditArticle {
            slug,
            path,
            initial,
        })]
    }
}

/// One line for the note field: the title, the link and what the article is about.
pub fn note_text(article: &Article) -> String {
    format!(
        "{} (kb:{}) — {}",
        article.title, article.slug, article.summary
    )
}

fn skipped_text(app: &App, skipped: &crate::domain::kb::Skipped) -> String {
    let texts = &app.texts;
    let reason = match &skipped.error.problem {
        Problem::NoFrontMatter => t!(texts, "kb-problem-no-front-matter"),
        Problem::Unclosed => t!(texts, "kb-problem-unclosed"),
        Problem::NotKeyValue => t!(texts, "kb-problem-not-key-value"),
        Problem::UnknownKey(key) => t!(texts, "kb-problem-unknown-key", key = key.as_str()),
        Problem::NoTitle => t!(texts, "kb-problem-no-title"),
        Problem::Unreadable(error) => t!(texts, "kb-problem-unreadable", error = error.as_str()),
    };
    let text = t!(
        texts,
        "kb-skipped",
        file = skipped.file.as_str(),
        line = skipped.error.line,
        reason = reason
    );
    match app.kb.skipped.len() {
        1 => text,
        n => format!("{text} {}", t!(texts, "kb-skipped-more", count = n - 1)),
    }
}
