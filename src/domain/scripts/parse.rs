//! Reading one script file and checking it makes a whole script: every branch leads to a
//! step that exists, every step can be reached from the first, every step can be answered.
//! Each mistake is reported at its place in the file, so an agent can fix it in one go.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::fill::unknown_placeholder;
use super::{Answer, Offer, Reply, Script, ScriptError, Step, Then};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScript {
    title: Spanned<String>,
    #[serde(default)]
    keywords: Vec<String>,
    offer: Option<Spanned<String>>,
    first: Option<Spanned<String>>,
    #[serde(default, rename = "step")]
    steps: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Spanned<String>,
    question: Spanned<String>,
    #[serde(default)]
    free_text: bool,
    #[serde(default, rename = "answer")]
    answers: Vec<Spanned<RawAnswer>>,
    next: Option<Spanned<String>>,
    resolve: Option<Spanned<String>>,
    escalate: Option<Spanned<String>>,
    group: Option<Spanned<String>>,
}

/// An answer: its text and where it leads.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    text: Spanned<String>,
    next: Option<Spanned<String>>,
    resolve: Option<Spanned<String>>,
    escalate: Option<Spanned<String>>,
    group: Option<Spanned<String>>,
}

/// Where an answer (or a free-text step) leads: exactly one of next, resolve and escalate.
struct Ends<'a> {
    next: &'a Option<Spanned<String>>,
    resolve: &'a Option<Spanned<String>>,
    escalate: &'a Option<Spanned<String>>,
    group: &'a Option<Spanned<String>>,
}

impl RawStep {
    fn ends(&self) -> Ends<'_> {
        Ends {
            next: &self.next,
            resolve: &self.resolve,
            escalate: &self.escalate,
            group: &self.group,
        }
    }
}

impl RawAnswer {
    fn ends(&self) -> Ends<'_> {
        Ends {
            next: &self.next,
            resolve: &self.resolve,
            escalate: &self.escalate,
            group: &self.group,
        }
    }
}

struct Fail(Range<usize>, String);

/// Parses the script `id` from `text`, read from `path` (named in errors).
pub fn parse(id: &str, text: &str, path: &Path) -> Result<Script, ScriptError> {
    let located = |span: Range<usize>, message: String| ScriptError {
        path: path.to_path_buf(),
        at: Some(line_column(text, span.start)),
        message,
    };
    let raw: RawScript = toml::from_str(text).map_err(|error| {
        located(
            error.span().unwrap_or(0..0),
            error.message().trim().to_string(),
        )
    })?;
    let groups = raw
        .steps
        .iter()
        .flat_map(|step| {
            let answers = step.answers.iter().map(|a| &a.get_ref().group);
            std::iter::once(&step.group).chain(answers)
        })
        .flatten()
        .map(|group| {
            let name = group.get_ref().trim().to_string();
            (name, line_column(text, group.span().start))
        })
        .filter(|(name, _)| !name.is_empty())
        .collect();
    let mut script = build(id, raw).map_err(|Fail(span, message)| located(span, message))?;
    script.groups = groups;
    Ok(script)
}

fn build(id: &str, raw: RawScript) -> Result<Script, Fail> {
    if raw.title.get_ref().trim().is_empty() {
        return Err(Fail(raw.title.span(), "the title is empty".into()));
    }
    let offer = match &raw.offer {
        None => Offer::ByKeyword,
        Some(offer) => match offer.get_ref().as_str() {
            "new-ticket" => Offer::NewTicket,
            "call-taken" => Offer::CallTaken,
            other => {
                return Err(Fail(
                    offer.span(),
                    format!("offer `{other}` is not known; use \"new-ticket\" or \"call-taken\""),
                ));
            }
        },
    };
    if raw.steps.is_empty() {
        return Err(Fail(
            0..0,
            "the script has no steps; add one with [[step]]".into(),
        ));
    }
    let ids: Vec<&str> = raw.steps.iter().map(|s| s.id.get_ref().as_str()).collect();
    for (i, step) in raw.steps.iter().enumerate() {
        if step.id.get_ref().trim().is_empty() {
            return Err(Fail(step.id.span(), "the step id is empty".into()));
        }
        if ids[..i].contains(&step.id.get_ref().as_str()) {
            return Err(Fail(
                step.id.span(),
                format!("step `{}` is defined twice", step.id.get_ref()),
            ));
        }
    }
    let target = |name: &Spanned<String>| {
        ids.iter()
            .position(|id| *id == name.get_ref())
            .ok_or_else(|| {
                Fail(
                    name.span(),
                    format!("there is no step `{}` to go to", name.get_ref()),
                )
            })
    };
    let first = match &raw.first {
        Some(name) => target(name)?,
        None => 0,
    };
    let mut steps = Vec::with_capacity(raw.steps.len());
    for step in &raw.steps {
        let question = step.question.get_ref().trim();
        if question.is_empty() {
            return Err(Fail(step.question.span(), "the question is empty".into()));
        }
        if let Some(name) = unknown_placeholder(question) {
            return Err(Fail(
                step.question.span(),
                format!(
                    "{{{name}}} is not a placeholder; use one of {}",
                    super::fill::PLACEHOLDERS.join(", ")
                ),
            ));
        }
        let reply = if step.free_text {
            if let Some(answer) = step.answers.first() {
                return Err(Fail(
                    answer.span(),
                    "a free-text step takes no answers; give it next, resolve or escalate".into(),
                ));
            }
            let Some(then) = then_of(&step.ends(), &target)? else {
                return Err(Fail(
                    step.id.span(),
                    format!(
                        "free-text step `{}` leads nowhere; give it next, resolve or escalate",
                        step.id.get_ref()
                    ),
                ));
            };
            Reply::Text(then)
        } else {
            if let Some(extra) = [&step.next, &step.resolve, &step.escalate, &step.group]
                .into_iter()
                .flatten()
                .next()
            {
                return Err(Fail(
                    extra.span(),
                    "only a free-text step leads on by itself; put this on an answer".into(),
                ));
            }
            if step.answers.is_empty() {
                return Err(Fail(
                    step.id.span(),
                    format!(
                        "step `{}` has no answers; add [[step.answer]] or set free_text = true",
                        step.id.get_ref()
                    ),
                ));
            }
            let mut answers = Vec::with_capacity(step.answers.len());
            for answer in &step.answers {
                let text = answer.get_ref().text.get_ref().trim();
                if text.is_empty() {
                    return Err(Fail(
                        answer.get_ref().text.span(),
                        "the answer is empty".into(),
                    ));
                }
                let Some(then) = then_of(&answer.get_ref().ends(), &target)? else {
                    return Err(Fail(
                        answer.span(),
                        format!("answer `{text}` leads nowhere; give it next, resolve or escalate"),
                    ));
                };
                answers.push(Answer {
                    text: text.to_string(),
                    then,
                });
            }
            Reply::Choices(answers)
        };
        steps.push(Step {
            id: step.id.get_ref().clone(),
            question: question.to_string(),
            reply,
        });
    }
    if let Some(lost) = unreachable(&steps, first) {
        let step = &raw.steps[lost];
        return Err(Fail(
            step.id.span(),
            format!(
                "step `{}` cannot be reached from the first step",
                step.id.get_ref()
            ),
        ));
    }
    Ok(Script {
        id: id.to_string(),
        title: raw.title.into_inner().trim().to_string(),
        keywords: raw.keywords,
        offer,
        steps,
        first,
        own: false,
        groups: Vec::new(),
    })
}

fn then_of(
    end: &Ends<'_>,
    target: &impl Fn(&Spanned<String>) -> Result<usize, Fail>,
) -> Result<Option<Then>, Fail> {
    let given = [end.next, end.resolve, end.escalate];
    let mut set = given.iter().filter_map(|g| g.as_ref());
    let (Some(_), Some(second)) = (set.next(), set.next()) else {
        if let (Some(group), None) = (end.group, end.escalate) {
            return Err(Fail(group.span(), "a group goes with escalate".into()));
        }
        return Ok(if let Some(next) = end.next {
            Some(Then::Step(target(next)?))
        } else if let Some(text) = end.resolve {
            Some(Then::Resolve(non_empty(text)?))
        } else if let Some(text) = end.escalate {
            Some(Then::Escalate {
                text: non_empty(text)?,
                group: end
                    .group
                    .as_ref()
                    .map(|g| g.get_ref().trim().to_string())
                    .filter(|g| !g.is_empty()),
            })
        } else {
            None
        });
    };
    Err(Fail(
        second.span(),
        "give only one of next, resolve and escalate".into(),
    ))
}

fn non_empty(text: &Spanned<String>) -> Result<String, Fail> {
    let trimmed = text.get_ref().trim();
    if trimmed.is_empty() {
        return Err(Fail(text.span(), "the text is empty".into()));
    }
    Ok(trimmed.to_string())
}

/// The first step no path from `first` leads to, if any.
fn unreachable(steps: &[Step], first: usize) -> Option<usize> {
    let mut seen = vec![false; steps.len()];
    let mut todo = vec![first];
    while let Some(i) = todo.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        let thens: Vec<&Then> = match &steps[i].reply {
            Reply::Choices(answers) => answers.iter().map(|a| &a.then).collect(),
            Reply::Text(then) => vec![then],
        };
        todo.extend(thens.into_iter().filter_map(|t| match t {
            Then::Step(next) => Some(*next),
            _ => None,
        }));
    }
    seen.iter().position(|s| !s)
}

/// 1-based line and column of a byte offset; columns count characters, as editors do.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let end = (0..=offset.min(text.len()))
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
