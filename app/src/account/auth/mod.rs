//! The axum-login backend over `auth.users`, password hashing and the
//! sign-in throttle. Server only.
//!
//! It lives beside the account server functions (not in `server/`) because
//! those functions call `AuthSession::login`, whose type names this backend.
//! `auth.users` sits outside row-level security and is reached only here, as
//! `service_role`.

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::{Arc, OnceLock};

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::begin_service;
use crate::error::AppError;

mod db;

#[derive(Clone, sqlx::FromRow)]
pub struct AuthUser {
    pub id: Uuid,
    pub email: String,
    password_hash: String,
}

// Hand-written so the hash never reaches a log line.
impl std::fmt::Debug for AuthUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthUser")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("password_hash", &"[redacted]")
            .finish()
    }
}

impl axum_login::AuthUser for AuthUser {
    type Id = Uuid;

    fn id(&self) -> Uuid {
        self.id
    }

    /// Sessions remember this; when the password changes every other session
    /// stops matching and is signed out.
    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("email", &self.email).finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Task(#[from] tokio::task::JoinError),
}

/// The users of this server, read through a short-lived in-memory cache so
/// that a page does not pay a database transaction to learn who is asking.
///
/// The cache lives 30 s and is cleared here on password change and account
/// deletion; with several app servers another server may see a changed
/// password up to 30 s late, which bounds how long a session signed out by a
/// password change elsewhere can go on.
#[derive(Clone)]
pub struct Backend {
    pool: PgPool,
    users: moka::future::Cache<Uuid, AuthUser>,
}

impl Backend {
    pub const USER_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(30);

    pub fn new(pool: PgPool) -> Self {
        let users = moka::future::Cache::builder().max_capacity(10_000).time_to_live(Self::USER_CACHE_TTL).build();
        Self { pool, users }
    }

    /// Creates the account, its `wt_users` row and its primary profile in one
    /// transaction; `None` when the address is taken.
    pub async fn create_account(
        &self,
        email: &str,
        password_hash: &str,
        draft: &crate::profiles::logic::ProfileDraft,
        timezone: &str,
    ) -> Result<Option<Uuid>, AppError> {
        let (email, hash, draft, timezone) =
            (email.to_owned(), password_hash.to_owned(), draft.clone(), timezone.to_owned());
        crate::db::service(&self.pool, move |conn| {
            Box::pin(async move {
                let Some(user_id) = db::insert_user(conn, &email, &hash).await? else { return Ok(None) };
                // The rest runs as the new user, under row-level security.
                crate::db::act_as(conn, user_id).await?;
                let today = crate::time::parse_zone(&timezone)
                    .map(|zone| crate::time::today_in(zone, chrono::Utc::now()))
                    .unwrap_or_else(|| crate::time::today_in(chrono_tz::UTC, chrono::Utc::now()));
                crate::profiles::db::insert_household(conn, user_id, &draft, &timezone, today).await?;
                Ok(Some(user_id))
            })
        })
        .await
    }

    pub async fn set_password(&self, user_id: Uuid, password_hash: &str) -> Result<(), AppError> {
        let hash = password_hash.to_owned();
        crate::db::service(&self.pool, move |conn| {
            Box::pin(async move { Ok(db::set_password(conn, user_id, &hash).await?) })
        })
        .await?;
        self.users.invalidate(&user_id).await;
        Ok(())
    }

    /// Deletes the account; every row it owns goes by cascade.
    pub async fn delete_account(&self, user: &AuthUser) -> Result<(), AppError> {
        let user_id = user.id;
        // The throttle rows that name this account, by id or by address.
        let keys: Vec<String> = [
            Action::SignIn.keys(&user.email, None).0,
            Action::SignUp.keys(&user.email, None).0,
            Action::ChangePassword.keys(&user_id.to_string(), None).0,
            Action::DeleteAccount.keys(&user_id.to_string(), None).0,
        ]
        .into();
        crate::db::service(&self.pool, move |conn| {
            Box::pin(async move { Ok(db::delete_user(conn, user_id, &keys).await?) })
        })
        .await?;
        self.users.invalidate(&user_id).await;
        Ok(())
    }

    /// The user as stored now, bypassing the cache (after a change).
    pub async fn reload(&self, user_id: Uuid) -> Result<Option<AuthUser>, AuthError> {
        self.users.invalidate(&user_id).await;
        self.get_user_cached(user_id).await
    }

    async fn get_user_cached(&self, id: Uuid) -> Result<Option<AuthUser>, AuthError> {
        if let Some(user) = self.users.get(&id).await {
            return Ok(Some(user));
        }
        let mut tx = begin_service(&self.pool).await?;
        let user = db::user_by_id(&mut tx, id).await?;
        tx.commit().await?;
        if let Some(user) = &user {
            self.users.insert(id, user.clone()).await;
        }
        Ok(user)
    }
}

impl axum_login::AuthnBackend for Backend {
    type User = AuthUser;
    type Credentials = Credentials;
    type Error = AuthError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<AuthUser>, AuthError> {
        let mut tx = begin_service(&self.pool).await?;
        let user = db::user_by_email(&mut tx, creds.email.trim()).await?;
        tx.commit().await?;
        // Verify against a dummy hash when the email is unknown, so both
        // failures take the same time and say the same thing.
        let hash = user.as_ref().map(|u| u.password_hash.clone());
        let ok = off_runtime(move || verify_password(&creds.password, hash.as_deref().unwrap_or_else(|| dummy_hash())))
            .await?;
        Ok(user.filter(|_| ok))
    }

    async fn get_user(&self, id: &Uuid) -> Result<Option<AuthUser>, AuthError> {
        self.get_user_cached(*id).await
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;

/// A sign-in lasts at most this long, however active the session is (the
/// idle expiry, 14 days, ends it sooner when unused).
pub const ABSOLUTE_LIFETIME_SECS: i64 = 30 * 24 * 3600;
const SIGNED_IN_AT_KEY: &str = "signed_in_at";
/// The day (days since the epoch; a bucket, not anyone's calendar day) the
/// session was last saved for activity.
const SEEN_ON_KEY: &str = "seen_on";

/// Signs `user` in: a new session id (axum-login cycles it: no fixation) and
/// the moment, from which the absolute lifetime counts.
pub async fn sign_in(auth: &mut AuthSession, user: &AuthUser) -> Result<(), AppError> {
    auth.login(user).await.map_err(|err| {
        tracing::error!(error = %err, "login failed");
        AppError::Internal
    })?;
    let now = chrono::Utc::now();
    let stamped = async {
        auth.session.insert(SIGNED_IN_AT_KEY, now.timestamp()).await?;
        auth.session.insert(SEEN_ON_KEY, activity_day(now.timestamp())).await
    };
    stamped.await.map_err(crate::db::session_error)
}

/// Whether a session last saved for activity on day `seen_on` should be
/// saved again on day `today`: the idle expiry then counts from the last visit, to within
/// a day, for one session write a day.
pub fn needs_activity_save(seen_on: Option<i64>, today: i64) -> bool {
    seen_on != Some(today)
}

fn activity_day(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(86_400)
}

/// Moves a signed-in session's idle expiry forward, at most once a day (the
/// session layer saves a changed session, which renews its expiry and cookie).
pub async fn note_activity(auth: &AuthSession) {
    if auth.user.is_none() {
        return;
    }
    let today = activity_day(chrono::Utc::now().timestamp());
    let seen: Option<i64> = auth.session.get(SEEN_ON_KEY).await.ok().flatten();
    if needs_activity_save(seen, today) {
        if let Err(err) = auth.session.insert(SEEN_ON_KEY, today).await {
            tracing::error!(error = %err, "session store error");
        }
    }
}

/// Whether a sign-in made at `signed_in_at` (Unix seconds) is still within
/// its absolute lifetime at `now`. A session without the stamp (made before
/// it existed) is not.
pub fn within_lifetime(signed_in_at: Option<i64>, now: i64) -> bool {
    signed_in_at.is_some_and(|at| at <= now + 300 && now - at < ABSOLUTE_LIFETIME_SECS)
}

/// Ends the sign-in of a session past its absolute lifetime. `true` when it did.
pub async fn end_if_expired(auth: &mut AuthSession) -> bool {
    if auth.user.is_none() {
        return false;
    }
    let at: Option<i64> = auth.session.get(SIGNED_IN_AT_KEY).await.ok().flatten();
    if within_lifetime(at, chrono::Utc::now().timestamp()) {
        return false;
    }
    if let Err(err) = auth.logout().await {
        tracing::error!(error = %err, "logout of an expired sign-in failed");
    }
    true
}

/// The request's auth session (axum-login puts it in the request extensions).
pub async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>().await.map_err(|err| {
        tracing::error!(error = %err, "auth session missing from request");
        AppError::Internal
    })
}

/// Argon2id with OWASP's minimum: m = 19 MiB, t = 2, p = 1.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("static argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with valid parameters cannot fail")
        .to_string()
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("not a real password, only for timing"))
}

/// Argon2id costs 19 MiB and tens of milliseconds of one core. At most one
/// hash per core runs at a time, off the async runtime; the rest wait here,
/// so a burst of sign-ins can neither starve the pages nor exhaust memory.
static HASHING: crate::cpu::PerCore = crate::cpu::PerCore::new();

async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, tokio::task::JoinError> {
    let _permit = HASHING.acquire().await;
    tokio::task::spawn_blocking(work).await
}

pub async fn hash_password_async(password: String) -> Result<String, tokio::task::JoinError> {
    off_runtime(move || hash_password(&password)).await
}

pub async fn verify_password_async(password: String, hash: String) -> Result<bool, tokio::task::JoinError> {
    off_runtime(move || verify_password(&password, &hash)).await
}

/// The common-password blocklist (Django's 20k list, fetched at setup into
/// `data/common-passwords.txt`; see `scripts/setup.sh`).
#[derive(Clone, Default)]
pub struct CommonPasswords(Arc<HashSet<String>>);

impl CommonPasswords {
    pub fn from_text(text: &str) -> Self {
        Self(Arc::new(text.lines().map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()).collect()))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn contains(&self, lowered: &str) -> bool {
        self.0.contains(lowered)
    }
}

/// What the throttle guards. Each action allows so many attempts per
/// subject (the account, or the address typed in) and per client address in
/// its window; an attempt is recorded before the work it guards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    SignIn,
    SignUp,
    ChangePassword,
    DeleteAccount,
}

/// An action's allowance: attempts per subject and per client in the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allowance {
    pub per_subject: i64,
    pub per_client: i64,
    pub window_minutes: i32,
}

impl Action {
    pub fn allowance(self) -> Allowance {
        match self {
            Action::SignIn => Allowance { per_subject: 5, per_client: 30, window_minutes: 15 },
            Action::SignUp => Allowance { per_subject: 5, per_client: 20, window_minutes: 60 },
            Action::ChangePassword | Action::DeleteAccount => {
                Allowance { per_subject: 5, per_client: 30, window_minutes: 15 }
            }
        }
    }

    fn name(self) -> &'static str {
        match self {
            Action::SignIn => "sign-in",
            Action::SignUp => "sign-up",
            Action::ChangePassword => "password",
            Action::DeleteAccount => "delete",
        }
    }

    /// The throttle's keys: the subject's and, when known, the client's.
    pub fn keys(self, subject: &str, client: Option<IpAddr>) -> (String, Option<String>) {
        // Bounded: the subject is an email (capped by the input kit) or an id;
        // cut anyway so no key outgrows the column's check.
        let subject: String = subject.trim().to_lowercase().chars().filter(|c| !c.is_control()).take(320).collect();
        (format!("{}:subject:{subject}", self.name()), client.map(|ip| format!("{}:ip:{ip}", self.name())))
    }
}

/// The throttle over `auth.throttle_attempts`, so it holds across restarts
/// and several app servers. One transaction per check: lock the keys (sorted,
/// so concurrent checks cannot deadlock), record the attempt, count the
/// earlier ones. Fifty parallel guesses therefore see 0, 1, 2, … earlier
/// attempts and only the allowance passes.
pub struct Throttle;

impl Throttle {
    /// Records an attempt of `action`; `false` when it is over the allowance
    /// (the caller answers 429 without doing the work).
    pub async fn admit(
        backend: &Backend,
        action: Action,
        subject: &str,
        client: Option<IpAddr>,
    ) -> Result<bool, sqlx::Error> {
        let allowance = action.allowance();
        let (subject_key, client_key) = action.keys(subject, client);
        let mut keys = vec![subject_key];
        keys.extend(client_key);
        let mut locks = keys.clone();
        locks.sort();
        let mut tx = begin_service(&backend.pool).await?;
        for key in &locks {
            db::lock_throttle_key(&mut tx, key).await?;
        }
        let earlier = db::record_attempt(&mut tx, &keys, allowance.window_minutes).await?;
        tx.commit().await?;
        let subject_ok = earlier.first().is_none_or(|n| *n < allowance.per_subject);
        let client_ok = earlier.get(1).is_none_or(|n| *n < allowance.per_client);
        Ok(subject_ok && client_ok)
    }

    /// Forgets the subject's attempts of `action` (after a successful sign-in).
    pub async fn clear(backend: &Backend, action: Action, subject: &str) -> Result<(), sqlx::Error> {
        let (key, _) = action.keys(subject, None);
        let mut tx = begin_service(&backend.pool).await?;
        db::clear_attempts(&mut tx, &key).await?;
        tx.commit().await
    }

    /// Removes attempts older than every window (the maintenance worker).
    pub async fn prune(pool: &PgPool) -> Result<u64, sqlx::Error> {
        let mut tx = begin_service(pool).await?;
        let n = db::prune_attempts(&mut tx).await?;
        tx.commit().await?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let hash = hash_password("correct horse battery");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
    }

    #[test]
    fn a_sign_in_ends_after_its_absolute_lifetime() {
        let now = 1_800_000_000;
        assert!(within_lifetime(Some(now - 3600), now));
        assert!(within_lifetime(Some(now - ABSOLUTE_LIFETIME_SECS + 1), now));
        assert!(!within_lifetime(Some(now - ABSOLUTE_LIFETIME_SECS), now));
        assert!(!within_lifetime(None, now), "an unstamped session");
        assert!(!within_lifetime(Some(now + 86_400), now), "a stamp from the future");
    }

    #[test]
    fn an_active_session_is_saved_once_a_day() {
        let today = activity_day(1_800_000_000);
        assert_eq!(activity_day(1_800_000_000 + 86_400), today + 1);
        assert!(needs_activity_save(None, today));
        assert!(needs_activity_save(Some(today - 1), today));
        assert!(!needs_activity_save(Some(today), today));
    }

    #[test]
    fn a_malformed_hash_never_verifies() {
        assert!(!verify_password("anything", "not-a-phc-string"));
    }

    #[test]
    fn debug_output_hides_the_hash() {
        let user = AuthUser { id: Uuid::nil(), email: "a@b.co".into(), password_hash: "$argon2id$secret".into() };
        assert!(!format!("{user:?}").contains("secret"));
    }
}
