//! How instants are shown to an agent. Everything is stored in UTC; the
//! agent's time zone is applied only at the moment of display, and the words and
//! date formats come from the agent's language.

use std::cell::OnceCell;
use std::fmt::Write as _;

use chrono::format::{Fixed, Item, Numeric, StrftimeItems};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};

use crate::domain::time_zone::Tz;
use crate::i18n::{DateNames, Texts};
use crate::t;

/// Moves the extremes of `DateTime<Utc>` a day inwards. An SLA clock whose allowance
/// outlasts the calendar is due at `MAX_UTC`, and shifting that into a zone ahead of UTC
/// panics; a day's difference at the end of time is not one anyone reads.
fn displayable(at: DateTime<Utc>) -> DateTime<Utc> {
    let margin = TimeDelta::days(1);
    at.clamp(
        DateTime::<Utc>::MIN_UTC + margin,
        DateTime::<Utc>::MAX_UTC - margin,
    )
}

/// Time left until `due` ("in 1h12m") or past it ("overdue 5m").
///
/// Whole minutes only, rounded towards zero, so "in 1m" never shows while
/// less than a minute remains and a deadline is not called overdue until a
/// full minute has gone by.
pub fn countdown(due: DateTime<Utc>, now: DateTime<Utc>, texts: &Texts) -> String {
    let minutes = due.signed_duration_since(now).num_minutes();
    if minutes == 0 {
        return t!(texts, "when-due-now");
    }
    let span = span(minutes.unsigned_abs(), texts);
    if minutes > 0 {
        t!(texts, "when-in", span = span)
    } else {
        t!(texts, "when-overdue", span = span)
    }
}

fn span(minutes: u64, texts: &Texts) -> String {
    let days = minutes / (24 * 60);
    let hours = minutes / 60 % 24;
    let mins = minutes % 60;
    // Once a deadline is a day or more away the minutes are noise.
    match (days, hours, mins) {
        (0, 0, m) => t!(texts, "span-m", m = m),
        (0, h, 0) => t!(texts, "span-h", h = h),
        (0, h, m) => t!(texts, "span-h-m", h = h, m = m),
        (d, 0, _) => t!(texts, "span-d", d = d),
        (d, h, _) => t!(texts, "span-d-h", d = d, h = h),
    }
}

/// Compact age for a queue column: "now", "5m", "3h", "4d", "6w", "8mo", "2y".
///
/// A unit is kept until two of the next one fit (13d, not 1w; 8w, not 1mo),
/// so the column stays at most four characters wide while "last week" and
/// "two weeks ago" still read differently. Months are 30 days and years 365:
/// the column is for sorting by eye, not for exact dates.
pub fn age(since: DateTime<Utc>, now: DateTime<Utc>, texts: &Texts) -> String {
    let minutes = now.signed_duration_since(since).num_minutes();
    // A stamp slightly ahead of this machine's clock is still brand new.
    if minutes < 1 {
        return t!(texts, "age-now");
    }
    let hours = minutes / 60;
    let days = hours / 24;
    if minutes < 60 {
        t!(texts, "age-minutes", n = minutes)
    } else if hours < 24 {
        t!(texts, "age-hours", n = hours)
    } else if days < 14 {
        t!(texts, "age-days", n = days)
    } else if days <= 60 {
        t!(texts, "age-weeks", n = days / 7)
    } else if days < 365 {
        t!(texts, "age-months", n = days / 30)
    } else {
        t!(texts, "age-years", n = days / 365)
    }
}

/// "2026-11-23 14:05" in `tz`, in the language's date format.
pub fn local_datetime(at: DateTime<Utc>, tz: Tz, texts: &Texts) -> String {
    format_local(at, tz, &t!(texts, "format-date-time"), texts)
}

/// "14:05" in `tz`.
pub fn local_time(at: DateTime<Utc>, tz: Tz) -> String {
    displayable(at)
        .with_timezone(&tz)
        .format("%H:%M")
        .to_string()
}

/// "14:05" for a time today; a time on another day carries its day ("yesterday 14:05",
/// "Fri 27 Nov 14:05"), so a reminder from two days ago never reads as this morning's.
pub fn time_of_day(at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz, texts: &Texts) -> String {
    if is_same_local_day(at, now, tz) {
        local_time(at, tz)
    } else {
        friendly(at, now, tz, texts)
    }
}

/// "2026-11-23" in `tz`, in the language's date format.
pub fn local_date(at: DateTime<Utc>, tz: Tz, texts: &Texts) -> String {
    format_local(at, tz, &t!(texts, "format-date"), texts)
}

/// Words an agent reads at a glance: "today 15:00", "tomorrow 09:00",
/// "yesterday 10:12", "Fri 27 Nov 14:00" within six days either way, and a
/// full date beyond that.
///
/// Days are counted on the local calendar, not in 24-hour steps, so 00:10
/// after a 23:50 `now` is already "tomorrow". A weekday name is only used
/// while it cannot be mistaken for the same weekday a week later or earlier.
pub fn friendly(at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz, texts: &Texts) -> String {
    FriendlyDates::new(now, tz, texts).format(at)
}

/// `friendly` for many instants seen from the same moment, as a report's rows are: the
/// catalogue's date patterns are looked up and read once, not once per row.
pub struct FriendlyDates<'t> {
    today: NaiveDate,
    tz: Tz,
    texts: &'t Texts,
    weekday_time: OnceCell<LocalPattern<'t>>,
    date_time: OnceCell<LocalPattern<'t>>,
}

impl<'t> FriendlyDates<'t> {
    pub fn new(now: DateTime<Utc>, tz: Tz, texts: &'t Texts) -> Self {
        FriendlyDates {
            today: displayable(now).with_timezone(&tz).date_naive(),
            tz,
            texts,
            weekday_time: OnceCell::new(),
            date_time: OnceCell::new(),
        }
    }

    pub fn format(&self, at: DateTime<Utc>) -> String {
        let (tz, texts) = (self.tz, self.texts);
        let local = displayable(at).with_timezone(&tz);
        let days = local
            .date_naive()
            .signed_duration_since(self.today)
            .num_days();
        let time = || local.format("%H:%M").to_string();
        match days {
            0 => t!(texts, "when-today", time = time()),
            1 => t!(texts, "when-tomorrow", time = time()),
            -1 => t!(texts, "when-yesterday", time = time()),
            -6..=6 => self
                .weekday_time
                .get_or_init(|| LocalPattern::new(&t!(texts, "format-weekday-time"), texts))
                .format(at, tz),
            _ => self
                .date_time
                .get_or_init(|| LocalPattern::new(&t!(texts, "format-date-time"), texts))
                .format(at, tz),
        }
    }
}

/// A date pattern from the catalogue, read once, with the names of days and months in the
/// language's words from the catalogue's lists (`DateNames`). A pattern chrono cannot read
/// is caught by the catalogue tests; should one slip through, the ISO form is shown instead
/// of a panic.
struct LocalPattern<'t> {
    parts: Option<Vec<Part>>,
    texts: &'t Texts,
}

enum Part {
    /// Formatted by chrono: numbers, separators, literal text, one run at a time.
    Chrono(Run),
    /// A name of the weekday or the month.
    Name(DateNames),
}

/// Items chrono formats together, and whether any of them shows the offset or the zone.
/// Most runs (`%-d`, `%H:%M`) do not, and are formatted from the local time alone: a run
/// formatted with its offset spells the offset out first, whether it is shown or not.
#[derive(Default)]
struct Run {
    items: Vec<Item<'static>>,
    shows_offset: bool,
}

impl Run {
    fn write(&self, local: &DateTime<Tz>, out: &mut String) -> std::fmt::Result {
        if self.shows_offset {
            write!(out, "{}", local.format_with_items(self.items.iter()))
        } else {
            let naive = local.naive_local();
            write!(out, "{}", naive.format_with_items(self.items.iter()))
        }
    }

    fn push(&mut self, item: Item<'static>) {
        self.shows_offset |= matches!(
            item,
            Item::Fixed(
                Fixed::TimezoneName
                    | Fixed::TimezoneOffset
                    | Fixed::TimezoneOffsetZ
                    | Fixed::TimezoneOffsetColon
                    | Fixed::TimezoneOffsetColonZ
                    | Fixed::TimezoneOffsetDoubleColon
                    | Fixed::TimezoneOffsetTripleColon
                    | Fixed::RFC2822
                    | Fixed::RFC3339
                    | Fixed::Internal(_)
            ) | Item::Numeric(Numeric::Timestamp, _)
        );
        self.items.push(item);
    }
}

/// The list a name item of chrono's shows, and chrono's own (English) item for it.
fn date_names(item: &Item) -> Option<DateNames> {
    match item {
        Item::Fixed(Fixed::LongWeekdayName) => Some(DateNames::Days),
        Item::Fixed(Fixed::ShortWeekdayName) => Some(DateNames::ShortDays),
        Item::Fixed(Fixed::LongMonthName) => Some(DateNames::Months),
        Item::Fixed(Fixed::ShortMonthName) => Some(DateNames::ShortMonths),
        _ => None,
    }
}

fn chrono_item(list: DateNames) -> Item<'static> {
    Item::Fixed(match list {
        DateNames::Days => Fixed::LongWeekdayName,
        DateNames::ShortDays => Fixed::ShortWeekdayName,
        DateNames::Months => Fixed::LongMonthName,
        DateNames::ShortMonths => Fixed::ShortMonthName,
    })
}

impl<'t> LocalPattern<'t> {
    fn new(pattern: &str, texts: &'t Texts) -> Self {
        let parts = StrftimeItems::new(pattern)
            .parse_to_owned()
            .ok()
            .map(|items| {
                let mut parts = Vec::new();
                for item in items {
                    if let Some(list) = date_names(&item) {
                        parts.push(Part::Name(list));
                    } else if let Some(Part::Chrono(run)) = parts.last_mut() {
                        run.push(item);
                    } else {
                        let mut run = Run::default();
                        run.push(item);
                        parts.push(Part::Chrono(run));
                    }
                }
                parts
            });
        LocalPattern { parts, texts }
    }

    fn format(&self, at: DateTime<Utc>, tz: Tz) -> String {
        let local = displayable(at).with_timezone(&tz);
        let iso = || local.format("%Y-%m-%d %H:%M").to_string();
        let Some(parts) = &self.parts else {
            return iso();
        };
        let mut out = String::new();
        for part in parts {
            let written = match part {
                Part::Chrono(run) => run.write(&local, &mut out),
                Part::Name(list) => {
                    let index = match list {
                        DateNames::Days | DateNames::ShortDays => {
                            local.weekday().num_days_from_monday()
                        }
                        DateNames::Months | DateNames::ShortMonths => local.month0(),
                    };
                    match self.texts.date_names(*list).get(index as usize) {
                        Some(name) => {
                            out.push_str(name);
                            Ok(())
                        }
                        // The catalogue tests hold every list whole; chrono's name otherwise.
                        None => {
                            let item = std::iter::once(chrono_item(*list));
                            write!(out, "{}", local.naive_local().format_with_items(item))
                        }
                    }
                }
            };
            if written.is_err() {
                return iso();
            }
        }
        out
    }
}

/// Formats with a pattern from the catalogue (see `LocalPattern`).
fn format_local(at: DateTime<Utc>, tz: Tz, pattern: &str, texts: &Texts) -> String {
    LocalPattern::new(pattern, texts).format(at, tz)
}

/// Whether `a` and `b` fall on the same calendar day in `tz`.
pub fn is_same_local_day(a: DateTime<Utc>, b: DateTime<Utc>, tz: Tz) -> bool {
    let day = |at: DateTime<Utc>| displayable(at).with_timezone(&tz).date_naive();
    day(a) == day(b)
}

/// A local wall-clock time as an instant, for tests that think in office hours.
#[cfg(test)]
pub(crate) fn local(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    use chrono::TimeZone;
    tz.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("test times exist and are unambiguous")
        .with_timezone(&Utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    use crate::domain::time_zone::zones::{amsterdam, budapest, kiritimati, new_york};
    use crate::i18n::{Language, Texts};

    thread_local! {
        static EN: Texts = Texts::new(Language::English);
    }

    fn countdown(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
        EN.with(|en| super::countdown(due, now, en))
    }

    fn age(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
        EN.with(|en| super::age(since, now, en))
    }

    fn friendly(at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> String {
        EN.with(|en| super::friendly(at, now, tz, en))
    }

    fn local_datetime(at: DateTime<Utc>, tz: Tz) -> String {
        EN.with(|en| super::local_datetime(at, tz, en))
    }

    fn local_date(at: DateTime<Utc>, tz: Tz) -> String {
        EN.with(|en| super::local_date(at, tz, en))
    }

    /// Monday 2026-11-23 10:00 in Amsterdam.
    fn now() -> DateTime<Utc> {
        local(amsterdam(), 2026, 11, 23, 10, 0)
    }

    fn mins(m: i64) -> TimeDelta {
        TimeDelta::minutes(m)
    }

    /// A report that reads only the words of time says every date and countdown as the
    /// whole catalogue says it, in every language.
    #[test]
    fn the_words_of_time_alone_say_what_the_whole_catalogue_says() {
        let now = now();
        for language in Language::ALL {
            let (all, time) = (Texts::new(language), Texts::time_words(language));
            let dates = FriendlyDates::new(now, amsterdam(), &time);
            for m in [
                -90_000, -3_000, -1_500, -600, -61, -5, 0, 5, 90, 1_500, 3_000, 90_000,
            ] {
                let at = now + mins(m);
                assert_eq!(
                    super::countdown(at, now, &time),
                    super::countdown(at, now, &all)
                );
                assert_eq!(
                    dates.format(at),
                    super::friendly(at, now, amsterdam(), &all)
                );
            }
        }
    }

    #[test]
    fn countdown_ahead() {
        let now = now();
        assert_eq!(countdown(now + mins(23), now), "in 23m");
        assert_eq!(countdown(now + mins(72), now), "in 1h12m");
        assert_eq!(countdown(now + mins(65), now), "in 1h5m");
        assert_eq!(countdown(now + mins(120), now), "in 2h");
        assert_eq!(countdown(now + mins(24 * 60), now), "in 1d");
        assert_eq!(countdown(now + mins((2 * 24 + 4) * 60), now), "in 2d 4h");
        assert_eq!(
            countdown(now + mins((2 * 24 + 4) * 60 + 59), now),
            "in 2d 4h"
        );
    }

    #[test]
    fn countdown_overdue() {
        let now = now();
        assert_eq!(countdown(now - mins(5), now), "overdue 5m");
        assert_eq!(countdown(now - mins(72), now), "overdue 1h12m");
        assert_eq!(
            countdown(now - mins((3 * 24 + 2) * 60), now),
            "overdue 3d 2h"
        );
    }

    #[test]
    fn countdown_rounds_minutes_down() {
        let now = now();
        assert_eq!(countdown(now, now), "due now");
        assert_eq!(countdown(now + TimeDelta::seconds(59), now), "due now");
        assert_eq!(countdown(now - TimeDelta::seconds(59), now), "due now");
        assert_eq!(countdown(now + TimeDelta::seconds(60), now), "in 1m");
        assert_eq!(countdown(now + TimeDelta::seconds(119), now), "in 1m");
        assert_eq!(countdown(now - TimeDelta::seconds(61), now), "overdue 1m");
        assert_eq!(
            countdown(now + TimeDelta::milliseconds(59_999), now),
            "due now"
        );
    }

    #[test]
    fn age_thresholds() {
        let now = now();
        let ago = |m: i64| age(now - mins(m), now);
        let day = 24 * 60;
        assert_eq!(ago(0), "now");
        assert_eq!(age(now - TimeDelta::seconds(59), now), "now");
        assert_eq!(ago(5), "5m");
        assert_eq!(ago(59), "59m");
        assert_eq!(ago(60), "1h");
        assert_eq!(ago(3 * 60 + 59), "3h");
        assert_eq!(ago(day - 1), "23h");
        assert_eq!(ago(day), "1d");
        assert_eq!(ago(4 * day), "4d");
        assert_eq!(ago(13 * day + 23 * 60), "13d");
        assert_eq!(ago(14 * day), "2w");
        assert_eq!(ago(42 * day), "6w");
        assert_eq!(ago(60 * day), "8w");
        assert_eq!(ago(61 * day), "2mo");
        assert_eq!(ago(240 * day), "8mo");
        assert_eq!(ago(364 * day), "12mo");
        assert_eq!(ago(365 * day), "1y");
        assert_eq!(ago(2 * 365 * day + 100 * day), "2y");
    }

    #[test]
    fn age_of_a_future_stamp_is_now() {
        let now = now();
        assert_eq!(age(now + mins(3), now), "now");
    }

    #[test]
    fn local_formats() {
        let now = now();
        assert_eq!(local_datetime(now, amsterdam()), "2026-11-23 10:00");
        assert_eq!(local_time(now, amsterdam()), "10:00");
        assert_eq!(local_date(now, amsterdam()), "2026-11-23");
        assert_eq!(local_datetime(now, Tz::UTC), "2026-11-23 09:00");

        let late = local(Tz::UTC, 2026, 11, 23, 23, 30);
        assert_eq!(local_datetime(late, budapest()), "2026-11-24 00:30");
        assert_eq!(local_date(late, budapest()), "2026-11-24");
        assert_eq!(local_date(late, Tz::UTC), "2026-11-23");

        let summer = local(Tz::UTC, 2026, 7, 1, 12, 0);
        assert_eq!(local_time(summer, amsterdam()), "14:00");
    }

    #[test]
    fn local_formats_across_the_spring_forward_gap() {
        let before = local(Tz::UTC, 2026, 3, 29, 0, 59);
        assert_eq!(local_time(before, amsterdam()), "01:59");
        assert_eq!(local_time(before + mins(1), amsterdam()), "03:00");
    }

    #[test]
    fn friendly_ahead() {
        let now = now();
        let f = |at| friendly(at, now, amsterdam());
        assert_eq!(f(local(amsterdam(), 2026, 11, 23, 15, 0)), "today 15:00");
        assert_eq!(f(local(amsterdam(), 2026, 11, 24, 9, 0)), "tomorrow 09:00");
        assert_eq!(
            f(local(amsterdam(), 2026, 11, 25, 9, 0)),
            "Wed 25 Nov 09:00"
        );
        assert_eq!(
            f(local(amsterdam(), 2026, 11, 27, 14, 0)),
            "Fri 27 Nov 14:00"
        );
        assert_eq!(
            f(local(amsterdam(), 2026, 11, 29, 23, 59)),
            "Sun 29 Nov 23:59"
        );
        assert_eq!(
            f(local(amsterdam(), 2026, 11, 30, 9, 0)),
            "2026-11-30 09:00"
        );
        assert_eq!(
            f(local(amsterdam(), 2026, 12, 1, 10, 0)),
            "2026-12-01 10:00"
        );
    }

    #[test]
    fn friendly_behind() {
        let now = now();
        let f = |at| friendly(at, now, amsterdam());
        assert_eq!(f(local(amsterdam(), 2026, 11, 23, 8, 0)), "today 08:00");
        assert_eq!(
            f(local(amsterdam(), 2026, 11, 22, 10, 12)),
            "yesterday 10:12"
        );
        assert_eq!(
            f(local(amsterdam(), 2026, 11, 20, 16, 45)),
            "Fri 20 Nov 16:45"
        );
        assert_eq!(
            f(local(amsterdam(), 2026, 11, 17, 10, 12)),
            "Tue 17 Nov 10:12"
        );
        assert_eq!(
            f(local(amsterdam(), 2026, 11, 16, 10, 12)),
            "2026-11-16 10:12"
        );
    }

    #[test]
    fn friendly_counts_calendar_days_not_hours() {
        let late = local(amsterdam(), 2026, 11, 23, 23, 50);
        let after_midnight = local(amsterdam(), 2026, 11, 24, 0, 10);
        assert_eq!(
            friendly(after_midnight, late, amsterdam()),
            "tomorrow 00:10"
        );
        assert_eq!(
            friendly(late, after_midnight, amsterdam()),
            "yesterday 23:50"
        );
    }

    #[test]
    fn friendly_uses_the_agents_time_zone() {
        let now = now();
        let at = local(Tz::UTC, 2026, 11, 23, 23, 30);
        assert_eq!(friendly(at, now, budapest()), "tomorrow 00:30");
        assert_eq!(friendly(at, now, Tz::UTC), "today 23:30");
    }

    #[test]
    fn friendly_friday_evening_and_new_year() {
        let friday_evening = local(amsterdam(), 2026, 11, 27, 18, 30);
        let monday = local(amsterdam(), 2026, 11, 30, 9, 0);
        assert_eq!(
            friendly(monday, friday_evening, amsterdam()),
            "Mon 30 Nov 09:00"
        );

        let dec30 = local(amsterdam(), 2026, 12, 30, 12, 0);
        let jan2 = local(amsterdam(), 2027, 1, 2, 9, 0);
        assert_eq!(friendly(jan2, dec30, amsterdam()), "Sat 2 Jan 09:00");
    }

    #[test]
    fn friendly_on_the_dst_night() {
        let saturday_evening = local(amsterdam(), 2026, 3, 28, 22, 0);
        let at = local(Tz::UTC, 2026, 3, 29, 1, 0);
        assert_eq!(
            friendly(at, saturday_evening, amsterdam()),
            "tomorrow 03:00"
        );
    }

    /// Found by tests/hostile.rs: a config with an SLA target beyond the calendar's century
    /// makes the clock due at `MAX_UTC`, and the ticket pane panicked showing it.
    #[test]
    fn the_ends_of_time_show_without_a_panic() {
        let now = now();
        for tz in [amsterdam(), new_york(), kiritimati(), Tz::UTC] {
            for at in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
                assert!(!friendly(at, now, tz).is_empty());
                assert!(!friendly(now, at, tz).is_empty());
                assert!(!local_datetime(at, tz).is_empty());
                assert!(!local_time(at, tz).is_empty());
                assert!(!local_date(at, tz).is_empty());
                assert!(is_same_local_day(at, at, tz));
            }
        }
        assert_eq!(
            friendly(DateTime::<Utc>::MAX_UTC, now, Tz::UTC),
            "+262142-12-30 23:59"
        );
    }

    #[test]
    fn same_local_day_depends_on_the_zone() {
        let morning = local(Tz::UTC, 2026, 11, 23, 9, 0);
        let late = local(Tz::UTC, 2026, 11, 23, 23, 30);
        let next_morning = local(Tz::UTC, 2026, 11, 24, 10, 0);
        assert!(is_same_local_day(morning, late, Tz::UTC));
        assert!(!is_same_local_day(morning, late, budapest()));
        assert!(is_same_local_day(late, next_morning, budapest()));
        assert!(!is_same_local_day(late, next_morning, Tz::UTC));
        assert!(is_same_local_day(now(), now(), amsterdam()));
    }

    #[test]
    fn dutch_and_hungarian_words_and_dates() {
        let now = now();
        let nl = Texts::new(Language::Dutch);
        let hu = Texts::new(Language::Hungarian);
        let wednesday = local(amsterdam(), 2026, 11, 25, 9, 0);
        let far = local(amsterdam(), 2026, 12, 1, 10, 0);
        assert_eq!(super::countdown(now + mins(72), now, &nl), "over 1u12m");
        assert_eq!(super::countdown(now - mins(5), now, &nl), "5m te laat");
        assert_eq!(
            super::friendly(now + mins(60 * 24), now, amsterdam(), &nl),
            "morgen 10:00"
        );
        assert_eq!(
            super::friendly(wednesday, now, amsterdam(), &nl),
            "wo 25 nov 09:00"
        );
        assert_eq!(
            super::friendly(far, now, amsterdam(), &nl),
            "01-12-2026 10:00"
        );
        assert_eq!(super::countdown(now + mins(72), now, &hu), "1ó12p múlva");
        assert_eq!(
            super::friendly(now + mins(60 * 24), now, amsterdam(), &hu),
            "holnap 10:00"
        );
        assert_eq!(
            super::friendly(far, now, amsterdam(), &hu),
            "2026. 12. 01. 10:00"
        );
        assert_eq!(super::age(now - mins(90), now, &hu), "1ó");
    }

    /// Each day of a week and each month of a year by its name, long and short, from the
    /// language's lists: Monday 23 November 2026 starts the week.
    #[test]
    fn days_and_months_are_named_in_the_language() {
        let hu = Texts::new(Language::Hungarian);
        let pattern = LocalPattern::new("%A %a %B %b", &hu);
        let days: Vec<String> = (0..7)
            .map(|d| pattern.format(local(Tz::UTC, 2026, 11, 23 + d, 12, 0), Tz::UTC))
            .collect();
        assert_eq!(days[0], "hétfő h november nov");
        assert_eq!(days[3], "csütörtök cs november nov");
        assert_eq!(days[6], "vasárnap v november nov");
        let months: Vec<String> = (1..=12)
            .map(|m| pattern.format(local(Tz::UTC, 2026, m, 15, 12, 0), Tz::UTC))
            .map(|shown| shown.split(' ').skip(2).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            months,
            [
                "január jan",
                "február febr",
                "március márc",
                "április ápr",
                "május máj",
                "június jún",
                "július júl",
                "augusztus aug",
                "szeptember szept",
                "október okt",
                "november nov",
                "december dec"
            ]
        );
    }

    /// A pattern that shows the offset shows the zone's at that instant.
    #[test]
    fn a_pattern_with_the_offset_shows_it() {
        let en = Texts::new(Language::English);
        let pattern = LocalPattern::new("%a %-d %b %H:%M %z", &en);
        let summer = local(amsterdam(), 2026, 7, 15, 9, 0);
        let winter = local(amsterdam(), 2026, 1, 15, 9, 0);
        assert_eq!(
            pattern.format(summer, amsterdam()),
            "Wed 15 Jul 09:00 +0200"
        );
        assert_eq!(
            pattern.format(winter, amsterdam()),
            "Thu 15 Jan 09:00 +0100"
        );
    }
}
