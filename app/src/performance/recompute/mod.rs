//! The recompute service's database side (server only): reads one profile's
//! workouts and health metrics as `service_role`, runs the pure [`plan`],
//! and upserts the engine rows. Idempotent: a second run with the same data
//! writes nothing (every upsert skips rows whose values are unchanged).
//! It touches only the named profile's rows. The queries are in [`db`].

pub mod db;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::forecast::ModelType;
use super::logic::load::{StrengthSet, WorkoutType};
use super::plan::{plan, Inputs, MetricFact, Plan, WorkoutFacts};
use crate::db::begin_service;
use crate::profiles::logic::age_on;

/// How far before `from` metrics are read: the longest baseline window
/// (vo2max, 180 days) plus the excluded current week.
const LOOKBACK_DAYS: i64 = 190;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub training_loads: usize,
    pub baselines: usize,
    pub recovery_days: usize,
    /// Active goals with a stored forecast.
    pub forecasts: usize,
    /// Rows removed because their inputs are gone.
    pub removed: u64,
}

pub fn day_number(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days()
}

pub fn date_of(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + chrono::Duration::days(day)
}

fn snake<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Through which day the engine computes.
#[derive(Clone, Copy, Debug)]
pub enum Through {
    /// This date (the command line, tests).
    Date(NaiveDate),
    /// The household's today at this instant (the worker): a household in
    /// Auckland is already on tomorrow's UTC date at 23:30 UTC.
    TodayAt(DateTime<Utc>),
}

/// Recomputes `from..=through` for one profile, on the household's days
/// (`wt_users.timezone`). `None` when the profile does not exist.
pub async fn recompute(
    pool: &PgPool,
    profile_id: Uuid,
    from: NaiveDate,
    through: impl Into<Through>,
) -> sqlx::Result<Option<Summary>> {
    let mut tx = begin_service(pool).await?;
    let Some(facts) = db::profile_facts(&mut tx, profile_id).await? else {
        tx.rollback().await?;
        return Ok(None);
    };
    let zone = crate::time::parse_zone(&facts.timezone).unwrap_or(chrono_tz::UTC);
    let to = match through.into() {
        Through::Date(date) => date,
        Through::TodayAt(now) => crate::time::today_in(zone, now),
    };
    let from = window_start(from, to, facts.first_day);
    let inputs = read_inputs(&mut tx, profile_id, &facts, from, to).await?;
    // The day-by-day plan is CPU work: off the async runtime.
    let (first, last) = (day_number(from), day_number(to));
    let plan = tokio::task::spawn_blocking(move || plan(&inputs, first, last))
        .await
        .map_err(|_| sqlx::Error::WorkerCrashed)?;
    let mut summary = write_plan(&mut tx, profile_id, &plan, from, to).await?;
    summary.forecasts = write_forecasts(&mut tx, profile_id, to, zone.name()).await?;
    tx.commit().await?;
    Ok(Some(summary))
}

/// Longest window one recomputation walks (30 years of days).
pub const MAX_WINDOW_DAYS: u64 = 30 * 366;

/// Where a recomputation through `to` starts: where it was asked to, but
/// never before the profile's first day with data or engine rows (before it
/// there is nothing to compute or remove), never more than
/// [`MAX_WINDOW_DAYS`] back, and never after `to`. A queue row dated
/// 0001-01-01 thus walks the data's real range, not 739,000 days.
pub fn window_start(from: NaiveDate, to: NaiveDate, first_day: Option<NaiveDate>) -> NaiveDate {
    let floor = to.checked_sub_days(chrono::Days::new(MAX_WINDOW_DAYS)).unwrap_or(NaiveDate::MIN);
    from.max(first_day.unwrap_or(to)).max(floor).min(to)
}

impl From<NaiveDate> for Through {
    fn from(date: NaiveDate) -> Self {
        Through::Date(date)
    }
}

pub async fn read_inputs(
    conn: &mut PgConnection,
    profile_id: Uuid,
    facts: &db::ProfileFacts,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Inputs> {
    let zone = facts.timezone.as_str();
    let rows = db::completed_workouts(conn, profile_id, to, zone).await?;
    // Heart-rate samples recorded during each session (one index range scan per workout).
    let samples = db::session_heart_rates(conn, profile_id, to, zone).await?;
    let mut hr_by_workout: std::collections::HashMap<Uuid, Vec<(i64, f64)>> = std::collections::HashMap::new();
    for (id, t, bpm) in samples {
        hr_by_workout.entry(id).or_default().push((t, bpm));
    }
    let hr_max_observed = db::max_heart_rate(conn, profile_id, to, zone).await?;

    let workouts = rows
        .into_iter()
        .map(|(id, day, kind, minutes, rpe, sets, reps, cardio, end_s)| WorkoutFacts {
            id,
            day: day_number(day),
            workout_type: kind.and_then(|k| serde_json::from_value::<WorkoutType>(serde_json::Value::String(k)).ok()),
            duration_minutes: minutes.and_then(|m| u32::try_from(m).ok()),
            session_rpe: rpe,
            sets: sets
                .into_iter()
                .zip(reps)
                .map(|(s, r)| StrengthSet { sets: s as u32, reps: r as u32, rpe: None })
                .collect(),
            has_cardio_work: cardio,
            window_s: end_s.zip(minutes).filter(|(_, m)| *m > 0).map(|(end, m)| (end - 60 * m as i64, end)),
            hr_samples: hr_by_workout.remove(&id).unwrap_or_default(),
        })
        .collect();

    let metrics =
        db::baseline_metrics(conn, profile_id, from - chrono::Duration::days(LOOKBACK_DAYS), to, zone).await?;
    let metrics = metrics
        .into_iter()
        .map(|(metric_type, day, value)| MetricFact { metric_type, day: day_number(day), value })
        .collect();

    Ok(Inputs { age_years: facts.date_of_birth.map(|d| age_on(d, to)), workouts, metrics, hr_max_observed })
}

pub async fn write_plan(
    conn: &mut PgConnection,
    profile_id: Uuid,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Summary> {
    let mut summary = Summary::default();

    // Training loads: one per workout with a computable load.
    let loads = db::TrainingLoadColumns {
        workout_ids: plan.loads.iter().map(|l| l.workout_id).collect(),
        dates: plan.loads.iter().map(|l| date_of(l.day)).collect(),
        minutes: plan.loads.iter().map(|l| l.load.duration_minutes as i32).collect(),
        factors: plan.loads.iter().map(|l| l.load.intensity_factor).collect(),
        types: plan.loads.iter().map(|l| l.load.load_type).collect(),
        methods: plan.loads.iter().map(|l| snake(&l.load.method)).collect(),
        details: plan.loads.iter().map(|l| serde_json::to_value(&l.load).unwrap_or_default()).collect(),
    };
    summary.removed += db::delete_stale_training_loads(conn, profile_id, &loads.workout_ids).await?;
    db::upsert_training_loads(conn, profile_id, &loads).await?;
    summary.training_loads = plan.loads.len();

    // Baselines as of `to`, one row per capture window, thinned to one a week below.
    for b in &plan.baselines {
        let Some(value) = b.baseline_value else { continue };
        let notes = serde_json::to_string(b).unwrap_or_default();
        let row = db::BaselineRow {
            metric: b.metric.as_str(),
            value,
            data_points_count: b.data_points_count as i32,
            capture_start: date_of(b.capture_start),
            capture_end: date_of(b.capture_end),
            is_complete: b.calibration_status == super::logic::baseline::CalibrationStatus::Complete,
            calibration_status: b.calibration_status,
            notes,
        };
        db::upsert_baseline(conn, profile_id, row).await?;
        // Retention: one row per metric per ISO week. The newest as-of date of a week replaces
        // the earlier ones of that week, so daily runs keep a weekly history, not a row a day.
        summary.removed +=
            db::delete_earlier_baselines_of_week(conn, profile_id, b.metric.as_str(), date_of(b.capture_end)).await?;
        summary.baselines += 1;
    }

    // Recovery scores for the range: a row per day with a score, none otherwise.
    let pick = |f: fn(&super::logic::recovery::RecoveryScore) -> Option<f64>| -> Vec<Option<f64>> {
        plan.recovery.iter().map(|r| f(&r.score)).collect()
    };
    let scores = db::RecoveryColumns {
        days: plan.recovery.iter().map(|r| date_of(r.day)).collect(),
        recovery_scores: pick(|s| s.recovery_score),
        hr_components: pick(|s| s.hr_component),
        sleep_components: pick(|s| s.sleep_component),
        stress_components: pick(|s| s.stress_component),
        load_components: pick(|s| s.load_component),
        raw_data: plan.recovery.iter().map(|r| serde_json::to_value(&r.score.raw_data).unwrap_or_default()).collect(),
    };
    summary.removed += db::delete_stale_recovery_scores(conn, profile_id, from, to, &scores.days).await?;
    db::upsert_recovery_scores(conn, profile_id, scores).await?;
    summary.recovery_days = plan.recovery.len();
    Ok(summary)
}

/// How far back a goal's trend is read.
const FORECAST_HISTORY_DAYS: i64 = 365;

/// Forecasts every active goal that names a metric: one current row in
/// `wt_forecasts` per goal, and the goal's `expected_date`, `confidence_score`
/// and `current_value`. Below the minimum number of points no forecast is
/// stored. Rows change (and `last_recalculated_at` / `calculated_at` move)
/// only when a value changes, so a re-run writes nothing.
pub async fn write_forecasts(
    conn: &mut PgConnection,
    profile_id: Uuid,
    to: NaiveDate,
    zone: &str,
) -> sqlx::Result<usize> {
    use super::forecast::{forecast, ForecastStatus, Goal, Observation};

    let goals = db::active_metric_goals(conn, profile_id).await?;
    let mut stored = 0;
    for (goal_id, metric, target, target_date) in goals {
        let since = to - chrono::Duration::days(FORECAST_HISTORY_DAYS);
        let readings = db::metric_readings(conn, profile_id, &metric, since, to, zone).await?;
        let obs: Vec<Observation> =
            readings.iter().map(|(d, v)| Observation { day: day_number(*d) as f64, value: *v }).collect();
        let goal = Goal { target, direction: None, deadline_day: target_date.map(|d| day_number(d) as f64) };
        let f = forecast(&obs, &goal, Some(day_number(to) as f64));
        let current = f.current_value;

        if f.status == ForecastStatus::InsufficientData {
            db::delete_goal_forecasts(conn, goal_id).await?;
            db::update_goal(conn, goal_id, None, None, current).await?;
            continue;
        }
        let projected = f.projected_day.map(|d| date_of(d.round() as i64));
        let model = f.model_type.unwrap_or(ModelType::LinearRegression);
        let slope = f.slope_per_day.unwrap_or(0.0);
        let existing = db::goal_forecast_ids(conn, goal_id).await?;
        let (keep, extra) = match existing.split_first() {
            Some((keep, extra)) => (Some(*keep), extra),
            None => (None, &[][..]),
        };
        db::delete_forecasts(conn, extra).await?;
        let row = db::ForecastRow {
            keep,
            profile_id,
            goal_id,
            metric: &metric,
            current_value: current.unwrap_or(0.0),
            target_value: target,
            slope,
            projected_date: projected,
            confidence: f.confidence,
            data_points: f.data_points as i32,
            model_type: model,
        };
        db::upsert_forecast(conn, row).await?;
        db::update_goal(conn, goal_id, projected, Some(f.confidence), current).await?;
        stored += 1;
    }
    Ok(stored)
}

#[cfg(test)]
mod window_tests {
    use chrono::NaiveDate;

    use super::{window_start, MAX_WINDOW_DAYS};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_window_starts_at_the_first_data_and_is_bounded() {
        let to = d(2026, 12, 2);
        // Asked from year 1: starts where the data does.
        assert_eq!(window_start(NaiveDate::MIN, to, Some(d(2024, 5, 1))), d(2024, 5, 1));
        assert_eq!(window_start(d(1, 1, 1), to, Some(d(2024, 5, 1))), d(2024, 5, 1));
        // Asked from after the first data: as asked.
        assert_eq!(window_start(d(2026, 11, 1), to, Some(d(2024, 5, 1))), d(2026, 11, 1));
        // No data at all: only `to`.
        assert_eq!(window_start(d(1, 1, 1), to, None), to);
        // Data dated centuries back still walks at most the cap.
        let start = window_start(d(1, 1, 1), to, Some(d(1, 1, 1)));
        assert_eq!((to - start).num_days() as u64, MAX_WINDOW_DAYS);
        // Never after `to`.
        assert_eq!(window_start(d(2030, 1, 1), to, Some(d(2024, 5, 1))), to);
    }
}
