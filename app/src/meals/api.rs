//! Meal server functions: log a meal (graded when label values are given), list recent meals.

use leptos::prelude::*;

use super::model::MealEntry;
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{db::Caller, error::respond};

#[allow(clippy::too_many_arguments)]
#[server(endpoint = "meals/log")]
pub async fn log_meal(
    name: String,
    meal_type: String,
    meal_date: String,
    category: String,
    energy_kcal: String,
    sugars_g: String,
    saturated_fat_g: String,
    fat_g: String,
    salt_g: String,
    fibre_g: String,
    protein_g: String,
    fruit_veg_pct: String,
) -> Result<(), AppError> {
    let form = super::model::MealForm {
        name,
        meal_type,
        meal_date,
        category,
        energy_kcal,
        sugars_g,
        saturated_fat_g,
        fat_g,
        salt_g,
        fibre_g,
        protein_g,
        fruit_veg_pct,
    };
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
