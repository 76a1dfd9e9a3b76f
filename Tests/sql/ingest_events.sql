-- zenglow_api.record_ingest_event: the spool worker's ingest.failed / ingest.healed records land
-- in the chain of the tenant they concern (or _global when it does not exist), only those two
-- actions are accepted, and every chain still verifies afterwards.
begin;
select plan(15);

insert into zenglow.tenants (tenant_id) values ('ingest-events-a'), ('ingest-events-off');
update zenglow.tenants set active = false where tenant_id = 'ingest-events-off';
select coalesce((select seq from zenglow_audit.chain_heads where tenant_id = '_global'), 0) as global_before \gset

-- The worker reports with no tenant set: a failed file may never have had one.
set local role zenglow_ingest;
select is(zenglow_api.record_ingest_event('ingest-events-a', 'ingest.failed', 'failed/b1.msgpack',
        '{"reason": "invalid_msgpack", "batch_tag": "b1"}'),
    '{"tenant_id": "ingest-events-a", "seq": 1}'::jsonb, 'ingest.failed goes to the tenant''s chain, as its first row');
select is(zenglow_api.record_ingest_event('ingest-events-a', 'ingest.healed', 'batches/b2', '{"partition": "chunks_p20260101"}') ->> 'seq',
    '2', 'ingest.healed is the next row of the same chain');
select is(zenglow_api.record_ingest_event('ingest-events-off', 'ingest.failed', 'failed/x', null) ->> 'tenant_id',
    'ingest-events-off', 'an inactive tenant still gets its own record');
select is(zenglow_api.record_ingest_event('no-such-tenant', 'ingest.failed', 'failed/y', '{"reason": "unknown_tenant"}') ->> 'tenant_id',
    '_global', 'a tenant that does not exist: the record goes to _global');
select is(zenglow_api.record_ingest_event(null, 'ingest.failed', 'failed/z', '{}') ->> 'tenant_id', '_global',
    'no tenant at all: _global too');

select throws_ok($$select zenglow_api.record_ingest_event('ingest-events-a', 'weights.change', 'x', '{}')$$, 'ZG009',
    '''weights.change'' is not an ingest event', 'any other action is refused');
select throws_ok($$select zenglow_api.record_ingest_event('ingest-events-a', null, 'x', '{}')$$, 'ZG009', null,
    'a missing action is refused');
select throws_ok($$select zenglow_api.record_ingest_event('ingest-events-a', 'ingest.failed', 'x', '[1]')$$, 'ZG009',
    'details are a JSON object, not array', 'details that are not an object are refused');
select throws_ok($$select zenglow_api.record_ingest_event('ingest-events-a', 'ingest.failed', 'x', jsonb_build_object('m', repeat('m', 20000)))$$,
    'ZG009', null, 'details beyond 16 kB are refused');
select throws_ok($$select zenglow_audit.append_for('ingest-events-a', 'x', 'anything.else', '', '{}')$$, '42501', null,
    'the ingest role still cannot write an arbitrary record into a tenant''s chain');
reset role;

select results_eq(
    $$select seq, actor, action, subject, details from zenglow_audit.events where tenant_id = 'ingest-events-a' order by seq$$,
    $$values (1::bigint, session_user::text collate "default", 'ingest.failed'::text, 'failed/b1.msgpack'::text, '{"reason": "invalid_msgpack", "batch_tag": "b1"}'::jsonb),
             (2, session_user::text, 'ingest.healed', 'batches/b2', '{"partition": "chunks_p20260101"}')$$,
    'the rows hold the login that reported them, the action, subject and details; refused calls left nothing');
select results_eq(
    format($$select action, details from zenglow_audit.events where tenant_id = '_global' and seq > %s order by seq$$, :global_before),
    $$values ('ingest.failed'::text, '{"reason": "unknown_tenant", "claimed_tenant": "no-such-tenant"}'::jsonb),
             ('ingest.failed', '{"claimed_tenant": null}')$$,
    '_global''s records keep the tenant the file claimed');
select results_eq($$select ok, rows_checked from zenglow_audit.verify_chain('ingest-events-a')$$, $$values (true, 2::bigint)$$,
    'the tenant''s chain verifies after the ingest events');
select is((select ok from zenglow_audit.verify_chain('_global')), true, 'the _global chain verifies after them');

set local role zenglow_analyst;
select throws_ok($$select zenglow_api.record_ingest_event('ingest-events-a', 'ingest.failed', 'x', '{}')$$, '42501', null,
    'the analyst role cannot record ingest events');
reset role;

select * from finish();
rollback;
