//! The knowledge base at the desk: find an article while the caller talks, read it, put it
//! in a note, record that the caller was sent it, and see on the caller card whether they
//! rang again; and edit an article in `$EDITOR`.

mod support;

use balie::app::kb::KbAction;
use balie::app::{Action, Popup, TerminalEffect};
use balie::domain::EventKind;
use chrono::Duration;
use support::Harness;

fn call_from_jan(h: &mut Harness) {
    h.press("n vries <enter> VPN<space>drops<space>every<space>hour <enter>");
    assert!(h.desk.app.current_ticket().is_some());
}

fn open_slug(h: &Harness) -> String {
    match &h.desk.app.popup {
        Some(Popup::Article(view)) => view.slug.clone(),
        _ => panic!("no article is open: {}", h.screen(160, 45)),
    }
}

fn timeline(h: &Harness) -> Vec<balie::domain::Event> {
    h.desk
        .app
        .views
        .ticket
        .as_ref()
        .expect("a ticket")
        .timeline
        .clone()
}

#[test]
fn an_article_goes_into_a_note_and_to_the_caller_who_then_rings_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_knowledge(dir.path());
    call_from_jan(&mut h);

    h.press("f");
    assert!(matches!(h.desk.app.popup, Some(Popup::Kb(_))));
    let screen = h.screen(160, 45);
    assert!(screen.contains("Knowledge base"), "{screen}");
    assert!(
        screen.contains("Ctrl-n new"),
        "the popup lists its keys:\n{screen}"
    );

    h.press("vpn <enter>");
    assert_eq!(open_slug(&h), "vpn");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("VPN does not connect or keeps dropping"),
        "{screen}"
    );
    assert!(
        screen.contains("• ") || screen.contains("1. "),
        "lists render:\n{screen}"
    );
    assert!(screen.contains("opened 1×"), "{screen}");
    assert!(screen.contains("i into a note"), "{screen}");
    // The ticket stays in view beside the article.
    assert!(screen.contains("VPN drops every hour"), "{screen}");

    // Into a note: the form opens filled in, and the agent may still change it.
    h.press("i");
    let text = match &h.desk.app.popup {
        Some(Popup::Form(form)) => form.text(0),
        _ => panic!("the note form should open"),
    };
    assert!(
        text.starts_with("VPN does not connect or keeps dropping (kb:vpn) — "),
        "{text}"
    );
    h.press("<space>(read<space>to<space>caller) <enter>");
    let note = timeline(&h).last().cloned().unwrap();
    assert_eq!(note.kind, EventKind::Note);
    assert!(note.text.contains("kb:vpn") && note.text.ends_with("(read to caller)"));

    // Sent to the caller: an event on the timeline and a line on the caller card.
    h.press("f vpn <enter> s");
    let sent = timeline(&h).last().cloned().unwrap();
    assert_eq!(sent.kind, EventKind::ArticleSent);
    assert_eq!(sent.data["article"], "vpn");
    assert_eq!(sent.data["title"], "VPN does not connect or keeps dropping");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("sent to one caller, 0 came back"),
        "{screen}"
    );
    h.press("q");
    let screen = h.screen(160, 45);
    assert!(screen.contains("article sent to the caller:"), "{screen}");
    let card = &h.desk.app.views.caller.as_ref().unwrap().sent_articles;
    assert_eq!(card.len(), 1);
    assert!(!card[0].came_back);
    assert!(screen.contains("sent 'VPN does not connect"), "{screen}");
    assert!(screen.contains("— not called"), "{screen}");

    // Jan rings again the next day: the card says the article did not settle it.
    h.advance(Duration::days(1));
    h.press("n vries <enter> <down> <enter> <enter>");
    let card = &h.desk.app.views.caller.as_ref().unwrap().sent_articles;
    assert!(card[0].came_back, "{card:?}");
    let screen = h.screen(160, 45);
    assert!(screen.contains("— called"), "{screen}");
    h.press("f vpn <enter>");
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("opened 3× · sent to one caller, 1 came back"),
        "{screen}"
    );

    let usage = h.desk.store.article_usage("vpn").unwrap();
    assert_eq!((usage.opened, usage.inserted, usage.sent), (3, 1, 1));
}

#[test]
fn sending_or_noting_needs_a_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_knowledge(dir.path());
    h.press("f printer <enter> s");
    assert!(
        h.message().contains("no ticket") || h.message().contains("ticket"),
        "{}",
        h.message()
    );
    assert_eq!(h.desk.store.article_usage("printer").unwrap().sent, 0);
}

#[test]
fn accents_are_ignored_and_dutch_and_hungarian_tags_find_articles() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_knowledge(dir.path());
    for (query, slug) in [
        ("jelszó", "password-reset"),
        ("jelszo", "password-reset"),
        ("wachtwoord", "password-reset"),
        ("nyomtato", "printer"),
        ("telefoon<space>kwijt", "mfa-device-lost"),
    ] {
        h.press(&format!("f {query} <enter>"));
        assert_eq!(open_slug(&h), slug, "{query}");
        h.press("q");
    }
}

#[test]
fn editing_a_shipped_article_copies_it_to_the_own_folder_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_knowledge(dir.path());
    h.press("f printer <enter>");
    let effects = h.keys("e");
    let (slug, path, initial) = match effects.as_slice() {
        [
            TerminalEffect::EditArticle {
                slug,
                path,
                initial,
            },
        ] => (slug.clone(), path.clone(), initial.clone()),
        other => panic!("expected the editor to open, got {other:?}"),
    };
    assert_eq!(slug, "printer");
    assert_eq!(path, dir.path().join("kb").join("printer.md"));
    assert!(initial.starts_with("---\ntitle: Printer does not print"));
    // What the runtime and the agent's editor do.
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        initial.replace("Printer does not print", "Printer on floor 3 jams"),
    )
    .unwrap();
    h.desk
        .dispatch(Action::Kb(KbAction::Edited { slug, error: None }), h.now);

    let article = h.desk.app.kb.get("printer").unwrap();
    assert!(article.own);
    assert_eq!(article.title, "Printer on floor 3 jams");
    assert!(h.screen(160, 45).contains("Printer on floor 3 jams"));
    assert!(h.message().contains("printer.md"), "{}", h.message());
}

#[test]
fn a_new_article_starts_from_the_words_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_knowledge(dir.path());
    h.press("f beamer<space>zaal<space>2");
    let effects = h.keys("<c-n>");
    let [
        TerminalEffect::EditArticle {
            slug,
            path,
            initial,
        },
    ] = effects.as_slice()
    else {
        panic!("expected the editor to open, got {effects:?}");
    };
    assert_eq!(slug, "beamer-zaal-2");
    assert_eq!(path, &dir.path().join("kb").join("beamer-zaal-2.md"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("{initial}Press the input button.\n")).unwrap();
    h.desk.dispatch(
        Action::Kb(KbAction::Edited {
            slug: slug.clone(),
            error: None,
        }),
        h.now,
    );
    h.press("<esc> f beamer <enter>");
    assert_eq!(open_slug(&h), "beamer-zaal-2");
}

#[test]
fn a_broken_own_article_is_named_in_the_status_line_and_the_rest_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("kb")).unwrap();
    std::fs::write(
        dir.path().join("kb").join("coffee.md"),
        "---\ntitle: Coffee\ncolour: brown\n---\n",
    )
    .unwrap();
    let mut h = Harness::with_knowledge(dir.path());
    let message = h.message();
    assert!(
        message.contains("coffee.md") && message.contains("line 3"),
        "{message}"
    );
    assert!(message.contains("colour"), "{message}");
    h.press("f vpn <enter>");
    assert_eq!(open_slug(&h), "vpn");
}

#[test]
fn the_index_follows_the_files_and_keeps_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb");
    std::fs::create_dir_all(&kb).unwrap();
    std::fs::write(
        kb.join("coffee.md"),
        "---\ntitle: Coffee\ntags: coffee\n---\nFacilities.\n",
    )
    .unwrap();
    let mut h = Harness::with_knowledge(dir.path());
    h.press("f coffee <enter> q");
    assert_eq!(h.desk.store.article_usage("coffee").unwrap().opened, 1);
    std::fs::remove_file(kb.join("coffee.md")).unwrap();
    h.desk.dispatch(
        Action::Kb(KbAction::Edited {
            slug: "coffee".into(),
            error: None,
        }),
        h.now,
    );
    assert!(h.desk.app.kb.get("coffee").is_none());
    let (written, removed) = {
        let s = h.desk.store.sync_kb_index(&[], h.now).unwrap();
        (s.written, s.removed)
    };
    // Everything else was tombstoned just now; coffee already was.
    assert_eq!(written, 0);
    assert!(removed >= 10);
    assert_eq!(h.desk.store.article_usage("coffee").unwrap().opened, 1);
}
