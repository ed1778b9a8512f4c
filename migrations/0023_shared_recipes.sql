-- WellTrack 0023: a shared recipe's link works for anyone, with no account (issue 9, item 2).
-- The page runs as `anon` and reads through wt_public_recipes (no profile_id: the reader
-- learns nothing of whose household wrote it), the recipe's steps and ingredients, and the
-- SR28 foods they name (public-domain reference data). Nothing else is granted to anon.
grant select on public.wt_public_recipes to anon;

grant select (id, recipe_id, step_number, instruction, duration_minutes) on public.wt_recipe_steps to anon;
grant select (id, recipe_id, ingredient_name, quantity, unit, notes, sort_order, food_ndb_no, grams,
              food_confirmed, created_at) on public.wt_recipe_ingredients to anon;

create policy wt_recipe_steps_select_shared on public.wt_recipe_steps for select to anon
  using (recipe_id in (select id from public.wt_public_recipes));
create policy wt_recipe_ingredients_select_shared on public.wt_recipe_ingredients for select to anon
  using (recipe_id in (select id from public.wt_public_recipes));

grant usage on schema food to anon;
grant select on food.foods, food.food_groups, food.portions to anon;
