use reqwest::StatusCode;

use crate::helpers::TestApp;

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
    let (client, _, user_id) = app.sign_up("Uma").await;

    let (_, html) = app.get_html(&client, "/").await;
    assert_eq!(tile_modules(&html)[..3], ["health", "workouts", "meals"]);
    assert!(html.contains("Log your first weight"), "empty state says what to do first");

    // Hide meals, move performance to the top (two moves up from 3rd), restyle health.
    let res = app
        .call(
            &client,
            "tiles/save",
            &[("module", "meals"), ("size", "M"), ("color", "emerald"), ("metric", "today_count")],
        )
        .await;
    assert!(res.status().is_success());
    for _ in 0..3 {
        let res = app.call(&client, "tiles/move", &[("module", "performance"), ("direction", "up")]).await;
        assert!(res.status().is_success());
    }
    let res = app
        .call(
            &client,
            "tiles/save",
            &[("module", "health"), ("enabled", "on"), ("size", "S"), ("color", "violet"), ("metric", "sleep")],
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
    let (client, _, _) = app.sign_up("Vic").await;
    let res = app.call(&client, "tiles/reorder", &[("order", "health,health")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let order = "insights,daily,pantry,supplements,plans,performance,meals,workouts,health";
    let res = app.call(&client, "tiles/reorder", &[("order", order)]).await;
    assert!(res.status().is_success());
    let (_, html) = app.get_html(&client, "/").await;
    assert_eq!(tile_modules(&html).join(","), order);
}

#[tokio::test]
async fn tile_settings_reject_values_outside_the_palette() {
    let app = TestApp::spawn().await;
    let (client, _, _) = app.sign_up("Wes").await;
    let res = app
        .call(
            &client,
            "tiles/save",
            &[("module", "health"), ("enabled", "on"), ("size", "XXL"), ("color", "plaid"), ("metric", "sleep")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["size"].is_string() && body["Invalid"]["color"].is_string(), "{body}");
}

#[tokio::test]
async fn each_tile_summarises_its_own_module_tables() {
    let app = TestApp::spawn().await;
    let (client, _, user_id) = app.sign_up("Xan").await;
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
    let pantry = html.split("data-module=\"pantry\"").nth(1).unwrap();
    assert!(pantry.contains(">1<") && pantry.contains("Expiring in the next 3 days"), "{pantry}");
}
