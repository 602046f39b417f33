//! The config's working hours, holidays and SLA targets. Each value is checked while it is
//! read, so an error points at the exact line and column.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};

use super::StrWith;
use crate::domain::business::{Calendar, check_day};
use crate::domain::sla::{Span, Target, default_targets};

/// Opening hours per weekday, Monday first. Several intervals make a lunch break.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawHours")]
pub struct WorkingHours(pub [Vec<(NaiveTime, NaiveTime)>; 7]);

impl Default for WorkingHours {
    fn default() -> Self {
        let office = vec![(hm(8, 30), hm(17, 0))];
        WorkingHours([
            office.clone(),
            office.clone(),
            office.clone(),
            office.clone(),
            office,
            Vec::new(),
            Vec::new(),
        ])
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawHours {
    #[serde(deserialize_with = "de_day::<0, _>")]
    mon: Vec<(NaiveTime, NaiveTime)>,
    #[serde(deserialize_with = "de_day::<1, _>")]
    tue: Vec<(NaiveTime, NaiveTime)>,
    #[serde(deserialize_with = "de_day::<2, _>")]
    wed: Vec<(NaiveTime, NaiveTime)>,
    #[serde(deserialize_with = "de_day::<3, _>")]
    thu: Vec<(NaiveTime, NaiveTime)>,
    #[serde(deserialize_with = "de_day::<4, _>")]
    fri: Vec<(NaiveTime, NaiveTime)>,
    #[serde(deserialize_with = "de_day::<5, _>")]
    sat: Vec<(NaiveTime, NaiveTime)>,
    #[serde(deserialize_with = "de_day::<6, _>")]
    sun: Vec<(NaiveTime, NaiveTime)>,
}

impl Default for RawHours {
    fn default() -> Self {
        let [mon, tue, wed, thu, fri, sat, sun] = WorkingHours::default().0;
        RawHours {
            mon,
            tue,
            wed,
            thu,
            fri,
            sat,
            sun,
        }
    }
}

impl TryFrom<RawHours> for WorkingHours {
    type Error = String;
    fn try_from(raw: RawHours) -> Result<Self, String> {
        let hours = [
            raw.mon, raw.tue, raw.wed, raw.thu, raw.fri, raw.sat, raw.sun,
        ];
        // The zone does not matter for these checks: order, overlap, at least one day.
        Calendar::new(crate::domain::time_zone::Tz::UTC, hours.clone(), [])
            .map(|_| WorkingHours(hours))
            .map_err(|e| format!("working_hours: {e}"))
    }
}

/// "08:30-17:00", "08:30-12:00, 13:00-17:00", or "closed" (or ""), for weekday `DAY`
/// (Monday 0). The day is checked here, so a wrong one is pointed at on its own line.
fn de_day<'de, const DAY: u8, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<(NaiveTime, NaiveTime)>, D::Error> {
    let weekday = chrono::Weekday::try_from(DAY).unwrap_or(chrono::Weekday::Mon);
    d.deserialize_str(StrWith(
        "opening hours in quotes, e.g. \"08:30-17:00\", \"08:30-12:00, 13:00-17:00\" or \"closed\"",
        move |text: &str| {
            let day = parse_day(text)?;
            check_day(weekday, &day).map_err(|e| format!("working_hours: {e}"))?;
            Ok(day)
        },
    ))
}

fn parse_day(text: &str) -> Result<Vec<(NaiveTime, NaiveTime)>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("closed") {
        return Ok(Vec::new());
    }
    let time = |t: &str| {
        NaiveTime::parse_from_str(t.trim(), "%H:%M")
            .map_err(|_| format!("`{}` is not a time like 08:30", t.trim()))
    };
    text.split(',')
        .map(|interval| {
            let (start, end) = interval.split_once('-').ok_or_else(|| {
                format!("`{}` should be a range like 08:30-17:00", interval.trim())
            })?;
            Ok((time(start)?, time(end)?))
        })
        .collect()
}

pub fn de_holidays<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
    struct Dates;
    impl<'de> Visitor<'de> for Dates {
        type Value = Vec<NaiveDate>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of dates for holidays, e.g. [\"2026-12-25\"]")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut dates = Vec::new();
            while let Some(date) = seq.next_element_seed(StrWith(
                "a date in quotes, e.g. \"2026-12-25\"",
                |s: &str| {
                    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                        .map_err(|_| format!("holidays: `{s}` is not a date like 2026-12-25"))
                },
            ))? {
                dates.push(date);
            }
            Ok(dates)
        }
    }
    d.deserialize_seq(Dates)
}

/// SLA targets per priority: first response and resolution, in business time.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "RawTargets")]
pub struct SlaTargets(pub [Target; 5]);

impl Default for SlaTargets {
    fn default() -> Self {
        SlaTargets(default_targets())
    }
}

impl SlaTargets {
    /// Priorities outside 1–5 are clamped, like the priority matrix's.
    pub fn for_priority(&self, priority: u8) -> Target {
        self.0[usize::from(priority.clamp(1, 5) - 1)]
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawTargets {
    #[serde(deserialize_with = "de_target")]
    p1: Target,
    #[serde(deserialize_with = "de_target")]
    p2: Target,
    #[serde(deserialize_with = "de_target")]
    p3: Target,
    #[serde(deserialize_with = "de_target")]
    p4: Target,
    #[serde(deserialize_with = "de_target")]
    p5: Target,
}

impl Default for RawTargets {
    fn default() -> Self {
        let [p1, p2, p3, p4, p5] = default_targets();
        RawTargets { p1, p2, p3, p4, p5 }
    }
}

impl From<RawTargets> for SlaTargets {
    fn from(raw: RawTargets) -> Self {
        SlaTargets([raw.p1, raw.p2, raw.p3, raw.p4, raw.p5])
    }
}

/// "1h / 4h": first response, then resolution.
fn de_target<'de, D: Deserializer<'de>>(d: D) -> Result<Target, D::Error> {
    d.deserialize_str(StrWith(
        "\"RESPONSE / RESOLUTION\" in quotes, e.g. \"1h / 4h\" or \"8h / 3d\"",
        |s: &str| {
            let (response, resolution) = s.split_once('/').ok_or_else(|| {
                format!("`{s}` should be first response / resolution, e.g. \"4h / 8h\"")
            })?;
            Ok(Target {
                first_response: Span::parse(response.trim())?,
                resolution: Span::parse(resolution.trim())?,
            })
        },
    ))
}
