use reqwest::StatusCode;
use uuid::Uuid;

use crate::accounts::{profile, profile_form};
use crate::helpers::{SignedUp, TestApp};
use app::profiles::api::{CreateProfile, DeleteProfile, SwitchProfile, UpdateProfile};
use app::profiles::logic::ProfileForm;

#[tokio::test]
async fn a_parent_adds_a_dependent_with_every_field_and_switches_to_it() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Nora").await;
    let res = app.send(&client, CreateProfile { form: profile("Mia") }).await;
    assert!(res.status().is_success(), "{}", res.status());

    let (id, kind, dob, allergies, height): (Uuid, String, chrono::NaiveDate, Vec<String>, f64) = sqlx::query_as(
        "select id, profile_type::text, date_of_birth, allergies, height_cm::float8 from wt_profiles \
         where user_id = $1 and not is_primary",
    )
    .bind(user_id)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!(kind, "dependent");
    assert_eq!(dob.to_string(), "2017-04-02");
    assert_eq!(allergies, vec!["peanuts".to_string(), "sesame".to_string()]);
    assert_eq!(height, 128.0);
    let modules: i64 = sqlx::query_scalar("select count(*) from wt_profile_modules where profile_id = $1")
        .bind(id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(modules, 9);

    let res = app.send(&client, SwitchProfile { profile_id: id }).await;
    assert!(res.status().is_success(), "{}", res.status());
    let (status, html) = app.get_html(&client, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Mia&#x27;s dashboard") || html.contains("Mia's dashboard"), "{html}");

    let (_, edit) = app.get_html(&client, &format!("/profiles/{id}")).await;
    assert!(edit.contains("Age "), "the age is shown from the date of birth");
}

#[tokio::test]
async fn another_households_profile_is_a_404_everywhere() {
    let app = TestApp::spawn().await;
    let SignedUp { client: alice, email: _, user_id: _ } = app.sign_up("Alice").await;
    let SignedUp { client: _, email: _, user_id: bob_id } = app.sign_up("Bob").await;
    let bobs_id = app.primary_profile(bob_id).await;
    let bobs = bobs_id.to_string();

    let res = app.send(&alice, SwitchProfile { profile_id: bobs_id }).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (status, html) = app.get_html(&alice, &format!("/profiles/{bobs}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("Bob"), "nothing of Bob's profile leaks");

    let res = app.send(&alice, UpdateProfile { id: bobs_id, form: profile("Hijacked") }).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app.send(&alice, DeleteProfile { id: bobs_id }).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let name: String = sqlx::query_scalar("select display_name from wt_profiles where id = $1::uuid")
        .bind(&bobs)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(name, "Bob");
}

#[tokio::test]
async fn the_primary_profile_cannot_be_deleted_but_a_dependent_can() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Pat").await;
    let primary = app.primary_profile(user_id).await;
    let res = app.send(&client, DeleteProfile { id: primary }).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    app.send(&client, CreateProfile { form: profile("Sam") }).await;
    let dependent: Uuid = sqlx::query_scalar("select id from wt_profiles where user_id = $1 and not is_primary")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    let res = app.send(&client, DeleteProfile { id: dependent }).await;
    assert!(res.status().is_success());
    let left: i64 = sqlx::query_scalar("select count(*) from wt_profiles where user_id = $1")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(left, 1);
}

#[tokio::test]
async fn invalid_profile_input_is_reported_per_field_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Quin").await;
    let form = ProfileForm { date_of_birth: "2999-01-01".into(), height_cm: "tall".into(), ..profile("") };
    let res = app.send(&client, CreateProfile { form }).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    for field in ["display_name", "date_of_birth", "height_cm"] {
        assert!(body["Invalid"][field].is_string(), "{field}: {body}");
    }
    let count: i64 = sqlx::query_scalar("select count(*) from wt_profiles where user_id = $1")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn without_javascript_a_failed_form_comes_back_with_the_message_next_to_the_field() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id: _ } = app.sign_up("Rae").await;
    let mut form = profile_form("Tom");
    form[3] = ("height_cm", "tall");
    let res = app.post_html_form(&client, "profiles/create", "/profiles", &form).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(!location.contains("__err") && !location.contains('?'), "no error travels in the URL: {location}");
    let path = location.strip_prefix(&app.address).unwrap_or(&location).to_owned();
    assert_eq!(path, "/profiles");
    let (status, html) = app.get_html(&client, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Enter the height in cm as a number."), "{html}");
    assert!(html.contains("value=\"tall\""), "what was typed is back in the form: {html}");
    assert!(html.contains("value=\"Tom\""), "{html}");

    // The flash is one-time: a reload shows the clean form.
    let (_, html) = app.get_html(&client, "/profiles").await;
    assert!(!html.contains("Enter the height in cm as a number."), "{html}");
    assert!(!html.contains("value=\"tall\""), "{html}");
}

#[tokio::test]
async fn an_error_written_into_the_url_is_never_shown() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id: _ } = app.sign_up("Ula").await;
    // What server_fn would put in the URL: a serialised AppError, base64.
    let crafted = "eyJSZXF1ZXN0IjoiWW91ciBhY2NvdW50IGlzIGxvY2tlZDogY2FsbCArMSA1NTUgMDEwMCJ9";
    let path = format!("/profiles?__path=%2Fapi%2Fprofiles%2Fcreate&__err={crafted}");
    let res = client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/profiles");
    let (status, html) = app.get_html(&client, "/profiles").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("locked"), "{html}");
}

#[tokio::test]
async fn without_javascript_a_failed_sign_in_keeps_the_email_but_never_the_password() {
    let app = TestApp::spawn().await;
    let SignedUp { client: _, email, user_id: _ } = app.sign_up("Vic").await;
    let client = app.client();
    let res = app
        .post_html_form(&client, "account/sign-in", "/sign-in", &[("email", &email), ("password", "wrong-password-9")])
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let (status, html) = app.get_html(&client, "/sign-in").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Email or password is incorrect."), "{html}");
    assert!(html.contains(&format!("value=\"{email}\"")), "{html}");
    assert!(!html.contains("wrong-password-9"), "{html}");
}

#[tokio::test]
async fn a_profile_with_body_data_gets_age_appropriate_default_nutrient_targets() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Tess").await;
    let parent = app.primary_profile(user_id).await;
    let none: i64 = sqlx::query_scalar("select count(*) from wt_nutrient_targets where profile_id = $1")
        .bind(parent)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(none, 0, "no targets without date of birth, height and weight");

    app.send(&client, CreateProfile { form: profile("Mia") }).await;
    let child: Uuid = sqlx::query_scalar("select id from wt_profiles where user_id = $1 and not is_primary")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    let targets: Vec<(String, f64, String)> = sqlx::query_as(
        "select n.name, t.target_value::float8, t.period::text from wt_nutrient_targets t \
         join wt_nutrients n on n.id = t.nutrient_id where t.profile_id = $1 order by n.name",
    )
    .bind(child)
    .fetch_all(&app.admin)
    .await
    .unwrap();
    let value = |name: &str| targets.iter().find(|t| t.0 == name).map(|t| t.1);
    assert!(targets.len() >= 10, "{targets:?}");
    assert!(targets.iter().all(|t| t.2 == "daily"));
    // A 9-year-old of 26.5 kg: protein at the IOM RDA of 0.95 g/kg for ages 9–13.
    let protein = value("Protein").unwrap();
    assert!((protein - 0.95 * 26.5).abs() < 0.01, "{protein}");
    let energy = value("Energy").unwrap();
    assert!((1500.0..2600.0).contains(&energy), "a child's energy need, not an adult's: {energy}");

    // Heavier child, new targets.
    let form = ProfileForm { weight_kg: "30".into(), ..profile("Mia") };
    app.send(&client, UpdateProfile { id: child, form }).await;
    let protein: f64 = sqlx::query_scalar(
        "select t.target_value::float8 from wt_nutrient_targets t join wt_nutrients n on n.id = t.nutrient_id \
         where t.profile_id = $1 and n.name = 'Protein'",
    )
    .bind(child)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert!((protein - 0.95 * 30.0).abs() < 0.01, "{protein}");
}
