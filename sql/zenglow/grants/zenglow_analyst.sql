set local role zenglow_owner;

-- Analysts read zenglow_stats. Its views run with the analyst's own rights (security_invoker),
-- so the base tables are granted too; without USAGE on schema zenglow they are reachable only
-- through the views.
grant usage on schema zenglow_stats to zenglow_analyst;
grant select on all tables in schema zenglow_stats to zenglow_analyst;
grant select on zenglow.query_performance, zenglow.maintenance_runs to zenglow_analyst;
