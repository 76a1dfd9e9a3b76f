set local role zenglow_owner;

-- p_embedded joined the signature; the five-argument version would be an ambiguous overload.
drop function if exists zenglow_api.ingest_staged_batch(text, text, text, bigint, text);

create or replace function zenglow_api.ingest_staged_batch(
    p_batch_tag text,
    p_source text,
    p_content_hash text,
    p_rejected bigint default 0,
    p_detail text default null,
    p_embedded bigint default 0
)
returns jsonb
language plpgsql
volatile
set search_path = pg_catalog, public, pg_temp
as $$
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
$$;

comment on function zenglow_api.ingest_staged_batch(text, text, text, bigint, text, bigint) is
    'Loads zg_staging as one batch of the current tenant (manifest with accepted, rejected and embedded counts, BM25 '
    'statistics, events); a re-submitted content hash changes nothing. Returns the manifest plus resubmitted, replaced_chunks, healed_partition. '
    'Errors: ZG006 no active model, ZG008/ZG009 a staged row retrieval could not use, ZG010 the chunk partition is missing and could not be created.';
