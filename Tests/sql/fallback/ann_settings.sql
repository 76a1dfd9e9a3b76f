-- Without pgvector the ANN settings still exist and change (ready for when it is installed), but
-- there is no index to build or rebuild: retrieval is an exact scan.
begin;
select plan(4);

select is(zenglow.model_index_definition('all-MiniLM-L6-v2'), null, 'no ANN index definition without pgvector');
select is(zenglow.set_ann_settings('all-MiniLM-L6-v2', '{"index_kind": "ivfflat"}', 'tester') ->> 'changed', 'true',
    'the settings change all the same');
select is(zenglow.ann_settings_report('all-MiniLM-L6-v2') ->> 'rebuild_needed', 'false', 'and nothing needs rebuilding');
select is(zenglow.ensure_model_index('all-MiniLM-L6-v2'), null, 'ensure_model_index builds nothing');

select * from finish();
rollback;
