set local role zenglow_owner;

create or replace function zenglow.apply_ann_settings(p_model text, p_candidates integer)
returns void
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
-- Sets, for the rest of the transaction, the search parameters of p_model's ANN index from
-- zenglow.ann_settings: hnsw.ef_search (the configured value, else the query's candidate count,
-- at least 40 — pgvector's default — and at most 1000, its maximum) and ivfflat.probes, both with
-- relaxed-order iterative scans, so that tenant and filter conditions cannot starve a result.
-- Both kinds are set whichever index exists: the planner uses the one there is.
declare
    v_settings zenglow.ann_settings;
begin
    select * into v_settings from zenglow.ann_settings where model_name = p_model;
    perform set_config('hnsw.ef_search',
        least(greatest(coalesce(v_settings.hnsw_ef_search, p_candidates), case when v_settings.hnsw_ef_search is null then 40 else 1 end), 1000)::text, true);
    perform set_config('hnsw.iterative_scan', 'relaxed_order', true);
    perform set_config('ivfflat.probes', coalesce(v_settings.ivfflat_probes, 10)::text, true);
    perform set_config('ivfflat.iterative_scan', 'relaxed_order', true);
end
$$;

comment on function zenglow.apply_ann_settings(text, integer) is
    'Sets hnsw.ef_search, ivfflat.probes and relaxed-order iterative scans for the transaction from p_model''s ANN settings.';
