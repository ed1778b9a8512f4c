//! Meal server functions: log a meal (graded when label values are given), list recent meals.

use leptos::prelude::*;

use super::model::MealEntry;
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{db::Caller, error::respond};

#[server(endpoint = "meals/log")]
pub async fn log_meal(#[server(flatten)] form: super::model::MealForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let draft = form.parse(scope.today).map_err(AppError::Invalid)?;
                        Ok(super::db::insert_meal(conn, scope.profile_id, &draft).await?)
                    })
                })
                .await?;
            leptos_axum::redirect("/meals");
            Ok(())
        }
        .await,
    )
}

/// The meals page: the viewer and the profile's latest 50 meals.
#[server(endpoint = "meals/page")]
pub async fn meals_page() -> Result<Paged<Vec<MealEntry>>, AppError> {
    respond(
        async {
            Caller::require()
                .await?
                .page(|conn, scope| {
                    Box::pin(async move { Ok(super::db::recent_meals(conn, scope.profile_id, 50).await?) })
                })
                .await
        }
        .await,
    )
}
