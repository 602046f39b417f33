use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::Status::{Closed, New, Open, Resolved, WaitingCaller, WaitingThirdParty};
use crate::domain::time_zone::Tz;
use crate::domain::time_zone::zones::{amsterdam, budapest};
use crate::domain::when::local;

fn ams(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    local(amsterdam(), y, mo, d, h, mi)
}

/// Monday 2026-11-23 at `h:mi` in Amsterdam.
fn mon(h: u32, mi: u32) -> DateTime<Utc> {
    ams(2026, 11, 23, h, mi)
}

fn tue(h: u32, mi: u32) -> DateTime<Utc> {
    ams(2026, 11, 24, h, mi)
}

fn wed(h: u32, mi: u32) -> DateTime<Utc> {
    ams(2026, 11, 25, h, mi)
}

fn hm(h: i64, m: i64) -> TimeDelta {
    TimeDelta::hours(h) + TimeDelta::minutes(m)
}

fn shown(at: DateTime<Utc>) -> String {
    at.with_timezone(&amsterdam())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn office() -> Calendar {
    Calendar::standard(amsterdam())
}

fn history(steps: &[(DateTime<Utc>, Status)]) -> Vec<StatusChange> {
    steps
        .iter()
        .map(|&(at, status)| StatusChange { at, status })
        .collect()
}

const EIGHT_HOURS: Span = Span::BusinessMinutes(8 * 60);

/// A ticket opened Monday 09:00 with resolution target 8h, seen at `now`.
fn eight_hours(steps: &[(DateTime<Utc>, Status)], now: DateTime<Utc>) -> Clock {
    let mut changes = history(&[(mon(9, 0), New)]);
    changes.extend(history(steps));
    resolution_clock(mon(9, 0), &changes, EIGHT_HOURS, &office(), now)
}

#[test]
fn spans_read_and_write_the_same_text() {
    for (text, span) in [
        ("1h", Span::BusinessMinutes(60)),
        ("4h", Span::BusinessMinutes(240)),
        ("8h", Span::BusinessMinutes(480)),
        ("30m", Span::BusinessMinutes(30)),
        ("1h30m", Span::BusinessMinutes(90)),
        ("3d", Span::WorkingDays(3)),
        ("20d", Span::WorkingDays(20)),
    ] {
        assert_eq!(Span::parse(text), Ok(span), "{text}");
        assert_eq!(span.to_string(), text);
        assert_eq!(text.parse::<Span>(), Ok(span));
    }
    assert_eq!(Span::parse(" 4H "), Ok(Span::BusinessMinutes(240)));
    assert_eq!(
        Span::parse("90m").map(|s| s.to_string()),
        Ok("1h30m".into())
    );
}

#[test]
fn spans_that_are_refused() {
    for text in [
        "", "h", "m", "d", "3", "3w", "-1h", "1.5h", "1h1h", "1h30", "h30m", "1d2h",
    ] {
        assert_eq!(
            Span::parse(text),
            Err(format!(
                "`{text}` is not a target — write e.g. 30m, 4h, 1h30m or 3d (working days)"
            )),
            "{text}"
        );
    }
    assert_eq!(Span::parse("0h"), Err("`0h` allows no time at all".into()));
    assert_eq!(Span::parse("0d"), Err("`0d` allows no time at all".into()));
    assert_eq!(
        Span::parse("0h0m"),
        Err("`0h0m` allows no time at all".into())
    );
    assert_eq!(
        Span::parse("99999999h"),
        Err("`99999999h` is too long".into())
    );
    assert_eq!(
        Span::parse("99999999999d"),
        Err("`99999999999d` is too long".into())
    );
}

#[test]
fn default_targets_by_priority() {
    let text: Vec<String> = default_targets()
        .iter()
        .map(|t| format!("{}/{}", t.first_response, t.resolution))
        .collect();
    assert_eq!(text, ["1h/4h", "4h/8h", "8h/3d", "3d/10d", "5d/20d"]);
}

#[test]
fn a_working_day_allows_a_standard_day() {
    assert_eq!(Span::WorkingDays(3).allowed(&office()), hm(25, 30));
    assert_eq!(Span::BusinessMinutes(90).allowed(&office()), hm(1, 30));
    assert_eq!(
        Span::WorkingDays(u32::MAX).allowed(&office()),
        TimeDelta::MAX
    );
}

#[test]
fn a_running_clock_counts_business_hours_only() {
    let clock = eight_hours(&[(mon(9, 10), Open)], mon(15, 0));
    assert_eq!(clock.state, ClockState::Running);
    assert_eq!(clock.used, hm(6, 0));
    assert_eq!(clock.allowed, hm(8, 0));
    assert_eq!(shown(clock.due), "2026-11-23 17:00");
    assert_eq!(clock.fraction_left, 0.25);
    assert_eq!(clock.warning(), Warning::None);

    let overnight = eight_hours(&[], tue(8, 45));
    assert_eq!(overnight.used, hm(8, 15));
    assert_eq!(overnight.state, ClockState::Breached);
    assert_eq!(shown(overnight.due), "2026-11-23 17:00");
    assert_eq!(overnight.fraction_left, 0.0);
    assert_eq!(overnight.warning(), Warning::Breached);
}

#[test]
fn warnings_at_twenty_and_five_percent() {
    let seen_at = |now| eight_hours(&[], now).warning();
    assert_eq!(seen_at(mon(15, 23)), Warning::None);
    assert_eq!(seen_at(mon(15, 24)), Warning::Low);
    assert_eq!(seen_at(mon(16, 35)), Warning::Low);
    assert_eq!(seen_at(mon(16, 36)), Warning::Critical);
    assert_eq!(seen_at(mon(17, 0)), Warning::Critical);
    assert_eq!(seen_at(tue(8, 31)), Warning::Breached);

    let clock = |left: i64| Clock {
        state: ClockState::Running,
        due: mon(12, 0),
        used: TimeDelta::minutes(100 - left),
        allowed: TimeDelta::minutes(100),
        fraction_left: left as f64 / 100.0,
    };
    assert_eq!(clock(21).warning(), Warning::None);
    assert_eq!(clock(20).warning(), Warning::Low);
    assert_eq!(clock(6).warning(), Warning::Low);
    assert_eq!(clock(5).warning(), Warning::Critical);
    assert_eq!(clock(0).warning(), Warning::Critical);
}

#[test]
fn a_clock_used_up_exactly_has_not_breached() {
    let at_close = eight_hours(&[], mon(17, 0));
    assert_eq!(at_close.state, ClockState::Running);
    assert_eq!(at_close.used, hm(8, 0));
    // Overnight nothing more is used: it breaches the moment the desk opens.
    let evening = eight_hours(&[], mon(20, 0));
    assert_eq!(evening.state, ClockState::Running);
    assert_eq!(shown(evening.due), "2026-11-24 08:30");
    let resolved = eight_hours(&[(mon(17, 0), Resolved)], tue(12, 0));
    assert_eq!(resolved.state, ClockState::Met);
    assert_eq!(resolved.warning(), Warning::None);
}

#[test]
fn waiting_pauses_the_clock() {
    let steps = [
        (mon(9, 10), Open),
        (mon(10, 0), WaitingCaller),
        (wed(10, 0), Open),
    ];
    let paused = eight_hours(&steps[..2], tue(12, 0));
    assert_eq!(paused.state, ClockState::Paused);
    assert_eq!(paused.used, hm(1, 0));
    // Due as if resumed now: five hours on Tuesday, two on Wednesday.
    assert_eq!(shown(paused.due), "2026-11-25 10:30");
    let resumed = eight_hours(&steps, wed(12, 0));
    assert_eq!(resumed.state, ClockState::Running);
    assert_eq!(resumed.used, hm(3, 0));
    assert_eq!(shown(resumed.due), "2026-11-25 17:00");
}

#[test]
fn several_pauses_add_up() {
    let steps = [
        (mon(10, 0), WaitingThirdParty),
        (mon(11, 0), Open),
        (mon(12, 0), WaitingCaller),
        (mon(13, 0), WaitingThirdParty),
        (mon(14, 0), Open),
    ];
    let clock = eight_hours(&steps, mon(15, 0));
    assert_eq!(clock.used, hm(3, 0));
    assert_eq!(clock.state, ClockState::Running);
}

#[test]
fn a_paused_clock_cannot_breach() {
    let clock = eight_hours(
        &[(mon(16, 40), WaitingThirdParty)],
        ams(2026, 12, 21, 12, 0),
    );
    assert_eq!(clock.state, ClockState::Paused);
    assert_eq!(clock.used, hm(7, 40));
    assert_eq!(clock.warning(), Warning::Critical);
    assert_eq!(shown(clock.due), "2026-12-21 12:20");
}

#[test]
fn a_breach_before_the_pause_stands() {
    let clock = eight_hours(&[(tue(10, 0), WaitingCaller)], ams(2026, 12, 21, 12, 0));
    assert_eq!(clock.state, ClockState::Breached);
    assert_eq!(clock.used, hm(9, 30));
    assert_eq!(shown(clock.due), "2026-11-23 17:00");
}

#[test]
fn resolving_stops_the_clock() {
    let met = eight_hours(&[(mon(12, 0), Resolved)], ams(2026, 12, 1, 9, 0));
    assert_eq!(met.state, ClockState::Met);
    assert_eq!(met.used, hm(3, 0));
    assert_eq!(shown(met.due), "2026-11-23 17:00");
    assert_eq!(met.fraction_left, 5.0 / 8.0);
    let late = eight_hours(&[(tue(11, 0), Resolved), (tue(12, 0), Closed)], wed(9, 0));
    assert_eq!(late.state, ClockState::Breached);
    assert_eq!(late.used, hm(10, 30));
    let closed = eight_hours(&[(mon(11, 0), Closed)], wed(9, 0));
    assert_eq!(closed.state, ClockState::Met);
}

#[test]
fn a_reopen_resumes_where_it_stopped() {
    let steps = [
        (mon(12, 0), Resolved),
        (mon(13, 0), Closed),
        (tue(9, 0), Open),
    ];
    let clock = eight_hours(&steps, tue(11, 0));
    assert_eq!(clock.state, ClockState::Running);
    assert_eq!(clock.used, hm(5, 0));
    assert_eq!(shown(clock.due), "2026-11-24 14:00");
    let again = eight_hours(
        &[(mon(12, 0), Resolved), (tue(9, 0), WaitingCaller)],
        wed(9, 0),
    );
    assert_eq!(again.state, ClockState::Paused);
    assert_eq!(again.used, hm(3, 0));
}

#[test]
fn history_is_replayed_as_of_now() {
    let steps = [(mon(10, 0), WaitingCaller), (tue(10, 0), Resolved)];
    let before = eight_hours(&steps, mon(12, 0));
    assert_eq!(before.state, ClockState::Paused);
    assert_eq!(before.used, hm(1, 0));
    // An entry dated before the one ahead of it takes that one's time.
    let skewed = eight_hours(
        &[(mon(12, 0), WaitingCaller), (mon(11, 0), Open)],
        mon(13, 0),
    );
    assert_eq!(skewed.used, hm(4, 0));
    let none = resolution_clock(mon(9, 0), &[], EIGHT_HOURS, &office(), mon(11, 0));
    assert_eq!(none.used, hm(2, 0));
    assert_eq!(none.state, ClockState::Running);
    let early = resolution_clock(mon(9, 0), &[], EIGHT_HOURS, &office(), mon(8, 0));
    assert_eq!(early.used, TimeDelta::zero());
    assert_eq!(shown(early.due), "2026-11-23 17:00");
}

#[test]
fn weekends_and_holidays_do_not_count() {
    let calendar = Calendar::new(
        amsterdam(),
        std::array::from_fn(|day| {
            if day < 5 {
                vec![(
                    chrono::NaiveTime::from_hms_opt(8, 30, 0).expect("valid"),
                    chrono::NaiveTime::from_hms_opt(17, 0, 0).expect("valid"),
                )]
            } else {
                Vec::new()
            }
        }),
        NaiveDate::from_ymd_opt(2026, 12, 25),
    )
    .expect("valid");
    let opened = ams(2026, 12, 24, 16, 0);
    let changes = history(&[(opened, New)]);
    let clock = resolution_clock(
        opened,
        &changes,
        EIGHT_HOURS,
        &calendar,
        ams(2026, 12, 27, 12, 0),
    );
    assert_eq!(clock.used, hm(1, 0));
    assert_eq!(shown(clock.due), "2026-12-28 15:30");
    let friday = ams(2026, 11, 27, 16, 0);
    let weekend = resolution_clock(
        friday,
        &[],
        EIGHT_HOURS,
        &office(),
        ams(2026, 11, 29, 23, 0),
    );
    assert_eq!(weekend.used, hm(1, 0));
}

#[test]
fn clocks_across_the_clock_changes() {
    for tz in [amsterdam(), budapest()] {
        let calendar = Calendar::standard(tz);
        let spring = local(tz, 2026, 3, 27, 16, 0);
        let clock = resolution_clock(spring, &[], EIGHT_HOURS, &calendar, spring);
        assert_eq!(clock.due, local(Tz::UTC, 2026, 3, 30, 13, 30), "{tz}");
        let later = resolution_clock(spring, &[], EIGHT_HOURS, &calendar, clock.due);
        assert_eq!(later.used, hm(8, 0), "{tz}");
        let autumn = local(tz, 2026, 10, 23, 16, 0);
        let clock = resolution_clock(autumn, &[], EIGHT_HOURS, &calendar, autumn);
        assert_eq!(clock.due, local(Tz::UTC, 2026, 10, 26, 14, 30), "{tz}");
    }
}

#[test]
fn working_day_targets_use_the_standard_day() {
    let clock = resolution_clock(mon(9, 0), &[], Span::WorkingDays(3), &office(), mon(9, 0));
    assert_eq!(clock.allowed, hm(25, 30));
    assert_eq!(shown(clock.due), "2026-11-26 09:00");
}

#[test]
fn first_response() {
    let p1 = Span::BusinessMinutes(60);
    let respond = |at, now| response_clock(mon(9, 0), at, p1, &office(), now);
    let met = respond(Some(mon(9, 40)), mon(12, 0));
    assert_eq!((met.state, met.used), (ClockState::Met, hm(0, 40)));
    let waiting = respond(None, mon(9, 50));
    assert_eq!(waiting.state, ClockState::Running);
    assert_eq!(waiting.warning(), Warning::Low);
    assert_eq!(shown(waiting.due), "2026-11-23 10:00");
    assert_eq!(respond(None, mon(9, 57)).warning(), Warning::Critical);
    let late = respond(None, mon(10, 30));
    assert_eq!(
        (late.state, shown(late.due)),
        (ClockState::Breached, "2026-11-23 10:00".into())
    );
    let answered_late = respond(Some(mon(10, 5)), tue(9, 0));
    assert_eq!(answered_late.state, ClockState::Breached);
    // Not yet answered as of `now`.
    assert_eq!(
        respond(Some(mon(9, 40)), mon(9, 30)).state,
        ClockState::Running
    );

    let friday = ams(2026, 11, 27, 16, 30);
    let weekend = response_clock(friday, None, p1, &office(), ams(2026, 11, 28, 12, 0));
    assert_eq!(weekend.used, hm(0, 30));
    assert_eq!(shown(weekend.due), "2026-11-30 09:00");
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL)
}

proptest! {
    #[test]
    fn business_minutes_round_trip_through_text(minutes in 1..=u32::MAX / 60) {
        let span = Span::BusinessMinutes(minutes);
        prop_assert_eq!(Span::parse(&span.to_string()), Ok(span));
    }

    #[test]
    fn working_days_round_trip_through_text(days in 1..=u32::MAX) {
        let span = Span::WorkingDays(days);
        prop_assert_eq!(Span::parse(&span.to_string()), Ok(span));
    }

    #[test]
    fn a_clock_never_uses_more_than_the_business_time_since_opening(
        steps in prop::collection::vec((0..20_000i64, status()), 0..12),
        now in 0..30_000i64,
    ) {
        let opened = mon(9, 0);
        let mut changes = vec![StatusChange { at: opened, status: New }];
        let mut at = opened;
        for (gap, status) in steps {
            at += TimeDelta::minutes(gap % 3000);
            changes.push(StatusChange { at, status });
        }
        let now = opened + TimeDelta::minutes(now);
        let clock = resolution_clock(opened, &changes, EIGHT_HOURS, &office(), now);
        prop_assert!(clock.used <= office().between(opened, now));
        prop_assert!(clock.used >= TimeDelta::zero());
        prop_assert!((0.0..=1.0).contains(&clock.fraction_left));
        prop_assert_eq!(clock.state == ClockState::Breached, clock.used > clock.allowed);
        let later = resolution_clock(opened, &changes, EIGHT_HOURS, &office(), now + TimeDelta::hours(5));
        prop_assert!(later.used >= clock.used);
        if clock.state == ClockState::Breached {
            prop_assert_eq!(later.state, ClockState::Breached);
            prop_assert_eq!(later.due, clock.due);
        }
    }
}
