-- WellTrack 0009 (Phase 1b): performance engine. Additive only: 6 enum types, 5 tables
-- (wt_baselines, wt_training_loads, wt_recovery_scores, wt_forecasts, wt_webhook_events),
-- 4 columns on wt_health_metrics with defaults, and their grants, RLS and policies.

-- ---------------------------------------------------------------------------------------
-- Enum types
-- ---------------------------------------------------------------------------------------
create type public.wt_calibration_status as enum ('pending', 'in_progress', 'complete');
create type public.wt_load_type          as enum ('cardio', 'strength', 'mixed');
create type public.wt_validation_status  as enum ('raw', 'validated', 'rejected');
create type public.wt_processing_status  as enum ('pending', 'processed', 'failed');
create type public.wt_webhook_status     as enum ('pending', 'processing', 'completed', 'failed', 'dead_letter');
create type public.wt_forecast_model     as enum ('linear_regression', 'polynomial', 'exponential');
-- No wt_webhook_source enum: per the PRP, wt_webhook_events.source is text with a CHECK so
-- that a provider can be added without ALTER TYPE.

-- ---------------------------------------------------------------------------------------
-- wt_health_metrics: ingestion pipeline columns. Constant defaults, so existing rows get the
-- values without a table rewrite and nothing that already reads the table changes.
-- ---------------------------------------------------------------------------------------
alter table public.wt_health_metrics
  add column validation_status        public.wt_validation_status not null default 'raw',
  add column ingestion_source_version text not null default 'v1',
  add column processing_status        public.wt_processing_status not null default 'pending',
  add column is_primary               boolean not null default true;

-- The recomputation worker looks for metrics it has not processed yet.
create index idx_health_metrics_processing_pending
  on public.wt_health_metrics (profile_id, recorded_at)
  where processing_status = 'pending';

-- ---------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------

-- metric_type: the five baselines of the ER (and of docs/engine-methods.md section 4).
-- The ER's UNIQUE(profile_id, metric_type, capture_start) is kept (one baseline per metric
-- per capture window); the PRP's shorter UNIQUE(profile_id, metric_type) would forbid
-- keeping earlier baselines.
create table public.wt_baselines (
  id                 uuid primary key default gen_random_uuid(),
  profile_id         uuid not null references public.wt_profiles (id) on delete cascade,
  metric_type        text not null
                     check (metric_type in ('vo2max', 'resting_hr', 'hrv', 'stress', 'sleep_quality')),
  baseline_value     numeric not null,
  data_points_count  int not null check (data_points_count >= 0),
  capture_start      date not null,
  capture_end        date not null,
  is_complete        boolean not null default false,
  calibration_status public.wt_calibration_status not null default 'pending',
  notes              text,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  constraint wt_baselines_end_after_start check (capture_end >= capture_start),
  unique (profile_id, metric_type, capture_start)
);
create index idx_baselines_profile_id on public.wt_baselines (profile_id);
create index idx_baselines_metric_type on public.wt_baselines (metric_type);
create trigger set_updated_at before update on public.wt_baselines
  for each row execute function private.set_updated_at();

-- intensity_factor is 0-1 or RPE-based (e.g. RPE/10, or a raw CR-10 RPE), so only its sign
-- is checked.
create table public.wt_training_loads (
  id               uuid primary key default gen_random_uuid(),
  profile_id       uuid not null references public.wt_profiles (id) on delete cascade,
  workout_id       uuid not null references public.wt_workouts (id) on delete cascade,
  load_date        date not null,
  duration_minutes int not null check (duration_minutes >= 0),
  intensity_factor numeric not null check (intensity_factor >= 0),
  training_load    numeric generated always as (duration_minutes * intensity_factor) stored,
  load_type        public.wt_load_type not null,
  created_at       timestamptz not null default now(),
  unique (profile_id, workout_id)
);
create index idx_training_loads_profile_id on public.wt_training_loads (profile_id);
create index idx_training_loads_load_date on public.wt_training_loads (load_date);
create index idx_training_loads_workout_id on public.wt_training_loads (workout_id);   -- FK (cascade)

create table public.wt_recovery_scores (
  id               uuid primary key default gen_random_uuid(),
  profile_id       uuid not null references public.wt_profiles (id) on delete cascade,
  score_date       date not null,
  stress_component numeric check (stress_component between 0 and 100),
  sleep_component  numeric check (sleep_component between 0 and 100),
  hr_component     numeric check (hr_component between 0 and 100),
  load_component   numeric check (load_component between 0 and 100),
  recovery_score   numeric not null check (recovery_score between 0 and 100),
  raw_data         jsonb,
  created_at       timestamptz not null default now(),
  unique (profile_id, score_date)
);
create index idx_recovery_scores_profile_id on public.wt_recovery_scores (profile_id);
create index idx_recovery_scores_score_date on public.wt_recovery_scores (score_date);

create table public.wt_forecasts (
  id               uuid primary key default gen_random_uuid(),
  profile_id       uuid not null references public.wt_profiles (id) on delete cascade,
  goal_forecast_id uuid not null references public.wt_goal_forecasts (id) on delete cascade,
  metric_type      text not null,
  current_value    numeric not null,
  target_value     numeric not null,
  slope            numeric not null,
  projected_date   date,
  confidence       numeric check (confidence between 0 and 1),
  data_points      int not null check (data_points >= 0),
  model_type       public.wt_forecast_model not null default 'linear_regression',
  calculated_at    timestamptz not null default now(),
  created_at       timestamptz not null default now()
);
create index idx_forecasts_profile_id on public.wt_forecasts (profile_id);
create index idx_forecasts_goal_forecast_id on public.wt_forecasts (goal_forecast_id);

-- Queue of Garmin / Strava pushes: written by service_role only, readable by its user.
create table public.wt_webhook_events (
  id            uuid primary key default gen_random_uuid(),
  source        text not null check (source in ('garmin', 'strava')),
  event_type    text not null,
  payload       jsonb not null,
  user_id       uuid references auth.users (id) on delete cascade,
  status        public.wt_webhook_status not null default 'pending',
  attempts      int not null default 0 check (attempts >= 0),
  max_attempts  int not null default 3 check (max_attempts >= 0),
  last_error    text,
  received_at   timestamptz not null default now(),
  processed_at  timestamptz,
  next_retry_at timestamptz,
  created_at    timestamptz not null default now()
);
create index idx_webhook_events_status on public.wt_webhook_events (status);
create index idx_webhook_events_next_retry on public.wt_webhook_events (next_retry_at)
  where status = 'failed';
create index idx_webhook_events_user_id on public.wt_webhook_events (user_id);

-- ---------------------------------------------------------------------------------------
-- Grants (same model as 0008)
-- ---------------------------------------------------------------------------------------
revoke all on table
  public.wt_baselines, public.wt_training_loads, public.wt_recovery_scores,
  public.wt_forecasts, public.wt_webhook_events
from public, anon, authenticated;

grant all on table
  public.wt_baselines, public.wt_training_loads, public.wt_recovery_scores,
  public.wt_forecasts, public.wt_webhook_events
to service_role;

grant select, insert, update, delete on table
  public.wt_baselines, public.wt_training_loads, public.wt_recovery_scores, public.wt_forecasts
to authenticated;

grant select on table public.wt_webhook_events to authenticated;

-- ---------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------
alter table public.wt_baselines enable row level security;
alter table public.wt_baselines force row level security;
alter table public.wt_training_loads enable row level security;
alter table public.wt_training_loads force row level security;
alter table public.wt_recovery_scores enable row level security;
alter table public.wt_recovery_scores force row level security;
alter table public.wt_forecasts enable row level security;
alter table public.wt_forecasts force row level security;
alter table public.wt_webhook_events enable row level security;
alter table public.wt_webhook_events force row level security;

create policy wt_baselines_select on public.wt_baselines for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_baselines_insert on public.wt_baselines for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_baselines_update on public.wt_baselines for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_baselines_delete on public.wt_baselines for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- A training load may only point at one of the household's workouts.
create policy wt_training_loads_select on public.wt_training_loads for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_training_loads_insert on public.wt_training_loads for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids()))
    and exists (select 1 from public.wt_workouts w where w.id = wt_training_loads.workout_id));
create policy wt_training_loads_update on public.wt_training_loads for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids()))
    and exists (select 1 from public.wt_workouts w where w.id = wt_training_loads.workout_id));
create policy wt_training_loads_delete on public.wt_training_loads for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

create policy wt_recovery_scores_select on public.wt_recovery_scores for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_recovery_scores_insert on public.wt_recovery_scores for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_recovery_scores_update on public.wt_recovery_scores for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_recovery_scores_delete on public.wt_recovery_scores for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- A forecast may only point at one of the household's goals.
create policy wt_forecasts_select on public.wt_forecasts for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_forecasts_insert on public.wt_forecasts for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids()))
    and exists (select 1 from public.wt_goal_forecasts g where g.id = wt_forecasts.goal_forecast_id));
create policy wt_forecasts_update on public.wt_forecasts for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids()))
    and exists (select 1 from public.wt_goal_forecasts g where g.id = wt_forecasts.goal_forecast_id));
create policy wt_forecasts_delete on public.wt_forecasts for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- Users may read the events that concern them; there is no write grant or policy, so only
-- service_role (BYPASSRLS) inserts, claims and completes them.
create policy wt_webhook_events_select on public.wt_webhook_events for select to authenticated
  using (user_id = (select auth.uid()));
