-- Maintenance step 6, zenglow.maintenance_forget_runs: run records older than
-- run_history_retention are deleted and counted, newer ones kept.
begin;
select plan(4);

update zenglow.maintenance_settings set run_history_retention = interval '30 days';
select count(*) as already_old from zenglow.maintenance_runs where started_at < now() - interval '30 days' \gset
insert into zenglow.maintenance_runs (started_at, finished_at, duration_ms, trigger, outcome, error) values
    (now() - interval '45 days', now() - interval '45 days', 1, 'scheduled', 'success', 'forget-test old'),
    (now() - interval '31 days', now() - interval '31 days', 1, 'write', 'healed_partition', 'forget-test old'),
    (now() - interval '29 days', now() - interval '29 days', 1, 'scheduled', 'success', 'forget-test kept');

select is(zenglow.maintenance_forget_runs(), :already_old + 2::bigint, 'it deletes the records past retention and says how many');
select results_eq($$select error from zenglow.maintenance_runs where error like 'forget-test%'$$, $$values ('forget-test kept'::text)$$,
    'a record within retention is kept');
select is(zenglow.maintenance_forget_runs(), 0::bigint, 'a second call has nothing to forget');
update zenglow.maintenance_settings set run_history_retention = interval '1 day';
select is(zenglow.maintenance_forget_runs(), 1::bigint, 'a shorter retention forgets more');

select * from finish();
rollback;
