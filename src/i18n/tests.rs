use std::collections::BTreeSet;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;

use super::*;

/// Every message id of a catalogue with the variables its patterns use.
fn messages(language: Language) -> Vec<(String, BTreeSet<String>)> {
    let resources: Vec<_> = language
        .catalogue()
        .iter()
        .map(|source| {
            parser::parse(*source).unwrap_or_else(|(_, errors)| {
                panic!(
                    "{}: a catalogue does not parse: {errors:?}",
                    language.code()
                )
            })
        })
        .collect();
    resources
        .iter()
        .flat_map(|resource| &resource.body)
        .filter_map(|entry| match entry {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(value) = &m.value {
                    pattern_variables(value, &mut vars);
                }
                Some((m.id.name.to_owned(), vars))
            }
            _ => None,
        })
        .collect()
}

fn pattern_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[test]
fn every_catalogue_has_every_message_with_the_same_variables() {
    let english = messages(Language::English);
    let ids: BTreeSet<&str> = english.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids.len(), english.len(), "an id appears twice in en.ftl");
    for language in [Language::Dutch, Language::Hungarian] {
        let translated = messages(language);
        let code = language.code();
        let their_ids: BTreeSet<&str> = translated.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            their_ids.len(),
            translated.len(),
            "an id appears twice in {code}.ftl"
        );
        let missing: Vec<_> = ids.difference(&their_ids).collect();
        let extra: Vec<_> = their_ids.difference(&ids).collect();
        assert!(missing.is_empty(), "{code}.ftl lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{code}.ftl has ids English lacks: {extra:?}"
        );
        for (id, vars) in &english {
            let (_, theirs) = translated
                .iter()
                .find(|(i, _)| i == id)
                .expect("checked above");
            assert_eq!(
                vars, theirs,
                "{code}.ftl: {id} uses other variables than English"
            );
        }
    }
}

/// Every `t!(texts, "id")` in the source names a message of the English catalogue (and so,
/// by the test above, of every catalogue).
#[test]
fn every_id_the_code_asks_for_is_in_the_catalogue() {
    let english: BTreeSet<String> = messages(Language::English)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut asked = 0;
    let mut unknown = Vec::new();
    let mut folders = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            // This module's docs and tests name example ids.
            if path.extension().is_none_or(|e| e != "rs")
                || path.ends_with("i18n/mod.rs")
                || path.ends_with("i18n/tests.rs")
            {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("read source");
            for (at, _) in source.match_indices("t!(") {
                // `print!(`, `format!(` and the like end the same way.
                let before = source[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // The macro's own definition and prose mentioning it have no string id.
                let rest = &source[at..];
                let Some(open) = rest.find('"') else { continue };
                let Some(close) = rest[open + 1..].find('"') else {
                    continue;
                };
                let id = &rest[open + 1..open + 1 + close];
                if rest[..open].contains(')') || id.contains(' ') {
                    continue;
                }
                asked += 1;
                if !english.contains(id) {
                    unknown.push(format!("{}: {id}", path.display()));
                }
            }
        }
    }
    assert!(asked > 10, "the scan found only {asked} lookups");
    assert!(unknown.is_empty(), "not in en.ftl: {unknown:#?}");
}

#[test]
fn date_patterns_in_every_catalogue_are_ones_chrono_reads() {
    use chrono::format::{Item, StrftimeItems};
    for language in Language::ALL {
        let texts = Texts::new(language);
        for id in ["format-date", "format-date-time", "format-weekday-time"] {
            let pattern = texts.get(id);
            assert!(
                StrftimeItems::new(&pattern).all(|item| !matches!(item, Item::Error)),
                "{}.ftl: {id} = {pattern}",
                language.code()
            );
        }
    }
}

/// The names behind `%A %a %B %b`: seven days and twelve months in every language, one word
/// each, as the date patterns take them by position.
#[test]
fn every_catalogue_names_seven_days_and_twelve_months() {
    for language in Language::ALL {
        let texts = Texts::new(language);
        for list in DateNames::ALL {
            let count = match list {
                DateNames::Days | DateNames::ShortDays => 7,
                DateNames::Months | DateNames::ShortMonths => 12,
            };
            let names = texts.date_names(list);
            assert_eq!(
                names.len(),
                count,
                "{}.ftl: {} = {names:?}",
                language.code(),
                list.id()
            );
        }
    }
}

#[test]
fn the_language_follows_the_posix_locale_variables() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Language::from_env(env(&[("LANG", "nl_NL.UTF-8")])),
        Language::Dutch
    );
    assert_eq!(
        Language::from_env(env(&[("LANG", "hu_HU")])),
        Language::Hungarian
    );
    assert_eq!(
        Language::from_env(env(&[("LANG", "nl_NL.UTF-8"), ("LC_ALL", "hu_HU.UTF-8")])),
        Language::Hungarian
    );
    assert_eq!(
        Language::from_env(env(&[("LANG", "hu_HU.UTF-8"), ("LC_MESSAGES", "")])),
        Language::Hungarian
    );
    assert_eq!(
        Language::from_env(env(&[("LANG", "nl_BE@euro")])),
        Language::Dutch
    );
    assert_eq!(Language::from_env(env(&[("LANG", "C")])), Language::English);
    assert_eq!(
        Language::from_env(env(&[("LANG", "de_DE.UTF-8")])),
        Language::English
    );
    assert_eq!(Language::from_env(env(&[])), Language::English);
}

#[test]
fn a_missing_id_shows_itself_rather_than_nothing() {
    let texts = Texts::new(Language::Dutch);
    assert_eq!(texts.get("no-such-message"), "no-such-message");
}
