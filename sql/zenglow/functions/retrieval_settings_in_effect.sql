set local role zenglow_owner;

create or replace function zenglow.retrieval_settings_in_effect(
    out version bigint,
    out scope text,
    out settings jsonb,
    out ltr_version bigint,
    out created_at timestamptz,
    out actor text,
    out reason text
)
language plpgsql
stable
as $$
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

comment on function zenglow.retrieval_settings_in_effect() is
    'The current tenant''s retrieval settings: (version, scope tenant|global|default, settings {k1, b, candidates, '
    'lexical_budget}, ltr_version, created_at, actor, reason).';
