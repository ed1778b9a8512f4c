//! Seeds a running WellTrack server's database for `scripts/bench.sh`.
//!
//! Connects as the superuser to the server's embedded cluster (its socket is
//! `<data-dir>/run`) or to `DATABASE_URL`, then writes, with a few set-based
//! statements: N households (a parent and two dependents, all 9 modules on),
//! `years` of daily weight, resting heart rate, HRV and sleep per profile,
//! five completed workouts a week per profile, one recipe and 300 pantry items in stock
//! (and 300 used up) per household, and three meals a day with their nutrient breakdown for
//! each parent.
//! The engine triggers are bypassed while seeding (one queue row per profile
//! is written afterwards, as the triggers would coalesce them), so the timed
//! drain is the server's recompute worker doing all of it. Finally it signs in
//! as the first household's parent over HTTP and writes a shell-sourceable
//! file: `COOKIE='welltrack=…'`, `PROFILE_ID=` (a dependent), `RECIPE_ID=`, `MEAL_ID=` (the parent's latest).
//!
//! `bench_seed --data-dir DIR [--households 50] [--years 5] [--base http://127.0.0.1:3999] [--out bench.env]`

/// Food names for the pantry and the recipes' ingredients (thirty, so matches are realistic).
const FOODS: &str = "array['Milk','Eggs','Rice','Onions','Tomatoes','Lentils','Butter','Flour','Spinach','Cheddar',\
     'Carrots','Potatoes','Garlic','Chicken breast','Salmon','Tofu','Chickpeas','Pasta','Oats','Yoghurt',\
     'Peas','Sweetcorn','Peppers','Mushrooms','Apples','Bananas','Lemons','Basil','Coconut milk','Bread']";

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use server::embedded_pg::{DATABASE, SUPERUSER};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::Connection;
use uuid::Uuid;

const PASSWORD: &str = "bench-password-correct-horse";

struct Args {
    data_dir: Option<PathBuf>,
    households: i64,
    years: i32,
    base: String,
    out: PathBuf,
}

fn usage(problem: &str) -> ! {
    eprintln!("bench_seed: {problem}\nusage: bench_seed (--data-dir DIR | DATABASE_URL=…) [--households N] [--years Y] [--base URL] [--out FILE]");
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        data_dir: None,
        households: 50,
        years: 5,
        base: "http://127.0.0.1:3999".into(),
        out: "bench.env".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--data-dir" => args.data_dir = Some(value().into()),
            "--households" => {
                args.households = value().parse().unwrap_or_else(|_| usage("--households takes a number"))
            }
            "--years" => args.years = value().parse().unwrap_or_else(|_| usage("--years takes a number")),
            "--base" => args.base = value().trim_end_matches('/').to_owned(),
            "--out" => args.out = value().into(),
            _ => usage(&format!("unknown argument {flag}")),
        }
    }
    if args.households < 1 || args.years < 1 {
        usage("--households and --years must be at least 1");
    }
    args
}

/// The bench profiles of this run: id, user, whether adult, a stable per-profile offset in [0, 1).
const PROFILES: &str =
    "select p.id, p.user_id, p.is_primary, (abs(hashtext(p.id::text)::bigint) % 100) / 100.0::float8 as o \
     from wt_profiles p join auth.users u on u.id = p.user_id where u.email::text like $1";

#[tokio::main]
async fn main() {
    let args = parse_args();
    let options: PgConnectOptions = match (&args.data_dir, std::env::var("DATABASE_URL")) {
        (Some(dir), _) => PgConnectOptions::new()
            .socket(dir.join("run"))
            .port(server::embedded_pg::PORT)
            .username(SUPERUSER)
            .database(DATABASE),
        (None, Ok(url)) => url.parse().expect("DATABASE_URL is not a PostgreSQL URL"),
        (None, Err(_)) => usage("give --data-dir or set DATABASE_URL"),
    };
    let mut db = PgConnection::connect_with(&options).await.expect("connect to the server's database as the superuser");
    let run = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock after 1970").as_secs() as i64;
    let pattern = format!("bench-%-{run}@example.org");
    let days = args.years * 365;

    // One hash for every account: hashing is not what we measure.
    let hash = app::account::auth::hash_password(PASSWORD);
    let started = Instant::now();
    // `replica` skips the per-row enqueue triggers (and FK checks: the data is consistent by construction).
    sqlx::raw_sql("set synchronous_commit = off; set session_replication_role = replica")
        .execute(&mut db)
        .await
        .expect("session settings (needs a superuser)");
    let mut tx = db.begin().await.expect("begin");
    sqlx::query(
        "with u as ( \
           insert into auth.users (email, password_hash) \
           select format('bench-%s-%s@example.org', g, $2), $3 from generate_series(1, $1) g returning id), \
         w as (insert into wt_users (id, display_name, timezone) select id, 'Bench household', 'Europe/London' from u returning id), \
         p as ( \
           insert into wt_profiles (user_id, profile_type, display_name, is_primary, date_of_birth) \
           select w.id, case when k = 0 then 'parent' else 'dependent' end::wt_profile_type, \
                  case k when 0 then 'Parent' when 1 then 'Child one' else 'Child two' end, k = 0, \
                  case k when 0 then date '1984-03-12' when 1 then date '2013-07-04' else date '2016-11-20' end \
           from w cross join generate_series(0, 2) k returning id, is_primary), \
         m as ( \
           insert into wt_profile_modules (profile_id, module_name, enabled, tile_order, tile_config) \
           select p.id, x.name, true, x.ord - 1, jsonb_build_object('size', 'M', 'color', 'sky', 'metric', x.metric) \
           from p cross join unnest(array['health','workouts','meals','performance','plans','supplements','pantry','daily','insights'], \
                                    array['weight','week_count','today_count','recovery','today_items','taken_today','expiring','today_logs','latest']) \
                with ordinality as x(name, metric, ord) returning 1), \
         t as ( \
           insert into wt_nutrient_targets (profile_id, nutrient_id, target_value, period) \
           select p.id, n.id, n.daily_reference_value, 'daily' from p cross join wt_nutrients n \
           where n.daily_reference_value is not null returning 1), \
         r as ( \
           insert into wt_recipes (profile_id, title, description, servings, prep_time_min, cook_time_min, source_type, tags) \
           select id, 'Overnight oats', 'Oats soaked overnight in milk, topped with berries.', 2, 10, 0, 'manual', \
                  array['breakfast', 'vegetarian'] from p where is_primary returning id), \
         s as ( \
           insert into wt_recipe_steps (recipe_id, step_number, instruction, duration_minutes) \
           select r.id, x.n, x.txt, x.mins from r cross join (values (1, 'Mix the oats and the milk in a jar.', 2), \
             (2, 'Cover and chill overnight.', 480), (3, 'Top with berries and serve.', 3)) as x(n, txt, mins) returning 1) \
         insert into wt_recipe_ingredients (recipe_id, ingredient_name, quantity, unit, sort_order) \
         select r.id, x.name, x.qty, x.unit, x.ord from r \
         cross join (values ('Rolled oats', 80, 'g', 1), ('Milk', 200, 'ml', 2)) as x(name, qty, unit, ord)",
    )
    .bind(args.households)
    .bind(run)
    .bind(&hash)
    .execute(&mut *tx)
    .await
    .expect("seed households");
    // Daily values at 07:00 UTC: adults and children differ; slow waves plus noise.
    sqlx::query(&format!(
        "with p as ({PROFILES}) \
         insert into wt_health_metrics (user_id, profile_id, source, metric_type, value_num, unit, recorded_at, dedupe_hash) \
         select p.user_id, p.id, 'manual', m.metric::wt_metric_type, round((case m.metric \
             when 'weight' then (case when p.is_primary then 74 else 36 end) + 8 * p.o + 1.5 * sin(g.d / 58.0::float8) + (random() - 0.5) * 0.8 \
             when 'resting_hr' then (case when p.is_primary then 55 else 68 end) + 6 * p.o + 2 * sin(g.d / 23.0::float8) + (random() - 0.5) * 6 \
             when 'hrv' then (case when p.is_primary then 50 else 68 end) + 15 * p.o + 6 * sin(g.d / 17.0::float8) + (random() - 0.5) * 16 \
             else (case when p.is_primary then 7.0 else 9.2 end) + 0.5 * p.o + (random() - 0.5) * 1.6 \
           end)::numeric, m.places), m.unit, \
           ((current_date - g.d) + time '07:00') at time zone 'UTC', md5(p.id::text || '/' || m.metric || '/' || g.d) \
         from p cross join generate_series(0, $2 - 1) as g(d) \
         cross join (values ('weight', 'kg', 1), ('resting_hr', 'bpm', 0), ('hrv', 'ms', 0), ('sleep', 'h', 2)) as m(metric, unit, places)"
    ))
    .bind(&pattern)
    .bind(days)
    .execute(&mut *tx)
    .await
    .expect("seed health metrics");
    // Five sessions a week (none on Wednesdays and Sundays), completed at noon UTC, up to yesterday.
    sqlx::query(&format!(
        "with p as ({PROFILES}) \
         insert into wt_workouts (profile_id, name, workout_type, scheduled_date, completed, completed_at, duration_minutes, session_rpe) \
         select p.id, case when x.cardio then 'Run' else 'Strength session' end, \
                (case when x.cardio then 'cardio' else 'strength' end)::wt_workout_type, x.day, true, \
                (x.day + time '12:00') at time zone 'UTC', 30 + floor(random() * 46)::int, 3 + floor(random() * 6)::int \
         from p cross join generate_series(1, $2) as g(d) \
         cross join lateral (select current_date - g.d as day, extract(isodow from current_date - g.d) in (1, 4, 6) as cardio) x \
         where extract(isodow from x.day) not in (3, 7)"
    ))
    .bind(&pattern)
    .bind(days)
    .execute(&mut *tx)
    .await
    .expect("seed workouts");
    // 300 pantry items per household (the parent's), expiring from a week ago to a year ahead,
    // a tenth undated, and as many used up (history the list skips).
    sqlx::query(&format!(
        "with p as ({PROFILES}) \
         insert into wt_pantry_items (profile_id, name, category, quantity, unit, expiry_date, is_available, cost) \
         select p.id, format('%s %s', ({FOODS})[1 + g.n % 30], g.n), \
                (array['fridge','freezer','cupboard'])[1 + g.n % 3]::wt_pantry_category, \
                1 + g.n % 7, (array['g','kg','ml','pieces'])[1 + g.n % 4], \
                case when g.n % 10 = 0 then null else current_date - 7 + (g.n * 37) % 372 end, g.n <= 300, \
                round((g.n % 50) * 0.37, 2) \
         from p cross join generate_series(1, 600) as g(n) where p.is_primary"
    ))
    .bind(&pattern)
    .execute(&mut *tx)
    .await
    .expect("seed pantry items");
    // A library of 500 recipes for every household (the Kitchen issue's benchmark household):
    // titles and tags from word lists, eight ingredients named like the pantry's foods, three
    // steps each.
    sqlx::query(&format!(
        "with p as ({PROFILES}), \
         r as ( \
           insert into wt_recipes (profile_id, title, servings, prep_time_min, cook_time_min, source_type, tags, is_favorite) \
           select p.id, format('%s %s %s', \
                    (array['Lentil','Chicken','Tomato','Bean','Mushroom','Pumpkin','Salmon','Tofu','Pea','Rice'])[1 + g.n % 10], \
                    (array['soup','curry','salad','stew','bake','pasta','pie','stir-fry'])[1 + (g.n / 10) % 8], g.n), \
                  2 + g.n % 5, 10, 30, 'manual', \
                  array[(array['vegetarian','quick','soup','baking','spicy','breakfast','dinner','kids'])[1 + g.n % 8], \
                        (array['family','freezer','weeknight','summer','winter'])[1 + g.n % 5]], g.n % 25 = 0 \
           from p cross join generate_series(1, 500) as g(n) where p.is_primary returning id), \
         s as ( \
           insert into wt_recipe_steps (recipe_id, step_number, instruction, duration_minutes) \
           select r.id, x.n, format('Step %s of the recipe: prepare, combine and cook.', x.n), 5 * x.n \
           from r cross join generate_series(1, 3) as x(n) returning 1) \
         insert into wt_recipe_ingredients (recipe_id, ingredient_name, quantity, unit, sort_order) \
         select r.id, ({FOODS})[1 + (abs(hashtext(r.id::text)) + x.n * 7) % 30], 100 + x.n * 10, 'g', x.n \
         from r cross join generate_series(1, 8) as x(n)"
    ))
    .bind(&pattern)
    .execute(&mut *tx)
    .await
    .expect("seed recipes");
    // The parent's food diary: three meals a day for the whole history, each one SR28 food of
    // a rotating ten with its breakdown computed from the food's values, as the app stores it.
    sqlx::query(&format!(
        "with p as ({PROFILES}), \
         foods as (select row_number() over (order by ndb_no) - 1 as k, ndb_no, description, energy_kcal from food.foods \
                   where ndb_no in ('09003', '01077', '16070', '11282', '04053', '01001', '09040', '11529', '20041', '01123')), \
         m as ( \
           insert into wt_meals (profile_id, meal_date, meal_type, name, nutrition_info, created_at) \
           select p.id, current_date - g.d, (array['breakfast', 'lunch', 'dinner'])[s.slot]::wt_meal_type, f.description, \
                  jsonb_build_object('source', 'foods', 'method', 'meal-v1', 'items', jsonb_build_array(jsonb_build_object( \
                    'food_ndb_no', f.ndb_no, 'description', f.description, 'quantity', 100 + 50 * s.slot, 'unit', 'g', \
                    'grams', 100 + 50 * s.slot, 'energy_kcal', null)), \
                    'energy_kcal', round(f.energy_kcal * (100 + 50 * s.slot) / 100, 2)), \
                  (current_date - g.d) + make_time(2 + 5 * s.slot, 0, 0) \
           from p cross join generate_series(0, $2 - 1) as g(d) cross join generate_series(1, 3) as s(slot) \
           join foods f on f.k = (g.d * 3 + s.slot) % (select count(*) from foods) \
           where p.is_primary returning id, nutrition_info) \
         insert into wt_meal_nutrient_breakdown (meal_id, nutrient_id, amount, unit) \
         select m.id, n.id, round(coalesce(v.per100, 0) * (m.nutrition_info #>> '{{items,0,grams}}')::numeric / 100, 2), v.unit \
         from m join food.foods f on f.ndb_no = m.nutrition_info #>> '{{items,0,food_ndb_no}}' \
         cross join lateral (values ('Energy', f.energy_kcal, 'kcal'), ('Protein', f.protein_g, 'g'), \
           ('Total Carbohydrate', f.carbohydrate_g, 'g'), ('Total Fat', f.fat_g, 'g'), ('Saturated Fat', f.saturated_fat_g, 'g'), \
           ('Total Sugars', f.sugars_g, 'g'), ('Dietary Fibre', f.fibre_g, 'g'), ('Sodium', f.sodium_mg, 'mg'), \
           ('Salt', f.sodium_mg * 2.5 / 1000, 'g'), ('Calcium', f.calcium_mg, 'mg'), ('Iron', f.iron_mg, 'mg'), \
           ('Potassium', f.potassium_mg, 'mg'), ('Vitamin C', f.vitamin_c_mg, 'mg'), ('Vitamin D', f.vitamin_d_mcg, 'mcg')) \
           as v(name, per100, unit) \
         join wt_nutrients n on n.name = v.name"
    ))
    .bind(&pattern)
    .bind(days)
    .execute(&mut *tx)
    .await
    .expect("seed meals");
    tx.commit().await.expect("commit the seed");
    sqlx::raw_sql("analyze").execute(&mut db).await.expect("analyze");
    let count = |sql: &'static str| sqlx::query_scalar::<sqlx::Postgres, i64>(sql);
    let metric_rows = count("select count(*) from wt_health_metrics").fetch_one(&mut db).await.expect("count metrics");
    let workouts = count("select count(*) from wt_workouts").fetch_one(&mut db).await.expect("count workouts");
    let meals = count("select count(*) from wt_meals").fetch_one(&mut db).await.expect("count meals");
    println!(
        "seed: {} households ({} profiles), {} years: {metric_rows} metric rows, {workouts} workouts, {meals} meals in {:.1} s",
        args.households,
        args.households * 3,
        args.years,
        started.elapsed().as_secs_f64()
    );

    // What the triggers would have queued: every profile, from its first day.
    let drain = Instant::now();
    sqlx::query(&format!(
        "with p as ({PROFILES}) insert into engine.recompute_queue (profile_id, from_date) select id, current_date - $2 from p"
    ))
    .bind(&pattern)
    .bind(days)
    .execute(&mut db)
    .await
    .expect("enqueue the profiles");
    loop {
        let (queued, error): (i64, Option<String>) =
            sqlx::query_as("select count(*), max(last_error) from engine.recompute_queue")
                .fetch_one(&mut db)
                .await
                .expect("poll the recompute queue");
        if queued == 0 {
            break;
        }
        assert!(
            drain.elapsed() < Duration::from_secs(30 * 60),
            "the recompute queue did not drain in 30 min ({queued} left, last error: {error:?})"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let drain_seconds = drain.elapsed().as_secs_f64();
    let scores = count("select count(*) from wt_recovery_scores").fetch_one(&mut db).await.expect("count scores");
    let loads = count("select count(*) from wt_training_loads").fetch_one(&mut db).await.expect("count loads");
    println!(
        "engine: drained {} profiles in {drain_seconds:.1} s: {scores} recovery scores, {loads} training loads",
        args.households * 3
    );
    // A household's database of five years is vacuumed and analysed; fresh
    // from bulk writes it is not, and autovacuum and first-read hint-bit
    // writes would then land in whichever pages are measured first (seen as
    // the dashboard at 0.58× of an earlier run of the same code).
    let vacuum = Instant::now();
    sqlx::raw_sql("vacuum (analyze)").execute(&mut db).await.expect("vacuum");
    println!("vacuum (analyze): {:.1} s", vacuum.elapsed().as_secs_f64());

    // The measured household: the first one.
    let email = format!("bench-1-{run}@example.org");
    let (profile_id, recipe_id, meal_id): (Uuid, Uuid, Uuid) = sqlx::query_as(
        "select d.id, r.id, (select id from wt_meals where profile_id = pp.id order by meal_date desc, created_at desc limit 1) \
         from auth.users u \
         join wt_profiles d on d.user_id = u.id and not d.is_primary \
         join wt_profiles pp on pp.user_id = u.id and pp.is_primary \
         join wt_recipes r on r.profile_id = pp.id and r.title = 'Overnight oats' \
         where u.email::text = $1 order by d.date_of_birth limit 1",
    )
    .bind(&email)
    .fetch_one(&mut db)
    .await
    .expect("the first household's dependent, recipe and latest meal");
    db.close().await.expect("close the database connection");

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .expect("http client");
    let res = client
        .post(format!("{}/api/account/sign-in", args.base))
        .header("accept", "application/json")
        .form(&[("email", email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .expect("post the sign-in");
    assert!(res.status().is_success() || res.status().is_redirection(), "sign-in answered {}", res.status());
    let cookie = res
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|v| v.starts_with("welltrack="))
        .expect("the sign-in sets the welltrack cookie")
        .to_owned();
    let res = client
        .get(format!("{}/", args.base))
        .header(reqwest::header::COOKIE, cookie.as_str())
        .send()
        .await
        .expect("get the dashboard");
    assert_eq!(res.status(), reqwest::StatusCode::OK, "the dashboard with the session cookie");

    std::fs::write(
        &args.out,
        format!("COOKIE='{cookie}'\nPROFILE_ID={profile_id}\nRECIPE_ID={recipe_id}\nMEAL_ID={meal_id}\n"),
    )
    .expect("write the --out file");
    println!("signed in as {email}; wrote {}", args.out.display());
}
