//! Recipe server functions: the household's recipes, their ingredients (matched to USDA SR28
//! foods and weighed), steps, computed nutrition and grade, and logging a serving as a meal.

use leptos::prelude::*;

use super::model::{FoodMatch, RecipeDetail, RecipePageData};
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{db::Caller, error::respond};

/// How many recipes a page of the list shows, and the last page offered (a bound on the
/// offset: 200 pages of 48 is far beyond any household's library).
#[cfg(feature = "ssr")]
const LIST_LEN: i64 = 48;
#[cfg(feature = "ssr")]
const MAX_PAGE: i64 = 200;

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

/// The recipes page: the viewer and the household's recipes matching the search (`q`: words
/// of the title or tags; `tag`: one tag; `favourites`: "1" for favourites only), favourites first.
#[server(endpoint = "recipes/page")]
pub async fn recipes_page(
    q: String,
    tag: String,
    favourites: String,
    page: String,
) -> Result<Paged<super::model::RecipeList>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let words = super::logic::search_words(&q);
            let tag = (!tag.trim().is_empty() && tag.len() <= super::logic::MAX_TAG_CHARS * 4)
                .then(|| super::logic::normal_tag(&tag));
            let favourites = favourites == "1";
            // Pages past the last are empty, not an error; beyond MAX_PAGE the first is shown.
            let page = page.trim().parse::<i64>().ok().filter(|p| (1..=MAX_PAGE).contains(p)).unwrap_or(1);
            caller
                .page(move |conn, _| {
                    Box::pin(async move {
                        let mut recipes = super::db::summaries(
                            conn,
                            &words,
                            tag.as_deref(),
                            favourites,
                            LIST_LEN + 1,
                            (page - 1) * LIST_LEN,
                        )
                        .await?;
                        let more = recipes.len() as i64 > LIST_LEN;
                        recipes.truncate(LIST_LEN as usize);
                        let tags = super::db::tags(conn, TAGS_SHOWN).await?;
                        Ok(super::model::RecipeList { recipes, q, tag, favourites, tags, page, more })
                    })
                })
                .await
        }
        .await,
    )
}

/// How many of the household's tags the recipes page offers as filters.
#[cfg(feature = "ssr")]
const TAGS_SHOWN: i64 = 30;

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

/// Cook mode: the viewer and the recipe (its steps and ingredients).
#[server(endpoint = "recipes/cook-mode")]
pub async fn cook_mode_page(recipe_id: String) -> Result<Paged<RecipeDetail>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&recipe_id)?;
            caller
                .page(move |conn, _| {
                    Box::pin(async move { super::db::recipe_detail(conn, id).await?.ok_or(AppError::NotFound) })
                })
                .await
        }
        .await,
    )
}

/// A shared recipe for anyone with its link, signed in or not: read as `anon` through
/// `wt_public_recipes`, so only a recipe its household shares exists here, and nothing names
/// who wrote it. Not shared (or no such id): 404.
#[server(endpoint = "shared/recipe")]
pub async fn shared_recipe(recipe_id: String) -> Result<RecipeDetail, AppError> {
    respond(
        async {
            let id = crate::input::record_id(&recipe_id)?;
            crate::db::anonymous(move |conn| {
                Box::pin(async move { super::db::shared_recipe(conn, id).await?.ok_or(AppError::NotFound) })
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
                Box::pin(async move {
                    if super::db::step_count(conn, id).await? >= super::logic::MAX_STEPS as i64 {
                        return Err(crate::error::FieldErrors::single(
                            "instruction",
                            format!("A recipe has at most {} steps.", super::logic::MAX_STEPS),
                        ));
                    }
                    Ok(super::db::insert_step(conn, id, &text, minutes).await?)
                })
            })
            .await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Changes one step of a recipe: `action` "edit" (with `instruction` and `duration_minutes`),
/// "up", "down" or "remove"; the steps keep their order otherwise and are numbered anew.
#[server(endpoint = "recipes/steps/change")]
pub async fn change_step(
    recipe_id: String,
    step_number: String,
    action: String,
    instruction: String,
    duration_minutes: String,
) -> Result<(), AppError> {
    respond(
        async {
            let change =
                super::logic::StepChange::parse(&action, &instruction, &duration_minutes).map_err(AppError::Invalid)?;
            let number: usize = step_number.trim().parse().map_err(|_| AppError::NotFound)?;
            let id = edit_recipe(&recipe_id, move |conn, id| {
                Box::pin(async move {
                    let steps = super::db::steps_for_update(conn, id).await?;
                    let changed = super::logic::change_steps(steps, number, change).ok_or(AppError::NotFound)?;
                    Ok(super::db::replace_steps(conn, id, &changed).await?)
                })
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

/// The "I cooked this" page: the recipe and what the pantry has and lacks for `servings`
/// (a GET parameter, so the check updates without JavaScript; the recipe's own servings when
/// empty or out of range).
#[server(endpoint = "recipes/cook-page")]
pub async fn cook_page(recipe_id: String, servings: String) -> Result<Paged<super::model::CookPage>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&recipe_id)?;
            caller
                .page(move |conn, _| {
                    Box::pin(async move {
                        let (title, recipe_servings, needs) =
                            super::db::cook_needs(conn, id).await?.ok_or(AppError::NotFound)?;
                        let base = f64::from(recipe_servings.unwrap_or(1).max(1));
                        let servings_made = super::logic::servings_made_or(&servings, base);
                        let stock = crate::pantry::db::stock(conn, false).await?;
                        let factor = cook_factor(servings_made, recipe_servings);
                        let check = crate::pantry::logic::deduct::plan(&needs, factor, &stock);
                        Ok(super::model::CookPage { recipe_id: id, title, recipe_servings, servings_made, check })
                    })
                })
                .await
        }
        .await,
    )
}

/// How many times the recipe's amounts a cook of `made` servings takes (the amounts are the
/// servings made when the recipe does not say its servings).
#[cfg(feature = "ssr")]
fn cook_factor(made: f64, recipe_servings: Option<i32>) -> f64 {
    match recipe_servings {
        Some(s) if s > 0 => made / f64::from(s),
        _ => 1.0,
    }
}

/// "I cooked this": each profile's portion is logged as a meal on that profile (its own
/// targets; a half portion counts half), the ingredients for the servings made are taken from
/// the pantry (units converted; what is missing was listed on the page), and what is left is
/// stored as a leftover with its eat-by date. One transaction: all of it or none.
#[server(endpoint = "recipes/cook")]
pub async fn cook_recipe(#[server(flatten)] form: super::model::CookForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&form.recipe_id)?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let household: Vec<uuid::Uuid> = crate::profiles::db::list_chips(conn, scope.user_id)
                            .await?
                            .into_iter()
                            .map(|p| p.id)
                            .collect();
                        let (title, recipe_servings, needs) =
                            super::db::cook_needs(conn, id).await?.ok_or(AppError::NotFound)?;
                        let draft =
                            super::logic::parse_cook(&form, &household, scope.today).map_err(AppError::Invalid)?;
                        for (profile, servings) in &draft.portions {
                            super::db::log_as_meal(conn, *profile, id, *servings, draft.meal_type, draft.meal_date)
                                .await?;
                        }
                        if draft.deduct {
                            let stock = crate::pantry::db::stock(conn, true).await?;
                            let factor = cook_factor(draft.servings_made, recipe_servings);
                            let plan = crate::pantry::logic::deduct::plan(&needs, factor, &stock);
                            crate::pantry::db::apply_takes(conn, &plan.takes).await?;
                        }
                        if let Some((left, location, expiry)) = draft.leftover {
                            crate::pantry::db::insert_leftover(
                                conn,
                                scope.profile_id,
                                &title,
                                left,
                                "servings",
                                Some(id),
                                location,
                                draft.meal_date,
                                expiry,
                            )
                            .await?;
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
            let id = save_import(caller, preview, false).await?;
            leptos_axum::redirect(&format!("/recipes/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Saves an imported draft as one of the household's recipes, each ingredient with the SR28
/// food its words find (proposed, to confirm); returns its id.
#[cfg(feature = "ssr")]
async fn save_import(
    caller: Caller,
    preview: super::import::ImportPreview,
    from_photo: bool,
) -> Result<uuid::Uuid, AppError> {
    caller
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
                let id = super::db::insert_imported(conn, scope.profile_id, &preview.draft, &lines, from_photo).await?;
                super::db::refresh_nutrition(conn, id).await?;
                Ok(id)
            })
        })
        .await
}

/// Imports a recipe from an uploaded file: a saved web page (read as a pasted one is) or a
/// photo of a printed recipe (its text read by OCR into the same kind of draft), then opens
/// it. A plain multipart form, so it posts without JavaScript. Bad files are refused next to
/// the field before any work: an image is checked for its type, size and pixels first.
#[server(endpoint = "recipes/import/upload", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_recipe(data: leptos::server_fn::codec::MultipartData) -> Result<(), AppError> {
    respond(
        async {
            use super::import::ocr;
            use crate::error::FieldErrors;
            let caller = Caller::require().await?;
            let file =
                crate::media::api::read_upload(data, None, "Choose a saved web page or a photo of a printed recipe.")
                    .await?
                    .file;
            let (preview, from_photo) = if crate::media::logic::image_kind(&file).is_some() {
                let text = ocr::read_text(file).await.map_err(|e| FieldErrors::single("file", e.to_string()))?;
                let draft = super::import::text::recipe_from_text(&text);
                if draft.is_empty() {
                    return Err(FieldErrors::single(
                        "file",
                        "No text could be read in the photo; try a sharper photo, straight on.",
                    ));
                }
                (super::import::preview(draft), true)
            } else {
                let html = String::from_utf8_lossy(&file).into_owned();
                if !html.trim_start().starts_with('<') {
                    return Err(FieldErrors::single(
                        "file",
                        "Choose a saved web page (.html) or a photo (JPEG or PNG).",
                    ));
                }
                // The page's checks (its size) speak of the pasted field; here it is the file.
                let preview = read_draft("", html).await.map_err(|e| match e.field("html") {
                    Some(message) => FieldErrors::single("file", message),
                    None => e,
                })?;
                (preview, false)
            };
            let id = save_import(caller, preview, from_photo).await?;
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
