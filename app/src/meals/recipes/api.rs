//! Recipe server functions: the household's recipes, their ingredients (matched to USDA SR28
//! foods and weighed), steps, computed nutrition and grade, and logging a serving as a meal.

use leptos::prelude::*;

use super::model::{FoodMatch, RecipeDetail, RecipePageData, RecipeSummary};
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{db::Caller, error::respond};

/// How many recipes the list shows.
#[cfg(feature = "ssr")]
const LIST_LEN: i64 = 200;

/// How many foods a search shows.
#[cfg(feature = "ssr")]
const FOOD_RESULTS: i64 = 15;

/// Runs `work` on a recipe this household may change, in the caller's transaction, and returns
/// the recipe's id. Another household's recipe (even a public one) or a malformed id is a 404,
/// and `work` does not run.
#[cfg(feature = "ssr")]
async fn edit_recipe<T: Send + 'static>(
    recipe_id: &str,
    work: impl for<'c> FnOnce(&'c mut sqlx::PgConnection, uuid::Uuid) -> crate::db::Work<'c, T> + Send + 'static,
) -> Result<uuid::Uuid, AppError> {
    let id = crate::input::record_id(recipe_id)?;
    Caller::require()
        .await?
        .as_user(move |conn| {
            Box::pin(async move {
                if !super::db::is_editable(conn, id).await? {
                    return Err(AppError::NotFound);
                }
                work(conn, id).await?;
                Ok(id)
            })
        })
        .await
}

#[server(endpoint = "recipes/create")]
pub async fn create_recipe(#[server(flatten)] form: super::model::RecipeForm) -> Result<(), AppError> {
    respond(
        async {
            let draft = form.parse().map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let id = caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move { Ok(super::db::insert(conn, scope.profile_id, &draft).await?) })
                })
                .await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "recipes/update")]
pub async fn update_recipe(
    recipe_id: String,
    #[server(flatten)] form: super::model::RecipeForm,
) -> Result<(), AppError> {
    respond(
        async {
            let draft = form.parse().map_err(AppError::Invalid)?;
            let id = edit_recipe(&recipe_id, move |conn, id| {
                Box::pin(async move {
                    super::db::update(conn, id, &draft).await?;
                    Ok(super::db::refresh_nutrition(conn, id).await?)
                })
            })
            .await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "recipes/delete")]
pub async fn delete_recipe(recipe_id: String) -> Result<(), AppError> {
    respond(
        async {
            edit_recipe(&recipe_id, move |conn, id| Box::pin(async move { Ok(super::db::delete(conn, id).await?) }))
                .await?;
            leptos_axum::redirect("/recipes");
            Ok(())
        }
        .await,
    )
}

/// The recipes page: the viewer and the household's recipes.
#[server(endpoint = "recipes/page")]
pub async fn recipes_page() -> Result<Paged<Vec<RecipeSummary>>, AppError> {
    respond(
        async {
            Caller::require()
                .await?
                .page(|conn, _| Box::pin(async move { Ok(super::db::summaries(conn, LIST_LEN).await?) }))
                .await
        }
        .await,
    )
}

#[server(endpoint = "recipes/get")]
pub async fn get_recipe(recipe_id: String) -> Result<RecipeDetail, AppError> {
    respond(
        async {
            let id = crate::input::record_id(&recipe_id)?;
            Caller::require()
                .await?
                .as_user(move |conn| {
                    Box::pin(async move { super::db::recipe_detail(conn, id).await?.ok_or(AppError::NotFound) })
                })
                .await
        }
        .await,
    )
}

/// The recipe page: the viewer, the recipe, and the foods found for the page's search form
/// (`q`, a GET parameter so the search works without JavaScript), in one transaction.
#[server(endpoint = "recipes/page-detail")]
pub async fn recipe_page(recipe_id: String, q: String) -> Result<Paged<RecipePageData>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&recipe_id)?;
            let words = super::logic::search_words(&q);
            caller
                .page(move |conn, _| {
                    Box::pin(async move {
                        let recipe = super::db::recipe_detail(conn, id).await?.ok_or(AppError::NotFound)?;
                        let results = if recipe.editable {
                            super::db::search_foods(conn, &words, FOOD_RESULTS).await?
                        } else {
                            Vec::new()
                        };
                        Ok(RecipePageData { recipe, q, results })
                    })
                })
                .await
        }
        .await,
    )
}

#[server(endpoint = "recipes/foods")]
pub async fn search_foods(q: String) -> Result<Vec<FoodMatch>, AppError> {
    respond(
        async {
            let words = super::logic::search_words(&q);
            Caller::require()
                .await?
                .as_user(move |conn| {
                    Box::pin(async move { Ok(super::db::search_foods(conn, &words, FOOD_RESULTS).await?) })
                })
                .await
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
            let id = edit_recipe(&recipe_id, move |conn, id| {
                Box::pin(async move {
                    let ndb_no = food_ndb_no.trim();
                    let Some((description, portions)) = super::db::food_with_portions(conn, ndb_no).await? else {
                        return Err(crate::error::FieldErrors::single(
                            "food_ndb_no",
                            "Choose a food from the search results.",
                        ));
                    };
                    let draft =
                        super::logic::parse_ingredient(&quantity, &unit, &portions).map_err(AppError::Invalid)?;
                    let unit_text = crate::meals::logic::recipe::unit_text(&draft.unit, &portions);
                    super::db::insert_ingredient(
                        conn,
                        id,
                        ndb_no,
                        &description,
                        draft.quantity,
                        &unit_text,
                        draft.grams,
                    )
                    .await?;
                    Ok(super::db::refresh_nutrition(conn, id).await?)
                })
            })
            .await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "recipes/ingredients/remove")]
pub async fn remove_ingredient(recipe_id: String, ingredient_id: String) -> Result<(), AppError> {
    respond(
        async {
            let ingredient = crate::input::record_id(&ingredient_id)?;
            let id = edit_recipe(&recipe_id, move |conn, id| {
                Box::pin(async move {
                    if !super::db::delete_ingredient(conn, id, ingredient).await? {
                        return Err(AppError::NotFound);
                    }
                    Ok(super::db::refresh_nutrition(conn, id).await?)
                })
            })
            .await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "recipes/steps/add")]
pub async fn add_step(recipe_id: String, instruction: String, duration_minutes: String) -> Result<(), AppError> {
    respond(
        async {
            let (text, minutes) =
                super::logic::parse_step(&instruction, &duration_minutes).map_err(AppError::Invalid)?;
            let id = edit_recipe(&recipe_id, move |conn, id| {
                Box::pin(async move { Ok(super::db::insert_step(conn, id, &text, minutes).await?) })
            })
            .await?;
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
            let id = crate::input::record_id(&recipe_id)?;
            let caller = Caller::require().await?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let (servings, meal_type, meal_date) =
                            super::logic::parse_meal_log(&servings, &meal_type, &meal_date, scope.today)
                                .map_err(AppError::Invalid)?;
                        let logged =
                            super::db::log_as_meal(conn, scope.profile_id, id, servings, meal_type, meal_date).await?;
                        if !logged {
                            return Err(AppError::NotFound);
                        }
                        Ok(())
                    })
                })
                .await?;
            leptos_axum::redirect("/meals");
            Ok(())
        }
        .await,
    )
}

/// What the importer reads on the page to import: fetched from `url`, or `html` as pasted
/// (then `url`, when given, is only its source). Field errors name the field to fix.
#[cfg(feature = "ssr")]
async fn read_draft(url: &str, html: String) -> Result<super::import::ImportPreview, AppError> {
    use super::import::fetch::{fetch_page, parse_url, FetchPolicy};
    use crate::error::FieldErrors;
    if html.len() > super::import::MAX_PAGE_BYTES {
        return Err(FieldErrors::single("html", "The page is larger than 2 MB."));
    }
    let (page, source_url) = if !html.trim().is_empty() {
        (html, parse_url(url).ok().map(|u| u.to_string()))
    } else if url.trim().is_empty() {
        return Err(FieldErrors::single("url", "Enter the recipe's web address, or paste the page below."));
    } else {
        let policy = use_context::<FetchPolicy>().unwrap_or_default();
        let (page, final_url) = fetch_page(url, policy).await.map_err(|e| FieldErrors::single("url", e.to_string()))?;
        (page, Some(final_url))
    };
    let mut draft = super::import::read_page(page).await?.unwrap_or_default();
    draft.source_url = draft.source_url.or(source_url);
    Ok(super::import::preview(draft))
}

/// What the importer reads on a page, without saving anything: `POST` `url` (fetched) or
/// `html`, get the draft and its parsed ingredient lines as JSON (for scripts and tests).
#[server(endpoint = "recipes/import/parse")]
pub async fn parse_recipe(url: String, html: String) -> Result<super::import::ImportPreview, AppError> {
    respond(
        async {
            Caller::require().await?;
            read_draft(&url, html).await
        }
        .await,
    )
}

/// Imports a recipe from a page into the household's recipes and opens it: whatever the
/// page lacks is left for the person to fill in, and each ingredient gets a proposed SR28
/// food to confirm or change.
#[server(endpoint = "recipes/import")]
pub async fn import_recipe(url: String, html: String) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let preview = read_draft(&url, html).await?;
            let id = caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let mut lines = Vec::with_capacity(preview.lines.len());
                        for (raw, line) in preview.draft.ingredients.iter().zip(&preview.lines) {
                            let words = super::import::food_search_words(&line.food);
                            let mut found = super::db::search_foods(conn, &words, 1).await?.into_iter().next();
                            if found.is_none() && words.len() > 1 {
                                let last = words[words.len() - 1..].to_vec();
                                found = super::db::search_foods(conn, &last, 1).await?.into_iter().next();
                            }
                            let ingredient = super::import::ImportedIngredient::from_line(
                                line,
                                found.as_ref().map(|f| (f.ndb_no.as_str(), f.portions.as_slice())),
                            );
                            let name = if line.food.trim().is_empty() { raw.clone() } else { line.food.clone() };
                            lines.push((name.chars().take(200).collect::<String>(), ingredient));
                        }
                        let id = super::db::insert_imported(conn, scope.profile_id, &preview.draft, &lines).await?;
                        super::db::refresh_nutrition(conn, id).await?;
                        Ok(id)
                    })
                })
                .await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Confirms the importer's proposed food for one ingredient.
#[server(endpoint = "recipes/ingredients/confirm")]
pub async fn confirm_ingredient(recipe_id: String, ingredient_id: String) -> Result<(), AppError> {
    respond(
        async {
            let ingredient = crate::input::record_id(&ingredient_id)?;
            let id = edit_recipe(&recipe_id, move |conn, id| {
                Box::pin(async move {
                    if !super::db::confirm_ingredient(conn, id, ingredient).await? {
                        return Err(AppError::NotFound);
                    }
                    Ok(())
                })
            })
            .await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}
