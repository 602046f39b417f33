use proptest::prelude::*;

use super::*;

/// Calendars chosen to stress the edges: plain office hours, holidays, lunch
/// breaks, a desk that never closes, and night hours that the clock changes
/// cut, lengthen, swallow or make overlap.
fn calendars() -> Vec<Calendar> {
    vec![
        Calendar::standard(amsterdam()),
        calendar(
            budapest(),
            WEEKDAYS,
            &[(time(8, 30), time(17, 0))],
            &[date(2026, 3, 30), date(2026, 10, 23), date(2026, 12, 25)],
        ),
        lunch_break(budapest()),
        every_day(amsterdam(), &[(NaiveTime::MIN, NaiveTime::MIN)]),
        every_day(
            amsterdam(),
            &[
                (time(1, 0), time(2, 30)),
                (time(2, 40), time(5, 0)),
                (time(22, 0), NaiveTime::MIN),
            ],
        ),
        every_day(
            budapest(),
            &[(time(2, 15), time(2, 45)), (time(9, 0), time(10, 0))],
        ),
        calendar(
            amsterdam(),
            &[Weekday::Wed, Weekday::Sun],
            &[(time(2, 0), time(3, 0)), (time(12, 0), time(13, 0))],
            &[],
        ),
    ]
}

/// Calendars whose working days all hold the same business time, so that a
/// working day is a fixed amount of it.
fn even_calendars() -> Vec<Calendar> {
    calendars().into_iter().take(3).collect()
}

/// 2026 and a bit, with extra weight on the two clock-change weekends, in
/// whole minutes half the time so that opening and closing times get hit.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let year = utc(2026, 1, 1, 0, 0).timestamp()..utc(2027, 2, 1, 0, 0).timestamp();
    let spring = utc(2026, 3, 26, 0, 0).timestamp()..utc(2026, 4, 1, 0, 0).timestamp();
    let autumn = utc(2026, 10, 22, 0, 0).timestamp()..utc(2026, 10, 28, 0, 0).timestamp();
    (prop_oneof![year, spring, autumn], any::<bool>()).prop_map(|(seconds, whole_minute)| {
        let seconds = if whole_minute {
            seconds - seconds % 60
        } else {
            seconds
        };
        DateTime::from_timestamp(seconds, 0).unwrap_or_default()
    })
}

fn business() -> impl Strategy<Value = TimeDelta> {
    prop_oneof![0..=600i64, 0..=40 * 60i64, 0..=400 * 60i64].prop_map(TimeDelta::minutes)
}

fn any_calendar() -> impl Strategy<Value = Calendar> {
    prop::sample::select(calendars())
}

fn is_open_or_a_close(cal: &Calendar, at: DateTime<Utc>) -> bool {
    cal.is_open(at) || cal.is_open(at - TimeDelta::nanoseconds(1))
}

proptest! {
    #[test]
    fn between_undoes_add(cal in any_calendar(), start in instant(), d in business()) {
        prop_assert_eq!(cal.between(start, cal.add(start, d)), d);
    }

    #[test]
    fn add_is_monotonic(cal in any_calendar(), start in instant(), a in business(), b in business()) {
        let (short, long) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(cal.add(start, short) <= cal.add(start, long));
        prop_assert!(cal.add(start, long) >= start);
    }

    #[test]
    fn add_continues_where_it_stopped(
        cal in any_calendar(), start in instant(), a in business(), b in 1..=3000i64,
    ) {
        let b = TimeDelta::minutes(b);
        prop_assert_eq!(cal.add(cal.add(start, a), b), cal.add(start, a + b));
    }

    #[test]
    fn between_is_additive(cal in any_calendar(), a in instant(), b in instant(), c in instant()) {
        let mut points = [a, b, c];
        points.sort();
        let [a, b, c] = points;
        prop_assert_eq!(cal.between(a, c), cal.between(a, b) + cal.between(b, c));
        prop_assert!(cal.between(a, c) <= c - a);
        prop_assert_eq!(cal.between(c, a), TimeDelta::zero());
    }

    #[test]
    fn add_lands_on_business_time_or_a_closing_time(
        cal in any_calendar(), start in instant(), d in business(),
    ) {
        let due = cal.add(start, d);
        prop_assert!(is_open_or_a_close(&cal, due), "{}", due);
        if d.is_zero() {
            prop_assert!(cal.is_open(due));
        }
    }

    #[test]
    fn next_opening_is_the_first_open_instant(cal in any_calendar(), at in instant()) {
        let open = cal.next_opening(at);
        prop_assert!(open >= at);
        prop_assert!(cal.is_open(open));
        prop_assert_eq!(cal.between(at, open), TimeDelta::zero());
        prop_assert_eq!(cal.is_open(at), open == at);
    }

    #[test]
    fn working_days_move_forward(cal in any_calendar(), start in instant(), n in 0..15u32) {
        let due = cal.add_working_days(start, n);
        let later = cal.add_working_days(start, n + 1);
        prop_assert!(due <= later);
        prop_assert!(later > start);
        prop_assert!(is_open_or_a_close(&cal, due));
        prop_assert!(cal.is_working_day(
            later.with_timezone(&cal.tz()).date_naive()
        ) || !cal.is_open(later));
    }

    #[test]
    fn a_working_day_is_a_standard_day_of_business_time(
        cal in prop::sample::select(even_calendars()), start in instant(), n in 1..15u32,
    ) {
        let due = cal.add_working_days(start, n);
        let day = cal.standard_day();
        prop_assert_eq!(cal.between(start, due), day * i32::try_from(n).unwrap_or_default());
    }

    #[test]
    fn tomorrow_is_a_later_working_day(cal in any_calendar(), at in instant()) {
        let start = cal.next_working_day_start(at);
        let tz = cal.tz();
        let today = at.with_timezone(&tz).date_naive();
        let day = start.with_timezone(&tz).date_naive();
        prop_assert!(day > today);
        prop_assert!(cal.is_open(start));
        prop_assert_eq!(cal.opening(day), Some(start));
        prop_assert_eq!(cal.next_working_date(today), Some(day));
    }
}
