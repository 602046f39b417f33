//! A script being run: where the agent is, and the answers that led there. Pure: the app
//! records each answer as an event, and a run left for later is rebuilt from those events.

use super::{Reply, Script, Then};

/// One answered step, with the question as it was shown (placeholders filled in).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Taken {
    pub step: usize,
    pub question: String,
    pub answer: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ending {
    pub resolution: bool,
    pub text: String,
    pub group: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The step being asked, or the last one answered once the run has ended.
    pub at: usize,
    pub path: Vec<Taken>,
    pub ended: Option<Ending>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Given<'a> {
    Choice(usize),
    Text(&'a str),
}

/// What a ticket's events say happened in a run, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recorded {
    Answer {
        step: String,
        question: String,
        answer: String,
    },
    Left {
        step: String,
    },
}

/// A run rebuilt from events. `changed` names a recorded step or answer the script no
/// longer has, so the agent can be told the run resumes from what still exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replayed {
    pub run: Run,
    pub changed: Option<String>,
}

impl Run {
    pub fn start(script: &Script) -> Run {
        Run {
            at: script.first,
            path: Vec::new(),
            ended: None,
        }
    }

    /// The run after answering the current step, or `None` when `given` does not answer it
    /// (no such choice, empty text, or the run has ended).
    pub fn answer(&self, script: &Script, given: Given, question: &str) -> Option<Run> {
        if self.ended.is_some() {
            return None;
        }
        let step = script.step(self.at)?;
        let (answer, then) = match (&step.reply, given) {
            (Reply::Choices(answers), Given::Choice(i)) => {
                let chosen = answers.get(i)?;
                (chosen.text.clone(), &chosen.then)
            }
            (Reply::Text(then), Given::Text(text)) if !text.trim().is_empty() => {
                (text.trim().to_string(), then)
            }
            _ => return None,
        };
        let mut next = self.clone();
        next.path.push(Taken {
            step: self.at,
            question: question.to_string(),
            answer,
        });
        match then {
            Then::Step(to) => next.at = *to,
            end => next.ended = ending(end),
        }
        Some(next)
    }

    /// Goes back to the step answered last, forgetting its answer. False at the start or
    /// once the run has ended, which is on record as finished.
    pub fn back(&mut self) -> bool {
        if self.ended.is_some() {
            return false;
        }
        match self.path.pop() {
            Some(last) => {
                self.at = last.step;
                true
            }
            None => false,
        }
    }

    /// Rebuilds a run from its recorded answers. An answer to a step asked earlier in the
    /// path means the agent went back: the path is cut there first. A step or answer the
    /// script no longer has is skipped, and the run resumes at the last step that fits.
    pub fn replay(script: &Script, recorded: &[Recorded]) -> Replayed {
        let mut run = Run::start(script);
        let mut changed = None;
        for record in recorded {
            match record {
                Recorded::Answer {
                    step,
                    question,
                    answer,
                } => {
                    let Some(i) = script.step_index(step) else {
                        changed.get_or_insert_with(|| step.clone());
                        continue;
                    };
                    run.cut_at(i);
                    let then = match &script.steps[i].reply {
                        Reply::Choices(answers) => {
                            answers.iter().find(|a| a.text == *answer).map(|a| &a.then)
                        }
                        Reply::Text(then) => Some(then),
                    };
                    match then {
                        Some(Then::Step(to)) => {
                            run.path.push(Taken {
                                step: i,
                                question: question.clone(),
                                answer: answer.clone(),
                            });
                            run.at = *to;
                        }
                        // An ending with no finish on record, or an answer the step lost:
                        // ask the step again.
                        Some(_) => {}
                        None => {
                            changed.get_or_insert_with(|| step.clone());
                        }
                    }
                }
                Recorded::Left { step } => {
                    if let Some(i) = script.step_index(step) {
                        run.cut_at(i);
                    }
                }
            }
        }
        Replayed { run, changed }
    }

    /// Makes step `i` the current one, dropping its answer and any after it from the path.
    fn cut_at(&mut self, i: usize) {
        if let Some(pos) = self.path.iter().position(|t| t.step == i) {
            self.path.truncate(pos);
        }
        self.at = i;
        self.ended = None;
    }
}

fn ending(then: &Then) -> Option<Ending> {
    match then {
        Then::Step(_) => None,
        Then::Resolve(text) => Some(Ending {
            resolution: true,
            text: text.clone(),
            group: None,
        }),
        Then::Escalate { text, group } => Some(Ending {
            resolution: false,
            text: text.clone(),
            group: group.clone(),
        }),
    }
}
