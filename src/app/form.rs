//! A small popup form: text fields and choices, moved through with Tab and Enter. Each
//! flow (note, promise, reschedule, new caller …) is a form with its own `FormKind`; the app
//! decides what a submitted form means.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use serde::{Deserialize, Serialize};

use crate::domain::Id;
use crate::keymap::{ChoiceCommand, FormCommand, Keymap};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormKind {
    NewCaller,
    Subject {
        caller_id: Id,
    },
    Note {
        ticket_id: Id,
    },
    /// A call on one of the caller's open tickets, with what they said.
    LogCall {
        ticket_id: Id,
    },
    /// A voicemail or message turned into a callback request, with the message itself.
    /// The deadline is `callback_within` from when it is saved.
    Callback {
        ticket_id: Id,
        subject: String,
        to: String,
    },
    Promise {
        ticket_id: Id,
    },
    Keep {
        promise_id: Id,
    },
    Reschedule {
        promise_id: Id,
    },
    Cancel {
        promise_id: Id,
    },
    Status {
        ticket_id: Id,
    },
    Priority {
        ticket_id: Id,
    },
    Category {
        ticket_id: Id,
    },
    Assign {
        ticket_id: Id,
    },
    /// `prefilled` is the hand-off as shown when the form opened, so the note written is
    /// the one the agent read.
    Escalate {
        ticket_id: Id,
        prefilled: Vec<String>,
    },
    DeclareIncident {
        tickets: Vec<Id>,
    },
    LinkIncident {
        tickets: Vec<Id>,
        incidents: Vec<Id>,
    },
    ResolveIncident {
        incident_id: Id,
    },
    EditSubject {
        ticket_id: Id,
    },
    EditCaller {
        caller_id: Id,
    },
    /// The two entries of one person; the choice says which is kept.
    MergeCallers {
        callers: Vec<Id>,
    },
    /// A conflict's two values; the choice says which stays.
    Settle {
        conflict_id: String,
    },
}

pub enum Input {
    /// `deadline` fields get a live preview of the parsed instant under them.
    Text {
        area: Box<TextArea<'static>>,
        deadline: bool,
        /// Takes line breaks (the `new-line` key, a paste); other fields are one line.
        multi_line: bool,
    },
    Choice {
        options: Vec<String>,
        selected: usize,
    },
}

pub struct Field {
    pub label: String,
    pub input: Input,
}

impl Field {
    pub fn text(label: impl Into<String>, initial: &str) -> Field {
        Field {
            label: label.into(),
            input: Input::Text {
                area: Box::new(text_area(initial)),
                deadline: false,
                multi_line: false,
            },
        }
    }

    /// A field of several lines: a note, what the caller said.
    pub fn multi_line(label: impl Into<String>, initial: &str) -> Field {
        Field {
            label: label.into(),
            input: Input::Text {
                area: Box::new(text_area(initial)),
                deadline: false,
                multi_line: true,
            },
        }
    }

    pub fn deadline(label: impl Into<String>) -> Field {
        Field {
            label: label.into(),
            input: Input::Text {
                area: Box::new(text_area("")),
                deadline: true,
                multi_line: false,
            },
        }
    }

    pub fn choice(label: impl Into<String>, options: Vec<String>, selected: usize) -> Field {
        let selected = selected.min(options.len().saturating_sub(1));
        Field {
            label: label.into(),
            input: Input::Choice { options, selected },
        }
    }
}

fn text_area(initial: &str) -> TextArea<'static> {
    let mut area = TextArea::new(initial.lines().map(String::from).collect());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

pub struct Form {
    pub kind: FormKind,
    pub title: String,
    /// Fixed lines shown above the fields, e.g. who a promise is made to.
    pub context: Vec<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
}

/// A form as it stood, in a shape that outlives the process (see `Desk::keep_draft`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    pub kind: FormKind,
    pub title: String,
    pub context: Vec<String>,
    pub fields: Vec<FieldDraft>,
    pub focus: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldDraft {
    Text {
        label: String,
        text: String,
        deadline: bool,
        #[serde(default)]
        multi_line: bool,
    },
    Choice {
        label: String,
        options: Vec<String>,
        selected: usize,
    },
}

#[derive(Debug, PartialEq, Eq)]
pub enum FormEvent {
    Submit,
    Cancel,
    Changed,
    Nothing,
}

impl Form {
    pub fn new(kind: FormKind, title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            kind,
            title: title.into(),
            context: Vec::new(),
            fields,
            focus: 0,
            error: None,
        }
    }

    /// A new ticket saves on Enter from its subject, as it always did: what the caller said
    /// is optional, reached with the next-field key.
    fn saves_from_any_field(&self) -> bool {
        matches!(self.kind, FormKind::Subject { .. })
    }

    /// Whether Enter saves from every field, not only the last: a form of one field, or one
    /// that saves at once.
    pub fn saves_from_every_field(&self) -> bool {
        self.fields.len() <= 1 || self.saves_from_any_field()
    }

    /// Whether a field offers options to choose from.
    pub fn has_choice(&self) -> bool {
        self.fields
            .iter()
            .any(|f| matches!(f.input, Input::Choice { .. }))
    }

    pub fn with_context(mut self, lines: Vec<String>) -> Form {
        self.context = lines;
        self
    }

    /// Keys bound in the keymap's `form` context (and, in a choice field, its `choice`
    /// context first) run their command; any other key is typed into a text field, or
    /// picks the first option starting with it in a choice.
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> FormEvent {
        let last = self.fields.len().saturating_sub(1);
        let on_choice = matches!(
            self.fields.get(self.focus).map(|f| &f.input),
            Some(Input::Choice { .. })
        );
        let choice = if on_choice {
            keymap.choice.command_for(&key)
        } else {
            None
        };
        if let (
            Some(command),
            Some(Field {
                input: Input::Choice { options, selected },
                ..
            }),
        ) = (choice, self.fields.get_mut(self.focus))
        {
            *selected = match command {
                ChoiceCommand::PreviousOption => selected.saturating_sub(1),
                ChoiceCommand::NextOption => (*selected + 1).min(options.len().saturating_sub(1)),
            };
            return FormEvent::Changed;
        }
        match keymap.form.command_for(&key) {
            Some(FormCommand::Cancel) => return FormEvent::Cancel,
            Some(FormCommand::Submit) if self.focus >= last || self.saves_from_any_field() => {
                return FormEvent::Submit;
            }
            Some(FormCommand::Submit | FormCommand::NextField) => {
                self.focus = (self.focus + 1).min(last);
                return FormEvent::Nothing;
            }
            Some(FormCommand::PreviousField) => {
                self.focus = self.focus.saturating_sub(1);
                return FormEvent::Nothing;
            }
            Some(FormCommand::NewLine) => {
                if let Some(Field {
                    input:
                        Input::Text {
                            area,
                            multi_line: true,
                            ..
                        },
                    ..
                }) = self.fields.get_mut(self.focus)
                {
                    area.insert_newline();
                    self.error = None;
                    return FormEvent::Changed;
                }
                return FormEvent::Nothing;
            }
            None => {}
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormEvent::Nothing;
        };
        match &mut field.input {
            Input::Choice { options, selected } => match key.code {
                KeyCode::Char(c) => {
                    // Jump to the first option starting with the typed letter or digit.
                    let c = c.to_ascii_lowercase();
                    if let Some(i) = options.iter().position(|o| o.to_lowercase().starts_with(c)) {
                        *selected = i;
                    }
                    FormEvent::Changed
                }
                _ => FormEvent::Nothing,
            },
            Input::Text { area, .. } => match key.code {
                // Ctrl-M and Ctrl-J would insert a line break, as would an Enter with a
                // modifier the keymap does not bind; line breaks come from `new-line` only.
                KeyCode::Char('m' | 'j') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    FormEvent::Nothing
                }
                KeyCode::Enter => FormEvent::Nothing,
                _ => {
                    if area.input(key) {
                        self.error = None;
                        FormEvent::Changed
                    } else {
                        FormEvent::Nothing
                    }
                }
            },
        }
    }

    /// False when the focused field is a choice, which takes no text.
    pub fn paste(&mut self, text: &str) -> bool {
        if let Some(Field {
            input: Input::Text {
                area, multi_line, ..
            },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            // A paste keeps its line breaks where the field takes them.
            if *multi_line {
                area.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
            } else {
                area.insert_str(text.replace(['\r', '\n'], " "));
            }
            self.error = None;
            return true;
        }
        false
    }

    pub fn text(&self, index: usize) -> String {
        match self.fields.get(index).map(|f| &f.input) {
            Some(Input::Text { area, .. }) => area.lines().join("\n").trim().to_string(),
            Some(Input::Choice { options, selected }) => {
                options.get(*selected).cloned().unwrap_or_default()
            }
            None => String::new(),
        }
    }

    /// Replaces a text field's text, the cursor after it (a completed name).
    pub fn set_text(&mut self, index: usize, text: &str) {
        if let Some(Field {
            input: Input::Text { area, .. },
            ..
        }) = self.fields.get_mut(index)
        {
            **area = text_area(text);
            self.error = None;
        }
    }

    pub fn choice(&self, index: usize) -> usize {
        match self.fields.get(index).map(|f| &f.input) {
            Some(Input::Choice { selected, .. }) => *selected,
            _ => 0,
        }
    }

    /// What the agent has typed so far, to be kept if the desk stops before it is saved.
    pub fn to_draft(&self) -> FormDraft {
        FormDraft {
            kind: self.kind.clone(),
            title: self.title.clone(),
            context: self.context.clone(),
            fields: self
                .fields
                .iter()
                .map(|field| match &field.input {
                    Input::Text {
                        area,
                        deadline,
                        multi_line,
                    } => FieldDraft::Text {
                        label: field.label.clone(),
                        text: area.lines().join("\n"),
                        deadline: *deadline,
                        multi_line: *multi_line,
                    },
                    Input::Choice { options, selected } => FieldDraft::Choice {
                        label: field.label.clone(),
                        options: options.clone(),
                        selected: *selected,
                    },
                })
                .collect(),
            focus: self.focus,
        }
    }

    pub fn from_draft(draft: FormDraft) -> Form {
        let fields = draft
            .fields
            .into_iter()
            .map(|field| match field {
                FieldDraft::Text {
                    label,
                    text,
                    deadline,
                    multi_line,
                } => Field {
                    label,
                    input: Input::Text {
                        area: Box::new(text_area(&text)),
                        deadline,
                        multi_line,
                    },
                },
                FieldDraft::Choice {
                    label,
                    options,
                    selected,
                } => Field {
                    label,
                    input: Input::Choice {
                        selected: selected.min(options.len().saturating_sub(1)),
                        options,
                    },
                },
            })
            .collect::<Vec<_>>();
        Form {
            kind: draft.kind,
            title: draft.title,
            context: draft.context,
            focus: draft.focus.min(fields.len().saturating_sub(1)),
            fields,
            error: None,
        }
    }

    /// Puts focus on the field an error is about, so the agent can fix it straight away.
    pub fn fail(&mut self, field: usize, message: impl Into<String>) {
        self.focus = field.min(self.fields.len().saturating_sub(1));
        self.error = Some(message.into());
    }
}
