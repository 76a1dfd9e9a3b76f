-- Every path that changes what zenglow_api.rag_query can return for a tenant advances that
-- tenant's corpus epoch, and no other tenant's (zenglow.advance_corpus_epoch lists the paths);
-- what changes nothing retrieval sees advances nothing. Shared by corpus_epochs.sql (pgvector,
-- TimescaleDB) and fallback/corpus_epochs.sql (real[]); 30 tests, inside the including file's
-- transaction. An epoch advances once per transaction, so pg_temp.mark() also forgets what this
-- one advanced so far: each step below then counts as a transaction of its own.
\o /dev/null
insert into zenglow.tenants (tenant_id) values ('epoch-a'), ('epoch-b'), ('epoch-c');
update zenglow.maintenance_settings set chunk_partition_unit = 'month', chunk_retention = null;
select zenglow.run_maintenance();

create temporary table epochs_before (tenant_id text primary key, epoch bigint not null);
create function pg_temp.epoch(p_tenant text) returns bigint language sql as $$
    select coalesce((select epoch from zenglow.corpus_epochs where tenant_id = p_tenant), 0)
$$;
create function pg_temp.mark() returns void language sql as $$
    delete from epochs_before;
    insert into epochs_before select t, pg_temp.epoch(t) from unnest(array['epoch-a', 'epoch-b', 'epoch-c']) t;
    select set_config('zenglow.corpus_epochs_advanced', '', true);
$$;
-- The tenants whose epoch changed since pg_temp.mark(), and that only by one.
create function pg_temp.advanced() returns text[] language sql as $$
    select coalesce(array_agg(b.tenant_id order by b.tenant_id) filter (where pg_temp.epoch(b.tenant_id) <> b.epoch), '{}')
    from epochs_before b
    where pg_temp.epoch(b.tenant_id) in (b.epoch, b.epoch + 1)
    having count(*) = 3
$$;
create function pg_temp.embedding(p_value real) returns real[] language sql immutable as $$
    select array_fill(p_value, array[384])
$$;
-- Loads one batch for the transaction's tenant, as a loader does (runs as zenglow_ingest):
-- documents (id, text), all chunk 0. Returns the manifest's state, or the refusal's SQLSTATE
-- (the function's block is a subtransaction, so a refused batch rolls back); p_then_fail fails
-- the block after a successful load, as a loader's transaction failing before its commit would.
create function pg_temp.load(p_tag text, p_documents text[][], p_then_fail boolean default false) returns text
language plpgsql as $$
declare
    v_state text;
begin
    perform zenglow_api.prepare_staging();
    insert into zg_staging (row_number, document_id, chunk_order, source, title, metadata, content_hash, body, embedding)
    select i, p_documents[i][1], 0, 'fixture', 'title', '{}', 'h', p_documents[i][2], pg_temp.embedding(0.1 * i)
    from generate_subscripts(p_documents, 1) i;
    v_state := zenglow_api.ingest_staged_batch(p_tag, 'fixture',
        'sha256:' || encode(sha256(convert_to(p_tag || array_to_string(p_documents, '|'), 'UTF8')), 'hex')) ->> 'state';
    if p_then_fail then
        raise exception 'the loading transaction fails after the load';
    end if;
    return v_state;
exception when others then
    return sqlstate;
end
$$;
\o

-- 1. Loads.
select pg_temp.mark();
set local role zenglow_ingest;
set local zenglow.tenant_id = 'epoch-a';
select is(pg_temp.load('a-1', array[['d1', 'photosynthesis in green plants'], ['d2', 'black holes bend light']]), 'done',
    'tenant A loads a batch');
reset role;
select is(pg_temp.advanced(), array['epoch-a'], 'a loaded batch advances its tenant''s epoch, and no other''s');

select pg_temp.mark();
set local role zenglow_ingest;
select is(pg_temp.load('a-1', array[['d1', 'photosynthesis in green plants'], ['d2', 'black holes bend light']]), 'done',
    'the same content sent again is recognised');
reset role;
select is(pg_temp.advanced(), '{}'::text[], 'a re-submission changes nothing, and advances nothing');

select pg_temp.mark();
set local role zenglow_ingest;
select is(pg_temp.load('a-2', array[['d7', 'comets and their tails']], true), 'P0001',
    'a load whose transaction fails after it rolls back');
reset role;
select is(pg_temp.advanced(), '{}'::text[], 'a rolled-back load advances nothing');
select ok(not exists (select from zenglow.batches where batch_tag = 'a-2'), 'nothing of it stays');

-- No mark: the rolled-back advance must not count as this transaction's either.
set local role zenglow_ingest;
select is(pg_temp.load('a-3', array[['d2', 'black holes swallow light and stars']]), 'done', 'a document sent again replaces its chunks');
reset role;
select is(pg_temp.advanced(), array['epoch-a'],
    'a replacement advances its tenant''s epoch only (and the rolled-back advance left no trace that would stop it)');

select pg_temp.mark();
set local role zenglow_ingest;
do $$ begin perform pg_temp.load('a-4', array[['d3', 'vaccines train the immune system']]);
    perform pg_temp.load('a-5', array[['d4', 'insulin regulates blood sugar']]); end $$;
reset role;
select is(pg_temp.epoch('epoch-a') - (select epoch from epochs_before where tenant_id = 'epoch-a'), 1::bigint,
    'two loads in one transaction advance the epoch once: both become visible at one commit');

select pg_temp.mark();
set local role zenglow_ingest;
do $$ begin perform pg_temp.load('a-6', array[['d5', 'mitochondria power the cell']]); end $$;
set local zenglow.tenant_id = 'epoch-b';
select is(pg_temp.load('b-1', array[['d1', 'tenant b writes about comets']]), 'done', 'tenant B loads in the same transaction');
reset role;
select is(pg_temp.advanced(), array['epoch-a', 'epoch-b'], 'each tenant that loaded is advanced');

-- The marks of ZenGlow's own functions end with them: a later write in the transaction counts.
select pg_temp.mark();
set local role zenglow_ingest;
set local zenglow.tenant_id = 'epoch-c';
do $$ begin perform pg_temp.load('c-1', array[['d1', 'tenant c writes about tides']]); end $$;
set local zenglow.tenant_id = 'epoch-b';
delete from zenglow.chunks where document_id = 'no-such-document';
reset role;
select is(pg_temp.advanced(), array['epoch-b', 'epoch-c'], 'a write after a load in the same transaction still advances its tenant');

-- 2. Writes to chunks outside the loading functions.
select pg_temp.mark();
set local role zenglow_ingest;
set local zenglow.tenant_id = 'epoch-b';
delete from zenglow.chunks where document_id = 'd1';
reset role;
select is(pg_temp.advanced(), array['epoch-b'], 'a loader''s own DELETE advances the epoch of the tenant it is confined to');

select pg_temp.mark();
set local role zenglow_ingest;
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model)
select 'epoch-b', 'd9', 'h', batch_id, batch_tag, 'comets have tails', 'all-MiniLM-L6-v2'
from zenglow.batches where tenant_id = 'epoch-b' and batch_tag = 'b-1';
reset role;
select is(pg_temp.advanced(), array['epoch-b'], 'a loader''s own INSERT advances its tenant''s epoch');

select pg_temp.mark();
set local role zenglow_owner;
set local zenglow.tenant_id = 'epoch-a';
update zenglow.chunks set title = 'renamed' where document_id = 'd3';
reset role;
select is(pg_temp.advanced(), array['epoch-a'], 'an operator''s UPDATE of titles under a tenant advances that tenant');

select pg_temp.mark();
set local role zenglow_ingest;
set local zenglow.tenant_id = '';
delete from zenglow.chunks;
reset role;
select is(pg_temp.advanced(), '{}'::text[], 'a write without a tenant can touch no row and advances nothing');

select pg_temp.mark();
update zenglow.chunks set title = title where false;
select is(pg_temp.advanced(), array['epoch-a', 'epoch-b', 'epoch-c'],
    'a superuser''s write, which row-level security does not confine, advances every tenant');

select pg_temp.mark();
set local role zenglow_owner;
set local zenglow.tenant_id = 'epoch-a';
insert into zenglow.term_stats values ('epoch-a', 'all-MiniLM-L6-v2', 'zzzterm', 1);
reset role;
select is(pg_temp.advanced(), array['epoch-a'], 'a direct write to the BM25 term statistics advances its tenant');

-- 3. Source priors (an LTR feature).
select pg_temp.mark();
set local role zenglow_owner;
set local zenglow.tenant_id = 'epoch-c';
insert into zenglow.source_priors values ('epoch-c', 'fixture', 0.5);
reset role;
select is(pg_temp.advanced(), array['epoch-c'], 'a new source prior advances its tenant only');
select pg_temp.mark();
set local role zenglow_owner;
update zenglow.source_priors set prior = 0.9;
reset role;
select is(pg_temp.advanced(), array['epoch-c'], 'a changed source prior too');
select pg_temp.mark();
set local role zenglow_owner;
delete from zenglow.source_priors;
reset role;
select is(pg_temp.advanced(), array['epoch-c'], 'and a deleted one');
select pg_temp.mark();
truncate zenglow.source_priors;
select is(pg_temp.advanced(), array['epoch-a', 'epoch-b', 'epoch-c'], 'TRUNCATE advances every tenant');

-- 4. An LTR model edited in place (versions are added, not edited).
select pg_temp.mark();
update zenglow.ltr_models set intercept = intercept where version = (select max(version) from zenglow.ltr_models);
select is(pg_temp.advanced(), array['epoch-a', 'epoch-b', 'epoch-c'], 'an LTR model changed in place advances every tenant');

-- 5. Maintenance: healing moves rows and changes nothing; retention removes them.
insert into zenglow.batches (tenant_id, batch_tag, content_hash, pinned) values
    ('epoch-b', 'b-old', 'sha256:' || repeat('1', 64), false),
    ('epoch-c', 'c-old', 'sha256:' || repeat('2', 64), false),
    ('epoch-c', 'c-pinned', 'sha256:' || repeat('3', 64), true),
    ('epoch-c', 'c-future', 'sha256:' || repeat('4', 64), false);
do $$ begin perform zenglow.ensure_chunk_partition(now() - interval '4 years', 'scheduled');
    perform zenglow.ensure_chunk_partition(now() - interval '3 years', 'scheduled'); end $$;
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model, ingested_at)
select tenant_id, batch_tag || '-doc', 'h', batch_id, batch_tag, batch_tag || ' words about retention', 'all-MiniLM-L6-v2',
    case batch_tag when 'b-old' then now() - interval '4 years' when 'c-future' then now() + interval '30 years'
        else now() - interval '3 years' end
from zenglow.batches where batch_tag in ('b-old', 'c-old', 'c-pinned', 'c-future');
select ok(exists (select from only zenglow.chunks_default where batch_tag = 'c-future'), 'a row beyond the premade partitions lies in the default partition');

select pg_temp.mark();
do $$ begin perform zenglow.maintenance_heal_partitions(); end $$;
select ok(not exists (select from only zenglow.chunks_default where batch_tag = 'c-future'), 'healing moves it into a partition of its own');
select is(pg_temp.advanced(), '{}'::text[], 'and advances nothing: retrieval sees the same rows');

select pg_temp.mark();
update zenglow.maintenance_settings set chunk_retention = interval '1 year';
select ok((zenglow.run_maintenance() ->> 'deleted_rows')::bigint = 1, 'retention drops B''s old partition and deletes C''s unpinned row');
select is(pg_temp.advanced(), array['epoch-b', 'epoch-c'], 'retention advances each tenant it removed rows of, and only those');

-- 6. Nobody but the owner writes epochs: they only ever grow.
set local role zenglow_ingest;
set local zenglow.tenant_id = 'epoch-a';
select throws_ok($$update zenglow.corpus_epochs set epoch = 0$$, '42501', null, 'a loader cannot set its epoch back');
reset role;
