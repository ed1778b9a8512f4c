-- WellTrack 0002: core tables (wt_users, wt_profiles, wt_profile_modules).
-- Grants, RLS and policies for all Phase 1 tables are in 0008.

-- One row per account, 1:1 with auth.users.
create table public.wt_users (
  id                   uuid primary key references auth.users (id) on delete cascade,
  display_name         text,
  avatar_url           text,
  onboarding_completed boolean not null default false,
  plan_tier            public.wt_plan_tier not null default 'free',
  timezone             text not null default 'UTC',
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);
create trigger set_updated_at before update on public.wt_users
  for each row execute function private.set_updated_at();

-- A household: the account holder's own profile plus dependents.
create table public.wt_profiles (
  id                   uuid primary key default gen_random_uuid(),
  user_id              uuid not null references auth.users (id) on delete cascade,
  profile_type         public.wt_profile_type not null,
  display_name         text not null,
  date_of_birth        date,
  gender               text,
  height_cm            numeric check (height_cm > 0),
  weight_kg            numeric check (weight_kg > 0),
  activity_level       text,
  fitness_goals        text[],
  dietary_restrictions text[],
  allergies            text[],
  is_primary           boolean not null default false,
  avatar_url           text,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);
create index idx_profiles_user_id on public.wt_profiles (user_id);
create trigger set_updated_at before update on public.wt_profiles
  for each row execute function private.set_updated_at();

-- Per-profile module toggles and dashboard tiles.
create table public.wt_profile_modules (
  id          uuid primary key default gen_random_uuid(),
  profile_id  uuid not null references public.wt_profiles (id) on delete cascade,
  module_name text not null,
  enabled     boolean not null default true,
  tile_order  int,
  tile_config jsonb,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  unique (profile_id, module_name)   -- its index also serves the profile_id policy
);
create trigger set_updated_at before update on public.wt_profile_modules
  for each row execute function private.set_updated_at();
