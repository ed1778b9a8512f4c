//! Recipe queries in the caller's transaction (RLS applies).

use sqlx::types::Json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::FoodMatch;
use crate::meals::logic::recipe::{recipe_nutrition, FoodFacts, Portion, RecipeIngredient};
use crate::meals::model::parse_category;

/// A food's description and household measures; `None` for an unknown food number.
pub async fn food_with_portions(conn: &mut PgConnection, ndb_no: &str) -> sqlx::Result<Option<(String, Vec<Portion>)>> {
    let Some(description): Option<String> = sqlx::query_scalar("select description from food.foods where ndb_no = $1")
        .bind(ndb_no)
        .fetch_optional(&mut *conn)
        .await?
    else {
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

/// Foods whose description has every word (prefix match), most specific first.
pub async fn search_foods(conn: &mut PgConnection, words: &[String], limit: i64) -> sqlx::Result<Vec<FoodMatch>> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let patterns: Vec<String> = words.iter().map(|w| format!("%{w}%")).collect();
    let first = format!("{}%", words[0]);
    let rows: Vec<(String, String, String, Option<f64>)> = sqlx::query_as(
        "select f.ndb_no, f.description, g.name, f.energy_kcal::float8 from food.foods f \
         join food.food_groups g on g.code = f.food_group \
         where f.description ilike all($1) \
         order by (f.description ilike $2) desc, length(f.description), f.description limit $3",
    )
    .bind(&patterns)
    .bind(&first)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
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
    // A matched food's row as JSON: `food.foods` columns are named like `FoodFacts` fields.
    let rows: Vec<(String, Option<f64>, Option<Json<FoodFacts>>)> = sqlx::query_as(
        "select i.ingredient_name, i.grams::float8, case when f.ndb_no is null then null else to_jsonb(f) end \
         from wt_recipe_ingredients i left join food.foods f on f.ndb_no = i.food_ndb_no \
         where i.recipe_id = $1 order by i.sort_order nulls last, i.created_at",
    )
    .bind(recipe_id)
    .fetch_all(&mut *conn)
    .await?;
    let ingredients: Vec<RecipeIngredient> = rows
        .into_iter()
        .map(|(name, grams, food)| RecipeIngredient { name, grams, food: food.map(|Json(f)| f) })
        .collect();
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
