set local role zenglow_owner;

-- stamp and settings_version joined the out parameters, which create or replace cannot change;
-- the grant below is repeated here because dropping the function dropped it.
drop function if exists zenglow_api.cache_generation();

create or replace function zenglow_api.cache_generation(
    out installation text,
    out weights_version bigint,
    out ltr_version bigint,
    out model text,
    out corpus_epoch bigint,
    out stamp text,
    out settings_version bigint
)
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
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

revoke all on function zenglow_api.cache_generation() from public;
grant execute on function zenglow_api.cache_generation() to zenglow_app;

comment on function zenglow_api.cache_generation() is
    'What a cached rag_query answer of the current tenant depends on besides the request: (installation, weights_version, '
    'ltr_version, model, corpus_epoch, stamp: when those were made and the schema last changed, settings_version). Refuses as rag_query does: ZG001 no tenant, ZG006 no active embedding model.';
