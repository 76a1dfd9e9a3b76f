set local role zenglow_owner;

create or replace function zenglow_stats.weight_change_list()
returns table (
    tenant_id text, changed_at timestamptz, kind text, version bigint, actor text, reason text, details jsonb
)
language sql
stable
as $$
    -- zenglow_stats.weight_changes, late-bound for weight_change_effects: the migrator applies
    -- views in path order, and weight_change_effects.sql sorts before weight_changes.sql, so it
    -- reads this, whose body is resolved when it runs. A plain SQL function (not strict, no
    -- SET clause), so the planner inlines it into the caller's query.
    select c.tenant_id, c.changed_at, c.kind, c.version, c.actor, c.reason, c.details from zenglow_stats.weight_changes c
$$;

comment on function zenglow_stats.weight_change_list() is
    'The rows of zenglow_stats.weight_changes, for weight_change_effects (late-bound, inlined).';
