-- Catalog audit: the roles, ownership, grants and row-level security DESIGN.md promises, read
-- from the catalogs so that anything added later is held to the same rules.
begin;
select plan(18);

create temporary view our_relations as
select c.oid, n.nspname, c.relname, c.relkind, c.relowner, c.relispartition, c.relrowsecurity, c.relforcerowsecurity,
    c.reloptions, c.relacl
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname in ('zenglow', 'zenglow_api', 'zenglow_stats', 'zenglow_audit')
  and not exists (select from pg_depend d where d.objid = c.oid and d.deptype = 'e');

create temporary view tenant_tables as
select r.* from our_relations r
where r.relkind in ('r', 'p') and not r.relispartition
  and exists (select from pg_attribute a where a.attrelid = r.oid and a.attname = 'tenant_id' and not a.attisdropped);

create temporary view our_functions as
select p.oid, n.nspname, p.proname, p.prosecdef, p.proconfig, p.proacl, p.proowner
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname in ('zenglow', 'zenglow_api', 'zenglow_stats', 'zenglow_audit');

select ok(not rolsuper, 'zenglow_app is not a superuser') from pg_roles where rolname = 'zenglow_app';
select ok(not rolbypassrls, 'zenglow_app has no BYPASSRLS') from pg_roles where rolname = 'zenglow_app';
select is_empty(
    $$select rolname from pg_roles where rolname in ('zenglow_owner', 'zenglow_app', 'zenglow_ingest', 'zenglow_analyst')
        and (rolsuper or rolbypassrls or rolcreaterole or rolcreatedb)$$,
    'no ZenGlow role is superuser or has BYPASSRLS, CREATEROLE or CREATEDB');
select is_empty(
    $$select 'relation ' || relname from pg_class where relowner in (select oid from pg_roles where rolname in ('zenglow_app', 'zenglow_ingest', 'zenglow_analyst'))
      union all select 'function ' || proname from pg_proc where proowner in (select oid from pg_roles where rolname in ('zenglow_app', 'zenglow_ingest', 'zenglow_analyst'))
      union all select 'schema ' || nspname from pg_namespace where nspowner in (select oid from pg_roles where rolname in ('zenglow_app', 'zenglow_ingest', 'zenglow_analyst'))$$,
    'zenglow_app, zenglow_ingest and zenglow_analyst own nothing');
select is_empty(
    $$select nspname || '.' || relname from our_relations where relowner <> 'zenglow_owner'::regrole
      union all select nspname || '.' || proname from our_functions where proowner <> 'zenglow_owner'::regrole
      union all select nspname from pg_namespace where nspname in ('zenglow', 'zenglow_api', 'zenglow_stats', 'zenglow_audit')
          and nspowner <> 'zenglow_owner'::regrole$$,
    'zenglow_owner owns every ZenGlow schema, relation and function');

select isnt_empty($$select * from tenant_tables$$, 'there are tenant tables to check');
select is_empty(
    $$select nspname || '.' || relname from tenant_tables where not (relrowsecurity and relforcerowsecurity)$$,
    'every tenant table has row-level security enabled and forced');
select is_empty(
    $$select nspname || '.' || relname || ' (' || i.indexrelid::regclass || ')'
      from tenant_tables t join pg_index i on i.indrelid = t.oid
      where i.indisunique
        and not (select a.attnum from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id') = any (i.indkey::int2[])$$,
    'every unique index on a tenant table includes tenant_id');
select is_empty(
    $$select nspname || '.' || relname from tenant_tables t
      where not exists (select from pg_constraint c where c.conrelid = t.oid and c.contype = 'p')
        and relname <> 'query_performance'$$,
    'every tenant table but the query_performance log has a primary key (with tenant_id, by the rule above)');

select is_empty(
    $$select nspname || '.' || relname from our_relations
      where relkind = 'v' and not coalesce(reloptions @> array['security_invoker=true'], false)$$,
    'every view is security_invoker');

select is_empty(
    $$select nspname || '.' || proname from our_functions
      where prosecdef and not exists (select from unnest(proconfig) s where s like 'search_path=%')$$,
    'every SECURITY DEFINER function pins search_path');
select is_empty(
    $$select nspname || '.' || proname from our_functions
      where proacl is null or exists (select from aclexplode(proacl) a where a.grantee = 0)$$,
    'no ZenGlow function is executable by PUBLIC');

select is_empty(
    $$select nspname || '.' || relname from our_relations where exists (select from aclexplode(relacl) a where a.grantee = 0)
      union all select nspname from pg_namespace
          where nspname in ('zenglow', 'zenglow_api', 'zenglow_stats', 'zenglow_audit', 'zenglow_migrations')
            and exists (select from aclexplode(nspacl) a where a.grantee = 0)$$,
    'PUBLIC has no privilege on any ZenGlow schema or relation');

-- Partitions carry no row-level security of their own, so no role but the owner may touch one.
select is_empty(
    $$select c.oid::regclass::text || ' ' || r
      from pg_class c join pg_inherits i on i.inhrelid = c.oid
      cross join unnest(array['zenglow_app', 'zenglow_ingest', 'zenglow_analyst']) r
      where c.relnamespace = 'zenglow'::regnamespace
        and (has_table_privilege(r, c.oid, 'select') or has_table_privilege(r, c.oid, 'insert')
             or has_table_privilege(r, c.oid, 'update') or has_table_privilege(r, c.oid, 'delete'))$$,
    'no role but the owner has privileges on a partition');

select ok(not has_schema_privilege('zenglow_analyst', 'zenglow', 'usage')
        and has_schema_privilege('zenglow_analyst', 'zenglow_stats', 'usage'),
    'zenglow_analyst reaches zenglow_stats only');

select is_empty(
    $$select 'function ' || nspname || '.' || proname from our_functions f
      where nspname = 'zenglow_api' and obj_description(f.oid, 'pg_proc') is null
      union all select 'view ' || nspname || '.' || relname from our_relations r
      where nspname = 'zenglow_stats' and obj_description(r.oid, 'pg_class') is null$$,
    'every zenglow_api function and zenglow_stats view has a comment (the integrators'' reference)');

select is_empty(
    $$select c.relname || '.' || a.attname
      from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'zenglow_stats'
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relkind = 'v' and col_description(c.oid, a.attnum) is null
      union all select 'function ' || f.oid::regprocedure::text from our_functions f
      where f.nspname = 'zenglow_stats' and obj_description(f.oid, 'pg_proc') is null$$,
    'every column of every zenglow_stats view, and every zenglow_stats function, has a comment (the analysts'' reference)');

select is_empty(
    $$select f.oid::regprocedure::text from our_functions f
      where f.nspname = 'zenglow_api' and has_function_privilege('zenglow_analyst', f.oid, 'execute')$$,
    'zenglow_analyst cannot execute zenglow_api functions');

select * from finish();
rollback;
