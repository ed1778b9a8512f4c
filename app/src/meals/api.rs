//! Meal server functions: the food diary. A meal is logged (with label values for a grade,
//! or empty), then made of SR28 foods in a chosen portion and free-text items; each change
//! stores the meal's nutrients in `wt_meal_nutrient_breakdown`. Each function checks the
//! caller first; a meal that is not the household's (or not an id) is a 404 and changes
//! nothing.

use leptos::prelude::*;

use super::model::{MealPageData, MealsPageData};
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{db::Caller, error::respond};

/// How many meals the meals page lists.
#[cfg(feature = "ssr")]
const LIST_LEN: i64 = 50;

/// How many foods a search shows.
#[cfg(feature = "ssr")]
const FOOD_RESULTS: i64 = 15;

#[server(endpoint = "meals/log")]
pub async fn log_meal(#[server(flatten)] form: super::model::MealForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let draft = form.parse(scope.today).map_err(AppError::Invalid)?;
                        Ok(super::db::insert_meal(conn, scope.profile_id, &draft).await?)
                    })
                })
                .await?;
            leptos_axum::redirect(&format!("/meals/{id}"));
            Ok(())
        }
        .await,
    )
}

/// The meals page: the viewer, today's and this week's intake against the profile's
/// targets, and its latest meals, in one transaction.
#[server(endpoint = "meals/page")]
pub async fn meals_page() -> Result<Paged<MealsPageData>, AppError> {
    respond(
        async {
            Caller::require()
                .await?
                .page(|conn, scope| {
                    Box::pin(async move {
                        let (figures, days_logged) = super::db::intake(conn, scope.profile_id, scope.today).await?;
                        let meals = super::db::recent_meals(conn, scope.profile_id, LIST_LEN).await?;
                        Ok(MealsPageData {
                            intake: super::logic::intake::intake_bars(&figures, days_logged),
                            days_logged,
                            meals,
                        })
                    })
                })
                .await
        }
        .await,
    )
}

/// One meal's page, with the foods found for its search form's `q` (a GET parameter, so the
/// search works without JavaScript).
#[server(endpoint = "meals/meal")]
pub async fn meal_page(meal_id: String, q: String) -> Result<Paged<MealPageData>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&meal_id)?;
            let words = super::recipes::logic::search_words(&q);
            caller
                .page(move |conn, _| {
                    Box::pin(async move {
                        let meal = super::db::meal_detail(conn, id).await?.ok_or(AppError::NotFound)?;
                        let results = if meal.recipe.is_none() {
                            super::recipes::db::search_foods(conn, &words, FOOD_RESULTS).await?
                        } else {
                            Vec::new()
                        };
                        Ok(MealPageData { meal, q, results })
                    })
                })
                .await
        }
        .await,
    )
}

/// Runs `work` on the items of one of the household's meals in the caller's transaction,
/// stores the meal's new nutrition, and sends the browser back to the meal. A meal from a
/// recipe is made of the recipe: its items cannot be changed.
#[cfg(feature = "ssr")]
async fn change_items(
    meal_id: &str,
    work: impl for<'c> FnOnce(
            &'c mut sqlx::PgConnection,
            Vec<super::logic::intake::MealItem>,
        ) -> crate::db::Work<'c, Vec<super::logic::intake::MealItem>>
        + Send
        + 'static,
) -> Result<(), AppError> {
    let caller = Caller::require().await?;
    let id = crate::input::record_id(meal_id)?;
    caller
        .on_profile(move |conn, _| {
            Box::pin(async move {
                let items = match super::db::items_for_update(conn, id).await? {
                    None => return Err(AppError::NotFound),
                    Some(None) => {
                        return Err(crate::error::FieldErrors::single(
                            "food_ndb_no",
                            "This meal is servings of a recipe: change the recipe, or log the foods as a new meal.",
                        ))
                    }
                    Some(Some(items)) => items,
                };
                let items = work(conn, items).await?;
                Ok(super::db::save_items(conn, id, items).await?)
            })
        })
        .await?;
    leptos_axum::redirect(&format!("/meals/{id}"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn room_for_one_more(items: &[super::logic::intake::MealItem], field: &str) -> Result<(), AppError> {
    if items.len() >= super::logic::intake::MAX_ITEMS {
        return Err(crate::error::FieldErrors::single(
            field,
            format!("A meal holds at most {} items: log the rest as another meal.", super::logic::intake::MAX_ITEMS),
        ));
    }
    Ok(())
}

/// Adds an amount of an SR28 food, in grams, ounces or one of the food's household measures.
#[server(endpoint = "meals/foods/add")]
pub async fn add_meal_food(
    meal_id: String,
    food_ndb_no: String,
    quantity: String,
    unit: String,
) -> Result<(), AppError> {
    respond(
        change_items(&meal_id, move |conn, mut items| {
            Box::pin(async move {
                room_for_one_more(&items, "food_ndb_no")?;
                let ndb_no = food_ndb_no.trim();
                let Some((description, portions)) = (if ndb_no.len() <= 8 {
                    super::recipes::db::food_with_portions(conn, ndb_no).await?
                } else {
                    None
                }) else {
                    return Err(crate::error::FieldErrors::single(
                        "food_ndb_no",
                        "Choose a food from the search results.",
                    ));
                };
                let draft =
                    super::recipes::logic::parse_ingredient(&quantity, &unit, &portions).map_err(AppError::Invalid)?;
                items.push(super::logic::intake::MealItem {
                    food_ndb_no: Some(ndb_no.to_owned()),
                    description,
                    quantity: Some(draft.quantity),
                    unit: Some(super::logic::recipe::unit_text(&draft.unit, &portions)),
                    grams: Some(draft.grams),
                    energy_kcal: None,
                });
                Ok(items)
            })
        })
        .await,
    )
}

/// Adds something no food matches: what it was and, when known, its energy.
#[server(endpoint = "meals/other/add")]
pub async fn add_meal_other(meal_id: String, description: String, energy_kcal: String) -> Result<(), AppError> {
    respond(
        async {
            let item =
                super::logic::meal_form::parse_other_item(&description, &energy_kcal).map_err(AppError::Invalid)?;
            change_items(&meal_id, move |_, mut items| {
                Box::pin(async move {
                    room_for_one_more(&items, "description")?;
                    items.push(item);
                    Ok(items)
                })
            })
            .await
        }
        .await,
    )
}

/// Removes the item at `position` (1 = the first).
#[server(endpoint = "meals/items/remove")]
pub async fn remove_meal_item(meal_id: String, position: String) -> Result<(), AppError> {
    respond(
        change_items(&meal_id, move |_, mut items| {
            Box::pin(async move {
                let index = position.trim().parse::<usize>().ok().filter(|p| (1..=items.len()).contains(p));
                let Some(index) = index else {
                    return Err(AppError::NotFound);
                };
                items.remove(index - 1);
                Ok(items)
            })
        })
        .await,
    )
}

/// Changes a meal's name, meal, date, rating and notes.
#[server(endpoint = "meals/update")]
pub async fn update_meal(meal_id: String, #[server(flatten)] form: super::model::MealEditForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&meal_id)?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let edit = form.parse(scope.today).map_err(AppError::Invalid)?;
                        if !super::db::update_meal(conn, id, &edit).await? {
                            return Err(AppError::NotFound);
                        }
                        Ok(())
                    })
                })
                .await?;
            leptos_axum::redirect(&format!("/meals/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "meals/delete")]
pub async fn delete_meal(meal_id: String) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&meal_id)?;
            let found = caller
                .as_user(move |conn| Box::pin(async move { Ok(super::db::delete_meal(conn, id).await?) }))
                .await?;
            if !found {
                return Err(AppError::NotFound);
            }
            leptos_axum::redirect("/meals");
            Ok(())
        }
        .await,
    )
}
