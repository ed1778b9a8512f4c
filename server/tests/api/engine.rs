//! The recompute service against real PostgreSQL: what it writes, that it
//! touches only the named profile, that a second run is a no-op, and the queue.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use server::recompute_worker::{claim, complete, rescue, run_once};
use sqlx::PgPool;
use uuid::Uuid;

use crate::helpers::{admin_pool, fresh_database, service_pool};

/// A household with one profile and `days` days of resting HR, HRV, sleep and
/// stress, and a 40-minute RPE-6 run every other day.
async fn seed(admin: &PgPool, days: i32) -> Uuid {
    let user: Uuid = sqlx::query_scalar("insert into auth.users (email, password_hash) values ($1, 'x') returning id")
        .bind(format!("{}@example.org", Uuid::new_v4()))
        .fetch_one(admin)
        .await
        .unwrap();
    let profile: Uuid = sqlx::query_scalar(
        "insert into wt_profiles (user_id, profile_type, display_name, is_primary, date_of_birth) \
         values ($1, 'parent', 'P', true, '1988-03-01') returning id",
    )
    .bind(user)
    .fetch_one(admin)
    .await
    .unwrap();
    seed_data(admin, profile, days).await;
    profile
}

/// `days` days of resting HR, HRV, sleep and stress, and a 40-minute RPE-6
/// run every other day, for an existing profile.
pub async fn seed_data(admin: &PgPool, profile: Uuid, days: i32) {
    sqlx::query(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, recorded_at, dedupe_hash) \
         select p.user_id, p.id, 'manual', m::wt_metric_type, \
                case m when 'resting_hr' then 54 + (d % 5) when 'hrv' then 48 + (d * 7 % 11) \
                       when 'sleep' then 6.5 + (d % 4) * 0.5 else 20 + (d * 3 % 40) end, \
                (current_date - d) + time '07:00', md5(p.id::text || m || d) \
         from wt_profiles p cross join generate_series(0, $2 - 1) d \
         cross join unnest(array['resting_hr', 'hrv', 'sleep', 'stress']) m where p.id = $1",
    )
    .bind(profile)
    .bind(days)
    .execute(admin)
    .await
    .unwrap();
    sqlx::query(
        "insert into wt_workouts (profile_id, name, workout_type, completed, completed_at, duration_minutes, session_rpe) \
         select $1, 'Run', 'cardio', true, (current_date - d) + time '18:00', 40, 6 from generate_series(0, $2 - 1, 2) d",
    )
    .bind(profile)
    .bind(days)
    .execute(admin)
    .await
    .unwrap();
}

async fn engine_rows(admin: &PgPool, profile: Uuid) -> (i64, i64, i64) {
    sqlx::query_as(
        "select (select count(*) from wt_training_loads where profile_id = $1), \
                (select count(*) from wt_baselines where profile_id = $1), \
                (select count(*) from wt_recovery_scores where profile_id = $1)",
    )
    .bind(profile)
    .fetch_one(admin)
    .await
    .unwrap()
}

/// Every engine row of a profile with its row version (xmin): equal snapshots
/// mean nothing was written.
async fn snapshot(admin: &PgPool, profile: Uuid) -> Vec<String> {
    sqlx::query_scalar(
        "select x from ( \
           select 'l' || xmin::text || to_jsonb(t)::text as x from wt_training_loads t where profile_id = $1 \
           union all select 'b' || xmin::text || to_jsonb(t)::text from wt_baselines t where profile_id = $1 \
           union all select 'r' || xmin::text || to_jsonb(t)::text from wt_recovery_scores t where profile_id = $1 \
           union all select 'f' || xmin::text || to_jsonb(t)::text from wt_forecasts t where profile_id = $1 \
           union all select 'g' || xmin::text || to_jsonb(t)::text from wt_goal_forecasts t where profile_id = $1) s order by x",
    )
    .bind(profile)
    .fetch_all(admin)
    .await
    .unwrap()
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

#[tokio::test]
async fn recompute_writes_loads_baselines_and_recovery_for_the_named_profile_only() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let a = seed(&admin, 90).await;
    let b = seed(&admin, 90).await;

    let from = today() - Duration::days(29);
    let summary = app::performance::recompute::recompute(&pool, a, from, today()).await.unwrap().unwrap();
    assert_eq!(summary.training_loads, 45);
    let (loads, baselines, recovery) = engine_rows(&admin, a).await;
    assert_eq!((loads, recovery as usize), (45, summary.recovery_days));
    assert!(recovery >= 25, "a calibrated month is scored: {recovery}");
    assert_eq!(baselines, 4, "resting_hr, hrv, stress and sleep_quality");

    let (load, method, factor): (f64, String, f64) = sqlx::query_as(
        "select training_load::float8, load_method, intensity_factor::float8 from wt_training_loads where profile_id = $1 limit 1",
    )
    .bind(a)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!((load, method.as_str(), factor), (24.0, "srpe", 0.6), "40 min × RPE 6 / 10");

    let bad: i64 = sqlx::query_scalar(
        "select count(*) from wt_recovery_scores where profile_id = $1 \
         and (recovery_score < 0 or recovery_score > 100 or raw_data is null or raw_data->>'method_version' is null)",
    )
    .bind(a)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(bad, 0);
    assert_eq!(engine_rows(&admin, b).await, (0, 0, 0), "the other profile is untouched");
}

#[tokio::test]
async fn recomputing_twice_changes_nothing_and_stale_rows_go() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let a = seed(&admin, 80).await;
    add_weight_goal(&admin, a, 40).await;
    let from = today() - Duration::days(20);
    app::performance::recompute::recompute(&pool, a, from, today()).await.unwrap();
    let first = snapshot(&admin, a).await;
    assert!(first.iter().any(|row| row.starts_with('f')), "the goal got a forecast");
    assert!(!first.is_empty());
    app::performance::recompute::recompute(&pool, a, from, today()).await.unwrap();
    assert_eq!(snapshot(&admin, a).await, first, "no row was rewritten");

    // A workout loses its RPE: its load row goes on the next run.
    sqlx::query(
        "update wt_workouts set session_rpe = null where profile_id = $1 and completed_at::date = current_date",
    )
    .bind(a)
    .execute(&admin)
    .await
    .unwrap();
    let summary = app::performance::recompute::recompute(&pool, a, from, today()).await.unwrap().unwrap();
    assert!(summary.removed >= 1);
    assert_eq!(engine_rows(&admin, a).await.0, 39);
}

#[tokio::test]
async fn daily_runs_keep_one_baseline_per_metric_per_week() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let a = seed(&admin, 80).await;
    // Three weeks of daily runs, as the worker would do them.
    for back in (0..21).rev() {
        let to = today() - Duration::days(back);
        app::performance::recompute::recompute(&pool, a, to, to).await.unwrap();
    }
    let rows: Vec<(String, NaiveDate)> = sqlx::query_as(
        "select metric_type, capture_end from wt_baselines where profile_id = $1 order by metric_type, capture_end",
    )
    .bind(a)
    .fetch_all(&admin)
    .await
    .unwrap();
    let metrics: std::collections::BTreeSet<&str> = rows.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(metrics.len(), 4, "{rows:?}");
    for metric in metrics {
        let ends: Vec<NaiveDate> = rows.iter().filter(|(m, _)| m == metric).map(|(_, d)| *d).collect();
        let weeks: std::collections::BTreeSet<_> = ends.iter().map(|d| d.iso_week()).collect();
        assert_eq!(weeks.len(), ends.len(), "{metric}: one row per week, got {ends:?}");
        assert!(ends.len() >= 3, "{metric}: a weekly history is kept, got {ends:?}");
    }
    let again = app::performance::recompute::recompute(&pool, a, today(), today()).await.unwrap().unwrap();
    assert_eq!(again.removed, 0, "a re-run removes nothing");
    // The newest week's row is the newest as-of date.
    let latest: NaiveDate = sqlx::query_scalar(
        "select max(capture_end) from wt_baselines where profile_id = $1 and metric_type = 'resting_hr'",
    )
    .bind(a)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!(today() - latest <= Duration::days(7), "as of the last run, got {latest}");
}

#[tokio::test]
async fn a_device_workout_with_heart_rate_samples_gets_an_edwards_trimp_load() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let a = seed(&admin, 10).await; // born 1988-03-01
                                    // A 40-minute ride imported from a device: no RPE, heart rate every 15 s at 85 % of the
                                    // age-predicted maximum (zone 4), and one sample from before the ride that must not count.
    let workout: Uuid = sqlx::query_scalar(
        "insert into wt_workouts (profile_id, name, workout_type, completed, completed_at, duration_minutes) \
         values ($1, 'Ride', 'cardio', true, current_date + time '10:00', 40) returning id",
    )
    .bind(a)
    .fetch_one(&admin)
    .await
    .unwrap();
    let age: f64 = sqlx::query_scalar("select extract(year from age(current_date, date '1988-03-01'))::float8")
        .fetch_one(&admin)
        .await
        .unwrap();
    let hr = 0.85 * (208.0 - 0.7 * age);
    sqlx::query(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, recorded_at, dedupe_hash) \
         select p.user_id, p.id, 'garmin', 'hr', $2, current_date + time '09:20' + make_interval(secs => 15 * i), \
                md5(p.id::text || 'hr' || i) \
         from wt_profiles p cross join generate_series(-4, 159) i where p.id = $1",
    )
    .bind(a)
    .bind(hr)
    .execute(&admin)
    .await
    .unwrap();
    app::performance::recompute::recompute(&pool, a, today(), today()).await.unwrap();
    let (method, load, details): (String, f64, serde_json::Value) = sqlx::query_as(
        "select load_method, training_load::float8, load_details from wt_training_loads where workout_id = $1",
    )
    .bind(workout)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(method, "trimp");
    assert_eq!(details["trimp_variant"], "edwards", "{details}");
    // 160 samples × 15 s = 40 min in zone 4 → TRIMP 160 → load 16 (the pre-ride samples are outside).
    assert!((load - 16.0).abs() < 1e-6, "{load} {details}");
}

#[tokio::test]
async fn a_missing_profile_is_reported_not_invented() {
    let db = fresh_database().await;
    let pool = service_pool(&db).await;
    let none = app::performance::recompute::recompute(&pool, Uuid::new_v4(), today(), today()).await.unwrap();
    assert!(none.is_none());
}

#[tokio::test]
async fn new_data_is_queued_once_per_profile_and_the_worker_processes_it() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let a = seed(&admin, 60).await;
    // Seeding 240 metrics and 30 workouts coalesced into one row, from the earliest date.
    let (rows, from, generation): (i64, NaiveDate, i64) = sqlx::query_as(
        "select count(*), min(from_date), max(generation) from engine.recompute_queue where profile_id = $1",
    )
    .bind(a)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!((rows, from), (1, today() - Duration::days(59)));
    assert!(generation >= 270, "{generation}");

    // Two workers: SKIP LOCKED hands the row to one of them.
    let mut holder = app::db::begin_service(&pool).await.unwrap();
    let locked: Vec<Uuid> = sqlx::query_scalar("select profile_id from engine.recompute_queue for update")
        .fetch_all(&mut *holder)
        .await
        .unwrap();
    assert_eq!(locked, vec![a]);
    assert!(claim(&pool, "w2", 8).await.unwrap().is_empty(), "a locked row is skipped, not waited for");
    holder.rollback().await.unwrap();

    assert_eq!(run_once(&pool, "w1", Utc::now()).await.unwrap(), 1);
    let left: i64 = sqlx::query_scalar("select count(*) from engine.recompute_queue").fetch_one(&admin).await.unwrap();
    assert_eq!(left, 0);
    assert!(engine_rows(&admin, a).await.2 > 0, "recovery scores were written");
}

#[tokio::test]
async fn data_arriving_during_a_run_queues_the_profile_again_and_stale_leases_are_rescued() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let a = seed(&admin, 10).await;
    let job = claim(&pool, "w1", 8).await.unwrap().pop().unwrap();
    sqlx::query("update wt_health_metrics set value_num = value_num + 1 where profile_id = $1 and metric_type = 'stress' and recorded_at::date = current_date")
        .bind(a)
        .execute(&admin)
        .await
        .unwrap();
    assert!(complete(&pool, "w1", &job).await.unwrap());
    let status: String = sqlx::query_scalar("select status from engine.recompute_queue where profile_id = $1")
        .bind(a)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(status, "pending", "new data arrived mid-run");
    assert!(!complete(&pool, "w1", &job).await.unwrap(), "a finished lease cannot complete twice");

    // A worker that died mid-job: its lease is back-dated past the limit.
    claim(&pool, "dead", 8).await.unwrap();
    sqlx::query("update engine.recompute_queue set locked_at = now() - interval '11 minutes'")
        .execute(&admin)
        .await
        .unwrap();
    assert_eq!(rescue(&pool).await.unwrap(), 1);
    assert_eq!(claim(&pool, "w2", 8).await.unwrap().len(), 1);
}

/// A profile whose data keeps arriving cannot hold the worker: it is queued
/// again behind the households already waiting (one row per profile, oldest
/// first), so each waiting profile gets its turn.
#[tokio::test]
async fn a_busy_profile_takes_its_turn_behind_the_households_waiting() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let busy = seed(&admin, 5).await;
    let waiting = seed(&admin, 5).await;
    sqlx::query(
        "update engine.recompute_queue set requested_at = now() - interval '1 minute', \
                   next_retry_at = now() - interval '1 minute' where profile_id = $1",
    )
    .bind(busy)
    .execute(&admin)
    .await
    .unwrap();
    for _ in 0..3 {
        let job = claim(&pool, "w1", 1).await.unwrap().pop().unwrap();
        if job.profile_id == waiting {
            assert!(complete(&pool, "w1", &job).await.unwrap());
            break;
        }
        assert_eq!(job.profile_id, busy, "the older row first");
        // New data lands for the busy profile while it is computed.
        sqlx::query("update wt_health_metrics set value_num = value_num + 1 where profile_id = $1")
            .bind(busy)
            .execute(&admin)
            .await
            .unwrap();
        assert!(complete(&pool, "w1", &job).await.unwrap());
    }
    let left: Vec<Uuid> =
        sqlx::query_scalar("select profile_id from engine.recompute_queue").fetch_all(&admin).await.unwrap();
    assert_eq!(left, vec![busy], "the waiting profile ran after one turn of the busy one");
}

#[tokio::test]
async fn deleting_a_profile_cascades_without_requeueing_and_the_worker_drops_its_row() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let a = seed(&admin, 5).await;
    let generation = || async {
        sqlx::query_scalar::<_, i64>("select generation from engine.recompute_queue where profile_id = $1")
            .bind(a)
            .fetch_optional(&admin)
            .await
            .unwrap()
    };
    let before = generation().await.expect("seeding queued the profile");
    // The cascade deletes 20 metrics and 3 workouts; none of them re-queues the profile.
    sqlx::query("delete from wt_profiles where id = $1").bind(a).execute(&admin).await.unwrap();
    assert_eq!(generation().await, Some(before));
    assert_eq!(run_once(&pool, "w1", Utc::now()).await.unwrap(), 1);
    assert_eq!(generation().await, None, "the worker removed the row of the deleted profile");
}

/// A weight-loss goal (target 70 kg in 60 days) and `days` daily weights
/// falling from 80 kg by 0.1 kg a day.
async fn add_weight_goal(admin: &PgPool, profile: Uuid, days: i32) -> Uuid {
    sqlx::query(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, unit, recorded_at, dedupe_hash) \
         select p.user_id, p.id, 'manual', 'weight', 80 - (($2 - 1 - d) * 0.1), 'kg', (current_date - d) + time '07:30', \
                md5(p.id::text || 'weight' || d) \
         from wt_profiles p cross join generate_series(0, $2 - 1) d where p.id = $1",
    )
    .bind(profile)
    .bind(days)
    .execute(admin)
    .await
    .unwrap();
    sqlx::query_scalar(
        "insert into wt_goal_forecasts (profile_id, goal_description, target_value, unit, metric_type, target_date) \
         values ($1, 'Reach 70 kg', 70, 'kg', 'weight', current_date + 60) returning id",
    )
    .bind(profile)
    .fetch_one(admin)
    .await
    .unwrap()
}

#[tokio::test]
async fn goals_get_a_forecast_with_a_date_and_a_confidence_once_there_are_enough_points() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let a = seed(&admin, 3).await;
    let goal = add_weight_goal(&admin, a, 2).await;
    let summary = app::performance::recompute::recompute(&pool, a, today(), today()).await.unwrap().unwrap();
    assert_eq!(summary.forecasts, 0, "two weights are too few for a forecast");
    let rows: i64 = sqlx::query_scalar("select count(*) from wt_forecasts where goal_forecast_id = $1")
        .bind(goal)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(rows, 0);

    let b = seed(&admin, 3).await;
    let goal = add_weight_goal(&admin, b, 40).await;
    let summary = app::performance::recompute::recompute(&pool, b, today(), today()).await.unwrap().unwrap();
    assert_eq!(summary.forecasts, 1);
    let (model, slope, points, projected, confidence): (String, f64, i32, NaiveDate, f64) = sqlx::query_as(
        "select model_type::text, slope::float8, data_points, projected_date, confidence::float8 from wt_forecasts \
         where goal_forecast_id = $1",
    )
    .bind(goal)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(model, "linear_regression", "a straight line stays linear");
    assert!((slope + 0.1).abs() < 1e-6, "{slope}");
    assert_eq!(points, 40);
    // 76.1 kg today, falling 0.1 kg a day: 70 kg in 61 days, one day after the goal date.
    assert_eq!(projected, today() + Duration::days(61));
    assert!(confidence < 0.5, "the goal date comes a day too early: {confidence}");
    let (expected, score, current): (NaiveDate, f64, f64) = sqlx::query_as(
        "select expected_date, confidence_score::float8, current_value::float8 from wt_goal_forecasts where id = $1",
    )
    .bind(goal)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!((expected, score), (projected, confidence));
    assert!((current - 76.1).abs() < 1e-9);

    // A second weight today: the same forecast row moves on, no second row.
    sqlx::query(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, unit, recorded_at, dedupe_hash) \
         select user_id, id, 'manual', 'weight', 76.0, 'kg', current_date + time '20:00', 'late-weigh-in' from wt_profiles where id = $1",
    )
    .bind(b)
    .execute(&admin)
    .await
    .unwrap();
    app::performance::recompute::recompute(&pool, b, today(), today()).await.unwrap();
    let rows: Vec<i32> = sqlx::query_scalar("select data_points from wt_forecasts where goal_forecast_id = $1")
        .bind(goal)
        .fetch_all(&admin)
        .await
        .unwrap();
    assert_eq!(rows, vec![41]);
}

#[tokio::test]
async fn a_persons_override_is_kept_apart_and_survives_recomputation() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let a = seed(&admin, 60).await;
    app::performance::recompute::recompute(&pool, a, today() - Duration::days(5), today()).await.unwrap();
    let computed: f64 = sqlx::query_scalar(
        "select recovery_score::float8 from wt_recovery_scores where profile_id = $1 and score_date = current_date",
    )
    .bind(a)
    .fetch_one(&admin)
    .await
    .unwrap();
    sqlx::query("update wt_recovery_scores set override_reason = 'ill', overridden_at = now() where profile_id = $1 and score_date = current_date")
        .bind(a)
        .execute(&admin)
        .await
        .unwrap();
    // The heart inputs vanish: no score can be computed any more, so without the
    // override the row would be deleted; with it, the row and the verdict stay.
    sqlx::query("delete from wt_health_metrics where profile_id = $1 and metric_type in ('hrv', 'resting_hr')")
        .bind(a)
        .execute(&admin)
        .await
        .unwrap();
    app::performance::recompute::recompute(&pool, a, today() - Duration::days(5), today()).await.unwrap();
    let (reason, score): (Option<String>, f64) = sqlx::query_as(
        "select override_reason, recovery_score::float8 from wt_recovery_scores where profile_id = $1 and score_date = current_date",
    )
    .bind(a)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(reason.as_deref(), Some("ill"));
    assert_eq!(score, computed);
    let others: i64 = sqlx::query_scalar("select count(*) from wt_recovery_scores where profile_id = $1")
        .bind(a)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(others, 1, "rows without an override went with their inputs");
}

/// A household in `zone` with one profile and one 40-minute session
/// completed at `completed_at` (UTC), and a resting HR taken then.
async fn household_in(admin: &PgPool, zone: &str, completed_at: &str) -> Uuid {
    let profile = seed(admin, 0).await;
    sqlx::query("insert into wt_users (id, timezone) select user_id, $2 from wt_profiles where id = $1")
        .bind(profile)
        .bind(zone)
        .execute(admin)
        .await
        .unwrap();
    sqlx::query(
        "insert into wt_workouts (profile_id, name, workout_type, completed, completed_at, duration_minutes, session_rpe) \
         values ($1, 'Run', 'cardio', true, $2::timestamptz, 40, 6)",
    )
    .bind(profile)
    .bind(completed_at)
    .execute(admin)
    .await
    .unwrap();
    sqlx::query(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, recorded_at, dedupe_hash) \
         select user_id, id, 'manual', 'resting_hr', 55, $2::timestamptz, md5(id::text) from wt_profiles where id = $1",
    )
    .bind(profile)
    .bind(completed_at)
    .execute(admin)
    .await
    .unwrap();
    profile
}

#[tokio::test]
async fn the_engine_counts_days_on_the_households_clock() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    // 00:30 on 3 December in Auckland (NZDT) is 11:30 UTC on the 2nd;
    // 23:30 on 2 December in Los Angeles (PST) is 07:30 UTC on the 3rd.
    let auckland = household_in(&admin, "Pacific/Auckland", "2026-12-02T11:30:00Z").await;
    let los_angeles = household_in(&admin, "America/Los_Angeles", "2026-12-03T07:30:00Z").await;
    let load_days = |profile: Uuid| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, NaiveDate>("select load_date from wt_training_loads where profile_id = $1")
                .bind(profile)
                .fetch_all(&admin)
                .await
                .unwrap()
        }
    };
    use app::performance::recompute::{recompute, Through};
    recompute(&pool, los_angeles, day(1), day(4)).await.unwrap().unwrap();
    assert_eq!(load_days(los_angeles).await, vec![day(2)]);

    // Through 2 December, Auckland's session (on the 3rd there) is not yet in range…
    recompute(&pool, auckland, day(1), day(2)).await.unwrap().unwrap();
    assert_eq!(load_days(auckland).await, vec![]);
    // …but the worker computes through the household's today: at 11:30 UTC
    // on 2 December it is already 3 December in Auckland.
    let now = "2026-12-02T11:30:00Z".parse::<chrono::DateTime<Utc>>().unwrap();
    recompute(&pool, auckland, day(1), Through::TodayAt(now)).await.unwrap().unwrap();
    assert_eq!(load_days(auckland).await, vec![day(3)]);
}

#[tokio::test]
async fn a_window_from_year_one_walks_only_the_datas_days() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let pool = service_pool(&db).await;
    let profile = seed(&admin, 30).await;
    let year_one = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
    let started = std::time::Instant::now();
    let summary = app::performance::recompute::recompute(&pool, profile, year_one, today()).await.unwrap().unwrap();
    let took = started.elapsed();
    assert!(summary.recovery_days <= 31, "scores only for days with data: {}", summary.recovery_days);
    assert_eq!(summary.training_loads, 15);
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    // The same through the queue: a row dated year one drains like any other.
    sqlx::query(
        "insert into engine.recompute_queue (profile_id, from_date) values ($1, '0001-01-01') \
                 on conflict (profile_id) do update set from_date = excluded.from_date",
    )
    .bind(profile)
    .execute(&admin)
    .await
    .unwrap();
    let processed = run_once(&pool, "test-worker", Utc::now()).await.unwrap();
    assert_eq!(processed, 1);
}
