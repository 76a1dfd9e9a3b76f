set local role zenglow_owner;

create or replace function zenglow.advance_corpus_epoch(p_tenant text)
returns bigint
language plpgsql
volatile
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Advances a tenant's corpus epoch (zenglow.corpus_epochs) in the calling transaction and
-- returns the new value; a second call in the same transaction changes nothing and returns it
-- again (everything a transaction changes becomes visible at once, at its commit). The response
-- cache keys answers by the epoch, so an answer computed before a change can never be served
-- after it commits, and a rolled-back change advances nothing.
--
-- Every path that changes what zenglow_api.rag_query can return for a tenant advances it:
--   1. chunks loaded: zenglow_api.ingest_staged_batch (the loader's COPY into zg_staging, then
--      one insert), through zenglow.add_term_stats (path 3);
--   2. chunks replaced or deleted: the earlier versions of re-sent documents (ingest_staged_batch
--      via zenglow.forget_chunks), chunk retention (zenglow.maintenance_retire_chunks, run by
--      zenglow.run_maintenance: rows deleted and whole partitions dropped), both through
--      forget_chunks -> add_term_stats (path 3), per affected tenant;
--   3. the BM25 statistics (term_stats, corpus_stats: idf, avgdl and which terms retrieval asks
--      the index for): zenglow.add_term_stats writes corpus_stats last, and the corpus_stats
--      trigger advances the tenant of each row written (sql/zenglow/triggers/corpus_stats.sql);
--   4. any other write to zenglow.chunks or zenglow.term_stats (a loader's own INSERT or DELETE,
--      an operator's UPDATE of titles or metadata, TRUNCATE): statement triggers
--      (zenglow.advance_epoch_on_write) advance the tenant the statement was confined to by
--      row-level security, or every tenant when it was not (maintenance mode, a superuser,
--      TRUNCATE). ZenGlow's own functions that advance by path 3 afterwards, or whose writes
--      change nothing retrieval sees (zenglow.create_partition moving rows out of the default
--      partition), mark their statements with zenglow.epoch_handled so that the epoch is taken
--      after the statistics, in one lock order for all loaders;
--   5. source priors (the source_prior LTR feature): statement triggers on zenglow.source_priors
--      advance the tenants of the rows written, every tenant on TRUNCATE;
--   6. a batch becoming searchable (done or healed): zenglow.notify_manifest calls this and puts
--      the epoch in the zenglow_manifest payload (corpus_epoch), so the announced version is the
--      one the change produced;
--   7. an LTR model changed or deleted in place (zenglow.ltr_models is append-only by convention;
--      a new version is part of the cache key on its own): every tenant.
-- Not folded in, because zenglow_api.cache_generation returns them beside the epoch: the fusion
-- weights version, the LTR version, the active embedding model and the installation id. A
-- tenant's state (disabled, unknown) makes both rag_query and cache_generation refuse.
-- The recency feature (age of a chunk) drifts with time alone: the cache's TTL bounds that.
--
-- Security definer: loaders advance their own tenant's epoch without write access to the table,
-- so an epoch can only ever grow. Maintenance mode (row-level security is forced for the owner
-- too) is restored to what the caller had, since maintenance steps call this while in it.
declare
    v_advanced text := coalesce(current_setting('zenglow.corpus_epochs_advanced', true), '');
    v_maintenance text := coalesce(current_setting('zenglow.maintenance', true), '');
    v_epoch bigint;
begin
    if p_tenant is null then
        return null;
    end if;
    perform zenglow.maintenance_mode(true);
    -- The transaction's own record of what it advanced: ',a,b,' or '*' after every tenant. Local
    -- settings follow subtransactions, so a rolled-back savepoint forgets its advance with it.
    if v_advanced = '*' or strpos(v_advanced, ',' || p_tenant || ',') > 0 then
        select e.epoch into v_epoch from zenglow.corpus_epochs e where e.tenant_id = p_tenant;
    else
        insert into zenglow.corpus_epochs as e (tenant_id, epoch, advanced_at)
        values (p_tenant, 1, now())
        on conflict (tenant_id) do update set epoch = e.epoch + 1, advanced_at = now()
        returning e.epoch into v_epoch;
        perform set_config('zenglow.corpus_epochs_advanced',
            case when v_advanced = '' then ',' else v_advanced end || p_tenant || ',', true);
    end if;
    perform set_config('zenglow.maintenance', v_maintenance, true);
    return coalesce(v_epoch, 0);
end
$$;

revoke all on function zenglow.advance_corpus_epoch(text) from public;

comment on function zenglow.advance_corpus_epoch(text) is
    'Advances a tenant''s corpus epoch once per transaction (the response cache key part that changes with the corpus); '
    'returns the epoch after the change.';
