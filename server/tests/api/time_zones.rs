//! "Today" is the household's day in its own time zone, never UTC's.

use chrono::{Timelike, Utc};
use reqwest::StatusCode;

use crate::helpers::{SignedUp, TestApp, PASSWORD};
use app::account::api::{SetTimeZone, SignUp};
use app::workouts::{api::LogWorkout, model::WorkoutForm};

/// A zone whose calendar day differs from UTC's right now: UTC+14 from
/// 10:00 UTC on, UTC-11 before 11:00 UTC.
fn zone_on_another_day() -> (&'static str, chrono::NaiveDate) {
    let now = Utc::now();
    let name = if now.hour() >= 10 { "Pacific/Kiritimati" } else { "Pacific/Pago_Pago" };
    let zone: chrono_tz::Tz = name.parse().unwrap();
    let today = now.with_timezone(&zone).date_naive();
    assert_ne!(today, now.date_naive(), "{name} must be on another day than UTC for this test to mean anything");
    (name, today)
}

#[tokio::test]
async fn date_fields_default_to_the_households_day_not_utcs() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Zoe").await;
    let (zone, today) = zone_on_another_day();
    let res = app.send(&client, SetTimeZone { timezone: zone.into() }).await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let stored: String = sqlx::query_scalar("select timezone from wt_users where id = $1")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(stored, zone);

    for page in ["/health", "/meals", "/workouts", "/recovery"] {
        let (status, html) = app.get_html(&client, page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(html.contains(&format!("value=\"{today}\"")), "{page} defaults its date to {today} in {zone}: {html}");
        let utc_day = Utc::now().date_naive();
        assert!(!html.contains(&format!("value=\"{utc_day}\"")), "{page} shows UTC's day {utc_day}");
    }

    // A workout logged without a date lands on the household's day.
    let res = app
        .send(
            &client,
            LogWorkout {
                form: WorkoutForm {
                    name: "Run".into(),
                    workout_type: "cardio".into(),
                    day: "".into(),
                    duration_minutes: "30".into(),
                    session_rpe: "".into(),
                },
            },
        )
        .await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let day: chrono::NaiveDate = sqlx::query_scalar(
        "select w.scheduled_date from wt_workouts w join wt_profiles p on p.id = w.profile_id where p.user_id = $1",
    )
    .bind(user_id)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!(day, today);
}

#[tokio::test]
async fn a_time_zone_must_be_an_iana_name() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Yan").await;
    let res = app.send(&client, SetTimeZone { timezone: "Mars/Olympus_Mons".into() }).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["timezone"].is_string(), "{body}");
    let stored: String = sqlx::query_scalar("select timezone from wt_users where id = $1")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(stored, "UTC", "nothing saved");
}

#[tokio::test]
async fn sign_up_keeps_the_browsers_time_zone() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let email = format!("tz-{}@example.org", uuid::Uuid::new_v4().simple());
    let res = app
        .send(
            &client,
            SignUp {
                email: email.clone(),
                password: PASSWORD.into(),
                display_name: "Ari".into(),
                timezone: Some("America/Los_Angeles".into()),
            },
        )
        .await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let stored: String =
        sqlx::query_scalar("select w.timezone from wt_users w join auth.users u on u.id = w.id where u.email = $1")
            .bind(&email)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!(stored, "America/Los_Angeles");
}
