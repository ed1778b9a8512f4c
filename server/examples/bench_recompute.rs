//! Recompute benchmark: five years of daily data for one profile (resting HR,
//! HRV, sleep, stress every day; about five workouts a week), end to end.
//! Prints the pure computation time (median of 5) and the database run (first
//! run writing everything, then a no-op re-run).
//!
//! `cargo run --release -p server --example bench_recompute`

use std::time::Instant;

use app::performance::logic::load::WorkoutType;
use app::performance::plan::{plan, Inputs, MetricFact, WorkoutFacts};
use app::performance::recompute::{day_number, recompute};
use server::embedded_pg::{EmbeddedPostgres, SUPERUSER};
use server::startup::{database, ensure_database};
use sqlx::postgres::PgPoolOptions;
use uuid::Uuid;

const DAYS: i64 = 5 * 365;

fn inputs(last_day: i64) -> Inputs {
    let mut metrics = Vec::new();
    let mut workouts = Vec::new();
    for i in 0..DAYS {
        let day = last_day - i;
        let w = ((i * 7919) % 13) as f64 / 13.0;
        for (metric, value) in [
            ("resting_hr", 55.0 + 4.0 * w),
            ("hrv", 45.0 + 15.0 * w),
            ("sleep", 6.0 + 2.0 * w),
            ("stress", 20.0 + 40.0 * w),
        ] {
            metrics.push(MetricFact { metric_type: metric.into(), day, value });
        }
        if i % 7 < 5 {
            workouts.push(WorkoutFacts {
                id: Uuid::from_u128(i as u128 + 1),
                day,
                workout_type: Some(WorkoutType::Cardio),
                duration_minutes: Some(30 + (i % 4) as u32 * 10),
                session_rpe: Some(4.0 + (i % 5) as f64),
                sets: vec![],
                has_cardio_work: true,
                ..Default::default()
            });
        }
    }
    Inputs { age_years: Some(40), workouts, metrics, hr_max_observed: None }
}

#[tokio::main]
async fn main() {
    let today = chrono::Utc::now().date_naive();
    let last = day_number(today);
    let data = inputs(last);
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let p = plan(&data, last - DAYS + 1, last);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        rows = p.loads.len() + p.baselines.len() + p.recovery.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "pure: {} metric rows + {} workouts over {DAYS} days -> {rows} engine rows: median {:.1} ms (min {:.1}, max {:.1}) of 5 runs",
        data.metrics.len(),
        data.workouts.len(),
        times[2],
        times[0],
        times[4]
    );

    let dir = std::env::temp_dir().join(format!("welltrack-bench-recompute-{}", std::process::id()));
    let pg = tokio::task::spawn_blocking(move || EmbeddedPostgres::start(&dir, false)).await.unwrap().expect("cluster");
    ensure_database(&pg.connect_options(SUPERUSER, "postgres"), "bench").await.unwrap();
    let db = server::config::Database::Options {
        admin: Box::new(pg.connect_options(SUPERUSER, "bench")),
        app: Box::new(pg.connect_options("wt_app", "bench")),
        service: Box::new(pg.connect_options("wt_service", "bench")),
    };
    let (pools, _) = database(&db, None).await.expect("migrated");
    let pool = pools.service.clone();
    let admin = PgPoolOptions::new().connect_with(pg.connect_options(SUPERUSER, "bench")).await.unwrap();
    let user: Uuid = sqlx::query_scalar(
        "insert into auth.users (email, password_hash) values ('bench@example.org', 'x') returning id",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    let profile: Uuid = sqlx::query_scalar(
        "insert into wt_profiles (user_id, profile_type, display_name, is_primary, date_of_birth) values ($1, 'parent', 'B', true, '1986-01-01') returning id",
    )
    .bind(user)
    .fetch_one(&admin)
    .await
    .unwrap();
    sqlx::query(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, recorded_at, dedupe_hash) \
         select $1, $2, 'manual', m::wt_metric_type, 40 + random() * 20, (current_date - d) + time '07:00', md5(m || d) \
         from generate_series(0, $3 - 1) d cross join unnest(array['resting_hr', 'hrv', 'sleep', 'stress']) m",
    )
    .bind(user)
    .bind(profile)
    .bind(DAYS as i32)
    .execute(&admin)
    .await
    .unwrap();
    sqlx::raw_sql(
        "update wt_health_metrics set value_num = 5 + random() * 4 where metric_type = 'sleep'; \
         update wt_health_metrics set value_num = 50 + random() * 10 where metric_type = 'resting_hr'",
    )
    .execute(&admin)
    .await
    .unwrap();
    sqlx::query(
        "insert into wt_workouts (profile_id, name, workout_type, completed, completed_at, duration_minutes, session_rpe) \
         select $1, 'Run', 'cardio', true, (current_date - d) + time '18:00', 30 + (d % 4) * 10, 4 + d % 5 \
         from generate_series(0, $2 - 1) d where d % 7 < 5",
    )
    .bind(profile)
    .bind(DAYS as i32)
    .execute(&admin)
    .await
    .unwrap();
    sqlx::raw_sql("analyze").execute(&admin).await.unwrap();
    let from = today - chrono::Duration::days(DAYS - 1);
    let t = Instant::now();
    let summary = recompute(&pool, profile, from, today).await.unwrap().unwrap();
    let first = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    recompute(&pool, profile, from, today).await.unwrap();
    let second = t.elapsed().as_secs_f64() * 1000.0;
    println!("database: first run {first:.0} ms ({summary:?}); no-op re-run {second:.0} ms");
    pools.close().await;
    admin.close().await;
    let _ = tokio::task::spawn_blocking(move || pg.stop()).await;
}
