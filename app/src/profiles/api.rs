//! Server functions for profiles and tiles: check input, open the user's
//! transaction, call `db`, commit.

use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use super::logic::{ModuleName, ProfileForm};
use super::model::{ModuleTile, Profile};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    error::FieldErrors,
    session::{respond, Caller},
};

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

#[server(endpoint = "profiles/switch")]
pub async fn switch_profile(profile_id: Uuid) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let mut tx = caller.begin().await?;
            // RLS: another household's profile simply does not exist here.
            super::db::get(&mut tx, profile_id).await?.ok_or(AppError::NotFound)?;
            tx.commit().await?;
            caller.remember_profile(profile_id).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "profiles/get")]
pub async fn get_profile(id: Uuid) -> Result<Profile, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let mut tx = caller.begin().await?;
            let profile = super::db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            tx.commit().await?;
            Ok(profile)
        }
        .await,
    )
}

#[allow(clippy::too_many_arguments)]
#[server(endpoint = "profiles/create")]
pub async fn create_profile(
    display_name: String,
    date_of_birth: String,
    gender: String,
    height_cm: String,
    weight_kg: String,
    activity_level: String,
    fitness_goals: String,
    dietary_restrictions: String,
    allergies: String,
) -> Result<Uuid, AppError> {
    let form = ProfileForm {
        display_name,
        date_of_birth,
        gender,
        height_cm,
        weight_kg,
        activity_level,
        fitness_goals,
        dietary_restrictions,
        allergies,
    };
    respond(
        async {
            let draft = form.parse(today()).map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let mut tx = caller.begin().await?;
            let id = super::db::insert(&mut tx, caller.user.id, &draft, false).await?;
            tx.commit().await?;
            leptos_axum::redirect("/profiles");
            Ok(id)
        }
        .await,
    )
}

#[allow(clippy::too_many_arguments)]
#[server(endpoint = "profiles/update")]
pub async fn update_profile(
    id: Uuid,
    display_name: String,
    date_of_birth: String,
    gender: String,
    height_cm: String,
    weight_kg: String,
    activity_level: String,
    fitness_goals: String,
    dietary_restrictions: String,
    allergies: String,
) -> Result<(), AppError> {
    let form = ProfileForm {
        display_name,
        date_of_birth,
        gender,
        height_cm,
        weight_kg,
        activity_level,
        fitness_goals,
        dietary_restrictions,
        allergies,
    };
    respond(
        async {
            let draft = form.parse(today()).map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let mut tx = caller.begin().await?;
            if !super::db::update(&mut tx, id, &draft).await? {
                return Err(AppError::NotFound);
            }
            tx.commit().await?;
            leptos_axum::redirect("/profiles");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "profiles/delete")]
pub async fn delete_profile(id: Uuid) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let mut tx = caller.begin().await?;
            let profile = super::db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            if profile.is_primary {
                return Err(FieldErrors::single(
                    "profile",
                    "Your own profile cannot be deleted; delete the account instead.",
                ));
            }
            super::db::delete_dependent(&mut tx, id).await?;
            tx.commit().await?;
            leptos_axum::redirect("/profiles");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "tiles/list")]
pub async fn get_tiles() -> Result<Vec<ModuleTile>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let tiles = super::db::modules(&mut tx, profile_id).await?;
            tx.commit().await?;
            Ok(tiles)
        }
        .await,
    )
}

#[server(endpoint = "tiles/save")]
pub async fn save_tile(
    module: String,
    enabled: Option<String>,
    size: String,
    color: String,
    metric: String,
) -> Result<(), AppError> {
    respond(
        async {
            let module = ModuleName::parse(&module).ok_or(AppError::NotFound)?;
            let config =
                super::logic::TileConfig::parse_form(module, &size, &color, &metric).map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            if !super::db::save_tile(&mut tx, profile_id, module, enabled.is_some(), &config).await? {
                return Err(AppError::NotFound);
            }
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "tiles/move")]
pub async fn move_tile(module: String, direction: String) -> Result<(), AppError> {
    respond(
        async {
            let module = ModuleName::parse(&module).ok_or(AppError::NotFound)?;
            let up = match direction.as_str() {
                "up" => true,
                "down" => false,
                _ => return Err(FieldErrors::single("direction", "Move a tile up or down.")),
            };
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let mut order: Vec<ModuleName> =
                super::db::modules(&mut tx, profile_id).await?.iter().map(|t| t.module).collect();
            if super::logic::move_in_order(&mut order, module, up) {
                super::db::set_order(&mut tx, profile_id, &order).await?;
            }
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}

/// Saves a complete order, as produced by dragging tiles (JavaScript only).
#[server(endpoint = "tiles/reorder")]
pub async fn reorder_tiles(order: String) -> Result<(), AppError> {
    respond(
        async {
            let order = super::logic::parse_order(&order)
                .ok_or_else(|| FieldErrors::single("order", "The new order must list every module once."))?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            super::db::set_order(&mut tx, profile_id, &order).await?;
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}
