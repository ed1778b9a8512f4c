-- Throttled actions record each *attempt* before the work they guard (an
-- argon2 verification), under a per-key advisory lock, and count the earlier
-- attempts of the window: parallel guesses cannot all pass a count taken
-- before any of them was recorded (the failure log of 0010 allowed that).
-- Keys name the action and the subject: 'sign-in:email:<address>',
-- 'sign-in:ip:<address>', 'sign-up:ip:<address>', 'password:user:<id>',
-- 'delete:user:<id>'. A successful sign-in clears its account key.
create table auth.throttle_attempts (
  id           bigint generated always as identity primary key,
  key          text not null check (length(key) <= 400),
  attempted_at timestamptz not null default now()
);
create index throttle_attempts_key_at_idx on auth.throttle_attempts (key, attempted_at);
-- The maintenance worker prunes by age.
create index throttle_attempts_at_idx on auth.throttle_attempts (attempted_at);
grant select, insert, delete on auth.throttle_attempts to service_role;

drop table auth.sign_in_failures;
