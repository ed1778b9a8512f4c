//! The schema against the spec (specs/welltrack-er-diagram.md) and its invariants: the
//! table list, the additive Phase 1b migration, generated and checked columns, indexes
//! behind every policy, updated_at triggers and the roles.

use std::borrow::Cow;

use serde_json::Value as JsonValue;
use server::migrations::MIGRATOR;
use sqlx::migrate::{Migration, Migrator};
use sqlx::PgPool;
use uuid::Uuid;

use crate::helpers::{admin_pool, empty_database, fresh_database};

/// The 34 tables of the ER diagram: 29 of Phase 1 and 5 of Phase 1b.
const ER_TABLES: [&str; 34] = [
    // Core
    "wt_users",
    "wt_profiles",
    "wt_profile_modules",
    // Meals & recipes
    "wt_recipes",
    "wt_recipe_steps",
    "wt_recipe_ingredients",
    "wt_meals",
    "wt_pantry_items",
    "wt_leftovers",
    "wt_nutrients",
    "wt_nutrient_targets",
    "wt_meal_nutrient_breakdown",
    // Supplements
    "wt_supplements",
    "wt_supplement_logs",
    "wt_supplement_protocols",
    // Workouts
    "wt_exercises",
    "wt_workouts",
    "wt_workout_logs",
    // Health metrics
    "wt_health_metrics",
    "wt_health_connections",
    // Plans & goals
    "wt_plans",
    "wt_plan_items",
    "wt_goal_forecasts",
    // Daily & insights
    "wt_daily_logs",
    "wt_insights",
    "wt_reminders",
    // AI
    "wt_ai_usage",
    "wt_ai_audit_log",
    "wt_ai_memory",
    // Performance engine (Phase 1b)
    "wt_baselines",
    "wt_training_loads",
    "wt_recovery_scores",
    "wt_forecasts",
    "wt_webhook_events",
];

fn sqlstate(error: &sqlx::Error) -> Option<String> {
    error.as_database_error().and_then(|e| e.code()).map(|code| code.into_owned())
}

/// A user and a primary profile, written as the superuser; returns the profile id.
async fn seed_profile(admin: &PgPool) -> Uuid {
    let user = Uuid::new_v4();
    sqlx::query("insert into auth.users (id, email, password_hash) values ($1, $2, 'not-a-hash')")
        .bind(user)
        .bind(format!("schema-{}@example.org", user.simple()))
        .execute(admin)
        .await
        .expect("insert auth.users");
    sqlx::query_scalar(
        "insert into wt_profiles (user_id, profile_type, display_name, is_primary) \
         values ($1, 'parent', 'Schema test', true) returning id",
    )
    .bind(user)
    .fetch_one(admin)
    .await
    .expect("insert wt_profiles")
}

#[tokio::test]
async fn the_schema_has_all_34_wt_tables() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let mut tables: Vec<String> = sqlx::query_scalar(
        r"select c.relname::text
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.relname like 'wt\_%'",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    tables.sort();
    let mut expected: Vec<String> = ER_TABLES.iter().map(|t| t.to_string()).collect();
    expected.sort();
    assert_eq!(tables.len(), 34, "{tables:?}");
    assert_eq!(tables, expected);
}

/// 0009 is additive: a health metric written under Phase 1 keeps every value and gets the
/// new columns' defaults.
#[tokio::test]
async fn phase_1b_keeps_existing_health_metrics_and_applies_defaults() {
    let db = empty_database().await;
    let admin = admin_pool(&db).await;

    let phase_1: Vec<Migration> = MIGRATOR.iter().filter(|m| m.version < 9).cloned().collect();
    assert_eq!(phase_1.len(), 8, "migrations 0001-0008 make up Phase 1");
    let phase_1 = Migrator { migrations: Cow::Owned(phase_1), ..Migrator::DEFAULT };
    phase_1.run(&admin).await.expect("migrations 0001-0008 apply");

    let has_1b_columns: bool = sqlx::query_scalar(
        "select exists (select 1 from information_schema.columns \
         where table_schema = 'public' and table_name = 'wt_health_metrics' and column_name = 'validation_status')",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!(!has_1b_columns, "only Phase 1 is applied so far");

    let profile = seed_profile(&admin).await;
    let metric: Uuid = sqlx::query_scalar(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, unit, \
                                        start_time, end_time, recorded_at, raw_payload_json, dedupe_hash) \
         select user_id, id, 'garmin', 'resting_hr', 54.5, 'bpm', \
                '2026-03-01 06:00+00', '2026-03-01 07:00+00', '2026-03-01 07:00+00', \
                '{\"summaryId\": \"x1\"}', 'phase-1b-test' \
         from wt_profiles where id = $1 \
         returning id",
    )
    .bind(profile)
    .fetch_one(&admin)
    .await
    .expect("a Phase 1 health metric");
    let before: JsonValue = sqlx::query_scalar("select to_jsonb(m) from wt_health_metrics m where id = $1")
        .bind(metric)
        .fetch_one(&admin)
        .await
        .unwrap();

    MIGRATOR.run(&admin).await.expect("0009 and later apply over existing data");

    let kept: JsonValue = sqlx::query_scalar(
        "select to_jsonb(m) - array['validation_status', 'ingestion_source_version', 'processing_status', 'is_primary'] \
         from wt_health_metrics m where id = $1",
    )
    .bind(metric)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(kept, before, "the existing row kept all its values");

    let (value, validation, version, processing, primary): (String, String, String, String, bool) = sqlx::query_as(
        "select value_num::text, validation_status::text, ingestion_source_version, processing_status::text, is_primary \
         from wt_health_metrics where id = $1",
    )
    .bind(metric)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(value, "54.5");
    assert_eq!(validation, "raw");
    assert_eq!(version, "v1");
    assert_eq!(processing, "pending");
    assert!(primary);
}

#[tokio::test]
async fn training_load_is_generated_from_duration_and_intensity() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let profile = seed_profile(&admin).await;
    let workout: Uuid = sqlx::query_scalar(
        "insert into wt_workouts (profile_id, name, workout_type, duration_minutes) values ($1, 'Run', 'cardio', 45) returning id",
    )
    .bind(profile)
    .fetch_one(&admin)
    .await
    .unwrap();

    let load: String = sqlx::query_scalar(
        "insert into wt_training_loads (profile_id, workout_id, load_date, duration_minutes, intensity_factor, load_type) \
         values ($1, $2, '2026-03-02', 45, 0.7, 'cardio') returning training_load::text",
    )
    .bind(profile)
    .bind(workout)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(load, "31.5");

    // It follows its inputs.
    let load: f64 = sqlx::query_scalar(
        "update wt_training_loads set duration_minutes = 60 where workout_id = $1 returning training_load::float8",
    )
    .bind(workout)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!((load - 42.0).abs() < 1e-9, "{load}");

    // A direct write is refused, even for the superuser (SQLSTATE 428C9, generated_always).
    let insert = sqlx::query(
        "insert into wt_training_loads (profile_id, workout_id, load_date, duration_minutes, intensity_factor, load_type, training_load) \
         values ($1, $2, '2026-03-03', 45, 0.7, 'cardio', 99)",
    )
    .bind(profile)
    .bind(workout)
    .execute(&admin)
    .await
    .expect_err("a direct insert of training_load is refused");
    assert_eq!(sqlstate(&insert).as_deref(), Some("428C9"), "{insert}");
    let update = sqlx::query("update wt_training_loads set training_load = 99 where workout_id = $1")
        .bind(workout)
        .execute(&admin)
        .await
        .expect_err("a direct update of training_load is refused");
    assert_eq!(sqlstate(&update).as_deref(), Some("428C9"), "{update}");
}

#[tokio::test]
async fn recovery_score_outside_0_to_100_is_refused() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let profile = seed_profile(&admin).await;
    let insert = |day: u32, score: &'static str, component: &'static str| {
        let admin = admin.clone();
        async move {
            let sql = format!(
                "insert into wt_recovery_scores (profile_id, score_date, recovery_score, stress_component) \
                 values ($1, '2026-03-{day:02}', {score}, {component})"
            );
            sqlx::query(&sql).bind(profile).execute(&admin).await
        }
    };

    for (day, score) in [(1, "0"), (2, "100"), (3, "72.5")] {
        insert(day, score, "50").await.unwrap_or_else(|e| panic!("recovery_score {score} is accepted: {e}"));
    }
    for (day, score, component) in
        [(4, "100.5", "50"), (5, "-0.1", "50"), (6, "101", "50"), (7, "50", "101"), (8, "50", "-1")]
    {
        let error = insert(day, score, component)
            .await
            .expect_err(&format!("recovery_score {score} with stress_component {component} is refused"));
        assert_eq!(sqlstate(&error).as_deref(), Some("23514"), "check_violation expected: {error}");
    }
    let stored: i64 = sqlx::query_scalar("select count(*) from wt_recovery_scores where profile_id = $1")
        .bind(profile)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(stored, 3);
}

/// Policies filter on these columns in every query: each needs an index that starts with
/// it (a plain, non-partial one).
#[tokio::test]
async fn every_policy_column_is_indexed() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let columns: Vec<(String, String, bool)> = sqlx::query_as(
        r"select c.relname::text, a.attname::text,
                 exists (select 1 from pg_index i
                         where i.indrelid = c.oid and i.indkey[0] = a.attnum and i.indpred is null)
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
          where n.nspname = 'public' and c.relkind = 'r' and c.relname like 'wt\_%'
            and exists (select 1 from pg_policy p where p.polrelid = c.oid)
            and a.attname in ('profile_id', 'user_id', 'recipe_id', 'meal_id', 'plan_id')
          order by 1, 2",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(
        columns.iter().any(|(t, c, _)| t == "wt_health_metrics" && c == "profile_id"),
        "the catalog query finds the policy columns: {columns:?}"
    );
    let missing: Vec<String> = columns
        .iter()
        .filter(|(_, _, indexed)| !indexed)
        .map(|(table, column, _)| format!("{table}.{column}"))
        .collect();
    assert!(missing.is_empty(), "policy columns without an index that starts with them: {missing:?}");
}

#[tokio::test]
async fn updated_at_is_maintained_by_trigger() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let profile = seed_profile(&admin).await;
    sqlx::query("update wt_profiles set updated_at = '2001-01-01 00:00+00' where id = $1")
        .bind(profile)
        .execute(&admin)
        .await
        .unwrap();

    // Even an UPDATE that sets updated_at to an old value gets the current time.
    let (refreshed, now): (bool, bool) = sqlx::query_as(
        "update wt_profiles set display_name = 'Renamed', updated_at = '2001-01-01 00:00+00' where id = $1 \
         returning updated_at > '2001-01-02 00:00+00'::timestamptz, updated_at = now()",
    )
    .bind(profile)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!(refreshed && now, "updated_at was not set by the trigger");

    // And every wt_ table with an updated_at column has the trigger.
    let without: Vec<String> = sqlx::query_scalar(
        r"select c.relname::text
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attname = 'updated_at' and not a.attisdropped
          where n.nspname = 'public' and c.relkind = 'r' and c.relname like 'wt\_%'
            and not exists (select 1 from pg_trigger t
                            where t.tgrelid = c.oid and not t.tgisinternal
                              and t.tgfoid = 'private.set_updated_at()'::regprocedure)
          order by 1",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(without.is_empty(), "tables with updated_at but no set_updated_at trigger: {without:?}");
}

#[tokio::test]
async fn roles_exist_with_the_right_attributes() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let roles: Vec<(String, bool, bool, bool)> = sqlx::query_as(
        "select rolname::text, rolbypassrls, rolcanlogin, rolsuper from pg_roles \
         where rolname in ('anon', 'authenticated', 'service_role', 'wt_rls_definer', 'wt_app', 'wt_service') \
         order by 1",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    let role = |name: &str| {
        roles
            .iter()
            .find(|(n, ..)| n == name)
            .map(|(_, bypassrls, login, superuser)| (*bypassrls, *login, *superuser))
            .unwrap_or_else(|| panic!("role {name} exists"))
    };
    // (bypassrls, login, superuser)
    assert_eq!(role("service_role"), (true, false, false), "service_role bypasses RLS and cannot log in");
    assert_eq!(role("authenticated"), (false, false, false), "authenticated is subject to RLS");
    assert_eq!(role("anon"), (false, false, false), "anon is subject to RLS");
    assert_eq!(role("wt_rls_definer"), (true, false, false), "the policy helpers' owner bypasses RLS");
    assert_eq!(role("wt_app"), (false, true, false), "wt_app logs in, and is neither superuser nor BYPASSRLS");
    assert_eq!(role("wt_service"), (false, true, false), "wt_service logs in, and bypasses RLS only as service_role");

    let memberships = |login: &'static str| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "select r.rolname::text from pg_auth_members m join pg_roles r on r.oid = m.roleid \
                 where m.member = $1::regrole order by 1",
            )
            .bind(login)
            .fetch_all(&admin)
            .await
            .unwrap()
        }
    };
    // Request code cannot become service_role, whatever it runs.
    assert_eq!(memberships("wt_app").await, ["anon", "authenticated"]);
    assert_eq!(memberships("wt_service").await, ["authenticated", "service_role"]);
    let sessions: bool = sqlx::query_scalar(
        "select has_table_privilege('wt_app', 'tower_sessions.session', 'select') \
             or has_schema_privilege('wt_app', 'tower_sessions', 'usage')",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!(!sessions, "request code cannot read the session store");

    // The login role owns nothing: an owner would bypass RLS unless forced, and could
    // change the policies.
    let owned: Vec<String> = sqlx::query_scalar(
        "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace \
         where c.relowner in ('wt_app'::regrole, 'wt_service'::regrole) order by 1",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(owned.is_empty(), "a login role owns relations: {owned:?}");
    let owned_in_public: i64 = sqlx::query_scalar(
        "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace \
         where n.nspname = 'public' and c.relowner = 'wt_app'::regrole",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(owned_in_public, 0, "wt_app owns no table in public");
}

#[tokio::test]
async fn a_database_that_applied_an_amended_migrations_old_text_still_migrates() {
    let db = fresh_database().await;
    // One connection, as the server migrates: sqlx's Migrator returns a
    // checksum error while still holding its session advisory lock, so a
    // second connection of the same pool would wait for it forever.
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect_with(crate::helpers::cluster().options(server::embedded_pg::SUPERUSER, &db))
        .await
        .unwrap();
    for (version, old) in server::migrations::AMENDED {
        sqlx::query("update _sqlx_migrations set checksum = decode($2, 'hex') where version = $1")
            .bind(version)
            .bind(old)
            .execute(&admin)
            .await
            .unwrap();
    }
    let plain = MIGRATOR.run(&admin).await;
    assert!(plain.is_err(), "sqlx alone refuses the changed text");
    server::migrations::run(&admin).await.expect("the amendments are accepted");
    assert_eq!(server::migrations::accept_amendments(&admin).await.unwrap(), 0, "nothing left to rewrite");
    // Any other checksum is still refused.
    sqlx::query("update _sqlx_migrations set checksum = '\\x00' where version = 1").execute(&admin).await.unwrap();
    assert!(server::migrations::run(&admin).await.is_err(), "an unknown change is not accepted");
}
