set local role zenglow_owner;

create or replace function zenglow.add_ann_settings()
returns trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Every registered model has its ANN settings row from the start (the table's defaults), so
-- that readers never need a second copy of the defaults.
begin
    insert into zenglow.ann_settings (model_name, changed_by) values (new.model_name, 'registration')
    on conflict (model_name) do nothing;
    return null;
end
$$;
