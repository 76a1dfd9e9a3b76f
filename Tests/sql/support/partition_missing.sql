-- ZG010: when the write's chunk partition is missing and cannot be created, the batch is refused
-- as partition_missing (nothing of it stays) and loads, healing the partition, once the cause is
-- gone. Included by partition_missing.sql and fallback/partition_missing.sql (both storages)
-- inside their transaction; plan(8).
insert into zenglow.tenants (tenant_id) values ('partition-a');
create function pg_temp.load(p_tag text) returns text language plpgsql as $$
-- Stages two chunks and loads them as batch p_tag: its state, or the refusal's SQLSTATE, message,
-- detail and hint. A refused batch rolls back (this function's block is a subtransaction).
declare
    v_state text;
    v_message text;
    v_detail text;
    v_hint text;
begin
    perform zenglow_api.prepare_staging();
    insert into zg_staging values
        (1, 'd1', 0, 's', 't', '{}', 'h', 'a text about partitions', array_fill(0.1::real, array[384])),
        (2, 'd1', 1, 's', 't', '{}', 'h', 'and another one', array_fill(0.2::real, array[384]));
    return zenglow_api.ingest_staged_batch(p_tag, 's', 'sha256:' || encode(sha256(convert_to(p_tag, 'UTF8')), 'hex')) ->> 'state';
exception when others then
    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail,
        v_hint = pg_exception_hint;
    return concat_ws(' | ', v_state, v_message, v_detail, v_hint);
end
$$;

select (zenglow.chunk_partition_range(now(), (select chunk_partition_unit from zenglow.maintenance_settings))).partition_name
    as partition_name \gset
set client_min_messages = warning;
drop table if exists zenglow.:"partition_name";
reset client_min_messages;
-- A plain table with the partition's name (left over from a restore, made by hand): no partition.
create table zenglow.:"partition_name" (note text);

set local zenglow.tenant_id = 'partition-a';
set local role zenglow_ingest;
create temporary table refused as select pg_temp.load('b-table') as outcome;
reset role;
select matches((select outcome from refused),
    '^ZG010 \| the chunk partition for .+ is missing and could not be created: relation "' || :'partition_name' || '" already exists \| SQLSTATE 42P07',
    'a relation holding the partition''s name: the load is refused with ZG010, naming the cause and its SQLSTATE');
select matches((select outcome from refused), 'zenglow maintain', 'the hint says what to do');
select is((select count(*) from zenglow.batches where tenant_id = 'partition-a'), 0::bigint, 'the refused batch left no manifest');
select is((select count(*) from zenglow.chunks where tenant_id = 'partition-a'), 0::bigint, 'and no chunks, not even in the default partition');
select ok(not zenglow.is_chunk_partition(:'partition_name') and to_regclass('zenglow.' || :'partition_name') is not null,
    'the stray table is left as it was, not taken for the partition');

-- A type of that name stands in the way as well (a table's row type shares its name).
drop table zenglow.:"partition_name";
create type zenglow.:"partition_name" as enum ('left', 'over');
set local role zenglow_ingest;
select matches(pg_temp.load('b-type'), '^ZG010 \| .* type "' || :'partition_name' || '" already exists \| SQLSTATE 42710',
    'a type holding the partition''s name: ZG010 too');
reset role;

drop type zenglow.:"partition_name";
set local role zenglow_ingest;
select is(pg_temp.load('b-healed'), 'healed', 'once the obstacle is gone the same load succeeds, creating the partition (healed)');
reset role;
select ok(zenglow.is_chunk_partition(:'partition_name'), 'and the partition is a real partition of zenglow.chunks');
