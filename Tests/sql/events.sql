-- NOTIFY: a committed batch state change or weight change is announced once with ids only; a
-- rolled-back one announces nothing; the spool worker's alert reason and its problems with batches
-- that never got a manifest are announced with "reason"; a batch that became searchable carries
-- the tenant's corpus epoch. A second session (dblink) listens, as the API would.
select plan(19);

\o /dev/null
select zenglow.create_tenant('events-' || txid_current()) as tenant \gset
select dblink_connect('listener', format('dbname=%s port=%s host=%s user=postgres', current_database(),
    current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1)));
select dblink_exec('listener', 'listen zenglow_manifest');
select dblink_exec('listener', 'listen zenglow_weights');
select dblink_exec('listener', 'listen zenglow_keys');

create function pg_temp.received() returns table (channel text, payload jsonb)
language sql as $$
    -- A query on the listener's connection makes libpq read what the server sent meanwhile.
    select pg_sleep(0.2);
    select * from dblink('listener', 'select 1') as t(x int);
    select notify_name, extra::jsonb from dblink_get_notify('listener')
$$;

begin;
set local zenglow.tenant_id = :'tenant';
select zenglow_api.open_batch('rolled-back', 'test', 'sha256:' || repeat('1', 64));
rollback;
\o
select is_empty($$select * from pg_temp.received()$$, 'a rolled-back batch emits nothing');

\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
select (zenglow_api.open_batch('committed', 'test', 'sha256:' || repeat('2', 64)) ->> 'batch_id') as batch_id \gset
commit;
\o
create temporary table got as select * from pg_temp.received();
select results_eq($$select channel, payload ->> 'state' from got$$, $$values ('zenglow_manifest'::text, 'open'::text)$$,
    'a committed new batch emits one zenglow_manifest event, state open');
select results_eq($$select (payload ->> 'batch_id')::bigint, payload ->> 'tenant_id' from got$$,
    format('values (%s::bigint, %L::text)', :'batch_id', :'tenant'), 'the event names the batch and its tenant');
select is((select array_agg(k order by k) from got, jsonb_object_keys(payload) k), array['batch_id', 'state', 'tenant_id'],
    'the payload holds ids and the state only, no row data');

\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
select zenglow_api.transition_batch(:batch_id, 'loading');
select zenglow_api.transition_batch(:batch_id, 'done', null, 10, 0);
commit;
\o
drop table got;
create temporary table got as select * from pg_temp.received();
select results_eq($$select payload ->> 'state' from got$$, $$values ('loading'::text), ('done'::text)$$,
    'each committed state change is announced, in order');
select is((select array_agg(k order by k) from got, jsonb_object_keys(payload) k where payload ->> 'state' = 'done'),
    array['batch_id', 'corpus_epoch', 'state', 'tenant_id'], 'a batch that became searchable carries corpus_epoch too');
select is((select (payload ->> 'corpus_epoch')::bigint from got where payload ->> 'state' = 'done'),
    (select epoch from zenglow.corpus_epochs where tenant_id = :'tenant'),
    'the tenant''s corpus epoch after the change, as committed');

-- A load through the staging path: the announced epoch is the one the load produced.
select coalesce((select epoch from zenglow.corpus_epochs where tenant_id = :'tenant'), 0) as epoch_before \gset
\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
set local role zenglow_ingest;
select zenglow_api.prepare_staging();
insert into zg_staging (row_number, document_id, chunk_order, content_hash, body) values (1, 'd1', 0, 'h', 'comets have tails');
select zenglow_api.ingest_staged_batch('loaded', 'test', 'sha256:' || repeat('3', 64));
commit;
\o
drop table got;
create temporary table got as select * from pg_temp.received();
-- Done, or healed when this load had to make its partition (a fresh database has none yet).
select results_eq($$select payload ->> 'state' in ('done', 'healed'), (payload ->> 'corpus_epoch')::bigint from got where payload ? 'corpus_epoch'$$,
    format('values (true, %s::bigint)', (select epoch from zenglow.corpus_epochs where tenant_id = :'tenant')),
    'a loaded batch is announced once as searchable, with the epoch its commit left');
select ok((select epoch from zenglow.corpus_epochs where tenant_id = :'tenant') > :epoch_before, 'which the load advanced');

\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
set local role zenglow_ingest;
select zenglow_api.annotate_batch('committed', 'healed_partition', '{"flagged": false}', '{"emails": 0}');
commit;
\o
drop table got;
create temporary table got as select * from pg_temp.received();
select results_eq($$select channel, (payload ->> 'batch_id')::bigint, payload ->> 'state', payload ->> 'reason' from got$$,
    format($$values ('zenglow_manifest'::text, %s::bigint, 'done'::text, 'healed_partition'::text)$$, :'batch_id'),
    'an alert reason set on a loaded batch announces the manifest again, with its reason');
select is((select array_agg(k order by k) from got, jsonb_object_keys(payload) k), array['batch_id', 'reason', 'state', 'tenant_id'],
    'the payload gains reason and nothing else');

\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
set local role zenglow_ingest;
select zenglow_api.annotate_batch('committed', 'healed_partition', '{"flagged": true}', null);
select zenglow_api.annotate_batch('committed', null, null, '{"emails": 1}');
commit;
\o
select is_empty($$select * from pg_temp.received()$$, 'annotations that leave the alert reason as it was announce nothing');

\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
set local role zenglow_ingest;
select zenglow_api.announce_ingest_problem('never-loaded', 'partition_missing', 'the partition could not be made: secret detail');
rollback;
\o
select is_empty($$select * from pg_temp.received()$$, 'a rolled-back problem announces nothing');

\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
set local role zenglow_ingest;
select zenglow_api.announce_ingest_problem('never-loaded', 'partition_missing', 'the partition could not be made: secret detail');
commit;
\o
drop table got;
create temporary table got as select * from pg_temp.received();
select results_eq($$select channel, payload from got$$,
    format($$values ('zenglow_manifest'::text, jsonb_build_object('tenant_id', %L::text, 'batch_id', null,
        'batch_tag', 'never-loaded', 'state', 'failed', 'reason', 'partition_missing'))$$, :'tenant'),
    'a batch refused before it had a manifest is announced: batch_id null, its tag, state failed and the reason');
select ok((select bool_and(payload::text not like '%secret%') from got), 'the message stays out of the payload');

\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
select (zenglow_api.set_fusion_weights('{"ltr": 0.8, "vector": 0.2}', 'test', 'tester') ->> 'version') as version \gset
commit;
\o
drop table got;
create temporary table got as select * from pg_temp.received();
select results_eq($$select channel, payload ->> 'version' from got$$, format('values (''zenglow_weights''::text, %L::text)', :'version'),
    'a weight change emits zenglow_weights with the new version');
select is((select array_agg(k order by k) from got, jsonb_object_keys(payload) k), array['tenant_id', 'version'],
    'the weights payload holds the tenant and version only');

\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
insert into zenglow.api_keys (tenant_id, prefix, secret_sha256, scopes)
values (:'tenant', 'zg_events' || txid_current(), sha256('secret'), '{query}') returning prefix as key_prefix \gset
commit;
select * from zenglow_api.check_api_key(:'key_prefix', sha256('secret'));
\o
select is_empty($$select * from pg_temp.received()$$,
    'creating a key and using it (last_used_at) announce nothing, so API key caches stay warm');
\o /dev/null
begin;
set local zenglow.tenant_id = :'tenant';
update zenglow.api_keys set revoked_at = now() where prefix = :'key_prefix';
commit;
\o
select results_eq($$select channel, payload ->> 'prefix', payload ->> 'tenant_id' from pg_temp.received()$$,
    format('values (''zenglow_keys''::text, %L::text, %L::text)', :'key_prefix', :'tenant'),
    'revoking a key announces its prefix and tenant on zenglow_keys');

\o /dev/null
select dblink_disconnect('listener');
\o
select * from finish();
