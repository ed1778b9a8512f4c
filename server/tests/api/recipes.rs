use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::{admin_pool, app_pool, fresh_database, SignedUp, TestApp};
use app::meals::recipes::api::{
    AddIngredient, AddStep, CreateRecipe, DeleteRecipe, GetRecipe, LogRecipeMeal, RemoveIngredient, UpdateRecipe,
};
use app::meals::recipes::model::RecipeForm;

#[tokio::test]
async fn sr28_is_loaded_with_its_values_measures_and_our_classification_and_is_read_only() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let (foods, citation): (i32, String) =
        sqlx::query_as("select foods, citation from food.datasets where name = 'usda_sr28'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(foods, 8789, "the complete SR28 release");
    assert!(citation.contains("Release 28"));
    let count: i64 = sqlx::query_scalar("select count(*) from food.foods").fetch_one(&admin).await.unwrap();
    assert_eq!(count, 8789);

    // SR28 16070, lentils boiled: the values of NUT_DATA, per 100 g.
    let lentils: (String, f64, f64, f64, f64, f64, f64) = sqlx::query_as(
        "select description, energy_kcal::float8, protein_g::float8, fibre_g::float8, sodium_mg::float8, \
                fruit_veg_legumes_pct::float8, saturated_fat_g::float8 from food.foods where ndb_no = '16070'",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(
        lentils,
        ("Lentils, mature seeds, cooked, boiled, without salt".into(), 116.0, 9.02, 7.9, 2.0, 100.0, 0.053)
    );
    let butter_cup: f64 =
        sqlx::query_scalar("select grams::float8 from food.portions where ndb_no = '01001' and description = 'cup'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(butter_cup, 227.0);
    let (beef_red, potato_fvl): (bool, f64) = sqlx::query_as(
        "select (select red_meat from food.foods where ndb_no = '23567'), \
                (select fruit_veg_legumes_pct::float8 from food.foods where ndb_no = '11352')",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!(beef_red);
    assert_eq!(potato_fvl, 0.0, "potatoes are not vegetables for the grade");
    // cp1252 text decoded: no replacement characters anywhere.
    let bad: i64 = sqlx::query_scalar("select count(*) from food.foods where description like '%\u{FFFD}%'")
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(bad, 0);

    // Request code reads it and cannot change it.
    let pool = app_pool(&db).await;
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("select set_config('role', 'authenticated', true)").execute(&mut *tx).await.unwrap();
    let n: i64 = sqlx::query_scalar("select count(*) from food.foods").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(n, 8789);
    let err = sqlx::query("update food.foods set energy_kcal = 0 where ndb_no = '16070'").execute(&mut *tx).await;
    assert!(err.unwrap_err().to_string().contains("permission denied"));
}

/// A database loaded at revision 1 (before the minerals and vitamins) is brought up to date at
/// start-up without losing a recipe's link to its foods; a second start changes nothing.
#[tokio::test]
async fn an_older_sr28_load_is_upgraded_in_place_and_keeps_recipe_links() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    sqlx::raw_sql(
        "update food.foods set calcium_mg = null, iron_mg = null, potassium_mg = null, vitamin_c_mg = null, \
           vitamin_d_mcg = null; \
         update food.datasets set revision = 1; \
         insert into auth.users (id, email, password_hash) values ('00000000-0000-0000-0000-00000000a001', 'old@example.org', 'x'); \
         insert into wt_profiles (id, user_id, profile_type, display_name, is_primary) \
           values ('00000000-0000-0000-0000-00000000b001', '00000000-0000-0000-0000-00000000a001', 'parent', 'Old', true); \
         insert into wt_recipes (id, profile_id, title, source_type) \
           values ('00000000-0000-0000-0000-00000000c001', '00000000-0000-0000-0000-00000000b001', 'Dal', 'manual'); \
         insert into wt_recipe_ingredients (recipe_id, ingredient_name, food_ndb_no, grams) \
           values ('00000000-0000-0000-0000-00000000c001', 'lentils', '16070', 200)",
    )
    .execute(&admin)
    .await
    .unwrap();
    let mut conn = admin.acquire().await.unwrap();
    let outcome = server::food_data::ensure_loaded(&mut conn, &crate::helpers::food_data_dir()).await.unwrap();
    assert_eq!(outcome, server::food_data::Outcome::Upgraded { foods: 8789 });
    let (calcium, iron, revision): (f64, f64, i32) = sqlx::query_as(
        "select f.calcium_mg::float8, f.iron_mg::float8, d.revision from food.foods f, food.datasets d \
         where f.ndb_no = '16070' and d.name = 'usda_sr28'",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    // SR28 16070 NUT_DATA: calcium 19 mg, iron 3.33 mg per 100 g.
    assert_eq!((calcium, iron, revision), (19.0, 3.33, server::food_data::REVISION));
    let linked: Option<String> =
        sqlx::query_scalar("select food_ndb_no from wt_recipe_ingredients").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(linked.as_deref(), Some("16070"), "the ingredient keeps its food");
    let again = server::food_data::ensure_loaded(&mut conn, &crate::helpers::food_data_dir()).await.unwrap();
    assert_eq!(again, server::food_data::Outcome::AlreadyLoaded);
}

pub(crate) async fn create_recipe(app: &TestApp, client: &reqwest::Client, title: &str, servings: &str) -> Uuid {
    let res = app
        .send(
            client,
            CreateRecipe {
                form: RecipeForm {
                    title: title.into(),
                    description: "".into(),
                    servings: servings.into(),
                    prep_time_min: "10".into(),
                    cook_time_min: "30".into(),
                    grade_category: "general".into(),
                    ..Default::default()
                },
            },
        )
        .await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    sqlx::query_scalar("select id from wt_recipes where title = $1 order by created_at desc limit 1")
        .bind(title)
        .fetch_one(&app.admin)
        .await
        .unwrap()
}

pub(crate) async fn portion_seq(app: &TestApp, ndb_no: &str, description: &str) -> String {
    let seq: i32 = sqlx::query_scalar("select seq from food.portions where ndb_no = $1 and description = $2")
        .bind(ndb_no)
        .bind(description)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    format!("portion:{seq}")
}

#[tokio::test]
async fn a_recipe_of_sr28_foods_is_weighed_totalled_graded_and_logged_as_a_meal() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Ines").await;
    let id = create_recipe(&app, &client, "Lentil and onion stew", "4").await;
    let rid = id.to_string();

    // Without JavaScript: search is a GET form on the recipe page.
    let (status, html) = app.get_html(&client, &format!("/recipes/{id}?q=lentils+boiled+without")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Lentils, mature seeds, cooked, boiled, without salt"), "search finds SR28 16070");
    assert!(html.contains("1 cup (198 g)"), "with its household measures");

    let cup = portion_seq(&app, "16070", "cup").await;
    for (food, quantity, unit) in [("16070", "2", cup.as_str()), ("11282", "150", "g"), ("04053", "1", "oz")] {
        let res = app
            .send(
                &client,
                AddIngredient {
                    recipe_id: rid.clone(),
                    food_ndb_no: food.into(),
                    quantity: quantity.into(),
                    unit: unit.into(),
                },
            )
            .await;
        assert!(res.status().is_success(), "{food}: {}", res.status());
    }

    // Expected values straight from the food tables, independently of the app's arithmetic.
    let (grams, kcal, protein): (f64, f64, f64) = sqlx::query_as(
        "select sum(g)::float8, sum(g * f.energy_kcal / 100)::float8, sum(g * f.protein_g / 100)::float8 from \
         (values ('16070', 396.0::numeric), ('11282', 150.0), ('04053', 28.349523125)) as v(ndb_no, g) \
         join food.foods f using (ndb_no)",
    )
    .fetch_one(&app.admin)
    .await
    .unwrap();
    let (info, score): (serde_json::Value, Option<String>) =
        sqlx::query_as("select nutrition_info, nutrition_score from wt_recipes where id = $1")
            .bind(id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert!((info["total_grams"].as_f64().unwrap() - grams).abs() < 1e-6, "{info}");
    assert!((info["totals"]["energy_kcal"].as_f64().unwrap() - kcal).abs() < 1e-6);
    assert!((info["per_serving"]["protein_g"].as_f64().unwrap() - protein / 4.0).abs() < 1e-6);
    let grade = info["grade"]["grade"].as_str().unwrap().to_owned();
    assert!(["A", "B"].contains(&grade.as_str()), "lentils, onions and a little olive oil: {info}");
    assert_eq!(score.as_deref(), Some(grade.as_str()));
    assert_eq!(info["grade"]["label"], "WellTrack nutrition grade (v2023.1)");
    let quantities: Vec<(String, f64, String)> = sqlx::query_as(
        "select ingredient_name, quantity::float8, unit from wt_recipe_ingredients where recipe_id = $1 order by sort_order",
    )
    .bind(id)
    .fetch_all(&app.admin)
    .await
    .unwrap();
    assert_eq!((quantities[0].1, quantities[0].2.as_str()), (2.0, "cup"), "the amount as written");
    assert_eq!(quantities[2].2, "oz");

    let (_, page) = app.get_html(&client, &format!("/recipes/{id}")).await;
    assert!(page.contains("WellTrack nutrition grade (v2023.1)") && !page.contains("Nutri-Score"));
    assert!(page.contains("National Nutrient Database for Standard Reference"), "the data is cited");
    let (_, list) = app.get_html(&client, "/recipes").await;
    assert!(list.contains("Lentil and onion stew") && list.contains("3 ingredients"));

    // Two servings eaten become a meal with the recipe's grade.
    let res = app
        .send(
            &client,
            LogRecipeMeal {
                recipe_id: rid.clone(),
                servings: "2".into(),
                meal_type: "dinner".into(),
                meal_date: "".into(),
            },
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let (meal_recipe, servings, meal_info, meal_score): (Option<Uuid>, f64, serde_json::Value, Option<String>) =
        sqlx::query_as(
            "select m.recipe_id, m.servings_consumed::float8, m.nutrition_info, m.score from wt_meals m \
             join wt_profiles p on p.id = m.profile_id where p.user_id = $1",
        )
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!((meal_recipe, servings), (Some(id), 2.0));
    assert!((meal_info["consumed"]["energy_kcal"].as_f64().unwrap() - kcal / 2.0).abs() < 1e-6, "{meal_info}");
    assert_eq!(meal_info["grade"]["grade"], grade.as_str());
    assert_eq!(meal_score.as_deref(), Some(grade.as_str()));

    // Removing the lentils changes the totals at once.
    let lentil_row: Uuid =
        sqlx::query_scalar("select id from wt_recipe_ingredients where recipe_id = $1 and food_ndb_no = '16070'")
            .bind(id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    let res = app.send(&client, RemoveIngredient { recipe_id: rid, ingredient_id: lentil_row.to_string() }).await;
    assert!(res.status().is_success());
    let total: f64 =
        sqlx::query_scalar("select (nutrition_info ->> 'total_grams')::float8 from wt_recipes where id = $1")
            .bind(id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert!((total - (grams - 396.0)).abs() < 1e-6);
}

#[tokio::test]
async fn bad_ingredients_are_refused_field_by_field_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id: _ } = app.sign_up("Jon").await;
    let id = create_recipe(&app, &client, "Soup", "2").await;
    let rid = id.to_string();
    let add = |food: &'static str, q: &'static str, unit: &'static str| {
        app.send(
            &client,
            AddIngredient { recipe_id: rid.clone(), food_ndb_no: food.into(), quantity: q.into(), unit: unit.into() },
        )
    };
    let res = add("16070", "lots", "g").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["quantity"].is_string(), "{body}");
    let res = add("16070", "1", "portion:999").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["unit"].is_string(), "{body}");
    let res = add("99999", "1", "g").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["food_ndb_no"].is_string(), "{body}");
    let res = app
        .send(
            &client,
            CreateRecipe {
                form: RecipeForm {
                    title: "".into(),
                    description: "".into(),
                    servings: "0".into(),
                    prep_time_min: "".into(),
                    cook_time_min: "".into(),
                    grade_category: "x".into(),
                    ..Default::default()
                },
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app.send(&client, GetRecipe { recipe_id: "not-a-uuid".into() }).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let count: i64 = sqlx::query_scalar("select count(*) from wt_recipe_ingredients where recipe_id = $1")
        .bind(id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(count, 0);
    let recipes: i64 = sqlx::query_scalar("select count(*) from wt_recipes").fetch_one(&app.admin).await.unwrap();
    assert_eq!(recipes, 1);

    // Without JavaScript the page comes back with the message.
    let referer = format!("/recipes/{id}?q=lentils");
    let res = app
        .post_html_form(
            &client,
            "recipes/ingredients/add",
            &referer,
            &[("recipe_id", &rid), ("food_ndb_no", "16070"), ("quantity", "lots"), ("unit", "g")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let path = location.strip_prefix(&app.address).unwrap_or(&location).to_owned();
    let (status, html) = app.get_html(&client, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Amount: Enter an amount such as 200, 1.5 or 1 1/2."), "{html}");
}

#[tokio::test]
async fn another_household_can_neither_see_nor_change_a_recipe() {
    let app = TestApp::spawn().await;
    let SignedUp { client: owner, email: _, user_id: _ } = app.sign_up("Kai").await;
    let id = create_recipe(&app, &owner, "Family chili", "6").await;
    let rid = id.to_string();
    let SignedUp { client: other, email: _, user_id: _ } = app.sign_up("Lou").await;

    let (status, _) = app.get_html(&other, &format!("/recipes/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = app.get_html(&other, "/recipes").await;
    assert!(!list.contains("Family chili"));
    let add =
        AddIngredient { recipe_id: rid.clone(), food_ndb_no: "16070".into(), quantity: "1".into(), unit: "g".into() };
    let res = app.send(&other, add).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "recipes/ingredients/add");
    let step = AddStep { recipe_id: rid.clone(), instruction: "Burn it".into(), duration_minutes: "".into() };
    let res = app.send(&other, step).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "recipes/steps/add");
    let res = app.send(&other, DeleteRecipe { recipe_id: rid.clone() }).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "recipes/delete");
    let meal =
        LogRecipeMeal { recipe_id: rid.clone(), servings: "1".into(), meal_type: "lunch".into(), meal_date: "".into() };
    let res = app.send(&other, meal).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "recipes/log-meal");
    let (steps, recipes, meals): (i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from wt_recipe_steps), (select count(*) from wt_recipes), (select count(*) from wt_meals)",
    )
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!((steps, recipes, meals), (0, 1, 0));

    // The owner's household can.
    let res = app
        .send(&owner, AddStep { recipe_id: rid, instruction: "Brown the onions".into(), duration_minutes: "8".into() })
        .await;
    assert!(res.status().is_success());
    let (_, page) = app.get_html(&owner, &format!("/recipes/{id}")).await;
    assert!(page.contains("Brown the onions (8 min)"));
}

#[tokio::test]
async fn editing_servings_or_the_kind_of_dish_recomputes_the_stored_nutrition() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id: _ } = app.sign_up("Mo").await;
    let id = create_recipe(&app, &client, "Dal", "4").await;
    let rid = id.to_string();
    let res = app
        .send(
            &client,
            AddIngredient {
                recipe_id: rid.clone(),
                food_ndb_no: "16070".into(),
                quantity: "400".into(),
                unit: "g".into(),
            },
        )
        .await;
    assert!(res.status().is_success());
    let stored = || async {
        sqlx::query_scalar::<_, serde_json::Value>("select nutrition_info from wt_recipes where id = $1")
            .bind(id)
            .fetch_one(&app.admin)
            .await
            .unwrap()
    };
    let before = stored().await;
    assert!((before["per_serving"]["protein_g"].as_f64().unwrap() - 9.02).abs() < 1e-6, "{before}");
    assert_eq!(before["category"], "general");

    let res = app
        .send(
            &client,
            UpdateRecipe {
                recipe_id: rid,
                form: RecipeForm {
                    title: "Dal".into(),
                    description: "".into(),
                    servings: "2".into(),
                    prep_time_min: "".into(),
                    cook_time_min: "".into(),
                    grade_category: "beverage".into(),
                    ..Default::default()
                },
            },
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let after = stored().await;
    assert!((after["per_serving"]["protein_g"].as_f64().unwrap() - 18.04).abs() < 1e-6, "{after}");
    assert_eq!(after["category"], "beverage");
    assert_eq!(after["grade"]["category"], "beverage", "graded with the beverage table");
}

#[tokio::test]
async fn food_search_lists_the_foods_its_first_word_names_before_longer_words_that_start_with_it() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Enzo").await;
    let id = create_recipe(&app, &client, "Omelette", "2").await;
    let (_, html) = app.get_html(&client, &format!("/recipes/{id}?q=egg")).await;
    let results = html.split("data-testid=\"food-result\"").skip(1).collect::<Vec<_>>();
    assert!(!results.is_empty(), "{html}");
    // "Eggplant, raw" is shorter than most "Egg, …" foods and starts with "egg" too.
    let first = results[0].split("<p class=\"font-medium\">").nth(1).unwrap_or_default();
    assert!(first.starts_with("Egg,"), "{first:.80}");
}
