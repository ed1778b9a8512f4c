//! Workouts: log a session (with its session RPE, the engine's load input).

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod model;
pub mod views;

/// The workouts tile: this week's sessions or minutes.
#[cfg(feature = "ssr")]
pub async fn tile(
    conn: &mut sqlx::PgConnection,
    scope: crate::db::Scope,
    config: &crate::profiles::logic::TileConfig,
) -> sqlx::Result<crate::modules::TileSummary> {
    let figures = db::tile_figures(conn, scope.profile_id, scope.today).await?;
    Ok(logic::tile_summary(&config.metric, &figures))
}
