//! Health server functions.

use leptos::prelude::*;

use super::model::MetricEntry;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    error::FieldErrors,
    session::{respond, Caller},
};

/// How many entries the health page lists and charts.
pub const HISTORY_LEN: i64 = 90;

/// Logs a manual weight, resting heart rate or sleep entry for the current
/// profile. Returns `false` when the identical entry already existed (a
/// double submit), which is not an error.
#[server(endpoint = "health/log")]
pub async fn log_metric(
    metric: String,
    value: String,
    unit: String,
    date: String,
    time: String,
) -> Result<bool, AppError> {
    respond(
        async {
            let today = chrono::Utc::now().date_naive();
            let entry =
                super::logic::parse_entry(&metric, &value, &unit, &date, &time, today).map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let stored = super::db::insert_manual(&mut tx, caller.user.id, profile_id, &entry).await?;
            tx.commit().await?;
            leptos_axum::redirect(&format!("/health?metric={}", entry.metric.metric_type()));
            Ok(stored)
        }
        .await,
    )
}

#[server(endpoint = "health/list")]
pub async fn list_metrics(metric: String) -> Result<Vec<MetricEntry>, AppError> {
    respond(
        async {
            let metric = super::logic::ManualMetric::parse(&metric)
                .ok_or_else(|| FieldErrors::single("metric", "Choose weight, resting heart rate or sleep."))?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let entries = super::db::recent(&mut tx, profile_id, metric, HISTORY_LEN).await?;
            tx.commit().await?;
            Ok(entries)
        }
        .await,
    )
}
