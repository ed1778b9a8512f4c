//! Builds the application: database, migrations, sessions, auth, routes.
//! Tests start the real application on port 0 through [`Application::build`].

use std::net::SocketAddr;
use std::time::Duration;

use app::account::auth::{Backend, CommonPasswords};
use app::db::Db;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::serve::ListenerExt;
use axum::Router;
use axum_login::AuthManagerLayerBuilder;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use tokio::net::TcpListener;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{CachingSessionStore, Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

use crate::config::{Config, Database};
use crate::embedded_pg::{self, EmbeddedPostgres, PgError};
use crate::food_data::Outcome;
use crate::session_cache::RecentSessions;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Postgres(#[from] PgError),
    #[error("cannot connect to PostgreSQL: {0}")]
    Connect(sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] crate::migrations::MigrationError),
    #[error("food data: {0}")]
    FoodData(#[from] crate::food_data::FoodDataError),
    #[error("cannot listen on {addr}: {source} (set WELLTRACK_ADDR to use another address)")]
    Listen { addr: SocketAddr, source: std::io::Error },
    #[error("Leptos configuration: {0}")]
    Leptos(String),
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    postgres: Option<EmbeddedPostgres>,
    pub pools: Pools,
    workers: bool,
}

/// The server's two logins. `requests` (`wt_app`) may become only `anon` or
/// `authenticated`, so request code stays under row-level security whatever
/// it runs; `service` (`wt_service`) is the auth backend's, the session
/// store's and the workers' (it may become `service_role`).
#[derive(Clone, Debug)]
pub struct Pools {
    pub requests: PgPool,
    pub service: PgPool,
}

impl Pools {
    pub async fn close(&self) {
        self.requests.close().await;
        self.service.close().await;
    }
}

/// Connects (starting the embedded cluster if configured), migrates and, given
/// `food_data`, loads the food composition data when it is not loaded yet.
/// Returns the pools and the cluster to stop at exit.
pub async fn database(
    config: &Database,
    food_data: Option<&std::path::Path>,
) -> Result<(Pools, Option<EmbeddedPostgres>), StartError> {
    type Logins = (PgConnectOptions, PgConnectOptions, PgConnectOptions, Option<EmbeddedPostgres>);
    let (admin, app, service, postgres): Logins = match config {
        Database::Url { admin, app, service } => {
            let parse = |url: &str| url.parse::<PgConnectOptions>().map_err(StartError::Connect);
            let admin = parse(admin)?;
            if app.is_none() || service.is_none() {
                tracing::warn!(
                    "WELLTRACK_APP_DATABASE_URL or WELLTRACK_SERVICE_DATABASE_URL is not set: that part \
                     of the server logs in as DATABASE_URL's role; row-level security still applies to \
                     request code (it runs as `authenticated`), but it is no longer kept apart by its login"
                );
            }
            let app = app.as_deref().map(parse).transpose()?.unwrap_or_else(|| admin.clone());
            let service = service.as_deref().map(parse).transpose()?.unwrap_or_else(|| admin.clone());
            (admin, app, service, None)
        }
        Database::Options { admin, app, service } => {
            (admin.as_ref().clone(), app.as_ref().clone(), service.as_ref().clone(), None)
        }
        Database::Embedded { data_dir } => {
            let dir = data_dir.clone();
            let pg =
                tokio::task::spawn_blocking(move || EmbeddedPostgres::start(&dir, false)).await.map_err(|e| {
                    StartError::Postgres(PgError::Start { reason: e.to_string(), log: data_dir.join("postgres.log") })
                })??;
            tracing::info!(socket = %pg.socket_dir().display(), "embedded PostgreSQL is ready");
            let maintenance = pg.connect_options(embedded_pg::SUPERUSER, "postgres");
            ensure_database(&maintenance, embedded_pg::DATABASE).await?;
            (
                pg.connect_options(embedded_pg::SUPERUSER, embedded_pg::DATABASE),
                pg.connect_options(embedded_pg::APP_LOGIN, embedded_pg::DATABASE),
                pg.connect_options(embedded_pg::SERVICE_LOGIN, embedded_pg::DATABASE),
                Some(pg),
            )
        }
    };
    {
        let admin_pool =
            PgPoolOptions::new().max_connections(1).connect_with(admin).await.map_err(StartError::Connect)?;
        crate::migrations::run(&admin_pool).await?;
        if let Some(dir) = food_data {
            let mut conn = admin_pool.acquire().await.map_err(StartError::Connect)?;
            match crate::food_data::ensure_loaded(&mut conn, dir).await? {
                Outcome::AlreadyLoaded => {}
                Outcome::Loaded { foods, portions } => tracing::info!(foods, portions, "USDA SR28 food data loaded"),
                Outcome::Upgraded { foods } => tracing::info!(foods, "USDA SR28 food data brought up to date"),
                Outcome::Missing(dir) => tracing::warn!(dir = %dir.display(),
                    "USDA SR28 food data missing; run scripts/setup.sh (recipes cannot be matched to foods)"),
            }
        }
        admin_pool.close().await;
    }
    let pool = |size: u32, login: PgConnectOptions| {
        PgPoolOptions::new()
            .max_connections(size)
            .acquire_timeout(Duration::from_secs(10))
            // The liveness ping before every checkout is a round trip per
            // request; a broken connection fails its statement instead and is
            // dropped by the pool.
            .test_before_acquire(false)
            // The enum types are looked up once per connection, not by its first requests.
            .after_connect(|conn, _| Box::pin(app::db::prepare_connection(conn)))
            .connect_with(login)
    };
    let (request_connections, service_connections) = pool_sizes();
    let requests = pool(request_connections, app).await.map_err(StartError::Connect)?;
    let service = pool(service_connections, service).await.map_err(StartError::Connect)?;
    Ok((Pools { requests, service }, postgres))
}

/// Connections for request code: PostgreSQL's rule of thumb, twice the cores
/// plus one (5 on 2 cores). The service login looks up the signed-in user and
/// the session of most requests and runs the workers: a little fewer, at least 3.
fn pool_sizes() -> (u32, u32) {
    let cores = std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(2);
    ((cores * 2 + 1).max(4), (cores + 1).max(3))
}

pub async fn ensure_database(maintenance: &PgConnectOptions, name: &str) -> Result<(), StartError> {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect_with(maintenance).await.map_err(StartError::Connect)?;
    let exists: bool = sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .map_err(StartError::Connect)?;
    if !exists {
        // Identifiers cannot be bound; `name` is ours, not user input.
        sqlx::query(&format!("create database \"{name}\"")).execute(&mut conn).await.map_err(StartError::Connect)?;
    }
    Ok(())
}

fn load_common_passwords(config: &Config) -> CommonPasswords {
    match std::fs::read_to_string(&config.common_passwords) {
        Ok(text) => {
            let list = CommonPasswords::from_text(&text);
            tracing::info!(entries = list.len(), "common-password list loaded");
            list
        }
        Err(err) => {
            tracing::warn!(path = %config.common_passwords.display(), error = %err,
                "common-password list missing; run scripts/setup.sh (only the length rule applies)");
            CommonPasswords::default()
        }
    }
}

const FORBIDDEN_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Refused · WellTrack</title></head>\
<body><main><h1>Request refused (403)</h1><p>This form was sent from another site, so WellTrack did not act on it.</p>\
<p><a href=\"/\">Go to your dashboard</a></p></main></body></html>";

/// Refuses cross-site state changes: server functions accept form posts, so
/// a POST must come from our own pages (OWASP CSRF cheat sheet: Fetch
/// Metadata, falling back to Origin vs Host).
async fn same_origin_posts(req: Request, next: Next) -> Response {
    if req.method() == Method::POST {
        let headers = req.headers();
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        // HTTP/2 carries the host as the URI's authority, not a Host header.
        let host =
            text(header::HOST.as_str()).map(str::to_owned).or_else(|| req.uri().authority().map(|a| a.to_string()));
        let cross_site =
            crate::security::is_cross_site(text("sec-fetch-site"), text(header::ORIGIN.as_str()), host.as_deref());
        if cross_site {
            return (StatusCode::FORBIDDEN, axum::response::Html(FORBIDDEN_PAGE)).into_response();
        }
    }
    next.run(req).await
}

/// Server functions report errors as a serialised `AppError`; when the
/// failure happened before our code ran (undecodable or missing arguments),
/// server_fn answers 500. Give every such body its precise status, once, here.
async fn server_fn_status(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A page that redirects during server rendering (e.g. to sign-in) gets a
/// `Location` header; leptos_axum only turns it into a 302 when the request
/// says it accepts HTML. A GET for a page is always navigation, so make every
/// such response a real redirect.
async fn page_redirects(req: Request, next: Next) -> Response {
    let is_page = req.method() == Method::GET && !req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    if is_page && res.status() == StatusCode::OK && res.headers().contains_key(header::LOCATION) {
        *res.status_mut() = StatusCode::FOUND;
        res.headers_mut().remove("serverfnredirect");
    }
    res
}

/// Pages that a visitor (nobody signed in) may see.
const PUBLIC_PAGES: [&str; 2] = ["/sign-in", "/sign-up"];
/// Page prefixes a visitor may see: a shared recipe and its image (read as `anon`, which
/// sees only what a household shares).
const PUBLIC_PREFIXES: [&str; 2] = ["/shared/", "/media/"];

/// Sends visitors to the sign-in page before any rendering starts. The page
/// frame (`ui::layout::Page`) redirects too, but only after server rendering
/// has begun; doing it here is cheaper and keeps that path for the rare case
/// of a session ending between two client-side navigations.
async fn require_sign_in(mut auth: app::account::auth::AuthSession, mut req: Request, next: Next) -> Response {
    // A sign-in past its absolute lifetime ends here, for pages and server
    // functions alike (they read the session from the request afterwards).
    if app::account::auth::end_if_expired(&mut auth).await {
        req.extensions_mut().insert(auth.clone());
    } else {
        app::account::auth::note_activity(&auth).await;
    }
    let path = req.uri().path();
    let is_page = req.method() == Method::GET
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && !path.contains('.')
        && !PUBLIC_PAGES.contains(&path)
        && !PUBLIC_PREFIXES.iter().any(|p| path.starts_with(p));
    if is_page && auth.user.is_none() {
        return (StatusCode::FOUND, [(header::LOCATION, "/sign-in")]).into_response();
    }
    next.run(req).await
}

/// Whether a `/pkg/` file name carries a content hash (`welltrack.<hash>.js`),
/// as cargo-leptos writes them with `hash-files = true`.
fn is_hashed_asset(path: &str) -> bool {
    path.strip_prefix("/pkg/").is_some_and(|name| name.split('.').count() >= 3)
}

/// Hashed static files are immutable: cache them for a year. Other static
/// files revalidate; pages and server-function responses are never stored.
async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let value = if !res.status().is_success() {
        "no-store"
    } else if is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/pkg/") || path.ends_with(".svg") || path.ends_with(".ico") {
        "public, max-age=0, must-revalidate"
    } else {
        "no-store"
    };
    res.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(value));
    res
}

/// The Leptos route list, built once per process. Building it switches
/// resource loading off process-wide while it runs (leptos issue 4773), so a
/// second build while another app in the same process renders (as in the
/// tests) could leave a page waiting for data forever.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// Static files from the site folder, without sessions or auth. Release
/// builds carry `.br` and `.gz` siblings made at build time (`cargo leptos
/// build --release --precompress`), served as they are; the compression
/// layer leaves an encoded response alone and only compresses what has no
/// such sibling (debug builds).
fn static_files(site_root: &std::path::Path, pkg_dir: &str) -> Router {
    use tower_http::services::{ServeDir, ServeFile};
    let pkg = ServeDir::new(site_root.join(pkg_dir)).precompressed_br().precompressed_gzip();
    Router::new()
        .nest_service(&format!("/{pkg_dir}"), pkg)
        .route_service("/favicon.svg", ServeFile::new(site_root.join("favicon.svg")))
        .layer(CompressionLayer::new())
}

/// Leptos's options from the environment cargo-leptos sets. Started
/// directly, a release binary finds its site in a `site` folder beside it
/// (and hashed file names from the `hash.txt` beside it), so the binary and
/// that folder can be copied to another machine together.
fn leptos_options() -> Result<LeptosOptions, StartError> {
    let mut options = get_configuration(None).map_err(|e| StartError::Leptos(e.to_string()))?.leptos_options;
    let exe_dir = std::env::current_exe().ok().and_then(|exe| exe.parent().map(std::path::Path::to_path_buf));
    if let Some(dir) = exe_dir {
        let beside = dir.join("site");
        if std::env::var_os("LEPTOS_SITE_ROOT").is_none() && beside.join(&*options.site_pkg_dir).is_dir() {
            options.site_root = beside.to_string_lossy().into();
        }
        if std::env::var_os("LEPTOS_HASH_FILES").is_none() && dir.join(&*options.hash_file).is_file() {
            options.hash_files = true;
        }
    }
    Ok(options)
}

pub fn router(
    pools: &Pools,
    common_passwords: CommonPasswords,
    secure_cookies: bool,
    trusted_proxies: app::account::logic::TrustedProxies,
    fetch_policy: app::meals::recipes::import::fetch::FetchPolicy,
) -> Result<Router, StartError> {
    let leptos_options = leptos_options()?;
    let routes = route_list();

    let store = CachingSessionStore::new(RecentSessions::new(10_000), PostgresStore::new(pools.service.clone()));
    let session_layer = SessionManagerLayer::new(store)
        .with_name(if secure_cookies { "__Host-welltrack" } else { "welltrack" })
        .with_secure(secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));
    let auth_layer = AuthManagerLayerBuilder::new(Backend::new(pools.service.clone()), session_layer).build();

    let context = {
        let pool = pools.requests.clone();
        move || {
            provide_context(Db::new(pool.clone()));
            provide_context(common_passwords.clone());
            provide_context(trusted_proxies.clone());
            provide_context(fetch_policy);
            // The page's scripts carry the nonce its Content-Security-Policy names.
            let nonce = use_context::<axum::http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<crate::security::CspNonce>().cloned());
            if let Some(crate::security::CspNonce(nonce)) = nonce {
                provide_context(leptos::nonce::Nonce::from_value(nonce));
            }
        }
    };
    let shell_options = leptos_options.clone();
    let static_routes = static_files(std::path::Path::new(&*leptos_options.site_root), &leptos_options.site_pkg_dir);
    // Images are plain responses, not pages: read as the signed-in user or as a visitor.
    let media = Router::new()
        .route("/media/{id}", axum::routing::get(app::media::serve::image))
        .layer(axum::Extension(Db::new(pools.requests.clone())));
    let pages = Router::new()
        .merge(media)
        .leptos_routes_with_context(&leptos_options, routes, context.clone(), move || app::shell(shell_options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context(context, app::shell))
        .with_state(leptos_options)
        // axum's own 2 MB cap on extracted bodies yields to the per-path limits of
        // `security::body_limit` (the importer's is larger).
        .layer(axum::extract::DefaultBodyLimit::max(crate::security::MAX_IMPORT_BODY_BYTES))
        .layer(middleware::from_fn(require_sign_in))
        .layer(middleware::from_fn(crate::form_flash::form_flash))
        .layer(auth_layer)
        .layer(middleware::from_fn(same_origin_posts))
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn(page_redirects))
        .layer(CompressionLayer::new());
    let router = static_routes
        .merge(pages)
        .layer(middleware::from_fn(cache_headers))
        .layer(middleware::from_fn(move |req, next| crate::security::headers(secure_cookies, req, next)))
        // Limits, outside everything that does work: a body cap (413), a
        // deadline (503) and a bound on requests in flight (the rest wait).
        .layer(middleware::from_fn(crate::security::multipart_only))
        .layer(middleware::from_fn(crate::security::body_limit))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, crate::security::REQUEST_TIMEOUT))
        .layer(GlobalConcurrencyLimitLayer::new(crate::security::MAX_IN_FLIGHT))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    Ok(router)
}

impl Application {
    pub async fn build(config: Config) -> Result<Self, StartError> {
        let listener =
            TcpListener::bind(config.addr).await.map_err(|source| StartError::Listen { addr: config.addr, source })?;
        let (pools, postgres) = database(&config.database, Some(&config.food_data)).await?;
        let common_passwords = load_common_passwords(&config);
        let router = router(
            &pools,
            common_passwords,
            config.secure_cookies,
            config.trusted_proxies.clone(),
            config.fetch_policy,
        )?;
        Ok(Self { listener, router, postgres, pools, workers: config.workers })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    pub async fn run_until_stopped(self) -> Result<(), StartError> {
        let Self { listener, router, postgres, pools, workers } = self;
        tracing::info!(addr = %listener.local_addr().map_err(StartError::Serve)?, "WellTrack is listening");
        let worker = workers.then(|| crate::recompute_worker::spawn(pools.service.clone()));
        let maintenance = workers.then(|| crate::maintenance_worker::spawn(pools.service.clone()));
        // Without TCP_NODELAY every static file on a kept-alive connection
        // waited ~40 ms for a delayed ACK (toolchain.md).
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let result = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(StartError::Serve);
        // Stop the workers (and wait until they are gone) before the pool closes.
        for handle in [worker, maintenance].into_iter().flatten() {
            handle.abort();
            let _ = handle.await;
        }
        pools.close().await;
        if let Some(pg) = postgres {
            tracing::info!("stopping embedded PostgreSQL");
            let _ = tokio::task::spawn_blocking(move || pg.stop()).await;
        }
        result
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn only_content_hashed_pkg_files_count_as_hashed() {
        assert!(is_hashed_asset("/pkg/welltrack.3f9a1c.wasm"));
        assert!(!is_hashed_asset("/pkg/welltrack.wasm"));
        assert!(!is_hashed_asset("/favicon.3f9a1c.svg"));
    }
}
