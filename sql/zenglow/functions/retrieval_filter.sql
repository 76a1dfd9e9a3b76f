set local role zenglow_owner;

create or replace function zenglow.retrieval_filter(p_filters jsonb)
returns text
language plpgsql
immutable
as $$
-- The WHERE fragment (on alias c) both retrieval branches share, from the request's filters:
--   {"source": "a" | ["a", "b"], "batch": "tag" | ["t1", "t2"], "metadata": {…} (containment)}
-- Values become quoted literals; an unknown key or a wrong type raises ZG009 naming it.
declare
    v_key text;
    v_sql text := '';
    v_value jsonb;
begin
    if p_filters is null or p_filters = 'null'::jsonb then
        return '';
    end if;
    if jsonb_typeof(p_filters) <> 'object' then
        raise exception using errcode = 'ZG009', message = 'filters must be a JSON object',
            hint = 'e.g. {"source": ["pubmed"], "batch": "b1", "metadata": {"lang": "en"}}';
    end if;
    for v_key, v_value in select * from jsonb_each(p_filters) loop
        if v_key in ('source', 'batch') then
            if jsonb_typeof(v_value) = 'string' then
                v_value := jsonb_build_array(v_value);
            end if;
            if jsonb_typeof(v_value) <> 'array' or exists (
                    select from jsonb_array_elements(v_value) e where jsonb_typeof(e) <> 'string') then
                raise exception using errcode = 'ZG009',
                    message = format('filter %L must be a string or an array of strings', v_key);
            end if;
            v_sql := v_sql || format(' and c.%s = any (%L::text[])',
                case v_key when 'source' then 'source' else 'batch_tag' end,
                (select coalesce(array_agg(e), '{}') from jsonb_array_elements_text(v_value) e));
        elsif v_key = 'metadata' then
            if jsonb_typeof(v_value) <> 'object' then
                raise exception using errcode = 'ZG009', message = 'filter ''metadata'' must be a JSON object',
                    hint = 'rows match when their metadata contains it, e.g. {"lang": "en"}';
            end if;
            v_sql := v_sql || format(' and c.metadata @> %L::jsonb', v_value);
        else
            raise exception using errcode = 'ZG009', message = format('unknown filter %L', v_key),
                hint = 'filters are source, batch and metadata';
        end if;
    end loop;
    return v_sql;
end
$$;
