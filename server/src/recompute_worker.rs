//! The recompute worker: a loop over `engine.recompute_queue`, which triggers
//! on health metrics, workouts and workout logs fill (one row per profile,
//! bursts coalesced). Claims use `FOR UPDATE SKIP LOCKED`; completion is
//! fenced by the worker id and the generation it claimed, so data that lands
//! while a profile is being computed queues it again (security.md, Queues).

use std::time::Duration;

use app::db::begin_service;
use app::performance::recompute::{recompute, Through};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// Longer than any recompute; a lease older than this is rescued.
pub const LEASE_MINUTES: i32 = 10;
const BATCH: i64 = 8;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub profile_id: Uuid,
    pub from_date: NaiveDate,
    pub generation: i64,
}

pub async fn claim(pool: &PgPool, worker: &str, limit: i64) -> sqlx::Result<Vec<Job>> {
    let mut tx = begin_service(pool).await?;
    let rows: Vec<(Uuid, NaiveDate, i64)> = sqlx::query_as(
        "with c as ( \
           select profile_id from engine.recompute_queue \
           where status = 'pending' and next_retry_at <= now() \
           order by next_retry_at, requested_at limit $2 for update skip locked) \
         update engine.recompute_queue q set status = 'processing', locked_by = $1, locked_at = now(), \
           attempts = q.attempts + 1, claimed_generation = q.generation \
         from c where q.profile_id = c.profile_id \
         returning q.profile_id, q.from_date, q.generation",
    )
    .bind(worker)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(|(profile_id, from_date, generation)| Job { profile_id, from_date, generation }).collect())
}

/// Done: delete the row, unless new data arrived meanwhile (then it is pending again).
/// `false` when the lease was lost.
pub async fn complete(pool: &PgPool, worker: &str, job: &Job) -> sqlx::Result<bool> {
    let mut tx = begin_service(pool).await?;
    let deleted = sqlx::query(
        "delete from engine.recompute_queue where profile_id = $1 and locked_by = $2 and status = 'processing' and generation = $3",
    )
    .bind(job.profile_id)
    .bind(worker)
    .bind(job.generation)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let requeued = if deleted == 0 {
        sqlx::query(
            "update engine.recompute_queue set status = 'pending', locked_by = null, locked_at = null, attempts = 0, \
               last_error = null, next_retry_at = now() \
             where profile_id = $1 and locked_by = $2 and status = 'processing'",
        )
        .bind(job.profile_id)
        .bind(worker)
        .execute(&mut *tx)
        .await?
        .rows_affected()
    } else {
        0
    };
    tx.commit().await?;
    Ok(deleted + requeued == 1)
}

/// Failed: back off (River's curve, attempts⁴ s capped at 6 h, ±10 % jitter).
pub async fn fail(pool: &PgPool, worker: &str, job: &Job, error: &str) -> sqlx::Result<()> {
    let mut tx = begin_service(pool).await?;
    sqlx::query(
        "update engine.recompute_queue set status = 'pending', locked_by = null, locked_at = null, last_error = $3, \
           next_retry_at = now() + make_interval(secs => least(power(attempts, 4), 21600) * (0.9 + 0.2 * random())) \
         where profile_id = $1 and locked_by = $2 and status = 'processing'",
    )
    .bind(job.profile_id)
    .bind(worker)
    .bind(error)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Makes jobs of crashed workers claimable again.
pub async fn rescue(pool: &PgPool) -> sqlx::Result<u64> {
    let mut tx = begin_service(pool).await?;
    let n = sqlx::query(
        "update engine.recompute_queue set status = 'pending', locked_by = null, locked_at = null, next_retry_at = now() \
         where status = 'processing' and locked_at < now() - make_interval(mins => $1)",
    )
    .bind(LEASE_MINUTES)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(n)
}

/// Claims and processes one batch, each job through its household's today
/// at `now`; returns how many jobs ran.
pub async fn run_once(pool: &PgPool, worker: &str, now: DateTime<Utc>) -> sqlx::Result<usize> {
    let jobs = claim(pool, worker, BATCH).await?;
    for job in &jobs {
        // The queue keeps the UTC date of the change (the trigger knows no
        // household); every zone's date is within a day of it, so start a day
        // earlier and let the recompute work on the household's calendar.
        let from = job.from_date - chrono::Duration::days(1);
        match recompute(pool, job.profile_id, from, Through::TodayAt(now)).await {
            Ok(summary) => {
                tracing::info!(profile = %job.profile_id, %from, ?summary, "recomputed");
                if !complete(pool, worker, job).await? {
                    tracing::warn!(profile = %job.profile_id, "recompute lease lost");
                }
            }
            Err(err) => {
                tracing::error!(profile = %job.profile_id, error = %err, "recompute failed");
                fail(pool, worker, job, &err.to_string()).await?;
            }
        }
    }
    Ok(jobs.len())
}

/// The in-process worker loop, until the task is dropped.
pub fn spawn(pool: PgPool) -> tokio::task::JoinHandle<()> {
    let worker = format!("{}-{}", std::process::id(), Uuid::new_v4().simple());
    tokio::spawn(async move {
        let mut last_rescue = std::time::Instant::now();
        loop {
            if last_rescue.elapsed() > Duration::from_secs(60) {
                if let Err(err) = rescue(&pool).await {
                    tracing::error!(error = %err, "recompute rescue failed");
                }
                last_rescue = std::time::Instant::now();
            }
            match run_once(&pool, &worker, Utc::now()).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(err) => tracing::error!(error = %err, "recompute worker error"),
            }
            // Polling doubles as debouncing: a burst of entries lands in one job.
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
    })
}
