-- The recompute service (issue 3): where each training load came from, the
-- session RPE it needs, and a queue of profiles whose engine rows are stale.

-- Session RPE (Foster's CR-10), the input of the session-RPE load method.
alter table public.wt_workouts
  add column session_rpe numeric check (session_rpe between 0 and 10);

-- Which method produced a load, and its inputs, so loads from different
-- methods are never mixed silently (engine-methods.md §1).
alter table public.wt_training_loads
  add column load_method text check (load_method in ('srpe', 'manual_if', 'trimp', 'strength_sets')),
  add column load_details jsonb;

-- One row per profile: bursts of new data coalesce into it (the earliest
-- changed date wins); `generation` tells the worker whether data arrived
-- while it was computing. No foreign key: rows for deleted profiles are
-- dropped by the worker, and a cascade must never fail on the queue.
create schema engine;
revoke all on schema engine from public;
grant usage on schema engine to service_role;

create table engine.recompute_queue (
  profile_id uuid primary key,
  from_date date not null,
  generation bigint not null default 1,
  requested_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'processing')),
  attempts int not null default 0 check (attempts >= 0),
  locked_by text,
  locked_at timestamptz,
  claimed_generation bigint,
  next_retry_at timestamptz not null default now(),
  last_error text
);
create index recompute_queue_claim_idx on engine.recompute_queue (next_retry_at) where status = 'pending';
grant select, insert, update, delete on engine.recompute_queue to service_role;

-- Enqueues the profile of a changed metric, workout or workout log. SECURITY
-- DEFINER so request code (as `authenticated`) needs no grant on the queue.
create function private.enqueue_recompute() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  rec record := case when tg_op = 'DELETE' then old else new end;
  changed date;
begin
  if tg_table_name = 'wt_health_metrics' then
    changed := rec.recorded_at::date;
  elsif tg_table_name = 'wt_workouts' then
    changed := coalesce(rec.completed_at::date, rec.scheduled_date, current_date);
  else
    changed := coalesce(rec.logged_at::date, current_date);
  end if;
  if tg_op = 'UPDATE' and tg_table_name = 'wt_health_metrics' then
    changed := least(changed, old.recorded_at::date);
  end if;
  -- A profile being deleted (its rows cascade) needs no recomputation.
  if not exists (select 1 from public.wt_profiles where id = rec.profile_id) then
    return null;
  end if;
  insert into engine.recompute_queue as q (profile_id, from_date)
  values (rec.profile_id, changed)
  on conflict (profile_id) do update
    set from_date = least(q.from_date, excluded.from_date),
        generation = q.generation + 1,
        requested_at = now();
  return null;
end
$$;

create trigger wt_health_metrics_enqueue_recompute
  after insert or update or delete on public.wt_health_metrics
  for each row execute function private.enqueue_recompute();
create trigger wt_workouts_enqueue_recompute
  after insert or update or delete on public.wt_workouts
  for each row execute function private.enqueue_recompute();
create trigger wt_workout_logs_enqueue_recompute
  after insert or update or delete on public.wt_workout_logs
  for each row execute function private.enqueue_recompute();
