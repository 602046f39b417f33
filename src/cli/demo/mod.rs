//! `balie demo`: a throwaway desk with four months of believable work on it, so that caller
//! search, prior contacts, the queues and promises can be tried without anyone's real data.

use std::collections::HashSet;

use chrono::{
    DateTime, Datelike, Days, Duration, DurationRound, NaiveDate, NaiveTime, Timelike, Utc, Weekday,
};
use fastrand::Rng;

use crate::cli::samples::{
    self as shared, CANCEL, DOCUMENTED, INBOUND, ISSUE_LIST, Issue, KEPT, Land, NOTES, OUTBOUND,
    Organization, RESCHEDULE, Tags, between, one, pick, quarter,
};
use crate::domain::fold::fold;
use crate::domain::{Channel, NewCaller, NewPromise, Promise, Status};
use crate::store::{NewTicket, Result, Store};

mod corrections;
mod incidents;
mod kb;
mod samples;
mod scripts;

use samples::{ORGS, TEAM, channel_told};

pub struct DemoOptions<'a> {
    /// The user at the keyboard. They are one of the team, so "my" queue and promises are
    /// not empty.
    pub agent: &'a str,
    pub ticket_prefix: &'a str,
    pub callers: usize,
    pub tickets: usize,
    pub seed: u64,
    /// Impact and urgency (1..=5) to priority (1..=5), as the desk's own matrix says.
    pub priority: &'a dyn Fn(u8, u8) -> u8,
    /// Where tickets are escalated to, as the desk's config says.
    pub groups: &'a [crate::config::SupportGroup],
}

/// `promises` counts the promises still open, as the promise pane will show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoSummary {
    pub callers: usize,
    pub tickets: usize,
    pub promises: usize,
}

/// Fills `store`, which should be empty, as if the team had worked the desk until `now`.
/// Writes are made as each team member in turn; the store's own agent is restored afterwards.
pub fn populate(
    store: &mut Store,
    options: &DemoOptions,
    now: DateTime<Utc>,
) -> Result<DemoSummary> {
    let agent = store.agent().to_string();
    // Whole minutes, so that promises due "in 12 minutes" fall on a time someone would say.
    let now = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    let summary = store.in_bulk_transaction(true, |store| {
        let mut demo = Demo::new(store, options, now);
        demo.callers()?;
        let mut opened: Vec<_> = (0..options.tickets).map(|_| demo.ticket_time()).collect();
        // Ticket numbers follow the order of opening, as on a real desk.
        opened.sort();
        for at in opened {
            demo.ticket(at)?;
        }
        // A desk with some history has had an outage; a handful of tickets has not.
        let outage_tickets = if options.tickets >= 100 {
            demo.outages()?
        } else {
            0
        };
        demo.promises_on_the_board()?;
        demo.corrections()?;
        Ok(DemoSummary {
            callers: demo.people.len(),
            tickets: options.tickets + outage_tickets,
            promises: demo.open_promises,
        })
    });
    store.set_agent(&agent);
    summary
}

/// How far back the oldest ticket lies.
const SPAN_DAYS: i64 = 120;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    New,
    Open,
    Waiting,
    Done,
}

fn mins(minutes: i64) -> Duration {
    Duration::minutes(minutes)
}

const MOSTLY_PHONE: [Channel; 3] = [Channel::Phone, Channel::Phone, Channel::Email];

/// The desk is staffed on weekdays from 7:00 to 17:00 UTC (8 to 18 in Amsterdam and
/// Budapest); work that would fall outside those hours happens the next working morning.
fn office(at: DateTime<Utc>) -> DateTime<Utc> {
    let working = |day: NaiveDate| !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
    if (7..17).contains(&at.hour()) && working(at.date_naive()) {
        return at;
    }
    let mut day = at.date_naive() + Days::new(u64::from(at.hour() >= 17));
    while !working(day) {
        day = day + Days::new(1);
    }
    let time = NaiveTime::from_hms_opt(7, at.minute(), at.second()).unwrap_or_default();
    day.and_time(time).and_utc()
}

/// Ends a ticket's story at the first step that has not happened yet by `now`.
macro_rules! or_stop {
    ($step:expr) => {
        match $step {
            Some(at) => at,
            None => return Ok(()),
        }
    };
}

/// A ticket being written. The ones still open at the end carry the board's promises.
struct Story {
    id: String,
    issue: &'static Issue,
    owner: String,
    status: Status,
    triaged: bool,
    levels: (u8, u8),
    promised: bool,
    /// The time of the last step, and the typical gap between steps.
    at: DateTime<Utc>,
    pace: i64,
    /// Set once a step would have passed `now`: it has not happened yet, and neither has
    /// anything after it.
    stopped: bool,
}

impl Story {
    fn until(&mut self, at: DateTime<Utc>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let at = office(at);
        self.stopped |= at <= self.at || at >= now;
        (!self.stopped).then(|| {
            self.at = at;
            at
        })
    }
}

struct Demo<'a> {
    store: &'a mut Store,
    options: &'a DemoOptions<'a>,
    rng: Rng,
    now: DateTime<Utc>,
    team: Vec<String>,
    /// Caller id and the country they come from.
    people: Vec<(String, Land)>,
    /// E-mail addresses and asset tags already handed out.
    taken: HashSet<String>,
    open: Vec<Story>,
    open_promises: usize,
}

impl<'a> Demo<'a> {
    fn new(store: &'a mut Store, options: &'a DemoOptions<'a>, now: DateTime<Utc>) -> Self {
        let colleagues = TEAM.split('|').filter(|n| fold(n) != fold(options.agent));
        let team = std::iter::once(options.agent).chain(colleagues.take(4));
        Demo {
            store,
            options,
            rng: Rng::with_seed(options.seed),
            now,
            team: team.map(String::from).collect(),
            people: Vec::new(),
            taken: HashSet::new(),
            open: Vec::new(),
            open_promises: 0,
        }
    }

    fn chance(&mut self, percent: u8) -> bool {
        self.rng.u8(0..100) < percent
    }

    fn wait(&mut self, t: &mut Story, min_minutes: i64, max_minutes: i64) -> Option<DateTime<Utc>> {
        let seconds = self.rng.i64(min_minutes * 60..=max_minutes * 60).max(60);
        t.until(t.at + Duration::seconds(seconds), self.now)
    }

    fn next(&mut self, t: &mut Story) -> Option<DateTime<Utc>> {
        self.wait(t, t.pace / 3 + 1, t.pace * 2)
    }

    fn callers(&mut self) -> Result<()> {
        let start = self.now - Duration::days(SPAN_DAYS + 30);
        self.taken
            .extend(DOCUMENTED.iter().map(|d| d.email.to_string()));
        for documented in &DOCUMENTED {
            self.add_person(&documented.caller(), documented.land, start)?;
        }
        let mut tags = Tags::default();
        while self.people.len() < self.options.callers {
            let (name, domain, land, code) = one(&mut self.rng, ORGS);
            let organization = Organization {
                name: name.into(),
                domain: domain.into(),
                land,
                code: code.into(),
            };
            let (mut new, land) = shared::caller(&mut self.rng, &organization, &mut tags);
            new.emails = (new.emails.into_iter())
                .map(|address| self.unique(address))
                .collect();
            let at = start + mins(self.people.len() as i64 * 7);
            self.add_person(&new, land, at)?;
        }
        Ok(())
    }

    fn add_person(&mut self, new: &NewCaller, land: Land, at: DateTime<Utc>) -> Result<()> {
        let agent = self.team[self.rng.usize(..self.team.len())].clone();
        self.store.set_agent(&agent);
        let caller = self.store.create_caller(new, at)?;
        self.people.push((caller.id, land));
        Ok(())
    }

    /// The address, or with a number after its local part when someone already has it.
    fn unique(&mut self, address: String) -> String {
        let (local, domain) = address.split_once('@').unwrap_or((&address, ""));
        let mut candidate = address.clone();
        for n in 2.. {
            if self.taken.insert(candidate.clone()) {
                break;
            }
            candidate = format!("{local}{n}@{domain}");
        }
        candidate
    }

    /// Office hours on weekdays mostly, spread evenly over the span, never after `now`.
    fn ticket_time(&mut self) -> DateTime<Utc> {
        let latest = self.now - mins(2);
        loop {
            let day = (self.now - Duration::days(self.rng.i64(0..SPAN_DAYS))).date_naive();
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && self.chance(90) {
                continue;
            }
            let seconds = self.rng.u32(7 * 3600..17 * 3600);
            let time =
                NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0).unwrap_or_default();
            let at = day.and_time(time).and_utc();
            if at <= latest {
                return at;
            }
        }
    }

    /// The user gets a quarter of the work, the colleagues share the rest.
    fn pick_agent(&mut self, not: Option<&str>) -> String {
        loop {
            let colleague = self.rng.usize(1..self.team.len());
            let index = if self.chance(25) { 0 } else { colleague };
            if Some(self.team[index].as_str()) != not {
                return self.team[index].clone();
            }
        }
    }

    fn fate(&mut self, opened: DateTime<Utc>) -> Fate {
        let (new, open, waiting) = match (self.now - opened).num_hours() {
            h if h < 24 => (30, 65, 80),
            h if h < 7 * 24 => (3, 30, 50),
            h if h < 30 * 24 => (0, 5, 12),
            _ => (0, 1, 3),
        };
        match self.rng.u8(0..100) {
            r if r < new => Fate::New,
            r if r < open => Fate::Open,
            r if r < waiting => Fate::Waiting,
            _ => Fate::Done,
        }
    }

    fn ticket(&mut self, opened: DateTime<Utc>) -> Result<()> {
        // Some people call far more often than others, which is what makes "prior contacts"
        // worth reading; the documented callers come first, so they are among them.
        let frequent = (self.people.len() / 10).max(DOCUMENTED.len());
        let among = if self.chance(25) {
            frequent
        } else {
            self.people.len()
        };
        let person = self.rng.usize(..among);
        let (caller_id, land) = self.people[person].clone();
        let issue = loop {
            let issue = &ISSUE_LIST[self.rng.usize(..ISSUE_LIST.len())];
            if issue.land.is_none_or(|l| l == land) {
                break issue;
            }
        };
        let mut jitter = |level: u8| level.saturating_add_signed(self.rng.i8(-1..=1)).clamp(1, 5);
        let levels = (jitter(issue.impact), jitter(issue.urgency));
        let triaged = self.chance(80);
        let subject = pick(&mut self.rng, issue.subjects);
        let owner = self.pick_agent(None);
        self.store.set_agent(&owner);
        let new = NewTicket {
            prefix: self.options.ticket_prefix,
            caller_id: &caller_id,
            subject,
            impact: levels.0,
            urgency: levels.1,
            priority: (self.options.priority)(levels.0, levels.1),
            category: triaged.then_some(issue.category),
        };
        let ticket = self.store.open_ticket_with_call(&new, issue.call, opened)?;
        let pace = one(&mut self.rng, &[10, 45, 180, 720, 1440]);
        let mut story = Story {
            id: ticket.id,
            issue,
            owner,
            status: Status::New,
            triaged,
            levels,
            promised: false,
            at: opened,
            pace,
            stopped: false,
        };
        let fate = self.fate(opened);
        if fate != Fate::New {
            self.story(&mut story, fate)?;
        }
        if story.status.is_open() {
            self.open.push(story);
        }
        Ok(())
    }

    fn set_status(&mut self, t: &mut Story, status: Status, at: DateTime<Utc>) -> Result<()> {
        t.status = status;
        self.store.set_status(&t.id, status, at)
    }

    fn story(&mut self, t: &mut Story, fate: Fate) -> Result<()> {
        // Password resets and how-to questions are mostly solved while the caller is still on
        // the line.
        let quick = matches!(t.issue.category, "Account" | "Other");
        if fate == Fate::Done && t.triaged && quick && self.chance(70) {
            let at = or_stop!(self.wait(t, 3, 20));
            return self.resolve(t, at);
        }
        let at = or_stop!(self.wait(t, 1, 12));
        self.set_status(t, Status::Open, at)?;
        self.script_story(t)?;
        if !t.triaged {
            let at = or_stop!(self.wait(t, 1, 30));
            self.store.set_category(&t.id, t.issue.category, at)?;
        }
        if self.chance(12) {
            // Usually more people turn out to be affected than the first caller knew.
            let at = or_stop!(self.next(t));
            let (impact, urgency) = (t.levels.0.max(2) - 1, t.levels.1.max(2) - 1);
            let priority = (self.options.priority)(impact, urgency);
            self.store
                .set_impact_urgency(&t.id, impact, urgency, priority, at)?;
        }
        if self.chance(8) {
            let at = or_stop!(self.next(t));
            let other = self.pick_agent(Some(&t.owner));
            self.store.set_assignee(&t.id, &other, at)?;
            self.store.set_agent(&other);
            t.owner = other;
        }
        for _ in 0..self.rng.usize(0..=3) {
            let at = or_stop!(self.next(t));
            let any_channel = one(&mut self.rng, &MOSTLY_PHONE);
            match self.rng.u8(0..12) {
                0..4 => {
                    let pool = one(&mut self.rng, &[t.issue.notes, NOTES]);
                    let note = pick(&mut self.rng, pool);
                    self.store.add_note(&t.id, note, at)?;
                }
                4..6 => {
                    let note = pick(&mut self.rng, OUTBOUND);
                    let channel = channel_told(note).unwrap_or(any_channel);
                    self.store.log_contact(&t.id, false, channel, note, at)?;
                }
                6..10 => {
                    let note = pick(&mut self.rng, INBOUND);
                    // Now and then someone walks up to the desk instead.
                    let walked_up = [any_channel, Channel::Visit][usize::from(self.chance(5))];
                    let channel = channel_told(note).unwrap_or(walked_up);
                    self.store.log_contact(&t.id, true, channel, note, at)?;
                }
                _ => {
                    self.set_status(t, Status::WaitingThirdParty, at)?;
                    let at = or_stop!(self.next(t));
                    self.store
                        .add_note(&t.id, "Vendor replied, continuing.", at)?;
                    self.set_status(t, Status::Open, at)?;
                }
            }
        }
        if self.chance(6) {
            self.escalate(t)?;
        }
        self.self_service(t)?;
        if self.chance(30) {
            self.promise_story(t, fate != Fate::Done)?;
        }
        let at = or_stop!(self.next(t));
        match fate {
            Fate::Done => self.resolve(t, at),
            Fate::Waiting => {
                let waiting = [Status::WaitingCaller, Status::WaitingThirdParty];
                let status = one(&mut self.rng, &waiting);
                self.set_status(t, status, at)
            }
            Fate::New | Fate::Open => Ok(()),
        }
    }

    fn resolve(&mut self, t: &mut Story, at: DateTime<Utc>) -> Result<()> {
        self.store.add_note(&t.id, t.issue.fix, at)?;
        self.set_status(t, Status::Resolved, at)?;
        // Some callers never confirm, so their tickets stay resolved.
        if self.chance(90) {
            let at = or_stop!(self.wait(t, 2 * 1440, 7 * 1440));
            self.set_status(t, Status::Closed, at)?;
        }
        Ok(())
    }

    /// A callback that is kept on time, kept late, cancelled or first rescheduled. On a ticket
    /// that stays open a recent promise may simply still be open.
    fn promise_story(&mut self, t: &mut Story, may_stay_open: bool) -> Result<()> {
        let made = or_stop!(self.next(t));
        let lead = mins(one(&mut self.rng, &[45, 120, 240, 1440, 2880]));
        let mut promise = self.promise(t, office(quarter(made + lead)), made)?;
        let now = self.now;
        let stays_open =
            move |rng: &mut Rng, at| may_stay_open && now - at < Duration::days(3) && rng.bool();
        if stays_open(&mut self.rng, made) {
            return Ok(());
        }
        if self.chance(20) {
            let latest = promise.due_at + mins(30);
            let at = or_stop!(t.until(between(&mut self.rng, made, latest), self.now));
            let later = mins(one(&mut self.rng, &[60, 180, 1440]));
            let reason = pick(&mut self.rng, RESCHEDULE);
            let due = office(quarter(promise.due_at.max(at) + later));
            promise = self
                .store
                .reschedule_promise(&promise.id, due, reason, at)?;
            if stays_open(&mut self.rng, at) {
                return Ok(());
            }
        }
        let roll = self.rng.u8(0..100);
        let due = promise.due_at;
        let at = match roll {
            0..20 => between(&mut self.rng, due, due + Duration::hours(10)),
            _ => between(&mut self.rng, t.at, due),
        };
        let at = or_stop!(t.until(at, self.now));
        if (20..32).contains(&roll) {
            let reason = pick(&mut self.rng, CANCEL);
            self.store.cancel_promise(&promise.id, reason, at)?;
        } else {
            let note = match promise.channel {
                Channel::Email => "E-mailed the update as agreed.",
                _ => pick(&mut self.rng, KEPT),
            };
            self.store.keep_promise(&promise.id, note, at)?;
        }
        self.open_promises -= 1;
        t.promised = false;
        Ok(())
    }

    /// The promise pane should show every situation at once: overdue by minutes to days,
    /// due within the next half hour, later today and in the coming days.
    fn promises_on_the_board(&mut self) -> Result<()> {
        const MINE: &[i64] = &[
            -2880, -1440, -180, -95, -35, -8, 12, 27, 150, 330, 1440, 4320,
        ];
        const OTHERS: &[i64] = &[-1440, -50, 20, 200, 4320];
        for &minutes in MINE {
            self.board_promise(0, minutes)?;
        }
        for owner in 1..self.team.len() {
            for _ in 0..2 {
                let minutes = one(&mut self.rng, OTHERS);
                self.board_promise(owner, minutes)?;
            }
        }
        Ok(())
    }

    fn board_promise(&mut self, owner: usize, minutes: i64) -> Result<()> {
        let due = self.now + mins(minutes);
        // A few were first promised for earlier and moved, as callbacks often are.
        let rescheduled = minutes == 27 || minutes == 1440;
        let made = match (minutes < 0, rescheduled) {
            (true, _) => due - mins(self.rng.i64(60..1440)),
            (false, true) => self.now - mins(self.rng.i64(90..180)),
            (false, false) => self.now - mins(self.rng.i64(5..180)),
        };
        // Made during office hours too, unless that leaves no time before the deadline.
        let deadline = due.min(self.now) - mins(if rescheduled { 60 } else { 2 });
        let made = Some(office(made))
            .filter(|at| *at < deadline)
            .unwrap_or(made);
        let owner = self.team[owner].clone();
        let free = |t: &Story| !t.promised && t.at < made - mins(1);
        // Rather the owner's own recent ticket that someone has looked at; else take one over.
        let found = (self.open.iter())
            .rposition(|t| free(t) && t.owner == owner && t.status != Status::New)
            .or_else(|| self.open.iter().rposition(|t| free(t) && t.owner == owner))
            .or_else(|| self.open.iter().rposition(free));
        let Some(index) = found else {
            return Ok(());
        };
        // Out of the list while it is written to, as writing needs all of `self`.
        let mut t = self.open.remove(index);
        self.store.set_agent(&owner);
        if t.owner != owner {
            self.store.set_assignee(&t.id, &owner, made - mins(1))?;
            t.owner = owner;
        }
        let first_due = if rescheduled { made + mins(60) } else { due };
        let promise = self.promise(&mut t, first_due, made)?;
        t.at = made;
        if rescheduled {
            let reason = pick(&mut self.rng, RESCHEDULE);
            t.at = made + mins(45);
            self.store
                .reschedule_promise(&promise.id, due, reason, t.at)?;
        }
        self.open.insert(index, t);
        Ok(())
    }

    fn promise(
        &mut self,
        t: &mut Story,
        due_at: DateTime<Utc>,
        made: DateTime<Utc>,
    ) -> Result<Promise> {
        let any_channel = one(&mut self.rng, &MOSTLY_PHONE);
        let channel = channel_told(t.issue.promise).unwrap_or(any_channel);
        let (ticket_id, what) = (t.id.clone(), t.issue.promise.to_string());
        let new = NewPromise {
            ticket_id,
            what,
            to: String::new(),
            callback: false,
            channel,
            due_at,
        };
        self.open_promises += 1;
        t.promised = true;
        self.store.make_promise(&new, made)
    }
}

#[cfg(test)]
mod tests;
