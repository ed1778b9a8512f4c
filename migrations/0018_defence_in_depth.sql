-- Database defence in depth: what the request role may do, tightened to what
-- the app does, so a bug in request code cannot widen it.

-- 1. Computed engine rows are written only by the engine (service_role).
--    People read them; on recovery scores they may set only their override
--    columns (0013). No insert or delete for the request role.
revoke insert, delete on table
  public.wt_baselines, public.wt_training_loads, public.wt_recovery_scores, public.wt_forecasts
from authenticated;
revoke update on table public.wt_baselines, public.wt_training_loads, public.wt_forecasts from authenticated;
drop policy wt_baselines_insert on public.wt_baselines;
drop policy wt_baselines_update on public.wt_baselines;
drop policy wt_baselines_delete on public.wt_baselines;
drop policy wt_training_loads_insert on public.wt_training_loads;
drop policy wt_training_loads_update on public.wt_training_loads;
drop policy wt_training_loads_delete on public.wt_training_loads;
drop policy wt_recovery_scores_insert on public.wt_recovery_scores;
drop policy wt_recovery_scores_delete on public.wt_recovery_scores;
drop policy wt_forecasts_insert on public.wt_forecasts;
drop policy wt_forecasts_update on public.wt_forecasts;
drop policy wt_forecasts_delete on public.wt_forecasts;

-- 2. A meal or a leftover may name only a recipe its household may read
--    (its own, the shared library, or a public one): never another
--    household's private recipe, whose id could otherwise be probed or linked.
drop policy wt_meals_insert on public.wt_meals;
drop policy wt_meals_update on public.wt_meals;
create policy wt_meals_insert on public.wt_meals for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (recipe_id is null or recipe_id = any (array(select private.readable_recipe_ids()))));
create policy wt_meals_update on public.wt_meals for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (recipe_id is null or recipe_id = any (array(select private.readable_recipe_ids()))));
drop policy wt_leftovers_insert on public.wt_leftovers;
drop policy wt_leftovers_update on public.wt_leftovers;
create policy wt_leftovers_insert on public.wt_leftovers for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (source_recipe_id is null or source_recipe_id = any (array(select private.readable_recipe_ids()))));
create policy wt_leftovers_update on public.wt_leftovers for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (source_recipe_id is null or source_recipe_id = any (array(select private.readable_recipe_ids()))));

-- 3. No function of ours is callable by PUBLIC: the trigger functions run as
--    triggers (EXECUTE is not checked for them), the policy helpers and
--    auth.uid() keep the explicit grants of 0001 and 0008.
revoke execute on function private.set_updated_at() from public;
revoke execute on function private.delete_private_library_rows() from public;
revoke execute on function private.enqueue_recompute() from public;
