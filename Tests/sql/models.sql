-- The model registry: one active model, an HNSW index per model, a new model loaded beside the
-- old one and switched to in one transaction.
begin;
select plan(9);

select results_eq($$select model_name, dimension, active from zenglow.models where active$$,
    $$values ('all-MiniLM-L6-v2'::text, 384, true)$$, 'all-MiniLM-L6-v2 (384) is the active model of a fresh database');
select has_index('zenglow', 'chunks', zenglow.model_index_name('all-MiniLM-L6-v2'), 'its HNSW index exists');
select is((select am.amname::text from pg_class c join pg_am am on am.oid = c.relam
           where c.relname = zenglow.model_index_name('all-MiniLM-L6-v2')), 'hnsw', 'and it is HNSW');

insert into zenglow.tenants (tenant_id) values ('models-a');
insert into zenglow.batches (tenant_id, batch_tag, content_hash) values ('models-a', 'm', 'sha256:' || repeat('c', 64));
select throws_ok(
    $$insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model, embedding)
      select 'models-a', 'd', 'h', batch_id, 'm', 'text', 'all-MiniLM-L6-v2', '[1,2,3]' from zenglow.batches where batch_tag = 'm'$$,
    '22000', 'expected 384 dimensions, not 3', 'an embedding of the wrong dimension for its model is refused');

insert into zenglow.models (model_name, dimension, source) values ('tiny-3d', 3, 'test');
select zenglow.activate_model('tiny-3d', 'tester');
select is((select model_name from zenglow.models where active), 'tiny-3d', 'activate_model switches the active model');
select is((select count(*) from zenglow.models where active), 1::bigint, 'exactly one model is active');
select has_index('zenglow', 'chunks', zenglow.model_index_name('tiny-3d'), 'the new model got its own HNSW index');
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model, embedding)
select 'models-a', 'd', 'h', batch_id, 'm', 'text', 'tiny-3d', '[1,2,3]' from zenglow.batches where batch_tag = 'm';
select is((select count(*) from zenglow.doc_embeddings where tenant_id = 'models-a'), 1::bigint,
    'doc_embeddings shows the active model''s rows');
select throws_ok($$select zenglow.activate_model('no-such-model', 'tester')$$, 'ZG006', 'unknown embedding model ''no-such-model''',
    'activating an unknown model is refused');

select * from finish();
rollback;
