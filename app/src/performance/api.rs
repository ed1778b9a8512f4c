//! Recovery server functions: the recovery page, and a person's override.

use leptos::prelude::*;

use super::model::RecoveryPageData;
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    db::Caller,
    error::{respond, FieldErrors},
};

/// How many days the recovery page shows.
pub const RECOVERY_DAYS: i32 = 30;

/// How far back the page's fitness and fatigue are computed. Fitness is an
/// exponentially weighted average with a 42-day time constant: a load 400
/// days back weighs e^(-400/42) ≈ 0.00007 of today's, so starting from zero
/// 400 days ago changes nothing shown, while the page's cost stops growing
/// with the years of history.
pub const TRAINING_WINDOW_DAYS: i64 = 400;

/// The recovery page: the last days' scores and fitness, fatigue, form and
/// the load trend from the profile's training loads.
#[server(endpoint = "recovery/page")]
pub async fn recovery_page() -> Result<Paged<RecoveryPageData>, AppError> {
    respond(
        async {
            use super::logic::pmc::DailyLoad;
            use super::recompute::day_number;
            Caller::require()
                .await?
                .page(|conn, scope| {
                    Box::pin(async move {
                        let entries =
                            super::db::recent_recovery(conn, scope.profile_id, scope.today, RECOVERY_DAYS).await?;
                        let since = scope.today - chrono::Days::new(TRAINING_WINDOW_DAYS as u64);
                        let loads: Vec<DailyLoad> = super::db::daily_loads(conn, scope.profile_id, since)
                            .await?
                            .into_iter()
                            .map(|(d, load)| DailyLoad { day: day_number(d), load })
                            .collect();
                        let training = super::logic::page::training_summary(&loads, day_number(scope.today));
                        Ok(RecoveryPageData { entries, training })
                    })
                })
                .await
        }
        .await,
    )
}

/// Marks a day ("I'm ill"), optionally with the person's own score. The
/// computed score stays as it was, beside it.
#[server(endpoint = "recovery/override")]
pub async fn set_recovery_override(#[server(flatten)] form: super::model::OverrideForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let super::model::OverrideForm { date, reason, score, note } = form;
                        let draft = super::logic::page::parse_override(&date, &reason, &score, &note, scope.today)
                            .map_err(AppError::Invalid)?;
                        if !super::db::set_override(conn, scope.profile_id, &draft).await? {
                            return Err(FieldErrors::single(
                                "date",
                                "There is no recovery score for that day to override.",
                            ));
                        }
                        Ok(())
                    })
                })
                .await?;
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
            let date = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                .map_err(|_| FieldErrors::single("date", "Enter the date as YYYY-MM-DD."))?;
            let caller = Caller::require().await?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move { Ok(super::db::clear_override(conn, scope.profile_id, date).await?) })
                })
                .await?;
            leptos_axum::redirect("/recovery");
            Ok(())
        }
        .await,
    )
}
