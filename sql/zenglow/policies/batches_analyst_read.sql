set local role zenglow_owner;

-- Analysts study every tenant's ingestion (zenglow_stats.ingest_daily and the drift views); they
-- read, never write, and only the columns sql/zenglow/grants/zenglow_analyst_history.sql grants.
drop policy if exists analyst_read on zenglow.batches;
create policy analyst_read on zenglow.batches for select to zenglow_analyst
    using (true);
