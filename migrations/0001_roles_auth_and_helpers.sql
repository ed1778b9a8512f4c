-- WellTrack 0001: roles, the auth schema, the private schema and every Phase 1 enum type.
--
-- Objects are owned by whoever runs the migrations (a superuser). The server logs in as
-- wt_app, which owns nothing and may only SET ROLE to anon / authenticated (service work logs
-- in as wt_service, 0019).
-- Roles are cluster-wide while databases are not, and tests migrate many databases in
-- parallel: every CREATE ROLE and role GRANT below tolerates a concurrent twin
-- (duplicate_object once the other transaction committed, unique_violation while racing it).
-- A role that exists is left alone before any privilege is checked: on a managed PostgreSQL
-- an administrator creates the roles once (scripts/managed-postgres-roles.sql) and the
-- migrating role, with no right to create BYPASSRLS roles, only finds them.

create extension if not exists citext;

-- ---------------------------------------------------------------------------------------
-- Roles
-- ---------------------------------------------------------------------------------------
do $$ begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

do $$ begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

-- Background workers and webhook intake; bypasses RLS and touches only what its job names.
do $$ begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

-- Owns the SECURITY DEFINER helpers used by policies. It must bypass RLS: under FORCE RLS a
-- helper owned by a role subject to the policies would see no rows (docs/security.md).
do $$ begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'wt_rls_definer') then
    create role wt_rls_definer nologin bypassrls;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

-- The login role of the server (Unix socket, no password); like PostgREST's 'authenticator'.
do $$ begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'wt_app') then
    create role wt_app login noinherit;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

-- Never service_role: roles are cluster-wide, so granting it here would hand it back to wt_app
-- whenever another database of the cluster is migrated (0019 revokes it where 0001 once did).
do $$ begin
  grant anon, authenticated to wt_app;
exception when duplicate_object or unique_violation then null;
end $$;

-- ---------------------------------------------------------------------------------------
-- Schemas
-- ---------------------------------------------------------------------------------------
create schema auth;
revoke all on schema auth from public;
grant usage on schema auth to anon, authenticated, service_role, wt_rls_definer;
grant usage on schema public to anon, authenticated, service_role, wt_rls_definer;

-- private: trigger functions and the SECURITY DEFINER helpers of the RLS policies.
-- authenticated needs USAGE to call the helpers from its policies; nothing else is exposed.
create schema private;
revoke all on schema private from public;
grant usage on schema private to authenticated, wt_rls_definer;

-- ---------------------------------------------------------------------------------------
-- auth.users: sign-in data, reached only by the auth backend as service_role. No RLS.
-- ---------------------------------------------------------------------------------------
create table auth.users (
  id            uuid primary key default gen_random_uuid(),
  email         citext not null unique,
  password_hash text not null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
revoke all on auth.users from public, anon, authenticated;
grant select, insert, update, delete on auth.users to service_role;

-- The signed-in user of the current transaction. The server sets it with
-- set_config('app.user_id', $1, true) (transaction-local); after COMMIT the setting reads ''
-- rather than NULL on a pooled connection, hence nullif.
create function auth.uid() returns uuid
language sql stable
as $$
  select nullif(current_setting('app.user_id', true), '')::uuid
$$;
revoke execute on function auth.uid() from public;
grant execute on function auth.uid() to anon, authenticated, service_role, wt_rls_definer;

-- ---------------------------------------------------------------------------------------
-- updated_at maintenance (attached as BEFORE UPDATE to every table with the column)
-- ---------------------------------------------------------------------------------------
create function private.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;
revoke execute on function private.set_updated_at() from public;

create trigger set_updated_at before update on auth.users
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------
-- Enum types of Phase 1 (ER "Recommended PostgreSQL ENUMs"); the Phase 1b ones are in 0009.
-- ---------------------------------------------------------------------------------------
create type public.wt_plan_tier         as enum ('free', 'pro');
create type public.wt_profile_type      as enum ('parent', 'dependent');
create type public.wt_meal_type         as enum ('breakfast', 'lunch', 'dinner', 'snack');
create type public.wt_source_type       as enum ('url', 'ocr', 'ai', 'manual');
create type public.wt_pantry_category   as enum ('fridge', 'cupboard', 'freezer');
create type public.wt_period            as enum ('daily', 'weekly', 'monthly');
create type public.wt_protocol_time     as enum ('am', 'pm', 'with_meal', 'bedtime');
create type public.wt_supplement_status as enum ('taken', 'skipped', 'planned');
create type public.wt_workout_type      as enum ('strength', 'cardio', 'flexibility', 'mixed');
create type public.wt_difficulty        as enum ('beginner', 'intermediate', 'advanced');
create type public.wt_health_source     as enum ('healthconnect', 'healthkit', 'garmin', 'strava', 'manual');
-- 'resting_hr' is an addition to the ER's list: the daily resting heart rate is a different
-- measurement from an 'hr' sample, and the recovery engine's baselines need it.
create type public.wt_metric_type       as enum ('sleep', 'stress', 'vo2max', 'steps', 'hr', 'hrv',
                                                 'calories', 'distance', 'active_minutes', 'weight',
                                                 'body_fat', 'blood_pressure', 'spo2', 'resting_hr');
create type public.wt_plan_type         as enum ('weekly', 'monthly');
create type public.wt_plan_status       as enum ('draft', 'active', 'completed', 'archived');
create type public.wt_item_type         as enum ('meal', 'workout', 'supplement', 'activity', 'custom');
create type public.wt_period_type       as enum ('day', 'week', 'month');
create type public.wt_memory_type       as enum ('preference', 'embedding', 'pattern');
