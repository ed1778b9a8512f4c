//! Recovery server functions: the last weeks of scores, and a person's override.

use leptos::prelude::*;

use super::model::{RecoveryEntry, TrainingSummary};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    error::FieldErrors,
    session::{respond, Caller},
};

/// How many days the recovery page shows.
pub const RECOVERY_DAYS: i32 = 30;

#[server(endpoint = "recovery/list")]
pub async fn list_recovery() -> Result<Vec<RecoveryEntry>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let rows = sqlx::query_as(
                "select score_date, recovery_score::float8 as recovery_score, hr_component::float8 as hr_component, \
                   sleep_component::float8 as sleep_component, stress_component::float8 as stress_component, \
                   load_component::float8 as load_component, override_reason, override_score::float8 as override_score, \
                   override_note \
                 from wt_recovery_scores where profile_id = $1 and score_date > current_date - $2 \
                 order by score_date desc",
            )
            .bind(profile_id)
            .bind(RECOVERY_DAYS)
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(rows)
        }
        .await,
    )
}

/// Marks a day ("I'm ill"), optionally with the person's own score. The
/// computed score stays as it was, beside it.
#[server(endpoint = "recovery/override")]
pub async fn set_recovery_override(date: String, reason: String, score: String, note: String) -> Result<(), AppError> {
    respond(
        async {
            let today = chrono::Utc::now().date_naive();
            let draft = super::model::parse_override(&date, &reason, &score, &note, today).map_err(AppError::Invalid)?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let updated = sqlx::query(
                "update wt_recovery_scores set override_reason = $3, override_score = $4, override_note = $5, overridden_at = now() \
                 where profile_id = $1 and score_date = $2",
            )
            .bind(profile_id)
            .bind(draft.date)
            .bind(&draft.reason)
            .bind(draft.score)
            .bind(&draft.note)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 0 {
                return Err(FieldErrors::single("date", "There is no recovery score for that day to override."));
            }
            tx.commit().await?;
            leptos_axum::redirect("/recovery");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "recovery/clear-override")]
pub async fn clear_recovery_override(date: String) -> Result<(), AppError> {
    respond(
        async {
            let date = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                .map_err(|_| FieldErrors::single("date", "Enter the date as YYYY-MM-DD."))?;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            sqlx::query(
                "update wt_recovery_scores set override_reason = null, override_score = null, override_note = null, \
                   overridden_at = null where profile_id = $1 and score_date = $2",
            )
            .bind(profile_id)
            .bind(date)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            leptos_axum::redirect("/recovery");
            Ok(())
        }
        .await,
    )
}

/// Fitness, fatigue, form and the load trend from the current profile's training loads.
#[server(endpoint = "recovery/training")]
pub async fn get_training_summary() -> Result<Option<TrainingSummary>, AppError> {
    respond(
        async {
            use super::logic::pmc::DailyLoad;
            use super::recompute::day_number;
            let caller = Caller::require().await?;
            let (mut tx, profile_id) = caller.begin_on_current_profile().await?;
            let rows: Vec<(chrono::NaiveDate, f64)> = sqlx::query_as(
                "select load_date, sum(training_load)::float8 from wt_training_loads where profile_id = $1 \
                 group by load_date order by load_date",
            )
            .bind(profile_id)
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            let loads: Vec<DailyLoad> =
                rows.into_iter().map(|(d, load)| DailyLoad { day: day_number(d), load }).collect();
            Ok(super::model::training_summary(&loads, day_number(chrono::Utc::now().date_naive())))
        }
        .await,
    )
}
