//! The performance engine: training load, fitness/fatigue/form, baselines,
//! sleep and recovery scores (pure, in `logic`), goal forecasts (`forecast`),
//! the recompute plan and its database side, and the recovery page.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod forecast;
pub mod logic;
pub mod model;
pub mod plan;
#[cfg(test)]
mod proptests;
#[cfg(feature = "ssr")]
pub mod recompute;
pub mod views;

/// The performance tile: the latest recovery score or the week's load.
#[cfg(feature = "ssr")]
pub async fn tile(
    conn: &mut sqlx::PgConnection,
    scope: crate::db::Scope,
    config: &crate::profiles::logic::TileConfig,
) -> sqlx::Result<crate::modules::TileSummary> {
    let figures = db::tile_figures(conn, scope.profile_id, scope.today).await?;
    Ok(logic::page::tile_summary(&config.metric, &figures))
}
