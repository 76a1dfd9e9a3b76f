set local role zenglow_owner;

create or replace function zenglow.notify_retrieval_settings()
returns trigger
language plpgsql
as $$
-- Announces a new retrieval-settings version on zenglow_settings in the same transaction (ids and
-- versions only); a _global change concerns every tenant without settings of its own.
begin
    perform pg_notify('zenglow_settings',
        json_build_object('tenant_id', new.tenant_id, 'version', new.version, 'ltr_version', new.ltr_version)::text);
    return null;
end
$$;
