//! The Leptos route list is built once per process: building it switches
//! resource loading off process-wide while it runs (leptos issue 4773), so a
//! router built while another app in the same process renders could leave a
//! page waiting for its data forever. This builds routers over and over while
//! pages render; before the route list was cached, pages here hung.

use std::time::Duration;

use app::account::auth::CommonPasswords;
use reqwest::StatusCode;

use crate::helpers::{app_pool, service_pool, SignedUp, TestApp};

#[tokio::test]
async fn building_routers_while_pages_render_never_stalls_a_page() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id: _ } = app.sign_up("Rex").await;
    let db: String = sqlx::query_scalar("select current_database()").fetch_one(&app.admin).await.unwrap();
    let pools = server::startup::Pools { requests: app_pool(&db).await, service: service_pool(&db).await };
    let builder = tokio::task::spawn_blocking(move || {
        for _ in 0..30 {
            let _router = server::startup::router(
                &pools,
                CommonPasswords::default(),
                false,
                Default::default(),
                Default::default(),
            )
            .expect("router");
        }
    });
    for _ in 0..30 {
        let res = client.get(app.url("/")).timeout(Duration::from_secs(15)).send().await.expect("the page answers");
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.text().await.unwrap().contains("data-testid=\"tiles\""));
    }
    builder.await.unwrap();
}
