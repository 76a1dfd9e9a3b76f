set local role zenglow_owner;

create or replace function zenglow.maintenance_term_champions(p_drift double precision default 0.1)
returns table (tenant_id text, embedding_model text, reason text, rows_written bigint)
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
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

revoke all on function zenglow.maintenance_term_champions(double precision) from public;

comment on function zenglow.maintenance_term_champions(double precision) is
    'Maintenance: full build of the champion lists of each tenant and model that has none yet or whose avgdl drifted '
    'more than p_drift (default 0.1); returns (tenant_id, embedding_model, reason, rows_written).';
