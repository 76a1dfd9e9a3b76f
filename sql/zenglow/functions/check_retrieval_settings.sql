set local role zenglow_owner;

create or replace function zenglow.check_retrieval_settings()
returns trigger
language plpgsql
as $$
-- Every inserted version is validated (ZG009 naming the field) and stored complete, missing fields
-- taken from the defaults, so a version means the same thing whatever the defaults later become;
-- versions are never updated or deleted: set a new one instead.
begin
    if tg_op = 'INSERT' then
        new.settings := zenglow.retrieval_settings_defaults() || zenglow.validate_retrieval_settings(new.settings);
        return new;
    end if;
    raise exception using errcode = 'ZG005', message = 'retrieval settings versions are never changed or deleted',
        hint = 'set a new version with zenglow_api.set_retrieval_settings';
end
$$;
