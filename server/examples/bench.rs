//! Dashboard benchmark: seeds N households (1 parent + 2 dependents, each
//! profile with a year of daily weight, resting heart rate and sleep), signs
//! one session in per household, then loads the dashboard from C concurrent
//! clients for D seconds over loopback and prints latency percentiles and
//! throughput.
//!
//! `cargo run --release -p server --example bench -- [households] [concurrency] [seconds]`
//! (defaults 50, 16, 20). Uses `DATABASE_URL` if set, else a throwaway
//! embedded cluster. The server and the load generator share the machine.

use std::time::{Duration, Instant};

use server::config::{Config, Database};
use server::embedded_pg::{EmbeddedPostgres, SUPERUSER};
use server::startup::{ensure_database, Application};
use sqlx::postgres::PgPoolOptions;

const PASSWORD: &str = "bench-password-correct-horse";

#[tokio::main]
async fn main() {
    let args: Vec<u64> = std::env::args().skip(1).map(|a| a.parse().expect("numeric arguments")).collect();
    let households = *args.first().unwrap_or(&50) as i64;
    let concurrency = *args.get(1).unwrap_or(&16) as usize;
    let seconds = *args.get(2).unwrap_or(&20);

    let mut cluster = None;
    let database = match std::env::var("DATABASE_URL") {
        Ok(url) => Database::Url(url),
        Err(_) => {
            let dir = std::env::temp_dir().join(format!("welltrack-bench-{}", std::process::id()));
            let pg = tokio::task::spawn_blocking(move || EmbeddedPostgres::start(&dir, false))
                .await
                .unwrap()
                .expect("cluster");
            ensure_database(&pg.connect_options(SUPERUSER, "postgres"), "bench").await.expect("database");
            let db = Database::Options {
                admin: Box::new(pg.connect_options(SUPERUSER, "bench")),
                app: Box::new(pg.connect_options("wt_app", "bench")),
            };
            cluster = Some(pg);
            db
        }
    };
    let admin_options = match &database {
        Database::Url(url) => url.parse().unwrap(),
        Database::Options { admin, .. } => admin.as_ref().clone(),
        Database::Embedded { .. } => unreachable!(),
    };
    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        database,
        secure_cookies: false,
        common_passwords: "data/common-passwords.txt".into(),
        food_data: "data/sr28".into(),
    };
    let app = Application::build(config).await.expect("application");
    let base = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped());

    // Seed as the superuser: one hash for every account (hashing is not what we measure).
    let admin = PgPoolOptions::new().max_connections(2).connect_with(admin_options).await.unwrap();
    let started = Instant::now();
    let hash = app::account::auth::hash_password(PASSWORD);
    sqlx::raw_sql("set synchronous_commit = off").execute(&admin).await.unwrap();
    sqlx::query(
        "with u as ( \
           insert into auth.users (email, password_hash) \
           select format('bench-%s-%s@example.org', g, extract(epoch from now())::bigint), $2 from generate_series(1, $1) g returning id), \
         w as (insert into wt_users (id, display_name) select id, 'Bench' from u returning id), \
         p as ( \
           insert into wt_profiles (user_id, profile_type, display_name, is_primary, date_of_birth) \
           select w.id, case when k = 0 then 'parent' else 'dependent' end::wt_profile_type, \
                  case k when 0 then 'Parent' when 1 then 'Child one' else 'Child two' end, k = 0, \
                  date '1985-05-01' + (k * 3000) \
           from w cross join generate_series(0, 2) k returning id, user_id), \
         m as ( \
           insert into wt_profile_modules (profile_id, module_name, enabled, tile_order, tile_config) \
           select p.id, x.name, true, x.ord - 1, jsonb_build_object('size', 'M', 'color', 'sky', 'metric', x.metric) \
           from p cross join unnest(array['health','workouts','meals','performance','plans','supplements','pantry','daily','insights'], \
                                    array['weight','week_count','today_count','recovery','today_items','taken_today','expiring','today_logs','latest']) \
                with ordinality as x(name, metric, ord) returning 1) \
         insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, unit, recorded_at, dedupe_hash) \
         select p.user_id, p.id, 'manual', t.metric::wt_metric_type, t.base + random() * 2, t.unit, \
                now() - make_interval(days => d), md5(p.id::text || t.metric || d) \
         from p cross join generate_series(0, 364) d \
         cross join (values ('weight', 70.0, 'kg'), ('resting_hr', 58.0, 'bpm'), ('sleep', 7.0, 'h')) as t(metric, base, unit)",
    )
    .bind(households)
    .bind(&hash)
    .execute(&admin)
    .await
    .expect("seed");
    sqlx::raw_sql("analyze").execute(&admin).await.unwrap();
    let emails: Vec<String> = sqlx::query_scalar(
        "select email::text from auth.users where email like 'bench-%' order by created_at desc limit $1",
    )
    .bind(households)
    .fetch_all(&admin)
    .await
    .unwrap();
    let metric_rows: i64 =
        sqlx::query_scalar("select count(*) from wt_health_metrics").fetch_one(&admin).await.unwrap();
    println!(
        "seeded {households} households ({metric_rows} health metric rows) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // The seed queued every profile for the engine; measure once the worker is done.
    let drain = Instant::now();
    loop {
        let queued: i64 =
            sqlx::query_scalar("select count(*) from engine.recompute_queue").fetch_one(&admin).await.unwrap();
        if queued == 0 {
            break;
        }
        assert!(drain.elapsed() < Duration::from_secs(600), "the recompute queue did not drain");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let scores: i64 = sqlx::query_scalar("select count(*) from wt_recovery_scores").fetch_one(&admin).await.unwrap();
    println!(
        "engine worker recomputed {} profiles ({scores} recovery scores) in {:.1} s",
        households * 3,
        drain.elapsed().as_secs_f64()
    );

    let mut clients = Vec::new();
    for email in &emails {
        let client =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let res = client
            .post(format!("{base}/api/account/sign-in"))
            .header("accept", "application/json")
            .form(&[("email", email.as_str()), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "sign-in {}", res.status());
        clients.push(client);
    }

    // Warm-up, then the measured run.
    for c in clients.iter().take(concurrency) {
        let _ = c.get(format!("{base}/")).send().await.unwrap().bytes().await;
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let run_started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let clients = clients.clone();
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut i = worker;
            while Instant::now() < deadline {
                let client = &clients[i % clients.len()];
                let t = Instant::now();
                let res = client.get(format!("{base}/")).send().await.unwrap();
                assert!(res.status().is_success(), "dashboard {}", res.status());
                let _ = res.bytes().await.unwrap();
                latencies.push(t.elapsed());
                i += concurrency;
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = run_started.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)].as_secs_f64() * 1000.0;
    println!(
        "dashboard: {} requests in {elapsed:.1} s at concurrency {concurrency}: {:.0} req/s, p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        all.len(),
        all.len() as f64 / elapsed,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        all.last().unwrap().as_secs_f64() * 1000.0
    );
    if let Some(pg) = cluster {
        let _ = tokio::task::spawn_blocking(move || pg.stop()).await;
    }
}
