-- WellTrack 0027: recipe images and meal photos (issue 9), kept in PostgreSQL.
--
-- A self-hosted household has one thing to back up: the database. An image belongs to
-- exactly one recipe or one meal and goes with it (on delete cascade), so no file is left
-- behind when its recipe or meal is deleted. wt_recipes.image_url and wt_meals.photo_url
-- hold its address, '/media/<id>'; a new upload is a new row (and a new address), so the
-- server can let browsers keep an image for good.
--
-- The table lives in its own schema, as the SR28 data lives in `food`: the `wt_` tables
-- are the specification's 34. It has row-level security like them: an image is visible
-- exactly when its recipe or meal is (the parent's own policy decides, through `exists`,
-- as for a recipe's steps since 0024), and a shared recipe's image to anyone (`anon`).
-- The bytes are stored as the server cleaned them (no Exif, GPS or text chunks:
-- app/src/media/logic.rs), at most 5 MB.

create schema media;
revoke all on schema media from public;

create table media.images (
  id           uuid primary key default gen_random_uuid(),
  recipe_id    uuid unique references public.wt_recipes (id) on delete cascade,
  meal_id      uuid unique references public.wt_meals (id) on delete cascade,
  content_type text not null check (content_type in ('image/jpeg', 'image/png')),
  width        integer not null check (width > 0),
  height       integer not null check (height > 0),
  bytes        bytea not null check (octet_length(bytes) between 1 and 5242880),
  created_at   timestamptz not null default now(),
  check ((recipe_id is null) <> (meal_id is null))
);

alter table media.images enable row level security;
alter table media.images force row level security;

grant usage on schema media to authenticated, anon, service_role;
grant select, insert, delete on media.images to authenticated;
grant select on media.images to anon;
grant select, insert, update, delete on media.images to service_role;

-- Reading: the recipe is readable (own household or library, or shared), or the meal is.
create policy images_select on media.images for select to authenticated
  using ((recipe_id is not null
          and (exists (select 1 from public.wt_recipes r where r.id = recipe_id)
               or exists (select 1 from public.wt_public_recipes v where v.id = recipe_id)))
         or (meal_id is not null and exists (select 1 from public.wt_meals m where m.id = meal_id)));

-- Writing: the recipe belongs to one of the caller's profiles (a library or another
-- household's shared recipe is readable, not writable), or the meal does (wt_meals shows
-- a household only its own meals).
create policy images_insert on media.images for insert to authenticated
  with check ((recipe_id is not null
               and exists (select 1 from public.wt_recipes r where r.id = recipe_id
                             and r.profile_id = any (array(select private.my_profile_ids()))))
              or (meal_id is not null and exists (select 1 from public.wt_meals m where m.id = meal_id)));
create policy images_delete on media.images for delete to authenticated
  using ((recipe_id is not null
          and exists (select 1 from public.wt_recipes r where r.id = recipe_id
                        and r.profile_id = any (array(select private.my_profile_ids()))))
         or (meal_id is not null and exists (select 1 from public.wt_meals m where m.id = meal_id)));

-- A visitor sees the image of a shared recipe and nothing else.
create policy images_select_shared on media.images for select to anon
  using (recipe_id is not null and exists (select 1 from public.wt_public_recipes v where v.id = recipe_id));
