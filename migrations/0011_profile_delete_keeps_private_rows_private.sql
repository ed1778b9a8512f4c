-- wt_recipes.profile_id and wt_supplements.profile_id are ON DELETE SET NULL
-- (the spec keeps library items when a profile goes). But a NULL profile_id
-- means "system library row, readable by everyone", so a deleted profile's
-- private recipes and supplements would become visible to every household.
-- Delete them first; only recipes the profile made public stay, ownerless.
create function private.delete_private_library_rows() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  delete from public.wt_recipes where profile_id = old.id and not is_public;
  delete from public.wt_supplements where profile_id = old.id;
  return old;
end
$$;

create trigger wt_profiles_delete_private_library_rows
  before delete on public.wt_profiles
  for each row execute function private.delete_private_library_rows();

grant execute on function private.delete_private_library_rows() to authenticated, service_role;
