use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::{SignedUp, TestApp, PASSWORD};
use app::account::api::{ChangePassword, DeleteAccount, SignIn, SignOut, SignUp};
use app::health::{api::LogMetric, model::MetricForm};
use app::profiles::{api::CreateProfile, logic::ProfileForm};

#[tokio::test]
async fn sign_up_creates_the_account_its_user_row_a_parent_profile_and_every_module() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _email, user_id } = app.sign_up("Dana").await;

    let (display_name, tier, tz): (Option<String>, String, String) =
        sqlx::query_as("select display_name, plan_tier::text, timezone from wt_users where id = $1")
            .bind(user_id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!(display_name.as_deref(), Some("Dana"));
    assert_eq!((tier.as_str(), tz.as_str()), ("free", "UTC"));

    let profile = app.primary_profile(user_id).await;
    let kind: String = sqlx::query_scalar("select profile_type::text from wt_profiles where id = $1")
        .bind(profile)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(kind, "parent");
    let modules: Vec<String> =
        sqlx::query_scalar("select module_name from wt_profile_modules where profile_id = $1 order by tile_order")
            .bind(profile)
            .fetch_all(&app.admin)
            .await
            .unwrap();
    assert_eq!(
        modules,
        ["health", "workouts", "meals", "performance", "plans", "supplements", "pantry", "daily", "insights"]
    );

    // Signed in straight away: the dashboard renders instead of redirecting.
    let (status, html) = app.get_html(&client, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Dana&#x27;s dashboard") || html.contains("Dana's dashboard"), "{html}");
}

#[tokio::test]
async fn a_visitor_is_sent_to_sign_in() {
    let app = TestApp::spawn().await;
    let res = app.client().get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()["location"], "/sign-in");
}

#[tokio::test]
async fn sign_up_rejects_bad_input_field_by_field() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let res = app
        .send(
            &client,
            SignUp { email: "not-an-email".into(), password: "short".into(), display_name: "".into(), timezone: None },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    let fields = &body["Invalid"];
    for field in ["email", "password", "display_name"] {
        assert!(fields[field].is_string(), "{field} missing in {body}");
    }
}

#[tokio::test]
async fn common_passwords_are_refused() {
    let app = TestApp::spawn().await;
    let client = app.client();
    // "password1" is on Django's common-password list.
    let res = app
        .send(
            &client,
            SignUp {
                email: "c@example.org".into(),
                password: "password1".into(),
                display_name: "C".into(),
                timezone: None,
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["Invalid"]["password"].as_str().unwrap().contains("too common"), "{body}");
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let SignedUp { client: _, email, user_id: _ } = app.sign_up("Eli").await;
    let client = app.client();
    let wrong = app.send(&client, SignIn { email: email.clone(), password: "wrong-password-1".into() }).await;
    let unknown =
        app.send(&client, SignIn { email: "nobody@example.org".into(), password: "wrong-password-1".into() }).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.status(), wrong.status());
    assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());
}

#[tokio::test]
async fn sign_up_with_a_taken_email_answers_like_a_failed_sign_in() {
    let app = TestApp::spawn().await;
    let SignedUp { client: _, email, user_id: _ } = app.sign_up("Fay").await;
    let client = app.client();
    let taken = app
        .send(
            &client,
            SignUp { email, password: "another-long-pass-9".into(), display_name: "X".into(), timezone: None },
        )
        .await;
    let failed =
        app.send(&client, SignIn { email: "nobody@example.org".into(), password: "another-long-pass-9".into() }).await;
    assert_eq!(taken.status(), failed.status());
    assert_eq!(taken.text().await.unwrap(), failed.text().await.unwrap());
    let accounts: i64 = sqlx::query_scalar("select count(*) from auth.users").fetch_one(&app.admin).await.unwrap();
    assert_eq!(accounts, 1);
}

#[tokio::test]
async fn sessions_use_safe_cookies_get_a_new_id_at_each_sign_in_and_die_at_sign_out() {
    let app = TestApp::spawn().await;
    let SignedUp { client: _, email, user_id: _ } = app.sign_up("Gus").await;
    let client = app.client();
    let sign_in = || app.send(&client, SignIn { email: email.clone(), password: PASSWORD.into() });

    let res = sign_in().await;
    assert!(res.status().is_success(), "{}", res.status());
    let cookie = res.headers().get("set-cookie").expect("a session cookie").to_str().unwrap().to_owned();
    assert!(cookie.starts_with("welltrack="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP in tests: {cookie}");
    let first = cookie.split(';').next().unwrap().to_owned();

    // Replaying the cookie from elsewhere works while the session lives...
    let replay = || async {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(app.url("/"))
            .header("cookie", &first)
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(replay().await, StatusCode::OK);
    // ...and not after signing out: the session is gone on the server.
    let res = app.send(&client, SignOut {}).await;
    assert!(res.status().is_success());
    assert_eq!(replay().await, StatusCode::FOUND);

    let res = sign_in().await;
    let second = res.headers().get("set-cookie").expect("a new cookie").to_str().unwrap().to_owned();
    assert_ne!(second.split(';').next().unwrap(), first, "a new session id at sign-in");
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_per_account() {
    let app = TestApp::spawn().await;
    let SignedUp { client: _, email, user_id: _ } = app.sign_up("Hal").await;
    let client = app.client();
    for _ in 0..5 {
        let res = app.send(&client, SignIn { email: email.clone(), password: "nope-nope-nope".into() }).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right password is refused while the account is throttled.
    let res = app.send(&client, SignIn { email: email.clone(), password: PASSWORD.into() }).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn changing_the_password_signs_out_other_sessions_but_not_this_one() {
    let app = TestApp::spawn().await;
    let SignedUp { client: laptop, email, user_id: _ } = app.sign_up("Ivy").await;
    let phone = app.client();
    let res = app.send(&phone, SignIn { email: email.clone(), password: PASSWORD.into() }).await;
    assert!(res.status().is_success());
    assert_eq!(app.get_html(&phone, "/").await.0, StatusCode::OK);

    let res = app
        .send(
            &laptop,
            ChangePassword { current_password: PASSWORD.into(), new_password: "a-brand-new-passphrase".into() },
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());

    assert_eq!(app.get_html(&laptop, "/").await.0, StatusCode::OK, "this session continues");
    let res = phone.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND, "the other session ended");

    let old = app.send(&app.client(), SignIn { email: email.clone(), password: PASSWORD.into() }).await;
    assert_eq!(old.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let new = app.send(&app.client(), SignIn { email: email.clone(), password: "a-brand-new-passphrase".into() }).await;
    assert!(new.status().is_success());
}

#[tokio::test]
async fn deleting_the_account_leaves_no_row_of_that_user_in_any_table() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email, user_id } = app.sign_up("Jo").await;
    let SignedUp { client: _, email: _, user_id: other_id } = app.sign_up("Kim").await;
    // A second session whose page load puts the user in the server's cache.
    let phone = app.client();
    let res = app.send(&phone, SignIn { email: email.clone(), password: PASSWORD.into() }).await;
    assert!(res.status().is_success());
    assert_eq!(app.get_html(&phone, "/").await.0, StatusCode::OK);
    let res = app.send(&client, CreateProfile { form: profile("Lou") }).await;
    assert!(res.status().is_success());
    let res = app
        .send(
            &client,
            LogMetric {
                form: MetricForm {
                    metric: "weight".into(),
                    value: "70".into(),
                    unit: "kg".into(),
                    date: "".into(),
                    time: "".into(),
                },
            },
        )
        .await;
    assert!(res.status().is_success());

    let profiles: Vec<Uuid> = sqlx::query_scalar("select id from wt_profiles where user_id = $1")
        .bind(user_id)
        .fetch_all(&app.admin)
        .await
        .unwrap();
    assert_eq!(profiles.len(), 2);

    let sessions_of = |id: Uuid| {
        let admin = app.admin.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "select count(*) from tower_sessions.session where position(convert_to($1, 'UTF8') in data) > 0",
            )
            .bind(id.to_string())
            .fetch_one(&admin)
            .await
            .unwrap()
        }
    };
    assert_eq!(sessions_of(user_id).await, 2, "signed in on two clients");
    let wrong = app.send(&client, DeleteAccount { password: "not-my-password".into() }).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app.send(&client, DeleteAccount { password: PASSWORD.into() }).await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(sessions_of(user_id).await, 0, "the deletion removed every session of the account");
    assert_eq!(sessions_of(other_id).await, 1, "the other household's session stays");
    let res = phone.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND, "the other session ends at once, not when a cache expires");

    for id in std::iter::once(user_id).chain(profiles) {
        let leftovers = rows_mentioning(&app, id).await;
        assert!(leftovers.is_empty(), "rows still mention {id} of the deleted user: {leftovers:?}");
    }
    assert!(!rows_mentioning(&app, other_id).await.is_empty(), "the other household is untouched");
}

/// Every (table, count) in the public and auth schemas whose rows mention `id`
/// anywhere, or belong to one of its (former) profiles.
async fn rows_mentioning(app: &TestApp, id: Uuid) -> Vec<(String, i64)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace \
         where c.relkind = 'r' and n.nspname in ('public', 'auth') and c.relname <> '_sqlx_migrations'",
    )
    .fetch_all(&app.admin)
    .await
    .unwrap();
    let mut found = vec![];
    for table in tables {
        let n: i64 = sqlx::query_scalar(&format!(
            "select count(*) from {table} t where to_jsonb(t)::text like '%' || $1 || '%'"
        ))
        .bind(id.to_string())
        .fetch_one(&app.admin)
        .await
        .unwrap();
        if n > 0 {
            found.push((table, n));
        }
    }
    found
}

/// A dependent's complete profile form, as typed fields (for `send`).
pub fn profile(name: &str) -> ProfileForm {
    ProfileForm {
        display_name: name.into(),
        date_of_birth: "2017-04-02".into(),
        gender: "female".into(),
        height_cm: "128".into(),
        weight_kg: "26.5".into(),
        activity_level: "active".into(),
        fitness_goals: "swim 1 km".into(),
        dietary_restrictions: "vegetarian".into(),
        allergies: "peanuts, sesame".into(),
    }
}

/// The same form as raw fields, for `post_html_form` (a browser without JavaScript).
pub fn profile_form(name: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("display_name", name),
        ("date_of_birth", "2017-04-02"),
        ("gender", "female"),
        ("height_cm", "128"),
        ("weight_kg", "26.5"),
        ("activity_level", "active"),
        ("fitness_goals", "swim 1 km"),
        ("dietary_restrictions", "vegetarian"),
        ("allergies", "peanuts, sesame"),
    ]
}

#[tokio::test]
async fn many_failures_from_one_address_are_rate_limited_across_accounts() {
    let app = TestApp::spawn().await;
    let client = app.client();
    // 30 failures spread over 30 addresses: no single account reaches its limit.
    for i in 0..30 {
        let email = format!("probe-{i}@example.org");
        let res = app.send(&client, SignIn { email: email.clone(), password: "guess-guess-guess".into() }).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "attempt {i}");
    }
    let res =
        app.send(&client, SignIn { email: "probe-31@example.org".into(), password: "guess-guess-guess".into() }).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let form = [("email", "a@example.org"), ("password", "whatever-long")];
    let fetch_metadata = client
        .post(app.url("/api/account/sign-in"))
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(fetch_metadata.status(), StatusCode::FORBIDDEN);
    let origin = client
        .post(app.url("/api/account/sign-in"))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(origin.status(), StatusCode::FORBIDDEN);
    let same = client
        .post(app.url("/api/account/sign-in"))
        .header("origin", app.address.clone())
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), StatusCode::UNPROCESSABLE_ENTITY, "same-origin posts go through");
}

#[tokio::test]
async fn fifty_parallel_guesses_get_only_the_allowance_of_password_checks() {
    let app = TestApp::spawn().await;
    let SignedUp { client: _, email, user_id: _ } = app.sign_up("Ivy").await;
    let allowance = app::account::auth::Action::SignIn.allowance().per_subject;
    let guesses = (0..50).map(|i| {
        let (app, email) = (&app, email.clone());
        async move {
            let client = app.client();
            app.send(&client, SignIn { email, password: format!("wrong-guess-{i}") }).await.status()
        }
    });
    let answers = futures::future::join_all(guesses).await;
    // A refused attempt answers 429 before any password check; every other
    // answer is one check (a wrong password, 422). Recording the attempt
    // before checking, under a lock, lets exactly the allowance through.
    let checked = answers.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count();
    let refused = answers.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(checked as i64, allowance, "{answers:?}");
    assert_eq!(checked + refused, 50, "{answers:?}");
}

#[tokio::test]
async fn a_session_planted_before_sign_in_is_not_the_one_after_it() {
    let app = TestApp::spawn().await;
    let SignedUp { client: _, email, user_id: _ } = app.sign_up("Jon").await;
    // The attacker gets a real session id: a failed post without JavaScript
    // stores its flash in a new session.
    let attacker = app.client();
    let res = app
        .post_html_form(&attacker, "account/sign-in", "/sign-in", &[("email", &email), ("password", "wrong-guess")])
        .await;
    let planted = res.headers().get("set-cookie").expect("the flash starts a session").to_str().unwrap().to_owned();
    let planted = planted.split(';').next().unwrap().to_owned();
    // The victim signs in carrying that cookie.
    let victim = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res = victim
        .post(app.url("/api/account/sign-in"))
        .header("cookie", &planted)
        .header("accept", "application/json")
        .form(&[("email", email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let after = res.headers().get("set-cookie").expect("a new cookie").to_str().unwrap().to_owned();
    assert_ne!(after.split(';').next().unwrap(), planted, "the session id changes at sign-in");
    // The planted id does not open the victim's account.
    let res = victim.get(app.url("/")).header("cookie", &planted).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND, "the planted session is not signed in");
}

#[tokio::test]
async fn password_change_and_account_deletion_are_throttled_per_account() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Kit").await;
    let allowance = app::account::auth::Action::ChangePassword.allowance().per_subject;
    for _ in 0..allowance {
        let res = app
            .send(
                &client,
                ChangePassword { current_password: "not-it".into(), new_password: "a-new-passphrase-1".into() },
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let res = app
        .send(&client, ChangePassword { current_password: PASSWORD.into(), new_password: "a-new-passphrase-1".into() })
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    for _ in 0..app::account::auth::Action::DeleteAccount.allowance().per_subject {
        let res = app.send(&client, DeleteAccount { password: "not-it".into() }).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let res = app.send(&client, DeleteAccount { password: PASSWORD.into() }).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let still: i64 = sqlx::query_scalar("select count(*) from auth.users where id = $1")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(still, 1, "a throttled deletion deletes nothing");
}

#[tokio::test]
async fn housekeeping_removes_expired_sessions_and_old_attempts() {
    let app = TestApp::spawn().await;
    let _ = app.sign_up("Lee").await;
    sqlx::query("insert into auth.throttle_attempts (key, attempted_at) values ('sign-in:subject:x', now() - interval '2 days')")
        .execute(&app.admin)
        .await
        .unwrap();
    sqlx::query("update tower_sessions.session set expiry_date = now() - interval '1 minute'")
        .execute(&app.admin)
        .await
        .unwrap();
    let pruned = server::maintenance_worker::run_once(&app.admin).await.expect("housekeeping runs");
    assert_eq!(pruned, 1);
    let sessions: i64 =
        sqlx::query_scalar("select count(*) from tower_sessions.session").fetch_one(&app.admin).await.unwrap();
    assert_eq!(sessions, 0);
    let recent: i64 =
        sqlx::query_scalar("select count(*) from auth.throttle_attempts").fetch_one(&app.admin).await.unwrap();
    assert!(recent >= 1, "the sign-up's own attempt is recent and stays");
}
