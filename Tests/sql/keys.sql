-- API key lookup by prefix: only the hash is stored; revoked, expired and wrong secrets fail.
begin;
select plan(8);

insert into zenglow.tenants (tenant_id) values ('keys-a');
insert into zenglow.api_keys (tenant_id, prefix, secret_sha256, scopes, revoked_at, expires_at) values
    ('keys-a', 'zg_goodkey1', sha256('right'::bytea), '{query,ingest}', null, null),
    ('keys-a', 'zg_revoked1', sha256('right'::bytea), '{query}', now() - interval '1 minute', null),
    ('keys-a', 'zg_expired1', sha256('right'::bytea), '{query}', null, now() - interval '1 minute');

set local role zenglow_app;
select results_eq($$select tenant_id, scopes, status from zenglow_api.authenticate_key('zg_goodkey1', sha256('right'::bytea))$$,
    $$values ('keys-a'::text, '{query,ingest}'::text[], 'ok'::text)$$, 'a valid key gives its tenant and scopes');
select results_eq($$select tenant_id, status from zenglow_api.authenticate_key('zg_goodkey1', sha256('wrong'::bytea))$$,
    $$values (null::text, 'unknown'::text)$$, 'a wrong secret looks exactly like an unknown key');
select results_eq($$select tenant_id, status from zenglow_api.authenticate_key('zg_nosuchkey', sha256('right'::bytea))$$,
    $$values (null::text, 'unknown'::text)$$, 'an unknown prefix is unknown');
select is((select status from zenglow_api.authenticate_key('zg_revoked1', sha256('right'::bytea))), 'revoked', 'a revoked key is refused');
select is((select status from zenglow_api.authenticate_key('zg_expired1', sha256('right'::bytea))), 'expired', 'an expired key is refused');
reset role;
select isnt((select last_used_at from zenglow.api_keys where prefix = 'zg_goodkey1'), null, 'a successful lookup stamps last_used_at');

reset role;
select lives_ok($$insert into zenglow.api_keys (tenant_id, prefix, secret_sha256, scopes)
    values ('keys-a', 'zg_embedkey', sha256('x'::bytea), '{embed}')$$, 'a key may carry the embed scope');
select throws_ok($$insert into zenglow.api_keys (tenant_id, prefix, secret_sha256, scopes)
    values ('keys-a', 'zg_unknown1', sha256('x'::bytea), '{query,everything}')$$, '23514', null,
    'a scope ZenGlow does not know is refused');
select * from finish();
rollback;
