//! The recompute service's database side (server only): reads one profile's
//! workouts and health metrics as `service_role`, runs the pure [`plan`],
//! and upserts the engine rows. Idempotent: a second run with the same data
//! writes nothing (every upsert skips rows whose values are unchanged).
//! It touches only the named profile's rows.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

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

/// Recomputes `from..=to` for one profile. `None` when the profile does not exist.
pub async fn recompute(
    pool: &PgPool,
    profile_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Option<Summary>> {
    let mut tx = begin_service(pool).await?;
    let Some(inputs) = read_inputs(&mut tx, profile_id, from, to).await? else {
        tx.rollback().await?;
        return Ok(None);
    };
    let plan = plan(&inputs, day_number(from), day_number(to));
    let mut summary = write_plan(&mut tx, profile_id, &plan, from, to).await?;
    summary.forecasts = write_forecasts(&mut tx, profile_id, to).await?;
    tx.commit().await?;
    Ok(Some(summary))
}

pub async fn read_inputs(
    conn: &mut PgConnection,
    profile_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Option<Inputs>> {
    let Some(dob): Option<Option<NaiveDate>> =
        sqlx::query_scalar("select date_of_birth from wt_profiles where id = $1")
            .bind(profile_id)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };

    type WorkoutRow =
        (Uuid, NaiveDate, Option<String>, Option<i32>, Option<f64>, Vec<i32>, Vec<i32>, bool, Option<i64>);
    let rows: Vec<WorkoutRow> = sqlx::query_as(
        "select w.id, coalesce(w.completed_at::date, w.scheduled_date) as day, w.workout_type::text, w.duration_minutes, \
                w.session_rpe::float8, \
                coalesce(array_agg(l.sets) filter (where l.sets > 0 and l.reps > 0), '{}'), \
                coalesce(array_agg(l.reps) filter (where l.sets > 0 and l.reps > 0), '{}'), \
                coalesce(bool_or(l.distance_m is not null or l.duration_seconds is not null), false), \
                extract(epoch from w.completed_at)::int8 \
         from wt_workouts w left join wt_workout_logs l on l.workout_id = w.id \
         where w.profile_id = $1 and w.completed and coalesce(w.completed_at::date, w.scheduled_date) <= $2 \
         group by w.id",
    )
    .bind(profile_id)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    // Heart-rate samples recorded during each session (one index range scan per workout).
    let samples: Vec<(Uuid, i64, f64)> = sqlx::query_as(
        "select w.id, extract(epoch from m.recorded_at)::int8, m.value_num::float8 \
         from wt_workouts w join wt_health_metrics m on m.profile_id = w.profile_id and m.metric_type = 'hr' \
           and m.is_primary and m.value_num is not null \
           and m.recorded_at between w.completed_at - make_interval(mins => w.duration_minutes) and w.completed_at \
         where w.profile_id = $1 and w.completed and w.completed_at is not null and w.duration_minutes > 0 \
           and w.completed_at::date <= $2",
    )
    .bind(profile_id)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let mut hr_by_workout: std::collections::HashMap<Uuid, Vec<(i64, f64)>> = std::collections::HashMap::new();
    for (id, t, bpm) in samples {
        hr_by_workout.entry(id).or_default().push((t, bpm));
    }
    let hr_max_observed: Option<f64> = sqlx::query_scalar(
        "select max(value_num)::float8 from wt_health_metrics where profile_id = $1 and metric_type = 'hr' \
         and is_primary and recorded_at >= $2::date - 365 and recorded_at < $2::date + 1",
    )
    .bind(profile_id)
    .bind(to)
    .fetch_one(&mut *conn)
    .await?;

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

    let metrics: Vec<(String, NaiveDate, f64)> = sqlx::query_as(
        "select metric_type::text, (recorded_at at time zone 'UTC')::date, value_num::float8 from wt_health_metrics \
         where profile_id = $1 and is_primary and value_num is not null \
           and metric_type in ('hrv', 'resting_hr', 'stress', 'vo2max', 'sleep') \
           and recorded_at >= $2::date and recorded_at < $3::date + 1",
    )
    .bind(profile_id)
    .bind(from - chrono::Duration::days(LOOKBACK_DAYS))
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let metrics = metrics
        .into_iter()
        .map(|(metric_type, day, value)| MetricFact { metric_type, day: day_number(day), value })
        .collect();

    Ok(Some(Inputs { age_years: dob.map(|d| age_on(d, to)), workouts, metrics, hr_max_observed }))
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
    let ids: Vec<Uuid> = plan.loads.iter().map(|l| l.workout_id).collect();
    let dates: Vec<NaiveDate> = plan.loads.iter().map(|l| date_of(l.day)).collect();
    let minutes: Vec<i32> = plan.loads.iter().map(|l| l.load.duration_minutes as i32).collect();
    let factors: Vec<f64> = plan.loads.iter().map(|l| l.load.intensity_factor).collect();
    let types: Vec<&str> = plan.loads.iter().map(|l| l.load.load_type.as_str()).collect();
    let methods: Vec<String> = plan.loads.iter().map(|l| snake(&l.load.method)).collect();
    let details: Vec<serde_json::Value> =
        plan.loads.iter().map(|l| serde_json::to_value(&l.load).unwrap_or_default()).collect();
    summary.removed +=
        sqlx::query("delete from wt_training_loads where profile_id = $1 and not (workout_id = any($2))")
            .bind(profile_id)
            .bind(&ids)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    sqlx::query(
        "insert into wt_training_loads as t (profile_id, workout_id, load_date, duration_minutes, intensity_factor, load_type, load_method, load_details) \
         select $1, u.workout_id, u.load_date, u.minutes, u.factor, u.load_type::wt_load_type, u.method, u.details \
         from unnest($2::uuid[], $3::date[], $4::int[], $5::float8[], $6::text[], $7::text[], $8::jsonb[]) \
              as u(workout_id, load_date, minutes, factor, load_type, method, details) \
         on conflict (profile_id, workout_id) do update set \
           load_date = excluded.load_date, duration_minutes = excluded.duration_minutes, \
           intensity_factor = excluded.intensity_factor, load_type = excluded.load_type, \
           load_method = excluded.load_method, load_details = excluded.load_details \
         where (t.load_date, t.duration_minutes, t.intensity_factor, t.load_type, t.load_method, t.load_details) \
           is distinct from (excluded.load_date, excluded.duration_minutes, excluded.intensity_factor, \
                             excluded.load_type, excluded.load_method, excluded.load_details)",
    )
    .bind(profile_id)
    .bind(&ids)
    .bind(&dates)
    .bind(&minutes)
    .bind(&factors)
    .bind(&types)
    .bind(&methods)
    .bind(&details)
    .execute(&mut *conn)
    .await?;
    summary.training_loads = plan.loads.len();

    // Baselines as of `to`, one row per capture window, thinned to one a week below.
    for b in &plan.baselines {
        let Some(value) = b.baseline_value else { continue };
        let notes = serde_json::to_string(b).unwrap_or_default();
        sqlx::query(
            "insert into wt_baselines as t (profile_id, metric_type, baseline_value, data_points_count, capture_start, \
                capture_end, is_complete, calibration_status, notes) \
             values ($1, $2, $3, $4, $5, $6, $7, $8::wt_calibration_status, $9) \
             on conflict (profile_id, metric_type, capture_start) do update set \
               baseline_value = excluded.baseline_value, data_points_count = excluded.data_points_count, \
               capture_end = excluded.capture_end, is_complete = excluded.is_complete, \
               calibration_status = excluded.calibration_status, notes = excluded.notes \
             where (t.baseline_value, t.data_points_count, t.capture_end, t.is_complete, t.calibration_status, t.notes) \
               is distinct from (excluded.baseline_value, excluded.data_points_count, excluded.capture_end, \
                                 excluded.is_complete, excluded.calibration_status, excluded.notes)",
        )
        .bind(profile_id)
        .bind(b.metric.as_str())
        .bind(value)
        .bind(b.data_points_count as i32)
        .bind(date_of(b.capture_start))
        .bind(date_of(b.capture_end))
        .bind(b.calibration_status == super::logic::baseline::CalibrationStatus::Complete)
        .bind(snake(&b.calibration_status))
        .bind(notes)
        .execute(&mut *conn)
        .await?;
        // Retention: one row per metric per ISO week. The newest as-of date of a week replaces
        // the earlier ones of that week, so daily runs keep a weekly history, not a row a day.
        summary.removed += sqlx::query(
            "delete from wt_baselines where profile_id = $1 and metric_type = $2 \
               and date_trunc('week', capture_end) = date_trunc('week', $3::date) and capture_end < $3",
        )
        .bind(profile_id)
        .bind(b.metric.as_str())
        .bind(date_of(b.capture_end))
        .execute(&mut *conn)
        .await?
        .rows_affected();
        summary.baselines += 1;
    }

    // Recovery scores for the range: a row per day with a score, none otherwise.
    let days: Vec<NaiveDate> = plan.recovery.iter().map(|r| date_of(r.day)).collect();
    summary.removed += sqlx::query(
        "delete from wt_recovery_scores where profile_id = $1 and score_date between $2 and $3 \
         and not (score_date = any($4)) and override_reason is null",
    )
    .bind(profile_id)
    .bind(from)
    .bind(to)
    .bind(&days)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let pick = |f: fn(&super::logic::recovery::RecoveryScore) -> Option<f64>| -> Vec<Option<f64>> {
        plan.recovery.iter().map(|r| f(&r.score)).collect()
    };
    let raw: Vec<serde_json::Value> =
        plan.recovery.iter().map(|r| serde_json::to_value(&r.score.raw_data).unwrap_or_default()).collect();
    sqlx::query(
        "insert into wt_recovery_scores as t (profile_id, score_date, recovery_score, hr_component, sleep_component, \
            stress_component, load_component, raw_data) \
         select $1, u.day, u.score, u.hr, u.sleep, u.stress, u.load, u.raw \
         from unnest($2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::jsonb[]) \
              as u(day, score, hr, sleep, stress, load, raw) \
         on conflict (profile_id, score_date) do update set \
           recovery_score = excluded.recovery_score, hr_component = excluded.hr_component, \
           sleep_component = excluded.sleep_component, stress_component = excluded.stress_component, \
           load_component = excluded.load_component, raw_data = excluded.raw_data \
         where (t.recovery_score, t.hr_component, t.sleep_component, t.stress_component, t.load_component, t.raw_data) \
           is distinct from (excluded.recovery_score, excluded.hr_component, excluded.sleep_component, \
                             excluded.stress_component, excluded.load_component, excluded.raw_data)",
    )
    .bind(profile_id)
    .bind(&days)
    .bind(pick(|s| s.recovery_score))
    .bind(pick(|s| s.hr_component))
    .bind(pick(|s| s.sleep_component))
    .bind(pick(|s| s.stress_component))
    .bind(pick(|s| s.load_component))
    .bind(&raw)
    .execute(&mut *conn)
    .await?;
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
pub async fn write_forecasts(conn: &mut PgConnection, profile_id: Uuid, to: NaiveDate) -> sqlx::Result<usize> {
    use super::forecast::{forecast, ForecastStatus, Goal, Observation};

    let goals: Vec<(Uuid, String, f64, Option<NaiveDate>)> = sqlx::query_as(
        "select id, metric_type::text, target_value::float8, target_date from wt_goal_forecasts \
         where profile_id = $1 and is_active and metric_type is not null",
    )
    .bind(profile_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut stored = 0;
    for (goal_id, metric, target, target_date) in goals {
        let readings: Vec<(NaiveDate, f64)> = sqlx::query_as(
            "select (recorded_at at time zone 'UTC')::date, value_num::float8 from wt_health_metrics \
             where profile_id = $1 and metric_type = $2::wt_metric_type and is_primary and value_num is not null \
               and recorded_at >= $3::date and recorded_at < $4::date + 1",
        )
        .bind(profile_id)
        .bind(&metric)
        .bind(to - chrono::Duration::days(FORECAST_HISTORY_DAYS))
        .bind(to)
        .fetch_all(&mut *conn)
        .await?;
        let obs: Vec<Observation> =
            readings.iter().map(|(d, v)| Observation { day: day_number(*d) as f64, value: *v }).collect();
        let goal = Goal { target, direction: None, deadline_day: target_date.map(|d| day_number(d) as f64) };
        let f = forecast(&obs, &goal, Some(day_number(to) as f64));
        let current = f.current_value;

        if f.status == ForecastStatus::InsufficientData {
            sqlx::query("delete from wt_forecasts where goal_forecast_id = $1")
                .bind(goal_id)
                .execute(&mut *conn)
                .await?;
            update_goal(conn, goal_id, None, None, current).await?;
            continue;
        }
        let projected = f.projected_day.map(|d| date_of(d.round() as i64));
        let model = f.model_type.map(|m| m.as_str()).unwrap_or("linear_regression");
        let slope = f.slope_per_day.unwrap_or(0.0);
        let existing: Vec<Uuid> = sqlx::query_scalar(
            "select id from wt_forecasts where goal_forecast_id = $1 order by calculated_at desc, id",
        )
        .bind(goal_id)
        .fetch_all(&mut *conn)
        .await?;
        let (keep, extra) = match existing.split_first() {
            Some((keep, extra)) => (Some(*keep), extra),
            None => (None, &[][..]),
        };
        sqlx::query("delete from wt_forecasts where id = any($1)").bind(extra).execute(&mut *conn).await?;
        // One statement for both cases: update the current row when a value
        // changed, or insert the first one.
        sqlx::query(
            "with changed as ( \
               update wt_forecasts set metric_type = $4, current_value = $5, target_value = $6, slope = $7, \
                 projected_date = $8, confidence = $9, data_points = $10, model_type = $11::wt_forecast_model, \
                 calculated_at = now() \
               where id = $1 and (metric_type, current_value, target_value, slope, projected_date, confidence, \
                 data_points, model_type) is distinct from ($4, $5::numeric, $6::numeric, $7::numeric, $8, \
                 $9::numeric, $10, $11::wt_forecast_model) \
               returning id) \
             insert into wt_forecasts (profile_id, goal_forecast_id, metric_type, current_value, target_value, slope, \
               projected_date, confidence, data_points, model_type) \
             select $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::wt_forecast_model where $1::uuid is null",
        )
        .bind(keep)
        .bind(profile_id)
        .bind(goal_id)
        .bind(&metric)
        .bind(current.unwrap_or(0.0))
        .bind(target)
        .bind(slope)
        .bind(projected)
        .bind(f.confidence)
        .bind(f.data_points as i32)
        .bind(model)
        .execute(&mut *conn)
        .await?;
        update_goal(conn, goal_id, projected, Some(f.confidence), current).await?;
        stored += 1;
    }
    Ok(stored)
}

async fn update_goal(
    conn: &mut PgConnection,
    goal_id: Uuid,
    expected: Option<NaiveDate>,
    confidence: Option<f64>,
    current: Option<f64>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update wt_goal_forecasts set expected_date = $2, confidence_score = $3, current_value = coalesce($4, current_value), \
           last_recalculated_at = now() \
         where id = $1 and (expected_date, confidence_score, current_value) \
           is distinct from ($2, $3::numeric, coalesce($4::numeric, current_value))",
    )
    .bind(goal_id)
    .bind(expected)
    .bind(confidence)
    .bind(current)
    .execute(conn)
    .await?;
    Ok(())
}
