set local role zenglow_owner;

create or replace function zenglow_api.schema_status()
returns jsonb
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
    -- What readiness checks need without reading migration history or the registry directly:
    -- the newest versioned migration applied, whether a failed one is pending, and the models.
    select jsonb_build_object(
        'schema_version', (select max(h.version) from zenglow_migrations.history h
                           where h.kind = 'versioned' and h.status in ('applied', 'baseline')),
        'failed_migrations', (select count(*) from zenglow_migrations.history h where h.status = 'failed'),
        'models', coalesce((select jsonb_agg(jsonb_build_object('model', m.model_name, 'dimension', m.dimension,
                'active', m.active) order by m.model_name) from zenglow.models m), '[]'::jsonb),
        'capabilities', (select to_jsonb(c) from zenglow.capabilities() c))
$$;

revoke all on function zenglow_api.schema_status() from public;

comment on function zenglow_api.schema_status() is
    'Readiness facts: {schema_version (newest versioned migration applied), failed_migrations, models [{model, '
    'dimension, active}], capabilities}.';
