set local role zenglow_owner;

create or replace function zenglow.validate_retrieval_settings(p_settings jsonb, p_kind text default 'setting')
returns jsonb
language plpgsql
immutable
as $$
-- Retrieval settings, stored (p_kind 'setting') or one rag_query call's options (p_kind 'option'),
-- are a JSON object of JSON numbers: k1 0..100, b 0..1, candidates 1..1000 and lexical_budget
-- 1..1000000 (integers). Returns the keys given, as numbers (a JSON null key is left out: the
-- caller falls back for it); raises ZG009 naming the field and its range, never a cast error. The
-- one list of fields, so a new setting is added here and nowhere else.
declare
    v_hint constant text := format('%ss are k1 (0..100), b (0..1), candidates (1..1000) and lexical_budget (1..1000000)', p_kind);
    v_key text;
    v_value numeric;
    v_result jsonb := '{}';
    v_field record;
begin
    if p_settings is null or jsonb_typeof(p_settings) = 'null' then
        return v_result;
    end if;
    if jsonb_typeof(p_settings) <> 'object' then
        raise exception using errcode = 'ZG009', message = format('%ss must be a JSON object', p_kind), hint = v_hint;
    end if;
    for v_key in select jsonb_object_keys(p_settings) loop
        if v_key not in ('k1', 'b', 'candidates', 'lexical_budget') then
            raise exception using errcode = 'ZG009', message = format('unknown %s %L', p_kind, v_key), hint = v_hint;
        end if;
    end loop;
    for v_field in
        select * from (values ('k1', 0, 100, false), ('b', 0, 1, false), ('candidates', 1, 1000, true),
            ('lexical_budget', 1, 1000000, true)) f (name, low, high, whole)
    loop
        v_value := zenglow.bounded_number(p_settings -> v_field.name, format('%s %L', p_kind, v_field.name),
            v_field.low, v_field.high, v_field.whole, 'ZG009', v_hint);
        if v_value is not null then
            -- An integer field given as 200.0 is stored as 200, which every JSON reader takes as one.
            v_result := v_result || jsonb_build_object(v_field.name, case when v_field.whole then trunc(v_value) else v_value end);
        end if;
    end loop;
    return v_result;
end
$$;

comment on function zenglow.validate_retrieval_settings(jsonb, text) is
    'Retrieval settings or rag_query options {k1 0..100, b 0..1, candidates 1..1000, lexical_budget 1..1000000}: '
    'the keys given as numbers (JSON nulls left out), or ZG009 naming the field.';
