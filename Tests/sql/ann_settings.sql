-- ANN index settings as data (zenglow.ann_settings): every model has a row, one audited call
-- changes it, the index is built from it, rag_query's transaction reads its search parameters,
-- and the report says when the index no longer matches the settings.
begin;
select plan(17);

select results_eq($$select index_kind, hnsw_m, hnsw_ef_construction, hnsw_ef_search, ivfflat_probes, version
                    from zenglow.ann_settings where model_name = 'all-MiniLM-L6-v2'$$,
    $$values ('hnsw'::text, 16, 64, null::integer, 10, 1::bigint)$$, 'the active model has the default settings');
insert into zenglow.models (model_name, dimension, source) values ('ann-3d', 3, 'test');
select is((select changed_by from zenglow.ann_settings where model_name = 'ann-3d'), 'registration',
    'a model registered later gets its settings row at registration');
select is(zenglow.ann_settings_report('all-MiniLM-L6-v2') ->> 'rebuild_needed', 'false',
    'the migrated index matches the default settings');

-- Search parameters: the next query's transaction, nothing to rebuild.
select is(zenglow.set_ann_settings('all-MiniLM-L6-v2', '{"hnsw_ef_search": 120, "ivfflat_probes": 7}', 'tester') ->> 'rebuild_needed',
    'false', 'changing search parameters needs no rebuild');
select zenglow.apply_ann_settings('all-MiniLM-L6-v2', 300);
select is(current_setting('hnsw.ef_search'), '120', 'a configured ef_search is used whatever the candidates');
select is(current_setting('ivfflat.probes'), '7', 'ivfflat.probes comes from the settings');
select is(current_setting('hnsw.iterative_scan'), 'relaxed_order', 'iterative scans are on');
select zenglow.set_ann_settings('all-MiniLM-L6-v2', '{"hnsw_ef_search": null}', 'tester');
select zenglow.apply_ann_settings('all-MiniLM-L6-v2', 300);
select is(current_setting('hnsw.ef_search'), '300', 'without one, ef_search follows the candidates');
select zenglow.apply_ann_settings('all-MiniLM-L6-v2', 10);
select is(current_setting('hnsw.ef_search'), '40', 'but never below pgvector''s default of 40');

select results_eq($$select version, changed_by from zenglow.ann_settings where model_name = 'all-MiniLM-L6-v2'$$,
    $$values (3::bigint, 'tester'::text)$$, 'every change is a new version, with who made it');
select is((select count(*) from zenglow_audit.events where action = 'ann.settings' and subject = 'models/all-MiniLM-L6-v2'),
    2::bigint, 'and is audited');
select is(zenglow.set_ann_settings('all-MiniLM-L6-v2', '{"ivfflat_probes": 7}', 'tester') ->> 'changed', 'false',
    'setting what is already set changes nothing (no version, no audit row)');

-- Build parameters: the report says the index must be rebuilt; ensure_model_index builds a
-- missing one from the settings.
select is(zenglow.set_ann_settings('ann-3d', '{"index_kind": "ivfflat", "ivfflat_lists": 3}', 'tester') ->> 'rebuild_needed',
    'true', 'a model without an index needs one');
select zenglow.ensure_model_index('ann-3d');
select is((select am.amname::text || ' ' || array_to_string(c.reloptions, ',') from pg_class c join pg_am am on am.oid = c.relam
           where c.relname = zenglow.model_index_name('ann-3d')), 'ivfflat lists=3', 'ensure_model_index builds what the settings say');
select is(zenglow.set_ann_settings('all-MiniLM-L6-v2', '{"hnsw_m": 24}', 'tester') ->> 'rebuild_needed', 'true',
    'a new HNSW m needs a rebuild');

select throws_ok($$select zenglow.set_ann_settings('all-MiniLM-L6-v2', '{"hnsw_m": 1}', 'tester')$$, 'ZG009', null,
    'an m out of range is refused');
select throws_ok($$select zenglow.set_ann_settings('all-MiniLM-L6-v2', '{"lists": 10}', 'tester')$$, 'ZG009',
    'unknown ANN setting ''lists''', 'an unknown setting is refused by name');

select * from finish();
rollback;
