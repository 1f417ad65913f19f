-- On Supabase, PostgREST serves every function and table of the public schema to the `anon` and
-- `authenticated` roles, and Supabase grants them EXECUTE and table rights by default. Their keys are public
-- (a host app's supabase-js page carries the anon key; signed-in users hold `authenticated` tokens), so
-- without this anyone could call sa_list_messages or sa_site_key_add over /rest/v1/rpc. The proxy reaches
-- the store as the table owner (DATABASE_URL) or as service_role (SUPABASE_SERVICE_ROLE_KEY), which keep
-- their access. Plain PostgreSQL and PGlite have no such roles: there this changes nothing.
do $$
declare
  item record;
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    return;
  end if;
  for item in
    select p.oid::regprocedure as fn
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = current_schema() and p.proname like 'sa\_%'
  loop
    execute format('revoke execute on function %s from public, anon, authenticated', item.fn);
    if exists (select 1 from pg_roles where rolname = 'service_role') then
      execute format('grant execute on function %s to service_role', item.fn);
    end if;
  end loop;
  for item in
    select c.oid::regclass as tbl
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
      and (c.relname like 'sa\_%' or c.relname in ('messages', 'conversations'))
  loop
    execute format('revoke all on table %s from anon, authenticated', item.tbl);
    -- No policies: roles without BYPASSRLS that are not the owner see no rows even if granted again later.
    execute format('alter table %s enable row level security', item.tbl);
  end loop;
  -- Functions and tables that later migrations create (as this same owner) start closed too.
  execute 'alter default privileges revoke execute on functions from public';
  execute format('alter default privileges in schema %I revoke all on functions from anon, authenticated', current_schema());
  execute format('alter default privileges in schema %I revoke all on tables from anon, authenticated', current_schema());
end
$$;
