set local role zenglow_owner;

create or replace function zenglow.add_term_stats(
    p_tenant_id text,
    p_model text,
    p_sign integer,
    p_terms text[],
    p_dfs bigint[],
    p_chunks bigint,
    p_tokens bigint
)
returns void
language plpgsql
volatile
as $$
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
