-- Champion lists (Manning, Raghavan & Schütze, Introduction to Information Retrieval §7.1.3) for
-- the terms too common for lexical retrieval to read all their postings: per tenant, model and
-- term, the chunks with the highest BM25 tf-part w = tf(k1 + 1) / (tf + k1(1 - b + b·dl/avgdl)),
-- kept as chunks are loaded, replaced and retired (see zenglow.add_term_champions,
-- zenglow.forget_chunks, zenglow.build_term_champions). A query whose every term is common reads
-- the top of its terms' lists instead of an arbitrary share of their matches, then scores those
-- chunks with the exact BM25 as any other query.
set local role zenglow_owner;

-- How a tenant's lists are kept: which terms have one (df above min_df, the default lexical
-- budget), how long a list is (list_size) and how deep it must stay before it is refilled from the
-- postings (depth, also how many rows a query reads across its terms), and the k1, b and avgdl
-- its weights were computed with (frozen at the last full build: a weight must not change under
-- a list as the corpus grows; zenglow.maintenance_term_champions rebuilds when avgdl drifts).
-- No row: the tenant's lists are not kept (an install older than this migration, until the
-- next full build).
create table zenglow.term_champion_settings (
    tenant_id text not null references zenglow.tenants (tenant_id),
    embedding_model text not null,
    min_df bigint not null default 5000 constraint term_champion_settings_min_df_positive check (min_df >= 1),
    list_size integer not null default 2000
        constraint term_champion_settings_list_size_range check (list_size between 1 and 1000000),
    depth integer not null default 1000,
    k1 double precision not null default 1.2 constraint term_champion_settings_k1_range check (k1 between 0 and 100),
    b double precision not null default 0.75 constraint term_champion_settings_b_range check (b between 0 and 1),
    avgdl double precision not null constraint term_champion_settings_avgdl_positive check (avgdl > 0),
    built_at timestamptz not null default now(),
    primary key (tenant_id, embedding_model),
    constraint term_champion_settings_depth_range check (depth between 1 and list_size)
);

create table zenglow.term_champions (
    tenant_id text not null references zenglow.tenants (tenant_id),
    embedding_model text not null,
    term text not null,
    w double precision not null,
    chunk_id bigint not null,
    ingested_at timestamptz not null,
    primary key (tenant_id, embedding_model, term, chunk_id)
);

-- How long each term's list is (a list's rows are counted here, not by scanning it, when a load
-- adds to it or trims it and when forgetting chunks shortens it).
create table zenglow.term_champion_lists (
    tenant_id text not null references zenglow.tenants (tenant_id),
    embedding_model text not null,
    term text not null,
    length integer not null constraint term_champion_lists_length_nonnegative check (length >= 0),
    primary key (tenant_id, embedding_model, term)
);

-- The query reads a term's list from the top: an index-only scan of this index.
create index term_champions_by_weight on zenglow.term_champions (tenant_id, embedding_model, term, w desc)
    include (chunk_id, ingested_at);

-- A chunk's title terms (tsvector_to_array(to_tsvector('english', title))), stemmed once at load
-- time by zenglow_api.ingest_staged_batch rather than for every candidate of every query
-- (rag_query's title_match feature). A plain column, not a generated one: adding a stored
-- generated column rewrites every chunk and rebuilds every index (3 minutes at 100k chunks, HNSW
-- included); rows loaded before it keep null, for which rag_query stems the title as before.
alter table zenglow.chunks add column title_terms text[];

alter table zenglow.term_champion_settings enable row level security;
alter table zenglow.term_champion_settings force row level security;
alter table zenglow.term_champions enable row level security;
alter table zenglow.term_champions force row level security;
alter table zenglow.term_champion_lists enable row level security;
alter table zenglow.term_champion_lists force row level security;

grant select on zenglow.term_champion_settings, zenglow.term_champions, zenglow.term_champion_lists to zenglow_app;
grant select, insert, update, delete on zenglow.term_champion_settings, zenglow.term_champions, zenglow.term_champion_lists
    to zenglow_ingest;

comment on table zenglow.term_champion_settings is
    'How a tenant''s champion lists are kept: min_df, list_size, depth and the k1, b, avgdl of their weights.';
comment on table zenglow.term_champion_lists is 'The length of each champion list, per tenant, model and term.';
comment on table zenglow.term_champions is
    'Champion lists: per tenant, model and common term, the chunks with the highest BM25 tf-part w.';
