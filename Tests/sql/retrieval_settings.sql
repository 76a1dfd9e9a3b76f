-- Retrieval settings per tenant: versions (the fields given over those in effect), the fallback to
-- _global and then the defaults, row-level security, audit rows, the NOTIFY, refusal of bad
-- values (ZG009 naming the field), and rag_query ranking with the tenant's settings when the call
-- gives no option.
begin;
select plan(42);

-- First, before this transaction takes a lock the second sessions could wait for: the NOTIFY, as
-- the API's listener sees it. A committed change is announced on zenglow_settings with ids and
-- versions only, a rolled-back one not at all (the assertions are at the end).
\o /dev/null
select format('dbname=%s port=%s host=%s user=postgres', current_database(), current_setting('port'),
    split_part(current_setting('unix_socket_directories'), ',', 1)) as connection \gset
select 'settings-notify-' || txid_current() as notified \gset
select dblink_connect('settings_listener', :'connection');
select dblink_exec('settings_listener', 'listen zenglow_settings');
select dblink_connect('settings_writer', :'connection');
select * from dblink('settings_writer', format('select zenglow.create_tenant(%L)::text', :'notified')) as t (x text);
create function pg_temp.received() returns table (channel text, payload jsonb) language sql as $$
    -- A query on the listener's connection makes libpq read what the server sent meanwhile.
    select pg_sleep(0.2);
    select * from dblink('settings_listener', 'select 1') as t(x int);
    select notify_name, extra::jsonb from dblink_get_notify('settings_listener')
$$;
select pg_temp.received();
select dblink_exec('settings_writer', format('begin; set local zenglow.tenant_id = %L', :'notified'));
select * from dblink('settings_writer', $$select zenglow_api.set_retrieval_settings('{"k1": 1}', 'rolled back', 'tester')::text$$) as t (x text);
select dblink_exec('settings_writer', 'rollback');
create temporary table rolled_back as select * from pg_temp.received();
select dblink_exec('settings_writer', format('begin; set local zenglow.tenant_id = %L', :'notified'));
select * from dblink('settings_writer', $$select zenglow_api.set_retrieval_settings('{"k1": 1}', 'committed', 'tester')::text$$) as t (x text);
select dblink_exec('settings_writer', 'commit');
create temporary table committed as select * from pg_temp.received();
\o

\o /dev/null
\ir support/corpus.sql
reset role;
insert into zenglow.tenants (tenant_id) values ('settings-b');
-- Runs p_sql as zenglow_app under p_tenant and returns its one value as text.
create function pg_temp.as_app(p_tenant text, p_sql text) returns text language plpgsql as $$
declare
    v_value text;
begin
    set local role zenglow_app;
    perform set_config('zenglow.tenant_id', coalesce(p_tenant, ''), true);
    execute p_sql into v_value;
    reset role;
    perform set_config('zenglow.tenant_id', '', true);
    return v_value;
end
$$;
-- How p_sql fails as zenglow_app under p_tenant: 'SQLSTATE: message', or 'no error'.
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
create function pg_temp.current(p_tenant text) returns jsonb language sql as $$
    select pg_temp.as_app(p_tenant, 'select zenglow_api.current_retrieval_settings()')::jsonb
$$;
create function pg_temp.set(p_tenant text, p_settings jsonb, p_ltr bigint default null) returns jsonb language sql as $$
    select pg_temp.as_app(p_tenant, format('select zenglow_api.set_retrieval_settings(%L, ''test'', ''tester'', ''https://example.org/17'', %s)',
        p_settings, coalesce(p_ltr::text, 'null')))::jsonb
$$;
create function pg_temp.explained(p_tenant text, p_options jsonb default '{}') returns jsonb language sql as $$
    select pg_temp.as_app(p_tenant, format('select zenglow_api.rag_query(''light plants'', null, 3, ''{}'', true, ''bm25'', %L) -> ''explain''',
        p_options))::jsonb
$$;
create function pg_temp.ranking(p_tenant text, p_options jsonb default '{}') returns text language sql as $$
    select pg_temp.as_app(p_tenant, format($q$select string_agg(r ->> 'document_id' || ':' || round((r ->> 'score')::numeric, 6), ' ')
        from jsonb_array_elements(zenglow_api.rag_query('light plants photosynthesis', null, 6, '{}', false, 'bm25', %L) -> 'results') r$q$,
        p_options))
$$;
\o

-- Defaults.
select is(pg_temp.current('retrieval-a') - 'active_ltr_version',
    jsonb_build_object('version', null, 'scope', 'default', 'settings', '{"k1": 1.2, "b": 0.75, "candidates": 200, "lexical_budget": 5000}'::jsonb,
        'ltr_version', null, 'created_at', null, 'actor', null, 'reason', null),
    'a tenant without settings, with no _global ones: the defaults k1 1.2, b 0.75, candidates 200, lexical_budget 5000');
select is(pg_temp.current(null), null, 'no tenant: null');
select results_eq($$select (e ->> 'k1')::float8, (e ->> 'b')::float8 from pg_temp.explained('retrieval-a') e$$,
    $$values (1.2::float8, 0.75::float8)$$, 'rag_query ranks with the defaults');

-- Versions: the fields given over those in effect.
create temporary table first_set as select pg_temp.set('retrieval-a', '{"k1": 0.9}') as answer;
select is((select answer -> 'settings' from first_set), '{"k1": 0.9, "b": 0.75, "candidates": 200, "lexical_budget": 5000}'::jsonb,
    'a set names only what changes: k1 0.9, the rest as in effect');
select is((select answer -> 'previous_version' from first_set), 'null'::jsonb, 'the first version has no previous one');
create temporary table second_set as select pg_temp.set('retrieval-a', '{"b": 0.4, "lexical_budget": 800}') as answer;
select ok((select (s.answer ->> 'version')::bigint > (f.answer ->> 'version')::bigint from first_set f, second_set s),
    'every change is a new version');
select is((select answer -> 'previous_version' from second_set), (select answer -> 'version' from first_set), 'which names the one it replaced');
select is(pg_temp.current('retrieval-a') -> 'settings', '{"k1": 0.9, "b": 0.4, "candidates": 200, "lexical_budget": 800}'::jsonb,
    'the newest version is in effect, earlier changes kept');
select results_eq($$select (c ->> 'version')::bigint, c ->> 'scope', c ->> 'actor', c ->> 'reason' from pg_temp.current('retrieval-a') c$$,
    $$select (answer ->> 'version')::bigint, 'tenant'::text, 'tester'::text, 'test'::text from second_set$$,
    'current_retrieval_settings names its version, scope, actor and reason');
select is((select count(*) from zenglow.retrieval_settings where tenant_id = 'retrieval-a'), 2::bigint, 'both versions are kept');

-- rag_query uses them when the call gives no option; an option still wins.
select results_eq($$select (e ->> 'k1')::float8, (e ->> 'b')::float8 from pg_temp.explained('retrieval-a') e$$,
    $$values (0.9::float8, 0.4::float8)$$, 'rag_query without options ranks with the tenant''s k1 and b');
select results_eq($$select (e ->> 'k1')::float8, (e ->> 'b')::float8 from pg_temp.explained('retrieval-a', '{"k1": 2}') e$$,
    $$values (2::float8, 0.4::float8)$$, 'an option of the call overrides its setting, the others still come from the settings');
select is(pg_temp.ranking('retrieval-a'), pg_temp.ranking('retrieval-a', '{"k1": 0.9, "b": 0.4}'),
    'the ranking without options is the one with the settings given as options');
select isnt(pg_temp.ranking('retrieval-a'), pg_temp.ranking('retrieval-a', '{"k1": 1.2, "b": 0.75}'),
    'and not the one with the defaults');
select is(pg_temp.as_app('retrieval-a', $$select settings_version from zenglow.rag_query_arguments('x', null, 10, '{}', 'bm25', '{}', 'm', 3)$$),
    (select answer ->> 'version' from second_set), 'rag_query_arguments names the settings version it used');
select results_eq($$select candidates from zenglow.rag_query_arguments('x', null, 500, '{}', 'bm25', '{}', 'm', 3)$$,
    $$values (500)$$, 'candidates from the settings are never fewer than top_k');

select is((pg_temp.set('retrieval-a', '{"candidates": 300.0}') -> 'settings' -> 'candidates')::text, '300',
    'an integer field given as 300.0 is stored as the integer 300');
select is(pg_temp.set('retrieval-a', '{"candidates": 200}') -> 'settings' -> 'candidates', '200'::jsonb, 'and back');

-- Reset to the default, ltr_version.
select is(pg_temp.set('retrieval-a', '{"lexical_budget": null}') -> 'settings' -> 'lexical_budget', '5000'::jsonb,
    'a field given as null goes back to the default');
select is(pg_temp.set('retrieval-a', '{}', (select max(version) from zenglow.ltr_models)) -> 'ltr_version',
    to_jsonb((select max(version) from zenglow.ltr_models)), 'a version records the LTR model it was fitted with');
select is(pg_temp.refusal('retrieval-a', 'select zenglow_api.set_retrieval_settings(''{}'', ''r'', ''a'', null, 424242)'),
    'ZG009: ltr_version 424242 is not a stored LTR model', 'an unknown LTR version is refused');

-- Fallback to _global.
select is(pg_temp.current('settings-b') ->> 'scope', 'default', 'another tenant keeps the defaults');
select is(zenglow.set_global_retrieval_settings('{"k1": 1.5}', 'test', 'operator') -> 'settings',
    '{"k1": 1.5, "b": 0.75, "candidates": 200, "lexical_budget": 5000}'::jsonb, 'the owner sets _global settings');
select results_eq($$select c ->> 'scope', (c -> 'settings' ->> 'k1')::float8 from pg_temp.current('settings-b') c$$,
    $$values ('global'::text, 1.5::float8)$$, 'a tenant without its own settings falls back to _global''s');
select is(pg_temp.current('retrieval-a') -> 'settings' ->> 'k1', '0.9', 'one with its own keeps them');
select ok(not has_function_privilege('zenglow_app', 'zenglow.set_global_retrieval_settings(jsonb, text, text, text)', 'execute'),
    'the API cannot change _global settings');

-- Row-level security.
select is(pg_temp.as_app('settings-b', $$select count(*) from zenglow.retrieval_settings where tenant_id = 'retrieval-a'$$), '0',
    'a tenant does not see another''s settings');
select is(pg_temp.as_app('settings-b', $$select count(*) from zenglow.retrieval_settings where tenant_id = '_global'$$), '1',
    'it sees the _global ones it falls back to');
select matches(pg_temp.refusal('settings-b', $$insert into zenglow.retrieval_settings (tenant_id, settings, reason, actor)
    values ('retrieval-a', '{}', 'r', 'a')$$), '^42501: new row violates row-level security policy', 'nor writes another''s');
select is(pg_temp.as_app(null, $$select count(*) from zenglow.retrieval_settings$$), '0', 'no tenant sees nothing');

-- Audit.
select results_eq($$select actor, subject, details -> 'old' -> 'settings', details -> 'new' -> 'settings', details ->> 'reason', details ->> 'issue_link'
      from zenglow_audit.events where tenant_id = 'retrieval-a' and action = 'retrieval_settings.activate' order by seq offset 1 limit 1$$,
    $$select 'tester'::text, 'retrieval_settings/' || (answer ->> 'version'), '{"k1": 0.9, "b": 0.75, "candidates": 200, "lexical_budget": 5000}'::jsonb,
        answer -> 'settings', 'test'::text, 'https://example.org/17'::text from second_set$$,
    'each change is audited: actor, the version, old and new settings, reason and link');
select is((select count(*) from zenglow_audit.events where tenant_id = '_global' and action = 'retrieval_settings.activate'
    and actor = 'operator'), 1::bigint, 'a _global change is audited in _global''s chain');

-- Versions are never changed; bad values are refused, naming the field.
select throws_ok($$update zenglow.retrieval_settings set settings = '{"k1": 3}'$$, 'ZG005', null, 'versions are never updated');
select throws_ok($$delete from zenglow.retrieval_settings$$, 'ZG005', null, 'nor deleted');
select is(pg_temp.refusal('retrieval-a', format('select pg_temp.set(''retrieval-a'', %L)', v)), 'ZG009: ' || m, 'refused: ' || v)
from (values
    ('{"k1": 101}', 'setting ''k1'' must be a number between 0 and 100, not 101'),
    ('{"b": "0.4"}', 'setting ''b'' must be a number between 0 and 1, not "0.4"'),
    ('{"candidates": 2.5}', 'setting ''candidates'' must be an integer between 1 and 1000, not 2.5'),
    ('{"lexical_budget": 0}', 'setting ''lexical_budget'' must be an integer between 1 and 1000000, not 0'),
    ('{"k2": 1}', 'unknown setting ''k2'''),
    ('[1]', 'settings must be a JSON object')) t (v, m);

-- The NOTIFY (sent at the start).
select is_empty($$select * from rolled_back$$, 'a rolled-back change announces nothing');
select results_eq($$select channel, payload from committed$$,
    format($$select 'zenglow_settings'::text, jsonb_build_object('tenant_id', %L::text, 'version', max(version), 'ltr_version', null)
        from dblink('settings_writer', 'select version from zenglow.retrieval_settings where tenant_id = ''%s''') as t (version bigint)$$,
        :'notified', :'notified'),
    'a committed change is announced once on zenglow_settings: {tenant_id, version, ltr_version}');
select dblink_disconnect('settings_listener') \g /dev/null
select dblink_disconnect('settings_writer') \g /dev/null

select * from finish();
rollback;
