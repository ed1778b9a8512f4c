-- Sign-in support tables. They sit outside row-level security and are used
-- only by the auth backend (as service_role) and the session layer (as the
-- login role wt_app), never by request code as `authenticated`.

create table auth.sign_in_failures (
  id bigint generated always as identity primary key,
  key text not null,                       -- 'email:<address>' or 'ip:<address>'
  failed_at timestamptz not null default now()
);
create index sign_in_failures_key_failed_at_idx on auth.sign_in_failures (key, failed_at);
grant select, insert, delete on auth.sign_in_failures to service_role;

-- tower-sessions-sqlx-store's table (created here so the login role needs no
-- CREATE privilege); same shape as the store's own migrate().
create schema if not exists tower_sessions;
create table tower_sessions.session (
  id text primary key not null,
  data bytea not null,
  expiry_date timestamptz not null
);
create index session_expiry_date_idx on tower_sessions.session (expiry_date);
grant usage on schema tower_sessions to wt_app;
grant select, insert, update, delete on tower_sessions.session to wt_app;
