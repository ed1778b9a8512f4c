-- WellTrack 0025: a pantry item may be linked to the SR28 food it is (issue 9, item 4: "name
-- (optionally linked to a SR28 food)"). A linked item is the best match for any recipe
-- ingredient linked to the same food, whatever either is called, so cooking deducts from it
-- and "use it up" counts it. The food table is reference data: a food removed by a newer
-- dataset unlinks the item and keeps it.
alter table public.wt_pantry_items
  add column food_ndb_no text references food.foods (ndb_no) on delete set null;

create index idx_pantry_items_food_ndb_no on public.wt_pantry_items (food_ndb_no)   -- FK
  where food_ndb_no is not null;
