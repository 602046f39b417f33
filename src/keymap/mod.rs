//! Every command has a stable name and a description; keys are only shortcuts to them. The
//! help screen, the status-bar hints and the `:` palette are all generated from this table,
//! so they cannot drift from what the keys really do.
//!
//! Keys are grouped by context, as in atuin's and yazi's keymaps: the desk's commands here,
//! a search list's in `picker`, a form's in `form` and `choice`, the other popups' in `text`,
//! `list`, `script`, `kb` and `article` (see `popups`). A key belongs to one command within a
//! context, and may mean something else in another.

mod context;
mod form;
mod key;
mod picker;
mod popups;

pub use context::{Binding, Bindings, ContextCommand, Remap};
pub use form::{ChoiceCommand, FormCommand};
pub use key::Key;
pub use picker::PickerCommand;
pub use popups::{ArticleCommand, KbCommand, ListCommand, ScriptCommand, TextCommand};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::i18n::Texts;
use crate::t;

macro_rules! commands {
    ($($variant:ident => $name:literal;)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command { $($variant),+ }

        impl Command {
            pub const ALL: &[Command] = &[$(Command::$variant),+];

            pub fn name(self) -> &'static str {
                match self { $(Command::$variant => $name),+ }
            }

            pub fn from_name(name: &str) -> Option<Command> {
                let name = name.trim().trim_start_matches(':');
                Command::ALL.iter().copied().find(|c| c.name() == name)
            }
        }

        impl ContextCommand for Command {
            const CONTEXT: &'static str = "desk";
            const ALL: &'static [Command] = Command::ALL;
            fn name(self) -> &'static str {
                Command::name(self)
            }

            fn description(self, texts: &Texts) -> String {
                Command::description(self, texts)
            }
        }
    };
}

commands! {
    NewCall => "new-call";
    FindTicket => "find-ticket";
    Note => "note";
    NoteInEditor => "note-editor";
    Status => "status";
    Priority => "priority";
    Category => "category";
    Assign => "assign";
    Subject => "subject";
    EditCaller => "edit-caller";
    MergeCaller => "merge-caller";
    Settle => "settle";
    Promise => "promise";
    Callback => "callback";
    Callbacks => "callbacks";
    TakeCall => "take-call";
    CallLog => "calls";
    Kept => "kept";
    Reschedule => "reschedule";
    CancelPromise => "cancel-promise";
    Handover => "handover";
    Copy => "copy";
    Review => "review";
    Kb => "kb";
    Script => "script";
    Escalate => "escalate";
    MajorIncident => "incident";
    LinkIncident => "link-incident";
    FilterMine => "mine";
    FilterAllOpen => "all-open";
    FilterWaiting => "waiting";
    FilterLine => "line";
    FocusNext => "focus-next";
    FocusPrevious => "focus-previous";
    Down => "down";
    Up => "up";
    Open => "open";
    Back => "back";
    Help => "help";
    Palette => "palette";
    Suspend => "suspend";
    Quit => "quit";
}

impl Command {
    /// What the command does, in the agent's language, for the help screen and the palette.
    /// The README's key table quotes the English ones (tests/docs.rs).
    pub fn description(self, texts: &Texts) -> String {
        match self {
            Command::NewCall => t!(texts, "command-new-call"),
            Command::FindTicket => t!(texts, "command-find-ticket"),
            Command::Note => t!(texts, "command-note"),
            Command::NoteInEditor => t!(texts, "command-note-editor"),
            Command::Status => t!(texts, "command-status"),
            Command::Priority => t!(texts, "command-priority"),
            Command::Category => t!(texts, "command-category"),
            Command::Assign => t!(texts, "command-assign"),
            Command::Subject => t!(texts, "command-subject"),
            Command::EditCaller => t!(texts, "command-edit-caller"),
            Command::MergeCaller => t!(texts, "command-merge-caller"),
            Command::Settle => t!(texts, "command-settle"),
            Command::Promise => t!(texts, "command-promise"),
            Command::Callback => t!(texts, "command-callback"),
            Command::Callbacks => t!(texts, "command-callbacks"),
            Command::TakeCall => t!(texts, "command-take-call"),
            Command::CallLog => t!(texts, "command-calls"),
            Command::Kept => t!(texts, "command-kept"),
            Command::Reschedule => t!(texts, "command-reschedule"),
            Command::CancelPromise => t!(texts, "command-cancel-promise"),
            Command::Handover => t!(texts, "command-handover"),
            Command::Copy => t!(texts, "command-copy"),
            Command::Review => t!(texts, "command-review"),
            Command::Kb => t!(texts, "command-kb"),
            Command::Script => t!(texts, "command-script"),
            Command::Escalate => t!(texts, "command-escalate"),
            Command::MajorIncident => t!(texts, "command-incident"),
            Command::LinkIncident => t!(texts, "command-link-incident"),
            Command::FilterMine => t!(texts, "command-mine"),
            Command::FilterAllOpen => t!(texts, "command-all-open"),
            Command::FilterWaiting => t!(texts, "command-waiting"),
            Command::FilterLine => t!(texts, "command-line"),
            Command::FocusNext => t!(texts, "command-focus-next"),
            Command::FocusPrevious => t!(texts, "command-focus-previous"),
            Command::Down => t!(texts, "command-down"),
            Command::Up => t!(texts, "command-up"),
            Command::Open => t!(texts, "command-open"),
            Command::Back => t!(texts, "command-back"),
            Command::Help => t!(texts, "command-help"),
            Command::Palette => t!(texts, "command-palette"),
            Command::Suspend => t!(texts, "command-suspend"),
            Command::Quit => t!(texts, "command-quit"),
        }
    }
}

/// Everything `[keys]` says, by context: the desk's commands (written flat, or under
/// `[keys.desk]`), the search lists' (`[keys.picker]`), the forms' (`[keys.form]`,
/// `[keys.choice]`) and the other popups' (`[keys.text]`, `[keys.list]`, `[keys.script]`,
/// `[keys.kb]`, `[keys.article]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyRemaps {
    pub desk: Vec<Remap>,
    pub picker: Vec<Remap<PickerCommand>>,
    pub form: Vec<Remap<FormCommand>>,
    pub choice: Vec<Remap<ChoiceCommand>>,
    pub text: Vec<Remap<TextCommand>>,
    pub list: Vec<Remap<ListCommand>>,
    pub script: Vec<Remap<ScriptCommand>>,
    pub kb: Vec<Remap<KbCommand>>,
    pub article: Vec<Remap<ArticleCommand>>,
}

impl KeyRemaps {
    /// Remaps of desk commands only.
    pub fn desk(desk: Vec<Remap>) -> Self {
        KeyRemaps {
            desk,
            ..KeyRemaps::default()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    desk: Bindings<Command>,
    /// The keys inside a search list; keys not bound here are typed into its line.
    pub picker: Bindings<PickerCommand>,
    /// The keys of a form, and of its choice fields (looked up first in those).
    pub form: Bindings<FormCommand>,
    pub choice: Bindings<ChoiceCommand>,
    /// Reading the help, a text or an article.
    pub text: Bindings<TextCommand>,
    /// The lists in popups that are not searches.
    pub list: Bindings<ListCommand>,
    pub script: Bindings<ScriptCommand>,
    /// The knowledge base's search (before the picker keys) and an open article (before
    /// the text keys).
    pub kb: Bindings<KbCommand>,
    pub article: Bindings<ArticleCommand>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Command::*;
        use KeyCode::*;
        let table = [
            (Key::plain(Char('n')), NewCall),
            (Key::plain(Char('/')), FindTicket),
            (Key::plain(Char('a')), Note),
            (Key::plain(Char('A')), NoteInEditor),
            (Key::plain(Char('s')), Status),
            (Key::plain(Char('i')), Priority),
            (Key::plain(Char('c')), Category),
            (Key::plain(Char('g')), Assign),
            (Key::plain(Char('S')), Subject),
            (Key::plain(Char('E')), EditCaller),
            (Key::plain(Char('U')), MergeCaller),
            (Key::plain(Char('D')), Settle),
            (Key::plain(Char('p')), Promise),
            (Key::plain(Char('b')), Callback),
            (Key::plain(Char('C')), Callbacks),
            (Key::plain(Char('T')), TakeCall),
            (Key::plain(Char('l')), CallLog),
            (Key::plain(Char('K')), Kept),
            (Key::plain(Char('R')), Reschedule),
            (Key::plain(Char('X')), CancelPromise),
            (Key::plain(Char('y')), Copy),
            (Key::plain(Char('v')), Review),
            (Key::plain(Char('H')), Handover),
            (Key::plain(Char('f')), Kb),
            (Key::plain(Char('r')), Script),
            (Key::plain(Char('e')), Escalate),
            (Key::plain(Char('M')), MajorIncident),
            (Key::plain(Char('L')), LinkIncident),
            (Key::plain(Char('m')), FilterMine),
            (Key::plain(Char('o')), FilterAllOpen),
            (Key::plain(Char('w')), FilterWaiting),
            (Key::plain(Char('t')), FilterLine),
            (Key::plain(Tab), FocusNext),
            (Key::plain(BackTab), FocusPrevious),
            (Key::plain(Char('j')), Command::Down),
            (Key::plain(KeyCode::Down), Command::Down),
            (Key::plain(Char('k')), Command::Up),
            (Key::plain(KeyCode::Up), Command::Up),
            (Key::plain(Enter), Open),
            (Key::plain(Esc), Back),
            (Key::plain(Char('?')), Help),
            (Key::plain(Char(':')), Palette),
            (Key::ctrl('z'), Suspend),
            (Key::plain(Char('q')), Quit),
            (Key::ctrl('c'), Quit),
        ];
        Keymap {
            desk: Bindings::new(table),
            picker: PickerCommand::defaults(),
            form: FormCommand::defaults(),
            choice: ChoiceCommand::defaults(),
            text: TextCommand::defaults(),
            list: ListCommand::defaults(),
            script: ScriptCommand::defaults(),
            kb: KbCommand::defaults(),
            article: ArticleCommand::defaults(),
        }
    }
}

impl Keymap {
    /// The default keys of every context with the config's remaps applied.
    pub fn with_remaps(remaps: &KeyRemaps) -> Keymap {
        let defaults = Keymap::default();
        Keymap {
            desk: defaults.desk.remapped(&remaps.desk),
            picker: defaults.picker.remapped(&remaps.picker),
            form: defaults.form.remapped(&remaps.form),
            choice: defaults.choice.remapped(&remaps.choice),
            text: defaults.text.remapped(&remaps.text),
            list: defaults.list.remapped(&remaps.list),
            script: defaults.script.remapped(&remaps.script),
            kb: defaults.kb.remapped(&remaps.kb),
            article: defaults.article.remapped(&remaps.article),
        }
    }

    /// The first key of a desk command for a hint in a sentence, or its palette name when
    /// it has no key.
    pub fn shortcut(&self, command: Command) -> String {
        self.desk
            .first_key(command)
            .unwrap_or_else(|| format!(":{}", command.name()))
    }

    pub fn command_for(&self, event: &KeyEvent) -> Option<Command> {
        self.desk.command_for(event)
    }

    /// All keys bound to a desk command, e.g. "j/↓".
    pub fn keys_for(&self, command: Command) -> String {
        self.desk.keys_for(command)
    }

    pub fn bindings(&self) -> &[Binding] {
        self.desk.bindings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn press(keymap: &Keymap, c: char) -> Option<Command> {
        keymap.command_for(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn every_command_has_a_unique_name_and_a_key() {
        let keymap = Keymap::default();
        let mut names: Vec<_> = Command::ALL.iter().map(|c| c.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Command::ALL.len());
        for command in Command::ALL {
            assert!(
                !keymap.keys_for(*command).is_empty(),
                "{command:?} has no key"
            );
            assert_eq!(Command::from_name(command.name()), Some(*command));
        }
    }

    #[test]
    fn no_key_is_bound_twice() {
        let keymap = Keymap::default();
        for (i, a) in keymap.bindings().iter().enumerate() {
            for b in &keymap.bindings()[i + 1..] {
                assert_ne!(a.key, b.key, "{} bound twice", a.key.label());
            }
        }
    }

    #[test]
    fn shifted_letters_match_with_or_without_the_shift_flag() {
        let keymap = Keymap::default();
        let with_shift = KeyEvent::new(KeyCode::Char('K'), KeyModifiers::SHIFT);
        let without = KeyEvent::new(KeyCode::Char('K'), KeyModifiers::NONE);
        assert_eq!(keymap.command_for(&with_shift), Some(Command::Kept));
        assert_eq!(keymap.command_for(&without), Some(Command::Kept));
    }

    #[test]
    fn a_remap_replaces_the_commands_default_keys() {
        let keymap = Keymap::with_remaps(&KeyRemaps::desk(vec![Remap {
            command: Command::Note,
            keys: vec![Key::plain(KeyCode::Char('N')), Key::ctrl('n')],
        }]));
        assert_eq!(press(&keymap, 'N'), Some(Command::Note));
        assert_eq!(press(&keymap, 'a'), None);
        assert_eq!(keymap.keys_for(Command::Note), "N/Ctrl-n");
        assert_eq!(press(&keymap, 'p'), Some(Command::Promise));
    }

    #[test]
    fn a_users_key_is_taken_from_the_command_that_had_it_by_default() {
        let keymap = Keymap::with_remaps(&KeyRemaps::desk(vec![Remap {
            command: Command::Note,
            keys: vec![Key::plain(KeyCode::Char('j'))],
        }]));
        assert_eq!(press(&keymap, 'j'), Some(Command::Note));
        // `down` keeps its arrow; `note` no longer has `a`.
        assert_eq!(keymap.keys_for(Command::Down), "↓");
        assert_eq!(press(&keymap, 'a'), None);
    }

    #[test]
    fn a_command_left_without_keys_is_named_for_the_palette() {
        let keymap = Keymap::with_remaps(&KeyRemaps::desk(vec![Remap {
            command: Command::Review,
            keys: Vec::new(),
        }]));
        assert_eq!(press(&keymap, 'v'), None);
        assert_eq!(keymap.keys_for(Command::Review), "");
        assert_eq!(keymap.shortcut(Command::Review), ":review");
        assert_eq!(keymap.shortcut(Command::NewCall), "n");
    }

    #[test]
    fn every_command_is_described_in_every_language() {
        use crate::i18n::Language;
        let english = Texts::new(Language::English);
        for language in [Language::Dutch, Language::Hungarian] {
            let texts = Texts::new(language);
            let mut seen = Vec::new();
            for command in Command::ALL {
                let description = command.description(&texts);
                assert!(
                    !description.starts_with("command-"),
                    "{}: no description for :{}",
                    language.code(),
                    command.name()
                );
                assert_ne!(
                    description,
                    command.description(&english),
                    "{}: :{} is described in English",
                    language.code(),
                    command.name()
                );
                assert!(!seen.contains(&description), "{description} twice");
                seen.push(description);
            }
        }
    }

    #[test]
    fn every_picker_command_is_named_described_and_keyed() {
        use crate::i18n::Language;
        let keymap = Keymap::default();
        for language in [Language::English, Language::Dutch, Language::Hungarian] {
            let texts = Texts::new(language);
            for command in PickerCommand::ALL {
                assert!(!keymap.picker.keys_for(*command).is_empty());
                let description = command.description(&texts);
                assert!(
                    !description.starts_with("picker-command-"),
                    "{}: no description for {}",
                    language.code(),
                    command.name()
                );
            }
        }
    }

    #[test]
    fn picker_remaps_leave_the_desk_alone() {
        let keymap = Keymap::with_remaps(&KeyRemaps {
            picker: vec![Remap {
                command: PickerCommand::Close,
                keys: vec![Key::plain(KeyCode::Char('q'))],
            }],
            ..KeyRemaps::default()
        });
        assert_eq!(keymap.picker.hint_key(PickerCommand::Close), "q");
        assert_eq!(keymap.picker.keys_for(PickerCommand::Close), "q");
        assert_eq!(press(&keymap, 'q'), Some(Command::Quit));
        assert_eq!(keymap.keys_for(Command::Back), "Esc");
    }

    #[test]
    fn every_form_and_choice_command_is_named_described_and_keyed() {
        use crate::i18n::Language;
        let keymap = Keymap::default();
        for language in [Language::English, Language::Dutch, Language::Hungarian] {
            let texts = Texts::new(language);
            for command in FormCommand::ALL {
                assert!(!keymap.form.keys_for(*command).is_empty());
                let description = command.description(&texts);
                assert!(!description.starts_with("form-command-"), "{description}");
            }
            for command in ChoiceCommand::ALL {
                assert!(!keymap.choice.keys_for(*command).is_empty());
                let description = command.description(&texts);
                assert!(!description.starts_with("choice-command-"), "{description}");
            }
        }
    }

    /// Every command of a popup context has keys and a description of its own in every
    /// language, and no key runs two of its commands.
    fn check_context<C: ContextCommand + std::fmt::Debug>(bindings: &Bindings<C>) {
        use crate::i18n::Language;
        for (i, a) in bindings.bindings().iter().enumerate() {
            for b in &bindings.bindings()[i + 1..] {
                assert_ne!(
                    a.key,
                    b.key,
                    "{}: {} bound twice",
                    C::CONTEXT,
                    a.key.label()
                );
            }
        }
        for language in [Language::English, Language::Dutch, Language::Hungarian] {
            let texts = Texts::new(language);
            let mut seen = Vec::new();
            for command in C::ALL {
                assert!(!bindings.keys_for(*command).is_empty(), "{command:?}");
                let text = command.description(&texts);
                assert!(
                    !text.starts_with(&format!("{}-command-", C::CONTEXT)),
                    "{}: no description for {}.{}",
                    language.code(),
                    C::CONTEXT,
                    command.name()
                );
                assert!(!seen.contains(&text), "{text} twice in {}", C::CONTEXT);
                seen.push(text);
            }
        }
    }

    #[test]
    fn every_popup_command_is_named_described_and_keyed() {
        let keymap = Keymap::default();
        check_context(&keymap.text);
        check_context(&keymap.list);
        check_context(&keymap.script);
        check_context(&keymap.kb);
        check_context(&keymap.article);
    }
}
