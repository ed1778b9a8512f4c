//! Recipe server functions: the household's recipes, their ingredients (matched to USDA SR28
//! foods and weighed), steps, computed nutrition and grade, and logging a serving as a meal.

use leptos::prelude::*;

use super::model::{FoodMatch, RecipeDetail, RecipeSummary};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::{respond, Caller};

/// A recipe or ingredient id from a form; anything else is a 404.
#[cfg(feature = "ssr")]
fn id_from_form(raw: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// Opens the caller's transaction on a recipe this household may change (another household's,
/// even a public one, or a malformed id is a 404).
#[cfg(feature = "ssr")]
async fn begin_on_editable(recipe_id: &str) -> Result<(crate::db::Tx, uuid::Uuid), AppError> {
    let id = id_from_form(recipe_id)?;
    let caller = Caller::require().await?;
    let mut tx = caller.begin().await?;
    let mine: bool = sqlx::query_scalar(
        "select exists (select 1 from wt_recipes where id = $1 and profile_id in (select id from wt_profiles))",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if mine {
        Ok((tx, id))
    } else {
        Err(AppError::NotFound)
    }
}

/// After a change to a recipe or its ingredients: recomputes its nutrition, commits, and goes
/// back to the recipe's page.
#[cfg(feature = "ssr")]
async fn save_and_show(mut tx: crate::db::Tx, id: uuid::Uuid) -> Result<(), AppError> {
    super::db::refresh_nutrition(&mut tx, id).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/recipes/{id}"));
    Ok(())
}

#[server(endpoint = "recipes/create")]
pub async fn create_recipe(
    title: String,
    description: String,
    servings: String,
    prep_time_min: String,
    cook_time_min: String,
    grade_category: String,
) -> Result<(), AppError> {
    let form = super::model::RecipeForm { title, description, servings, prep_time_min, cook_time_min, grade_category };
    respond(
        async {
            let draft = form.parse().map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let id: uuid::Uuid = sqlx::query_scalar(
                "insert into wt_recipes (profile_id, title, description, servings, prep_time_min, cook_time_min, \
                   source_type, grade_category) \
                 values ($1, $2, $3, $4, $5, $6, 'manual', $7) returning id",
            )
            .bind(profile_id)
            .bind(&draft.title)
            .bind(&draft.description)
            .bind(draft.servings)
            .bind(draft.prep_time_min)
            .bind(draft.cook_time_min)
            .bind(draft.grade_category)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}

#[allow(clippy::too_many_arguments)]
#[server(endpoint = "recipes/update")]
pub async fn update_recipe(
    recipe_id: String,
    title: String,
    description: String,
    servings: String,
    prep_time_min: String,
    cook_time_min: String,
    grade_category: String,
) -> Result<(), AppError> {
    let form = super::model::RecipeForm { title, description, servings, prep_time_min, cook_time_min, grade_category };
    respond(
        async {
            let draft = form.parse().map_err(AppError::Invalid)?;
            let (mut tx, id) = begin_on_editable(&recipe_id).await?;
            sqlx::query(
                "update wt_recipes set title = $2, description = $3, servings = $4, prep_time_min = $5, \
                   cook_time_min = $6, grade_category = $7 where id = $1",
            )
            .bind(id)
            .bind(&draft.title)
            .bind(&draft.description)
            .bind(draft.servings)
            .bind(draft.prep_time_min)
            .bind(draft.cook_time_min)
            .bind(draft.grade_category)
            .execute(&mut *tx)
            .await?;
            save_and_show(tx, id).await
        }
        .await,
    )
}

#[server(endpoint = "recipes/delete")]
pub async fn delete_recipe(recipe_id: String) -> Result<(), AppError> {
    respond(
        async {
            let (mut tx, id) = begin_on_editable(&recipe_id).await?;
            sqlx::query("delete from wt_recipes where id = $1").bind(id).execute(&mut *tx).await?;
            tx.commit().await?;
            leptos_axum::redirect("/recipes");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "recipes/list")]
pub async fn list_recipes() -> Result<Vec<RecipeSummary>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let mut tx = caller.begin().await?;
            let rows = sqlx::query_as(
                "select r.id, r.title, r.servings, \
                   (select count(*) from wt_recipe_ingredients i where i.recipe_id = r.id) as ingredient_count, \
                   r.nutrition_info #>> '{grade,grade}' as grade, \
                   (r.nutrition_info #>> '{per_serving,energy_kcal}')::float8 as kcal_per_serving, \
                   p.display_name as created_by \
                 from wt_recipes r join wt_profiles p on p.id = r.profile_id \
                 order by r.updated_at desc limit 200",
            )
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(rows)
        }
        .await,
    )
}

#[server(endpoint = "recipes/get")]
pub async fn get_recipe(recipe_id: String) -> Result<RecipeDetail, AppError> {
    respond(
        async {
            use super::model::{IngredientRow, NutritionView, StepRow};
            let id = id_from_form(&recipe_id)?;
            let caller = Caller::require().await?;
            let mut tx = caller.begin().await?;
            type Row = (
                String,
                Option<String>,
                Option<i32>,
                Option<i32>,
                Option<i32>,
                String,
                bool,
                Option<serde_json::Value>,
            );
            let row: Option<Row> = sqlx::query_as(
                "select title, description, servings, prep_time_min, cook_time_min, grade_category, \
                   profile_id in (select id from wt_profiles), nutrition_info from wt_recipes where id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((title, description, servings, prep_time_min, cook_time_min, grade_category, editable, info)) =
                row
            else {
                return Err(AppError::NotFound);
            };
            let ingredients: Vec<IngredientRow> = sqlx::query_as(
                "select id, ingredient_name, quantity::float8 as quantity, unit, grams::float8 as grams, food_ndb_no \
                 from wt_recipe_ingredients where recipe_id = $1 order by sort_order nulls last, created_at",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            let steps: Vec<StepRow> = sqlx::query_as(
                "select step_number, instruction, duration_minutes from wt_recipe_steps \
                 where recipe_id = $1 order by step_number",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            let nutrition = info.and_then(|v| serde_json::from_value::<NutritionView>(v).ok());
            Ok(RecipeDetail {
                id,
                title,
                description,
                servings,
                prep_time_min,
                cook_time_min,
                grade_category,
                editable,
                ingredients,
                steps,
                nutrition,
            })
        }
        .await,
    )
}

#[server(endpoint = "recipes/foods")]
pub async fn search_foods(q: String) -> Result<Vec<FoodMatch>, AppError> {
    respond(
        async {
            let words = super::model::search_words(&q);
            let caller = Caller::require().await?;
            let mut tx = caller.begin().await?;
            let foods = super::db::search_foods(&mut tx, &words, 15).await?;
            tx.commit().await?;
            Ok(foods)
        }
        .await,
    )
}

#[server(endpoint = "recipes/ingredients/add")]
pub async fn add_ingredient(
    recipe_id: String,
    food_ndb_no: String,
    quantity: String,
    unit: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (mut tx, id) = begin_on_editable(&recipe_id).await?;
            let Some((description, portions)) = super::db::food_with_portions(&mut tx, food_ndb_no.trim()).await?
            else {
                let mut e = crate::error::FieldErrors::new();
                e.add("food_ndb_no", "Choose a food from the search results.");
                return Err(AppError::Invalid(e));
            };
            let draft = super::model::parse_ingredient(&quantity, &unit, &portions).map_err(AppError::Invalid)?;
            let unit_text = crate::meals::logic::recipe::unit_text(&draft.unit, &portions);
            sqlx::query(
                "insert into wt_recipe_ingredients (recipe_id, ingredient_name, quantity, unit, food_ndb_no, grams, sort_order) \
                 values ($1, $2, $3, $4, $5, $6, \
                   (select coalesce(max(sort_order), 0) + 1 from wt_recipe_ingredients where recipe_id = $1))",
            )
            .bind(id)
            .bind(&description)
            .bind(draft.quantity)
            .bind(&unit_text)
            .bind(food_ndb_no.trim())
            .bind(draft.grams)
            .execute(&mut *tx)
            .await?;
            save_and_show(tx, id).await
        }
        .await,
    )
}

#[server(endpoint = "recipes/ingredients/remove")]
pub async fn remove_ingredient(recipe_id: String, ingredient_id: String) -> Result<(), AppError> {
    respond(
        async {
            let ingredient = id_from_form(&ingredient_id)?;
            let (mut tx, id) = begin_on_editable(&recipe_id).await?;
            let removed = sqlx::query("delete from wt_recipe_ingredients where id = $1 and recipe_id = $2")
                .bind(ingredient)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if removed == 0 {
                return Err(AppError::NotFound);
            }
            save_and_show(tx, id).await
        }
        .await,
    )
}

#[server(endpoint = "recipes/steps/add")]
pub async fn add_step(recipe_id: String, instruction: String, duration_minutes: String) -> Result<(), AppError> {
    respond(
        async {
            let (text, minutes) =
                super::model::parse_step(&instruction, &duration_minutes).map_err(AppError::Invalid)?;
            let (mut tx, id) = begin_on_editable(&recipe_id).await?;
            sqlx::query(
                "insert into wt_recipe_steps (recipe_id, step_number, instruction, duration_minutes) \
                 values ($1, (select coalesce(max(step_number), 0) + 1 from wt_recipe_steps where recipe_id = $1), $2, $3)",
            )
            .bind(id)
            .bind(&text)
            .bind(minutes)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Logs servings of a recipe as a meal of the current profile, with the recipe's nutrition
/// scaled to the servings eaten and its grade (the grade is per 100 g, so it does not scale).
#[server(endpoint = "recipes/log-meal")]
pub async fn log_recipe_meal(
    recipe_id: String,
    servings: String,
    meal_type: String,
    meal_date: String,
) -> Result<(), AppError> {
    respond(
        async {
            let id = id_from_form(&recipe_id)?;
            let today = chrono::Utc::now().date_naive();
            let (servings, meal_type, meal_date) =
                super::model::parse_meal_log(&servings, &meal_type, &meal_date, today).map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let row: Option<(String, Option<serde_json::Value>, Option<String>)> =
                sqlx::query_as("select title, nutrition_info, nutrition_score from wt_recipes where id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((title, info, score)) = row else {
                return Err(AppError::NotFound);
            };
            let nutrition_info = super::model::meal_nutrition_info(id, servings, info.as_ref());
            sqlx::query(
                "insert into wt_meals (profile_id, recipe_id, meal_date, meal_type, name, servings_consumed, nutrition_info, score) \
                 values ($1, $2, $3, $4::wt_meal_type, $5, $6, $7, $8)",
            )
            .bind(profile_id)
            .bind(id)
            .bind(meal_date)
            .bind(&meal_type)
            .bind(&title)
            .bind(servings)
            .bind(nutrition_info)
            .bind(score)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            leptos_axum::redirect("/meals");
            Ok(())
        }
        .await,
    )
}
