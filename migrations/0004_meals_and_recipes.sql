-- WellTrack 0004: meals and recipes (wt_recipes, wt_recipe_steps, wt_recipe_ingredients,
-- wt_meals, wt_pantry_items, wt_leftovers, wt_nutrient_targets, wt_meal_nutrient_breakdown;
-- wt_nutrients is in 0003).
--
-- nutrition_score / score take 'A'..'D' as in the ER, plus 'E': Nutri-Score has five classes
-- and docs/engine-methods.md prefers storing E rather than folding it into D.

-- profile_id NULL = a system library recipe (also what a deleted profile's recipes become).
create table public.wt_recipes (
  id              uuid primary key default gen_random_uuid(),
  profile_id      uuid references public.wt_profiles (id) on delete set null,
  title           text not null,
  description     text,
  servings        int check (servings > 0),
  prep_time_min   int check (prep_time_min >= 0),
  cook_time_min   int check (cook_time_min >= 0),
  source_type     public.wt_source_type not null,
  source_url      text,
  instructions    text,
  nutrition_score text check (nutrition_score in ('A', 'B', 'C', 'D', 'E')),
  tags            text[],
  image_url       text,
  rating          numeric check (rating between 1 and 5),
  is_favorite     boolean not null default false,
  is_public       boolean not null default false,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index idx_recipes_profile_id on public.wt_recipes (profile_id);
create index idx_recipes_tags on public.wt_recipes using gin (tags);
create trigger set_updated_at before update on public.wt_recipes
  for each row execute function private.set_updated_at();

create table public.wt_recipe_steps (
  id               uuid primary key default gen_random_uuid(),
  recipe_id        uuid not null references public.wt_recipes (id) on delete cascade,
  step_number      int not null check (step_number >= 1),
  instruction      text not null,
  duration_minutes int check (duration_minutes >= 0),
  created_at       timestamptz not null default now(),
  unique (recipe_id, step_number)   -- its index also serves the recipe_id policy
);

create table public.wt_recipe_ingredients (
  id              uuid primary key default gen_random_uuid(),
  recipe_id       uuid not null references public.wt_recipes (id) on delete cascade,
  ingredient_name text not null,
  quantity        numeric check (quantity >= 0),
  unit            text,
  notes           text,
  sort_order      int,
  created_at      timestamptz not null default now()
);
create index idx_recipe_ingredients_recipe_id on public.wt_recipe_ingredients (recipe_id);

create table public.wt_meals (
  id                uuid primary key default gen_random_uuid(),
  profile_id        uuid not null references public.wt_profiles (id) on delete cascade,
  recipe_id         uuid references public.wt_recipes (id) on delete set null,
  meal_date         date not null,
  meal_type         public.wt_meal_type not null,
  name              text not null,
  servings_consumed numeric check (servings_consumed > 0),
  nutrition_info    jsonb,
  score             text check (score in ('A', 'B', 'C', 'D', 'E')),
  rating            numeric check (rating between 1 and 5),
  notes             text,
  photo_url         text,
  is_favorite       boolean not null default false,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now()
);
create index idx_meals_profile_id on public.wt_meals (profile_id);
create index idx_meals_meal_date on public.wt_meals (meal_date);
create index idx_meals_recipe_id on public.wt_meals (recipe_id);   -- FK (on delete set null)
create trigger set_updated_at before update on public.wt_meals
  for each row execute function private.set_updated_at();

create table public.wt_pantry_items (
  id           uuid primary key default gen_random_uuid(),
  profile_id   uuid not null references public.wt_profiles (id) on delete cascade,
  name         text not null,
  category     public.wt_pantry_category not null,
  quantity     numeric check (quantity >= 0),
  unit         text,
  expiry_date  date,
  is_available boolean not null default true,
  barcode      text,
  cost         numeric check (cost >= 0),
  notes        text,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);
create index idx_pantry_profile_id on public.wt_pantry_items (profile_id);
create index idx_pantry_category on public.wt_pantry_items (category);
create trigger set_updated_at before update on public.wt_pantry_items
  for each row execute function private.set_updated_at();

create table public.wt_leftovers (
  id               uuid primary key default gen_random_uuid(),
  profile_id       uuid not null references public.wt_profiles (id) on delete cascade,
  name             text not null,
  quantity         numeric check (quantity >= 0),
  unit             text,
  source_recipe_id uuid references public.wt_recipes (id) on delete set null,
  stored_date      date not null,
  expiry_date      date,
  is_consumed      boolean not null default false,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  constraint wt_leftovers_expiry_after_stored check (expiry_date >= stored_date)
);
create index idx_leftovers_profile_id on public.wt_leftovers (profile_id);
create index idx_leftovers_source_recipe_id on public.wt_leftovers (source_recipe_id);   -- FK
create trigger set_updated_at before update on public.wt_leftovers
  for each row execute function private.set_updated_at();

create table public.wt_nutrient_targets (
  id           uuid primary key default gen_random_uuid(),
  profile_id   uuid not null references public.wt_profiles (id) on delete cascade,
  nutrient_id  uuid not null references public.wt_nutrients (id) on delete cascade,
  target_value numeric not null check (target_value >= 0),
  period       public.wt_period not null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  unique (profile_id, nutrient_id, period)   -- its index also serves the profile_id policy
);
create index idx_nutrient_targets_nutrient_id on public.wt_nutrient_targets (nutrient_id);   -- FK
create trigger set_updated_at before update on public.wt_nutrient_targets
  for each row execute function private.set_updated_at();

create table public.wt_meal_nutrient_breakdown (
  id          uuid primary key default gen_random_uuid(),
  meal_id     uuid not null references public.wt_meals (id) on delete cascade,
  nutrient_id uuid not null references public.wt_nutrients (id) on delete cascade,
  amount      numeric not null check (amount >= 0),
  unit        text not null,
  created_at  timestamptz not null default now(),
  unique (meal_id, nutrient_id)   -- its index also serves the meal_id policy
);
create index idx_meal_nutrient_breakdown_nutrient_id on public.wt_meal_nutrient_breakdown (nutrient_id);   -- FK
