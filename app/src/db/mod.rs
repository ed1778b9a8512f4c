//! The one door to PostgreSQL (server only).
//!
//! Request code never sees the pool: it gets a [`Caller`] and runs its
//! queries inside one of the caller's methods, [`Caller::as_user`],
//! [`Caller::on_profile`] or [`Caller::page`]. Each opens one transaction as
//! the non-owner role `authenticated` with the signed-in user set for
//! `auth.uid()`, runs the closure, and commits (or rolls back on error).
//! Row-level security then decides which rows exist. Opening costs one round
//! trip: `BEGIN` and the three settings travel as one simple query.
//!
//! [`service`] (BYPASSRLS) is for code that acts for the system rather than a
//! signed-in user: the auth backend and the background workers. The
//! architecture test (`server/tests/architecture.rs`) keeps it that way.

mod caller;

pub(crate) use caller::session_error;
pub use caller::{take_flash, Caller, Scope};

use futures::future::BoxFuture;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::error::AppError;

pub type Tx = Transaction<'static, Postgres>;

/// What a closure given to the door returns: a future borrowing the connection.
pub type Work<'c, T> = BoxFuture<'c, Result<T, AppError>>;

/// The pool the server connects with (login role `wt_app`, which owns
/// nothing). The server puts it in the Leptos context; only this module reads it.
#[derive(Clone, Debug)]
pub struct Db(PgPool);

impl Db {
    pub fn new(pool: PgPool) -> Self {
        Self(pool)
    }

    pub(crate) fn from_context() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Db>().ok_or_else(|| {
            tracing::error!("no database pool in context");
            AppError::Internal
        })
    }
}

/// `BEGIN` plus the user's settings, as one simple query (one round trip).
///
/// Simple queries take no bind parameters, so the id is written into the
/// text. That is safe by construction: a [`Uuid`]'s hyphenated form is only
/// hex digits and `-`. The settings are transaction-local (`is_local =
/// true`): a session-level setting would survive COMMIT and leak this user's
/// identity to the next request on the same pooled connection.
fn user_begin_statement(user_id: Uuid) -> String {
    format!(
        "begin; select set_config('role', 'authenticated', true), \
         set_config('app.user_id', '{}', true), set_config('statement_timeout', '8s', true)",
        user_id.hyphenated()
    )
}

const SERVICE_BEGIN: &str = "begin; select set_config('role', 'service_role', true), \
     set_config('statement_timeout', '30s', true)";

async fn begin_as(pool: &PgPool, user_id: Uuid) -> sqlx::Result<Tx> {
    pool.begin_with(user_begin_statement(user_id)).await
}

/// Switches a `service_role` transaction to act as `user_id` under row-level
/// security (sign-up: the account is created as the service, its rows as the user).
pub(crate) async fn act_as(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("select set_config('role', 'authenticated', true), set_config('app.user_id', $1, true)")
        .bind(user_id.to_string())
        .execute(conn)
        .await
        .map(drop)
}

const ANON_BEGIN: &str = "begin; select set_config('role', 'anon', true), \
     set_config('statement_timeout', '8s', true)";

/// Runs `work` in one transaction as `anon`, for pages anyone may read without an account
/// (a shared recipe): row-level security and grants show `anon` only what is public.
pub async fn anonymous<T>(work: impl for<'c> FnOnce(&'c mut PgConnection) -> Work<'c, T>) -> Result<T, AppError> {
    let db = Db::from_context()?;
    let mut tx = db.0.begin_with(ANON_BEGIN).await?;
    let out = work(&mut tx).await?;
    tx.commit().await?;
    Ok(out)
}

/// Runs `work` in one transaction as the signed-in user, or as `anon` when nobody is signed
/// in: for what both may read and row-level security tells apart (an image, seen by its
/// household and, when its recipe is shared, by anyone). Outside Leptos (an axum route), so
/// the pool is given.
pub async fn as_visitor<T>(
    db: &Db,
    user_id: Option<Uuid>,
    work: impl for<'c> FnOnce(&'c mut PgConnection) -> Work<'c, T>,
) -> Result<T, AppError> {
    let mut tx = match user_id {
        Some(id) => begin_as(&db.0, id).await?,
        None => db.0.begin_with(ANON_BEGIN).await?,
    };
    let out = work(&mut tx).await?;
    tx.commit().await?;
    Ok(out)
}

/// A transaction as `service_role` (BYPASSRLS): the auth backend and workers only.
pub async fn begin_service(pool: &PgPool) -> sqlx::Result<Tx> {
    pool.begin_with(SERVICE_BEGIN).await
}

/// Runs `work` in one `service_role` transaction (auth backend and workers only).
pub async fn service<T>(
    pool: &PgPool,
    work: impl for<'c> FnOnce(&'c mut PgConnection) -> Work<'c, T>,
) -> Result<T, AppError> {
    let mut tx = begin_service(pool).await?;
    let out = work(&mut tx).await?;
    tx.commit().await?;
    Ok(out)
}

/// Resolves the PostgreSQL enum types the app binds and reads, once for each
/// new connection. sqlx caches a custom type per connection; without this
/// the first requests on every connection pay two or three catalogue queries
/// per enum (seen as 17 statements instead of 10 for one dashboard render).
/// A module that adds an enum adds it here.
pub async fn prepare_connection(conn: &mut PgConnection) -> sqlx::Result<()> {
    use crate::health::logic::{HealthSource, ManualMetric};
    use crate::meals::model::MealType;
    use crate::pantry::logic::Location;
    use crate::performance::forecast::ModelType;
    use crate::performance::logic::baseline::CalibrationStatus;
    use crate::performance::logic::load::LoadType;
    use crate::profiles::model::ProfileType;
    use crate::workouts::model::WorkoutType;
    sqlx::query("select $1, $2, $3, $4, $5, $6, $7, $8, $9")
        .bind(ManualMetric::Weight)
        .bind(HealthSource::Manual)
        .bind(ProfileType::Parent)
        .bind(MealType::Breakfast)
        .bind(WorkoutType::Cardio)
        .bind([LoadType::Cardio].as_slice())
        .bind(CalibrationStatus::Pending)
        .bind(ModelType::LinearRegression)
        .bind(Location::Fridge)
        .fetch_one(conn)
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_id_is_the_only_value_written_into_the_begin_statement() {
        let id = Uuid::new_v4();
        let sql = user_begin_statement(id);
        assert!(sql.starts_with("begin;"));
        assert!(sql.contains(&format!("'{}'", id.hyphenated())));
        // Only the fixed literals and the id are quoted.
        assert_eq!(sql.matches('\'').count(), 12, "{sql}");
        assert!(sql
            .split('\'')
            .skip(1)
            .step_by(2)
            .all(|lit| lit.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))));
    }
}
