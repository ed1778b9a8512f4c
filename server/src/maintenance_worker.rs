//! Housekeeping every few minutes: expired sessions leave the session table
//! and old throttle attempts leave `auth.throttle_attempts`, so neither
//! grows without bound (a session that expired is never loaded again, but
//! its row would otherwise stay forever).

use std::time::Duration;

use sqlx::PgPool;
use tower_sessions::ExpiredDeletion;
use tower_sessions_sqlx_store::PostgresStore;

pub const PERIOD: Duration = Duration::from_secs(10 * 60);

/// One round of housekeeping; the number of throttle attempts pruned.
pub async fn run_once(pool: &PgPool) -> Result<u64, String> {
    PostgresStore::new(pool.clone()).delete_expired().await.map_err(|e| format!("expired sessions: {e}"))?;
    app::account::auth::Throttle::prune(pool).await.map_err(|e| format!("throttle attempts: {e}"))
}

pub fn spawn(pool: PgPool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while !pool.is_closed() {
            if let Err(err) = run_once(&pool).await {
                tracing::error!(error = %err, "maintenance failed");
            }
            tokio::time::sleep(PERIOD).await;
        }
    })
}
