-- WellTrack 0026: the two policy helpers keep their query plans for the session.
--
-- Every RLS policy on a profile's rows evaluates private.my_profile_ids() once per
-- statement (an InitPlan), and wt_plan_items evaluates private.my_plan_ids(). As
-- SQL functions that return a set and are SECURITY DEFINER, they cannot be inlined,
-- and PostgreSQL plans a SQL function's body afresh each time a statement runs it:
-- measured at 0.15 to 0.45 ms per call, so a dashboard (about twelve evaluations)
-- spent more time planning the helper than running its own queries. A PL/pgSQL body
-- is planned once per connection and reused, and the server pools its connections.
--
-- Same signature, result, owner (wt_rls_definer, BYPASSRLS), SECURITY DEFINER, empty
-- search_path and grants: CREATE OR REPLACE keeps the owner and the privileges, so
-- the policies and the privilege snapshot are unchanged. The result is computed per
-- call as before (no cache), so a profile created earlier in the same transaction
-- (sign-up, a new dependent with its modules) is seen at once.

create or replace function private.my_profile_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query select p.id from public.wt_profiles p where p.user_id = (select auth.uid());
end
$$;

create or replace function private.my_plan_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select pl.id
    from public.wt_plans pl
    join public.wt_profiles p on p.id = pl.profile_id
    where p.user_id = (select auth.uid());
end
$$;
