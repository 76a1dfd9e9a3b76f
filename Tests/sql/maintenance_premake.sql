-- Maintenance step 1, zenglow.maintenance_premake_partitions: the chunks partitions for now and
-- the next chunk_premake units, created once, owned by zenglow_owner, and nothing when all exist.
begin;
select plan(8);

update zenglow.maintenance_settings set chunk_partition_unit = 'month', chunk_premake = 2;
create function pg_temp.month(p_offset integer) returns text language sql as $$
    select (zenglow.chunk_partition_range(now() + make_interval(months => p_offset), 'month')).partition_name
$$;
-- Start from none of them, whatever earlier tests committed.
set client_min_messages = warning;
select pg_temp.month(0) as m0, pg_temp.month(1) as m1, pg_temp.month(2) as m2, pg_temp.month(3) as m3 \gset
drop table if exists zenglow.:"m0", zenglow.:"m1", zenglow.:"m2", zenglow.:"m3";
reset client_min_messages;

select is(zenglow.maintenance_premake_partitions(), array[pg_temp.month(0), pg_temp.month(1), pg_temp.month(2)],
    'it creates the partitions for now and the next chunk_premake (2) months, in order, and returns them');
select ok(to_regclass('zenglow.' || pg_temp.month(2)) is not null, 'the furthest one exists');
select is(to_regclass('zenglow.' || pg_temp.month(3)), null, 'nothing beyond chunk_premake is made');
select is((select relowner::regrole::text from pg_class where oid = ('zenglow.' || pg_temp.month(0))::regclass), 'zenglow_owner',
    'the partitions belong to zenglow_owner');
select is(zenglow.maintenance_premake_partitions(), '{}'::text[], 'a second call finds them all and creates nothing');

update zenglow.maintenance_settings set chunk_premake = 3;
select is(zenglow.maintenance_premake_partitions(), array[pg_temp.month(3)], 'a longer chunk_premake adds only the missing month');
select is((select count(*) from zenglow.maintenance_runs where trigger = 'write' and started_at >= now()), 0::bigint,
    'premade partitions are not recorded as healed by a write');

set local role zenglow_app;
select throws_ok($$select zenglow.maintenance_premake_partitions()$$, '42501', null, 'the API role cannot run a maintenance step');
reset role;

select * from finish();
rollback;
