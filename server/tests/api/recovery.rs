use chrono::{Duration, Utc};
use reqwest::StatusCode;

use crate::engine::seed_data;
use crate::helpers::{service_pool, SignedUp, TestApp};
use app::performance::api::{ClearRecoveryOverride, SetRecoveryOverride};
use app::performance::model::OverrideForm;

#[tokio::test]
async fn the_recovery_page_shows_scores_and_a_person_can_mark_a_day_ill() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Rory").await;
    let profile = app.primary_profile(user_id).await;
    seed_data(&app.admin, profile, 60).await;
    let db: String = sqlx::query_scalar("select current_database()").fetch_one(&app.admin).await.unwrap();
    let pool = service_pool(&db).await;
    let today = Utc::now().date_naive();
    app::performance::recompute::recompute(&pool, profile, today - Duration::days(9), today).await.unwrap();

    let (status, html) = app.get_html(&client, "/recovery").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"recovery-days\""), "{html}");
    assert!(html.contains("Recovery score: 10 points"), "ten days charted");
    assert!(
        html.contains("data-testid=\"training\"") && html.contains("Fitness (42-day)"),
        "fitness, fatigue and form shown"
    );
    assert!(html.contains("Fitness, last 90 days"), "fitness charted");
    assert!(!html.to_lowercase().contains("injury risk"), "the load trend is worded neutrally");

    let computed: f64 = sqlx::query_scalar(
        "select recovery_score::float8 from wt_recovery_scores where profile_id = $1 and score_date = $2",
    )
    .bind(profile)
    .bind(today)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    let day = today.to_string();
    let res = app
        .send(
            &client,
            SetRecoveryOverride {
                form: OverrideForm { date: day.clone(), reason: "ill".into(), score: "".into(), note: "flu".into() },
            },
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let (reason, score): (Option<String>, f64) =
        sqlx::query_as("select override_reason, recovery_score::float8 from wt_recovery_scores where profile_id = $1 and score_date = $2")
            .bind(profile)
            .bind(today)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!((reason.as_deref(), score), (Some("ill"), computed), "kept apart from the computed score");
    let (_, html) = app.get_html(&client, "/recovery").await;
    assert!(html.contains(">Ill") && html.contains("Red: rest"), "the day shows as ill");

    let res = app
        .send(
            &client,
            SetRecoveryOverride {
                form: OverrideForm {
                    date: "2001-01-01".into(),
                    reason: "ill".into(),
                    score: "".into(),
                    note: "".into(),
                },
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .send(
            &client,
            SetRecoveryOverride {
                form: OverrideForm { date: day.clone(), reason: "ill".into(), score: "140".into(), note: "".into() },
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let res = app.send(&client, ClearRecoveryOverride { date: day }).await;
    assert!(res.status().is_success());
    let reason: Option<String> =
        sqlx::query_scalar("select override_reason from wt_recovery_scores where profile_id = $1 and score_date = $2")
            .bind(profile)
            .bind(today)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!(reason, None);
}

#[tokio::test]
async fn people_cannot_rewrite_computed_scores_nor_override_another_household() {
    let app = TestApp::spawn().await;
    let SignedUp { client: _, email: _, user_id: a_user } = app.sign_up("Ana").await;
    let SignedUp { client: bob, email: _, user_id: _ } = app.sign_up("Bob").await;
    let a = app.primary_profile(a_user).await;
    seed_data(&app.admin, a, 30).await;
    let db: String = sqlx::query_scalar("select current_database()").fetch_one(&app.admin).await.unwrap();
    let pool = service_pool(&db).await;
    let today = Utc::now().date_naive();
    app::performance::recompute::recompute(&pool, a, today, today).await.unwrap();

    // Bob's override of that day finds no row of his; Ana's row is untouched.
    let res = app
        .send(
            &bob,
            SetRecoveryOverride {
                form: OverrideForm { date: today.to_string(), reason: "ill".into(), score: "".into(), note: "".into() },
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let reason: Option<String> =
        sqlx::query_scalar("select override_reason from wt_recovery_scores where profile_id = $1 and score_date = $2")
            .bind(a)
            .bind(today)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!(reason, None);

    // Ana herself may set her override columns, but not the computed score.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("select set_config('role', 'authenticated', true), set_config('app.user_id', $1, true)")
        .bind(a_user.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let err = sqlx::query("update wt_recovery_scores set recovery_score = 99 where profile_id = $1")
        .bind(a)
        .execute(&mut *tx)
        .await
        .unwrap_err();
    assert_eq!(err.as_database_error().and_then(|e| e.code()).as_deref(), Some("42501"));
}
