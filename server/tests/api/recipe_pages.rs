//! Recipes, complete: tags, rating and favourite with search, the share link signed out,
//! cook mode and scaling in metric or imperial.

use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::{SignedUp, TestApp};
use crate::recipes::{create_recipe, portion_seq};
use app::meals::recipes::api::{AddIngredient, AddStep, ChangeStep, UpdateRecipe};
use app::meals::recipes::model::RecipeForm;

fn form(title: &str, tags: &str, rating: &str, favourite: bool, public: bool) -> RecipeForm {
    RecipeForm {
        title: title.into(),
        servings: "4".into(),
        grade_category: "general".into(),
        tags: tags.into(),
        rating: rating.into(),
        is_favorite: if favourite { "on".into() } else { String::new() },
        is_public: if public { "on".into() } else { String::new() },
        ..Default::default()
    }
}

async fn update(app: &TestApp, client: &reqwest::Client, id: Uuid, form: RecipeForm) -> reqwest::Response {
    app.send(client, UpdateRecipe { recipe_id: id.to_string(), form }).await
}

/// The titles in the recipe list, in order.
fn titles(html: &str) -> Vec<String> {
    let Some(list) = html.split("data-testid=\"recipes\"").nth(1) else { return Vec::new() };
    let list = list.split("</ul>").next().unwrap();
    list.split("href=\"/recipes/")
        .skip(1)
        .filter_map(|a| a.split_once('>').and_then(|(_, rest)| rest.split_once('<')).map(|(t, _)| t.to_owned()))
        .collect()
}

#[tokio::test]
async fn tags_rating_and_favourites_are_kept_searched_and_listed_first() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Sol").await;
    let soup = create_recipe(&app, &client, "Lentil soup", "4").await;
    let curry = create_recipe(&app, &client, "Chickpea curry", "4").await;
    let cake = create_recipe(&app, &client, "Carrot cake", "8").await;
    assert!(update(&app, &client, soup, form("Lentil soup", "Soup, Vegetarian , quick", "4", false, false))
        .await
        .status()
        .is_success());
    assert!(update(&app, &client, curry, form("Chickpea curry", "vegetarian, spicy", "", true, false))
        .await
        .status()
        .is_success());
    assert!(update(&app, &client, cake, form("Carrot cake", "baking", "5", false, false)).await.status().is_success());

    let (tags, rating, favourite): (Vec<String>, Option<f64>, bool) =
        sqlx::query_as("select tags, rating::float8, is_favorite from wt_recipes where id = $1")
            .bind(soup)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!((tags, rating, favourite), (vec!["soup".into(), "vegetarian".into(), "quick".into()], Some(4.0), false));

    let (_, html) = app.get_html(&client, "/recipes").await;
    assert_eq!(titles(&html)[0], "Chickpea curry", "favourites first: {:?}", titles(&html));
    assert!(html.contains("4 of 5 stars"));
    let (_, html) = app.get_html(&client, "/recipes?tag=vegetarian").await;
    assert_eq!(titles(&html), ["Chickpea curry", "Lentil soup"]);
    let (_, html) = app.get_html(&client, "/recipes?q=veg").await;
    assert_eq!(titles(&html).len(), 2, "a tag's start finds it");
    let (_, html) = app.get_html(&client, "/recipes?q=carrot").await;
    assert_eq!(titles(&html), ["Carrot cake"]);
    let (_, html) = app.get_html(&client, "/recipes?q=lentil+quick").await;
    assert_eq!(titles(&html), ["Lentil soup"], "every word, in the title or a tag");
    let (_, html) = app.get_html(&client, "/recipes?favourites=1").await;
    assert_eq!(titles(&html), ["Chickpea curry"]);
    let (_, html) = app.get_html(&client, "/recipes?q=nothing+like+it").await;
    assert!(html.contains("No recipe matches."));

    // Bad input: a sixth star and an overlong tag, message by the field, nothing changed.
    let res = update(&app, &client, soup, form("Lentil soup", &"x".repeat(41), "6", false, false)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["rating"].is_string() && body["Invalid"]["tags"].is_string(), "{body}");
    let rating: Option<f64> = sqlx::query_scalar("select rating::float8 from wt_recipes where id = $1")
        .bind(soup)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(rating, Some(4.0));

    // Another household sees none of it.
    let other = app.sign_up("Tam").await;
    let (_, html) = app.get_html(&other.client, "/recipes?tag=vegetarian").await;
    assert!(titles(&html).is_empty() && !html.contains("spicy"));
}

#[tokio::test]
async fn a_shared_recipe_reads_signed_out_without_naming_its_household() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Ulla").await;
    let id = create_recipe(&app, &client, "Ulla's secret dal", "4").await;
    let add = AddIngredient {
        recipe_id: id.to_string(),
        food_ndb_no: "16070".into(),
        quantity: "400".into(),
        unit: "g".into(),
    };
    assert!(app.send(&client, add).await.status().is_success());
    let step =
        AddStep { recipe_id: id.to_string(), instruction: "Simmer gently".into(), duration_minutes: "20".into() };
    assert!(app.send(&client, step).await.status().is_success());

    let visitor = app.client();
    let path = format!("/shared/recipes/{id}");
    let (status, _) = app.get_html(&visitor, &path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not shared yet");

    assert!(update(&app, &client, id, form("Ulla's secret dal", "dal", "5", true, true)).await.status().is_success());
    let (_, page) = app.get_html(&client, &format!("/recipes/{id}")).await;
    assert!(page.contains(&path), "the recipe page gives the link");

    let (status, html) = app.get_html(&visitor, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ulla&#x27;s secret dal") || html.contains("Ulla's secret dal"));
    assert!(html.contains("Lentils, mature seeds") && html.contains("Simmer gently"));
    assert!(!html.contains("Favourite"), "the household's favourite is its own");
    assert!(!html.contains("Sign out") && !html.contains("Viewing:"), "no account, no household");
    let (_, scaled) = app.get_html(&visitor, &format!("{path}?servings=8&units=imperial")).await;
    assert!(scaled.contains("1 ¾ lb"), "800 g in pounds");

    // The JSON endpoint answers the same, without any author.
    let res = app.call(&visitor, "shared/recipe", &[("recipe_id", &id.to_string())]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.unwrap();
    assert!(!body.contains("Ulla\"") && !body.contains("profile"), "{body}");

    // Unshared again: gone for visitors; a made-up id is a 404 too.
    assert!(update(&app, &client, id, form("Ulla's secret dal", "dal", "5", true, false)).await.status().is_success());
    assert_eq!(app.get_html(&visitor, &path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get_html(&visitor, &format!("/shared/recipes/{}", Uuid::new_v4())).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get_html(&visitor, "/shared/recipes/not-an-id").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cook_mode_lists_the_steps_with_their_times_and_amounts_scale() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Vik").await;
    let id = create_recipe(&app, &client, "Dal", "4").await;
    let cup = portion_seq(&app, "16070", "cup").await;
    let add = AddIngredient { recipe_id: id.to_string(), food_ndb_no: "16070".into(), quantity: "2".into(), unit: cup };
    assert!(app.send(&client, add).await.status().is_success());
    for (text, minutes) in [("Rinse the lentils", ""), ("Simmer until soft", "25")] {
        let step = AddStep { recipe_id: id.to_string(), instruction: text.into(), duration_minutes: minutes.into() };
        assert!(app.send(&client, step).await.status().is_success());
    }
    let (status, html) = app.get_html(&client, &format!("/recipes/{id}/cook")).await;
    assert_eq!(status, StatusCode::OK);
    let steps = html.split("data-testid=\"step-list\"").nth(1).expect("every step listed without JavaScript");
    assert!(steps.find("Rinse the lentils").unwrap() < steps.find("Simmer until soft").unwrap());
    assert!(steps.contains("25 minutes"));

    // Scaled on the recipe page: for 2 servings in US units, 1 cup weighing 7 oz; metric, ml and grams.
    let (_, html) = app.get_html(&client, &format!("/recipes/{id}?servings=2&units=imperial")).await;
    assert!(html.contains("1 cup (7 oz)"), "{}", html.split("data-testid=\"ingredients\"").nth(1).unwrap_or(""));
    let (_, html) = app.get_html(&client, &format!("/recipes/{id}?servings=8&units=metric")).await;
    assert!(html.contains("946 ml (792 g)"));
    let (_, html) = app.get_html(&client, &format!("/recipes/{id}?servings=lots")).await;
    assert!(html.contains(">2 cup<") && html.contains(" (396 g)"), "a bad number shows the recipe as written");

    let other = app.sign_up("Wren").await;
    assert_eq!(app.get_html(&other.client, &format!("/recipes/{id}/cook")).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn steps_are_edited_moved_and_removed_and_only_by_their_household() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Xan").await;
    let id = create_recipe(&app, &client, "Flatbread", "4").await;
    for text in ["Mix", "Knead", "Bake"] {
        let step = AddStep { recipe_id: id.to_string(), instruction: text.into(), duration_minutes: "".into() };
        assert!(app.send(&client, step).await.status().is_success());
    }
    let steps = || async {
        sqlx::query_as::<_, (i32, String, Option<i32>)>(
            "select step_number, instruction, duration_minutes from wt_recipe_steps where recipe_id = $1 order by step_number",
        )
        .bind(id)
        .fetch_all(&app.admin)
        .await
        .unwrap()
    };
    let change = |n: &str, action: &str, text: &str, minutes: &str| ChangeStep {
        recipe_id: id.to_string(),
        step_number: n.into(),
        action: action.into(),
        instruction: text.into(),
        duration_minutes: minutes.into(),
    };
    assert!(app.send(&client, change("3", "up", "", "")).await.status().is_success());
    assert!(app.send(&client, change("1", "edit", "Mix the dough", "5")).await.status().is_success());
    let now = steps().await;
    assert_eq!(
        now,
        [(1, "Mix the dough".into(), Some(5)), (2, "Bake".into(), None), (3, "Knead".into(), None)],
        "numbered anew in their order"
    );
    assert!(app.send(&client, change("2", "remove", "", "")).await.status().is_success());
    assert_eq!(steps().await.iter().map(|s| s.0).collect::<Vec<_>>(), [1, 2]);

    let res = app.send(&client, change("1", "edit", "", "99999")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["instruction"].is_string() && body["Invalid"]["duration_minutes"].is_string());
    assert_eq!(app.send(&client, change("7", "up", "", "")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.send(&client, change("x", "up", "", "")).await.status(), StatusCode::NOT_FOUND);

    let other = app.sign_up("Yuki").await;
    assert_eq!(app.send(&other.client, change("1", "remove", "", "")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(steps().await.len(), 2, "another household changed nothing");
}

#[tokio::test]
async fn a_long_library_is_listed_a_page_at_a_time() {
    let app = TestApp::spawn().await;
    let SignedUp { client, user_id, .. } = app.sign_up("Pia").await;
    let profile = app.primary_profile(user_id).await;
    // 50 recipes, "Recipe 01" changed first … "Recipe 50" last (listed first).
    sqlx::query(
        "insert into wt_recipes (profile_id, title, servings, source_type, updated_at) \
         select $1, format('Recipe %s', lpad(n::text, 2, '0')), 2, 'manual', now() - (50 - n) * interval '1 minute' \
         from generate_series(1, 50) n",
    )
    .bind(profile)
    .execute(&app.admin)
    .await
    .unwrap();
    let (_, html) = app.get_html(&client, "/recipes").await;
    let first = titles(&html);
    assert_eq!(first.len(), 48);
    assert_eq!((first[0].as_str(), first[47].as_str()), ("Recipe 50", "Recipe 03"));
    assert!(html.contains("href=\"/recipes?page=2\"") && html.contains("More recipes"), "a next page");
    assert!(!html.contains("Previous recipes"));
    let (_, html) = app.get_html(&client, "/recipes?page=2").await;
    assert_eq!(titles(&html), ["Recipe 02", "Recipe 01"]);
    assert!(html.contains("href=\"/recipes?page=1\"") && !html.contains("More recipes"));
    // A search keeps its words from page to page.
    let (_, html) = app.get_html(&client, "/recipes?q=recipe").await;
    assert!(html.contains("href=\"/recipes?page=2&amp;q=recipe\""), "the search goes along");
    // Past the end: an empty page that says so; nonsense or far pages: the first.
    let (status, html) = app.get_html(&client, "/recipes?page=3").await;
    assert_eq!(status, StatusCode::OK);
    assert!(titles(&html).is_empty() && html.contains("No more recipes."));
    for page in ["abc", "0", "-1", "99999999999999999999", "1e3"] {
        let (status, html) = app.get_html(&client, &format!("/recipes?page={page}")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(titles(&html).len(), 48, "{page}");
    }
}
