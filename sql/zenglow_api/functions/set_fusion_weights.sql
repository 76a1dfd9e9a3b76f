set local role zenglow_owner;

create or replace function zenglow_api.set_fusion_weights(
    p_weights jsonb,
    p_reason text,
    p_actor text,
    p_issue_link text default null
)
returns jsonb
language plpgsql
volatile
as $$
-- Activates a new fusion-weight version for the current tenant, atomically: the version row, its
-- audit record (old, new, reason, actor, link) and the zenglow_weights notification commit
-- together or not at all. Invalid weights raise ZG002 before anything is written.
declare
    v_tenant text := zenglow.require_tenant();
    v_old jsonb;
    v_version bigint;
    v_weights jsonb;
begin
    v_weights := zenglow.validate_fusion_weights(p_weights);
    if p_reason is null or btrim(p_reason) = '' then
        raise exception using errcode = 'ZG002', message = 'a reason is required to change fusion weights';
    end if;
    if p_actor is null or btrim(p_actor) = '' then
        raise exception using errcode = 'ZG002', message = 'an actor is required to change fusion weights';
    end if;
    -- Serialise changes of one tenant, so "old" in the audit record is what was replaced.
    perform pg_advisory_xact_lock(hashtextextended('zenglow.fusion_weights:' || v_tenant, 0));
    v_old := zenglow_api.current_fusion_weights();
    insert into zenglow.fusion_weights (tenant_id, weights, reason, actor, issue_link)
    values (v_tenant, v_weights, p_reason, p_actor, p_issue_link)
    returning version into v_version;
    perform zenglow_audit.append(p_actor, 'fusion_weights.activate', 'fusion_weights/' || v_version,
        jsonb_build_object(
            'old', case when v_old is null then null else jsonb_build_object('version', v_old -> 'version', 'weights', v_old -> 'weights') end,
            'new', jsonb_build_object('version', v_version, 'weights', v_weights),
            'reason', p_reason,
            'issue_link', p_issue_link));
    return jsonb_build_object('version', v_version, 'weights', v_weights,
        'previous_version', v_old -> 'version');
end
$$;

comment on function zenglow_api.set_fusion_weights(jsonb, text, text, text) is
    'Activates new fusion weights {"ltr": w, "vector": w} for the current tenant; audited; NOTIFY zenglow_weights. '
    'Returns {version, weights, previous_version}. Errors: ZG001 no tenant, ZG002 invalid weights.';
