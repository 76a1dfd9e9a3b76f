-- zenglow_api.cache_generation: what a cached rag_query answer depends on besides the request,
-- equal to what rag_query itself uses, changing whenever that does, refusing exactly as
-- rag_query refuses. Shared by cache_generation.sql and fallback/cache_generation.sql; 29 tests,
-- inside the including file's transaction.
\o /dev/null
insert into zenglow.tenants (tenant_id) values ('generation-a'), ('generation-b');
create function pg_temp.generation(p_tenant text) returns record language plpgsql as $$
-- The generation as the API reads it: as zenglow_app, under the tenant's scope.
declare
    v_row record;
begin
    set local role zenglow_app;
    perform set_config('zenglow.tenant_id', p_tenant, true);
    select * into v_row from zenglow_api.cache_generation();
    reset role;
    perform set_config('zenglow.tenant_id', '', true);
    return v_row;
end
$$;
create function pg_temp.field(p_tenant text, p_field text) returns text language sql as $$
    select to_jsonb(g) ->> p_field
    from pg_temp.generation(p_tenant)
        as g (installation text, weights_version bigint, ltr_version bigint, model text, corpus_epoch bigint, stamp text,
            settings_version bigint)
$$;
-- How a statement run as zenglow_app under p_tenant fails: 'SQLSTATE: message', or 'no error'.
create function pg_temp.refusal(p_tenant text, p_sql text) returns text language plpgsql as $$
begin
    set local role zenglow_app;
    perform set_config('zenglow.tenant_id', coalesce(p_tenant, ''), true);
    begin
        execute p_sql;
    exception when others then
        reset role;
        perform set_config('zenglow.tenant_id', '', true);
        return sqlstate || ': ' || sqlerrm;
    end;
    reset role;
    perform set_config('zenglow.tenant_id', '', true);
    return 'no error';
end
$$;
create function pg_temp.answer(p_tenant text) returns jsonb language plpgsql as $$
begin
    set local role zenglow_app;
    perform set_config('zenglow.tenant_id', p_tenant, true);
    return zenglow_api.rag_query('photosynthesis', null, 1, '{}', false, 'bm25');
end
$$;
\o

-- Values.
select results_eq(
    $$select installation, weights_version, ltr_version, model, corpus_epoch from pg_temp.generation('generation-a')
        as g (installation text, weights_version bigint, ltr_version bigint, model text, corpus_epoch bigint, stamp text,
            settings_version bigint)$$,
    $$select (select id::text from zenglow.installation), (select max(version) from zenglow.fusion_weights where tenant_id = '_global'),
        (select max(version) from zenglow.ltr_models), (select model_name from zenglow.models where active),
        coalesce((select epoch from zenglow.corpus_epochs where tenant_id = 'generation-a'), 0)$$,
    'a tenant''s generation: the installation id, the weights version, the newest LTR version, the active model, its corpus epoch');
select is(pg_temp.field('generation-a', 'installation'), pg_temp.field('generation-a', 'installation'),
    'the installation id is the same on every call');
select matches(pg_temp.field('generation-b', 'installation'), '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    'and the same random uuid for every tenant');
select throws_ok($$insert into zenglow.installation default values$$, '23505', null, 'the installation table holds one row');

select results_eq(
    $$select pg_temp.field('generation-a', 'weights_version')::bigint, pg_temp.field('generation-a', 'ltr_version')::bigint,
        pg_temp.field('generation-a', 'model')$$,
    $$select (a ->> 'weights_version')::bigint, (a ->> 'ltr_version')::bigint, a ->> 'model' from pg_temp.answer('generation-a') a$$,
    'the weights version, LTR version and model are the ones rag_query answers with');
reset role;
select set_config('zenglow.tenant_id', '', true) \g /dev/null

-- Weights: the tenant's own newest version, else the newest global one.
select set_config('zenglow.tenant_id', 'generation-a', true) \g /dev/null
set local role zenglow_app;
create temporary table put as select (zenglow_api.set_fusion_weights('{"ltr": 0.7, "vector": 0.3}', 'test', 'tester') ->> 'version')::bigint as version;
reset role;
select is(pg_temp.field('generation-a', 'weights_version')::bigint, (select version from put),
    'a weights PUT changes the tenant''s weights version to the new one');
select is(pg_temp.field('generation-a', 'weights_version'), pg_temp.answer('generation-a') ->> 'weights_version',
    'which rag_query uses too');
reset role;
select is(pg_temp.field('generation-b', 'weights_version')::bigint, (select max(version) from zenglow.fusion_weights where tenant_id = '_global'),
    'another tenant keeps the global version');
insert into zenglow.fusion_weights (tenant_id, weights, reason, actor) values ('_global', '{"ltr": 0.2, "vector": 0.8}', 'test', 'tester');
select is(pg_temp.field('generation-b', 'weights_version')::bigint, (select max(version) from zenglow.fusion_weights where tenant_id = '_global'),
    'a new global version changes the version of a tenant without weights of its own');
select is(pg_temp.field('generation-a', 'weights_version')::bigint, (select version from put),
    'and not that of a tenant with its own');

-- LTR, model, corpus.
insert into zenglow.ltr_models (feature_schema_version, coefficients, trained_on) values (1, '{"bm25": 0.5}', 'test');
select is(pg_temp.field('generation-b', 'ltr_version')::bigint, (select max(version) from zenglow.ltr_models),
    'a new LTR version changes ltr_version');
select is(pg_temp.field('generation-b', 'ltr_version'), pg_temp.answer('generation-b') ->> 'ltr_version',
    'to the one rag_query uses');
reset role;
select set_config('zenglow.tenant_id', '', true) \g /dev/null
insert into zenglow.models (model_name, dimension, source) values ('generation-3d', 3, 'test');
select zenglow.activate_model('generation-3d', 'tester') \g /dev/null
select is(pg_temp.field('generation-b', 'model'), 'generation-3d', 'activating a model changes model');
set local client_min_messages = warning;
select zenglow.activate_model('all-MiniLM-L6-v2', 'tester') \g /dev/null
reset client_min_messages;
select is(pg_temp.field('generation-b', 'model'), 'all-MiniLM-L6-v2', 'and back');
create temporary table epoch_before as select pg_temp.field('generation-b', 'corpus_epoch')::bigint as epoch;
set local role zenglow_owner;
select set_config('zenglow.tenant_id', 'generation-b', true) \g /dev/null
insert into zenglow.source_priors values ('generation-b', 'fixture', 0.5);
reset role;
select set_config('zenglow.tenant_id', '', true) \g /dev/null
select is(pg_temp.field('generation-b', 'corpus_epoch')::bigint, (select epoch + 1 from epoch_before),
    'a change to what retrieval reads advances corpus_epoch');

-- Retrieval settings: the version rag_query's options come from, null for the defaults.
select is(pg_temp.field('generation-a', 'settings_version'), null, 'no retrieval settings: settings_version null');
create temporary table stamp_before as select pg_temp.field('generation-a', 'stamp') as stamp;
select set_config('zenglow.tenant_id', 'generation-a', true) \g /dev/null
set local role zenglow_app;
create temporary table settings_put as
    select (zenglow_api.set_retrieval_settings('{"k1": 0.9}', 'test', 'tester') ->> 'version')::bigint as version;
reset role;
select set_config('zenglow.tenant_id', '', true) \g /dev/null
select is(pg_temp.field('generation-a', 'settings_version')::bigint, (select version from settings_put),
    'a settings change moves settings_version to the new version');
select isnt(pg_temp.field('generation-a', 'stamp'), (select stamp from stamp_before), 'and the stamp');

-- Refusals: exactly rag_query's, before any data is read.
select is(pg_temp.refusal(t, 'select zenglow_api.cache_generation()'), pg_temp.refusal(t, 'select zenglow_api.rag_query(''x'')'),
    format('tenant %s: refused as rag_query refuses it', coalesce(quote_literal(t), 'unset')))
from unnest(array[null, 'no-such-tenant', '_global']) t;
select matches(pg_temp.refusal(null, 'select zenglow_api.cache_generation()'), '^ZG001: no tenant is set for this transaction$',
    'no tenant: ZG001');
select zenglow.set_tenant_active('generation-b', false) \g /dev/null
select is(pg_temp.refusal('generation-b', 'select zenglow_api.cache_generation()'),
    'ZG001: no tenant is set for this transaction', 'a disabled tenant: ZG001');
select is(pg_temp.refusal('generation-b', 'select zenglow_api.cache_generation()'),
    pg_temp.refusal('generation-b', 'select zenglow_api.rag_query(''x'')'), 'as rag_query refuses it');
update zenglow.models set active = false;
select is(pg_temp.refusal('generation-a', 'select zenglow_api.cache_generation()'),
    'ZG006: no embedding model is active', 'no active model: ZG006');
select is(pg_temp.refusal('generation-a', 'select zenglow_api.cache_generation()'),
    pg_temp.refusal('generation-a', 'select zenglow_api.rag_query(''x'')'), 'as rag_query refuses it');

-- Privileges and kind.
select ok(has_function_privilege('zenglow_app', 'zenglow_api.cache_generation()', 'execute'), 'zenglow_app may execute it');
select ok(not has_function_privilege('zenglow_analyst', 'zenglow_api.cache_generation()', 'execute')
        and not exists (select from pg_proc p, aclexplode(p.proacl) a
                        where p.oid = 'zenglow_api.cache_generation()'::regprocedure and a.grantee = 0),
    'PUBLIC and zenglow_analyst may not');
select is(
    (select format('volatility %s, security definer %s, %s', provolatile, prosecdef, array_to_string(proconfig, ';'))
     from pg_proc where oid = 'zenglow_api.cache_generation()'::regprocedure),
    'volatility s, security definer t, search_path=pg_catalog, pg_temp',
    'stable, security definer, search_path pinned');
