//! Account server functions.

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    account::auth::{auth_session, hash_password_async, Action, CommonPasswords, Credentials, Throttle},
    db::Caller,
    error::{respond, FieldErrors},
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
/// The client's address for the throttle: the peer, or what a trusted proxy
/// says it forwarded for (see [`super::logic::client_address`]).
async fn client_ip() -> Option<std::net::IpAddr> {
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|info| info.0.ip())?;
    let trusted = use_context::<super::logic::TrustedProxies>().unwrap_or_default();
    if trusted.0.is_empty() {
        return Some(peer);
    }
    let headers = leptos_axum::extract::<axum::http::HeaderMap>().await.ok();
    let forwarded = headers.as_ref().and_then(|h| h.get("x-forwarded-for")).and_then(|v| v.to_str().ok());
    Some(super::logic::client_address(peer, forwarded, &trusted))
}

/// A page that shows only the viewer (account settings, the profile list).
#[server(endpoint = "account/viewer-page")]
pub async fn viewer_page() -> Result<super::model::Paged<()>, AppError> {
    respond(async { Caller::require().await?.page(|_, _| Box::pin(async { Ok(()) })).await }.await)
}

/// For the pages a visitor sees (sign-in, sign-up): the failed form post
/// this page load answers, if any. No database work.
#[server(endpoint = "account/visitor-flash")]
pub async fn visitor_flash() -> Result<Option<crate::error::FormFlash>, AppError> {
    respond(async { crate::db::take_flash(&auth_session().await?.session).await }.await)
}

/// Creates a household account. `timezone` is the browser's zone where
/// JavaScript runs (an IANA name); without it the household starts in UTC
/// and can change it in the account settings.
#[server(endpoint = "account/sign-up")]
pub async fn sign_up(
    email: String,
    password: String,
    display_name: String,
    timezone: Option<String>,
) -> Result<(), AppError> {
    respond(
        async {
            let common = common_passwords();
            let input = super::logic::parse_sign_up(&email, &password, &display_name, |p| common.contains(p))
                .map_err(AppError::Invalid)?;
            let zone = match timezone.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
                None => chrono_tz::UTC,
                Some(name) => crate::time::parse_zone(name)
                    .ok_or_else(|| FieldErrors::single("timezone", "Choose a time zone from the list."))?,
            };
            let mut auth = auth_session().await?;
            let ip = client_ip().await;
            if !Throttle::admit(&auth.backend, Action::SignUp, input.email.as_str(), ip).await? {
                return Err(AppError::TooManyRequests);
            }
            let hash = hash_password_async(password.clone()).await.map_err(internal("hashing"))?;
            let draft = crate::profiles::logic::ProfileDraft::named(input.display_name.clone());
            let created = auth.backend.create_account(input.email.as_str(), &hash, &draft, zone.name()).await?;
            let Some(user_id) = created else {
                // The address is taken. If the password is theirs this is a
                // sign-in; otherwise answer exactly like a failed sign-in, so
                // sign-up does not tell a stranger which addresses have accounts.
                if !Throttle::admit(&auth.backend, Action::SignIn, input.email.as_str(), ip).await? {
                    return Err(AppError::TooManyRequests);
                }
                let creds = Credentials { email: input.email.as_str().to_owned(), password };
                return match auth.authenticate(creds).await.map_err(internal("authenticate"))? {
                    Some(user) => {
                        crate::account::auth::sign_in(&mut auth, &user).await?;
                        leptos_axum::redirect("/");
                        Ok(())
                    }
                    None => Err(FieldErrors::single("form", WRONG_CREDENTIALS)),
                };
            };
            let user =
                auth.backend.reload(user_id).await.map_err(internal("load new user"))?.ok_or(AppError::Internal)?;
            crate::account::auth::sign_in(&mut auth, &user).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "account/sign-in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    respond(
        async {
            // Every account's address passed `Email::parse` at sign-up, so one
            // that fails it (too long, control characters PostgreSQL's text
            // refuses) has no account: the wrong-password answer, no query.
            let Ok(email) = super::logic::Email::parse(&email) else {
                return Err(FieldErrors::single("form", WRONG_CREDENTIALS));
            };
            let email = email.as_str();
            let mut auth = auth_session().await?;
            let ip = client_ip().await;
            // The attempt is recorded before the password is checked, so
            // parallel guesses cannot slip past the count.
            if !Throttle::admit(&auth.backend, Action::SignIn, &email, ip).await? {
                return Err(AppError::TooManyRequests);
            }
            let creds = Credentials { email: email.to_owned(), password };
            match auth.authenticate(creds).await.map_err(internal("authenticate"))? {
                Some(user) => {
                    // axum-login gives the session a new id here (no fixation).
                    crate::account::auth::sign_in(&mut auth, &user).await?;
                    Throttle::clear(&auth.backend, Action::SignIn, &email).await?;
                    leptos_axum::redirect("/");
                    Ok(())
                }
                None => Err(FieldErrors::single("form", WRONG_CREDENTIALS)),
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
            if !Throttle::admit(&auth.backend, Action::ChangePassword, &user.id.to_string(), client_ip().await).await? {
                return Err(AppError::TooManyRequests);
            }
            let creds = Credentials { email: user.email.clone(), password: current_password };
            if auth.authenticate(creds).await.map_err(internal("authenticate"))?.is_none() {
                return Err(FieldErrors::single("current_password", "Your current password is not correct."));
            }
            let hash = hash_password_async(new_password).await.map_err(internal("hashing"))?;
            auth.backend.set_password(user.id, &hash).await?;
            let updated =
                auth.backend.reload(user.id).await.map_err(internal("reload user"))?.ok_or(AppError::Internal)?;
            crate::account::auth::sign_in(&mut auth, &updated).await?;
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
            if !Throttle::admit(&auth.backend, Action::DeleteAccount, &user.id.to_string(), client_ip().await).await? {
                return Err(AppError::TooManyRequests);
            }
            let creds = Credentials { email: user.email.clone(), password };
            if auth.authenticate(creds).await.map_err(internal("authenticate"))?.is_none() {
                return Err(FieldErrors::single("password", "The password is not correct."));
            }
            auth.backend.delete_account(&user).await?;
            auth.logout().await.map_err(internal("logout"))?;
            leptos_axum::redirect("/sign-up?deleted=1");
            Ok(())
        }
        .await,
    )
}

/// Sets the household's time zone (an IANA name); every "today" follows it.
#[server(endpoint = "account/time-zone")]
pub async fn set_time_zone(timezone: String) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let zone = crate::time::parse_zone(&timezone)
                .ok_or_else(|| FieldErrors::single("timezone", "Enter a time zone such as Europe/London."))?;
            let user_id = caller.user_id();
            caller
                .as_user(move |conn| {
                    Box::pin(async move { Ok(super::db::set_time_zone(conn, user_id, zone.name()).await?) })
                })
                .await?;
            leptos_axum::redirect("/settings/account");
            Ok(())
        }
        .await,
    )
}
