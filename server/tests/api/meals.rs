use reqwest::StatusCode;
use uuid::Uuid;

use crate::accounts::profile;
use crate::helpers::{SignedUp, TestApp};
use crate::recipes::{create_recipe, portion_seq};
use app::meals::api::{AddMealFood, AddMealOther, DeleteMeal, LogMeal, RemoveMealItem, UpdateMeal};
use app::meals::model::{MealEditForm, MealForm};
use app::meals::recipes::api::{AddIngredient, LogRecipeMeal};
use app::profiles::api::UpdateProfile;

fn meal(name: &str, facts: [&str; 4]) -> LogMeal {
    LogMeal {
        form: MealForm {
            name: name.into(),
            meal_type: "snack".into(),
            meal_date: "".into(),
            category: "general".into(),
            energy_kcal: facts[0].into(),
            sugars_g: facts[1].into(),
            saturated_fat_g: facts[2].into(),
            fat_g: "".into(),
            salt_g: facts[3].into(),
            fibre_g: "".into(),
            protein_g: "".into(),
            fruit_veg_pct: "".into(),
        },
    }
}

#[tokio::test]
async fn a_meal_with_label_values_is_graded_a_to_e_with_e_folded_into_the_spec_column() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Gil").await;
    // OFF cookies.json: 3460 kJ (826.96 kcal), 0 sugars, 15 g saturated fat, 0 salt → 20 points, E.
    let res = app.send(&client, meal("Butter cookies", ["826.96", "0", "15", "0"])).await;
    assert!(res.status().is_success(), "{}", res.status());
    let res = app.send(&client, meal("Apple", ["", "", "", ""])).await;
    assert!(res.status().is_success(), "an ungraded meal is fine");

    let rows: Vec<(String, Option<String>, Option<serde_json::Value>)> = sqlx::query_as(
        "select m.name, m.score, m.nutrition_info from wt_meals m join wt_profiles p on p.id = m.profile_id \
         where p.user_id = $1 order by m.name",
    )
    .bind(user_id)
    .fetch_all(&app.admin)
    .await
    .unwrap();
    assert_eq!((rows[0].0.as_str(), rows[0].1.as_deref(), rows[0].2.is_none()), ("Apple", None, true));
    let info = rows[1].2.clone().unwrap();
    assert_eq!(rows[1].1.as_deref(), Some("D"), "E folded into D in the spec's A–D column");
    assert_eq!(info["grade"]["grade"], "E", "the true grade is kept: {info}");
    assert_eq!(info["grade"]["score"], 20);
    assert_eq!(info["grade"]["label"], "WellTrack nutrition grade (v2023.1)");

    let (status, html) = app.get_html(&client, "/meals").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("WellTrack nutrition grade (v2023.1)"));
    assert!(!html.contains("Nutri-Score"), "the UI names the grade as WellTrack's own");
    let (_, dashboard) = app.get_html(&client, "/").await;
    let tile = dashboard.split("data-module=\"meals\"").nth(1).unwrap();
    assert!(tile.contains(">2<") && tile.contains("href=\"/meals\""), "{tile}");
}

#[tokio::test]
async fn partial_label_values_are_refused_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Hana").await;
    let res = app.send(&client, meal("Soup", ["", "2", "", ""])).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["energy_kcal"].is_string() && body["Invalid"]["salt_g"].is_string(), "{body}");
    let count: i64 = sqlx::query_scalar(
        "select count(*) from wt_meals m join wt_profiles p on p.id = m.profile_id where p.user_id = $1",
    )
    .bind(user_id)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!(count, 0);
}

/// Logs an empty meal of the signed-in profile and returns its id (the redirect's target).
async fn start_meal(app: &TestApp, client: &reqwest::Client, name: &str) -> Uuid {
    let res = app.send(client, meal(name, ["", "", "", ""])).await;
    assert!(res.status().is_success(), "{}", res.status());
    sqlx::query_scalar("select id from wt_meals where name = $1 order by created_at desc limit 1")
        .bind(name)
        .fetch_one(&app.admin)
        .await
        .unwrap()
}

fn food(meal: Uuid, ndb_no: &str, quantity: &str, unit: &str) -> AddMealFood {
    AddMealFood { meal_id: meal.to_string(), food_ndb_no: ndb_no.into(), quantity: quantity.into(), unit: unit.into() }
}

/// The meal's breakdown as (nutrient, amount), by name.
async fn breakdown(app: &TestApp, meal: Uuid) -> Vec<(String, f64)> {
    sqlx::query_as(
        "select n.name, b.amount::float8 from wt_meal_nutrient_breakdown b join wt_nutrients n on n.id = b.nutrient_id \
         where b.meal_id = $1 order by n.name",
    )
    .bind(meal)
    .fetch_all(&app.admin)
    .await
    .unwrap()
}

fn amount(rows: &[(String, f64)], name: &str) -> Option<f64> {
    rows.iter().find(|r| r.0 == name).map(|r| r.1)
}

/// What `grams` of a food give of a column of `food.foods`, from the database itself.
async fn sr28(app: &TestApp, column: &str, foods: &[(&str, f64)]) -> f64 {
    let mut total = 0.0;
    for (ndb_no, grams) in foods {
        let per_100: f64 = sqlx::query_scalar(&format!("select {column}::float8 from food.foods where ndb_no = $1"))
            .bind(ndb_no)
            .fetch_one(&app.admin)
            .await
            .unwrap();
        total += per_100 * grams / 100.0;
    }
    total
}

#[tokio::test]
async fn a_meal_made_of_foods_stores_its_nutrients_and_counts_against_the_profiles_targets() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Ida").await;
    let me = app.primary_profile(user_id).await;
    let res = app.send(&client, UpdateProfile { id: me, form: profile("Ida") }).await;
    assert!(res.status().is_success(), "body data gives default targets: {}", res.status());

    let breakfast = start_meal(&app, &client, "Breakfast").await;
    let (status, html) = app.get_html(&client, &format!("/meals/{breakfast}?q=apples+raw+skin")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Apples, raw, with skin"), "the search finds SR28 09003 without JavaScript");
    let cup = portion_seq(&app, "01077", "cup").await;
    for call in [food(breakfast, "09003", "182", "g"), food(breakfast, "01077", "1", &cup)] {
        let res = app.send(&client, call).await;
        assert!(res.status().is_success(), "{}", res.status());
    }
    let cup_grams: f64 =
        sqlx::query_scalar("select grams::float8 from food.portions where ndb_no = '01077' and description = 'cup'")
            .fetch_one(&app.admin)
            .await
            .unwrap();
    let plate = [("09003", 182.0), ("01077", cup_grams)];
    let rows = breakdown(&app, breakfast).await;
    let energy = amount(&rows, "Energy").unwrap();
    assert!((energy - sr28(&app, "energy_kcal", &plate).await).abs() < 0.01, "{rows:?}");
    let calcium = amount(&rows, "Calcium").unwrap();
    assert!(calcium > 250.0, "a cup of milk and an apple: the SR28 minerals are loaded ({calcium})");
    assert!((calcium - sr28(&app, "calcium_mg", &plate).await).abs() < 0.01);
    assert!(amount(&rows, "Vitamin C").is_some() && amount(&rows, "Potassium").is_some());

    // Something no food matches counts its stated energy.
    let res = app
        .send(
            &client,
            AddMealOther {
                meal_id: breakfast.to_string(),
                description: "Grandma's cake".into(),
                energy_kcal: "350".into(),
            },
        )
        .await;
    assert!(res.status().is_success());
    let with_cake = amount(&breakdown(&app, breakfast).await, "Energy").unwrap();
    assert!((with_cake - energy - 350.0).abs() < 0.02, "{with_cake}");

    // The meals page sets today's intake against the targets.
    let (_, html) = app.get_html(&client, "/meals").await;
    let bars = html.split("data-testid=\"intake-bars\"").nth(1).expect("intake bars");
    assert!(bars.contains("Energy") && bars.contains("Calcium") && bars.contains("Protein"), "{bars}");
    let shown = app::meals::logic::intake::amount_text(with_cake, "kcal");
    assert!(bars.contains(&shown), "{shown} in {bars}");
    assert!(!bars.contains(">Salt<"), "sodium stands for salt");

    // The meals tile set to "Energy today" shows the same figure against the target.
    sqlx::query(
        "update wt_profile_modules set tile_config = jsonb_set(coalesce(tile_config, '{}'), '{metric}', '\"energy_today\"') \
         where profile_id = $1 and module_name = 'meals'",
    )
    .bind(me)
    .execute(&app.admin)
    .await
    .unwrap();
    let (_, dashboard) = app.get_html(&client, "/").await;
    let tile = dashboard.split("data-module=\"meals\"").nth(1).expect("the meals tile");
    let tile = &tile[..tile.find("</section>").unwrap_or(tile.len())];
    assert!(tile.contains(&shown) && tile.contains("today ("), "{tile}");

    // Removing the milk (item 2) takes its nutrients away.
    let res = app.send(&client, RemoveMealItem { meal_id: breakfast.to_string(), position: "2".into() }).await;
    assert!(res.status().is_success());
    let rows = breakdown(&app, breakfast).await;
    let expected = sr28(&app, "energy_kcal", &plate[..1]).await + 350.0;
    assert!((amount(&rows, "Energy").unwrap() - expected).abs() < 0.02, "{rows:?}");
    let (_, page) = app.get_html(&client, &format!("/meals/{breakfast}")).await;
    assert!(page.contains("Apples, raw, with skin") && !page.contains("Milk, whole"), "the plate shows what is left");
    assert!(page.contains("Grandma&#x27;s cake") || page.contains("Grandma's cake"));
}

#[tokio::test]
async fn a_meal_is_rated_changed_and_deleted_with_what_it_counted() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Jon").await;
    let lunch = start_meal(&app, &client, "Lunch box").await;
    app.send(&client, food(lunch, "09003", "100", "g")).await;
    let edit = MealEditForm {
        name: "Lunch box, school".into(),
        meal_type: "lunch".into(),
        meal_date: "".into(),
        rating: "4".into(),
        notes: "ate it all".into(),
    };
    let res = app.send(&client, UpdateMeal { meal_id: lunch.to_string(), form: edit }).await;
    assert!(res.status().is_success(), "{}", res.status());
    let (name, rating, notes): (String, Option<f64>, Option<String>) =
        sqlx::query_as("select name, rating::float8, notes from wt_meals where id = $1")
            .bind(lunch)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!((name.as_str(), rating, notes.as_deref()), ("Lunch box, school", Some(4.0), Some("ate it all")));
    assert!(!breakdown(&app, lunch).await.is_empty(), "editing the name keeps what it counted");

    let res = app.send(&client, DeleteMeal { meal_id: lunch.to_string() }).await;
    assert!(res.status().is_success());
    assert!(breakdown(&app, lunch).await.is_empty(), "its breakdown goes with it");
    let (status, _) = app.get_html(&client, &format!("/meals/{lunch}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn servings_of_a_recipe_count_their_share_of_its_ingredients() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Kai").await;
    let recipe = create_recipe(&app, &client, "Lentils", "4").await;
    let res = app
        .send(
            &client,
            AddIngredient {
                recipe_id: recipe.to_string(),
                food_ndb_no: "16070".into(),
                quantity: "800".into(),
                unit: "g".into(),
            },
        )
        .await;
    assert!(res.status().is_success());
    let res = app
        .send(
            &client,
            LogRecipeMeal {
                recipe_id: recipe.to_string(),
                servings: "1 1/2".into(),
                meal_type: "dinner".into(),
                meal_date: "".into(),
            },
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let meal: Uuid = sqlx::query_scalar("select id from wt_meals where recipe_id = $1")
        .bind(recipe)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    let rows = breakdown(&app, meal).await;
    let expected = sr28(&app, "iron_mg", &[("16070", 800.0 * 1.5 / 4.0)]).await;
    assert!((amount(&rows, "Iron").unwrap() - expected).abs() < 0.01, "{rows:?}");
    // Its content is the recipe's: foods cannot be added to it.
    let res = app.send(&client, food(meal, "09003", "100", "g")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, page) = app.get_html(&client, &format!("/meals/{meal}")).await;
    assert!(page.contains("serving(s) of") && page.contains(&format!("/recipes/{recipe}")));
}

#[tokio::test]
async fn another_households_meal_is_not_found_and_stays_as_it_was() {
    let app = TestApp::spawn().await;
    let owner = app.sign_up("Lea").await;
    let other = app.sign_up("Max").await;
    let meal = start_meal(&app, &owner.client, "Lea's dinner").await;
    app.send(&owner.client, food(meal, "09003", "100", "g")).await;
    let before: (serde_json::Value, String) = sqlx::query_as("select nutrition_info, name from wt_meals where id = $1")
        .bind(meal)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    let id = meal.to_string();
    let edit = MealEditForm { name: "Mine now".into(), meal_type: "dinner".into(), ..Default::default() };
    let statuses = [
        app.send(&other.client, food(meal, "01077", "100", "g")).await.status(),
        app.send(&other.client, AddMealOther { meal_id: id.clone(), description: "x".into(), energy_kcal: "".into() })
            .await
            .status(),
        app.send(&other.client, RemoveMealItem { meal_id: id.clone(), position: "1".into() }).await.status(),
        app.send(&other.client, UpdateMeal { meal_id: id.clone(), form: edit }).await.status(),
        app.send(&other.client, DeleteMeal { meal_id: id.clone() }).await.status(),
        app.get_html(&other.client, &format!("/meals/{meal}")).await.0,
        app.send(&other.client, DeleteMeal { meal_id: "not-an-id".into() }).await.status(),
    ];
    assert!(statuses.iter().all(|s| *s == StatusCode::NOT_FOUND), "{statuses:?}");
    let after: (serde_json::Value, String) = sqlx::query_as("select nutrition_info, name from wt_meals where id = $1")
        .bind(meal)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(breakdown(&app, meal).await.len(), 14, "its breakdown is untouched");
}

#[tokio::test]
async fn bad_input_on_a_meal_is_refused_next_to_its_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Noa").await;
    let meal = start_meal(&app, &client, "Snack").await;
    let field = |res: serde_json::Value, name: &str| res["Invalid"][name].is_string();
    for (call, name) in [
        (food(meal, "09003", "lots", "g"), "quantity"),
        (food(meal, "09003", "1", "portion:999"), "unit"),
        (food(meal, "99999", "1", "g"), "food_ndb_no"),
        (food(meal, &"9".repeat(500), "1", "g"), "food_ndb_no"),
    ] {
        let res = app.send(&client, call).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(field(res.json().await.unwrap(), name), "{name}");
    }
    let res = app
        .send(&client, AddMealOther { meal_id: meal.to_string(), description: " ".into(), energy_kcal: "-1".into() })
        .await;
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(field(body.clone(), "description") && field(body, "energy_kcal"));
    let edit =
        MealEditForm { name: "Snack".into(), meal_type: "snack".into(), rating: "9".into(), ..Default::default() };
    let res = app.send(&client, UpdateMeal { meal_id: meal.to_string(), form: edit }).await;
    assert!(field(res.json().await.unwrap(), "rating"));
    let res = app.send(&client, RemoveMealItem { meal_id: meal.to_string(), position: "1".into() }).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "there is no first item");

    // Without JavaScript the meal page comes back with the message.
    let res = app
        .post_html_form(
            &client,
            "meals/foods/add",
            &format!("/meals/{meal}"),
            &[("meal_id", &meal.to_string()), ("food_ndb_no", "09003"), ("quantity", "lots"), ("unit", "g")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let (_, html) = app.get_html(&client, &format!("/meals/{meal}")).await;
    assert!(html.contains("Enter an amount such as 200, 1.5 or 1 1/2."), "the message on the page");

    let (info, rating): (Option<serde_json::Value>, Option<f64>) =
        sqlx::query_as("select nutrition_info, rating::float8 from wt_meals where id = $1")
            .bind(meal)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!((info, rating), (None, None), "nothing was written");
    assert!(breakdown(&app, meal).await.is_empty());
}

#[tokio::test]
async fn a_meal_holds_a_bounded_number_of_items() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Oda").await;
    let meal = start_meal(&app, &client, "Buffet").await;
    for i in 0..app::meals::logic::intake::MAX_ITEMS {
        let res = app
            .send(
                &client,
                AddMealOther { meal_id: meal.to_string(), description: format!("dish {i}"), energy_kcal: "10".into() },
            )
            .await;
        assert!(res.status().is_success(), "{i}");
    }
    let res = app
        .send(
            &client,
            AddMealOther { meal_id: meal.to_string(), description: "one more".into(), energy_kcal: "".into() },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let energy = amount(&breakdown(&app, meal).await, "Energy").unwrap();
    assert_eq!(energy, 10.0 * app::meals::logic::intake::MAX_ITEMS as f64);
}

#[tokio::test]
async fn the_food_search_finds_whole_words_by_the_index_and_parts_of_words_by_a_scan() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Pal").await;
    let meal = start_meal(&app, &client, "Search").await;
    for (q, expected) in [
        ("milk whole 3.25", "Milk, whole, 3.25% milkfat"),
        ("apples raw skin", "Apples, raw, with skin"),
        ("lentil boil", "Lentils, mature seeds, cooked, boiled"),
        // Inside another word: the index has no such word, the scan finds it.
        ("awberries", "Strawberries, raw"),
    ] {
        let (status, html) = app.get_html(&client, &format!("/meals/{meal}?q={}", q.replace(' ', "+"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(expected), "{q:?} finds {expected:?}");
    }
}
