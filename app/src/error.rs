//! One application error, shared by server and browser.
//!
//! Server functions return `Result<T, AppError>`. The type is serialisable so a
//! form posted without JavaScript gets it back through the redirect URL, and a
//! hydrated form gets it from the response body; either way the view shows the
//! message next to the field it concerns.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Messages keyed by form field name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.entry(field.to_owned()).or_insert_with(|| message.into());
    }
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// `Ok(())` when nothing was added, else the errors as an `AppError`.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }
    pub fn single(field: &str, message: impl Into<String>) -> AppError {
        let mut errors = Self::new();
        errors.add(field, message);
        AppError::Invalid(errors)
    }
}

/// A form posted without JavaScript that failed: the server function it
/// went to, the error, and what was typed (never passwords). The server keeps
/// it in the session for one page load, so the page shows each message next
/// to its field and refills the form; nothing of it travels in the URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFlash {
    /// The server function's path, e.g. `/api/meals/log`.
    pub path: String,
    pub error: AppError,
    pub values: BTreeMap<String, String>,
}

impl FormFlash {
    /// The session key it is kept under.
    pub const SESSION_KEY: &'static str = "form_flash";
    /// At most this many fields are kept, each cut to `MAX_VALUE_CHARS`.
    pub const MAX_FIELDS: usize = 64;
    pub const MAX_VALUE_CHARS: usize = 2_000;

    /// What a form posted: bounded, and without any password field.
    pub fn kept_values(fields: impl IntoIterator<Item = (String, String)>) -> BTreeMap<String, String> {
        fields
            .into_iter()
            .filter(|(name, _)| !name.contains("password") && name.len() <= 64)
            .take(Self::MAX_FIELDS)
            .map(|(name, value)| (name, value.chars().take(Self::MAX_VALUE_CHARS).collect()))
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// Input the user can fix; each message belongs next to its field.
    #[error("please correct the highlighted fields")]
    Invalid(FieldErrors),
    #[error("you need to sign in")]
    Unauthenticated,
    #[error("you are not allowed to do that")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("too many attempts; wait a few minutes and try again")]
    TooManyRequests,
    /// Something went wrong on our side. The detail is logged on the server
    /// (with the request id); the browser only ever sees this generic text.
    #[error("something went wrong on our side; please try again")]
    Internal,
    /// The request never reached the application logic (transport, decoding).
    #[error("the request could not be processed: {0}")]
    Request(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::TooManyRequests => 429,
            AppError::Internal => 500,
            AppError::Request(_) => 400,
        }
    }

    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors.get(name).map(str::to_owned),
            _ => None,
        }
    }

    /// The message to show above a form: field errors are shown beside their
    /// fields, so this is `None` for those.
    pub fn form_message(&self) -> Option<String> {
        match self {
            AppError::Invalid(errors) if !errors.is_empty() => None,
            other => Some(other.to_string()),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(msg) => AppError::Request(msg),
            ServerFnErrorErr::MissingArg(msg) => AppError::Request(format!("missing field {msg}")),
            ServerFnErrorErr::Deserialization(msg) => AppError::Request(msg),
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::Database(db) if db.code().as_deref() == Some("42501") => {
                // Row-level security or a missing grant refused the statement.
                tracing::warn!(error = %err, "database refused access");
                AppError::NotFound
            }
            // Text the database cannot store (NUL, a character outside
            // UTF-8) or longer than its column: the input kit refuses these
            // next to the field; this is the net under any text it missed.
            sqlx::Error::Database(db) if matches!(db.code().as_deref(), Some("22021" | "22P05" | "22001")) => {
                tracing::warn!(error = %err, "database refused a value");
                AppError::Request("The text contains a character or length that cannot be stored.".into())
            }
            _ => {
                tracing::error!(error = ?err, "database error");
                AppError::Internal
            }
        }
    }
}

/// Finishes a server function: sets the HTTP status for errors where the
/// status matters, and logs. A plain form post (no JavaScript) that fails
/// validation is redirected back by Leptos with the error in the URL, so it
/// keeps the redirect; everything else gets its precise status.
#[cfg(feature = "ssr")]
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn database_errors_reach_the_browser_only_as_generic_text() {
        let err = AppError::from(sqlx::Error::Protocol("relation wt_secret_table does not exist".into()));
        assert_eq!(err, AppError::Internal);
        let body = String::from_utf8(err.ser().to_vec()).unwrap();
        assert!(!body.contains("wt_secret_table"), "{body}");
        assert_eq!(err.status(), 500);
    }

    #[test]
    fn a_flash_never_keeps_a_password_and_stays_bounded() {
        let fields = vec![
            ("email".to_owned(), "a@b.co".to_owned()),
            ("password".to_owned(), "secret-1".to_owned()),
            ("new_password".to_owned(), "secret-2".to_owned()),
            ("note".to_owned(), "x".repeat(10_000)),
        ]
        .into_iter()
        .chain((0..500).map(|i| (format!("f{i}"), "v".to_owned())));
        let kept = FormFlash::kept_values(fields);
        assert_eq!(kept.get("email").map(String::as_str), Some("a@b.co"));
        assert!(kept.keys().all(|k| !k.contains("password")));
        assert_eq!(kept["note"].chars().count(), FormFlash::MAX_VALUE_CHARS);
        assert!(kept.len() <= FormFlash::MAX_FIELDS);
    }

    #[test]
    fn field_errors_keep_the_first_message_per_field() {
        let mut e = FieldErrors::new();
        e.add("email", "first");
        e.add("email", "second");
        assert_eq!(AppError::Invalid(e).field("email").as_deref(), Some("first"));
    }
}
