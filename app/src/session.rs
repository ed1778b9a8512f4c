//! The signed-in caller of a server function (server only).

use sqlx::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use crate::account::auth::{AuthSession, AuthUser};
use crate::db::{self, Tx};
use crate::error::AppError;

const CURRENT_PROFILE_KEY: &str = "current_profile_id";

pub struct Caller {
    pub user: AuthUser,
    pub session: Session,
    pub pool: PgPool,
}

pub async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>().await.map_err(|err| {
        tracing::error!(error = %err, "auth session missing from request");
        AppError::Internal
    })
}

impl Caller {
    /// The caller, or `Unauthenticated` when nobody is signed in.
    pub async fn require() -> Result<Self, AppError> {
        Self::optional().await?.ok_or(AppError::Unauthenticated)
    }

    pub async fn optional() -> Result<Option<Self>, AppError> {
        let auth = auth_session().await?;
        let pool = db::pool()?;
        Ok(auth.user.map(|user| Self { user, session: auth.session, pool }))
    }

    /// The user's transaction: RLS applies to everything run in it.
    pub async fn begin(&self) -> Result<Tx, AppError> {
        Ok(db::begin_as(&self.pool, self.user.id).await?)
    }

    /// The user's transaction and the profile the caller is looking at: what
    /// nearly every server function starts with.
    pub async fn begin_on_current_profile(&self) -> Result<(Tx, Uuid), AppError> {
        let mut tx = self.begin().await?;
        let profile_id = self.current_profile_id(&mut tx).await?;
        Ok((tx, profile_id))
    }

    /// The profile the caller is looking at. The id kept in the session is
    /// checked again through RLS; if it is gone (deleted, or never theirs) the
    /// primary profile is used and remembered instead.
    pub async fn current_profile_id(&self, tx: &mut Tx) -> Result<Uuid, AppError> {
        let remembered: Option<Uuid> = self.session.get(CURRENT_PROFILE_KEY).await.map_err(session_error)?;
        let found: Option<Uuid> = sqlx::query_scalar(
            "(select id from wt_profiles where user_id = $2 and id = $1) \
             union all \
             (select id from wt_profiles where user_id = $2 and is_primary order by created_at limit 1) \
             limit 1",
        )
        .bind(remembered)
        .bind(self.user.id)
        .fetch_optional(&mut **tx)
        .await?;
        let id = found.ok_or(AppError::NotFound)?;
        if remembered != Some(id) {
            self.remember_profile(id).await?;
        }
        Ok(id)
    }

    pub async fn remember_profile(&self, profile_id: Uuid) -> Result<(), AppError> {
        self.session.insert(CURRENT_PROFILE_KEY, profile_id).await.map_err(session_error)
    }
}

fn session_error(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store error");
    AppError::Internal
}

/// Finishes a server function: sets the HTTP status for errors where the
/// status matters, and logs. A plain form post (no JavaScript) that fails
/// validation is redirected back by Leptos with the error in the URL, so it
/// keeps the redirect; everything else gets its precise status.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        use leptos::prelude::use_context;
        let form_post = use_context::<axum::http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(axum::http::header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.contains("text/html"))
            })
            .unwrap_or(false);
        let keep_redirect = form_post && !matches!(err, AppError::NotFound | AppError::Forbidden);
        if !keep_redirect {
            if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
                options.set_status(
                    axum::http::StatusCode::from_u16(err.status())
                        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
                );
            }
        }
    }
    result
}
