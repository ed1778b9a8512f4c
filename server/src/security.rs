//! Limits and response headers every request passes through: a cap on the
//! body, a deadline, a bound on requests in flight, and the browser
//! security headers (CSP with a per-page nonce, framing, sniffing, referrer,
//! HSTS when served over HTTPS).

use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Largest request body: every form of the app is far below it.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Largest body of the recipe importer's and the photos' endpoints: a saved page of up to
/// 2 MB (`app::meals::recipes::import::MAX_PAGE_BYTES`), form-encoded, or an uploaded photo
/// of up to 5 MB (`app::media::logic::MAX_IMAGE_BYTES`).
pub const MAX_IMPORT_BODY_BYTES: usize = 6 * 1024 * 1024;
/// The endpoints that take a whole page.
pub const IMPORT_PATHS: [&str; 3] = ["/api/recipes/import", "/api/recipes/import/parse", "/api/recipes/import/upload"];

/// The endpoints that take a multipart upload (a file).
pub const MULTIPART_PATHS: [&str; 3] =
    ["/api/recipes/import/upload", "/api/media/recipe-image", "/api/media/meal-photo"];

/// The body limit of a path.
pub fn body_limit_for(path: &str) -> usize {
    if IMPORT_PATHS.contains(&path) || MULTIPART_PATHS.contains(&path) {
        MAX_IMPORT_BODY_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

/// Caps every request body at its path's limit: a declared length above it is refused at
/// once (413), and a body without one stops being read at the limit.
pub async fn body_limit(req: Request, next: Next) -> Response {
    use axum::response::IntoResponse;
    let limit = body_limit_for(req.uri().path());
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return (axum::http::StatusCode::PAYLOAD_TOO_LARGE, "The request is too large.").into_response();
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}
/// An upload endpoint is sent a multipart body with a boundary, or refused with 415 before
/// it is read: server_fn's multipart decoder panics on a request without a boundary (which
/// would drop the connection instead of answering).
pub async fn multipart_only(req: Request, next: Next) -> Response {
    use axum::response::IntoResponse;
    if MULTIPART_PATHS.contains(&req.uri().path()) {
        let boundary = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| multer::parse_boundary(ct).is_ok());
        if !boundary {
            return (
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send the file as a multipart/form-data upload (the form's field `file`).",
            )
                .into_response();
        }
    }
    next.run(req).await
}

/// A request still unanswered after this gets 503 (a slow client, a stuck query).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Requests handled at once; more wait (each connection is a small future,
/// but a page holds a database connection and memory while it renders).
pub const MAX_IN_FLIGHT: usize = 512;

/// The nonce of this response's scripts (the hydration module), put in the
/// request by [`headers`] and given to Leptos by the router's context.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// Content-Security-Policy for a page whose inline scripts carry `nonce`.
/// `'wasm-unsafe-eval'` lets the islands' wasm compile; nothing else is eval'd.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Adds the security headers; `secure` adds HSTS (served over HTTPS).
pub async fn headers(secure: bool, mut req: Request, next: Next) -> Response {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        h.entry(header::CONTENT_SECURITY_POLICY).or_insert(value);
    }
    h.entry(header::X_FRAME_OPTIONS).or_insert(HeaderValue::from_static("DENY"));
    h.entry(header::X_CONTENT_TYPE_OPTIONS).or_insert(HeaderValue::from_static("nosniff"));
    h.entry(header::REFERRER_POLICY).or_insert(HeaderValue::from_static("same-origin"));
    h.entry("cross-origin-opener-policy").or_insert(HeaderValue::from_static("same-origin"));
    if secure {
        h.entry(header::STRICT_TRANSPORT_SECURITY).or_insert(HeaderValue::from_static("max-age=31536000"));
    }
    res
}

/// Whether a POST comes from another site. Browsers say so in Fetch
/// Metadata (`Sec-Fetch-Site`); older ones send `Origin`, which must name
/// this host. A post with an `Origin` but no host to compare it with is
/// refused; a post with neither header is not from a browser page (curl, a
/// script) and cannot carry a victim's cookies by accident, so it passes.
pub fn is_cross_site(sec_fetch_site: Option<&str>, origin: Option<&str>, host: Option<&str>) -> bool {
    if let Some(site) = sec_fetch_site {
        return !matches!(site, "same-origin" | "none");
    }
    match (origin, host) {
        (None, _) => false,
        // An opaque ("null") origin is never ours.
        (Some("null"), _) | (Some(_), None) => true,
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin) != host,
    }
}

#[cfg(test)]
mod tests {
    use super::{content_security_policy, is_cross_site};

    #[test]
    fn cross_site_posts_are_told_by_fetch_metadata_then_by_origin() {
        assert!(!is_cross_site(Some("same-origin"), Some("https://evil.example"), Some("app.example")));
        assert!(is_cross_site(Some("cross-site"), None, Some("app.example")));
        assert!(is_cross_site(Some("same-site"), None, Some("app.example")));
        assert!(!is_cross_site(None, Some("https://app.example"), Some("app.example")));
        assert!(is_cross_site(None, Some("https://evil.example"), Some("app.example")));
        assert!(is_cross_site(None, Some("null"), Some("app.example")));
        assert!(is_cross_site(None, Some("https://app.example"), None), "an origin and no host to match");
        assert!(!is_cross_site(None, None, None), "not a browser page");
    }

    #[test]
    fn the_policy_allows_only_our_own_scripts_and_no_framing() {
        let csp = content_security_policy("abc123");
        assert!(csp.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("'unsafe-eval'"));
    }
}
