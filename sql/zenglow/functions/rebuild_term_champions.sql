set local role zenglow_owner;

create or replace function zenglow.rebuild_term_champions(
    p_tenant_id text,
    p_model text,
    p_min_df bigint default null,
    p_list_size integer default null,
    p_depth integer default null,
    p_k1 double precision default null,
    p_b double precision default null
)
returns bigint
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
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

revoke all on function zenglow.rebuild_term_champions(text, text, bigint, integer, integer, double precision, double precision) from public;

comment on function zenglow.rebuild_term_champions(text, text, bigint, integer, integer, double precision, double precision) is
    'Full build of a tenant''s champion lists for a model (settings: min_df, list_size, depth, k1, b; null keeps the '
    'current one); the weights take the corpus''s avgdl of now. Returns the rows written.';
