//! Queries on `auth.*`, which sit outside row-level security: run only by
//! the auth backend, as `service_role`.

use sqlx::PgConnection;
use uuid::Uuid;

use super::AuthUser;

const USER_COLUMNS: &str = "id, email::text as email, password_hash";

pub async fn user_by_email(conn: &mut PgConnection, email: &str) -> sqlx::Result<Option<AuthUser>> {
    sqlx::query_as(&format!("select {USER_COLUMNS} from auth.users where email = $1"))
        .bind(email)
        .fetch_optional(conn)
        .await
}

pub async fn user_by_id(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<AuthUser>> {
    sqlx::query_as(&format!("select {USER_COLUMNS} from auth.users where id = $1")).bind(id).fetch_optional(conn).await
}

/// The new user's id, or `None` when the address is taken.
pub async fn insert_user(conn: &mut PgConnection, email: &str, password_hash: &str) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "insert into auth.users (email, password_hash) values ($1, $2) on conflict (email) do nothing returning id",
    )
    .bind(email)
    .bind(password_hash)
    .fetch_optional(conn)
    .await
}

pub async fn set_password(conn: &mut PgConnection, id: Uuid, password_hash: &str) -> sqlx::Result<()> {
    sqlx::query("update auth.users set password_hash = $2 where id = $1")
        .bind(id)
        .bind(password_hash)
        .execute(conn)
        .await
        .map(drop)
}

pub async fn delete_user(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("delete from auth.users where id = $1").bind(id).execute(conn).await.map(drop)
}

/// Failed sign-ins in the window: (for this account, for this client).
pub async fn recent_failures(
    conn: &mut PgConnection,
    account: &str,
    ip: Option<&str>,
    window_minutes: i32,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "select count(*) filter (where key = $1), count(*) filter (where key = $2) \
         from auth.sign_in_failures \
         where key in ($1, $2) and failed_at > now() - make_interval(mins => $3)",
    )
    .bind(account)
    .bind(ip)
    .bind(window_minutes)
    .fetch_one(conn)
    .await
}

pub async fn record_failure(conn: &mut PgConnection, account: &str, ip: Option<&str>) -> sqlx::Result<()> {
    sqlx::query(
        "insert into auth.sign_in_failures (key) select k from unnest(array[$1, $2]::text[]) k where k is not null",
    )
    .bind(account)
    .bind(ip)
    .execute(&mut *conn)
    .await?;
    // Old rows are only noise for the window; prune opportunistically.
    sqlx::query("delete from auth.sign_in_failures where failed_at < now() - interval '1 day'").execute(conn).await?;
    Ok(())
}

pub async fn clear(conn: &mut PgConnection, account: &str) -> sqlx::Result<()> {
    sqlx::query("delete from auth.sign_in_failures where key = $1").bind(account).execute(conn).await.map(drop)
}
