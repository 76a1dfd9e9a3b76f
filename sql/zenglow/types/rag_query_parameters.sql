set local role zenglow_owner;

-- The one parameter of zenglow_api.rag_query's dynamic statement: its inputs by name, as
-- ($1).k1, ($1).terms, …, instead of sixteen positional parameters. The statement is planned
-- with the value known, so PostgreSQL folds every ($1).field to a constant, exactly as it did the
-- positional parameters (same plans, same speed).
--
-- A composite type cannot be replaced in place, so this file replaces it only when its
-- attributes differ from the list below (a new type gets a new oid, and sessions that compiled
-- rag_query against the old one would fail). No function signature uses the type, only
-- rag_query's body, so the drop never cascades; change rag_query.sql in the same commit, and
-- every session recompiles the changed function.
do $type$
declare
    v_attributes constant text := 'tenant_id text, terms text[], idf double precision[], retrieval_query tsquery, '
        'champion_terms text[], champion_depths integer[], '
        'embedding real[], avgdl double precision, k1 double precision, b double precision, candidates integer, '
        'top_k integer, mode text, weight_ltr double precision, weight_vector double precision, '
        'ltr_coefficients jsonb, ltr_intercept double precision, explain boolean';
    v_existing text;
begin
    select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' order by a.attnum)
    into v_existing
    from pg_type t join pg_attribute a on a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
    where t.oid = to_regtype('zenglow.rag_query_parameters');
    if v_existing is distinct from v_attributes then
        drop type if exists zenglow.rag_query_parameters;
        execute format('create type zenglow.rag_query_parameters as (%s)', v_attributes);
    end if;
end
$type$;

comment on type zenglow.rag_query_parameters is
    'The inputs of rag_query''s single dynamic statement, passed as one parameter and read by name.';
