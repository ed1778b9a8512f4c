//! Account server functions.

use leptos::prelude::*;

use super::model::Viewer;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    account::auth::{hash_password_async, verify_password_async, CommonPasswords, Credentials, Throttle},
    db::begin_service,
    error::FieldErrors,
    session::{auth_session, respond, Caller},
};

/// One message for an unknown email and a wrong password alike.
pub const WRONG_CREDENTIALS: &str = "Email or password is incorrect.";

#[cfg(feature = "ssr")]
fn internal<E: std::fmt::Display>(context: &'static str) -> impl FnOnce(E) -> AppError {
    move |err| {
        tracing::error!(error = %err, "{context}");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
fn common_passwords() -> CommonPasswords {
    use_context::<CommonPasswords>().unwrap_or_default()
}

#[cfg(feature = "ssr")]
async fn client_ip() -> Option<std::net::IpAddr> {
    leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>().await.ok().map(|info| info.0.ip())
}

/// The signed-in user and their profiles, or `None` for a visitor.
#[server(endpoint = "account/viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    respond(
        async {
            let Some(caller) = Caller::optional().await? else { return Ok(None) };
            let (mut tx, current) = caller.begin_on_current_profile().await?;
            let profiles = crate::profiles::db::list_chips(&mut tx, caller.user.id).await?;
            let display_name: Option<String> = sqlx::query_scalar("select display_name from wt_users where id = $1")
                .bind(caller.user.id)
                .fetch_optional(&mut *tx)
                .await?
                .flatten();
            tx.commit().await?;
            let current_profile = profiles.iter().find(|p| p.id == current).cloned().ok_or(AppError::NotFound)?;
            Ok(Some(Viewer {
                user_id: caller.user.id,
                email: caller.user.email.clone(),
                display_name,
                profiles,
                current_profile,
            }))
        }
        .await,
    )
}

#[server(endpoint = "account/sign-up")]
pub async fn sign_up(email: String, password: String, display_name: String) -> Result<(), AppError> {
    respond(
        async {
            let common = common_passwords();
            let input = super::logic::parse_sign_up(&email, &password, &display_name, |p| common.contains(p))
                .map_err(AppError::Invalid)?;
            let pool = crate::db::pool()?;
            let mut auth = auth_session().await?;
            let ip = client_ip().await;
            if Throttle::is_blocked(&pool, input.email.as_str(), ip).await? {
                return Err(AppError::TooManyRequests);
            }
            let hash = hash_password_async(password.clone()).await.map_err(internal("hashing"))?;

            let mut tx = begin_service(&pool).await?;
            let new_id: Option<uuid::Uuid> = sqlx::query_scalar(
                "insert into auth.users (email, password_hash) values ($1, $2) on conflict (email) do nothing returning id",
            )
            .bind(input.email.as_str())
            .bind(&hash)
            .fetch_optional(&mut *tx)
            .await?;

            let Some(user_id) = new_id else {
                tx.rollback().await?;
                // The address is taken. If the password is theirs this is a
                // sign-in; otherwise answer exactly like a failed sign-in, so
                // sign-up does not tell a stranger which addresses have accounts.
                let creds = Credentials { email: input.email.as_str().to_owned(), password };
                return match auth.authenticate(creds).await.map_err(internal("authenticate"))? {
                    Some(user) => {
                        auth.login(&user).await.map_err(internal("login"))?;
                        leptos_axum::redirect("/");
                        Ok(())
                    }
                    None => {
                        Throttle::record_failure(&pool, input.email.as_str(), ip).await?;
                        Err(FieldErrors::single("form", WRONG_CREDENTIALS))
                    }
                };
            };

            // The rest runs as the new user, under row-level security.
            sqlx::query("select set_config('role', 'authenticated', true), set_config('app.user_id', $1, true)")
                .bind(user_id.to_string())
                .execute(&mut *tx)
                .await?;
            sqlx::query("insert into wt_users (id, display_name) values ($1, $2)")
                .bind(user_id)
                .bind(&input.display_name)
                .execute(&mut *tx)
                .await?;
            let draft = crate::profiles::logic::ProfileDraft {
                display_name: input.display_name.clone(),
                date_of_birth: None,
                gender: None,
                height_cm: None,
                weight_kg: None,
                activity_level: None,
                fitness_goals: vec![],
                dietary_restrictions: vec![],
                allergies: vec![],
            };
            crate::profiles::db::insert(&mut tx, user_id, &draft, true).await?;
            tx.commit().await?;

            let user = auth
                .backend
                .get_user(&user_id)
                .await
                .map_err(internal("load new user"))?
                .ok_or(AppError::Internal)?;
            auth.login(&user).await.map_err(internal("login"))?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
use axum_login::AuthnBackend as _;

#[server(endpoint = "account/sign-in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    respond(
        async {
            let pool = crate::db::pool()?;
            let ip = client_ip().await;
            if Throttle::is_blocked(&pool, &email, ip).await? {
                return Err(AppError::TooManyRequests);
            }
            let mut auth = auth_session().await?;
            let creds = Credentials { email: email.trim().to_owned(), password };
            match auth.authenticate(creds).await.map_err(internal("authenticate"))? {
                Some(user) => {
                    // axum-login gives the session a new id here (no fixation).
                    auth.login(&user).await.map_err(internal("login"))?;
                    Throttle::clear_account(&pool, &email).await?;
                    leptos_axum::redirect("/");
                    Ok(())
                }
                None => {
                    Throttle::record_failure(&pool, &email, ip).await?;
                    Err(FieldErrors::single("form", WRONG_CREDENTIALS))
                }
            }
        }
        .await,
    )
}

#[server(endpoint = "account/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    respond(
        async {
            let mut auth = auth_session().await?;
            auth.logout().await.map_err(internal("logout"))?;
            leptos_axum::redirect("/sign-in");
            Ok(())
        }
        .await,
    )
}

/// Changes the password. Every other session of this account ends (their
/// stored auth hash no longer matches); this one continues.
#[server(endpoint = "account/password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    respond(
        async {
            let mut auth = auth_session().await?;
            let user = auth.user.clone().ok_or(AppError::Unauthenticated)?;
            let common = common_passwords();
            super::logic::check_new_password(&new_password, &user.email, |p| common.contains(p))
                .map_err(|m| FieldErrors::single("new_password", m))?;
            let creds = Credentials { email: user.email.clone(), password: current_password };
            if auth.authenticate(creds).await.map_err(internal("authenticate"))?.is_none() {
                return Err(FieldErrors::single("current_password", "Your current password is not correct."));
            }
            let hash = hash_password_async(new_password).await.map_err(internal("hashing"))?;
            let pool = crate::db::pool()?;
            let mut tx = begin_service(&pool).await?;
            sqlx::query("update auth.users set password_hash = $2 where id = $1")
                .bind(user.id)
                .bind(&hash)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            let updated =
                auth.backend.get_user(&user.id).await.map_err(internal("reload user"))?.ok_or(AppError::Internal)?;
            auth.login(&updated).await.map_err(internal("login"))?;
            leptos_axum::redirect("/settings/account?password=changed");
            Ok(())
        }
        .await,
    )
}

/// Deletes the account and, by cascade, every profile and row it owns.
#[server(endpoint = "account/delete")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    respond(
        async {
            let mut auth = auth_session().await?;
            let user = auth.user.clone().ok_or(AppError::Unauthenticated)?;
            let hash: String = {
                let pool = crate::db::pool()?;
                let mut tx = begin_service(&pool).await?;
                let h = sqlx::query_scalar("select password_hash from auth.users where id = $1")
                    .bind(user.id)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                h
            };
            if !verify_password_async(password, hash).await.map_err(internal("verify"))? {
                return Err(FieldErrors::single("password", "The password is not correct."));
            }
            let pool = crate::db::pool()?;
            let mut tx = begin_service(&pool).await?;
            sqlx::query("delete from auth.users where id = $1").bind(user.id).execute(&mut *tx).await?;
            tx.commit().await?;
            auth.logout().await.map_err(internal("logout"))?;
            leptos_axum::redirect("/sign-up?deleted=1");
            Ok(())
        }
        .await,
    )
}
