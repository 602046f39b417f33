//! Now and then an agent walks a troubleshooting script with the caller: most runs reach
//! their ending, some are left halfway to be resumed later.

use std::sync::LazyLock;

use super::{Demo, Story};
use crate::domain::scripts::fill::{Facts, fill};
use crate::domain::scripts::rank::{Situation, ranked};
use crate::domain::scripts::{Given, Library, Record, Recording, Reply, Run};
use crate::store::Result;

static LIBRARY: LazyLock<Library> = LazyLock::new(Library::shipped);

/// What callers say to the questions that take typed answers.
const SAID: &[&str] = &[
    "Since this morning, around nine",
    "Nothing changed as far as they know",
    "A Windows update ran last night",
    "Only the caller so far",
    "They can work on a colleague's laptop for now",
    "The report has to go out by Friday",
];

impl Demo<'_> {
    pub(super) fn script_story(&mut self, t: &mut Story) -> Result<()> {
        if !self.chance(15) {
            return Ok(());
        }
        let Some(ticket) = self.store.ticket(&t.id)? else {
            return Ok(());
        };
        let situation = Situation {
            new_ticket: self.chance(30),
            call_taken: false,
            subject: ticket.subject.clone(),
        };
        let Some(script) = ranked(&LIBRARY, &situation).first().copied() else {
            return Ok(());
        };
        let mut facts = Facts {
            missing: "—".into(),
            ..Facts::default()
        };
        facts.set("caller", ticket.caller_name.clone());
        facts.set("ticket", ticket.key.clone());
        let caller = match ticket.caller_id.as_deref() {
            Some(id) => self.store.caller(id)?,
            None => None,
        };
        if let Some(caller) = caller {
            facts.set("organization", caller.organization);
            facts.set("phone", caller.phones.first().cloned().unwrap_or_default());
        }
        let ticket_id = t.id.clone();
        let record = |what| Record {
            ticket_id: ticket_id.clone(),
            script: script.id.clone(),
            title: script.title.clone(),
            what,
        };
        let Some(at) = self.wait(t, 1, 5) else {
            return Ok(());
        };
        self.store.record_script(&record(Recording::Started), at)?;
        let leaves = self.chance(25);
        let mut run = Run::start(script);
        while run.ended.is_none() {
            let Some(step) = script.step(run.at) else {
                return Ok(());
            };
            // A step not yet reached by now: the run is still going on.
            let Some(at) = self.wait(t, 1, 4) else {
                return Ok(());
            };
            if leaves && !run.path.is_empty() && self.chance(40) {
                let left = Recording::Left {
                    step: step.id.clone(),
                };
                return self.store.record_script(&record(left), at);
            }
            let said = SAID[self.rng.usize(..SAID.len())];
            let given = match &step.reply {
                Reply::Choices(answers) => Given::Choice(self.rng.usize(..answers.len())),
                Reply::Text(_) => Given::Text(said),
            };
            let question = fill(&step.question, &facts);
            let Some(next) = run.answer(script, given, &question) else {
                return Ok(());
            };
            let Some(taken) = next.path.last() else {
                return Ok(());
            };
            let answer = Recording::Answer {
                step: step.id.clone(),
                question,
                answer: taken.answer.clone(),
                finished: next.ended.clone(),
            };
            self.store.record_script(&record(answer), at)?;
            run = next;
        }
        Ok(())
    }
}
