-- Plans for the pages' reads under row-level security, measured on five years
-- of 50 households (1.1 M health metric rows, scripts/bench.sh).
--
-- 1. The health metrics SELECT/UPDATE/DELETE policies also required
--    `user_id = auth.uid()`. Household isolation is the profile check (the
--    caller's own profiles); the extra column made the planner multiply two
--    correlated selectivities, estimate ~2 rows and pick a bitmap scan of the
--    profile's whole history plus a sort (10-35 ms) instead of an ordered
--    index scan that stops after the rows asked for (0.2 ms). Writes keep both
--    checks (WITH CHECK), so nobody can attribute a row to another account.
drop policy wt_health_metrics_select on public.wt_health_metrics;
drop policy wt_health_metrics_update on public.wt_health_metrics;
drop policy wt_health_metrics_delete on public.wt_health_metrics;
create policy wt_health_metrics_select on public.wt_health_metrics for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_health_metrics_update on public.wt_health_metrics for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (user_id = (select auth.uid())
    and profile_id = any (array(select private.my_profile_ids())));
create policy wt_health_metrics_delete on public.wt_health_metrics for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- 2. Under RLS, PostgreSQL uses a query's own condition as an index condition
--    only when its operator is leakproof; `enum = enum` (enum_eq) is not
--    marked so, though it only compares two OIDs and cannot fail or reveal
--    anything. So `metric_type = 'weight'` was a filter over every metric of
--    the profile. Marking it needs a superuser (the embedded cluster's
--    migrations have one); on a managed PostgreSQL without one the queries
--    stay correct and are only slower.
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function pg_catalog.enum_eq(anyenum, anyenum) leakproof;
  end if;
end
$$;

-- 3. The same index twice (0006 and 0015): keep one.
drop index if exists public.idx_health_metrics_profile_metric_recorded;

-- 4. A profile's workouts by day (lists, the weekly tile) and its training
--    loads by day (the weekly tile): ordered range scans of one profile.
create index idx_workouts_profile_day on public.wt_workouts (profile_id, scheduled_date, created_at);
create index idx_training_loads_profile_day on public.wt_training_loads (profile_id, load_date);
