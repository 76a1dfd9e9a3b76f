-- zenglow_api.record_performance's complete records (issue 16): every field the API sends about
-- an outcome is checked before any cast (ZG009 naming the record and the field) and stored.
-- The older fields' bounds: input_bounds.sql.
begin;
select plan(20);

insert into zenglow.tenants (tenant_id) values ('record-a');
set local role zenglow_app;
set local zenglow.tenant_id = 'record-a';
create function pg_temp.record(p_fields jsonb) returns text language sql as $$
    -- One record: a valid one with p_fields merged over it.
    select jsonb_build_array('{"endpoint": "/rag/query", "status": 200, "total_ms": 1.5}'::jsonb || p_fields)::text
$$;

select is(zenglow_api.record_performance(pg_temp.record(jsonb_build_object('request_id', 'full', 'status', 503,
    'error_code', 'overloaded', 'degraded_reason', 'embedder_unavailable', 'mode', 'fusion', 'ltr_version', 3,
    'features_ms', 0.25, 'ltr_ms', 0.5, 'fusion_ms', 86400000, 'result_sources', '{"pubmed": 7, "wiki": 0}'::jsonb,
    'top_documents', to_jsonb(array['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10']),
    'query_text', repeat('q', 2000)))::jsonb), 1,
    'a record with every new field at its bounds is stored');
select is(zenglow_api.record_performance(pg_temp.record('{"request_id": "nulls", "error_code": null, "result_sources": null,
    "top_documents": [], "query_text": null}')::jsonb), 1,
    'null optional fields and an empty top_documents are accepted');
reset role;
select results_eq(
    $$select status, error_code, degraded_reason, mode, ltr_version, features_ms, ltr_ms, fusion_ms, result_sources,
        top_documents, length(query_text)
      from zenglow.query_performance where tenant_id = 'record-a' order by request_id$$,
    $$values (503, 'overloaded', 'embedder_unavailable', 'fusion', 3::bigint, 0.25::double precision, 0.5::double precision,
        86400000::double precision, '{"pubmed": 7, "wiki": 0}'::jsonb, array['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10'], 2000),
        (200, null, null, null, null, null, null, null, null, '{}'::text[], null)$$,
    'every field lands in its column');
set local role zenglow_app;
set local zenglow.tenant_id = 'record-a';

select throws_ok(format('select zenglow_api.record_performance(%L)', pg_temp.record(f::jsonb)), 'ZG009', m, m)
from (values
    ('{"ltr_version": 0}', 'timing record 1: ltr_version must be an integer between 1 and 9223372036854775807, not 0'),
    ('{"ltr_version": 1.5}', 'timing record 1: ltr_version must be an integer between 1 and 9223372036854775807, not 1.5'),
    ('{"features_ms": -1}', 'timing record 1: features_ms must be a number between 0 and 86400000, not -1'),
    ('{"ltr_ms": "2"}', 'timing record 1: ltr_ms must be a number between 0 and 86400000, not "2"'),
    ('{"fusion_ms": 86400001}', 'timing record 1: fusion_ms must be a number between 0 and 86400000, not 86400001'),
    ('{"error_code": 5}', 'timing record 1: error_code must be a string, not 5'),
    ('{"degraded_reason": true}', 'timing record 1: degraded_reason must be a string, not true'),
    ('{"mode": ["fusion"]}', 'timing record 1: mode must be a string, not ["fusion"]'),
    ('{"result_sources": ["pubmed"]}', 'timing record 1: result_sources must be an object of source -> count, not ["pubmed"]'),
    ('{"result_sources": {"pubmed": -1}}', 'timing record 1: result_sources.pubmed must be an integer between 0 and 2147483647, not -1'),
    ('{"result_sources": {"wiki": 0.5}}', 'timing record 1: result_sources.wiki must be an integer between 0 and 2147483647, not 0.5'),
    ('{"top_documents": "d1"}', 'timing record 1: top_documents must be an array of at most 10 strings, not "d1"'),
    ('{"top_documents": ["d1", 2]}', 'timing record 1: top_documents must be an array of at most 10 strings, not ["d1", 2]'),
    ('{"query_text": 5}', 'timing record 1: query_text must be a string of at most 2000 characters, not 5')
) t (f, m);
select throws_ok(format('select zenglow_api.record_performance(%L)',
        pg_temp.record(jsonb_build_object('top_documents', to_jsonb(array_fill('d'::text, array[11]))))), 'ZG009',
    'timing record 1: top_documents must be an array of at most 10 strings, not ["d", "d", "d", "d", "d", "d", "d", "d",',
    'eleven top documents are refused');
select throws_ok(format('select zenglow_api.record_performance(%L)', pg_temp.record(jsonb_build_object('query_text', repeat('q', 2001)))),
    'ZG009', 'timing record 1: query_text must be at most 2000 characters, not 2001', 'a query text of 2001 characters is refused');
reset role;
select is((select count(*) from zenglow.query_performance where tenant_id = 'record-a'), 2::bigint,
    'refused batches wrote nothing');

select * from finish();
rollback;
