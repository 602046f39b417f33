//! `:script` on the active ticket: pick a script (or resume the one left), answer its steps
//! one by one, each answer written to the timeline as it is given, and act on the ending.

use chrono::Duration;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::{App, Effect, Popup, StoreEffect, Write, forms};
use crate::domain::scripts::fill::{Facts, fill};
use crate::domain::scripts::rank::{Situation, ranked};
use crate::domain::scripts::{
    Ending, Given, Library, Record, Recorded, Recording, Reply, Run, Script, ScriptError,
};
use crate::domain::{Event, EventKind, Id};
use crate::keymap::{Command, FormCommand, ListCommand, ScriptCommand};
use crate::t;

/// A call logged this recently counts as "just taken": the call-opening check is offered.
const JUST_TAKEN_MINUTES: i64 = 15;

/// What the desk read for `:script`, handed to the app.
#[derive(Debug)]
pub struct ScriptsLoaded {
    pub ticket_id: Id,
    pub library: Library,
    /// The ticket's latest script run, oldest first.
    pub events: Vec<Event>,
}

pub enum ScriptPopup {
    Pick(Picker),
    Run(Box<Runner>),
}

pub struct Picker {
    pub ticket_id: Id,
    pub rows: Vec<PickRow>,
    pub selected: usize,
    /// Own script files that were skipped, each naming file, line and column.
    pub errors: Vec<ScriptError>,
    facts: Facts,
}

pub enum PickRow {
    Resume(Box<Runner>),
    Start(Script),
}

pub struct Runner {
    pub ticket_id: Id,
    pub script: Script,
    pub run: Run,
    pub selected: usize,
    pub input: TextArea<'static>,
    pub facts: Facts,
    /// Said once on screen, such as that the script changed since it was left.
    pub notice: Option<String>,
    pub error: Option<String>,
    /// The run after the answer being written; it becomes the run once the write is done.
    pending: Option<Run>,
}

impl Runner {
    fn new(ticket_id: Id, script: Script, run: Run, facts: Facts) -> Runner {
        Runner {
            ticket_id,
            script,
            run,
            selected: 0,
            input: TextArea::default(),
            facts,
            notice: None,
            error: None,
            pending: None,
        }
    }

    /// The current question with its placeholders filled, as the agent reads it out.
    pub fn question(&self) -> String {
        self.script
            .step(self.run.at)
            .map(|s| fill(&s.question, &self.facts))
            .unwrap_or_default()
    }

    pub fn answers(&self) -> &[crate::domain::scripts::Answer] {
        match self.script.step(self.run.at).map(|s| &s.reply) {
            Some(Reply::Choices(answers)) => answers,
            _ => &[],
        }
    }

    pub fn takes_text(&self) -> bool {
        matches!(
            self.script.step(self.run.at).map(|s| &s.reply),
            Some(Reply::Text(_))
        )
    }

    fn record(&self, what: Recording) -> Effect {
        Effect::Store(StoreEffect::Write(Write::Script(Record {
            ticket_id: self.ticket_id.clone(),
            script: self.script.id.clone(),
            title: self.script.title.clone(),
            what,
        })))
    }

    fn step_id(&self) -> String {
        self.script
            .step(self.run.at)
            .map(|s| s.id.clone())
            .unwrap_or_default()
    }
}

impl ScriptPopup {
    pub(super) fn paste(&mut self, text: &str) {
        if let ScriptPopup::Run(runner) = self
            && runner.takes_text()
        {
            runner.input.insert_str(text.replace(['\r', '\n'], " "));
        }
    }

    pub(super) fn not_saved(&mut self, error: String) {
        if let ScriptPopup::Run(runner) = self {
            runner.pending = None;
            runner.error = Some(error);
        }
    }
}

impl App {
    pub(super) fn start_script(&mut self) -> Vec<Effect> {
        match self.require_ticket() {
            Some(ticket_id) => vec![Effect::Store(StoreEffect::LoadScripts { ticket_id })],
            None => Vec::new(),
        }
    }

    pub(super) fn on_scripts_loaded(&mut self, loaded: ScriptsLoaded) -> Vec<Effect> {
        let Some(ticket) = self.current_ticket().cloned() else {
            return Vec::new();
        };
        if ticket.id != loaded.ticket_id {
            return Vec::new();
        }
        let facts = self.facts();
        let mut rows = Vec::new();
        match self.left_run(&loaded, &facts) {
            Ok(Some(runner)) => rows.push(PickRow::Resume(Box::new(runner))),
            Ok(None) => {}
            Err(message) => self.error(message),
        }
        let call_taken = self.views.ticket.as_ref().is_some_and(|view| {
            view.timeline.iter().any(|e| {
                e.kind == EventKind::ContactIn
                    && e.at >= self.now - Duration::minutes(JUST_TAKEN_MINUTES)
            })
        });
        let situation = Situation {
            new_ticket: ticket.status == crate::domain::Status::New,
            call_taken,
            subject: ticket.subject.clone(),
        };
        rows.extend(
            ranked(&loaded.library, &situation)
                .into_iter()
                .map(|s| PickRow::Start(s.clone())),
        );
        self.popup = Some(Popup::Script(ScriptPopup::Pick(Picker {
            ticket_id: ticket.id,
            rows,
            selected: 0,
            errors: loaded.library.errors,
            facts,
        })));
        Vec::new()
    }

    /// The run left unfinished on the ticket, rebuilt from its events, if there is one.
    fn left_run(&self, loaded: &ScriptsLoaded, facts: &Facts) -> Result<Option<Runner>, String> {
        let Some(started) = loaded.events.first() else {
            return Ok(None);
        };
        if started.kind != EventKind::ScriptStarted
            || loaded
                .events
                .iter()
                .any(|e| e.kind == EventKind::ScriptFinished)
        {
            return Ok(None);
        }
        let id = started.data["script"].as_str().unwrap_or_default();
        let Some(script) = loaded.library.get(id) else {
            return Err(t!(self.texts, "msg-script-gone", script = id));
        };
        let text = |e: &Event, key: &str| e.data[key].as_str().unwrap_or_default().to_string();
        let recorded: Vec<Recorded> = loaded
            .events
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::ScriptAnswer => Some(Recorded::Answer {
                    step: text(e, "step"),
                    question: text(e, "question"),
                    answer: text(e, "answer"),
                }),
                EventKind::ScriptLeft => Some(Recorded::Left {
                    step: text(e, "step"),
                }),
                _ => None,
            })
            .collect();
        let replayed = Run::replay(script, &recorded);
        let mut runner = Runner::new(
            loaded.ticket_id.clone(),
            script.clone(),
            replayed.run,
            facts.clone(),
        );
        runner.notice = replayed
            .changed
            .map(|step| t!(self.texts, "script-changed", step = step));
        Ok(Some(runner))
    }

    /// What the placeholders are filled with: the caller card and the ticket.
    fn facts(&self) -> Facts {
        let mut facts = Facts {
            missing: t!(self.texts, "script-not-known"),
            ..Facts::default()
        };
        facts.set("agent", self.config.agent.clone());
        let ticket = self.current_ticket();
        if let Some(ticket) = ticket {
            facts.set("ticket", ticket.key.clone());
            facts.set("subject", ticket.subject.clone());
            facts.set("caller", ticket.caller_name.clone());
        }
        let card = self
            .views
            .caller
            .as_ref()
            .filter(|c| ticket.is_none_or(|t| t.caller_id.as_ref() == Some(&c.caller.id)));
        if let Some(card) = card {
            let caller = &card.caller;
            facts.set("caller", caller.name.clone());
            facts.set("organization", caller.organization.clone());
            facts.set("phone", caller.phones.first().cloned().unwrap_or_default());
            facts.set("email", caller.emails.first().cloned().unwrap_or_default());
            facts.set("identifiers", caller.identifiers.join(", "));
            let earlier = card
                .prior_contacts
                .iter()
                .find(|c| ticket.is_none_or(|t| t.id != c.ticket_id));
            facts.set(
                "last_contact",
                match earlier {
                    Some(c) => format!(
                        "{} · {} {}",
                        crate::domain::when::friendly(
                            c.at,
                            self.now,
                            self.config.time_zone,
                            &self.texts
                        ),
                        c.ticket_key,
                        c.subject
                    ),
                    None => t!(self.texts, "script-no-last-contact"),
                },
            );
        }
        facts
    }

    pub(super) fn on_script_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Popup::Script(popup)) = self.popup.as_mut() else {
            return Vec::new();
        };
        let (list, keys) = (&self.keymap.list, &self.keymap.script);
        match popup {
            ScriptPopup::Pick(picker) => {
                let last = picker.rows.len().saturating_sub(1);
                match list.command_for(&key) {
                    Some(ListCommand::Close) => self.popup = None,
                    Some(ListCommand::Next) => picker.selected = (picker.selected + 1).min(last),
                    Some(ListCommand::Previous) => {
                        picker.selected = picker.selected.saturating_sub(1)
                    }
                    Some(ListCommand::Open) => return self.pick(),
                    None => {}
                }
                Vec::new()
            }
            ScriptPopup::Run(runner) if runner.run.ended.is_some() => {
                match keys.command_for(&key) {
                    Some(ScriptCommand::Answer) => self.act_on_ending(),
                    Some(ScriptCommand::Leave) => {
                        let resolution = runner.run.ended.as_ref().is_some_and(|e| e.resolution);
                        self.popup = None;
                        if !resolution {
                            let key = self.keymap.shortcut(Command::Escalate);
                            self.info(t!(self.texts, "msg-script-escalate-later", key = key));
                        }
                        Vec::new()
                    }
                    Some(ScriptCommand::Back) | None => Vec::new(),
                }
            }
            ScriptPopup::Run(runner) => {
                if runner.pending.is_some() {
                    return Vec::new();
                }
                let text_step = runner.takes_text();
                let empty = runner.input.lines().iter().all(|l| l.is_empty());
                match keys.command_for(&key) {
                    Some(ScriptCommand::Leave) => {
                        let effect = runner.record(Recording::Left {
                            step: runner.step_id(),
                        });
                        self.popup = None;
                        let key = self.keymap.shortcut(Command::Script);
                        self.info(t!(self.texts, "msg-script-left", key = key));
                        return vec![effect];
                    }
                    Some(ScriptCommand::Back) if (!text_step || empty) && runner.run.back() => {
                        runner.selected = 0;
                        runner.error = None;
                        return Vec::new();
                    }
                    Some(ScriptCommand::Answer) if text_step => {
                        let typed = runner.input.lines().join(" ");
                        return self.answer(Given::Text(&typed));
                    }
                    Some(ScriptCommand::Answer) => {
                        let chosen = runner.selected;
                        return self.answer(Given::Choice(chosen));
                    }
                    _ => {}
                }
                match key.code {
                    // Ctrl-M and Ctrl-J would break the line; the answer is one line.
                    KeyCode::Char('m' | 'j') if key.modifiers.contains(KeyModifiers::CONTROL) => {}
                    _ if text_step => {
                        // A key the field does not take changes nothing.
                        let _ = runner.input.input(key);
                        runner.error = None;
                    }
                    // An answer's number, shown before it, gives that answer at once.
                    KeyCode::Char(c @ '1'..='9') => {
                        let chosen = c as usize - '1' as usize;
                        if chosen < runner.answers().len() {
                            return self.answer(Given::Choice(chosen));
                        }
                    }
                    _ => match list.command_for(&key) {
                        Some(ListCommand::Next) => {
                            runner.selected =
                                (runner.selected + 1).min(runner.answers().len().saturating_sub(1))
                        }
                        Some(ListCommand::Previous) => {
                            runner.selected = runner.selected.saturating_sub(1)
                        }
                        _ => {}
                    },
                }
                Vec::new()
            }
        }
    }

    fn pick(&mut self) -> Vec<Effect> {
        let Some(Popup::Script(ScriptPopup::Pick(picker))) = self.popup.take() else {
            return Vec::new();
        };
        let ticket_id = picker.ticket_id.clone();
        let facts = picker.facts.clone();
        let Some(row) = picker.rows.into_iter().nth(picker.selected) else {
            return Vec::new();
        };
        let (runner, effects) = match row {
            PickRow::Resume(runner) => (runner, Vec::new()),
            PickRow::Start(script) => {
                let run = Run::start(&script);
                let runner = Runner::new(ticket_id, script, run, facts);
                let started = runner.record(Recording::Started);
                (Box::new(runner), vec![started])
            }
        };
        self.popup = Some(Popup::Script(ScriptPopup::Run(runner)));
        effects
    }

    fn answer(&mut self, given: Given) -> Vec<Effect> {
        let required = t!(self.texts, "script-text-required");
        let Some(Popup::Script(ScriptPopup::Run(runner))) = self.popup.as_mut() else {
            return Vec::new();
        };
        let question = runner.question();
        let Some(next) = runner.run.answer(&runner.script, given, &question) else {
            if runner.takes_text() {
                runner.error = Some(required);
            }
            return Vec::new();
        };
        let Some(taken) = next.path.last() else {
            return Vec::new();
        };
        let effect = runner.record(Recording::Answer {
            step: runner.step_id(),
            question: taken.question.clone(),
            answer: taken.answer.clone(),
            finished: next.ended.clone(),
        });
        runner.pending = Some(next);
        vec![effect]
    }

    /// The answer is on the timeline: the script moves on.
    pub(super) fn on_script_recorded(&mut self) {
        if let Some(Popup::Script(ScriptPopup::Run(runner))) = self.popup.as_mut()
            && let Some(next) = runner.pending.take()
        {
            runner.run = next;
            runner.selected = 0;
            runner.input = TextArea::default();
            runner.error = None;
            runner.notice = None;
        }
    }

    fn act_on_ending(&mut self) -> Vec<Effect> {
        let Some(Popup::Script(ScriptPopup::Run(runner))) = self.popup.take() else {
            return Vec::new();
        };
        match runner.run.ended {
            Some(Ending {
                resolution: true,
                text,
                ..
            }) => {
                let enter = self.keymap.form.hint_key(FormCommand::Submit);
                let status = self.keymap.shortcut(Command::Status);
                let context = t!(
                    self.texts,
                    "script-note-context",
                    enter = enter,
                    status = status
                );
                self.popup = Some(Popup::Form(
                    forms::note(runner.ticket_id, &text, &self.texts).with_context(vec![context]),
                ));
                Vec::new()
            }
            Some(_) => self.run(Command::Escalate),
            None => Vec::new(),
        }
    }
}
