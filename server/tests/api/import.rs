//! The recipe importer over HTTP: pasted pages, fetched pages (served on loopback, which the
//! test server's policy allows; the refusal of private addresses is unit-tested in
//! `import::fetch`), the JSON endpoint, bad input, and proposals to confirm.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::{SignedUp, TestApp};
use app::meals::recipes::api::{ConfirmIngredient, ImportRecipe, ParseRecipe};

/// A recipe page in the shape recipe sites use (written for this test).
const PAGE: &str = r#"<!doctype html><html><head><title>Dal | Test Kitchen</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Recipe",
 "name":"Weeknight Dal","description":"Red lentils with spices.","recipeYield":"4 servings",
 "prepTime":"PT10M","cookTime":"PT30M","keywords":"dinner, vegan",
 "recipeIngredient":["200 g lentils","1 medium onion, chopped","2 tbsp olive oil","salt to taste"],
 "recipeInstructions":[{"@type":"HowToStep","text":"Fry the onion in the oil for 5 minutes."},
   {"@type":"HowToStep","text":"Add the lentils and 1 litre of water; simmer for 25 minutes."}]}
</script></head><body><nav>Home · Recipes</nav><h1>Weeknight Dal</h1></body></html>"#;

async fn recipe_by_title(app: &TestApp, title: &str) -> Uuid {
    sqlx::query_scalar("select id from wt_recipes where title = $1").bind(title).fetch_one(&app.admin).await.unwrap()
}

#[tokio::test]
async fn a_pasted_page_becomes_a_recipe_whose_foods_are_proposed_then_confirmed() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Ivo").await;
    let res = app.send(&client, ImportRecipe { url: "".into(), html: PAGE.into() }).await;
    assert!(res.status().is_success(), "{}", res.status());
    let id = recipe_by_title(&app, "Weeknight Dal").await;
    let (servings, prep, source_type, tags): (i32, i32, String, Vec<String>) =
        sqlx::query_as("select servings, prep_time_min, source_type::text, tags from wt_recipes where id = $1")
            .bind(id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!((servings, prep, source_type.as_str()), (4, 10, "manual"));
    assert_eq!(tags, ["dinner", "vegan"]);
    let steps: Vec<(i32, Option<i32>)> =
        sqlx::query_as("select step_number, duration_minutes from wt_recipe_steps where recipe_id = $1 order by 1")
            .bind(id)
            .fetch_all(&app.admin)
            .await
            .unwrap();
    assert_eq!(steps, [(1, Some(5)), (2, Some(25))]);
    let rows: Vec<(String, Option<f64>, Option<String>, Option<String>, Option<f64>, bool)> = sqlx::query_as(
        "select i.ingredient_name, i.quantity::float8, i.unit, f.description, i.grams::float8, i.food_confirmed \
         from wt_recipe_ingredients i left join food.foods f on f.ndb_no = i.food_ndb_no \
         where i.recipe_id = $1 order by i.sort_order",
    )
    .bind(id)
    .fetch_all(&app.admin)
    .await
    .unwrap();
    assert_eq!(rows.len(), 4, "{rows:?}");
    let (name, quantity, unit, food, grams, confirmed) = &rows[0];
    assert_eq!(
        (name.as_str(), *quantity, unit.as_deref(), *grams, *confirmed),
        ("lentils", Some(200.0), Some("g"), Some(200.0), false)
    );
    assert!(food.as_deref().is_some_and(|f| f.to_lowercase().contains("lentils")), "{food:?}");
    assert!(rows[1].3.as_deref().is_some_and(|f| f.starts_with("Onions")), "{:?}", rows[1]);
    assert!(rows[1].4.is_some_and(|g| g > 50.0 && g < 200.0), "one medium onion, by its measure: {:?}", rows[1]);
    assert!(rows[2].4.is_some_and(|g| (25.0..30.0).contains(&g)), "2 tbsp of an oil by its density: {:?}", rows[2]);

    let (_, html) = app.get_html(&client, &format!("/recipes/{id}")).await;
    assert_eq!(html.matches("data-testid=\"proposed\"").count(), rows.iter().filter(|r| r.3.is_some()).count());
    let first: Uuid =
        sqlx::query_scalar("select id from wt_recipe_ingredients where recipe_id = $1 and sort_order = 1")
            .bind(id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    let res =
        app.send(&client, ConfirmIngredient { recipe_id: id.to_string(), ingredient_id: first.to_string() }).await;
    assert!(res.status().is_success());
    let confirmed: bool = sqlx::query_scalar("select food_confirmed from wt_recipe_ingredients where id = $1")
        .bind(first)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert!(confirmed);
    // Another household cannot confirm, nor see, this recipe's ingredients.
    let other = app.sign_up("Jan").await;
    let second: Uuid =
        sqlx::query_scalar("select id from wt_recipe_ingredients where recipe_id = $1 and sort_order = 2")
            .bind(id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    let res = app
        .send(&other.client, ConfirmIngredient { recipe_id: id.to_string(), ingredient_id: second.to_string() })
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let still: bool = sqlx::query_scalar("select food_confirmed from wt_recipe_ingredients where id = $1")
        .bind(second)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert!(!still);
}

/// Serves `PAGE` at /dal, and /old redirects there; counts requests.
async fn recipe_site() -> (String, Arc<AtomicUsize>) {
    use axum::response::{Html, Redirect};
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    let router = axum::Router::new()
        .route("/dal", axum::routing::get(|| async { Html(PAGE) }))
        .route("/old", axum::routing::get(|| async { Redirect::temporary("/dal") }))
        .route("/loop", axum::routing::get(|| async { Redirect::temporary("/loop") }))
        .route("/image", axum::routing::get(|| async { ([("content-type", "image/png")], "png") }))
        .layer(axum::middleware::from_fn(move |req, next: axum::middleware::Next| {
            counted.fetch_add(1, Ordering::SeqCst);
            async move { next.run(req).await }
        }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (base, hits)
}

#[tokio::test]
async fn a_recipe_url_is_fetched_following_a_redirect_and_keeps_its_source() {
    let app = TestApp::spawn().await;
    let (site, hits) = recipe_site().await;
    // Signed out: refused before any fetch.
    let res = app.send(&app.client(), ImportRecipe { url: format!("{site}/dal"), html: "".into() }).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(hits.load(Ordering::SeqCst), 0, "nothing is fetched for a caller who is not signed in");

    let SignedUp { client, .. } = app.sign_up("Kim").await;
    let res = app.send(&client, ImportRecipe { url: format!("{site}/old"), html: "".into() }).await;
    assert!(res.status().is_success(), "{}", res.status());
    let (source_type, source_url): (String, Option<String>) =
        sqlx::query_as("select source_type::text, source_url from wt_recipes where title = 'Weeknight Dal'")
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!((source_type.as_str(), source_url), ("url", Some(format!("{site}/dal"))));

    for (path, message) in [("/loop", "redirected too many times"), ("/image", "not a web page"), ("/missing", "(404)")]
    {
        let res = app.send(&client, ImportRecipe { url: format!("{site}{path}"), html: "".into() }).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(body["Invalid"]["url"].as_str().is_some_and(|m| m.contains(message)), "{path}: {body}");
    }
}

#[tokio::test]
async fn the_json_endpoint_answers_the_draft_and_its_lines_without_saving() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Lou").await;
    let res = app.send(&client, ParseRecipe { url: "".into(), html: PAGE.into() }).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["draft"]["title"], "Weeknight Dal");
    assert_eq!(body["draft"]["servings"], 4);
    assert_eq!(body["lines"][0]["quantity"], 200.0);
    assert!(body["lines"][1]["food"].as_str().is_some_and(|f| f.ends_with("onion")), "{body}");
    assert_eq!(body["lines"][3]["quantity"], serde_json::Value::Null, "salt to taste");
    let count: i64 = sqlx::query_scalar("select count(*) from wt_recipes").fetch_one(&app.admin).await.unwrap();
    assert_eq!(count, 0, "nothing is saved");
}

#[tokio::test]
async fn bad_or_empty_input_gets_a_message_and_a_page_without_a_recipe_a_draft() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Mo").await;
    let field = |body: &serde_json::Value, name: &str| body["Invalid"][name].as_str().map(str::to_owned);
    for (url, html, name) in [
        ("", "", "url"),
        ("ftp://example.org/recipe", "", "url"),
        ("http://", "", "url"),
        ("", &*"a".repeat(app::meals::recipes::import::MAX_PAGE_BYTES + 1), "html"),
    ] {
        let res = app.send(&client, ImportRecipe { url: url.into(), html: html.into() }).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{url:?}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(field(&body, name).is_some(), "{name}: {body}");
    }
    // Past the importer's body limit: refused by size.
    let res = app.call(&client, "recipes/import", &[("url", ""), ("html", &"<p>".repeat(3 * 1024 * 1024))]).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Any other endpoint keeps the small limit.
    let res = app.call(&client, "recipes/create", &[("title", &"a".repeat(100 * 1024))]).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // A page without a recipe is still a draft to fill in, not an error page.
    let res = app
        .send(&client, ImportRecipe { url: "".into(), html: "<html><body>No recipe here</body></html>".into() })
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let titles: Vec<String> = sqlx::query_scalar("select title from wt_recipes").fetch_all(&app.admin).await.unwrap();
    assert_eq!(titles, ["Imported recipe"]);
}
