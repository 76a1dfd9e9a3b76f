-- A batch's manifest counts the chunks the server embedded itself (sent as text only, embedded
-- by the configured embedder before loading), beside those sent with an embedding.
set local role zenglow_owner;

alter table zenglow.batches
    add column embedded bigint not null default 0 constraint batches_embedded_nonnegative check (embedded >= 0);

comment on column zenglow.batches.embedded is
    'Chunks of this batch that came without an embedding and were embedded by the server before loading.';
