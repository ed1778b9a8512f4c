//! Nutrient targets in the user's transaction.

use sqlx::PgConnection;
use uuid::Uuid;

use super::logic::targets::NutrientTarget;

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

/// The meals tile's figures in one statement.
pub async fn tile_figures(
    conn: &mut PgConnection,
    profile_id: Uuid,
    today: chrono::NaiveDate,
) -> sqlx::Result<super::model::MealTileFigures> {
    sqlx::query_as(
        "select exists (select 1 from wt_meals where profile_id = $1) as any_meal, \
           (select count(*) from wt_meals where profile_id = $1 and meal_date = $2) as meals_today, \
           (select name from wt_meals where profile_id = $1 order by meal_date desc, created_at desc limit 1) as last_meal",
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
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into wt_meals (profile_id, meal_date, meal_type, name, nutrition_info, score) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(profile_id)
    .bind(draft.meal_date)
    .bind(draft.meal_type)
    .bind(&draft.name)
    .bind(draft.nutrition_info())
    .bind(draft.grade().map(|g| g.grade.spec_score()))
    .execute(conn)
    .await
    .map(drop)
}

/// The profile's latest meals, newest first.
pub async fn recent_meals(
    conn: &mut PgConnection,
    profile_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<super::model::MealEntry>> {
    sqlx::query_as(
        "select meal_date, meal_type, name, score, nutrition_info #>> '{grade,grade}' as grade \
         from wt_meals where profile_id = $1 order by meal_date desc, created_at desc limit $2",
    )
    .bind(profile_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}
