set local role zenglow_owner;

create or replace function zenglow.set_global_retrieval_settings(
    p_settings jsonb,
    p_reason text,
    p_actor text,
    p_issue_link text default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = pg_catalog, pg_temp
as $$
-- The operator's way to change the _global retrieval settings, which every tenant without its own
-- uses: as zenglow_api.set_retrieval_settings (fields given over those in effect, null resets one,
-- audited in _global's chain, NOTIFY zenglow_settings), for the owner only: the API cannot call it.
-- Security definer to write _global's row under the owner's maintenance-mode policy.
declare
    v_given jsonb := zenglow.validate_retrieval_settings(p_settings);
    v_old zenglow.retrieval_settings;
    v_settings jsonb;
    v_version bigint;
begin
    if p_reason is null or btrim(p_reason) = '' or p_actor is null or btrim(p_actor) = '' then
        raise exception using errcode = 'ZG009', message = 'a reason and an actor are required to change retrieval settings';
    end if;
    perform zenglow.maintenance_mode(true);
    perform pg_advisory_xact_lock(hashtextextended('zenglow.retrieval_settings:_global', 0));
    select * into v_old from zenglow.retrieval_settings s where s.tenant_id = '_global' order by s.version desc limit 1;
    v_settings := ((zenglow.retrieval_settings_defaults() || coalesce(v_old.settings, '{}'))
        - array(select k from jsonb_each(p_settings) e (k, v) where jsonb_typeof(p_settings) = 'object' and jsonb_typeof(e.v) = 'null'))
        || v_given;
    insert into zenglow.retrieval_settings (tenant_id, settings, reason, actor, issue_link)
    values ('_global', v_settings, p_reason, p_actor, p_issue_link)
    returning version, settings into v_version, v_settings;
    perform zenglow_audit.append_for('_global', p_actor, 'retrieval_settings.activate', 'retrieval_settings/' || v_version,
        jsonb_build_object(
            'old', case when v_old.version is null then null
                else jsonb_build_object('version', v_old.version, 'settings', v_old.settings) end,
            'new', jsonb_build_object('version', v_version, 'settings', v_settings),
            'reason', p_reason, 'issue_link', p_issue_link));
    perform zenglow.maintenance_mode(false);
    return jsonb_build_object('version', v_version, 'settings', v_settings, 'previous_version', v_old.version);
end
$$;

revoke all on function zenglow.set_global_retrieval_settings(jsonb, text, text, text) from public;

comment on function zenglow.set_global_retrieval_settings(jsonb, text, text, text) is
    'Owner only: activates new _global retrieval settings (the fields given over the current ones); audited; NOTIFY zenglow_settings.';
