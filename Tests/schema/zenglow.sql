--
-- PostgreSQL database dump
--

--
-- Name: timescaledb; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS timescaledb WITH SCHEMA public;

--
-- Name: EXTENSION timescaledb; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION timescaledb IS 'Enables scalable inserts and complex queries for time-series data (Apache 2 Edition)';

--
-- Name: zenglow; Type: SCHEMA; Schema: -; Owner: zenglow_owner
--

CREATE SCHEMA zenglow;

ALTER SCHEMA zenglow OWNER TO zenglow_owner;

--
-- Name: SCHEMA zenglow; Type: COMMENT; Schema: -; Owner: zenglow_owner
--

COMMENT ON SCHEMA zenglow IS 'ZenGlow tables and internals';

--
-- Name: zenglow_api; Type: SCHEMA; Schema: -; Owner: zenglow_owner
--

CREATE SCHEMA zenglow_api;

ALTER SCHEMA zenglow_api OWNER TO zenglow_owner;

--
-- Name: SCHEMA zenglow_api; Type: COMMENT; Schema: -; Owner: zenglow_owner
--

COMMENT ON SCHEMA zenglow_api IS 'ZenGlow: the functions the API role may execute, one per kind of request';

--
-- Name: zenglow_audit; Type: SCHEMA; Schema: -; Owner: zenglow_owner
--

CREATE SCHEMA zenglow_audit;

ALTER SCHEMA zenglow_audit OWNER TO zenglow_owner;

--
-- Name: SCHEMA zenglow_audit; Type: COMMENT; Schema: -; Owner: zenglow_owner
--

COMMENT ON SCHEMA zenglow_audit IS 'ZenGlow: the append-only audit log';

--
-- Name: zenglow_migrations; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA zenglow_migrations;

ALTER SCHEMA zenglow_migrations OWNER TO postgres;

--
-- Name: zenglow_stats; Type: SCHEMA; Schema: -; Owner: zenglow_owner
--

CREATE SCHEMA zenglow_stats;

ALTER SCHEMA zenglow_stats OWNER TO zenglow_owner;

--
-- Name: SCHEMA zenglow_stats; Type: COMMENT; Schema: -; Owner: zenglow_owner
--

COMMENT ON SCHEMA zenglow_stats IS 'ZenGlow: analyst views over query_performance and friends';

--
-- Name: vector; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;

--
-- Name: EXTENSION vector; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION vector IS 'vector data type and ivfflat and hnsw access methods';

--
-- Name: rag_query_parameters; Type: TYPE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TYPE zenglow.rag_query_parameters AS (
	tenant_id text,
	terms text[],
	idf double precision[],
	retrieval_query tsquery,
	champion_terms text[],
	champion_depths integer[],
	embedding real[],
	avgdl double precision,
	k1 double precision,
	b double precision,
	candidates integer,
	top_k integer,
	mode text,
	weight_ltr double precision,
	weight_vector double precision,
	ltr_coefficients jsonb,
	ltr_intercept double precision,
	explain boolean
);

ALTER TYPE zenglow.rag_query_parameters OWNER TO zenglow_owner;

--
-- Name: TYPE rag_query_parameters; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TYPE zenglow.rag_query_parameters IS 'The inputs of rag_query''s single dynamic statement, passed as one parameter and read by name.';

--
-- Name: activate_model(text, text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.activate_model(p_model text, p_actor text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Makes p_model the one retrieval reads, atomically (never zero active models), after its
-- index exists; the old model's rows stay until an operator deletes them. Audited under _global.
-- The switch is announced on zenglow_models by the models trigger (zenglow.notify_model):
--   {"tenant_id": "_global", "kind": "embedding", "model": <p_model>, "version": null}
declare
    v_previous text;
    v_index text;
begin
    if not exists (select from zenglow.models where model_name = p_model) then
        raise exception using errcode = 'ZG006', message = format('unknown embedding model %L', p_model),
            hint = 'register it in zenglow.models first';
    end if;
    select model_name into v_previous from zenglow.models where active;
    v_index := zenglow.ensure_model_index(p_model);
    -- Two statements in one transaction: other sessions see the old model or the new one, never none.
    update zenglow.models set active = false where active and model_name <> p_model;
    update zenglow.models set active = true where model_name = p_model and not active;
    perform zenglow_audit.append_for('_global', p_actor, 'model.activate', 'models/' || p_model,
        jsonb_build_object('old', v_previous, 'new', p_model, 'index', v_index));
    return jsonb_build_object('active', p_model, 'previous', v_previous, 'index', v_index);
end
$$;

ALTER FUNCTION zenglow.activate_model(p_model text, p_actor text) OWNER TO zenglow_owner;

--
-- Name: add_ann_settings(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.add_ann_settings() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Every registered model has its ANN settings row from the start (the table's defaults), so
-- that readers never need a second copy of the defaults.
begin
    insert into zenglow.ann_settings (model_name, changed_by) values (new.model_name, 'registration')
    on conflict (model_name) do nothing;
    return null;
end
$$;

ALTER FUNCTION zenglow.add_ann_settings() OWNER TO zenglow_owner;

--
-- Name: add_term_champions(text, text, bigint, text[], bigint[]); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.add_term_champions(p_tenant_id text, p_model text, p_batch_id bigint, p_terms text[], p_dfs bigint[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
-- Load time, after zenglow.add_term_stats counted the batch (whose term rows this transaction
-- now holds locked): the batch's chunks join the champion lists of its common terms. A list is
-- always the top of its term's postings by (w desc, chunk_id), at most list_size long and at
-- least min(df, depth) deep. A new chunk enters a list when it ranks above the list's last row
-- (or the list held every posting); the list then loses its lowest rows beyond list_size (read
-- from the bottom of the index, as many as term_champion_lists says are too many). A term that
-- has just become common (df above min_df) gets its list built from its postings. p_terms and
-- p_dfs are the batch's terms and their document frequencies in the batch.
declare
    v_settings zenglow.term_champion_settings;
    v_listed text[];
    v_new text[];
begin
    select * into v_settings from zenglow.term_champion_settings s
    where s.tenant_id = p_tenant_id and s.embedding_model = p_model;
    if not found then
        return;
    end if;
    create temporary table zg_champion_lists (
        term text primary key, complete boolean, floor_w double precision, floor_chunk bigint) on commit drop;
    insert into zg_champion_lists
    select b.term, l.length = t.df - b.df, f.w, f.chunk_id
    from unnest(p_terms, p_dfs) b (term, df)
    join zenglow.term_stats t on t.tenant_id = p_tenant_id and t.embedding_model = p_model and t.term = b.term
    left join zenglow.term_champion_lists l on l.tenant_id = p_tenant_id and l.embedding_model = p_model and l.term = b.term
    left join lateral (
        select c.w, c.chunk_id from zenglow.term_champions c
        where c.tenant_id = p_tenant_id and c.embedding_model = p_model and c.term = b.term
        order by c.w, c.chunk_id desc
        limit 1) f on true
    where t.df > v_settings.min_df;
    -- A common term without a list has just crossed min_df: built from its postings instead.
    select coalesce(array_agg(term order by term) filter (where floor_w is null), '{}'),
        coalesce(array_agg(term order by term) filter (where floor_w is not null), '{}')
    into v_new, v_listed
    from zg_champion_lists;
    delete from zg_champion_lists where floor_w is null;

    if cardinality(v_listed) > 0 then
        with added as (
            insert into zenglow.term_champions (tenant_id, embedding_model, term, w, chunk_id, ingested_at)
            select p_tenant_id, p_model, n.term, n.w, n.chunk_id, n.ingested_at
            from (select u.lexeme as term, c.chunk_id, c.ingested_at,
                      zenglow.champion_weight(cardinality(u.positions), c.token_count, v_settings.k1, v_settings.b, v_settings.avgdl) as w
                  from zenglow.chunks c, unnest(ts_filter(setweight(c.tsv, 'A', v_listed), '{a}')) u
                  where c.tenant_id = p_tenant_id and c.batch_id = p_batch_id and c.embedding_model = p_model) n
            join zg_champion_lists l on l.term = n.term
            where l.complete or n.w > l.floor_w or (n.w = l.floor_w and n.chunk_id < l.floor_chunk)
            returning term)
        update zenglow.term_champion_lists l set length = l.length + a.n
        from (select term, count(*) as n from added group by term) a
        where l.tenant_id = p_tenant_id and l.embedding_model = p_model and l.term = a.term;
        delete from zenglow.term_champions c
        using (select l.term, x.chunk_id
               from zenglow.term_champion_lists l
               cross join lateral (
                   select c.chunk_id from zenglow.term_champions c
                   where c.tenant_id = p_tenant_id and c.embedding_model = p_model and c.term = l.term
                   order by c.w, c.chunk_id desc
                   limit l.length - v_settings.list_size) x
               where l.tenant_id = p_tenant_id and l.embedding_model = p_model and l.term = any (v_listed)
                 and l.length > v_settings.list_size) x
        where c.tenant_id = p_tenant_id and c.embedding_model = p_model and c.term = x.term and c.chunk_id = x.chunk_id;
        update zenglow.term_champion_lists l set length = v_settings.list_size
        where l.tenant_id = p_tenant_id and l.embedding_model = p_model and l.term = any (v_listed)
          and l.length > v_settings.list_size;
    end if;
    drop table zg_champion_lists;
    perform zenglow.build_term_champions(p_tenant_id, p_model, v_new);
end
$$;

ALTER FUNCTION zenglow.add_term_champions(p_tenant_id text, p_model text, p_batch_id bigint, p_terms text[], p_dfs bigint[]) OWNER TO zenglow_owner;

--
-- Name: FUNCTION add_term_champions(p_tenant_id text, p_model text, p_batch_id bigint, p_terms text[], p_dfs bigint[]); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.add_term_champions(p_tenant_id text, p_model text, p_batch_id bigint, p_terms text[], p_dfs bigint[]) IS 'Load time: a batch''s chunks join the champion lists of its common terms (trimmed to list_size); lists of terms that just became common are built.';

--
-- Name: add_term_stats(text, text, integer, text[], bigint[], bigint, bigint); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.add_term_stats(p_tenant_id text, p_model text, p_sign integer, p_terms text[], p_dfs bigint[], p_chunks bigint, p_tokens bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
-- Adds (p_sign 1) or removes (p_sign -1) chunks' contribution to the BM25 statistics: the
-- document frequency of each term and the corpus's chunk and token counts. Rows are touched in
-- term order, so concurrent loaders of one tenant lock them in the same order (no deadlock).
-- The corpus_stats row comes last, and its trigger advances the tenant's corpus epoch after
-- every other lock a load takes (the term_stats writes are marked zenglow.epoch_handled so that
-- their statement trigger does not take the epoch first; see zenglow.advance_corpus_epoch).
declare
    v_handled text := coalesce(current_setting('zenglow.epoch_handled', true), '');
begin
    perform set_config('zenglow.epoch_handled', 'on', true);
    if p_sign = 1 then
        insert into zenglow.term_stats as s (tenant_id, embedding_model, term, df)
        select p_tenant_id, p_model, t.term, t.df
        from unnest(p_terms, p_dfs) as t (term, df)
        order by t.term
        on conflict (tenant_id, embedding_model, term) do update set df = s.df + excluded.df;
    else
        update zenglow.term_stats s set df = greatest(s.df - t.df, 0)
        from (select * from unnest(p_terms, p_dfs) as u (term, df) order by u.term) t
        where s.tenant_id = p_tenant_id and s.embedding_model = p_model and s.term = t.term;
        delete from zenglow.term_stats s where s.tenant_id = p_tenant_id and s.embedding_model = p_model
            and s.term = any (p_terms) and s.df = 0;
    end if;
    perform set_config('zenglow.epoch_handled', v_handled, true);
    insert into zenglow.corpus_stats as s (tenant_id, embedding_model, chunk_count, token_total)
    values (p_tenant_id, p_model, greatest(p_sign * p_chunks, 0), greatest(p_sign * p_tokens, 0))
    on conflict (tenant_id, embedding_model) do update
        set chunk_count = greatest(s.chunk_count + p_sign * p_chunks, 0),
            token_total = greatest(s.token_total + p_sign * p_tokens, 0);
end
$$;

ALTER FUNCTION zenglow.add_term_stats(p_tenant_id text, p_model text, p_sign integer, p_terms text[], p_dfs bigint[], p_chunks bigint, p_tokens bigint) OWNER TO zenglow_owner;

--
-- Name: advance_corpus_epoch(text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.advance_corpus_epoch(p_tenant text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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

ALTER FUNCTION zenglow.advance_corpus_epoch(p_tenant text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION advance_corpus_epoch(p_tenant text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.advance_corpus_epoch(p_tenant text) IS 'Advances a tenant''s corpus epoch once per transaction (the response cache key part that changes with the corpus); returns the epoch after the change.';

--
-- Name: advance_epoch_of_rows(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.advance_epoch_of_rows() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Advances the corpus epoch of the tenants of the rows written, for tables whose rows are small
-- and name their tenant: as a row trigger (corpus_stats, written one row per tenant and model by
-- zenglow.add_term_stats, the last lock a load takes) or as a statement trigger with transition
-- tables named new_rows and old_rows (source_priors). zenglow.advance_corpus_epoch lists the paths.
declare
    v_tenant text;
begin
    if tg_level = 'ROW' then
        if tg_op in ('UPDATE', 'DELETE') then
            perform zenglow.advance_corpus_epoch(old.tenant_id);
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
            perform zenglow.advance_corpus_epoch(new.tenant_id);
        end if;
        return null;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        for v_tenant in select distinct n.tenant_id from new_rows n order by 1 loop
            perform zenglow.advance_corpus_epoch(v_tenant);
        end loop;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        for v_tenant in select distinct o.tenant_id from old_rows o order by 1 loop
            perform zenglow.advance_corpus_epoch(v_tenant);
        end loop;
    end if;
    return null;
end
$$;

ALTER FUNCTION zenglow.advance_epoch_of_rows() OWNER TO zenglow_owner;

--
-- Name: advance_epoch_on_write(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.advance_epoch_on_write() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Statement trigger: a write to a table retrieval reads advances the corpus epoch of whom it may
-- have changed (zenglow.advance_corpus_epoch lists the paths). Runs as the writer, because whom
-- a statement could reach depends on the writer:
--   - a TRUNCATE, a table without tenants (trigger argument 'every'), or a statement row-level
--     security did not confine (maintenance mode, a superuser or BYPASSRLS): every tenant;
--   - otherwise the transaction's tenant, the only one whose rows the statement could touch (an
--     unset or inactive tenant touches none: nothing to advance).
-- Without transition tables: chunks are large rows, and capturing a batch's rows again just to
-- read one tenant id would cost more than the rest of this. Skipped while a ZenGlow function
-- says it handles the epoch itself (zenglow.epoch_handled = on), see advance_corpus_epoch.
declare
    v_tenant text;
begin
    if coalesce(current_setting('zenglow.epoch_handled', true), '') = 'on' then
        return null;
    end if;
    if tg_op = 'TRUNCATE' or 'every' = any (tg_argv) or zenglow.in_maintenance_mode()
        or not row_security_active(tg_relid) then
        perform zenglow.advance_every_corpus_epoch();
        return null;
    end if;
    v_tenant := zenglow.current_tenant();
    if v_tenant is not null then
        perform zenglow.advance_corpus_epoch(v_tenant);
    end if;
    return null;
end
$$;

ALTER FUNCTION zenglow.advance_epoch_on_write() OWNER TO zenglow_owner;

--
-- Name: advance_every_corpus_epoch(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.advance_every_corpus_epoch() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Advances the corpus epoch of every tenant, once per transaction: for changes that are not
-- confined to one tenant (a TRUNCATE, a write in maintenance mode or by a superuser, an LTR
-- model changed in place). Rare, and cheaper than finding out whom they concerned. See
-- zenglow.advance_corpus_epoch for the paths; maintenance mode is restored as the caller had it.
declare
    v_maintenance text := coalesce(current_setting('zenglow.maintenance', true), '');
    v_advanced text := coalesce(current_setting('zenglow.corpus_epochs_advanced', true), '');
begin
    if v_advanced = '*' then
        return;
    end if;
    perform zenglow.maintenance_mode(true);
    -- Tenants advanced earlier in this transaction keep that one advance.
    insert into zenglow.corpus_epochs as e (tenant_id, epoch, advanced_at)
    select t.tenant_id, 1, now() from zenglow.tenants t
    where t.tenant_id <> '_global' and strpos(v_advanced, ',' || t.tenant_id || ',') = 0
    order by t.tenant_id
    on conflict (tenant_id) do update set epoch = e.epoch + 1, advanced_at = now();
    perform set_config('zenglow.corpus_epochs_advanced', '*', true);
    perform set_config('zenglow.maintenance', v_maintenance, true);
end
$$;

ALTER FUNCTION zenglow.advance_every_corpus_epoch() OWNER TO zenglow_owner;

--
-- Name: FUNCTION advance_every_corpus_epoch(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.advance_every_corpus_epoch() IS 'Advances every tenant''s corpus epoch once per transaction (changes not confined to one tenant).';

--
-- Name: ann_settings_report(text, boolean); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.ann_settings_report(p_model text, p_changed boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- One model's ANN settings as `zenglow ann show|set` prints them: the settings, their version,
-- the index that exists (its access method and options), and whether it must be rebuilt to match
-- them (another kind, other build options, or none yet while pgvector is there).
begin
    return (select jsonb_build_object(
        'model', s.model_name, 'version', s.version, 'changed', p_changed,
        'settings', jsonb_build_object('index_kind', s.index_kind, 'hnsw_m', s.hnsw_m,
            'hnsw_ef_construction', s.hnsw_ef_construction, 'hnsw_ef_search', s.hnsw_ef_search,
            'ivfflat_lists', s.ivfflat_lists, 'ivfflat_probes', s.ivfflat_probes),
        'changed_at', s.changed_at, 'changed_by', s.changed_by,
        'index', c.relname, 'index_kind', a.amname,
        'index_options', to_jsonb(c.reloptions),
        'rebuild_needed', zenglow.model_index_definition(s.model_name) is not null and (c.oid is null
            or a.amname is distinct from s.index_kind
            or (s.index_kind = 'hnsw' and (coalesce(o.m, 16) <> s.hnsw_m or coalesce(o.ef_construction, 64) <> s.hnsw_ef_construction))
            or (s.index_kind = 'ivfflat' and s.ivfflat_lists is not null and coalesce(o.lists, 100) <> s.ivfflat_lists)))
    from zenglow.ann_settings s
    left join pg_class c on c.oid = to_regclass(format('zenglow.%I', zenglow.model_index_name(s.model_name)))
    left join pg_am a on a.oid = c.relam
    left join lateral (
        select max(split_part(r, '=', 2)) filter (where r like 'm=%')::integer as m,
            max(split_part(r, '=', 2)) filter (where r like 'ef_construction=%')::integer as ef_construction,
            max(split_part(r, '=', 2)) filter (where r like 'lists=%')::integer as lists
        from unnest(c.reloptions) r) o on true
    where s.model_name = p_model);
end
$$;

ALTER FUNCTION zenglow.ann_settings_report(p_model text, p_changed boolean) OWNER TO zenglow_owner;

--
-- Name: FUNCTION ann_settings_report(p_model text, p_changed boolean); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.ann_settings_report(p_model text, p_changed boolean) IS 'A model''s ANN settings, version, current index definition and whether the index must be rebuilt to match them.';

--
-- Name: apply_ann_settings(text, integer); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.apply_ann_settings(p_model text, p_candidates integer) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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

ALTER FUNCTION zenglow.apply_ann_settings(p_model text, p_candidates integer) OWNER TO zenglow_owner;

--
-- Name: FUNCTION apply_ann_settings(p_model text, p_candidates integer); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.apply_ann_settings(p_model text, p_candidates integer) IS 'Sets hnsw.ef_search, ivfflat.probes and relaxed-order iterative scans for the transaction from p_model''s ANN settings.';

--
-- Name: backup_row_counts(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.backup_row_counts() RETURNS TABLE(table_name text, row_count bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET row_security TO 'off'
    AS $$
-- Exact row counts of every ZenGlow table (schemas zenglow, zenglow_audit, zenglow_stats,
-- zenglow_migrations), for a backup's manifest and for checking its restore. Parents only: a
-- partitioned table's count covers its partitions, and a TimescaleDB hypertable's its chunks
-- (which live in _timescaledb_internal), so a row is counted once wherever it is stored. Runs
-- with the caller's rights and row_security off: a caller whom row-level security would filter
-- gets an error instead of a count that silently misses other tenants' rows.
declare
    v_table record;
begin
    for v_table in
        select n.nspname, c.relname
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('zenglow', 'zenglow_audit', 'zenglow_stats', 'zenglow_migrations')
            and c.relkind in ('r', 'p')
            and not c.relispartition
        order by n.nspname, c.relname
    loop
        table_name := v_table.nspname || '.' || v_table.relname;
        execute format('select count(*) from %I.%I', v_table.nspname, v_table.relname) into row_count;
        return next;
    end loop;
end
$$;

ALTER FUNCTION zenglow.backup_row_counts() OWNER TO zenglow_owner;

--
-- Name: FUNCTION backup_row_counts(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.backup_row_counts() IS 'Exact row counts of every ZenGlow table (partitioned tables and hypertables as one), as recorded in a backup''s manifest.';

--
-- Name: bm25_statistics(text, text, text[], bigint); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.bm25_statistics(p_tenant_id text, p_model text, p_terms text[], p_lexical_budget bigint, OUT chunk_count bigint, OUT avgdl double precision, OUT idf double precision[], OUT retrieval_terms text[]) RETURNS record
    LANGUAGE plpgsql STABLE
    AS $$
-- The BM25 statistics of one query from the tenant's maintained term statistics, read once per
-- query rather than per chunk: N (chunks), the average chunk length (null for an empty corpus),
-- idf = ln(1 + (N - df + 0.5) / (df + 0.5)) of each term in p_terms' order, and the terms whose
-- postings lexical retrieval asks the GIN index for: the rarest ones whose document frequencies
-- add up to p_lexical_budget, always at least the rarest (a chunk holding only very common terms
-- cannot outrank them, and the index is never asked for most of the corpus).
begin
    select s.chunk_count, s.token_total::double precision / nullif(s.chunk_count, 0) into chunk_count, avgdl
    from zenglow.corpus_stats s where s.tenant_id = p_tenant_id and s.embedding_model = p_model;
    chunk_count := coalesce(chunk_count, 0);
    select coalesce(array_agg(ln(1 + (chunk_count - coalesce(t.df, 0) + 0.5) / (coalesce(t.df, 0) + 0.5)) order by q.ord), '{}')
    into idf
    from unnest(p_terms) with ordinality q (term, ord)
    left join zenglow.term_stats t on t.tenant_id = p_tenant_id and t.embedding_model = p_model and t.term = q.term;
    select coalesce(array_agg(ranked.term order by ranked.df), '{}') into retrieval_terms
    from (
        select q.term, t.df, sum(t.df) over (order by t.df, q.term) as running
        from unnest(p_terms) q (term)
        join zenglow.term_stats t on t.tenant_id = p_tenant_id and t.embedding_model = p_model and t.term = q.term
        where t.df > 0
    ) ranked
    where ranked.running <= p_lexical_budget or ranked.running = ranked.df;
end
$$;

ALTER FUNCTION zenglow.bm25_statistics(p_tenant_id text, p_model text, p_terms text[], p_lexical_budget bigint, OUT chunk_count bigint, OUT avgdl double precision, OUT idf double precision[], OUT retrieval_terms text[]) OWNER TO zenglow_owner;

--
-- Name: FUNCTION bm25_statistics(p_tenant_id text, p_model text, p_terms text[], p_lexical_budget bigint, OUT chunk_count bigint, OUT avgdl double precision, OUT idf double precision[], OUT retrieval_terms text[]); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.bm25_statistics(p_tenant_id text, p_model text, p_terms text[], p_lexical_budget bigint, OUT chunk_count bigint, OUT avgdl double precision, OUT idf double precision[], OUT retrieval_terms text[]) IS 'BM25 statistics of a query for a tenant and model: (chunk_count, avgdl, idf per term, retrieval_terms within the lexical budget).';

--
-- Name: bounded_number(jsonb, text, numeric, numeric, boolean, text, text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.bounded_number(p_value jsonb, p_name text, p_min numeric, p_max numeric, p_integer boolean DEFAULT false, p_errcode text DEFAULT 'ZG009'::text, p_hint text DEFAULT NULL::text) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
-- A JSON number from a request, checked before any cast can fail: it must be a number (an
-- integer when p_integer) between p_min and p_max, else p_errcode is raised with a message that
-- names p_name and the allowed range (never PostgreSQL's own 22P02/22003). JSON null and a
-- missing value give null, for the caller's default. A magnitude below 1e-307 counts as 0, as
-- IEEE parsers round it, so the result always converts to double precision without underflow.
declare
    v_number numeric;
    v_shown text;
    v_message text;
begin
    if p_value is null or jsonb_typeof(p_value) = 'null' then
        return null;
    end if;
    if jsonb_typeof(p_value) = 'number' then
        v_number := p_value::numeric;
        if v_number between p_min and p_max and (not p_integer or v_number = trunc(v_number)) then
            return case when abs(v_number) < 1e-307 then 0 else v_number end;
        end if;
        -- jsonb keeps 1e400 as 401 digits: show long numbers in scientific notation.
        v_shown := case when length(v_number::text) > 24 then btrim(to_char(v_number, '9.999999EEEE')) else v_number::text end;
    else
        v_shown := case when length(p_value::text) > 40 then left(p_value::text, 40) || '…' else p_value::text end;
    end if;
    v_message := format('%s must be %s between %s and %s, not %s', p_name,
        case when p_integer then 'an integer' else 'a number' end, p_min, p_max, v_shown);
    -- RAISE refuses a null option, so the hint is given only when there is one.
    if p_hint is null then
        raise exception using errcode = p_errcode, message = v_message;
    end if;
    raise exception using errcode = p_errcode, message = v_message, hint = p_hint;
end
$$;

ALTER FUNCTION zenglow.bounded_number(p_value jsonb, p_name text, p_min numeric, p_max numeric, p_integer boolean, p_errcode text, p_hint text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION bounded_number(p_value jsonb, p_name text, p_min numeric, p_max numeric, p_integer boolean, p_errcode text, p_hint text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.bounded_number(p_value jsonb, p_name text, p_min numeric, p_max numeric, p_integer boolean, p_errcode text, p_hint text) IS 'A JSON number checked against [min, max] (and integrality), or the given SQLSTATE naming the value and its range; null for JSON null.';

--
-- Name: build_term_champions(text, text, text[], boolean); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.build_term_champions(p_tenant_id text, p_model text, p_terms text[], p_skip_forgotten boolean DEFAULT false) RETURNS bigint
    LANGUAGE plpgsql
    AS $_$
-- (Re)builds the champion lists of p_terms from their postings: each term whose document
-- frequency exceeds the tenant's min_df gets its list_size chunks of highest weight (ties by
-- chunk_id), every other term of p_terms loses its list. With p_skip_forgotten the chunks in
-- pg_temp.zg_forgotten (being deleted by zenglow.forget_chunks) do not count. Every writer of a
-- term's list holds that term's term_stats row lock first (here: for update), so two loads of
-- one tenant never interleave their changes to one list. Returns the rows written; nothing
-- without a term_champion_settings row (the tenant's lists are not kept).
declare
    v_settings zenglow.term_champion_settings;
    v_terms text[];
    v_query tsquery;
    v_rows bigint;
begin
    select * into v_settings from zenglow.term_champion_settings s
    where s.tenant_id = p_tenant_id and s.embedding_model = p_model;
    if not found or cardinality(p_terms) = 0 then
        return 0;
    end if;
    select coalesce(array_agg(l.term order by l.term), '{}') into v_terms
    from (select t.term from zenglow.term_stats t
          where t.tenant_id = p_tenant_id and t.embedding_model = p_model and t.term = any (p_terms)
            and t.df > v_settings.min_df
          order by t.term
          for update) l;
    delete from zenglow.term_champions c
    where c.tenant_id = p_tenant_id and c.embedding_model = p_model and c.term = any (p_terms);
    delete from zenglow.term_champion_lists l
    where l.tenant_id = p_tenant_id and l.embedding_model = p_model and l.term = any (p_terms);
    if cardinality(v_terms) = 0 then
        return 0;
    end if;
    v_query := zenglow.terms_tsquery(v_terms);
    execute format($sql$
        insert into zenglow.term_champions (tenant_id, embedding_model, term, w, chunk_id, ingested_at)
        select $1, $2, r.term, r.w, r.chunk_id, r.ingested_at
        from (select p.*, row_number() over (partition by p.term order by p.w desc, p.chunk_id) as rank
              from (select u.lexeme as term, c.chunk_id, c.ingested_at,
                        zenglow.champion_weight(cardinality(u.positions), c.token_count, $4, $5, $6) as w
                    from zenglow.chunks c, unnest(ts_filter(setweight(c.tsv, 'A', $3), '{a}')) u
                    where c.tenant_id = $1 and c.embedding_model = $2 and c.tsv @@ $7 %s) p) r
        where r.rank <= $8$sql$,
        case when p_skip_forgotten then 'and not exists (select from pg_temp.zg_forgotten f
            where f.tenant_id = c.tenant_id and f.chunk_id = c.chunk_id and f.ingested_at = c.ingested_at)' else '' end)
    using p_tenant_id, p_model, v_terms, v_settings.k1, v_settings.b, v_settings.avgdl, v_query, v_settings.list_size;
    get diagnostics v_rows = row_count;
    insert into zenglow.term_champion_lists (tenant_id, embedding_model, term, length)
    select p_tenant_id, p_model, c.term, count(*)
    from zenglow.term_champions c
    where c.tenant_id = p_tenant_id and c.embedding_model = p_model and c.term = any (v_terms)
    group by c.term;
    return v_rows;
end
$_$;

ALTER FUNCTION zenglow.build_term_champions(p_tenant_id text, p_model text, p_terms text[], p_skip_forgotten boolean) OWNER TO zenglow_owner;

--
-- Name: FUNCTION build_term_champions(p_tenant_id text, p_model text, p_terms text[], p_skip_forgotten boolean); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.build_term_champions(p_tenant_id text, p_model text, p_terms text[], p_skip_forgotten boolean) IS 'Rebuilds the champion lists of the given terms of a tenant and model from their postings; returns the rows written.';

--
-- Name: capabilities(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.capabilities() RETURNS TABLE(pgvector text, timescaledb text, timescaledb_license text, pg_cron boolean, embedding_storage text, query_performance_storage text, server_version text)
    LANGUAGE sql STABLE
    AS $$
    -- What this database actually uses, detected from the catalogs, never assumed: extension
    -- versions, and which storage the capability-dependent tables got when they were created.
    select
        (select extversion from pg_extension where extname = 'vector'),
        (select extversion from pg_extension where extname = 'timescaledb'),
        case when exists (select from pg_extension where extname = 'timescaledb')
            then coalesce(current_setting('timescaledb.license', true), 'timescale') end,
        exists (select from pg_extension where extname = 'pg_cron'),
        (select format_type(a.atttypid, a.atttypmod)
         from pg_attribute a
         where a.attrelid = 'zenglow.chunks'::regclass and a.attname = 'embedding' and not a.attisdropped),
        case
            when (select c.relkind from pg_class c where c.oid = 'zenglow.query_performance'::regclass) = 'p' then 'partitioned'
            when exists (select from pg_extension where extname = 'timescaledb')
                and zenglow.is_hypertable('zenglow.query_performance'::regclass) then 'hypertable'
            else 'table'
        end,
        current_setting('server_version')
$$;

ALTER FUNCTION zenglow.capabilities() OWNER TO zenglow_owner;

--
-- Name: FUNCTION capabilities(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.capabilities() IS 'pgvector and TimescaleDB versions, TimescaleDB license (apache or timescale), pg_cron presence, and the storage chosen for embeddings (vector or real[]) and query_performance (hypertable or partitioned).';

--
-- Name: champion_weight(integer, integer, double precision, double precision, double precision); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.champion_weight(p_tf integer, p_dl integer, p_k1 double precision, p_b double precision, p_avgdl double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- The BM25 tf-part of one term in one chunk, tf(k1 + 1) / (tf + k1(1 - b + b·dl/avgdl)): the
    -- order of a champion list (idf is the same for every chunk of a term's list). Written as
    -- rag_query's BM25 writes it, so a list and the exact score agree on ties.
    select p_tf * (p_k1 + 1) / (p_tf + p_k1 * (1 - p_b + p_b * p_dl / p_avgdl))
$$;

ALTER FUNCTION zenglow.champion_weight(p_tf integer, p_dl integer, p_k1 double precision, p_b double precision, p_avgdl double precision) OWNER TO zenglow_owner;

--
-- Name: FUNCTION champion_weight(p_tf integer, p_dl integer, p_k1 double precision, p_b double precision, p_avgdl double precision); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.champion_weight(p_tf integer, p_dl integer, p_k1 double precision, p_b double precision, p_avgdl double precision) IS 'BM25 tf-part tf(k1+1)/(tf + k1(1 - b + b·dl/avgdl)) of a term in a chunk: the weight champion lists are ordered by.';

--
-- Name: check_batch_transition(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.check_batch_transition() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Batches move only along open -> loading -> done | failed | healed, and failed -> loading (a
-- retry); anything else is refused, whoever writes. Stamps the time of each step; a retry starts
-- without the reasons (and the spool worker's alert) of the attempt that failed.
begin
    if new.state is distinct from old.state then
        if not (old.state, new.state) in (
            ('open', 'loading'), ('open', 'failed'),
            ('loading', 'done'), ('loading', 'failed'), ('loading', 'healed'),
            ('failed', 'loading')) then
            raise exception using
                errcode = 'ZG003',
                message = format('batch %s cannot go from %s to %s', old.batch_tag, old.state, new.state),
                detail = format('batch_id %s of tenant %s', old.batch_id, old.tenant_id),
                hint = 'allowed: open -> loading -> done | failed | healed, open -> failed, failed -> loading';
        end if;
        if new.state = 'loading' then
            new.loading_at := now();
            new.finished_at := null;
            new.reason := null;
            new.alert_reason := null;
        elsif new.state in ('done', 'failed', 'healed') then
            new.finished_at := now();
        end if;
    end if;
    if new.tenant_id <> old.tenant_id or new.batch_id <> old.batch_id or new.content_hash <> old.content_hash then
        raise exception using errcode = 'ZG003', message = 'a batch''s tenant, id and content hash never change';
    end if;
    new.updated_at := now();
    return new;
end
$$;

ALTER FUNCTION zenglow.check_batch_transition() OWNER TO zenglow_owner;

--
-- Name: check_fusion_weights(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.check_fusion_weights() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Every inserted version is validated (with a clear ZG002 error) and stored normalised; versions
-- are never updated or deleted: activate a new one instead.
begin
    if tg_op = 'INSERT' then
        new.weights := zenglow.validate_fusion_weights(new.weights);
        return new;
    end if;
    raise exception using errcode = 'ZG005', message = 'fusion weight versions are never changed or deleted',
        hint = 'activate a new version with zenglow_api.set_fusion_weights';
end
$$;

ALTER FUNCTION zenglow.check_fusion_weights() OWNER TO zenglow_owner;

--
-- Name: check_retrieval_settings(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.check_retrieval_settings() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Every inserted version is validated (ZG009 naming the field) and stored complete, missing fields
-- taken from the defaults, so a version means the same thing whatever the defaults later become;
-- versions are never updated or deleted: set a new one instead.
begin
    if tg_op = 'INSERT' then
        new.settings := zenglow.retrieval_settings_defaults() || zenglow.validate_retrieval_settings(new.settings);
        return new;
    end if;
    raise exception using errcode = 'ZG005', message = 'retrieval settings versions are never changed or deleted',
        hint = 'set a new version with zenglow_api.set_retrieval_settings';
end
$$;

ALTER FUNCTION zenglow.check_retrieval_settings() OWNER TO zenglow_owner;

--
-- Name: check_staged_chunks(text, integer, boolean); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.check_staged_chunks(p_model text, p_dimension integer, p_vector boolean) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
-- The last gate before zg_staging's rows become chunks (zenglow_api.ingest_staged_batch). The
-- loader validates rows before COPY, but the database accepts nothing retrieval cannot use, and
-- refuses the first bad row with ZenGlow's own SQLSTATE naming it (row number, document, chunk)
-- rather than with a cast or constraint error from the insert, or not at all (real[] takes NaN
-- and zero vectors silently). ZG008: an embedding that is not one-dimensional, not of p_model's
-- p_dimension, holds a null, NaN or infinity, has zero length (every component 0), or, with
-- pgvector, a squared norm beyond single precision (pgvector sums squares in single precision
-- for a cosine; without it zenglow.cosine_similarity works in double precision, where finite
-- components always give a finite norm). ZG009: an empty text, a document id not of 1 to 512
-- characters, a negative chunk order.
-- Cost: with pgvector one real[] -> vector cast and vector_norm per row (C), and only when the
-- cast refuses an element (null, NaN, infinity) the element checks, to name the row; without
-- pgvector the element checks, which are array operators (C) too.
declare
    v_rows constant text := $sql$
        select s.row_number, s.document_id, s.chunk_order, p.errcode, p.message
        from pg_temp.zg_staging s
        cross join lateral (select %1$s as squares) n
        cross join lateral (select
            case when s.body = '' or length(s.document_id) not between 1 and 512 or s.chunk_order < 0 then 'ZG009'
                 else 'ZG008' end as errcode,
            case
            when s.body = '' then 'its text is empty'
            when length(s.document_id) not between 1 and 512 then 'its document id must have 1 to 512 characters'
            when s.chunk_order < 0 then 'its chunk order is negative'
            when s.embedding is null then null
            when array_ndims(s.embedding) > 1 then 'its embedding is not a one-dimensional array'
            when cardinality(s.embedding) <> $1 then format('its embedding has %%s dimensions; model %%s has %%s',
                cardinality(s.embedding), $2, $1)
            %2$s
            when n.squares = 0 then 'its embedding has zero length'
            when n.squares >= 3.4028235677973366e38 then 'its embedding''s norm is not finite in single precision'
            end as message) p
        where p.message is not null
        order by s.row_number
        limit 1$sql$;
    v_element_checks constant text := $sql$
            when array_position(s.embedding, null) is not null then 'its embedding holds a null value'
            when s.embedding && '{NaN,Infinity,-Infinity}'::real[] then 'its embedding holds NaN or infinite values'
            when s.embedding <@ '{0}'::real[] then 'its embedding has zero length'$sql$;
    v_vector_squares constant text := $sql$case when array_ndims(s.embedding) = 1 and cardinality(s.embedding) = $1
            then vector_norm(s.embedding::vector) ^ 2 end$sql$;
    v_problem record;
begin
    if p_vector then
        begin
            execute format(v_rows, v_vector_squares, '') into v_problem using p_dimension, p_model;
        exception when data_exception then
            -- pgvector refused an element (null, NaN, infinity): name the first such row.
            execute format(v_rows, v_vector_squares, v_element_checks) into v_problem using p_dimension, p_model;
        end;
    else
        execute format(v_rows, 'null::double precision', v_element_checks) into v_problem using p_dimension, p_model;
    end if;
    if v_problem.row_number is not null then
        raise exception using errcode = v_problem.errcode,
            message = format('staged row %s (document %s, chunk %s): %s', v_problem.row_number,
                quote_literal(left(v_problem.document_id, 80)), v_problem.chunk_order, v_problem.message),
            hint = case v_problem.errcode
                when 'ZG008' then 'embeddings must be finite, of the model''s dimension and of non-zero length'
                else 'fix the row, or leave it out and count it as rejected' end;
    end if;
end
$_$;

ALTER FUNCTION zenglow.check_staged_chunks(p_model text, p_dimension integer, p_vector boolean) OWNER TO zenglow_owner;

--
-- Name: FUNCTION check_staged_chunks(p_model text, p_dimension integer, p_vector boolean); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.check_staged_chunks(p_model text, p_dimension integer, p_vector boolean) IS 'Refuses the first unloadable row of zg_staging: ZG008 for its embedding (dimension, null, NaN/infinity, zero or overflowing norm), ZG009 for empty text, a document id not of 1..512 characters or a negative chunk order.';

--
-- Name: chunk_partition_range(timestamp with time zone, text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.chunk_partition_range(p_at timestamp with time zone, p_unit text, OUT range_start timestamp with time zone, OUT range_end timestamp with time zone, OUT partition_name text) RETURNS record
    LANGUAGE sql STABLE
    AS $$
    -- The partition of zenglow.chunks that holds p_at: one day, week (from Monday) or month,
    -- aligned in UTC, named after its first day, e.g. chunks_p20261101.
    select s, s + ('1 ' || p_unit)::interval, 'chunks_p' || to_char(s at time zone 'UTC', 'YYYYMMDD')
    from (select date_trunc(p_unit, p_at, 'UTC') as s) r
$$;

ALTER FUNCTION zenglow.chunk_partition_range(p_at timestamp with time zone, p_unit text, OUT range_start timestamp with time zone, OUT range_end timestamp with time zone, OUT partition_name text) OWNER TO zenglow_owner;

--
-- Name: cosine_similarity(real[], real[]); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.cosine_similarity(p_a real[], p_b real[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    -- Exact cosine similarity of two real[] embeddings: the vector branch's fallback without pgvector.
    select sum(x::double precision * y) / nullif(sqrt(sum(x::double precision * x)) * sqrt(sum(y::double precision * y)), 0)
    from unnest(p_a, p_b) as t (x, y)
$$;

ALTER FUNCTION zenglow.cosine_similarity(p_a real[], p_b real[]) OWNER TO zenglow_owner;

--
-- Name: create_partition(regclass, text, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.create_partition(p_parent regclass, p_name text, p_key text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql
    AS $_$
-- Creates the range partition [p_from, p_to) of p_parent and moves into it the rows that had
-- landed in the parent's default partition for that range (PostgreSQL refuses to create a
-- partition while its default partition holds rows of that range). Returns the rows moved.
-- Runs inside the caller's SECURITY DEFINER function, as the owner, in maintenance mode. Moved
-- rows are the same rows: the move is marked zenglow.epoch_handled, so that it advances no
-- tenant's corpus epoch (see zenglow.advance_corpus_epoch).
declare
    v_handled text := coalesce(current_setting('zenglow.epoch_handled', true), '');
    v_schema text := (select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = p_parent);
    v_default regclass := (
        select i.inhrelid::regclass
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = p_parent and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT');
    v_columns text := (
        select string_agg(quote_ident(a.attname), ', ' order by a.attnum)
        from pg_attribute a
        where a.attrelid = p_parent and a.attnum > 0 and not a.attisdropped and a.attgenerated = '');
    v_moved bigint := 0;
begin
    if v_default is not null then
        execute format('lock table %s in access exclusive mode', v_default);
        execute format(
            'create temporary table zg_moving on commit drop as select %s from only %s where %I >= $1 and %I < $2',
            v_columns, v_default, p_key, p_key)
            using p_from, p_to;
        execute format('delete from only %s where %I >= $1 and %I < $2', v_default, p_key, p_key) using p_from, p_to;
        get diagnostics v_moved = row_count;
    end if;
    execute format('create table %I.%I partition of %s for values from (%L) to (%L)', v_schema, p_name, p_parent, p_from, p_to);
    if v_moved > 0 then
        -- overriding system value keeps identity-generated ids (a no-op for sequence defaults).
        perform set_config('zenglow.epoch_handled', 'on', true);
        execute format('insert into %s (%s) overriding system value select %s from zg_moving', p_parent, v_columns, v_columns);
        perform set_config('zenglow.epoch_handled', v_handled, true);
    end if;
    if v_default is not null then
        drop table zg_moving;
    end if;
    return v_moved;
end
$_$;

ALTER FUNCTION zenglow.create_partition(p_parent regclass, p_name text, p_key text, p_from timestamp with time zone, p_to timestamp with time zone) OWNER TO zenglow_owner;

--
-- Name: create_tenant(text, text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.create_tenant(p_tenant_id text, p_display_name text DEFAULT ''::text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
-- Registers a tenant (operators: `zenglow tenants create`; row-level security keeps the tenants
-- table closed otherwise). Creating one that exists changes nothing, whatever its state or
-- display name. An id that is not 1 to 63 lowercase letters, digits, _ and -, starting with a
-- letter or digit, and the reserved _global, are refused with ZG009 before the table's check
-- constraint could answer with a raw 23514.
begin
    if p_tenant_id = '_global' then
        raise exception using errcode = 'ZG009', message = 'tenant id ''_global'' is reserved',
            detail = '_global holds the defaults every tenant starts from (fusion weights) and is never a tenant',
            hint = 'choose another id: 1 to 63 lowercase letters, digits, _ and -, starting with a letter or digit';
    end if;
    if p_tenant_id is null or p_tenant_id !~ '^[a-z0-9][a-z0-9_-]{0,62}$' then
        raise exception using errcode = 'ZG009',
            message = format('tenant id %s is not valid', coalesce(quote_literal(left(p_tenant_id, 100)), 'null')),
            hint = 'a tenant id is 1 to 63 lowercase letters, digits, _ and -, starting with a letter or digit (e.g. acme-eu)';
    end if;
    perform zenglow.maintenance_mode(true);
    insert into zenglow.tenants (tenant_id, display_name) values (p_tenant_id, coalesce(p_display_name, ''))
    on conflict (tenant_id) do nothing;
    perform zenglow.maintenance_mode(false);
    return p_tenant_id;
end
$_$;

ALTER FUNCTION zenglow.create_tenant(p_tenant_id text, p_display_name text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION create_tenant(p_tenant_id text, p_display_name text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.create_tenant(p_tenant_id text, p_display_name text) IS 'Registers a tenant (idempotent: an existing one is left as it is); returns its id. ZG009 for an invalid id or _global.';

--
-- Name: current_tenant(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.current_tenant() RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
-- The tenant of this transaction, from `set local zenglow.tenant_id`. Unset, empty, unknown,
-- inactive or the reserved _global id all give null, and null matches no row: fail closed.
-- PL/pgSQL rather than SQL: every policy calls this once per query, and a SQL function's body
-- is planned again on every call, while PL/pgSQL keeps its plan for the session (about a tenth
-- of the cost; zenglow_api.cache_generation, on the response cache's hit path, calls it a few
-- times).
declare
    v_tenant text;
begin
    select t.tenant_id into v_tenant
    from zenglow.tenants t
    where t.tenant_id = nullif(current_setting('zenglow.tenant_id', true), '')
      and t.tenant_id <> '_global'
      and t.active;
    return v_tenant;
end
$$;

ALTER FUNCTION zenglow.current_tenant() OWNER TO zenglow_owner;

--
-- Name: FUNCTION current_tenant(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.current_tenant() IS 'The current transaction''s tenant (set local zenglow.tenant_id), or null when unset, empty, unknown or inactive.';

--
-- Name: disabled_capabilities(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.disabled_capabilities() RETURNS text[]
    LANGUAGE sql STABLE
    AS $$
    -- Capabilities the database setting zenglow.disable_capabilities says to treat as absent
    -- (used to exercise the plain-PostgreSQL fallbacks on a server that has everything).
    select coalesce(
        string_to_array(nullif(replace(coalesce(current_setting('zenglow.disable_capabilities', true), ''), ' ', ''), ''), ','),
        '{}'::text[])
$$;

ALTER FUNCTION zenglow.disabled_capabilities() OWNER TO zenglow_owner;

--
-- Name: ensure_chunk_partition(timestamp with time zone, text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.ensure_chunk_partition(p_at timestamp with time zone DEFAULT now(), p_trigger text DEFAULT 'write'::text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Makes sure the zenglow.chunks partition for p_at exists, creating it (and moving any rows of
-- its range out of the default partition) when it does not. Returns the partition created, or
-- null when it was there. Loaders call it before writing, so a write never waits for the next
-- maintenance run; when a write had to create it, the run record says healed_partition.
declare
    v_range record;
    v_moved bigint;
    v_started timestamptz := clock_timestamp();
begin
    if p_at is null or not isfinite(p_at) then
        raise exception using errcode = 'ZG009',
            message = format('a chunk partition is made for a finite time, not %s', coalesce(p_at::text, 'null'));
    end if;
    select * into v_range
    from zenglow.chunk_partition_range(p_at, (select chunk_partition_unit from zenglow.maintenance_settings));
    -- Present means attached to zenglow.chunks: a stray table of that name is no partition, and
    -- creating the real one then fails loudly rather than rows piling up in the default partition.
    if zenglow.is_chunk_partition(v_range.partition_name) then
        return null;
    end if;
    -- Two writers healing the same partition: the second waits here, then finds it made.
    perform pg_advisory_xact_lock(hashtextextended('zenglow.partition:' || v_range.partition_name, 0));
    if zenglow.is_chunk_partition(v_range.partition_name) then
        return null;
    end if;
    perform zenglow.maintenance_mode(true);
    v_moved := zenglow.create_partition('zenglow.chunks'::regclass, v_range.partition_name, 'ingested_at',
        v_range.range_start, v_range.range_end);
    if p_trigger = 'write' then
        insert into zenglow.maintenance_runs (started_at, finished_at, duration_ms, trigger, outcome, healed, moved_rows)
        values (v_started, clock_timestamp(), extract(epoch from clock_timestamp() - v_started) * 1000,
            'write', 'healed_partition', array[v_range.partition_name], v_moved);
    end if;
    perform zenglow.maintenance_mode(false);
    return v_range.partition_name;
end
$$;

ALTER FUNCTION zenglow.ensure_chunk_partition(p_at timestamp with time zone, p_trigger text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION ensure_chunk_partition(p_at timestamp with time zone, p_trigger text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.ensure_chunk_partition(p_at timestamp with time zone, p_trigger text) IS 'Creates the chunks partition for a timestamp when missing (moving rows out of the default partition); null when present.';

--
-- Name: ensure_model_index(text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.ensure_model_index(p_model text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Creates one model's partial ANN index (cosine; HNSW or IVFFlat as zenglow.ann_settings says,
-- zenglow.model_index_definition) on every partition of zenglow.chunks, if it is missing;
-- returns its name, or null without pgvector (exact scan). An index that exists is left as it
-- is: rebuilding after a settings change is `zenglow ann apply`, concurrently, outside a
-- transaction. What was built is recorded in ann_settings.built.
declare
    v_definition text := zenglow.model_index_definition(p_model);
    v_index text := zenglow.model_index_name(p_model);
begin
    if v_definition is null then
        return null;
    end if;
    if to_regclass(format('zenglow.%I', v_index)) is null then
        execute format('create index %I on zenglow.chunks %s', v_index, v_definition);
        update zenglow.ann_settings set built = jsonb_build_object('definition', v_definition, 'version', version, 'built_at', now())
        where model_name = p_model;
    end if;
    return v_index;
end
$$;

ALTER FUNCTION zenglow.ensure_model_index(p_model text) OWNER TO zenglow_owner;

--
-- Name: fill_chunk_text_stats(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.fill_chunk_text_stats() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Parses a chunk's text once, into its tsvector (english) and its BM25 length (the token
-- occurrences the tsvector keeps), whenever a chunk is inserted or its text changes.
begin
    new.tsv := to_tsvector('english'::regconfig, new.body);
    new.token_count := zenglow.token_count(new.tsv);
    return new;
end
$$;

ALTER FUNCTION zenglow.fill_chunk_text_stats() OWNER TO zenglow_owner;

--
-- Name: forget_chunks(text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.forget_chunks(p_where text) RETURNS bigint
    LANGUAGE plpgsql
    AS $$
-- Subtracts from the BM25 statistics the chunks that `select … from zenglow.chunks c where
-- <p_where>` finds (rows about to be deleted or dropped), per tenant and model; returns how many.
-- Runs as the owner inside maintenance (all tenants) or as the caller for its own tenant.
-- The champion lists forget the rows too: a term no longer common loses its list, and a list
-- left shallower than min(df, depth) is refilled from the postings that remain (the forgotten
-- chunks excluded, as they are still in the table when this runs).
declare
    v_group record;
    v_total bigint := 0;
begin
    execute format(
        'create temporary table zg_forgotten on commit drop as
         select c.tenant_id, c.embedding_model, c.chunk_id, c.ingested_at, c.tsv, c.token_count
         from zenglow.chunks c where %s', p_where);
    for v_group in
        select g.tenant_id, g.embedding_model, g.chunks, g.tokens, t.terms, t.dfs
        from (select f.tenant_id, f.embedding_model, count(*) as chunks, sum(f.token_count) as tokens
              from zg_forgotten f group by 1, 2) g,
        lateral (
            select array_agg(x.term order by x.term) as terms, array_agg(x.df order by x.term) as dfs
            from (select u.lexeme as term, count(*) as df from zg_forgotten f, unnest(f.tsv) u
                  where f.tenant_id = g.tenant_id and f.embedding_model = g.embedding_model
                  group by u.lexeme) x) t
    loop
        perform zenglow.add_term_stats(v_group.tenant_id, v_group.embedding_model, -1,
            coalesce(v_group.terms, '{}'), coalesce(v_group.dfs, '{}'), v_group.chunks, v_group.tokens);
        perform zenglow.forget_term_champions(v_group.tenant_id, v_group.embedding_model,
            coalesce(v_group.terms, '{}'), coalesce(v_group.dfs, '{}'));
        v_total := v_total + v_group.chunks;
    end loop;
    drop table zg_forgotten;
    return v_total;
end
$$;

ALTER FUNCTION zenglow.forget_chunks(p_where text) OWNER TO zenglow_owner;

--
-- Name: forget_term_champions(text, text, text[], bigint[]); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.forget_term_champions(p_tenant_id text, p_model text, p_terms text[], p_dfs bigint[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
-- Called by zenglow.forget_chunks after zenglow.add_term_stats subtracted the chunks in
-- pg_temp.zg_forgotten (p_terms, p_dfs: their terms and document frequencies), whose term rows
-- this transaction now holds locked: their rows leave the champion lists; a term that is no
-- longer common loses its list; a list left shallower than min(df, depth) is rebuilt from the
-- postings that remain. What is left of a list is still the top of its term's postings.
declare
    v_settings zenglow.term_champion_settings;
    v_refill text[];
begin
    select * into v_settings from zenglow.term_champion_settings s
    where s.tenant_id = p_tenant_id and s.embedding_model = p_model;
    if not found then
        return;
    end if;
    -- Lists exist only for terms that were common before the chunks went (df then = df now + theirs).
    with gone as (
        delete from zenglow.term_champions c
        using (select f.chunk_id, u.term
               from zg_forgotten f
               cross join lateral unnest(tsvector_to_array(f.tsv)) u (term)
               join unnest(p_terms, p_dfs) g (term, df) on g.term = u.term
               left join zenglow.term_stats t on t.tenant_id = p_tenant_id and t.embedding_model = p_model and t.term = g.term
               where f.tenant_id = p_tenant_id and f.embedding_model = p_model
                 and coalesce(t.df, 0) + g.df > v_settings.min_df) x
        where c.tenant_id = p_tenant_id and c.embedding_model = p_model and c.term = x.term and c.chunk_id = x.chunk_id
        returning c.term)
    update zenglow.term_champion_lists l set length = l.length - g.n
    from (select term, count(*) as n from gone group by term) g
    where l.tenant_id = p_tenant_id and l.embedding_model = p_model and l.term = g.term;
    -- Terms no longer common lose their list; lists now too shallow are rebuilt (build_term_champions does both).
    select coalesce(array_agg(g.term order by g.term), '{}') into v_refill
    from unnest(p_terms, p_dfs) g (term, df)
    left join zenglow.term_stats t on t.tenant_id = p_tenant_id and t.embedding_model = p_model and t.term = g.term
    where coalesce(t.df, 0) + g.df > v_settings.min_df
      and (coalesce(t.df, 0) <= v_settings.min_df
           or coalesce((select l.length from zenglow.term_champion_lists l
                        where l.tenant_id = p_tenant_id and l.embedding_model = p_model and l.term = g.term), 0)
              < least(t.df, v_settings.depth));
    perform zenglow.build_term_champions(p_tenant_id, p_model, v_refill, true);
end
$$;

ALTER FUNCTION zenglow.forget_term_champions(p_tenant_id text, p_model text, p_terms text[], p_dfs bigint[]) OWNER TO zenglow_owner;

--
-- Name: FUNCTION forget_term_champions(p_tenant_id text, p_model text, p_terms text[], p_dfs bigint[]); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.forget_term_champions(p_tenant_id text, p_model text, p_terms text[], p_dfs bigint[]) IS 'Forgetting chunks: their rows leave the champion lists; lists of terms no longer common go, lists left too shallow are rebuilt from the remaining postings.';

--
-- Name: in_maintenance_mode(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.in_maintenance_mode() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    -- Used by the owner-only policies; see zenglow.maintenance_mode.
    select current_user = 'zenglow_owner' and coalesce(current_setting('zenglow.maintenance', true), '') = 'on'
$$;

ALTER FUNCTION zenglow.in_maintenance_mode() OWNER TO zenglow_owner;

--
-- Name: is_chunk_partition(text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.is_chunk_partition(p_name text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    -- Whether zenglow.<p_name> exists and is a partition of zenglow.chunks: a table that merely
    -- has a partition's name (left over, restored beside the tree) holds no chunks.
    select exists (
        select from pg_catalog.pg_inherits i
        where i.inhrelid = to_regclass(format('zenglow.%I', p_name)) and i.inhparent = 'zenglow.chunks'::regclass)
$$;

ALTER FUNCTION zenglow.is_chunk_partition(p_name text) OWNER TO zenglow_owner;

--
-- Name: is_hypertable(regclass); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.is_hypertable(p_table regclass) RETURNS boolean
    LANGUAGE plpgsql STABLE
    AS $_$
-- Whether TimescaleDB manages the table; false when TimescaleDB is not installed. Dynamic SQL, so
-- the function compiles on servers without TimescaleDB's catalog.
declare
    v_found boolean := false;
begin
    if to_regclass('_timescaledb_catalog.hypertable') is null then
        return false;
    end if;
    execute 'select exists (select from _timescaledb_catalog.hypertable h
                            join pg_namespace n on n.nspname = h.schema_name
                            join pg_class c on c.relnamespace = n.oid and c.relname = h.table_name
                            where c.oid = $1)'
        into v_found using p_table;
    return v_found;
end
$_$;

ALTER FUNCTION zenglow.is_hypertable(p_table regclass) OWNER TO zenglow_owner;

--
-- Name: list_tenants(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.list_tenants() RETURNS TABLE(tenant_id text, display_name text, active boolean, created_at timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Every tenant but the reserved _global, by id, for operators (`zenglow tenants list`): the
-- tenants table is closed by row-level security, so this reads it in maintenance mode.
begin
    perform zenglow.maintenance_mode(true);
    return query
        select t.tenant_id, t.display_name, t.active, t.created_at
        from zenglow.tenants t
        where t.tenant_id <> '_global'
        order by t.tenant_id;
    perform zenglow.maintenance_mode(false);
end
$$;

ALTER FUNCTION zenglow.list_tenants() OWNER TO zenglow_owner;

--
-- Name: FUNCTION list_tenants(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.list_tenants() IS 'Every tenant but _global, ordered by id: tenant_id, display_name, active, created_at.';

--
-- Name: maintenance_analyze_partitions(bigint, double precision); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_analyze_partitions(p_min_rows bigint DEFAULT 10000, p_fraction double precision DEFAULT 0.1) RETURNS text[]
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Maintenance step 6: ANALYZEs the partitions of zenglow.chunks and zenglow.query_performance
-- (TimescaleDB chunks included) whose rows changed since their last analyze by more than
-- greatest(p_min_rows, p_fraction × their estimated rows); returns them, as `schema.name`.
-- On top of autovacuum, which gets there too, but up to a naptime later and behind every other
-- table of the cluster: a spool load of a few hundred thousand chunks is queried at once, and a
-- fresh partition without statistics is planned as if it were empty. The fraction is
-- autovacuum's own analyze scale factor (so this only brings forward work autovacuum would do);
-- the floor keeps the trickle of single writes, and small partitions, to autovacuum. Statistics
-- are read fresh (pg_stat_clear_snapshot): a run earlier in this transaction must not hide a
-- load committed since. Only partitions the function's owner owns (ANALYZE skips the others
-- with a warning). Safe to call alone (waits for a run in progress).
declare
    v_partition record;
    v_analyzed text[] := '{}';
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    perform pg_stat_clear_snapshot();
    for v_partition in
        select c.oid::regclass as partition
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_stat_all_tables s on s.relid = c.oid
        where i.inhparent in ('zenglow.chunks'::regclass, 'zenglow.query_performance'::regclass)
            and c.relkind = 'r'
            and c.relowner = (select oid from pg_roles where rolname = current_user)
            and s.n_mod_since_analyze > greatest(p_min_rows, p_fraction * greatest(c.reltuples, 0))
        order by c.oid::regclass::text
    loop
        execute format('analyze %s', v_partition.partition);
        v_analyzed := v_analyzed || v_partition.partition::text;
    end loop;
    return v_analyzed;
end
$$;

ALTER FUNCTION zenglow.maintenance_analyze_partitions(p_min_rows bigint, p_fraction double precision) OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_analyze_partitions(p_min_rows bigint, p_fraction double precision); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.maintenance_analyze_partitions(p_min_rows bigint, p_fraction double precision) IS 'Maintenance step 6: ANALYZEs chunks and query_performance partitions changed by more than greatest(p_min_rows, p_fraction of their rows) since their last analyze; returns those analyzed.';

--
-- Name: maintenance_forget_runs(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_forget_runs() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Maintenance step 7: forgets the zenglow.maintenance_runs records older than
-- run_history_retention (30 days), so the record of every minute's run stays small. Returns how
-- many it deleted. Safe to call alone (waits for a run in progress).
declare
    v_deleted bigint;
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    delete from zenglow.maintenance_runs
    where started_at < now() - (select run_history_retention from zenglow.maintenance_settings);
    get diagnostics v_deleted = row_count;
    return v_deleted;
end
$$;

ALTER FUNCTION zenglow.maintenance_forget_runs() OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_forget_runs(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.maintenance_forget_runs() IS 'Maintenance step 7: deletes maintenance_runs records older than run_history_retention; returns how many.';

--
-- Name: maintenance_heal_partitions(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_heal_partitions(OUT healed text[], OUT moved_rows bigint) RETURNS record
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Maintenance step 2: rows found in zenglow.chunks_default (a writer raced a missing partition,
-- or a row lies beyond the premade range, past or future) are moved into a partition created
-- for their range. Returns the partitions made and the rows moved; an empty default partition
-- means nothing to do and no DDL lock. The default partition is read directly, as the owner:
-- partitions have no row-level security of their own. Safe to call alone (waits for a run).
declare
    v_unit text := (select chunk_partition_unit from zenglow.maintenance_settings);
    v_range record;
    v_name text;
    v_count bigint;
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    healed := '{}';
    moved_rows := 0;
    for v_range in
        select distinct r.*
        from (select distinct date_trunc(v_unit, c.ingested_at, 'UTC') as s from only zenglow.chunks_default c) d,
            lateral zenglow.chunk_partition_range(d.s, v_unit) r
    loop
        select count(*) into v_count from only zenglow.chunks_default c
        where c.ingested_at >= v_range.range_start and c.ingested_at < v_range.range_end;
        v_name := zenglow.ensure_chunk_partition(v_range.range_start, 'scheduled');
        if v_name is not null then
            healed := healed || v_name;
            moved_rows := moved_rows + v_count;
        end if;
    end loop;
end
$$;

ALTER FUNCTION zenglow.maintenance_heal_partitions(OUT healed text[], OUT moved_rows bigint) OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_heal_partitions(OUT healed text[], OUT moved_rows bigint); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.maintenance_heal_partitions(OUT healed text[], OUT moved_rows bigint) IS 'Maintenance step 2: moves rows out of chunks_default into partitions made for them; returns (healed, moved_rows).';

--
-- Name: maintenance_mode(boolean); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_mode(p_on boolean) RETURNS void
    LANGUAGE sql
    AS $$
    -- Row-level security is forced on every tenant table, for the owner too; the owner sees all
    -- tenants only inside a SECURITY DEFINER function that turns this on and off again.
    select set_config('zenglow.maintenance', case when p_on then 'on' else '' end, true)
$$;

ALTER FUNCTION zenglow.maintenance_mode(p_on boolean) OWNER TO zenglow_owner;

--
-- Name: maintenance_partitions_ahead(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_partitions_ahead() RETURNS TABLE(table_name text, partitions_ahead integer, premake integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- How far ahead maintenance has made partitions: per partitioned table (chunks; query_performance
-- without TimescaleDB), how many consecutive partitions exist after the one holding now(), and how
-- many the settings ask for (chunk_premake, query_performance_premake_days). The maintainer
-- exposes it as zenglow_maintenance_partitions_ahead{table}; fewer than premake for several runs
-- means premaking fails, and writes will soon land in a default partition. A TimescaleDB
-- hypertable has no row: it makes its chunks on demand.
declare
    v_settings zenglow.maintenance_settings;
    v_ahead integer;
begin
    select * into v_settings from zenglow.maintenance_settings;
    v_ahead := 0;
    -- Bounded by chunk_premake's own limit (60) and a margin.
    while v_ahead < 120 and exists (
        select from pg_inherits i
        where i.inhparent = 'zenglow.chunks'::regclass
            and i.inhrelid = to_regclass('zenglow.' || quote_ident((zenglow.chunk_partition_range(
                now() + ((v_ahead + 1) || ' ' || v_settings.chunk_partition_unit)::interval,
                v_settings.chunk_partition_unit)).partition_name))) loop
        v_ahead := v_ahead + 1;
    end loop;
    table_name := 'chunks';
    partitions_ahead := v_ahead;
    premake := v_settings.chunk_premake;
    return next;

    if (select relkind from pg_class where oid = 'zenglow.query_performance'::regclass) = 'p' then
        v_ahead := 0;
        while v_ahead < 120 and exists (
            select from pg_inherits i
            where i.inhparent = 'zenglow.query_performance'::regclass
                and i.inhrelid = to_regclass('zenglow.' || quote_ident('query_performance_p'
                    || to_char((now() at time zone 'UTC')::date + v_ahead + 1, 'YYYYMMDD')))) loop
            v_ahead := v_ahead + 1;
        end loop;
        table_name := 'query_performance';
        partitions_ahead := v_ahead;
        premake := v_settings.query_performance_premake_days;
        return next;
    end if;
end
$$;

ALTER FUNCTION zenglow.maintenance_partitions_ahead() OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_partitions_ahead(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.maintenance_partitions_ahead() IS 'Per partitioned table (chunks; query_performance without TimescaleDB): consecutive partitions after the current one, and how many the settings premake.';

--
-- Name: maintenance_premake_partitions(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_premake_partitions() RETURNS text[]
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Maintenance step 1: creates the zenglow.chunks partitions for now and the next chunk_premake
-- units, so that writes find theirs instead of the default partition. Returns the partitions it
-- created; when they all exist it creates nothing and takes no DDL lock. Waits for a maintenance
-- run in progress (the same advisory lock, re-entrant inside zenglow.run_maintenance), so it is
-- safe to call alone.
declare
    v_settings zenglow.maintenance_settings;
    v_range record;
    v_name text;
    v_created text[] := '{}';
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    select * into v_settings from zenglow.maintenance_settings;
    for v_range in
        select r.*
        from generate_series(0, v_settings.chunk_premake) as i,
            lateral zenglow.chunk_partition_range(now() + (i || ' ' || v_settings.chunk_partition_unit)::interval,
                v_settings.chunk_partition_unit) r
    loop
        v_name := zenglow.ensure_chunk_partition(v_range.range_start, 'scheduled');
        if v_name is not null then
            v_created := v_created || v_name;
        end if;
    end loop;
    return v_created;
end
$$;

ALTER FUNCTION zenglow.maintenance_premake_partitions() OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_premake_partitions(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.maintenance_premake_partitions() IS 'Maintenance step 1: creates the chunks partitions for now and the next chunk_premake units; returns those created.';

--
-- Name: maintenance_retire_chunks(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_retire_chunks(OUT dropped text[], OUT deleted_rows bigint) RETURNS record
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Maintenance step 3, chunk retention (chunk_retention; null, the default, keeps everything): a
-- chunks partition wholly older than the retention is dropped, unless it holds a pinned batch, in
-- which case only the unpinned batches' rows are deleted. Either way the BM25 statistics forget
-- the rows first, and the expired batches get expired_at in their manifest. Returns the
-- partitions dropped and the rows deleted. Works across tenants, hence maintenance mode, which
-- it turns off again before it returns. Safe to call alone (waits for a run in progress).
declare
    v_retention interval := (select chunk_retention from zenglow.maintenance_settings);
    v_partition record;
    v_count bigint;
begin
    dropped := '{}';
    deleted_rows := 0;
    if v_retention is null then
        return;
    end if;
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    perform zenglow.maintenance_mode(true);
    for v_partition in
        select c.oid::regclass as partition, c.relname as name
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'zenglow.chunks'::regclass
          and zenglow.partition_upper_bound(c.oid) <= now() - v_retention
        order by c.relname
    loop
        execute format(
            'select count(*) from %s c join zenglow.batches b using (tenant_id, batch_id) where b.pinned',
            v_partition.partition) into v_count;
        -- Batches lie in one partition each (one transaction, one ingested_at).
        execute format(
            'update zenglow.batches b set expired_at = now()
             where b.expired_at is null and not b.pinned
               and exists (select from %s c where c.tenant_id = b.tenant_id and c.batch_id = b.batch_id)',
            v_partition.partition);
        if v_count = 0 then
            perform zenglow.forget_chunks(format('c.tableoid = %s', v_partition.partition::oid));
            execute format('drop table %s', v_partition.partition);
            dropped := dropped || v_partition.name::text;
        else
            perform zenglow.forget_chunks(format(
                'c.tableoid = %s and exists (select from zenglow.batches b
                 where b.tenant_id = c.tenant_id and b.batch_id = c.batch_id and not b.pinned)',
                v_partition.partition::oid));
            execute format(
                'delete from %s c using zenglow.batches b
                 where b.tenant_id = c.tenant_id and b.batch_id = c.batch_id and not b.pinned',
                v_partition.partition);
            get diagnostics v_count = row_count;
            deleted_rows := deleted_rows + v_count;
        end if;
    end loop;
    perform zenglow.maintenance_mode(false);
end
$$;

ALTER FUNCTION zenglow.maintenance_retire_chunks(OUT dropped text[], OUT deleted_rows bigint) OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_retire_chunks(OUT dropped text[], OUT deleted_rows bigint); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.maintenance_retire_chunks(OUT dropped text[], OUT deleted_rows bigint) IS 'Maintenance step 3: drops chunks partitions past chunk_retention (deleting only unpinned batches'' rows where a pinned batch lives); returns (dropped, deleted_rows).';

--
-- Name: maintenance_retire_query_performance(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_retire_query_performance(OUT created text[], OUT dropped text[], OUT healed text[], OUT moved_rows bigint) RETURNS record
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
-- Maintenance step 5, zenglow.query_performance past query_performance_retention (30 days):
-- on a TimescaleDB hypertable, drop_chunks (the Apache build has no retention policy); on the
-- plain-PostgreSQL fallback, daily partitions are premade query_performance_premake_days ahead,
-- rows in the default partition are moved into partitions made for them (healed), and whole
-- days past retention are dropped. Returns the partitions (or TimescaleDB chunks) created,
-- dropped and healed and the rows moved. Moving rows writes through the parent, whose row-level
-- security is forced, hence maintenance mode. Safe to call alone (waits for a run in progress).
-- Never drops a row the 5-minute rollups may still need: the cutoff is the earlier of the
-- retention and the 5m watermark minus the late window (nothing while no refresh ever ran), so a
-- rollup step that keeps failing makes raw rows wait instead of vanishing un-rolled.
declare
    v_settings zenglow.maintenance_settings;
    v_range record;
    v_partition record;
    v_chunks text[];
    v_cutoff timestamptz;
begin
    created := '{}';
    dropped := '{}';
    healed := '{}';
    moved_rows := 0;
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    select * into v_settings from zenglow.maintenance_settings;
    v_cutoff := least(now() - v_settings.query_performance_retention,
        coalesce((select w.watermark - v_settings.query_rollup_late_window
                  from zenglow.query_rollup_watermarks w where w.level = '5m'), '-infinity'));
    if v_cutoff = '-infinity' then
        return;
    end if;
    if zenglow.is_hypertable('zenglow.query_performance'::regclass) then
        -- search_path is pinned, so TimescaleDB's function is named with its schema.
        execute format(
            'select coalesce(array_agg(c::text), ''{}'') from %I.drop_chunks(''zenglow.query_performance''::regclass, older_than => $1) c',
            (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'timescaledb'))
            into v_chunks using v_cutoff;
        dropped := v_chunks;
        return;
    end if;
    if (select relkind from pg_class where oid = 'zenglow.query_performance'::regclass) <> 'p' then
        return;
    end if;
    perform zenglow.maintenance_mode(true);
    for v_range in
        select s as range_start, s + interval '1 day' as range_end,
            'query_performance_p' || to_char(s at time zone 'UTC', 'YYYYMMDD') as partition_name,
            false as healing
        from generate_series(date_trunc('day', now(), 'UTC'),
            date_trunc('day', now(), 'UTC') + make_interval(days => v_settings.query_performance_premake_days),
            interval '1 day') s
        union
        select distinct date_trunc('day', q.ts, 'UTC'), date_trunc('day', q.ts, 'UTC') + interval '1 day',
            'query_performance_p' || to_char(date_trunc('day', q.ts, 'UTC') at time zone 'UTC', 'YYYYMMDD'), true
        from only zenglow.query_performance_default q
        order by 1
    loop
        if to_regclass(format('zenglow.%I', v_range.partition_name)) is null then
            moved_rows := moved_rows + zenglow.create_partition('zenglow.query_performance'::regclass,
                v_range.partition_name, 'ts', v_range.range_start, v_range.range_end);
            if v_range.healing then
                healed := healed || v_range.partition_name;
            else
                created := created || v_range.partition_name;
            end if;
        end if;
    end loop;
    for v_partition in
        select c.oid::regclass as partition, c.relname as name
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'zenglow.query_performance'::regclass
          and zenglow.partition_upper_bound(c.oid) <= v_cutoff
    loop
        execute format('drop table %s', v_partition.partition);
        dropped := dropped || v_partition.name::text;
    end loop;
    perform zenglow.maintenance_mode(false);
end
$_$;

ALTER FUNCTION zenglow.maintenance_retire_query_performance(OUT created text[], OUT dropped text[], OUT healed text[], OUT moved_rows bigint) OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_retire_query_performance(OUT created text[], OUT dropped text[], OUT healed text[], OUT moved_rows bigint); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.maintenance_retire_query_performance(OUT created text[], OUT dropped text[], OUT healed text[], OUT moved_rows bigint) IS 'Maintenance step 5: query_performance retention (drop_chunks on a hypertable; premade, healed and dropped daily partitions without TimescaleDB); returns (created, dropped, healed, moved_rows).';

--
-- Name: maintenance_retire_query_rollups(timestamp with time zone); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_retire_query_rollups(p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
-- Rollup retention: deletes the rows of each level whose bucket lies wholly before p_now minus
-- the level's retention (maintenance_settings.query_rollup_5m_retention 90 days, _1h 13 months,
-- _1d null = kept). Called by zenglow.refresh_query_rollups after the refresh (so by
-- run_maintenance's rollup step); safe to call alone, e.g. after lowering a retention (waits for
-- a maintenance run in progress). Returns the rows deleted per level: {"5m": n, "1h": n, "1d": n}.
declare
    v_settings zenglow.maintenance_settings;
    v_level record;
    v_deleted bigint;
    v_result jsonb := '{}';
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    select * into v_settings from zenglow.maintenance_settings;
    perform zenglow.maintenance_mode(true);
    for v_level in
        select * from (values
            ('5m', 'query_rollup_5m', interval '5 minutes', v_settings.query_rollup_5m_retention),
            ('1h', 'query_rollup_1h', interval '1 hour', v_settings.query_rollup_1h_retention),
            ('1d', 'query_rollup_1d', interval '1 day', v_settings.query_rollup_1d_retention)) l (level, target, width, retention)
    loop
        v_deleted := 0;
        if v_level.retention is not null then
            execute format('delete from zenglow.%I where bucket <= $1', v_level.target)
                using p_now - v_level.retention - v_level.width;
            get diagnostics v_deleted = row_count;
        end if;
        v_result := v_result || jsonb_build_object(v_level.level, v_deleted);
    end loop;
    perform zenglow.maintenance_mode(false);
    return v_result;
end
$_$;

ALTER FUNCTION zenglow.maintenance_retire_query_rollups(p_now timestamp with time zone) OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_retire_query_rollups(p_now timestamp with time zone); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.maintenance_retire_query_rollups(p_now timestamp with time zone) IS 'Rollup retention: deletes query_rollup_5m/_1h/_1d rows wholly older than their level''s retention (null keeps them); returns {"5m": n, "1h": n, "1d": n}.';

--
-- Name: maintenance_term_champions(double precision); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.maintenance_term_champions(p_drift double precision DEFAULT 0.1) RETURNS TABLE(tenant_id text, embedding_model text, reason text, rows_written bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Maintenance: rebuilds the champion lists of every tenant and model whose corpus has chunks and
-- whose lists are not kept yet (chunks from before migration 0024: reason 'missing') or whose
-- weights were computed with an average chunk length now more than p_drift (a fraction, 10 %
-- by default) away from the corpus's (reason 'avgdl_drift'). Works across tenants, hence
-- maintenance mode, turned off again before it returns.
declare
    v_corpus record;
begin
    perform zenglow.maintenance_mode(true);
    for v_corpus in
        select c.tenant_id, c.embedding_model,
            case when s.tenant_id is null then 'missing' else 'avgdl_drift' end as reason
        from zenglow.corpus_stats c
        left join zenglow.term_champion_settings s on s.tenant_id = c.tenant_id and s.embedding_model = c.embedding_model
        where c.chunk_count > 0
          and (s.tenant_id is null
               or abs(s.avgdl - c.token_total::double precision / c.chunk_count) > p_drift * (c.token_total::double precision / c.chunk_count))
        order by c.tenant_id, c.embedding_model
    loop
        tenant_id := v_corpus.tenant_id;
        embedding_model := v_corpus.embedding_model;
        reason := v_corpus.reason;
        rows_written := zenglow.rebuild_term_champions(v_corpus.tenant_id, v_corpus.embedding_model);
        return next;
    end loop;
    perform zenglow.maintenance_mode(false);
end
$$;

ALTER FUNCTION zenglow.maintenance_term_champions(p_drift double precision) OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_term_champions(p_drift double precision); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.maintenance_term_champions(p_drift double precision) IS 'Maintenance: full build of the champion lists of each tenant and model that has none yet or whose avgdl drifted more than p_drift (default 0.1); returns (tenant_id, embedding_model, reason, rows_written).';

--
-- Name: model_index_definition(text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.model_index_definition(p_model text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- The `using … (…) with (…) where …` part of CREATE INDEX for p_model's ANN index, from
-- zenglow.ann_settings: HNSW (m, ef_construction) or IVFFlat (lists: the configured value, else
-- rows / 1000 up to a million rows and sqrt(rows) above, pgvector's advice, at least 1), cosine
-- distance, partial on the model. Null without pgvector (exact scan over real[]).
-- One definition serves ensure_model_index (build if missing) and `zenglow ann apply` (rebuild
-- concurrently), so the two cannot disagree. The cast to vector(<dimension>) also refuses rows
-- of that model with another dimension.
declare
    v_dimension integer;
    v_vector_schema text;
    v_settings zenglow.ann_settings;
    v_rows bigint;
begin
    select m.dimension into v_dimension from zenglow.models m where m.model_name = p_model;
    if v_dimension is null then
        raise exception using errcode = 'ZG006', message = format('unknown embedding model %L', p_model),
            hint = 'register it in zenglow.models first';
    end if;
    select n.nspname into v_vector_schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'vector';
    if v_vector_schema is null
        or (select a.atttypid from pg_attribute a
            where a.attrelid = 'zenglow.chunks'::regclass and a.attname = 'embedding') <> to_regtype(format('%I.vector', v_vector_schema)) then
        return null;
    end if;
    if v_dimension > 2000 then
        raise exception using errcode = 'ZG006',
            message = format('model %L has %s dimensions; HNSW and IVFFlat index vectors of at most 2000', p_model, v_dimension),
            hint = 'use a model of at most 2000 dimensions, or a halfvec quantization';
    end if;
    select * into v_settings from zenglow.ann_settings where model_name = p_model;
    if coalesce(v_settings.index_kind, 'hnsw') = 'hnsw' then
        return format('using hnsw ((embedding::%I.vector(%s)) %I.vector_cosine_ops) with (m = %s, ef_construction = %s) where embedding_model = %L',
            v_vector_schema, v_dimension, v_vector_schema, coalesce(v_settings.hnsw_m, 16),
            coalesce(v_settings.hnsw_ef_construction, 64), p_model);
    end if;
    if v_settings.ivfflat_lists is null then
        -- The planner's estimate: counting a million rows to size the lists is not worth it.
        select coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint into v_rows
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'zenglow.chunks'::regclass;
    end if;
    return format('using ivfflat ((embedding::%I.vector(%s)) %I.vector_cosine_ops) with (lists = %s) where embedding_model = %L',
        v_vector_schema, v_dimension, v_vector_schema,
        coalesce(v_settings.ivfflat_lists,
            greatest(1, least(32768, case when v_rows <= 1000000 then v_rows / 1000 else floor(sqrt(v_rows))::bigint end))),
        p_model);
end
$$;

ALTER FUNCTION zenglow.model_index_definition(p_model text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION model_index_definition(p_model text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.model_index_definition(p_model text) IS 'The USING/WITH/WHERE part of CREATE INDEX for a model''s ANN index from zenglow.ann_settings; null without pgvector.';

--
-- Name: model_index_name(text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.model_index_name(p_model text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
    -- The HNSW index of one model's embeddings: readable and within the 63-byte identifier limit.
    select 'chunks_embedding_' || left(regexp_replace(lower(p_model), '[^a-z0-9]+', '_', 'g'), 30)
        || '_' || left(md5(p_model), 8)
$$;

ALTER FUNCTION zenglow.model_index_name(p_model text) OWNER TO zenglow_owner;

--
-- Name: notify_key_change(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.notify_key_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Announces a changed or deleted API key (revoked, expiry moved, scopes edited) on zenglow_keys
-- in the same transaction, so API instances drop it from their authentication caches at once.
-- The payload names the key by its public prefix only.
begin
    perform pg_notify('zenglow_keys',
        json_build_object('tenant_id', old.tenant_id, 'prefix', old.prefix)::text);
    return null;
end
$$;

ALTER FUNCTION zenglow.notify_key_change() OWNER TO zenglow_owner;

--
-- Name: notify_manifest(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.notify_manifest() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Announces a batch state change on zenglow_manifest, in the changing transaction (a rollback
-- announces nothing). Ids and the state only, plus the alert reason once the spool worker has
-- set one (zenglow_api.annotate_batch), so a dashboard can tell a healed load from a clean one
-- without reading the row; listeners re-read the row under their tenant for anything else.
-- A batch that became searchable (its state changed to done or healed) also carries
-- corpus_epoch, the tenant's corpus epoch after the change (zenglow.advance_corpus_epoch, which
-- the load has advanced already in this transaction, or advances now), so that the build
-- update the API publishes names the version its response cache moved to:
--   {tenant_id, batch_id, state[, reason][, corpus_epoch]}
declare
    v_epoch bigint;
begin
    if new.state in ('done', 'healed') and (tg_op = 'INSERT' or old.state is distinct from new.state) then
        v_epoch := zenglow.advance_corpus_epoch(new.tenant_id);
    end if;
    -- json_build_object, not jsonb: the keys stay in this order and the text as /events relays it.
    perform pg_notify('zenglow_manifest', case
        when new.alert_reason is null and v_epoch is null then
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state)
        when v_epoch is null then
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state,
                'reason', new.alert_reason)
        when new.alert_reason is null then
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state,
                'corpus_epoch', v_epoch)
        else
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state,
                'reason', new.alert_reason, 'corpus_epoch', v_epoch)
        end::text);
    return null;
end
$$;

ALTER FUNCTION zenglow.notify_manifest() OWNER TO zenglow_owner;

--
-- Name: notify_model(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.notify_model() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Announces on zenglow_models, in the changing transaction (a rollback announces nothing), that
-- what retrieval ranks with changed for every tenant, so that the API can publish a build update:
--   an embedding model activated (zenglow.models.active set, by zenglow.activate_model):
--     {"tenant_id": "_global", "kind": "embedding", "model": <model_name>, "version": null}
--   a new learning-to-rank version (a row inserted into zenglow.ltr_models, by `zenglow ltr fit`):
--     {"tenant_id": "_global", "kind": "ltr", "model": null, "version": <version>}
-- Ids only; listeners re-read the registry for anything else (zenglow_api.cache_generation).
begin
    if tg_table_name = 'models' then
        perform pg_notify('zenglow_models', json_build_object('tenant_id', '_global', 'kind', 'embedding',
            'model', new.model_name, 'version', null)::text);
    else
        perform pg_notify('zenglow_models', json_build_object('tenant_id', '_global', 'kind', 'ltr',
            'model', null, 'version', new.version)::text);
    end if;
    return null;
end
$$;

ALTER FUNCTION zenglow.notify_model() OWNER TO zenglow_owner;

--
-- Name: notify_retrieval_settings(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.notify_retrieval_settings() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Announces a new retrieval-settings version on zenglow_settings in the same transaction (ids and
-- versions only); a _global change concerns every tenant without settings of its own.
begin
    perform pg_notify('zenglow_settings',
        json_build_object('tenant_id', new.tenant_id, 'version', new.version, 'ltr_version', new.ltr_version)::text);
    return null;
end
$$;

ALTER FUNCTION zenglow.notify_retrieval_settings() OWNER TO zenglow_owner;

--
-- Name: notify_weights(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.notify_weights() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- Announces a new fusion-weight version on zenglow_weights in the same transaction; listeners
-- re-read the active weights (a _global change concerns every tenant without its own weights).
begin
    perform pg_notify('zenglow_weights',
        json_build_object('tenant_id', new.tenant_id, 'version', new.version)::text);
    return null;
end
$$;

ALTER FUNCTION zenglow.notify_weights() OWNER TO zenglow_owner;

--
-- Name: partition_upper_bound(regclass); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.partition_upper_bound(p_partition regclass) RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    AS $$
    -- The exclusive upper bound of a range partition on a timestamptz key; null for a default partition.
    select (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz
    from pg_class c
    where c.oid = p_partition
$$;

ALTER FUNCTION zenglow.partition_upper_bound(p_partition regclass) OWNER TO zenglow_owner;

--
-- Name: query_rollup_1d_realtime(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.query_rollup_1d_realtime() RETURNS TABLE(bucket timestamp with time zone, tenant_id text, endpoint text, mode text, model text, requests bigint, errors_client bigint, errors_throttled bigint, errors_server bigint, degraded bigint, cache_hits bigint, results bigint, total_ms_sum double precision, embed_ms_sum double precision, retrieve_ms_sum double precision, features_ms_sum double precision, ltr_ms_sum double precision, fusion_ms_sum double precision, total_hist bigint[], embed_hist bigint[], retrieve_hist bigint[], features_hist bigint[], ltr_hist bigint[], fusion_hist bigint[], result_sources jsonb, realtime boolean, top_documents jsonb)
    LANGUAGE sql STABLE
    AS $$
    -- zenglow_stats.query_stats_1d, late-bound: query_latency_1d, which reads it, sorts before it,
    -- and the migrator applies views in path order, so it calls this, whose body is resolved
    -- when it runs. A plain SQL function over
    -- zenglow_stats only: the planner inlines it (as the caller, hence no reference to schema
    -- zenglow, which analysts may not use), so filters on the caller reach the rollup tables.
    select * from zenglow_stats.query_stats_1d
$$;

ALTER FUNCTION zenglow.query_rollup_1d_realtime() OWNER TO zenglow_owner;

--
-- Name: FUNCTION query_rollup_1d_realtime(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.query_rollup_1d_realtime() IS 'The rows of zenglow_stats.query_stats_1d, for the views that sort before it (late-bound, inlined).';

--
-- Name: query_rollup_1h_realtime(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.query_rollup_1h_realtime() RETURNS TABLE(bucket timestamp with time zone, tenant_id text, endpoint text, mode text, model text, requests bigint, errors_client bigint, errors_throttled bigint, errors_server bigint, degraded bigint, cache_hits bigint, results bigint, total_ms_sum double precision, embed_ms_sum double precision, retrieve_ms_sum double precision, features_ms_sum double precision, ltr_ms_sum double precision, fusion_ms_sum double precision, total_hist bigint[], embed_hist bigint[], retrieve_hist bigint[], features_hist bigint[], ltr_hist bigint[], fusion_hist bigint[], result_sources jsonb, realtime boolean)
    LANGUAGE sql STABLE
    AS $$
    -- zenglow_stats.query_stats_1h, late-bound: the views that read it (query_latency_1h,
    -- query_stats_1d, model_stats, query_performance_hourly) sort before it, and the migrator
    -- applies views in path order, so they call this, whose body is resolved when it runs. A plain SQL function over
    -- zenglow_stats only: the planner inlines it (as the caller, hence no reference to schema
    -- zenglow, which analysts may not use), so filters on the caller reach the rollup tables.
    select * from zenglow_stats.query_stats_1h
$$;

ALTER FUNCTION zenglow.query_rollup_1h_realtime() OWNER TO zenglow_owner;

--
-- Name: FUNCTION query_rollup_1h_realtime(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.query_rollup_1h_realtime() IS 'The rows of zenglow_stats.query_stats_1h, for the views that sort before it (late-bound, inlined).';

--
-- Name: query_rollup_5m; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.query_rollup_5m (
    tenant_id text NOT NULL,
    bucket timestamp with time zone NOT NULL,
    endpoint text NOT NULL,
    mode text DEFAULT ''::text NOT NULL,
    model text DEFAULT ''::text NOT NULL,
    requests bigint DEFAULT 0 NOT NULL,
    errors_client bigint DEFAULT 0 NOT NULL,
    errors_throttled bigint DEFAULT 0 NOT NULL,
    errors_server bigint DEFAULT 0 NOT NULL,
    degraded bigint DEFAULT 0 NOT NULL,
    cache_hits bigint DEFAULT 0 NOT NULL,
    results bigint DEFAULT 0 NOT NULL,
    total_ms_sum double precision DEFAULT 0 NOT NULL,
    embed_ms_sum double precision,
    retrieve_ms_sum double precision,
    features_ms_sum double precision,
    ltr_ms_sum double precision,
    fusion_ms_sum double precision,
    total_hist bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    embed_hist bigint[],
    retrieve_hist bigint[],
    features_hist bigint[],
    ltr_hist bigint[],
    fusion_hist bigint[],
    result_sources jsonb DEFAULT '{}'::jsonb NOT NULL
);

ALTER TABLE ONLY zenglow.query_rollup_5m FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.query_rollup_5m OWNER TO zenglow_owner;

--
-- Name: TABLE query_rollup_5m; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.query_rollup_5m IS 'query_performance per 5 minutes (UTC), tenant, endpoint, mode and model: counts, errors by class (client 4xx, throttled 429/overloaded, server 5xx), degraded answers, cache hits, summed stage times and mergeable log-scale latency histograms (zenglow.latency_bucket). Filled by zenglow.refresh_query_rollups.';

--
-- Name: query_rollup_5m_from_raw(timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.query_rollup_5m_from_raw(p_from timestamp with time zone, p_to timestamp with time zone) RETURNS SETOF zenglow.query_rollup_5m
    LANGUAGE sql STABLE
    SET work_mem TO '128MB'
    SET jit TO 'off'
    AS $$
    -- The one definition of how raw zenglow.query_performance rows in [p_from, p_to) become
    -- 5-minute rollup rows (per tenant, UTC 5-minute bucket, endpoint, mode and model, '' for a
    -- null mode or model): what zenglow.refresh_query_rollups stores and what the real-time view
    -- zenglow_stats.query_stats_5m computes past the watermark, so the two cannot disagree. It reads
    -- zenglow_stats.query_performance, not the table: the view calls it with the analyst's
    -- rights, and analysts may not use schema zenglow (the refresh reads the same rows as owner).
    -- Error classes: throttled = 429, or 503 with error_code 'overloaded'; server = any other
    -- 5xx; client = any other 4xx. Counts cover every row; a stage's sum and histogram cover the
    -- answers only (status < 400), and are null when no answer timed that stage.
    -- Built for millions of rows, never a function call per raw row (latency_bucket is inlined):
    -- each row is spread over its timed stages, one hashed aggregate counts the (stage, bucket)
    -- pairs of each row group (the 'total' stage, which every row has, also carries the row's
    -- counts), the pairs become dense arrays, and a second scan sums result_sources key by key
    -- (as jsonb_count_merge would, from jsonb_each). work_mem is raised for this function alone
    -- so that the planner may hash the pairs, and JIT is off: compiling this statement's many
    -- expressions took seconds, longer than running it over a month of rows.
    with pairs as (
        select q.tenant_id, date_bin(interval '5 minutes', q.ts, timestamptz '2000-01-01 00:00:00+00') as bucket,
            q.endpoint, coalesce(q.mode, '') as mode, coalesce(q.model, '') as model, s.stage,
            zenglow_stats.latency_bucket(s.ms) as b,
            -- Latency is of answers (status < 400): a refusal in a millisecond (429, 503 overloaded)
            -- would otherwise make latency look better the harder the service sheds load.
            q.status < 400 as answered,
            count(*) as n,
            sum(s.ms) as ms_sum,
            count(*) filter (where q.status between 400 and 499 and q.status <> 429) as client,
            count(*) filter (where q.status = 429 or (q.status = 503 and q.error_code = 'overloaded')) as throttled,
            count(*) filter (where q.status >= 500 and not (q.status = 503 and q.error_code is not distinct from 'overloaded')) as server,
            count(*) filter (where q.degraded_reason is not null) as degraded,
            count(*) filter (where q.cache_hit) as cache_hits,
            coalesce(sum(q.result_count), 0) as results
        from zenglow_stats.query_performance q
        cross join lateral (values ('total', q.total_ms), ('embed', q.embed_ms), ('retrieve', q.retrieve_ms),
            ('features', q.features_ms), ('ltr', q.ltr_ms), ('fusion', q.fusion_ms)) s (stage, ms)
        where q.ts >= p_from and q.ts < p_to and s.ms is not null
        group by 1, 2, 3, 4, 5, 6, 7, 8
    ),
    stages as (
        select tenant_id, bucket, endpoint, mode, model, stage,
            sum(n) as n, sum(ms_sum) filter (where answered) as ms_sum, sum(client) as client,
            sum(throttled) as throttled, sum(server) as server,
            sum(degraded) as degraded, sum(cache_hits) as cache_hits, sum(results) as results,
            array_agg(b order by b) filter (where answered) as bs, array_agg(n order by b) filter (where answered) as ns
        from pairs
        group by 1, 2, 3, 4, 5, 6
    ),
    grouped as (
        select tenant_id, bucket, endpoint, mode, model,
            (max(n) filter (where stage = 'total'))::bigint as n,
            (max(client) filter (where stage = 'total'))::bigint as client,
            (max(throttled) filter (where stage = 'total'))::bigint as throttled,
            (max(server) filter (where stage = 'total'))::bigint as server,
            (max(degraded) filter (where stage = 'total'))::bigint as degraded,
            (max(cache_hits) filter (where stage = 'total'))::bigint as cache_hits,
            (max(results) filter (where stage = 'total'))::bigint as results,
            max(ms_sum) filter (where stage = 'total') as total_ms_sum, max(ms_sum) filter (where stage = 'embed') as embed_ms_sum,
            max(ms_sum) filter (where stage = 'retrieve') as retrieve_ms_sum, max(ms_sum) filter (where stage = 'features') as features_ms_sum,
            max(ms_sum) filter (where stage = 'ltr') as ltr_ms_sum, max(ms_sum) filter (where stage = 'fusion') as fusion_ms_sum,
            max(h) filter (where stage = 'total') as total_hist, max(h) filter (where stage = 'embed') as embed_hist,
            max(h) filter (where stage = 'retrieve') as retrieve_hist, max(h) filter (where stage = 'features') as features_hist,
            max(h) filter (where stage = 'ltr') as ltr_hist, max(h) filter (where stage = 'fusion') as fusion_hist
        from (
            -- Dense arrays up to the highest bucket used (1-based, trailing zeros trimmed).
            select t.*, case when t.bs is not null then array(select coalesce(t.ns[array_position(t.bs, i)], 0)
                              from generate_series(1, t.bs[cardinality(t.bs)]) i order by i) end as h
            from stages t
        ) d
        group by 1, 2, 3, 4, 5
    ),
    sources as (
        select tenant_id, bucket, endpoint, mode, model, jsonb_object_agg(source, total) as result_sources
        from (
            select q.tenant_id, date_bin(interval '5 minutes', q.ts, timestamptz '2000-01-01 00:00:00+00') as bucket,
                q.endpoint, coalesce(q.mode, '') as mode, coalesce(q.model, '') as model, e.key as source,
                sum((e.value #>> '{}')::numeric) as total
            from zenglow_stats.query_performance q
            cross join lateral jsonb_each(case when jsonb_typeof(q.result_sources) = 'object' then q.result_sources end) e
            where q.ts >= p_from and q.ts < p_to and jsonb_typeof(e.value) = 'number'
            group by 1, 2, 3, 4, 5, 6
        ) s
        group by 1, 2, 3, 4, 5
    )
    select g.tenant_id, g.bucket, g.endpoint, g.mode, g.model,
        g.n, g.client, g.throttled, g.server, g.degraded, g.cache_hits, g.results,
        coalesce(g.total_ms_sum, 0), g.embed_ms_sum, g.retrieve_ms_sum, g.features_ms_sum, g.ltr_ms_sum, g.fusion_ms_sum,
        coalesce(g.total_hist, '{}'), g.embed_hist, g.retrieve_hist, g.features_hist, g.ltr_hist, g.fusion_hist,
        coalesce(s.result_sources, '{}'::jsonb)
    from grouped g
    left join sources s using (tenant_id, bucket, endpoint, mode, model)
$$;

ALTER FUNCTION zenglow.query_rollup_5m_from_raw(p_from timestamp with time zone, p_to timestamp with time zone) OWNER TO zenglow_owner;

--
-- Name: FUNCTION query_rollup_5m_from_raw(p_from timestamp with time zone, p_to timestamp with time zone); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.query_rollup_5m_from_raw(p_from timestamp with time zone, p_to timestamp with time zone) IS 'The 5-minute rollup rows (zenglow.query_rollup_5m) of the raw query_performance rows in [from, to): what the refresh stores and what the real-time views add past the watermark.';

--
-- Name: query_rollup_5m_realtime(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.query_rollup_5m_realtime() RETURNS TABLE(bucket timestamp with time zone, tenant_id text, endpoint text, mode text, model text, requests bigint, errors_client bigint, errors_throttled bigint, errors_server bigint, degraded bigint, cache_hits bigint, results bigint, total_ms_sum double precision, embed_ms_sum double precision, retrieve_ms_sum double precision, features_ms_sum double precision, ltr_ms_sum double precision, fusion_ms_sum double precision, total_hist bigint[], embed_hist bigint[], retrieve_hist bigint[], features_hist bigint[], ltr_hist bigint[], fusion_hist bigint[], result_sources jsonb, realtime boolean)
    LANGUAGE sql STABLE
    AS $$
    -- zenglow_stats.query_stats_5m, late-bound: the views that read it (query_latency_5m,
    -- query_stats_1h, model_stats, query_performance_hourly) sort before it, and the migrator
    -- applies views in path order, so they call this, whose body is resolved when it runs. A plain SQL function over
    -- zenglow_stats only: the planner inlines it (as the caller, hence no reference to schema
    -- zenglow, which analysts may not use), so filters on the caller reach the rollup tables.
    select * from zenglow_stats.query_stats_5m
$$;

ALTER FUNCTION zenglow.query_rollup_5m_realtime() OWNER TO zenglow_owner;

--
-- Name: FUNCTION query_rollup_5m_realtime(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.query_rollup_5m_realtime() IS 'The rows of zenglow_stats.query_stats_5m, for the views that sort before it (late-bound, inlined).';

--
-- Name: query_terms(text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.query_terms(p_query text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- The distinct English-stemmed terms of a query, as the chunks' tsv column stems them.
    select coalesce(array_agg(distinct u.lexeme order by u.lexeme), '{}')
    from unnest(to_tsvector('english'::regconfig, coalesce(p_query, ''))) u
$$;

ALTER FUNCTION zenglow.query_terms(p_query text) OWNER TO zenglow_owner;

--
-- Name: rag_query_arguments(text, real[], integer, jsonb, text, jsonb, text, integer); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.rag_query_arguments(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_mode text, p_options jsonb, p_model text, p_dimension integer, OUT terms text[], OUT filter text, OUT k1 double precision, OUT b double precision, OUT candidates integer, OUT lexical_budget bigint, OUT settings_version bigint) RETURNS record
    LANGUAGE plpgsql STABLE
    AS $$
-- Checks zenglow_api.rag_query's arguments and resolves its options, so that a bad request is
-- refused with ZenGlow's own SQLSTATE naming what is wrong, never with a cast error from deep
-- inside the query: ZG009 for top_k (1..1000), mode, filters (zenglow.retrieval_filter), the
-- query's length and the options (zenglow.validate_retrieval_settings: a JSON object of JSON
-- numbers, k1 0..100, b 0..1, candidates 1..1000, lexical_budget 1..1000000); ZG008 for the query
-- embedding (p_dimension numbers, one-dimensional, no null, NaN or infinity, a norm neither zero
-- nor beyond single precision, in which pgvector computes cosines). Each option the call does not
-- give comes from the tenant's retrieval settings (zenglow.retrieval_settings_in_effect: its
-- newest version, else _global's, else the defaults k1 1.2, b 0.75, candidates 200, lexical_budget
-- 5000), so the API, zenglow eval and zenglow ltr fit rank alike; candidates from the settings are
-- never fewer than top_k. Returns the query's stemmed terms, the filter's WHERE fragment, the
-- options and the settings version they came from (null for the defaults).
declare
    v_options jsonb;
    v_settings jsonb;
    v_nulls bigint;
    v_non_finite bigint;
    v_squares double precision;
begin
    if p_top_k is null or p_top_k < 1 or p_top_k > 1000 then
        raise exception using errcode = 'ZG009', message = format('top_k must be between 1 and 1000, not %s', coalesce(p_top_k::text, 'null'));
    end if;
    if p_mode is null or p_mode not in ('fusion', 'rrf', 'bm25', 'vector') then
        raise exception using errcode = 'ZG009', message = format('unknown mode %s', coalesce(quote_literal(p_mode), 'null')),
            hint = 'modes are fusion, rrf, bm25 and vector';
    end if;
    -- to_tsvector refuses more than 1 MB of lexemes (54000); no real query comes near this.
    if length(p_query) > 100000 then
        raise exception using errcode = 'ZG009', message = format('the query has %s characters; at most 100000 are allowed', length(p_query));
    end if;

    v_options := zenglow.validate_retrieval_settings(p_options, 'option');
    select r.settings, r.version into v_settings, settings_version from zenglow.retrieval_settings_in_effect() r;
    k1 := coalesce(v_options -> 'k1', v_settings -> 'k1')::numeric;
    b := coalesce(v_options -> 'b', v_settings -> 'b')::numeric;
    candidates := coalesce((v_options -> 'candidates')::numeric, greatest((v_settings -> 'candidates')::numeric, p_top_k));
    lexical_budget := coalesce(v_options -> 'lexical_budget', v_settings -> 'lexical_budget')::numeric;

    filter := zenglow.retrieval_filter(p_filters);
    terms := zenglow.query_terms(p_query);

    if p_embedding is not null then
        if array_ndims(p_embedding) > 1 then
            raise exception using errcode = 'ZG008',
                message = format('the query embedding must be a one-dimensional array, not %s-dimensional', array_ndims(p_embedding));
        end if;
        if cardinality(p_embedding) <> p_dimension then
            raise exception using errcode = 'ZG008',
                message = format('the query embedding has %s dimensions; model %s has %s',
                    cardinality(p_embedding), p_model, p_dimension);
        end if;
        select count(*) filter (where x is null),
            count(*) filter (where x = 'NaN'::real or x in ('Infinity'::real, '-Infinity'::real)),
            coalesce(sum(x::double precision * x) filter (where x <> 'NaN'::real and x not in ('Infinity'::real, '-Infinity'::real)), 0)
        into v_nulls, v_non_finite, v_squares
        from unnest(p_embedding) x;
        if v_nulls > 0 then
            raise exception using errcode = 'ZG008', message = format('the query embedding holds %s null values', v_nulls);
        end if;
        if v_non_finite > 0 then
            raise exception using errcode = 'ZG008', message = 'the query embedding holds NaN or infinite values';
        end if;
        if v_squares = 0 then
            raise exception using errcode = 'ZG008', message = 'the query embedding has zero length',
                detail = 'every component is 0, so its direction (and any cosine with it) is undefined';
        end if;
        -- pgvector sums the squares in single precision: beyond the largest real they overflow.
        if v_squares >= 3.4028235677973366e38 then
            raise exception using errcode = 'ZG008', message = 'the query embedding''s norm is not finite',
                detail = format('its squared norm %s exceeds the largest single-precision number', v_squares),
                hint = 'send a normalised embedding (unit length)';
        end if;
    elsif p_mode = 'vector' then
        raise exception using errcode = 'ZG008', message = 'vector mode needs a query embedding';
    end if;
end
$$;

ALTER FUNCTION zenglow.rag_query_arguments(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_mode text, p_options jsonb, p_model text, p_dimension integer, OUT terms text[], OUT filter text, OUT k1 double precision, OUT b double precision, OUT candidates integer, OUT lexical_budget bigint, OUT settings_version bigint) OWNER TO zenglow_owner;

--
-- Name: FUNCTION rag_query_arguments(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_mode text, p_options jsonb, p_model text, p_dimension integer, OUT terms text[], OUT filter text, OUT k1 double precision, OUT b double precision, OUT candidates integer, OUT lexical_budget bigint, OUT settings_version bigint); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.rag_query_arguments(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_mode text, p_options jsonb, p_model text, p_dimension integer, OUT terms text[], OUT filter text, OUT k1 double precision, OUT b double precision, OUT candidates integer, OUT lexical_budget bigint, OUT settings_version bigint) IS 'Validates rag_query''s arguments (ZG009 top_k, mode, filters, options, query length; ZG008 embedding) and resolves the options, each from the call, else the tenant''s retrieval settings: (terms, filter, k1, b, candidates, lexical_budget, settings_version).';

--
-- Name: rebuild_term_champions(text, text, bigint, integer, integer, double precision, double precision); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.rebuild_term_champions(p_tenant_id text, p_model text, p_min_df bigint DEFAULT NULL::bigint, p_list_size integer DEFAULT NULL::integer, p_depth integer DEFAULT NULL::integer, p_k1 double precision DEFAULT NULL::double precision, p_b double precision DEFAULT NULL::double precision) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- A full build of one tenant's champion lists for one model: for an install whose chunks predate
-- the lists, after the average chunk length drifted from the one the weights were computed with,
-- or to change how the lists are kept (each null argument keeps the current setting, or the
-- default: min_df 5000, list_size 2000, depth 1000, k1 1.2, b 0.75 — the serving defaults of
-- rag_query, whose tf-part order the lists follow). The weights take the corpus's avgdl of now.
-- Runs inside maintenance (all tenants visible) or as an operator's call, for which it makes
-- p_tenant_id the transaction's tenant while it works. Returns the rows written.
declare
    v_tenant text := current_setting('zenglow.tenant_id', true);
    v_maintenance boolean := zenglow.in_maintenance_mode();
    v_avgdl double precision;
    v_terms text[];
    v_rows bigint;
begin
    if not v_maintenance then
        perform set_config('zenglow.tenant_id', p_tenant_id, true);
    end if;
    select greatest(s.token_total::double precision / nullif(s.chunk_count, 0), 1) into v_avgdl
    from zenglow.corpus_stats s where s.tenant_id = p_tenant_id and s.embedding_model = p_model;
    insert into zenglow.term_champion_settings as s (tenant_id, embedding_model, min_df, list_size, depth, k1, b, avgdl, built_at)
    values (p_tenant_id, p_model, coalesce(p_min_df, 5000), coalesce(p_list_size, 2000),
        coalesce(p_depth, least(1000, coalesce(p_list_size, 2000))), coalesce(p_k1, 1.2), coalesce(p_b, 0.75),
        coalesce(v_avgdl, 1), now())
    on conflict (tenant_id, embedding_model) do update
        set min_df = coalesce(p_min_df, s.min_df), list_size = coalesce(p_list_size, s.list_size),
            depth = coalesce(p_depth, least(s.depth, coalesce(p_list_size, s.list_size))),
            k1 = coalesce(p_k1, s.k1), b = coalesce(p_b, s.b), avgdl = coalesce(v_avgdl, 1), built_at = now();
    -- Every list of the tenant goes, then each term common now gets its list (one pass over the postings).
    select coalesce(array_agg(t.term), '{}') into v_terms
    from (select distinct c.term from zenglow.term_champions c
          where c.tenant_id = p_tenant_id and c.embedding_model = p_model
          union
          select t.term from zenglow.term_stats t
          where t.tenant_id = p_tenant_id and t.embedding_model = p_model
            and t.df > (select s.min_df from zenglow.term_champion_settings s
                        where s.tenant_id = p_tenant_id and s.embedding_model = p_model)) t;
    v_rows := zenglow.build_term_champions(p_tenant_id, p_model, v_terms);
    if not v_maintenance then
        perform set_config('zenglow.tenant_id', coalesce(v_tenant, ''), true);
    end if;
    return v_rows;
end
$$;

ALTER FUNCTION zenglow.rebuild_term_champions(p_tenant_id text, p_model text, p_min_df bigint, p_list_size integer, p_depth integer, p_k1 double precision, p_b double precision) OWNER TO zenglow_owner;

--
-- Name: FUNCTION rebuild_term_champions(p_tenant_id text, p_model text, p_min_df bigint, p_list_size integer, p_depth integer, p_k1 double precision, p_b double precision); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.rebuild_term_champions(p_tenant_id text, p_model text, p_min_df bigint, p_list_size integer, p_depth integer, p_k1 double precision, p_b double precision) IS 'Full build of a tenant''s champion lists for a model (settings: min_df, list_size, depth, k1, b; null keeps the current one); the weights take the corpus''s avgdl of now. Returns the rows written.';

--
-- Name: refresh_query_rollups(timestamp with time zone); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.refresh_query_rollups(p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
-- Brings the rollup tables up to date from their watermarks (TimescaleDB's Apache build has no
-- continuous aggregates, so this is their refresh, the same on every storage). Per level, only
-- complete buckets, never anything at or past p_now:
--   5m  from raw query_performance: [start, date_bin('5 min', p_now)), start = watermark minus
--       the late window (maintenance_settings.query_rollup_late_window, 15 min), or the first
--       raw row when there is no watermark yet;
--   1h  from query_rollup_5m: the hours up to floor_h(5m watermark), from the earliest hour the
--       5m level rewrote in this call (or the 1h watermark, when the 5m level wrote nothing);
--   1d  from query_rollup_1h likewise (UTC days), plus top_documents from the day's raw rows.
-- The upper levels re-roll exactly what the level below rewrote: that is where the late window
-- can have changed anything. Each level deletes the buckets of its range and inserts them anew
-- (idempotent: a second call with the same p_now writes the same rows). A row recorded later
-- than the late window behind the 5m watermark is never counted (its bucket is not re-rolled);
-- one inside it is counted by the next call. A range never starts before the rows its source
-- still holds (raw rows past query_performance_retention, 5m rows past their retention), so
-- retention below never erases a rollup above. Then retention of the rollups themselves
-- (zenglow.maintenance_retire_query_rollups). Serialised with run_maintenance by its advisory
-- lock; maintenance mode, because row-level security is forced on every table read or written.
-- Returns {"5m": {"watermark", "buckets"}, "1h": …, "1d": …, "retired": {"5m": n, "1h": n, "1d": n}}.
declare
    v_settings zenglow.maintenance_settings;
    v_origin constant timestamptz := timestamptz '2000-01-01 00:00:00+00';
    v_result jsonb := '{}';
    v_started timestamptz;
    v_watermark timestamptz;
    v_first timestamptz;
    v_floor timestamptz;
    v_start timestamptz;
    v_end timestamptz;
    v_changed timestamptz;
    v_written bigint;
    v_level record;
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    select * into v_settings from zenglow.maintenance_settings;
    perform zenglow.maintenance_mode(true);

    -- 5 minutes, from raw rows.
    v_started := clock_timestamp();
    v_written := 0;
    select watermark into v_watermark from zenglow.query_rollup_watermarks where level = '5m' for update;
    v_end := date_bin(interval '5 minutes', p_now, v_origin);
    if v_watermark is null then
        select date_bin(interval '5 minutes', min(ts), v_origin) into v_first from zenglow.query_performance;
        v_start := v_first;
    else
        v_start := date_bin(interval '5 minutes', v_watermark - v_settings.query_rollup_late_window, v_origin);
    end if;
    -- Raw rows older than their retention may be gone already: re-rolling there would erase them.
    -- (greatest ignores a null start: no raw row at all leaves the watermark unset.)
    v_floor := date_bin(interval '5 minutes', now() - v_settings.query_performance_retention, v_origin) + interval '5 minutes';
    v_start := case when v_start is not null then greatest(v_start, v_floor) end;
    if v_start < v_end then
        delete from zenglow.query_rollup_5m where bucket >= v_start and bucket < v_end;
        insert into zenglow.query_rollup_5m select * from zenglow.query_rollup_5m_from_raw(v_start, v_end);
        get diagnostics v_written = row_count;
        v_changed := v_start;
    end if;
    if v_watermark is not null or v_start is not null then
        v_watermark := greatest(v_watermark, v_end);
    end if;
    update zenglow.query_rollup_watermarks
    set watermark = v_watermark, refreshed_at = clock_timestamp(), buckets_written = v_written,
        duration_ms = extract(epoch from clock_timestamp() - v_started) * 1000
    where level = '5m';
    v_result := v_result || jsonb_build_object('5m', jsonb_build_object('watermark', v_watermark, 'buckets', v_written));

    -- 1 hour from 5 minutes, 1 day from 1 hour: the same merge (sums, histogram_merge, jsonb_count_merge).
    for v_level in
        select * from (values
            ('1h', 'query_rollup_1h', 'query_rollup_5m', interval '1 hour', '5m', v_settings.query_rollup_5m_retention, interval '5 minutes'),
            ('1d', 'query_rollup_1d', 'query_rollup_1h', interval '1 day', '1h', v_settings.query_rollup_1h_retention, interval '1 hour'))
            l (level, target, source, width, below, below_retention, below_width)
    loop
        v_started := clock_timestamp();
        v_written := 0;
        select watermark into v_watermark from zenglow.query_rollup_watermarks where level = v_level.level for update;
        v_end := date_bin(v_level.width, (select watermark from zenglow.query_rollup_watermarks where level = v_level.below), v_origin);
        if v_watermark is null then
            execute format('select min(bucket) from zenglow.%I', v_level.source) into v_first;
            v_start := date_bin(v_level.width, v_first, v_origin);
        else
            v_start := date_bin(v_level.width, least(coalesce(v_changed, v_watermark), v_watermark), v_origin);
        end if;
        if v_level.below_retention is not null then
            -- The first whole bucket of this level that the level below still holds entirely.
            v_floor := date_bin(v_level.width, now() - v_level.below_retention + v_level.below_width, v_origin);
            if v_floor < now() - v_level.below_retention + v_level.below_width then
                v_floor := v_floor + v_level.width;
            end if;
            v_start := case when v_start is not null then greatest(v_start, v_floor) end;
        end if;
        v_changed := null;
        if v_start < v_end then
            execute format('delete from zenglow.%I where bucket >= $1 and bucket < $2', v_level.target) using v_start, v_end;
            execute format($merge$
                insert into zenglow.%I (tenant_id, bucket, endpoint, mode, model, requests, errors_client, errors_throttled,
                    errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum,
                    ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist,
                    result_sources)
                select tenant_id, date_bin($3, bucket, $4), endpoint, mode, model, sum(requests), sum(errors_client),
                    sum(errors_throttled), sum(errors_server), sum(degraded), sum(cache_hits), sum(results), sum(total_ms_sum),
                    sum(embed_ms_sum), sum(retrieve_ms_sum), sum(features_ms_sum), sum(ltr_ms_sum), sum(fusion_ms_sum),
                    coalesce(zenglow_stats.histogram_merge(total_hist), '{}'), zenglow_stats.histogram_merge(embed_hist),
                    zenglow_stats.histogram_merge(retrieve_hist), zenglow_stats.histogram_merge(features_hist),
                    zenglow_stats.histogram_merge(ltr_hist), zenglow_stats.histogram_merge(fusion_hist),
                    coalesce(zenglow_stats.jsonb_count_merge(result_sources), '{}')
                from zenglow.%I
                where bucket >= $1 and bucket < $2
                group by 1, 2, 3, 4, 5
                $merge$, v_level.target, v_level.source)
                using v_start, v_end, v_level.width, v_origin;
            get diagnostics v_written = row_count;
            v_changed := v_start;
            if v_level.level = '1d' then
                -- The day's 100 most frequent top-k documents, from its raw rows (ties by id, so
                -- that a re-roll writes the same object).
                update zenglow.query_rollup_1d d
                set top_documents = t.documents
                from (
                    select tenant_id, bucket, endpoint, mode, model, jsonb_object_agg(document, n) as documents
                    from (
                        select c.*, row_number() over (partition by tenant_id, bucket, endpoint, mode, model
                                                       order by n desc, document) as position
                        from (
                            select q.tenant_id, date_bin(interval '1 day', q.ts, v_origin) as bucket, q.endpoint,
                                coalesce(q.mode, '') as mode, coalesce(q.model, '') as model, doc.document, count(*) as n
                            from zenglow.query_performance q
                            cross join lateral unnest(q.top_documents) doc (document)
                            where q.ts >= v_start and q.ts < v_end and doc.document is not null
                            group by 1, 2, 3, 4, 5, 6
                        ) c
                    ) r
                    where position <= 100
                    group by 1, 2, 3, 4, 5
                ) t
                where d.tenant_id = t.tenant_id and d.bucket = t.bucket and d.endpoint = t.endpoint
                  and d.mode = t.mode and d.model = t.model;
            end if;
        end if;
        if v_end is not null then
            v_watermark := greatest(v_watermark, v_end);
        end if;
        update zenglow.query_rollup_watermarks
        set watermark = v_watermark, refreshed_at = clock_timestamp(), buckets_written = v_written,
            duration_ms = extract(epoch from clock_timestamp() - v_started) * 1000
        where level = v_level.level;
        v_result := v_result || jsonb_build_object(v_level.level, jsonb_build_object('watermark', v_watermark, 'buckets', v_written));
    end loop;

    v_result := v_result || jsonb_build_object('retired', zenglow.maintenance_retire_query_rollups(p_now));
    perform zenglow.maintenance_mode(false);
    return v_result;
end
$_$;

ALTER FUNCTION zenglow.refresh_query_rollups(p_now timestamp with time zone) OWNER TO zenglow_owner;

--
-- Name: FUNCTION refresh_query_rollups(p_now timestamp with time zone); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.refresh_query_rollups(p_now timestamp with time zone) IS 'Refreshes query_rollup_5m/_1h/_1d from their watermarks up to the last complete bucket before p_now, re-rolling the late window; then rollup retention. Idempotent. Returns {"5m": {"watermark", "buckets"}, "1h", "1d", "retired"}.';

--
-- Name: require_tenant(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.require_tenant() RETURNS text
    LANGUAGE plpgsql STABLE
    AS $$
-- The current tenant, or an error for functions that write: they refuse rather than guess.
declare
    v_tenant text := zenglow.current_tenant();
begin
    if v_tenant is null then
        raise exception using
            errcode = 'ZG001',
            message = 'no tenant is set for this transaction',
            detail = format('zenglow.tenant_id is %s', coalesce(quote_literal(nullif(current_setting('zenglow.tenant_id', true), '')), 'unset')),
            hint = 'run `set local zenglow.tenant_id = ''<tenant>''` in the same transaction, with an active tenant';
    end if;
    return v_tenant;
end
$$;

ALTER FUNCTION zenglow.require_tenant() OWNER TO zenglow_owner;

--
-- Name: retrieval_filter(jsonb); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.retrieval_filter(p_filters jsonb) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    AS $$
-- The WHERE fragment (on alias c) both retrieval branches share, from the request's filters:
--   {"source": "a" | ["a", "b"], "batch": "tag" | ["t1", "t2"], "metadata": {…} (containment)}
-- Values become quoted literals; an unknown key or a wrong type raises ZG009 naming it.
declare
    v_key text;
    v_sql text := '';
    v_value jsonb;
begin
    if p_filters is null or p_filters = 'null'::jsonb then
        return '';
    end if;
    if jsonb_typeof(p_filters) <> 'object' then
        raise exception using errcode = 'ZG009', message = 'filters must be a JSON object',
            hint = 'e.g. {"source": ["pubmed"], "batch": "b1", "metadata": {"lang": "en"}}';
    end if;
    for v_key, v_value in select * from jsonb_each(p_filters) loop
        if v_key in ('source', 'batch') then
            if jsonb_typeof(v_value) = 'string' then
                v_value := jsonb_build_array(v_value);
            end if;
            if jsonb_typeof(v_value) <> 'array' or exists (
                    select from jsonb_array_elements(v_value) e where jsonb_typeof(e) <> 'string') then
                raise exception using errcode = 'ZG009',
                    message = format('filter %L must be a string or an array of strings', v_key);
            end if;
            v_sql := v_sql || format(' and c.%s = any (%L::text[])',
                case v_key when 'source' then 'source' else 'batch_tag' end,
                (select coalesce(array_agg(e), '{}') from jsonb_array_elements_text(v_value) e));
        elsif v_key = 'metadata' then
            if jsonb_typeof(v_value) <> 'object' then
                raise exception using errcode = 'ZG009', message = 'filter ''metadata'' must be a JSON object',
                    hint = 'rows match when their metadata contains it, e.g. {"lang": "en"}';
            end if;
            v_sql := v_sql || format(' and c.metadata @> %L::jsonb', v_value);
        else
            raise exception using errcode = 'ZG009', message = format('unknown filter %L', v_key),
                hint = 'filters are source, batch and metadata';
        end if;
    end loop;
    return v_sql;
end
$$;

ALTER FUNCTION zenglow.retrieval_filter(p_filters jsonb) OWNER TO zenglow_owner;

--
-- Name: retrieval_settings_defaults(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.retrieval_settings_defaults() RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- The built-in retrieval settings, used where neither the call, the tenant nor _global gives
    -- a value: BM25 k1 1.2 and b 0.75 (Robertson's usual values), 200 candidates per branch
    -- (never fewer than top_k), 5000 postings of the lexical budget.
    select '{"k1": 1.2, "b": 0.75, "candidates": 200, "lexical_budget": 5000}'::jsonb
$$;

ALTER FUNCTION zenglow.retrieval_settings_defaults() OWNER TO zenglow_owner;

--
-- Name: FUNCTION retrieval_settings_defaults(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.retrieval_settings_defaults() IS 'The built-in retrieval settings: {"k1": 1.2, "b": 0.75, "candidates": 200, "lexical_budget": 5000}.';

--
-- Name: retrieval_settings_in_effect(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.retrieval_settings_in_effect(OUT version bigint, OUT scope text, OUT settings jsonb, OUT ltr_version bigint, OUT created_at timestamp with time zone, OUT actor text, OUT reason text) RETURNS record
    LANGUAGE plpgsql STABLE
    AS $$
-- The retrieval settings of the current tenant's queries: its newest version, else the newest
-- _global one, else the built-in defaults (scope tenant, global or default; version null for the
-- defaults). settings is always complete: a field an older row lacks comes from the defaults. One
-- primary-key lookup per scope; rag_query_arguments, cache_generation and
-- current_retrieval_settings all choose through here, so they cannot disagree.
declare
    v_tenant text := zenglow.current_tenant();
    v_row zenglow.retrieval_settings;
begin
    if v_tenant is not null then
        select * into v_row from zenglow.retrieval_settings s
        where s.tenant_id = v_tenant order by s.version desc limit 1;
        if not found then
            select * into v_row from zenglow.retrieval_settings s
            where s.tenant_id = '_global' order by s.version desc limit 1;
        end if;
    end if;
    version := v_row.version;
    scope := case when v_row.version is null then 'default' when v_row.tenant_id = '_global' then 'global' else 'tenant' end;
    settings := zenglow.retrieval_settings_defaults() || coalesce(v_row.settings, '{}');
    ltr_version := v_row.ltr_version;
    created_at := v_row.created_at;
    actor := v_row.actor;
    reason := v_row.reason;
end
$$;

ALTER FUNCTION zenglow.retrieval_settings_in_effect(OUT version bigint, OUT scope text, OUT settings jsonb, OUT ltr_version bigint, OUT created_at timestamp with time zone, OUT actor text, OUT reason text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION retrieval_settings_in_effect(OUT version bigint, OUT scope text, OUT settings jsonb, OUT ltr_version bigint, OUT created_at timestamp with time zone, OUT actor text, OUT reason text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.retrieval_settings_in_effect(OUT version bigint, OUT scope text, OUT settings jsonb, OUT ltr_version bigint, OUT created_at timestamp with time zone, OUT actor text, OUT reason text) IS 'The current tenant''s retrieval settings: (version, scope tenant|global|default, settings {k1, b, candidates, lexical_budget}, ltr_version, created_at, actor, reason).';

--
-- Name: run_maintenance(); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.run_maintenance() RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    select zenglow.run_maintenance('manual')
$$;

ALTER FUNCTION zenglow.run_maintenance() OWNER TO zenglow_owner;

--
-- Name: FUNCTION run_maintenance(); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.run_maintenance() IS 'zenglow.run_maintenance(''manual''): one manual run.';

--
-- Name: run_maintenance(text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.run_maintenance(p_scheduler text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Partition upkeep, safe to run every minute (and cheap when there is nothing to do). An
-- orchestrator over one function per step, in this order:
--   1. zenglow.maintenance_premake_partitions        chunks partitions for now and ahead
--   2. zenglow.maintenance_heal_partitions           rows in chunks_default into their own partitions
--   3. zenglow.maintenance_retire_chunks             chunk retention, pinned batches kept
--   4. zenglow.refresh_query_rollups                 the 5m/1h/1d rollups from their watermarks, then
--                                                    their retention (its jsonb goes into the run's rollups)
--   5. zenglow.maintenance_retire_query_performance  drop_chunks, or daily partitions without TimescaleDB,
--                                                    never past what step 4 rolled up
--   6. zenglow.maintenance_term_champions            champion lists missing (a deferred bulk load, chunks
--                                                    from before 0024) or built for an avgdl that drifted
--   7. zenglow.maintenance_analyze_partitions        ANALYZE the partitions a large load changed
--                                                    (after retention: nothing about to be dropped)
--   8. zenglow.maintenance_forget_runs               run records past run_history_retention
-- A transaction-level advisory lock makes a concurrent second run a recorded no-op
-- (skipped_locked). Each step runs in its own subtransaction: a failing step is recorded
-- (outcome partial, error '<step>: <message>') and the others still run. The run is one row of
-- zenglow.maintenance_runs, which is also what this returns; p_scheduler (manual, service, pg_cron)
-- records what started it, so `migrate status` and /health/ready can say which scheduler is active.
declare
    v_started timestamptz := clock_timestamp();
    v_run_id bigint;
    v_created text[] := '{}';
    v_dropped text[] := '{}';
    v_healed text[] := '{}';
    v_analyzed text[] := '{}';
    v_moved bigint := 0;
    v_deleted bigint := 0;
    v_errors text[] := '{}';
    v_step record;
    v_rollups jsonb;
    v_result jsonb;
begin
    if p_scheduler is null or p_scheduler not in ('manual', 'service', 'pg_cron') then
        raise exception 'unknown maintenance scheduler %: manual, service or pg_cron', coalesce(quote_literal(p_scheduler), 'null')
            using errcode = '22023';
    end if;
    if not pg_try_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0)) then
        insert into zenglow.maintenance_runs (trigger, outcome, finished_at, duration_ms, scheduler)
        values ('scheduled', 'skipped_locked', clock_timestamp(), extract(epoch from clock_timestamp() - v_started) * 1000,
            p_scheduler)
        returning to_jsonb(maintenance_runs.*) into v_result;
        return v_result;
    end if;

    begin
        v_created := v_created || zenglow.maintenance_premake_partitions();
    exception when others then
        v_errors := v_errors || ('premake: ' || sqlerrm);
    end;

    begin
        select * into v_step from zenglow.maintenance_heal_partitions();
        v_healed := v_healed || v_step.healed;
        v_moved := v_moved + v_step.moved_rows;
    exception when others then
        v_errors := v_errors || ('heal: ' || sqlerrm);
    end;

    begin
        select * into v_step from zenglow.maintenance_retire_chunks();
        v_dropped := v_dropped || v_step.dropped;
        v_deleted := v_deleted + v_step.deleted_rows;
    exception when others then
        v_errors := v_errors || ('chunk retention: ' || sqlerrm);
    end;

    -- Before raw retention, which drops only what the 5-minute rollups hold.
    begin
        v_rollups := zenglow.refresh_query_rollups();
    exception when others then
        v_errors := v_errors || ('rollups: ' || sqlerrm);
    end;

    begin
        select * into v_step from zenglow.maintenance_retire_query_performance();
        v_created := v_created || v_step.created;
        v_dropped := v_dropped || v_step.dropped;
        v_healed := v_healed || v_step.healed;
        v_moved := v_moved + v_step.moved_rows;
    exception when others then
        v_errors := v_errors || ('query_performance: ' || sqlerrm);
    end;

    begin
        perform zenglow.maintenance_term_champions();
    exception when others then
        v_errors := v_errors || ('champion lists: ' || sqlerrm);
    end;

    begin
        v_analyzed := zenglow.maintenance_analyze_partitions();
    exception when others then
        v_errors := v_errors || ('analyze: ' || sqlerrm);
    end;

    begin
        perform zenglow.maintenance_forget_runs();
    exception when others then
        v_errors := v_errors || ('run history: ' || sqlerrm);
    end;

    -- Each step leaves maintenance mode off (a failed one's subtransaction undid it); make sure.
    perform zenglow.maintenance_mode(false);
    insert into zenglow.maintenance_runs
        (started_at, finished_at, duration_ms, trigger, outcome, created, dropped, healed, moved_rows, deleted_rows, error, rollups,
         scheduler, analyzed)
    values (v_started, clock_timestamp(), extract(epoch from clock_timestamp() - v_started) * 1000, 'scheduled',
        case when cardinality(v_errors) > 0 then 'partial'
             when cardinality(v_healed) > 0 then 'healed_partition'
             else 'success' end,
        v_created, v_dropped, v_healed, v_moved, v_deleted, nullif(array_to_string(v_errors, '; '), ''), v_rollups,
        p_scheduler, v_analyzed)
    returning run_id into v_run_id;
    select to_jsonb(r) into v_result from zenglow.maintenance_runs r where r.run_id = v_run_id;
    return v_result;
end
$$;

ALTER FUNCTION zenglow.run_maintenance(p_scheduler text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION run_maintenance(p_scheduler text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.run_maintenance(p_scheduler text) IS 'Premakes, heals and retires partitions of chunks and query_performance, refreshes the query rollups and ANALYZEs the partitions a large load changed (one function per step, each in its own subtransaction); records the run and its scheduler (manual, service, pg_cron) in zenglow.maintenance_runs and returns that row. Safe to run every minute and concurrently.';

--
-- Name: set_ann_settings(text, jsonb, text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.set_ann_settings(p_model text, p_settings jsonb, p_actor text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Changes one model's ANN settings in one call: p_settings is a JSON object of any of
-- index_kind ('hnsw' | 'ivfflat'), hnsw_m (2..100), hnsw_ef_construction (4..1000),
-- hnsw_ef_search (1..1000, null = the query's candidates), ivfflat_lists (1..32768, null = from
-- the row count), ivfflat_probes (1..32768); keys left out keep their value. A change bumps the
-- version and is audited under _global ('ann.settings', old and new values). Search parameters
-- apply to the next query; build parameters (kind, m, ef_construction, lists) need the index
-- rebuilt, which `zenglow ann apply` does concurrently: the answer says rebuild_needed.
-- Errors: ZG006 unknown model, ZG009 an unknown key or a value out of range.
declare
    v_hint constant text := 'settings are index_kind (hnsw|ivfflat), hnsw_m (2..100), hnsw_ef_construction (4..1000), '
        'hnsw_ef_search (1..1000 or null), ivfflat_lists (1..32768 or null), ivfflat_probes (1..32768)';
    v_old zenglow.ann_settings;
    v_new zenglow.ann_settings;
    v_key text;
begin
    select * into v_old from zenglow.ann_settings where model_name = p_model for update;
    if not found then
        raise exception using errcode = 'ZG006', message = format('unknown embedding model %L', p_model),
            hint = 'register it in zenglow.models first';
    end if;
    if p_settings is null or jsonb_typeof(p_settings) <> 'object' then
        raise exception using errcode = 'ZG009', message = 'ANN settings must be a JSON object', hint = v_hint;
    end if;
    for v_key in select jsonb_object_keys(p_settings) loop
        if v_key not in ('index_kind', 'hnsw_m', 'hnsw_ef_construction', 'hnsw_ef_search', 'ivfflat_lists', 'ivfflat_probes') then
            raise exception using errcode = 'ZG009', message = format('unknown ANN setting %L', v_key), hint = v_hint;
        end if;
    end loop;
    v_new := v_old;
    if p_settings ? 'index_kind' then
        if jsonb_typeof(p_settings -> 'index_kind') <> 'string' or p_settings ->> 'index_kind' not in ('hnsw', 'ivfflat') then
            raise exception using errcode = 'ZG009',
                message = format('index_kind must be "hnsw" or "ivfflat", not %s', p_settings -> 'index_kind'), hint = v_hint;
        end if;
        v_new.index_kind := p_settings ->> 'index_kind';
    end if;
    if p_settings ? 'hnsw_m' then
        v_new.hnsw_m := coalesce(zenglow.bounded_number(p_settings -> 'hnsw_m', 'hnsw_m', 2, 100, true, 'ZG009', v_hint), 16);
    end if;
    if p_settings ? 'hnsw_ef_construction' then
        v_new.hnsw_ef_construction := coalesce(zenglow.bounded_number(p_settings -> 'hnsw_ef_construction',
            'hnsw_ef_construction', 4, 1000, true, 'ZG009', v_hint), 64);
    end if;
    if p_settings ? 'hnsw_ef_search' then
        v_new.hnsw_ef_search := zenglow.bounded_number(p_settings -> 'hnsw_ef_search', 'hnsw_ef_search', 1, 1000, true, 'ZG009', v_hint);
    end if;
    if p_settings ? 'ivfflat_lists' then
        v_new.ivfflat_lists := zenglow.bounded_number(p_settings -> 'ivfflat_lists', 'ivfflat_lists', 1, 32768, true, 'ZG009', v_hint);
    end if;
    if p_settings ? 'ivfflat_probes' then
        v_new.ivfflat_probes := coalesce(zenglow.bounded_number(p_settings -> 'ivfflat_probes', 'ivfflat_probes', 1, 32768,
            true, 'ZG009', v_hint), 10);
    end if;
    if (v_new.index_kind, v_new.hnsw_m, v_new.hnsw_ef_construction, v_new.hnsw_ef_search, v_new.ivfflat_lists, v_new.ivfflat_probes)
        is not distinct from
        (v_old.index_kind, v_old.hnsw_m, v_old.hnsw_ef_construction, v_old.hnsw_ef_search, v_old.ivfflat_lists, v_old.ivfflat_probes) then
        return zenglow.ann_settings_report(p_model, false);
    end if;
    update zenglow.ann_settings
    set index_kind = v_new.index_kind, hnsw_m = v_new.hnsw_m, hnsw_ef_construction = v_new.hnsw_ef_construction,
        hnsw_ef_search = v_new.hnsw_ef_search, ivfflat_lists = v_new.ivfflat_lists, ivfflat_probes = v_new.ivfflat_probes,
        version = version + 1, changed_at = now(), changed_by = p_actor
    where model_name = p_model;
    perform zenglow_audit.append_for('_global', p_actor, 'ann.settings', 'models/' || p_model,
        jsonb_build_object('old', to_jsonb(v_old) - 'built' - 'changed_at' - 'changed_by' - 'model_name',
            'new', to_jsonb(v_new) - 'built' - 'changed_at' - 'changed_by' - 'model_name' || jsonb_build_object('version', v_old.version + 1)));
    return zenglow.ann_settings_report(p_model, true);
end
$$;

ALTER FUNCTION zenglow.set_ann_settings(p_model text, p_settings jsonb, p_actor text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION set_ann_settings(p_model text, p_settings jsonb, p_actor text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.set_ann_settings(p_model text, p_settings jsonb, p_actor text) IS 'Changes a model''s ANN index settings (index_kind, hnsw_m, hnsw_ef_construction, hnsw_ef_search, ivfflat_lists, ivfflat_probes) in one audited call; returns the settings, whether they changed and whether the index needs a rebuild.';

--
-- Name: set_global_retrieval_settings(jsonb, text, text, text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.set_global_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- The operator's way to change the _global retrieval settings, which every tenant without its own
-- uses: as zenglow_api.set_retrieval_settings (fields given over those in effect, null resets one,
-- audited in _global's chain, NOTIFY zenglow_settings), for the owner only: the API cannot call it.
-- Security definer to write _global's row under the owner's maintenance-mode policy.
declare
    v_given jsonb := zenglow.validate_retrieval_settings(p_settings);
    v_old zenglow.retrieval_settings;
    v_settings jsonb;
    v_version bigint;
begin
    if p_reason is null or btrim(p_reason) = '' or p_actor is null or btrim(p_actor) = '' then
        raise exception using errcode = 'ZG009', message = 'a reason and an actor are required to change retrieval settings';
    end if;
    perform zenglow.maintenance_mode(true);
    perform pg_advisory_xact_lock(hashtextextended('zenglow.retrieval_settings:_global', 0));
    select * into v_old from zenglow.retrieval_settings s where s.tenant_id = '_global' order by s.version desc limit 1;
    v_settings := ((zenglow.retrieval_settings_defaults() || coalesce(v_old.settings, '{}'))
        - array(select k from jsonb_each(p_settings) e (k, v) where jsonb_typeof(p_settings) = 'object' and jsonb_typeof(e.v) = 'null'))
        || v_given;
    insert into zenglow.retrieval_settings (tenant_id, settings, reason, actor, issue_link)
    values ('_global', v_settings, p_reason, p_actor, p_issue_link)
    returning version, settings into v_version, v_settings;
    perform zenglow_audit.append_for('_global', p_actor, 'retrieval_settings.activate', 'retrieval_settings/' || v_version,
        jsonb_build_object(
            'old', case when v_old.version is null then null
                else jsonb_build_object('version', v_old.version, 'settings', v_old.settings) end,
            'new', jsonb_build_object('version', v_version, 'settings', v_settings),
            'reason', p_reason, 'issue_link', p_issue_link));
    perform zenglow.maintenance_mode(false);
    return jsonb_build_object('version', v_version, 'settings', v_settings, 'previous_version', v_old.version);
end
$$;

ALTER FUNCTION zenglow.set_global_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION set_global_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.set_global_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text) IS 'Owner only: activates new _global retrieval settings (the fields given over the current ones); audited; NOTIFY zenglow_settings.';

--
-- Name: set_tenant_active(text, boolean); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.set_tenant_active(p_tenant_id text, p_active boolean) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Enables or disables a tenant (`zenglow tenants enable|disable`) and returns its previous
-- state. An inactive tenant sees nothing: zenglow.current_tenant() is null for it, so every
-- policy matches no row and every writing function refuses (ZG001); its data stays. A change is
-- appended to the tenant's audit chain in the same transaction, as fusion-weight changes are:
-- actor the connected role (session_user; operators run this as the owner or a superuser),
-- details {old, new, reason}, the reason from the transaction-local setting zenglow.audit_reason
-- when the caller set one. Setting the state it already has changes and audits nothing.
-- ZG007 for a missing tenant, ZG009 for _global or a null state.
declare
    v_previous boolean;
begin
    if p_tenant_id = '_global' then
        raise exception using errcode = 'ZG009', message = 'tenant id ''_global'' is reserved',
            detail = '_global holds the defaults every tenant starts from and is never active or inactive';
    end if;
    if p_active is null then
        raise exception using errcode = 'ZG009', message = 'the new state must be true (active) or false (inactive), not null';
    end if;
    perform zenglow.maintenance_mode(true);
    -- The row lock makes concurrent changes of one tenant queue, so "previous" is what was replaced.
    select t.active into v_previous from zenglow.tenants t where t.tenant_id = p_tenant_id for update;
    if not found then
        perform zenglow.maintenance_mode(false);
        raise exception using errcode = 'ZG007', message = format('tenant %L does not exist', p_tenant_id),
            hint = format('create it with: zenglow tenants create %s', p_tenant_id);
    end if;
    if v_previous is distinct from p_active then
        update zenglow.tenants t set active = p_active where t.tenant_id = p_tenant_id;
        perform zenglow_audit.append_for(p_tenant_id, session_user::text,
            case when p_active then 'tenant.enable' else 'tenant.disable' end, 'tenants/' || p_tenant_id,
            jsonb_build_object('old', jsonb_build_object('active', v_previous), 'new', jsonb_build_object('active', p_active),
                'reason', nullif(current_setting('zenglow.audit_reason', true), '')));
    end if;
    perform zenglow.maintenance_mode(false);
    return v_previous;
end
$$;

ALTER FUNCTION zenglow.set_tenant_active(p_tenant_id text, p_active boolean) OWNER TO zenglow_owner;

--
-- Name: FUNCTION set_tenant_active(p_tenant_id text, p_active boolean); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.set_tenant_active(p_tenant_id text, p_active boolean) IS 'Enables (true) or disables (false) a tenant, audited in its chain; returns the previous state. ZG007 no such tenant, ZG009 _global.';

--
-- Name: tenant_state(text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.tenant_state(p_tenant_id text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- 'active', 'inactive', or null when there is no such tenant (_global is none), so that
-- operators' tools can say precisely what is wrong ("tenant acme does not exist").
declare
    v_active boolean;
begin
    perform zenglow.maintenance_mode(true);
    select t.active into v_active from zenglow.tenants t where t.tenant_id = p_tenant_id and t.tenant_id <> '_global';
    perform zenglow.maintenance_mode(false);
    return case v_active when true then 'active' when false then 'inactive' end;
end
$$;

ALTER FUNCTION zenglow.tenant_state(p_tenant_id text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION tenant_state(p_tenant_id text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.tenant_state(p_tenant_id text) IS 'A tenant''s state: active, inactive, or null when there is no such tenant.';

--
-- Name: terms_tsquery(text[]); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.terms_tsquery(p_terms text[]) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- 'a' | 'b' | … of already-stemmed terms, quoted so that no term is parsed or stemmed again.
    select string_agg('''' || replace(replace(t, '\', '\\'), '''', '''''') || '''', ' | ')::tsquery
    from unnest(p_terms) t
$$;

ALTER FUNCTION zenglow.terms_tsquery(p_terms text[]) OWNER TO zenglow_owner;

--
-- Name: token_count(tsvector); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.token_count(p_tsv tsvector) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- A chunk's length for BM25: its indexed token occurrences (stop words excluded).
    select coalesce(sum(cardinality(u.positions)), 0)::integer from unnest(p_tsv) u
$$;

ALTER FUNCTION zenglow.token_count(p_tsv tsvector) OWNER TO zenglow_owner;

--
-- Name: validate_fusion_weights(jsonb); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.validate_fusion_weights(p_weights jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    AS $$
-- Fusion weights are {"ltr": w, "vector": w}: both present, finite numbers from 0 to 1000 with a
-- positive sum. Returns them normalised to double precision numbers; raises ZG002 naming what is
-- wrong. JSON numbers are read as numeric first, which never fails, so no value can surface as a
-- cast error (22003); a magnitude below 1e-307 counts as 0, as IEEE parsers round it.
declare
    v_key text;
    v_value jsonb;
    v_number numeric;
    v_normalised jsonb := '{}';
    v_sum double precision := 0;
    v_maximum constant numeric := 1000;
    v_example constant text := 'e.g. {"ltr": 0.6, "vector": 0.4}';
begin
    if p_weights is null or jsonb_typeof(p_weights) <> 'object' then
        raise exception using errcode = 'ZG002', message = 'fusion weights must be a JSON object',
            hint = v_example;
    end if;
    for v_key in select k from jsonb_object_keys(p_weights) k loop
        if v_key not in ('ltr', 'vector') then
            raise exception using errcode = 'ZG002', message = format('unknown fusion weight %L', v_key),
                hint = 'the weights are "ltr" and "vector", ' || v_example;
        end if;
    end loop;
    foreach v_key in array array['ltr', 'vector'] loop
        v_value := p_weights -> v_key;
        if v_value is null then
            raise exception using errcode = 'ZG002', message = format('fusion weight %L is missing', v_key),
                hint = v_example;
        end if;
        if jsonb_typeof(v_value) <> 'number' then
            raise exception using errcode = 'ZG002',
                message = format('fusion weight %L must be a number, not %s', v_key, left(v_value::text, 40)), hint = v_example;
        end if;
        v_number := v_value::numeric;
        if abs(v_number) > 1.7976931348623157e308 then
            raise exception using errcode = 'ZG002', message = format('fusion weight %L is not finite', v_key),
                detail = 'it is beyond the range of double precision', hint = v_example;
        end if;
        if v_number < 0 then
            raise exception using errcode = 'ZG002',
                message = format('fusion weight %L is negative (%s)', v_key, v_value::text), hint = v_example;
        end if;
        if v_number > v_maximum then
            raise exception using errcode = 'ZG002',
                message = format('fusion weight %L is above the maximum of %s (%s)', v_key, v_maximum, left(v_value::text, 40)),
                detail = 'only the ratio of the weights matters; scale them down', hint = v_example;
        end if;
        if v_number < 1e-307 then
            v_number := 0;
        end if;
        v_normalised := v_normalised || jsonb_build_object(v_key, v_number::double precision);
        v_sum := v_sum + v_number::double precision;
    end loop;
    if v_sum <= 0 then
        raise exception using errcode = 'ZG002', message = 'fusion weights sum to 0; at least one must be positive',
            hint = v_example;
    end if;
    return v_normalised;
end
$$;

ALTER FUNCTION zenglow.validate_fusion_weights(p_weights jsonb) OWNER TO zenglow_owner;

--
-- Name: validate_retrieval_settings(jsonb, text); Type: FUNCTION; Schema: zenglow; Owner: zenglow_owner
--

CREATE FUNCTION zenglow.validate_retrieval_settings(p_settings jsonb, p_kind text DEFAULT 'setting'::text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    AS $$
-- Retrieval settings, stored (p_kind 'setting') or one rag_query call's options (p_kind 'option'),
-- are a JSON object of JSON numbers: k1 0..100, b 0..1, candidates 1..1000 and lexical_budget
-- 1..1000000 (integers). Returns the keys given, as numbers (a JSON null key is left out: the
-- caller falls back for it); raises ZG009 naming the field and its range, never a cast error. The
-- one list of fields, so a new setting is added here and nowhere else.
declare
    v_hint constant text := format('%ss are k1 (0..100), b (0..1), candidates (1..1000) and lexical_budget (1..1000000)', p_kind);
    v_key text;
    v_value numeric;
    v_result jsonb := '{}';
    v_field record;
begin
    if p_settings is null or jsonb_typeof(p_settings) = 'null' then
        return v_result;
    end if;
    if jsonb_typeof(p_settings) <> 'object' then
        raise exception using errcode = 'ZG009', message = format('%ss must be a JSON object', p_kind), hint = v_hint;
    end if;
    for v_key in select jsonb_object_keys(p_settings) loop
        if v_key not in ('k1', 'b', 'candidates', 'lexical_budget') then
            raise exception using errcode = 'ZG009', message = format('unknown %s %L', p_kind, v_key), hint = v_hint;
        end if;
    end loop;
    for v_field in
        select * from (values ('k1', 0, 100, false), ('b', 0, 1, false), ('candidates', 1, 1000, true),
            ('lexical_budget', 1, 1000000, true)) f (name, low, high, whole)
    loop
        v_value := zenglow.bounded_number(p_settings -> v_field.name, format('%s %L', p_kind, v_field.name),
            v_field.low, v_field.high, v_field.whole, 'ZG009', v_hint);
        if v_value is not null then
            -- An integer field given as 200.0 is stored as 200, which every JSON reader takes as one.
            v_result := v_result || jsonb_build_object(v_field.name, case when v_field.whole then trunc(v_value) else v_value end);
        end if;
    end loop;
    return v_result;
end
$$;

ALTER FUNCTION zenglow.validate_retrieval_settings(p_settings jsonb, p_kind text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION validate_retrieval_settings(p_settings jsonb, p_kind text); Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow.validate_retrieval_settings(p_settings jsonb, p_kind text) IS 'Retrieval settings or rag_query options {k1 0..100, b 0..1, candidates 1..1000, lexical_budget 1..1000000}: the keys given as numbers (JSON nulls left out), or ZG009 naming the field.';

--
-- Name: annotate_batch(text, text, jsonb, jsonb, jsonb); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.annotate_batch(p_tag text, p_alert_reason text, p_drift jsonb, p_pii jsonb, p_summary jsonb DEFAULT NULL::jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
-- Records what the spool worker learnt about one of the current tenant's batches after loading
-- it: the alert its run raised (healed_partition, …), the drift of its source mix, the PII found
-- and its ingest summary. A null argument leaves that column as it is, so the worker may annotate
-- in steps. Setting an alert reason announces the manifest again, now with "reason". Runs with
-- the caller's rights: row-level security keeps it to the caller's tenant as well.
declare
    v_tenant text := zenglow.require_tenant();
    v_batch zenglow.batches;
begin
    -- The values the batches table's constraints hold, refused here with a message that says so.
    if p_alert_reason is not null and p_alert_reason not in ('failed', 'healed_partition', 'partition_missing', 'other_error') then
        raise exception using errcode = 'ZG009', message = format('unknown alert reason %L', left(p_alert_reason, 200)),
            hint = 'alert reasons are failed, healed_partition, partition_missing and other_error (success raises no alert)';
    end if;
    if jsonb_typeof(p_drift) <> 'object' or jsonb_typeof(p_pii) <> 'object' or jsonb_typeof(p_summary) <> 'object' then
        raise exception using errcode = 'ZG009', message = 'drift, pii and summary are JSON objects',
            detail = format('drift is %s, pii %s, summary %s', coalesce(jsonb_typeof(p_drift), 'null'),
                coalesce(jsonb_typeof(p_pii), 'null'), coalesce(jsonb_typeof(p_summary), 'null'));
    end if;
    -- A manifest stays small: it is read on every GET /ingest/batches/{tag}.
    if octet_length(p_drift::text) > 65536 or octet_length(p_pii::text) > 65536 or octet_length(p_summary::text) > 65536 then
        raise exception using errcode = 'ZG009', message = 'drift, pii and summary are at most 65536 bytes of JSON each',
            detail = format('drift %s bytes, pii %s, summary %s', coalesce(octet_length(p_drift::text), 0),
                coalesce(octet_length(p_pii::text), 0), coalesce(octet_length(p_summary::text), 0));
    end if;
    update zenglow.batches b set
        alert_reason = coalesce(p_alert_reason, b.alert_reason),
        drift = coalesce(p_drift, b.drift),
        pii = coalesce(p_pii, b.pii),
        summary = coalesce(p_summary, b.summary)
    where b.tenant_id = v_tenant and b.batch_tag = p_tag
    returning * into v_batch;
    if not found then
        raise exception using errcode = 'ZG007',
            message = format('no batch %s for this tenant', coalesce(quote_literal(left(p_tag, 200)), 'null'));
    end if;
    return to_jsonb(v_batch);
end
$$;

ALTER FUNCTION zenglow_api.annotate_batch(p_tag text, p_alert_reason text, p_drift jsonb, p_pii jsonb, p_summary jsonb) OWNER TO zenglow_owner;

--
-- Name: FUNCTION annotate_batch(p_tag text, p_alert_reason text, p_drift jsonb, p_pii jsonb, p_summary jsonb); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.annotate_batch(p_tag text, p_alert_reason text, p_drift jsonb, p_pii jsonb, p_summary jsonb) IS 'Sets the spool worker''s findings on a batch of the current tenant (alert_reason, drift, pii, summary; null keeps a value) and returns the manifest; a new alert reason is announced on zenglow_manifest with "reason". Errors: ZG001 no tenant, ZG007 no such batch, ZG009 unknown alert reason, a value that is not a JSON object or too large.';

--
-- Name: announce_ingest_problem(text, text, text); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.announce_ingest_problem(p_tag text, p_reason text, p_message text) RETURNS void
    LANGUAGE plpgsql
    AS $_$
-- Tells the current tenant's listeners (the API's /events, dashboards) that a batch failed before
-- it got a manifest row: its load was refused and rolled back (the partition could not be made,
-- the content was invalid, the database went away), so no trigger announced anything. The event
-- has the manifest's shape with batch_id null and the tag instead. Channels carry ids and states
-- only, so p_message goes to the server log, not into the payload; the caller keeps the full
-- story (failed/NAME.reason.json, the failure log, the audit event).
declare
    v_tenant text := zenglow.require_tenant();
begin
    if p_tag is null or p_tag !~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' then
        raise exception using errcode = 'ZG009', message = format('batch tag %s is not valid', coalesce(quote_literal(left(p_tag, 200)), 'null')),
            hint = '1 to 128 letters, digits, ., _, : and -, starting with a letter or digit';
    end if;
    if p_reason is null or p_reason not in ('failed', 'partition_missing', 'other_error') then
        raise exception using errcode = 'ZG009', message = format('unknown reason %s for a failed batch', coalesce(quote_literal(left(p_reason, 200)), 'null')),
            hint = 'reasons of a failure are failed, partition_missing and other_error';
    end if;
    raise log 'zenglow: batch % of tenant % failed before loading (%): %', p_tag, v_tenant, p_reason, left(coalesce(p_message, ''), 1000);
    perform pg_notify('zenglow_manifest',
        json_build_object('tenant_id', v_tenant, 'batch_id', null, 'batch_tag', p_tag, 'state', 'failed', 'reason', p_reason)::text);
end
$_$;

ALTER FUNCTION zenglow_api.announce_ingest_problem(p_tag text, p_reason text, p_message text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION announce_ingest_problem(p_tag text, p_reason text, p_message text); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.announce_ingest_problem(p_tag text, p_reason text, p_message text) IS 'Announces on zenglow_manifest that a batch of the current tenant failed before it had a manifest: {tenant_id, batch_id: null, batch_tag, state: failed, reason}, at commit; the message goes to the server log only. Errors: ZG001 no tenant, ZG009 a malformed tag or a reason other than failed, partition_missing, other_error.';

--
-- Name: authenticate_key(text, bytea); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.authenticate_key(p_prefix text, p_secret_sha256 bytea) RETURNS TABLE(tenant_id text, key_id uuid, scopes text[], status text)
    LANGUAGE sql
    AS $$
    -- zenglow_api.check_api_key without the expiry (kept for callers that need no cache bound).
    select k.tenant_id, k.key_id, k.scopes, k.status from zenglow_api.check_api_key(p_prefix, p_secret_sha256) k
$$;

ALTER FUNCTION zenglow_api.authenticate_key(p_prefix text, p_secret_sha256 bytea) OWNER TO zenglow_owner;

--
-- Name: FUNCTION authenticate_key(p_prefix text, p_secret_sha256 bytea); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.authenticate_key(p_prefix text, p_secret_sha256 bytea) IS 'Checks an API key: prefix and SHA-256 of its secret -> tenant_id, key_id, scopes, status (ok|unknown|revoked|expired).';

--
-- Name: cache_generation(); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.cache_generation(OUT installation text, OUT weights_version bigint, OUT ltr_version bigint, OUT model text, OUT corpus_epoch bigint, OUT stamp text, OUT settings_version bigint) RETURNS record
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Everything a cached zenglow_api.rag_query answer of the current tenant depends on besides the
-- request, read in one call before the API looks in its response cache: this database's
-- installation id, the fusion-weights version rag_query would use (the tenant's newest, else the
-- newest _global one), the LTR version it would use (the newest), the active embedding model,
-- the tenant's corpus epoch (zenglow.advance_corpus_epoch: every committed change to what
-- retrieval reads advances it), and the retrieval-settings version rag_query would use when the
-- call gives no option (zenglow.retrieval_settings_in_effect; null for the defaults). A key made
-- of these and the request cannot find an answer computed before any of them changed. Primary-key and unique-index lookups only.
-- Refuses exactly where rag_query refuses before it reads any chunk, with the same SQLSTATE and
-- message, so a cache hit never answers what rag_query would refuse: ZG001 no tenant (unset,
-- empty, unknown, inactive or _global), ZG006 no active embedding model.
-- stamp: when each of those versions was made (the epoch's advanced_at, the weights', the LTR
-- version's and the settings' created_at) and when the schema last changed (the migrator's
-- newest history row). A database restored in place, or a copy beside its original, can reach the same version numbers
-- again with other contents; it cannot reach them at the same instants. And a release that
-- changes rag_query changes the schema's stamp, so answers ranked by the old code are not served.
-- Security definer so that the API needs no privilege on corpus_epochs and installation; every
-- read still goes through row-level security under the transaction's tenant.
declare
    v_tenant text := zenglow.require_tenant();
    v_settings_at timestamptz;
begin
    select m.model_name into model from zenglow.models m where m.active;
    if not found then
        raise exception using errcode = 'ZG006', message = 'no embedding model is active',
            hint = 'register one in zenglow.models and run zenglow.activate_model(model, actor)';
    end if;
    select i.id::text into installation from zenglow.installation i;
    -- As zenglow_api.current_fusion_weights chooses: the tenant's newest version, else _global's.
    weights_version := coalesce(
        (select max(w.version) from zenglow.fusion_weights w where w.tenant_id = v_tenant),
        (select max(w.version) from zenglow.fusion_weights w where w.tenant_id = '_global'));
    -- As rag_query chooses: the newest version (null while there is none).
    select max(l.version) into ltr_version from zenglow.ltr_models l;
    corpus_epoch := coalesce((select e.epoch from zenglow.corpus_epochs e where e.tenant_id = v_tenant), 0);
    select r.version, r.created_at into settings_version, v_settings_at from zenglow.retrieval_settings_in_effect() r;
    stamp := md5(concat_ws('|',
        (select e.advanced_at from zenglow.corpus_epochs e where e.tenant_id = v_tenant),
        (select w.created_at from zenglow.fusion_weights w
            where w.tenant_id in (v_tenant, '_global') and w.version = weights_version),
        (select l.created_at from zenglow.ltr_models l where l.version = ltr_version),
        (select h.applied_at from zenglow_migrations.history h order by h.id desc limit 1),
        -- Last, and only when there are settings: a database without any keeps the stamps it had.
        v_settings_at));
end
$$;

ALTER FUNCTION zenglow_api.cache_generation(OUT installation text, OUT weights_version bigint, OUT ltr_version bigint, OUT model text, OUT corpus_epoch bigint, OUT stamp text, OUT settings_version bigint) OWNER TO zenglow_owner;

--
-- Name: FUNCTION cache_generation(OUT installation text, OUT weights_version bigint, OUT ltr_version bigint, OUT model text, OUT corpus_epoch bigint, OUT stamp text, OUT settings_version bigint); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.cache_generation(OUT installation text, OUT weights_version bigint, OUT ltr_version bigint, OUT model text, OUT corpus_epoch bigint, OUT stamp text, OUT settings_version bigint) IS 'What a cached rag_query answer of the current tenant depends on besides the request: (installation, weights_version, ltr_version, model, corpus_epoch, stamp: when those were made and the schema last changed, settings_version). Refuses as rag_query does: ZG001 no tenant, ZG006 no active embedding model.';

--
-- Name: check_api_key(text, bytea); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.check_api_key(p_prefix text, p_secret_sha256 bytea) RETURNS TABLE(tenant_id text, key_id uuid, scopes text[], status text, expires_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Looks an API key up by its public prefix (before any tenant is known, hence SECURITY DEFINER
-- in maintenance mode) and compares the SHA-256 of the presented secret with the stored one.
-- Comparing digests leaks no timing an attacker can use: they control the secret, not its hash.
-- status: ok, unknown (no such prefix or wrong secret: one answer for both), revoked, expired.
-- expires_at lets a caller cache an ok answer no longer than the key lives.
-- last_used_at is written at most once a minute per key, not on every request.
declare
    v_key zenglow.api_keys;
begin
    perform zenglow.maintenance_mode(true);
    select * into v_key from zenglow.api_keys k where k.prefix = p_prefix;
    if not found or v_key.secret_sha256 <> p_secret_sha256 then
        perform zenglow.maintenance_mode(false);
        return query select null::text, null::uuid, null::text[], 'unknown'::text, null::timestamptz;
        return;
    end if;
    if v_key.revoked_at is not null and v_key.revoked_at <= now() then
        perform zenglow.maintenance_mode(false);
        return query select v_key.tenant_id, v_key.key_id, v_key.scopes, 'revoked'::text, v_key.expires_at;
        return;
    end if;
    if v_key.expires_at is not null and v_key.expires_at <= now() then
        perform zenglow.maintenance_mode(false);
        return query select v_key.tenant_id, v_key.key_id, v_key.scopes, 'expired'::text, v_key.expires_at;
        return;
    end if;
    update zenglow.api_keys k set last_used_at = now()
    where k.tenant_id = v_key.tenant_id and k.key_id = v_key.key_id
      and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute');
    perform zenglow.maintenance_mode(false);
    return query select v_key.tenant_id, v_key.key_id, v_key.scopes, 'ok'::text, v_key.expires_at;
end
$$;

ALTER FUNCTION zenglow_api.check_api_key(p_prefix text, p_secret_sha256 bytea) OWNER TO zenglow_owner;

--
-- Name: FUNCTION check_api_key(p_prefix text, p_secret_sha256 bytea); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.check_api_key(p_prefix text, p_secret_sha256 bytea) IS 'Checks an API key: prefix and SHA-256 of its secret -> tenant_id, key_id, scopes, status (ok|unknown|revoked|expired), expires_at.';

--
-- Name: current_fusion_weights(); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.current_fusion_weights() RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
    -- The weights the current tenant's queries use: its newest version, else the newest global one.
    select jsonb_build_object('version', w.version, 'scope', case when w.tenant_id = '_global' then 'global' else 'tenant' end,
        'weights', w.weights, 'created_at', w.created_at, 'actor', w.actor, 'reason', w.reason)
    from zenglow.fusion_weights w
    where zenglow.current_tenant() is not null
      and w.tenant_id in (zenglow.current_tenant(), '_global')
    order by w.tenant_id = '_global', w.version desc
    limit 1
$$;

ALTER FUNCTION zenglow_api.current_fusion_weights() OWNER TO zenglow_owner;

--
-- Name: FUNCTION current_fusion_weights(); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.current_fusion_weights() IS 'The active fusion weights of the current tenant: {version, scope (tenant|global), weights {ltr, vector}, created_at, actor, reason}.';

--
-- Name: current_retrieval_settings(); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.current_retrieval_settings() RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
    -- The settings the current tenant's queries use when a call gives no option (see
    -- zenglow.retrieval_settings_in_effect), and the active LTR version beside the one they were
    -- fitted with, so an operator sees when they no longer match.
    select jsonb_build_object('version', s.version, 'scope', s.scope, 'settings', s.settings,
        'ltr_version', s.ltr_version, 'active_ltr_version', (select max(l.version) from zenglow.ltr_models l),
        'created_at', s.created_at, 'actor', s.actor, 'reason', s.reason)
    from zenglow.retrieval_settings_in_effect() s
    where zenglow.current_tenant() is not null
$$;

ALTER FUNCTION zenglow_api.current_retrieval_settings() OWNER TO zenglow_owner;

--
-- Name: FUNCTION current_retrieval_settings(); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.current_retrieval_settings() IS 'The current tenant''s retrieval settings: {version (null for the defaults), scope (tenant|global|default), settings {k1, b, candidates, lexical_budget}, ltr_version (fitted with), active_ltr_version, created_at, actor, reason}; null without a tenant.';

--
-- Name: get_batch(text); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.get_batch(p_batch_tag text) RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
    -- The manifest of one of the current tenant's batches, by tag; null when there is none. Every
    -- column, the spool worker's findings (alert_reason, drift, pii, summary) included.
    select to_jsonb(b) from zenglow.batches b where b.tenant_id = zenglow.current_tenant() and b.batch_tag = p_batch_tag
$$;

ALTER FUNCTION zenglow_api.get_batch(p_batch_tag text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION get_batch(p_batch_tag text); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.get_batch(p_batch_tag text) IS 'The manifest of the current tenant''s batch with this tag (with alert_reason, drift, pii and summary), or null.';

--
-- Name: ingest_staged_batch(text, text, text, bigint, text, bigint); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.ingest_staged_batch(p_batch_tag text, p_source text, p_content_hash text, p_rejected bigint DEFAULT 0, p_detail text DEFAULT NULL::text, p_embedded bigint DEFAULT 0) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
-- Loads the rows a loader staged in zg_staging as one batch of the current tenant, in the
-- caller's transaction: the manifest goes open -> loading -> done (or healed, when the write had
-- to create its partition), documents sent again replace their earlier chunks, the BM25 term
-- statistics and the champion lists follow, and the manifest events fire at commit. The same content (p_content_hash)
-- sent again is recognised and changes nothing (resubmitted = true). Rows the loader rejected
-- before staging are counted in p_rejected; chunks the loader embedded itself, in p_embedded. A staged row retrieval could not use (an embedding
-- of the wrong dimension, NaN, infinite or of zero length; an empty text; a chunk staged twice)
-- refuses the batch with ZG008/ZG009 naming the row (zenglow.check_staged_chunks); a partition
-- that is missing and cannot be made refuses it with ZG010.
declare
    v_tenant text := zenglow.require_tenant();
    v_opened jsonb := zenglow_api.open_batch(p_batch_tag, p_source, p_content_hash);
    v_batch_id bigint := (v_opened ->> 'batch_id')::bigint;
    v_model zenglow.models;
    v_vector boolean;
    v_healed text;
    v_replaced bigint;
    v_accepted bigint;
    v_stats record;
    v_first_load boolean;
    v_by_source jsonb;
    v_duplicate record;
    v_cause text;
    v_cause_state text;
    v_cause_detail text;
    v_handled text := coalesce(current_setting('zenglow.epoch_handled', true), '');
begin
    if p_rejected < 0 then
        raise exception using errcode = 'ZG009', message = format('rejected must be 0 or more, not %s', p_rejected);
    end if;
    if p_embedded < 0 then
        raise exception using errcode = 'ZG009', message = format('embedded must be 0 or more, not %s', p_embedded);
    end if;
    if (v_opened ->> 'resubmitted')::boolean then
        return zenglow_api.get_batch(v_opened ->> 'batch_tag') || jsonb_build_object('resubmitted', true);
    end if;
    if v_opened ->> 'state' <> 'loading' then
        perform zenglow_api.transition_batch(v_batch_id, 'loading');
    end if;
    select * into v_model from zenglow.models where active;
    if not found then
        raise exception using errcode = 'ZG006', message = 'no embedding model is active',
            hint = 'register one in zenglow.models and run zenglow.activate_model(model, actor)';
    end if;
    v_vector := format_type((select a.atttypid from pg_attribute a
        where a.attrelid = 'zenglow.chunks'::regclass and a.attname = 'embedding'), null) = 'vector';
    -- Nothing retrieval cannot use gets in (ZG008 embeddings, ZG009 texts and ids), named by row.
    perform zenglow.check_staged_chunks(v_model.model_name, v_model.dimension, v_vector);
    -- The write needs its partition; when it cannot be made (an object holds its name, the disk is
    -- full, a lock wait ran out), the batch is refused as partition_missing, retryable once the
    -- cause is gone, rather than as an anonymous internal error.
    begin
        v_healed := zenglow.ensure_chunk_partition(now());
    exception when others then
        get stacked diagnostics v_cause_state = returned_sqlstate, v_cause = message_text, v_cause_detail = pg_exception_detail;
        raise exception using errcode = 'ZG010',
            message = format('the chunk partition for %s is missing and could not be created: %s', now(), v_cause),
            detail = format('SQLSTATE %s%s', v_cause_state, coalesce(nullif(': ' || v_cause_detail, ': '), '')),
            hint = 'remove or rename what stands in its way in schema zenglow (or free disk space), then retry the batch; '
                '`zenglow maintain` creates the partitions ahead of time';
    end;

    -- The chunk writes below leave the corpus epoch to add_term_stats (its corpus_stats trigger),
    -- which takes it after the statistics' locks, as every load does (no lock-order deadlock).
    perform set_config('zenglow.epoch_handled', 'on', true);
    v_replaced := zenglow.forget_chunks(format(
        'c.tenant_id = %L and c.embedding_model = %L and c.document_id in (select s.document_id from pg_temp.zg_staging s)',
        v_tenant, v_model.model_name));
    delete from zenglow.chunks c
    where c.tenant_id = v_tenant and c.embedding_model = v_model.model_name
      and c.document_id in (select s.document_id from pg_temp.zg_staging s);

    begin
        execute format($sql$
            insert into zenglow.chunks (tenant_id, document_id, chunk_order, source, title, title_terms, metadata, content_hash,
                batch_id, batch_tag, body, embedding, embedding_model)
            select $1, s.document_id, s.chunk_order, coalesce(nullif(s.source, ''), $2), coalesce(s.title, ''),
                tsvector_to_array(to_tsvector('english'::regconfig, coalesce(s.title, ''))),
                coalesce(s.metadata, '{}'::jsonb), s.content_hash, $3, $4, s.body, s.embedding%s, $5
            from pg_temp.zg_staging s
            order by s.row_number$sql$, case when v_vector then '::vector' else '' end)
        using v_tenant, coalesce(p_source, ''), v_batch_id, v_opened ->> 'batch_tag', v_model.model_name;
        get diagnostics v_accepted = row_count;
    exception when unique_violation then
        -- Only a chunk staged twice collides (earlier versions of the documents are gone): name it.
        select d.row_number, d.document_id, d.chunk_order, d.first_row into v_duplicate
        from (select s.row_number, s.document_id, s.chunk_order,
                  min(s.row_number) over (partition by s.document_id, s.chunk_order) as first_row
              from pg_temp.zg_staging s) d
        where d.row_number > d.first_row
        order by d.row_number
        limit 1;
        raise exception using errcode = 'ZG009',
            message = format('staged row %s (document %s, chunk %s): it repeats row %s', v_duplicate.row_number,
                quote_literal(left(v_duplicate.document_id, 80)), v_duplicate.chunk_order, v_duplicate.first_row),
            hint = 'a batch holds each chunk of a document once';
    end;
    perform set_config('zenglow.epoch_handled', v_handled, true);

    -- One pass over the new rows: each term's document frequency, and (as chunks.token_count
    -- counts them) the rows' total length.
    select coalesce(array_agg(t.term order by t.term), '{}') as terms, coalesce(array_agg(t.df order by t.term), '{}') as dfs,
        coalesce(sum(t.tokens), 0)::bigint as tokens
    into v_stats
    from (select u.lexeme as term, count(*) as df, sum(cardinality(u.positions)) as tokens
          from zenglow.chunks c, unnest(c.tsv) u
          where c.tenant_id = v_tenant and c.batch_id = v_batch_id
          group by u.lexeme) t;
    v_first_load := coalesce((select s.chunk_count from zenglow.corpus_stats s
        where s.tenant_id = v_tenant and s.embedding_model = v_model.model_name), 0) = 0;
    perform zenglow.add_term_stats(v_tenant, v_model.model_name, 1, v_stats.terms, v_stats.dfs, v_accepted, v_stats.tokens);
    -- Champion lists of the common terms (zenglow.add_term_champions). A corpus's first load
    -- starts them, with the weights' avgdl of this load; a tenant with chunks from before
    -- migration 0024 gets its lists from a full build (zenglow.rebuild_term_champions). A bulk
    -- load may defer their upkeep (`set local zenglow.defer_champions = on`): the tenant's lists
    -- then go out of use (their settings row goes; queries of only common terms score an
    -- arbitrary share of matches again) until zenglow.maintenance_term_champions (`zenglow
    -- maintain`) builds them once, instead of keeping them batch by batch.
    if coalesce(current_setting('zenglow.defer_champions', true), '') = 'on' then
        delete from zenglow.term_champion_settings s where s.tenant_id = v_tenant and s.embedding_model = v_model.model_name;
    else
        if v_first_load then
            insert into zenglow.term_champion_settings (tenant_id, embedding_model, avgdl)
            select s.tenant_id, s.embedding_model, greatest(s.token_total::double precision / nullif(s.chunk_count, 0), 1)
            from zenglow.corpus_stats s
            where s.tenant_id = v_tenant and s.embedding_model = v_model.model_name and s.chunk_count > 0
            on conflict (tenant_id, embedding_model) do nothing;
        end if;
        perform zenglow.add_term_champions(v_tenant, v_model.model_name, v_batch_id, v_stats.terms, v_stats.dfs);
    end if;

    select coalesce(jsonb_object_agg(x.source, x.n), '{}') into v_by_source
    from (select coalesce(nullif(s.source, ''), coalesce(p_source, '')) as source, count(*) as n
          from pg_temp.zg_staging s group by 1) x;

    update zenglow.batches set embedded = coalesce(p_embedded, 0)
    where tenant_id = v_tenant and batch_id = v_batch_id;

    return zenglow_api.transition_batch(v_batch_id, case when v_healed is null then 'done' else 'healed' end, null,
        v_accepted, coalesce(p_rejected, 0), v_by_source, p_detail)
        || jsonb_build_object('resubmitted', false, 'replaced_chunks', v_replaced, 'healed_partition', v_healed);
end
$_$;

ALTER FUNCTION zenglow_api.ingest_staged_batch(p_batch_tag text, p_source text, p_content_hash text, p_rejected bigint, p_detail text, p_embedded bigint) OWNER TO zenglow_owner;

--
-- Name: FUNCTION ingest_staged_batch(p_batch_tag text, p_source text, p_content_hash text, p_rejected bigint, p_detail text, p_embedded bigint); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.ingest_staged_batch(p_batch_tag text, p_source text, p_content_hash text, p_rejected bigint, p_detail text, p_embedded bigint) IS 'Loads zg_staging as one batch of the current tenant (manifest with accepted, rejected and embedded counts, BM25 statistics, events); a re-submitted content hash changes nothing. Returns the manifest plus resubmitted, replaced_chunks, healed_partition. Errors: ZG006 no active model, ZG008/ZG009 a staged row retrieval could not use, ZG010 the chunk partition is missing and could not be created.';

--
-- Name: maintenance_scheduler(); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.maintenance_scheduler() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- Which scheduler runs zenglow.run_maintenance(), for /health/ready (zenglow_app reads
    -- neither maintenance_runs nor the server's settings): the newest scheduled run's scheduler,
    -- start and outcome, whether it started within 10 minutes (ten of the default 60 s intervals:
    -- a scheduler that missed more than that is not running), and whether pg_cron is preloaded,
    -- seen as its launcher process, with the database its jobs live in (cron.database_name).
    -- shared_preload_libraries itself is readable only by superusers and pg_read_all_settings, and
    -- without pg_read_all_stats a background worker's backend_type reads null: its
    -- application_name says what it is.
    with last as (
        select r.scheduler, r.started_at, r.outcome
        from zenglow.maintenance_runs r
        where r.trigger = 'scheduled'
        order by r.started_at desc
        limit 1
    ), launcher as (
        select a.datname from pg_stat_activity a
        where a.backend_type = 'pg_cron launcher' or (a.backend_type is null and a.application_name = 'pg_cron scheduler')
        limit 1
    )
    select jsonb_build_object(
        'scheduler', (select scheduler from last),
        'last_run_at', (select started_at from last),
        'last_outcome', (select outcome from last),
        'last_run_age_seconds', (select extract(epoch from now() - started_at)::float8 from last),
        'active', coalesce((select started_at > now() - interval '10 minutes' from last), false),
        'pg_cron_preloaded', exists (select from launcher),
        'pg_cron_database', (select datname from launcher))
$$;

ALTER FUNCTION zenglow_api.maintenance_scheduler() OWNER TO zenglow_owner;

--
-- Name: FUNCTION maintenance_scheduler(); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.maintenance_scheduler() IS 'Readiness facts about maintenance: {scheduler, last_run_at, last_outcome, last_run_age_seconds, active (a scheduled run in the last 10 minutes), pg_cron_preloaded, pg_cron_database}.';

--
-- Name: open_batch(text, text, text); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.open_batch(p_batch_tag text, p_source text, p_content_hash text) RETURNS jsonb
    LANGUAGE plpgsql
    AS $_$
-- Opens an ingest batch for the current tenant, or recognises a re-submission: the same content
-- (content_hash) already loaded answers resubmitted = true and changes nothing. A failed batch
-- of the same content is returned for a retry; a tag reused for other content is refused (ZG004),
-- a malformed tag or content hash too (ZG009).
declare
    v_tenant text := zenglow.require_tenant();
    v_batch zenglow.batches;
begin
    -- The formats the batches table's constraints hold, refused here with a message that says so.
    if p_batch_tag is null or p_batch_tag !~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' then
        raise exception using errcode = 'ZG009', message = format('batch tag %s is not valid', coalesce(quote_literal(left(p_batch_tag, 200)), 'null')),
            hint = '1 to 128 letters, digits, ., _, : and -, starting with a letter or digit';
    end if;
    if p_content_hash is null or p_content_hash !~ '^sha256:[0-9a-f]{64}$' then
        raise exception using errcode = 'ZG009', message = format('content hash %s is not valid', coalesce(quote_literal(left(p_content_hash, 200)), 'null')),
            hint = 'sha256: followed by 64 lowercase hexadecimal digits';
    end if;
    -- Two loaders submitting the same content at once: the second waits and then sees the first.
    perform pg_advisory_xact_lock(hashtextextended('zenglow.batch:' || v_tenant || ':' || p_content_hash, 0));
    select * into v_batch from zenglow.batches where tenant_id = v_tenant and content_hash = p_content_hash;
    if found then
        return jsonb_build_object('batch_id', v_batch.batch_id, 'batch_tag', v_batch.batch_tag, 'state', v_batch.state,
            'resubmitted', v_batch.state in ('done', 'healed'));
    end if;
    select * into v_batch from zenglow.batches where tenant_id = v_tenant and batch_tag = p_batch_tag;
    if found then
        raise exception using errcode = 'ZG004',
            message = format('batch tag %L was already used for other content', p_batch_tag),
            detail = format('batch %s has content %s, this submission %s', v_batch.batch_id, v_batch.content_hash, p_content_hash),
            hint = 'give this batch a new tag, or re-submit exactly the content of the first one';
    end if;
    insert into zenglow.batches (tenant_id, batch_tag, source, content_hash)
    values (v_tenant, p_batch_tag, coalesce(p_source, ''), p_content_hash)
    returning * into v_batch;
    return jsonb_build_object('batch_id', v_batch.batch_id, 'batch_tag', v_batch.batch_tag, 'state', v_batch.state,
        'resubmitted', false);
end
$_$;

ALTER FUNCTION zenglow_api.open_batch(p_batch_tag text, p_source text, p_content_hash text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION open_batch(p_batch_tag text, p_source text, p_content_hash text); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.open_batch(p_batch_tag text, p_source text, p_content_hash text) IS 'Opens an ingest batch (state open) for the current tenant, or returns the existing one for the same content_hash (resubmitted = true when it already loaded). Errors: ZG001 no tenant, ZG004 tag reused for other content, ZG009 a malformed tag or content hash.';

--
-- Name: prepare_staging(); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.prepare_staging() RETURNS void
    LANGUAGE plpgsql
    SET client_min_messages TO 'warning'
    AS $$
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

ALTER FUNCTION zenglow_api.prepare_staging() OWNER TO zenglow_owner;

--
-- Name: FUNCTION prepare_staging(); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.prepare_staging() IS 'Creates or empties the session''s temporary staging table zg_staging (row_number, document_id, chunk_order, source, title, metadata, content_hash, body, embedding real[]) for COPY before ingest_staged_batch.';

--
-- Name: rag_query(text, real[], integer, jsonb, boolean, text, jsonb); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.rag_query(p_query text, p_embedding real[] DEFAULT NULL::real[], p_top_k integer DEFAULT 10, p_filters jsonb DEFAULT '{}'::jsonb, p_explain boolean DEFAULT false, p_mode text DEFAULT 'fusion'::text, p_options jsonb DEFAULT '{}'::jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
-- Hybrid retrieval for the current tenant in one call. Two branches see the same filters:
--   lexical: chunks whose tsv matches the query's rarer terms (GIN) or, for a query of only
--            common terms, the top of their champion lists (zenglow.term_champions), scored with
--            Okapi BM25 from ZenGlow's per-tenant term statistics (k1, b in p_options);
--   vector:  HNSW cosine search on the active model's partial index, iterative scan so that
--            filters cannot starve it (exact scan over real[] without pgvector).
-- Each fetches p_options.candidates (default 200, or top_k when larger) rows. The union gets learning-to-rank features
-- (bm25, cosine, title_match, recency, source_prior, chunk_length), the active linear LTR score,
-- and a score by p_mode: fusion (the tenant's weights over min-max-normalised LTR and cosine),
-- rrf (reciprocal rank fusion, k = 60), bm25, or vector. Returns JSON; p_explain adds features
-- and partial scores. Arguments are checked and options resolved by zenglow.rag_query_arguments,
-- the query's BM25 statistics come from zenglow.bm25_statistics, and the retrieval itself is one
-- dynamic statement (planned with its values known, which is what makes it fast), whose inputs
-- are one parameter of type zenglow.rag_query_parameters, read by name.
-- The response's timing block holds clock_timestamp() deltas (ms) of the function's own steps:
-- prepare (arguments, model, weights, term statistics), plan (the statement's planning), then
-- each stage of the statement. Inside it, each stage is a materialized CTE whose row count a
-- one-row marker CTE reads before taking the time, and each marker reads the one before, so the
-- stages run one after another, in order, each between two clock readings.
-- Errors: ZG001 no tenant, ZG006 no active model, ZG008 bad embedding, ZG009 bad argument, filter or option.
declare
    v_called_at constant timestamptz := clock_timestamp();
    v_tenant text := zenglow.require_tenant();
    v_model zenglow.models;
    v_arguments record;
    v_statistics record;
    v_weights jsonb := zenglow_api.current_fusion_weights();
    v_ltr zenglow.ltr_models;
    -- The statement's one parameter, $1: its inputs by name (see zenglow.rag_query_parameters).
    v_parameters zenglow.rag_query_parameters;
    v_storage text;
    v_seqscan text := current_setting('enable_seqscan');
    v_distance text;
    -- Okapi BM25 of chunk c, inline (a function call per row would cost more than the sum):
    -- setweight + ts_filter cut c.tsv down to the query's terms, whose positions give tf.
    v_bm25 constant text := $bm25$(select coalesce(sum(q.idf * (cardinality(u.positions) * (($1).k1 + 1))
            / (cardinality(u.positions) + ($1).k1 * (1 - ($1).b + ($1).b * c.token_count / ($1).avgdl))), 0)
        from unnest(ts_filter(setweight(c.tsv, 'A', ($1).terms), '{a}')) u
        join unnest(($1).terms, ($1).idf) as q (term, idf) on q.term = u.lexeme)$bm25$;
    v_champion_terms text[] := '{}';
    v_champion_depths integer[] := '{}';
    v_lexical_sql text;
    v_vector_sql text;
    v_results jsonb;
    v_lexical_count bigint;
    v_vector_count bigint;
    v_executing_at timestamptz;
    v_started_at timestamptz;
    v_lexical_at timestamptz;
    v_vector_at timestamptz;
    v_features_at timestamptz;
    v_ltr_at timestamptz;
    v_fusion_at timestamptz;
    v_finished_at timestamptz;
begin
    select * into v_model from zenglow.models where active;
    if not found then
        raise exception using errcode = 'ZG006', message = 'no embedding model is active',
            hint = 'register one in zenglow.models and run zenglow.activate_model(model, actor)';
    end if;
    select * into v_arguments
    from zenglow.rag_query_arguments(p_query, p_embedding, p_top_k, p_filters, p_mode, p_options, v_model.model_name, v_model.dimension);
    select * into v_ltr from zenglow.ltr_models order by version desc limit 1;
    select * into v_statistics
    from zenglow.bm25_statistics(v_tenant, v_model.model_name, v_arguments.terms, v_arguments.lexical_budget);

    -- A query whose every term is common (its rarest term alone has more postings than the
    -- budget, so it is the one retrieval term) reads the champion lists of its terms instead,
    -- when each of them has one: depth rows shared by idf, so that rarer terms' lists are read deeper.
    if cardinality(v_statistics.retrieval_terms) = 1 and p_mode <> 'vector'
       and (select t.df from zenglow.term_stats t
            where t.tenant_id = v_tenant and t.embedding_model = v_model.model_name
              and t.term = v_statistics.retrieval_terms[1]) > v_arguments.lexical_budget then
        select coalesce(array_agg(c.term order by c.ord), '{}'), coalesce(array_agg(c.depth order by c.ord), '{}')
        into v_champion_terms, v_champion_depths
        from (select q.term, q.ord, ceil(s.depth * q.idf / sum(q.idf) over ())::integer as depth,
                  count(*) filter (where t.df <= s.min_df) over () as unlisted
              from unnest(v_arguments.terms, v_statistics.idf) with ordinality q (term, idf, ord)
              join zenglow.term_stats t on t.tenant_id = v_tenant and t.embedding_model = v_model.model_name and t.term = q.term
              join zenglow.term_champion_settings s on s.tenant_id = v_tenant and s.embedding_model = v_model.model_name) c
        where c.unlisted = 0;
    end if;

    v_parameters.tenant_id := v_tenant;
    v_parameters.terms := v_arguments.terms;
    v_parameters.idf := v_statistics.idf;
    v_parameters.retrieval_query := zenglow.terms_tsquery(v_statistics.retrieval_terms);
    v_parameters.champion_terms := v_champion_terms;
    v_parameters.champion_depths := v_champion_depths;
    v_parameters.embedding := p_embedding;
    v_parameters.avgdl := coalesce(v_statistics.avgdl, 1);
    v_parameters.k1 := v_arguments.k1;
    v_parameters.b := v_arguments.b;
    v_parameters.candidates := v_arguments.candidates;
    v_parameters.top_k := p_top_k;
    v_parameters.mode := p_mode;
    v_parameters.weight_ltr := coalesce((v_weights -> 'weights' ->> 'ltr')::double precision, 0.5);
    v_parameters.weight_vector := case when p_embedding is null then 0
        else coalesce((v_weights -> 'weights' ->> 'vector')::double precision, 0.5) end;
    v_parameters.ltr_coefficients := v_ltr.coefficients;
    v_parameters.ltr_intercept := v_ltr.intercept;
    v_parameters.explain := coalesce(p_explain, false);

    v_storage := format_type((select a.atttypid from pg_attribute a where a.attrelid = 'zenglow.chunks'::regclass and a.attname = 'embedding'), null);
    if v_storage = 'vector' then
        v_distance := format('(c.embedding::vector(%s) <=> ($1).embedding::vector(%s))', v_model.dimension, v_model.dimension);
        -- Enough of the graph for the candidates, and iterative scans so that the tenant and the
        -- filters do not starve the result (pgvector 0.8).
        perform zenglow.apply_ann_settings(v_model.model_name, v_arguments.candidates);
        perform set_config('hnsw.iterative_scan', 'relaxed_order', true);
        -- Both branches read indexes by design; a sequential scan of the chunks (which the
        -- planner may prefer for small partitions) is never what a query should do. Restored
        -- after the query, so the caller's later statements plan as usual.
        perform set_config('enable_seqscan', 'off', true);
    else
        v_distance := '(1 - zenglow.cosine_similarity(c.embedding, ($1).embedding))';
    end if;

    -- A single-branch mode runs only its branch.
    v_lexical_sql := case when cardinality(v_statistics.retrieval_terms) = 0 or p_mode = 'vector' then 'select null::bigint as chunk_id, null::timestamptz as ingested_at, null::double precision as bm25 where false'
        when cardinality(v_champion_terms) > 0 then format($sql$
            select c.chunk_id, c.ingested_at, %s as bm25
            from (
                -- The top of each term's champion list (index-only scans), then the chunks' own
                -- tsv for the exact score.
                select distinct h.chunk_id, h.ingested_at
                from unnest(($1).champion_terms, ($1).champion_depths) d (term, depth)
                cross join lateral (
                    select tc.chunk_id, tc.ingested_at from zenglow.term_champions tc
                    where tc.tenant_id = ($1).tenant_id and tc.embedding_model = %L and tc.term = d.term
                    order by tc.w desc
                    limit d.depth) h) h
            join zenglow.chunks c on c.tenant_id = ($1).tenant_id and c.chunk_id = h.chunk_id and c.ingested_at = h.ingested_at
            where c.embedding_model = %L %s
            order by 3 desc, c.chunk_id
            limit ($1).candidates$sql$, v_bm25, v_model.model_name, v_model.model_name, v_arguments.filter)
        else format($sql$
            select c.chunk_id, c.ingested_at, %s as bm25
            from (
                -- At most lexical_budget rows are scored: all of them whenever the rarest term is
                -- rarer than that (nearly always), else an arbitrary share of the matches, so
                -- that a query of only very common words still answers in bounded time.
                select c.chunk_id, c.ingested_at, c.tsv, c.token_count
                from zenglow.chunks c
                where c.tenant_id = ($1).tenant_id and c.embedding_model = %L and c.tsv @@ ($1).retrieval_query %s
                limit %s) c
            order by 3 desc, c.chunk_id
            limit ($1).candidates$sql$, v_bm25, v_model.model_name, v_arguments.filter, v_arguments.lexical_budget) end;
    v_vector_sql := case when p_embedding is null or p_mode = 'bm25' then 'select null::bigint as chunk_id, null::timestamptz as ingested_at, null::double precision as distance where false'
        else format($sql$
            select c.chunk_id, c.ingested_at, %s as distance
            from zenglow.chunks c
            where c.tenant_id = ($1).tenant_id and c.embedding_model = %L %s
            order by %s
            limit ($1).candidates$sql$, v_distance, v_model.model_name, v_arguments.filter, v_distance) end;

    v_executing_at := clock_timestamp();
    execute format($sql$
        with started as materialized (select clock_timestamp() as started_at),
        lexical as materialized (%s),
        lexical_done as materialized (
            select s.started_at, (select count(*) from lexical) as lexical_count, clock_timestamp() as lexical_at
            from started s),
        vector_hits as materialized (
            -- relaxed_order may return neighbours slightly out of order; the outer query re-sorts.
            select * from (%s) h order by h.distance limit ($1).candidates),
        vector_done as materialized (
            select d.*, (select count(*) from vector_hits) as vector_count, clock_timestamp() as vector_at
            from lexical_done d),
        -- Each candidate once, with what its branches found: one pass over both, where left joins
        -- back to the two CTEs (estimated at a row or two) were planned as nested loops that
        -- rescanned them for every candidate (about a quarter of the query's time at 100k chunks).
        candidates as (
            select h.chunk_id, h.ingested_at, bool_or(h.in_lexical) as in_lexical, bool_or(h.in_vector) as in_vector,
                max(h.bm25) as bm25, min(h.distance) as distance
            from (select l.chunk_id, l.ingested_at, true as in_lexical, false as in_vector, l.bm25, null::double precision as distance
                  from lexical l
                  union all
                  select v.chunk_id, v.ingested_at, false, true, null, v.distance
                  from vector_hits v) h
            group by h.chunk_id, h.ingested_at),
        features as materialized (
            -- Only what scoring needs: the text and the other columns of the response are read for
            -- the top_k rows at the end, not carried (and sorted, twice) through every candidate.
            select c.chunk_id, c.ingested_at,
                k.in_lexical,
                k.in_vector,
                coalesce(k.bm25, %s) as bm25,
                case when ($1).embedding is null then null else 1 - coalesce(k.distance, %s) end as cosine,
                (select count(*) from unnest(coalesce(c.title_terms,
                     tsvector_to_array(to_tsvector('english'::regconfig, c.title)))) l
                 where l = any (($1).terms))::double precision / greatest(cardinality(($1).terms), 1) as title_match,
                exp(-extract(epoch from now() - c.ingested_at) / 31557600.0) as recency,
                coalesce(sp.prior, 0) as source_prior,
                least(1.0, ln(1 + c.token_count) / ln(513.0)) as chunk_length
            from candidates k
            join zenglow.chunks c on c.tenant_id = ($1).tenant_id and c.chunk_id = k.chunk_id and c.ingested_at = k.ingested_at
            left join zenglow.source_priors sp on sp.tenant_id = ($1).tenant_id and sp.source = c.source),
        features_done as materialized (
            select d.*, (select count(*) from features) as feature_rows, clock_timestamp() as features_at
            from vector_done d),
        normalised as (
            select f.*, coalesce(f.bm25 / nullif(max(f.bm25) over (), 0), 0) as bm25_norm
            from features f),
        ltr as materialized (
            select n.*,
                ($1).ltr_intercept + coalesce((($1).ltr_coefficients ->> 'bm25')::double precision, 0) * n.bm25_norm
                    + coalesce((($1).ltr_coefficients ->> 'cosine')::double precision, 0) * coalesce(n.cosine, 0)
                    + coalesce((($1).ltr_coefficients ->> 'title_match')::double precision, 0) * n.title_match
                    + coalesce((($1).ltr_coefficients ->> 'recency')::double precision, 0) * n.recency
                    + coalesce((($1).ltr_coefficients ->> 'source_prior')::double precision, 0) * n.source_prior
                    + coalesce((($1).ltr_coefficients ->> 'chunk_length')::double precision, 0) * n.chunk_length as ltr_score,
                case when n.in_lexical then row_number() over (partition by n.in_lexical order by n.bm25 desc, n.chunk_id) end as rank_lexical,
                case when n.in_vector then row_number() over (partition by n.in_vector order by n.cosine desc, n.chunk_id) end as rank_vector
            from normalised n),
        ltr_done as materialized (
            select d.*, (select count(*) from ltr) as ltr_rows, clock_timestamp() as ltr_at
            from features_done d),
        blended as (
            select t.*,
                coalesce((t.ltr_score - min(t.ltr_score) over ()) / nullif(max(t.ltr_score) over () - min(t.ltr_score) over (), 0), 0) as ltr_norm,
                coalesce((t.cosine - min(t.cosine) over ()) / nullif(max(t.cosine) over () - min(t.cosine) over (), 0), 0) as vector_norm
            from ltr t),
        scored as (
            select b.*,
                case ($1).mode
                    when 'bm25' then case when b.in_lexical then b.bm25 end
                    when 'vector' then case when b.in_vector then b.cosine end
                    when 'rrf' then coalesce(1.0 / (60 + b.rank_lexical), 0) + coalesce(1.0 / (60 + b.rank_vector), 0)
                    else ($1).weight_ltr * b.ltr_norm + ($1).weight_vector * b.vector_norm
                end as score
            from blended b),
        top as (
            select s.*, c.document_id, c.chunk_order, c.title, c.source, c.batch_tag, c.metadata, c.body
            from (select * from scored where score is not null order by score desc, chunk_id limit ($1).top_k) s
            join zenglow.chunks c on c.tenant_id = ($1).tenant_id and c.chunk_id = s.chunk_id and c.ingested_at = s.ingested_at)
        select
            d.lexical_count, d.vector_count, d.started_at, d.lexical_at, d.vector_at, d.features_at, d.ltr_at,
            coalesce((select jsonb_agg(
                jsonb_build_object('chunk_id', t.chunk_id, 'document_id', t.document_id, 'chunk_order', t.chunk_order,
                    'title', t.title, 'source', t.source, 'batch', t.batch_tag, 'metadata', t.metadata,
                    'text', t.body, 'score', t.score)
                || case when ($1).explain then jsonb_build_object(
                    'features', jsonb_build_object('bm25', t.bm25, 'cosine', t.cosine, 'title_match', t.title_match,
                        'recency', t.recency, 'source_prior', t.source_prior, 'chunk_length', t.chunk_length),
                    'partial', jsonb_build_object('bm25_norm', t.bm25_norm, 'ltr', t.ltr_score, 'ltr_norm', t.ltr_norm,
                        'vector_norm', t.vector_norm, 'rank_lexical', t.rank_lexical, 'rank_vector', t.rank_vector))
                   else '{}'::jsonb end
                order by t.score desc, t.chunk_id) from top t), '[]'::jsonb),
            clock_timestamp()
        from ltr_done d
        $sql$, v_lexical_sql, v_vector_sql, v_bm25, v_distance)
    into v_lexical_count, v_vector_count, v_started_at, v_lexical_at, v_vector_at, v_features_at, v_ltr_at,
        v_results, v_fusion_at
    using v_parameters;
    perform set_config('enable_seqscan', v_seqscan, true);
    v_finished_at := clock_timestamp();

    return jsonb_build_object(
        'results', v_results,
        'mode', p_mode,
        'model', v_model.model_name,
        'weights_version', (v_weights ->> 'version')::bigint,
        'weights', v_weights -> 'weights',
        'ltr_version', v_ltr.version,
        'feature_schema_version', v_ltr.feature_schema_version,
        'degraded', case when p_embedding is null and p_mode in ('fusion', 'rrf') then 'no_embedding' end,
        'candidates', jsonb_build_object('lexical', v_lexical_count, 'vector', v_vector_count),
        -- clock_timestamp() has microsecond resolution: three decimals of a millisecond are exact,
        -- so the stages add up to the difference of the first and last reading.
        'timing', jsonb_build_object(
            'prepare_ms', round(extract(epoch from v_executing_at - v_called_at) * 1000, 3),
            'plan_ms', round(extract(epoch from v_started_at - v_executing_at) * 1000, 3),
            'lexical_ms', round(extract(epoch from v_lexical_at - v_started_at) * 1000, 3),
            'vector_ms', round(extract(epoch from v_vector_at - v_lexical_at) * 1000, 3),
            'features_ms', round(extract(epoch from v_features_at - v_vector_at) * 1000, 3),
            'ltr_ms', round(extract(epoch from v_ltr_at - v_features_at) * 1000, 3),
            'fusion_ms', round(extract(epoch from v_fusion_at - v_ltr_at) * 1000, 3),
            'total_ms', round(extract(epoch from v_finished_at - v_called_at) * 1000, 3)))
        || case when p_explain then jsonb_build_object('explain', jsonb_build_object(
            'terms', to_jsonb(v_arguments.terms), 'retrieval_terms', to_jsonb(v_statistics.retrieval_terms),
            'idf', to_jsonb(v_statistics.idf), 'champion_terms', to_jsonb(v_champion_terms),
            'champion_depths', to_jsonb(v_champion_depths), 'chunks', v_statistics.chunk_count, 'avgdl', v_statistics.avgdl,
            'k1', v_arguments.k1, 'b', v_arguments.b, 'ltr_coefficients', v_ltr.coefficients,
            'ltr_intercept', v_ltr.intercept)) else '{}'::jsonb end;
end
$_$;

ALTER FUNCTION zenglow_api.rag_query(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_explain boolean, p_mode text, p_options jsonb) OWNER TO zenglow_owner;

--
-- Name: FUNCTION rag_query(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_explain boolean, p_mode text, p_options jsonb); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.rag_query(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_explain boolean, p_mode text, p_options jsonb) IS 'Hybrid retrieval for the current tenant: query text, optional query embedding (real[] of the active model''s dimension), top_k (1..1000), filters {source, batch, metadata}, explain, mode fusion|rrf|bm25|vector, options {k1, b, candidates, lexical_budget}. Returns {results: [{chunk_id, document_id, chunk_order, title, source, batch, metadata, text, score, [features, partial]}], mode, model, weights_version, weights, ltr_version, feature_schema_version, degraded, candidates, timing {prepare_ms, plan_ms, lexical_ms, vector_ms, features_ms, ltr_ms, fusion_ms, total_ms}}.';

--
-- Name: record_ingest_event(text, text, text, jsonb); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.record_ingest_event(p_tenant text, p_action text, p_subject text, p_details jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Writes the spool worker's audit record of a failed or healed load (ingest.failed,
-- ingest.healed) into the hash chain of the tenant it concerns. A failed file may name no tenant,
-- or one that does not exist, and its load never set one, so this takes the tenant as an argument
-- (as the owner, since zenglow_audit.append only writes the current tenant's chain): a tenant
-- that exists gets the row, active or not; otherwise it goes to the _global chain with the name
-- it gave in details.claimed_tenant. The actor is the database login that reported it. Only
-- these two actions, of bounded size: the ingest role cannot write anything else into another
-- tenant's trail.
declare
    v_tenant text;
    v_details jsonb := coalesce(p_details, '{}'::jsonb);
    v_seq bigint;
begin
    if p_action is null or p_action not in ('ingest.failed', 'ingest.healed') then
        raise exception using errcode = 'ZG009',
            message = format('%s is not an ingest event', coalesce(quote_literal(left(p_action, 200)), 'null')),
            hint = 'the spool worker records ingest.failed and ingest.healed';
    end if;
    if jsonb_typeof(v_details) <> 'object' then
        raise exception using errcode = 'ZG009', message = format('details are a JSON object, not %s', jsonb_typeof(v_details));
    end if;
    if octet_length(v_details::text) > 16384 or octet_length(p_subject) > 1024 then
        raise exception using errcode = 'ZG009', message = 'an ingest event has at most 1024 bytes of subject and 16384 of details',
            detail = format('subject %s bytes, details %s', coalesce(octet_length(p_subject), 0), octet_length(v_details::text));
    end if;
    if zenglow.tenant_state(p_tenant) is not null then
        v_tenant := p_tenant;
    else
        v_tenant := '_global';
        if p_tenant is distinct from '_global' then
            v_details := v_details || jsonb_build_object('claimed_tenant', left(p_tenant, 200));
        end if;
    end if;
    v_seq := zenglow_audit.append_for(v_tenant, session_user::text, p_action, p_subject, v_details);
    return jsonb_build_object('tenant_id', v_tenant, 'seq', v_seq);
end
$$;

ALTER FUNCTION zenglow_api.record_ingest_event(p_tenant text, p_action text, p_subject text, p_details jsonb) OWNER TO zenglow_owner;

--
-- Name: FUNCTION record_ingest_event(p_tenant text, p_action text, p_subject text, p_details jsonb); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.record_ingest_event(p_tenant text, p_action text, p_subject text, p_details jsonb) IS 'Appends the spool worker''s ingest.failed or ingest.healed audit record to the tenant''s hash chain (_global, with details.claimed_tenant, when the tenant does not exist); returns {tenant_id, seq}. Errors: ZG009 another action, details that are not an object, a subject over 1024 or details over 16384 bytes.';

--
-- Name: record_performance(jsonb); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.record_performance(p_records jsonb) RETURNS integer
    LANGUAGE plpgsql
    AS $_$
-- Stores a batch of request timings for the current tenant (the API's asynchronous writer
-- calls this once per tenant and flush); returns how many rows were written. Every field is
-- checked before it is cast, so a malformed record is refused with ZG009 naming the record
-- (1-based), the field and what it may hold, never with PostgreSQL's own 22xxx errors:
--   endpoint (required) a non-empty string; request_id, model strings;
--   ts an ISO 8601 timestamp (default now());
--   status (required) an integer 100..599; top_k, result_count integers 0..2147483647;
--   weights_version an integer 1..9223372036854775807;
--   total_ms (required), embed_ms, retrieve_ms, features_ms, ltr_ms, fusion_ms numbers
--   0..86400000 (a day); cache_hit a boolean (default false: answered without the response cache);
--   error_code, degraded_reason, mode strings; ltr_version an integer 1..9223372036854775807;
--   result_sources an object of source -> integer 0..2147483647 ({"pubmed": 7});
--   top_documents an array of at most 10 strings; query_text a string of at most 2000 characters
--   (the API sends it, scrubbed, only with LOG_QUERY_TEXT=true; analysts can never read it).
-- Other keys are ignored. Nothing is written unless every record is valid.
declare
    v_tenant text := zenglow.require_tenant();
    v_record jsonb;
    v_index bigint;
    v_field record;
    v_value jsonb;
    v_count integer;
begin
    if p_records is null or jsonb_typeof(p_records) = 'null' then
        return 0;
    end if;
    if jsonb_typeof(p_records) <> 'array' then
        raise exception using errcode = 'ZG009', message = 'timing records must be a JSON array of objects',
            hint = 'e.g. [{"endpoint": "/rag/query", "status": 200, "total_ms": 12.5}]';
    end if;
    for v_record, v_index in select r, i from jsonb_array_elements(p_records) with ordinality as t (r, i) loop
        if jsonb_typeof(v_record) <> 'object' then
            raise exception using errcode = 'ZG009', message = format('timing record %s must be a JSON object', v_index);
        end if;
        for v_field in
            select * from (values
                ('endpoint', 'string', true, null::numeric, null::numeric),
                ('request_id', 'string', false, null, null),
                ('model', 'string', false, null, null),
                ('ts', 'timestamp', false, null, null),
                ('status', 'integer', true, 100, 599),
                ('top_k', 'integer', false, 0, 2147483647),
                ('result_count', 'integer', false, 0, 2147483647),
                ('weights_version', 'integer', false, 1, 9223372036854775807),
                ('total_ms', 'number', true, 0, 86400000),
                ('embed_ms', 'number', false, 0, 86400000),
                ('retrieve_ms', 'number', false, 0, 86400000),
                ('features_ms', 'number', false, 0, 86400000),
                ('ltr_ms', 'number', false, 0, 86400000),
                ('fusion_ms', 'number', false, 0, 86400000),
                ('cache_hit', 'boolean', false, null, null),
                ('error_code', 'string', false, null, null),
                ('degraded_reason', 'string', false, null, null),
                ('mode', 'string', false, null, null),
                ('ltr_version', 'integer', false, 1, 9223372036854775807),
                ('result_sources', 'sources', false, 0, 2147483647),
                ('top_documents', 'documents', false, null, 10),
                ('query_text', 'text', false, null, 2000)) f (name, kind, required, minimum, maximum)
        loop
            v_value := nullif(v_record -> v_field.name, 'null'::jsonb);
            if v_value is null then
                if v_field.required then
                    raise exception using errcode = 'ZG009', message = format('timing record %s: %s is required', v_index, v_field.name);
                end if;
            elsif v_field.kind in ('integer', 'number') then
                perform zenglow.bounded_number(v_value, format('timing record %s: %s', v_index, v_field.name),
                    v_field.minimum, v_field.maximum, v_field.kind = 'integer');
            elsif v_field.kind = 'sources' then
                if jsonb_typeof(v_value) <> 'object' then
                    raise exception using errcode = 'ZG009',
                        message = format('timing record %s: %s must be an object of source -> count, not %s', v_index,
                            v_field.name, left(v_value::text, 40)),
                        hint = 'e.g. {"pubmed": 7, "wiki": 3}';
                end if;
                perform zenglow.bounded_number(e.value, format('timing record %s: %s.%s', v_index, v_field.name, left(e.key, 40)),
                    v_field.minimum, v_field.maximum, true)
                from jsonb_each(v_value) e;
            elsif v_field.kind = 'documents' then
                if jsonb_typeof(v_value) <> 'array' or jsonb_array_length(v_value) > v_field.maximum
                    or exists (select from jsonb_array_elements(v_value) d where jsonb_typeof(d) <> 'string') then
                    raise exception using errcode = 'ZG009',
                        message = format('timing record %s: %s must be an array of at most %s strings, not %s', v_index,
                            v_field.name, v_field.maximum, left(v_value::text, 40));
                end if;
            elsif v_field.kind = 'text' and jsonb_typeof(v_value) = 'string' and length(v_value #>> '{}') > v_field.maximum then
                raise exception using errcode = 'ZG009',
                    message = format('timing record %s: %s must be at most %s characters, not %s', v_index, v_field.name,
                        v_field.maximum, length(v_value #>> '{}'));
            elsif v_field.kind = 'boolean' then
                if jsonb_typeof(v_value) <> 'boolean' then
                    raise exception using errcode = 'ZG009',
                        message = format('timing record %s: %s must be true or false, not %s', v_index, v_field.name,
                            left(v_value::text, 40));
                end if;
            elsif jsonb_typeof(v_value) <> 'string'
                -- The shape of ISO 8601; the cast below still refuses an impossible date.
                or (v_field.kind = 'timestamp'
                    and v_value #>> '{}' !~ '^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|[+-]\d\d(:?\d\d)?)?$')
                or (v_field.name = 'endpoint' and v_value #>> '{}' = '') then
                raise exception using errcode = 'ZG009',
                    message = format('timing record %s: %s must be %s, not %s', v_index, v_field.name,
                        case v_field.kind when 'timestamp' then 'an ISO 8601 timestamp'
                            when 'text' then format('a string of at most %s characters', v_field.maximum)
                            else case when v_field.required then 'a non-empty string' else 'a string' end end,
                        left(v_value::text, 40));
            end if;
        end loop;
    end loop;

    begin
        insert into zenglow.query_performance (ts, tenant_id, request_id, endpoint, status, top_k, cache_hit, result_count,
            weights_version, model, embed_ms, retrieve_ms, features_ms, ltr_ms, fusion_ms, total_ms, error_code,
            degraded_reason, mode, ltr_version, result_sources, top_documents, query_text)
        select coalesce((r ->> 'ts')::timestamptz, now()), v_tenant, r ->> 'request_id', r ->> 'endpoint',
            (r ->> 'status')::numeric::integer, (r ->> 'top_k')::numeric::integer,
            coalesce((nullif(r -> 'cache_hit', 'null'::jsonb))::boolean, false), (r ->> 'result_count')::numeric::integer,
            (r ->> 'weights_version')::numeric::bigint, r ->> 'model',
            -- bounded_number again: it rounds magnitudes below 1e-307 to 0, which double precision cannot hold.
            zenglow.bounded_number(r -> 'embed_ms', 'embed_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'retrieve_ms', 'retrieve_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'features_ms', 'features_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'ltr_ms', 'ltr_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'fusion_ms', 'fusion_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'total_ms', 'total_ms', 0, 86400000)::double precision,
            r ->> 'error_code', r ->> 'degraded_reason', r ->> 'mode', (r ->> 'ltr_version')::numeric::bigint,
            nullif(r -> 'result_sources', 'null'::jsonb),
            case when jsonb_typeof(r -> 'top_documents') = 'array'
                 then array(select jsonb_array_elements_text(r -> 'top_documents')) end,
            r ->> 'query_text'
        from jsonb_array_elements(p_records) r;
        get diagnostics v_count = row_count;
    exception when data_exception then
        -- Only a timestamp of the right shape but an impossible value (2026-02-30) gets here: name it.
        for v_record, v_index in select r, i from jsonb_array_elements(p_records) with ordinality as t (r, i) loop
            begin
                perform (v_record ->> 'ts')::timestamptz;
            exception when data_exception then
                raise exception using errcode = 'ZG009',
                    message = format('timing record %s: ts must be an ISO 8601 timestamp, not %s', v_index, v_record -> 'ts');
            end;
        end loop;
        raise;
    end;
    return v_count;
end
$_$;

ALTER FUNCTION zenglow_api.record_performance(p_records jsonb) OWNER TO zenglow_owner;

--
-- Name: FUNCTION record_performance(p_records jsonb); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.record_performance(p_records jsonb) IS 'Stores request records [{ts, request_id, endpoint, status, error_code, degraded_reason, mode, top_k, cache_hit, result_count, weights_version, ltr_version, model, embed_ms, retrieve_ms, features_ms, ltr_ms, fusion_ms, total_ms, result_sources, top_documents, query_text}] for the current tenant in zenglow.query_performance; returns the rows written. Errors: ZG001 no tenant, ZG009 a malformed record (named by its 1-based position and field).';

--
-- Name: schema_status(); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.schema_status() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- What readiness checks need without reading migration history or the registry directly:
    -- the newest versioned migration applied, whether a failed one is pending, and the models.
    select jsonb_build_object(
        'schema_version', (select max(h.version) from zenglow_migrations.history h
                           where h.kind = 'versioned' and h.status in ('applied', 'baseline')),
        'failed_migrations', (select count(*) from zenglow_migrations.history h where h.status = 'failed'),
        'models', coalesce((select jsonb_agg(jsonb_build_object('model', m.model_name, 'dimension', m.dimension,
                'active', m.active) order by m.model_name) from zenglow.models m), '[]'::jsonb),
        'capabilities', (select to_jsonb(c) from zenglow.capabilities() c))
$$;

ALTER FUNCTION zenglow_api.schema_status() OWNER TO zenglow_owner;

--
-- Name: FUNCTION schema_status(); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.schema_status() IS 'Readiness facts: {schema_version (newest versioned migration applied), failed_migrations, models [{model, dimension, active}], capabilities}.';

--
-- Name: set_fusion_weights(jsonb, text, text, text); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.set_fusion_weights(p_weights jsonb, p_reason text, p_actor text, p_issue_link text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
-- Activates a new fusion-weight version for the current tenant, atomically: the version row, its
-- audit record (old, new, reason, actor, link) and the zenglow_weights notification commit
-- together or not at all. Invalid weights raise ZG002 before anything is written.
declare
    v_tenant text := zenglow.require_tenant();
    v_old jsonb;
    v_version bigint;
    v_weights jsonb;
begin
    v_weights := zenglow.validate_fusion_weights(p_weights);
    if p_reason is null or btrim(p_reason) = '' then
        raise exception using errcode = 'ZG002', message = 'a reason is required to change fusion weights';
    end if;
    if p_actor is null or btrim(p_actor) = '' then
        raise exception using errcode = 'ZG002', message = 'an actor is required to change fusion weights';
    end if;
    -- Serialise changes of one tenant, so "old" in the audit record is what was replaced.
    perform pg_advisory_xact_lock(hashtextextended('zenglow.fusion_weights:' || v_tenant, 0));
    v_old := zenglow_api.current_fusion_weights();
    insert into zenglow.fusion_weights (tenant_id, weights, reason, actor, issue_link)
    values (v_tenant, v_weights, p_reason, p_actor, p_issue_link)
    returning version into v_version;
    perform zenglow_audit.append(p_actor, 'fusion_weights.activate', 'fusion_weights/' || v_version,
        jsonb_build_object(
            'old', case when v_old is null then null else jsonb_build_object('version', v_old -> 'version', 'weights', v_old -> 'weights') end,
            'new', jsonb_build_object('version', v_version, 'weights', v_weights),
            'reason', p_reason,
            'issue_link', p_issue_link));
    return jsonb_build_object('version', v_version, 'weights', v_weights,
        'previous_version', v_old -> 'version');
end
$$;

ALTER FUNCTION zenglow_api.set_fusion_weights(p_weights jsonb, p_reason text, p_actor text, p_issue_link text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION set_fusion_weights(p_weights jsonb, p_reason text, p_actor text, p_issue_link text); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.set_fusion_weights(p_weights jsonb, p_reason text, p_actor text, p_issue_link text) IS 'Activates new fusion weights {"ltr": w, "vector": w} for the current tenant; audited; NOTIFY zenglow_weights. Returns {version, weights, previous_version}. Errors: ZG001 no tenant, ZG002 invalid weights.';

--
-- Name: set_retrieval_settings(jsonb, text, text, text, bigint); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.set_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text DEFAULT NULL::text, p_ltr_version bigint DEFAULT NULL::bigint) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
-- Activates a new retrieval-settings version for the current tenant, atomically: the version row,
-- its audit record (old, new, reason, actor, link) and the zenglow_settings notification commit
-- together or not at all. p_settings names only what changes: the other fields keep the values in
-- effect (the tenant's, else _global's), and a field given as JSON null goes back to the default.
-- p_ltr_version is the LTR model the settings were fitted with (zenglow ltr fit), null when set
-- by hand. Bad values raise ZG009 naming the field before anything is written.
declare
    v_tenant text := zenglow.require_tenant();
    v_given jsonb := zenglow.validate_retrieval_settings(p_settings);
    v_old record;
    v_settings jsonb;
    v_version bigint;
begin
    if p_reason is null or btrim(p_reason) = '' then
        raise exception using errcode = 'ZG009', message = 'a reason is required to change retrieval settings';
    end if;
    if p_actor is null or btrim(p_actor) = '' then
        raise exception using errcode = 'ZG009', message = 'an actor is required to change retrieval settings';
    end if;
    if p_ltr_version is not null and not exists (select from zenglow.ltr_models l where l.version = p_ltr_version) then
        raise exception using errcode = 'ZG009', message = format('ltr_version %s is not a stored LTR model', p_ltr_version),
            hint = 'give the version of a row of zenglow.ltr_models, or none';
    end if;
    -- Serialise changes of one tenant, so "old" in the audit record is what was replaced.
    perform pg_advisory_xact_lock(hashtextextended('zenglow.retrieval_settings:' || v_tenant, 0));
    select * into v_old from zenglow.retrieval_settings_in_effect();
    v_settings := (v_old.settings - array(select k from jsonb_each(p_settings) e (k, v)
        where jsonb_typeof(p_settings) = 'object' and jsonb_typeof(e.v) = 'null')) || v_given;
    insert into zenglow.retrieval_settings (tenant_id, settings, ltr_version, reason, actor, issue_link)
    values (v_tenant, v_settings, p_ltr_version, p_reason, p_actor, p_issue_link)
    returning version, settings into v_version, v_settings;
    perform zenglow_audit.append(p_actor, 'retrieval_settings.activate', 'retrieval_settings/' || v_version,
        jsonb_build_object(
            'old', jsonb_build_object('version', v_old.version, 'scope', v_old.scope, 'settings', v_old.settings,
                'ltr_version', v_old.ltr_version),
            'new', jsonb_build_object('version', v_version, 'settings', v_settings, 'ltr_version', p_ltr_version),
            'reason', p_reason,
            'issue_link', p_issue_link));
    return jsonb_build_object('version', v_version, 'settings', v_settings, 'ltr_version', p_ltr_version,
        'previous_version', v_old.version);
end
$$;

ALTER FUNCTION zenglow_api.set_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text, p_ltr_version bigint) OWNER TO zenglow_owner;

--
-- Name: FUNCTION set_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text, p_ltr_version bigint); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.set_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text, p_ltr_version bigint) IS 'Activates new retrieval settings for the current tenant: the fields given ({k1, b, candidates, lexical_budget}; null resets one to the default) over those in effect; audited; NOTIFY zenglow_settings. Returns {version, settings, ltr_version, previous_version}. Errors: ZG001 no tenant, ZG009 a bad field, reason, actor or ltr_version.';

--
-- Name: transition_batch(bigint, text, text, bigint, bigint, jsonb, text); Type: FUNCTION; Schema: zenglow_api; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_api.transition_batch(p_batch_id bigint, p_state text, p_reason text DEFAULT NULL::text, p_accepted bigint DEFAULT NULL::bigint, p_rejected bigint DEFAULT NULL::bigint, p_by_source jsonb DEFAULT NULL::jsonb, p_detail text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
-- Moves one of the current tenant's batches to p_state (see zenglow.check_batch_transition),
-- with its counts and reason; the manifest trigger announces it in the same transaction.
declare
    v_tenant text := zenglow.require_tenant();
    v_batch zenglow.batches;
begin
    -- The values the batches table's constraints hold, refused here with a message that says so.
    if p_state is null or p_state not in ('open', 'loading', 'done', 'failed', 'healed') then
        raise exception using errcode = 'ZG009', message = format('unknown batch state %s', coalesce(quote_literal(p_state), 'null')),
            hint = 'states are open, loading, done, failed and healed';
    end if;
    if p_state = 'failed' and p_reason is not null and p_reason not in ('failed', 'partition_missing', 'other_error') then
        raise exception using errcode = 'ZG009', message = format('unknown reason %L for a failed batch', p_reason),
            hint = 'reasons of a failure are failed, partition_missing and other_error';
    end if;
    if p_accepted < 0 or p_rejected < 0 then
        raise exception using errcode = 'ZG009',
            message = format('accepted and rejected must be 0 or more, not %s and %s',
                coalesce(p_accepted::text, 'null'), coalesce(p_rejected::text, 'null'));
    end if;
    update zenglow.batches b set
        state = p_state,
        reason = case
            when p_state = 'done' then 'success'
            when p_state = 'healed' then 'healed_partition'
            when p_state = 'failed' then coalesce(p_reason, 'failed')
            else null end,
        accepted = coalesce(p_accepted, b.accepted),
        rejected = coalesce(p_rejected, b.rejected),
        by_source = coalesce(p_by_source, b.by_source),
        detail = coalesce(p_detail, b.detail)
    where b.tenant_id = v_tenant and b.batch_id = p_batch_id
    returning * into v_batch;
    if not found then
        raise exception using errcode = 'ZG007', message = format('no batch %s for this tenant', coalesce(p_batch_id::text, 'null'));
    end if;
    return to_jsonb(v_batch);
end
$$;

ALTER FUNCTION zenglow_api.transition_batch(p_batch_id bigint, p_state text, p_reason text, p_accepted bigint, p_rejected bigint, p_by_source jsonb, p_detail text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION transition_batch(p_batch_id bigint, p_state text, p_reason text, p_accepted bigint, p_rejected bigint, p_by_source jsonb, p_detail text); Type: COMMENT; Schema: zenglow_api; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_api.transition_batch(p_batch_id bigint, p_state text, p_reason text, p_accepted bigint, p_rejected bigint, p_by_source jsonb, p_detail text) IS 'Moves a batch of the current tenant to open/loading/done/failed/healed with counts and reason. Errors: ZG001 no tenant, ZG003 transition not allowed, ZG007 no such batch, ZG009 unknown state or reason, negative counts.';

--
-- Name: append(text, text, text, jsonb); Type: FUNCTION; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_audit.append(p_actor text, p_action text, p_subject text, p_details jsonb) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- The only way the app and ingest roles write the audit log: one row in the current tenant's
-- chain (ZG001 without a tenant). Rolled back with the caller's transaction like any write.
begin
    return zenglow_audit.append_for(zenglow.require_tenant(), p_actor, p_action, p_subject, p_details);
end
$$;

ALTER FUNCTION zenglow_audit.append(p_actor text, p_action text, p_subject text, p_details jsonb) OWNER TO zenglow_owner;

--
-- Name: FUNCTION append(p_actor text, p_action text, p_subject text, p_details jsonb); Type: COMMENT; Schema: zenglow_audit; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_audit.append(p_actor text, p_action text, p_subject text, p_details jsonb) IS 'Appends an audit row (actor, action, subject, details) to the current tenant''s hash chain; returns its seq.';

--
-- Name: append_for(text, text, text, text, jsonb); Type: FUNCTION; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_audit.append_for(p_tenant_id text, p_actor text, p_action text, p_subject text, p_details jsonb) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Appends one row to a tenant's chain and returns its seq. The chain head row is locked first, so
-- concurrent appends of one tenant queue up and the chain never forks; other tenants don't wait.
-- For the owner's own functions only (e.g. _global changes); roles use zenglow_audit.append.
declare
    v_head zenglow_audit.chain_heads;
    v_seq bigint;
    v_at timestamptz := clock_timestamp();
    v_details jsonb := coalesce(p_details, '{}'::jsonb);
    v_hash bytea;
begin
    -- The columns are not null; say which is missing rather than leaving it to the constraint.
    if p_actor is null or btrim(p_actor) = '' or p_action is null or btrim(p_action) = '' then
        raise exception using errcode = 'ZG009', message = 'an audit record needs an actor and an action',
            detail = format('actor %s, action %s', coalesce(quote_literal(p_actor), 'null'), coalesce(quote_literal(p_action), 'null'));
    end if;
    perform zenglow.maintenance_mode(true);
    insert into zenglow_audit.chain_heads (tenant_id, seq, hash)
    values (p_tenant_id, 0, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
    on conflict on constraint chain_heads_pkey do nothing;
    select * into strict v_head from zenglow_audit.chain_heads h where h.tenant_id = p_tenant_id for update;
    v_seq := v_head.seq + 1;
    v_hash := zenglow_audit.row_hash(v_head.hash, p_tenant_id, v_seq, v_at, p_actor, p_action, coalesce(p_subject, ''), v_details);
    insert into zenglow_audit.events (tenant_id, seq, occurred_at, actor, action, subject, details, prev_hash, hash)
    values (p_tenant_id, v_seq, v_at, p_actor, p_action, coalesce(p_subject, ''), v_details, v_head.hash, v_hash);
    update zenglow_audit.chain_heads h set seq = v_seq, hash = v_hash where h.tenant_id = p_tenant_id;
    perform zenglow.maintenance_mode(false);
    return v_seq;
end
$$;

ALTER FUNCTION zenglow_audit.append_for(p_tenant_id text, p_actor text, p_action text, p_subject text, p_details jsonb) OWNER TO zenglow_owner;

--
-- Name: refuse_change(); Type: FUNCTION; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_audit.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
-- The audit log is append-only: UPDATE, DELETE and TRUNCATE fail for every role (the owner
-- must disable this trigger first, which only the owner can, and which verify_chain exposes).
begin
    raise exception using
        errcode = 'ZG005',
        message = format('the audit log is append-only: %s on %s is not allowed', tg_op, tg_table_name),
        hint = 'append a new row with zenglow_audit.append';
end
$$;

ALTER FUNCTION zenglow_audit.refuse_change() OWNER TO zenglow_owner;

--
-- Name: row_hash(bytea, text, bigint, timestamp with time zone, text, text, text, jsonb); Type: FUNCTION; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_audit.row_hash(p_prev_hash bytea, p_tenant_id text, p_seq bigint, p_occurred_at timestamp with time zone, p_actor text, p_action text, p_subject text, p_details jsonb) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- SHA-256 over the previous link and every field of the row, fields separated by the ASCII
    -- unit separator; jsonb's text form is canonical (sorted keys), time is epoch microseconds.
    select sha256(p_prev_hash || convert_to(concat_ws(chr(31),
        p_tenant_id, p_seq::text, (extract(epoch from p_occurred_at) * 1000000)::bigint::text,
        p_actor, p_action, p_subject, p_details::text), 'UTF8'))
$$;

ALTER FUNCTION zenglow_audit.row_hash(p_prev_hash bytea, p_tenant_id text, p_seq bigint, p_occurred_at timestamp with time zone, p_actor text, p_action text, p_subject text, p_details jsonb) OWNER TO zenglow_owner;

--
-- Name: verify_chain(text); Type: FUNCTION; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_audit.verify_chain(p_tenant_id text) RETURNS TABLE(ok boolean, rows_checked bigint, broken_at_seq bigint, problem text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- Walks a tenant's chain in seq order and reports the first broken link: a missing seq (a row
-- deleted), a prev_hash that is not the previous row's hash (deleted or reordered rows), a hash
-- that does not match the row's content (an edited row), or a chain head that is not the last
-- row (rows deleted from the end).
declare
    v_row zenglow_audit.events;
    v_expected_seq bigint := 1;
    v_expected_prev bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    v_head zenglow_audit.chain_heads;
begin
    perform zenglow.maintenance_mode(true);
    for v_row in select * from zenglow_audit.events e where e.tenant_id = p_tenant_id order by e.seq loop
        if v_row.seq <> v_expected_seq then
            perform zenglow.maintenance_mode(false);
            perform zenglow.maintenance_mode(false);
        return query select false, v_expected_seq - 1, v_expected_seq,
                format('row %s is missing (the next row is %s)', v_expected_seq, v_row.seq);
            return;
        end if;
        if v_row.prev_hash <> v_expected_prev then
            perform zenglow.maintenance_mode(false);
            perform zenglow.maintenance_mode(false);
        return query select false, v_expected_seq - 1, v_row.seq,
                format('row %s does not follow row %s (prev_hash differs): rows were removed or reordered', v_row.seq, v_row.seq - 1);
            return;
        end if;
        if v_row.hash <> zenglow_audit.row_hash(v_row.prev_hash, v_row.tenant_id, v_row.seq, v_row.occurred_at,
                v_row.actor, v_row.action, v_row.subject, v_row.details) then
            perform zenglow.maintenance_mode(false);
            perform zenglow.maintenance_mode(false);
        return query select false, v_expected_seq - 1, v_row.seq,
                format('row %s was changed after it was written (its hash does not match its content)', v_row.seq);
            return;
        end if;
        v_expected_prev := v_row.hash;
        v_expected_seq := v_expected_seq + 1;
    end loop;
    select * into v_head from zenglow_audit.chain_heads h where h.tenant_id = p_tenant_id;
    if coalesce(v_head.seq, 0) <> v_expected_seq - 1 or coalesce(v_head.hash, v_expected_prev) <> v_expected_prev then
        perform zenglow.maintenance_mode(false);
        return query select false, v_expected_seq - 1, v_expected_seq,
            format('the chain ends at row %s but its head says %s: rows were removed from the end', v_expected_seq - 1, v_head.seq);
        return;
    end if;
    perform zenglow.maintenance_mode(false);
    return query select true, v_expected_seq - 1, null::bigint, null::text;
end
$$;

ALTER FUNCTION zenglow_audit.verify_chain(p_tenant_id text) OWNER TO zenglow_owner;

--
-- Name: FUNCTION verify_chain(p_tenant_id text); Type: COMMENT; Schema: zenglow_audit; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_audit.verify_chain(p_tenant_id text) IS 'Verifies a tenant''s audit hash chain: ok, rows_checked, and the first broken link (broken_at_seq, problem).';

--
-- Name: histogram_add(bigint[], bigint[]); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.histogram_add(p_state bigint[], p_value bigint[]) RETURNS bigint[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
-- The state (and combine) function of zenglow_stats.histogram_merge: the element-wise sum of two
-- latency histograms. Lengths may differ (trailing zeros are trimmed when histograms are made),
-- and a missing or null element counts as 0. Strict, so the aggregate starts from its first
-- non-null histogram and skips null ones without calling this. PL/pgSQL because it runs once per
-- merged row and an in-place loop over at most 108 elements is the cheapest way here.
declare
    v_length integer := greatest(coalesce(array_length(p_state, 1), 0), coalesce(array_length(p_value, 1), 0));
    v_sum bigint[] := p_state;
begin
    if coalesce(array_length(p_value, 1), 0) = 0 then
        return p_state;
    end if;
    for v_index in 1 .. v_length loop
        v_sum[v_index] := coalesce(p_state[v_index], 0) + coalesce(p_value[v_index], 0);
    end loop;
    return v_sum;
end
$$;

ALTER FUNCTION zenglow_stats.histogram_add(p_state bigint[], p_value bigint[]) OWNER TO zenglow_owner;

--
-- Name: FUNCTION histogram_add(p_state bigint[], p_value bigint[]); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.histogram_add(p_state bigint[], p_value bigint[]) IS 'Element-wise sum of two latency histograms of any lengths (missing elements count as 0): histogram_merge''s state function.';

--
-- Name: histogram_count(bigint[]); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.histogram_count(hist bigint[]) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    -- How many values a latency histogram holds (the sum of its buckets; null elements count 0).
    -- 0 for an empty histogram, null for null (a stage that recorded no values).
    select coalesce(sum(h), 0)::bigint from unnest(hist) h
$$;

ALTER FUNCTION zenglow_stats.histogram_count(hist bigint[]) OWNER TO zenglow_owner;

--
-- Name: FUNCTION histogram_count(hist bigint[]); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.histogram_count(hist bigint[]) IS 'The number of values in a latency histogram (sum of its buckets); 0 when empty, null for null.';

--
-- Name: histogram_quantile(bigint[], double precision); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.histogram_quantile(hist bigint[], q double precision) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
-- The q-quantile (0..1) of a latency histogram, in ms. The walk is exact: the bucket holding it is
-- the first whose cumulative count reaches ceil(q·total) (at least 1), the same rank that
-- percentile_disc(q) picks from the raw values, so the true value lies in that bucket and the
-- answer, the bucket's geometric middle 0.01·2^((2i-3)/8), is within 2^(1/8)-1 (9.05%) of it.
-- Bucket 1 (below 0.01 ms) reports 0.005 ms; bucket 108 (open-ended) its lower bound. Null for a
-- null or empty histogram; a q outside [0, 1] is refused with ZG009.
declare
    v_total numeric := 0;
    v_rank numeric;
    v_cumulative numeric := 0;
begin
    if q is null or q < 0 or q > 1 or q = 'NaN'::double precision then
        raise exception using errcode = 'ZG009',
            message = format('histogram_quantile: q must be a number between 0 and 1, not %s', coalesce(q::text, 'null')),
            hint = 'e.g. 0.95 for p95';
    end if;
    if hist is null then
        return null;
    end if;
    select coalesce(sum(h), 0) into v_total from unnest(hist) h;
    if v_total <= 0 then
        return null;
    end if;
    -- percentile_disc's rank, computed as it computes it (in double precision).
    v_rank := greatest(1, ceil(q * v_total::double precision));
    for v_index in 1 .. array_length(hist, 1) loop
        v_cumulative := v_cumulative + coalesce(hist[v_index], 0);
        if v_cumulative >= v_rank then
            return case v_index
                when 1 then 0.005
                when 108 then 0.01 * power(2.0::double precision, 106 / 4.0)
                else 0.01 * power(2.0::double precision, (2 * v_index - 3) / 8.0)
            end;
        end if;
    end loop;
    return null;
end
$$;

ALTER FUNCTION zenglow_stats.histogram_quantile(hist bigint[], q double precision) OWNER TO zenglow_owner;

--
-- Name: FUNCTION histogram_quantile(hist bigint[], q double precision); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.histogram_quantile(hist bigint[], q double precision) IS 'The q-quantile (q in 0..1) of a latency histogram in ms: the geometric middle of the bucket holding the value percentile_disc(q) would pick, so within 9.05% of it (0.005 ms for bucket 1, the lower bound for bucket 108); null when empty; ZG009 for q outside [0, 1].';

--
-- Name: ingest_failure_reasons(); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.ingest_failure_reasons() RETURNS TABLE(tenant_id text, occurred_at timestamp with time zone, reason text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
-- The spool worker's refusals (ingest.failed audit events) without their details: an event's
-- details carry the file name and the error message, which can quote what the file held, so
-- analysts get the failure code and nothing else. The audit log's policies show a tenant its own
-- trail only; as the owner, with maintenance mode on for the read alone (restored to what it
-- was, and meaningless to any role but the owner), this reads every tenant's. A reason that is
-- not a failure code (snake_case, at most 64 characters) is reported as 'other', never as text.
declare
    v_mode text := coalesce(current_setting('zenglow.maintenance', true), '');
begin
    perform zenglow.maintenance_mode(true);
    return query
    select e.tenant_id, e.occurred_at,
        case when e.details ->> 'reason' ~ '^[a-z][a-z0-9_]{0,63}$' then e.details ->> 'reason'
             when e.details ? 'reason' then 'other'
             else 'unspecified' end
    from zenglow_audit.events e
    where e.action = 'ingest.failed';
    perform set_config('zenglow.maintenance', v_mode, true);
end
$_$;

ALTER FUNCTION zenglow_stats.ingest_failure_reasons() OWNER TO zenglow_owner;

--
-- Name: FUNCTION ingest_failure_reasons(); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.ingest_failure_reasons() IS 'Every tenant''s ingest.failed audit events as (tenant_id, occurred_at, reason): the spool worker''s failure code (truncated, invalid_msgpack, unknown_tenant, pii_rejected, partition_missing, max_attempts, …; other when the recorded reason is not a code, unspecified when none), never the file name or message. Read by ingest_rejections.';

--
-- Name: jaccard(text[], text[]); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.jaccard(p_left text[], p_right text[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- The overlap of two sets of documents (a week's top documents against the week before):
    -- shared / all distinct, 1 for the same set, 0 for disjoint ones. Order and repeats do not
    -- matter, nulls are not members; two empty sets have no overlap to measure, so null.
    select case when u.n > 0 then i.n::double precision / u.n end
    from (select count(*) as n from (select unnest(p_left) as x union select unnest(p_right)) s where s.x is not null) u,
        (select count(*) as n from (select unnest(p_left) as x intersect select unnest(p_right)) s where s.x is not null) i
$$;

ALTER FUNCTION zenglow_stats.jaccard(p_left text[], p_right text[]) OWNER TO zenglow_owner;

--
-- Name: FUNCTION jaccard(p_left text[], p_right text[]); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.jaccard(p_left text[], p_right text[]) IS 'Jaccard index of two text arrays taken as sets: distinct members in both / distinct members in either (0..1); nulls ignored; null when both are empty (or null).';

--
-- Name: jensen_shannon(jsonb, jsonb); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.jensen_shannon(p_left jsonb, p_right jsonb) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- How far apart two mixes are, for the drift views: each side is a {key: count} object
    -- (sources of a batch, sources of a week's results), made into shares of its own total, and
    -- compared by the base-2 Jensen-Shannon divergence: 0 for the same shares, 1 for mixes with no
    -- key in common, symmetric, defined even where one side lacks a key (unlike Kullback-Leibler).
    -- Only positive numbers count; a side with none (empty, null, not an object) gives null, not
    -- a number that would read as "no drift". Counts are summed as numeric, so no size overflows.
    with l as (
        select e.key, (e.value #>> '{}')::numeric as n
        from jsonb_each(case when jsonb_typeof(p_left) = 'object' then p_left else '{}'::jsonb end) e
        where jsonb_typeof(e.value) = 'number' and (e.value #>> '{}')::numeric > 0
    ), r as (
        select e.key, (e.value #>> '{}')::numeric as n
        from jsonb_each(case when jsonb_typeof(p_right) = 'object' then p_right else '{}'::jsonb end) e
        where jsonb_typeof(e.value) = 'number' and (e.value #>> '{}')::numeric > 0
    ), p as (
        select l.key, (l.n / sum(l.n) over ())::double precision as share from l
    ), q as (
        select r.key, (r.n / sum(r.n) over ())::double precision as share from r
    ), pairs as (
        select coalesce(p.share, 0) as a, coalesce(q.share, 0) as b from p full join q on q.key = p.key
    )
    select case when exists (select from l) and exists (select from r) then
        greatest(0::double precision, least(1::double precision, (
            select sum(
                case when a > 0 then 0.5 * a * ln(a / ((a + b) / 2)) else 0 end
                + case when b > 0 then 0.5 * b * ln(b / ((a + b) / 2)) else 0 end) / ln(2::double precision)
            from pairs)))
    end
$$;

ALTER FUNCTION zenglow_stats.jensen_shannon(p_left jsonb, p_right jsonb) OWNER TO zenglow_owner;

--
-- Name: FUNCTION jensen_shannon(p_left jsonb, p_right jsonb); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.jensen_shannon(p_left jsonb, p_right jsonb) IS 'Base-2 Jensen-Shannon divergence (0..1) of two {key: count} objects taken as shares of their totals: 0 the same mix, 1 no key in common. Non-positive and non-numeric values are ignored; null when either side has no positive count.';

--
-- Name: jsonb_count_add(jsonb, jsonb); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.jsonb_count_add(p_state jsonb, p_value jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    -- The state (and combine) function of zenglow_stats.jsonb_count_merge: two {key: count}
    -- objects summed key by key (a key in one only keeps its count). Strict, so the aggregate
    -- starts from its first non-null object and skips nulls.
    select coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
    from (
        select key, sum(value::numeric) as total
        from (select key, value from jsonb_each_text(p_state) union all select key, value from jsonb_each_text(p_value)) e
        group by key
    ) s
$$;

ALTER FUNCTION zenglow_stats.jsonb_count_add(p_state jsonb, p_value jsonb) OWNER TO zenglow_owner;

--
-- Name: FUNCTION jsonb_count_add(p_state jsonb, p_value jsonb); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.jsonb_count_add(p_state jsonb, p_value jsonb) IS 'Sums two {key: count} JSON objects key by key: jsonb_count_merge''s state function.';

--
-- Name: jsonb_top_keys(jsonb, integer); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.jsonb_top_keys(p_counts jsonb, p_limit integer) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- The p_limit keys of a {key: count} object with the largest counts (ties by key, so the
    -- answer is the same on every call): a period's top documents from their merged counts.
    -- Non-positive and non-numeric counts are not members; an empty answer is '{}'.
    select coalesce(array_agg(t.key order by t.n desc, t.key), '{}')
    from (
        select e.key, (e.value #>> '{}')::numeric as n
        from jsonb_each(case when jsonb_typeof(p_counts) = 'object' then p_counts else '{}'::jsonb end) e
        where jsonb_typeof(e.value) = 'number' and (e.value #>> '{}')::numeric > 0
        order by 2 desc, 1
        limit greatest(coalesce(p_limit, 0), 0)
    ) t
$$;

ALTER FUNCTION zenglow_stats.jsonb_top_keys(p_counts jsonb, p_limit integer) OWNER TO zenglow_owner;

--
-- Name: FUNCTION jsonb_top_keys(p_counts jsonb, p_limit integer); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.jsonb_top_keys(p_counts jsonb, p_limit integer) IS 'The keys of a {key: count} object with the p_limit largest positive counts, largest first (ties by key); {} when none.';

--
-- Name: latency_bucket(double precision); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.latency_bucket(ms double precision) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    -- The histogram bucket (1-based) of a latency in milliseconds, on ZenGlow's fixed log scale of
    -- four buckets per doubling: 1 below 0.01 ms, i (2..107) for 0.01·2^((i-2)/4) <= ms <
    -- 0.01·2^((i-1)/4), 108 from 0.01·2^(106/4) ms (about 949 s) up. Fixed bounds are what make
    -- the histograms of any two rollup rows mergeable by adding them element-wise.
    -- width_bucket's binary search over the 107 lower bounds (bucket 2's to bucket 108's, the
    -- exact values zenglow_stats.latency_buckets computes as 0.01 * power(2, (i - 2) / 4.0)):
    -- exact at every bound, where a logarithm can land a hair either side, and a plain SQL
    -- expression that the planner inlines into the rollup of millions of raw rows.
    -- NaN counts as the largest value (108), as PostgreSQL orders it; null gives null.
    select width_bucket(ms, '{
        0.01,0.01189207115002721,0.014142135623730952,0.01681792830507429,0.02,0.02378414230005442,
        0.028284271247461905,0.03363585661014858,0.04,0.04756828460010884,0.05656854249492381,0.06727171322029717,
        0.08,0.09513656920021768,0.11313708498984762,0.13454342644059433,0.16,0.19027313840043536,
        0.22627416997969524,0.26908685288118867,0.32,0.3805462768008707,0.4525483399593905,0.5381737057623773,
        0.64,0.7610925536017414,0.905096679918781,1.0763474115247547,1.28,1.5221851072034829,
        1.810193359837562,2.1526948230495093,2.56,3.0443702144069658,3.620386719675124,4.305389646099019,
        5.12,6.0887404288139315,7.240773439350248,8.610779292198037,10.24,12.177480857627863,
        14.481546878700495,17.221558584396075,20.48,24.354961715255726,28.96309375740099,34.44311716879215,
        40.96,48.70992343051145,57.92618751480198,68.8862343375843,81.92,97.4198468610229,
        115.85237502960396,137.7724686751686,163.84,194.8396937220458,231.70475005920792,275.5449373503372,
        327.68,389.6793874440916,463.40950011841585,551.0898747006744,655.36,779.3587748881832,
        926.8190002368317,1102.1797494013488,1310.72,1558.7175497763665,1853.6380004736634,2204.3594988026975,
        2621.44,3117.435099552733,3707.276000947327,4408.718997605395,5242.88,6234.870199105466,
        7414.552001894654,8817.43799521079,10485.76,12469.740398210932,14829.104003789307,17634.87599042158,
        20971.52,24939.480796421863,29658.208007578614,35269.75198084316,41943.04,49878.96159284373,
        59316.41601515723,70539.50396168632,83886.08,99757.92318568745,118632.83203031446,141079.00792337264,
        167772.16,199515.8463713749,237265.66406062891,282158.0158467453,335544.32,399031.6927427498,
        474531.32812125783,564316.0316934906,671088.64,798063.3854854996,949062.6562425157
    }'::double precision[]) + 1
$$;

ALTER FUNCTION zenglow_stats.latency_bucket(ms double precision) OWNER TO zenglow_owner;

--
-- Name: FUNCTION latency_bucket(ms double precision); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.latency_bucket(ms double precision) IS 'The latency histogram bucket (1..108) of a time in ms: 1 below 0.01 ms, then four buckets per doubling (0.01·2^((i-2)/4) <= ms < 0.01·2^((i-1)/4)), 108 from 0.01·2^26.5 ms (about 949 s). See zenglow_stats.latency_buckets.';

--
-- Name: model_activations(); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.model_activations() RETURNS TABLE(tenant_id text, occurred_at timestamp with time zone, actor text, details jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
-- The embedding-model activations of the audit log (model.activate: {old, new, index}), for
-- zenglow_stats.weight_changes. Analysts get these rows and no other: the audit log's tenant
-- policy calls zenglow.current_tenant(), which they may not run (granting it would let an
-- analyst who sets zenglow.tenant_id read that tenant's whole trail, ingest.failed messages
-- included), so no policy of theirs on the table could work; as the owner, with maintenance mode
-- on for the read alone (restored to what it was), this reads the _global chain they are in.
declare
    v_mode text := coalesce(current_setting('zenglow.maintenance', true), '');
begin
    perform zenglow.maintenance_mode(true);
    return query
    select e.tenant_id, e.occurred_at, e.actor,
        jsonb_build_object('old', e.details -> 'old', 'new', e.details -> 'new', 'index', e.details -> 'index')
            || case when e.details ? 'reason' then jsonb_build_object('reason', e.details -> 'reason') else '{}'::jsonb end
    from zenglow_audit.events e
    where e.action = 'model.activate';
    perform set_config('zenglow.maintenance', v_mode, true);
end
$$;

ALTER FUNCTION zenglow_stats.model_activations() OWNER TO zenglow_owner;

--
-- Name: FUNCTION model_activations(); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.model_activations() IS 'Every model.activate audit event as (tenant_id, occurred_at, actor, details {old, new, index[, reason]}): the embedding-model switches zenglow.activate_model made. Read by weight_changes.';

--
-- Name: weight_change_list(); Type: FUNCTION; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE FUNCTION zenglow_stats.weight_change_list() RETURNS TABLE(tenant_id text, changed_at timestamp with time zone, kind text, version bigint, actor text, reason text, details jsonb)
    LANGUAGE sql STABLE
    AS $$
    -- zenglow_stats.weight_changes, late-bound for weight_change_effects: the migrator applies
    -- views in path order, and weight_change_effects.sql sorts before weight_changes.sql, so it
    -- reads this, whose body is resolved when it runs. A plain SQL function (not strict, no
    -- SET clause), so the planner inlines it into the caller's query.
    select c.tenant_id, c.changed_at, c.kind, c.version, c.actor, c.reason, c.details from zenglow_stats.weight_changes c
$$;

ALTER FUNCTION zenglow_stats.weight_change_list() OWNER TO zenglow_owner;

--
-- Name: FUNCTION weight_change_list(); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON FUNCTION zenglow_stats.weight_change_list() IS 'The rows of zenglow_stats.weight_changes, for weight_change_effects (late-bound, inlined).';

--
-- Name: histogram_merge(bigint[]); Type: AGGREGATE; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE AGGREGATE zenglow_stats.histogram_merge(bigint[]) (
    SFUNC = zenglow_stats.histogram_add,
    STYPE = bigint[],
    COMBINEFUNC = zenglow_stats.histogram_add,
    PARALLEL = safe
);

ALTER AGGREGATE zenglow_stats.histogram_merge(bigint[]) OWNER TO zenglow_owner;

--
-- Name: AGGREGATE histogram_merge(bigint[]); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON AGGREGATE zenglow_stats.histogram_merge(bigint[]) IS 'Merges latency histograms (element-wise sum; lengths may differ; nulls ignored; null if all are null), e.g. zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(total_hist), 0.95) over any rows of query_stats_5m.';

--
-- Name: jsonb_count_merge(jsonb); Type: AGGREGATE; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE AGGREGATE zenglow_stats.jsonb_count_merge(jsonb) (
    SFUNC = zenglow_stats.jsonb_count_add,
    STYPE = jsonb,
    COMBINEFUNC = zenglow_stats.jsonb_count_add,
    PARALLEL = safe
);

ALTER AGGREGATE zenglow_stats.jsonb_count_merge(jsonb) OWNER TO zenglow_owner;

--
-- Name: AGGREGATE jsonb_count_merge(jsonb); Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON AGGREGATE zenglow_stats.jsonb_count_merge(jsonb) IS 'Sums {key: count} JSON objects key by key (nulls ignored; null if all are null), e.g. zenglow_stats.jsonb_count_merge(result_sources) over a week of query_stats_1d.';

--
-- Name: ann_settings; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.ann_settings (
    model_name text NOT NULL,
    index_kind text DEFAULT 'hnsw'::text NOT NULL,
    hnsw_m integer DEFAULT 16 NOT NULL,
    hnsw_ef_construction integer DEFAULT 64 NOT NULL,
    hnsw_ef_search integer,
    ivfflat_lists integer,
    ivfflat_probes integer DEFAULT 10 NOT NULL,
    built jsonb,
    version bigint DEFAULT 1 NOT NULL,
    changed_at timestamp with time zone DEFAULT now() NOT NULL,
    changed_by text DEFAULT 'migration'::text NOT NULL,
    CONSTRAINT ann_settings_hnsw_ef_construction_range CHECK (((hnsw_ef_construction >= 4) AND (hnsw_ef_construction <= 1000))),
    CONSTRAINT ann_settings_hnsw_ef_search_range CHECK (((hnsw_ef_search >= 1) AND (hnsw_ef_search <= 1000))),
    CONSTRAINT ann_settings_hnsw_m_range CHECK (((hnsw_m >= 2) AND (hnsw_m <= 100))),
    CONSTRAINT ann_settings_index_kind_known CHECK ((index_kind = ANY (ARRAY['hnsw'::text, 'ivfflat'::text]))),
    CONSTRAINT ann_settings_ivfflat_lists_range CHECK (((ivfflat_lists >= 1) AND (ivfflat_lists <= 32768))),
    CONSTRAINT ann_settings_ivfflat_probes_range CHECK (((ivfflat_probes >= 1) AND (ivfflat_probes <= 32768)))
);

ALTER TABLE zenglow.ann_settings OWNER TO zenglow_owner;

--
-- Name: api_keys; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.api_keys (
    tenant_id text NOT NULL,
    key_id uuid DEFAULT gen_random_uuid() NOT NULL,
    prefix text NOT NULL,
    secret_sha256 bytea NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    scopes text[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone,
    CONSTRAINT api_keys_prefix_format CHECK ((prefix ~ '^zg_[A-Za-z0-9]{8,32}$'::text)),
    CONSTRAINT api_keys_scopes_known CHECK (((scopes <@ ARRAY['query'::text, 'ingest'::text, 'admin'::text, 'embed'::text]) AND (cardinality(scopes) > 0))),
    CONSTRAINT api_keys_secret_sha256_length CHECK ((length(secret_sha256) = 32))
);

ALTER TABLE ONLY zenglow.api_keys FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.api_keys OWNER TO zenglow_owner;

--
-- Name: TABLE api_keys; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.api_keys IS 'API keys: prefix (public, zg_…), SHA-256 of the secret, scopes query/ingest/admin/embed, expiry and revocation.';

--
-- Name: backup_runs; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.backup_runs (
    backup_id bigint NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    outcome text NOT NULL,
    file text,
    size_bytes bigint,
    sha256 text,
    schema_version integer,
    error text,
    CONSTRAINT backup_runs_outcome_known CHECK ((outcome = ANY (ARRAY['success'::text, 'failed'::text])))
);

ALTER TABLE zenglow.backup_runs OWNER TO zenglow_owner;

--
-- Name: TABLE backup_runs; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.backup_runs IS 'One row per zenglow backup: when, where to, its size and sha256, or why it failed.';

--
-- Name: COLUMN backup_runs.file; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.backup_runs.file IS 'The dump file the backup wrote (custom format), as the backing-up host saw it.';

--
-- Name: COLUMN backup_runs.sha256; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.backup_runs.sha256 IS 'sha256 of the dump file, also in its manifest.';

--
-- Name: backup_runs_backup_id_seq; Type: SEQUENCE; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.backup_runs ALTER COLUMN backup_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME zenglow.backup_runs_backup_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: batches; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.batches (
    tenant_id text NOT NULL,
    batch_id bigint NOT NULL,
    batch_tag text NOT NULL,
    source text DEFAULT ''::text NOT NULL,
    state text DEFAULT 'open'::text NOT NULL,
    reason text,
    accepted bigint DEFAULT 0 NOT NULL,
    rejected bigint DEFAULT 0 NOT NULL,
    by_source jsonb DEFAULT '{}'::jsonb NOT NULL,
    content_hash text NOT NULL,
    pinned boolean DEFAULT false NOT NULL,
    detail text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    loading_at timestamp with time zone,
    finished_at timestamp with time zone,
    expired_at timestamp with time zone,
    embedded bigint DEFAULT 0 NOT NULL,
    alert_reason text,
    drift jsonb,
    pii jsonb,
    summary jsonb,
    CONSTRAINT batches_accepted_nonnegative CHECK ((accepted >= 0)),
    CONSTRAINT batches_alert_reason_known CHECK ((alert_reason = ANY (ARRAY['failed'::text, 'healed_partition'::text, 'partition_missing'::text, 'other_error'::text]))),
    CONSTRAINT batches_batch_tag_format CHECK ((batch_tag ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$'::text)),
    CONSTRAINT batches_content_hash_format CHECK ((content_hash ~ '^sha256:[0-9a-f]{64}$'::text)),
    CONSTRAINT batches_drift_object CHECK ((jsonb_typeof(drift) = 'object'::text)),
    CONSTRAINT batches_embedded_nonnegative CHECK ((embedded >= 0)),
    CONSTRAINT batches_pii_object CHECK ((jsonb_typeof(pii) = 'object'::text)),
    CONSTRAINT batches_reason_known CHECK ((reason = ANY (ARRAY['success'::text, 'failed'::text, 'healed_partition'::text, 'partition_missing'::text, 'other_error'::text]))),
    CONSTRAINT batches_rejected_nonnegative CHECK ((rejected >= 0)),
    CONSTRAINT batches_state_known CHECK ((state = ANY (ARRAY['open'::text, 'loading'::text, 'done'::text, 'failed'::text, 'healed'::text]))),
    CONSTRAINT batches_summary_object CHECK ((jsonb_typeof(summary) = 'object'::text)),
    CONSTRAINT batches_terminal_has_reason CHECK (((state = ANY (ARRAY['done'::text, 'failed'::text, 'healed'::text])) = (reason IS NOT NULL)))
);

ALTER TABLE ONLY zenglow.batches FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.batches OWNER TO zenglow_owner;

--
-- Name: TABLE batches; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.batches IS 'Ingest batches and their manifests. States: open -> loading -> done | failed | healed (loaded after a missing partition was created); failed -> loading retries. pinned batches survive retention.';

--
-- Name: COLUMN batches.embedded; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.batches.embedded IS 'Chunks of this batch that came without an embedding and were embedded by the server before loading.';

--
-- Name: COLUMN batches.alert_reason; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.batches.alert_reason IS 'Why the spool run that loaded this batch raised an alert (failed, healed_partition, partition_missing, other_error); null when it raised none. Cleared when a failed batch is retried.';

--
-- Name: COLUMN batches.drift; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.batches.drift IS 'The spool worker''s drift report: each source''s share of this batch minus its share of the tenant''s previous batch (previous_batch_tag, deltas, max_delta, threshold, flagged).';

--
-- Name: COLUMN batches.pii; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.batches.pii IS 'PII the spool worker found in this batch''s texts, by kind (emails, phones, api_keys, tokens), and the mode it ran in.';

--
-- Name: COLUMN batches.summary; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.batches.summary IS 'The spool worker''s ingest summary of this batch (as written to SPOOL_REPORT_DIR).';

--
-- Name: batches_batch_id_seq; Type: SEQUENCE; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.batches ALTER COLUMN batch_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME zenglow.batches_batch_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: chunks; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.chunks (
    tenant_id text NOT NULL,
    chunk_id bigint NOT NULL,
    document_id text NOT NULL,
    chunk_order integer DEFAULT 0 NOT NULL,
    source text DEFAULT ''::text NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    content_hash text NOT NULL,
    batch_id bigint NOT NULL,
    batch_tag text NOT NULL,
    body text NOT NULL,
    tsv tsvector,
    embedding public.vector,
    embedding_model text NOT NULL,
    ingested_at timestamp with time zone DEFAULT now() NOT NULL,
    token_count integer DEFAULT 0 NOT NULL,
    title_terms text[],
    CONSTRAINT chunks_body_not_empty CHECK ((body <> ''::text)),
    CONSTRAINT chunks_chunk_order_nonnegative CHECK ((chunk_order >= 0)),
    CONSTRAINT chunks_document_id_length CHECK (((length(document_id) >= 1) AND (length(document_id) <= 512))),
    CONSTRAINT chunks_token_count_nonnegative CHECK ((token_count >= 0))
)
PARTITION BY RANGE (ingested_at);

ALTER TABLE ONLY zenglow.chunks FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.chunks OWNER TO zenglow_owner;

--
-- Name: TABLE chunks; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.chunks IS 'Chunks of documents (doc_embeddings): text, tsvector (english), embedding of embedding_model. Partitioned by ingested_at; one batch is loaded in one transaction, so it lies in one partition.';

--
-- Name: chunks_chunk_id_seq; Type: SEQUENCE; Schema: zenglow; Owner: zenglow_owner
--

CREATE SEQUENCE zenglow.chunks_chunk_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE zenglow.chunks_chunk_id_seq OWNER TO zenglow_owner;

--
-- Name: chunks_chunk_id_seq; Type: SEQUENCE OWNED BY; Schema: zenglow; Owner: zenglow_owner
--

ALTER SEQUENCE zenglow.chunks_chunk_id_seq OWNED BY zenglow.chunks.chunk_id;

--
-- Name: chunks_default; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.chunks_default (
    tenant_id text NOT NULL,
    chunk_id bigint DEFAULT nextval('zenglow.chunks_chunk_id_seq'::regclass) NOT NULL,
    document_id text NOT NULL,
    chunk_order integer DEFAULT 0 NOT NULL,
    source text DEFAULT ''::text NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    content_hash text NOT NULL,
    batch_id bigint NOT NULL,
    batch_tag text NOT NULL,
    body text NOT NULL,
    tsv tsvector,
    embedding public.vector,
    embedding_model text NOT NULL,
    ingested_at timestamp with time zone DEFAULT now() NOT NULL,
    token_count integer DEFAULT 0 NOT NULL,
    title_terms text[],
    CONSTRAINT chunks_body_not_empty CHECK ((body <> ''::text)),
    CONSTRAINT chunks_chunk_order_nonnegative CHECK ((chunk_order >= 0)),
    CONSTRAINT chunks_document_id_length CHECK (((length(document_id) >= 1) AND (length(document_id) <= 512))),
    CONSTRAINT chunks_token_count_nonnegative CHECK ((token_count >= 0))
);

ALTER TABLE zenglow.chunks_default OWNER TO zenglow_owner;

--
-- Name: corpus_epochs; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.corpus_epochs (
    tenant_id text NOT NULL,
    epoch bigint DEFAULT 0 NOT NULL,
    advanced_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT corpus_epochs_epoch_nonnegative CHECK ((epoch >= 0))
);

ALTER TABLE ONLY zenglow.corpus_epochs FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.corpus_epochs OWNER TO zenglow_owner;

--
-- Name: TABLE corpus_epochs; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.corpus_epochs IS 'Per tenant, a number that every committed change to what retrieval reads (chunks, BM25 statistics, source priors) advances in the same transaction; part of the response cache key. No row means epoch 0.';

--
-- Name: corpus_stats; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.corpus_stats (
    tenant_id text NOT NULL,
    embedding_model text NOT NULL,
    chunk_count bigint DEFAULT 0 NOT NULL,
    token_total bigint DEFAULT 0 NOT NULL,
    CONSTRAINT corpus_stats_chunk_count_nonnegative CHECK ((chunk_count >= 0)),
    CONSTRAINT corpus_stats_token_total_nonnegative CHECK ((token_total >= 0))
);

ALTER TABLE ONLY zenglow.corpus_stats FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.corpus_stats OWNER TO zenglow_owner;

--
-- Name: TABLE corpus_stats; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.corpus_stats IS 'BM25 corpus size (chunks) and total length (tokens), per tenant and embedding model.';

--
-- Name: models; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.models (
    model_name text NOT NULL,
    dimension integer NOT NULL,
    quantization text DEFAULT 'none'::text NOT NULL,
    source text DEFAULT ''::text NOT NULL,
    source_hash text,
    loaded_at timestamp with time zone DEFAULT now() NOT NULL,
    active boolean DEFAULT false NOT NULL,
    ltr_feature_schema_version integer DEFAULT 1 NOT NULL,
    CONSTRAINT models_dimension_range CHECK (((dimension >= 1) AND (dimension <= 16000))),
    CONSTRAINT models_model_name_format CHECK ((model_name ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$'::text)),
    CONSTRAINT models_quantization_known CHECK ((quantization = ANY (ARRAY['none'::text, 'halfvec'::text, 'binary'::text, 'int8'::text])))
);

ALTER TABLE zenglow.models OWNER TO zenglow_owner;

--
-- Name: doc_embeddings; Type: VIEW; Schema: zenglow; Owner: zenglow_owner
--

CREATE VIEW zenglow.doc_embeddings WITH (security_invoker='true') AS
 SELECT c.tenant_id,
    c.document_id,
    c.chunk_id,
    c.chunk_order,
    c.source,
    c.title,
    c.metadata,
    c.content_hash,
    c.batch_id,
    c.batch_tag,
    c.body,
    c.tsv,
    c.embedding,
    c.embedding_model,
    c.ingested_at
   FROM (zenglow.chunks c
     JOIN zenglow.models m ON (((m.model_name = c.embedding_model) AND m.active)));

ALTER TABLE zenglow.doc_embeddings OWNER TO zenglow_owner;

--
-- Name: fusion_weights; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.fusion_weights (
    tenant_id text NOT NULL,
    version bigint NOT NULL,
    weights jsonb NOT NULL,
    reason text NOT NULL,
    actor text NOT NULL,
    issue_link text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT fusion_weights_actor_given CHECK ((btrim(actor) <> ''::text)),
    CONSTRAINT fusion_weights_reason_given CHECK ((btrim(reason) <> ''::text))
);

ALTER TABLE ONLY zenglow.fusion_weights FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.fusion_weights OWNER TO zenglow_owner;

--
-- Name: TABLE fusion_weights; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.fusion_weights IS 'Fusion weight versions, never updated or deleted. weights: {"ltr": w, "vector": w}, finite, non-negative, sum > 0. The active version of a tenant is its newest, else the newest _global one.';

--
-- Name: fusion_weights_version_seq; Type: SEQUENCE; Schema: zenglow; Owner: zenglow_owner
--

CREATE SEQUENCE zenglow.fusion_weights_version_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE zenglow.fusion_weights_version_seq OWNER TO zenglow_owner;

--
-- Name: fusion_weights_version_seq; Type: SEQUENCE OWNED BY; Schema: zenglow; Owner: zenglow_owner
--

ALTER SEQUENCE zenglow.fusion_weights_version_seq OWNED BY zenglow.fusion_weights.version;

--
-- Name: installation; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.installation (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE zenglow.installation OWNER TO zenglow_owner;

--
-- Name: TABLE installation; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.installation IS 'This ZenGlow database''s identity (one row, a random id made by migration 0019): part of every response cache key, so that databases sharing one Redis never share entries.';

--
-- Name: ltr_models; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.ltr_models (
    version bigint NOT NULL,
    feature_schema_version integer NOT NULL,
    coefficients jsonb NOT NULL,
    intercept double precision DEFAULT 0 NOT NULL,
    trained_on text DEFAULT ''::text NOT NULL,
    metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ltr_models_coefficients_object CHECK ((jsonb_typeof(coefficients) = 'object'::text))
);

ALTER TABLE zenglow.ltr_models OWNER TO zenglow_owner;

--
-- Name: TABLE ltr_models; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.ltr_models IS 'Linear learning-to-rank models: coefficients per feature of feature_schema_version; the newest version is active.';

--
-- Name: ltr_models_version_seq; Type: SEQUENCE; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.ltr_models ALTER COLUMN version ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME zenglow.ltr_models_version_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: maintenance_runs; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.maintenance_runs (
    run_id bigint NOT NULL,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    finished_at timestamp with time zone,
    duration_ms double precision,
    trigger text NOT NULL,
    outcome text NOT NULL,
    created text[] DEFAULT '{}'::text[] NOT NULL,
    dropped text[] DEFAULT '{}'::text[] NOT NULL,
    healed text[] DEFAULT '{}'::text[] NOT NULL,
    moved_rows bigint DEFAULT 0 NOT NULL,
    deleted_rows bigint DEFAULT 0 NOT NULL,
    error text,
    rollups jsonb,
    scheduler text DEFAULT 'manual'::text NOT NULL,
    analyzed text[] DEFAULT '{}'::text[] NOT NULL,
    CONSTRAINT maintenance_runs_outcome_known CHECK ((outcome = ANY (ARRAY['success'::text, 'skipped_locked'::text, 'healed_partition'::text, 'partial'::text, 'other_error'::text]))),
    CONSTRAINT maintenance_runs_scheduler_known CHECK ((scheduler = ANY (ARRAY['manual'::text, 'service'::text, 'pg_cron'::text]))),
    CONSTRAINT maintenance_runs_trigger_known CHECK ((trigger = ANY (ARRAY['scheduled'::text, 'write'::text])))
);

ALTER TABLE zenglow.maintenance_runs OWNER TO zenglow_owner;

--
-- Name: TABLE maintenance_runs; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.maintenance_runs IS 'One row per run of zenglow.run_maintenance() (trigger scheduled) and per partition created by a write (trigger write).';

--
-- Name: COLUMN maintenance_runs.rollups; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.maintenance_runs.rollups IS 'What the rollup step did: per level the watermark reached, buckets written and rows dropped by retention.';

--
-- Name: COLUMN maintenance_runs.scheduler; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.maintenance_runs.scheduler IS 'What started the run: manual (zenglow maintain), service (zenglow maintain run --every) or pg_cron (zenglow maintain schedule).';

--
-- Name: COLUMN maintenance_runs.analyzed; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.maintenance_runs.analyzed IS 'Partitions the run ANALYZEd because a load had changed many of their rows since their last analyze.';

--
-- Name: maintenance_runs_run_id_seq; Type: SEQUENCE; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.maintenance_runs ALTER COLUMN run_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME zenglow.maintenance_runs_run_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: maintenance_settings; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.maintenance_settings (
    singleton boolean DEFAULT true NOT NULL,
    chunk_partition_unit text DEFAULT 'month'::text NOT NULL,
    chunk_premake integer DEFAULT 3 NOT NULL,
    chunk_retention interval,
    query_performance_premake_days integer DEFAULT 7 NOT NULL,
    query_performance_retention interval DEFAULT '30 days'::interval NOT NULL,
    run_history_retention interval DEFAULT '30 days'::interval NOT NULL,
    query_rollup_late_window interval DEFAULT '00:15:00'::interval NOT NULL,
    query_rollup_5m_retention interval DEFAULT '90 days'::interval,
    query_rollup_1h_retention interval DEFAULT '1 year 1 mon'::interval,
    query_rollup_1d_retention interval,
    CONSTRAINT maintenance_settings_late_window_range CHECK (((query_rollup_late_window >= '00:00:00'::interval) AND (query_rollup_late_window <= '7 days'::interval))),
    CONSTRAINT maintenance_settings_one_row CHECK (singleton),
    CONSTRAINT maintenance_settings_premake_range CHECK (((chunk_premake >= 1) AND (chunk_premake <= 60))),
    CONSTRAINT maintenance_settings_qp_premake_range CHECK (((query_performance_premake_days >= 1) AND (query_performance_premake_days <= 90))),
    CONSTRAINT maintenance_settings_raw_outlives_late_window CHECK ((query_performance_retention >= (query_rollup_late_window + '1 day'::interval))),
    CONSTRAINT maintenance_settings_rollup_1d_retention_floor CHECK (((query_rollup_1d_retention IS NULL) OR (query_rollup_1d_retention >= '1 day'::interval))),
    CONSTRAINT maintenance_settings_rollup_1h_retention_floor CHECK (((query_rollup_1h_retention IS NULL) OR (query_rollup_1h_retention >= (query_rollup_late_window + '2 days'::interval)))),
    CONSTRAINT maintenance_settings_rollup_5m_retention_floor CHECK (((query_rollup_5m_retention IS NULL) OR (query_rollup_5m_retention >= (query_rollup_late_window + '1 day'::interval)))),
    CONSTRAINT maintenance_settings_unit_known CHECK ((chunk_partition_unit = ANY (ARRAY['day'::text, 'week'::text, 'month'::text])))
);

ALTER TABLE zenglow.maintenance_settings OWNER TO zenglow_owner;

--
-- Name: TABLE maintenance_settings; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.maintenance_settings IS 'Partitioning and retention settings read by zenglow.run_maintenance().';

--
-- Name: COLUMN maintenance_settings.query_rollup_late_window; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.maintenance_settings.query_rollup_late_window IS 'How far behind its watermark each refresh re-rolls, so rows recorded late (the API writes asynchronously) are counted.';

--
-- Name: COLUMN maintenance_settings.query_rollup_1d_retention; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.maintenance_settings.query_rollup_1d_retention IS 'Null: daily rollups are kept.';

--
-- Name: CONSTRAINT maintenance_settings_rollup_1h_retention_floor ON maintenance_settings; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON CONSTRAINT maintenance_settings_rollup_1h_retention_floor ON zenglow.maintenance_settings IS 'Hourly rollups must live at least the late window plus two days: the daily level is rolled up from them.';

--
-- Name: CONSTRAINT maintenance_settings_rollup_5m_retention_floor ON maintenance_settings; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON CONSTRAINT maintenance_settings_rollup_5m_retention_floor ON zenglow.maintenance_settings IS '5-minute rollups must live at least the late window plus a day: the hourly level is rolled up from them.';

--
-- Name: query_performance; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.query_performance (
    ts timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id text NOT NULL,
    request_id text,
    endpoint text NOT NULL,
    status integer NOT NULL,
    top_k integer,
    cache_hit boolean DEFAULT false NOT NULL,
    result_count integer,
    weights_version bigint,
    model text,
    embed_ms double precision,
    retrieve_ms double precision,
    features_ms double precision,
    ltr_ms double precision,
    fusion_ms double precision,
    total_ms double precision NOT NULL,
    error_code text,
    degraded_reason text,
    mode text,
    ltr_version bigint,
    result_sources jsonb,
    top_documents text[],
    query_text text
);

ALTER TABLE ONLY zenglow.query_performance FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.query_performance OWNER TO zenglow_owner;

--
-- Name: TABLE query_performance; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.query_performance IS 'Stage timings of every API request (milliseconds). A TimescaleDB hypertable where TimescaleDB is present, a table partitioned by day otherwise. Analysts read zenglow_stats.';

--
-- Name: COLUMN query_performance.error_code; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.query_performance.error_code IS 'The API error code of a failed request (rate_limited, invalid_embedding, overloaded, …); null when it succeeded.';

--
-- Name: COLUMN query_performance.degraded_reason; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.query_performance.degraded_reason IS 'Why a successful answer was degraded (embedder_unavailable, no_embedding); null when it was not.';

--
-- Name: COLUMN query_performance.result_sources; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.query_performance.result_sources IS 'The sources of the returned results, counted: {"pubmed": 7, "wiki": 3}.';

--
-- Name: COLUMN query_performance.top_documents; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.query_performance.top_documents IS 'The document ids of the first (at most 10) results, in rank order.';

--
-- Name: COLUMN query_performance.query_text; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow.query_performance.query_text IS 'The query with e-mail addresses, numbers and URLs scrubbed, only when the API runs with LOG_QUERY_TEXT=true; never readable by zenglow_analyst.';

--
-- Name: query_rollup_1d; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.query_rollup_1d (
    tenant_id text NOT NULL,
    bucket timestamp with time zone NOT NULL,
    endpoint text NOT NULL,
    mode text DEFAULT ''::text NOT NULL,
    model text DEFAULT ''::text NOT NULL,
    requests bigint DEFAULT 0 NOT NULL,
    errors_client bigint DEFAULT 0 NOT NULL,
    errors_throttled bigint DEFAULT 0 NOT NULL,
    errors_server bigint DEFAULT 0 NOT NULL,
    degraded bigint DEFAULT 0 NOT NULL,
    cache_hits bigint DEFAULT 0 NOT NULL,
    results bigint DEFAULT 0 NOT NULL,
    total_ms_sum double precision DEFAULT 0 NOT NULL,
    embed_ms_sum double precision,
    retrieve_ms_sum double precision,
    features_ms_sum double precision,
    ltr_ms_sum double precision,
    fusion_ms_sum double precision,
    total_hist bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    embed_hist bigint[],
    retrieve_hist bigint[],
    features_hist bigint[],
    ltr_hist bigint[],
    fusion_hist bigint[],
    result_sources jsonb DEFAULT '{}'::jsonb NOT NULL,
    top_documents jsonb DEFAULT '{}'::jsonb NOT NULL
);

ALTER TABLE ONLY zenglow.query_rollup_1d FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.query_rollup_1d OWNER TO zenglow_owner;

--
-- Name: TABLE query_rollup_1d; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.query_rollup_1d IS 'query_rollup_1h per day (UTC): the same columns, merged, and top_documents (the most frequent top-k documents of the day, counted). Filled by zenglow.refresh_query_rollups.';

--
-- Name: query_rollup_1h; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.query_rollup_1h (
    tenant_id text NOT NULL,
    bucket timestamp with time zone NOT NULL,
    endpoint text NOT NULL,
    mode text DEFAULT ''::text NOT NULL,
    model text DEFAULT ''::text NOT NULL,
    requests bigint DEFAULT 0 NOT NULL,
    errors_client bigint DEFAULT 0 NOT NULL,
    errors_throttled bigint DEFAULT 0 NOT NULL,
    errors_server bigint DEFAULT 0 NOT NULL,
    degraded bigint DEFAULT 0 NOT NULL,
    cache_hits bigint DEFAULT 0 NOT NULL,
    results bigint DEFAULT 0 NOT NULL,
    total_ms_sum double precision DEFAULT 0 NOT NULL,
    embed_ms_sum double precision,
    retrieve_ms_sum double precision,
    features_ms_sum double precision,
    ltr_ms_sum double precision,
    fusion_ms_sum double precision,
    total_hist bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    embed_hist bigint[],
    retrieve_hist bigint[],
    features_hist bigint[],
    ltr_hist bigint[],
    fusion_hist bigint[],
    result_sources jsonb DEFAULT '{}'::jsonb NOT NULL
);

ALTER TABLE ONLY zenglow.query_rollup_1h FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.query_rollup_1h OWNER TO zenglow_owner;

--
-- Name: TABLE query_rollup_1h; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.query_rollup_1h IS 'query_rollup_5m per hour (UTC): the same columns, merged. Filled by zenglow.refresh_query_rollups.';

--
-- Name: query_rollup_watermarks; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.query_rollup_watermarks (
    level text NOT NULL,
    watermark timestamp with time zone,
    refreshed_at timestamp with time zone,
    duration_ms double precision,
    buckets_written bigint DEFAULT 0 NOT NULL,
    CONSTRAINT query_rollup_watermarks_level_known CHECK ((level = ANY (ARRAY['5m'::text, '1h'::text, '1d'::text])))
);

ALTER TABLE zenglow.query_rollup_watermarks OWNER TO zenglow_owner;

--
-- Name: TABLE query_rollup_watermarks; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.query_rollup_watermarks IS 'Per rollup level, the end of the last complete bucket rolled up (rows at or past it are read raw by the real-time views), and what the last refresh did.';

--
-- Name: retrieval_settings; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.retrieval_settings (
    tenant_id text NOT NULL,
    version bigint NOT NULL,
    settings jsonb NOT NULL,
    ltr_version bigint,
    reason text NOT NULL,
    actor text NOT NULL,
    issue_link text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT retrieval_settings_actor_given CHECK ((btrim(actor) <> ''::text)),
    CONSTRAINT retrieval_settings_reason_given CHECK ((btrim(reason) <> ''::text))
);

ALTER TABLE ONLY zenglow.retrieval_settings FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.retrieval_settings OWNER TO zenglow_owner;

--
-- Name: TABLE retrieval_settings; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.retrieval_settings IS 'Retrieval settings versions, never updated or deleted. settings: {"k1", "b", "candidates", "lexical_budget"}, complete and validated (zenglow.validate_retrieval_settings); ltr_version: the LTR model they were fitted with (null: set by hand). A tenant''s settings are its newest version, else the newest _global one, else the defaults.';

--
-- Name: retrieval_settings_version_seq; Type: SEQUENCE; Schema: zenglow; Owner: zenglow_owner
--

CREATE SEQUENCE zenglow.retrieval_settings_version_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE zenglow.retrieval_settings_version_seq OWNER TO zenglow_owner;

--
-- Name: retrieval_settings_version_seq; Type: SEQUENCE OWNED BY; Schema: zenglow; Owner: zenglow_owner
--

ALTER SEQUENCE zenglow.retrieval_settings_version_seq OWNED BY zenglow.retrieval_settings.version;

--
-- Name: source_priors; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.source_priors (
    tenant_id text NOT NULL,
    source text NOT NULL,
    prior double precision NOT NULL,
    CONSTRAINT source_priors_prior_range CHECK (((prior >= (0)::double precision) AND (prior <= (1)::double precision)))
);

ALTER TABLE ONLY zenglow.source_priors FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.source_priors OWNER TO zenglow_owner;

--
-- Name: tenants; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.tenants (
    tenant_id text NOT NULL,
    display_name text DEFAULT ''::text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tenants_tenant_id_format CHECK (((tenant_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'::text) OR (tenant_id = '_global'::text)))
);

ALTER TABLE ONLY zenglow.tenants FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.tenants OWNER TO zenglow_owner;

--
-- Name: TABLE tenants; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.tenants IS 'Tenants: lowercase letters, digits, _ and -, at most 63 characters. An inactive tenant sees nothing. _global is reserved for defaults (fusion weights) and can never be a session''s tenant.';

--
-- Name: term_champion_lists; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.term_champion_lists (
    tenant_id text NOT NULL,
    embedding_model text NOT NULL,
    term text NOT NULL,
    length integer NOT NULL,
    CONSTRAINT term_champion_lists_length_nonnegative CHECK ((length >= 0))
);

ALTER TABLE ONLY zenglow.term_champion_lists FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.term_champion_lists OWNER TO zenglow_owner;

--
-- Name: TABLE term_champion_lists; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.term_champion_lists IS 'The length of each champion list, per tenant, model and term.';

--
-- Name: term_champion_settings; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.term_champion_settings (
    tenant_id text NOT NULL,
    embedding_model text NOT NULL,
    min_df bigint DEFAULT 5000 NOT NULL,
    list_size integer DEFAULT 2000 NOT NULL,
    depth integer DEFAULT 1000 NOT NULL,
    k1 double precision DEFAULT 1.2 NOT NULL,
    b double precision DEFAULT 0.75 NOT NULL,
    avgdl double precision NOT NULL,
    built_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT term_champion_settings_avgdl_positive CHECK ((avgdl > (0)::double precision)),
    CONSTRAINT term_champion_settings_b_range CHECK (((b >= (0)::double precision) AND (b <= (1)::double precision))),
    CONSTRAINT term_champion_settings_depth_range CHECK (((depth >= 1) AND (depth <= list_size))),
    CONSTRAINT term_champion_settings_k1_range CHECK (((k1 >= (0)::double precision) AND (k1 <= (100)::double precision))),
    CONSTRAINT term_champion_settings_list_size_range CHECK (((list_size >= 1) AND (list_size <= 1000000))),
    CONSTRAINT term_champion_settings_min_df_positive CHECK ((min_df >= 1))
);

ALTER TABLE ONLY zenglow.term_champion_settings FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.term_champion_settings OWNER TO zenglow_owner;

--
-- Name: TABLE term_champion_settings; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.term_champion_settings IS 'How a tenant''s champion lists are kept: min_df, list_size, depth and the k1, b, avgdl of their weights.';

--
-- Name: term_champions; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.term_champions (
    tenant_id text NOT NULL,
    embedding_model text NOT NULL,
    term text NOT NULL,
    w double precision NOT NULL,
    chunk_id bigint NOT NULL,
    ingested_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY zenglow.term_champions FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.term_champions OWNER TO zenglow_owner;

--
-- Name: TABLE term_champions; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.term_champions IS 'Champion lists: per tenant, model and common term, the chunks with the highest BM25 tf-part w.';

--
-- Name: term_stats; Type: TABLE; Schema: zenglow; Owner: zenglow_owner
--

CREATE TABLE zenglow.term_stats (
    tenant_id text NOT NULL,
    embedding_model text NOT NULL,
    term text NOT NULL,
    df bigint NOT NULL,
    CONSTRAINT term_stats_df_nonnegative CHECK ((df >= 0))
);

ALTER TABLE ONLY zenglow.term_stats FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow.term_stats OWNER TO zenglow_owner;

--
-- Name: TABLE term_stats; Type: COMMENT; Schema: zenglow; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow.term_stats IS 'BM25 document frequency of each stemmed term, per tenant and embedding model.';

--
-- Name: chain_heads; Type: TABLE; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE TABLE zenglow_audit.chain_heads (
    tenant_id text NOT NULL,
    seq bigint NOT NULL,
    hash bytea NOT NULL
);

ALTER TABLE ONLY zenglow_audit.chain_heads FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow_audit.chain_heads OWNER TO zenglow_owner;

--
-- Name: events; Type: TABLE; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE TABLE zenglow_audit.events (
    tenant_id text NOT NULL,
    seq bigint NOT NULL,
    occurred_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    subject text DEFAULT ''::text NOT NULL,
    details jsonb DEFAULT '{}'::jsonb NOT NULL,
    prev_hash bytea NOT NULL,
    hash bytea NOT NULL,
    CONSTRAINT events_seq_positive CHECK ((seq > 0))
);

ALTER TABLE ONLY zenglow_audit.events FORCE ROW LEVEL SECURITY;

ALTER TABLE zenglow_audit.events OWNER TO zenglow_owner;

--
-- Name: TABLE events; Type: COMMENT; Schema: zenglow_audit; Owner: zenglow_owner
--

COMMENT ON TABLE zenglow_audit.events IS 'Append-only audit log, hash-chained per tenant. Insert through zenglow_audit.append only; check with zenglow_audit.verify_chain(tenant).';

--
-- Name: history; Type: TABLE; Schema: zenglow_migrations; Owner: postgres
--

CREATE TABLE zenglow_migrations.history (
    id bigint NOT NULL,
    kind text NOT NULL,
    version integer,
    path text NOT NULL,
    checksum text NOT NULL,
    transactional boolean NOT NULL,
    status text NOT NULL,
    statements_applied integer DEFAULT 0 NOT NULL,
    applied_prefix_checksum text,
    applied_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    applied_by text DEFAULT CURRENT_USER NOT NULL,
    duration_ms integer DEFAULT 0 NOT NULL,
    error text,
    CONSTRAINT history_check CHECK (((kind = 'versioned'::text) = (version IS NOT NULL))),
    CONSTRAINT history_kind_check CHECK ((kind = ANY (ARRAY['versioned'::text, 'repeatable'::text]))),
    CONSTRAINT history_status_check CHECK ((status = ANY (ARRAY['applied'::text, 'baseline'::text, 'failed'::text])))
);

ALTER TABLE zenglow_migrations.history OWNER TO postgres;

--
-- Name: history_id_seq; Type: SEQUENCE; Schema: zenglow_migrations; Owner: postgres
--

ALTER TABLE zenglow_migrations.history ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME zenglow_migrations.history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: batch_source_drift; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.batch_source_drift WITH (security_invoker='true') AS
 WITH loaded AS (
         SELECT b.tenant_id,
            b.batch_id,
            b.batch_tag,
            b.finished_at,
            b.by_source,
            b.drift,
            ARRAY( SELECT s.key
                   FROM jsonb_each(
                        CASE
                            WHEN (jsonb_typeof(b.by_source) = 'object'::text) THEN b.by_source
                            ELSE '{}'::jsonb
                        END) s(key, value)
                  WHERE ((jsonb_typeof(s.value) = 'number'::text) AND (((s.value #>> '{}'::text[]))::numeric > (0)::numeric))
                  ORDER BY s.key) AS sources,
            lag(b.batch_tag) OVER w AS previous_batch_tag,
            lag(b.by_source) OVER w AS previous_by_source,
            lag(b.batch_id) OVER w AS previous_batch_id
           FROM zenglow.batches b
          WHERE (b.state = ANY (ARRAY['done'::text, 'healed'::text]))
          WINDOW w AS (PARTITION BY b.tenant_id ORDER BY b.finished_at, b.batch_id)
        )
 SELECT l.tenant_id,
    l.batch_id,
    l.batch_tag,
    l.finished_at,
    l.previous_batch_tag,
        CASE
            WHEN (l.previous_batch_id IS NOT NULL) THEN zenglow_stats.jensen_shannon(l.by_source, l.previous_by_source)
            ELSE NULL::double precision
        END AS js_divergence,
        CASE
            WHEN (l.previous_batch_id IS NOT NULL) THEN ARRAY( SELECT s.s
               FROM unnest(l.sources) s(s)
            EXCEPT
             SELECT p.key
               FROM jsonb_each(
                    CASE
                        WHEN (jsonb_typeof(l.previous_by_source) = 'object'::text) THEN l.previous_by_source
                        ELSE '{}'::jsonb
                    END) p(key, value)
              WHERE ((jsonb_typeof(p.value) = 'number'::text) AND (((p.value #>> '{}'::text[]))::numeric > (0)::numeric))
      ORDER BY 1)
            ELSE NULL::text[]
        END AS sources_added,
        CASE
            WHEN (l.previous_batch_id IS NOT NULL) THEN ARRAY( SELECT p.key
               FROM jsonb_each(
                    CASE
                        WHEN (jsonb_typeof(l.previous_by_source) = 'object'::text) THEN l.previous_by_source
                        ELSE '{}'::jsonb
                    END) p(key, value)
              WHERE ((jsonb_typeof(p.value) = 'number'::text) AND (((p.value #>> '{}'::text[]))::numeric > (0)::numeric))
            EXCEPT
             SELECT s.s
               FROM unnest(l.sources) s(s)
      ORDER BY 1)
            ELSE NULL::text[]
        END AS sources_dropped,
        CASE
            WHEN (jsonb_typeof((l.drift -> 'max_delta'::text)) = 'number'::text) THEN ((l.drift ->> 'max_delta'::text))::double precision
            ELSE NULL::double precision
        END AS spool_max_delta,
        CASE
            WHEN (jsonb_typeof((l.drift -> 'flagged'::text)) = 'boolean'::text) THEN ((l.drift ->> 'flagged'::text))::boolean
            ELSE NULL::boolean
        END AS spool_flagged
   FROM loaded l;

ALTER TABLE zenglow_stats.batch_source_drift OWNER TO zenglow_owner;

--
-- Name: VIEW batch_source_drift; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.batch_source_drift IS 'Source-mix drift of each loaded (done or healed) batch against the tenant''s previous loaded batch (by finished_at): the Jensen-Shannon divergence of their by_source shares, the sources that appeared and disappeared, and the spool worker''s own check (batches.drift) beside them. The first loaded batch of a tenant has nothing to compare: nulls.';

--
-- Name: COLUMN batch_source_drift.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.tenant_id IS 'The tenant.';

--
-- Name: COLUMN batch_source_drift.batch_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.batch_id IS 'The batch.';

--
-- Name: COLUMN batch_source_drift.batch_tag; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.batch_tag IS 'The batch''s tag.';

--
-- Name: COLUMN batch_source_drift.finished_at; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.finished_at IS 'When the batch became searchable (done or healed).';

--
-- Name: COLUMN batch_source_drift.previous_batch_tag; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.previous_batch_tag IS 'The tenant''s loaded batch just before it, the one compared against; null for the tenant''s first.';

--
-- Name: COLUMN batch_source_drift.js_divergence; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.js_divergence IS 'Base-2 Jensen-Shannon divergence of the two batches'' source shares: 0 the same mix, 1 no source in common; null for the first batch (or when either batch has no by_source counts).';

--
-- Name: COLUMN batch_source_drift.sources_added; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.sources_added IS 'Sources in this batch that the previous batch did not have, sorted; null for the first batch.';

--
-- Name: COLUMN batch_source_drift.sources_dropped; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.sources_dropped IS 'Sources of the previous batch that this batch does not have, sorted; null for the first batch.';

--
-- Name: COLUMN batch_source_drift.spool_max_delta; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.spool_max_delta IS 'The spool worker''s largest |share delta| against the batch it compared with (batches.drift.max_delta, which may be another batch: the worker reads its own summaries); null when the worker recorded no drift report.';

--
-- Name: COLUMN batch_source_drift.spool_flagged; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_source_drift.spool_flagged IS 'Whether the spool worker flagged the batch (max_delta above its SPOOL drift threshold); null without a report.';

--
-- Name: batch_sources; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.batch_sources WITH (security_invoker='true') AS
 SELECT b.tenant_id,
    b.batch_id,
    b.batch_tag,
    b.state,
    b.finished_at,
    s.key AS source,
    ((s.value #>> '{}'::text[]))::bigint AS chunks,
        CASE
            WHEN (b.accepted > 0) THEN (((s.value #>> '{}'::text[]))::double precision / (b.accepted)::double precision)
            ELSE NULL::double precision
        END AS share
   FROM (zenglow.batches b
     CROSS JOIN LATERAL jsonb_each(
        CASE
            WHEN (jsonb_typeof(b.by_source) = 'object'::text) THEN b.by_source
            ELSE '{}'::jsonb
        END) s(key, value))
  WHERE (jsonb_typeof(s.value) = 'number'::text);

ALTER TABLE zenglow_stats.batch_sources OWNER TO zenglow_owner;

--
-- Name: VIEW batch_sources; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.batch_sources IS 'Each batch''s chunks per source (batches.by_source: a document''s own source, else the batch''s), one row per source.';

--
-- Name: COLUMN batch_sources.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_sources.tenant_id IS 'The tenant.';

--
-- Name: COLUMN batch_sources.batch_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_sources.batch_id IS 'The batch (zenglow.batches.batch_id).';

--
-- Name: COLUMN batch_sources.batch_tag; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_sources.batch_tag IS 'The batch''s tag, unique per tenant.';

--
-- Name: COLUMN batch_sources.state; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_sources.state IS 'The batch''s state: open, loading, done, failed or healed.';

--
-- Name: COLUMN batch_sources.finished_at; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_sources.finished_at IS 'When the batch reached done, failed or healed; null while open or loading.';

--
-- Name: COLUMN batch_sources.source; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_sources.source IS 'The source.';

--
-- Name: COLUMN batch_sources.chunks; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_sources.chunks IS 'Chunks of the batch from this source.';

--
-- Name: COLUMN batch_sources.share; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.batch_sources.share IS 'chunks / the batch''s accepted chunks, 0..1; null when the batch accepted none.';

--
-- Name: ingest_daily; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.ingest_daily WITH (security_invoker='true') AS
 SELECT ((b.created_at AT TIME ZONE 'UTC'::text))::date AS day,
    b.tenant_id,
    count(*) AS batches,
    count(*) FILTER (WHERE (b.state = 'done'::text)) AS done,
    count(*) FILTER (WHERE (b.state = 'failed'::text)) AS failed,
    count(*) FILTER (WHERE (b.state = 'healed'::text)) AS healed,
    count(*) FILTER (WHERE (b.state = ANY (ARRAY['open'::text, 'loading'::text]))) AS in_progress,
    (sum(b.accepted))::bigint AS accepted,
    (sum(b.rejected))::bigint AS rejected,
        CASE
            WHEN ((sum(b.accepted) + sum(b.rejected)) > (0)::numeric) THEN ((sum(b.accepted))::double precision / ((sum(b.accepted) + sum(b.rejected)))::double precision)
            ELSE NULL::double precision
        END AS acceptance_rate,
    percentile_cont((0.5)::double precision) WITHIN GROUP (ORDER BY ((EXTRACT(epoch FROM (b.finished_at - b.created_at)))::double precision)) FILTER (WHERE (b.state = ANY (ARRAY['done'::text, 'healed'::text]))) AS p50_seconds_to_searchable,
    percentile_cont((0.95)::double precision) WITHIN GROUP (ORDER BY ((EXTRACT(epoch FROM (b.finished_at - b.created_at)))::double precision)) FILTER (WHERE (b.state = ANY (ARRAY['done'::text, 'healed'::text]))) AS p95_seconds_to_searchable
   FROM zenglow.batches b
  GROUP BY (((b.created_at AT TIME ZONE 'UTC'::text))::date), b.tenant_id;

ALTER TABLE zenglow_stats.ingest_daily OWNER TO zenglow_owner;

--
-- Name: VIEW ingest_daily; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.ingest_daily IS 'Ingest batches per UTC day (of opening) and tenant: how many, in which state, rows accepted and rejected, the acceptance rate and how long loaded batches took to become searchable. Re-submissions of loaded content open no batch.';

--
-- Name: COLUMN ingest_daily.day; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.day IS 'The UTC date the batches were opened (batches.created_at).';

--
-- Name: COLUMN ingest_daily.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.tenant_id IS 'The tenant.';

--
-- Name: COLUMN ingest_daily.batches; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.batches IS 'Batches opened that day, in any state.';

--
-- Name: COLUMN ingest_daily.done; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.done IS 'Of those, batches now done (loaded and searchable).';

--
-- Name: COLUMN ingest_daily.failed; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.failed IS 'Of those, batches now failed (not loaded; a retry moves one back to loading).';

--
-- Name: COLUMN ingest_daily.healed; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.healed IS 'Of those, batches now healed: loaded after their missing chunk partition was created.';

--
-- Name: COLUMN ingest_daily.in_progress; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.in_progress IS 'Of those, batches still open or loading.';

--
-- Name: COLUMN ingest_daily.accepted; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.accepted IS 'Chunks loaded, summed over the day''s batches.';

--
-- Name: COLUMN ingest_daily.rejected; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.rejected IS 'Rows the loader refused (the rest of each batch loaded), summed; see ingest_rejections for why.';

--
-- Name: COLUMN ingest_daily.acceptance_rate; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.acceptance_rate IS 'accepted / (accepted + rejected), 0..1; null when both are 0.';

--
-- Name: COLUMN ingest_daily.p50_seconds_to_searchable; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.p50_seconds_to_searchable IS 'Median seconds from opening (created_at) to done or healed (finished_at) over the day''s loaded batches; null when none loaded.';

--
-- Name: COLUMN ingest_daily.p95_seconds_to_searchable; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_daily.p95_seconds_to_searchable IS '95th percentile of the same (interpolated, exact over the batches); null when none loaded.';

--
-- Name: ingest_rejections; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.ingest_rejections WITH (security_invoker='true') AS
 SELECT r.day,
    r.tenant_id,
    r.stage,
    r.reason,
    count(*) AS batches,
    (sum(r.rows))::bigint AS rows
   FROM ( SELECT ((b.created_at AT TIME ZONE 'UTC'::text))::date AS day,
            b.tenant_id,
            'loader'::text AS stage,
            x.reason,
            x.rows
           FROM (zenglow.batches b
             CROSS JOIN LATERAL ( WITH classified AS (
                         SELECT e.key AS reason,
                            ((e.value #>> '{}'::text[]))::numeric AS rows
                           FROM jsonb_each(
                                CASE
                                    WHEN (jsonb_typeof((b.summary -> 'rejected_by_reason'::text)) = 'object'::text) THEN (b.summary -> 'rejected_by_reason'::text)
                                    ELSE '{}'::jsonb
                                END) e(key, value)
                          WHERE ((jsonb_typeof(e.value) = 'number'::text) AND (((e.value #>> '{}'::text[]))::numeric > (0)::numeric))
                        )
                 SELECT c.reason,
                    c.rows
                   FROM classified c
                UNION ALL
                 SELECT 'unclassified'::text,
                    ((b.rejected)::numeric - COALESCE(( SELECT sum(c.rows) AS sum
                           FROM classified c), (0)::numeric))
                  WHERE ((b.rejected)::numeric > COALESCE(( SELECT sum(c.rows) AS sum
                           FROM classified c), (0)::numeric))) x)
        UNION ALL
         SELECT ((b.created_at AT TIME ZONE 'UTC'::text))::date AS timezone,
            b.tenant_id,
            'manifest'::text,
            b.reason,
            NULL::numeric
           FROM zenglow.batches b
          WHERE (b.state = 'failed'::text)
        UNION ALL
         SELECT ((f.occurred_at AT TIME ZONE 'UTC'::text))::date AS timezone,
            f.tenant_id,
            'spool'::text,
            f.reason,
            NULL::numeric
           FROM zenglow_stats.ingest_failure_reasons() f(tenant_id, occurred_at, reason)) r
  GROUP BY r.day, r.tenant_id, r.stage, r.reason;

ALTER TABLE zenglow_stats.ingest_rejections OWNER TO zenglow_owner;

--
-- Name: VIEW ingest_rejections; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.ingest_rejections IS 'What ingestion refused, per UTC day, tenant, stage and reason. stage loader: rows left out of a loaded batch, reason wrong_dimension, non_finite, undefined_cosine, empty_text, invalid_utf8, invalid_metadata, invalid_document_id or duplicate_chunk (the spool summary''s rejected_by_reason), or unclassified (counted in batches.rejected without a reason, as for batches loaded through the API). stage manifest: batches whose manifest ended failed, reason failed, partition_missing or other_error. stage spool: files or segment frames the spool worker refused before loading (ingest.failed audit events), reason its failure code: truncated, invalid_msgpack, invalid_utf8, too_deep, too_large, zstd_bomb, corrupt_zstd, frame_length, wrong_type, missing_field, unknown_field, invalid_value, unknown_tenant, tag_reused, pii_rejected, embedding_failed, partition_missing, database, max_attempts, unknown_format, unreadable (other when not a code). Loader and manifest rows count on the day the batch was opened, spool rows on the day of the event.';

--
-- Name: COLUMN ingest_rejections.day; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_rejections.day IS 'UTC date: the batch''s opening (loader, manifest) or the audit event''s time (spool).';

--
-- Name: COLUMN ingest_rejections.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_rejections.tenant_id IS 'The tenant; _global for a spool file that named no existing tenant (reason unknown_tenant).';

--
-- Name: COLUMN ingest_rejections.stage; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_rejections.stage IS 'Where it was refused: loader (rows of a batch that loaded), manifest (a batch that ended failed), spool (before loading).';

--
-- Name: COLUMN ingest_rejections.reason; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_rejections.reason IS 'Why, in the stage''s vocabulary (see the view''s comment).';

--
-- Name: COLUMN ingest_rejections.batches; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_rejections.batches IS 'Batches (loader: with at least one row refused for this reason; manifest: failed) or spool refusals (files or frames).';

--
-- Name: COLUMN ingest_rejections.rows; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.ingest_rejections.rows IS 'Rows refused for this reason (loader); null for manifest and spool, where the whole batch was refused and its size is not recorded.';

--
-- Name: latency_buckets; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.latency_buckets WITH (security_invoker='true') AS
 SELECT i.i AS index,
        CASE
            WHEN (i.i = 1) THEN (0)::double precision
            ELSE ((0.01)::double precision * power((2.0)::double precision, ((((i.i - 2))::numeric / 4.0))::double precision))
        END AS lower_ms,
        CASE
            WHEN (i.i = 108) THEN NULL::double precision
            ELSE ((0.01)::double precision * power((2.0)::double precision, ((((i.i - 1))::numeric / 4.0))::double precision))
        END AS upper_ms
   FROM generate_series(1, 108) i(i);

ALTER TABLE zenglow_stats.latency_buckets OWNER TO zenglow_owner;

--
-- Name: VIEW latency_buckets; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.latency_buckets IS 'The buckets of every latency histogram (*_hist columns): four per doubling from 0.01 ms, so a percentile read from a histogram (its bucket''s geometric middle) is within 2^(1/8)-1 = 9.05% of the exact value.';

--
-- Name: COLUMN latency_buckets.index; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.latency_buckets.index IS 'The 1-based position in a histogram array.';

--
-- Name: COLUMN latency_buckets.lower_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.latency_buckets.lower_ms IS 'The smallest time (ms) counted in this bucket (inclusive); 0 for bucket 1.';

--
-- Name: COLUMN latency_buckets.upper_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.latency_buckets.upper_ms IS 'The bound (ms) above this bucket (exclusive); null for bucket 108, which has none.';

--
-- Name: maintenance_runs; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.maintenance_runs WITH (security_invoker='true') AS
 SELECT maintenance_runs.run_id,
    maintenance_runs.started_at,
    maintenance_runs.finished_at,
    maintenance_runs.duration_ms,
    maintenance_runs.trigger,
    maintenance_runs.outcome,
    maintenance_runs.created,
    maintenance_runs.dropped,
    maintenance_runs.healed,
    maintenance_runs.moved_rows,
    maintenance_runs.deleted_rows,
    maintenance_runs.error,
    maintenance_runs.rollups,
    maintenance_runs.scheduler,
    maintenance_runs.analyzed
   FROM zenglow.maintenance_runs;

ALTER TABLE zenglow_stats.maintenance_runs OWNER TO zenglow_owner;

--
-- Name: VIEW maintenance_runs; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.maintenance_runs IS 'Every partition-maintenance run: trigger (scheduled|write), outcome, partitions created/dropped/healed, rows moved/deleted, error, what the rollup refresh did, which scheduler ran it and the partitions it analyzed.';

--
-- Name: COLUMN maintenance_runs.run_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.run_id IS 'The run, in order of starting.';

--
-- Name: COLUMN maintenance_runs.started_at; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.started_at IS 'When the run started.';

--
-- Name: COLUMN maintenance_runs.finished_at; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.finished_at IS 'When it finished; null while running (or if it died).';

--
-- Name: COLUMN maintenance_runs.duration_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.duration_ms IS 'How long it took, in milliseconds.';

--
-- Name: COLUMN maintenance_runs.trigger; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.trigger IS 'scheduled: a run of zenglow.run_maintenance() (zenglow maintain); write: a partition a write had to create.';

--
-- Name: COLUMN maintenance_runs.outcome; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.outcome IS 'success, skipped_locked (another run held the lock), healed_partition, partial (some steps failed) or other_error.';

--
-- Name: COLUMN maintenance_runs.created; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.created IS 'Partitions created ahead of time (or by the write).';

--
-- Name: COLUMN maintenance_runs.dropped; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.dropped IS 'Partitions (or TimescaleDB chunks) dropped by retention.';

--
-- Name: COLUMN maintenance_runs.healed; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.healed IS 'Partitions re-created after they went missing.';

--
-- Name: COLUMN maintenance_runs.moved_rows; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.moved_rows IS 'Rows moved out of a default partition (chunks, query_performance) into their own partitions.';

--
-- Name: COLUMN maintenance_runs.deleted_rows; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.deleted_rows IS 'Chunk rows deleted by retention where their partition could not be dropped whole (it holds a pinned batch).';

--
-- Name: COLUMN maintenance_runs.error; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.error IS 'What failed, when a step failed; null otherwise.';

--
-- Name: COLUMN maintenance_runs.rollups; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.rollups IS 'What the rollup step (zenglow.refresh_query_rollups) returned: per level the watermark reached, buckets written and rows dropped by retention; null for runs before rollups existed and for write-triggered rows.';

--
-- Name: COLUMN maintenance_runs.scheduler; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.scheduler IS 'What started the run: manual (zenglow maintain), service (zenglow maintain run --every) or pg_cron (zenglow maintain schedule).';

--
-- Name: COLUMN maintenance_runs.analyzed; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.maintenance_runs.analyzed IS 'Partitions the run ANALYZEd because a load had changed many of their rows since their last analyze.';

--
-- Name: model_stats; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.model_stats WITH (security_invoker='true') AS
 SELECT h.bucket,
    h.model,
    h.requests,
    ((h.requests)::double precision / (GREATEST((1)::numeric, LEAST((3600)::numeric, EXTRACT(epoch FROM (now() - h.bucket)))))::double precision) AS requests_per_second,
    zenglow_stats.histogram_quantile(h.hist, (0.5)::double precision) AS p50_ms,
    zenglow_stats.histogram_quantile(h.hist, (0.95)::double precision) AS p95_ms,
    zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(h.hist) OVER (PARTITION BY h.model ORDER BY h.bucket RANGE BETWEEN '23:00:00'::interval PRECEDING AND CURRENT ROW), (0.95)::double precision) AS rolling_24h_p95_ms
   FROM ( SELECT s.bucket,
            s.model,
            (sum(s.requests))::bigint AS requests,
            zenglow_stats.histogram_merge(s.total_hist) AS hist
           FROM zenglow.query_rollup_1h_realtime() s(bucket, tenant_id, endpoint, mode, model, requests, errors_client, errors_throttled, errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum, ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist, result_sources, realtime)
          GROUP BY s.bucket, s.model) h;

ALTER TABLE zenglow_stats.model_stats OWNER TO zenglow_owner;

--
-- Name: VIEW model_stats; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.model_stats IS 'Per hour (UTC) and embedding model, all tenants: requests, throughput, total latency p50/p95 and the p95 of the 24 hours ending with that hour (from merged histograms, within 9.05%).';

--
-- Name: COLUMN model_stats.bucket; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.model_stats.bucket IS 'Start of the hour (UTC).';

--
-- Name: COLUMN model_stats.model; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.model_stats.model IS 'The embedding model; '''' when none was recorded.';

--
-- Name: COLUMN model_stats.requests; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.model_stats.requests IS 'Requests in the hour.';

--
-- Name: COLUMN model_stats.requests_per_second; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.model_stats.requests_per_second IS 'Requests per second over the hour (so far, for the hour still running).';

--
-- Name: COLUMN model_stats.p50_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.model_stats.p50_ms IS 'Median total time of the answers (status < 400), ms, within 9.05%.';

--
-- Name: COLUMN model_stats.p95_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.model_stats.p95_ms IS '95th percentile of the answers'' total time (ms), within 9.05%.';

--
-- Name: COLUMN model_stats.rolling_24h_p95_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.model_stats.rolling_24h_p95_ms IS '95th percentile of the answers'' total time over the 24 hours ending with this one (ms).';

--
-- Name: partition_counts; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.partition_counts WITH (security_invoker='true') AS
 WITH tables AS (
         SELECT c.oid,
            (((n.nspname)::text || '.'::text) || (c.relname)::text) AS table_name,
            c.relkind
           FROM (pg_class c
             JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
          WHERE ((n.nspname = 'zenglow'::name) AND (c.relname = ANY (ARRAY['chunks'::name, 'query_performance'::name, 'query_rollup_5m'::name, 'query_rollup_1h'::name, 'query_rollup_1d'::name])))
        ), children AS (
         SELECT i.inhparent AS parent,
            k.oid,
                CASE
                    WHEN k.relispartition THEN (regexp_match(pg_get_expr(k.relpartbound, k.oid), 'FROM \(''([^'']+)''\) TO'::text))[1]
                    ELSE ( SELECT min((regexp_match(pg_get_constraintdef(x.oid), '>= ''([^'']+)'''::text))[1]) AS min
                       FROM pg_constraint x
                      WHERE ((x.conrelid = k.oid) AND (x.contype = 'c'::"char")))
                END AS lower_text,
                CASE
                    WHEN k.relispartition THEN (regexp_match(pg_get_expr(k.relpartbound, k.oid), 'TO \(''([^'']+)''\)'::text))[1]
                    ELSE ( SELECT max((regexp_match(pg_get_constraintdef(x.oid), '[^<>=!]< ''([^'']+)'''::text))[1]) AS max
                       FROM pg_constraint x
                      WHERE ((x.conrelid = k.oid) AND (x.contype = 'c'::"char")))
                END AS upper_text
           FROM (pg_inherits i
             JOIN pg_class k ON ((k.oid = i.inhrelid)))
          WHERE (i.inhparent IN ( SELECT t_1.oid
                   FROM tables t_1))
        )
 SELECT t.table_name,
        CASE
            WHEN (t.relkind = 'p'::"char") THEN 'partitioned'::text
            WHEN (EXISTS ( SELECT
               FROM pg_trigger g
              WHERE ((g.tgrelid = t.oid) AND (g.tgname = 'ts_insert_blocker'::name)))) THEN 'hypertable'::text
            ELSE 'plain'::text
        END AS storage,
    ( SELECT count(*) AS count
           FROM children h
          WHERE (h.parent = t.oid)) AS partitions,
    ( SELECT min((h.lower_text)::timestamp with time zone) AS min
           FROM children h
          WHERE (h.parent = t.oid)) AS oldest_bound,
    ( SELECT max((h.upper_text)::timestamp with time zone) AS max
           FROM children h
          WHERE (h.parent = t.oid)) AS newest_bound,
    (pg_total_relation_size((t.oid)::regclass) + (COALESCE(( SELECT sum(pg_total_relation_size((h.oid)::regclass)) AS sum
           FROM children h
          WHERE (h.parent = t.oid)), (0)::numeric))::bigint) AS total_bytes
   FROM tables t;

ALTER TABLE zenglow_stats.partition_counts OWNER TO zenglow_owner;

--
-- Name: VIEW partition_counts; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.partition_counts IS 'How zenglow.chunks, zenglow.query_performance and the query rollup tables are stored: as a TimescaleDB hypertable, natively partitioned or plain; how many partitions (or chunks) they have, the time range those cover and their size.';

--
-- Name: COLUMN partition_counts.table_name; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.partition_counts.table_name IS 'The table, schema-qualified (zenglow.chunks, zenglow.query_performance, zenglow.query_rollup_5m, …).';

--
-- Name: COLUMN partition_counts.storage; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.partition_counts.storage IS 'hypertable (TimescaleDB chunks), partitioned (PostgreSQL range partitions) or plain (one table).';

--
-- Name: COLUMN partition_counts.partitions; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.partition_counts.partitions IS 'Partitions or chunks attached, the default partition included (it holds rows no range partition covers); 0 for a plain table.';

--
-- Name: COLUMN partition_counts.oldest_bound; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.partition_counts.oldest_bound IS 'The lower bound of the oldest range partition or chunk: no older row can be there. Null without any.';

--
-- Name: COLUMN partition_counts.newest_bound; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.partition_counts.newest_bound IS 'The upper bound (exclusive) of the newest range partition or chunk: partitions are made ahead of time, so often in the future.';

--
-- Name: COLUMN partition_counts.total_bytes; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.partition_counts.total_bytes IS 'Bytes on disk of the table and all its partitions or chunks, indexes and TOAST included (pg_total_relation_size).';

--
-- Name: query_latency_1d; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.query_latency_1d WITH (security_invoker='true') AS
 SELECT s.bucket,
    s.tenant_id,
    s.endpoint,
    s.mode,
    s.model,
    t.stage,
    zenglow_stats.histogram_count(t.hist) AS requests,
    zenglow_stats.histogram_quantile(t.hist, (0.5)::double precision) AS p50_ms,
    zenglow_stats.histogram_quantile(t.hist, (0.95)::double precision) AS p95_ms,
    zenglow_stats.histogram_quantile(t.hist, (0.99)::double precision) AS p99_ms,
    (t.ms_sum / (NULLIF(zenglow_stats.histogram_count(t.hist), 0))::double precision) AS mean_ms
   FROM (zenglow.query_rollup_1d_realtime() s(bucket, tenant_id, endpoint, mode, model, requests, errors_client, errors_throttled, errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum, ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist, result_sources, realtime, top_documents)
     CROSS JOIN LATERAL ( VALUES ('total'::text,s.total_hist,s.total_ms_sum), ('embed'::text,s.embed_hist,s.embed_ms_sum), ('retrieve'::text,s.retrieve_hist,s.retrieve_ms_sum), ('features'::text,s.features_hist,s.features_ms_sum), ('ltr'::text,s.ltr_hist,s.ltr_ms_sum), ('fusion'::text,s.fusion_hist,s.fusion_ms_sum)) t(stage, hist, ms_sum))
  WHERE (zenglow_stats.histogram_count(t.hist) > 0);

ALTER TABLE zenglow_stats.query_latency_1d OWNER TO zenglow_owner;

--
-- Name: VIEW query_latency_1d; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.query_latency_1d IS 'Latency per UTC day (UTC), tenant, endpoint, mode, model and stage, from query_stats_1d''s histograms: percentiles within 9.05% of the exact value (the bucket width, 2^(1/4)); stages without values are omitted. For a longer range, merge query_stats_1d''s histograms (histogram_merge) before taking a percentile.';

--
-- Name: COLUMN query_latency_1d.bucket; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.bucket IS 'Start of the bucket (UTC).';

--
-- Name: COLUMN query_latency_1d.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.tenant_id IS 'The tenant.';

--
-- Name: COLUMN query_latency_1d.endpoint; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.endpoint IS 'The API endpoint.';

--
-- Name: COLUMN query_latency_1d.mode; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.mode IS 'The retrieval mode; '''' when none was recorded.';

--
-- Name: COLUMN query_latency_1d.model; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.model IS 'The embedding model; '''' when none was recorded.';

--
-- Name: COLUMN query_latency_1d.stage; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.stage IS 'total, embed, retrieve, features, ltr or fusion.';

--
-- Name: COLUMN query_latency_1d.requests; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.requests IS 'Answers (status < 400) that timed this stage: latency leaves refusals and errors out.';

--
-- Name: COLUMN query_latency_1d.p50_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.p50_ms IS 'Median time of the stage (ms), within 9.05%.';

--
-- Name: COLUMN query_latency_1d.p95_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.p95_ms IS '95th percentile (ms), within 9.05%.';

--
-- Name: COLUMN query_latency_1d.p99_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.p99_ms IS '99th percentile (ms), within 9.05%.';

--
-- Name: COLUMN query_latency_1d.mean_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1d.mean_ms IS 'Mean time of the stage (ms), exact.';

--
-- Name: query_latency_1h; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.query_latency_1h WITH (security_invoker='true') AS
 SELECT s.bucket,
    s.tenant_id,
    s.endpoint,
    s.mode,
    s.model,
    t.stage,
    zenglow_stats.histogram_count(t.hist) AS requests,
    zenglow_stats.histogram_quantile(t.hist, (0.5)::double precision) AS p50_ms,
    zenglow_stats.histogram_quantile(t.hist, (0.95)::double precision) AS p95_ms,
    zenglow_stats.histogram_quantile(t.hist, (0.99)::double precision) AS p99_ms,
    (t.ms_sum / (NULLIF(zenglow_stats.histogram_count(t.hist), 0))::double precision) AS mean_ms
   FROM (zenglow.query_rollup_1h_realtime() s(bucket, tenant_id, endpoint, mode, model, requests, errors_client, errors_throttled, errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum, ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist, result_sources, realtime)
     CROSS JOIN LATERAL ( VALUES ('total'::text,s.total_hist,s.total_ms_sum), ('embed'::text,s.embed_hist,s.embed_ms_sum), ('retrieve'::text,s.retrieve_hist,s.retrieve_ms_sum), ('features'::text,s.features_hist,s.features_ms_sum), ('ltr'::text,s.ltr_hist,s.ltr_ms_sum), ('fusion'::text,s.fusion_hist,s.fusion_ms_sum)) t(stage, hist, ms_sum))
  WHERE (zenglow_stats.histogram_count(t.hist) > 0);

ALTER TABLE zenglow_stats.query_latency_1h OWNER TO zenglow_owner;

--
-- Name: VIEW query_latency_1h; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.query_latency_1h IS 'Latency per hour (UTC), tenant, endpoint, mode, model and stage, from query_stats_1h''s histograms: percentiles within 9.05% of the exact value (the bucket width, 2^(1/4)); stages without values are omitted. For a longer range, merge query_stats_1h''s histograms (histogram_merge) before taking a percentile.';

--
-- Name: COLUMN query_latency_1h.bucket; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.bucket IS 'Start of the bucket (UTC).';

--
-- Name: COLUMN query_latency_1h.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.tenant_id IS 'The tenant.';

--
-- Name: COLUMN query_latency_1h.endpoint; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.endpoint IS 'The API endpoint.';

--
-- Name: COLUMN query_latency_1h.mode; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.mode IS 'The retrieval mode; '''' when none was recorded.';

--
-- Name: COLUMN query_latency_1h.model; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.model IS 'The embedding model; '''' when none was recorded.';

--
-- Name: COLUMN query_latency_1h.stage; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.stage IS 'total, embed, retrieve, features, ltr or fusion.';

--
-- Name: COLUMN query_latency_1h.requests; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.requests IS 'Answers (status < 400) that timed this stage: latency leaves refusals and errors out.';

--
-- Name: COLUMN query_latency_1h.p50_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.p50_ms IS 'Median time of the stage (ms), within 9.05%.';

--
-- Name: COLUMN query_latency_1h.p95_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.p95_ms IS '95th percentile (ms), within 9.05%.';

--
-- Name: COLUMN query_latency_1h.p99_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.p99_ms IS '99th percentile (ms), within 9.05%.';

--
-- Name: COLUMN query_latency_1h.mean_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_1h.mean_ms IS 'Mean time of the stage (ms), exact.';

--
-- Name: query_latency_5m; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.query_latency_5m WITH (security_invoker='true') AS
 SELECT s.bucket,
    s.tenant_id,
    s.endpoint,
    s.mode,
    s.model,
    t.stage,
    zenglow_stats.histogram_count(t.hist) AS requests,
    zenglow_stats.histogram_quantile(t.hist, (0.5)::double precision) AS p50_ms,
    zenglow_stats.histogram_quantile(t.hist, (0.95)::double precision) AS p95_ms,
    zenglow_stats.histogram_quantile(t.hist, (0.99)::double precision) AS p99_ms,
    (t.ms_sum / (NULLIF(zenglow_stats.histogram_count(t.hist), 0))::double precision) AS mean_ms
   FROM (zenglow.query_rollup_5m_realtime() s(bucket, tenant_id, endpoint, mode, model, requests, errors_client, errors_throttled, errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum, ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist, result_sources, realtime)
     CROSS JOIN LATERAL ( VALUES ('total'::text,s.total_hist,s.total_ms_sum), ('embed'::text,s.embed_hist,s.embed_ms_sum), ('retrieve'::text,s.retrieve_hist,s.retrieve_ms_sum), ('features'::text,s.features_hist,s.features_ms_sum), ('ltr'::text,s.ltr_hist,s.ltr_ms_sum), ('fusion'::text,s.fusion_hist,s.fusion_ms_sum)) t(stage, hist, ms_sum))
  WHERE (zenglow_stats.histogram_count(t.hist) > 0);

ALTER TABLE zenglow_stats.query_latency_5m OWNER TO zenglow_owner;

--
-- Name: VIEW query_latency_5m; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.query_latency_5m IS 'Latency per 5 minutes (UTC), tenant, endpoint, mode, model and stage, from query_stats_5m''s histograms: percentiles within 9.05% of the exact value (the bucket width, 2^(1/4)); stages without values are omitted. For a longer range, merge query_stats_5m''s histograms (histogram_merge) before taking a percentile.';

--
-- Name: COLUMN query_latency_5m.bucket; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.bucket IS 'Start of the bucket (UTC).';

--
-- Name: COLUMN query_latency_5m.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.tenant_id IS 'The tenant.';

--
-- Name: COLUMN query_latency_5m.endpoint; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.endpoint IS 'The API endpoint.';

--
-- Name: COLUMN query_latency_5m.mode; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.mode IS 'The retrieval mode; '''' when none was recorded.';

--
-- Name: COLUMN query_latency_5m.model; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.model IS 'The embedding model; '''' when none was recorded.';

--
-- Name: COLUMN query_latency_5m.stage; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.stage IS 'total, embed, retrieve, features, ltr or fusion.';

--
-- Name: COLUMN query_latency_5m.requests; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.requests IS 'Answers (status < 400) that timed this stage: latency leaves refusals and errors out.';

--
-- Name: COLUMN query_latency_5m.p50_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.p50_ms IS 'Median time of the stage (ms), within 9.05%.';

--
-- Name: COLUMN query_latency_5m.p95_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.p95_ms IS '95th percentile (ms), within 9.05%.';

--
-- Name: COLUMN query_latency_5m.p99_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.p99_ms IS '99th percentile (ms), within 9.05%.';

--
-- Name: COLUMN query_latency_5m.mean_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_latency_5m.mean_ms IS 'Mean time of the stage (ms), exact.';

--
-- Name: query_performance; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.query_performance WITH (security_invoker='true') AS
 SELECT query_performance.ts,
    query_performance.tenant_id,
    query_performance.request_id,
    query_performance.endpoint,
    query_performance.status,
    query_performance.top_k,
    query_performance.cache_hit,
    query_performance.result_count,
    query_performance.weights_version,
    query_performance.model,
    query_performance.embed_ms,
    query_performance.retrieve_ms,
    query_performance.features_ms,
    query_performance.ltr_ms,
    query_performance.fusion_ms,
    query_performance.total_ms,
    query_performance.error_code,
    query_performance.degraded_reason,
    query_performance.mode,
    query_performance.ltr_version,
    query_performance.result_sources,
    query_performance.top_documents
   FROM zenglow.query_performance;

ALTER TABLE zenglow_stats.query_performance OWNER TO zenglow_owner;

--
-- Name: VIEW query_performance; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.query_performance IS 'One row per API request, every outcome: time, tenant, endpoint, HTTP status, top_k, cache hit, result count, fusion weights version, model, milliseconds per stage (embed, retrieve, features, ltr, fusion) and in total, the error code and degraded reason, retrieval mode, LTR version, the results'' sources and top documents. Raw rows are kept query_performance_retention (30 days); the query_stats_* rollups keep longer.';

--
-- Name: COLUMN query_performance.ts; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.ts IS 'When the request arrived.';

--
-- Name: COLUMN query_performance.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.tenant_id IS 'The tenant of the API key.';

--
-- Name: COLUMN query_performance.request_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.request_id IS 'The request id (X-Request-ID), as in the API''s log.';

--
-- Name: COLUMN query_performance.endpoint; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.endpoint IS 'The API endpoint (/rag/query).';

--
-- Name: COLUMN query_performance.status; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.status IS 'The HTTP status answered.';

--
-- Name: COLUMN query_performance.top_k; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.top_k IS 'The results asked for; null when the body was never read (a refusal before it).';

--
-- Name: COLUMN query_performance.cache_hit; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.cache_hit IS 'Answered from the response cache.';

--
-- Name: COLUMN query_performance.result_count; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.result_count IS 'Results returned; null for a failed request.';

--
-- Name: COLUMN query_performance.weights_version; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.weights_version IS 'The tenant''s fusion weights version that ranked the answer.';

--
-- Name: COLUMN query_performance.model; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.model IS 'The embedding model of the vector side.';

--
-- Name: COLUMN query_performance.embed_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.embed_ms IS 'Milliseconds embedding the query; null when the request sent its own embedding or the cache answered.';

--
-- Name: COLUMN query_performance.retrieve_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.retrieve_ms IS 'Milliseconds in the one rag_query call.';

--
-- Name: COLUMN query_performance.features_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.features_ms IS 'Milliseconds computing LTR features, from rag_query''s timing block (null for cache hits and refusals).';

--
-- Name: COLUMN query_performance.ltr_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.ltr_ms IS 'Milliseconds scoring with the LTR model (or ranking for rrf), from rag_query''s timing block (null for cache hits and refusals).';

--
-- Name: COLUMN query_performance.fusion_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.fusion_ms IS 'Milliseconds fusing the scores and building the results, from rag_query''s timing block (null for cache hits and refusals).';

--
-- Name: COLUMN query_performance.total_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.total_ms IS 'Milliseconds from the request''s arrival to its answer, the key check and any session-cap wait included.';

--
-- Name: COLUMN query_performance.error_code; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.error_code IS 'The API error code of a failed request (rate_limited, invalid_embedding, overloaded, …); null when it succeeded.';

--
-- Name: COLUMN query_performance.degraded_reason; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.degraded_reason IS 'Why a successful answer was degraded (embedder_unavailable, no_embedding); null when it was not.';

--
-- Name: COLUMN query_performance.mode; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.mode IS 'The retrieval mode (fusion, rrf, bm25, vector); null when the body was never read.';

--
-- Name: COLUMN query_performance.ltr_version; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.ltr_version IS 'The LTR model version that scored the candidates.';

--
-- Name: COLUMN query_performance.result_sources; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.result_sources IS 'The sources of the returned results, counted: {"pubmed": 7, "wiki": 3}.';

--
-- Name: COLUMN query_performance.top_documents; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance.top_documents IS 'The document ids of the first (at most 10) results, in rank order.';

--
-- Name: query_performance_hourly; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.query_performance_hourly WITH (security_invoker='true') AS
 SELECT s.bucket,
    s.tenant_id,
    s.endpoint,
    (sum(s.requests))::bigint AS requests,
    (sum(s.errors_server))::bigint AS server_errors,
    (sum(s.cache_hits) / NULLIF(sum(s.requests), (0)::numeric)) AS cache_hit_ratio,
    zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(s.total_hist), (0.5)::double precision) AS p50_ms,
    zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(s.total_hist), (0.95)::double precision) AS p95_ms,
    zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(s.total_hist), (0.99)::double precision) AS p99_ms,
    (sum(s.embed_ms_sum) / (NULLIF(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.embed_hist)), 0))::double precision) AS avg_embed_ms,
    (sum(s.retrieve_ms_sum) / (NULLIF(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.retrieve_hist)), 0))::double precision) AS avg_retrieve_ms,
    (sum(s.features_ms_sum) / (NULLIF(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.features_hist)), 0))::double precision) AS avg_features_ms,
    (sum(s.ltr_ms_sum) / (NULLIF(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.ltr_hist)), 0))::double precision) AS avg_ltr_ms,
    (sum(s.fusion_ms_sum) / (NULLIF(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.fusion_hist)), 0))::double precision) AS avg_fusion_ms
   FROM zenglow.query_rollup_1h_realtime() s(bucket, tenant_id, endpoint, mode, model, requests, errors_client, errors_throttled, errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum, ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist, result_sources, realtime)
  GROUP BY s.bucket, s.tenant_id, s.endpoint;

ALTER TABLE zenglow_stats.query_performance_hourly OWNER TO zenglow_owner;

--
-- Name: VIEW query_performance_hourly; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.query_performance_hourly IS 'Per hour (UTC), tenant and endpoint: requests, server errors (5xx other than overload refusals, which query_stats_1h counts as throttled), cache-hit ratio, total latency p50/p95/p99 (from the merged latency histograms: within 9.05% of the exact value) and mean stage times (ms). Built on the 1h rollups.';

--
-- Name: COLUMN query_performance_hourly.bucket; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.bucket IS 'Start of the hour (UTC).';

--
-- Name: COLUMN query_performance_hourly.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.tenant_id IS 'The tenant.';

--
-- Name: COLUMN query_performance_hourly.endpoint; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.endpoint IS 'The API endpoint.';

--
-- Name: COLUMN query_performance_hourly.requests; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.requests IS 'Requests recorded, every outcome.';

--
-- Name: COLUMN query_performance_hourly.server_errors; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.server_errors IS 'Requests answered 5xx, overload refusals (503 overloaded) left out.';

--
-- Name: COLUMN query_performance_hourly.cache_hit_ratio; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.cache_hit_ratio IS 'Share of requests answered from the response cache (0..1).';

--
-- Name: COLUMN query_performance_hourly.p50_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.p50_ms IS 'Median total latency of the answers (status < 400), ms, from the merged histogram: within 9.05%.';

--
-- Name: COLUMN query_performance_hourly.p95_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.p95_ms IS '95th percentile of the answers'' total latency (ms), within 9.05%.';

--
-- Name: COLUMN query_performance_hourly.p99_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.p99_ms IS '99th percentile of the answers'' total latency (ms), within 9.05%.';

--
-- Name: COLUMN query_performance_hourly.avg_embed_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.avg_embed_ms IS 'Mean embed milliseconds of the requests that embedded.';

--
-- Name: COLUMN query_performance_hourly.avg_retrieve_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.avg_retrieve_ms IS 'Mean rag_query milliseconds.';

--
-- Name: COLUMN query_performance_hourly.avg_features_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.avg_features_ms IS 'Mean feature milliseconds of the answers that ran rag_query (cache hits have none).';

--
-- Name: COLUMN query_performance_hourly.avg_ltr_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.avg_ltr_ms IS 'Mean LTR milliseconds of the answers that ran rag_query (cache hits have none).';

--
-- Name: COLUMN query_performance_hourly.avg_fusion_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_performance_hourly.avg_fusion_ms IS 'Mean fusion milliseconds of the answers that ran rag_query (cache hits have none).';

--
-- Name: query_stats_1d; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.query_stats_1d WITH (security_invoker='true') AS
 SELECT r.bucket,
    r.tenant_id,
    r.endpoint,
    r.mode,
    r.model,
    r.requests,
    r.errors_client,
    r.errors_throttled,
    r.errors_server,
    r.degraded,
    r.cache_hits,
    r.results,
    r.total_ms_sum,
    r.embed_ms_sum,
    r.retrieve_ms_sum,
    r.features_ms_sum,
    r.ltr_ms_sum,
    r.fusion_ms_sum,
    r.total_hist,
    r.embed_hist,
    r.retrieve_hist,
    r.features_hist,
    r.ltr_hist,
    r.fusion_hist,
    r.result_sources,
    false AS realtime,
    r.top_documents
   FROM zenglow.query_rollup_1d r
  WHERE (r.bucket < ( SELECT w.watermark
           FROM zenglow.query_rollup_watermarks w
          WHERE (w.level = '1d'::text)))
UNION ALL
 SELECT m.bucket,
    m.tenant_id,
    m.endpoint,
    m.mode,
    m.model,
    m.sum AS requests,
    m.sum_1 AS errors_client,
    m.sum_2 AS errors_throttled,
    m.sum_3 AS errors_server,
    m.sum_4 AS degraded,
    m.sum_5 AS cache_hits,
    m.sum_6 AS results,
    m.sum_7 AS total_ms_sum,
    m.sum_8 AS embed_ms_sum,
    m.sum_9 AS retrieve_ms_sum,
    m.sum_10 AS features_ms_sum,
    m.sum_11 AS ltr_ms_sum,
    m.sum_12 AS fusion_ms_sum,
    m."coalesce" AS total_hist,
    m.histogram_merge AS embed_hist,
    m.histogram_merge_1 AS retrieve_hist,
    m.histogram_merge_2 AS features_hist,
    m.histogram_merge_3 AS ltr_hist,
    m.histogram_merge_4 AS fusion_hist,
    m.coalesce_1 AS result_sources,
    m.realtime,
    ( SELECT COALESCE(jsonb_object_agg(t.document, t.n), '{}'::jsonb) AS "coalesce"
           FROM ( SELECT doc.document,
                    count(*) AS n
                   FROM (zenglow.query_performance q
                     CROSS JOIN LATERAL unnest(q.top_documents) doc(document))
                  WHERE ((q.ts >= m.bucket) AND (q.ts < (m.bucket + '1 day'::interval)) AND (q.tenant_id = m.tenant_id) AND (q.endpoint = m.endpoint) AND (COALESCE(q.mode, ''::text) = m.mode) AND (COALESCE(q.model, ''::text) = m.model) AND (doc.document IS NOT NULL))
                  GROUP BY doc.document
                  ORDER BY (count(*)) DESC, doc.document
                 LIMIT 100) t) AS top_documents
   FROM ( SELECT date_bin('1 day'::interval, s.bucket, '2000-01-01 00:00:00+00'::timestamp with time zone) AS bucket,
            s.tenant_id,
            s.endpoint,
            s.mode,
            s.model,
            (sum(s.requests))::bigint AS sum,
            (sum(s.errors_client))::bigint AS sum,
            (sum(s.errors_throttled))::bigint AS sum,
            (sum(s.errors_server))::bigint AS sum,
            (sum(s.degraded))::bigint AS sum,
            (sum(s.cache_hits))::bigint AS sum,
            (sum(s.results))::bigint AS sum,
            sum(s.total_ms_sum) AS sum,
            sum(s.embed_ms_sum) AS sum,
            sum(s.retrieve_ms_sum) AS sum,
            sum(s.features_ms_sum) AS sum,
            sum(s.ltr_ms_sum) AS sum,
            sum(s.fusion_ms_sum) AS sum,
            COALESCE(zenglow_stats.histogram_merge(s.total_hist), '{}'::bigint[]) AS "coalesce",
            zenglow_stats.histogram_merge(s.embed_hist) AS histogram_merge,
            zenglow_stats.histogram_merge(s.retrieve_hist) AS histogram_merge,
            zenglow_stats.histogram_merge(s.features_hist) AS histogram_merge,
            zenglow_stats.histogram_merge(s.ltr_hist) AS histogram_merge,
            zenglow_stats.histogram_merge(s.fusion_hist) AS histogram_merge,
            COALESCE(zenglow_stats.jsonb_count_merge(s.result_sources), '{}'::jsonb) AS "coalesce",
            true AS realtime
           FROM zenglow.query_rollup_1h_realtime() s(bucket, tenant_id, endpoint, mode, model, requests, errors_client, errors_throttled, errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum, ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist, result_sources, realtime)
          WHERE (s.bucket >= COALESCE(( SELECT w.watermark
                   FROM zenglow.query_rollup_watermarks w
                  WHERE (w.level = '1d'::text)), '-infinity'::timestamp with time zone))
          GROUP BY (date_bin('1 day'::interval, s.bucket, '2000-01-01 00:00:00+00'::timestamp with time zone)), s.tenant_id, s.endpoint, s.mode, s.model) m(bucket, tenant_id, endpoint, mode, model, sum, sum_1, sum_2, sum_3, sum_4, sum_5, sum_6, sum_7, sum_8, sum_9, sum_10, sum_11, sum_12, "coalesce", histogram_merge, histogram_merge_1, histogram_merge_2, histogram_merge_3, histogram_merge_4, coalesce_1, realtime);

ALTER TABLE zenglow_stats.query_stats_1d OWNER TO zenglow_owner;

--
-- Name: VIEW query_stats_1d; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.query_stats_1d IS 'Requests per UTC day (UTC), tenant, endpoint, mode and model: counts, errors by class, degraded answers, cache hits, stage times and mergeable latency histograms. Real-time: the stored rollup (zenglow.query_rollup_1d) before its watermark (zenglow_stats.rollup_watermarks), query_stats_1h aggregated past it.';

--
-- Name: COLUMN query_stats_1d.bucket; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.bucket IS 'Start of the bucket (UTC).';

--
-- Name: COLUMN query_stats_1d.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.tenant_id IS 'The tenant.';

--
-- Name: COLUMN query_stats_1d.endpoint; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.endpoint IS 'The API endpoint (/rag/query, …).';

--
-- Name: COLUMN query_stats_1d.mode; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.mode IS 'The retrieval mode (fusion, rrf, bm25, vector); '''' when none was recorded.';

--
-- Name: COLUMN query_stats_1d.model; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.model IS 'The embedding model; '''' when none was recorded.';

--
-- Name: COLUMN query_stats_1d.requests; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.requests IS 'Requests recorded, every outcome.';

--
-- Name: COLUMN query_stats_1d.errors_client; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.errors_client IS '4xx answers other than 429.';

--
-- Name: COLUMN query_stats_1d.errors_throttled; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.errors_throttled IS 'Refused under load: 429, or 503 with error_code overloaded.';

--
-- Name: COLUMN query_stats_1d.errors_server; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.errors_server IS 'Other 5xx answers.';

--
-- Name: COLUMN query_stats_1d.degraded; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.degraded IS 'Answers with a degraded_reason (e.g. embedder_unavailable).';

--
-- Name: COLUMN query_stats_1d.cache_hits; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.cache_hits IS 'Answers served from the response cache.';

--
-- Name: COLUMN query_stats_1d.results; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.results IS 'Results returned, summed.';

--
-- Name: COLUMN query_stats_1d.total_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.total_ms_sum IS 'Total time of the answers (status < 400) summed (ms); divide by histogram_count(total_hist) for their mean.';

--
-- Name: COLUMN query_stats_1d.embed_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.embed_ms_sum IS 'Embedding time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.retrieve_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.retrieve_ms_sum IS 'Retrieval time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.features_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.features_ms_sum IS 'Feature time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.ltr_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.ltr_ms_sum IS 'Learning-to-rank time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.fusion_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.fusion_ms_sum IS 'Fusion time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.total_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.total_hist IS 'Histogram of the answers'' (status < 400) total time (zenglow_stats.latency_buckets; merge with histogram_merge, read with histogram_quantile).';

--
-- Name: COLUMN query_stats_1d.embed_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.embed_hist IS 'Histogram of the answers'' embedding time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.retrieve_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.retrieve_hist IS 'Histogram of the answers'' retrieval time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.features_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.features_hist IS 'Histogram of the answers'' feature time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.ltr_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.ltr_hist IS 'Histogram of the answers'' learning-to-rank time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.fusion_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.fusion_hist IS 'Histogram of the answers'' fusion time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1d.result_sources; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.result_sources IS 'The sources of the returned results, counted ({"pubmed": 7}); merge with jsonb_count_merge.';

--
-- Name: COLUMN query_stats_1d.realtime; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.realtime IS 'True when computed from rows past the level''s watermark (not yet rolled up), false for a stored rollup row.';

--
-- Name: COLUMN query_stats_1d.top_documents; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1d.top_documents IS 'The day''s 100 most frequent top-k document ids, counted ({"doc-1": 12}): for overlap between periods.';

--
-- Name: query_stats_1h; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.query_stats_1h WITH (security_invoker='true') AS
 SELECT r.bucket,
    r.tenant_id,
    r.endpoint,
    r.mode,
    r.model,
    r.requests,
    r.errors_client,
    r.errors_throttled,
    r.errors_server,
    r.degraded,
    r.cache_hits,
    r.results,
    r.total_ms_sum,
    r.embed_ms_sum,
    r.retrieve_ms_sum,
    r.features_ms_sum,
    r.ltr_ms_sum,
    r.fusion_ms_sum,
    r.total_hist,
    r.embed_hist,
    r.retrieve_hist,
    r.features_hist,
    r.ltr_hist,
    r.fusion_hist,
    r.result_sources,
    false AS realtime
   FROM zenglow.query_rollup_1h r
  WHERE (r.bucket < ( SELECT w.watermark
           FROM zenglow.query_rollup_watermarks w
          WHERE (w.level = '1h'::text)))
UNION ALL
 SELECT m.bucket,
    m.tenant_id,
    m.endpoint,
    m.mode,
    m.model,
    m.sum AS requests,
    m.sum_1 AS errors_client,
    m.sum_2 AS errors_throttled,
    m.sum_3 AS errors_server,
    m.sum_4 AS degraded,
    m.sum_5 AS cache_hits,
    m.sum_6 AS results,
    m.sum_7 AS total_ms_sum,
    m.sum_8 AS embed_ms_sum,
    m.sum_9 AS retrieve_ms_sum,
    m.sum_10 AS features_ms_sum,
    m.sum_11 AS ltr_ms_sum,
    m.sum_12 AS fusion_ms_sum,
    m."coalesce" AS total_hist,
    m.histogram_merge AS embed_hist,
    m.histogram_merge_1 AS retrieve_hist,
    m.histogram_merge_2 AS features_hist,
    m.histogram_merge_3 AS ltr_hist,
    m.histogram_merge_4 AS fusion_hist,
    m.coalesce_1 AS result_sources,
    m.realtime
   FROM ( SELECT date_bin('01:00:00'::interval, s.bucket, '2000-01-01 00:00:00+00'::timestamp with time zone) AS bucket,
            s.tenant_id,
            s.endpoint,
            s.mode,
            s.model,
            (sum(s.requests))::bigint AS sum,
            (sum(s.errors_client))::bigint AS sum,
            (sum(s.errors_throttled))::bigint AS sum,
            (sum(s.errors_server))::bigint AS sum,
            (sum(s.degraded))::bigint AS sum,
            (sum(s.cache_hits))::bigint AS sum,
            (sum(s.results))::bigint AS sum,
            sum(s.total_ms_sum) AS sum,
            sum(s.embed_ms_sum) AS sum,
            sum(s.retrieve_ms_sum) AS sum,
            sum(s.features_ms_sum) AS sum,
            sum(s.ltr_ms_sum) AS sum,
            sum(s.fusion_ms_sum) AS sum,
            COALESCE(zenglow_stats.histogram_merge(s.total_hist), '{}'::bigint[]) AS "coalesce",
            zenglow_stats.histogram_merge(s.embed_hist) AS histogram_merge,
            zenglow_stats.histogram_merge(s.retrieve_hist) AS histogram_merge,
            zenglow_stats.histogram_merge(s.features_hist) AS histogram_merge,
            zenglow_stats.histogram_merge(s.ltr_hist) AS histogram_merge,
            zenglow_stats.histogram_merge(s.fusion_hist) AS histogram_merge,
            COALESCE(zenglow_stats.jsonb_count_merge(s.result_sources), '{}'::jsonb) AS "coalesce",
            true AS realtime
           FROM zenglow.query_rollup_5m_realtime() s(bucket, tenant_id, endpoint, mode, model, requests, errors_client, errors_throttled, errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum, ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist, result_sources, realtime)
          WHERE (s.bucket >= COALESCE(( SELECT w.watermark
                   FROM zenglow.query_rollup_watermarks w
                  WHERE (w.level = '1h'::text)), '-infinity'::timestamp with time zone))
          GROUP BY (date_bin('01:00:00'::interval, s.bucket, '2000-01-01 00:00:00+00'::timestamp with time zone)), s.tenant_id, s.endpoint, s.mode, s.model) m(bucket, tenant_id, endpoint, mode, model, sum, sum_1, sum_2, sum_3, sum_4, sum_5, sum_6, sum_7, sum_8, sum_9, sum_10, sum_11, sum_12, "coalesce", histogram_merge, histogram_merge_1, histogram_merge_2, histogram_merge_3, histogram_merge_4, coalesce_1, realtime);

ALTER TABLE zenglow_stats.query_stats_1h OWNER TO zenglow_owner;

--
-- Name: VIEW query_stats_1h; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.query_stats_1h IS 'Requests per hour (UTC), tenant, endpoint, mode and model: counts, errors by class, degraded answers, cache hits, stage times and mergeable latency histograms. Real-time: the stored rollup (zenglow.query_rollup_1h) before its watermark (zenglow_stats.rollup_watermarks), query_stats_5m aggregated past it.';

--
-- Name: COLUMN query_stats_1h.bucket; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.bucket IS 'Start of the bucket (UTC).';

--
-- Name: COLUMN query_stats_1h.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.tenant_id IS 'The tenant.';

--
-- Name: COLUMN query_stats_1h.endpoint; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.endpoint IS 'The API endpoint (/rag/query, …).';

--
-- Name: COLUMN query_stats_1h.mode; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.mode IS 'The retrieval mode (fusion, rrf, bm25, vector); '''' when none was recorded.';

--
-- Name: COLUMN query_stats_1h.model; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.model IS 'The embedding model; '''' when none was recorded.';

--
-- Name: COLUMN query_stats_1h.requests; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.requests IS 'Requests recorded, every outcome.';

--
-- Name: COLUMN query_stats_1h.errors_client; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.errors_client IS '4xx answers other than 429.';

--
-- Name: COLUMN query_stats_1h.errors_throttled; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.errors_throttled IS 'Refused under load: 429, or 503 with error_code overloaded.';

--
-- Name: COLUMN query_stats_1h.errors_server; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.errors_server IS 'Other 5xx answers.';

--
-- Name: COLUMN query_stats_1h.degraded; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.degraded IS 'Answers with a degraded_reason (e.g. embedder_unavailable).';

--
-- Name: COLUMN query_stats_1h.cache_hits; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.cache_hits IS 'Answers served from the response cache.';

--
-- Name: COLUMN query_stats_1h.results; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.results IS 'Results returned, summed.';

--
-- Name: COLUMN query_stats_1h.total_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.total_ms_sum IS 'Total time of the answers (status < 400) summed (ms); divide by histogram_count(total_hist) for their mean.';

--
-- Name: COLUMN query_stats_1h.embed_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.embed_ms_sum IS 'Embedding time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.retrieve_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.retrieve_ms_sum IS 'Retrieval time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.features_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.features_ms_sum IS 'Feature time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.ltr_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.ltr_ms_sum IS 'Learning-to-rank time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.fusion_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.fusion_ms_sum IS 'Fusion time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.total_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.total_hist IS 'Histogram of the answers'' (status < 400) total time (zenglow_stats.latency_buckets; merge with histogram_merge, read with histogram_quantile).';

--
-- Name: COLUMN query_stats_1h.embed_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.embed_hist IS 'Histogram of the answers'' embedding time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.retrieve_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.retrieve_hist IS 'Histogram of the answers'' retrieval time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.features_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.features_hist IS 'Histogram of the answers'' feature time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.ltr_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.ltr_hist IS 'Histogram of the answers'' learning-to-rank time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.fusion_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.fusion_hist IS 'Histogram of the answers'' fusion time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_1h.result_sources; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.result_sources IS 'The sources of the returned results, counted ({"pubmed": 7}); merge with jsonb_count_merge.';

--
-- Name: COLUMN query_stats_1h.realtime; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_1h.realtime IS 'True when computed from rows past the level''s watermark (not yet rolled up), false for a stored rollup row.';

--
-- Name: query_stats_5m; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.query_stats_5m WITH (security_invoker='true') AS
 SELECT r.bucket,
    r.tenant_id,
    r.endpoint,
    r.mode,
    r.model,
    r.requests,
    r.errors_client,
    r.errors_throttled,
    r.errors_server,
    r.degraded,
    r.cache_hits,
    r.results,
    r.total_ms_sum,
    r.embed_ms_sum,
    r.retrieve_ms_sum,
    r.features_ms_sum,
    r.ltr_ms_sum,
    r.fusion_ms_sum,
    r.total_hist,
    r.embed_hist,
    r.retrieve_hist,
    r.features_hist,
    r.ltr_hist,
    r.fusion_hist,
    r.result_sources,
    false AS realtime
   FROM zenglow.query_rollup_5m r
  WHERE (r.bucket < ( SELECT w.watermark
           FROM zenglow.query_rollup_watermarks w
          WHERE (w.level = '5m'::text)))
UNION ALL
 SELECT x.bucket,
    x.tenant_id,
    x.endpoint,
    x.mode,
    x.model,
    x.requests,
    x.errors_client,
    x.errors_throttled,
    x.errors_server,
    x.degraded,
    x.cache_hits,
    x.results,
    x.total_ms_sum,
    x.embed_ms_sum,
    x.retrieve_ms_sum,
    x.features_ms_sum,
    x.ltr_ms_sum,
    x.fusion_ms_sum,
    x.total_hist,
    x.embed_hist,
    x.retrieve_hist,
    x.features_hist,
    x.ltr_hist,
    x.fusion_hist,
    x.result_sources,
    true AS realtime
   FROM zenglow.query_rollup_5m_from_raw(COALESCE(( SELECT w.watermark
           FROM zenglow.query_rollup_watermarks w
          WHERE (w.level = '5m'::text)), '-infinity'::timestamp with time zone), 'infinity'::timestamp with time zone) x(tenant_id, bucket, endpoint, mode, model, requests, errors_client, errors_throttled, errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum, ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist, result_sources);

ALTER TABLE zenglow_stats.query_stats_5m OWNER TO zenglow_owner;

--
-- Name: VIEW query_stats_5m; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.query_stats_5m IS 'Requests per 5 minutes (UTC), tenant, endpoint, mode and model: counts, errors by class, degraded answers, cache hits, stage times and mergeable latency histograms. Real-time: the stored rollup (zenglow.query_rollup_5m) before its watermark (zenglow_stats.rollup_watermarks), the raw query_performance rows aggregated past it.';

--
-- Name: COLUMN query_stats_5m.bucket; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.bucket IS 'Start of the bucket (UTC).';

--
-- Name: COLUMN query_stats_5m.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.tenant_id IS 'The tenant.';

--
-- Name: COLUMN query_stats_5m.endpoint; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.endpoint IS 'The API endpoint (/rag/query, …).';

--
-- Name: COLUMN query_stats_5m.mode; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.mode IS 'The retrieval mode (fusion, rrf, bm25, vector); '''' when none was recorded.';

--
-- Name: COLUMN query_stats_5m.model; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.model IS 'The embedding model; '''' when none was recorded.';

--
-- Name: COLUMN query_stats_5m.requests; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.requests IS 'Requests recorded, every outcome.';

--
-- Name: COLUMN query_stats_5m.errors_client; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.errors_client IS '4xx answers other than 429.';

--
-- Name: COLUMN query_stats_5m.errors_throttled; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.errors_throttled IS 'Refused under load: 429, or 503 with error_code overloaded.';

--
-- Name: COLUMN query_stats_5m.errors_server; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.errors_server IS 'Other 5xx answers.';

--
-- Name: COLUMN query_stats_5m.degraded; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.degraded IS 'Answers with a degraded_reason (e.g. embedder_unavailable).';

--
-- Name: COLUMN query_stats_5m.cache_hits; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.cache_hits IS 'Answers served from the response cache.';

--
-- Name: COLUMN query_stats_5m.results; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.results IS 'Results returned, summed.';

--
-- Name: COLUMN query_stats_5m.total_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.total_ms_sum IS 'Total time of the answers (status < 400) summed (ms); divide by histogram_count(total_hist) for their mean.';

--
-- Name: COLUMN query_stats_5m.embed_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.embed_ms_sum IS 'Embedding time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.retrieve_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.retrieve_ms_sum IS 'Retrieval time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.features_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.features_ms_sum IS 'Feature time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.ltr_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.ltr_ms_sum IS 'Learning-to-rank time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.fusion_ms_sum; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.fusion_ms_sum IS 'Fusion time of the answers (status < 400) summed (ms); null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.total_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.total_hist IS 'Histogram of the answers'' (status < 400) total time (zenglow_stats.latency_buckets; merge with histogram_merge, read with histogram_quantile).';

--
-- Name: COLUMN query_stats_5m.embed_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.embed_hist IS 'Histogram of the answers'' embedding time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.retrieve_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.retrieve_hist IS 'Histogram of the answers'' retrieval time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.features_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.features_hist IS 'Histogram of the answers'' feature time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.ltr_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.ltr_hist IS 'Histogram of the answers'' learning-to-rank time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.fusion_hist; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.fusion_hist IS 'Histogram of the answers'' fusion time; null when no answer timed it.';

--
-- Name: COLUMN query_stats_5m.result_sources; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.result_sources IS 'The sources of the returned results, counted ({"pubmed": 7}); merge with jsonb_count_merge.';

--
-- Name: COLUMN query_stats_5m.realtime; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.query_stats_5m.realtime IS 'True when computed from rows past the level''s watermark (not yet rolled up), false for a stored rollup row.';

--
-- Name: result_drift_weekly; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.result_drift_weekly WITH (security_invoker='true') AS
 WITH weeks AS (
         SELECT s.tenant_id,
            ((date_trunc('week'::text, s.bucket, 'UTC'::text) AT TIME ZONE 'UTC'::text))::date AS week,
            (sum(s.requests))::bigint AS queries,
            zenglow_stats.jsonb_count_merge(s.result_sources) AS sources,
            zenglow_stats.jsonb_count_merge(s.top_documents) AS documents
           FROM zenglow_stats.query_stats_1d s
          GROUP BY s.tenant_id, (((date_trunc('week'::text, s.bucket, 'UTC'::text) AT TIME ZONE 'UTC'::text))::date)
        )
 SELECT w.tenant_id,
    w.week,
    p.week AS previous_week,
    w.queries,
    zenglow_stats.jensen_shannon(w.sources, p.sources) AS js_divergence,
        CASE
            WHEN (p.week IS NOT NULL) THEN zenglow_stats.jaccard(zenglow_stats.jsonb_top_keys(w.documents, 50), zenglow_stats.jsonb_top_keys(p.documents, 50))
            ELSE NULL::double precision
        END AS top_documents_overlap
   FROM (weeks w
     LEFT JOIN weeks p ON (((p.tenant_id = w.tenant_id) AND (p.week = (w.week - 7)))));

ALTER TABLE zenglow_stats.result_drift_weekly OWNER TO zenglow_owner;

--
-- Name: VIEW result_drift_weekly; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.result_drift_weekly IS 'Week-over-week shift of each tenant''s results (weeks from Monday 00:00 UTC, against the calendar week before): the Jensen-Shannon divergence of the result sources and the Jaccard overlap of the top-50 documents, from query_stats_1d.';

--
-- Name: COLUMN result_drift_weekly.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.result_drift_weekly.tenant_id IS 'The tenant.';

--
-- Name: COLUMN result_drift_weekly.week; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.result_drift_weekly.week IS 'The Monday (UTC date) the week starts on.';

--
-- Name: COLUMN result_drift_weekly.previous_week; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.result_drift_weekly.previous_week IS 'The week compared against (week - 7 days); null when the tenant recorded no queries that week.';

--
-- Name: COLUMN result_drift_weekly.queries; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.result_drift_weekly.queries IS 'Requests recorded that week (every outcome, errors included).';

--
-- Name: COLUMN result_drift_weekly.js_divergence; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.result_drift_weekly.js_divergence IS 'Base-2 Jensen-Shannon divergence of the week''s result sources (results counted per source) against the previous week''s: 0 the same mix, 1 no source in common; null without a previous week or without results in either.';

--
-- Name: COLUMN result_drift_weekly.top_documents_overlap; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.result_drift_weekly.top_documents_overlap IS 'Jaccard overlap (shared / all) of the two weeks'' 50 documents most often among the top results (ties by id): 1 the same documents, 0 none in common; null without a previous week or when neither week had any.';

--
-- Name: rollup_watermarks; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.rollup_watermarks WITH (security_invoker='true') AS
 SELECT query_rollup_watermarks.level,
    query_rollup_watermarks.watermark,
    query_rollup_watermarks.refreshed_at,
    query_rollup_watermarks.duration_ms,
    query_rollup_watermarks.buckets_written
   FROM zenglow.query_rollup_watermarks;

ALTER TABLE zenglow_stats.rollup_watermarks OWNER TO zenglow_owner;

--
-- Name: VIEW rollup_watermarks; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.rollup_watermarks IS 'How far each rollup level is stored (the query_stats_* views compute what is past it) and what its last refresh did.';

--
-- Name: COLUMN rollup_watermarks.level; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.rollup_watermarks.level IS '5m, 1h or 1d.';

--
-- Name: COLUMN rollup_watermarks.watermark; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.rollup_watermarks.watermark IS 'End of the last complete bucket rolled up; null before the first refresh with data.';

--
-- Name: COLUMN rollup_watermarks.refreshed_at; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.rollup_watermarks.refreshed_at IS 'When the last refresh (zenglow maintain) ran.';

--
-- Name: COLUMN rollup_watermarks.duration_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.rollup_watermarks.duration_ms IS 'How long that refresh took for this level (ms).';

--
-- Name: COLUMN rollup_watermarks.buckets_written; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.rollup_watermarks.buckets_written IS 'Rollup rows that refresh wrote (the late window is re-rolled each time).';

--
-- Name: weight_change_effects; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.weight_change_effects WITH (security_invoker='true') AS
 SELECT c.tenant_id,
    c.changed_at,
    c.kind,
    c.version,
    c.actor,
    c.reason,
    b.requests AS requests_before,
    a.requests AS requests_after,
    zenglow_stats.histogram_quantile(b.total_hist, (0.95)::double precision) AS p95_before_ms,
    zenglow_stats.histogram_quantile(a.total_hist, (0.95)::double precision) AS p95_after_ms,
    zenglow_stats.jensen_shannon(b.result_sources, a.result_sources) AS result_sources_js_divergence
   FROM ((zenglow_stats.weight_change_list() c(tenant_id, changed_at, kind, version, actor, reason, details)
     CROSS JOIN LATERAL ( SELECT (COALESCE(sum(s.requests), (0)::numeric))::bigint AS requests,
            zenglow_stats.histogram_merge(s.total_hist) AS total_hist,
            zenglow_stats.jsonb_count_merge(s.result_sources) AS result_sources
           FROM zenglow_stats.query_stats_1h s
          WHERE (((c.tenant_id = '_global'::text) OR (s.tenant_id = c.tenant_id)) AND (s.bucket >= (date_trunc('hour'::text, c.changed_at, 'UTC'::text) - '24:00:00'::interval)) AND (s.bucket < date_trunc('hour'::text, c.changed_at, 'UTC'::text)))) b)
     CROSS JOIN LATERAL ( SELECT (COALESCE(sum(s.requests), (0)::numeric))::bigint AS requests,
            zenglow_stats.histogram_merge(s.total_hist) AS total_hist,
            zenglow_stats.jsonb_count_merge(s.result_sources) AS result_sources
           FROM zenglow_stats.query_stats_1h s
          WHERE (((c.tenant_id = '_global'::text) OR (s.tenant_id = c.tenant_id)) AND (s.bucket >= (date_trunc('hour'::text, c.changed_at, 'UTC'::text) + '01:00:00'::interval)) AND (s.bucket < (date_trunc('hour'::text, c.changed_at, 'UTC'::text) + '25:00:00'::interval)))) a);

ALTER TABLE zenglow_stats.weight_change_effects OWNER TO zenglow_owner;

--
-- Name: VIEW weight_change_effects; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.weight_change_effects IS 'Each weight_changes row with the requests, p95 total latency and result-source mix of the 24 whole UTC hours before it against the 24 after (the hour it happened in left out), from query_stats_1h: the tenant''s own requests, every tenant''s for a _global change. The after side of a recent change holds what was recorded so far.';

--
-- Name: COLUMN weight_change_effects.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.tenant_id IS 'The tenant of the change (weight_changes.tenant_id); _global: measured on every tenant.';

--
-- Name: COLUMN weight_change_effects.changed_at; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.changed_at IS 'When the change took effect.';

--
-- Name: COLUMN weight_change_effects.kind; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.kind IS 'fusion_weights, ltr_model or model (see weight_changes).';

--
-- Name: COLUMN weight_change_effects.version; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.version IS 'The fusion-weights or LTR version; null for a model activation.';

--
-- Name: COLUMN weight_change_effects.actor; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.actor IS 'Who made the change; null for LTR versions.';

--
-- Name: COLUMN weight_change_effects.reason; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.reason IS 'Why (see weight_changes.reason).';

--
-- Name: COLUMN weight_change_effects.requests_before; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.requests_before IS 'Requests in the 24 hours before (0 when none).';

--
-- Name: COLUMN weight_change_effects.requests_after; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.requests_after IS 'Requests in the 24 hours after (0 when none, or not yet).';

--
-- Name: COLUMN weight_change_effects.p95_before_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.p95_before_ms IS '95th percentile of total milliseconds before, from the merged histograms (within 9.05%); null without requests.';

--
-- Name: COLUMN weight_change_effects.p95_after_ms; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.p95_after_ms IS '95th percentile of total milliseconds after, likewise; null without requests.';

--
-- Name: COLUMN weight_change_effects.result_sources_js_divergence; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_change_effects.result_sources_js_divergence IS 'Base-2 Jensen-Shannon divergence of the result sources before against after: 0 the same mix, 1 nothing in common; null when either side returned no results.';

--
-- Name: weight_changes; Type: VIEW; Schema: zenglow_stats; Owner: zenglow_owner
--

CREATE VIEW zenglow_stats.weight_changes WITH (security_invoker='true') AS
 SELECT f.tenant_id,
    f.created_at AS changed_at,
    'fusion_weights'::text AS kind,
    f.version,
    f.actor,
    f.reason,
    (jsonb_build_object('weights', f.weights) ||
        CASE
            WHEN (f.issue_link IS NOT NULL) THEN jsonb_build_object('issue_link', f.issue_link)
            ELSE '{}'::jsonb
        END) AS details
   FROM zenglow.fusion_weights f
UNION ALL
 SELECT '_global'::text AS tenant_id,
    l.created_at AS changed_at,
    'ltr_model'::text AS kind,
    l.version,
    NULL::text AS actor,
    NULLIF(l.trained_on, ''::text) AS reason,
    jsonb_build_object('feature_schema_version', l.feature_schema_version, 'coefficients', l.coefficients, 'intercept', l.intercept, 'metrics', l.metrics) AS details
   FROM zenglow.ltr_models l
UNION ALL
 SELECT m.tenant_id,
    m.occurred_at AS changed_at,
    'model'::text AS kind,
    NULL::bigint AS version,
    m.actor,
    (m.details ->> 'reason'::text) AS reason,
    m.details
   FROM zenglow_stats.model_activations() m(tenant_id, occurred_at, actor, details);

ALTER TABLE zenglow_stats.weight_changes OWNER TO zenglow_owner;

--
-- Name: VIEW weight_changes; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON VIEW zenglow_stats.weight_changes IS 'Every change of what ranks results, oldest first by changed_at: fusion-weight versions (per tenant, or _global for the defaults), learning-to-rank model versions and embedding-model activations (both _global, so every tenant''s). See weight_change_effects for the latency and result mix around each.';

--
-- Name: COLUMN weight_changes.tenant_id; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_changes.tenant_id IS 'The tenant whose weights changed; _global for global fusion weights (tenants without their own), LTR models and embedding models.';

--
-- Name: COLUMN weight_changes.changed_at; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_changes.changed_at IS 'When the change took effect (the version''s creation, the activation''s audit time).';

--
-- Name: COLUMN weight_changes.kind; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_changes.kind IS 'fusion_weights (a new version in zenglow.fusion_weights), ltr_model (a new zenglow.ltr_models version) or model (an embedding model activated).';

--
-- Name: COLUMN weight_changes.version; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_changes.version IS 'The fusion-weights or LTR version (the newest is active); null for a model activation (the model is in details.new).';

--
-- Name: COLUMN weight_changes.actor; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_changes.actor IS 'Who made the change (fusion weights, model activations); null for LTR versions, which record none.';

--
-- Name: COLUMN weight_changes.reason; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_changes.reason IS 'Why: the fusion-weight version''s reason, what an LTR version was trained on, a model activation''s details.reason when given.';

--
-- Name: COLUMN weight_changes.details; Type: COMMENT; Schema: zenglow_stats; Owner: zenglow_owner
--

COMMENT ON COLUMN zenglow_stats.weight_changes.details IS 'What changed to: {weights, issue_link} for fusion weights, {feature_schema_version, coefficients, intercept, metrics} for an LTR version, the audit record''s {old, new, index} for a model activation.';

--
-- Name: chunks_default; Type: TABLE ATTACH; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.chunks ATTACH PARTITION zenglow.chunks_default DEFAULT;

--
-- Name: chunks chunk_id; Type: DEFAULT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.chunks ALTER COLUMN chunk_id SET DEFAULT nextval('zenglow.chunks_chunk_id_seq'::regclass);

--
-- Name: fusion_weights version; Type: DEFAULT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.fusion_weights ALTER COLUMN version SET DEFAULT nextval('zenglow.fusion_weights_version_seq'::regclass);

--
-- Name: retrieval_settings version; Type: DEFAULT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.retrieval_settings ALTER COLUMN version SET DEFAULT nextval('zenglow.retrieval_settings_version_seq'::regclass);

--
-- Name: ann_settings ann_settings_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.ann_settings
    ADD CONSTRAINT ann_settings_pkey PRIMARY KEY (model_name);

--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (tenant_id, key_id);

--
-- Name: api_keys api_keys_prefix_once; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.api_keys
    ADD CONSTRAINT api_keys_prefix_once UNIQUE (tenant_id, prefix);

--
-- Name: backup_runs backup_runs_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.backup_runs
    ADD CONSTRAINT backup_runs_pkey PRIMARY KEY (backup_id);

--
-- Name: batches batches_content_once; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.batches
    ADD CONSTRAINT batches_content_once UNIQUE (tenant_id, content_hash);

--
-- Name: batches batches_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.batches
    ADD CONSTRAINT batches_pkey PRIMARY KEY (tenant_id, batch_id);

--
-- Name: batches batches_tag_once; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.batches
    ADD CONSTRAINT batches_tag_once UNIQUE (tenant_id, batch_tag);

--
-- Name: chunks chunks_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.chunks
    ADD CONSTRAINT chunks_pkey PRIMARY KEY (tenant_id, chunk_id, ingested_at);

--
-- Name: chunks_default chunks_default_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.chunks_default
    ADD CONSTRAINT chunks_default_pkey PRIMARY KEY (tenant_id, chunk_id, ingested_at);

--
-- Name: chunks chunks_position_once; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.chunks
    ADD CONSTRAINT chunks_position_once UNIQUE (tenant_id, document_id, chunk_order, embedding_model, ingested_at);

--
-- Name: chunks_default chunks_default_tenant_id_document_id_chunk_order_embedding__key; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.chunks_default
    ADD CONSTRAINT chunks_default_tenant_id_document_id_chunk_order_embedding__key UNIQUE (tenant_id, document_id, chunk_order, embedding_model, ingested_at);

--
-- Name: corpus_epochs corpus_epochs_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.corpus_epochs
    ADD CONSTRAINT corpus_epochs_pkey PRIMARY KEY (tenant_id);

--
-- Name: corpus_stats corpus_stats_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.corpus_stats
    ADD CONSTRAINT corpus_stats_pkey PRIMARY KEY (tenant_id, embedding_model);

--
-- Name: fusion_weights fusion_weights_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.fusion_weights
    ADD CONSTRAINT fusion_weights_pkey PRIMARY KEY (tenant_id, version);

--
-- Name: installation installation_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.installation
    ADD CONSTRAINT installation_pkey PRIMARY KEY (id);

--
-- Name: ltr_models ltr_models_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.ltr_models
    ADD CONSTRAINT ltr_models_pkey PRIMARY KEY (version);

--
-- Name: maintenance_runs maintenance_runs_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.maintenance_runs
    ADD CONSTRAINT maintenance_runs_pkey PRIMARY KEY (run_id);

--
-- Name: maintenance_settings maintenance_settings_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.maintenance_settings
    ADD CONSTRAINT maintenance_settings_pkey PRIMARY KEY (singleton);

--
-- Name: models models_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.models
    ADD CONSTRAINT models_pkey PRIMARY KEY (model_name);

--
-- Name: query_rollup_1d query_rollup_1d_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.query_rollup_1d
    ADD CONSTRAINT query_rollup_1d_pkey PRIMARY KEY (tenant_id, bucket, endpoint, mode, model);

--
-- Name: query_rollup_1h query_rollup_1h_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.query_rollup_1h
    ADD CONSTRAINT query_rollup_1h_pkey PRIMARY KEY (tenant_id, bucket, endpoint, mode, model);

--
-- Name: query_rollup_5m query_rollup_5m_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.query_rollup_5m
    ADD CONSTRAINT query_rollup_5m_pkey PRIMARY KEY (tenant_id, bucket, endpoint, mode, model);

--
-- Name: query_rollup_watermarks query_rollup_watermarks_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.query_rollup_watermarks
    ADD CONSTRAINT query_rollup_watermarks_pkey PRIMARY KEY (level);

--
-- Name: retrieval_settings retrieval_settings_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.retrieval_settings
    ADD CONSTRAINT retrieval_settings_pkey PRIMARY KEY (tenant_id, version);

--
-- Name: source_priors source_priors_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.source_priors
    ADD CONSTRAINT source_priors_pkey PRIMARY KEY (tenant_id, source);

--
-- Name: tenants tenants_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (tenant_id);

--
-- Name: term_champion_lists term_champion_lists_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.term_champion_lists
    ADD CONSTRAINT term_champion_lists_pkey PRIMARY KEY (tenant_id, embedding_model, term);

--
-- Name: term_champion_settings term_champion_settings_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.term_champion_settings
    ADD CONSTRAINT term_champion_settings_pkey PRIMARY KEY (tenant_id, embedding_model);

--
-- Name: term_champions term_champions_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.term_champions
    ADD CONSTRAINT term_champions_pkey PRIMARY KEY (tenant_id, embedding_model, term, chunk_id);

--
-- Name: term_stats term_stats_pkey; Type: CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.term_stats
    ADD CONSTRAINT term_stats_pkey PRIMARY KEY (tenant_id, embedding_model, term);

--
-- Name: chain_heads chain_heads_pkey; Type: CONSTRAINT; Schema: zenglow_audit; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow_audit.chain_heads
    ADD CONSTRAINT chain_heads_pkey PRIMARY KEY (tenant_id);

--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: zenglow_audit; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow_audit.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (tenant_id, seq);

--
-- Name: history history_pkey; Type: CONSTRAINT; Schema: zenglow_migrations; Owner: postgres
--

ALTER TABLE ONLY zenglow_migrations.history
    ADD CONSTRAINT history_pkey PRIMARY KEY (id);

--
-- Name: api_keys_prefix; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX api_keys_prefix ON zenglow.api_keys USING btree (prefix);

--
-- Name: backup_runs_finished; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX backup_runs_finished ON zenglow.backup_runs USING btree (finished_at DESC);

--
-- Name: chunks_batch; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX chunks_batch ON ONLY zenglow.chunks USING btree (tenant_id, batch_id);

--
-- Name: chunks_embedding_all_minilm_l6_v2_61365361; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX chunks_embedding_all_minilm_l6_v2_61365361 ON ONLY zenglow.chunks USING hnsw (((embedding)::public.vector(384)) public.vector_cosine_ops) WHERE (embedding_model = 'all-MiniLM-L6-v2'::text);

--
-- Name: chunks_default_embedding_idx; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX chunks_default_embedding_idx ON zenglow.chunks_default USING hnsw (((embedding)::public.vector(384)) public.vector_cosine_ops) WHERE (embedding_model = 'all-MiniLM-L6-v2'::text);

--
-- Name: chunks_default_tenant_id_batch_id_idx; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX chunks_default_tenant_id_batch_id_idx ON zenglow.chunks_default USING btree (tenant_id, batch_id);

--
-- Name: chunks_document; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX chunks_document ON ONLY zenglow.chunks USING btree (tenant_id, document_id);

--
-- Name: chunks_default_tenant_id_document_id_idx; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX chunks_default_tenant_id_document_id_idx ON zenglow.chunks_default USING btree (tenant_id, document_id);

--
-- Name: chunks_tsv; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX chunks_tsv ON ONLY zenglow.chunks USING gin (tsv);

--
-- Name: chunks_default_tsv_idx; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX chunks_default_tsv_idx ON zenglow.chunks_default USING gin (tsv);

--
-- Name: installation_one_row; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE UNIQUE INDEX installation_one_row ON zenglow.installation USING btree ((true));

--
-- Name: maintenance_runs_started; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX maintenance_runs_started ON zenglow.maintenance_runs USING btree (started_at DESC);

--
-- Name: models_one_active; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE UNIQUE INDEX models_one_active ON zenglow.models USING btree (active) WHERE active;

--
-- Name: query_performance_tenant_ts; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX query_performance_tenant_ts ON zenglow.query_performance USING btree (tenant_id, ts DESC);

--
-- Name: query_performance_ts_idx; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX query_performance_ts_idx ON zenglow.query_performance USING btree (ts DESC);

--
-- Name: query_rollup_1d_bucket; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX query_rollup_1d_bucket ON zenglow.query_rollup_1d USING btree (bucket);

--
-- Name: query_rollup_1h_bucket; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX query_rollup_1h_bucket ON zenglow.query_rollup_1h USING btree (bucket);

--
-- Name: query_rollup_5m_bucket; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX query_rollup_5m_bucket ON zenglow.query_rollup_5m USING btree (bucket);

--
-- Name: term_champions_by_weight; Type: INDEX; Schema: zenglow; Owner: zenglow_owner
--

CREATE INDEX term_champions_by_weight ON zenglow.term_champions USING btree (tenant_id, embedding_model, term, w DESC) INCLUDE (chunk_id, ingested_at);

--
-- Name: history_version_once; Type: INDEX; Schema: zenglow_migrations; Owner: postgres
--

CREATE UNIQUE INDEX history_version_once ON zenglow_migrations.history USING btree (version) WHERE ((kind = 'versioned'::text) AND (status = ANY (ARRAY['applied'::text, 'baseline'::text])));

--
-- Name: chunks_default_embedding_idx; Type: INDEX ATTACH; Schema: zenglow; Owner: zenglow_owner
--

ALTER INDEX zenglow.chunks_embedding_all_minilm_l6_v2_61365361 ATTACH PARTITION zenglow.chunks_default_embedding_idx;

--
-- Name: chunks_default_pkey; Type: INDEX ATTACH; Schema: zenglow; Owner: zenglow_owner
--

ALTER INDEX zenglow.chunks_pkey ATTACH PARTITION zenglow.chunks_default_pkey;

--
-- Name: chunks_default_tenant_id_batch_id_idx; Type: INDEX ATTACH; Schema: zenglow; Owner: zenglow_owner
--

ALTER INDEX zenglow.chunks_batch ATTACH PARTITION zenglow.chunks_default_tenant_id_batch_id_idx;

--
-- Name: chunks_default_tenant_id_document_id_chunk_order_embedding__key; Type: INDEX ATTACH; Schema: zenglow; Owner: zenglow_owner
--

ALTER INDEX zenglow.chunks_position_once ATTACH PARTITION zenglow.chunks_default_tenant_id_document_id_chunk_order_embedding__key;

--
-- Name: chunks_default_tenant_id_document_id_idx; Type: INDEX ATTACH; Schema: zenglow; Owner: zenglow_owner
--

ALTER INDEX zenglow.chunks_document ATTACH PARTITION zenglow.chunks_default_tenant_id_document_id_idx;

--
-- Name: chunks_default_tsv_idx; Type: INDEX ATTACH; Schema: zenglow; Owner: zenglow_owner
--

ALTER INDEX zenglow.chunks_tsv ATTACH PARTITION zenglow.chunks_default_tsv_idx;

--
-- Name: api_keys api_keys_notify; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER api_keys_notify AFTER DELETE OR UPDATE OF revoked_at, expires_at, scopes, secret_sha256, prefix, tenant_id ON zenglow.api_keys FOR EACH ROW EXECUTE FUNCTION zenglow.notify_key_change();

--
-- Name: batches batches_check_transition; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER batches_check_transition BEFORE UPDATE ON zenglow.batches FOR EACH ROW EXECUTE FUNCTION zenglow.check_batch_transition();

--
-- Name: batches batches_notify_alert; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER batches_notify_alert AFTER UPDATE OF alert_reason ON zenglow.batches FOR EACH ROW WHEN (((new.alert_reason IS NOT NULL) AND (new.alert_reason IS DISTINCT FROM old.alert_reason) AND (NOT (new.state IS DISTINCT FROM old.state)))) EXECUTE FUNCTION zenglow.notify_manifest();

--
-- Name: batches batches_notify_manifest; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER batches_notify_manifest AFTER INSERT OR UPDATE OF state ON zenglow.batches FOR EACH ROW EXECUTE FUNCTION zenglow.notify_manifest();

--
-- Name: chunks chunks_advance_corpus_epoch; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER chunks_advance_corpus_epoch AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON zenglow.chunks FOR EACH STATEMENT EXECUTE FUNCTION zenglow.advance_epoch_on_write();

--
-- Name: chunks chunks_fill_text_stats; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER chunks_fill_text_stats BEFORE INSERT OR UPDATE OF body ON zenglow.chunks FOR EACH ROW EXECUTE FUNCTION zenglow.fill_chunk_text_stats();

--
-- Name: corpus_stats corpus_stats_advance_corpus_epoch; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER corpus_stats_advance_corpus_epoch AFTER INSERT OR DELETE OR UPDATE ON zenglow.corpus_stats FOR EACH ROW EXECUTE FUNCTION zenglow.advance_epoch_of_rows();

--
-- Name: corpus_stats corpus_stats_truncate_advances_corpus_epochs; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER corpus_stats_truncate_advances_corpus_epochs AFTER TRUNCATE ON zenglow.corpus_stats FOR EACH STATEMENT EXECUTE FUNCTION zenglow.advance_epoch_on_write();

--
-- Name: fusion_weights fusion_weights_check; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER fusion_weights_check BEFORE INSERT OR DELETE OR UPDATE ON zenglow.fusion_weights FOR EACH ROW EXECUTE FUNCTION zenglow.check_fusion_weights();

--
-- Name: fusion_weights fusion_weights_notify; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER fusion_weights_notify AFTER INSERT ON zenglow.fusion_weights FOR EACH ROW EXECUTE FUNCTION zenglow.notify_weights();

--
-- Name: fusion_weights fusion_weights_refuse_truncate; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER fusion_weights_refuse_truncate BEFORE TRUNCATE ON zenglow.fusion_weights FOR EACH STATEMENT EXECUTE FUNCTION zenglow.check_fusion_weights();

--
-- Name: ltr_models ltr_models_change_advances_corpus_epochs; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER ltr_models_change_advances_corpus_epochs AFTER DELETE OR UPDATE OR TRUNCATE ON zenglow.ltr_models FOR EACH STATEMENT EXECUTE FUNCTION zenglow.advance_epoch_on_write('every');

--
-- Name: ltr_models ltr_models_notify; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER ltr_models_notify AFTER INSERT ON zenglow.ltr_models FOR EACH ROW EXECUTE FUNCTION zenglow.notify_model();

--
-- Name: models models_add_ann_settings; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER models_add_ann_settings AFTER INSERT ON zenglow.models FOR EACH ROW EXECUTE FUNCTION zenglow.add_ann_settings();

--
-- Name: models models_notify_activation; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER models_notify_activation AFTER UPDATE OF active ON zenglow.models FOR EACH ROW WHEN ((new.active AND (NOT old.active))) EXECUTE FUNCTION zenglow.notify_model();

--
-- Name: models models_notify_active_insert; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER models_notify_active_insert AFTER INSERT ON zenglow.models FOR EACH ROW WHEN (new.active) EXECUTE FUNCTION zenglow.notify_model();

--
-- Name: retrieval_settings retrieval_settings_check; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER retrieval_settings_check BEFORE INSERT OR DELETE OR UPDATE ON zenglow.retrieval_settings FOR EACH ROW EXECUTE FUNCTION zenglow.check_retrieval_settings();

--
-- Name: retrieval_settings retrieval_settings_notify; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER retrieval_settings_notify AFTER INSERT ON zenglow.retrieval_settings FOR EACH ROW EXECUTE FUNCTION zenglow.notify_retrieval_settings();

--
-- Name: retrieval_settings retrieval_settings_refuse_truncate; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER retrieval_settings_refuse_truncate BEFORE TRUNCATE ON zenglow.retrieval_settings FOR EACH STATEMENT EXECUTE FUNCTION zenglow.check_retrieval_settings();

--
-- Name: source_priors source_priors_delete_advances_corpus_epoch; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER source_priors_delete_advances_corpus_epoch AFTER DELETE ON zenglow.source_priors REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION zenglow.advance_epoch_of_rows();

--
-- Name: source_priors source_priors_insert_advances_corpus_epoch; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER source_priors_insert_advances_corpus_epoch AFTER INSERT ON zenglow.source_priors REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zenglow.advance_epoch_of_rows();

--
-- Name: source_priors source_priors_truncate_advances_corpus_epochs; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER source_priors_truncate_advances_corpus_epochs AFTER TRUNCATE ON zenglow.source_priors FOR EACH STATEMENT EXECUTE FUNCTION zenglow.advance_epoch_on_write();

--
-- Name: source_priors source_priors_update_advances_corpus_epoch; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER source_priors_update_advances_corpus_epoch AFTER UPDATE ON zenglow.source_priors REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zenglow.advance_epoch_of_rows();

--
-- Name: term_stats term_stats_advance_corpus_epoch; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER term_stats_advance_corpus_epoch AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON zenglow.term_stats FOR EACH STATEMENT EXECUTE FUNCTION zenglow.advance_epoch_on_write();

--
-- Name: query_performance ts_insert_blocker; Type: TRIGGER; Schema: zenglow; Owner: zenglow_owner
--

CREATE TRIGGER ts_insert_blocker BEFORE INSERT ON zenglow.query_performance FOR EACH ROW EXECUTE FUNCTION _timescaledb_functions.insert_blocker();

--
-- Name: chain_heads chain_heads_no_truncate; Type: TRIGGER; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE TRIGGER chain_heads_no_truncate BEFORE TRUNCATE ON zenglow_audit.chain_heads FOR EACH STATEMENT EXECUTE FUNCTION zenglow_audit.refuse_change();

--
-- Name: events events_append_only; Type: TRIGGER; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE TRIGGER events_append_only BEFORE DELETE OR UPDATE ON zenglow_audit.events FOR EACH ROW EXECUTE FUNCTION zenglow_audit.refuse_change();

--
-- Name: events events_no_truncate; Type: TRIGGER; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON zenglow_audit.events FOR EACH STATEMENT EXECUTE FUNCTION zenglow_audit.refuse_change();

--
-- Name: ann_settings ann_settings_model_name_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.ann_settings
    ADD CONSTRAINT ann_settings_model_name_fkey FOREIGN KEY (model_name) REFERENCES zenglow.models(model_name) ON DELETE CASCADE;

--
-- Name: api_keys api_keys_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.api_keys
    ADD CONSTRAINT api_keys_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: batches batches_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.batches
    ADD CONSTRAINT batches_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: chunks chunks_embedding_model_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.chunks
    ADD CONSTRAINT chunks_embedding_model_fkey FOREIGN KEY (embedding_model) REFERENCES zenglow.models(model_name);

--
-- Name: chunks chunks_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.chunks
    ADD CONSTRAINT chunks_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: corpus_epochs corpus_epochs_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.corpus_epochs
    ADD CONSTRAINT corpus_epochs_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: corpus_stats corpus_stats_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.corpus_stats
    ADD CONSTRAINT corpus_stats_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: fusion_weights fusion_weights_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.fusion_weights
    ADD CONSTRAINT fusion_weights_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: query_performance query_performance_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.query_performance
    ADD CONSTRAINT query_performance_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: query_rollup_1d query_rollup_1d_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.query_rollup_1d
    ADD CONSTRAINT query_rollup_1d_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: query_rollup_1h query_rollup_1h_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.query_rollup_1h
    ADD CONSTRAINT query_rollup_1h_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: query_rollup_5m query_rollup_5m_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.query_rollup_5m
    ADD CONSTRAINT query_rollup_5m_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: retrieval_settings retrieval_settings_ltr_version_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.retrieval_settings
    ADD CONSTRAINT retrieval_settings_ltr_version_fkey FOREIGN KEY (ltr_version) REFERENCES zenglow.ltr_models(version);

--
-- Name: retrieval_settings retrieval_settings_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.retrieval_settings
    ADD CONSTRAINT retrieval_settings_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: source_priors source_priors_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.source_priors
    ADD CONSTRAINT source_priors_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: term_champion_lists term_champion_lists_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.term_champion_lists
    ADD CONSTRAINT term_champion_lists_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: term_champion_settings term_champion_settings_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.term_champion_settings
    ADD CONSTRAINT term_champion_settings_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: term_champions term_champions_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.term_champions
    ADD CONSTRAINT term_champions_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: term_stats term_stats_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow.term_stats
    ADD CONSTRAINT term_stats_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: chain_heads chain_heads_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow_audit; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow_audit.chain_heads
    ADD CONSTRAINT chain_heads_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: events events_tenant_id_fkey; Type: FK CONSTRAINT; Schema: zenglow_audit; Owner: zenglow_owner
--

ALTER TABLE ONLY zenglow_audit.events
    ADD CONSTRAINT events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES zenglow.tenants(tenant_id);

--
-- Name: batches analyst_read; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY analyst_read ON zenglow.batches FOR SELECT TO zenglow_analyst USING (true);

--
-- Name: fusion_weights analyst_read; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY analyst_read ON zenglow.fusion_weights FOR SELECT TO zenglow_analyst USING (true);

--
-- Name: query_performance analyst_read; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY analyst_read ON zenglow.query_performance FOR SELECT TO zenglow_analyst USING (true);

--
-- Name: query_rollup_1d analyst_read; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY analyst_read ON zenglow.query_rollup_1d FOR SELECT TO zenglow_analyst USING (true);

--
-- Name: query_rollup_1h analyst_read; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY analyst_read ON zenglow.query_rollup_1h FOR SELECT TO zenglow_analyst USING (true);

--
-- Name: query_rollup_5m analyst_read; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY analyst_read ON zenglow.query_rollup_5m FOR SELECT TO zenglow_analyst USING (true);

--
-- Name: retrieval_settings analyst_read; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY analyst_read ON zenglow.retrieval_settings FOR SELECT TO zenglow_analyst USING (true);

--
-- Name: api_keys; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.api_keys ENABLE ROW LEVEL SECURITY;

--
-- Name: batches; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.batches ENABLE ROW LEVEL SECURITY;

--
-- Name: chunks; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.chunks ENABLE ROW LEVEL SECURITY;

--
-- Name: corpus_epochs; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.corpus_epochs ENABLE ROW LEVEL SECURITY;

--
-- Name: corpus_stats; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.corpus_stats ENABLE ROW LEVEL SECURITY;

--
-- Name: fusion_weights; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.fusion_weights ENABLE ROW LEVEL SECURITY;

--
-- Name: api_keys owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.api_keys TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: batches owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.batches TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: chunks owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.chunks TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: corpus_epochs owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.corpus_epochs TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: corpus_stats owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.corpus_stats TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: fusion_weights owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.fusion_weights TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: query_performance owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.query_performance TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: query_rollup_1d owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.query_rollup_1d TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: query_rollup_1h owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.query_rollup_1h TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: query_rollup_5m owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.query_rollup_5m TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: retrieval_settings owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.retrieval_settings TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: source_priors owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.source_priors TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: tenants owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.tenants TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: term_champion_lists owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.term_champion_lists TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: term_champion_settings owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.term_champion_settings TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: term_champions owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.term_champions TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: term_stats owner_maintenance; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow.term_stats TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: query_performance; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.query_performance ENABLE ROW LEVEL SECURITY;

--
-- Name: query_rollup_1d; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.query_rollup_1d ENABLE ROW LEVEL SECURITY;

--
-- Name: query_rollup_1h; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.query_rollup_1h ENABLE ROW LEVEL SECURITY;

--
-- Name: query_rollup_5m; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.query_rollup_5m ENABLE ROW LEVEL SECURITY;

--
-- Name: retrieval_settings; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.retrieval_settings ENABLE ROW LEVEL SECURITY;

--
-- Name: source_priors; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.source_priors ENABLE ROW LEVEL SECURITY;

--
-- Name: fusion_weights tenant_insert; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_insert ON zenglow.fusion_weights FOR INSERT WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: retrieval_settings tenant_insert; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_insert ON zenglow.retrieval_settings FOR INSERT WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: api_keys tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.api_keys USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: batches tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.batches USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: chunks tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.chunks USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: corpus_epochs tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.corpus_epochs FOR SELECT USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: corpus_stats tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.corpus_stats USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: fusion_weights tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.fusion_weights FOR SELECT USING (((( SELECT zenglow.current_tenant() AS current_tenant) IS NOT NULL) AND (tenant_id = ANY (ARRAY[( SELECT zenglow.current_tenant() AS current_tenant), '_global'::text]))));

--
-- Name: query_performance tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.query_performance TO zenglow_owner, zenglow_app, zenglow_ingest USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: retrieval_settings tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.retrieval_settings FOR SELECT USING (((( SELECT zenglow.current_tenant() AS current_tenant) IS NOT NULL) AND (tenant_id = ANY (ARRAY[( SELECT zenglow.current_tenant() AS current_tenant), '_global'::text]))));

--
-- Name: source_priors tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.source_priors USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: tenants tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.tenants FOR SELECT USING (((tenant_id = NULLIF(current_setting('zenglow.tenant_id'::text, true), ''::text)) AND (tenant_id <> '_global'::text)));

--
-- Name: term_champion_lists tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.term_champion_lists USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: term_champion_settings tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.term_champion_settings USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: term_champions tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.term_champions USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: term_stats tenant_isolation; Type: POLICY; Schema: zenglow; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow.term_stats USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant))) WITH CHECK ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: tenants; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.tenants ENABLE ROW LEVEL SECURITY;

--
-- Name: term_champion_lists; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.term_champion_lists ENABLE ROW LEVEL SECURITY;

--
-- Name: term_champion_settings; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.term_champion_settings ENABLE ROW LEVEL SECURITY;

--
-- Name: term_champions; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.term_champions ENABLE ROW LEVEL SECURITY;

--
-- Name: term_stats; Type: ROW SECURITY; Schema: zenglow; Owner: zenglow_owner
--

ALTER TABLE zenglow.term_stats ENABLE ROW LEVEL SECURITY;

--
-- Name: chain_heads; Type: ROW SECURITY; Schema: zenglow_audit; Owner: zenglow_owner
--

ALTER TABLE zenglow_audit.chain_heads ENABLE ROW LEVEL SECURITY;

--
-- Name: events; Type: ROW SECURITY; Schema: zenglow_audit; Owner: zenglow_owner
--

ALTER TABLE zenglow_audit.events ENABLE ROW LEVEL SECURITY;

--
-- Name: chain_heads owner_maintenance; Type: POLICY; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow_audit.chain_heads TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: events owner_maintenance; Type: POLICY; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE POLICY owner_maintenance ON zenglow_audit.events TO zenglow_owner USING (zenglow.in_maintenance_mode()) WITH CHECK (zenglow.in_maintenance_mode());

--
-- Name: chain_heads tenant_isolation; Type: POLICY; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow_audit.chain_heads FOR SELECT USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: events tenant_isolation; Type: POLICY; Schema: zenglow_audit; Owner: zenglow_owner
--

CREATE POLICY tenant_isolation ON zenglow_audit.events FOR SELECT USING ((tenant_id = ( SELECT zenglow.current_tenant() AS current_tenant)));

--
-- Name: SCHEMA zenglow; Type: ACL; Schema: -; Owner: zenglow_owner
--

GRANT USAGE ON SCHEMA zenglow TO zenglow_app;
GRANT USAGE ON SCHEMA zenglow TO zenglow_ingest;

--
-- Name: SCHEMA zenglow_api; Type: ACL; Schema: -; Owner: zenglow_owner
--

GRANT USAGE ON SCHEMA zenglow_api TO zenglow_app;
GRANT USAGE ON SCHEMA zenglow_api TO zenglow_ingest;

--
-- Name: SCHEMA zenglow_audit; Type: ACL; Schema: -; Owner: zenglow_owner
--

GRANT USAGE ON SCHEMA zenglow_audit TO zenglow_app;
GRANT USAGE ON SCHEMA zenglow_audit TO zenglow_ingest;

--
-- Name: SCHEMA zenglow_migrations; Type: ACL; Schema: -; Owner: postgres
--

GRANT USAGE ON SCHEMA zenglow_migrations TO zenglow_owner;

--
-- Name: SCHEMA zenglow_stats; Type: ACL; Schema: -; Owner: zenglow_owner
--

GRANT USAGE ON SCHEMA zenglow_stats TO zenglow_analyst;

--
-- Name: FUNCTION activate_model(p_model text, p_actor text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.activate_model(p_model text, p_actor text) FROM PUBLIC;

--
-- Name: FUNCTION add_ann_settings(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.add_ann_settings() FROM PUBLIC;

--
-- Name: FUNCTION add_term_champions(p_tenant_id text, p_model text, p_batch_id bigint, p_terms text[], p_dfs bigint[]); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.add_term_champions(p_tenant_id text, p_model text, p_batch_id bigint, p_terms text[], p_dfs bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.add_term_champions(p_tenant_id text, p_model text, p_batch_id bigint, p_terms text[], p_dfs bigint[]) TO zenglow_ingest;

--
-- Name: FUNCTION add_term_stats(p_tenant_id text, p_model text, p_sign integer, p_terms text[], p_dfs bigint[], p_chunks bigint, p_tokens bigint); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.add_term_stats(p_tenant_id text, p_model text, p_sign integer, p_terms text[], p_dfs bigint[], p_chunks bigint, p_tokens bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.add_term_stats(p_tenant_id text, p_model text, p_sign integer, p_terms text[], p_dfs bigint[], p_chunks bigint, p_tokens bigint) TO zenglow_ingest;

--
-- Name: FUNCTION advance_corpus_epoch(p_tenant text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.advance_corpus_epoch(p_tenant text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.advance_corpus_epoch(p_tenant text) TO zenglow_ingest;

--
-- Name: FUNCTION advance_epoch_of_rows(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.advance_epoch_of_rows() FROM PUBLIC;

--
-- Name: FUNCTION advance_epoch_on_write(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.advance_epoch_on_write() FROM PUBLIC;

--
-- Name: FUNCTION advance_every_corpus_epoch(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.advance_every_corpus_epoch() FROM PUBLIC;

--
-- Name: FUNCTION ann_settings_report(p_model text, p_changed boolean); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.ann_settings_report(p_model text, p_changed boolean) FROM PUBLIC;

--
-- Name: FUNCTION apply_ann_settings(p_model text, p_candidates integer); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.apply_ann_settings(p_model text, p_candidates integer) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.apply_ann_settings(p_model text, p_candidates integer) TO zenglow_app;

--
-- Name: FUNCTION backup_row_counts(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.backup_row_counts() FROM PUBLIC;

--
-- Name: FUNCTION bm25_statistics(p_tenant_id text, p_model text, p_terms text[], p_lexical_budget bigint, OUT chunk_count bigint, OUT avgdl double precision, OUT idf double precision[], OUT retrieval_terms text[]); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.bm25_statistics(p_tenant_id text, p_model text, p_terms text[], p_lexical_budget bigint, OUT chunk_count bigint, OUT avgdl double precision, OUT idf double precision[], OUT retrieval_terms text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.bm25_statistics(p_tenant_id text, p_model text, p_terms text[], p_lexical_budget bigint, OUT chunk_count bigint, OUT avgdl double precision, OUT idf double precision[], OUT retrieval_terms text[]) TO zenglow_app;

--
-- Name: FUNCTION bounded_number(p_value jsonb, p_name text, p_min numeric, p_max numeric, p_integer boolean, p_errcode text, p_hint text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.bounded_number(p_value jsonb, p_name text, p_min numeric, p_max numeric, p_integer boolean, p_errcode text, p_hint text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.bounded_number(p_value jsonb, p_name text, p_min numeric, p_max numeric, p_integer boolean, p_errcode text, p_hint text) TO zenglow_app;

--
-- Name: FUNCTION build_term_champions(p_tenant_id text, p_model text, p_terms text[], p_skip_forgotten boolean); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.build_term_champions(p_tenant_id text, p_model text, p_terms text[], p_skip_forgotten boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.build_term_champions(p_tenant_id text, p_model text, p_terms text[], p_skip_forgotten boolean) TO zenglow_ingest;

--
-- Name: FUNCTION capabilities(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.capabilities() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.capabilities() TO zenglow_app;

--
-- Name: FUNCTION champion_weight(p_tf integer, p_dl integer, p_k1 double precision, p_b double precision, p_avgdl double precision); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.champion_weight(p_tf integer, p_dl integer, p_k1 double precision, p_b double precision, p_avgdl double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.champion_weight(p_tf integer, p_dl integer, p_k1 double precision, p_b double precision, p_avgdl double precision) TO zenglow_ingest;

--
-- Name: FUNCTION check_batch_transition(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.check_batch_transition() FROM PUBLIC;

--
-- Name: FUNCTION check_fusion_weights(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.check_fusion_weights() FROM PUBLIC;

--
-- Name: FUNCTION check_retrieval_settings(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.check_retrieval_settings() FROM PUBLIC;

--
-- Name: FUNCTION check_staged_chunks(p_model text, p_dimension integer, p_vector boolean); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.check_staged_chunks(p_model text, p_dimension integer, p_vector boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.check_staged_chunks(p_model text, p_dimension integer, p_vector boolean) TO zenglow_ingest;

--
-- Name: FUNCTION chunk_partition_range(p_at timestamp with time zone, p_unit text, OUT range_start timestamp with time zone, OUT range_end timestamp with time zone, OUT partition_name text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.chunk_partition_range(p_at timestamp with time zone, p_unit text, OUT range_start timestamp with time zone, OUT range_end timestamp with time zone, OUT partition_name text) FROM PUBLIC;

--
-- Name: FUNCTION cosine_similarity(p_a real[], p_b real[]); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.cosine_similarity(p_a real[], p_b real[]) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.cosine_similarity(p_a real[], p_b real[]) TO zenglow_app;

--
-- Name: FUNCTION create_partition(p_parent regclass, p_name text, p_key text, p_from timestamp with time zone, p_to timestamp with time zone); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.create_partition(p_parent regclass, p_name text, p_key text, p_from timestamp with time zone, p_to timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION create_tenant(p_tenant_id text, p_display_name text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.create_tenant(p_tenant_id text, p_display_name text) FROM PUBLIC;

--
-- Name: FUNCTION current_tenant(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.current_tenant() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.current_tenant() TO zenglow_app;
GRANT ALL ON FUNCTION zenglow.current_tenant() TO zenglow_ingest;

--
-- Name: FUNCTION disabled_capabilities(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.disabled_capabilities() FROM PUBLIC;

--
-- Name: FUNCTION ensure_chunk_partition(p_at timestamp with time zone, p_trigger text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.ensure_chunk_partition(p_at timestamp with time zone, p_trigger text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.ensure_chunk_partition(p_at timestamp with time zone, p_trigger text) TO zenglow_ingest;

--
-- Name: FUNCTION ensure_model_index(p_model text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.ensure_model_index(p_model text) FROM PUBLIC;

--
-- Name: FUNCTION fill_chunk_text_stats(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.fill_chunk_text_stats() FROM PUBLIC;

--
-- Name: FUNCTION forget_chunks(p_where text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.forget_chunks(p_where text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.forget_chunks(p_where text) TO zenglow_ingest;

--
-- Name: FUNCTION forget_term_champions(p_tenant_id text, p_model text, p_terms text[], p_dfs bigint[]); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.forget_term_champions(p_tenant_id text, p_model text, p_terms text[], p_dfs bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.forget_term_champions(p_tenant_id text, p_model text, p_terms text[], p_dfs bigint[]) TO zenglow_ingest;

--
-- Name: FUNCTION in_maintenance_mode(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.in_maintenance_mode() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.in_maintenance_mode() TO zenglow_ingest;

--
-- Name: FUNCTION is_chunk_partition(p_name text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.is_chunk_partition(p_name text) FROM PUBLIC;

--
-- Name: FUNCTION is_hypertable(p_table regclass); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.is_hypertable(p_table regclass) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.is_hypertable(p_table regclass) TO zenglow_app;

--
-- Name: FUNCTION list_tenants(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.list_tenants() FROM PUBLIC;

--
-- Name: FUNCTION maintenance_analyze_partitions(p_min_rows bigint, p_fraction double precision); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_analyze_partitions(p_min_rows bigint, p_fraction double precision) FROM PUBLIC;

--
-- Name: FUNCTION maintenance_forget_runs(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_forget_runs() FROM PUBLIC;

--
-- Name: FUNCTION maintenance_heal_partitions(OUT healed text[], OUT moved_rows bigint); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_heal_partitions(OUT healed text[], OUT moved_rows bigint) FROM PUBLIC;

--
-- Name: FUNCTION maintenance_mode(p_on boolean); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_mode(p_on boolean) FROM PUBLIC;

--
-- Name: FUNCTION maintenance_partitions_ahead(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_partitions_ahead() FROM PUBLIC;

--
-- Name: FUNCTION maintenance_premake_partitions(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_premake_partitions() FROM PUBLIC;

--
-- Name: FUNCTION maintenance_retire_chunks(OUT dropped text[], OUT deleted_rows bigint); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_retire_chunks(OUT dropped text[], OUT deleted_rows bigint) FROM PUBLIC;

--
-- Name: FUNCTION maintenance_retire_query_performance(OUT created text[], OUT dropped text[], OUT healed text[], OUT moved_rows bigint); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_retire_query_performance(OUT created text[], OUT dropped text[], OUT healed text[], OUT moved_rows bigint) FROM PUBLIC;

--
-- Name: FUNCTION maintenance_retire_query_rollups(p_now timestamp with time zone); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_retire_query_rollups(p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION maintenance_term_champions(p_drift double precision); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.maintenance_term_champions(p_drift double precision) FROM PUBLIC;

--
-- Name: FUNCTION model_index_definition(p_model text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.model_index_definition(p_model text) FROM PUBLIC;

--
-- Name: FUNCTION model_index_name(p_model text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.model_index_name(p_model text) FROM PUBLIC;

--
-- Name: FUNCTION notify_key_change(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.notify_key_change() FROM PUBLIC;

--
-- Name: FUNCTION notify_manifest(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.notify_manifest() FROM PUBLIC;

--
-- Name: FUNCTION notify_model(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.notify_model() FROM PUBLIC;

--
-- Name: FUNCTION notify_retrieval_settings(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.notify_retrieval_settings() FROM PUBLIC;

--
-- Name: FUNCTION notify_weights(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.notify_weights() FROM PUBLIC;

--
-- Name: FUNCTION partition_upper_bound(p_partition regclass); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.partition_upper_bound(p_partition regclass) FROM PUBLIC;

--
-- Name: FUNCTION query_rollup_1d_realtime(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.query_rollup_1d_realtime() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.query_rollup_1d_realtime() TO zenglow_analyst;

--
-- Name: FUNCTION query_rollup_1h_realtime(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.query_rollup_1h_realtime() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.query_rollup_1h_realtime() TO zenglow_analyst;

--
-- Name: TABLE query_rollup_5m; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.query_rollup_5m TO zenglow_analyst;

--
-- Name: FUNCTION query_rollup_5m_from_raw(p_from timestamp with time zone, p_to timestamp with time zone); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.query_rollup_5m_from_raw(p_from timestamp with time zone, p_to timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.query_rollup_5m_from_raw(p_from timestamp with time zone, p_to timestamp with time zone) TO zenglow_analyst;

--
-- Name: FUNCTION query_rollup_5m_realtime(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.query_rollup_5m_realtime() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.query_rollup_5m_realtime() TO zenglow_analyst;

--
-- Name: FUNCTION query_terms(p_query text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.query_terms(p_query text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.query_terms(p_query text) TO zenglow_app;

--
-- Name: FUNCTION rag_query_arguments(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_mode text, p_options jsonb, p_model text, p_dimension integer, OUT terms text[], OUT filter text, OUT k1 double precision, OUT b double precision, OUT candidates integer, OUT lexical_budget bigint, OUT settings_version bigint); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.rag_query_arguments(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_mode text, p_options jsonb, p_model text, p_dimension integer, OUT terms text[], OUT filter text, OUT k1 double precision, OUT b double precision, OUT candidates integer, OUT lexical_budget bigint, OUT settings_version bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.rag_query_arguments(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_mode text, p_options jsonb, p_model text, p_dimension integer, OUT terms text[], OUT filter text, OUT k1 double precision, OUT b double precision, OUT candidates integer, OUT lexical_budget bigint, OUT settings_version bigint) TO zenglow_app;

--
-- Name: FUNCTION rebuild_term_champions(p_tenant_id text, p_model text, p_min_df bigint, p_list_size integer, p_depth integer, p_k1 double precision, p_b double precision); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.rebuild_term_champions(p_tenant_id text, p_model text, p_min_df bigint, p_list_size integer, p_depth integer, p_k1 double precision, p_b double precision) FROM PUBLIC;

--
-- Name: FUNCTION refresh_query_rollups(p_now timestamp with time zone); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.refresh_query_rollups(p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION require_tenant(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.require_tenant() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.require_tenant() TO zenglow_app;
GRANT ALL ON FUNCTION zenglow.require_tenant() TO zenglow_ingest;

--
-- Name: FUNCTION retrieval_filter(p_filters jsonb); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.retrieval_filter(p_filters jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.retrieval_filter(p_filters jsonb) TO zenglow_app;

--
-- Name: FUNCTION retrieval_settings_defaults(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.retrieval_settings_defaults() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.retrieval_settings_defaults() TO zenglow_app;

--
-- Name: FUNCTION retrieval_settings_in_effect(OUT version bigint, OUT scope text, OUT settings jsonb, OUT ltr_version bigint, OUT created_at timestamp with time zone, OUT actor text, OUT reason text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.retrieval_settings_in_effect(OUT version bigint, OUT scope text, OUT settings jsonb, OUT ltr_version bigint, OUT created_at timestamp with time zone, OUT actor text, OUT reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.retrieval_settings_in_effect(OUT version bigint, OUT scope text, OUT settings jsonb, OUT ltr_version bigint, OUT created_at timestamp with time zone, OUT actor text, OUT reason text) TO zenglow_app;

--
-- Name: FUNCTION run_maintenance(); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.run_maintenance() FROM PUBLIC;

--
-- Name: FUNCTION run_maintenance(p_scheduler text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.run_maintenance(p_scheduler text) FROM PUBLIC;

--
-- Name: FUNCTION set_ann_settings(p_model text, p_settings jsonb, p_actor text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.set_ann_settings(p_model text, p_settings jsonb, p_actor text) FROM PUBLIC;

--
-- Name: FUNCTION set_global_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.set_global_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text) FROM PUBLIC;

--
-- Name: FUNCTION set_tenant_active(p_tenant_id text, p_active boolean); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.set_tenant_active(p_tenant_id text, p_active boolean) FROM PUBLIC;

--
-- Name: FUNCTION tenant_state(p_tenant_id text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.tenant_state(p_tenant_id text) FROM PUBLIC;

--
-- Name: FUNCTION terms_tsquery(p_terms text[]); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.terms_tsquery(p_terms text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.terms_tsquery(p_terms text[]) TO zenglow_app;
GRANT ALL ON FUNCTION zenglow.terms_tsquery(p_terms text[]) TO zenglow_ingest;

--
-- Name: FUNCTION token_count(p_tsv tsvector); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.token_count(p_tsv tsvector) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.token_count(p_tsv tsvector) TO zenglow_ingest;

--
-- Name: FUNCTION validate_fusion_weights(p_weights jsonb); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.validate_fusion_weights(p_weights jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.validate_fusion_weights(p_weights jsonb) TO zenglow_app;

--
-- Name: FUNCTION validate_retrieval_settings(p_settings jsonb, p_kind text); Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow.validate_retrieval_settings(p_settings jsonb, p_kind text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow.validate_retrieval_settings(p_settings jsonb, p_kind text) TO zenglow_app;

--
-- Name: FUNCTION annotate_batch(p_tag text, p_alert_reason text, p_drift jsonb, p_pii jsonb, p_summary jsonb); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.annotate_batch(p_tag text, p_alert_reason text, p_drift jsonb, p_pii jsonb, p_summary jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.annotate_batch(p_tag text, p_alert_reason text, p_drift jsonb, p_pii jsonb, p_summary jsonb) TO zenglow_ingest;

--
-- Name: FUNCTION announce_ingest_problem(p_tag text, p_reason text, p_message text); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.announce_ingest_problem(p_tag text, p_reason text, p_message text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.announce_ingest_problem(p_tag text, p_reason text, p_message text) TO zenglow_ingest;

--
-- Name: FUNCTION authenticate_key(p_prefix text, p_secret_sha256 bytea); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.authenticate_key(p_prefix text, p_secret_sha256 bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.authenticate_key(p_prefix text, p_secret_sha256 bytea) TO zenglow_app;

--
-- Name: FUNCTION cache_generation(OUT installation text, OUT weights_version bigint, OUT ltr_version bigint, OUT model text, OUT corpus_epoch bigint, OUT stamp text, OUT settings_version bigint); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.cache_generation(OUT installation text, OUT weights_version bigint, OUT ltr_version bigint, OUT model text, OUT corpus_epoch bigint, OUT stamp text, OUT settings_version bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.cache_generation(OUT installation text, OUT weights_version bigint, OUT ltr_version bigint, OUT model text, OUT corpus_epoch bigint, OUT stamp text, OUT settings_version bigint) TO zenglow_app;

--
-- Name: FUNCTION check_api_key(p_prefix text, p_secret_sha256 bytea); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.check_api_key(p_prefix text, p_secret_sha256 bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.check_api_key(p_prefix text, p_secret_sha256 bytea) TO zenglow_app;

--
-- Name: FUNCTION current_fusion_weights(); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.current_fusion_weights() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.current_fusion_weights() TO zenglow_app;

--
-- Name: FUNCTION current_retrieval_settings(); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.current_retrieval_settings() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.current_retrieval_settings() TO zenglow_app;

--
-- Name: FUNCTION get_batch(p_batch_tag text); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.get_batch(p_batch_tag text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.get_batch(p_batch_tag text) TO zenglow_app;
GRANT ALL ON FUNCTION zenglow_api.get_batch(p_batch_tag text) TO zenglow_ingest;

--
-- Name: FUNCTION ingest_staged_batch(p_batch_tag text, p_source text, p_content_hash text, p_rejected bigint, p_detail text, p_embedded bigint); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.ingest_staged_batch(p_batch_tag text, p_source text, p_content_hash text, p_rejected bigint, p_detail text, p_embedded bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.ingest_staged_batch(p_batch_tag text, p_source text, p_content_hash text, p_rejected bigint, p_detail text, p_embedded bigint) TO zenglow_ingest;

--
-- Name: FUNCTION maintenance_scheduler(); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.maintenance_scheduler() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.maintenance_scheduler() TO zenglow_app;

--
-- Name: FUNCTION open_batch(p_batch_tag text, p_source text, p_content_hash text); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.open_batch(p_batch_tag text, p_source text, p_content_hash text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.open_batch(p_batch_tag text, p_source text, p_content_hash text) TO zenglow_ingest;

--
-- Name: FUNCTION prepare_staging(); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.prepare_staging() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.prepare_staging() TO zenglow_ingest;

--
-- Name: FUNCTION rag_query(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_explain boolean, p_mode text, p_options jsonb); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.rag_query(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_explain boolean, p_mode text, p_options jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.rag_query(p_query text, p_embedding real[], p_top_k integer, p_filters jsonb, p_explain boolean, p_mode text, p_options jsonb) TO zenglow_app;

--
-- Name: FUNCTION record_ingest_event(p_tenant text, p_action text, p_subject text, p_details jsonb); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.record_ingest_event(p_tenant text, p_action text, p_subject text, p_details jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.record_ingest_event(p_tenant text, p_action text, p_subject text, p_details jsonb) TO zenglow_ingest;

--
-- Name: FUNCTION record_performance(p_records jsonb); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.record_performance(p_records jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.record_performance(p_records jsonb) TO zenglow_app;

--
-- Name: FUNCTION schema_status(); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.schema_status() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.schema_status() TO zenglow_app;

--
-- Name: FUNCTION set_fusion_weights(p_weights jsonb, p_reason text, p_actor text, p_issue_link text); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.set_fusion_weights(p_weights jsonb, p_reason text, p_actor text, p_issue_link text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.set_fusion_weights(p_weights jsonb, p_reason text, p_actor text, p_issue_link text) TO zenglow_app;

--
-- Name: FUNCTION set_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text, p_ltr_version bigint); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.set_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text, p_ltr_version bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.set_retrieval_settings(p_settings jsonb, p_reason text, p_actor text, p_issue_link text, p_ltr_version bigint) TO zenglow_app;

--
-- Name: FUNCTION transition_batch(p_batch_id bigint, p_state text, p_reason text, p_accepted bigint, p_rejected bigint, p_by_source jsonb, p_detail text); Type: ACL; Schema: zenglow_api; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_api.transition_batch(p_batch_id bigint, p_state text, p_reason text, p_accepted bigint, p_rejected bigint, p_by_source jsonb, p_detail text) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_api.transition_batch(p_batch_id bigint, p_state text, p_reason text, p_accepted bigint, p_rejected bigint, p_by_source jsonb, p_detail text) TO zenglow_ingest;

--
-- Name: FUNCTION append(p_actor text, p_action text, p_subject text, p_details jsonb); Type: ACL; Schema: zenglow_audit; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_audit.append(p_actor text, p_action text, p_subject text, p_details jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_audit.append(p_actor text, p_action text, p_subject text, p_details jsonb) TO zenglow_app;
GRANT ALL ON FUNCTION zenglow_audit.append(p_actor text, p_action text, p_subject text, p_details jsonb) TO zenglow_ingest;

--
-- Name: FUNCTION append_for(p_tenant_id text, p_actor text, p_action text, p_subject text, p_details jsonb); Type: ACL; Schema: zenglow_audit; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_audit.append_for(p_tenant_id text, p_actor text, p_action text, p_subject text, p_details jsonb) FROM PUBLIC;

--
-- Name: FUNCTION refuse_change(); Type: ACL; Schema: zenglow_audit; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_audit.refuse_change() FROM PUBLIC;

--
-- Name: FUNCTION row_hash(p_prev_hash bytea, p_tenant_id text, p_seq bigint, p_occurred_at timestamp with time zone, p_actor text, p_action text, p_subject text, p_details jsonb); Type: ACL; Schema: zenglow_audit; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_audit.row_hash(p_prev_hash bytea, p_tenant_id text, p_seq bigint, p_occurred_at timestamp with time zone, p_actor text, p_action text, p_subject text, p_details jsonb) FROM PUBLIC;

--
-- Name: FUNCTION verify_chain(p_tenant_id text); Type: ACL; Schema: zenglow_audit; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_audit.verify_chain(p_tenant_id text) FROM PUBLIC;

--
-- Name: FUNCTION histogram_add(p_state bigint[], p_value bigint[]); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.histogram_add(p_state bigint[], p_value bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.histogram_add(p_state bigint[], p_value bigint[]) TO zenglow_analyst;

--
-- Name: FUNCTION histogram_count(hist bigint[]); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.histogram_count(hist bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.histogram_count(hist bigint[]) TO zenglow_analyst;

--
-- Name: FUNCTION histogram_quantile(hist bigint[], q double precision); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.histogram_quantile(hist bigint[], q double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.histogram_quantile(hist bigint[], q double precision) TO zenglow_analyst;

--
-- Name: FUNCTION ingest_failure_reasons(); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.ingest_failure_reasons() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.ingest_failure_reasons() TO zenglow_analyst;

--
-- Name: FUNCTION jaccard(p_left text[], p_right text[]); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.jaccard(p_left text[], p_right text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.jaccard(p_left text[], p_right text[]) TO zenglow_analyst;

--
-- Name: FUNCTION jensen_shannon(p_left jsonb, p_right jsonb); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.jensen_shannon(p_left jsonb, p_right jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.jensen_shannon(p_left jsonb, p_right jsonb) TO zenglow_analyst;

--
-- Name: FUNCTION jsonb_count_add(p_state jsonb, p_value jsonb); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.jsonb_count_add(p_state jsonb, p_value jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.jsonb_count_add(p_state jsonb, p_value jsonb) TO zenglow_analyst;

--
-- Name: FUNCTION jsonb_top_keys(p_counts jsonb, p_limit integer); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.jsonb_top_keys(p_counts jsonb, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.jsonb_top_keys(p_counts jsonb, p_limit integer) TO zenglow_analyst;

--
-- Name: FUNCTION latency_bucket(ms double precision); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.latency_bucket(ms double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.latency_bucket(ms double precision) TO zenglow_analyst;

--
-- Name: FUNCTION model_activations(); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.model_activations() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.model_activations() TO zenglow_analyst;

--
-- Name: FUNCTION weight_change_list(); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.weight_change_list() FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.weight_change_list() TO zenglow_analyst;

--
-- Name: FUNCTION histogram_merge(bigint[]); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.histogram_merge(bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.histogram_merge(bigint[]) TO zenglow_analyst;

--
-- Name: FUNCTION jsonb_count_merge(jsonb); Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

REVOKE ALL ON FUNCTION zenglow_stats.jsonb_count_merge(jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION zenglow_stats.jsonb_count_merge(jsonb) TO zenglow_analyst;

--
-- Name: TABLE ann_settings; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.ann_settings TO zenglow_app;

--
-- Name: TABLE batches; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.batches TO zenglow_app;
GRANT SELECT,INSERT,UPDATE ON TABLE zenglow.batches TO zenglow_ingest;

--
-- Name: COLUMN batches.tenant_id; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(tenant_id) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.batch_id; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(batch_id) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.batch_tag; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(batch_tag) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.source; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(source) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.state; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(state) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.reason; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(reason) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.accepted; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(accepted) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.rejected; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(rejected) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.by_source; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(by_source) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.pinned; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(pinned) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.created_at; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(created_at) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.updated_at; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(updated_at) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.loading_at; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(loading_at) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.finished_at; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(finished_at) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.expired_at; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(expired_at) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.embedded; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(embedded) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.alert_reason; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(alert_reason) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.drift; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(drift) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: COLUMN batches.summary; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(summary) ON TABLE zenglow.batches TO zenglow_analyst;

--
-- Name: TABLE chunks; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.chunks TO zenglow_app;
GRANT SELECT,INSERT,DELETE ON TABLE zenglow.chunks TO zenglow_ingest;

--
-- Name: SEQUENCE chunks_chunk_id_seq; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT USAGE ON SEQUENCE zenglow.chunks_chunk_id_seq TO zenglow_ingest;

--
-- Name: TABLE corpus_stats; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.corpus_stats TO zenglow_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE zenglow.corpus_stats TO zenglow_ingest;

--
-- Name: TABLE models; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.models TO zenglow_app;
GRANT SELECT ON TABLE zenglow.models TO zenglow_ingest;

--
-- Name: TABLE doc_embeddings; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.doc_embeddings TO zenglow_app;

--
-- Name: TABLE fusion_weights; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.fusion_weights TO zenglow_analyst;
GRANT SELECT,INSERT ON TABLE zenglow.fusion_weights TO zenglow_app;

--
-- Name: SEQUENCE fusion_weights_version_seq; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT USAGE ON SEQUENCE zenglow.fusion_weights_version_seq TO zenglow_app;

--
-- Name: TABLE ltr_models; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.ltr_models TO zenglow_analyst;
GRANT SELECT ON TABLE zenglow.ltr_models TO zenglow_app;

--
-- Name: TABLE maintenance_runs; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.maintenance_runs TO zenglow_analyst;

--
-- Name: TABLE query_performance; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT INSERT ON TABLE zenglow.query_performance TO zenglow_app;

--
-- Name: COLUMN query_performance.ts; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(ts) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.tenant_id; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(tenant_id) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.request_id; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(request_id) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.endpoint; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(endpoint) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.status; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(status) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.top_k; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(top_k) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.cache_hit; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(cache_hit) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.result_count; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(result_count) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.weights_version; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(weights_version) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.model; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(model) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.embed_ms; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(embed_ms) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.retrieve_ms; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(retrieve_ms) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.features_ms; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(features_ms) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.ltr_ms; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(ltr_ms) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.fusion_ms; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(fusion_ms) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.total_ms; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(total_ms) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.error_code; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(error_code) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.degraded_reason; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(degraded_reason) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.mode; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(mode) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.ltr_version; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(ltr_version) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.result_sources; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(result_sources) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: COLUMN query_performance.top_documents; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT(top_documents) ON TABLE zenglow.query_performance TO zenglow_analyst;

--
-- Name: TABLE query_rollup_1d; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.query_rollup_1d TO zenglow_analyst;

--
-- Name: TABLE query_rollup_1h; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.query_rollup_1h TO zenglow_analyst;

--
-- Name: TABLE query_rollup_watermarks; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.query_rollup_watermarks TO zenglow_analyst;

--
-- Name: TABLE retrieval_settings; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT,INSERT ON TABLE zenglow.retrieval_settings TO zenglow_app;
GRANT SELECT ON TABLE zenglow.retrieval_settings TO zenglow_analyst;

--
-- Name: SEQUENCE retrieval_settings_version_seq; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT USAGE ON SEQUENCE zenglow.retrieval_settings_version_seq TO zenglow_app;

--
-- Name: TABLE source_priors; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.source_priors TO zenglow_app;

--
-- Name: TABLE tenants; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.tenants TO zenglow_app;
GRANT SELECT ON TABLE zenglow.tenants TO zenglow_ingest;

--
-- Name: TABLE term_champion_lists; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.term_champion_lists TO zenglow_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE zenglow.term_champion_lists TO zenglow_ingest;

--
-- Name: TABLE term_champion_settings; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.term_champion_settings TO zenglow_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE zenglow.term_champion_settings TO zenglow_ingest;

--
-- Name: TABLE term_champions; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.term_champions TO zenglow_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE zenglow.term_champions TO zenglow_ingest;

--
-- Name: TABLE term_stats; Type: ACL; Schema: zenglow; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow.term_stats TO zenglow_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE zenglow.term_stats TO zenglow_ingest;

--
-- Name: TABLE events; Type: ACL; Schema: zenglow_audit; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_audit.events TO zenglow_app;

--
-- Name: TABLE history; Type: ACL; Schema: zenglow_migrations; Owner: postgres
--

GRANT SELECT,INSERT,UPDATE ON TABLE zenglow_migrations.history TO zenglow_owner;

--
-- Name: SEQUENCE history_id_seq; Type: ACL; Schema: zenglow_migrations; Owner: postgres
--

GRANT USAGE ON SEQUENCE zenglow_migrations.history_id_seq TO zenglow_owner;

--
-- Name: TABLE batch_source_drift; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.batch_source_drift TO zenglow_analyst;

--
-- Name: TABLE batch_sources; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.batch_sources TO zenglow_analyst;

--
-- Name: TABLE ingest_daily; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.ingest_daily TO zenglow_analyst;

--
-- Name: TABLE ingest_rejections; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.ingest_rejections TO zenglow_analyst;

--
-- Name: TABLE latency_buckets; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.latency_buckets TO zenglow_analyst;

--
-- Name: TABLE maintenance_runs; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.maintenance_runs TO zenglow_analyst;

--
-- Name: TABLE model_stats; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.model_stats TO zenglow_analyst;

--
-- Name: TABLE partition_counts; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.partition_counts TO zenglow_analyst;

--
-- Name: TABLE query_latency_1d; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.query_latency_1d TO zenglow_analyst;

--
-- Name: TABLE query_latency_1h; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.query_latency_1h TO zenglow_analyst;

--
-- Name: TABLE query_latency_5m; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.query_latency_5m TO zenglow_analyst;

--
-- Name: TABLE query_performance; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.query_performance TO zenglow_analyst;

--
-- Name: TABLE query_performance_hourly; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.query_performance_hourly TO zenglow_analyst;

--
-- Name: TABLE query_stats_1d; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.query_stats_1d TO zenglow_analyst;

--
-- Name: TABLE query_stats_1h; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.query_stats_1h TO zenglow_analyst;

--
-- Name: TABLE query_stats_5m; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.query_stats_5m TO zenglow_analyst;

--
-- Name: TABLE result_drift_weekly; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.result_drift_weekly TO zenglow_analyst;

--
-- Name: TABLE rollup_watermarks; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.rollup_watermarks TO zenglow_analyst;

--
-- Name: TABLE weight_change_effects; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.weight_change_effects TO zenglow_analyst;

--
-- Name: TABLE weight_changes; Type: ACL; Schema: zenglow_stats; Owner: zenglow_owner
--

GRANT SELECT ON TABLE zenglow_stats.weight_changes TO zenglow_analyst;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: zenglow_owner
--

ALTER DEFAULT PRIVILEGES FOR ROLE zenglow_owner REVOKE ALL ON FUNCTIONS  FROM PUBLIC;

--
-- PostgreSQL database dump complete
--

