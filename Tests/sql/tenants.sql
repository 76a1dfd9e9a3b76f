-- Tenants for `zenglow tenants create|list|disable|enable`: ids checked with ZG009 and a hint,
-- creation idempotent, _global never listed nor changed, state changes audited and returning the
-- previous state, ZG007 for a missing tenant, and an inactive tenant seeing nothing.
begin;
select plan(39);

create function pg_temp.error_of(p_sql text) returns text language plpgsql as $$
-- SQLSTATE | message | hint of what p_sql raises (null when it raises nothing).
declare v_state text; v_message text; v_hint text;
begin
    execute p_sql;
    return null;
exception when others then
    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_hint = pg_exception_hint;
    return v_state || ' | ' || v_message || ' | ' || v_hint;
end
$$;

-- create_tenant
select is(zenglow.create_tenant('tenants-a', 'Tenant A'), 'tenants-a', 'create_tenant returns the id');
select results_eq($$select display_name, active from zenglow.list_tenants() where tenant_id = 'tenants-a'$$,
    $$values ('Tenant A'::text, true)$$, 'a new tenant is active, with its display name');
select is(zenglow.create_tenant('tenants-a', 'Another name'), 'tenants-a', 'creating it again answers the same id');
select is((select display_name from zenglow.list_tenants() where tenant_id = 'tenants-a'), 'Tenant A',
    'and changes nothing (idempotent)');
select is(zenglow.create_tenant('tenants-b'), 'tenants-b', 'the display name is optional');
select is(pg_temp.error_of($$select zenglow.create_tenant('Acme')$$),
    'ZG009 | tenant id ''Acme'' is not valid | a tenant id is 1 to 63 lowercase letters, digits, _ and -, starting with a letter or digit (e.g. acme-eu)',
    'an invalid id is refused with ZG009, the id and a hint giving the format');
select throws_ok(format('select zenglow.create_tenant(%L)', t), 'ZG009', format('tenant id %L is not valid', t),
    format('tenant id %L is refused', t))
from unnest(array['', '-acme', '_acme', 'a b', 'acme.eu', 'ümlaut', repeat('a', 64)]) t;
select throws_ok($$select zenglow.create_tenant(null)$$, 'ZG009', 'tenant id null is not valid', 'a null id is refused');
select throws_ok($$select zenglow.create_tenant('_global')$$, 'ZG009', 'tenant id ''_global'' is reserved', '_global is refused');
select is(zenglow.create_tenant(repeat('a', 63)), repeat('a', 63), 'an id of 63 characters is fine');

-- list_tenants
select results_eq($$select tenant_id from zenglow.list_tenants() where tenant_id like 'tenants-%'$$,
    $$values ('tenants-a'::text), ('tenants-b')$$, 'list_tenants lists tenants by id');
select is((select count(*) from zenglow.list_tenants() where tenant_id = '_global'), 0::bigint, 'and never _global');
select is((select array_agg(tenant_id) from zenglow.list_tenants()),
    (select array_agg(tenant_id order by tenant_id) from zenglow.list_tenants()), 'the whole list comes ordered by tenant_id');

-- tenant_state and set_tenant_active
select is(zenglow.tenant_state('tenants-a'), 'active', 'tenant_state says active');
select is(zenglow.tenant_state('no-such-tenant'), null, 'and null for a tenant that does not exist');
select is(zenglow.tenant_state('_global'), null, '_global is no tenant');
select is(zenglow.set_tenant_active('tenants-a', false), true, 'disabling answers the previous state (active)');
select is(zenglow.tenant_state('tenants-a'), 'inactive', 'the tenant is inactive');
select is((select active from zenglow.list_tenants() where tenant_id = 'tenants-a'), false, 'list_tenants shows it inactive');
select is(zenglow.set_tenant_active('tenants-a', false), false, 'disabling it again answers inactive');
select results_eq($$select actor, action, subject, details from zenglow_audit.events where tenant_id = 'tenants-a' order by seq$$,
    $$values (session_user::text collate "default", 'tenant.disable'::text, 'tenants/tenants-a'::text,
        '{"old": {"active": true}, "new": {"active": false}, "reason": null}'::jsonb)$$,
    'the change is audited once (actor, action, subject, old and new state); the no-op is not');
set local zenglow.audit_reason = 'contract renewed';
select is(zenglow.set_tenant_active('tenants-a', true), false, 'enabling answers the previous state (inactive)');
select is((select details ->> 'reason' from zenglow_audit.events where tenant_id = 'tenants-a' and action = 'tenant.enable'),
    'contract renewed', 'a reason set in zenglow.audit_reason is recorded');
reset zenglow.audit_reason;
select results_eq($$select ok, rows_checked from zenglow_audit.verify_chain('tenants-a')$$, $$values (true, 2::bigint)$$,
    'the tenant''s audit chain verifies');
select is(pg_temp.error_of($$select zenglow.set_tenant_active('acme', false)$$),
    'ZG007 | tenant ''acme'' does not exist | create it with: zenglow tenants create acme',
    'a missing tenant: ZG007 with the command that creates it');
select throws_ok($$select zenglow.set_tenant_active('_global', false)$$, 'ZG009', 'tenant id ''_global'' is reserved',
    '_global cannot be disabled');
select is((select active from zenglow.tenants where tenant_id = '_global'), true, 'and stays as it was');

-- An inactive tenant sees nothing and writes nothing; enabled again, it sees its data.
insert into zenglow.batches (tenant_id, batch_tag, content_hash) values ('tenants-b', 'b', 'sha256:' || repeat('b', 64));
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model)
select 'tenants-b', 'doc', 'h', batch_id, batch_tag, 'insulin and diabetes', 'all-MiniLM-L6-v2' from zenglow.batches where batch_tag = 'b';
\o /dev/null
select zenglow.set_tenant_active('tenants-b', false);
\o
set local role zenglow_app;
set local zenglow.tenant_id = 'tenants-b';
select is((select count(*) from zenglow.chunks), 0::bigint, 'an inactive tenant sees no chunks');
select throws_ok($$select zenglow_api.rag_query('insulin')$$, 'ZG001', null, 'and cannot query (ZG001)');
reset role;
\o /dev/null
select zenglow.set_tenant_active('tenants-b', true);
\o
set local role zenglow_app;
select is((select count(*) from zenglow.chunks), 1::bigint, 'enabled again, it sees its data, which was kept');

-- Operators only.
select is(pg_temp.error_of(format('select zenglow.%s', f)) like '42501 |%', true, format('zenglow_app cannot run zenglow.%s', f))
from unnest(array['list_tenants()', 'tenant_state(''tenants-a'')', 'set_tenant_active(''tenants-a'', false)']) f;
reset role;

select * from finish();
rollback;
