//! The signed-in caller of a server function, and its transactions.

use chrono::NaiveDate;
use sqlx::PgConnection;
use tower_sessions::Session;
use uuid::Uuid;

use super::{begin_as, Db, Work};
use crate::account::auth::{auth_session, AuthUser};
use crate::account::model::{Paged, Viewer};
use crate::error::{AppError, FormFlash};
use crate::profiles::model::ProfileChip;

const CURRENT_PROFILE_KEY: &str = "current_profile_id";

/// What every profile-scoped query needs: whose transaction it is, which
/// profile the caller is looking at, and the household's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    pub user_id: Uuid,
    pub profile_id: Uuid,
    pub time_zone: chrono_tz::Tz,
    /// "Today" in the household's time zone (`wt_users.timezone`).
    pub today: NaiveDate,
}

pub struct Caller {
    user: AuthUser,
    session: Session,
    db: Db,
}

/// One row per profile of the household, with the account's name and zone.
#[derive(sqlx::FromRow)]
struct ViewerRow {
    id: Uuid,
    display_name: String,
    profile_type: crate::profiles::model::ProfileType,
    is_primary: bool,
    user_display_name: Option<String>,
    timezone: String,
}

impl Caller {
    /// The caller, or `Unauthenticated` when nobody is signed in.
    pub async fn require() -> Result<Self, AppError> {
        Self::optional().await?.ok_or(AppError::Unauthenticated)
    }

    pub async fn optional() -> Result<Option<Self>, AppError> {
        let auth = auth_session().await?;
        let db = Db::from_context()?;
        Ok(auth.user.map(|user| Self { user, session: auth.session, db }))
    }

    pub fn user_id(&self) -> Uuid {
        self.user.id
    }

    pub fn email(&self) -> &str {
        &self.user.email
    }

    /// One transaction as the user, for work that is not about one profile
    /// (the household's profiles, the account's settings).
    pub async fn as_user<T>(
        &self,
        work: impl for<'c> FnOnce(&'c mut PgConnection) -> Work<'c, T>,
    ) -> Result<T, AppError> {
        let mut tx = begin_as(&self.db.0, self.user.id).await?;
        let out = work(&mut tx).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// One transaction as the user, on the profile they are looking at.
    pub async fn on_profile<T>(
        &self,
        work: impl for<'c> FnOnce(&'c mut PgConnection, Scope) -> Work<'c, T>,
    ) -> Result<T, AppError> {
        Ok(self.with_viewer(work).await?.1)
    }

    /// Everything a signed-in page shows, from one transaction: the viewer
    /// (for the header and profile switcher) and the page's own data.
    pub async fn page<T>(
        &self,
        work: impl for<'c> FnOnce(&'c mut PgConnection, Scope) -> Work<'c, T>,
    ) -> Result<Paged<T>, AppError> {
        let (viewer, data) = self.with_viewer(work).await?;
        let flash = take_flash(&self.session).await?;
        Ok(Paged { viewer, data, flash })
    }

    /// The user's transaction: the viewer (and its scope) first, then `work` on that scope.
    async fn with_viewer<T>(
        &self,
        work: impl for<'c> FnOnce(&'c mut PgConnection, Scope) -> Work<'c, T>,
    ) -> Result<(Viewer, T), AppError> {
        let mut tx = begin_as(&self.db.0, self.user.id).await?;
        let (viewer, scope) = self.viewer(&mut tx).await?;
        let out = work(&mut tx, scope).await?;
        tx.commit().await?;
        Ok((viewer, out))
    }

    /// The household's profiles in one query, and the one being looked at.
    /// The id kept in the session is checked against what RLS lets this user
    /// see; if it is gone (deleted, or never theirs) the primary profile is
    /// used and remembered instead.
    async fn viewer(&self, conn: &mut PgConnection) -> Result<(Viewer, Scope), AppError> {
        let rows: Vec<ViewerRow> = sqlx::query_as(
            "select p.id, p.display_name, p.profile_type, p.is_primary, \
               u.display_name as user_display_name, coalesce(u.timezone, 'UTC') as timezone \
             from wt_profiles p left join wt_users u on u.id = p.user_id \
             where p.user_id = $1 order by p.is_primary desc, p.created_at, p.display_name",
        )
        .bind(self.user.id)
        .fetch_all(&mut *conn)
        .await?;
        let first = rows.first().ok_or(AppError::NotFound)?;
        let time_zone = crate::time::parse_zone(&first.timezone).unwrap_or(chrono_tz::UTC);
        let display_name = first.user_display_name.clone();
        let remembered: Option<Uuid> = self.session.get(CURRENT_PROFILE_KEY).await.map_err(session_error)?;
        let profiles: Vec<ProfileChip> = rows
            .into_iter()
            .map(|r| ProfileChip {
                id: r.id,
                display_name: r.display_name,
                profile_type: r.profile_type,
                is_primary: r.is_primary,
            })
            .collect();
        let current = remembered
            .and_then(|id| profiles.iter().find(|p| p.id == id))
            .or_else(|| profiles.iter().find(|p| p.is_primary))
            .unwrap_or(&profiles[0])
            .clone();
        if remembered != Some(current.id) {
            self.remember_profile(current.id).await?;
        }
        let scope = Scope {
            user_id: self.user.id,
            profile_id: current.id,
            time_zone,
            today: crate::time::today_in(time_zone, chrono::Utc::now()),
        };
        let viewer = Viewer {
            user_id: self.user.id,
            email: self.user.email.clone(),
            display_name,
            time_zone: time_zone.name().to_owned(),
            today: scope.today,
            profiles,
            current_profile: current,
        };
        Ok((viewer, scope))
    }

    pub async fn remember_profile(&self, profile_id: Uuid) -> Result<(), AppError> {
        self.session.insert(CURRENT_PROFILE_KEY, profile_id).await.map_err(session_error)
    }
}

/// The failed form post a page answers, once (also for visitors' pages). Read
/// before removing: a removal marks the session changed, which costs a write.
pub async fn take_flash(session: &Session) -> Result<Option<FormFlash>, AppError> {
    let flash: Option<FormFlash> = session.get(FormFlash::SESSION_KEY).await.map_err(session_error)?;
    if flash.is_some() {
        session.remove_value(FormFlash::SESSION_KEY).await.map_err(session_error)?;
    }
    Ok(flash)
}

pub(crate) fn session_error(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store error");
    AppError::Internal
}
