set local role zenglow_owner;

create or replace function zenglow_api.set_retrieval_settings(
    p_settings jsonb,
    p_reason text,
    p_actor text,
    p_issue_link text default null,
    p_ltr_version bigint default null
)
returns jsonb
language plpgsql
volatile
as $$
-- Activates a new retrieval-settings version for the current tenant, atomically: the version row,
-- its audit record (old, new, reason, actor, link) and the zenglow_settings notification commit
-- together or not at all. p_settings names only what changes: the other fields keep the values in
-- effect (the tenant's, else _global's), and a field given as JSON null goes back to the default.
-- p_ltr_version is the LTR model the settings were fitted with (zenglow ltr fit), null when set
-- by hand. Bad values raise ZG009 naming the field before anything is written.
declare
    v_tenant text := zenglow.require_tenant();
    v_given jsonb := zenglow.validate_retrieval_settings(p_settings);
    v_old record;
    v_settings jsonb;
    v_version bigint;
begin
    if p_reason is null or btrim(p_reason) = '' then
        raise exception using errcode = 'ZG009', message = 'a reason is required to change retrieval settings';
    end if;
    if p_actor is null or btrim(p_actor) = '' then
        raise exception using errcode = 'ZG009', message = 'an actor is required to change retrieval settings';
    end if;
    if p_ltr_version is not null and not exists (select from zenglow.ltr_models l where l.version = p_ltr_version) then
        raise exception using errcode = 'ZG009', message = format('ltr_version %s is not a stored LTR model', p_ltr_version),
            hint = 'give the version of a row of zenglow.ltr_models, or none';
    end if;
    -- Serialise changes of one tenant, so "old" in the audit record is what was replaced.
    perform pg_advisory_xact_lock(hashtextextended('zenglow.retrieval_settings:' || v_tenant, 0));
    select * into v_old from zenglow.retrieval_settings_in_effect();
    v_settings := (v_old.settings - array(select k from jsonb_each(p_settings) e (k, v)
        where jsonb_typeof(p_settings) = 'object' and jsonb_typeof(e.v) = 'null')) || v_given;
    insert into zenglow.retrieval_settings (tenant_id, settings, ltr_version, reason, actor, issue_link)
    values (v_tenant, v_settings, p_ltr_version, p_reason, p_actor, p_issue_link)
    returning version, settings into v_version, v_settings;
    perform zenglow_audit.append(p_actor, 'retrieval_settings.activate', 'retrieval_settings/' || v_version,
        jsonb_build_object(
            'old', jsonb_build_object('version', v_old.version, 'scope', v_old.scope, 'settings', v_old.settings,
                'ltr_version', v_old.ltr_version),
            'new', jsonb_build_object('version', v_version, 'settings', v_settings, 'ltr_version', p_ltr_version),
            'reason', p_reason,
            'issue_link', p_issue_link));
    return jsonb_build_object('version', v_version, 'settings', v_settings, 'ltr_version', p_ltr_version,
        'previous_version', v_old.version);
end
$$;

comment on function zenglow_api.set_retrieval_settings(jsonb, text, text, text, bigint) is
    'Activates new retrieval settings for the current tenant: the fields given ({k1, b, candidates, lexical_budget}; '
    'null resets one to the default) over those in effect; audited; NOTIFY zenglow_settings. Returns {version, settings, '
    'ltr_version, previous_version}. Errors: ZG001 no tenant, ZG009 a bad field, reason, actor or ltr_version.';
