//! Hostile input and the limits that hold against it: every server function
//! (as the router registers them) answers garbage with a 4xx, quickly; big
//! bodies are refused before any work; pages carry the security headers.

use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::helpers::{SignedUp, TestApp};

/// Field names the app's forms use (the endpoints themselves come from the router).
const FIELDS: &[&str] = &[
    "id",
    "profile_id",
    "recipe_id",
    "ingredient_id",
    "email",
    "password",
    "current_password",
    "new_password",
    "display_name",
    "timezone",
    "date",
    "time",
    "meal_date",
    "meal_type",
    "metric",
    "value",
    "unit",
    "name",
    "title",
    "description",
    "servings",
    "instruction",
    "module",
    "direction",
    "order",
    "size",
    "color",
    "enabled",
    "date_of_birth",
    "height_cm",
    "weight_kg",
    "gender",
    "activity_level",
    "fitness_goals",
    "allergies",
    "dietary_restrictions",
    "profile_type",
    "workout_type",
    "duration_minutes",
    "session_rpe",
    "note",
    "reason",
    "score",
    "q",
    "food_ndb_no",
    "quantity",
    "energy_kcal",
    "protein_g",
    "fat_g",
];

/// The fields a person types free text into.
const TEXT_FIELDS: &[&str] = &[
    "display_name",
    "name",
    "title",
    "description",
    "instruction",
    "note",
    "reason",
    "q",
    "unit",
    "fitness_goals",
    "allergies",
    "dietary_restrictions",
];

/// A value each field would accept in some form.
fn plausible(field: &str) -> &'static str {
    match field {
        "email" => "fuzz@example.org",
        "password" | "current_password" | "new_password" => "correct horse battery",
        "timezone" => "Europe/London",
        "date" | "meal_date" => "2026-01-02",
        "date_of_birth" => "1990-05-06",
        "time" => "08:30",
        "meal_type" => "breakfast",
        "metric" => "weight",
        "workout_type" => "run",
        "profile_type" => "dependent",
        "gender" => "female",
        "activity_level" => "moderate",
        "direction" => "up",
        "size" => "small",
        "module" => "meals",
        "enabled" => "true",
        "color" => "#336699",
        "food_ndb_no" => "09003",
        "id" | "profile_id" | "recipe_id" | "ingredient_id" => "00000000-0000-0000-0000-000000000000",
        "session_rpe" | "score" | "order" => "5",
        "duration_minutes" | "servings" | "quantity" => "2",
        "height_cm" => "170",
        "weight_kg" | "value" => "70",
        "energy_kcal" | "protein_g" | "fat_g" => "10",
        _ => "Porridge",
    }
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Hostile values: wrong types, extremes, other households' ids, oversized text.
fn hostile_values(other_profile: &str) -> Vec<String> {
    vec![
        String::new(),
        "not-a-uuid".into(),
        other_profile.to_owned(),
        "00000000-0000-0000-0000-000000000000".into(),
        "-1".into(),
        "1e308".into(),
        "NaN".into(),
        "99999999999999999999".into(),
        "0001-01-01".into(),
        "9999-12-31".into(),
        "2024-02-30".into(),
        "25:61".into(),
        "<script>alert(1)</script>".into(),
        "'; drop table wt_profiles; --".into(),
        "\u{0}\u{feff}\u{202e}".into(),
        ",".repeat(20_000),
        "a, ".repeat(10_000),
        "x".repeat(50_000),
    ]
}

fn bodies(rng: &mut Rng, values: &[String]) -> Vec<(String, &'static str)> {
    let form = "application/x-www-form-urlencoded";
    let mut out = vec![
        (String::new(), form),
        ("%%%&&&===".into(), form),
        ("{\"email\": 1}".into(), "application/json"),
        ("\u{ff}\u{fe}binary".into(), "application/octet-stream"),
    ];
    // Every field at once with each of the nastiest values, so no path's
    // coverage depends on the random draw (the registry's order varies).
    for nasty in ["\u{0}", "x\u{0}@example.org", "\u{202e}\u{feff}"] {
        let fields: Vec<String> = FIELDS.iter().map(|f| format!("{f}={}", urlencoding(nasty))).collect();
        out.push((fields.join("&"), form));
    }
    // Plausible values everywhere but one text field, which carries NUL: the
    // other fields then pass their checks, so the text reaches its own.
    for nasty_field in TEXT_FIELDS {
        let fields: Vec<String> = FIELDS
            .iter()
            .map(|f| {
                let value = if f == nasty_field { "Mia\u{0}" } else { plausible(f) };
                format!("{f}={}", urlencoding(value))
            })
            .collect();
        out.push((fields.join("&"), form));
    }
    for _ in 0..6 {
        let mut fields = Vec::new();
        for _ in 0..(rng.next() % 12 + 1) {
            let value = &values[(rng.next() % values.len() as u64) as usize];
            fields.push(format!("{}={}", rng.pick(FIELDS), urlencoding(value)));
        }
        out.push((fields.join("&"), form));
    }
    out
}

fn urlencoding(value: &str) -> String {
    value
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[tokio::test]
async fn every_server_function_answers_hostile_input_with_a_4xx_within_a_second() {
    let app = TestApp::spawn().await;
    let SignedUp { client: signed_in, email: _, user_id: _ } = app.sign_up("Fuzz").await;
    let other = app.sign_up("Other").await;
    let other_profile = app.primary_profile(other.user_id).await.to_string();
    let anonymous = app.client();
    let paths: Vec<(&str, _)> = leptos::server_fn::axum::server_fn_paths().collect();
    assert!(paths.len() >= 20, "the router registers the app's server functions: {}", paths.len());
    let values = hostile_values(&other_profile);
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut answered = 0;
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for (path, method) in &paths {
        // Deleting the fuzzer's own account would end the signed-in half early.
        let destructive = path.ends_with("/account/delete") || path.ends_with("/account/sign-out");
        for (who, client) in [("visitor", &anonymous), ("signed in", &signed_in)] {
            if destructive && who == "signed in" {
                continue;
            }
            for (body, content_type) in bodies(&mut rng, &values) {
                let started = Instant::now();
                let res = client
                    .request(method.clone(), app.url(path))
                    .header("content-type", content_type)
                    .header("accept", "application/json")
                    .body(body.clone())
                    .send()
                    .await
                    .expect("an answer");
                let took = started.elapsed();
                let status = res.status();
                let text = res.text().await.unwrap_or_default();
                let shown: String = body.chars().take(120).collect();
                assert!(!status.is_server_error(), "{path} as {who} answered {status} to {shown:?}: {text}");
                assert!(took < Duration::from_secs(1), "{path} as {who} took {took:?} for {shown:?}");
                if status.is_client_error() {
                    assert!(!text.trim().is_empty(), "{path} as {who}: a 4xx says what was wrong ({status})");
                }
                answered += 1;
                *statuses.entry(status.as_u16()).or_default() += 1;
            }
        }
    }
    assert!(answered > 200, "{answered}");
    // The bodies reached the functions: visitors were turned away, and signed-in
    // calls got as far as field-by-field validation.
    eprintln!("fuzz: {answered} calls over {} functions: {statuses:?}", paths.len());
    assert!(statuses.contains_key(&401), "{statuses:?}");
    assert!(statuses.contains_key(&422), "{statuses:?}");
    // The other household is untouched by anything the fuzzer sent.
    let rows: i64 = sqlx::query_scalar("select count(*) from wt_profiles where user_id = $1")
        .bind(other.user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn two_hostile_two_megabyte_bodies_do_not_slow_a_page() {
    let app = TestApp::spawn().await;
    let page = app.client();
    let (status, _) = app.get_html(&page, "/sign-in").await; // warm
    assert_eq!(status, StatusCode::OK);
    let hostile = |n: usize| {
        let app = &app;
        async move {
            let body = format!("display_name=x&fitness_goals={}", "a,".repeat(1_000_000 + n));
            app.client()
                .post(app.url("/api/profiles/create"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .map(|r| r.status())
        }
    };
    let timed_page = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let started = Instant::now();
        let (status, _) = app.get_html(&page, "/sign-in").await;
        (status, started.elapsed())
    };
    let (a, b, (status, took)) = tokio::join!(hostile(0), hostile(1), timed_page);
    assert_eq!(status, StatusCode::OK);
    assert!(took < Duration::from_millis(100), "/sign-in took {took:?} beside two hostile bodies");
    for answer in [a, b] {
        // Refused by size before any parsing (or the connection closed while sending).
        if let Ok(code) = answer {
            assert_eq!(code, StatusCode::PAYLOAD_TOO_LARGE);
        }
    }
}

#[tokio::test]
async fn pages_carry_a_content_security_policy_whose_nonce_their_scripts_use() {
    let app = TestApp::spawn().await;
    let res = app.client().get(app.url("/sign-in")).send().await.unwrap();
    let csp = res.headers().get("content-security-policy").expect("a CSP").to_str().unwrap().to_owned();
    assert_eq!(res.headers().get("x-frame-options").unwrap(), "DENY");
    assert_eq!(res.headers().get("x-content-type-options").unwrap(), "nosniff");
    assert!(res.headers().get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect("a nonce").to_owned();
    let html = res.text().await.unwrap();
    let scripts = html.matches("<script").count();
    assert!(scripts > 0, "the hydration script is there");
    assert_eq!(html.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "every script carries the nonce");
    // A fresh nonce per response.
    let again = app.client().get(app.url("/sign-in")).send().await.unwrap();
    assert!(!again.headers().get("content-security-policy").unwrap().to_str().unwrap().contains(&nonce));
}

#[tokio::test]
async fn the_embedded_cluster_admits_only_this_os_user_as_its_two_roles() {
    use sqlx::Connection;
    let database = crate::helpers::fresh_database().await;
    let admin = crate::helpers::admin_pool(&database).await;
    // A login role with a password and every right to connect: still refused,
    // because peer authentication maps only this OS user to the superuser and wt_app.
    sqlx::query("create role intruder login password 'known-to-the-attacker'").execute(&admin).await.unwrap();
    let refused = sqlx::PgConnection::connect_with(
        &crate::helpers::cluster().options("intruder", &database).password("known-to-the-attacker"),
    )
    .await;
    let err = refused.err().expect("the intruder role cannot connect").to_string();
    assert!(err.contains("authentication failed"), "{err}");
    sqlx::query("drop role intruder").execute(&admin).await.unwrap();
    // The app's own login role connects.
    sqlx::PgConnection::connect_with(&crate::helpers::cluster().options("wt_app", &database))
        .await
        .expect("wt_app connects");
    // No line of pg_hba.conf trusts anyone.
    let methods: Vec<String> =
        sqlx::query_scalar("select auth_method from pg_hba_file_rules").fetch_all(&admin).await.unwrap();
    assert!(!methods.is_empty() && methods.iter().all(|m| m == "peer"), "{methods:?}");
}
