set local role zenglow_owner;

-- The rollup tables hold every tenant's rows, like query_performance: analysts read them all
-- (through zenglow_stats), only the refresh writes them (in maintenance mode), and nobody else
-- sees a row. Forced, so the owner outside maintenance mode sees nothing either.
do $policies$
declare
    v_table text;
begin
    foreach v_table in array array['query_rollup_5m', 'query_rollup_1h', 'query_rollup_1d'] loop
        execute format('alter table zenglow.%I enable row level security', v_table);
        execute format('alter table zenglow.%I force row level security', v_table);
        execute format('drop policy if exists analyst_read on zenglow.%I', v_table);
        execute format('create policy analyst_read on zenglow.%I for select to zenglow_analyst using (true)', v_table);
        execute format('drop policy if exists owner_maintenance on zenglow.%I', v_table);
        execute format('create policy owner_maintenance on zenglow.%I to zenglow_owner '
            'using (zenglow.in_maintenance_mode()) with check (zenglow.in_maintenance_mode())', v_table);
    end loop;
end
$policies$;
