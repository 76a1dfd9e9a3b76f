-- Maintenance step 6: after a large load, run_maintenance ANALYZEs the partition that changed
-- (more than greatest(10000, 10 % of its rows) since its last analyze) and records it in
-- maintenance_runs.analyzed; a small load, or no load since, analyzes nothing. The loads commit
-- in a second session (dblink): the statistics count only committed changes.
begin;
select plan(7);

\ir support/maintenance_analyze.sql

select * from finish();
rollback;
