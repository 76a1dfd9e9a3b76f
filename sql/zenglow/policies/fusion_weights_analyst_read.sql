set local role zenglow_owner;

-- Analysts see every tenant's fusion-weight versions (zenglow_stats.weight_changes); read only.
drop policy if exists analyst_read on zenglow.fusion_weights;
create policy analyst_read on zenglow.fusion_weights for select to zenglow_analyst
    using (true);
