//! Queries on wt_health_metrics, in the user's transaction.

use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

use super::logic::{dedupe_key, ManualEntry, ManualMetric};
use super::model::MetricEntry;

/// Stores a manual entry; `false` when the same entry was already stored.
pub async fn insert_manual(
    conn: &mut PgConnection,
    user_id: Uuid,
    profile_id: Uuid,
    entry: &ManualEntry,
) -> sqlx::Result<bool> {
    let hash = hex::encode(Sha256::digest(dedupe_key(profile_id, entry).as_bytes()));
    let inserted = sqlx::query(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, unit, recorded_at, dedupe_hash) \
         values ($1, $2, 'manual', $3::wt_metric_type, $4, $5, $6, $7) \
         on conflict (dedupe_hash) do nothing",
    )
    .bind(user_id)
    .bind(profile_id)
    .bind(entry.metric.metric_type())
    .bind(entry.value)
    .bind(entry.metric.stored_unit())
    .bind(entry.recorded_at)
    .bind(hash)
    .execute(conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// The latest entries of one metric, newest first.
pub async fn recent(
    conn: &mut PgConnection,
    profile_id: Uuid,
    metric: ManualMetric,
    limit: i64,
) -> sqlx::Result<Vec<MetricEntry>> {
    sqlx::query_as(
        "select id, metric_type::text as metric_type, value_num::float8 as value_num, unit, recorded_at, source::text as source \
         from wt_health_metrics \
         where profile_id = $1 and metric_type = $2::wt_metric_type and value_num is not null \
         order by recorded_at desc limit $3",
    )
    .bind(profile_id)
    .bind(metric.metric_type())
    .bind(limit)
    .fetch_all(conn)
    .await
}
