-- WellTrack on a PostgreSQL you do not run as superuser (a managed service, a shared
-- server): the one-time setup an administrator runs before the first start.
--
-- WellTrack's migrations create its roles only where they are missing, and creating a
-- BYPASSRLS role needs more than CREATEROLE. Run this once, as a role that may create
-- BYPASSRLS roles (the service's administrator), with psql:
--
--   psql "postgres://ADMIN@HOST/postgres" \
--     -v owner=welltrack_owner -v database=welltrack \
--     -v app_password='…' -v service_password='…' \
--     -f scripts/managed-postgres-roles.sql
--
-- `owner` is an existing login role that runs the migrations and owns the schema (it needs
-- no superuser, CREATEROLE or BYPASSRLS); the database is created for it when missing.
-- Then start WellTrack with three URLs (README, "Your own PostgreSQL"):
--   DATABASE_URL=postgres://welltrack_owner:…@HOST/welltrack             migrations
--   WELLTRACK_APP_DATABASE_URL=postgres://wt_app:…@HOST/welltrack        requests
--   WELLTRACK_SERVICE_DATABASE_URL=postgres://wt_service:…@HOST/welltrack sign-in, workers
-- Running it again changes nothing that exists (passwords included).

\set ON_ERROR_STOP on

-- The request roles: people signed in (authenticated, under row-level security), visitors
-- (anon), and the system's own work (service_role, which bypasses it).
select 'create role anon nologin noinherit'
  where not exists (select from pg_roles where rolname = 'anon') \gexec
select 'create role authenticated nologin noinherit'
  where not exists (select from pg_roles where rolname = 'authenticated') \gexec
select 'create role service_role nologin noinherit bypassrls'
  where not exists (select from pg_roles where rolname = 'service_role') \gexec
-- Owns the functions the policies call; they must see past row-level security.
select 'create role wt_rls_definer nologin bypassrls'
  where not exists (select from pg_roles where rolname = 'wt_rls_definer') \gexec

-- The two login roles of the server. They own nothing and may only become the roles above.
select format('create role wt_app login noinherit password %L', :'app_password')
  where not exists (select from pg_roles where rolname = 'wt_app') \gexec
select format('create role wt_service login noinherit password %L', :'service_password')
  where not exists (select from pg_roles where rolname = 'wt_service') \gexec
grant anon, authenticated to wt_app;
grant authenticated, service_role to wt_service;

-- The migrating owner grants these roles to the login roles and hands the policy helpers
-- to wt_rls_definer, so it is their member WITH ADMIN OPTION. Role attributes are not
-- inherited: the owner does not bypass row-level security through them.
grant anon, authenticated, service_role, wt_rls_definer to :"owner" with admin option;

select format('create database %I owner %I', :'database', :'owner')
  where not exists (select from pg_database where datname = :'database') \gexec
