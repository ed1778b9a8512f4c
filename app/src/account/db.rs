//! The account's own row (`wt_users`), in the user's transaction.

use sqlx::PgConnection;
use uuid::Uuid;

pub async fn set_time_zone(conn: &mut PgConnection, user_id: Uuid, zone: &str) -> sqlx::Result<()> {
    sqlx::query("update wt_users set timezone = $2 where id = $1")
        .bind(user_id)
        .bind(zone)
        .execute(conn)
        .await
        .map(drop)
}
