-- WellTrack 0021: imported recipes (issue 9, item 3). The importer proposes an SR28 food
-- and a weight for each ingredient line; the person confirms or changes it. Until then
-- the ingredient counts towards the recipe's nutrition and the page marks it "proposed".
alter table public.wt_recipe_ingredients
  add column food_confirmed boolean not null default true;
