set local role zenglow_owner;

create or replace function zenglow.build_term_champions(
    p_tenant_id text,
    p_model text,
    p_terms text[],
    p_skip_forgotten boolean default false
)
returns bigint
language plpgsql
volatile
as $$
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
$$;

grant execute on function zenglow.build_term_champions(text, text, text[], boolean) to zenglow_ingest;

comment on function zenglow.build_term_champions(text, text, text[], boolean) is
    'Rebuilds the champion lists of the given terms of a tenant and model from their postings; returns the rows written.';
