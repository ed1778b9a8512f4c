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
