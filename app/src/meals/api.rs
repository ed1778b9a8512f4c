//! Meal server functions: log a meal (graded when label values are given), list recent meals.

use leptos::prelude::*;

use super::model::MealEntry;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::{respond, Caller};

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
            let draft = form.parse(chrono::Utc::now().date_naive()).map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            sqlx::query(
                "insert into wt_meals (profile_id, meal_date, meal_type, name, nutrition_info, score) \
                 values ($1, $2, $3::wt_meal_type, $4, $5, $6)",
            )
            .bind(profile_id)
            .bind(draft.meal_date)
            .bind(&draft.meal_type)
            .bind(&draft.name)
            .bind(draft.nutrition_info())
            .bind(draft.grade().map(|g| g.grade.spec_score()))
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            leptos_axum::redirect("/meals");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "meals/list")]
pub async fn list_meals() -> Result<Vec<MealEntry>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let meals = sqlx::query_as(
                "select meal_date, meal_type::text as meal_type, name, score, nutrition_info #>> '{grade,grade}' as grade \
                 from wt_meals where profile_id = $1 order by meal_date desc, created_at desc limit 50",
            )
            .bind(profile_id)
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(meals)
        }
        .await,
    )
}
