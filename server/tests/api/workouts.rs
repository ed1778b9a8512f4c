use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::helpers::{SignedUp, TestApp};
use app::workouts::{api::LogWorkout, model::WorkoutForm};

#[tokio::test]
async fn a_logged_session_gets_its_training_load_from_the_engine_worker() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Wren").await;
    let form = WorkoutForm {
        name: "Easy run".into(),
        workout_type: "cardio".into(),
        day: "".into(),
        duration_minutes: "40".into(),
        session_rpe: "6".into(),
    };
    let res = app.send(&client, LogWorkout { form }).await;
    assert!(res.status().is_success(), "{}", res.status());

    // The insert queued the profile; the server's worker computes the load.
    let started = Instant::now();
    let (load, method) = loop {
        let row: Option<(f64, String)> = sqlx::query_as(
            "select l.training_load::float8, l.load_method from wt_training_loads l \
             join wt_profiles p on p.id = l.profile_id where p.user_id = $1",
        )
        .bind(user_id)
        .fetch_optional(&app.admin)
        .await
        .unwrap();
        if let Some(row) = row {
            break row;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the worker did not compute the load");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!((load, method.as_str()), (24.0, "srpe"), "40 min × RPE 6 / 10");

    let (status, html) = app.get_html(&client, "/workouts").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Easy run") && html.contains("load 24"), "{html}");
    let (_, dashboard) = app.get_html(&client, "/").await;
    let tile = dashboard.split("data-module=\"workouts\"").nth(1).unwrap();
    assert!(tile.contains(">1<") && tile.contains("href=\"/workouts\""), "{tile}");
}

#[tokio::test]
async fn a_bad_session_is_refused_field_by_field() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id: _ } = app.sign_up("Xia").await;
    let form = WorkoutForm {
        name: "".into(),
        workout_type: "dance".into(),
        day: "2999-01-01".into(),
        duration_minutes: "0".into(),
        session_rpe: "12".into(),
    };
    let res = app.send(&client, LogWorkout { form }).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    for field in ["name", "workout_type", "day", "duration_minutes", "session_rpe"] {
        assert!(body["Invalid"][field].is_string(), "{field}: {body}");
    }
}
