//! Queries on wt_health_metrics, in the user's transaction.

use sha2::{Digest, Sha256};
use sqlx::PgConnection;

use super::logic::{dedupe_key, ManualEntry, ManualMetric};
use super::model::MetricEntry;
use crate::db::Scope;

/// Stores a manual entry, typed on the wall clock of the household's `zone`;
/// `false` when the same entry was already stored.
pub async fn insert_manual(conn: &mut PgConnection, scope: Scope, entry: &ManualEntry) -> sqlx::Result<bool> {
    let (user_id, profile_id) = (scope.user_id, scope.profile_id);
    let recorded_at = crate::time::instant_in(scope.time_zone, entry.local_time);
    let hash = hex::encode(Sha256::digest(dedupe_key(profile_id, entry, recorded_at).as_bytes()));
    let inserted = sqlx::query(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, unit, recorded_at, dedupe_hash) \
         values ($1, $2, 'manual', $3, $4, $5, $6, $7) \
         on conflict (dedupe_hash) do nothing",
    )
    .bind(user_id)
    .bind(profile_id)
    .bind(entry.metric)
    .bind(entry.value)
    .bind(entry.metric.stored_unit())
    .bind(recorded_at)
    .bind(hash)
    .execute(conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// The latest entries of one metric of the scope's profile, newest first,
/// with their time on the household's wall clock.
pub async fn recent(
    conn: &mut PgConnection,
    scope: Scope,
    metric: ManualMetric,
    limit: i64,
) -> sqlx::Result<Vec<MetricEntry>> {
    sqlx::query_as(
        "select id, metric_type, value_num::float8 as value_num, unit, recorded_at, \
           recorded_at at time zone $4 as local_time, source \
         from wt_health_metrics \
         where profile_id = $1 and metric_type = $2 and value_num is not null \
         order by recorded_at desc limit $3",
    )
    .bind(scope.profile_id)
    .bind(metric)
    .bind(limit)
    .bind(scope.time_zone.name())
    .fetch_all(conn)
    .await
}
