-- WellTrack 0024: a recipe's steps and ingredients check their recipe through an `exists`
-- on the parent, as a meal's breakdown does since 0020 (issue 9, speed with 500 recipes).
--
-- Before: `recipe_id = any (array(select private.readable_recipe_ids()))`. That helper ORs
-- `is_public`, so it could use no index and scanned every household's recipes (25,000 in
-- the bench) for each statement, and the array it built was then searched linearly for each
-- step or ingredient row. Now each row probes its recipe by primary key under wt_recipes'
-- own SELECT policy (own household or the system library), or the public recipes through
-- wt_public_recipes (0019; a partial index keeps that probe off the other rows). The planner
-- chooses a probe per row for a few rows or one hashed pass for many.

create index idx_recipes_public on public.wt_recipes (id) where is_public;

-- Reading: the recipe is readable (own or library under wt_recipes' policy, or public).
drop policy wt_recipe_steps_select on public.wt_recipe_steps;
create policy wt_recipe_steps_select on public.wt_recipe_steps for select to authenticated
  using (exists (select 1 from public.wt_recipes r where r.id = recipe_id)
         or exists (select 1 from public.wt_public_recipes v where v.id = recipe_id));
drop policy wt_recipe_ingredients_select on public.wt_recipe_ingredients;
create policy wt_recipe_ingredients_select on public.wt_recipe_ingredients for select to authenticated
  using (exists (select 1 from public.wt_recipes r where r.id = recipe_id)
         or exists (select 1 from public.wt_public_recipes v where v.id = recipe_id));

-- Writing: the recipe belongs to one of the caller's profiles (the library, profile_id
-- null, is readable but not writable).
drop policy wt_recipe_steps_insert on public.wt_recipe_steps;
drop policy wt_recipe_steps_update on public.wt_recipe_steps;
drop policy wt_recipe_steps_delete on public.wt_recipe_steps;
create policy wt_recipe_steps_insert on public.wt_recipe_steps for insert to authenticated
  with check (exists (select 1 from public.wt_recipes r where r.id = recipe_id
                        and r.profile_id = any (array(select private.my_profile_ids()))));
create policy wt_recipe_steps_update on public.wt_recipe_steps for update to authenticated
  using (exists (select 1 from public.wt_recipes r where r.id = recipe_id
                   and r.profile_id = any (array(select private.my_profile_ids()))))
  with check (exists (select 1 from public.wt_recipes r where r.id = recipe_id
                        and r.profile_id = any (array(select private.my_profile_ids()))));
create policy wt_recipe_steps_delete on public.wt_recipe_steps for delete to authenticated
  using (exists (select 1 from public.wt_recipes r where r.id = recipe_id
                   and r.profile_id = any (array(select private.my_profile_ids()))));

drop policy wt_recipe_ingredients_insert on public.wt_recipe_ingredients;
drop policy wt_recipe_ingredients_update on public.wt_recipe_ingredients;
drop policy wt_recipe_ingredients_delete on public.wt_recipe_ingredients;
create policy wt_recipe_ingredients_insert on public.wt_recipe_ingredients for insert to authenticated
  with check (exists (select 1 from public.wt_recipes r where r.id = recipe_id
                        and r.profile_id = any (array(select private.my_profile_ids()))));
create policy wt_recipe_ingredients_update on public.wt_recipe_ingredients for update to authenticated
  using (exists (select 1 from public.wt_recipes r where r.id = recipe_id
                   and r.profile_id = any (array(select private.my_profile_ids()))))
  with check (exists (select 1 from public.wt_recipes r where r.id = recipe_id
                        and r.profile_id = any (array(select private.my_profile_ids()))));
create policy wt_recipe_ingredients_delete on public.wt_recipe_ingredients for delete to authenticated
  using (exists (select 1 from public.wt_recipes r where r.id = recipe_id
                   and r.profile_id = any (array(select private.my_profile_ids()))));

-- A meal or a leftover names only a recipe its household may read (0018), by the same probe.
drop policy wt_meals_insert on public.wt_meals;
drop policy wt_meals_update on public.wt_meals;
create policy wt_meals_insert on public.wt_meals for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (recipe_id is null
         or exists (select 1 from public.wt_recipes r where r.id = recipe_id)
         or exists (select 1 from public.wt_public_recipes v where v.id = recipe_id)));
create policy wt_meals_update on public.wt_meals for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (recipe_id is null
         or exists (select 1 from public.wt_recipes r where r.id = recipe_id)
         or exists (select 1 from public.wt_public_recipes v where v.id = recipe_id)));
drop policy wt_leftovers_insert on public.wt_leftovers;
drop policy wt_leftovers_update on public.wt_leftovers;
create policy wt_leftovers_insert on public.wt_leftovers for insert to authenticated
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (source_recipe_id is null
         or exists (select 1 from public.wt_recipes r where r.id = source_recipe_id)
         or exists (select 1 from public.wt_public_recipes v where v.id = source_recipe_id)));
create policy wt_leftovers_update on public.wt_leftovers for update to authenticated
  using (profile_id = any (array(select private.my_profile_ids())))
  with check (profile_id = any (array(select private.my_profile_ids()))
    and (source_recipe_id is null
         or exists (select 1 from public.wt_recipes r where r.id = source_recipe_id)
         or exists (select 1 from public.wt_public_recipes v where v.id = source_recipe_id)));

-- The shared page (anon, 0023), by the same probe.
drop policy wt_recipe_steps_select_shared on public.wt_recipe_steps;
create policy wt_recipe_steps_select_shared on public.wt_recipe_steps for select to anon
  using (exists (select 1 from public.wt_public_recipes v where v.id = recipe_id));
drop policy wt_recipe_ingredients_select_shared on public.wt_recipe_ingredients;
create policy wt_recipe_ingredients_select_shared on public.wt_recipe_ingredients for select to anon
  using (exists (select 1 from public.wt_public_recipes v where v.id = recipe_id));

-- No policy uses the two id-list helpers any more.
drop function private.readable_recipe_ids();
drop function private.my_recipe_ids();
