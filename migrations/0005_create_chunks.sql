-- Chunks of documents with their text, tsvector and embedding ("doc_embeddings" in operators'
-- vocabulary), range-partitioned by ingested_at (see docs/schema.md, "Partitioning").
--
-- The embedding column is pgvector's `vector` when the extension is present and `real[]` (exact
-- scan) when it is not; the name is the same either way. It has no fixed dimension: each model's
-- rows are indexed by a partial HNSW index on `embedding::vector(<dimension>)` where
-- embedding_model is that model, so a new model's vectors load beside the old ones and retrieval
-- switches when the model registry does.
set local role zenglow_owner;

-- PostgreSQL 15 has no identity columns on partitioned tables.
create sequence zenglow.chunks_chunk_id_seq as bigint;

do $chunks$
declare
    v_embedding_type text := case
        when exists (select from pg_extension where extname = 'vector') then 'vector'
        else 'real[]'
    end;
begin
    execute format($ddl$
        create table zenglow.chunks (
            tenant_id text not null references zenglow.tenants (tenant_id),
            chunk_id bigint not null default nextval('zenglow.chunks_chunk_id_seq'),
            document_id text not null constraint chunks_document_id_length check (length(document_id) between 1 and 512),
            chunk_order integer not null default 0 constraint chunks_chunk_order_nonnegative check (chunk_order >= 0),
            source text not null default '',
            title text not null default '',
            metadata jsonb not null default '{}'::jsonb,
            content_hash text not null,
            batch_id bigint not null,
            batch_tag text not null,
            body text not null constraint chunks_body_not_empty check (body <> ''),
            tsv tsvector generated always as (to_tsvector('english'::regconfig, body)) stored,
            embedding %s,
            embedding_model text not null references zenglow.models (model_name),
            ingested_at timestamptz not null default now(),
            primary key (tenant_id, chunk_id, ingested_at),
            constraint chunks_position_once unique (tenant_id, document_id, chunk_order, embedding_model, ingested_at)
        ) partition by range (ingested_at)
    $ddl$, v_embedding_type);
end
$chunks$;

alter sequence zenglow.chunks_chunk_id_seq owned by zenglow.chunks.chunk_id;

-- Rows whose partition does not exist yet land here; run_maintenance moves them out.
create table zenglow.chunks_default partition of zenglow.chunks default;

create index chunks_tsv on zenglow.chunks using gin (tsv);
create index chunks_batch on zenglow.chunks (tenant_id, batch_id);
create index chunks_document on zenglow.chunks (tenant_id, document_id);

do $hnsw$
begin
    if exists (select from pg_extension where extname = 'vector') then
        -- Named as zenglow.model_index_name('all-MiniLM-L6-v2') names it.
        create index chunks_embedding_all_minilm_l6_v2_61365361 on zenglow.chunks
            using hnsw ((embedding::vector(384)) vector_cosine_ops)
            where embedding_model = 'all-MiniLM-L6-v2';
    end if;
end
$hnsw$;

comment on table zenglow.chunks is
    'Chunks of documents (doc_embeddings): text, tsvector (english), embedding of embedding_model. '
    'Partitioned by ingested_at; one batch is loaded in one transaction, so it lies in one partition.';
