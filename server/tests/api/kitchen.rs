//! One family meal on different plates: cooking a recipe for several profiles, the pantry
//! going down, leftovers kept, eaten and thrown away, and "use it up".

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::accounts::profile;
use crate::helpers::{SignedUp, TestApp};
use crate::recipes::{create_recipe, portion_seq};
use app::meals::recipes::api::AddIngredient;
use app::meals::recipes::logic::portion_field;
use app::pantry::api::{AddPantryItem, LinkPantryFood};
use app::pantry::logic::PantryItemForm;
use app::profiles::api::CreateProfile;

fn in_days(days: i64) -> String {
    (Utc::now().date_naive() + Duration::days(days)).to_string()
}

async fn stock(app: &TestApp, client: &reqwest::Client, name: &str, quantity: &str, unit: &str, expiry: &str) {
    let form = PantryItemForm {
        name: name.into(),
        location: "cupboard".into(),
        quantity: quantity.into(),
        unit: unit.into(),
        expiry_date: expiry.into(),
        ..Default::default()
    };
    let res = app.send(client, AddPantryItem { form }).await;
    assert!(res.status().is_success(), "{name}: {}", res.status());
}

async fn add_food(app: &TestApp, client: &reqwest::Client, recipe: Uuid, food: &str, quantity: &str, unit: &str) {
    let call = AddIngredient {
        recipe_id: recipe.to_string(),
        food_ndb_no: food.into(),
        quantity: quantity.into(),
        unit: unit.into(),
    };
    let res = app.send(client, call).await;
    assert!(res.status().is_success(), "{food}: {}", res.status());
}

async fn child_of(app: &TestApp, client: &reqwest::Client, user_id: Uuid, name: &str) -> Uuid {
    app.send(client, CreateProfile { form: profile(name) }).await;
    sqlx::query_scalar("select id from wt_profiles where user_id = $1 and display_name = $2")
        .bind(user_id)
        .bind(name)
        .fetch_one(&app.admin)
        .await
        .unwrap()
}

/// The cook form as a browser posts it: `portions[<profile id>]` per person.
fn cook_form(recipe: Uuid, made: &str, portions: &[(Uuid, &str)]) -> Vec<(String, String)> {
    let mut form = vec![
        ("recipe_id".to_owned(), recipe.to_string()),
        ("servings_made".to_owned(), made.to_owned()),
        ("meal_type".to_owned(), "dinner".to_owned()),
        ("meal_date".to_owned(), String::new()),
        ("leftover_location".to_owned(), "fridge".to_owned()),
        ("leftover_expiry".to_owned(), String::new()),
        ("deduct".to_owned(), "on".to_owned()),
    ];
    form.extend(portions.iter().map(|(id, s)| (portion_field(*id), s.to_string())));
    form
}

async fn post(app: &TestApp, client: &reqwest::Client, endpoint: &str, form: &[(String, String)]) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(client, endpoint, &fields).await
}

async fn meals_of(app: &TestApp, profile: Uuid) -> Vec<(String, f64, Option<f64>)> {
    sqlx::query_as(
        "select m.name, m.servings_consumed::float8, \
           (select b.amount::float8 from wt_meal_nutrient_breakdown b join wt_nutrients n on n.id = b.nutrient_id \
            where b.meal_id = m.id and n.name = 'Energy') \
         from wt_meals m where m.profile_id = $1 order by m.created_at",
    )
    .bind(profile)
    .fetch_all(&app.admin)
    .await
    .unwrap()
}

async fn pantry(app: &TestApp, name: &str) -> (Option<f64>, bool) {
    sqlx::query_as("select quantity::float8, is_available from wt_pantry_items where name = $1")
        .bind(name)
        .fetch_one(&app.admin)
        .await
        .unwrap()
}

/// A household with a lentil stew for 4 (2 cups of lentils, 150 g of onions), lentils and
/// onions in the pantry, and a child profile.
async fn household_with_stew(app: &TestApp, name: &str) -> (SignedUp, Uuid, Uuid, Uuid) {
    let household = app.sign_up(name).await;
    let parent = app.primary_profile(household.user_id).await;
    let child = child_of(app, &household.client, household.user_id, &format!("{name} junior")).await;
    let recipe = create_recipe(app, &household.client, "Lentil stew", "4").await;
    let cup = portion_seq(app, "16070", "cup").await;
    add_food(app, &household.client, recipe, "16070", "2", &cup).await;
    add_food(app, &household.client, recipe, "11282", "150", "g").await;
    stock(app, &household.client, "Lentils", "1", "kg", &in_days(200)).await;
    stock(app, &household.client, "Onions", "100", "g", &in_days(10)).await;
    (household, parent, child, recipe)
}

#[tokio::test]
async fn cooking_for_two_profiles_logs_each_plate_takes_from_the_pantry_and_keeps_the_leftover() {
    let app = TestApp::spawn().await;
    let (SignedUp { client, .. }, parent, child, recipe) = household_with_stew(&app, "Noor").await;

    // The check before cooking, for 4 servings: lentils in stock, 50 g of onions missing.
    let (status, html) = app.get_html(&client, &format!("/recipes/{recipe}/cooked?servings=4")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("50 g missing"), "{html}");
    assert!(html.contains("from Lentils"));
    assert!(html.contains(&portion_field(child)), "a portion field per profile");

    let res = post(&app, &client, "recipes/cook", &cook_form(recipe, "4", &[(parent, "1.5"), (child, "1/2")])).await;
    assert!(res.status().is_success(), "{}: {:?}", res.status(), res.text().await);

    // Each plate on its own profile, the child's half portion a third of the parent's 1.5.
    let (mine, theirs) = (meals_of(&app, parent).await, meals_of(&app, child).await);
    assert_eq!((mine.len(), theirs.len()), (1, 1));
    assert_eq!((mine[0].0.as_str(), mine[0].1, theirs[0].1), ("Lentil stew", 1.5, 0.5));
    let (kcal_parent, kcal_child) = (mine[0].2.unwrap(), theirs[0].2.unwrap());
    assert!((kcal_parent - 3.0 * kcal_child).abs() < 1e-6, "{kcal_parent} vs {kcal_child}");

    // 2 cups of lentils are 396 g (SR28's own cup); the onions are used up.
    let (lentils, available) = pantry(&app, "Lentils").await;
    assert!((lentils.unwrap() - 0.604).abs() < 1e-9 && available, "{lentils:?}");
    assert_eq!(pantry(&app, "Onions").await, (Some(0.0), false));

    // Two servings left, in the fridge, to eat within USDA's 3 days.
    let (left, unit, location, stored, expiry, source): (
        f64,
        String,
        String,
        chrono::NaiveDate,
        chrono::NaiveDate,
        Uuid,
    ) = sqlx::query_as(
        "select quantity::float8, unit, location::text, stored_date, expiry_date, source_recipe_id from wt_leftovers",
    )
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!((left, unit.as_str(), location.as_str(), source), (2.0, "servings", "fridge", recipe));
    assert_eq!((expiry - stored).num_days(), 3);
    let (status, html) = app.get_html(&client, "/leftovers").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Lentil stew") && html.contains("2 servings") && html.contains("Fridge"), "{html}");

    // The child eats one serving tomorrow's lunch (today here): logged on the child, one left.
    let leftover: Uuid = sqlx::query_scalar("select id from wt_leftovers").fetch_one(&app.admin).await.unwrap();
    let eat = |servings: &str| {
        vec![
            ("leftover_id".to_owned(), leftover.to_string()),
            ("profile_id".to_owned(), child.to_string()),
            ("servings".to_owned(), servings.to_owned()),
            ("meal_type".to_owned(), "lunch".to_owned()),
            ("meal_date".to_owned(), String::new()),
        ]
    };
    let res = post(&app, &client, "leftovers/eat", &eat("1")).await;
    assert!(res.status().is_success(), "{}", res.status());
    let theirs = meals_of(&app, child).await;
    assert_eq!(theirs.len(), 2);
    assert!((theirs[1].2.unwrap() - 2.0 * kcal_child).abs() < 1e-6, "one serving with the recipe's nutrition");
    let res = post(&app, &client, "leftovers/eat", &eat("2")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["Invalid"]["servings"], "Enter how much was eaten, at most the 1 left.");
    assert_eq!(meals_of(&app, child).await.len(), 2, "nothing logged");

    let res = app.call(&client, "leftovers/discard", &[("leftover_id", &leftover.to_string())]).await;
    assert!(res.status().is_success());
    let (quantity, consumed): (f64, bool) =
        sqlx::query_as("select quantity::float8, is_consumed from wt_leftovers").fetch_one(&app.admin).await.unwrap();
    assert_eq!((quantity, consumed), (1.0, true), "thrown away, the amount kept for history");
    let (_, html) = app.get_html(&client, "/leftovers").await;
    assert!(html.contains("No leftovers"));
}

#[tokio::test]
async fn bad_cooks_say_which_field_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (SignedUp { client, .. }, parent, child, recipe) = household_with_stew(&app, "Oren").await;
    let res = post(&app, &client, "recipes/cook", &cook_form(recipe, "2", &[(parent, "2"), (child, "1")])).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["Invalid"]["portions"], "The portions add up to 3, more than the 2 made.");
    let mut form = cook_form(recipe, "4", &[(parent, "lots")]);
    for (k, v) in form.iter_mut() {
        if k == "leftover_location" {
            *v = "garage".into();
        }
    }
    let res = post(&app, &client, "recipes/cook", &form).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"][portion_field(parent)].is_string(), "{body}");
    // Without JavaScript the browser comes back to the page with the message by the field.
    let fields: Vec<(String, String)> = cook_form(recipe, "2", &[(parent, "3")]);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let page = format!("/recipes/{recipe}/cooked");
    let res = app.post_html_form(&client, "recipes/cook", &page, &fields).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let (_, html) = app.get_html(&client, &page).await;
    assert!(html.contains("more than the 2 made"), "{html}");
    assert!(meals_of(&app, parent).await.is_empty() && meals_of(&app, child).await.is_empty());
    assert_eq!(pantry(&app, "Onions").await, (Some(100.0), true), "the pantry is untouched");
    let count: i64 = sqlx::query_scalar("select count(*) from wt_leftovers").fetch_one(&app.admin).await.unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn another_household_can_neither_cook_with_our_ids_nor_touch_our_leftovers() {
    let app = TestApp::spawn().await;
    let (SignedUp { client, .. }, parent, child, recipe) = household_with_stew(&app, "Pax").await;
    let res = post(&app, &client, "recipes/cook", &cook_form(recipe, "4", &[(parent, "1")])).await;
    assert!(res.status().is_success());
    let leftover: Uuid = sqlx::query_scalar("select id from wt_leftovers").fetch_one(&app.admin).await.unwrap();

    let other = app.sign_up("Quill").await;
    let theirs = create_recipe(&app, &other.client, "Their soup", "2").await;
    let (status, _) = app.get_html(&other.client, &format!("/recipes/{recipe}/cooked")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let res = post(&app, &other.client, "recipes/cook", &cook_form(recipe, "4", &[])).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "our recipe");
    // Their own recipe, with a plate put on our child's profile: refused, nothing written.
    let res = post(&app, &other.client, "recipes/cook", &cook_form(theirs, "2", &[(child, "1")])).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let eat = [
        ("leftover_id", leftover.to_string()),
        ("profile_id", app.primary_profile(other.user_id).await.to_string()),
        ("servings", "1".to_owned()),
        ("meal_type", "lunch".to_owned()),
    ];
    let eat: Vec<(&str, &str)> = eat.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&other.client, "leftovers/eat", &eat).await.status(), StatusCode::NOT_FOUND);
    let res = app.call(&other.client, "leftovers/discard", &[("leftover_id", &leftover.to_string())]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app.call(&other.client, "leftovers/discard", &[("leftover_id", "not-an-id")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let (quantity, consumed): (f64, bool) =
        sqlx::query_as("select quantity::float8, is_consumed from wt_leftovers").fetch_one(&app.admin).await.unwrap();
    assert_eq!((quantity, consumed), (3.0, false), "our leftover is untouched");
    let meals: i64 = sqlx::query_scalar("select count(*) from wt_meals").fetch_one(&app.admin).await.unwrap();
    assert_eq!(meals, 1, "only our own plate");
    let (_, html) = app.get_html(&other.client, "/leftovers").await;
    assert!(!html.contains("Lentil stew"), "another household's leftovers are not listed");
    let (_, html) = app.get_html(&other.client, "/use-it-up").await;
    assert!(!html.contains("Lentils") && !html.contains("Lentil stew"));
}

#[tokio::test]
async fn use_it_up_ranks_the_recipes_that_use_what_expires() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Rafa").await;
    let spinach_omelette = create_recipe(&app, &client, "Spinach omelette", "2").await;
    add_food(&app, &client, spinach_omelette, "01123", "200", "g").await;
    add_food(&app, &client, spinach_omelette, "11457", "100", "g").await;
    let plain = create_recipe(&app, &client, "Plain omelette", "2").await;
    add_food(&app, &client, plain, "01123", "200", "g").await;
    let unrelated = create_recipe(&app, &client, "Lentil salad", "2").await;
    add_food(&app, &client, unrelated, "16070", "200", "g").await;
    stock(&app, &client, "Spinach", "200", "g", &in_days(2)).await;
    stock(&app, &client, "Eggs", "6", "", &in_days(20)).await;
    stock(&app, &client, "Old yoghurt", "1", "", &in_days(-1)).await;

    let (status, html) = app.get_html(&client, "/use-it-up").await;
    assert_eq!(status, StatusCode::OK);
    let suggestions = html.split("data-testid=\"suggestions\"").nth(1).expect("suggestions");
    let first = suggestions.find("Spinach omelette").expect("spinach omelette");
    let second = suggestions.find("Plain omelette").expect("plain omelette");
    assert!(first < second, "the recipe using the expiring spinach first");
    assert!(suggestions.contains("uses Spinach"));
    assert!(!suggestions.contains("Lentil salad"), "nothing of it in stock");
    let expiring = html.split("data-testid=\"expiring\"").nth(1).unwrap();
    assert!(expiring.contains("Spinach") && expiring.contains("Old yoghurt") && expiring.contains("Expired"));
    assert!(!expiring.split("</ul>").next().unwrap().contains(">Eggs<"), "eggs keep for weeks");
}

#[tokio::test]
async fn an_item_linked_to_the_recipes_food_is_cooked_from_first_whatever_it_is_called() {
    let app = TestApp::spawn().await;
    let SignedUp { client, user_id, .. } = app.sign_up("Dara").await;
    let parent = app.primary_profile(user_id).await;
    let recipe = create_recipe(&app, &client, "Dal", "2").await;
    add_food(&app, &client, recipe, "16070", "200", "g").await;
    // "Lentils" matches by its words and expires sooner; "Masoor" is linked to the recipe's food.
    stock(&app, &client, "Lentils", "1", "kg", &in_days(10)).await;
    stock(&app, &client, "Masoor", "500", "g", &in_days(100)).await;
    let masoor: Uuid =
        sqlx::query_scalar("select id from wt_pantry_items where name = 'Masoor'").fetch_one(&app.admin).await.unwrap();
    let res = app.send(&client, LinkPantryFood { item_id: masoor.to_string(), food_ndb_no: "16070".into() }).await;
    assert!(res.status().is_success(), "{}", res.status());

    let (_, check) = app.get_html(&client, &format!("/recipes/{recipe}/cooked?servings=2")).await;
    assert!(check.contains("from Masoor") && !check.contains("from Lentils"), "{check}");
    let res = post(&app, &client, "recipes/cook", &cook_form(recipe, "2", &[(parent, "2")])).await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(pantry(&app, "Masoor").await, (Some(300.0), true), "the same food is taken");
    assert_eq!(pantry(&app, "Lentils").await, (Some(1.0), true), "the looser match is left alone");
}

#[tokio::test]
async fn use_it_up_counts_an_item_linked_to_an_ingredients_food() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Emre").await;
    let soup = create_recipe(&app, &client, "Red lentil soup", "4").await;
    add_food(&app, &client, soup, "16070", "300", "g").await;
    stock(&app, &client, "Masoor", "500", "g", &in_days(2)).await;
    let (_, before) = app.get_html(&client, "/use-it-up").await;
    assert!(!before.contains("Red lentil soup"), "nothing of it in stock by name");
    let masoor: Uuid =
        sqlx::query_scalar("select id from wt_pantry_items where name = 'Masoor'").fetch_one(&app.admin).await.unwrap();
    app.send(&client, LinkPantryFood { item_id: masoor.to_string(), food_ndb_no: "16070".into() }).await;
    let (_, after) = app.get_html(&client, "/use-it-up").await;
    let suggestions = after.split("data-testid=\"suggestions\"").nth(1).expect("suggestions");
    assert!(suggestions.contains("Red lentil soup") && suggestions.contains("uses Masoor"), "{suggestions}");
}

#[tokio::test]
async fn a_failed_eat_without_javascript_shows_its_message_on_its_own_card() {
    let app = TestApp::spawn().await;
    let SignedUp { client, user_id, .. } = app.sign_up("Fern").await;
    let profile = app.primary_profile(user_id).await;
    let ids: Vec<Uuid> = sqlx::query_scalar(
        "insert into wt_leftovers (profile_id, name, quantity, unit, location, stored_date, expiry_date) \
         select $1, n, 2, 'servings', 'fridge', current_date, current_date + d \
         from (values ('Chilli', 1), ('Curry', 2)) v(n, d) returning id",
    )
    .bind(profile)
    .fetch_all(&app.admin)
    .await
    .unwrap();
    let fields = [
        ("leftover_id", ids[1].to_string()),
        ("profile_id", profile.to_string()),
        ("servings", "lots".to_owned()),
        ("meal_type", "lunch".to_owned()),
        ("meal_date", String::new()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_html_form(&client, "leftovers/eat", "/leftovers", &fields).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let (_, html) = app.get_html(&client, "/leftovers").await;
    let cards: Vec<&str> = html.split("data-testid=\"leftover\"").skip(1).collect();
    assert_eq!(cards.len(), 2);
    assert!(cards[0].contains("Chilli") && cards[1].contains("Curry"), "soonest eat-by first");
    let message = "Enter how much was eaten";
    assert!(!cards[0].contains(message) && !cards[0].contains("value=\"lots\""), "the other card is as it was");
    assert!(cards[1].contains(message) && cards[1].contains("value=\"lots\""), "{}", cards[1]);
    assert_eq!(html.matches(message).count(), 1, "said once, on its card");
    // Each card's fields have their own ids, so each label names its own field.
    for id in &ids {
        assert!(html.contains(&format!("id=\"f-leftovers-eat-{id}-servings\"")), "{id}");
    }
    let meals: i64 = sqlx::query_scalar("select count(*) from wt_meals").fetch_one(&app.admin).await.unwrap();
    assert_eq!(meals, 0);
}
