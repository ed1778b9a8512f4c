-- WellTrack 0008: grants, row-level security and policies for the 29 Phase 1 tables.
--
-- Model (docs/security.md, docs/architecture.md):
-- * Each request is one transaction: SET LOCAL ROLE authenticated and
--   set_config('app.user_id', <id>, true); auth.uid() reads that setting.
-- * Every wt_ table has RLS enabled AND forced, with separate SELECT/INSERT/UPDATE/DELETE
--   policies TO authenticated and WITH CHECK on INSERT and UPDATE, so a row can never be
--   written into, or moved to, another household.
-- * The ER's "profile_id IN (SELECT id FROM wt_profiles WHERE user_id = auth.uid())" is
--   written as "profile_id = any (array(select private.my_profile_ids()))": same meaning,
--   evaluated once per statement (InitPlan) instead of a hashed subplan over the table.
--   The helpers are SECURITY DEFINER, search_path '', and owned by the BYPASSRLS role
--   wt_rls_definer, because under FORCE RLS a helper subject to the policies sees no rows.
-- * service_role (BYPASSRLS) has every privilege and needs no policy; anon may only read
--   the two reference tables.

-- ---------------------------------------------------------------------------------------
-- Policy helpers
-- ---------------------------------------------------------------------------------------

-- The signed-in user's profiles (own profile and dependents).
create function private.my_profile_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.wt_profiles p where p.user_id = (select auth.uid())
$$;

-- Recipes the user may change: those created by one of the user's profiles.
create function private.my_recipe_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select r.id
  from public.wt_recipes r
  join public.wt_profiles p on p.id = r.profile_id
  where p.user_id = (select auth.uid())
$$;

-- Recipes the user may read: own, system library (profile_id null) and public ones.
-- Mirrors the SELECT policy of wt_recipes, for steps and ingredients.
create function private.readable_recipe_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select r.id
  from public.wt_recipes r
  where r.profile_id is null
     or r.is_public
     or r.profile_id in (select p.id from public.wt_profiles p where p.user_id = (select auth.uid()))
$$;

-- Meals of the user's profiles (for wt_meal_nutrient_breakdown).
create function private.my_meal_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.id
  from public.wt_meals m
  join public.wt_profiles p on p.id = m.profile_id
  where p.user_id = (select auth.uid())
$$;

-- Plans of the user's profiles (for wt_plan_items).
create function private.my_plan_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select pl.id
  from public.wt_plans pl
  join public.wt_profiles p on p.id = pl.profile_id
  where p.user_id = (select auth.uid())
$$;

grant select on public.wt_profiles, public.wt_recipes, public.wt_meals, public.wt_plans to wt_rls_definer;

-- A role that is not a superuser may give a function to another role only when that role
-- may create in the function's schema: lent for the hand-over, taken back after it.
grant create on schema private to wt_rls_definer;
alter function private.my_profile_ids()      owner to wt_rls_definer;
alter function private.my_recipe_ids()       owner to wt_rls_definer;
alter function private.readable_recipe_ids() owner to wt_rls_definer;
alter function private.my_meal_ids()         owner to wt_rls_definer;
alter function private.my_plan_ids()         owner to wt_rls_definer;
revoke create on schema private from wt_rls_definer;

revoke execute on function private.my_profile_ids(), private.my_recipe_ids(),
  private.readable_recipe_ids(), private.my_meal_ids(), private.my_plan_ids() from public;
grant execute on function private.my_profile_ids(), private.my_recipe_ids(),
  private.readable_recipe_ids(), private.my_meal_ids(), private.my_plan_ids() to authenticated;

-- ---------------------------------------------------------------------------------------
-- Grants: start from nothing, then give each role what its policies allow.
-- ---------------------------------------------------------------------------------------

revoke all on table
  public.wt_users,
  public.wt_profiles,
  public.wt_profile_modules,
  public.wt_nutrients,
  public.wt_exercises,
  public.wt_recipes,
  public.wt_recipe_steps,
  public.wt_recipe_ingredients,
  public.wt_meals,
  public.wt_pantry_items,
  public.wt_leftovers,
  public.wt_nutrient_targets,
  public.wt_meal_nutrient_breakdown,
  public.wt_supplements,
  public.wt_supplement_logs,
  public.wt_supplement_protocols,
  public.wt_workouts,
  public.wt_workout_logs,
  public.wt_health_metrics,
  public.wt_health_connections,
  public.wt_plans,
  public.wt_plan_items,
  public.wt_goal_forecasts,
  public.wt_daily_logs,
  public.wt_insights,
  public.wt_reminders,
  public.wt_ai_usage,
  public.wt_ai_audit_log,
  public.wt_ai_memory
from public, anon, authenticated;

grant all on table
  public.wt_users,
  public.wt_profiles,
  public.wt_profile_modules,
  public.wt_nutrients,
  public.wt_exercises,
  public.wt_recipes,
  public.wt_recipe_steps,
  public.wt_recipe_ingredients,
  public.wt_meals,
  public.wt_pantry_items,
  public.wt_leftovers,
  public.wt_nutrient_targets,
  public.wt_meal_nutrient_breakdown,
  public.wt_supplements,
  public.wt_supplement_logs,
  public.wt_supplement_protocols,
  public.wt_workouts,
  public.wt_workout_logs,
  public.wt_health_metrics,
  public.wt_health_connections,
  public.wt_plans,
  public.wt_plan_items,
  public.wt_goal_forecasts,
  public.wt_daily_logs,
  public.wt_insights,
  public.wt_reminders,
  public.wt_ai_usage,
  public.wt_ai_audit_log,
  public.wt_ai_memory
to service_role;

grant select, insert, update, delete on table
  public.wt_profiles,
  public.wt_profile_modules,
  public.wt_recipes,
  public.wt_recipe_steps,
  public.wt_recipe_ingredients,
  public.wt_meals,
  public.wt_pantry_items,
  public.wt_leftovers,
  public.wt_nutrient_targets,
  public.wt_meal_nutrient_breakdown,
  public.wt_supplements,
  public.wt_supplement_logs,
  public.wt_supplement_protocols,
  public.wt_workouts,
  public.wt_workout_logs,
  public.wt_health_metrics,
  public.wt_plans,
  public.wt_plan_items,
  public.wt_goal_forecasts,
  public.wt_daily_logs,
  public.wt_insights,
  public.wt_reminders,
  public.wt_ai_memory
to authenticated;

-- Reference data: readable by everyone, written by service_role only.
grant select on table public.wt_nutrients, public.wt_exercises to anon, authenticated;

-- Metering and audit: users read their own rows; only service_role writes.
grant select on table public.wt_ai_usage, public.wt_ai_audit_log to authenticated;

-- wt_users: no DELETE (accounts are removed through auth.users as service_role), and
-- plan_tier is not writable by the user: it decides the AI limits, so it changes only
-- through service_role (billing / admin). id can be set on insert, never changed.
grant select on table public.wt_users to authenticated;
grant insert (id, display_name, avatar_url, onboarding_completed, timezone)
  on table public.wt_users to authenticated;
grant update (display_name, avatar_url, onboarding_completed, timezone)
  on table public.wt_users to authenticated;

-- wt_health_connections: users manage their connections but never read the (encrypted)
-- tokens: SELECT on every other column only. Writes are whole-row. Note that
-- "select *" and "returning *" as authenticated fail on this table: name the columns.
grant select (id, profile_id, provider, token_expires_at, is_connected, last_sync_at,
              connection_metadata, created_at, updated_at)
  on table public.wt_health_connections to authenticated;
grant insert, update, delete on table public.wt_health_connections to authenticated;

-- ---------------------------------------------------------------------------------------
-- Row-level security: enabled and forced on every table
-- ---------------------------------------------------------------------------------------

alter table public.wt_users enable row level security;
alter table public.wt_users force row level security;
alter table public.wt_profiles enable row level security;
alter table public.wt_profiles force row level security;
alter table public.wt_profile_modules enable row level security;
alter table public.wt_profile_modules force row level security;
alter table public.wt_nutrients enable row level security;
alter table public.wt_nutrients force row level security;
alter table public.wt_exercises enable row level security;
alter table public.wt_exercises force row level security;
alter table public.wt_recipes enable row level security;
alter table public.wt_recipes force row level security;
alter table public.wt_recipe_steps enable row level security;
alter table public.wt_recipe_steps force row level security;
alter table public.wt_recipe_ingredients enable row level security;
alter table public.wt_recipe_ingredients force row level security;
alter table public.wt_meals enable row level security;
alter table public.wt_meals force row level security;
alter table public.wt_pantry_items enable row level security;
alter table public.wt_pantry_items force row level security;
alter table public.wt_leftovers enable row level security;
alter table public.wt_leftovers force row level security;
alter table public.wt_nutrient_targets enable row level security;
alter table public.wt_nutrient_targets force row level security;
alter table public.wt_meal_nutrient_breakdown enable row level security;
alter table public.wt_meal_nutrient_breakdown force row level security;
alter table public.wt_supplements enable row level security;
alter table public.wt_supplements force row level security;
alter table public.wt_supplement_logs enable row level security;
alter table public.wt_supplement_logs force row level security;
alter table public.wt_supplement_protocols enable row level security;
alter table public.wt_supplement_protocols force row level security;
alter table public.wt_workouts enable row level security;
alter table public.wt_workouts force row level security;
alter table public.wt_workout_logs enable row level security;
alter table public.wt_workout_logs force row level security;
alter table public.wt_health_metrics enable row level security;
alter table public.wt_health_metrics force row level security;
alter table public.wt_health_connections enable row level security;
alter table public.wt_health_connections force row level security;
alter table public.wt_plans enable row level security;
alter table public.wt_plans force row level security;
alter table public.wt_plan_items enable row level security;
alter table public.wt_plan_items force row level security;
alter table public.wt_goal_forecasts enable row level security;
alter table public.wt_goal_forecasts force row level security;
alter table public.wt_daily_logs enable row level security;
alter table public.wt_daily_logs force row level security;
alter table public.wt_insights enable row level security;
alter table public.wt_insights force row level security;
alter table public.wt_reminders enable row level security;
alter table public.wt_reminders force row level security;
alter table public.wt_ai_usage enable row level security;
alter table public.wt_ai_usage force row level security;
alter table public.wt_ai_audit_log enable row level security;
alter table public.wt_ai_audit_log force row level security;
alter table public.wt_ai_memory enable row level security;
alter table public.wt_ai_memory force row level security;

-- ---------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------

-- Core ----------------------------------------------------------------------------------

create policy wt_users_select on public.wt_users for select to authenticated
  using (id = (select auth.uid()));
create policy wt_users_insert on public.wt_users for insert to authenticated
  with check (id = (select auth.uid()));
create policy wt_users_update on public.wt_users for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));
-- no delete policy on wt_users (see grants)

create policy wt_profiles_select on public.wt_profiles for select to authenticated
  using (user_id = (select auth.uid()));
create policy wt_profiles_insert on public.wt_profiles for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy wt_profiles_update on public.wt_profiles for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));
create policy wt_profiles_delete on public.wt_profiles for delete to authenticated
  using (user_id = (select auth.uid()));

create policy wt_profile_modules_select on public.wt_profile_modules for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_profile_modules_insert on public.wt_profile_modules for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_profile_modules_update on public.wt_profile_modules for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_profile_modules_delete on public.wt_profile_modules for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- Reference tables ----------------------------------------------------------------------

create policy wt_nutrients_select on public.wt_nutrients for select to anon, authenticated
  using (true);
create policy wt_exercises_select on public.wt_exercises for select to anon, authenticated
  using (true);
-- no write policies: only service_role (BYPASSRLS) writes reference data

-- Meals & recipes -----------------------------------------------------------------------

-- wt_recipes: system library rows (profile_id null) and public recipes are readable by
-- every signed-in user; only the creating household may write.
create policy wt_recipes_select on public.wt_recipes for select to authenticated
  using (profile_id is null or is_public or profile_id = any (array(select private.my_profile_ids())));
create policy wt_recipes_insert on public.wt_recipes for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_recipes_update on public.wt_recipes for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_recipes_delete on public.wt_recipes for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

create policy wt_recipe_steps_select on public.wt_recipe_steps for select to authenticated
  using (recipe_id = any (array(select private.readable_recipe_ids())));
create policy wt_recipe_steps_insert on public.wt_recipe_steps for insert to authenticated
  with check (recipe_id = any (array(select private.my_recipe_ids())));
create policy wt_recipe_steps_update on public.wt_recipe_steps for update to authenticated
  using (recipe_id = any (array(select private.my_recipe_ids())))
  with check (recipe_id = any (array(select private.my_recipe_ids())));
create policy wt_recipe_steps_delete on public.wt_recipe_steps for delete to authenticated
  using (recipe_id = any (array(select private.my_recipe_ids())));

create policy wt_recipe_ingredients_select on public.wt_recipe_ingredients for select to authenticated
  using (recipe_id = any (array(select private.readable_recipe_ids())));
create policy wt_recipe_ingredients_insert on public.wt_recipe_ingredients for insert to authenticated
  with check (recipe_id = any (array(select private.my_recipe_ids())));
create policy wt_recipe_ingredients_update on public.wt_recipe_ingredients for update to authenticated
  using (recipe_id = any (array(select private.my_recipe_ids())))
  with check (recipe_id = any (array(select private.my_recipe_ids())));
create policy wt_recipe_ingredients_delete on public.wt_recipe_ingredients for delete to authenticated
  using (recipe_id = any (array(select private.my_recipe_ids())));

create policy wt_meals_select on public.wt_meals for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_meals_insert on public.wt_meals for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_meals_update on public.wt_meals for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_meals_delete on public.wt_meals for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

create policy wt_pantry_items_select on public.wt_pantry_items for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_pantry_items_insert on public.wt_pantry_items for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_pantry_items_update on public.wt_pantry_items for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_pantry_items_delete on public.wt_pantry_items for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

create policy wt_leftovers_select on public.wt_leftovers for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_leftovers_insert on public.wt_leftovers for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_leftovers_update on public.wt_leftovers for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_leftovers_delete on public.wt_leftovers for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

create policy wt_nutrient_targets_select on public.wt_nutrient_targets for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_nutrient_targets_insert on public.wt_nutrient_targets for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_nutrient_targets_update on public.wt_nutrient_targets for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_nutrient_targets_delete on public.wt_nutrient_targets for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

create policy wt_meal_nutrient_breakdown_select on public.wt_meal_nutrient_breakdown for select to authenticated
  using (meal_id = any (array(select private.my_meal_ids())));
create policy wt_meal_nutrient_breakdown_insert on public.wt_meal_nutrient_breakdown for insert to authenticated
  with check (meal_id = any (array(select private.my_meal_ids())));
create policy wt_meal_nutrient_breakdown_update on public.wt_meal_nutrient_breakdown for update to authenticated
  using (meal_id = any (array(select private.my_meal_ids())))
  with check (meal_id = any (array(select private.my_meal_ids())));
create policy wt_meal_nutrient_breakdown_delete on public.wt_meal_nutrient_breakdown for delete to authenticated
  using (meal_id = any (array(select private.my_meal_ids())));

-- Supplements ---------------------------------------------------------------------------

-- wt_supplements: system library rows (profile_id null) are readable by every signed-in
-- user; only the creating household may write.
create policy wt_supplements_select on public.wt_supplements for select to authenticated
  using (profile_id is null or profile_id = any (array(select private.my_profile_ids())));
create policy wt_supplements_insert on public.wt_supplements for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_supplements_update on public.wt_supplements for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_supplements_delete on public.wt_supplements for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- Rows may only point at supplements the user can read (own or library): the
-- subquery runs under wt_supplements' own SELECT policy.
create policy wt_supplement_logs_select on public.wt_supplement_logs for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_supplement_logs_insert on public.wt_supplement_logs for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids()))
    and exists (select 1 from public.wt_supplements s where s.id = wt_supplement_logs.supplement_id));
create policy wt_supplement_logs_update on public.wt_supplement_logs for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids()))
    and exists (select 1 from public.wt_supplements s where s.id = wt_supplement_logs.supplement_id));
create policy wt_supplement_logs_delete on public.wt_supplement_logs for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- Supplement: own or library; linked goal: one of the household's goals.
create policy wt_supplement_protocols_select on public.wt_supplement_protocols for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_supplement_protocols_insert on public.wt_supplement_protocols for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids()))
    and exists (select 1 from public.wt_supplements s where s.id = wt_supplement_protocols.supplement_id)
    and (linked_goal_id is null
         or exists (select 1 from public.wt_goal_forecasts g where g.id = wt_supplement_protocols.linked_goal_id)));
create policy wt_supplement_protocols_update on public.wt_supplement_protocols for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids()))
    and exists (select 1 from public.wt_supplements s where s.id = wt_supplement_protocols.supplement_id)
    and (linked_goal_id is null
         or exists (select 1 from public.wt_goal_forecasts g where g.id = wt_supplement_protocols.linked_goal_id)));
create policy wt_supplement_protocols_delete on public.wt_supplement_protocols for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- Workouts ------------------------------------------------------------------------------

create policy wt_workouts_select on public.wt_workouts for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_workouts_insert on public.wt_workouts for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_workouts_update on public.wt_workouts for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_workouts_delete on public.wt_workouts for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- A log may only belong to one of the household's workouts (exercise_id points at
-- reference data, readable by all).
create policy wt_workout_logs_select on public.wt_workout_logs for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_workout_logs_insert on public.wt_workout_logs for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (workout_id is null
         or exists (select 1 from public.wt_workouts w where w.id = wt_workout_logs.workout_id)));
create policy wt_workout_logs_update on public.wt_workout_logs for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (workout_id is null
         or exists (select 1 from public.wt_workouts w where w.id = wt_workout_logs.workout_id)));
create policy wt_workout_logs_delete on public.wt_workout_logs for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- Health --------------------------------------------------------------------------------

-- Both the owning user and one of the user's profiles.
create policy wt_health_metrics_select on public.wt_health_metrics for select to authenticated
  using (user_id = (select auth.uid())
    and profile_id = any (array(select private.my_profile_ids())));
create policy wt_health_metrics_insert on public.wt_health_metrics for insert to authenticated
  with check (user_id = (select auth.uid())
    and profile_id = any (array(select private.my_profile_ids())));
create policy wt_health_metrics_update on public.wt_health_metrics for update to authenticated
  using (user_id = (select auth.uid())
    and profile_id = any (array(select private.my_profile_ids())))
  with check (user_id = (select auth.uid())
    and profile_id = any (array(select private.my_profile_ids())));
create policy wt_health_metrics_delete on public.wt_health_metrics for delete to authenticated
  using (user_id = (select auth.uid())
    and profile_id = any (array(select private.my_profile_ids())));

-- Token columns are hidden by the column grants above.
create policy wt_health_connections_select on public.wt_health_connections for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_health_connections_insert on public.wt_health_connections for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_health_connections_update on public.wt_health_connections for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_health_connections_delete on public.wt_health_connections for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- Plans & goals -------------------------------------------------------------------------

create policy wt_plans_select on public.wt_plans for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_plans_insert on public.wt_plans for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_plans_update on public.wt_plans for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_plans_delete on public.wt_plans for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

create policy wt_plan_items_select on public.wt_plan_items for select to authenticated
  using (plan_id = any (array(select private.my_plan_ids())));
create policy wt_plan_items_insert on public.wt_plan_items for insert to authenticated
  with check (plan_id = any (array(select private.my_plan_ids())));
create policy wt_plan_items_update on public.wt_plan_items for update to authenticated
  using (plan_id = any (array(select private.my_plan_ids())))
  with check (plan_id = any (array(select private.my_plan_ids())));
create policy wt_plan_items_delete on public.wt_plan_items for delete to authenticated
  using (plan_id = any (array(select private.my_plan_ids())));

create policy wt_goal_forecasts_select on public.wt_goal_forecasts for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_goal_forecasts_insert on public.wt_goal_forecasts for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_goal_forecasts_update on public.wt_goal_forecasts for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_goal_forecasts_delete on public.wt_goal_forecasts for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- Daily & insights ----------------------------------------------------------------------

create policy wt_daily_logs_select on public.wt_daily_logs for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_daily_logs_insert on public.wt_daily_logs for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_daily_logs_update on public.wt_daily_logs for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_daily_logs_delete on public.wt_daily_logs for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

create policy wt_insights_select on public.wt_insights for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_insights_insert on public.wt_insights for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_insights_update on public.wt_insights for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_insights_delete on public.wt_insights for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

create policy wt_reminders_select on public.wt_reminders for select to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));
create policy wt_reminders_insert on public.wt_reminders for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_reminders_update on public.wt_reminders for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids())));
create policy wt_reminders_delete on public.wt_reminders for delete to authenticated
  using (profile_id = any (array(select private.my_profile_ids())));

-- AI ------------------------------------------------------------------------------------

-- Metering and audit: the user reads own rows; writes come only from service_role.
create policy wt_ai_usage_select on public.wt_ai_usage for select to authenticated
  using (user_id = (select auth.uid())
    and (profile_id is null or profile_id = any (array(select private.my_profile_ids()))));
create policy wt_ai_audit_log_select on public.wt_ai_audit_log for select to authenticated
  using (user_id = (select auth.uid())
    and (profile_id is null or profile_id = any (array(select private.my_profile_ids()))));

-- Memory is the user's own and writable by its owner.
create policy wt_ai_memory_select on public.wt_ai_memory for select to authenticated
  using (user_id = (select auth.uid())
    and (profile_id is null or profile_id = any (array(select private.my_profile_ids()))));
create policy wt_ai_memory_insert on public.wt_ai_memory for insert to authenticated
  with check (user_id = (select auth.uid())
    and (profile_id is null or profile_id = any (array(select private.my_profile_ids()))));
create policy wt_ai_memory_update on public.wt_ai_memory for update to authenticated
  using (user_id = (select auth.uid())
    and (profile_id is null or profile_id = any (array(select private.my_profile_ids()))))
  with check (user_id = (select auth.uid())
    and (profile_id is null or profile_id = any (array(select private.my_profile_ids()))));
create policy wt_ai_memory_delete on public.wt_ai_memory for delete to authenticated
  using (user_id = (select auth.uid())
    and (profile_id is null or profile_id = any (array(select private.my_profile_ids()))));

