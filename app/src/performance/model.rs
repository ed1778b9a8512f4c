//! Recovery as the browser sees it, and the override form as posted. The
//! form's rules and the page's and tile's wording are in `logic/page.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::logic::recovery::{effective_band, effective_score, OverrideReason, RecoveryBand, RecoveryOverride};

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

/// The override form's reasons (stored as text in `override_reason`).
impl crate::input::Choice for OverrideReason {
    const ALL: &'static [Self] = &[OverrideReason::Ill, OverrideReason::Injured, OverrideReason::Other];
    fn value(self) -> &'static str {
        match self {
            OverrideReason::Ill => "ill",
            OverrideReason::Injured => "injured",
            OverrideReason::Other => "other",
        }
    }
    fn label(self) -> &'static str {
        match self {
            OverrideReason::Ill => "I'm ill",
            OverrideReason::Injured => "I'm injured",
            OverrideReason::Other => "Something else",
        }
    }
}

impl RecoveryEntry {
    fn person_override(&self) -> Option<RecoveryOverride> {
        let reason = <OverrideReason as crate::input::Choice>::parse(self.override_reason.as_deref()?)?;
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
}
