//! The recompute service's queries, run as `service_role` in the caller's
//! transaction: the reads of one profile's inputs and the idempotent upserts
//! and deletes of the engine rows. The orchestration is in the parent module.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::performance::forecast::ModelType;
use crate::performance::logic::baseline::CalibrationStatus;
use crate::performance::logic::load::LoadType;

/// One completed workout: id, day, type, minutes, session RPE, the sets and
/// reps of its strength logs, whether it logged cardio work, and the epoch
/// second it was completed.
pub type WorkoutRow =
    (Uuid, NaiveDate, Option<String>, Option<i32>, Option<f64>, Vec<i32>, Vec<i32>, bool, Option<i64>);

/// The binds of the training-load upsert, one column per array.
pub struct TrainingLoadColumns {
    pub workout_ids: Vec<Uuid>,
    pub dates: Vec<NaiveDate>,
    pub minutes: Vec<i32>,
    pub factors: Vec<f64>,
    pub types: Vec<LoadType>,
    pub methods: Vec<String>,
    pub details: Vec<serde_json::Value>,
}

/// The binds of one baseline upsert.
pub struct BaselineRow<'a> {
    pub metric: &'a str,
    pub value: f64,
    pub data_points_count: i32,
    pub capture_start: NaiveDate,
    pub capture_end: NaiveDate,
    pub is_complete: bool,
    pub calibration_status: CalibrationStatus,
    pub notes: String,
}

/// The binds of the recovery-score upsert, one column per array.
pub struct RecoveryColumns {
    pub days: Vec<NaiveDate>,
    pub recovery_scores: Vec<Option<f64>>,
    pub hr_components: Vec<Option<f64>>,
    pub sleep_components: Vec<Option<f64>>,
    pub stress_components: Vec<Option<f64>>,
    pub load_components: Vec<Option<f64>>,
    pub raw_data: Vec<serde_json::Value>,
}

/// The binds of one goal's forecast upsert; `keep` is the current row, if any.
pub struct ForecastRow<'a> {
    pub keep: Option<Uuid>,
    pub profile_id: Uuid,
    pub goal_id: Uuid,
    pub metric: &'a str,
    pub current_value: f64,
    pub target_value: f64,
    pub slope: f64,
    pub projected_date: Option<NaiveDate>,
    pub confidence: f64,
    pub data_points: i32,
    pub model_type: ModelType,
}

/// The profile's date of birth, household zone and first day with inputs or
/// engine rows; `None` when the profile does not exist.
pub async fn profile_facts(conn: &mut PgConnection, profile_id: Uuid) -> sqlx::Result<Option<ProfileFacts>> {
    sqlx::query_as(
        "select p.date_of_birth, f.timezone, least( \
           (select min(w.scheduled_date) from wt_workouts w where w.profile_id = p.id), \
           (select min(w.completed_at at time zone f.timezone)::date from wt_workouts w where w.profile_id = p.id), \
           (select min(m.recorded_at at time zone f.timezone)::date from wt_health_metrics m where m.profile_id = p.id), \
           (select min(r.score_date) from wt_recovery_scores r where r.profile_id = p.id), \
           (select min(t.load_date) from wt_training_loads t where t.profile_id = p.id), \
           (select min(b.capture_start) from wt_baselines b where b.profile_id = p.id)) as first_day \
         from wt_profiles p left join wt_users u on u.id = p.user_id \
         cross join lateral (select coalesce(u.timezone, 'UTC') as timezone) f where p.id = $1",
    )
    .bind(profile_id)
    .fetch_optional(conn)
    .await
}

/// What the engine needs of the profile itself.
#[derive(sqlx::FromRow)]
pub struct ProfileFacts {
    pub date_of_birth: Option<NaiveDate>,
    /// The household's IANA zone (`wt_users.timezone`): the engine's days are its days.
    pub timezone: String,
    /// The first day with any input (workout, metric) or engine row; `None`: no data at all.
    pub first_day: Option<NaiveDate>,
}

/// The profile's completed workouts up to `to`, with their strength sets and
/// reps; a session's day is its completion's day in the household's `zone`.
pub async fn completed_workouts(
    conn: &mut PgConnection,
    profile_id: Uuid,
    to: NaiveDate,
    zone: &str,
) -> sqlx::Result<Vec<WorkoutRow>> {
    sqlx::query_as(
        "select w.id, coalesce((w.completed_at at time zone $3)::date, w.scheduled_date) as day, w.workout_type::text, \
                w.duration_minutes, \
                w.session_rpe::float8, \
                coalesce(array_agg(l.sets) filter (where l.sets > 0 and l.reps > 0), '{}'), \
                coalesce(array_agg(l.reps) filter (where l.sets > 0 and l.reps > 0), '{}'), \
                coalesce(bool_or(l.distance_m is not null or l.duration_seconds is not null), false), \
                extract(epoch from w.completed_at)::int8 \
         from wt_workouts w left join wt_workout_logs l on l.workout_id = w.id \
         where w.profile_id = $1 and w.completed \
           and coalesce((w.completed_at at time zone $3)::date, w.scheduled_date) <= $2 \
         group by w.id",
    )
    .bind(profile_id)
    .bind(to)
    .bind(zone)
    .fetch_all(conn)
    .await
}

/// Heart-rate samples recorded during each completed session up to `to`: workout id, epoch second, bpm.
pub async fn session_heart_rates(
    conn: &mut PgConnection,
    profile_id: Uuid,
    to: NaiveDate,
    zone: &str,
) -> sqlx::Result<Vec<(Uuid, i64, f64)>> {
    sqlx::query_as(
        "select w.id, extract(epoch from m.recorded_at)::int8, m.value_num::float8 \
         from wt_workouts w join wt_health_metrics m on m.profile_id = w.profile_id and m.metric_type = 'hr' \
           and m.is_primary and m.value_num is not null \
           and m.recorded_at between w.completed_at - make_interval(mins => w.duration_minutes) and w.completed_at \
         where w.profile_id = $1 and w.completed and w.completed_at is not null and w.duration_minutes > 0 \
           and (w.completed_at at time zone $3)::date <= $2",
    )
    .bind(profile_id)
    .bind(to)
    .bind(zone)
    .fetch_all(conn)
    .await
}

/// The highest primary heart rate recorded in the household's year up to `to`.
pub async fn max_heart_rate(
    conn: &mut PgConnection,
    profile_id: Uuid,
    to: NaiveDate,
    zone: &str,
) -> sqlx::Result<Option<f64>> {
    sqlx::query_scalar(
        "select max(value_num)::float8 from wt_health_metrics where profile_id = $1 and metric_type = 'hr' \
         and is_primary and recorded_at >= ($2::date - 365)::timestamp at time zone $3 \
         and recorded_at < ($2::date + 1)::timestamp at time zone $3",
    )
    .bind(profile_id)
    .bind(to)
    .bind(zone)
    .fetch_one(conn)
    .await
}

/// The primary metrics the baselines and recovery scores use (type, the
/// household's day, value), from `since` through `to` in its `zone`.
pub async fn baseline_metrics(
    conn: &mut PgConnection,
    profile_id: Uuid,
    since: NaiveDate,
    to: NaiveDate,
    zone: &str,
) -> sqlx::Result<Vec<(String, NaiveDate, f64)>> {
    sqlx::query_as(
        "select metric_type::text, (recorded_at at time zone $4)::date, value_num::float8 from wt_health_metrics \
         where profile_id = $1 and is_primary and value_num is not null \
           and metric_type in ('hrv', 'resting_hr', 'stress', 'vo2max', 'sleep') \
           and recorded_at >= $2::timestamp at time zone $4 and recorded_at < ($3::date + 1)::timestamp at time zone $4",
    )
    .bind(profile_id)
    .bind(since)
    .bind(to)
    .bind(zone)
    .fetch_all(conn)
    .await
}

/// Deletes the profile's training loads of workouts not in `workout_ids`; the number removed.
pub async fn delete_stale_training_loads(
    conn: &mut PgConnection,
    profile_id: Uuid,
    workout_ids: &[Uuid],
) -> sqlx::Result<u64> {
    Ok(sqlx::query("delete from wt_training_loads where profile_id = $1 and not (workout_id = any($2))")
        .bind(profile_id)
        .bind(workout_ids)
        .execute(conn)
        .await?
        .rows_affected())
}

/// Upserts the profile's training loads, skipping rows whose values are unchanged.
pub async fn upsert_training_loads(
    conn: &mut PgConnection,
    profile_id: Uuid,
    loads: &TrainingLoadColumns,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into wt_training_loads as t (profile_id, workout_id, load_date, duration_minutes, intensity_factor, load_type, load_method, load_details) \
         select $1, u.workout_id, u.load_date, u.minutes, u.factor, u.load_type, u.method, u.details \
         from unnest($2::uuid[], $3::date[], $4::int[], $5::float8[], $6::wt_load_type[], $7::text[], $8::jsonb[]) \
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
    .bind(&loads.workout_ids)
    .bind(&loads.dates)
    .bind(&loads.minutes)
    .bind(&loads.factors)
    .bind(&loads.types)
    .bind(&loads.methods)
    .bind(&loads.details)
    .execute(conn)
    .await?;
    Ok(())
}

/// Upserts one baseline of the profile, skipping it when its values are unchanged.
pub async fn upsert_baseline(conn: &mut PgConnection, profile_id: Uuid, baseline: BaselineRow<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "insert into wt_baselines as t (profile_id, metric_type, baseline_value, data_points_count, capture_start, \
            capture_end, is_complete, calibration_status, notes) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         on conflict (profile_id, metric_type, capture_start) do update set \
           baseline_value = excluded.baseline_value, data_points_count = excluded.data_points_count, \
           capture_end = excluded.capture_end, is_complete = excluded.is_complete, \
           calibration_status = excluded.calibration_status, notes = excluded.notes \
         where (t.baseline_value, t.data_points_count, t.capture_end, t.is_complete, t.calibration_status, t.notes) \
           is distinct from (excluded.baseline_value, excluded.data_points_count, excluded.capture_end, \
                             excluded.is_complete, excluded.calibration_status, excluded.notes)",
    )
    .bind(profile_id)
    .bind(baseline.metric)
    .bind(baseline.value)
    .bind(baseline.data_points_count)
    .bind(baseline.capture_start)
    .bind(baseline.capture_end)
    .bind(baseline.is_complete)
    .bind(baseline.calibration_status)
    .bind(baseline.notes)
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes the metric's baselines of the same ISO week as `capture_end` that end earlier; the number removed.
pub async fn delete_earlier_baselines_of_week(
    conn: &mut PgConnection,
    profile_id: Uuid,
    metric: &str,
    capture_end: NaiveDate,
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "delete from wt_baselines where profile_id = $1 and metric_type = $2 \
           and date_trunc('week', capture_end) = date_trunc('week', $3::date) and capture_end < $3",
    )
    .bind(profile_id)
    .bind(metric)
    .bind(capture_end)
    .execute(conn)
    .await?
    .rows_affected())
}

/// Deletes the range's recovery scores of days not in `days`, keeping overridden ones; the number removed.
pub async fn delete_stale_recovery_scores(
    conn: &mut PgConnection,
    profile_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
    days: &[NaiveDate],
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "delete from wt_recovery_scores where profile_id = $1 and score_date between $2 and $3 \
         and not (score_date = any($4)) and override_reason is null",
    )
    .bind(profile_id)
    .bind(from)
    .bind(to)
    .bind(days)
    .execute(conn)
    .await?
    .rows_affected())
}

/// Upserts the profile's recovery scores, skipping rows whose values are unchanged.
pub async fn upsert_recovery_scores(
    conn: &mut PgConnection,
    profile_id: Uuid,
    scores: RecoveryColumns,
) -> sqlx::Result<()> {
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
    .bind(&scores.days)
    .bind(scores.recovery_scores)
    .bind(scores.hr_components)
    .bind(scores.sleep_components)
    .bind(scores.stress_components)
    .bind(scores.load_components)
    .bind(&scores.raw_data)
    .execute(conn)
    .await?;
    Ok(())
}

/// The profile's active goals that name a metric: id, metric, target value, target date.
pub async fn active_metric_goals(
    conn: &mut PgConnection,
    profile_id: Uuid,
) -> sqlx::Result<Vec<(Uuid, String, f64, Option<NaiveDate>)>> {
    sqlx::query_as(
        "select id, metric_type::text, target_value::float8, target_date from wt_goal_forecasts \
         where profile_id = $1 and is_active and metric_type is not null",
    )
    .bind(profile_id)
    .fetch_all(conn)
    .await
}

/// The primary readings (the household's day, value) of one metric recorded
/// from `since` through `to` in its `zone`.
pub async fn metric_readings(
    conn: &mut PgConnection,
    profile_id: Uuid,
    metric: &str,
    since: NaiveDate,
    to: NaiveDate,
    zone: &str,
) -> sqlx::Result<Vec<(NaiveDate, f64)>> {
    sqlx::query_as(
        "select (recorded_at at time zone $5)::date, value_num::float8 from wt_health_metrics \
         where profile_id = $1 and metric_type = $2::wt_metric_type and is_primary and value_num is not null \
           and recorded_at >= $3::timestamp at time zone $5 and recorded_at < ($4::date + 1)::timestamp at time zone $5",
    )
    .bind(profile_id)
    .bind(metric)
    .bind(since)
    .bind(to)
    .bind(zone)
    .fetch_all(conn)
    .await
}

/// Deletes every stored forecast of the goal.
pub async fn delete_goal_forecasts(conn: &mut PgConnection, goal_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("delete from wt_forecasts where goal_forecast_id = $1").bind(goal_id).execute(conn).await?;
    Ok(())
}

/// The ids of the goal's stored forecasts, newest first.
pub async fn goal_forecast_ids(conn: &mut PgConnection, goal_id: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("select id from wt_forecasts where goal_forecast_id = $1 order by calculated_at desc, id")
        .bind(goal_id)
        .fetch_all(conn)
        .await
}

/// Deletes the forecasts with the given ids.
pub async fn delete_forecasts(conn: &mut PgConnection, ids: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query("delete from wt_forecasts where id = any($1)").bind(ids).execute(conn).await?;
    Ok(())
}

/// Updates the goal's current forecast row when a value changed, or inserts the first one.
pub async fn upsert_forecast(conn: &mut PgConnection, row: ForecastRow<'_>) -> sqlx::Result<()> {
    // One statement for both cases: update the current row when a value
    // changed, or insert the first one.
    sqlx::query(
        "with changed as ( \
           update wt_forecasts set metric_type = $4, current_value = $5, target_value = $6, slope = $7, \
             projected_date = $8, confidence = $9, data_points = $10, model_type = $11, \
             calculated_at = now() \
           where id = $1 and (metric_type, current_value, target_value, slope, projected_date, confidence, \
             data_points, model_type) is distinct from ($4, $5::numeric, $6::numeric, $7::numeric, $8, \
             $9::numeric, $10, $11) \
           returning id) \
         insert into wt_forecasts (profile_id, goal_forecast_id, metric_type, current_value, target_value, slope, \
           projected_date, confidence, data_points, model_type) \
         select $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 where $1::uuid is null",
    )
    .bind(row.keep)
    .bind(row.profile_id)
    .bind(row.goal_id)
    .bind(row.metric)
    .bind(row.current_value)
    .bind(row.target_value)
    .bind(row.slope)
    .bind(row.projected_date)
    .bind(row.confidence)
    .bind(row.data_points)
    .bind(row.model_type)
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the goal's expected date, confidence and current value, only when one changed.
pub async fn update_goal(
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
