-- What a cached answer of zenglow_api.rag_query depends on, beyond the request: per tenant a
-- corpus epoch that every committed change to what retrieval reads advances (see
-- zenglow.advance_corpus_epoch for the paths), and per database an installation id, so that two
-- ZenGlow databases sharing one Redis never share cache keys. zenglow_api.cache_generation reads
-- both, with the weights, LTR and model versions, in one call.
set local role zenglow_owner;

-- A tenant without a row has epoch 0: the first advance creates the row (upsert), so tenants
-- created by any path need nothing here.
create table zenglow.corpus_epochs (
    tenant_id text primary key references zenglow.tenants (tenant_id),
    epoch bigint not null default 0 constraint corpus_epochs_epoch_nonnegative check (epoch >= 0),
    advanced_at timestamptz not null default now()
);

comment on table zenglow.corpus_epochs is
    'Per tenant, a number that every committed change to what retrieval reads (chunks, BM25 statistics, source priors) '
    'advances in the same transaction; part of the response cache key. No row means epoch 0.';

-- One row, made here with a random id. A copy of this database (restored from a backup, cloned
-- for staging) that shares a Redis with the original should get a new one.
create table zenglow.installation (
    id uuid primary key default gen_random_uuid(),
    created_at timestamptz not null default now()
);
create unique index installation_one_row on zenglow.installation ((true));

insert into zenglow.installation default values;

comment on table zenglow.installation is
    'This ZenGlow database''s identity (one row, a random id made by migration 0019): part of every response cache key, '
    'so that databases sharing one Redis never share entries.';
