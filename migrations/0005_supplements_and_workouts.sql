-- WellTrack 0005: supplements (wt_supplements, wt_supplement_logs, wt_supplement_protocols)
-- and workouts (wt_workouts, wt_workout_logs; wt_exercises is in 0003).
--
-- wt_supplement_protocols.linked_goal_id references wt_goal_forecasts, which is created in
-- 0006 with the other plan and goal tables; that migration adds the foreign key.

-- profile_id NULL = a system library supplement (also what a deleted profile's become).
create table public.wt_supplements (
  id           uuid primary key default gen_random_uuid(),
  profile_id   uuid references public.wt_profiles (id) on delete set null,
  name         text not null,
  brand        text,
  description  text,
  dosage       numeric check (dosage >= 0),
  unit         text,
  serving_size text,
  barcode      text,
  notes        text,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);
create index idx_supplements_profile_id on public.wt_supplements (profile_id);
create trigger set_updated_at before update on public.wt_supplements
  for each row execute function private.set_updated_at();

create table public.wt_supplement_logs (
  id            uuid primary key default gen_random_uuid(),
  profile_id    uuid not null references public.wt_profiles (id) on delete cascade,
  supplement_id uuid not null references public.wt_supplements (id) on delete cascade,
  taken_at      timestamptz not null,
  protocol_time public.wt_protocol_time,
  dosage_taken  numeric check (dosage_taken >= 0),
  status        public.wt_supplement_status not null,
  notes         text,
  created_at    timestamptz not null default now()
);
create index idx_supplement_logs_profile_id on public.wt_supplement_logs (profile_id);
create index idx_supplement_logs_taken_at on public.wt_supplement_logs (taken_at);
create index idx_supplement_logs_supplement_id on public.wt_supplement_logs (supplement_id);   -- FK

create table public.wt_supplement_protocols (
  id             uuid primary key default gen_random_uuid(),
  profile_id     uuid not null references public.wt_profiles (id) on delete cascade,
  supplement_id  uuid not null references public.wt_supplements (id) on delete cascade,
  time_of_day    public.wt_protocol_time not null,
  dosage         numeric not null check (dosage >= 0),
  unit           text not null,
  linked_goal_id uuid,   -- FK to wt_goal_forecasts (on delete set null) added in 0006
  is_active      boolean not null default true,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  unique (profile_id, supplement_id, time_of_day)   -- its index also serves the profile_id policy
);
create index idx_supplement_protocols_supplement_id on public.wt_supplement_protocols (supplement_id);     -- FK
create index idx_supplement_protocols_linked_goal_id on public.wt_supplement_protocols (linked_goal_id);   -- FK
create trigger set_updated_at before update on public.wt_supplement_protocols
  for each row execute function private.set_updated_at();

create table public.wt_workouts (
  id               uuid primary key default gen_random_uuid(),
  profile_id       uuid not null references public.wt_profiles (id) on delete cascade,
  name             text not null,
  workout_type     public.wt_workout_type,
  scheduled_date   date,
  completed        boolean not null default false,
  completed_at     timestamptz,
  duration_minutes int check (duration_minutes >= 0),
  notes            text,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create index idx_workouts_profile_id on public.wt_workouts (profile_id);
create index idx_workouts_scheduled_date on public.wt_workouts (scheduled_date);
create trigger set_updated_at before update on public.wt_workouts
  for each row execute function private.set_updated_at();

create table public.wt_workout_logs (
  id               uuid primary key default gen_random_uuid(),
  profile_id       uuid not null references public.wt_profiles (id) on delete cascade,
  workout_id       uuid references public.wt_workouts (id) on delete set null,
  exercise_id      uuid references public.wt_exercises (id) on delete set null,
  sets             int check (sets >= 0),
  reps             int check (reps >= 0),
  weight_kg        numeric check (weight_kg >= 0),
  duration_seconds int check (duration_seconds >= 0),
  distance_m       numeric check (distance_m >= 0),
  notes            text,
  logged_at        timestamptz not null default now(),
  created_at       timestamptz not null default now()
);
create index idx_workout_logs_profile_id on public.wt_workout_logs (profile_id);
create index idx_workout_logs_workout_id on public.wt_workout_logs (workout_id);
create index idx_workout_logs_exercise_id on public.wt_workout_logs (exercise_id);   -- FK
