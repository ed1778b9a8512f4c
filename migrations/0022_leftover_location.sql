-- WellTrack 0022: where a leftover is kept (issue 9, item 5). Its eat-by default depends on
-- it (USDA FSIS: 3 to 4 days in the fridge, 3 to 4 months in the freezer), and the
-- leftovers list says where to find it. Existing rows were stored without one: the fridge.
alter table public.wt_leftovers
  add column location public.wt_pantry_category not null default 'fridge';
