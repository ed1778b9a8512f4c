//! Health server functions.

use leptos::prelude::*;

use super::model::MetricEntry;
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    db::Caller,
    error::{respond, FieldErrors},
};

/// How many entries the health page lists and charts.
pub const HISTORY_LEN: i64 = 90;

/// Logs a manual weight, resting heart rate or sleep entry for the current
/// profile. Returns `false` when the identical entry already existed (a
/// double submit), which is not an error.
#[server(endpoint = "health/log")]
pub async fn log_metric(#[server(flatten)] form: super::model::MetricForm) -> Result<bool, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let (stored, metric) = caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let super::model::MetricForm { metric, value, unit, date, time } = form;
                        let entry = super::logic::parse_entry(&metric, &value, &unit, &date, &time, scope.today)
                            .map_err(AppError::Invalid)?;
                        let stored = super::db::insert_manual(conn, scope, &entry).await?;
                        Ok((stored, entry.metric))
                    })
                })
                .await?;
            leptos_axum::redirect(&format!("/health?metric={}", metric.metric_type()));
            Ok(stored)
        }
        .await,
    )
}

/// The health page: the viewer and the latest entries of one metric.
#[server(endpoint = "health/page")]
pub async fn health_page(metric: String) -> Result<Paged<Vec<MetricEntry>>, AppError> {
    respond(
        async {
            let metric = super::logic::ManualMetric::parse(&metric)
                .ok_or_else(|| FieldErrors::single("metric", "Choose weight, resting heart rate or sleep."))?;
            Caller::require()
                .await?
                .page(move |conn, scope| {
                    Box::pin(async move { Ok(super::db::recent(conn, scope, metric, HISTORY_LEN).await?) })
                })
                .await
        }
        .await,
    )
}
