//! Meals, their nutrient breakdown and the profile's targets, in the user's transaction.

use std::collections::HashMap;

use sqlx::types::Json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::logic::intake::{Breakdown, IntakeFigure, MealItem, TRACKED};
use super::logic::recipe::FoodFacts;
use super::logic::targets::NutrientTarget;
use super::model::{MealDetail, MealEdit, MealEntry, MealType};

/// Writes a profile's default daily targets (by nutrient name, as seeded in
/// `wt_nutrients`). Nothing happens when there are none to write.
pub async fn save_default_targets(
    conn: &mut PgConnection,
    profile_id: Uuid,
    targets: &[NutrientTarget],
) -> sqlx::Result<()> {
    if targets.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = targets.iter().map(|t| t.nutrient).collect();
    let values: Vec<f64> = targets.iter().map(|t| (t.value * 100.0).round() / 100.0).collect();
    sqlx::query(
        "insert into wt_nutrient_targets (profile_id, nutrient_id, target_value, period) \
         select $1, n.id, t.value, 'daily' from unnest($2::text[], $3::float8[]) as t(name, value) \
         join wt_nutrients n on n.name = t.name \
         on conflict (profile_id, nutrient_id, period) do update set target_value = excluded.target_value \
         where wt_nutrient_targets.target_value is distinct from excluded.target_value",
    )
    .bind(profile_id)
    .bind(&names)
    .bind(&values)
    .execute(conn)
    .await?;
    Ok(())
}

/// The meals tile's figures in one statement (today's energy from the meals' own
/// `nutrition_info`, as the list reads it, not from the breakdown rows).
pub async fn tile_figures(
    conn: &mut PgConnection,
    profile_id: Uuid,
    today: chrono::NaiveDate,
) -> sqlx::Result<super::model::MealTileFigures> {
    sqlx::query_as(
        "select exists (select 1 from wt_meals where profile_id = $1) as any_meal, \
           (select count(*) from wt_meals where profile_id = $1 and meal_date = $2) as meals_today, \
           (select name from wt_meals where profile_id = $1 order by meal_date desc, created_at desc limit 1) as last_meal, \
           (select sum(coalesce(m.nutrition_info ->> 'energy_kcal', m.nutrition_info #>> '{consumed,energy_kcal}')::float8) \
              from wt_meals m where m.profile_id = $1 and m.meal_date = $2) as energy_today, \
           (select t.target_value::float8 from wt_nutrient_targets t join wt_nutrients n on n.id = t.nutrient_id \
              where t.profile_id = $1 and t.period = 'daily' and n.name = 'Energy') as energy_target",
    )
    .bind(profile_id)
    .bind(today)
    .fetch_one(conn)
    .await
}

pub async fn insert_meal(
    conn: &mut PgConnection,
    profile_id: Uuid,
    draft: &super::model::MealDraft,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into wt_meals (profile_id, meal_date, meal_type, name, nutrition_info, score) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(profile_id)
    .bind(draft.meal_date)
    .bind(draft.meal_type)
    .bind(&draft.name)
    .bind(draft.nutrition_info())
    .bind(draft.grade().map(|g| g.grade.spec_score()))
    .fetch_one(conn)
    .await
}

/// A meal known only by its name (a leftover whose recipe was deleted): no nutrition.
pub async fn insert_named_meal(
    conn: &mut PgConnection,
    profile_id: Uuid,
    name: &str,
    servings: f64,
    meal_type: super::model::MealType,
    meal_date: chrono::NaiveDate,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into wt_meals (profile_id, meal_date, meal_type, name, servings_consumed) \
         values ($1, $2, $3, $4, $5) returning id",
    )
    .bind(profile_id)
    .bind(meal_date)
    .bind(meal_type)
    .bind(name)
    .bind(servings)
    .fetch_one(conn)
    .await
}

/// The profile's latest meals, newest first, each with the energy it gave (kept in its
/// `nutrition_info` beside the breakdown, so the list reads no breakdown rows).
pub async fn recent_meals(conn: &mut PgConnection, profile_id: Uuid, limit: i64) -> sqlx::Result<Vec<MealEntry>> {
    sqlx::query_as(
        "select m.id, m.meal_date, m.meal_type, m.name, m.score, m.nutrition_info #>> '{grade,grade}' as grade, \
           coalesce(m.nutrition_info ->> 'energy_kcal', m.nutrition_info #>> '{consumed,energy_kcal}')::float8 \
             as energy_kcal \
         from wt_meals m where m.profile_id = $1 order by m.meal_date desc, m.created_at desc limit $2",
    )
    .bind(profile_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// The profile's intake of every nutrient it has a daily target for: today and over the
/// seven days ending today, with the number of those days that have a counted meal.
pub async fn intake(
    conn: &mut PgConnection,
    profile_id: Uuid,
    today: chrono::NaiveDate,
) -> sqlx::Result<(Vec<IntakeFigure>, i64)> {
    let rows: Vec<(String, f64, f64, f64, i64)> = sqlx::query_as(
        "with eaten as ( \
           select b.nutrient_id, b.amount, m.meal_date from wt_meals m \
           join wt_meal_nutrient_breakdown b on b.meal_id = m.id \
           where m.profile_id = $1 and m.meal_date between $2::date - 6 and $2::date) \
         select n.name, t.target_value::float8, \
           coalesce(sum(e.amount) filter (where e.meal_date = $2), 0)::float8, \
           coalesce(sum(e.amount), 0)::float8, \
           (select count(distinct meal_date) from eaten) \
         from wt_nutrient_targets t join wt_nutrients n on n.id = t.nutrient_id \
         left join eaten e on e.nutrient_id = t.nutrient_id \
         where t.profile_id = $1 and t.period = 'daily' \
         group by n.name, t.target_value",
    )
    .bind(profile_id)
    .bind(today)
    .fetch_all(conn)
    .await?;
    let days = rows.first().map_or(0, |r| r.4);
    let figures = rows
        .into_iter()
        .map(|(nutrient, target, today, week, _)| IntakeFigure { nutrient, target, today, week })
        .collect();
    Ok((figures, days))
}

#[derive(sqlx::FromRow)]
struct MealRow {
    id: Uuid,
    meal_date: chrono::NaiveDate,
    meal_type: MealType,
    name: String,
    rating: Option<f64>,
    notes: Option<String>,
    photo_url: Option<String>,
    recipe_id: Option<Uuid>,
    recipe_title: Option<String>,
    servings_consumed: Option<f64>,
    nutrition_info: Option<Json<serde_json::Value>>,
}

/// One meal of the household with its items and breakdown; `None` when it is not the
/// household's.
pub async fn meal_detail(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<MealDetail>> {
    let Some(row): Option<MealRow> = sqlx::query_as(
        "select m.id, m.meal_date, m.meal_type, m.name, m.rating::float8, m.notes, m.photo_url, m.recipe_id, \
           coalesce(r.title, p.title) as recipe_title, m.servings_consumed::float8, m.nutrition_info \
         from wt_meals m left join wt_recipes r on r.id = m.recipe_id \
         left join wt_public_recipes p on p.id = m.recipe_id \
         where m.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let amounts: Vec<(String, f64)> = sqlx::query_as(
        "select n.name, b.amount::float8 from wt_meal_nutrient_breakdown b \
         join wt_nutrients n on n.id = b.nutrient_id where b.meal_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let info = row.nutrition_info.map(|Json(v)| v);
    let nutrients = TRACKED
        .iter()
        .filter_map(|t| {
            let (_, amount) = amounts.iter().find(|(name, _)| name == t.name)?;
            Some((t.label.to_owned(), *amount, t.unit.to_owned()))
        })
        .collect();
    let not_counted = info
        .as_ref()
        .and_then(|v| v.get("not_counted"))
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    Ok(Some(MealDetail {
        id: row.id,
        meal_date: row.meal_date,
        meal_type: row.meal_type,
        name: row.name,
        rating: row.rating.map(|r| r.round() as i32),
        notes: row.notes,
        photo_url: row.photo_url,
        recipe: row.recipe_id.map(|id| (id, row.recipe_title.unwrap_or_default())),
        servings_consumed: row.servings_consumed,
        items: super::logic::intake::stored_items(info.as_ref()),
        nutrients,
        not_counted,
        grade: info.as_ref().and_then(|v| v.pointer("/grade/grade")).and_then(|g| g.as_str()).map(str::to_owned),
    }))
}

/// The items of one of the household's meals made of foods, locked until the transaction
/// ends (two additions at once both land); `None` when the meal is not the household's,
/// `Some(None)` for a meal from a recipe, whose content is the recipe's.
pub async fn items_for_update(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Option<Vec<MealItem>>>> {
    let row: Option<(Option<Uuid>, Option<Json<serde_json::Value>>)> =
        sqlx::query_as("select recipe_id, nutrition_info from wt_meals where id = $1 for update")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(recipe, info)| {
        recipe.is_none().then(|| super::logic::intake::stored_items(info.as_ref().map(|Json(v)| v)))
    }))
}

/// SR28 values of the foods named, by food number.
pub async fn food_facts(conn: &mut PgConnection, foods: &[String]) -> sqlx::Result<HashMap<String, FoodFacts>> {
    if foods.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, Json<FoodFacts>)> =
        sqlx::query_as("select f.ndb_no, to_jsonb(f) from food.foods f where f.ndb_no = any($1)")
            .bind(foods)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(id, Json(f))| (id, f)).collect())
}

/// Stores a meal's items, its nutrition, score and breakdown, all computed from the items.
pub async fn save_items(conn: &mut PgConnection, meal_id: Uuid, items: Vec<MealItem>) -> sqlx::Result<()> {
    let foods: Vec<String> = items.iter().filter_map(|i| i.food_ndb_no.clone()).collect();
    let facts = food_facts(conn, &foods).await?;
    let with_facts: Vec<(MealItem, Option<FoodFacts>)> = items
        .into_iter()
        .map(|i| {
            let f = i.food_ndb_no.as_ref().and_then(|n| facts.get(n)).cloned();
            (i, f)
        })
        .collect();
    let meal = super::logic::intake::diary_meal(&with_facts);
    sqlx::query("update wt_meals set nutrition_info = $2, score = $3 where id = $1")
        .bind(meal_id)
        .bind(&meal.nutrition_info)
        .bind(meal.score)
        .execute(&mut *conn)
        .await?;
    let breakdown = (!with_facts.is_empty()).then_some(&meal.breakdown);
    save_breakdown(conn, meal_id, breakdown).await
}

/// Replaces a meal's breakdown (`None` leaves it without one).
pub async fn save_breakdown(conn: &mut PgConnection, meal_id: Uuid, breakdown: Option<&Breakdown>) -> sqlx::Result<()> {
    sqlx::query("delete from wt_meal_nutrient_breakdown where meal_id = $1").bind(meal_id).execute(&mut *conn).await?;
    let Some(breakdown) = breakdown else {
        return Ok(());
    };
    let rows = breakdown.rows();
    let names: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let units: Vec<&str> = rows.iter().map(|r| r.1).collect();
    let amounts: Vec<f64> = rows.iter().map(|r| r.2).collect();
    sqlx::query(
        "insert into wt_meal_nutrient_breakdown (meal_id, nutrient_id, amount, unit) \
         select $1, n.id, r.amount, r.unit from unnest($2::text[], $3::text[], $4::float8[]) as r(name, unit, amount) \
         join wt_nutrients n on n.name = r.name",
    )
    .bind(meal_id)
    .bind(&names)
    .bind(&units)
    .bind(&amounts)
    .execute(conn)
    .await
    .map(drop)
}

/// Changes a meal's own fields; `false` when it is not the household's.
pub async fn update_meal(conn: &mut PgConnection, id: Uuid, edit: &MealEdit) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update wt_meals set name = $2, meal_type = $3, meal_date = $4, rating = $5, notes = $6 where id = $1",
    )
    .bind(id)
    .bind(&edit.name)
    .bind(edit.meal_type)
    .bind(edit.meal_date)
    .bind(edit.rating)
    .bind(&edit.notes)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a meal (its breakdown goes with it); `false` when it is not the household's.
pub async fn delete_meal(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from wt_meals where id = $1").bind(id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}
