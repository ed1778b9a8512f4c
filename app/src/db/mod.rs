//! Database access for request code (server only).
//!
//! Every request that touches user data goes through [`begin_as`]: one
//! transaction running as the non-owner role `authenticated`, with the signed-in
//! user set for `auth.uid()`. Row-level security then decides which rows exist.
//! [`begin_service`] is for the auth backend and background workers only.

use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::error::AppError;

pub type Tx = Transaction<'static, Postgres>;

/// The pool the server connects with (login role `wt_app`, which owns nothing).
#[derive(Clone, Debug)]
pub struct Db(pub PgPool);

/// Opens the user's transaction. The settings are transaction-local
/// (`is_local = true`): a session-level setting would survive COMMIT and leak
/// this user's identity to the next request on the same pooled connection.
pub async fn begin_as(pool: &PgPool, user_id: Uuid) -> Result<Tx, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "select set_config('role', 'authenticated', true), \
                set_config('app.user_id', $1, true), \
                set_config('statement_timeout', '8s', true)",
    )
    .bind(user_id.to_string())
    .execute(&mut *tx)
    .await?;
    Ok(tx)
}

/// A transaction as `service_role` (BYPASSRLS). Only for code that acts for
/// the system rather than a signed-in user: the auth backend and workers.
pub async fn begin_service(pool: &PgPool) -> Result<Tx, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "select set_config('role', 'service_role', true), \
                set_config('statement_timeout', '30s', true)",
    )
    .execute(&mut *tx)
    .await?;
    Ok(tx)
}

/// The pool from the Leptos context the server provides to every request.
pub fn pool() -> Result<PgPool, AppError> {
    leptos::prelude::use_context::<Db>().map(|db| db.0).ok_or_else(|| {
        tracing::error!("no database pool in context");
        AppError::Internal
    })
}
