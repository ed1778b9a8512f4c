//! The performance module's queries for pages and tiles, in the user's
//! transaction. (The engine's own reads and writes, as `service_role`, are
//! in `recompute/db.rs`.)

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{OverrideDraft, PerformanceTileFigures, RecoveryEntry};

/// The profile's recovery scores of the `days` days up to `today`, newest first.
pub async fn recent_recovery(
    conn: &mut PgConnection,
    profile_id: Uuid,
    today: NaiveDate,
    days: i32,
) -> sqlx::Result<Vec<RecoveryEntry>> {
    sqlx::query_as(
        "select score_date, recovery_score::float8 as recovery_score, hr_component::float8 as hr_component, \
           sleep_component::float8 as sleep_component, stress_component::float8 as stress_component, \
           load_component::float8 as load_component, override_reason, override_score::float8 as override_score, \
           override_note \
         from wt_recovery_scores where profile_id = $1 and score_date > $2::date - $3 and score_date <= $2 \
         order by score_date desc",
    )
    .bind(profile_id)
    .bind(today)
    .bind(days)
    .fetch_all(conn)
    .await
}

/// Sets a person's override of one day; `false` when that day has no score.
pub async fn set_override(conn: &mut PgConnection, profile_id: Uuid, draft: &OverrideDraft) -> sqlx::Result<bool> {
    let updated = sqlx::query(
        "update wt_recovery_scores set override_reason = $3, override_score = $4, override_note = $5, overridden_at = now() \
         where profile_id = $1 and score_date = $2",
    )
    .bind(profile_id)
    .bind(draft.date)
    .bind(&draft.reason)
    .bind(draft.score)
    .bind(&draft.note)
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() > 0)
}

pub async fn clear_override(conn: &mut PgConnection, profile_id: Uuid, date: NaiveDate) -> sqlx::Result<()> {
    sqlx::query(
        "update wt_recovery_scores set override_reason = null, override_score = null, override_note = null, \
           overridden_at = null where profile_id = $1 and score_date = $2",
    )
    .bind(profile_id)
    .bind(date)
    .execute(conn)
    .await
    .map(drop)
}

/// The profile's training load per day after `since`, oldest first.
pub async fn daily_loads(
    conn: &mut PgConnection,
    profile_id: Uuid,
    since: NaiveDate,
) -> sqlx::Result<Vec<(NaiveDate, f64)>> {
    sqlx::query_as(
        "select load_date, sum(training_load)::float8 from wt_training_loads where profile_id = $1 and load_date > $2 \
         group by load_date order by load_date",
    )
    .bind(profile_id)
    .bind(since)
    .fetch_all(conn)
    .await
}

/// The performance tile's figures: the latest recovery score and the last
/// 7 days' training load.
pub async fn tile_figures(
    conn: &mut PgConnection,
    profile_id: Uuid,
    today: NaiveDate,
) -> sqlx::Result<PerformanceTileFigures> {
    sqlx::query_as(
        "select (select recovery_score::float8 from wt_recovery_scores where profile_id = $1 and score_date <= $2 \
                 order by score_date desc limit 1) as recovery_score, \
           (select sum(training_load)::float8 from wt_training_loads where profile_id = $1 \
                 and load_date > $2 - 7 and load_date <= $2) as training_load_week",
    )
    .bind(profile_id)
    .bind(today)
    .fetch_one(conn)
    .await
}
