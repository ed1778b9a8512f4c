//! The household's pantry: what is in the fridge, the freezer and the
//! cupboard, with quantities and expiry dates. Every profile of the
//! household sees one pantry (a row belongs to the profile that added it;
//! row-level security shows the household's rows). Leftovers and shopping
//! come next (issue 9, 10).

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod model;
pub mod views;

/// The pantry tile, from one query: by default how many items expire within
/// [`logic::SOON_DAYS`] and the first of them; or how many are in stock.
#[cfg(feature = "ssr")]
pub async fn tile(
    conn: &mut sqlx::PgConnection,
    scope: crate::db::Scope,
    config: &crate::profiles::logic::TileConfig,
) -> sqlx::Result<crate::modules::TileSummary> {
    if config.metric == "in_stock" {
        return Ok(model::stock_summary(db::in_stock_count(conn).await?));
    }
    let (count, first) = db::expiring(conn, scope.today, logic::SOON_DAYS, 3).await?;
    Ok(model::tile_summary(count, &first))
}
