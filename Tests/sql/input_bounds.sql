-- Bad numeric (and otherwise malformed) input to the API's functions is refused with ZenGlow's
-- own SQLSTATE naming the field and its range, never with a raw data exception: fusion weights
-- (ZG002, at most 1000 each), timing records (ZG009), batch tags, hashes, states and counts
-- (ZG009). rag_query's options: rag_query_arguments.sql; staged chunks: staging_checks.sql.
begin;
select plan(51);

insert into zenglow.tenants (tenant_id) values ('bounds-a');
set local role zenglow_app;
set local zenglow.tenant_id = 'bounds-a';

-- Fusion weights.
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": 1000.001, "vector": 1}', 'r', 'a')$$, 'ZG002',
    'fusion weight ''ltr'' is above the maximum of 1000 (1000.001)', 'a weight above 1000 is refused, naming the weight and the bound');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": 1, "vector": 5e20}', 'r', 'a')$$, 'ZG002',
    'fusion weight ''vector'' is above the maximum of 1000 (500000000000000000000)', 'a huge finite weight is refused too');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": -1e400, "vector": 1}', 'r', 'a')$$, 'ZG002',
    'fusion weight ''ltr'' is not finite', 'a weight beyond double precision, negative, is not finite');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": true, "vector": 1}', 'r', 'a')$$, 'ZG002',
    'fusion weight ''ltr'' must be a number, not true', 'a boolean weight is refused');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": null, "vector": 1}', 'r', 'a')$$, 'ZG002',
    'fusion weight ''ltr'' must be a number, not null', 'a null weight is refused');
select throws_ok($$select zenglow_api.set_fusion_weights(null, 'r', 'a')$$, 'ZG002', 'fusion weights must be a JSON object',
    'null weights are refused');
select is(zenglow_api.set_fusion_weights('{"ltr": 1000, "vector": 0}', 'upper bound', 'a') -> 'weights', '{"ltr": 1000, "vector": 0}'::jsonb,
    'a weight of exactly 1000 is allowed');
select is(zenglow_api.set_fusion_weights('{"ltr": 1e-400, "vector": 0.5}', 'underflow', 'a') -> 'weights', '{"ltr": 0, "vector": 0.5}'::jsonb,
    'a weight below double precision counts as 0 instead of failing a cast (22003)');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": 1e-400, "vector": 0}', 'r', 'a')$$, 'ZG002',
    'fusion weights sum to 0; at least one must be positive', 'and so such weights can sum to 0');

-- Timing records (zenglow_api.record_performance).
create function pg_temp.record(p_fields jsonb) returns text language sql as $$
    -- One record: a valid one with p_fields merged over it.
    select jsonb_build_array('{"endpoint": "/rag/query", "status": 200, "total_ms": 1.5}'::jsonb || p_fields)::text
$$;
select is(zenglow_api.record_performance(pg_temp.record('{"ts": "2026-12-01T10:00:00Z", "request_id": "r1", "model": "m", "top_k": 10,
    "result_count": 3, "weights_version": 9223372036854775807, "embed_ms": 0, "retrieve_ms": 86400000, "total_ms": 86400000}')::jsonb), 1,
    'a record at every upper and lower bound is stored');
select is(zenglow_api.record_performance(pg_temp.record('{"total_ms": 1e-400, "top_k": null}')::jsonb), 1,
    'a tiny timing counts as 0, a null optional field is null');
select is(zenglow_api.record_performance('[]'), 0, 'an empty batch writes nothing');
select is(zenglow_api.record_performance(null), 0, 'neither does null');
select throws_ok(format('select zenglow_api.record_performance(%L)', pg_temp.record(f::jsonb)), 'ZG009', m, m)
from (values
    ('{"status": 99}', 'timing record 1: status must be an integer between 100 and 599, not 99'),
    ('{"status": 600}', 'timing record 1: status must be an integer between 100 and 599, not 600'),
    ('{"status": 1e10}', 'timing record 1: status must be an integer between 100 and 599, not 10000000000'),
    ('{"status": 200.5}', 'timing record 1: status must be an integer between 100 and 599, not 200.5'),
    ('{"status": "200"}', 'timing record 1: status must be an integer between 100 and 599, not "200"'),
    ('{"status": null}', 'timing record 1: status is required'),
    ('{"top_k": -1}', 'timing record 1: top_k must be an integer between 0 and 2147483647, not -1'),
    ('{"top_k": 2147483648}', 'timing record 1: top_k must be an integer between 0 and 2147483647, not 2147483648'),
    ('{"result_count": 1.5}', 'timing record 1: result_count must be an integer between 0 and 2147483647, not 1.5'),
    ('{"weights_version": 0}', 'timing record 1: weights_version must be an integer between 1 and 9223372036854775807, not 0'),
    ('{"weights_version": 9223372036854775808}',
        'timing record 1: weights_version must be an integer between 1 and 9223372036854775807, not 9223372036854775808'),
    ('{"total_ms": -0.1}', 'timing record 1: total_ms must be a number between 0 and 86400000, not -0.1'),
    ('{"total_ms": 1e400}', 'timing record 1: total_ms must be a number between 0 and 86400000, not 1.000000e+400'),
    ('{"total_ms": null}', 'timing record 1: total_ms is required'),
    ('{"embed_ms": 86400000.5}', 'timing record 1: embed_ms must be a number between 0 and 86400000, not 86400000.5'),
    ('{"retrieve_ms": "fast"}', 'timing record 1: retrieve_ms must be a number between 0 and 86400000, not "fast"'),
    ('{"endpoint": ""}', 'timing record 1: endpoint must be a non-empty string, not ""'),
    ('{"endpoint": 5}', 'timing record 1: endpoint must be a non-empty string, not 5'),
    ('{"model": {"name": "m"}}', 'timing record 1: model must be a string, not {"name": "m"}'),
    ('{"ts": "yesterday"}', 'timing record 1: ts must be an ISO 8601 timestamp, not "yesterday"'),
    ('{"ts": "2026-02-30T00:00:00Z"}', 'timing record 1: ts must be an ISO 8601 timestamp, not "2026-02-30T00:00:00Z"'),
    ('{"ts": 1764583200}', 'timing record 1: ts must be an ISO 8601 timestamp, not 1764583200')) t (f, m);
select throws_ok($$select zenglow_api.record_performance('[{"endpoint": "/x", "status": 200, "total_ms": 1}, {"endpoint": "/x", "status": 200}]')$$,
    'ZG009', 'timing record 2: total_ms is required', 'the record is named by its position');
select throws_ok($$select zenglow_api.record_performance('{"endpoint": "/x"}')$$, 'ZG009', 'timing records must be a JSON array of objects',
    'a non-array is refused');
select throws_ok($$select zenglow_api.record_performance('[7]')$$, 'ZG009', 'timing record 1 must be a JSON object', 'a non-object record is refused');
reset role;
select is((select count(*) from zenglow.query_performance where tenant_id = 'bounds-a'), 2::bigint,
    'refused batches wrote nothing (only the two valid calls did)');
set local role zenglow_app;
select is(zenglow_api.record_performance(pg_temp.record('{"request_id": "cached", "cache_hit": true}')::jsonb), 1,
    'an answer from the response cache is recorded');
select throws_ok(format('select zenglow_api.record_performance(%L)', pg_temp.record('{"cache_hit": "yes"}')), 'ZG009',
    'timing record 1: cache_hit must be true or false, not "yes"', 'a cache_hit that is not a boolean is refused');
reset role;
select results_eq($$select request_id, cache_hit from zenglow.query_performance where tenant_id = 'bounds-a' order by request_id nulls last$$,
    $$values ('cached'::text, true), ('r1', false), (null, false)$$, 'cache_hit is stored as sent, false when absent');

-- Batches.
set local role zenglow_ingest;
select throws_ok($$select zenglow_api.open_batch('bad tag', 's', 'sha256:' || repeat('a', 64))$$, 'ZG009', 'batch tag ''bad tag'' is not valid',
    'a malformed batch tag is ZG009, not a check violation');
select throws_ok($$select zenglow_api.open_batch('b', 's', 'sha256:ABC')$$, 'ZG009', 'content hash ''sha256:ABC'' is not valid',
    'a malformed content hash is ZG009');
select (zenglow_api.open_batch('b', 's', 'sha256:' || repeat('c', 64)) ->> 'batch_id')::bigint as batch_id \gset
select throws_ok(format($$select zenglow_api.transition_batch(%s, 'finished')$$, :batch_id), 'ZG009', 'unknown batch state ''finished''',
    'an unknown state is ZG009');
select throws_ok(format($$select zenglow_api.transition_batch(%s, 'failed', 'oops')$$, :batch_id), 'ZG009',
    'unknown reason ''oops'' for a failed batch', 'an unknown failure reason is ZG009');
select throws_ok(format($$select zenglow_api.transition_batch(%s, 'loading', null, -1)$$, :batch_id), 'ZG009',
    'accepted and rejected must be 0 or more, not -1 and null', 'a negative count is ZG009');
reset role;

-- The other functions the API's roles may call.
set local role zenglow_app;
select throws_ok($$select zenglow_audit.append(null, 'test.action', '', '{}')$$, 'ZG009', 'an audit record needs an actor and an action',
    'an audit append without an actor is ZG009, not a not-null violation');
select throws_ok($$select zenglow_audit.append('tester', ' ', '', '{}')$$, 'ZG009', 'an audit record needs an actor and an action',
    'nor without an action');
reset role;
set local role zenglow_ingest;
select throws_ok($$select zenglow.ensure_chunk_partition('infinity')$$, 'ZG009',
    'a chunk partition is made for a finite time, not infinity', 'no partition is made for an infinite time');
select throws_ok($$select zenglow.ensure_chunk_partition(null)$$, 'ZG009',
    'a chunk partition is made for a finite time, not null', 'nor for none');
reset role;

select * from finish();
rollback;
