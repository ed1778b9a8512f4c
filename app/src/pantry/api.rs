//! Pantry server functions. Each checks the caller first, then reads the
//! form; an id that is not the household's (or not an id) is a 404 and
//! changes nothing.

use leptos::prelude::*;

use super::logic::PantryItemForm;
use super::model::PantryList;
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{db::Caller, error::respond};

/// The pantry page: one page of the household's items in stock, by location and order.
#[server(endpoint = "pantry/page")]
pub async fn pantry_page(location: String, sort: String, page: String) -> Result<Paged<PantryList>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let location = if location.len() > 16 {
                None
            } else {
                <super::logic::Location as crate::input::Choice>::parse(&location)
            };
            let sort = super::model::PantrySort::parse(&sort);
            let page = super::model::parse_page(&page);
            caller
                .page(move |conn, scope| {
                    Box::pin(async move {
                        let (mut items, mut total) = super::db::list(conn, location, sort, page).await?;
                        let mut page = page;
                        if items.is_empty() && page > 1 {
                            // Past the last page (items were used up since): the first page.
                            (items, total) = super::db::list(conn, location, sort, 1).await?;
                            page = 1;
                        }
                        Ok(PantryList { items, page, total, location, sort, today: scope.today })
                    })
                })
                .await
        }
        .await,
    )
}

#[server(endpoint = "pantry/add")]
pub async fn add_pantry_item(#[server(flatten)] form: PantryItemForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let item = super::logic::parse_item(&form, scope.today).map_err(AppError::Invalid)?;
                        super::db::insert(conn, scope.profile_id, &item).await?;
                        Ok(())
                    })
                })
                .await?;
            leptos_axum::redirect("/pantry");
            Ok(())
        }
        .await,
    )
}

/// Where a change to an item sends the browser afterwards.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
enum Back {
    Pantry,
    Item,
}

/// Runs `work` on one of the household's items in the caller's transaction,
/// then sends the browser `back`. A malformed id, or `work` finding no such
/// item (another household's), is a 404.
#[cfg(feature = "ssr")]
async fn change_item(
    item_id: &str,
    back: Back,
    work: impl for<'c> FnOnce(&'c mut sqlx::PgConnection, crate::db::Scope, uuid::Uuid) -> crate::db::Work<'c, bool>
        + Send
        + 'static,
) -> Result<(), AppError> {
    let caller = Caller::require().await?;
    let id = crate::input::record_id(item_id)?;
    let found = caller.on_profile(move |conn, scope| work(conn, scope, id)).await?;
    if !found {
        return Err(AppError::NotFound);
    }
    match back {
        Back::Pantry => leptos_axum::redirect("/pantry"),
        Back::Item => leptos_axum::redirect(&format!("/pantry/{id}")),
    }
    Ok(())
}

#[server(endpoint = "pantry/update")]
pub async fn update_pantry_item(item_id: String, #[server(flatten)] form: PantryItemForm) -> Result<(), AppError> {
    respond(
        change_item(&item_id, Back::Pantry, move |conn, scope, id| {
            Box::pin(async move {
                let item = super::logic::parse_item(&form, scope.today).map_err(AppError::Invalid)?;
                Ok(super::db::update(conn, id, &item).await?)
            })
        })
        .await,
    )
}

/// Marks an item used up: it leaves the list.
#[server(endpoint = "pantry/use-up")]
pub async fn use_up_pantry_item(item_id: String) -> Result<(), AppError> {
    respond(
        change_item(&item_id, Back::Pantry, |conn, _, id| {
            Box::pin(async move { Ok(super::db::use_up(conn, id).await?) })
        })
        .await,
    )
}

#[server(endpoint = "pantry/delete")]
pub async fn delete_pantry_item(item_id: String) -> Result<(), AppError> {
    respond(
        change_item(&item_id, Back::Pantry, |conn, _, id| {
            Box::pin(async move { Ok(super::db::delete(conn, id).await?) })
        })
        .await,
    )
}

/// How many foods the item page offers to link.
#[cfg(feature = "ssr")]
const FOOD_CHOICES: i64 = 8;

/// One item's page (to change, link or remove it); another household's id is a 404. The
/// foods offered to link are those found for `q` (the page's GET search form) or, while the
/// item is not linked and nothing was searched, for the item's own name.
#[server(endpoint = "pantry/item")]
pub async fn pantry_item_page(item_id: String, q: String) -> Result<Paged<super::model::PantryItemPage>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&item_id)?;
            let q: String = q.chars().take(100).collect();
            let searched = crate::meals::recipes::logic::search_words(&q);
            caller
                .page(move |conn, _| {
                    Box::pin(async move {
                        let (item, food) = super::db::get(conn, id).await?.ok_or(AppError::NotFound)?;
                        let foods = if !searched.is_empty() {
                            crate::meals::recipes::db::search_foods(conn, &searched, FOOD_CHOICES).await?
                        } else if item.food_ndb_no.is_none() {
                            suggested_foods(conn, &item.name).await?
                        } else {
                            Vec::new()
                        };
                        Ok(super::model::PantryItemPage { item, food, q, foods })
                    })
                })
                .await
        }
        .await,
    )
}

/// The foods an item's name suggests, trying in turn: its words as written; its key words
/// (singular, without "fresh", "chopped"…); the last key word of its name, which in English
/// names the food ("Free-range eggs" → "egg"). At most three searches.
#[cfg(feature = "ssr")]
async fn suggested_foods(
    conn: &mut sqlx::PgConnection,
    name: &str,
) -> sqlx::Result<Vec<crate::meals::recipes::model::FoodMatch>> {
    use super::logic::matching::key_words;
    let mut key = key_words(name);
    key.truncate(8);
    let head: Vec<String> =
        name.split_whitespace().rev().find_map(|token| key_words(token).pop()).into_iter().collect();
    let mut tried: Vec<Vec<String>> = Vec::new();
    for words in [crate::meals::recipes::logic::search_words(name), key, head] {
        if words.is_empty() || tried.contains(&words) {
            continue;
        }
        let found = crate::meals::recipes::db::search_foods(conn, &words, FOOD_CHOICES).await?;
        if !found.is_empty() {
            return Ok(found);
        }
        tried.push(words);
    }
    Ok(Vec::new())
}

/// Links an item to the SR28 food it is, so recipes that use that food find it whatever it is
/// called. An unknown food is refused next to the field; another household's item is a 404.
#[server(endpoint = "pantry/link-food")]
pub async fn link_pantry_food(item_id: String, food_ndb_no: String) -> Result<(), AppError> {
    respond(
        change_item(&item_id, Back::Item, move |conn, _, id| {
            Box::pin(async move {
                let ndb_no = food_ndb_no.trim();
                let known =
                    ndb_no.len() <= 16 && crate::meals::recipes::db::food_description(conn, ndb_no).await?.is_some();
                if !known {
                    return Err(crate::error::FieldErrors::single(
                        "food_ndb_no",
                        "Choose a food from the search results.",
                    ));
                }
                Ok(super::db::link_food(conn, id, Some(ndb_no)).await?)
            })
        })
        .await,
    )
}

/// Unlinks an item from its food: it is matched by its name again.
#[server(endpoint = "pantry/unlink-food")]
pub async fn unlink_pantry_food(item_id: String) -> Result<(), AppError> {
    respond(
        change_item(&item_id, Back::Item, |conn, _, id| {
            Box::pin(async move { Ok(super::db::link_food(conn, id, None).await?) })
        })
        .await,
    )
}

/// How many leftovers the page lists.
#[cfg(feature = "ssr")]
const LEFTOVERS_LEN: i64 = 100;

/// The leftovers page: what the household has left over, soonest eat-by first.
#[server(endpoint = "leftovers/page")]
pub async fn leftovers_page() -> Result<Paged<super::model::LeftoversPage>, AppError> {
    respond(
        async {
            Caller::require()
                .await?
                .page(|conn, scope| {
                    Box::pin(async move {
                        let leftovers = super::db::leftovers(conn, LEFTOVERS_LEN).await?;
                        Ok(super::model::LeftoversPage { leftovers, today: scope.today })
                    })
                })
                .await
        }
        .await,
    )
}

/// Eats (some of) a leftover: logged as a meal for whoever ate it (with the recipe's
/// nutrition for the servings eaten, when the recipe is still there), and what is left goes
/// down; nothing left marks it eaten.
#[server(endpoint = "leftovers/eat")]
pub async fn eat_leftover(#[server(flatten)] form: super::logic::EatLeftoverForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&form.leftover_id)?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let leftover = super::db::leftover_for_update(conn, id).await?.ok_or(AppError::NotFound)?;
                        let household: Vec<uuid::Uuid> = crate::profiles::db::list_chips(conn, scope.user_id)
                            .await?
                            .into_iter()
                            .map(|p| p.id)
                            .collect();
                        let (profile, servings, meal_type, meal_date) =
                            super::logic::parse_eat(&form, &household, leftover.quantity, scope.today)
                                .map_err(AppError::Invalid)?;
                        let logged = match leftover.source_recipe_id {
                            Some(recipe) => {
                                crate::meals::recipes::db::log_as_meal(
                                    conn, profile, recipe, servings, meal_type, meal_date,
                                )
                                .await?
                            }
                            None => false,
                        };
                        if !logged {
                            crate::meals::db::insert_named_meal(
                                conn,
                                profile,
                                &leftover.name,
                                servings,
                                meal_type,
                                meal_date,
                            )
                            .await?;
                        }
                        let left = leftover.quantity.map_or(0.0, |q| q - servings);
                        super::db::set_leftover_quantity(conn, id, if left < 1e-6 { 0.0 } else { left }).await?;
                        Ok(())
                    })
                })
                .await?;
            leptos_axum::redirect("/leftovers");
            Ok(())
        }
        .await,
    )
}

/// Throws a leftover away.
#[server(endpoint = "leftovers/discard")]
pub async fn discard_leftover(leftover_id: String) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&leftover_id)?;
            let found = caller
                .as_user(move |conn| Box::pin(async move { Ok(super::db::discard_leftover(conn, id).await?) }))
                .await?;
            if !found {
                return Err(AppError::NotFound);
            }
            leptos_axum::redirect("/leftovers");
            Ok(())
        }
        .await,
    )
}

/// How many recipes the use-it-up page suggests, and how many it reads.
#[cfg(feature = "ssr")]
const SUGGESTIONS: usize = 20;
#[cfg(feature = "ssr")]
const RECIPES_READ: i64 = 1_000;

/// The use-it-up page: what expires in the next days, and the household's recipes ranked by
/// how many of those items they use and how much of them is in stock.
#[server(endpoint = "pantry/use-it-up")]
pub async fn use_it_up_page() -> Result<Paged<super::model::UseItUpPage>, AppError> {
    respond(
        async {
            Caller::require()
                .await?
                .page(|conn, scope| {
                    Box::pin(async move {
                        let days = super::logic::use_it_up::USE_IT_UP_DAYS;
                        let (names, expiring) = super::db::use_it_up(conn, scope.today, days).await?;
                        let recipes = crate::meals::recipes::db::recipes_with_ingredients(conn, RECIPES_READ).await?;
                        let suggestions = super::logic::use_it_up::rank(&recipes, &names, SUGGESTIONS);
                        Ok(super::model::UseItUpPage { expiring, suggestions, days, today: scope.today })
                    })
                })
                .await
        }
        .await,
    )
}
