//! The benchmark's desk: callers from three countries, tickets spread over the working days
//! of a few years, most of them closed, and the callbacks promised on them. The story of
//! each ticket is planned here; the store writes it with the rows its own writes would leave.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use fastrand::Rng;

use crate::cli::samples::{
    self, DOCUMENTED, ISSUE_LIST, Organization, between, one, pick, quarter,
};
use crate::config::Config;
use crate::domain::{Channel, Status};
use crate::store::{self, BulkSummary, BulkTicket, BulkWriter, Did, Step, Store};

#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub callers: usize,
    pub tickets: usize,
    pub promises: usize,
    pub seed: u64,
}

/// Tickets arrive at this rate on working days, so the span grows with the desk: four years
/// for a million.
const TICKETS_PER_DAY: usize = 1_000;
const OFFICE_SECONDS: i64 = 10 * 3600;
const TEAM_SIZE: usize = 40;

pub fn fill(
    store: &mut Store,
    size: Size,
    config: &Config,
    now: DateTime<Utc>,
) -> store::Result<BulkSummary> {
    // Ids get their own generator, so that the data stays the same if ids are made differently.
    let id_seed = size.seed ^ 0x6964_7321;
    store.fill_bulk(&config.ticket_prefix, id_seed, now, |writer| {
        Planner::new(size, config, now).run(writer)
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    New,
    Open,
    Waiting,
    Done,
}

/// Made, due, and whether still open, numbered as the store numbers a ticket's promises.
struct Promised {
    made: DateTime<Utc>,
    due: DateTime<Utc>,
    open: bool,
}

/// A ticket while it is planned. Once a step would fall at or after `now` the story stops
/// there: it has not happened yet, and neither has anything after it.
struct Story {
    steps: Vec<Step<'static>>,
    promises: Vec<Promised>,
    at: DateTime<Utc>,
    stopped: bool,
}

struct Planner<'a> {
    size: Size,
    config: &'a Config,
    now: DateTime<Utc>,
    rng: Rng,
    team: Vec<String>,
    working_days: Vec<NaiveDate>,
    callers: usize,
    pair_shifted: bool,
}

impl<'a> Planner<'a> {
    fn new(size: Size, config: &'a Config, now: DateTime<Utc>) -> Self {
        let mut rng = Rng::with_seed(size.seed);
        let team = samples::team(&mut rng, &config.agent, TEAM_SIZE);
        let days = size.tickets.div_ceil(TICKETS_PER_DAY).max(60);
        Planner {
            size,
            config,
            now,
            rng,
            team,
            working_days: working_days(now, days),
            callers: 0,
            pair_shifted: false,
        }
    }

    fn run(mut self, writer: &mut BulkWriter) -> store::Result<()> {
        self.add_callers(writer)?;
        let total = self.size.tickets;
        for index in 0..total {
            // Evenly spread and in time order, so ticket numbers follow the order of opening.
            let share = (index as f64 + self.rng.f64()) / total as f64;
            let opened = self.office_time(share);
            let promises = self.promise_quota(index);
            self.ticket(writer, opened, promises)?;
        }
        Ok(())
    }

    fn chance(&mut self, percent: u8) -> bool {
        self.rng.u8(0..100) < percent
    }

    /// The office is open on weekdays from 7:00 to 17:00 UTC; `share` runs over all those
    /// hours in the span, oldest first, and stops two minutes before `now`.
    fn office_time(&self, share: f64) -> DateTime<Utc> {
        let Some((first, last)) = self.working_days.first().zip(self.working_days.last()) else {
            return self.now - Duration::minutes(2);
        };
        let today = ((self.now - opening(*last)).num_seconds() - 120).clamp(0, OFFICE_SECONDS);
        let total = (self.working_days.len() as i64 - 1) * OFFICE_SECONDS + today;
        let offset = (share * total as f64) as i64;
        let day = usize::try_from(offset / OFFICE_SECONDS).unwrap_or_default();
        let date = self.working_days.get(day).unwrap_or(first);
        opening(*date) + Duration::seconds(offset % OFFICE_SECONDS)
    }

    /// Everyone is on the desk a month before the first ticket.
    fn add_callers(&mut self, writer: &mut BulkWriter) -> store::Result<()> {
        let start = self.working_days.first().map_or(self.now, |d| opening(*d));
        let month = Duration::days(30);
        let mut tags = samples::Tags::default();
        for index in 0..self.size.callers {
            let new = match DOCUMENTED.get(index) {
                Some(documented) => documented.caller(),
                None => {
                    let organization = Organization::made_up(&mut self.rng);
                    samples::caller(&mut self.rng, &organization, &mut tags).0
                }
            };
            let joined = month.num_seconds() * index as i64 / self.size.callers as i64;
            let at = start - month + Duration::seconds(joined);
            let agent = &self.team[index % self.team.len()];
            writer.caller(&new, agent, at)?;
            self.callers += 1;
        }
        Ok(())
    }

    /// Promises are spread evenly over the tickets; of two neighbours, some give their share
    /// to the first, so that a ticket may hold a promise and its rescheduled successor.
    fn promise_quota(&mut self, index: usize) -> usize {
        let (tickets, promises) = (self.size.tickets, self.size.promises);
        let upto = |i: usize| (i as u128 * promises as u128 / tickets as u128) as usize;
        let share = |i: usize| upto(i + 1) - upto(i);
        if index.is_multiple_of(2) {
            self.pair_shifted = index + 1 < tickets && self.chance(30);
            share(index)
                + if self.pair_shifted {
                    share(index + 1)
                } else {
                    0
                }
        } else if self.pair_shifted {
            0
        } else {
            share(index)
        }
    }

    /// Recent tickets are often still open; of old ones, two in a thousand never got closed.
    fn fate(&mut self, opened: DateTime<Utc>) -> Fate {
        let (new, open, waiting) = match (self.now - opened).num_hours() {
            h if h < 24 => (350, 650, 750),
            h if h < 7 * 24 => (20, 220, 320),
            h if h < 30 * 24 => (0, 20, 40),
            _ => (0, 1, 2),
        };
        match self.rng.u16(0..1000) {
            r if r < new => Fate::New,
            r if r < open => Fate::Open,
            r if r < waiting => Fate::Waiting,
            _ => Fate::Done,
        }
    }

    fn ticket(
        &mut self,
        writer: &mut BulkWriter,
        opened: DateTime<Utc>,
        promises: usize,
    ) -> store::Result<()> {
        // Some people call far more often than others, which is what makes prior contacts
        // worth reading; the documented callers are among them.
        let frequent = (self.callers / 10).max(DOCUMENTED.len());
        let among = if self.chance(25) {
            frequent
        } else {
            self.callers
        };
        let caller = self.rng.usize(..among);
        let issue = &ISSUE_LIST[self.rng.usize(..ISSUE_LIST.len())];
        let agent = self.rng.usize(..self.team.len());
        let mut jitter = |level: u8| level.saturating_add_signed(self.rng.i8(-1..=1)).clamp(1, 5);
        let (impact, urgency) = (jitter(issue.impact), jitter(issue.urgency));
        let category = self.chance(85).then_some(issue.category);
        let subject = pick(&mut self.rng, issue.subjects);

        let mut story = Story {
            steps: Vec::with_capacity(12),
            promises: Vec::with_capacity(promises),
            at: opened,
            stopped: false,
        };
        self.make_promises(&mut story, issue.promise, promises);
        let fate = self.fate(opened);
        self.work(&mut story, fate, issue.fix);
        // Closing a promise may come before a note written earlier in the plan.
        story.steps.sort_by_key(|step| step.at);
        writer.ticket(&BulkTicket {
            caller,
            agent: &self.team[agent],
            subject,
            call_note: issue.call,
            impact,
            urgency,
            priority: self.config.priority(impact, urgency),
            category,
            opened,
            steps: &story.steps,
        })
    }

    /// The next step of a story, `min..=max` minutes after its last one.
    fn step(&mut self, story: &mut Story, min: i64, max: i64) -> Option<DateTime<Utc>> {
        let at = story.at + Duration::seconds(self.rng.i64(min * 60..=max * 60));
        self.until(story, at)
    }

    fn until(&self, story: &mut Story, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        story.stopped |= at >= self.now;
        (!story.stopped).then(|| {
            story.at = story.at.max(at);
            at
        })
    }

    fn due_after(&mut self, from: DateTime<Utc>) -> DateTime<Utc> {
        let lead = one(&mut self.rng, &[45, 120, 240, 1440, 2880]);
        quarter(from + Duration::minutes(lead))
    }

    /// Callbacks promised during the call. With two to make, the first is often moved to a
    /// later deadline instead, and its successor is the second.
    fn make_promises(&mut self, story: &mut Story, what: &'static str, count: usize) {
        let latest = self.now - Duration::minutes(1);
        for _ in 0..count {
            let made = (story.at + Duration::minutes(self.rng.i64(1..=6))).min(latest);
            let last = story.promises.len().checked_sub(1);
            let movable = last.filter(|&i| story.promises[i].open && self.chance(50));
            if let Some(index) = movable {
                let (old_made, old_due) = (story.promises[index].made, story.promises[index].due);
                let moved = between(&mut self.rng, old_made, old_due + Duration::minutes(30));
                if moved < latest {
                    let due = self.due_after(old_due.max(moved));
                    let reason = pick(&mut self.rng, samples::RESCHEDULE);
                    let what = Did::Reschedule(index, due, reason);
                    story.steps.push(Step { at: moved, what });
                    story.promises[index].open = false;
                    story.promises.push(Promised {
                        made: moved,
                        due,
                        open: true,
                    });
                    story.at = story.at.max(moved);
                    continue;
                }
            }
            let due = self.due_after(made);
            // One in five is the caller asking to be rung back rather than the agent offering.
            let what = if self.chance(20) {
                Did::Callback(samples::CALLBACK, Channel::Phone, due)
            } else {
                let channel = one(
                    &mut self.rng,
                    &[Channel::Phone, Channel::Phone, Channel::Email],
                );
                Did::Promise(what, channel, due)
            };
            story.steps.push(Step { at: made, what });
            story.promises.push(Promised {
                made,
                due,
                open: true,
            });
            story.at = story.at.max(made);
        }
    }

    /// What happened after the call: a note, another contact, promises kept or cancelled,
    /// and the ticket resolved and closed, as far as `now` allows.
    fn work(&mut self, story: &mut Story, fate: Fate, fix: &'static str) {
        if fate == Fate::New {
            return;
        }
        // Most tickets are solved during the call or by the fix alone, without being
        // picked up first.
        let closing = fate == Fate::Done;
        let direct = closing && self.chance(60);
        if !closing && let Some(at) = self.step(story, 2, 90) {
            story.steps.push(Step {
                at,
                what: Did::Status(Status::Open),
            });
        }
        if self.chance(15)
            && let Some(at) = self.step(story, 10, 600)
        {
            let text = pick(&mut self.rng, samples::NOTES);
            story.steps.push(Step {
                at,
                what: Did::Note(text),
            });
        }
        if self.chance(5)
            && let Some(at) = self.step(story, 30, 1440)
        {
            let channel = one(
                &mut self.rng,
                &[Channel::Phone, Channel::Email, Channel::Visit],
            );
            let note = pick(&mut self.rng, samples::INBOUND);
            let what = Did::Contact(true, channel, note);
            story.steps.push(Step { at, what });
        }
        for index in 0..story.promises.len() {
            if story.promises[index].open && (closing || self.chance(25)) {
                self.close_promise(story, index);
            }
        }
        let final_step = match fate {
            Fate::Done if direct => self.step(story, 3, 30).map(|at| (Status::Closed, at)),
            Fate::Done => {
                if let Some(at) = self.step(story, 5, 240) {
                    let fixed = [Did::Note(fix), Did::Status(Status::Resolved)];
                    story.steps.extend(fixed.map(|what| Step { at, what }));
                }
                // Some callers never confirm, so their tickets stay resolved.
                let confirmed = self.chance(90);
                let closed = self.step(story, 2 * 1440, 7 * 1440);
                closed.filter(|_| confirmed).map(|at| (Status::Closed, at))
            }
            Fate::Waiting => {
                let to = one(
                    &mut self.rng,
                    &[Status::WaitingCaller, Status::WaitingThirdParty],
                );
                self.step(story, 10, 600).map(|at| (to, at))
            }
            Fate::New | Fate::Open => None,
        };
        if let Some((to, at)) = final_step {
            let what = Did::Status(to);
            story.steps.push(Step { at, what });
        }
    }

    /// Kept on time or late, or cancelled. A promise whose moment has not come yet stays
    /// open, and so does its ticket.
    fn close_promise(&mut self, story: &mut Story, index: usize) {
        let Promised { made, due, .. } = story.promises[index];
        let roll = self.rng.u8(0..100);
        let at = match roll {
            0..15 => between(&mut self.rng, due, due + Duration::hours(10)),
            _ => between(&mut self.rng, made, due),
        };
        if self.until(story, at).is_none() {
            return;
        }
        story.promises[index].open = false;
        let what = if (15..35).contains(&roll) {
            Did::Cancel(index, pick(&mut self.rng, samples::CANCEL))
        } else {
            Did::Keep(index, pick(&mut self.rng, samples::KEPT))
        };
        story.steps.push(Step { at, what });
    }
}

/// The last `count` weekdays on which the office opened before `now`, oldest first.
fn working_days(now: DateTime<Utc>, count: usize) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = now
        .date_naive()
        .iter_days()
        .rev()
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .filter(|d| opening(*d) < now)
        .take(count)
        .collect();
    days.reverse();
    days
}

fn opening(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(7, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or_default()
}
