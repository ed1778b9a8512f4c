//! Workout server functions.

use leptos::prelude::*;

use super::model::WorkoutEntry;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::{respond, Caller};

/// Logs a completed session. Its training load is computed by the engine's
/// worker shortly after (the insert queues the profile).
#[server(endpoint = "workouts/log")]
pub async fn log_workout(
    name: String,
    workout_type: String,
    day: String,
    duration_minutes: String,
    session_rpe: String,
) -> Result<(), AppError> {
    respond(
        async {
            let today = chrono::Utc::now().date_naive();
            let draft = super::model::parse_workout(&name, &workout_type, &day, &duration_minutes, &session_rpe, today)
                .map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            sqlx::query(
                "insert into wt_workouts (profile_id, name, workout_type, scheduled_date, completed, completed_at, \
                   duration_minutes, session_rpe) \
                 values ($1, $2, $3::wt_workout_type, $4, true, ($4 + time '12:00') at time zone 'UTC', $5, $6)",
            )
            .bind(profile_id)
            .bind(&draft.name)
            .bind(&draft.workout_type)
            .bind(draft.day)
            .bind(draft.duration_minutes)
            .bind(draft.session_rpe)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            leptos_axum::redirect("/workouts");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "workouts/list")]
pub async fn list_workouts() -> Result<Vec<WorkoutEntry>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let rows = sqlx::query_as(
                "select w.name, w.workout_type::text as workout_type, coalesce(w.completed_at::date, w.scheduled_date) as day, \
                   w.duration_minutes, w.session_rpe::float8 as session_rpe, l.training_load::float8 as training_load, \
                   l.load_method \
                 from wt_workouts w left join wt_training_loads l on l.workout_id = w.id \
                 where w.profile_id = $1 order by day desc nulls last, w.created_at desc limit 50",
            )
            .bind(profile_id)
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(rows)
        }
        .await,
    )
}
