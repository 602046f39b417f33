//! The agent's time zone when the config names none: `TZ` first, as every Unix program
//! does (ssh sessions and containers set it per user), then the system's zone.

use crate::domain::time_zone::Tz;

/// The zone `TZ` names, the system's zone when `TZ` is unset or names no zone balie knows,
/// and UTC when even that is unknown.
pub fn system_time_zone() -> Tz {
    match from_tz(
        std::env::var_os("TZ")
            .as_deref()
            .map(|v| v.to_string_lossy()),
    ) {
        Zone::Named(tz) => tz,
        Zone::Unset | Zone::Unknown => from_system(),
    }
}

/// A warning for stderr when `TZ` is set but is no zone balie can use, so the agent knows
/// why times are shown in the system's zone instead.
pub fn tz_warning(in_use: Tz) -> Option<String> {
    let value = std::env::var_os("TZ")?;
    let value = value.to_string_lossy();
    match from_tz(Some(value.clone())) {
        Zone::Unknown => Some(format!(
            "TZ={:?} is not a time zone name balie knows (such as Europe/Amsterdam); \
             times are shown in {in_use}; set time_zone in the config to choose another",
            value.as_ref()
        )),
        Zone::Named(_) | Zone::Unset => None,
    }
}

#[derive(Debug, PartialEq)]
pub enum Zone {
    Named(Tz),
    Unset,
    /// Set, but to a POSIX rule (`CET-1CEST,M3.5.0,M10.5.0/3`), a misspelling or a file
    /// outside the zone database: balie has no zone for it.
    Unknown,
}

/// What a `TZ` value names: `Europe/Amsterdam`, `:Europe/Amsterdam`, or a path into the zone
/// database (`/usr/share/zoneinfo/Europe/Amsterdam`). Empty means UTC, as in the C library.
pub fn from_tz(value: Option<impl AsRef<str>>) -> Zone {
    let Some(value) = value else {
        return Zone::Unset;
    };
    let name = value.as_ref().trim();
    let name = name.strip_prefix(':').unwrap_or(name);
    if name.is_empty() {
        return Zone::Named(Tz::UTC);
    }
    let name = match name.rfind("zoneinfo/") {
        Some(at) if name.starts_with('/') => &name[at + "zoneinfo/".len()..],
        _ => name,
    };
    name.parse().map_or(Zone::Unknown, Zone::Named)
}

fn from_system() -> Tz {
    // Some systems report zones balie's database does not know (or none at all);
    // UTC is wrong for most agents, but it is never ambiguous.
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse().ok())
        .unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tz_names_a_zone_with_or_without_a_colon() {
        assert_eq!(
            from_tz(Some("America/Curacao")),
            Zone::Named(crate::domain::time_zone::zone("America/Curacao"))
        );
        assert_eq!(
            from_tz(Some(":Asia/Tokyo")),
            Zone::Named(crate::domain::time_zone::zone("Asia/Tokyo"))
        );
        assert_eq!(
            from_tz(Some("/usr/share/zoneinfo/Europe/Budapest")),
            Zone::Named(crate::domain::time_zone::zone("Europe/Budapest"))
        );
    }

    #[test]
    fn empty_tz_is_utc_and_unset_tz_falls_back() {
        assert_eq!(from_tz(Some("")), Zone::Named(Tz::UTC));
        assert_eq!(from_tz(None::<&str>), Zone::Unset);
    }

    #[test]
    fn rules_and_misspellings_are_unknown() {
        assert_eq!(from_tz(Some("CET-1CEST,M3.5.0,M10.5.0/3")), Zone::Unknown);
        assert_eq!(from_tz(Some("Europe/Amsterdm")), Zone::Unknown);
        assert_eq!(from_tz(Some("/home/anna/zones/Mars")), Zone::Unknown);
    }
}
