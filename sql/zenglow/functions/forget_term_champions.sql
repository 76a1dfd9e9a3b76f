set local role zenglow_owner;

create or replace function zenglow.forget_term_champions(
    p_tenant_id text,
    p_model text,
    p_terms text[],
    p_dfs bigint[]
)
returns void
language plpgsql
volatile
as $$
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

grant execute on function zenglow.forget_term_champions(text, text, text[], bigint[]) to zenglow_ingest;

comment on function zenglow.forget_term_champions(text, text, text[], bigint[]) is
    'Forgetting chunks: their rows leave the champion lists; lists of terms no longer common go, lists left too shallow '
    'are rebuilt from the remaining postings.';
