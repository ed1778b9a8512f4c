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

/// Posts `file` (and `url`) to the upload endpoint as a browser's multipart form does;
/// `accept` says whether it is a plain form post (`text/html`) or a script (JSON).
async fn upload(app: &TestApp, client: &reqwest::Client, file: Vec<u8>, accept: &str) -> reqwest::Response {
    app.upload(client, "recipes/import/upload", &[("url", "")], file, accept, "/recipes").await
}

/// A photo of a printed recipe card: rendered by Chromium from `fixtures/recipe-card.html`
/// (see the comment there), committed so this test needs no browser.
const CARD_PHOTO: &[u8] = include_bytes!("../fixtures/recipe-card.png");

#[tokio::test]
async fn an_uploaded_saved_page_becomes_a_recipe_as_a_pasted_one_does() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Ula").await;
    let res = upload(&app, &client, PAGE.as_bytes().to_vec(), "text/html").await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let id = recipe_by_title(&app, "Weeknight Dal").await;
    let location = res.headers()[reqwest::header::LOCATION].to_str().unwrap().to_owned();
    assert_eq!(location, format!("/recipes/{id}"), "the new recipe opens");
    let lines: i64 = sqlx::query_scalar("select count(*) from wt_recipe_ingredients where recipe_id = $1")
        .bind(id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(lines, 4);
}

#[tokio::test]
async fn a_photo_of_a_printed_recipe_is_read_by_ocr_into_a_draft() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Vera").await;
    let res = upload(&app, &client, CARD_PHOTO.to_vec(), "application/json").await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}: {:?}", res.status(), res.text().await);
    let (id, servings, source_type): (Uuid, Option<i32>, String) =
        sqlx::query_as("select id, servings, source_type::text from wt_recipes").fetch_one(&app.admin).await.unwrap();
    assert_eq!((servings, source_type.as_str()), (Some(4), "ocr"));
    let title: String = sqlx::query_scalar("select title from wt_recipes").fetch_one(&app.admin).await.unwrap();
    assert!(title.to_lowercase().contains("lentil soup"), "{title}");
    let ingredients: Vec<(String, Option<String>)> = sqlx::query_as(
        "select ingredient_name, food_ndb_no from wt_recipe_ingredients where recipe_id = $1 order by sort_order",
    )
    .bind(id)
    .fetch_all(&app.admin)
    .await
    .unwrap();
    assert_eq!(ingredients.len(), 4, "{ingredients:?}");
    assert!(ingredients[0].0.to_lowercase().contains("lentils") && ingredients[0].1.is_some(), "{ingredients:?}");
    let steps: Vec<Option<i32>> =
        sqlx::query_scalar("select duration_minutes from wt_recipe_steps where recipe_id = $1 order by step_number")
            .bind(id)
            .fetch_all(&app.admin)
            .await
            .unwrap();
    assert_eq!(steps, [Some(10), Some(20), None], "three steps, timers from their text");
}

#[tokio::test]
async fn bad_uploads_are_refused_next_to_the_field_before_any_work() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Wim").await;
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bomb.extend(50_000u32.to_be_bytes());
    bomb.extend(50_000u32.to_be_bytes());
    bomb.extend([8, 0, 0, 0, 0]);
    let mut large = CARD_PHOTO.to_vec();
    large.resize(app::media::logic::MAX_IMAGE_BYTES + 1, 0);
    for (file, expected) in [
        (b"just some words".to_vec(), "saved web page"),
        (Vec::new(), "Choose a saved web page or a photo"),
        (bomb, "megapixels"),
        (large, "larger than 5 MB"),
        (format!("<p>{}", "a".repeat(app::meals::recipes::import::MAX_PAGE_BYTES)).into_bytes(), "larger than 2 MB"),
        (b"\xFF\xD8\xFF\xE0\0\x10".to_vec(), "JPEG or PNG"),
    ] {
        let res = upload(&app, &client, file, "application/json").await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{expected}");
        let body: serde_json::Value = res.json().await.unwrap();
        let message = body["Invalid"]["file"].as_str().unwrap_or_default().to_owned();
        assert!(message.contains(expected), "{expected}: {body}");
    }
    // Without JavaScript the message comes back on the recipes page, next to the field.
    let res = upload(&app, &client, b"plain text".to_vec(), "text/html").await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let (_, html) = app.get_html(&client, "/recipes").await;
    assert!(html.contains("Choose a saved web page (.html) or a photo (JPEG or PNG)."), "{html}");
    // Not multipart (a script's mistake): refused before anything reads it.
    let res = app.call(&client, "recipes/import/upload", &[("file", "<html>")]).await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Past the importer's body limit: refused by size, unread.
    let res = upload(&app, &client, vec![b'<'; 7 * 1024 * 1024], "application/json").await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Signed out: refused before the file is read.
    let res = upload(&app, &app.client(), CARD_PHOTO.to_vec(), "application/json").await;
    assert!(matches!(res.status(), StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN), "{}", res.status());
    let recipes: i64 = sqlx::query_scalar("select count(*) from wt_recipes").fetch_one(&app.admin).await.unwrap();
    assert_eq!(recipes, 0, "nothing saved");
}
