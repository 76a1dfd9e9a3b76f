set local role zenglow_owner;

create or replace function zenglow.check_fusion_weights()
returns trigger
language plpgsql
as $$
-- Every inserted version is validated (with a clear ZG002 error) and stored normalised; versions
-- are never updated or deleted: activate a new one instead.
begin
    if tg_op = 'INSERT' then
        new.weights := zenglow.validate_fusion_weights(new.weights);
        return new;
    end if;
    raise exception using errcode = 'ZG005', message = 'fusion weight versions are never changed or deleted',
        hint = 'activate a new version with zenglow_api.set_fusion_weights';
end
$$;
