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

/// Deletes the user: their profiles' engine queue rows (no foreign key: the
/// queue outlives nothing), the throttle's `keys` that name them, their
/// sessions on every device, and the user, whose rows everywhere else go by
/// cascade.
///
/// A session row is the store's MessagePack of the session's data, where
/// axum-login keeps the user id as its hyphenated text; no other session can
/// hold those 36 bytes (ids are random, and no one's session holds another
/// user's id), so the deletion finds them without a column of its own.
pub async fn delete_user(conn: &mut PgConnection, id: Uuid, keys: &[String]) -> sqlx::Result<()> {
    sqlx::query("delete from tower_sessions.session where position(convert_to($1, 'UTF8') in data) > 0")
        .bind(id.hyphenated().to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "delete from engine.recompute_queue where profile_id in (select p.id from public.wt_profiles p where p.user_id = $1)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("delete from auth.throttle_attempts where key = any($1)").bind(keys).execute(&mut *conn).await?;
    sqlx::query("delete from auth.users where id = $1").bind(id).execute(conn).await.map(drop)
}

/// Takes the throttle's advisory locks on `keys` (sorted by the caller, so
/// two requests never wait on each other in opposite orders), until commit.
pub async fn lock_throttle_key(conn: &mut PgConnection, key: &str) -> sqlx::Result<()> {
    sqlx::query("select pg_advisory_xact_lock(hashtextextended($1, 0))").bind(key).execute(conn).await.map(drop)
}

/// Records one attempt for each key and answers, per key in order, how many
/// attempts came before it in the window (the new rows are not counted: a
/// data-modifying CTE's rows are not visible to its own statement).
pub async fn record_attempt(conn: &mut PgConnection, keys: &[String], window_minutes: i32) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "with recorded as (insert into auth.throttle_attempts (key) select unnest($1::text[])) \
         select (select count(*) from auth.throttle_attempts a \
                 where a.key = k and a.attempted_at > now() - make_interval(mins => $2)) \
         from unnest($1::text[]) with ordinality as u(k, n) order by n",
    )
    .bind(keys)
    .bind(window_minutes)
    .fetch_all(conn)
    .await
}

/// Forgets a key's attempts (a successful sign-in clears its account).
pub async fn clear_attempts(conn: &mut PgConnection, key: &str) -> sqlx::Result<()> {
    sqlx::query("delete from auth.throttle_attempts where key = $1").bind(key).execute(conn).await.map(drop)
}

/// Removes attempts older than any window (the maintenance worker).
pub async fn prune_attempts(conn: &mut PgConnection) -> sqlx::Result<u64> {
    Ok(sqlx::query("delete from auth.throttle_attempts where attempted_at < now() - interval '1 day'")
        .execute(conn)
        .await?
        .rows_affected())
}
