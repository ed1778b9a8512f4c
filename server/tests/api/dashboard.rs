use reqwest::StatusCode;

use crate::helpers::{SignedUp, TestApp};
use app::profiles::api::{MoveTile, ReorderTiles, SaveTile};

/// The `data-module` attributes of the rendered tiles, in page order.
fn tile_modules(html: &str) -> Vec<String> {
    html.split("data-testid=\"tile\"")
        .skip(1)
        .filter_map(|chunk| chunk.split("data-module=\"").nth(1)?.split('"').next().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn the_dashboard_shows_enabled_tiles_in_tile_order_with_their_config() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Uma").await;

    let (_, html) = app.get_html(&client, "/").await;
    assert_eq!(tile_modules(&html)[..3], ["health", "workouts", "meals"]);
    assert!(html.contains("Log your first weight"), "empty state says what to do first");

    // Hide meals, move performance to the top (two moves up from 3rd), restyle health.
    let res = app
        .send(
            &client,
            SaveTile {
                module: "meals".into(),
                enabled: None,
                size: "M".into(),
                color: "emerald".into(),
                metric: "today_count".into(),
            },
        )
        .await;
    assert!(res.status().is_success());
    for _ in 0..3 {
        let res = app.send(&client, MoveTile { module: "performance".into(), direction: "up".into() }).await;
        assert!(res.status().is_success());
    }
    let res = app
        .send(
            &client,
            SaveTile {
                module: "health".into(),
                enabled: Some("on".into()),
                size: "S".into(),
                color: "violet".into(),
                metric: "sleep".into(),
            },
        )
        .await;
    assert!(res.status().is_success());

    let (status, html) = app.get_html(&client, "/").await;
    assert_eq!(status, StatusCode::OK);
    let modules = tile_modules(&html);
    assert_eq!(modules[..2], ["performance", "health"]);
    assert!(!modules.contains(&"meals".to_string()), "a disabled module has no tile");
    assert!(html.contains("data-module=\"health\" data-size=\"S\" data-color=\"violet\""), "{html}");
    assert!(html.contains("Log your first sleep"));

    let stored: serde_json::Value = sqlx::query_scalar(
        "select tile_config from wt_profile_modules m join wt_profiles p on p.id = m.profile_id \
         where p.user_id = $1 and m.module_name = 'health'",
    )
    .bind(user_id)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!(stored, serde_json::json!({"size": "S", "color": "violet", "metric": "sleep"}));
}

#[tokio::test]
async fn a_full_reorder_must_name_every_module_once() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id: _ } = app.sign_up("Vic").await;
    let res = app.send(&client, ReorderTiles { order: "health,health".into() }).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let order = "insights,daily,pantry,supplements,plans,performance,meals,workouts,health";
    let res = app.send(&client, ReorderTiles { order: order.into() }).await;
    assert!(res.status().is_success());
    let (_, html) = app.get_html(&client, "/").await;
    assert_eq!(tile_modules(&html).join(","), order);
}

#[tokio::test]
async fn tile_settings_reject_values_outside_the_palette() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id: _ } = app.sign_up("Wes").await;
    let res = app
        .send(
            &client,
            SaveTile {
                module: "health".into(),
                enabled: Some("on".into()),
                size: "XXL".into(),
                color: "plaid".into(),
                metric: "sleep".into(),
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["size"].is_string() && body["Invalid"]["color"].is_string(), "{body}");
}

#[tokio::test]
async fn each_live_tile_summarises_its_own_module_and_modules_still_to_come_say_so() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Xan").await;
    let profile = app.primary_profile(user_id).await;
    sqlx::query(
        "insert into wt_meals (profile_id, meal_date, meal_type, name) values ($1, current_date, 'breakfast', 'Porridge'), \
         ($1, current_date, 'lunch', 'Soup')",
    )
    .bind(profile)
    .execute(&app.admin)
    .await
    .unwrap();
    sqlx::query("insert into wt_pantry_items (profile_id, name, category, expiry_date) values ($1, 'Milk', 'fridge', current_date + 1)")
        .bind(profile)
        .execute(&app.admin)
        .await
        .unwrap();
    let (_, html) = app.get_html(&client, "/").await;
    let meals = html.split("data-module=\"meals\"").nth(1).unwrap();
    assert!(meals.contains(">2<") && meals.contains("Meals logged today"), "{meals}");
    let pantry = html.split("data-module=\"pantry\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(pantry.contains("1 item") && pantry.contains("expiring soon: Milk"), "{pantry}");
    // Supplements have no pages yet: their tile promises nothing.
    let supplements = html.split("data-module=\"supplements\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(supplements.contains("Supplements is coming in a later version"), "{supplements}");
    assert!(!supplements.contains("href="), "{supplements}");
}

/// Statements run in this test's database by the server's login role or as
/// a signed-in user (the worker is off; the superuser's own reads are not counted).
async fn statements_so_far(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "select coalesce(sum(calls), 0)::int8 from pg_stat_statements s \
         where s.dbid = (select oid from pg_database where datname = current_database()) \
           and s.userid in (select oid from pg_roles where rolname in ('wt_app', 'wt_service', 'authenticated', 'service_role'))",
    )
    .fetch_one(&app.admin)
    .await
    .expect("pg_stat_statements is loaded in the test cluster")
}

/// The budget for one dashboard render of a profile with every module's tile
/// on: BEGIN and the user's settings (2 statements, one round trip), the
/// viewer (1), the profile and its tiles (2), one query per live module's
/// tile (health, workouts, meals, performance, pantry: 5; modules still to
/// come cost nothing) and COMMIT (1). The session and the user come from
/// memory (either login would count here).
const DASHBOARD_STATEMENT_BUDGET: i64 = 11;

#[tokio::test]
async fn one_dashboard_render_stays_within_its_statement_budget() {
    let app = TestApp::spawn_without_workers().await;
    sqlx::query("create extension if not exists pg_stat_statements").execute(&app.admin).await.unwrap();
    let SignedUp { client, email: _, user_id: _ } = app.sign_up("Bea").await;
    // The first page after signing in loads the user into the cache.
    let (status, _) = app.get_html(&client, "/").await;
    assert_eq!(status, StatusCode::OK);

    sqlx::query("select pg_stat_statements_reset()").execute(&app.admin).await.unwrap();
    let before = statements_so_far(&app).await;
    let (status, html) = app.get_html(&client, "/").await;
    let used = statements_so_far(&app).await - before;
    let ran: Vec<(String, i64)> = sqlx::query_as(
        "select query, calls from pg_stat_statements s \
         where s.dbid = (select oid from pg_database where datname = current_database()) \
           and s.userid in (select oid from pg_roles where rolname in ('wt_app', 'wt_service', 'authenticated', 'service_role'))",
    )
    .fetch_all(&app.admin)
    .await
    .unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"tiles\""), "{html}");
    assert!(used > 0, "the render must be counted at all");
    assert!(
        used <= DASHBOARD_STATEMENT_BUDGET,
        "one dashboard render ran {used} statements; the budget is {DASHBOARD_STATEMENT_BUDGET}: {ran:#?}"
    );

    // Turning tiles off takes their queries away.
    for (module, metric) in
        [("health", "weight"), ("workouts", "week_count"), ("meals", "today_count"), ("performance", "recovery")]
    {
        let res = app
            .send(
                &client,
                SaveTile {
                    module: module.into(),
                    enabled: None,
                    size: "M".into(),
                    color: "sky".into(),
                    metric: metric.into(),
                },
            )
            .await;
        assert!(res.status().is_success(), "{module}: {}", res.status());
    }
    let before = statements_so_far(&app).await;
    let (status, _) = app.get_html(&client, "/").await;
    let used_without_live_tiles = statements_so_far(&app).await - before;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(used - used_without_live_tiles, 4, "one statement per enabled live tile");
}
