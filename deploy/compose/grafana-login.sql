-- Run by the migrate service of deploy/compose/docker-compose.yml after `zenglow migrate up`:
-- the login Grafana's analysts' data source uses, a member of zenglow_analyst that acts as it
-- (so it reads zenglow_stats and nothing else). Idempotent; the password comes from psql's
-- variable `password` (ZENGLOW_GRAFANA_DB_PASSWORD).
select format('create role grafana login password %L', :'password')
where not exists (select from pg_roles where rolname = 'grafana') \gexec
select format('alter role grafana login password %L', :'password') \gexec
grant zenglow_analyst to grafana;
alter role grafana set role zenglow_analyst;
