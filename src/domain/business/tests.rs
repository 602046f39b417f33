use super::*;

use crate::domain::time_zone::zones::{amsterdam, budapest};
use crate::domain::when::local;

mod properties;

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("test times are valid")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test dates are valid")
}

fn hm(h: i64, m: i64) -> TimeDelta {
    TimeDelta::hours(h) + TimeDelta::minutes(m)
}

fn ams(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    local(amsterdam(), y, mo, d, h, mi)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    local(Tz::UTC, y, mo, d, h, mi)
}

fn shown(at: DateTime<Utc>) -> String {
    at.with_timezone(&amsterdam())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn calendar(
    tz: Tz,
    days: &[Weekday],
    intervals: &[(NaiveTime, NaiveTime)],
    holidays: &[NaiveDate],
) -> Calendar {
    let mut hours: [Vec<(NaiveTime, NaiveTime)>; 7] = Default::default();
    for day in days {
        hours[day.num_days_from_monday() as usize] = intervals.to_vec();
    }
    Calendar::new(tz, hours, holidays.iter().copied()).expect("test calendars are valid")
}

const WEEKDAYS: &[Weekday] = &[
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

fn every_day(tz: Tz, intervals: &[(NaiveTime, NaiveTime)]) -> Calendar {
    calendar(tz, &WEEK, intervals, &[])
}

fn lunch_break(tz: Tz) -> Calendar {
    calendar(
        tz,
        WEEKDAYS,
        &[(time(8, 30), time(12, 0)), (time(13, 0), time(17, 0))],
        &[],
    )
}

fn christmas() -> Calendar {
    calendar(
        amsterdam(),
        WEEKDAYS,
        &[(time(8, 30), time(17, 0))],
        &[date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1)],
    )
}

#[test]
fn the_test_dates_fall_on_the_expected_weekdays() {
    assert_eq!(date(2026, 11, 23).weekday(), Weekday::Mon);
    assert_eq!(date(2026, 11, 27).weekday(), Weekday::Fri);
    assert_eq!(date(2026, 12, 24).weekday(), Weekday::Thu);
    assert_eq!(date(2026, 3, 29).weekday(), Weekday::Sun);
    assert_eq!(date(2026, 10, 25).weekday(), Weekday::Sun);
}

#[test]
fn friday_afternoon_plus_two_business_hours_is_monday_morning() {
    let cal = Calendar::standard(amsterdam());
    let friday = ams(2026, 11, 27, 16, 0);
    let due = cal.add(friday, hm(2, 0));
    assert_eq!(shown(due), "2026-11-30 09:30");
    assert_eq!(cal.between(friday, due), hm(2, 0));
}

#[test]
fn opening_hours_are_half_open() {
    let cal = Calendar::standard(amsterdam());
    assert!(!cal.is_open(ams(2026, 11, 23, 8, 29)));
    assert!(cal.is_open(ams(2026, 11, 23, 8, 30)));
    assert!(cal.is_open(ams(2026, 11, 23, 16, 59)));
    assert!(!cal.is_open(ams(2026, 11, 23, 17, 0)));
    assert!(!cal.is_open(ams(2026, 11, 28, 10, 0)));
}

#[test]
fn next_opening() {
    let cal = Calendar::standard(amsterdam());
    let open = |at| shown(cal.next_opening(at));
    assert_eq!(open(ams(2026, 11, 23, 7, 0)), "2026-11-23 08:30");
    assert_eq!(open(ams(2026, 11, 23, 10, 0)), "2026-11-23 10:00");
    assert_eq!(open(ams(2026, 11, 27, 17, 0)), "2026-11-30 08:30");
    assert_eq!(open(ams(2026, 11, 28, 12, 0)), "2026-11-30 08:30");
}

#[test]
fn a_sum_that_ends_at_closing_time_stays_on_that_day() {
    let cal = Calendar::standard(amsterdam());
    let friday = ams(2026, 11, 27, 16, 0);
    assert_eq!(shown(cal.add(friday, hm(1, 0))), "2026-11-27 17:00");
    let evening = ams(2026, 11, 27, 18, 0);
    assert_eq!(
        shown(cal.add(evening, TimeDelta::zero())),
        "2026-11-30 08:30"
    );
    assert_eq!(shown(cal.add(evening, hm(-3, 0))), "2026-11-30 08:30");
    assert_eq!(shown(cal.add(evening, hm(8, 30))), "2026-11-30 17:00");
}

#[test]
fn holidays_are_skipped() {
    let cal = christmas();
    let christmas_eve = ams(2026, 12, 24, 16, 0);
    assert_eq!(shown(cal.add(christmas_eve, hm(2, 0))), "2026-12-28 09:30");
    assert!(!cal.is_open(ams(2026, 12, 25, 10, 0)));
    assert!(!cal.is_working_day(date(2026, 12, 25)));
    assert!(cal.is_working_day(date(2026, 12, 24)));
    // Two weeks of weekdays, less Christmas Day and New Year's Day.
    let from = ams(2026, 12, 21, 0, 0);
    let to = ams(2027, 1, 4, 0, 0);
    assert_eq!(cal.between(from, to), hm(8 * 17 / 2, 0));
}

#[test]
fn lunch_breaks_are_not_business_time() {
    let cal = lunch_break(amsterdam());
    assert_eq!(
        shown(cal.add(ams(2026, 11, 23, 11, 0), hm(2, 0))),
        "2026-11-23 14:00"
    );
    assert_eq!(
        shown(cal.add(ams(2026, 11, 23, 11, 30), hm(0, 30))),
        "2026-11-23 12:00"
    );
    assert!(!cal.is_open(ams(2026, 11, 23, 12, 15)));
    assert_eq!(
        shown(cal.next_opening(ams(2026, 11, 23, 12, 15))),
        "2026-11-23 13:00"
    );
    assert_eq!(
        cal.between(ams(2026, 11, 23, 11, 0), ams(2026, 11, 23, 14, 0)),
        hm(2, 0)
    );
    assert_eq!(
        cal.between(ams(2026, 11, 23, 0, 0), ams(2026, 11, 24, 0, 0)),
        hm(7, 30)
    );
}

#[test]
fn office_hours_keep_their_wall_clock_times_through_dst_weeks() {
    for tz in [amsterdam(), budapest()] {
        let cal = Calendar::standard(tz);
        let week = |from: (u32, u32), to: (u32, u32)| {
            cal.between(
                local(tz, 2026, from.0, from.1, 8, 30),
                local(tz, 2026, to.0, to.1, 8, 30),
            )
        };
        assert_eq!(week((3, 23), (3, 30)), hm(42, 30), "{tz}: spring");
        assert_eq!(week((10, 19), (10, 26)), hm(42, 30), "{tz}: autumn");
        // A week of real time across the change is an hour off the wall clock.
        let monday = local(tz, 2026, 3, 23, 8, 30);
        assert_eq!(
            cal.between(monday, monday + TimeDelta::days(7)),
            hm(43, 30),
            "{tz}"
        );
        // Monday 09:30 is 08:30 UTC in winter time and 07:30 in summer time.
        let spring = cal.add(local(tz, 2026, 3, 27, 16, 0), hm(2, 0));
        assert_eq!(spring, utc(2026, 3, 30, 7, 30), "{tz}");
        let autumn = cal.add(local(tz, 2026, 10, 23, 16, 0), hm(2, 0));
        assert_eq!(autumn, utc(2026, 10, 26, 8, 30), "{tz}");
    }
}

#[test]
fn a_desk_open_around_the_clock_counts_real_hours() {
    let cal = every_day(amsterdam(), &[(NaiveTime::MIN, NaiveTime::MIN)]);
    let weekend = |m, d| cal.between(ams(2026, m, d, 0, 0), ams(2026, m, d + 2, 0, 0));
    assert_eq!(weekend(3, 28), hm(47, 0));
    assert_eq!(weekend(10, 24), hm(49, 0));
    let saturday_night = ams(2026, 3, 28, 22, 0);
    assert_eq!(shown(cal.add(saturday_night, hm(5, 0))), "2026-03-29 04:00");
    // Both passes through the repeated hour are open.
    assert!(cal.is_open(utc(2026, 10, 25, 0, 30)));
    assert!(cal.is_open(utc(2026, 10, 25, 1, 30)));
    assert!(cal.is_open(ams(2026, 11, 23, 0, 0)));
}

#[test]
fn a_night_shift_shrinks_and_grows_with_the_clock_change() {
    for tz in [amsterdam(), budapest()] {
        let cal = every_day(tz, &[(time(1, 0), time(4, 0))]);
        let sunday = |m, d| cal.between(local(tz, 2026, m, d, 0, 0), local(tz, 2026, m, d, 12, 0));
        assert_eq!(sunday(3, 29), hm(2, 0), "{tz}");
        assert_eq!(sunday(10, 25), hm(4, 0), "{tz}");
        assert_eq!(sunday(11, 1), hm(3, 0), "{tz}");
    }
}

#[test]
fn an_interval_that_starts_inside_the_gap_opens_when_the_clocks_jump() {
    let cal = every_day(amsterdam(), &[(time(2, 30), time(5, 0))]);
    let saturday = ams(2026, 3, 28, 22, 0);
    assert_eq!(cal.next_opening(saturday), utc(2026, 3, 29, 1, 0));
    assert_eq!(shown(cal.next_opening(saturday)), "2026-03-29 03:00");
    assert_eq!(cal.opening(date(2026, 3, 29)), Some(utc(2026, 3, 29, 1, 0)));
    let day = |m, d| cal.between(ams(2026, m, d, 0, 0), ams(2026, m, d, 12, 0));
    assert_eq!(day(3, 29), hm(2, 0));
    // Opens at the first 02:30 and stays open through the second.
    assert_eq!(day(10, 25), hm(3, 30));
    assert!(cal.is_open(utc(2026, 10, 25, 1, 15)));
}

#[test]
fn an_interval_that_ends_in_the_repeated_hour_closes_at_its_second_pass() {
    let cal = every_day(budapest(), &[(NaiveTime::MIN, time(2, 30))]);
    let day = cal.between(
        local(budapest(), 2026, 10, 25, 0, 0),
        local(budapest(), 2026, 10, 25, 12, 0),
    );
    assert_eq!(day, hm(3, 30));
    assert!(cal.is_open(utc(2026, 10, 25, 1, 29)));
    assert!(!cal.is_open(utc(2026, 10, 25, 1, 30)));
}

#[test]
fn hours_inside_the_gap_do_not_exist_that_day() {
    let cal = every_day(budapest(), &[(time(2, 15), time(2, 45))]);
    assert!(!cal.is_working_day(date(2026, 3, 29)));
    assert!(cal.is_working_day(date(2026, 3, 28)));
    assert!(cal.is_working_day(date(2026, 10, 25)));
    let saturday = local(budapest(), 2026, 3, 28, 12, 0);
    assert_eq!(
        cal.next_opening(saturday),
        local(budapest(), 2026, 3, 30, 2, 15)
    );
    // The repeated half hour is worked twice.
    let sunday = local(budapest(), 2026, 10, 25, 0, 0);
    assert_eq!(cal.between(sunday, sunday + TimeDelta::days(1)), hm(1, 30));
}

#[test]
fn intervals_overlapping_in_the_repeated_hour_are_counted_once() {
    let cal = every_day(
        amsterdam(),
        &[(time(1, 0), time(2, 30)), (time(2, 40), time(5, 0))],
    );
    let day = |m, d| cal.between(ams(2026, m, d, 0, 0), ams(2026, m, d, 12, 0));
    assert_eq!(day(11, 1), hm(3, 50));
    // 01:00 summer time (23:00 UTC) to 05:00 winter time (04:00 UTC).
    assert_eq!(day(10, 25), hm(5, 0));
    assert!(cal.is_open(utc(2026, 10, 25, 0, 35)));
}

#[test]
fn working_days_keep_the_point_in_the_day() {
    let cal = Calendar::standard(amsterdam());
    let wd = |at, n| shown(cal.add_working_days(at, n));
    assert_eq!(wd(ams(2026, 11, 27, 16, 0), 1), "2026-11-30 16:00");
    assert_eq!(wd(ams(2026, 11, 26, 10, 0), 2), "2026-11-30 10:00");
    assert_eq!(wd(ams(2026, 11, 23, 10, 0), 10), "2026-12-07 10:00");
    assert_eq!(wd(ams(2026, 11, 30, 8, 31), 1), "2026-12-01 08:31");
    assert_eq!(wd(ams(2026, 11, 28, 11, 0), 0), "2026-11-30 08:30");
    assert_eq!(wd(ams(2026, 11, 30, 10, 0), 0), "2026-11-30 10:00");
}

#[test]
fn outside_hours_a_working_day_runs_to_a_close() {
    let cal = Calendar::standard(amsterdam());
    let wd = |at| shown(cal.add_working_days(at, 1));
    assert_eq!(wd(ams(2026, 11, 27, 17, 0)), "2026-11-30 17:00");
    assert_eq!(wd(ams(2026, 11, 27, 18, 0)), "2026-11-30 17:00");
    assert_eq!(wd(ams(2026, 11, 28, 11, 0)), "2026-11-30 17:00");
    assert_eq!(wd(ams(2026, 11, 30, 7, 0)), "2026-11-30 17:00");
    assert_eq!(wd(ams(2026, 11, 30, 8, 30)), "2026-11-30 17:00");
}

#[test]
fn working_days_skip_holidays_and_respect_shorter_days() {
    let cal = christmas();
    assert_eq!(
        shown(cal.add_working_days(ams(2026, 12, 24, 10, 0), 1)),
        "2026-12-28 10:00"
    );
    let lunch = lunch_break(amsterdam());
    assert_eq!(
        shown(lunch.add_working_days(ams(2026, 11, 23, 14, 0), 1)),
        "2026-11-24 14:00"
    );
    let mut hours: [Vec<(NaiveTime, NaiveTime)>; 7] = Default::default();
    for day in hours.iter_mut().take(4) {
        day.push((time(8, 30), time(17, 0)));
    }
    hours[4].push((time(8, 30), time(12, 0)));
    let short_friday = Calendar::new(amsterdam(), hours, []).expect("valid");
    let wd = |at| shown(short_friday.add_working_days(at, 1));
    assert_eq!(wd(ams(2026, 11, 26, 16, 0)), "2026-11-27 12:00");
    assert_eq!(wd(ams(2026, 11, 27, 11, 0)), "2026-11-30 11:00");
}

#[test]
fn tomorrow_is_the_next_working_day() {
    let cal = christmas();
    let start = |at| shown(cal.next_working_day_start(at));
    assert_eq!(start(ams(2026, 11, 27, 10, 0)), "2026-11-30 08:30");
    assert_eq!(start(ams(2026, 11, 30, 7, 0)), "2026-12-01 08:30");
    assert_eq!(start(ams(2026, 11, 28, 10, 0)), "2026-11-30 08:30");
    assert_eq!(start(ams(2026, 12, 24, 10, 0)), "2026-12-28 08:30");
    let at = |now, t| cal.next_working_day_at(now, t).map(shown);
    let friday = ams(2026, 11, 27, 15, 0);
    assert_eq!(at(friday, time(9, 0)).as_deref(), Some("2026-11-30 09:00"));
    assert_eq!(at(friday, time(7, 0)).as_deref(), Some("2026-11-30 07:00"));
    assert_eq!(
        cal.next_working_date(date(2026, 12, 24)),
        Some(date(2026, 12, 28))
    );
}

#[test]
fn tomorrow_at_a_time_the_clocks_skip_or_repeat() {
    let cal = every_day(amsterdam(), &[(time(9, 0), time(17, 0))]);
    let saturday = ams(2026, 3, 28, 12, 0);
    assert_eq!(cal.next_working_day_at(saturday, time(2, 30)), None);
    assert_eq!(
        cal.next_working_day_at(saturday, time(3, 0)),
        Some(utc(2026, 3, 29, 1, 0))
    );
    let saturday = ams(2026, 10, 24, 12, 0);
    assert_eq!(
        cal.next_working_day_at(saturday, time(2, 30)),
        Some(utc(2026, 10, 25, 0, 30))
    );
}

#[test]
fn invalid_hours_are_refused() {
    let with_monday = |intervals: Vec<(NaiveTime, NaiveTime)>| {
        let mut hours: [Vec<(NaiveTime, NaiveTime)>; 7] = Default::default();
        hours[0] = intervals;
        Calendar::new(amsterdam(), hours, [])
    };
    let empty = CalendarError::EmptyInterval {
        weekday: Weekday::Mon,
        start: time(9, 0),
        end: time(9, 0),
    };
    assert_eq!(
        with_monday(vec![(time(9, 0), time(9, 0))]),
        Err(empty.clone())
    );
    assert_eq!(
        empty.to_string(),
        "Mon 09:00–09:00 holds no time: the end must come after the start \
         (an end of 00:00 means midnight)"
    );
    assert!(matches!(
        with_monday(vec![(time(17, 0), time(9, 0))]),
        Err(CalendarError::EmptyInterval { .. })
    ));
    let unsorted = with_monday(vec![(time(13, 0), time(17, 0)), (time(8, 0), time(12, 0))]);
    assert_eq!(
        unsorted.map_err(|e| e.to_string()),
        Err("Mon hours are out of order: 08:00 is listed after 13:00 — \
             list them from early to late"
            .to_string())
    );
    assert_eq!(
        with_monday(vec![(time(8, 0), time(12, 0)), (time(11, 0), time(17, 0))]),
        Err(CalendarError::Overlapping {
            weekday: Weekday::Mon,
            start: time(11, 0),
            previous_end: time(12, 0)
        })
    );
    assert!(matches!(
        with_monday(vec![
            (time(8, 0), NaiveTime::MIN),
            (time(20, 0), time(22, 0))
        ]),
        Err(CalendarError::Overlapping { .. })
    ));
    assert_eq!(
        Calendar::new(amsterdam(), Default::default(), [date(2026, 1, 1)]),
        Err(CalendarError::NoWorkingDay)
    );
    assert!(with_monday(vec![(time(8, 0), time(12, 0)), (time(12, 0), time(17, 0))]).is_ok());
    assert!(with_monday(vec![(time(22, 0), NaiveTime::MIN)]).is_ok());
}

#[test]
fn touching_intervals_are_one_stretch_of_business_time() {
    let cal = every_day(
        amsterdam(),
        &[(time(8, 0), time(12, 0)), (time(12, 0), time(17, 0))],
    );
    assert!(cal.is_open(ams(2026, 11, 23, 12, 0)));
    assert_eq!(
        shown(cal.add(ams(2026, 11, 23, 11, 0), hm(2, 0))),
        "2026-11-23 13:00"
    );
}

#[test]
fn standard_day_and_usual_opening() {
    assert_eq!(Calendar::standard(amsterdam()).standard_day(), hm(8, 30));
    assert_eq!(Calendar::standard(amsterdam()).usual_opening(), time(8, 30));
    assert_eq!(lunch_break(budapest()).standard_day(), hm(7, 30));
    let mut hours: [Vec<(NaiveTime, NaiveTime)>; 7] = Default::default();
    hours[0].push((time(9, 0), time(17, 0)));
    hours[1].push((time(9, 0), time(15, 0)));
    hours[2].push((time(10, 0), time(12, 0)));
    hours[2].push((time(13, 0), time(19, 0)));
    let uneven = Calendar::new(amsterdam(), hours.clone(), []).expect("valid");
    assert_eq!(uneven.standard_day(), hm(8, 0));
    hours[0].clear();
    let tie = Calendar::new(amsterdam(), hours, []).expect("valid");
    assert_eq!(tie.standard_day(), hm(8, 0));
    assert_eq!(tie.usual_opening(), time(9, 0));
    assert_eq!(tie.tz(), amsterdam());
}

#[test]
fn absurd_spans_saturate_instead_of_walking_forever() {
    let cal = Calendar::standard(amsterdam());
    let now = ams(2026, 11, 23, 10, 0);
    let never = DateTime::<Utc>::MAX_UTC;
    assert_eq!(cal.add(now, TimeDelta::days(200 * 365)), never);
    assert_eq!(cal.add(now, TimeDelta::MAX), never);
    assert_eq!(cal.add_working_days(now, u32::MAX), never);
    assert_eq!(cal.add_working_days(now, 200 * 365), never);
    let wednesdays = calendar(
        amsterdam(),
        &[Weekday::Wed],
        &[(time(9, 0), time(17, 0))],
        &[],
    );
    assert_eq!(wednesdays.add_working_days(now, 36_000), never);
    // From Monday, the last working day is the Wednesday before, at its close.
    assert_eq!(
        shown(wednesdays.add_working_days(now, 5_000)),
        "2122-09-16 17:00"
    );
    assert_eq!(cal.next_opening(never), never);
}

#[test]
fn the_ends_of_time_do_not_panic() {
    use crate::domain::time_zone::zones::{kiritimati, new_york};
    let ends = [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC];
    for tz in [new_york(), kiritimati(), amsterdam()] {
        let cal = Calendar::standard(tz);
        for at in ends {
            let _ = cal.is_open(at);
            let _ = cal.next_opening(at);
            let _ = cal.add(at, hm(4, 0));
            let _ = cal.add_working_days(at, 3);
            let _ = cal.next_working_day_start(at);
            let _ = cal.next_working_day_at(at, time(9, 0));
            let _ = cal.between(
                at,
                at + (DateTime::<Utc>::MAX_UTC - at).min(TimeDelta::days(30)),
            );
            let _ = cal.between(
                at - (at - DateTime::<Utc>::MIN_UTC).min(TimeDelta::days(30)),
                at,
            );
        }
    }
}
