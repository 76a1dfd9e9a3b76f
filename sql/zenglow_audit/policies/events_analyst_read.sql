set local role zenglow_owner;

-- Analysts read the audit rows zenglow_stats.weight_changes is made of, every tenant's, and no
-- other action: model.activate records hold the old and new model and its index. Fusion-weight
-- versions come from zenglow.fusion_weights itself (every version, with actor and reason), and
-- ingest.failed details (file names, messages) reach analysts only as failure codes through
-- zenglow_stats.ingest_failure_reasons().
drop policy if exists analyst_read on zenglow_audit.events;
create policy analyst_read on zenglow_audit.events for select to zenglow_analyst
    using (action = 'model.activate');
