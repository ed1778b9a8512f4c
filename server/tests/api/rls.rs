//! Row-level security, proven against the real schema (docs/security.md, "Tests that
//! prove it").
//!
//! The matrix test reads the list of `wt_` tables from the catalog, so a table added
//! later is covered without touching this file; it only needs rows in
//! `tests/fixtures/household.sql`, and the test fails until it has them.
//!
//! Every probe runs the way request code does (`app/src/db/mod.rs`): on the `wt_app`
//! pool, in its own transaction, after `set_config('role', ..., true)` and, for a
//! signed-in user, `set_config('app.user_id', ..., true)`; then it is rolled back.
//! Denials take two shapes: a missing grant or a failed WITH CHECK raises SQLSTATE
//! 42501, a USING filter silently matches zero rows.

use std::collections::BTreeMap;

use serde_json::Value as JsonValue;
use sqlx::postgres::{PgArguments, PgQueryResult};
use sqlx::query::Query;
use sqlx::{Connection, PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::helpers::{admin_pool, app_pool, cluster, fresh_database};

const FIXTURE: &str = include_str!("../fixtures/household.sql");

/// Shared reference data: readable by everyone, written by service_role only.
const REFERENCE_TABLES: [&str; 2] = ["wt_nutrients", "wt_exercises"];

const INSUFFICIENT_PRIVILEGE: &str = "42501";

// ---------------------------------------------------------------------------------------
// Arranging
// ---------------------------------------------------------------------------------------

struct Household {
    user: Uuid,
    /// The primary (parent) profile.
    parent: Uuid,
}

/// Loads `fixtures/household.sql` as the superuser for a new user.
async fn load_household(admin: &PgPool) -> Household {
    let user = Uuid::new_v4();
    let sql = FIXTURE
        .replace("__USER_ID__", &user.to_string())
        .replace("__EMAIL__", &format!("household-{}@example.org", user.simple()));
    sqlx::raw_sql(&sql).execute(admin).await.expect("fixtures/household.sql loads");
    let parent = sqlx::query_scalar("select id from wt_profiles where user_id = $1 and is_primary")
        .bind(user)
        .fetch_one(admin)
        .await
        .expect("the fixture's parent profile");
    Household { user, parent }
}

/// Every `wt_` table of the public schema, from the catalog.
async fn wt_tables(admin: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        r"select c.relname::text
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.relname like 'wt\_%'
          order by 1",
    )
    .fetch_all(admin)
    .await
    .expect("the wt_ tables")
}

/// The ids of every row of every table (read as the superuser).
async fn ids_by_table(admin: &PgPool, tables: &[String]) -> BTreeMap<String, Vec<Uuid>> {
    let mut ids = BTreeMap::new();
    for table in tables {
        let rows: Vec<Uuid> = sqlx::query_scalar(&format!(r#"select id from public."{table}" order by id"#))
            .fetch_all(admin)
            .await
            .unwrap_or_else(|e| panic!("{table}: the matrix expects a uuid column `id`: {e}"));
        ids.insert(table.clone(), rows);
    }
    ids
}

/// The columns an INSERT may name: all but generated (and identity-always) columns.
async fn insertable_columns(admin: &PgPool, table: &str) -> Vec<String> {
    sqlx::query_scalar(
        "select a.attname::text
         from pg_attribute a
         where a.attrelid = (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
                             where n.nspname = 'public' and c.relname = $1)
           and a.attnum > 0 and not a.attisdropped
           and a.attgenerated = '' and a.attidentity <> 'a'
         order by a.attnum",
    )
    .bind(table)
    .fetch_all(admin)
    .await
    .expect("the table's columns")
}

// ---------------------------------------------------------------------------------------
// Acting
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Actor {
    name: &'static str,
    role: &'static str,
    user: Option<Uuid>,
}

impl Actor {
    fn signed_in(name: &'static str, user: Uuid) -> Self {
        Self { name, role: "authenticated", user: Some(user) }
    }
    fn anon() -> Self {
        Self { name: "anon", role: "anon", user: None }
    }
    fn no_user() -> Self {
        Self { name: "authenticated without app.user_id", role: "authenticated", user: None }
    }
}

/// A transaction on the `wt_app` pool acting as `actor`, set up like the app's `begin_as`.
async fn begin_as(app: &PgPool, actor: &Actor) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
    let mut tx = app.begin().await?;
    match actor.user {
        Some(user) => {
            sqlx::query("select set_config('role', $1, true), set_config('app.user_id', $2, true)")
                .bind(actor.role)
                .bind(user.to_string())
                .execute(&mut *tx)
                .await?
        }
        None => sqlx::query("select set_config('role', $1, true)").bind(actor.role).execute(&mut *tx).await?,
    };
    Ok(tx)
}

fn sqlstate(error: &sqlx::Error) -> Option<String> {
    error.as_database_error().and_then(|e| e.code()).map(|code| code.into_owned())
}

enum Outcome {
    /// The statement ran and matched (SELECT: counted) this many rows.
    Rows(u64),
    /// SQLSTATE 42501: no grant, or a row failed a WITH CHECK / USING check on write.
    Refused,
    /// Any other error: not the denial the policies are meant to produce.
    Failed(String),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Rows(rows) => write!(f, "{rows} row(s)"),
            Outcome::Refused => f.write_str("refused with 42501"),
            Outcome::Failed(error) => write!(f, "error {error}"),
        }
    }
}

fn outcome(result: Result<u64, sqlx::Error>) -> Outcome {
    match result {
        Ok(rows) => Outcome::Rows(rows),
        Err(e) if sqlstate(&e).as_deref() == Some(INSUFFICIENT_PRIVILEGE) => Outcome::Refused,
        Err(e) => Outcome::Failed(format!("{} ({e})", sqlstate(&e).unwrap_or_else(|| "no SQLSTATE".into()))),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Probe {
    Select,
    Update,
    Delete,
    Insert,
}

/// What the probes aim at in one table.
struct Target {
    table: String,
    ids: Vec<Uuid>,
    /// `insert into t (cols) select cols from jsonb_populate_record(null::t, $1)`.
    insert_sql: String,
    /// One of the target rows as jsonb, with a new id.
    copy: JsonValue,
}

/// Runs one probe in its own transaction as `actor`, then rolls it back.
async fn run_probe(app: &PgPool, actor: &Actor, probe: Probe, target: &Target) -> Outcome {
    let table = &target.table;
    let select_sql = format!(r#"select count(*) from public."{table}" where id = any($1)"#);
    let update_sql = format!(r#"update public."{table}" set id = id where id = any($1)"#);
    let delete_sql = format!(r#"delete from public."{table}" where id = any($1)"#);

    let mut tx = match begin_as(app, actor).await {
        Ok(tx) => tx,
        Err(e) => return Outcome::Failed(format!("could not open the probe transaction: {e}")),
    };
    let result: Result<u64, sqlx::Error> = match probe {
        Probe::Select => sqlx::query_scalar::<_, i64>(&select_sql)
            .bind(target.ids.clone())
            .fetch_one(&mut *tx)
            .await
            .map(|n| n as u64),
        Probe::Update => {
            sqlx::query(&update_sql).bind(target.ids.clone()).execute(&mut *tx).await.map(|r| r.rows_affected())
        }
        Probe::Delete => {
            sqlx::query(&delete_sql).bind(target.ids.clone()).execute(&mut *tx).await.map(|r| r.rows_affected())
        }
        Probe::Insert => {
            sqlx::query(&target.insert_sql).bind(target.copy.clone()).execute(&mut *tx).await.map(|r| r.rows_affected())
        }
    };
    // ROLLBACK is valid in an aborted transaction too.
    if let Err(e) = tx.rollback().await {
        return Outcome::Failed(format!("rollback failed: {e}"));
    }
    outcome(result)
}

fn assert_refused(result: Result<PgQueryResult, sqlx::Error>, what: &str) {
    match result {
        Ok(r) => panic!("{what}: expected SQLSTATE 42501, but it succeeded ({} rows)", r.rows_affected()),
        Err(e) => assert_eq!(
            sqlstate(&e).as_deref(),
            Some(INSUFFICIENT_PRIVILEGE),
            "{what}: expected SQLSTATE 42501, got {e}"
        ),
    }
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn every_wt_table_has_row_level_security_enabled_and_forced() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    // The household's images (media.images, 0027) are household rows too.
    let tables: Vec<(String, bool, bool)> = sqlx::query_as(
        r"select n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'r' and ((n.nspname = 'public' and c.relname like 'wt\_%') or n.nspname = 'media')
          order by 1",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(!tables.is_empty(), "no wt_ tables found");
    assert!(tables.iter().any(|(name, _, _)| name == "media.images"), "media.images is checked");
    let unprotected: Vec<String> = tables
        .iter()
        .filter(|(_, enabled, forced)| !(*enabled && *forced))
        .map(|(name, enabled, forced)| format!("{name} (enabled: {enabled}, forced: {forced})"))
        .collect();
    assert!(unprotected.is_empty(), "tables without RLS enabled and forced:\n{}", unprotected.join("\n"));
}

/// The generated matrix: for every `wt_` table, the owner sees its rows, and another
/// household, anon and a signed-out `authenticated` can neither see, change, delete nor
/// forge (insert a copy of) any of them.
#[tokio::test]
async fn no_other_household_or_anonymous_caller_can_touch_a_households_rows_in_any_wt_table() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let app = app_pool(&db).await;
    let tables = wt_tables(&admin).await;
    assert!(!tables.is_empty(), "no wt_ tables found");

    // A's rows are exactly the rows its fixture added (snapshot before and after, so rows
    // that migrations may seed are not counted as A's); B is loaded afterwards.
    let seeded = ids_by_table(&admin, &tables).await;
    let a = load_household(&admin).await;
    let after_a = ids_by_table(&admin, &tables).await;
    let b = load_household(&admin).await;

    let owner = Actor::signed_in("owner A", a.user);
    let others = [Actor::signed_in("household B", b.user), Actor::anon(), Actor::no_user()];

    let mut failures: Vec<String> = Vec::new();
    let mut probes = 0usize;
    for table in &tables {
        let reference = REFERENCE_TABLES.contains(&table.as_str());
        let ids: Vec<Uuid> = if reference {
            seeded[table].clone()
        } else {
            after_a[table].iter().filter(|id| !seeded[table].contains(*id)).copied().collect()
        };
        if ids.is_empty() {
            if reference {
                failures.push(format!("{table}: the reference table has no seed rows"));
            } else {
                failures.push(format!(
                    "{table}: tests/fixtures/household.sql adds no row to this table, so its RLS \
                     cannot be tested: every wt_ table needs fixture rows (a new table? add its rows \
                     to the fixture)"
                ));
            }
            continue;
        }

        let columns = insertable_columns(&admin, table).await;
        let column_list = columns.iter().map(|c| format!(r#""{c}""#)).collect::<Vec<_>>().join(", ");
        let insert_sql = format!(
            r#"insert into public."{table}" ({column_list}) select {column_list} from jsonb_populate_record(null::public."{table}", $1)"#
        );
        let copy: JsonValue = sqlx::query_scalar(&format!(
            r#"select to_jsonb(t) || jsonb_build_object('id', gen_random_uuid()) from public."{table}" t where t.id = $1"#
        ))
        .bind(ids[0])
        .fetch_one(&admin)
        .await
        .unwrap_or_else(|e| panic!("{table}: copying a row as jsonb: {e}"));
        let target = Target { table: table.clone(), ids: ids.clone(), insert_sql, copy };
        let n = ids.len() as u64;

        if reference {
            // Everyone reads the shared reference data; nobody but service_role writes it.
            for actor in std::iter::once(&owner).chain(others.iter()) {
                for probe in [Probe::Select, Probe::Update, Probe::Delete, Probe::Insert] {
                    probes += 1;
                    match (probe, run_probe(&app, actor, probe, &target).await) {
                        (Probe::Select, Outcome::Rows(seen)) if seen == n => {}
                        (Probe::Select, other) => failures
                            .push(format!("{table}: {} should read all {n} reference rows, got {other}", actor.name)),
                        (Probe::Insert, Outcome::Refused) => {}
                        (_, Outcome::Rows(0) | Outcome::Refused) if probe != Probe::Insert => {}
                        (_, other) => failures.push(format!(
                            "{table}: {} {probe:?} of reference data was not refused: {other}",
                            actor.name
                        )),
                    }
                }
            }
            continue;
        }

        // The owner sees all of its rows (which also shows the probes can see rows at all).
        probes += 1;
        match run_probe(&app, &owner, Probe::Select, &target).await {
            Outcome::Rows(seen) if seen == n => {}
            other => failures.push(format!("{table}: owner A should see all {n} of its rows, got {other}")),
        }
        // Where the grants let authenticated update `id`, the owner's UPDATE probe reaches
        // all its rows: the same statement from the other actors must then be a real test.
        let id_updatable: bool = sqlx::query_scalar(
            "select has_column_privilege('authenticated', format('public.%I', $1::text), 'id', 'UPDATE')",
        )
        .bind(table)
        .fetch_one(&admin)
        .await
        .unwrap();
        if id_updatable {
            probes += 1;
            match run_probe(&app, &owner, Probe::Update, &target).await {
                Outcome::Rows(updated) if updated == n => {}
                other => {
                    failures.push(format!("{table}: owner A's UPDATE should reach all {n} of its rows, got {other}"))
                }
            }
        }

        for actor in &others {
            for probe in [Probe::Select, Probe::Update, Probe::Delete, Probe::Insert] {
                probes += 1;
                match (probe, run_probe(&app, actor, probe, &target).await) {
                    (Probe::Insert, Outcome::Refused) => {}
                    (Probe::Insert, other) => failures.push(format!(
                        "{table}: {} INSERT of a copy of A's row (new id) should fail with 42501, got {other}",
                        actor.name
                    )),
                    (_, Outcome::Rows(0) | Outcome::Refused) => {}
                    (_, Outcome::Rows(rows)) => {
                        failures.push(format!("{table}: {} {probe:?} reached {rows} of A's {n} rows", actor.name))
                    }
                    (_, other) => failures
                        .push(format!("{table}: {} {probe:?} of A's rows failed unexpectedly: {other}", actor.name)),
                }
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {probes} RLS probes over {} tables failed:\n{}",
        failures.len(),
        tables.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_household_cannot_move_its_row_to_another_households_profile() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let app = app_pool(&db).await;
    let a = load_household(&admin).await;
    let b = load_household(&admin).await;
    let meal: Uuid = sqlx::query_scalar("select id from wt_meals where profile_id = $1 limit 1")
        .bind(a.parent)
        .fetch_one(&admin)
        .await
        .expect("A's meal");

    let mut tx = begin_as(&app, &Actor::signed_in("owner A", a.user)).await.unwrap();
    let result = sqlx::query("update wt_meals set profile_id = $1 where id = $2")
        .bind(b.parent)
        .bind(meal)
        .execute(&mut *tx)
        .await;
    tx.rollback().await.unwrap();
    assert_refused(result, "A moving its meal to B's profile");

    let profile: Uuid =
        sqlx::query_scalar("select profile_id from wt_meals where id = $1").bind(meal).fetch_one(&admin).await.unwrap();
    assert_eq!(profile, a.parent);
}

#[tokio::test]
async fn a_household_cannot_hand_its_profiles_to_another_user() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let app = app_pool(&db).await;
    let a = load_household(&admin).await;
    let b = load_household(&admin).await;
    let profiles: Vec<Uuid> = sqlx::query_scalar("select id from wt_profiles where user_id = $1")
        .bind(a.user)
        .fetch_all(&admin)
        .await
        .unwrap();
    assert_eq!(profiles.len(), 2, "the fixture has a parent and a dependent profile");

    for profile in profiles {
        let mut tx = begin_as(&app, &Actor::signed_in("owner A", a.user)).await.unwrap();
        let result = sqlx::query("update wt_profiles set user_id = $1 where id = $2")
            .bind(b.user)
            .bind(profile)
            .execute(&mut *tx)
            .await;
        tx.rollback().await.unwrap();
        assert_refused(result, "A setting its wt_profiles.user_id to B");
    }
    let still_a: i64 = sqlx::query_scalar("select count(*) from wt_profiles where user_id = $1")
        .bind(a.user)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(still_a, 2);
}

/// Last-write-wins upserts must not let a household overwrite a row whose key it learnt or
/// guessed: ON CONFLICT DO UPDATE on a row the UPDATE policy hides raises 42501 (never a
/// silent no-op or overwrite), for the primary key and for the dedupe hash alike.
#[tokio::test]
async fn an_upsert_of_another_households_health_metric_is_refused_and_changes_nothing() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let app = app_pool(&db).await;
    let a = load_household(&admin).await;
    let b = load_household(&admin).await;
    let (metric, dedupe_hash): (Uuid, String) =
        sqlx::query_as("select id, dedupe_hash from wt_health_metrics where user_id = $1 order by recorded_at limit 1")
            .bind(a.user)
            .fetch_one(&admin)
            .await
            .expect("A's health metric");
    let before = metric_snapshot(&admin, metric).await;
    let actor_b = Actor::signed_in("household B", b.user);

    let by_id = sqlx::query(
        "insert into wt_health_metrics (id, user_id, profile_id, source, metric_type, value_num, unit, recorded_at) \
         values ($1, $2, $3, 'manual', 'resting_hr', 1, 'bpm', now()) \
         on conflict (id) do update set value_num = excluded.value_num, user_id = excluded.user_id, \
         profile_id = excluded.profile_id",
    )
    .bind(metric)
    .bind(b.user)
    .bind(b.parent);
    let result = execute_and_keep(&app, &actor_b, by_id).await;
    assert_refused(result, "B's upsert of A's row (on conflict (id))");
    assert_eq!(metric_snapshot(&admin, metric).await, before, "A's row changed after B's upsert on its id");

    let by_dedupe_hash = sqlx::query(
        "insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, unit, recorded_at, dedupe_hash) \
         values ($1, $2, 'manual', 'resting_hr', 1, 'bpm', now(), $3) \
         on conflict (dedupe_hash) do update set value_num = excluded.value_num, user_id = excluded.user_id, \
         profile_id = excluded.profile_id",
    )
    .bind(b.user)
    .bind(b.parent)
    .bind(dedupe_hash);
    let result = execute_and_keep(&app, &actor_b, by_dedupe_hash).await;
    assert_refused(result, "B's upsert of A's row (on conflict (dedupe_hash))");
    assert_eq!(metric_snapshot(&admin, metric).await, before, "A's row changed after B's upsert on its dedupe_hash");
}

async fn metric_snapshot(admin: &PgPool, metric: Uuid) -> JsonValue {
    sqlx::query_scalar("select to_jsonb(m) from wt_health_metrics m where id = $1")
        .bind(metric)
        .fetch_one(admin)
        .await
        .expect("the metric row")
}

/// Runs `query` as `actor` and commits if it succeeded, so that a silent overwrite would
/// be visible afterwards.
async fn execute_and_keep(
    app: &PgPool,
    actor: &Actor,
    query: Query<'_, Postgres, PgArguments>,
) -> Result<PgQueryResult, sqlx::Error> {
    let mut tx = begin_as(app, actor).await.expect("begin");
    let result = query.execute(&mut *tx).await;
    if result.is_ok() {
        tx.commit().await.expect("commit");
    } else {
        tx.rollback().await.expect("rollback");
    }
    result
}

/// The app's settings are transaction-local: after COMMIT, the pooled connection no longer
/// carries the user's identity or role for whoever uses it next.
#[tokio::test]
async fn the_user_setting_does_not_survive_commit_on_the_same_connection() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let a = load_household(&admin).await;
    let mut conn = PgConnection::connect_with(&cluster().options("wt_app", &db)).await.expect("connect as wt_app");

    let mut tx = conn.begin().await.unwrap();
    sqlx::query("select set_config('role', 'authenticated', true), set_config('app.user_id', $1, true)")
        .bind(a.user.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let (inside, role): (Option<String>, String) =
        sqlx::query_as("select current_setting('app.user_id', true), current_user::text")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert_eq!(inside, Some(a.user.to_string()));
    assert_eq!(role, "authenticated");
    let visible: i64 = sqlx::query_scalar("select count(*) from wt_health_metrics").fetch_one(&mut *tx).await.unwrap();
    assert!(visible > 0, "A sees its metrics inside the transaction");
    tx.commit().await.unwrap();

    let (after, role): (Option<String>, String) =
        sqlx::query_as("select current_setting('app.user_id', true), current_user::text")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(after.as_deref(), Some(""), "app.user_id must read '' after COMMIT, not A's id");
    assert_eq!(role, "wt_app", "the role must fall back to the login role after COMMIT");
    // And the login role itself reads nothing: it has no grants.
    let result = sqlx::query("select count(*) from wt_health_metrics").execute(&mut conn).await;
    assert_refused(result, "wt_app reading a table after COMMIT");
    conn.close().await.unwrap();
}

/// The policies call their helpers once per statement (an InitPlan), never once per row
/// (a SubPlan): the list query of the engines, and a plain list of every wt_ table.
#[tokio::test]
async fn policies_are_evaluated_once_per_statement_not_per_row() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let app = app_pool(&db).await;
    let a = load_household(&admin).await;
    let _b = load_household(&admin).await;
    let owner = Actor::signed_in("owner A", a.user);

    let mut tx = begin_as(&app, &owner).await.unwrap();
    let plan: JsonValue =
        sqlx::query_scalar("explain (format json) select * from wt_health_metrics where profile_id = $1")
            .bind(a.parent)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    tx.rollback().await.unwrap();
    let plan = plan.to_string();
    assert!(plan.contains("InitPlan"), "expected an InitPlan in:\n{plan}");
    assert!(!plan.contains("SubPlan"), "per-row SubPlan in:\n{plan}");

    let mut failures = Vec::new();
    for table in wt_tables(&admin).await {
        let mut tx = begin_as(&app, &owner).await.unwrap();
        let explained: Result<JsonValue, sqlx::Error> =
            sqlx::query_scalar(&format!(r#"explain (format json) select id from public."{table}""#))
                .fetch_one(&mut *tx)
                .await;
        tx.rollback().await.unwrap();
        let plan = match explained {
            Ok(plan) => plan.to_string(),
            // No SELECT grant for authenticated: there is no user query to plan.
            Err(e) if sqlstate(&e).as_deref() == Some(INSUFFICIENT_PRIVILEGE) => continue,
            Err(e) => {
                failures.push(format!("{table}: explain failed: {e}"));
                continue;
            }
        };
        // Case-sensitive on purpose: JSON plans label init plans under a "Subplan Name" key.
        if per_row_subplan(&plan) {
            failures.push(format!("{table}: per-row SubPlan: {plan}"));
        }
        if !REFERENCE_TABLES.contains(&table.as_str()) && !plan.contains("InitPlan") {
            failures.push(format!("{table}: no InitPlan (is the policy filtering at all?): {plan}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether a JSON plan runs a subquery for each row. A hashed SubPlan (the policies that
/// probe wt_meals for a meal's rows, 0020) runs once per statement and is probed per row in
/// constant time, like an InitPlan's array but without scanning it; a plain SubPlan would run
/// once per row.
fn per_row_subplan(plan: &str) -> bool {
    plan.replace("hashed SubPlan", "")
        .replace("\"Parent Relationship\":\"SubPlan\"", "")
        .replace("\"Subplan Name\":\"SubPlan", "")
        .contains("SubPlan")
}

#[test]
fn a_plain_subplan_is_per_row_and_a_hashed_one_is_not() {
    let hashed =
        r#"{"Filter":"(hashed SubPlan 4)","Plans":[{"Parent Relationship":"SubPlan","Subplan Name":"SubPlan 4"}]}"#;
    let plain = r#"{"Filter":"(SubPlan 1)","Plans":[{"Parent Relationship":"SubPlan","Subplan Name":"SubPlan 1"}]}"#;
    assert!(!per_row_subplan(hashed));
    assert!(per_row_subplan(plain));
    assert!(!per_row_subplan(r#"{"Plans":[{"Parent Relationship":"InitPlan","Subplan Name":"InitPlan 1"}]}"#));
}

/// Runs `sql` with the uuid `binds` as `actor` in a transaction that is rolled back.
async fn try_as(app: &PgPool, actor: &Actor, sql: &str, binds: &[Uuid]) -> Result<PgQueryResult, sqlx::Error> {
    let mut tx = begin_as(app, actor).await.unwrap();
    let mut query = sqlx::query(sql);
    for bind in binds {
        query = query.bind(*bind);
    }
    let result = query.execute(&mut *tx).await;
    tx.rollback().await.unwrap();
    result
}

#[tokio::test]
async fn people_cannot_write_computed_engine_rows_only_their_override() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let app = app_pool(&db).await;
    let a = load_household(&admin).await;
    let owner = Actor::signed_in("owner A", a.user);
    let statements = [
        ("inserting a recovery score", "insert into wt_recovery_scores (profile_id, score_date, recovery_score) values ($1, current_date - 400, 99)"),
        ("deleting recovery scores", "delete from wt_recovery_scores where profile_id = $1"),
        ("changing a computed score", "update wt_recovery_scores set recovery_score = 100 where profile_id = $1"),
        ("inserting a baseline", "insert into wt_baselines (profile_id, metric_type, baseline_value, capture_start) values ($1, 'hrv', 1, current_date)"),
        ("deleting baselines", "delete from wt_baselines where profile_id = $1"),
        ("deleting training loads", "delete from wt_training_loads where profile_id = $1"),
        ("changing training loads", "update wt_training_loads set duration_minutes = 999 where profile_id = $1"),
        ("deleting forecasts", "delete from wt_forecasts where profile_id = $1"),
    ];
    for (what, sql) in statements {
        assert_refused(try_as(&app, &owner, sql, &[a.parent]).await, what);
    }
    // The override columns stay theirs to set.
    let set_override =
        "update wt_recovery_scores set override_reason = 'ill', overridden_at = now() where profile_id = $1";
    let result = try_as(&app, &owner, set_override, &[a.parent]).await;
    assert!(result.is_ok(), "setting an override: {result:?}");
}

#[tokio::test]
async fn a_meal_cannot_name_another_households_private_recipe() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let app = app_pool(&db).await;
    let a = load_household(&admin).await;
    let b = load_household(&admin).await;
    let recipe = |profile: Uuid, title: &'static str, public: bool| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, Uuid>(
                "insert into wt_recipes (profile_id, title, is_public, source_type) values ($1, $2, $3, 'manual') returning id",
            )
            .bind(profile)
            .bind(title)
            .bind(public)
            .fetch_one(&admin)
            .await
            .unwrap()
        }
    };
    let private_recipe = recipe(b.parent, "B's secret stew", false).await;
    let own_recipe = recipe(a.parent, "A's soup", false).await;
    let owner = Actor::signed_in("owner A", a.user);
    let insert = "insert into wt_meals (profile_id, meal_date, meal_type, name, recipe_id) values ($1, current_date, 'dinner', 'Stew', $2)";
    let repoint = "update wt_meals set recipe_id = $2 where profile_id = $1";
    assert_refused(
        try_as(&app, &owner, insert, &[a.parent, private_recipe]).await,
        "A logging a meal of B's private recipe",
    );
    assert_refused(
        try_as(&app, &owner, repoint, &[a.parent, private_recipe]).await,
        "A pointing its meals at B's private recipe",
    );
    let result = try_as(&app, &owner, insert, &[a.parent, own_recipe]).await;
    assert!(result.is_ok(), "A's own recipe: {result:?}");
}

#[tokio::test]
async fn none_of_our_functions_is_executable_by_public() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let open: Vec<String> = sqlx::query_scalar(
        "select format('%I.%I', n.nspname, p.proname) from pg_proc p join pg_namespace n on n.oid = p.pronamespace \
         where n.nspname in ('private', 'auth', 'engine') and has_function_privilege('public', p.oid, 'execute') \
         order by 1",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(open.is_empty(), "executable by PUBLIC: {open:?}");
}

#[tokio::test]
async fn a_public_recipe_is_readable_by_other_households_without_its_author() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let app = app_pool(&db).await;
    let a = load_household(&admin).await;
    let b = load_household(&admin).await;
    let shared: Uuid = sqlx::query_scalar(
        "insert into wt_recipes (profile_id, title, is_public, source_type) \
         values ($1, 'B''s shared bread', true, 'manual') returning id",
    )
    .bind(b.parent)
    .fetch_one(&admin)
    .await
    .unwrap();
    let reader = Actor::signed_in("owner A", a.user);
    let mut tx = begin_as(&app, &reader).await.unwrap();
    let in_table: i64 = sqlx::query_scalar("select count(*) from wt_recipes where id = $1")
        .bind(shared)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(in_table, 0, "another household's recipe, public or not, is not in A's wt_recipes");
    let title: Option<String> = sqlx::query_scalar("select title from wt_public_recipes where id = $1")
        .bind(shared)
        .fetch_optional(&mut *tx)
        .await
        .unwrap();
    assert_eq!(title.as_deref(), Some("B's shared bread"), "the public view shows it");
    let author = sqlx::query("select profile_id from wt_public_recipes").execute(&mut *tx).await;
    assert!(author.unwrap_err().to_string().contains("profile_id"), "the view has no author column");
    tx.rollback().await.unwrap();

    // The author's household still sees its own row whole.
    let author = Actor::signed_in("owner B", b.user);
    let mut tx = begin_as(&app, &author).await.unwrap();
    let own: Option<Uuid> = sqlx::query_scalar("select profile_id from wt_recipes where id = $1")
        .bind(shared)
        .fetch_optional(&mut *tx)
        .await
        .unwrap()
        .flatten();
    assert_eq!(own, Some(b.parent));
    tx.rollback().await.unwrap();
}

#[tokio::test]
async fn the_request_login_cannot_become_the_service() {
    let db = fresh_database().await;
    let app = app_pool(&db).await;
    let mut tx = app.begin().await.unwrap();
    let err = sqlx::query("set local role service_role").execute(&mut *tx).await.unwrap_err();
    assert!(err.to_string().contains("permission denied"), "{err}");
    tx.rollback().await.unwrap();
    let mut conn = app.acquire().await.unwrap();
    let err = sqlx::query("select count(*) from tower_sessions.session").execute(&mut *conn).await.unwrap_err();
    assert!(err.to_string().contains("permission denied"), "{err}");
}
