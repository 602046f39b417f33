//! Reads the callback moment an agent types. The rule throughout is that a
//! promise to a customer is never guessed: anything that is not one of the
//! listed forms, or that would land in the past, is refused with a message
//! that says what to type instead.
//!
//! Day words follow the desk's calendar: `tomorrow` is the next working day,
//! and a day named without a time means its opening time.

use chrono::{
    DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta,
    TimeZone, Utc, Weekday,
};
use thiserror::Error;

use crate::domain::business::Calendar;
use crate::domain::time_zone::Tz;
use crate::i18n::{Language, Texts};
use crate::t;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DeadlineError {
    #[error("type when, e.g. +2h, +30m, tomorrow 9:00, fri 14:00")]
    Empty,
    #[error(
        "`{0}` not understood — write +2h, +1h30m, +4bh, +2wd, 15:00, today 15:00, \
         tomorrow, tomorrow 9:00, fri, fri 14:00, YYYY-MM-DD or YYYY-MM-DD HH:MM"
    )]
    NotUnderstood(String),
    #[error("{time} has already passed today — write `tomorrow {time}`")]
    PassedToday { time: String },
    #[error("{when} is in the past")]
    Passed { when: String },
    #[error("`{text}` is not a time: {reason}")]
    InvalidTime { text: String, reason: TimeFault },
    #[error("`{text}` is not a date on the calendar")]
    InvalidDate { text: String },
    #[error("{local} does not exist in {tz}: the clocks jump forward then — pick another time")]
    NonexistentLocalTime { local: String, tz: Tz },
    #[error("`{0}` adds up to no time at all — write e.g. +30m or +2h")]
    ZeroDuration(String),
    #[error("`{0}` is too far ahead")]
    TooFar(String),
}

/// Why a word shaped like a time is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TimeFault {
    #[error("hours go from 0 to 23")]
    Hours,
    #[error("minutes go from 00 to 59")]
    Minutes,
    #[error("not a time of day")]
    NotATime,
}

impl TimeFault {
    fn message(self, texts: &Texts) -> String {
        match self {
            TimeFault::Hours => t!(texts, "deadline-hours"),
            TimeFault::Minutes => t!(texts, "deadline-minutes"),
            TimeFault::NotATime => t!(texts, "deadline-not-a-time"),
        }
    }
}

impl DeadlineError {
    /// The error in the agent's language, with examples in the words that language reads
    /// (`morgen 9:00`, `holnap 9:00`). `Display` stays English for the command line.
    pub fn message(&self, texts: &Texts) -> String {
        match self {
            DeadlineError::Empty => t!(texts, "deadline-empty"),
            DeadlineError::NotUnderstood(text) => {
                t!(texts, "deadline-not-understood", text = text.as_str())
            }
            DeadlineError::PassedToday { time } => {
                t!(texts, "deadline-passed-today", time = time.as_str())
            }
            DeadlineError::Passed { when } => t!(texts, "deadline-passed", when = when.as_str()),
            DeadlineError::InvalidTime { text, reason } => t!(
                texts,
                "deadline-invalid-time",
                text = text.as_str(),
                reason = reason.message(texts)
            ),
            DeadlineError::InvalidDate { text } => {
                t!(texts, "deadline-invalid-date", text = text.as_str())
            }
            DeadlineError::NonexistentLocalTime { local, tz } => t!(
                texts,
                "deadline-nonexistent",
                local = local.as_str(),
                tz = tz.name()
            ),
            DeadlineError::ZeroDuration(text) => t!(texts, "deadline-zero", text = text.as_str()),
            DeadlineError::TooFar(text) => t!(texts, "deadline-too-far", text = text.as_str()),
        }
    }
}

/// The instant an agent means by `input`, strictly after `now`.
///
/// Day words and clock times are read in the calendar's zone. Plain `+`
/// spans are elapsed time, so `+1d` across a clock change is 24 real hours;
/// `+4bh` and `+1bh30m` count business hours and minutes, and `+2wd` working
/// days as `Calendar::add_working_days` defines them.
pub fn parse_deadline(
    input: &str,
    now: DateTime<Utc>,
    calendar: &Calendar,
    language: Language,
) -> Result<DateTime<Utc>, DeadlineError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(DeadlineError::Empty);
    }
    let lower = text.to_lowercase();
    let due = if let Some(rest) = lower.strip_prefix('+') {
        match parse_span(rest, text)? {
            Span::Elapsed(span) => now.checked_add_signed(span),
            Span::Business(span) => Some(calendar.add(now, span)),
            Span::WorkingDays(days) => Some(calendar.add_working_days(now, days)),
        }
        .ok_or_else(|| too_far(text))?
    } else {
        let words: Vec<&str> = lower.split_whitespace().collect();
        let (day, time) = parse_words(&words, text, language)?;
        resolve(day, time, now, calendar, text)?
    };
    // Past the calendar's century (where it answers MAX_UTC) is a typo, not a promise;
    // `+95000000d` would also name a year the store cannot write or read back.
    if due.signed_duration_since(now) > TimeDelta::days(FURTHEST_DAYS) {
        return Err(too_far(text));
    }
    Ok(due)
}

/// The calendar's own horizon for business time, so every form shares one limit.
const FURTHEST_DAYS: i64 = crate::domain::business::HORIZON_DAYS as i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Elapsed(TimeDelta),
    Business(TimeDelta),
    WorkingDays(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    Today,
    Tomorrow,
    Next(Weekday),
    On(NaiveDate),
}

fn not_understood(text: &str) -> DeadlineError {
    DeadlineError::NotUnderstood(text.to_string())
}

fn too_far(text: &str) -> DeadlineError {
    DeadlineError::TooFar(text.to_string())
}

fn hh_mm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// `rest` is what follows the `+`, e.g. `1h30m`. Spaces are dropped so that
/// `+1h 30m` reads the same; each unit may appear once, in any order.
///
/// Elapsed and business time do not mix (`+1d2bh` is refused), because
/// the sum would depend on which is counted first. Once `bh` or `bm`
/// appears a plain `m` is business minutes too, so `+1bh30m` reads as
/// written; `wd` stands alone.
fn parse_span(rest: &str, text: &str) -> Result<Span, DeadlineError> {
    let parts = split_units(rest, text)?;
    let has = |unit: &str| parts.iter().any(|(_, u)| u == unit);
    let working_days = has("wd");
    let business = has("bh") || has("bm");

    let mut total = TimeDelta::zero();
    let mut seen: Vec<&str> = Vec::new();
    for (digits, unit) in &parts {
        let unit = match (working_days, business, unit.as_str()) {
            (true, _, "wd") if parts.len() == 1 => "wd",
            (false, false, unit @ ("d" | "h" | "m")) => unit,
            (false, true, "bh") => "bh",
            (false, true, "bm" | "m") => "bm",
            _ => return Err(not_understood(text)),
        };
        // A repeated unit (`+1h2h`) is more likely a typo than a sum.
        if seen.contains(&unit) {
            return Err(not_understood(text));
        }
        seen.push(unit);
        // Only ASCII digits were collected, so failing here means overflow.
        let n: i64 = digits.parse().map_err(|_| too_far(text))?;
        if unit == "wd" {
            return match u32::try_from(n) {
                Ok(0) => Err(DeadlineError::ZeroDuration(text.to_string())),
                Ok(days) => Ok(Span::WorkingDays(days)),
                Err(_) => Err(too_far(text)),
            };
        }
        let part = match unit {
            "d" => TimeDelta::try_days(n),
            "h" | "bh" => TimeDelta::try_hours(n),
            _ => TimeDelta::try_minutes(n),
        }
        .ok_or_else(|| too_far(text))?;
        total = total.checked_add(&part).ok_or_else(|| too_far(text))?;
    }
    if total.is_zero() {
        return Err(DeadlineError::ZeroDuration(text.to_string()));
    }
    Ok(if business {
        Span::Business(total)
    } else {
        Span::Elapsed(total)
    })
}

/// `1bh30m` as `[("1", "bh"), ("30", "m")]`, ignoring spaces. The unit letters the desk
/// shows in its other languages read as the English ones: Dutch `u` (uur) and Hungarian
/// `ó` (óra, also typed `o`) are hours, Hungarian `p` (perc) minutes and `n` (nap) days,
/// so `+2u30m` and `+1ó` mean what the countdowns beside them say.
fn split_units(rest: &str, text: &str) -> Result<Vec<(String, String)>, DeadlineError> {
    let mut parts = split_letters(&crate::domain::fold::fold(rest), text)?;
    for (_, unit) in &mut parts {
        let english = match unit.as_str() {
            "u" | "o" => "h",
            "p" => "m",
            "n" => "d",
            _ => continue,
        };
        *unit = english.to_string();
    }
    Ok(parts)
}

fn split_letters(rest: &str, text: &str) -> Result<Vec<(String, String)>, DeadlineError> {
    let mut parts = Vec::new();
    let mut digits = String::new();
    let mut unit = String::new();
    for c in rest.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            if !unit.is_empty() {
                parts.push((std::mem::take(&mut digits), std::mem::take(&mut unit)));
            }
            digits.push(c);
        } else if c.is_ascii_alphabetic() && !digits.is_empty() {
            unit.push(c);
        } else {
            return Err(not_understood(text));
        }
    }
    // A bare number (`+2`) could be hours or minutes; refuse rather than pick.
    if unit.is_empty() {
        return Err(not_understood(text));
    }
    parts.push((digits, unit));
    Ok(parts)
}

/// `Ok(None)` when `word` is not shaped like `H:MM`, `HH:MM`, `H.MM` or
/// `HH.MM`, so the caller can try other forms; an error when it is shaped
/// like a time but out of range, because then the agent clearly meant one.
/// Single-digit minutes (`9:5`) are not a time: 09:05 or 09:50 would be a guess.
fn parse_time(word: &str) -> Result<Option<NaiveTime>, DeadlineError> {
    let Some((h, m)) = word.split_once([':', '.']) else {
        return Ok(None);
    };
    let shaped = (1..=2).contains(&h.len())
        && m.len() == 2
        && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit());
    let (true, Ok(hour), Ok(minute)) = (shaped, h.parse::<u32>(), m.parse::<u32>()) else {
        return Ok(None);
    };
    let invalid = |reason| DeadlineError::InvalidTime {
        text: word.to_string(),
        reason,
    };
    if hour > 23 {
        return Err(invalid(TimeFault::Hours));
    }
    if minute > 59 {
        return Err(invalid(TimeFault::Minutes));
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
        .map(Some)
        .ok_or_else(|| invalid(TimeFault::NotATime))
}

/// `Ok(None)` when `word` is not shaped like `YYYY-MM-DD`; an error when it
/// is but names no real day, such as 2026-02-30.
fn parse_date(word: &str) -> Result<Option<NaiveDate>, DeadlineError> {
    let mut parts = word.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    let shaped = y.len() == 4
        && (1..=2).contains(&m.len())
        && (1..=2).contains(&d.len())
        && [y, m, d]
            .iter()
            .all(|part| part.bytes().all(|b| b.is_ascii_digit()));
    let (true, Ok(year), Ok(month), Ok(day)) =
        (shaped, y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
    else {
        return Ok(None);
    };
    NaiveDate::from_ymd_opt(year, month, day)
        .map(Some)
        .ok_or_else(|| DeadlineError::InvalidDate {
            text: word.to_string(),
        })
}

/// A day word in any of the desk's languages, whatever the agent's own (a Dutch colleague
/// types `morgen` on an English desk), accents optional (`pentek`, `hetfo`). The one word
/// the languages share with two meanings, `ma` (Dutch Monday, Hungarian today), is read in
/// the desk's language only, and not at all on an English desk: a promise is never guessed.
fn parse_day_word(word: &str, language: Language) -> Option<DayWord> {
    use DayWord::{Today, Tomorrow, Weekday as On};
    let word = crate::domain::fold::fold(word);
    if word == "ma" {
        return match language {
            Language::Dutch => Some(On(Weekday::Mon)),
            Language::Hungarian => Some(Today),
            Language::English => None,
        };
    }
    Some(match word.as_str() {
        "today" | "vandaag" => Today,
        "tomorrow" | "morgen" | "holnap" => Tomorrow,
        "mon" | "monday" | "maandag" | "h" | "he" | "hetfo" => On(Weekday::Mon),
        "tue" | "tues" | "tuesday" | "di" | "dinsdag" | "k" | "ke" | "kedd" => On(Weekday::Tue),
        "wed" | "wednesday" | "wo" | "woensdag" | "sze" | "szerda" => On(Weekday::Wed),
        "thu" | "thur" | "thurs" | "thursday" | "do" | "donderdag" | "cs" | "csu" | "csutortok" => {
            On(Weekday::Thu)
        }
        "fri" | "friday" | "vr" | "vrijdag" | "p" | "pe" | "pentek" => On(Weekday::Fri),
        "sat" | "saturday" | "za" | "zaterdag" | "szo" | "szombat" => On(Weekday::Sat),
        "sun" | "sunday" | "zo" | "zondag" | "v" | "vas" | "vasarnap" => On(Weekday::Sun),
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayWord {
    Today,
    Tomorrow,
    Weekday(Weekday),
}

/// `words` are lower-case; `text` is what the agent typed, for messages.
/// No time means the day's opening time, settled once the day is known.
fn parse_words(
    words: &[&str],
    text: &str,
    language: Language,
) -> Result<(Day, Option<NaiveTime>), DeadlineError> {
    let (first, second) = match words {
        [only] => (*only, None),
        [day, time] => (*day, Some(*time)),
        _ => return Err(not_understood(text)),
    };

    if second.is_none() {
        if let Some(time) = parse_time(first)? {
            return Ok((Day::Today, Some(time)));
        }
        // `2026-12-01T10:00`, lower-cased by now.
        if let Some((date, time)) = first.split_once('t')
            && let Some(date) = parse_date(date)?
            && let Some(time) = parse_time(time)?
        {
            return Ok((Day::On(date), Some(time)));
        }
    }

    let day = match (parse_day_word(first, language), parse_date(first)?) {
        // Plain `today` is refused: the opening time is usually already gone.
        (Some(DayWord::Today), _) if second.is_some() => Day::Today,
        (Some(DayWord::Tomorrow), _) => Day::Tomorrow,
        (Some(DayWord::Weekday(weekday)), _) => Day::Next(weekday),
        (None, Some(date)) => Day::On(date),
        _ => return Err(not_understood(text)),
    };
    let time = match second {
        None => None,
        Some(word) => Some(parse_time(word)?.ok_or_else(|| not_understood(text))?),
    };
    Ok((day, time))
}

fn resolve(
    day: Day,
    time: Option<NaiveTime>,
    now: DateTime<Utc>,
    calendar: &Calendar,
    text: &str,
) -> Result<DateTime<Utc>, DeadlineError> {
    let tz = calendar.tz();
    let now_local = now.with_timezone(&tz).naive_local();
    let today = now_local.date();
    let date = match day {
        Day::Today => {
            // Checked before the gap so that `2:30` at noon on the night the
            // clocks jump says "passed", which is what the agent needs to hear.
            if let Some(time) = time
                && today.and_time(time) <= now_local
            {
                return Err(DeadlineError::PassedToday { time: hh_mm(time) });
            }
            today
        }
        Day::Tomorrow => calendar
            .next_working_date(today)
            .ok_or_else(|| too_far(text))?,
        Day::Next(weekday) => {
            let ahead =
                (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
            let passed = match time {
                Some(time) => today.and_time(time) <= now_local,
                None => calendar.opening(today).map_or(
                    today.and_time(calendar.usual_opening()) <= now_local,
                    |open| open <= now,
                ),
            };
            let ahead = if ahead == 0 && passed { 7 } else { ahead };
            today
                .checked_add_days(Days::new(u64::from(ahead)))
                .ok_or_else(|| too_far(text))?
        }
        Day::On(date) => date,
    };

    let at = match (time, calendar.opening(date)) {
        (Some(time), _) => to_utc(date.and_time(time), tz)?,
        (None, Some(open)) => open,
        // A day off has no opening of its own, but the agent chose it, so it
        // gets the time the desk usually opens rather than a refusal.
        (None, None) => to_utc(date.and_time(calendar.usual_opening()), tz)?,
    };
    if at <= now {
        return Err(match (day, time) {
            (Day::Today, Some(time)) => DeadlineError::PassedToday { time: hh_mm(time) },
            _ => DeadlineError::Passed {
                when: at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
            },
        });
    }
    Ok(at)
}

/// Examples for the promise form that are valid deadlines at `now`: a whole hour still
/// ahead today (as `HH:MM`) and a date a week ahead (as `YYYY-MM-DD`), so the hint never
/// shows a time or a date that has already passed.
pub fn examples(now: DateTime<Utc>, tz: Tz) -> (String, String) {
    let local = now.with_timezone(&tz).naive_local();
    let later = local + TimeDelta::hours(1);
    let time = if later.date() == local.date() {
        later.format("%H:00").to_string()
    } else {
        "23:59".to_string()
    };
    let date = (local.date() + Days::new(7)).format("%Y-%m-%d").to_string();
    (time, date)
}

fn to_utc(local: NaiveDateTime, tz: Tz) -> Result<DateTime<Utc>, DeadlineError> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => Ok(at.with_timezone(&Utc)),
        // In the repeated hour after clocks go back, calling an hour early is
        // recoverable while an hour late breaks the promise.
        LocalResult::Ambiguous(first, second) => Ok(first.min(second).with_timezone(&Utc)),
        LocalResult::None => Err(DeadlineError::NonexistentLocalTime {
            local: local.format("%Y-%m-%d %H:%M").to_string(),
            tz,
        }),
    }
}

#[cfg(test)]
mod tests;
