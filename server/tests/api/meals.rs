use reqwest::StatusCode;

use crate::helpers::{SignedUp, TestApp};
use app::meals::{api::LogMeal, model::MealForm};

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
