-- Fusion weights: validated by the database with a clear error, activated atomically with their
-- audit record, kept as history, never changed in place.
begin;
select plan(21);

insert into zenglow.tenants (tenant_id) values ('weights-a'), ('weights-b');
set local zenglow.tenant_id = 'weights-a';
set local role zenglow_app;

select is((zenglow_api.current_fusion_weights() ->> 'scope'), 'global',
    'a tenant without weights of its own uses the global default');

select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": -0.5, "vector": 1}', 'r', 'a')$$,
    'ZG002', 'fusion weight ''ltr'' is negative (-0.5)', 'a negative weight is refused, naming it');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": 0, "vector": 0}', 'r', 'a')$$,
    'ZG002', 'fusion weights sum to 0; at least one must be positive', 'weights summing to 0 are refused');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": 1e400, "vector": 1}', 'r', 'a')$$,
    'ZG002', 'fusion weight ''ltr'' is not finite', 'a weight beyond double precision is refused as not finite');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": "NaN", "vector": 1}', 'r', 'a')$$,
    'ZG002', 'fusion weight ''ltr'' must be a number, not "NaN"', 'NaN (as JSON can only carry it, a string) is refused');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": 1}', 'r', 'a')$$,
    'ZG002', 'fusion weight ''vector'' is missing', 'a missing weight is refused');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": 1, "vector": 1, "bm25": 1}', 'r', 'a')$$,
    'ZG002', 'unknown fusion weight ''bm25''', 'an unknown weight is refused');
select throws_ok($$select zenglow_api.set_fusion_weights('[1, 2]', 'r', 'a')$$,
    'ZG002', 'fusion weights must be a JSON object', 'a non-object is refused');
select throws_ok($$select zenglow_api.set_fusion_weights('{"ltr": 1, "vector": 1}', ' ', 'a')$$,
    'ZG002', 'a reason is required to change fusion weights', 'a change needs a reason');
select is((select count(*) from zenglow.fusion_weights where tenant_id = 'weights-a'), 0::bigint,
    'refused changes wrote nothing');

select is((zenglow_api.set_fusion_weights('{"ltr": 0.6, "vector": 0.4}', 'tuning', 'alice', 'https://example.com/issue/1') ->> 'previous_version')::bigint,
    (select max(version) from zenglow.fusion_weights where tenant_id = '_global'),
    'the first version of a tenant replaces the global default');
select is(zenglow_api.current_fusion_weights() -> 'weights', '{"ltr": 0.6, "vector": 0.4}'::jsonb, 'the new weights are active');
select is(zenglow_api.current_fusion_weights() ->> 'scope', 'tenant', 'the tenant now has weights of its own');
select zenglow_api.set_fusion_weights('{"ltr": 0.3, "vector": 0.7}', 'more semantic', 'bob');
select is(zenglow_api.current_fusion_weights() -> 'weights', '{"ltr": 0.3, "vector": 0.7}'::jsonb, 'the newest version is active');
select is((select count(*) from zenglow.fusion_weights where tenant_id = 'weights-a'), 2::bigint, 'both versions are kept');

-- Atomic: a change that fails after its row was written leaves the previous weights active.
savepoint before_failure;
select zenglow_api.set_fusion_weights('{"ltr": 1, "vector": 0}', 'about to fail', 'carol');
rollback to savepoint before_failure;
select is(zenglow_api.current_fusion_weights() -> 'weights', '{"ltr": 0.3, "vector": 0.7}'::jsonb,
    'a rolled-back activation leaves the previous weights active');

select results_eq(
    $$select details -> 'old' -> 'weights', details -> 'new' -> 'weights', details ->> 'reason', actor, details ->> 'issue_link'
      from zenglow_audit.events where tenant_id = 'weights-a' and action = 'fusion_weights.activate' order by seq limit 1$$,
    $$values ('{"ltr": 0.5, "vector": 0.5}'::jsonb, '{"ltr": 0.6, "vector": 0.4}'::jsonb, 'tuning'::text, 'alice'::text, 'https://example.com/issue/1'::text)$$,
    'the audit record holds old and new weights, reason, actor and link');

set local zenglow.tenant_id = 'weights-b';
select is(zenglow_api.current_fusion_weights() ->> 'scope', 'global', 'another tenant still uses the global default');
reset role;

select throws_ok($$update zenglow.fusion_weights set weights = '{"ltr": 9, "vector": 9}'$$, 'ZG005', null,
    'versions are never updated in place, even by a superuser');
select throws_ok($$delete from zenglow.fusion_weights where tenant_id = 'weights-a'$$, 'ZG005', null, 'nor deleted');
select throws_ok($$insert into zenglow.fusion_weights (tenant_id, weights, reason, actor) values ('weights-a', '{"ltr": -1, "vector": 1}', 'r', 'a')$$,
    'ZG002', null, 'a direct insert of invalid weights is refused by the database too');

select * from finish();
rollback;
