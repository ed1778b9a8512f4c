//! Server functions for profiles and tiles: check input, open the user's
//! transaction, call `db`, commit.

use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use super::logic::ModuleName;
use super::model::{ModuleTile, Profile};
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    db::Caller,
    error::{respond, FieldErrors},
};

#[server(endpoint = "profiles/switch")]
pub async fn switch_profile(profile_id: Uuid) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            // RLS: another household's profile simply does not exist here.
            caller
                .as_user(move |conn| {
                    Box::pin(async move { super::db::get(conn, profile_id).await?.ok_or(AppError::NotFound).map(drop) })
                })
                .await?;
            caller.remember_profile(profile_id).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// The profile form page: the viewer and one of the household's profiles.
#[server(endpoint = "profiles/page")]
pub async fn profile_page(id: Uuid) -> Result<Paged<Profile>, AppError> {
    respond(
        async {
            Caller::require()
                .await?
                .page(move |conn, _| Box::pin(async move { super::db::get(conn, id).await?.ok_or(AppError::NotFound) }))
                .await
        }
        .await,
    )
}

#[server(endpoint = "profiles/create")]
pub async fn create_profile(#[server(flatten)] form: super::logic::ProfileForm) -> Result<Uuid, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let draft = form.parse(scope.today).map_err(AppError::Invalid)?;
                        Ok(super::db::insert(conn, scope.user_id, &draft, false, scope.today).await?)
                    })
                })
                .await?;
            leptos_axum::redirect("/profiles");
            Ok(id)
        }
        .await,
    )
}

#[server(endpoint = "profiles/update")]
pub async fn update_profile(id: Uuid, #[server(flatten)] form: super::logic::ProfileForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let draft = form.parse(scope.today).map_err(AppError::Invalid)?;
                        if !super::db::update(conn, id, &draft, scope.today).await? {
                            return Err(AppError::NotFound);
                        }
                        Ok(())
                    })
                })
                .await?;
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
            caller
                .as_user(move |conn| {
                    Box::pin(async move {
                        let profile = super::db::get(conn, id).await?.ok_or(AppError::NotFound)?;
                        if profile.is_primary {
                            return Err(FieldErrors::single(
                                "profile",
                                "Your own profile cannot be deleted; delete the account instead.",
                            ));
                        }
                        super::db::delete_dependent(conn, id).await?;
                        Ok(())
                    })
                })
                .await?;
            leptos_axum::redirect("/profiles");
            Ok(())
        }
        .await,
    )
}

/// The tile settings page: the viewer and every module's tile, in order.
#[server(endpoint = "tiles/page")]
pub async fn tiles_page() -> Result<Paged<Vec<ModuleTile>>, AppError> {
    respond(
        async {
            Caller::require()
                .await?
                .page(|conn, scope| Box::pin(async move { Ok(super::db::modules(conn, scope.profile_id).await?) }))
                .await
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
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        if !super::db::save_tile(conn, scope.profile_id, module, enabled.is_some(), &config).await? {
                            return Err(AppError::NotFound);
                        }
                        Ok(())
                    })
                })
                .await?;
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
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let mut order: Vec<ModuleName> =
                            super::db::modules(conn, scope.profile_id).await?.iter().map(|t| t.module).collect();
                        if super::logic::move_in_order(&mut order, module, up) {
                            super::db::set_order(conn, scope.profile_id, &order).await?;
                        }
                        Ok(())
                    })
                })
                .await?;
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
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move { Ok(super::db::set_order(conn, scope.profile_id, &order).await?) })
                })
                .await?;
            Ok(())
        }
        .await,
    )
}
