//! Health metrics: manual entries now; device connections and imports later.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod model;
pub mod views;

/// The health tile: the chosen metric's last 30 entries.
#[cfg(feature = "ssr")]
pub async fn tile(
    conn: &mut sqlx::PgConnection,
    scope: crate::db::Scope,
    config: &crate::profiles::logic::TileConfig,
) -> sqlx::Result<crate::modules::TileSummary> {
    let metric = logic::ManualMetric::parse(&config.metric).unwrap_or(logic::ManualMetric::Weight);
    let recent = db::recent(conn, scope, metric, 30).await?;
    let history: Vec<_> = recent.into_iter().rev().map(|e| (e.recorded_at.timestamp(), e.value_num)).collect();
    Ok(logic::tile_summary(Some(metric), &history))
}
