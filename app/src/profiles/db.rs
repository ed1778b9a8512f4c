//! Queries on wt_profiles and wt_profile_modules. Every function takes the
//! user's transaction; row-level security limits it to the caller's household.

use sqlx::PgConnection;
use uuid::Uuid;

use super::logic::{ModuleName, ProfileDraft, TileConfig};
use super::model::{ModuleTile, Profile, ProfileChip, ProfileType};

const PROFILE_COLUMNS: &str = "id, profile_type, display_name, date_of_birth, gender, \
     height_cm::float8 as height_cm, weight_kg::float8 as weight_kg, activity_level, \
     coalesce(fitness_goals, '{}') as fitness_goals, coalesce(dietary_restrictions, '{}') as dietary_restrictions, \
     coalesce(allergies, '{}') as allergies, is_primary";

pub async fn list_chips(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Vec<ProfileChip>> {
    sqlx::query_as(
        "select id, display_name, profile_type, is_primary from wt_profiles \
         where user_id = $1 order by is_primary desc, created_at, display_name",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await
}

pub async fn get(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Profile>> {
    sqlx::query_as(&format!("select {PROFILE_COLUMNS} from wt_profiles where id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// A new household: the account's `wt_users` row (named and zoned) and its
/// primary profile, as the new user.
pub async fn insert_household(
    conn: &mut PgConnection,
    user_id: Uuid,
    draft: &ProfileDraft,
    timezone: &str,
    today: chrono::NaiveDate,
) -> sqlx::Result<Uuid> {
    sqlx::query("insert into wt_users (id, display_name, timezone) values ($1, $2, $3)")
        .bind(user_id)
        .bind(&draft.display_name)
        .bind(timezone)
        .execute(&mut *conn)
        .await?;
    insert(conn, user_id, draft, true, today).await
}

/// Inserts a profile with its module rows (every module, default order and tile config).
pub async fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    draft: &ProfileDraft,
    parent: bool,
    today: chrono::NaiveDate,
) -> sqlx::Result<Uuid> {
    let id: Uuid = sqlx::query_scalar(
        "insert into wt_profiles (user_id, profile_type, display_name, date_of_birth, gender, height_cm, weight_kg, \
            activity_level, fitness_goals, dietary_restrictions, allergies, is_primary) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id",
    )
    .bind(user_id)
    .bind(if parent { ProfileType::Parent } else { ProfileType::Dependent })
    .bind(&draft.display_name)
    .bind(draft.date_of_birth)
    .bind(&draft.gender)
    .bind(draft.height_cm)
    .bind(draft.weight_kg)
    .bind(&draft.activity_level)
    .bind(&draft.fitness_goals)
    .bind(&draft.dietary_restrictions)
    .bind(&draft.allergies)
    .bind(parent)
    .fetch_one(&mut *conn)
    .await?;

    let names: Vec<&str> = ModuleName::ALL.iter().map(|m| m.as_str()).collect();
    let orders: Vec<i32> = (0..ModuleName::ALL.len() as i32).collect();
    let configs: Vec<serde_json::Value> = ModuleName::ALL
        .iter()
        .map(|m| serde_json::to_value(TileConfig::default_for(*m)).expect("tile config serialises"))
        .collect();
    sqlx::query(
        "insert into wt_profile_modules (profile_id, module_name, enabled, tile_order, tile_config) \
         select $1, name, true, ord, cfg from unnest($2::text[], $3::int[], $4::jsonb[]) as t(name, ord, cfg)",
    )
    .bind(id)
    .bind(&names)
    .bind(&orders)
    .bind(&configs)
    .execute(&mut *conn)
    .await?;
    save_targets(conn, id, draft, today).await?;
    Ok(id)
}

/// Default nutrient targets follow the profile's body data (meals module).
async fn save_targets(
    conn: &mut PgConnection,
    id: Uuid,
    draft: &ProfileDraft,
    today: chrono::NaiveDate,
) -> sqlx::Result<()> {
    let age = draft.date_of_birth.map(|dob| (today - dob).num_days() as f64 / 365.25);
    let targets = crate::meals::logic::targets::for_profile(
        age,
        draft.gender.as_deref(),
        draft.height_cm,
        draft.weight_kg,
        draft.activity_level.as_deref(),
    );
    crate::meals::db::save_default_targets(conn, id, &targets).await
}

pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    draft: &ProfileDraft,
    today: chrono::NaiveDate,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update wt_profiles set display_name = $2, date_of_birth = $3, gender = $4, height_cm = $5, weight_kg = $6, \
            activity_level = $7, fitness_goals = $8, dietary_restrictions = $9, allergies = $10 \
         where id = $1",
    )
    .bind(id)
    .bind(&draft.display_name)
    .bind(draft.date_of_birth)
    .bind(&draft.gender)
    .bind(draft.height_cm)
    .bind(draft.weight_kg)
    .bind(&draft.activity_level)
    .bind(&draft.fitness_goals)
    .bind(&draft.dietary_restrictions)
    .bind(&draft.allergies)
    .execute(&mut *conn)
    .await?;
    let updated = done.rows_affected() == 1;
    if updated {
        save_targets(conn, id, draft, today).await?;
    }
    Ok(updated)
}

/// Deletes a dependent profile (never the primary one) and everything it owns.
pub async fn delete_dependent(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from wt_profiles where id = $1 and not is_primary").bind(id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn modules(conn: &mut PgConnection, profile_id: Uuid) -> sqlx::Result<Vec<ModuleTile>> {
    let rows: Vec<(String, bool, Option<i32>, Option<serde_json::Value>)> = sqlx::query_as(
        "select module_name, enabled, tile_order, tile_config from wt_profile_modules \
         where profile_id = $1 order by tile_order nulls last, module_name",
    )
    .bind(profile_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .enumerate()
        .filter_map(|(i, (name, enabled, order, config))| {
            // Rows for modules this version does not know are kept but not shown.
            let module = ModuleName::parse(&name)?;
            Some(ModuleTile {
                module,
                enabled,
                tile_order: order.unwrap_or(i as i32),
                config: TileConfig::from_json(module, config.as_ref()),
            })
        })
        .collect())
}

pub async fn save_tile(
    conn: &mut PgConnection,
    profile_id: Uuid,
    module: ModuleName,
    enabled: bool,
    config: &TileConfig,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update wt_profile_modules set enabled = $3, tile_config = $4 where profile_id = $1 and module_name = $2",
    )
    .bind(profile_id)
    .bind(module.as_str())
    .bind(enabled)
    .bind(serde_json::to_value(config).expect("tile config serialises"))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_order(conn: &mut PgConnection, profile_id: Uuid, order: &[ModuleName]) -> sqlx::Result<()> {
    let names: Vec<&str> = order.iter().map(|m| m.as_str()).collect();
    sqlx::query(
        "update wt_profile_modules m set tile_order = t.ord - 1 \
         from unnest($2::text[]) with ordinality as t(name, ord) \
         where m.profile_id = $1 and m.module_name = t.name",
    )
    .bind(profile_id)
    .bind(&names)
    .execute(conn)
    .await?;
    Ok(())
}
