use reqwest::StatusCode;

use crate::accounts::profile;
use crate::helpers::{SignedUp, TestApp};
use app::health::{api::LogMetric, model::MetricForm};
use app::profiles::api::{CreateProfile, SwitchProfile};

#[tokio::test]
async fn a_logged_weight_is_stored_listed_and_charted_for_the_current_profile() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Yara").await;
    for (date, value) in [("2026-11-01", "71.2"), ("2026-11-08", "70.6"), ("2026-11-15", "70.1")] {
        let res = app
            .send(
                &client,
                LogMetric {
                    form: MetricForm {
                        metric: "weight".into(),
                        value: value.into(),
                        unit: "kg".into(),
                        date: date.into(),
                        time: "".into(),
                    },
                },
            )
            .await;
        assert!(res.status().is_success(), "{}", res.status());
    }
    let (source, unit, profile_ok): (String, String, bool) = sqlx::query_as(
        "select source::text, unit, profile_id = (select id from wt_profiles where user_id = $1 and is_primary) \
         from wt_health_metrics where user_id = $1 limit 1",
    )
    .bind(user_id)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!((source.as_str(), unit.as_str(), profile_ok), ("manual", "kg", true));

    let (status, html) = app.get_html(&client, "/health?metric=weight").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("70.6 kg"), "listed");
    assert!(html.contains("<polyline"), "charted as SVG");
    assert!(html.contains("Weight: 3 points, from 70.1 to 71.2"), "{html}");

    let (_, dashboard) = app.get_html(&client, "/").await;
    let tile = dashboard.split("data-module=\"health\"").nth(1).unwrap();
    assert!(tile.contains("70.1 kg") && tile.contains("<polyline"), "the tile shows the latest value and a chart");
}

#[tokio::test]
async fn a_double_submit_stores_one_row() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Zed").await;
    let form = MetricForm {
        metric: "resting_hr".into(),
        value: "58".into(),
        unit: "bpm".into(),
        date: "2026-11-20".into(),
        time: "07:00".into(),
    };
    let first = app.send(&client, LogMetric { form: form.clone() }).await;
    let second = app.send(&client, LogMetric { form }).await;
    assert!(first.status().is_success() && second.status().is_success());
    assert_eq!(first.text().await.unwrap(), "true");
    assert_eq!(second.text().await.unwrap(), "false");
    let rows: i64 = sqlx::query_scalar("select count(*) from wt_health_metrics where user_id = $1")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn implausible_or_malformed_entries_are_refused_with_field_messages() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Ada").await;
    let res = app
        .send(
            &client,
            LogMetric {
                form: MetricForm {
                    metric: "resting_hr".into(),
                    value: "400".into(),
                    unit: "bpm".into(),
                    date: "".into(),
                    time: "".into(),
                },
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["value"].as_str().unwrap().contains("between 25 and 220"), "{body}");

    let res = app
        .send(
            &client,
            LogMetric {
                form: MetricForm {
                    metric: "weight".into(),
                    value: "70".into(),
                    unit: "stone".into(),
                    date: "yesterday".into(),
                    time: "".into(),
                },
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["unit"].is_string() && body["Invalid"]["date"].is_string(), "{body}");

    // A field left out reads as empty: the answer names it, never a 500.
    let res = app.call(&client, "health/log", &[("metric", "weight")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["Invalid"]["value"], "Enter a value.", "{body}");

    let rows: i64 = sqlx::query_scalar("select count(*) from wt_health_metrics where user_id = $1")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

#[tokio::test]
async fn entries_go_to_the_profile_being_viewed() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Bea").await;
    app.send(&client, CreateProfile { form: profile("Cal") }).await;
    let child: uuid::Uuid = sqlx::query_scalar("select id from wt_profiles where user_id = $1 and not is_primary")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    app.send(&client, SwitchProfile { profile_id: child }).await;
    let res = app
        .send(
            &client,
            LogMetric {
                form: MetricForm {
                    metric: "sleep".into(),
                    value: "10:15".into(),
                    unit: "h".into(),
                    date: "".into(),
                    time: "".into(),
                },
            },
        )
        .await;
    assert!(res.status().is_success());
    let (profile, value): (uuid::Uuid, f64) =
        sqlx::query_as("select profile_id, value_num::float8 from wt_health_metrics where user_id = $1")
            .bind(user_id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!((profile, value), (child, 10.25));
}
