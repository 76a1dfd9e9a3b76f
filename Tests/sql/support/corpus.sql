-- A small hand-made corpus for retrieval tests, loaded through the staging path a loader uses:
-- six chunks of tenant retrieval-a (embeddings near basis vectors e1…e6 of 384 dimensions; the
-- black-holes chunk also leans towards e6) and one of tenant retrieval-b. Included by
-- retrieval.sql and fallback/retrieval.sql inside their transaction.
insert into zenglow.tenants (tenant_id) values ('retrieval-a'), ('retrieval-b');
select zenglow.run_maintenance();

create function pg_temp.basis(p_i integer, p_j integer default null, p_weight real default 0) returns real[]
language sql immutable as $$
    select array_agg(case when g = p_i then 1.0 when g = p_j then p_weight else 0.01 end::real order by g)
    from generate_series(1, 384) g
$$;

set local role zenglow_ingest;
set local zenglow.tenant_id = 'retrieval-a';
select zenglow_api.prepare_staging();
insert into zg_staging (row_number, document_id, chunk_order, source, title, metadata, content_hash, body, embedding) values
    (1, 'doc-1', 0, 'biology', 'Photosynthesis', '{"lang": "en"}', 'h1', 'Photosynthesis converts light energy into chemical energy in plants.', pg_temp.basis(1)),
    (2, 'doc-2', 0, 'biology', 'Mitochondria', '{"lang": "en"}', 'h2', 'The mitochondria is the powerhouse of the cell, producing ATP for the cell.', pg_temp.basis(2)),
    (3, 'doc-3', 0, 'medicine', 'Vaccines', '{"lang": "en"}', 'h3', 'Vaccines train the immune system to recognise pathogens before an infection.', pg_temp.basis(3)),
    (4, 'doc-4', 0, 'physics', 'Black holes', '{"lang": "en"}', 'h4', 'Black holes bend light through their intense gravity.', pg_temp.basis(4, 6, 0.5)),
    (5, 'doc-5', 0, 'medicine', 'Insulin', '{"lang": "de", "year": 2020}', 'h5', 'Insulin regulates blood sugar; diabetes disrupts insulin signalling.', pg_temp.basis(5)),
    (6, 'doc-6', 0, 'biology', 'Chlorophyll', '{"lang": "en"}', 'h6', 'Plants absorb light with chlorophyll during photosynthesis, mostly in the green leaves of the plant.', pg_temp.basis(6));
create temporary table loaded_a as
select zenglow_api.ingest_staged_batch('corpus-a', 'fixture', 'sha256:' || repeat('a', 64)) as manifest;

set local zenglow.tenant_id = 'retrieval-b';
select zenglow_api.prepare_staging();
insert into zg_staging (row_number, document_id, chunk_order, source, title, metadata, content_hash, body, embedding) values
    (1, 'secret', 0, 'medicine', 'Insulin secret', '{}', 'hb', 'Insulin insulin insulin: tenant B''s private notes on diabetes.', pg_temp.basis(5));
create temporary table loaded_b as
select zenglow_api.ingest_staged_batch('corpus-b', 'fixture', 'sha256:' || repeat('b', 64)) as manifest;
reset role;
set local zenglow.tenant_id = 'retrieval-a';
