//! Meals, recipes and nutrients: logging meals (graded with WellTrack's
//! nutrition grade when label values are given, or from a recipe), recipes
//! built from USDA SR28 foods, the pure nutrition logic (grade, recipe
//! nutrition, energy needs, default targets) and a profile's default targets.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod model;
pub mod recipes;
pub mod views;

/// The meals tile: today's meals or the last one, from one query.
#[cfg(feature = "ssr")]
pub async fn tile(
    conn: &mut sqlx::PgConnection,
    scope: crate::db::Scope,
    config: &crate::profiles::logic::TileConfig,
) -> sqlx::Result<crate::modules::TileSummary> {
    let figures = db::tile_figures(conn, scope.profile_id, scope.today).await?;
    Ok(logic::tile::tile_summary(&config.metric, &figures))
}
