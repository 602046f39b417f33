//! Reads the callback moment an agent types. The rule throughout is that a
//! promise to a customer is never guessed: anything that is not one of the
//! listed forms, or that would land in the past, is refused with a message
//! that says what to type instead.

use chrono::{
    DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta,
    TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;
use thiserror::Error;

use crate::when;

/// Time of day used when the agent names a day without a time. Kept in one
/// place because it is meant to come from working hours later on.
pub const DEFAULT_TIME: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(time) => time,
    // Evaluated while compiling, so it can never fire at run time.
    None => panic!("09:00 is a valid time of day"),
};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DeadlineError {
    #[error("type when, e.g. +2h, 15:00, tomorrow 9:00, fri 14:00, 2026-12-01 10:00")]
    Empty,
    #[error(
        "`{0}` not understood — write +2h, +1h30m, 15:00, today 15:00, tomorrow, \
         tomorrow 9:00, fri, fri 14:00, 2026-12-01 or 2026-12-01 10:00"
    )]
    NotUnderstood(String),
    #[error("{time} has already passed today — write `tomorrow {time}`")]
    PassedToday { time: String },
    #[error("{when} is in the past")]
    Passed { when: String },
    #[error("`{text}` is not a time: {reason}")]
    InvalidTime { text: String, reason: &'static str },
    #[error("`{text}` is not a date on the calendar")]
    InvalidDate { text: String },
    #[error("{local} does not exist in {tz}: the clocks jump forward then — pick another time")]
    NonexistentLocalTime { local: String, tz: Tz },
    #[error("`{0}` adds up to no time at all — write e.g. +30m or +2h")]
    ZeroDuration(String),
    #[error("`{0}` is too far ahead")]
    TooFar(String),
}

/// The instant an agent means by `input`, strictly after `now`.
///
/// Day words and clock times are read in `tz`, the agent's zone; `+` spans
/// are elapsed time, so `+1d` across a clock change is 24 real hours.
pub fn parse_deadline(
    input: &str,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<DateTime<Utc>, DeadlineError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(DeadlineError::Empty);
    }
    let lower = text.to_lowercase();

    if let Some(rest) = lower.strip_prefix('+') {
        let span = parse_span(rest, text)?;
        if span.is_zero() {
            return Err(DeadlineError::ZeroDuration(text.to_string()));
        }
        return now.checked_add_signed(span).ok_or_else(|| too_far(text));
    }

    let words: Vec<&str> = lower.split_whitespace().collect();
    let (day, time) = parse_words(&words, text)?;
    resolve(day, time, now, tz, text)
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
fn parse_span(rest: &str, text: &str) -> Result<TimeDelta, DeadlineError> {
    let compact: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err(not_understood(text));
    }
    let mut total = TimeDelta::zero();
    let mut seen: Vec<char> = Vec::new();
    let mut digits = String::new();
    for c in compact.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        // A repeated unit (`+1h2h`) is more likely a typo than a sum.
        if digits.is_empty() || seen.contains(&c) {
            return Err(not_understood(text));
        }
        // Only ASCII digits were collected, so failing here means overflow.
        let n: i64 = digits.parse().map_err(|_| too_far(text))?;
        let part = match c {
            'd' => TimeDelta::try_days(n),
            'h' => TimeDelta::try_hours(n),
            'm' => TimeDelta::try_minutes(n),
            _ => return Err(not_understood(text)),
        }
        .ok_or_else(|| too_far(text))?;
        total = total.checked_add(&part).ok_or_else(|| too_far(text))?;
        seen.push(c);
        digits.clear();
    }
    // A bare number (`+2`) could be hours or minutes; refuse rather than pick.
    if !digits.is_empty() {
        return Err(not_understood(text));
    }
    Ok(total)
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
        return Err(invalid("hours go from 0 to 23"));
    }
    if minute > 59 {
        return Err(invalid("minutes go from 00 to 59"));
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
        .map(Some)
        .ok_or_else(|| invalid("not a time of day"))
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

fn parse_weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// `words` are lower-case; `text` is what the agent typed, for messages.
fn parse_words(words: &[&str], text: &str) -> Result<(Day, NaiveTime), DeadlineError> {
    let (first, second) = match words {
        [only] => (*only, None),
        [day, time] => (*day, Some(*time)),
        _ => return Err(not_understood(text)),
    };

    if second.is_none() {
        if let Some(time) = parse_time(first)? {
            return Ok((Day::Today, time));
        }
        // `2026-12-01T10:00`, lower-cased by now.
        if let Some((date, time)) = first.split_once('t')
            && let Some(date) = parse_date(date)?
            && let Some(time) = parse_time(time)?
        {
            return Ok((Day::On(date), time));
        }
    }

    let day = match first {
        // Plain `today` is refused: 09:00 today is usually already gone.
        "today" if second.is_some() => Day::Today,
        "tomorrow" => Day::Tomorrow,
        word => match (parse_weekday(word), parse_date(word)?) {
            (Some(weekday), _) => Day::Next(weekday),
            (None, Some(date)) => Day::On(date),
            (None, None) => return Err(not_understood(text)),
        },
    };
    let time = match second {
        None => DEFAULT_TIME,
        Some(word) => parse_time(word)?.ok_or_else(|| not_understood(text))?,
    };
    Ok((day, time))
}

fn resolve(
    day: Day,
    time: NaiveTime,
    now: DateTime<Utc>,
    tz: Tz,
    text: &str,
) -> Result<DateTime<Utc>, DeadlineError> {
    let now_local = now.with_timezone(&tz).naive_local();
    let today = now_local.date();
    let date = match day {
        Day::Today => {
            // Checked before the gap so that `2:30` at noon on the night the
            // clocks jump says "passed", which is what the agent needs to hear.
            if today.and_time(time) <= now_local {
                return Err(DeadlineError::PassedToday { time: hh_mm(time) });
            }
            today
        }
        Day::Tomorrow => today.succ_opt().ok_or_else(|| too_far(text))?,
        Day::Next(weekday) => {
            let ahead =
                (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
            let ahead = if ahead == 0 && today.and_time(time) <= now_local {
                7
            } else {
                ahead
            };
            today
                .checked_add_days(Days::new(u64::from(ahead)))
                .ok_or_else(|| too_far(text))?
        }
        Day::On(date) => date,
    };

    let at = to_utc(date.and_time(time), tz)?;
    if at <= now {
        return Err(match day {
            Day::Today => DeadlineError::PassedToday { time: hh_mm(time) },
            _ => DeadlineError::Passed {
                when: when::local_datetime(at, tz),
            },
        });
    }
    Ok(at)
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
mod tests {
    use super::*;
    use chrono_tz::Europe::{Amsterdam, Budapest};
    use chrono_tz::UTC;

    use crate::when::local;

    /// Monday 2026-11-23 10:00 in Amsterdam.
    fn monday() -> DateTime<Utc> {
        local(Amsterdam, 2026, 11, 23, 10, 0)
    }

    /// Friday 2026-11-27 18:30 in Amsterdam.
    fn friday_evening() -> DateTime<Utc> {
        local(Amsterdam, 2026, 11, 27, 18, 30)
    }

    /// Saturday 2026-03-28 22:00 in Amsterdam; clocks jump 02:00 → 03:00 tonight.
    fn before_spring_forward() -> DateTime<Utc> {
        local(Amsterdam, 2026, 3, 28, 22, 0)
    }

    /// The result as the agent would read it back, in `tz`.
    fn at(input: &str, now: DateTime<Utc>, tz: Tz) -> String {
        match parse_deadline(input, now, tz) {
            Ok(due) => when::local_datetime(due, tz),
            Err(e) => format!("error: {e}"),
        }
    }

    fn ams(input: &str) -> String {
        at(input, monday(), Amsterdam)
    }

    fn err(input: &str) -> DeadlineError {
        match parse_deadline(input, monday(), Amsterdam) {
            Ok(due) => panic!("`{input}` was accepted as {due}"),
            Err(e) => e,
        }
    }

    #[test]
    fn the_test_clock_is_a_monday_morning() {
        assert_eq!(monday().with_timezone(&Amsterdam).weekday(), Weekday::Mon);
        assert_eq!(
            when::local_datetime(monday(), Amsterdam),
            "2026-11-23 10:00"
        );
    }

    #[test]
    fn relative_spans() {
        assert_eq!(ams("+2h"), "2026-11-23 12:00");
        assert_eq!(ams("+30m"), "2026-11-23 10:30");
        assert_eq!(ams("+1d"), "2026-11-24 10:00");
        assert_eq!(ams("+1h30m"), "2026-11-23 11:30");
        assert_eq!(ams("+2d4h"), "2026-11-25 14:00");
        assert_eq!(ams("+90m"), "2026-11-23 11:30");
        assert_eq!(ams("+0h15m"), "2026-11-23 10:15");
        assert_eq!(ams("+30m1h"), "2026-11-23 11:30");
        assert_eq!(ams("  +1H30M "), "2026-11-23 11:30");
        assert_eq!(ams("+1h  30m"), "2026-11-23 11:30");
        assert_eq!(
            parse_deadline("+2h", monday(), Amsterdam),
            Ok(local(UTC, 2026, 11, 23, 11, 0))
        );
    }

    #[test]
    fn relative_spans_that_are_refused() {
        assert_eq!(err("+0h"), DeadlineError::ZeroDuration("+0h".into()));
        assert_eq!(
            err("+0d0h0m"),
            DeadlineError::ZeroDuration("+0d0h0m".into())
        );
        for input in [
            "+", "+2", "+h", "+2x", "+2w", "+1h1h", "-2h", "+1.5h", "+-2h", "2h",
        ] {
            assert_eq!(
                err(input),
                DeadlineError::NotUnderstood(input.into()),
                "{input}"
            );
        }
        assert_eq!(
            err("+99999999999999999999d"),
            DeadlineError::TooFar("+99999999999999999999d".into())
        );
        assert_eq!(
            err("+9999999999999d"),
            DeadlineError::TooFar("+9999999999999d".into())
        );
    }

    #[test]
    fn time_today() {
        assert_eq!(ams("15:00"), "2026-11-23 15:00");
        assert_eq!(ams("10:01"), "2026-11-23 10:01");
        assert_eq!(ams("23:59"), "2026-11-23 23:59");
        assert_eq!(ams("today 15:00"), "2026-11-23 15:00");
        assert_eq!(ams("TODAY  16.45"), "2026-11-23 16:45");
        assert_eq!(ams("11.30"), "2026-11-23 11:30");
    }

    #[test]
    fn time_today_that_has_passed_is_refused_not_moved_to_tomorrow() {
        assert_eq!(
            ams("9:30"),
            "error: 09:30 has already passed today — write `tomorrow 09:30`"
        );
        assert_eq!(
            ams("9.30"),
            "error: 09:30 has already passed today — write `tomorrow 09:30`"
        );
        assert_eq!(
            ams("10:00"),
            "error: 10:00 has already passed today — write `tomorrow 10:00`"
        );
        assert_eq!(
            ams("today 0:00"),
            "error: 00:00 has already passed today — write `tomorrow 00:00`"
        );
        assert_eq!(
            at("15:00", local(Amsterdam, 2026, 11, 23, 16, 0), Amsterdam),
            "error: 15:00 has already passed today — write `tomorrow 15:00`"
        );
    }

    #[test]
    fn out_of_range_times() {
        assert_eq!(
            ams("24:00"),
            "error: `24:00` is not a time: hours go from 0 to 23"
        );
        assert_eq!(
            ams("9:60"),
            "error: `9:60` is not a time: minutes go from 00 to 59"
        );
        assert_eq!(
            ams("tomorrow 25.00"),
            "error: `25.00` is not a time: hours go from 0 to 23"
        );
        assert_eq!(
            err("fri 12:75"),
            DeadlineError::InvalidTime {
                text: "12:75".into(),
                reason: "minutes go from 00 to 59"
            }
        );
    }

    #[test]
    fn tomorrow() {
        assert_eq!(ams("tomorrow"), "2026-11-24 09:00");
        assert_eq!(ams("Tomorrow 14:30"), "2026-11-24 14:30");
        assert_eq!(ams("tomorrow 7.05"), "2026-11-24 07:05");
        assert_eq!(ams("tomorrow 0:00"), "2026-11-24 00:00");
    }

    #[test]
    fn weekdays_from_monday_morning() {
        assert_eq!(ams("tue"), "2026-11-24 09:00");
        assert_eq!(ams("wednesday"), "2026-11-25 09:00");
        assert_eq!(ams("fri 14:00"), "2026-11-27 14:00");
        assert_eq!(ams("Friday 14:00"), "2026-11-27 14:00");
        assert_eq!(ams("sat"), "2026-11-28 09:00");
        assert_eq!(ams("sun 20:00"), "2026-11-29 20:00");
    }

    #[test]
    fn todays_weekday_means_today_only_while_the_time_is_ahead() {
        assert_eq!(ams("mon 15:00"), "2026-11-23 15:00");
        assert_eq!(ams("mon 10:01"), "2026-11-23 10:01");
        assert_eq!(ams("mon 10:00"), "2026-11-30 10:00");
        assert_eq!(ams("monday"), "2026-11-30 09:00");
    }

    #[test]
    fn weekday_spellings() {
        for (word, date) in [
            ("mon", "2026-11-30"),
            ("monday", "2026-11-30"),
            ("tue", "2026-11-24"),
            ("tues", "2026-11-24"),
            ("tuesday", "2026-11-24"),
            ("wed", "2026-11-25"),
            ("wednesday", "2026-11-25"),
            ("thu", "2026-11-26"),
            ("thur", "2026-11-26"),
            ("thurs", "2026-11-26"),
            ("thursday", "2026-11-26"),
            ("fri", "2026-11-27"),
            ("friday", "2026-11-27"),
            ("sat", "2026-11-28"),
            ("saturday", "2026-11-28"),
            ("sun", "2026-11-29"),
            ("sunday", "2026-11-29"),
            ("THU", "2026-11-26"),
        ] {
            assert_eq!(ams(word), format!("{date} 09:00"), "{word}");
        }
    }

    #[test]
    fn iso_dates() {
        assert_eq!(ams("2026-12-01"), "2026-12-01 09:00");
        assert_eq!(ams("2026-12-01 10:00"), "2026-12-01 10:00");
        assert_eq!(ams("2026-12-01T10:00"), "2026-12-01 10:00");
        assert_eq!(ams("2026-12-01t10.00"), "2026-12-01 10:00");
        assert_eq!(ams("2027-01-04 8:15"), "2027-01-04 08:15");
        assert_eq!(ams("2026-11-23 10:30"), "2026-11-23 10:30");
        assert_eq!(
            parse_deadline("2026-12-01 10:00", monday(), Amsterdam),
            Ok(local(UTC, 2026, 12, 1, 9, 0))
        );
    }

    #[test]
    fn iso_dates_in_the_past_or_not_on_the_calendar() {
        assert_eq!(ams("2026-11-20"), "error: 2026-11-20 09:00 is in the past");
        assert_eq!(ams("2026-11-23"), "error: 2026-11-23 09:00 is in the past");
        assert_eq!(
            ams("2026-11-23 10:00"),
            "error: 2026-11-23 10:00 is in the past"
        );
        assert_eq!(
            ams("2026-02-30"),
            "error: `2026-02-30` is not a date on the calendar"
        );
        assert_eq!(
            err("2026-13-01 10:00"),
            DeadlineError::InvalidDate {
                text: "2026-13-01".into()
            }
        );
        assert_eq!(
            err("2026-02-30T10:00"),
            DeadlineError::InvalidDate {
                text: "2026-02-30".into()
            }
        );
    }

    #[test]
    fn empty_input() {
        assert_eq!(err(""), DeadlineError::Empty);
        assert_eq!(err("   \t "), DeadlineError::Empty);
        assert_eq!(
            DeadlineError::Empty.to_string(),
            "type when, e.g. +2h, 15:00, tomorrow 9:00, fri 14:00, 2026-12-01 10:00"
        );
    }

    #[test]
    fn anything_else_is_not_understood() {
        for input in [
            "1500",
            "9:5",
            "9",
            "today",
            "tomorrow 9",
            "fri 2pm",
            "15:00 tomorrow",
            "next week",
            "asap",
            "tomorrow at 9:00",
            "tmrw",
            "fri fri",
            "2026-12-01T10",
            "01-12-2026",
            "2026/12/01",
            "26-12-01",
            "15:00:00",
            "ma 9:00",
        ] {
            assert_eq!(
                err(input),
                DeadlineError::NotUnderstood(input.into()),
                "{input}"
            );
        }
        assert_eq!(
            err("  Next Week ").to_string(),
            "`Next Week` not understood — write +2h, +1h30m, 15:00, today 15:00, tomorrow, \
             tomorrow 9:00, fri, fri 14:00, 2026-12-01 or 2026-12-01 10:00"
        );
    }

    #[test]
    fn from_friday_evening() {
        let now = friday_evening();
        assert_eq!(at("mon", now, Amsterdam), "2026-11-30 09:00");
        assert_eq!(at("fri", now, Amsterdam), "2026-12-04 09:00");
        assert_eq!(at("fri 19:00", now, Amsterdam), "2026-11-27 19:00");
        assert_eq!(at("tomorrow", now, Amsterdam), "2026-11-28 09:00");
        assert_eq!(at("+3h", now, Amsterdam), "2026-11-27 21:30");
        assert_eq!(at("+2d", now, Amsterdam), "2026-11-29 18:30");
        assert_eq!(
            at("18:00", now, Amsterdam),
            "error: 18:00 has already passed today — write `tomorrow 18:00`"
        );
    }

    #[test]
    fn spring_forward_gap_is_named_not_shifted() {
        let now = before_spring_forward();
        assert_eq!(
            parse_deadline("tomorrow 2:30", now, Amsterdam),
            Err(DeadlineError::NonexistentLocalTime {
                local: "2026-03-29 02:30".into(),
                tz: Amsterdam
            })
        );
        assert_eq!(
            at("sun 2:00", now, Amsterdam),
            "error: 2026-03-29 02:00 does not exist in Europe/Amsterdam: \
             the clocks jump forward then — pick another time"
        );
        assert_eq!(
            at("2026-03-29 02:59", now, Budapest),
            "error: 2026-03-29 02:59 does not exist in Europe/Budapest: \
             the clocks jump forward then — pick another time"
        );
        assert_eq!(at("tomorrow 1:59", now, Amsterdam), "2026-03-29 01:59");
        assert_eq!(at("tomorrow 3:00", now, Amsterdam), "2026-03-29 03:00");
        assert_eq!(
            parse_deadline("tomorrow 3:00", now, Amsterdam),
            Ok(local(UTC, 2026, 3, 29, 1, 0))
        );
        assert_eq!(at("tomorrow", now, Amsterdam), "2026-03-29 09:00");
    }

    #[test]
    fn spans_count_real_hours_across_the_clock_change() {
        assert_eq!(
            at("+1d", before_spring_forward(), Amsterdam),
            "2026-03-29 23:00"
        );
        let half_past_one = local(Amsterdam, 2026, 3, 29, 1, 30);
        assert_eq!(at("+1h", half_past_one, Amsterdam), "2026-03-29 03:30");
        assert_eq!(at("+30m", half_past_one, Amsterdam), "2026-03-29 03:00");
    }

    #[test]
    fn a_passed_time_on_the_gap_day_says_passed() {
        let noon = local(Amsterdam, 2026, 3, 29, 12, 0);
        assert_eq!(
            at("2:30", noon, Amsterdam),
            "error: 02:30 has already passed today — write `tomorrow 02:30`"
        );
        assert_eq!(at("sun 2:30", noon, Amsterdam), "2026-04-05 02:30");
    }

    #[test]
    fn fall_back_takes_the_first_of_the_repeated_hour() {
        let saturday = local(Amsterdam, 2026, 10, 24, 12, 0);
        assert_eq!(
            parse_deadline("tomorrow 2:30", saturday, Amsterdam),
            Ok(local(UTC, 2026, 10, 25, 0, 30))
        );
        assert_eq!(
            parse_deadline("2026-10-25 02:30", saturday, Budapest),
            Ok(local(UTC, 2026, 10, 25, 0, 30))
        );
    }

    #[test]
    fn today_and_tomorrow_follow_the_agents_zone() {
        let late_utc = local(UTC, 2026, 11, 23, 23, 30);
        assert_eq!(at("tomorrow", late_utc, Budapest), "2026-11-25 09:00");
        assert_eq!(at("tomorrow", late_utc, UTC), "2026-11-24 09:00");
        assert_eq!(at("tue 10:00", late_utc, Budapest), "2026-11-24 10:00");
        assert_eq!(at("tue", late_utc, UTC), "2026-11-24 09:00");
        assert_eq!(at("8:00", late_utc, Budapest), "2026-11-24 08:00");
    }

    #[test]
    fn results_are_always_after_now() {
        let now = monday();
        for input in [
            "+1m",
            "10:01",
            "tomorrow",
            "mon",
            "mon 10:01",
            "tue",
            "sun",
            "2026-11-24",
        ] {
            let due = parse_deadline(input, now, Amsterdam);
            assert!(due.is_ok_and(|due| due > now), "{input}");
        }
    }

    #[test]
    fn default_time_is_nine() {
        assert_eq!(
            DEFAULT_TIME,
            NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()
        );
    }
}
