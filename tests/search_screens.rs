//! The three searches (caller, ticket, knowledge base) as the agent sees them: with hits,
//! with the cursor moved, and when the words find nothing. They share one picker, so a
//! change to it shows up here in all three.

mod support;

use support::Harness;

fn busy_desk() -> Harness {
    support::busy_desk(balie::i18n::Language::English)
}

#[test]
fn the_ticket_finder_lists_hits_with_the_cursor_on_the_second() {
    let mut h = busy_desk();
    h.press("/ T-10 <down>");
    insta::assert_snapshot!(h.screen(120, 30));
}

#[test]
fn the_ticket_finder_says_when_nothing_matches() {
    let mut h = busy_desk();
    h.press("/ zzqq");
    insta::assert_snapshot!(h.screen(120, 30));
}

#[test]
fn the_caller_search_offers_a_named_new_caller_when_nobody_matches() {
    let mut h = Harness::with_callers();
    h.press("n zzqq <down> <down>");
    insta::assert_snapshot!(h.screen(120, 30));
}

#[test]
fn the_knowledge_base_lists_articles_and_says_when_none_match() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_knowledge(dir.path());
    h.press("f");
    insta::assert_snapshot!("kb-everything", h.screen(160, 45));
    h.press("vpn <down>");
    insta::assert_snapshot!("kb-vpn", h.screen(160, 45));
    h.press("zzqq");
    insta::assert_snapshot!("kb-none", h.screen(160, 45));
}
