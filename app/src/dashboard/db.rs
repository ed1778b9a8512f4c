//! The dashboard's one query for every tile's figures.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::logic::ModuleFigures;

pub async fn figures(conn: &mut PgConnection, profile_id: Uuid, today: NaiveDate) -> sqlx::Result<ModuleFigures> {
    sqlx::query_as(
        "select \
           (select count(*) from wt_meals where profile_id = $1 and meal_date = $2) as meals_today, \
           (select count(*) from wt_meals where profile_id = $1) as meals_total, \
           (select name from wt_meals where profile_id = $1 order by meal_date desc, created_at desc limit 1) as last_meal, \
           (select count(*) from wt_pantry_items where profile_id = $1 and is_available) as pantry_in_stock, \
           (select count(*) from wt_pantry_items where profile_id = $1 and is_available and expiry_date between $2 and $2 + 3) as pantry_expiring, \
           (select count(*) from wt_supplement_protocols where profile_id = $1 and is_active) as protocols_active, \
           (select count(*) from wt_supplement_logs where profile_id = $1 and status = 'taken' \
              and taken_at >= $2::timestamptz and taken_at < ($2 + 1)::timestamptz) as supplements_taken_today, \
           (select count(*) from wt_workouts where profile_id = $1 and completed \
              and coalesce(completed_at::date, scheduled_date) > $2 - 7) as workouts_week, \
           (select coalesce(sum(duration_minutes), 0)::int8 from wt_workouts where profile_id = $1 and completed \
              and coalesce(completed_at::date, scheduled_date) > $2 - 7) as workout_minutes_week, \
           (select count(*) from wt_workouts where profile_id = $1) as workouts_total, \
           (select recovery_score::float8 from wt_recovery_scores where profile_id = $1 order by score_date desc limit 1) as recovery_score, \
           (select sum(training_load)::float8 from wt_training_loads where profile_id = $1 and load_date > $2 - 7) as training_load_week, \
           (select title from wt_plans where profile_id = $1 and status = 'active' order by start_date desc limit 1) as active_plan, \
           (select count(*) from wt_plan_items i join wt_plans p on p.id = i.plan_id \
              where p.profile_id = $1 and i.scheduled_date = $2) as plan_items_today, \
           (select count(*) from wt_plan_items i join wt_plans p on p.id = i.plan_id \
              where p.profile_id = $1 and i.scheduled_date = $2 and i.completed) as plan_items_done, \
           (select count(*) from wt_daily_logs where profile_id = $1 and log_date = $2) as daily_today, \
           (select count(*) from wt_daily_logs where profile_id = $1) as daily_total, \
           (select summary_text from wt_insights where profile_id = $1 order by period_start desc, created_at desc limit 1) as latest_insight",
    )
    .bind(profile_id)
    .bind(today)
    .fetch_one(conn)
    .await
}
