//! Queries on wt_workouts, in the user's transaction.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{WorkoutDraft, WorkoutEntry, WorkoutTileFigures};
use crate::db::Scope;

/// Stores a completed session on the calendar day the person chose. It is
/// kept as noon of that day in the household's zone, which the engine reads
/// back as the same day (`completed_at at time zone` that zone).
pub async fn insert_completed(conn: &mut PgConnection, scope: Scope, draft: &WorkoutDraft) -> sqlx::Result<()> {
    sqlx::query(
        "insert into wt_workouts (profile_id, name, workout_type, scheduled_date, completed, completed_at, \
           duration_minutes, session_rpe) \
         values ($1, $2, $3, $4, true, ($4 + time '12:00') at time zone $7, $5, $6)",
    )
    .bind(scope.profile_id)
    .bind(&draft.name)
    .bind(draft.workout_type)
    .bind(draft.day)
    .bind(draft.duration_minutes)
    .bind(draft.session_rpe)
    .bind(scope.time_zone.name())
    .execute(conn)
    .await
    .map(drop)
}

/// The latest sessions with their training load, newest first. Ordered by
/// the stored day (every session logged here has one), so the read is an
/// ordered index scan that stops after `limit` rows.
pub async fn recent(conn: &mut PgConnection, profile_id: Uuid, limit: i64) -> sqlx::Result<Vec<WorkoutEntry>> {
    sqlx::query_as(
        "select w.name, w.workout_type, \
           w.scheduled_date as day, \
           w.duration_minutes, w.session_rpe::float8 as session_rpe, l.training_load::float8 as training_load, \
           l.load_method \
         from wt_workouts w left join wt_training_loads l on l.workout_id = w.id \
         where w.profile_id = $1 order by w.scheduled_date desc, w.created_at desc limit $2",
    )
    .bind(profile_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// The workouts tile's figures: sessions and minutes in the 7 days up to
/// `today` (the household's day).
pub async fn tile_figures(
    conn: &mut PgConnection,
    profile_id: Uuid,
    today: NaiveDate,
) -> sqlx::Result<WorkoutTileFigures> {
    sqlx::query_as(
        "select exists (select 1 from wt_workouts where profile_id = $1) as any_workout, \
           count(*) as week_count, coalesce(sum(duration_minutes), 0)::int8 as week_minutes \
         from wt_workouts where profile_id = $1 and completed \
           and scheduled_date > $2 - 7 and scheduled_date <= $2",
    )
    .bind(profile_id)
    .bind(today)
    .fetch_one(conn)
    .await
}
