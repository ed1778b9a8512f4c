//! The household's day. Dates a person sees are in the household's time zone
//! (`wt_users.timezone`), never UTC by accident. Pure.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// An IANA zone name ("Pacific/Auckland"), or `None` when it is not one.
pub fn parse_zone(name: &str) -> Option<Tz> {
    let name = name.trim();
    // The longest IANA names are ~32 characters; refuse anything far longer
    // before parsing.
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    name.parse().ok()
}

/// The calendar day at `now` in `zone`.
pub fn today_in(zone: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        zone.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("an unambiguous local time").with_timezone(&Utc)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn late_evening_in_auckland_is_still_that_day_though_utc_is_earlier() {
        let zone = parse_zone("Pacific/Auckland").unwrap();
        // 23:30 on 2 December in Auckland (NZDT, UTC+13) is 10:30 UTC the same day.
        let now = at(zone, 2026, 12, 2, 23, 30);
        assert_eq!(today_in(zone, now), day(2026, 12, 2));
        // 00:30 on 3 December in Auckland is still 2 December in UTC.
        let now = at(zone, 2026, 12, 3, 0, 30);
        assert_eq!(now.date_naive(), day(2026, 12, 2));
        assert_eq!(today_in(zone, now), day(2026, 12, 3));
    }

    #[test]
    fn late_evening_in_los_angeles_is_already_tomorrow_in_utc() {
        let zone = parse_zone("America/Los_Angeles").unwrap();
        // 23:30 on 2 December in Los Angeles (PST, UTC-8) is 07:30 UTC on 3 December.
        let now = at(zone, 2026, 12, 2, 23, 30);
        assert_eq!(now.date_naive(), day(2026, 12, 3));
        assert_eq!(today_in(zone, now), day(2026, 12, 2));
        let now = at(zone, 2026, 12, 3, 0, 30);
        assert_eq!(today_in(zone, now), day(2026, 12, 3));
    }

    #[test]
    fn only_iana_names_are_zones() {
        assert!(parse_zone("UTC").is_some());
        assert!(parse_zone("Europe/Berlin").is_some());
        assert!(parse_zone("Mars/Olympus").is_none());
        assert!(parse_zone("").is_none());
        assert!(parse_zone(&"A".repeat(10_000)).is_none());
    }
}
