-- The tenant context fails closed and never outlives its transaction on a pooled connection.
select plan(9);

\o /dev/null
select zenglow.create_tenant('context-' || txid_current()) as tenant \gset
select zenglow.create_tenant('context-off-' || txid_current()) as inactive \gset
\o
update zenglow.tenants set active = false where tenant_id = :'inactive';

begin;
set local zenglow.tenant_id = :'tenant';
select is(zenglow.current_tenant(), :'tenant', 'set local zenglow.tenant_id sets the tenant for the transaction');
commit;
select is(zenglow.current_tenant(), null, 'after commit, the next transaction on the same connection has no tenant');

begin;
set local zenglow.tenant_id = :'tenant';
rollback;
select is(zenglow.current_tenant(), null, 'after rollback neither');

select is(zenglow.current_tenant(), null, 'unset: no tenant');
begin;
set local zenglow.tenant_id = '';
select is(zenglow.current_tenant(), null, 'empty: no tenant');
set local zenglow.tenant_id = 'no-such-tenant';
select is(zenglow.current_tenant(), null, 'unknown: no tenant');
set local zenglow.tenant_id = :'inactive';
select is(zenglow.current_tenant(), null, 'inactive: no tenant');
set local zenglow.tenant_id = '_global';
select is(zenglow.current_tenant(), null, 'the reserved _global id is never a tenant');
select throws_ok($$select zenglow.require_tenant()$$, 'ZG001', 'no tenant is set for this transaction',
    'functions that write refuse without a tenant (ZG001)');
-- commit, not rollback: pgTAP keeps its tally in tables, and a rollback would erase it.
commit;

select * from finish();
