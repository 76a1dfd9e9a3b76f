set local role zenglow_owner;

create or replace function zenglow_api.prepare_staging()
returns void
language plpgsql
volatile
set client_min_messages = warning
as $$
-- Creates (or empties) this session's staging table zg_staging, which a loader fills with COPY
-- before calling zenglow_api.ingest_staged_batch in the same transaction. Temporary: invisible to
-- other sessions, emptied at commit.
begin
    create temporary table if not exists zg_staging (
        row_number bigint not null,
        document_id text not null,
        chunk_order integer not null,
        source text,
        title text,
        metadata jsonb,
        content_hash text not null,
        body text not null,
        embedding real[]
    ) on commit delete rows;
    truncate zg_staging;
end
$$;

comment on function zenglow_api.prepare_staging() is
    'Creates or empties the session''s temporary staging table zg_staging (row_number, document_id, chunk_order, source, '
    'title, metadata, content_hash, body, embedding real[]) for COPY before ingest_staged_batch.';
