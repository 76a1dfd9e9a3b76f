-- The audit log is append-only for the app and ingest roles, rolls back with its transaction,
-- and verify_chain finds an edited, a deleted, a reordered row and a cut-off tail.
begin;
select plan(17);

insert into zenglow.tenants (tenant_id) values ('audit-a'), ('audit-edit'), ('audit-delete'), ('audit-reorder'), ('audit-tail');

set local role zenglow_app;
set local zenglow.tenant_id = 'audit-a';
select is(zenglow_audit.append('tester', 'test.one', 'thing/1', '{"n": 1}'), 1::bigint,
    'zenglow_app appends through zenglow_audit.append; the first row is seq 1');
select is(zenglow_audit.append('tester', 'test.two', 'thing/2', '{"n": 2}'), 2::bigint, 'the next row is seq 2');
select throws_ok($$update zenglow_audit.events set actor = 'mallory'$$, '42501', null, 'zenglow_app cannot UPDATE the audit log');
select throws_ok($$delete from zenglow_audit.events$$, '42501', null, 'zenglow_app cannot DELETE from the audit log');
select throws_ok($$truncate zenglow_audit.events$$, '42501', null, 'zenglow_app cannot TRUNCATE the audit log');
select throws_ok($$alter table zenglow_audit.events disable trigger events_append_only$$, '42501', null,
    'zenglow_app cannot disable the append-only trigger');
select throws_ok($$insert into zenglow_audit.events (tenant_id, seq, actor, action, prev_hash, hash) values ('audit-a', 3, 'x', 'y', '\x00', '\x00')$$,
    '42501', null, 'zenglow_app cannot insert into the audit log directly');
select throws_ok($$select zenglow_audit.append_for('audit-edit', 'x', 'y', '', '{}')$$, '42501', null,
    'zenglow_app cannot append to another tenant''s chain');
reset role;

-- Even a superuser, who passes every privilege and policy, meets the trigger (disabling it first
-- is possible, and verify_chain exposes what was done meanwhile).
select throws_ok($$update zenglow_audit.events set actor = 'mallory'$$, 'ZG005', null, 'UPDATE by a superuser hits the append-only trigger');
select throws_ok($$delete from zenglow_audit.events$$, 'ZG005', null, 'DELETE by a superuser hits the append-only trigger');
select throws_ok($$truncate zenglow_audit.events$$, 'ZG005', null, 'TRUNCATE by a superuser hits the append-only trigger');

-- A change rolled back takes its audit row with it.
\o /dev/null
savepoint before_change;
set local zenglow.tenant_id = 'audit-a';
select zenglow_api.set_fusion_weights('{"ltr": 0.7, "vector": 0.3}', 'rolled back', 'tester');
rollback to savepoint before_change;
\o
select is((select count(*) from zenglow_audit.events where tenant_id = 'audit-a'), 2::bigint,
    'a rolled-back weight change leaves no audit row');

\o /dev/null
select zenglow_audit.append_for(t, 'tester', 'test.step', 'step/' || i, jsonb_build_object('i', i))
from unnest(array['audit-edit', 'audit-delete', 'audit-reorder', 'audit-tail']) t, generate_series(1, 5) i
order by t, i;
\o
select results_eq($$select ok, rows_checked from zenglow_audit.verify_chain('audit-edit')$$,
    $$values (true, 5::bigint)$$, 'an untouched chain verifies');

alter table zenglow_audit.events disable trigger events_append_only;
update zenglow_audit.events set details = '{"i": 99}' where tenant_id = 'audit-edit' and seq = 3;
delete from zenglow_audit.events where tenant_id = 'audit-delete' and seq = 3;
update zenglow_audit.events set seq = 1000 where tenant_id = 'audit-reorder' and seq = 2;
update zenglow_audit.events set seq = 2 where tenant_id = 'audit-reorder' and seq = 3;
update zenglow_audit.events set seq = 3 where tenant_id = 'audit-reorder' and seq = 1000;
delete from zenglow_audit.events where tenant_id = 'audit-tail' and seq = 5;
alter table zenglow_audit.events enable trigger events_append_only;

select results_eq($$select ok, broken_at_seq from zenglow_audit.verify_chain('audit-edit')$$,
    $$values (false, 3::bigint)$$, 'verify_chain finds the edited row');
select results_eq($$select ok, broken_at_seq from zenglow_audit.verify_chain('audit-delete')$$,
    $$values (false, 3::bigint)$$, 'verify_chain finds the deleted row');
select results_eq($$select ok, broken_at_seq from zenglow_audit.verify_chain('audit-reorder')$$,
    $$values (false, 2::bigint)$$, 'verify_chain finds the reordered rows');
select results_eq($$select ok, broken_at_seq from zenglow_audit.verify_chain('audit-tail')$$,
    $$values (false, 5::bigint)$$, 'verify_chain finds a row removed from the end');

select * from finish();
rollback;
