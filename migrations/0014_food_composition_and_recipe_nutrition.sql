-- Food composition data for recipe nutrition (issue 3, item 7): the USDA
-- National Nutrient Database for Standard Reference, Release 28 (2015), public
-- domain. The tables stay empty here; the server loads them once from the
-- SR28 files that scripts/setup.sh takes from a registry package
-- (../shared/docs/data-sources.md §1). Reference data, the same for every
-- household: everyone signed in may read it, nobody but the owner writes it.

create schema food;
revoke all on schema food from public;
grant usage on schema food to authenticated, service_role;

-- One row per imported dataset; its presence means the import finished.
create table food.datasets (
  name        text primary key,
  citation    text not null,
  foods       int not null check (foods >= 0),
  imported_at timestamptz not null default now()
);

create table food.food_groups (
  code text primary key,
  name text not null
);

-- Nutrients per 100 g edible portion (SR28 NUT_DATA.Nutr_Val); null where SR28
-- has no value. `fruit_veg_legumes_pct` is WellTrack's classification of the
-- food for the nutrition grade (app::meals::logic::sr28::fruit_veg_legumes_pct).
create table food.foods (
  ndb_no                text primary key,
  food_group            text not null references food.food_groups (code),
  description           text not null,
  energy_kcal           numeric,
  energy_kj             numeric,
  protein_g             numeric,
  fat_g                 numeric,
  saturated_fat_g       numeric,
  carbohydrate_g        numeric,
  sugars_g              numeric,
  fibre_g               numeric,
  sodium_mg             numeric,
  fruit_veg_legumes_pct numeric not null check (fruit_veg_legumes_pct between 0 and 100),
  red_meat              boolean not null
);
create index foods_description_idx on food.foods using gin (to_tsvector('english', description));

-- Household measures (SR28 WEIGHT): `amount` × `description` weighs `grams`.
create table food.portions (
  ndb_no      text not null references food.foods (ndb_no) on delete cascade,
  seq         int not null,
  amount      numeric not null check (amount > 0),
  description text not null,
  grams       numeric not null check (grams > 0),
  primary key (ndb_no, seq)
);

grant select on food.datasets, food.food_groups, food.foods, food.portions to authenticated, service_role;

-- A recipe ingredient may name the food it is (SR28) and its resolved weight;
-- the spec's `quantity` and `unit` stay as the person wrote them.
alter table public.wt_recipe_ingredients
  add column food_ndb_no text references food.foods (ndb_no) on delete set null,
  add column grams numeric check (grams >= 0);
create index idx_recipe_ingredients_food_ndb_no on public.wt_recipe_ingredients (food_ndb_no);   -- FK

-- The recipe's computed nutrition (totals, per serving, per 100 g, the full
-- grade and what was missing); `nutrition_score` keeps the spec's A–D. The
-- grading table is chosen by the person (a cheese dish, a drink…).
alter table public.wt_recipes
  add column nutrition_info jsonb,
  add column grade_category text not null default 'general'
    check (grade_category in ('general', 'cheese', 'red_meat', 'fats_oils_nuts_seeds', 'beverage', 'water'));
