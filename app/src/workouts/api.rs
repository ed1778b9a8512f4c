//! Workout server functions.

use leptos::prelude::*;

use super::model::WorkoutEntry;
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{db::Caller, error::respond};

/// Logs a completed session. Its training load is computed by the engine's
/// worker shortly after (the insert queues the profile).
#[server(endpoint = "workouts/log")]
pub async fn log_workout(#[server(flatten)] form: super::model::WorkoutForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let draft = form.parse(scope.today).map_err(AppError::Invalid)?;
                        Ok(super::db::insert_completed(conn, scope, &draft).await?)
                    })
                })
                .await?;
            leptos_axum::redirect("/workouts");
            Ok(())
        }
        .await,
    )
}

/// The workouts page: the viewer and the latest 50 sessions.
#[server(endpoint = "workouts/page")]
pub async fn workouts_page() -> Result<Paged<Vec<WorkoutEntry>>, AppError> {
    respond(
        async {
            Caller::require()
                .await?
                .page(|conn, scope| Box::pin(async move { Ok(super::db::recent(conn, scope.profile_id, 50).await?) }))
                .await
        }
        .await,
    )
}
