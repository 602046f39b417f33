//! Business time: the hours a desk is staffed, in the desk's own time zone,
//! minus holidays. Callbacks and SLA targets are counted in it, so four
//! business hours from Friday 16:00 end on Monday morning, not Friday night.
//!
//! Working hours are wall-clock times, but each interval is turned into one
//! unbroken stretch of real time: it opens the first time the clock shows its
//! start and closes the last time the clock shows its end. On the night the
//! clocks go back an interval around 02:00–03:00 therefore gains the repeated
//! hour, and on the night they jump forward a start or end inside the skipped
//! hour falls on the moment of the jump. Every question below is answered
//! from those stretches alone, so `is_open`, `add` and `between` can never
//! disagree with each other.
//!
//! Stretches are produced a day at a time, never a minute at a time, so a
//! month of business time costs a few dozen time-zone lookups.

use std::collections::BTreeSet;

use chrono::{
    DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta,
    TimeZone, Utc, Weekday,
};
use thiserror::Error;

use crate::domain::time_zone::Tz;

/// How far ahead a search for business time may walk before giving up.
/// It bounds the work an absurd input such as `+99999999bh` can cause; a
/// century is far beyond any promise or SLA a desk makes.
pub(crate) const HORIZON_DAYS: u64 = 100 * 366;

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const DAY: TimeDelta = TimeDelta::seconds(24 * 60 * 60);

/// Offsets from local midnight rather than clock times, so that an end of
/// midnight can be 24:00 and still sort after every start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Interval {
    start: TimeDelta,
    end: TimeDelta,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    tz: Tz,
    hours: [Vec<Interval>; 7],
    holidays: BTreeSet<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CalendarError {
    #[error(
        "{weekday} {}–{} holds no time: the end must come after the start \
         (an end of 00:00 means midnight)",
        .start.format("%H:%M"),
        .end.format("%H:%M")
    )]
    EmptyInterval {
        weekday: Weekday,
        start: NaiveTime,
        end: NaiveTime,
    },
    #[error(
        "{weekday} hours are out of order: {} is listed after {} — list them from early to late",
        .start.format("%H:%M"),
        .previous.format("%H:%M")
    )]
    Unsorted {
        weekday: Weekday,
        start: NaiveTime,
        previous: NaiveTime,
    },
    #[error(
        "{weekday} hours overlap: {} starts before the previous interval ends at {}",
        .start.format("%H:%M"),
        .previous_end.format("%H:%M")
    )]
    Overlapping {
        weekday: Weekday,
        start: NaiveTime,
        previous_end: NaiveTime,
    },
    #[error("no day of the week has working hours")]
    NoWorkingDay,
}

/// One weekday's opening hours, checked: each interval holds time, and they run from early
/// to late without overlapping.
pub fn check_day(weekday: Weekday, day: &[(NaiveTime, NaiveTime)]) -> Result<(), CalendarError> {
    day_intervals(weekday, day).map(|_| ())
}

fn day_intervals(
    weekday: Weekday,
    day: &[(NaiveTime, NaiveTime)],
) -> Result<Vec<Interval>, CalendarError> {
    let mut out = Vec::with_capacity(day.len());
    let mut previous: Option<Interval> = None;
    for &(start, end) in day {
        let interval = Interval {
            start: since_midnight(start),
            end: if end == NaiveTime::MIN {
                DAY
            } else {
                since_midnight(end)
            },
        };
        if interval.start >= interval.end {
            return Err(CalendarError::EmptyInterval {
                weekday,
                start,
                end,
            });
        }
        if let Some(previous) = previous {
            if interval.start < previous.start {
                return Err(CalendarError::Unsorted {
                    weekday,
                    start,
                    previous: clock_time(previous.start),
                });
            }
            if interval.start < previous.end {
                return Err(CalendarError::Overlapping {
                    weekday,
                    start,
                    previous_end: clock_time(previous.end),
                });
            }
        }
        previous = Some(interval);
        out.push(interval);
    }
    Ok(out)
}

fn since_midnight(time: NaiveTime) -> TimeDelta {
    time.signed_duration_since(NaiveTime::MIN)
}

fn clock_time(offset: TimeDelta) -> NaiveTime {
    NaiveTime::MIN.overflowing_add_signed(offset).0
}

impl Calendar {
    /// `hours` runs Monday to Sunday; a day may have several intervals, such
    /// as a morning and an afternoon around lunch, listed from early to late.
    /// An interval may end at 00:00, which means midnight at the end of that
    /// day, so `(00:00, 00:00)` is the whole day.
    pub fn new(
        tz: Tz,
        hours: [Vec<(NaiveTime, NaiveTime)>; 7],
        holidays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Calendar, CalendarError> {
        let mut checked: [Vec<Interval>; 7] = Default::default();
        for ((weekday, day), out) in WEEK.into_iter().zip(hours).zip(checked.iter_mut()) {
            *out = day_intervals(weekday, &day)?;
        }
        if checked.iter().all(Vec::is_empty) {
            return Err(CalendarError::NoWorkingDay);
        }
        Ok(Calendar {
            tz,
            hours: checked,
            holidays: holidays.into_iter().collect(),
        })
    }

    /// Monday to Friday 08:30–17:00, no holidays.
    pub fn standard(tz: Tz) -> Calendar {
        let office = Interval {
            start: TimeDelta::minutes(8 * 60 + 30),
            end: TimeDelta::hours(17),
        };
        let mut hours: [Vec<Interval>; 7] = Default::default();
        for day in hours.iter_mut().take(5) {
            day.push(office);
        }
        Calendar {
            tz,
            hours,
            holidays: BTreeSet::new(),
        }
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    pub fn is_open(&self, at: DateTime<Utc>) -> bool {
        let date = self.local_date(at);
        // The day before is included because a stretch that ends at midnight
        // on the night clocks go back runs past the local date change.
        let first = date.pred_opt().unwrap_or(date);
        let last = date.succ_opt().unwrap_or(date);
        self.stretches(at, first, last)
            .next()
            .is_some_and(|(start, _)| start == at)
    }

    /// `at` itself while open; `DateTime::<Utc>::MAX_UTC` if nothing opens
    /// within a century.
    pub fn next_opening(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        self.stretches_from(at)
            .next()
            .map_or(DateTime::<Utc>::MAX_UTC, |(start, _)| start)
    }

    /// The instant at which `business` time has passed, counting from the
    /// next opening at or after `start`. A result that lands exactly on a
    /// closing time is that closing time, not the next opening: a callback
    /// due at Friday 17:00 is due before the weekend. Zero or negative
    /// `business` gives `next_opening(start)`; a result beyond a century
    /// gives `DateTime::<Utc>::MAX_UTC`.
    pub fn add(&self, start: DateTime<Utc>, business: TimeDelta) -> DateTime<Utc> {
        if business <= TimeDelta::zero() {
            return self.next_opening(start);
        }
        let mut left = business;
        for (open, close) in self.stretches_from(start) {
            let length = close - open;
            if left <= length {
                return open.checked_add_signed(left).unwrap_or(close);
            }
            left -= length;
        }
        DateTime::<Utc>::MAX_UTC
    }

    /// Business time in `[from, to)`; zero when `to` is not after `from`.
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
        if to <= from {
            return TimeDelta::zero();
        }
        let first = self.local_date(from);
        let first = first.pred_opt().unwrap_or(first);
        let last = self.local_date(to);
        let last = last.succ_opt().unwrap_or(last);
        let mut total = TimeDelta::zero();
        for (open, close) in self.stretches(from, first, last) {
            if open >= to {
                break;
            }
            total += close.min(to) - open;
        }
        total
    }

    /// The same point in the working day, `days` working days later.
    ///
    /// "The same point" is the business time elapsed since that day's
    /// opening, so 14:00 on a day with a 12:00–13:00 lunch break maps to
    /// 14:00 on the target day even if lunch moves. A target day with less
    /// business time than that yields its closing time. Outside hours the
    /// start counts as the close of the last working day before it, so from
    /// Friday evening, Saturday or Monday 08:30 one working day is Monday
    /// 17:00: a whole working day of business time, due as early as
    /// possible. Zero days gives `next_opening(start)`; a result beyond a
    /// century gives `DateTime::<Utc>::MAX_UTC`.
    pub fn add_working_days(&self, start: DateTime<Utc>, days: u32) -> DateTime<Utc> {
        if days == 0 {
            return self.next_opening(start);
        }
        let never = DateTime::<Utc>::MAX_UTC;
        if u64::from(days) > HORIZON_DAYS {
            return never;
        }
        let Some((mut date, offset)) = self.anchor(start) else {
            return never;
        };
        let limit = date.checked_add_days(Days::new(HORIZON_DAYS));
        for _ in 0..days {
            match self.next_working_date(date) {
                Some(next) if limit.is_none_or(|limit| next <= limit) => date = next,
                _ => return never,
            }
        }
        self.at_offset(date, offset).unwrap_or(never)
    }

    /// The first opening on a later local date that is a working day: what
    /// "tomorrow" means to a desk that does not work weekends.
    /// `DateTime::<Utc>::MAX_UTC` if there is none within a century.
    pub fn next_working_day_start(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        self.next_working_date(self.local_date(at))
            .and_then(|date| self.opening(date))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// `time` on the next working day, even outside its hours, since agents
    /// may promise to call early. `None` when that time is skipped by the
    /// clocks jumping forward; of a repeated time the first is taken.
    pub fn next_working_day_at(&self, at: DateTime<Utc>, time: NaiveTime) -> Option<DateTime<Utc>> {
        let date = self.next_working_date(self.local_date(at))?;
        match self.tz.from_local_datetime(&date.and_time(time)) {
            LocalResult::Single(at) => Some(at.to_utc()),
            LocalResult::Ambiguous(first, second) => Some(first.min(second).to_utc()),
            LocalResult::None => None,
        }
    }

    /// A date with business time on it: not a holiday, and with hours that
    /// a spring-forward gap does not swallow whole.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day(date).next().is_some()
    }

    /// The first working day after `date`, within a century.
    pub fn next_working_date(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut date = date;
        for _ in 0..HORIZON_DAYS {
            date = date.succ_opt()?;
            if self.is_working_day(date) {
                return Some(date);
            }
        }
        None
    }

    /// When business time starts on `date`; `None` on a day off.
    pub fn opening(&self, date: NaiveDate) -> Option<DateTime<Utc>> {
        self.day(date).next().map(|(open, _)| open)
    }

    /// The opening time of the first weekday, counting from Monday, that has
    /// hours: the time to assume for a day that has none of its own.
    pub fn usual_opening(&self) -> NaiveTime {
        self.hours
            .iter()
            .find_map(|day| day.first())
            .map_or(NaiveTime::MIN, |interval| clock_time(interval.start))
    }

    /// The business time of a standard working day: the scheduled length
    /// that occurs on most weekdays, the longer one on a tie. It reads the
    /// weekly hours only, so clock changes and holidays do not move it.
    pub fn standard_day(&self) -> TimeDelta {
        let lengths: Vec<TimeDelta> = self
            .hours
            .iter()
            .filter(|day| !day.is_empty())
            .map(|day| day.iter().map(|i| i.end - i.start).sum())
            .collect();
        let count = |length: &TimeDelta| lengths.iter().filter(|l| *l == length).count();
        lengths
            .iter()
            .max_by(|a, b| count(a).cmp(&count(b)).then(a.cmp(b)))
            .copied()
            .unwrap_or(TimeDelta::zero())
    }

    /// `with_timezone` panics when the local date would fall outside
    /// chrono's range; at the ends of time the nearest representable date
    /// serves just as well.
    fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        let utc = at.naive_utc();
        let offset = self.tz.offset_from_utc_datetime(&utc).fix();
        match utc.checked_add_offset(offset) {
            Some(local) => local.date(),
            None if offset.local_minus_utc() > 0 => NaiveDate::MAX,
            None => NaiveDate::MIN,
        }
    }

    fn intervals_on(&self, date: NaiveDate) -> &[Interval] {
        if self.holidays.contains(&date) {
            return &[];
        }
        let index = date.weekday().num_days_from_monday() as usize;
        self.hours.get(index).map_or(&[], Vec::as_slice)
    }

    /// One interval of `date` as real time; `None` when the clocks skip it
    /// entirely.
    fn stretch(
        &self,
        date: NaiveDate,
        interval: Interval,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let midnight = date.and_time(NaiveTime::MIN);
        let open = self.first_reaching(midnight.checked_add_signed(interval.start)?)?;
        let close = self.last_before(midnight.checked_add_signed(interval.end)?)?;
        (open < close).then_some((open, close))
    }

    /// The first instant at which the wall clock reads `local` or later.
    fn first_reaching(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(at) => Some(at.to_utc()),
            LocalResult::Ambiguous(first, second) => Some(first.min(second).to_utc()),
            LocalResult::None => self.gap_end(local),
        }
    }

    /// The last instant up to which the wall clock read earlier than `local`.
    fn last_before(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(at) => Some(at.to_utc()),
            LocalResult::Ambiguous(first, second) => Some(first.max(second).to_utc()),
            LocalResult::None => self.gap_end(local),
        }
    }

    fn gap_end(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        self.tz.gap_end(&local)
    }

    /// Business time in `[first, last]` local dates that lies at or after
    /// `from`, as ordered, non-overlapping stretches.
    fn stretches(&self, from: DateTime<Utc>, first: NaiveDate, last: NaiveDate) -> Stretches<'_> {
        Stretches {
            calendar: self,
            date: first,
            last,
            index: 0,
            cursor: from,
        }
    }

    fn stretches_from(&self, from: DateTime<Utc>) -> Stretches<'_> {
        let date = self.local_date(from);
        let last = date.checked_add_days(Days::new(HORIZON_DAYS));
        self.stretches(
            from,
            date.pred_opt().unwrap_or(date),
            last.unwrap_or(NaiveDate::MAX),
        )
    }

    fn day(&self, date: NaiveDate) -> Stretches<'_> {
        self.stretches(DateTime::<Utc>::MIN_UTC, date, date)
    }

    fn day_length(&self, date: NaiveDate) -> TimeDelta {
        self.day(date).map(|(open, close)| close - open).sum()
    }

    fn previous_working_date(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut date = date;
        for _ in 0..HORIZON_DAYS {
            date = date.pred_opt()?;
            if self.is_working_day(date) {
                return Some(date);
            }
        }
        None
    }

    /// The working day `start` belongs to and how far into its business time
    /// it lies, always more than zero: a moment that is both the close of one
    /// day and the opening of the next is taken as the close, see
    /// `add_working_days`.
    fn anchor(&self, start: DateTime<Utc>) -> Option<(NaiveDate, TimeDelta)> {
        let date = self.local_date(start);
        let mut offset = TimeDelta::zero();
        for (open, close) in self.day(date) {
            if open >= start {
                break;
            }
            offset += close.min(start) - open;
        }
        if offset > TimeDelta::zero() {
            return Some((date, offset));
        }
        let previous = self.previous_working_date(date)?;
        Some((previous, self.day_length(previous)))
    }

    fn at_offset(&self, date: NaiveDate, offset: TimeDelta) -> Option<DateTime<Utc>> {
        let mut left = offset;
        let mut last_close = None;
        for (open, close) in self.day(date) {
            let length = close - open;
            if left <= length {
                return Some(open.checked_add_signed(left).unwrap_or(close));
            }
            left -= length;
            last_close = Some(close);
        }
        last_close
    }
}

/// Walks the calendar's intervals date by date. Stretches come out ordered
/// by opening, because the first instant the clock reaches a time can only
/// move forward as the time does; clipping each one to the end of the
/// previous one merges the overlaps a repeated hour can cause.
struct Stretches<'a> {
    calendar: &'a Calendar,
    date: NaiveDate,
    last: NaiveDate,
    index: usize,
    cursor: DateTime<Utc>,
}

impl Iterator for Stretches<'_> {
    type Item = (DateTime<Utc>, DateTime<Utc>);

    fn next(&mut self) -> Option<Self::Item> {
        while self.date <= self.last {
            let Some(interval) = self.calendar.intervals_on(self.date).get(self.index) else {
                self.index = 0;
                self.date = self.date.succ_opt()?;
                continue;
            };
            self.index += 1;
            if let Some((open, close)) = self.calendar.stretch(self.date, *interval) {
                let open = open.max(self.cursor);
                if open < close {
                    self.cursor = close;
                    return Some((open, close));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
