//! The test harness: one PostgreSQL cluster per test run, a migrated template
//! database, and a fresh database (copied from the template) per test.

use std::path::PathBuf;
use std::sync::OnceLock;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};
use reqwest::{redirect, Client, Response, StatusCode};
use server::config::{Config, Database};
use server::embedded_pg::{EmbeddedPostgres, SUPERUSER};
use server::migrations::MIGRATOR;
use server::startup::Application;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use uuid::Uuid;

const TEMPLATE: &str = "wt_template";

pub struct Cluster {
    pg: EmbeddedPostgres,
}

impl Cluster {
    pub fn options(&self, user: &str, database: &str) -> PgConnectOptions {
        self.pg.connect_options(user, database)
    }
}

/// Removes clusters left by earlier runs whose process is gone.
fn sweep_old_clusters() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(pid) = name.strip_prefix("welltrack-test-") {
            if !PathBuf::from(format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// The run's cluster, started once and migrated into the template database.
/// PostgreSQL stops when this process exits (PR_SET_PDEATHSIG).
pub fn cluster() -> &'static Cluster {
    static CLUSTER: OnceLock<Cluster> = OnceLock::new();
    CLUSTER.get_or_init(|| {
        // Started on a plain thread: tests run inside tokio runtimes, which
        // cannot block on another runtime.
        std::thread::spawn(|| {
            sweep_old_clusters();
            let root = std::env::temp_dir().join(format!("welltrack-test-{}", std::process::id()));
            let pg = EmbeddedPostgres::start(&root, true).expect("the test PostgreSQL cluster starts");
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async {
                let mut conn =
                    PgConnection::connect_with(&pg.connect_options(SUPERUSER, "postgres")).await.expect("connect");
                sqlx::query(&format!("drop database if exists {TEMPLATE}"))
                    .execute(&mut conn)
                    .await
                    .expect("drop template");
                sqlx::query(&format!("create database {TEMPLATE}")).execute(&mut conn).await.expect("create template");
                let mut template = PgConnection::connect_with(&pg.connect_options(SUPERUSER, TEMPLATE))
                    .await
                    .expect("connect template");
                MIGRATOR.run(&mut template).await.expect("migrations apply to the template");
                let loaded = server::food_data::ensure_loaded(&mut template, &food_data_dir())
                    .await
                    .expect("the SR28 food data loads into the template");
                assert!(
                    matches!(loaded, server::food_data::Outcome::Loaded { .. }),
                    "SR28 files missing in {}: run scripts/setup.sh",
                    food_data_dir().display()
                );
                template.close().await.expect("close template");
            });
            Cluster { pg }
        })
        .join()
        .expect("cluster thread")
    })
}

/// The SR28 files that scripts/setup.sh fetched.
pub fn food_data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/sr28")
}

/// A new, fully migrated database; returns its name.
pub async fn fresh_database() -> String {
    let cluster = cluster();
    let name = format!("t_{}", Uuid::new_v4().simple());
    let mut conn = PgConnection::connect_with(&cluster.options(SUPERUSER, "postgres")).await.expect("connect");
    sqlx::query(&format!("create database {name} template {TEMPLATE}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    name
}

/// An empty database with no migrations applied (for migration tests).
pub async fn empty_database() -> String {
    let cluster = cluster();
    let name = format!("e_{}", Uuid::new_v4().simple());
    let mut conn = PgConnection::connect_with(&cluster.options(SUPERUSER, "postgres")).await.expect("connect");
    sqlx::query(&format!("create database {name}")).execute(&mut conn).await.expect("create empty database");
    name
}

/// A superuser pool on `database` (arranging fixtures, inspecting results).
pub async fn admin_pool(database: &str) -> PgPool {
    PgPoolOptions::new()
        .max_connections(4)
        .connect_with(cluster().options(SUPERUSER, database))
        .await
        .expect("admin pool")
}

/// A pool as the server's login role `wt_app` (owns nothing; RLS applies
/// after SET ROLE).
pub async fn app_pool(database: &str) -> PgPool {
    PgPoolOptions::new().max_connections(4).connect_with(cluster().options("wt_app", database)).await.expect("app pool")
}

/// A pool as the server's service login `wt_service` (may become
/// `service_role`: the auth backend's and the workers' connections).
pub async fn service_pool(database: &str) -> PgPool {
    PgPoolOptions::new()
        .max_connections(4)
        .connect_with(cluster().options("wt_service", database))
        .await
        .expect("service pool")
}

/// A household that just signed up: its signed-in client, email and user id.
pub struct SignedUp {
    pub client: Client,
    pub email: String,
    pub user_id: Uuid,
}

pub struct TestApp {
    pub address: String,
    /// Superuser access to this test's database, for arranging and asserting.
    pub admin: PgPool,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(true).await
    }

    /// The app without its background workers, for tests that count the
    /// statements one request costs.
    pub async fn spawn_without_workers() -> Self {
        Self::spawn_with(false).await
    }

    async fn spawn_with(workers: bool) -> Self {
        let database = fresh_database().await;
        let cluster = cluster();
        let config = Config {
            addr: "127.0.0.1:0".parse().expect("address"),
            database: Database::Options {
                admin: Box::new(cluster.options(SUPERUSER, &database)),
                app: Box::new(cluster.options("wt_app", &database)),
                service: Box::new(cluster.options("wt_service", &database)),
            },
            secure_cookies: false,
            common_passwords: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/common-passwords.txt"),
            food_data: food_data_dir(),
            workers,
            trusted_proxies: Default::default(),
            // The importer's tests serve their pages on loopback.
            fetch_policy: app::meals::recipes::import::fetch::FetchPolicy { allow_private: true },
        };
        let app = Application::build(config).await.expect("the application builds");
        let address = format!("http://{}", app.local_addr());
        tokio::spawn(app.run_until_stopped());
        let admin = admin_pool(&database).await;
        Self { address, admin }
    }

    /// A browser-like client: keeps cookies, does not follow redirects (so
    /// tests can assert them).
    pub fn client(&self) -> Client {
        // A timeout turns a hung request into a failing test instead of a stalled run.
        Client::builder()
            .cookie_store(true)
            .redirect(redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("client")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Calls a server function by its generated struct (`SignUp { .. }`),
    /// encoded as Leptos' client encodes it; answers with data and a precise status.
    pub async fn send<S>(&self, client: &Client, call: S) -> Response
    where
        S: leptos::server_fn::ServerFn + serde::Serialize,
    {
        let body = serde_qs::to_string(&call).expect("the call encodes");
        client
            .post(self.url(S::PATH))
            .header(ACCEPT, "application/json")
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("request")
    }

    /// Posts raw form fields to a server function (for malformed and hostile
    /// input, which the typed structs cannot express).
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Posts a form the way a browser without JavaScript does.
    pub async fn post_html_form(
        &self,
        client: &Client,
        endpoint: &str,
        referer: &str,
        form: &[(&str, &str)],
    ) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("text/html,application/xhtml+xml"));
        headers.insert(reqwest::header::REFERER, HeaderValue::from_str(&self.url(referer)).expect("referer"));
        client.post(self.url(&format!("/api/{endpoint}"))).headers(headers).form(form).send().await.expect("request")
    }

    /// Posts a multipart form as a browser does (`accept` tells a script's call from a form
    /// post without JavaScript): the text fields, then the `file` part; `referer` is the page
    /// the form was on.
    pub async fn upload(
        &self,
        client: &Client,
        endpoint: &str,
        fields: &[(&str, &str)],
        file: Vec<u8>,
        accept: &str,
        referer: &str,
    ) -> Response {
        let form = fields
            .iter()
            .fold(reqwest::multipart::Form::new(), |form, (name, value)| form.text(name.to_string(), value.to_string()))
            .part("file", reqwest::multipart::Part::bytes(file).file_name("upload"));
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, accept)
            .header(reqwest::header::REFERER, self.url(referer))
            .multipart(form)
            .send()
            .await
            .expect("request")
    }

    pub async fn get_html(&self, client: &Client, path: &str) -> (StatusCode, String) {
        let res = client.get(self.url(path)).send().await.expect("request");
        let status = res.status();
        (status, res.text().await.expect("body"))
    }

    /// Signs up a new household with a random email, signed in on its own client.
    pub async fn sign_up(&self, name: &str) -> SignedUp {
        let client = self.client();
        let email = format!("{}-{}@example.org", name.to_lowercase(), Uuid::new_v4().simple());
        let call = app::account::api::SignUp {
            email: email.clone(),
            password: PASSWORD.to_owned(),
            display_name: name.to_owned(),
            timezone: None,
        };
        let res = self.send(&client, call).await;
        assert!(
            res.status().is_success() || res.status().is_redirection(),
            "sign-up failed: {} {:?}",
            res.status(),
            res.text().await
        );
        let id: Uuid = sqlx::query_scalar("select id from auth.users where email = $1")
            .bind(&email)
            .fetch_one(&self.admin)
            .await
            .expect("the user exists");
        SignedUp { client, email, user_id: id }
    }

    pub async fn primary_profile(&self, user_id: Uuid) -> Uuid {
        sqlx::query_scalar("select id from wt_profiles where user_id = $1 and is_primary")
            .bind(user_id)
            .fetch_one(&self.admin)
            .await
            .expect("a primary profile")
    }
}

pub const PASSWORD: &str = "plum-orbit-canyon-42";
