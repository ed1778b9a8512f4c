-- WellTrack 0006: health (wt_health_metrics, wt_health_connections) and plans & goals
-- (wt_plans, wt_plan_items, wt_goal_forecasts), then the deferred foreign key
-- wt_supplement_protocols.linked_goal_id -> wt_goal_forecasts.

create table public.wt_health_metrics (
  id               uuid primary key default gen_random_uuid(),
  user_id          uuid not null references auth.users (id) on delete cascade,
  profile_id       uuid not null references public.wt_profiles (id) on delete cascade,
  source           public.wt_health_source not null,
  metric_type      public.wt_metric_type not null,
  value_num        numeric,
  value_text       text,
  unit             text,
  start_time       timestamptz,
  end_time         timestamptz,
  recorded_at      timestamptz not null,
  raw_payload_json jsonb,
  -- The UNIQUE constraint's own index carries the spec's name idx_health_metrics_dedupe, so
  -- there is one index, usable by ON CONFLICT (dedupe_hash). The hash is unique across all
  -- users: derive it from user/profile as well as the source record.
  dedupe_hash      text constraint idx_health_metrics_dedupe unique,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  constraint wt_health_metrics_end_after_start check (end_time >= start_time)
);
create index idx_health_metrics_profile_id on public.wt_health_metrics (profile_id);
create index idx_health_metrics_metric_type on public.wt_health_metrics (metric_type);
create index idx_health_metrics_recorded_at on public.wt_health_metrics (recorded_at);
create index idx_health_metrics_user_id on public.wt_health_metrics (user_id);   -- policy + FK
-- The engines read one profile's series of one metric over a date window.
create index idx_health_metrics_profile_metric_recorded
  on public.wt_health_metrics (profile_id, metric_type, recorded_at);
create trigger set_updated_at before update on public.wt_health_metrics
  for each row execute function private.set_updated_at();

-- OAuth connections. Tokens are encrypted by the application before storage, and
-- authenticated may not even read the ciphertext (column grants in 0008).
create table public.wt_health_connections (
  id                      uuid primary key default gen_random_uuid(),
  profile_id              uuid not null references public.wt_profiles (id) on delete cascade,
  -- the ER lists healthconnect/healthkit/garmin/strava: wt_health_source without 'manual'
  provider                public.wt_health_source not null check (provider <> 'manual'),
  access_token_encrypted  text,
  refresh_token_encrypted text,
  token_expires_at        timestamptz,
  is_connected            boolean not null default false,
  last_sync_at            timestamptz,
  connection_metadata     jsonb,
  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now(),
  unique (profile_id, provider)   -- its index also serves the profile_id policy
);
create trigger set_updated_at before update on public.wt_health_connections
  for each row execute function private.set_updated_at();

create table public.wt_plans (
  id           uuid primary key default gen_random_uuid(),
  profile_id   uuid not null references public.wt_profiles (id) on delete cascade,
  plan_type    public.wt_plan_type not null,
  title        text not null,
  start_date   date not null,
  end_date     date not null,
  status       public.wt_plan_status not null,
  ai_generated boolean not null default false,
  notes        text,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  constraint wt_plans_end_after_start check (end_date >= start_date)
);
create index idx_plans_profile_id on public.wt_plans (profile_id);
create index idx_plans_start_date on public.wt_plans (start_date);
create trigger set_updated_at before update on public.wt_plans
  for each row execute function private.set_updated_at();

create table public.wt_plan_items (
  id             uuid primary key default gen_random_uuid(),
  plan_id        uuid not null references public.wt_plans (id) on delete cascade,
  module         text not null,
  item_type      public.wt_item_type not null,
  item_data      jsonb not null,
  scheduled_date date,
  scheduled_time time,
  completed      boolean not null default false,
  completed_at   timestamptz,
  user_override  boolean not null default false,
  sort_order     int,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index idx_plan_items_plan_id on public.wt_plan_items (plan_id);
create index idx_plan_items_scheduled_date on public.wt_plan_items (scheduled_date);
create trigger set_updated_at before update on public.wt_plan_items
  for each row execute function private.set_updated_at();

create table public.wt_goal_forecasts (
  id                   uuid primary key default gen_random_uuid(),
  profile_id           uuid not null references public.wt_profiles (id) on delete cascade,
  goal_description     text not null,
  target_value         numeric not null,
  current_value        numeric,
  unit                 text not null,
  expected_date        date,
  confidence_score     numeric check (confidence_score between 0 and 1),
  last_recalculated_at timestamptz,
  is_active            boolean not null default true,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);
create index idx_goal_forecasts_profile_id on public.wt_goal_forecasts (profile_id);
create trigger set_updated_at before update on public.wt_goal_forecasts
  for each row execute function private.set_updated_at();

alter table public.wt_supplement_protocols
  add constraint wt_supplement_protocols_linked_goal_id_fkey
  foreign key (linked_goal_id) references public.wt_goal_forecasts (id) on delete set null;
