//! A time zone of the IANA database, as chrono's `TimeZone`: the rules come from the copy
//! of the database built into balie (jiff's), read for the zones a desk names and kept for
//! the life of the process.
//!
//! Why not a table of every zone in the binary: such a table is made of pointers, and the
//! loader fixes up each of them at every start of the process, whichever zone the desk
//! uses. For the few milliseconds of `balie overdue` that was a cost worth avoiding; the
//! database here is one block of bytes, read only where a zone is asked for.

use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    Timelike, Utc,
};
use jiff::tz::{AmbiguousOffset, TimeZoneDatabase};

/// A zone such as `Europe/Amsterdam`. Cheap to copy: every zone is read once per process
/// and shared.
#[derive(Clone, Copy)]
pub struct Tz(&'static Zone);

struct Zone {
    /// The name as the database spells it.
    name: &'static str,
    rules: jiff::tz::TimeZone,
}

static UTC_ZONE: Zone = Zone {
    name: "UTC",
    rules: jiff::tz::TimeZone::UTC,
};

/// A name that is no zone of the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownZone(pub String);

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a time zone of the IANA database", self.0)
    }
}

impl std::error::Error for UnknownZone {}

impl Tz {
    pub const UTC: Tz = Tz(&UTC_ZONE);

    /// The zone's name as the database spells it: `Europe/Amsterdam`.
    pub fn name(&self) -> &'static str {
        self.0.name
    }

    /// The instant a gap in the local clock ends when `local` falls inside one (the hour
    /// skipped when summer time starts): the first instant the clock reads later than
    /// `local`. None when `local` is a time the clock shows.
    pub fn gap_end(&self, local: &NaiveDateTime) -> Option<DateTime<Utc>> {
        let rules = &self.0.rules;
        let AmbiguousOffset::Gap { after, .. } =
            rules.to_ambiguous_timestamp(civil(local)).offset()
        else {
            return None;
        };
        // Read with the offset after the gap, `local` names an instant before the jump.
        let before_jump = after.to_timestamp(civil(local)).ok()?;
        let jump = rules.following(before_jump).next()?.timestamp();
        DateTime::from_timestamp(jump.as_second(), jump.subsec_nanosecond().unsigned_abs())
    }

    fn offset(self, offset: jiff::tz::Offset) -> ZoneOffset {
        ZoneOffset {
            zone: self,
            // The database has no offset of a day or more; should one come, UTC stands in.
            fixed: FixedOffset::east_opt(offset.seconds()).unwrap_or_else(|| Utc.fix()),
        }
    }
}

/// Zones read so far, so that each is read once and named zones compare cheaply.
fn loaded() -> &'static Mutex<Vec<&'static Zone>> {
    static LOADED: OnceLock<Mutex<Vec<&'static Zone>>> = OnceLock::new();
    LOADED.get_or_init(|| Mutex::new(vec![&UTC_ZONE]))
}

fn database() -> &'static TimeZoneDatabase {
    static DATABASE: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DATABASE.get_or_init(TimeZoneDatabase::bundled)
}

impl FromStr for Tz {
    type Err = UnknownZone;

    /// A zone by its IANA name. The database's own spelling is expected; any other case is
    /// accepted too, and the zone then carries the database's spelling.
    fn from_str(name: &str) -> Result<Tz, UnknownZone> {
        let unknown = || UnknownZone(name.to_string());
        // A poisoned list still holds whole entries: each is pushed in one step.
        let mut loaded = loaded().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(zone) = loaded.iter().find(|z| z.name == name) {
            return Ok(Tz(zone));
        }
        let rules = database().get(name).map_err(|_| unknown())?;
        let spelled = rules.iana_name().ok_or_else(unknown)?.to_string();
        if let Some(zone) = loaded.iter().find(|z| z.name == spelled) {
            return Ok(Tz(zone));
        }
        // Leaked on purpose: a process reads a handful of zones and keeps them to the end.
        let zone: &'static Zone = Box::leak(Box::new(Zone {
            name: Box::leak(spelled.into_boxed_str()),
            rules,
        }));
        loaded.push(zone);
        Ok(Tz(zone))
    }
}

impl PartialEq for Tz {
    fn eq(&self, other: &Tz) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Tz {}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

/// The offset from UTC a zone has at one instant, with the zone it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Tz,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

impl chrono::TimeZone for Tz {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Tz {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        match self.0.rules.to_ambiguous_timestamp(civil(local)).offset() {
            AmbiguousOffset::Unambiguous { offset } => LocalResult::Single(self.offset(offset)),
            AmbiguousOffset::Gap { .. } => LocalResult::None,
            AmbiguousOffset::Fold { before, after } => {
                LocalResult::Ambiguous(self.offset(before), self.offset(after))
            }
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        let second = utc.and_utc().timestamp();
        let instant = jiff::Timestamp::from_second(second).unwrap_or(if second < 0 {
            jiff::Timestamp::MIN
        } else {
            jiff::Timestamp::MAX
        });
        self.offset(self.0.rules.to_offset(instant))
    }
}

/// `local` as jiff's civil time. Beyond the years jiff knows (±9999) no zone changes its
/// rules, so the nearest time it knows stands in; a leap second reads as the second before.
fn civil(local: &NaiveDateTime) -> jiff::civil::DateTime {
    let year = local.year().clamp(-9999, 9999);
    if year != local.year() {
        return if year > 0 {
            jiff::civil::DateTime::MAX
        } else {
            jiff::civil::DateTime::MIN
        };
    }
    // Each part is in range: checked or clamped above, or bounded by chrono's own types.
    jiff::civil::DateTime::new(
        year as i16,
        local.month() as i8,
        local.day() as i8,
        local.hour() as i8,
        local.minute() as i8,
        local.second() as i8,
        local.nanosecond().min(999_999_999) as i32,
    )
    .unwrap_or(jiff::civil::DateTime::MIN)
}

/// A zone the code names by a literal: unit tests.
#[cfg(test)]
pub fn zone(name: &str) -> Tz {
    name.parse()
        .unwrap_or_else(|e| panic!("a zone of the database: {e}"))
}

/// The zones the unit tests of dates and business hours are written in.
#[cfg(test)]
pub mod zones {
    use super::{Tz, zone};

    pub fn amsterdam() -> Tz {
        zone("Europe/Amsterdam")
    }

    pub fn budapest() -> Tz {
        zone("Europe/Budapest")
    }

    pub fn new_york() -> Tz {
        zone("America/New_York")
    }

    /// UTC+14, the zone furthest ahead.
    pub fn kiritimati() -> Tz {
        zone("Pacific/Kiritimati")
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_zone_is_read_once_and_named_as_the_database_spells_it() {
        let amsterdam = zone("Europe/Amsterdam");
        assert_eq!(amsterdam.name(), "Europe/Amsterdam");
        assert_eq!(zone("europe/amsterdam"), amsterdam);
        assert!(std::ptr::eq(zone("europe/amsterdam").0, amsterdam.0));
        assert_eq!(zone("UTC"), Tz::UTC);
        assert_eq!(
            "Europe/Atlantis".parse::<Tz>(),
            Err(UnknownZone("Europe/Atlantis".into()))
        );
        assert!("".parse::<Tz>().is_err());
    }

    #[test]
    fn summer_and_winter_time_have_their_offsets() {
        let amsterdam = zone("Europe/Amsterdam");
        let winter = amsterdam
            .from_local_datetime(&local("2026-01-15 09:00"))
            .unwrap();
        let summer = amsterdam
            .from_local_datetime(&local("2026-07-15 09:00"))
            .unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-01-15T09:00:00+01:00");
        assert_eq!(summer.to_rfc3339(), "2026-07-15T09:00:00+02:00");
        let utc = Utc.with_ymd_and_hms(2026, 7, 15, 7, 0, 0).unwrap();
        assert_eq!(utc.with_timezone(&amsterdam), summer);
        assert_eq!(
            utc.with_timezone(&Tz::UTC).to_rfc3339(),
            "2026-07-15T07:00:00+00:00"
        );
    }

    /// On 29 March 2026 Amsterdam's clocks go from 02:00 to 03:00; on 25 October they go
    /// back from 03:00 to 02:00.
    #[test]
    fn a_skipped_hour_has_no_instant_and_a_repeated_hour_has_two() {
        let amsterdam = zone("Europe/Amsterdam");
        let skipped = local("2026-03-29 02:30");
        assert_eq!(amsterdam.from_local_datetime(&skipped), LocalResult::None);
        assert_eq!(
            amsterdam.gap_end(&skipped),
            Some(Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap())
        );
        assert_eq!(amsterdam.gap_end(&local("2026-03-29 03:30")), None);
        let LocalResult::Ambiguous(first, second) =
            amsterdam.from_local_datetime(&local("2026-10-25 02:30"))
        else {
            panic!("02:30 comes twice on 25 October");
        };
        assert_eq!(first.to_rfc3339(), "2026-10-25T02:30:00+02:00");
        assert_eq!(second.to_rfc3339(), "2026-10-25T02:30:00+01:00");
    }

    #[test]
    fn times_beyond_the_database_keep_the_last_known_offset() {
        let amsterdam = zone("Europe/Amsterdam");
        let far = NaiveDate::from_ymd_opt(20_000, 1, 1)
            .unwrap()
            .and_time(NaiveTime::MIN);
        // 31 December 9999, the last day jiff knows, is in winter time: UTC+1.
        let local = amsterdam
            .from_local_datetime(&far)
            .single()
            .expect("one instant");
        assert_eq!(local.offset().fix().local_minus_utc(), 3600);
        let utc = amsterdam.from_utc_datetime(&far);
        assert_eq!(utc.offset().fix().local_minus_utc(), 3600);
    }
}
