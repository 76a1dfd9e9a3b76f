-- zenglow.run_maintenance as an orchestrator: it returns its run record; a failing step is
-- recorded (partial, '<step>: <error>') while the other steps still run and maintenance mode
-- ends off; a step called alone waits for a run in progress (the same advisory lock).
begin;
select plan(9);

update zenglow.maintenance_settings set chunk_partition_unit = 'month', chunk_premake = 3, chunk_retention = interval '1 year',
    run_history_retention = interval '30 days';
insert into zenglow.tenants (tenant_id) values ('run-a');
insert into zenglow.batches (tenant_id, batch_tag, content_hash) values ('run-a', 'far', 'sha256:' || repeat('9', 64));
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model, ingested_at)
select 'run-a', 'far-doc', 'h', batch_id, batch_tag, 'from the future', 'all-MiniLM-L6-v2', now() + interval '6 years'
from zenglow.batches where batch_tag = 'far';
insert into zenglow.maintenance_runs (started_at, trigger, outcome, error)
values (now() - interval '40 days', 'scheduled', 'success', 'run-test old record');

-- A step alone waits for a run in progress in another session (first: later runs of this
-- transaction hold the lock until its end).
\o /dev/null
select dblink_connect('holder', format('dbname=%s port=%s host=%s user=postgres', current_database(),
    current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1)));
select dblink_exec('holder', 'begin');
select * from dblink('holder', $$select pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0))::text$$) as t(x text);
\o
set local lock_timeout = '200ms';
select throws_ok($$select zenglow.maintenance_forget_runs()$$, '55P03', null,
    'a step called alone waits for the run in progress (here: until lock_timeout)');
select is(zenglow.run_maintenance() ->> 'outcome', 'skipped_locked', 'while a run in progress skips the whole orchestrator');
\o /dev/null
select dblink_exec('holder', 'rollback');
select dblink_disconnect('holder');
\o

\o /dev/null
create temporary table runs (n int primary key, r jsonb);
insert into runs select 1, zenglow.run_maintenance();
\o
select is((select array_agg(k order by k) from runs, jsonb_object_keys(r) k where n = 1),
    (select array_agg(a.attname::text order by a.attname::text) from pg_attribute a
     where a.attrelid = 'zenglow.maintenance_runs'::regclass and a.attnum > 0 and not a.attisdropped),
    'a run returns its zenglow.maintenance_runs row, every column');
select is((select r from runs where n = 1), (select to_jsonb(m) from zenglow.maintenance_runs m where m.run_id = (select (r ->> 'run_id')::bigint from runs where n = 1)),
    'and it is the row recorded');

-- Break step 3: it turns maintenance mode on, then fails.
create or replace function zenglow.maintenance_retire_chunks(out dropped text[], out deleted_rows bigint)
language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
begin
    perform zenglow.maintenance_mode(true);
    raise exception 'boom';
end
$$;
delete from zenglow.chunks where document_id = 'far-doc';
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model, ingested_at)
select 'run-a', 'farther-doc', 'h', batch_id, batch_tag, 'from further on', 'all-MiniLM-L6-v2', now() + interval '8 years'
from zenglow.batches where batch_tag = 'far';
insert into zenglow.maintenance_runs (started_at, trigger, outcome, error)
values (now() - interval '40 days', 'scheduled', 'success', 'run-test old record');
\o /dev/null
insert into runs select 2, zenglow.run_maintenance();
\o
select results_eq($$select r ->> 'outcome', r ->> 'error' from runs where n = 2$$,
    $$values ('partial'::text, 'chunk retention: boom'::text)$$, 'a failing step makes the run partial and names the step and its error');
select is((select (r ->> 'moved_rows')::bigint from runs where n = 2), 1::bigint, 'the step before it still ran (heal moved the row)');
select is((select tableoid::regclass::text from zenglow.chunks where document_id = 'farther-doc'),
    'zenglow.' || (zenglow.chunk_partition_range(now() + interval '8 years', 'month')).partition_name, 'and its work is kept');
select is((select count(*) from zenglow.maintenance_runs where error = 'run-test old record'), 0::bigint,
    'the steps after it still ran (old run records forgotten)');
select is(nullif(current_setting('zenglow.maintenance', true), ''), null, 'maintenance mode is off after the run');

select * from finish();
rollback;
