use super::*;
use crate::ui::markdown;

fn write(folder: &Path, name: &str, text: &str) {
    let kb = folder.join("kb");
    std::fs::create_dir_all(&kb).unwrap();
    std::fs::write(kb.join(name), text).unwrap();
}

#[test]
fn every_shipped_article_parses_and_renders() {
    let library = Library::load(None);
    assert!(library.skipped.is_empty(), "{:?}", library.skipped);
    assert!(library.articles.len() >= 10, "{}", library.articles.len());
    for slug in [
        "internet-down",
        "password-reset",
        "mailbox-sync-lost",
        "vpn",
        "printer",
        "mfa-device-lost",
    ] {
        assert!(library.get(slug).is_some(), "{slug} is shipped");
    }
    let style = markdown::MarkdownStyle::default();
    for article in &library.articles {
        assert!(!article.title.is_empty(), "{}", article.slug);
        assert!(!article.tags.is_empty(), "{} has tags", article.slug);
        assert!(
            !article.summary.is_empty(),
            "{} has a summary",
            article.slug
        );
        assert!(!article.own);
        let text = markdown::plain(&markdown::lines(&article.body, &style));
        assert!(text.lines().count() > 10, "{} renders", article.slug);
        assert!(
            !text.contains("**") && !text.contains("```"),
            "{}",
            article.slug
        );
    }
}

#[test]
fn own_articles_add_to_and_replace_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "printer.md",
        "---\ntitle: Printer on floor 3\ntags: printer\n---\nCall Piet.\n",
    );
    write(
        dir.path(),
        "coffee.md",
        "---\ntitle: Coffee machine\ntags: coffee, koffie\n---\nNot ours: facilities.\n",
    );
    write(dir.path(), "notes.txt", "not an article");
    let library = Library::load(Some(dir.path()));
    let shipped = Library::load(None).articles.len();
    assert_eq!(library.articles.len(), shipped + 1);
    let printer = library.get("printer").unwrap();
    assert_eq!(printer.title, "Printer on floor 3");
    assert!(printer.own);
    assert!(library.get("coffee").unwrap().own);
    assert!(!library.get("vpn").unwrap().own);
    assert_eq!(
        library.own_path("vpn"),
        Some(dir.path().join("kb").join("vpn.md"))
    );
}

#[test]
fn a_malformed_own_article_names_file_and_line_and_hides_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "broken.md",
        "---\ntitle: Broken\ntags: x\nauthor: me\n---\nText.\n",
    );
    write(dir.path(), "vpn.md", "no front matter at all\n");
    write(
        dir.path(),
        "fine.md",
        "---\ntitle: Fine\ntags: ok\n---\nText.\n",
    );
    let library = Library::load(Some(dir.path()));
    let problems: Vec<(String, usize, Problem)> = library
        .skipped
        .iter()
        .map(|s| {
            let file = Path::new(&s.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (file, s.error.line, s.error.problem.clone())
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            ("broken.md".into(), 4, Problem::UnknownKey("author".into())),
            ("vpn.md".into(), 1, Problem::NoFrontMatter),
        ]
    );
    assert!(library.skipped[0].file.contains("kb"));
    assert!(library.get("fine").is_some());
    // The broken override leaves the shipped article in place.
    assert!(!library.get("vpn").unwrap().own);
    assert_eq!(
        library.articles.len(),
        Library::load(None).articles.len() + 1
    );
}

#[test]
fn a_missing_folder_is_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::load(Some(&dir.path().join("nothing here")));
    assert!(library.skipped.is_empty());
}

#[test]
fn new_articles_get_a_free_slug_from_the_words_typed() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::load(Some(dir.path()));
    assert_eq!(library.free_slug("Beamer in zaal 2"), "beamer-in-zaal-2");
    assert_eq!(library.free_slug("Nyomtató!"), "nyomtato");
    assert_eq!(library.free_slug("vpn"), "vpn-2");
    assert_eq!(library.free_slug("  "), "new-article");
}

/// A small library in three languages, as a desk that writes its own articles has.
fn polyglot() -> Library {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        (
            "wachtwoord",
            "Wachtwoord vergeten",
            "account, inloggen",
            "Controleer wie er belt.",
        ),
        (
            "jelszo",
            "Elfelejtett jelszó",
            "fiók, bejelentkezés",
            "Ellenőrizze, ki telefonál.",
        ),
        (
            "printer-nl",
            "Printer drukt niet af",
            "printen, papier",
            "Kijk op het scherm van de printer. Het wachtwoord van de beheerder staat in de kluis.",
        ),
        (
            "nyomtato",
            "A nyomtató nem nyomtat",
            "nyomtatás, papír",
            "Nézze meg a nyomtató kijelzőjét.",
        ),
        (
            "outlook-sync",
            "Mailbox empty after sync",
            "outlook, contacts",
            "Check webmail first.",
        ),
        (
            "teams",
            "Geen geluid in Teams",
            "headset, microfoon",
            "Kies het juiste apparaat.",
        ),
    ];
    for (slug, title, tags, body) in articles {
        write(
            dir.path(),
            &format!("{slug}.md"),
            &format!("---\ntitle: {title}\ntags: {tags}\n---\n{body}\n"),
        );
    }
    Library::load(Some(dir.path()))
}

fn first(library: &Library, query: &str) -> String {
    search::search(library, query, 5)
        .first()
        .map(|i| library.articles[*i].slug.clone())
        .unwrap_or_default()
}

#[test]
fn search_finds_the_right_article_first_in_every_language() {
    let library = polyglot();
    for (query, expected) in [
        ("wachtwoord", "wachtwoord"),
        ("wachtw verg", "wachtwoord"),
        ("jelszó", "jelszo"),
        ("jelszo", "jelszo"),
        ("elfelejtett jelszo", "jelszo"),
        ("nyomtató", "nyomtato"),
        ("nyomtato", "nyomtato"),
        ("printer drukt", "printer-nl"),
        ("mailbox empty", "outlook-sync"),
        ("contacts lost", "mailbox-sync-lost"),
        ("geluid", "teams"),
        ("microfoon", "teams"),
        ("password", "password-reset"),
        ("vpn", "vpn"),
        ("wifi", "wifi"),
        ("disk full", "disk-full"),
        ("mfa", "mfa-device-lost"),
        ("teams microphone", "teams-audio"),
    ] {
        assert_eq!(first(&library, query), expected, "{query}");
    }
}

#[test]
fn title_and_tag_hits_rank_above_body_hits() {
    let library = polyglot();
    // "wachtwoord" is also in the Dutch printer article's text, which comes after.
    let hits = search::search(&library, "wachtwoord", 10);
    let slugs: Vec<&str> = hits
        .iter()
        .map(|i| library.articles[*i].slug.as_str())
        .collect();
    let title = slugs.iter().position(|s| *s == "wachtwoord").unwrap();
    let body = slugs.iter().position(|s| *s == "printer-nl").unwrap();
    assert!(title < body, "{slugs:?}");
    assert!(search::search(&library, "zzzqqq", 10).is_empty());
}

#[test]
fn usage_breaks_ties() {
    let mut library = polyglot();
    let slugs = |library: &Library| -> Vec<String> {
        search::search(library, "", 3)
            .iter()
            .map(|i| library.articles[*i].slug.clone())
            .collect()
    };
    assert_ne!(slugs(&library)[0], "wifi");
    library
        .counts
        .insert("wifi".into(), Counts { opened: 3, sent: 1 });
    assert_eq!(slugs(&library)[0], "wifi");
}

#[test]
fn letters_scattered_over_several_tags_are_no_hit() {
    let library = Library::load(None);
    let hits: Vec<&str> = search::search(&library, "internet", 10)
        .iter()
        .map(|i| library.articles[*i].slug.as_str())
        .collect();
    assert_eq!(hits.first(), Some(&"internet-down"));
    assert!(!hits.contains(&"printer"), "{hits:?}");
}
