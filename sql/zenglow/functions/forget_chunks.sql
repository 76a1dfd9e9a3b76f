set local role zenglow_owner;

create or replace function zenglow.forget_chunks(p_where text)
returns bigint
language plpgsql
volatile
as $$
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
