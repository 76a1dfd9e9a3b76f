set local role zenglow_owner;

create or replace function zenglow.maintenance_retire_chunks(out dropped text[], out deleted_rows bigint)
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Maintenance step 3, chunk retention (chunk_retention; null, the default, keeps everything): a
-- chunks partition wholly older than the retention is dropped, unless it holds a pinned batch, in
-- which case only the unpinned batches' rows are deleted. Either way the BM25 statistics forget
-- the rows first, and the expired batches get expired_at in their manifest. Returns the
-- partitions dropped and the rows deleted. Works across tenants, hence maintenance mode, which
-- it turns off again before it returns. Safe to call alone (waits for a run in progress).
declare
    v_retention interval := (select chunk_retention from zenglow.maintenance_settings);
    v_partition record;
    v_count bigint;
begin
    dropped := '{}';
    deleted_rows := 0;
    if v_retention is null then
        return;
    end if;
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    perform zenglow.maintenance_mode(true);
    for v_partition in
        select c.oid::regclass as partition, c.relname as name
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'zenglow.chunks'::regclass
          and zenglow.partition_upper_bound(c.oid) <= now() - v_retention
        order by c.relname
    loop
        execute format(
            'select count(*) from %s c join zenglow.batches b using (tenant_id, batch_id) where b.pinned',
            v_partition.partition) into v_count;
        -- Batches lie in one partition each (one transaction, one ingested_at).
        execute format(
            'update zenglow.batches b set expired_at = now()
             where b.expired_at is null and not b.pinned
               and exists (select from %s c where c.tenant_id = b.tenant_id and c.batch_id = b.batch_id)',
            v_partition.partition);
        if v_count = 0 then
            perform zenglow.forget_chunks(format('c.tableoid = %s', v_partition.partition::oid));
            execute format('drop table %s', v_partition.partition);
            dropped := dropped || v_partition.name::text;
        else
            perform zenglow.forget_chunks(format(
                'c.tableoid = %s and exists (select from zenglow.batches b
                 where b.tenant_id = c.tenant_id and b.batch_id = c.batch_id and not b.pinned)',
                v_partition.partition::oid));
            execute format(
                'delete from %s c using zenglow.batches b
                 where b.tenant_id = c.tenant_id and b.batch_id = c.batch_id and not b.pinned',
                v_partition.partition);
            get diagnostics v_count = row_count;
            deleted_rows := deleted_rows + v_count;
        end if;
    end loop;
    perform zenglow.maintenance_mode(false);
end
$$;

revoke all on function zenglow.maintenance_retire_chunks() from public;

comment on function zenglow.maintenance_retire_chunks() is
    'Maintenance step 3: drops chunks partitions past chunk_retention (deleting only unpinned batches'' rows where a '
    'pinned batch lives); returns (dropped, deleted_rows).';
