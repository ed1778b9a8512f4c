//! The dashboard's server function.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::logic::TileSummary;
use crate::error::AppError;
use crate::profiles::model::{ModuleTile, Profile};
#[cfg(feature = "ssr")]
use crate::session::{respond, Caller};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub profile: Profile,
    pub tiles: Vec<(ModuleTile, TileSummary)>,
}

/// The current profile's enabled tiles, in `tile_order`, with their summaries.
#[server(endpoint = "dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    respond(
        async {
            use crate::health::logic::ManualMetric;
            use crate::profiles::logic::ModuleName;

            let caller = Caller::require().await?;
            let today = chrono::Utc::now().date_naive();
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let profile = crate::profiles::db::get(&mut tx, profile_id).await?.ok_or(AppError::NotFound)?;
            let tiles: Vec<ModuleTile> =
                crate::profiles::db::modules(&mut tx, profile_id).await?.into_iter().filter(|t| t.enabled).collect();
            let figures = super::db::figures(&mut tx, profile_id, today).await?;
            let health_metric = tiles
                .iter()
                .find(|t| t.module == ModuleName::Health)
                .and_then(|t| ManualMetric::parse(&t.config.metric));
            let health: Vec<(i64, f64)> = match health_metric {
                Some(metric) => crate::health::db::recent(&mut tx, profile_id, metric, 30)
                    .await?
                    .into_iter()
                    .rev()
                    .map(|e| (e.recorded_at.timestamp(), e.value_num))
                    .collect(),
                None => vec![],
            };
            tx.commit().await?;
            let tiles = tiles
                .into_iter()
                .map(|t| {
                    let summary = super::logic::summarize(t.module, &t.config, &figures, &health);
                    (t, summary)
                })
                .collect();
            Ok(Dashboard { profile, tiles })
        }
        .await,
    )
}
