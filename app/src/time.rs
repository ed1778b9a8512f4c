//! The household's day. Dates a person sees are in the household's time zone
//! (`wt_users.timezone`), never UTC by accident. Pure.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, Utc};
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

/// The instant a person means by a wall-clock time typed in `zone`. In the
/// hour skipped when clocks go forward the time is read as if the clocks had
/// not changed yet (02:30 becomes 03:30 summer time); in the hour repeated
/// when they go back, the first of the two.
pub fn instant_in(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    use chrono::{LocalResult, TimeZone};
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            // The offset in force just before the gap.
            let before = local - chrono::Duration::hours(3);
            let offset = zone.offset_from_utc_datetime(&before).fix();
            Utc.from_utc_datetime(&(local - offset))
        }
    }
}

/// The wall-clock time of `instant` in `zone`.
pub fn local_in(zone: Tz, instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&zone).naive_local()
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

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        day(y, m, d).and_hms_opt(h, min, 0).expect("a time")
    }

    #[test]
    fn a_typed_time_is_the_households_wall_clock() {
        let auckland = parse_zone("Pacific/Auckland").unwrap();
        // 23:30 on 2 December in Auckland is 10:30 UTC; 00:30 on 3 December is 11:30 UTC on the 2nd.
        assert_eq!(instant_in(auckland, local(2026, 12, 2, 23, 30)).to_rfc3339(), "2026-12-02T10:30:00+00:00");
        assert_eq!(instant_in(auckland, local(2026, 12, 3, 0, 30)).to_rfc3339(), "2026-12-02T11:30:00+00:00");
        let la = parse_zone("America/Los_Angeles").unwrap();
        // 23:30 on 2 December in Los Angeles (PST, UTC-8) is 07:30 UTC on the 3rd.
        let late = instant_in(la, local(2026, 12, 2, 23, 30));
        assert_eq!(late.to_rfc3339(), "2026-12-03T07:30:00+00:00");
        assert_eq!(local_in(la, late), local(2026, 12, 2, 23, 30));
        assert_eq!(today_in(la, late), day(2026, 12, 2));
    }

    #[test]
    fn times_in_daylight_saving_changes_are_still_instants() {
        let la = parse_zone("America/Los_Angeles").unwrap();
        // 8 March 2026: 02:00 PST jumps to 03:00 PDT; 02:30 is read as PST, i.e. 03:30 PDT.
        assert_eq!(instant_in(la, local(2026, 3, 8, 2, 30)).to_rfc3339(), "2026-03-08T10:30:00+00:00");
        // 1 November 2026: 01:30 happens twice; the first (PDT, UTC-7) is taken.
        assert_eq!(instant_in(la, local(2026, 11, 1, 1, 30)).to_rfc3339(), "2026-11-01T08:30:00+00:00");
    }
}
