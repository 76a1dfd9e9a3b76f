set local role zenglow_owner;

create or replace function zenglow.add_term_champions(
    p_tenant_id text,
    p_model text,
    p_batch_id bigint,
    p_terms text[],
    p_dfs bigint[]
)
returns void
language plpgsql
volatile
as $$
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

grant execute on function zenglow.add_term_champions(text, text, bigint, text[], bigint[]) to zenglow_ingest;

comment on function zenglow.add_term_champions(text, text, bigint, text[], bigint[]) is
    'Load time: a batch''s chunks join the champion lists of its common terms (trimmed to list_size); lists of terms '
    'that just became common are built.';
