//! Recovery as the browser sees it, and the override form's rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::logic::recovery::{effective_band, effective_score, OverrideReason, RecoveryBand, RecoveryOverride};
use crate::error::FieldErrors;

/// One day of `wt_recovery_scores`, computed and overridden parts apart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RecoveryEntry {
    pub score_date: NaiveDate,
    pub recovery_score: f64,
    pub hr_component: Option<f64>,
    pub sleep_component: Option<f64>,
    pub stress_component: Option<f64>,
    pub load_component: Option<f64>,
    pub override_reason: Option<String>,
    pub override_score: Option<f64>,
    pub override_note: Option<String>,
}

fn reason_of(s: &str) -> Option<OverrideReason> {
    match s {
        "ill" => Some(OverrideReason::Ill),
        "injured" => Some(OverrideReason::Injured),
        "other" => Some(OverrideReason::Other),
        _ => None,
    }
}

impl RecoveryEntry {
    fn person_override(&self) -> Option<RecoveryOverride> {
        let reason = reason_of(self.override_reason.as_deref()?)?;
        Some(RecoveryOverride { reason, score: self.override_score, note: self.override_note.clone() })
    }
    /// The score to show (the person's, when they set one).
    pub fn shown_score(&self) -> Option<f64> {
        effective_score(Some(self.recovery_score), self.person_override().as_ref())
    }
    pub fn shown_band(&self) -> Option<RecoveryBand> {
        let computed_band = Some(RecoveryBand::from_score(self.recovery_score));
        effective_band(Some(self.recovery_score), computed_band, self.person_override().as_ref())
    }
}

pub const OVERRIDE_REASONS: [(&str, &str); 3] =
    [("ill", "I'm ill"), ("injured", "I'm injured"), ("other", "Something else")];

/// A validated override.
#[derive(Clone, Debug, PartialEq)]
pub struct OverrideDraft {
    pub date: NaiveDate,
    pub reason: String,
    pub score: Option<f64>,
    pub note: Option<String>,
}

/// The override form, as posted (a missing field reads as empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OverrideForm {
    pub date: String,
    pub reason: String,
    pub score: String,
    pub note: String,
}

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
    if reason_of(reason).is_none() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(reason: Option<&str>, score: Option<f64>) -> RecoveryEntry {
        RecoveryEntry {
            score_date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            recovery_score: 72.0,
            hr_component: None,
            sleep_component: None,
            stress_component: None,
            load_component: None,
            override_reason: reason.map(str::to_owned),
            override_score: score,
            override_note: None,
        }
    }

    #[test]
    fn an_override_replaces_what_is_shown_but_not_the_computed_score() {
        assert_eq!(entry(None, None).shown_score(), Some(72.0));
        assert_eq!(entry(Some("ill"), None).shown_score(), None);
        assert_eq!(entry(Some("ill"), None).shown_band(), Some(RecoveryBand::Red));
        assert_eq!(entry(Some("other"), Some(20.0)).shown_score(), Some(20.0));
        assert_eq!(entry(Some("other"), None).shown_score(), Some(72.0));
        assert_eq!(entry(Some("ill"), None).recovery_score, 72.0);
    }

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
}

/// Fitness, fatigue, form and the load trend for the recovery page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingSummary {
    pub ctl: f64,
    pub atl: f64,
    /// This morning's form: yesterday's CTL − ATL.
    pub form: f64,
    pub form_pct: Option<f64>,
    pub acwr: Option<f64>,
    /// Neutral words for the acute:chronic trend (never "injury risk").
    pub trend: String,
    pub warming_up: bool,
    /// CTL over the last 90 days, (unix seconds, value), oldest first.
    pub ctl_series: Vec<(i64, f64)>,
}

/// Summarises daily loads (day numbers since 1970-01-01) as of `today`.
/// `None` without any load.
pub fn training_summary(loads: &[super::logic::pmc::DailyLoad], today: i64) -> Option<TrainingSummary> {
    use super::logic::{acwr::acwr, pmc::pmc};
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
    use super::super::logic::pmc::DailyLoad;
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

/// The recovery page's data: the last days' scores and the training summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryPageData {
    pub entries: Vec<RecoveryEntry>,
    pub training: Option<TrainingSummary>,
}

/// What the performance tile shows, read in one query.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PerformanceTileFigures {
    pub recovery_score: Option<f64>,
    pub training_load_week: Option<f64>,
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
mod tile_tests {
    use super::*;

    #[test]
    fn the_performance_tile_shows_recovery_or_load() {
        let f = PerformanceTileFigures { recovery_score: Some(71.6), training_load_week: Some(812.0) };
        assert_eq!(tile_summary("recovery", &f).value.as_deref(), Some("72"));
        assert_eq!(tile_summary("training_load", &f).value.as_deref(), Some("812"));
        assert!(tile_summary("recovery", &PerformanceTileFigures::default()).value.is_none());
    }
}
