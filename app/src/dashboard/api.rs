//! The dashboard's server function.

use leptos::prelude::*;

use super::model::Dashboard;
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{db::Caller, error::respond};

/// The current profile's enabled tiles, in `tile_order`, each with the
/// summary its module gives from its own query; disabled tiles cost nothing.
#[server(endpoint = "dashboard")]
pub async fn dashboard_page() -> Result<Paged<Dashboard>, AppError> {
    respond(
        async {
            Caller::require()
                .await?
                .page(|conn, scope| {
                    Box::pin(async move {
                        let profile =
                            crate::profiles::db::get(conn, scope.profile_id).await?.ok_or(AppError::NotFound)?;
                        let enabled = crate::profiles::db::modules(conn, scope.profile_id)
                            .await?
                            .into_iter()
                            .filter(|t| t.enabled);
                        let mut tiles = Vec::new();
                        for tile in enabled {
                            let summary = crate::modules::tile(conn, scope, tile.module, &tile.config).await?;
                            tiles.push((tile, summary));
                        }
                        Ok(Dashboard { profile, tiles })
                    })
                })
                .await
        }
        .await,
    )
}
