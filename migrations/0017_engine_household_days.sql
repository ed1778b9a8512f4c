-- The engine's days are the household's days (wt_users.timezone), not UTC.
-- The queue only needs a safe start: every zone's date is within one day of
-- the UTC date, so a change is queued from the UTC date before it, read in
-- UTC whatever the session's TimeZone is. The recompute then works on the
-- household's calendar (app/src/performance/recompute).
create or replace function private.enqueue_recompute() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  rec record := case when tg_op = 'DELETE' then old else new end;
  changed date;
begin
  if tg_table_name = 'wt_health_metrics' then
    changed := (rec.recorded_at at time zone 'UTC')::date - 1;
  elsif tg_table_name = 'wt_workouts' then
    -- least() skips NULLs: the earlier of the session's two days, else yesterday.
    changed := coalesce(least((rec.completed_at at time zone 'UTC')::date - 1, rec.scheduled_date),
                        (now() at time zone 'UTC')::date - 1);
  else
    changed := coalesce((rec.logged_at at time zone 'UTC')::date, (now() at time zone 'UTC')::date) - 1;
  end if;
  if tg_op = 'UPDATE' and tg_table_name = 'wt_health_metrics' then
    changed := least(changed, (old.recorded_at at time zone 'UTC')::date - 1);
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
