//! Recipe queries in the caller's transaction (RLS applies).

use sqlx::types::Json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::logic::meal_nutrition_info;
use super::model::{FoodMatch, IngredientRow, NutritionView, RecipeDetail, RecipeDraft, RecipeSummary, StepRow};
use crate::meals::logic::meal_form::parse_category;
use crate::meals::logic::recipe::{recipe_nutrition, FoodFacts, Portion, RecipeIngredient};

/// The household's recipes with their ingredient count, grade and energy per serving:
/// favourites first, then the most recently changed, `limit` of them after the first
/// `offset`. `words` must each be in the title or be the start of a tag; `tag` must be one
/// of its tags; `favourites` keeps only those.
pub async fn summaries(
    conn: &mut PgConnection,
    words: &[String],
    tag: Option<&str>,
    favourites: bool,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<RecipeSummary>> {
    let patterns: Vec<String> = words.iter().map(|w| format!("%{w}%")).collect();
    let prefixes: Vec<String> = words.iter().map(|w| format!("{w}%")).collect();
    sqlx::query_as(
        // The page's rows are chosen first; only they count their ingredients and name their
        // author (counted for every row skipped too, page 5 cost 2.5× page 1).
        "select r.id, r.title, r.servings, \
           (select count(*) from wt_recipe_ingredients i where i.recipe_id = r.id) as ingredient_count, \
           r.nutrition_info #>> '{grade,grade}' as grade, \
           (r.nutrition_info #>> '{per_serving,energy_kcal}')::float8 as kcal_per_serving, \
           p.display_name as created_by, coalesce(r.tags, '{}') as tags, r.rating::int4 as rating, r.is_favorite \
         from ( \
           select r.id, r.title, r.servings, r.nutrition_info, r.profile_id, r.tags, r.rating, r.is_favorite, \
             r.updated_at \
           from wt_recipes r \
           where r.profile_id is not null \
             and ($2::text is null or r.tags @> array[$2::text]) and (not $3 or r.is_favorite) \
             and not exists ( \
               select 1 from unnest($4::text[], $5::text[]) as w(pattern, prefix) \
               where r.title not ilike w.pattern \
                 and not exists (select 1 from unnest(r.tags) t where t like w.prefix)) \
           order by r.is_favorite desc, r.updated_at desc, r.id limit $1 offset $6) r \
         join wt_profiles p on p.id = r.profile_id \
         order by r.is_favorite desc, r.updated_at desc, r.id",
    )
    .bind(limit)
    .bind(tag)
    .bind(favourites)
    .bind(&patterns)
    .bind(&prefixes)
    .bind(offset)
    .fetch_all(conn)
    .await
}

/// The household's tags, most used first (at most `limit`).
pub async fn tags(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "select t from wt_recipes r join wt_profiles p on p.id = r.profile_id, unnest(r.tags) t \
         group by t order by count(*) desc, t limit $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// A recipe with its ingredients, steps and stored nutrition; `None` when this household cannot
/// see it. `editable` says whether the recipe is one of the household's own.
pub async fn recipe_detail(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<RecipeDetail>> {
    // The household's own and the library's rows, else another household's
    // public recipe through the view that does not name its author.
    let row: Option<HeadRow> = sqlx::query_as(&format!(
        "select {HEAD}, is_favorite, is_public, profile_id in (select id from wt_profiles) as editable \
         from wt_recipes where id = $1 \
         union all \
         select {HEAD}, false, true, false from wt_public_recipes \
         where id = $1 and not exists (select 1 from wt_recipes where id = $1) \
         limit 1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(head) = row else {
        return Ok(None);
    };
    read_detail(conn, id, head).await.map(Some)
}

/// A recipe's columns as its page shows them, the same in `wt_recipes` and `wt_public_recipes`
/// (which has no favourite: that is the household's own view of it).
const HEAD: &str = "title, description, servings, prep_time_min, cook_time_min, grade_category, \
     coalesce(tags, '{}') as tags, rating::int4 as rating, image_url, source_url, nutrition_info";

#[derive(sqlx::FromRow)]
struct HeadRow {
    title: String,
    description: Option<String>,
    servings: Option<i32>,
    prep_time_min: Option<i32>,
    cook_time_min: Option<i32>,
    grade_category: String,
    tags: Vec<String>,
    rating: Option<i32>,
    is_favorite: bool,
    is_public: bool,
    image_url: Option<String>,
    source_url: Option<String>,
    nutrition_info: Option<serde_json::Value>,
    editable: bool,
}

/// A shared recipe for anyone with its link, read as `anon` through `wt_public_recipes`: the
/// recipe, its ingredients and steps, nothing of who wrote it.
pub async fn shared_recipe(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<RecipeDetail>> {
    let row: Option<HeadRow> = sqlx::query_as(&format!(
        "select {HEAD}, false as is_favorite, true as is_public, false as editable from wt_public_recipes \
             where id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(head) = row else {
        return Ok(None);
    };
    read_detail(conn, id, head).await.map(Some)
}

async fn read_detail(conn: &mut PgConnection, id: Uuid, head: HeadRow) -> sqlx::Result<RecipeDetail> {
    let ingredients: Vec<IngredientRow> = sqlx::query_as(
        "select i.id, i.ingredient_name, i.quantity::float8 as quantity, i.unit, i.grams::float8 as grams, \
           i.food_ndb_no, f.description as food, i.food_confirmed, i.notes \
         from wt_recipe_ingredients i left join food.foods f on f.ndb_no = i.food_ndb_no \
         where i.recipe_id = $1 order by i.sort_order nulls last, i.created_at",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let steps: Vec<StepRow> = sqlx::query_as(
        "select step_number, instruction, duration_minutes from wt_recipe_steps \
         where recipe_id = $1 order by step_number",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    let nutrition = head.nutrition_info.and_then(|v| serde_json::from_value::<NutritionView>(v).ok());
    Ok(RecipeDetail {
        id,
        title: head.title,
        description: head.description,
        servings: head.servings,
        prep_time_min: head.prep_time_min,
        cook_time_min: head.cook_time_min,
        grade_category: head.grade_category,
        tags: head.tags,
        rating: head.rating,
        is_favorite: head.is_favorite,
        is_public: head.is_public,
        image_url: head.image_url,
        source_url: head.source_url,
        editable: head.editable,
        ingredients,
        steps,
        nutrition,
    })
}

/// Whether the recipe is one this household may change (its own; another household's, even a
/// public one, is not).
pub async fn is_editable(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "select exists (select 1 from wt_recipes where id = $1 and profile_id in (select id from wt_profiles))",
    )
    .bind(id)
    .fetch_one(conn)
    .await
}

/// A new manual recipe of a profile; returns its id.
pub async fn insert(conn: &mut PgConnection, profile_id: Uuid, draft: &RecipeDraft) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into wt_recipes (profile_id, title, description, servings, prep_time_min, cook_time_min, \
           source_type, grade_category, tags, rating, is_favorite, is_public) \
         values ($1, $2, $3, $4, $5, $6, 'manual', $7, $8, $9, $10, $11) returning id",
    )
    .bind(profile_id)
    .bind(&draft.title)
    .bind(&draft.description)
    .bind(draft.servings)
    .bind(draft.prep_time_min)
    .bind(draft.cook_time_min)
    .bind(draft.grade_category)
    .bind(&draft.tags)
    .bind(draft.rating)
    .bind(draft.is_favorite)
    .bind(draft.is_public)
    .fetch_one(conn)
    .await
}

pub async fn update(conn: &mut PgConnection, id: Uuid, draft: &RecipeDraft) -> sqlx::Result<()> {
    sqlx::query(
        "update wt_recipes set title = $2, description = $3, servings = $4, prep_time_min = $5, \
           cook_time_min = $6, grade_category = $7, tags = $8, rating = $9, is_favorite = $10, is_public = $11 \
         where id = $1",
    )
    .bind(id)
    .bind(&draft.title)
    .bind(&draft.description)
    .bind(draft.servings)
    .bind(draft.prep_time_min)
    .bind(draft.cook_time_min)
    .bind(draft.grade_category)
    .bind(&draft.tags)
    .bind(draft.rating)
    .bind(draft.is_favorite)
    .bind(draft.is_public)
    .execute(conn)
    .await
    .map(drop)
}

pub async fn delete(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("delete from wt_recipes where id = $1").bind(id).execute(conn).await.map(drop)
}

/// A recipe read by the importer, with its steps and each ingredient line's proposed food
/// (`None` when nothing matched); returns its id.
pub async fn insert_imported(
    conn: &mut PgConnection,
    profile_id: Uuid,
    draft: &super::import::draft::RecipeDraft,
    lines: &[(String, super::import::ImportedIngredient)],
    from_photo: bool,
) -> sqlx::Result<Uuid> {
    let source_type = match (from_photo, draft.source_url.is_some()) {
        (true, _) => "ocr",
        (false, true) => "url",
        (false, false) => "manual",
    };
    let id: Uuid = sqlx::query_scalar(
        "insert into wt_recipes (profile_id, title, description, servings, prep_time_min, cook_time_min, \
           source_type, source_url, tags, image_url) \
         values ($1, $2, $3, $4, $5, $6, $7::wt_source_type, $8, $9, $10) returning id",
    )
    .bind(profile_id)
    .bind(draft.title.as_deref().unwrap_or("Imported recipe"))
    .bind(&draft.description)
    .bind(draft.servings)
    .bind(draft.prep_time_min)
    .bind(draft.cook_time_min)
    .bind(source_type)
    .bind(&draft.source_url)
    .bind(&draft.tags)
    .bind(&draft.image_url)
    .fetch_one(&mut *conn)
    .await?;
    let mut names = Vec::new();
    let mut quantities = Vec::new();
    let mut units = Vec::new();
    let mut notes = Vec::new();
    let mut foods = Vec::new();
    let mut grams = Vec::new();
    for (name, i) in lines {
        names.push(name.as_str());
        quantities.push(i.quantity);
        units.push(i.unit.as_deref());
        notes.push(i.note.as_deref());
        foods.push(i.food_ndb_no.as_deref());
        grams.push(i.grams);
    }
    sqlx::query(
        "insert into wt_recipe_ingredients (recipe_id, ingredient_name, quantity, unit, notes, food_ndb_no, grams, \
           food_confirmed, sort_order) \
         select $1, l.name, l.quantity, l.unit, l.note, l.food, l.grams, l.food is null, l.n \
         from unnest($2::text[], $3::float8[], $4::text[], $5::text[], $6::text[], $7::float8[]) \
           with ordinality as l(name, quantity, unit, note, food, grams, n)",
    )
    .bind(id)
    .bind(&names)
    .bind(&quantities)
    .bind(&units)
    .bind(&notes)
    .bind(&foods)
    .bind(&grams)
    .execute(&mut *conn)
    .await?;
    let texts: Vec<&str> = draft.steps.iter().map(|s| s.text.as_str()).collect();
    let minutes: Vec<Option<i32>> = draft.steps.iter().map(|s| s.minutes).collect();
    sqlx::query(
        "insert into wt_recipe_steps (recipe_id, step_number, instruction, duration_minutes) \
         select $1, s.n, s.text, s.minutes from unnest($2::text[], $3::int[]) with ordinality as s(text, minutes, n)",
    )
    .bind(id)
    .bind(&texts)
    .bind(&minutes)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Confirms the importer's proposed food for an ingredient; `false` when there is no such
/// ingredient of this recipe.
pub async fn confirm_ingredient(conn: &mut PgConnection, recipe_id: Uuid, ingredient_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update wt_recipe_ingredients set food_confirmed = true where id = $1 and recipe_id = $2 \
         and food_ndb_no is not null",
    )
    .bind(ingredient_id)
    .bind(recipe_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds a weighed food to the end of a recipe's ingredients.
pub async fn insert_ingredient(
    conn: &mut PgConnection,
    recipe_id: Uuid,
    food_ndb_no: &str,
    name: &str,
    quantity: f64,
    unit: &str,
    grams: f64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into wt_recipe_ingredients (recipe_id, ingredient_name, quantity, unit, food_ndb_no, grams, sort_order) \
         values ($1, $2, $3, $4, $5, $6, \
           (select coalesce(max(sort_order), 0) + 1 from wt_recipe_ingredients where recipe_id = $1))",
    )
    .bind(recipe_id)
    .bind(name)
    .bind(quantity)
    .bind(unit)
    .bind(food_ndb_no)
    .bind(grams)
    .execute(conn)
    .await
    .map(drop)
}

/// Removes one of a recipe's ingredients; `false` when the recipe has no such ingredient.
pub async fn delete_ingredient(conn: &mut PgConnection, recipe_id: Uuid, ingredient_id: Uuid) -> sqlx::Result<bool> {
    let removed = sqlx::query("delete from wt_recipe_ingredients where id = $1 and recipe_id = $2")
        .bind(ingredient_id)
        .bind(recipe_id)
        .execute(conn)
        .await?
        .rows_affected();
    Ok(removed > 0)
}

/// Adds a step after the recipe's last one.
pub async fn insert_step(
    conn: &mut PgConnection,
    recipe_id: Uuid,
    instruction: &str,
    duration_minutes: Option<i32>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into wt_recipe_steps (recipe_id, step_number, instruction, duration_minutes) \
         values ($1, (select coalesce(max(step_number), 0) + 1 from wt_recipe_steps where recipe_id = $1), $2, $3)",
    )
    .bind(recipe_id)
    .bind(instruction)
    .bind(duration_minutes)
    .execute(conn)
    .await
    .map(drop)
}

/// A recipe's steps in order (text, minutes), locked until the transaction ends.
pub async fn steps_for_update(conn: &mut PgConnection, recipe_id: Uuid) -> sqlx::Result<Vec<(String, Option<i32>)>> {
    sqlx::query_as(
        "select instruction, duration_minutes from wt_recipe_steps where recipe_id = $1 \
         order by step_number for update",
    )
    .bind(recipe_id)
    .fetch_all(conn)
    .await
}

/// How many steps a recipe has.
pub async fn step_count(conn: &mut PgConnection, recipe_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from wt_recipe_steps where recipe_id = $1")
        .bind(recipe_id)
        .fetch_one(conn)
        .await
}

/// Writes a recipe's steps anew, numbered 1, 2, 3… in the given order (two statements: the
/// numbers are unique per recipe, so they are not shuffled in place).
pub async fn replace_steps(
    conn: &mut PgConnection,
    recipe_id: Uuid,
    steps: &[(String, Option<i32>)],
) -> sqlx::Result<()> {
    sqlx::query("delete from wt_recipe_steps where recipe_id = $1").bind(recipe_id).execute(&mut *conn).await?;
    let texts: Vec<&str> = steps.iter().map(|s| s.0.as_str()).collect();
    let minutes: Vec<Option<i32>> = steps.iter().map(|s| s.1).collect();
    sqlx::query(
        "insert into wt_recipe_steps (recipe_id, step_number, instruction, duration_minutes) \
         select $1, s.n, s.text, s.minutes from unnest($2::text[], $3::int[]) with ordinality as s(text, minutes, n)",
    )
    .bind(recipe_id)
    .bind(&texts)
    .bind(&minutes)
    .execute(conn)
    .await
    .map(drop)
}

/// Logs servings of a recipe as a meal of a profile, with the recipe's nutrition scaled to the
/// servings eaten and its grade; `false` when this household cannot see the recipe.
pub async fn log_as_meal(
    conn: &mut PgConnection,
    profile_id: Uuid,
    recipe_id: Uuid,
    servings: f64,
    meal_type: crate::meals::model::MealType,
    meal_date: chrono::NaiveDate,
) -> sqlx::Result<bool> {
    let row: Option<(String, Option<serde_json::Value>, Option<String>, Option<i32>)> = sqlx::query_as(
        "select title, nutrition_info, nutrition_score, servings from wt_recipes where id = $1 \
         union all \
         select title, nutrition_info, nutrition_score, servings from wt_public_recipes where id = $1 \
           and not exists (select 1 from wt_recipes where id = $1)",
    )
    .bind(recipe_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((title, info, score, recipe_servings)) = row else {
        return Ok(false);
    };
    let nutrition_info = meal_nutrition_info(recipe_id, servings, info.as_ref());
    let meal_id: Uuid = sqlx::query_scalar(
        "insert into wt_meals (profile_id, recipe_id, meal_date, meal_type, name, servings_consumed, nutrition_info, score) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(profile_id)
    .bind(recipe_id)
    .bind(meal_date)
    .bind(meal_type)
    .bind(&title)
    .bind(servings)
    .bind(nutrition_info)
    .bind(score)
    .fetch_one(&mut *conn)
    .await?;
    let ingredients = ingredients_with_foods(conn, recipe_id).await?;
    let breakdown = crate::meals::logic::intake::recipe_breakdown(
        &ingredients,
        recipe_servings.and_then(|s| u32::try_from(s).ok()),
        servings,
    );
    let breakdown = (!ingredients.is_empty()).then_some(&breakdown);
    crate::meals::db::save_breakdown(conn, meal_id, breakdown).await?;
    Ok(true)
}

/// A food's description; `None` for an unknown food number.
pub async fn food_description(conn: &mut PgConnection, ndb_no: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select description from food.foods where ndb_no = $1").bind(ndb_no).fetch_optional(conn).await
}

/// A food's description and household measures; `None` for an unknown food number.
pub async fn food_with_portions(conn: &mut PgConnection, ndb_no: &str) -> sqlx::Result<Option<(String, Vec<Portion>)>> {
    let Some(description) = food_description(conn, ndb_no).await? else {
        return Ok(None);
    };
    Ok(Some((description, portions(conn, &[ndb_no.to_owned()]).await?.into_iter().map(|(_, p)| p).collect())))
}

async fn portions(conn: &mut PgConnection, foods: &[String]) -> sqlx::Result<Vec<(String, Portion)>> {
    let rows: Vec<(String, i32, f64, String, f64)> = sqlx::query_as(
        "select ndb_no, seq, amount::float8, description, grams::float8 from food.portions \
         where ndb_no = any($1) order by ndb_no, seq",
    )
    .bind(foods)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(ndb_no, seq, amount, description, grams)| (ndb_no, Portion { seq, amount, description, grams }))
        .collect())
}

/// Foods whose description has every word: those named by the first word ("egg" is "Egg,
/// whole, raw", not "Eggplant"), then those starting with it, shortest first. The full-text index
/// (`foods_description_idx`) finds the candidates for the words made of letters (each as a
/// prefix); every word must then appear in the description as typed. When the index finds
/// nothing (a word inside another, "berries" in "Strawberries"), the search scans the
/// descriptions instead, so it never misses what the scan alone would find.
pub async fn search_foods(conn: &mut PgConnection, words: &[String], limit: i64) -> sqlx::Result<Vec<FoodMatch>> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let patterns: Vec<String> = words.iter().map(|w| format!("%{w}%")).collect();
    let first = format!("{}%", words[0]);
    // Letters only (search_words keeps letters and digits): digits are tokenised with their
    // decimal point ("3.25"), so they are left to the pattern check.
    let prefixes: Vec<String> =
        words.iter().filter(|w| w.chars().all(char::is_alphabetic)).map(|w| format!("{w}:*")).collect();
    let mut rows: Vec<(String, String, String, Option<f64>)> = Vec::new();
    for indexed in [true, false] {
        if indexed && prefixes.is_empty() {
            continue;
        }
        let filter =
            if indexed { "to_tsvector('english', f.description) @@ to_tsquery('english', $4) and " } else { "" };
        rows = sqlx::query_as(&format!(
            "select f.ndb_no, f.description, g.name, f.energy_kcal::float8 from food.foods f \
             join food.food_groups g on g.code = f.food_group \
             where {filter}f.description ilike all($1) \
             order by (split_part(lower(f.description), ',', 1) = $5) desc, (f.description ilike $2) desc, \
               length(f.description), f.description limit $3"
        ))
        .bind(&patterns)
        .bind(&first)
        .bind(limit)
        .bind(prefixes.join(" & "))
        .bind(&words[0])
        .fetch_all(&mut *conn)
        .await?;
        if !rows.is_empty() {
            break;
        }
    }
    let ids: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let all = portions(conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|(ndb_no, description, food_group, energy_kcal)| {
            let portions = all.iter().filter(|(id, _)| *id == ndb_no).map(|(_, p)| p.clone()).collect();
            FoodMatch { ndb_no, description, food_group, energy_kcal, portions }
        })
        .collect())
}

/// A recipe's ingredients, each with its weight and its food's values when matched.
async fn ingredients_with_foods(conn: &mut PgConnection, recipe_id: Uuid) -> sqlx::Result<Vec<RecipeIngredient>> {
    // A matched food's row as JSON: `food.foods` columns are named like `FoodFacts` fields.
    let rows: Vec<(String, Option<f64>, Option<Json<FoodFacts>>)> = sqlx::query_as(
        "select i.ingredient_name, i.grams::float8, case when f.ndb_no is null then null else to_jsonb(f) end \
         from wt_recipe_ingredients i left join food.foods f on f.ndb_no = i.food_ndb_no \
         where i.recipe_id = $1 order by i.sort_order nulls last, i.created_at",
    )
    .bind(recipe_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, grams, food)| RecipeIngredient { name, grams, food: food.map(|Json(f)| f) })
        .collect())
}

/// Recomputes a recipe's nutrition from its ingredients and stores it (only when it changed).
pub async fn refresh_nutrition(conn: &mut PgConnection, recipe_id: Uuid) -> sqlx::Result<()> {
    let Some((servings, category)): Option<(Option<i32>, String)> =
        sqlx::query_as("select servings, grade_category from wt_recipes where id = $1")
            .bind(recipe_id)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(());
    };
    let ingredients = ingredients_with_foods(conn, recipe_id).await?;
    let category = parse_category(&category).unwrap_or(crate::meals::logic::nutrition_grade::Category::General);
    let nutrition = recipe_nutrition(&ingredients, servings.and_then(|s| u32::try_from(s).ok()), category);
    let info = nutrition.as_ref().map(|n| n.to_json());
    let score = nutrition.as_ref().and_then(|n| n.grade.as_ref()).map(|g| g.grade.spec_score());
    sqlx::query(
        "update wt_recipes set nutrition_info = $2, nutrition_score = $3 \
         where id = $1 and (nutrition_info, nutrition_score) is distinct from ($2, $3)",
    )
    .bind(recipe_id)
    .bind(info)
    .bind(score)
    .execute(conn)
    .await?;
    Ok(())
}

/// What cooking a recipe needs: its title, its servings and each ingredient with its food's
/// description and density; `None` when this household cannot see the recipe.
pub async fn cook_needs(
    conn: &mut PgConnection,
    recipe_id: Uuid,
) -> sqlx::Result<Option<(String, Option<i32>, Vec<crate::pantry::logic::deduct::Needed>)>> {
    let head: Option<(String, Option<i32>)> = sqlx::query_as(
        "select title, servings from wt_recipes where id = $1 \
         union all \
         select title, servings from wt_public_recipes where id = $1 and not exists (select 1 from wt_recipes where id = $1) \
         limit 1",
    )
    .bind(recipe_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((title, servings)) = head else { return Ok(None) };
    type Row = (String, Option<String>, Option<String>, Option<f64>, Option<String>, Option<f64>);
    let rows: Vec<Row> = sqlx::query_as(
        "select i.ingredient_name, i.food_ndb_no, f.description, i.quantity::float8, i.unit, i.grams::float8 \
         from wt_recipe_ingredients i left join food.foods f on f.ndb_no = i.food_ndb_no \
         where i.recipe_id = $1 order by i.sort_order nulls last, i.created_at",
    )
    .bind(recipe_id)
    .fetch_all(&mut *conn)
    .await?;
    let foods: Vec<String> = rows.iter().filter_map(|r| r.1.clone()).collect();
    let measures = portions(conn, &foods).await?;
    let needs = rows
        .into_iter()
        .map(|(name, ndb_no, food, quantity, unit, grams)| {
            let density = ndb_no.as_ref().and_then(|n| {
                crate::meals::logic::units::density_from_measures(
                    measures.iter().filter(|(id, _)| id == n).map(|(_, p)| (p.amount, p.description.as_str(), p.grams)),
                )
            });
            crate::pantry::logic::deduct::Needed { name, food, food_ndb_no: ndb_no, quantity, unit, grams, density }
        })
        .collect();
    Ok(Some((title, servings, needs)))
}

/// The household's recipes (most recently changed first, at most `limit`) with their
/// ingredients' names and foods, for the use-it-up ranking.
///
/// One flat row per ingredient, ordered and grouped here. Aggregating in SQL sorted each
/// recipe's rows three times and the groups by their title (a collated text), and even one
/// ORDER BY over the flat rows cost more than reading them (with 500 recipes of 8
/// ingredients: 19 ms aggregated, 9 ms ordered, 4 ms as read; sorting 4,000 rows in Rust
/// takes a fraction of a millisecond).
pub async fn recipes_with_ingredients(
    conn: &mut PgConnection,
    limit: i64,
) -> sqlx::Result<Vec<crate::pantry::logic::use_it_up::RecipeStock>> {
    use crate::pantry::logic::use_it_up::{IngredientName, RecipeStock};
    type Row = (
        Uuid,
        String,
        chrono::DateTime<chrono::Utc>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i32>,
        Option<chrono::DateTime<chrono::Utc>>,
    );
    let mut rows: Vec<Row> = sqlx::query_as(
        "select r.id, r.title, r.updated_at, i.ingredient_name, f.description, i.food_ndb_no, i.sort_order, \
           i.created_at \
         from (select id, title, updated_at from wt_recipes where profile_id is not null \
               order by updated_at desc limit $1) r \
         left join wt_recipe_ingredients i on i.recipe_id = r.id \
         left join food.foods f on f.ndb_no = i.food_ndb_no",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?;
    // Most recently changed recipe first; its ingredients in their order (unordered last).
    rows.sort_unstable_by(|a, b| {
        b.2.cmp(&a.2)
            .then(a.0.cmp(&b.0))
            .then(a.6.is_none().cmp(&b.6.is_none()))
            .then(a.6.cmp(&b.6))
            .then(a.7.cmp(&b.7))
    });
    let mut recipes: Vec<RecipeStock> = Vec::new();
    for (recipe_id, title, _, name, food, food_ndb_no, _, _) in rows {
        if recipes.last().map(|r| r.recipe_id) != Some(recipe_id) {
            recipes.push(RecipeStock { recipe_id, title, ingredients: Vec::new() });
        }
        if let (Some(name), Some(recipe)) = (name, recipes.last_mut()) {
            recipe.ingredients.push(IngredientName { name, food, food_ndb_no });
        }
    }
    Ok(recipes)
}
