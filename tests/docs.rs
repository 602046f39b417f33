//! The README's key table describes the keys balie really has.

use balie::keymap::{Bindings, Command, ContextCommand, Keymap};

#[test]
fn readme_lists_every_command_with_its_keys() {
    let readme = include_str!("../README.md");
    let keymap = Keymap::default();
    for command in Command::ALL {
        let row = readme
            .lines()
            .find(|l| l.starts_with('|') && l.contains(&format!("`:{}`", command.name())))
            .unwrap_or_else(|| panic!(":{} is missing from the README key table", command.name()));
        for binding in keymap.bindings().iter().filter(|b| b.command == *command) {
            let label = binding.key.label();
            assert!(
                row.to_lowercase()
                    .contains(&format!("`{}`", label.to_lowercase())),
                "README row for :{} lacks key {label}: {row}",
                command.name()
            );
        }
        let description = command.description(&balie::cli::output::cli_texts());
        assert!(row.contains(description.split('$').next().unwrap_or_default()));
    }
}

/// The README row of each command of a popup context (`picker.next`) lists its default keys
/// and its description.
fn readme_lists_context<C: ContextCommand>(bindings: &Bindings<C>) {
    let readme = include_str!("../README.md");
    let texts = balie::cli::output::cli_texts();
    for command in C::ALL {
        let name = format!("`{}.{}`", C::CONTEXT, command.name());
        let row = readme
            .lines()
            .find(|l| l.starts_with('|') && l.contains(&name))
            .unwrap_or_else(|| panic!("{name} is missing from the README's key tables"));
        for binding in bindings.bindings().iter().filter(|b| b.command == *command) {
            let label = binding.key.label();
            assert!(
                row.contains(&format!("`{label}`")),
                "README row for {name} lacks key {label}: {row}"
            );
        }
        assert!(row.contains(&command.description(&texts)), "{row}");
    }
}

#[test]
fn readme_lists_every_popup_command_with_its_keys() {
    let keymap = Keymap::default();
    readme_lists_context(&keymap.picker);
    readme_lists_context(&keymap.form);
    readme_lists_context(&keymap.choice);
    readme_lists_context(&keymap.text);
    readme_lists_context(&keymap.list);
    readme_lists_context(&keymap.script);
    readme_lists_context(&keymap.kb);
    readme_lists_context(&keymap.article);
}

#[test]
fn readme_exit_code_table_matches_the_command_line() {
    let readme = include_str!("../README.md");
    for (code, meaning) in balie::cli::args::EXIT_CODES {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| {code} | ")))
            .unwrap_or_else(|| panic!("exit code {code} is missing from the README table"));
        let first_words: String = meaning.split(':').next().unwrap_or_default().to_string();
        assert!(row.contains(&first_words), "README row for {code}: {row}");
    }
}
