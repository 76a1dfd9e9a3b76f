-- zenglow.rag_query_arguments: rag_query's argument checks and resolved options. Every boundary
-- of every option is refused with ZG009 (ZG008 for the embedding) naming it, through rag_query
-- itself as the API calls it, never with a raw data exception (22P02, 22003, 2201W …).
begin;
select plan(57);

insert into zenglow.tenants (tenant_id) values ('args-a');
create function pg_temp.unit(p_dimension integer default 384) returns real[] language sql immutable as $$
    select array_agg(case when g = 1 then 1 else 0 end::real order by g) from generate_series(1, p_dimension) g
$$;
create function pg_temp.args(p_options jsonb, p_top_k integer default 10) returns text language sql as $$
    select row(a.k1, a.b, a.candidates, a.lexical_budget)::text
    from zenglow.rag_query_arguments('insulin', null, p_top_k, '{}', 'bm25', p_options, 'all-MiniLM-L6-v2', 384) a
$$;

-- Resolved options: defaults, and the boundaries that are allowed.
select is(pg_temp.args('{}'), '(1.2,0.75,200,5000)', 'defaults: k1 1.2, b 0.75, candidates 200, lexical_budget 5000');
select is(pg_temp.args(null), '(1.2,0.75,200,5000)', 'null options are the defaults');
select is(pg_temp.args('{}', 500), '(1.2,0.75,500,5000)', 'candidates default to top_k when it is larger');
select is(pg_temp.args('{"k1": null, "b": null}'), '(1.2,0.75,200,5000)', 'a JSON null option is its default');
select is(pg_temp.args('{"k1": 0, "b": 0, "candidates": 1, "lexical_budget": 1}'), '(0,0,1,1)', 'the lower bounds are allowed');
select is(pg_temp.args('{"k1": 100, "b": 1, "candidates": 1000, "lexical_budget": 1000000}'), '(100,1,1000,1000000)',
    'the upper bounds are allowed');
select is(pg_temp.args('{"k1": 0.9, "b": 0.4, "candidates": 200.0}'), '(0.9,0.4,200,5000)', 'an integral 200.0 is an integer');
select is(pg_temp.args('{"k1": 1e-400}'), '(0,0.75,200,5000)', 'a magnitude below double precision counts as 0, not an underflow error');
select results_eq($$select terms, filter from zenglow.rag_query_arguments('Insulins regulate', null, 10, '{"source": "a"}', 'bm25', '{}', 'm', 384)$$,
    $$values (array['insulin', 'regul']::text[], ' and c.source = any (''{a}''::text[])'::text)$$,
    'it resolves the query''s stemmed terms and the filters'' WHERE fragment');

-- Every refusal goes through rag_query, as the API calls it.
set local role zenglow_app;
set local zenglow.tenant_id = 'args-a';
create function pg_temp.refuses(p_options jsonb, p_message text) returns text language sql as $$
    select throws_ok(format('select zenglow_api.rag_query(%L, null, 10, %L, false, %L, %L)', 'insulin', '{}', 'bm25', p_options),
        'ZG009', p_message, format('options %s: %s', p_options, p_message))
$$;
select pg_temp.refuses('{"k1": -0.001}', 'option ''k1'' must be a number between 0 and 100, not -0.001');
select pg_temp.refuses('{"k1": 100.001}', 'option ''k1'' must be a number between 0 and 100, not 100.001');
select pg_temp.refuses('{"k1": "abc"}', 'option ''k1'' must be a number between 0 and 100, not "abc"');
select pg_temp.refuses('{"k1": "1.2"}', 'option ''k1'' must be a number between 0 and 100, not "1.2"');
select pg_temp.refuses('{"k1": true}', 'option ''k1'' must be a number between 0 and 100, not true');
select pg_temp.refuses('{"k1": 1e400}', 'option ''k1'' must be a number between 0 and 100, not 1.000000e+400');
select pg_temp.refuses('{"k1": [1]}', 'option ''k1'' must be a number between 0 and 100, not [1]');
select pg_temp.refuses('{"b": -0.1}', 'option ''b'' must be a number between 0 and 1, not -0.1');
select pg_temp.refuses('{"b": 1.01}', 'option ''b'' must be a number between 0 and 1, not 1.01');
select pg_temp.refuses('{"b": "NaN"}', 'option ''b'' must be a number between 0 and 1, not "NaN"');
select pg_temp.refuses('{"candidates": 0}', 'option ''candidates'' must be an integer between 1 and 1000, not 0');
select pg_temp.refuses('{"candidates": 1001}', 'option ''candidates'' must be an integer between 1 and 1000, not 1001');
select pg_temp.refuses('{"candidates": 1.5}', 'option ''candidates'' must be an integer between 1 and 1000, not 1.5');
select pg_temp.refuses('{"candidates": 1e10}', 'option ''candidates'' must be an integer between 1 and 1000, not 10000000000');
select pg_temp.refuses('{"candidates": "many"}', 'option ''candidates'' must be an integer between 1 and 1000, not "many"');
select pg_temp.refuses('{"lexical_budget": 0}', 'option ''lexical_budget'' must be an integer between 1 and 1000000, not 0');
select pg_temp.refuses('{"lexical_budget": -5}', 'option ''lexical_budget'' must be an integer between 1 and 1000000, not -5');
select pg_temp.refuses('{"lexical_budget": 1000001}', 'option ''lexical_budget'' must be an integer between 1 and 1000000, not 1000001');
select pg_temp.refuses('{"lexical_budget": 9223372036854775808}',
    'option ''lexical_budget'' must be an integer between 1 and 1000000, not 9223372036854775808');
select pg_temp.refuses('{"k": 1}', 'unknown option ''k''');
select pg_temp.refuses('[1, 2]', 'options must be a JSON object');
select pg_temp.refuses('"k1=1"', 'options must be a JSON object');

select throws_ok($$select zenglow_api.rag_query('x', null, 0)$$, 'ZG009', 'top_k must be between 1 and 1000, not 0', 'top_k 0 is refused');
select throws_ok($$select zenglow_api.rag_query('x', null, 1001)$$, 'ZG009', 'top_k must be between 1 and 1000, not 1001', 'top_k 1001 is refused');
select throws_ok($$select zenglow_api.rag_query('x', null, null)$$, 'ZG009', 'top_k must be between 1 and 1000, not null', 'a null top_k is refused');
select lives_ok($$select zenglow_api.rag_query('x', null, 1000)$$, 'top_k 1000 is allowed');
select throws_ok($$select zenglow_api.rag_query('x', null, 10, '{}', false, 'hybrid')$$, 'ZG009', 'unknown mode ''hybrid''', 'an unknown mode is refused');
select throws_ok($$select zenglow_api.rag_query('x', null, 10, '{}', false, null)$$, 'ZG009', 'unknown mode null', 'a null mode is refused');
select throws_ok(format('select zenglow_api.rag_query(%L)', repeat('a ', 50001)), 'ZG009',
    'the query has 100002 characters; at most 100000 are allowed', 'a query beyond 100,000 characters is refused');

-- Filters (zenglow.retrieval_filter): every malformed shape is ZG009.
select throws_ok(format('select zenglow_api.rag_query(''x'', null, 10, %L)', f), 'ZG009', m, format('filters %s are refused', f))
from (values
    ('[1]', 'filters must be a JSON object'),
    ('"pubmed"', 'filters must be a JSON object'),
    ('{"source": 1}', 'filter ''source'' must be a string or an array of strings'),
    ('{"source": [1e400]}', 'filter ''source'' must be a string or an array of strings'),
    ('{"batch": [null]}', 'filter ''batch'' must be a string or an array of strings'),
    ('{"batch": [["b"]]}', 'filter ''batch'' must be a string or an array of strings'),
    ('{"metadata": [1]}', 'filter ''metadata'' must be a JSON object'),
    ('{"lang": "en"}', 'unknown filter ''lang''')) t (f, m);
select lives_ok($$select zenglow_api.rag_query('x', null, 10, '{"metadata": {"year": 1e400, "n": null}, "source": []}')$$,
    'any JSON value inside the metadata filter is compared, never cast');

-- The query embedding (ZG008).
select throws_ok($$select zenglow_api.rag_query('x', array_fill(0::real, array[384]))$$, 'ZG008',
    'the query embedding has zero length', 'a zero embedding is refused: its cosine is undefined');
select throws_ok($$select zenglow_api.rag_query('x', array_fill(1e19::real, array[384]))$$, 'ZG008',
    'the query embedding''s norm is not finite', 'an embedding whose squared norm overflows single precision is refused');
select lives_ok($$select zenglow_api.rag_query('x', array_fill(9e17::real, array[1]) || array_fill(0::real, array[383]))$$,
    'a large embedding whose squared norm still fits single precision is allowed');
select throws_ok($$select zenglow_api.rag_query('x', array_fill(0.1::real, array[383]) || 'NaN'::real)$$, 'ZG008',
    'the query embedding holds NaN or infinite values', 'NaN is refused');
select throws_ok($$select zenglow_api.rag_query('x', array_fill(0.1::real, array[383]) || '-Infinity'::real)$$, 'ZG008',
    'the query embedding holds NaN or infinite values', 'an infinity is refused');
select throws_ok($$select zenglow_api.rag_query('x', array_fill(0.1::real, array[383]) || null::real)$$, 'ZG008',
    'the query embedding holds 1 null values', 'a null component is refused');
select throws_ok($$select zenglow_api.rag_query('x', array_fill(0.1::real, array[192, 2]))$$, 'ZG008',
    'the query embedding must be a one-dimensional array, not 2-dimensional', 'a two-dimensional array is refused');
select throws_ok($$select zenglow_api.rag_query('x', '{}'::real[])$$, 'ZG008',
    'the query embedding has 0 dimensions; model all-MiniLM-L6-v2 has 384', 'an empty embedding is refused');
select throws_ok($$select zenglow_api.rag_query('x', null, 10, '{}', false, 'vector')$$, 'ZG008',
    'vector mode needs a query embedding', 'vector mode without an embedding is refused');
select lives_ok($$select zenglow_api.rag_query('x', pg_temp.unit(), 10, '{}', false, 'vector')$$, 'a unit embedding is fine');
reset role;

select * from finish();
rollback;
