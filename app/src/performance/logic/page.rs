//! The recovery page's and tile's rules: the override form, the training
//! summary and the tile's wording. Pure.

use chrono::NaiveDate;

use super::acwr::acwr;
use super::pmc::{pmc, DailyLoad};
use super::recovery::OverrideReason;
use crate::error::FieldErrors;
use crate::performance::model::{OverrideDraft, PerformanceTileFigures, TrainingSummary};

pub fn parse_override(
    date: &str,
    reason: &str,
    score: &str,
    note: &str,
    today: NaiveDate,
) -> Result<OverrideDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let range = crate::input::DateRange::up_to(today, "You can only mark today or earlier days.");
    let date = crate::input::date(&mut errors, "date", date, range, None);
    if <OverrideReason as crate::input::Choice>::parse(reason).is_none() {
        errors.add("reason", "Choose why you are overriding this day.");
    }
    let score = match score.trim() {
        "" => None,
        raw => match raw.parse::<f64>() {
            Ok(v) if (0.0..=100.0).contains(&v) => Some(v),
            _ => {
                errors.add("score", "Enter a score from 0 to 100, or leave it empty.");
                None
            }
        },
    };
    let note = note.trim();
    if note.chars().count() > 500 {
        errors.add("note", "Keep the note under 500 characters.");
    }
    match date {
        Some(date) if errors.is_empty() => Ok(OverrideDraft {
            date,
            reason: reason.to_owned(),
            score,
            note: (!note.is_empty()).then(|| note.to_owned()),
        }),
        _ => Err(errors),
    }
}

/// Summarises daily loads (day numbers since 1970-01-01) as of `today`.
/// `None` without any load.
pub fn training_summary(loads: &[DailyLoad], today: i64) -> Option<TrainingSummary> {
    let days = pmc(loads, today, None);
    let last = days.last()?;
    let trend = acwr(loads, today).pop();
    let ctl_series = days
        .iter()
        .filter(|d| d.day > today - 90)
        .map(|d| (d.day * 86_400 + 43_200, (d.ctl * 10.0).round() / 10.0))
        .collect();
    Some(TrainingSummary {
        ctl: last.ctl,
        atl: last.atl,
        form: last.form,
        form_pct: last.form_pct,
        acwr: trend.as_ref().and_then(|t| t.ewma_ratio),
        trend: trend.map(|t| t.trend.label().to_owned()).unwrap_or_default(),
        warming_up: last.warming_up,
        ctl_series,
    })
}

#[cfg(test)]
mod training_tests {
    use super::super::pmc::DailyLoad;
    use super::training_summary;

    #[test]
    fn steady_training_reads_as_steady_and_charts_ninety_days() {
        let loads: Vec<DailyLoad> = (0..120).map(|day| DailyLoad { day, load: 50.0 }).collect();
        let s = training_summary(&loads, 119).unwrap();
        assert!(s.ctl > 40.0 && s.ctl < 50.0, "{}", s.ctl);
        assert!((s.atl - 50.0).abs() < 0.1);
        assert!(!s.warming_up);
        assert_eq!(s.ctl_series.len(), 90);
        let ratio = s.acwr.unwrap();
        assert!((ratio - 1.0).abs() < 0.05, "{ratio}");
        assert!(!s.trend.to_lowercase().contains("risk"));
        assert!(training_summary(&[], 10).is_none());
    }
}

pub fn tile_summary(metric: &str, f: &PerformanceTileFigures) -> crate::modules::TileSummary {
    use crate::dashboard::logic::trim_number;
    use crate::modules::TileSummary;
    let href = Some("/recovery");
    match (metric, f.recovery_score, f.training_load_week) {
        ("training_load", _, Some(load)) if load > 0.0 => {
            TileSummary::figure(trim_number(load), "Training load, last 7 days", href)
        }
        ("recovery", Some(score), _) => {
            TileSummary::figure(format!("{score:.0}"), "Latest recovery score (0–100)", href)
        }
        _ => TileSummary::empty("Log resting heart rate each morning for two weeks to get a recovery score.", href),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_input_is_checked_field_by_field() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let e = parse_override("2026-12-01", "bored", "150", "", today).unwrap_err();
        for f in ["date", "reason", "score"] {
            assert!(e.get(f).is_some(), "{f}");
        }
        let ok = parse_override("2026-11-22", "injured", "", " sprained ankle ", today).unwrap();
        assert_eq!((ok.score, ok.note.as_deref()), (None, Some("sprained ankle")));
    }

    #[test]
    fn the_performance_tile_shows_recovery_or_load() {
        let f = PerformanceTileFigures { recovery_score: Some(71.6), training_load_week: Some(812.0) };
        assert_eq!(tile_summary("recovery", &f).value.as_deref(), Some("72"));
        assert_eq!(tile_summary("training_load", &f).value.as_deref(), Some("812"));
        assert!(tile_summary("recovery", &PerformanceTileFigures::default()).value.is_none());
    }
}
