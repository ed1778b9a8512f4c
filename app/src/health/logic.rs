//! Manual health entries: units, plausible ranges and the dedupe key. Pure.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;

/// The metrics a person can enter by hand in this version: a subset of
/// `wt_metric_type`, stored as that enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "wt_metric_type", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum ManualMetric {
    Weight,
    RestingHr,
    Sleep,
}

impl ManualMetric {
    pub const ALL: [ManualMetric; 3] = [ManualMetric::Weight, ManualMetric::RestingHr, ManualMetric::Sleep];

    /// The `wt_metric_type` value.
    pub fn metric_type(self) -> &'static str {
        match self {
            ManualMetric::Weight => "weight",
            ManualMetric::RestingHr => "resting_hr",
            ManualMetric::Sleep => "sleep",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        <Self as crate::input::Choice>::parse(s)
    }
    pub fn label(self) -> &'static str {
        match self {
            ManualMetric::Weight => "Weight",
            ManualMetric::RestingHr => "Resting heart rate",
            ManualMetric::Sleep => "Sleep",
        }
    }
    /// The unit values are stored in.
    pub fn stored_unit(self) -> &'static str {
        match self {
            ManualMetric::Weight => "kg",
            ManualMetric::RestingHr => "bpm",
            ManualMetric::Sleep => "h",
        }
    }
    /// Units accepted on entry: (value, label).
    pub fn units(self) -> &'static [(&'static str, &'static str)] {
        match self {
            ManualMetric::Weight => &[("kg", "kg"), ("lb", "lb")],
            ManualMetric::RestingHr => &[("bpm", "beats per minute")],
            ManualMetric::Sleep => &[("h", "hours")],
        }
    }
    /// Plausible range in the stored unit, for people of any age.
    pub fn range(self) -> (f64, f64) {
        match self {
            ManualMetric::Weight => (1.0, 400.0),
            ManualMetric::RestingHr => (25.0, 220.0),
            ManualMetric::Sleep => (0.0, 24.0),
        }
    }
}

impl crate::input::Choice for ManualMetric {
    const ALL: &'static [Self] = &ManualMetric::ALL;
    fn value(self) -> &'static str {
        self.metric_type()
    }
    fn label(self) -> &'static str {
        ManualMetric::label(self)
    }
}

/// `wt_health_source`: where a measurement came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "wt_health_source", rename_all = "lowercase"))]
#[serde(rename_all = "lowercase")]
pub enum HealthSource {
    HealthConnect,
    HealthKit,
    Garmin,
    Strava,
    Manual,
}

impl crate::input::Choice for HealthSource {
    const ALL: &'static [Self] = &[
        HealthSource::HealthConnect,
        HealthSource::HealthKit,
        HealthSource::Garmin,
        HealthSource::Strava,
        HealthSource::Manual,
    ];
    fn value(self) -> &'static str {
        match self {
            HealthSource::HealthConnect => "healthconnect",
            HealthSource::HealthKit => "healthkit",
            HealthSource::Garmin => "garmin",
            HealthSource::Strava => "strava",
            HealthSource::Manual => "manual",
        }
    }
    fn label(self) -> &'static str {
        match self {
            HealthSource::HealthConnect => "Health Connect",
            HealthSource::HealthKit => "Apple Health",
            HealthSource::Garmin => "Garmin",
            HealthSource::Strava => "Strava",
            HealthSource::Manual => "Entered by hand",
        }
    }
}

pub const KG_PER_LB: f64 = 0.453_592_37;

/// A validated manual entry, in stored units, at the wall-clock time the
/// person typed (in the household's zone; the server turns it into an instant).
#[derive(Clone, Debug, PartialEq)]
pub struct ManualEntry {
    pub metric: ManualMetric,
    pub value: f64,
    pub local_time: NaiveDateTime,
}

/// Sleep may be typed as decimal hours (7.5) or hours and minutes (7:30).
fn parse_number(metric: ManualMetric, raw: &str) -> Option<f64> {
    let raw = raw.trim().replace(',', ".");
    if metric == ManualMetric::Sleep {
        if let Some((h, m)) = raw.split_once(':') {
            let h: u32 = h.trim().parse().ok()?;
            let m: u32 = m.trim().parse().ok()?;
            return (m < 60).then(|| h as f64 + m as f64 / 60.0);
        }
    }
    raw.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses the entry form. An empty time means "that day" (noon UTC), so the
/// same entry submitted twice has the same timestamp and dedupes.
pub fn parse_entry(
    metric: &str,
    value: &str,
    unit: &str,
    date: &str,
    time: &str,
    today: NaiveDate,
) -> Result<ManualEntry, FieldErrors> {
    let mut errors = FieldErrors::new();
    let Some(metric) = ManualMetric::parse(metric) else {
        errors.add("metric", "Choose weight, resting heart rate or sleep.");
        return Err(errors);
    };
    let unit = unit.trim();
    let unit = if unit.is_empty() { metric.stored_unit() } else { unit };
    if !metric.units().iter().any(|(u, _)| *u == unit) {
        errors.add(
            "unit",
            format!(
                "{} is entered in {}.",
                metric.label(),
                metric.units().iter().map(|(u, _)| *u).collect::<Vec<_>>().join(" or ")
            ),
        );
    }
    let value = match parse_number(metric, value) {
        None if value.trim().is_empty() => {
            errors.add("value", "Enter a value.");
            None
        }
        None => {
            errors.add("value", "Enter a number, like 72.5.");
            None
        }
        Some(v) => {
            let stored = if unit == "lb" { v * KG_PER_LB } else { v };
            let (lo, hi) = metric.range();
            if (lo..=hi).contains(&stored) {
                Some((stored * 100.0).round() / 100.0)
            } else {
                errors.add(
                    "value",
                    format!(
                        "Enter a {} between {lo} and {hi} {}.",
                        metric.label().to_lowercase(),
                        metric.stored_unit()
                    ),
                );
                None
            }
        }
    };
    let range = crate::input::DateRange::up_to(today, "The date cannot be in the future.");
    let date = crate::input::date(&mut errors, "date", date, range, Some(today));
    let time = match time.trim() {
        "" => Some(NaiveTime::from_hms_opt(12, 0, 0).expect("noon is a valid time")),
        raw => NaiveTime::parse_from_str(raw, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
            .map_err(|_| errors.add("time", "Enter the time as HH:MM."))
            .ok(),
    };
    match (value, date, time) {
        (Some(value), Some(date), Some(time)) if errors.is_empty() => {
            Ok(ManualEntry { metric, value, local_time: date.and_time(time) })
        }
        _ => Err(errors),
    }
}

/// The text whose hash is `dedupe_hash` for a manual entry: the same person,
/// metric, moment (`recorded_at`, the entry's instant) and value is the same measurement.
pub fn dedupe_key(profile_id: uuid::Uuid, entry: &ManualEntry, recorded_at: DateTime<Utc>) -> String {
    format!("manual|{profile_id}|{}|{}|{:.2}", entry.metric.metric_type(), recorded_at.to_rfc3339(), entry.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn pounds_are_stored_as_kilograms() {
        let e = parse_entry("weight", "165", "lb", "2026-11-20", "", today()).unwrap();
        assert_eq!(e.value, 74.84);
        assert_eq!(e.local_time.to_string(), "2026-11-20 12:00:00");
    }

    #[test]
    fn sleep_accepts_hours_and_minutes() {
        assert_eq!(parse_entry("sleep", "7:30", "", "", "", today()).unwrap().value, 7.5);
        assert_eq!(parse_entry("sleep", "6,25", "h", "", "", today()).unwrap().value, 6.25);
        assert!(parse_entry("sleep", "7:75", "h", "", "", today()).is_err());
    }

    #[test]
    fn implausible_values_are_rejected_with_the_range() {
        let e = parse_entry("resting_hr", "400", "bpm", "", "", today()).unwrap_err();
        assert!(e.get("value").unwrap().contains("between 25 and 220"));
        assert!(parse_entry("weight", "0", "kg", "", "", today()).is_err());
        assert!(parse_entry("sleep", "25", "h", "", "", today()).is_err());
    }

    #[test]
    fn wrong_units_future_dates_and_garbage_are_field_errors() {
        let e = parse_entry("resting_hr", "abc", "kg", "2027-01-01", "25:00", today()).unwrap_err();
        for field in ["value", "unit", "date", "time"] {
            assert!(e.get(field).is_some(), "{field}");
        }
        assert!(parse_entry("steps", "1", "", "", "", today()).unwrap_err().get("metric").is_some());
    }

    #[test]
    fn the_same_entry_has_the_same_dedupe_key() {
        let p = uuid::Uuid::nil();
        let a = parse_entry("weight", "70.0", "kg", "2026-11-20", "07:15", today()).unwrap();
        let b = parse_entry("weight", "70", "kg", "2026-11-20", "07:15", today()).unwrap();
        let c = parse_entry("weight", "70.1", "kg", "2026-11-20", "07:15", today()).unwrap();
        let at = |e: &ManualEntry| e.local_time.and_utc();
        assert_eq!(dedupe_key(p, &a, at(&a)), dedupe_key(p, &b, at(&b)));
        assert_ne!(dedupe_key(p, &a, at(&a)), dedupe_key(p, &c, at(&c)));
    }
}

/// The health tile: the latest value of the chosen metric and its history
/// (oldest first) as the tile's chart.
pub fn tile_summary(
    metric: Option<ManualMetric>,
    history: &[crate::dashboard::logic::Point],
) -> crate::modules::TileSummary {
    use crate::dashboard::logic::{hours_and_minutes, plural, trim_number};
    use crate::modules::TileSummary;
    let metric = metric.unwrap_or(ManualMetric::Weight);
    let href = format!("/health?metric={}", metric.metric_type());
    match history.last() {
        Some((_, v)) => {
            let value = match metric {
                ManualMetric::Weight => format!("{} kg", trim_number(*v)),
                ManualMetric::RestingHr => format!("{} bpm", trim_number(*v)),
                ManualMetric::Sleep => hours_and_minutes(*v),
            };
            TileSummary {
                value: Some(value),
                caption: format!("Latest of {}", plural(history.len() as i64, "entry", "entries")),
                href: Some(href),
                series: history.to_vec(),
            }
        }
        None => TileSummary::empty(
            &format!("Log your first {} to see it here.", metric.label().to_lowercase()),
            Some(&href),
        ),
    }
}

#[cfg(test)]
mod tile_tests {
    use super::*;

    #[test]
    fn the_health_tile_shows_the_latest_value_of_its_metric() {
        let s = tile_summary(Some(ManualMetric::RestingHr), &[(1, 61.0), (2, 58.0)]);
        assert_eq!(s.value.as_deref(), Some("58 bpm"));
        assert_eq!(s.series.len(), 2);
        assert_eq!(s.href.as_deref(), Some("/health?metric=resting_hr"));
    }

    #[test]
    fn an_empty_health_tile_says_what_to_log() {
        let s = tile_summary(Some(ManualMetric::Sleep), &[]);
        assert!(s.value.is_none());
        assert!(s.caption.contains("sleep"), "{}", s.caption);
    }
}
