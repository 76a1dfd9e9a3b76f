-- Without pgvector and TimescaleDB (zenglow.disable_capabilities = 'vector,timescaledb'), the same
-- tables exist with the same column names: real[] embeddings, query_performance partitioned by day.
begin;
select plan(10);

select is((select pgvector from zenglow.capabilities()), null, 'pgvector is not used');
select is((select timescaledb from zenglow.capabilities()), null, 'TimescaleDB is not used');
select is((select embedding_storage from zenglow.capabilities()), 'real[]', 'embeddings fall back to real[]');
select is((select query_performance_storage from zenglow.capabilities()), 'partitioned', 'query_performance falls back to native partitions');
select columns_are('zenglow', 'chunks', array['tenant_id', 'chunk_id', 'document_id', 'chunk_order', 'source', 'title', 'metadata',
    'content_hash', 'batch_id', 'batch_tag', 'body', 'tsv', 'embedding', 'embedding_model', 'ingested_at', 'token_count', 'title_terms'],
    'chunks has the same columns as with pgvector');
select columns_are('zenglow', 'query_performance', array['ts', 'tenant_id', 'request_id', 'endpoint', 'status', 'top_k', 'cache_hit',
    'result_count', 'weights_version', 'model', 'embed_ms', 'retrieve_ms', 'features_ms', 'ltr_ms', 'fusion_ms', 'total_ms',
    'error_code', 'degraded_reason', 'mode', 'ltr_version', 'result_sources', 'top_documents', 'query_text'],
    'query_performance has the same columns as the hypertable');
select is(zenglow.ensure_model_index('all-MiniLM-L6-v2'), null, 'no HNSW index without pgvector (exact scan)');

insert into zenglow.tenants (tenant_id) values ('fallback-a');
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, total_ms) values
    (now() - interval '60 days', 'fallback-a', '/rag/query', 200, 3), (now(), 'fallback-a', '/rag/query', 200, 4);
\o /dev/null
create temporary table run as select zenglow.run_maintenance() r;
\o
select ok(to_regclass('zenglow.query_performance_p' || to_char(now() at time zone 'UTC' + interval '7 days', 'YYYYMMDD')) is not null,
    'daily query_performance partitions are premade a week ahead');
select results_eq($$select total_ms from zenglow.query_performance where tenant_id = 'fallback-a'$$, $$values (4::double precision)$$,
    'rows past retention are dropped with their partition, recent ones kept');
select is((select count(*) from only zenglow.query_performance_default), 0::bigint, 'nothing is left in the default partition');

select * from finish();
rollback;
