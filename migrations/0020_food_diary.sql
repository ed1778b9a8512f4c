-- WellTrack 0020: the food diary (issue 9, item 1).
--
-- 1. The minerals and vitamins that have daily targets (calcium, iron,
--    potassium, vitamin C, vitamin D) join the SR28 columns, so a meal's
--    intake can be set against them. A database that loaded SR28 before has
--    revision 1 and the server fills the new columns in place at start-up
--    (server/src/food_data.rs): foods are never deleted, so recipe
--    ingredients keep their links.
alter table food.foods
  add column calcium_mg    numeric,
  add column iron_mg       numeric,
  add column potassium_mg  numeric,
  add column vitamin_c_mg  numeric,
  add column vitamin_d_mcg numeric;
alter table food.datasets add column revision int not null default 1;

-- 2. A meal's nutrients (wt_meal_nutrient_breakdown) belong to whoever may
--    see the meal: the check is one index probe into wt_meals under its own
--    policy, not an array of every meal the account ever logged (0008's
--    private.my_meal_ids(): thousands of ids after a few years, compared
--    with each row). What a meal was made of stays in wt_meals.nutrition_info
--    (its "items"), as the ER diagram has it.
drop policy wt_meal_nutrient_breakdown_select on public.wt_meal_nutrient_breakdown;
drop policy wt_meal_nutrient_breakdown_insert on public.wt_meal_nutrient_breakdown;
drop policy wt_meal_nutrient_breakdown_update on public.wt_meal_nutrient_breakdown;
drop policy wt_meal_nutrient_breakdown_delete on public.wt_meal_nutrient_breakdown;
create policy wt_meal_nutrient_breakdown_select on public.wt_meal_nutrient_breakdown for select to authenticated
  using (exists (select 1 from public.wt_meals m where m.id = meal_id));
create policy wt_meal_nutrient_breakdown_insert on public.wt_meal_nutrient_breakdown for insert to authenticated
  with check (exists (select 1 from public.wt_meals m where m.id = meal_id));
create policy wt_meal_nutrient_breakdown_update on public.wt_meal_nutrient_breakdown for update to authenticated
  using (exists (select 1 from public.wt_meals m where m.id = meal_id))
  with check (exists (select 1 from public.wt_meals m where m.id = meal_id));
create policy wt_meal_nutrient_breakdown_delete on public.wt_meal_nutrient_breakdown for delete to authenticated
  using (exists (select 1 from public.wt_meals m where m.id = meal_id));
drop function private.my_meal_ids();

-- 3. The diary reads a profile's meals by day, newest first.
create index idx_meals_profile_date on public.wt_meals (profile_id, meal_date desc, created_at desc);
