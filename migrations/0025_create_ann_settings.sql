-- Approximate-nearest-neighbour index settings per embedding model, as data: which index kind
-- serves a model's vectors (HNSW, or IVFFlat for bulk-heavy installations that rebuild often),
-- its build parameters and its search parameters. zenglow.set_ann_settings changes them in one
-- call (audited); zenglow.ensure_model_index builds from them, `zenglow ann apply` rebuilds the
-- index concurrently when they changed, and rag_query reads the search parameters on every call
-- (zenglow.apply_ann_settings). Models are installation-wide, so is this table (no tenant).
set local role zenglow_owner;

create table zenglow.ann_settings (
    model_name text primary key references zenglow.models (model_name) on delete cascade,
    index_kind text not null default 'hnsw'
        constraint ann_settings_index_kind_known check (index_kind in ('hnsw', 'ivfflat')),
    hnsw_m integer not null default 16
        constraint ann_settings_hnsw_m_range check (hnsw_m between 2 and 100),
    hnsw_ef_construction integer not null default 64
        constraint ann_settings_hnsw_ef_construction_range check (hnsw_ef_construction between 4 and 1000),
    -- null: the query's candidate count (at least 40), which is what rag_query did before.
    hnsw_ef_search integer
        constraint ann_settings_hnsw_ef_search_range check (hnsw_ef_search between 1 and 1000),
    -- null: chosen at build time from the row count (rows / 1000 up to 1M rows, sqrt(rows) above).
    ivfflat_lists integer
        constraint ann_settings_ivfflat_lists_range check (ivfflat_lists between 1 and 32768),
    ivfflat_probes integer not null default 10
        constraint ann_settings_ivfflat_probes_range check (ivfflat_probes between 1 and 32768),
    -- Build parameters of the index that exists now; null until one was built from this table.
    built jsonb,
    version bigint not null default 1,
    changed_at timestamptz not null default now(),
    changed_by text not null default 'migration'
);

insert into zenglow.ann_settings (model_name) select model_name from zenglow.models;
