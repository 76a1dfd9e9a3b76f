-- Term statistics for BM25, kept per tenant and embedding model as chunks are loaded and deleted:
-- document frequency per term, and per corpus the number of chunks and of tokens (for the average
-- length). Each chunk keeps its own length (token_count).
set local role zenglow_owner;

alter table zenglow.chunks add column token_count integer not null default 0
    constraint chunks_token_count_nonnegative check (token_count >= 0);

create table zenglow.term_stats (
    tenant_id text not null references zenglow.tenants (tenant_id),
    embedding_model text not null,
    term text not null,
    df bigint not null constraint term_stats_df_nonnegative check (df >= 0),
    primary key (tenant_id, embedding_model, term)
);

create table zenglow.corpus_stats (
    tenant_id text not null references zenglow.tenants (tenant_id),
    embedding_model text not null,
    chunk_count bigint not null default 0 constraint corpus_stats_chunk_count_nonnegative check (chunk_count >= 0),
    token_total bigint not null default 0 constraint corpus_stats_token_total_nonnegative check (token_total >= 0),
    primary key (tenant_id, embedding_model)
);

comment on table zenglow.term_stats is 'BM25 document frequency of each stemmed term, per tenant and embedding model.';
comment on table zenglow.corpus_stats is 'BM25 corpus size (chunks) and total length (tokens), per tenant and embedding model.';
