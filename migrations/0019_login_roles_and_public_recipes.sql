-- WellTrack 0019: two login roles, and public recipes that do not name their author.
--
-- 1. wt_app, the login role of request code, may become only anon or authenticated. The
--    auth backend, the session store and the background workers log in as wt_service, which
--    may become service_role (BYPASSRLS) and, while a sign-up creates the new account's
--    rows, authenticated. A request that escaped its transaction's role can no longer
--    bypass row-level security, nor read other people's sessions.
do $$ begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'wt_service') then
    create role wt_service login noinherit;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

do $$ begin
  grant authenticated, service_role to wt_service;
exception when duplicate_object or unique_violation then null;
end $$;

-- Roles are cluster-wide: a twin migration of another database may revoke it first, which
-- fails this one with "tuple concurrently deleted"; only a membership that survives is an error.
do $$ begin
  revoke service_role from wt_app;
exception when others then
  if pg_catalog.pg_has_role('wt_app', 'service_role', 'member') then raise; end if;
end $$;

grant usage on schema tower_sessions to wt_service;
grant select, insert, update, delete on tower_sessions.session to wt_service;
revoke all on tower_sessions.session from wt_app;
revoke all on schema tower_sessions from wt_app;
-- Deleting an account (as service_role, in the deleting transaction) ends its sessions.
grant usage on schema tower_sessions to service_role;
grant select, delete on tower_sessions.session to service_role;

-- 2. Another household's public recipe is read through wt_public_recipes, which has no
--    profile_id: sharing a recipe does not tell the reader whose profile wrote it.
--    wt_recipes itself shows a household its own recipes and the system library only.
drop policy wt_recipes_select on public.wt_recipes;
create policy wt_recipes_select on public.wt_recipes for select to authenticated
  using (profile_id is null or profile_id = any (array(select private.my_profile_ids())));

-- The view runs with its owner's rights: wt_rls_definer (BYPASSRLS, SELECT on wt_recipes)
-- sees every row and the view keeps the public ones. security_barrier: a caller's own
-- functions in a WHERE cannot see rows before `is_public` filters them.
create view public.wt_public_recipes with (security_barrier) as
  select id, title, description, servings, prep_time_min, cook_time_min, source_type,
         source_url, instructions, nutrition_score, tags, image_url, rating, nutrition_info,
         grade_category, created_at, updated_at
  from public.wt_recipes
  where is_public;
revoke all on public.wt_public_recipes from public;
grant select on public.wt_public_recipes to authenticated;
-- Handing a view to another role needs that role to be able to create in its schema
-- (for a migrating role that is not a superuser): lent for the hand-over.
grant create on schema public to wt_rls_definer;
alter view public.wt_public_recipes owner to wt_rls_definer;
revoke create on schema public from wt_rls_definer;
