set local role zenglow_owner;

-- Owner-only entry points, for operators connected as zenglow_owner (it owns them already; this
-- file states it, and that nobody else has them).
revoke all on function
    zenglow.run_maintenance(),
    zenglow.maintenance_premake_partitions(),
    zenglow.maintenance_heal_partitions(),
    zenglow.maintenance_retire_chunks(),
    zenglow.maintenance_retire_query_performance(),
    zenglow.maintenance_forget_runs(),
    zenglow.create_tenant(text, text),
    zenglow.list_tenants(),
    zenglow.set_tenant_active(text, boolean),
    zenglow.tenant_state(text),
    zenglow.activate_model(text, text),
    zenglow.ensure_model_index(text),
    zenglow.model_index_definition(text),
    zenglow.set_ann_settings(text, jsonb, text),
    zenglow.ann_settings_report(text, boolean),
    zenglow.add_ann_settings(),
    zenglow_audit.verify_chain(text),
    zenglow_audit.append_for(text, text, text, text, jsonb)
from public;
