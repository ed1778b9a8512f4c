//! Failed form posts without JavaScript come back through the session, not
//! the URL.
//!
//! When a server function fails on a plain form post, server_fn redirects to
//! the page the form was on with the error in the query (`__path`, `__err`),
//! and Leptos shows whatever error such a URL carries: anyone could craft a
//! link that puts any text in the app's alert box, and repeated failures made
//! the URL longer each time. This layer takes that redirect apart: it keeps
//! the error and what was typed (bounded, never passwords) as a one-time
//! [`FormFlash`] in the session, and sends the browser back to the clean
//! URL. Incoming `__err`/`__path` parameters are never honoured: such a
//! request is redirected to the same URL without them.

use app::error::{AppError, FormFlash};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::ServerFnUrlError;
use tower_sessions::Session;

/// A form is small; larger bodies are not kept for refilling (the request
/// still goes through, bounded by the body limit of its route).
const MAX_KEPT_BODY: usize = 64 * 1024;
/// The most a plain form post may carry through this layer.
const MAX_FORM_BODY: usize = 2 * 1024 * 1024;

fn is_plain_form_post(req: &Request) -> bool {
    req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

fn has_error_params(query: &str) -> bool {
    query.split('&').any(|pair| {
        let key = pair.split('=').next().unwrap_or("");
        key == "__err" || key == "__path"
    })
}

/// `query` without `__err` and `__path`.
fn clean_query(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            !pair.is_empty() && key != "__err" && key != "__path"
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The error a server_fn redirect carries, and the location without it.
fn take_error(location: &str) -> Option<(String, AppError, String)> {
    let (base, query) = location.split_once('?')?;
    if !has_error_params(query) {
        return None;
    }
    let mut path = None;
    let mut err = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match &*key {
            "__path" => path = Some(value.into_owned()),
            "__err" => err = Some(value.into_owned()),
            _ => {}
        }
    }
    let error = ServerFnUrlError::<AppError>::decode_err(&err?);
    let rest = clean_query(query);
    let clean = if rest.is_empty() { base.to_owned() } else { format!("{base}?{rest}") };
    Some((path?, error, clean))
}

pub async fn form_flash(session: Session, req: Request, next: Next) -> Response {
    if req.method() == Method::GET {
        if let Some(query) = req.uri().query().filter(|q| has_error_params(q)) {
            let rest = clean_query(query);
            let path = req.uri().path();
            let clean = if rest.is_empty() { path.to_owned() } else { format!("{path}?{rest}") };
            return (StatusCode::SEE_OTHER, [(header::LOCATION, clean)]).into_response();
        }
        return next.run(req).await;
    }
    if !is_plain_form_post(&req) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    // A file upload's parts are not typed text to refill.
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/"));
    let Ok(bytes) =
        axum::body::to_bytes(body, MAX_FORM_BODY.max(crate::security::body_limit_for(parts.uri.path()))).await
    else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The form is too large.").into_response();
    };
    let typed = if bytes.len() <= MAX_KEPT_BODY && !multipart {
        FormFlash::kept_values(form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned())))
    } else {
        Default::default()
    };
    let mut res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    let Some(location) = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()) else { return res };
    let Some((path, error, clean)) = take_error(location) else { return res };
    let flash = FormFlash { path, error, values: typed };
    if let Err(err) = session.insert(FormFlash::SESSION_KEY, flash).await {
        tracing::error!(error = %err, "could not keep the form's flash in the session");
    }
    match HeaderValue::from_str(&clean) {
        Ok(value) => {
            res.headers_mut().insert(header::LOCATION, value);
        }
        Err(_) => {
            res.headers_mut().insert(header::LOCATION, HeaderValue::from_static("/"));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_fn_error_redirect_is_taken_apart() {
        let err = AppError::Invalid(app::error::FieldErrors::new());
        let url = ServerFnUrlError::new("/api/meals/log", err.clone())
            .to_url("http://127.0.0.1:3000/health?metric=sleep")
            .unwrap()
            .to_string();
        let (path, error, clean) = take_error(&url).expect("an error redirect");
        assert_eq!(path, "/api/meals/log");
        assert_eq!(error, err);
        assert_eq!(clean, "http://127.0.0.1:3000/health?metric=sleep");
    }

    #[test]
    fn other_locations_are_left_alone() {
        assert!(take_error("/meals").is_none());
        assert!(take_error("/health?metric=sleep").is_none());
    }

    #[test]
    fn error_parameters_are_removed_and_the_rest_kept() {
        assert_eq!(clean_query("__err=abc&metric=sleep&__path=%2Fapi"), "metric=sleep");
        assert_eq!(clean_query("__err=abc"), "");
    }
}
