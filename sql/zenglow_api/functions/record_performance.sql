set local role zenglow_owner;

create or replace function zenglow_api.record_performance(p_records jsonb)
returns integer
language plpgsql
volatile
as $$
-- Stores a batch of request timings for the current tenant (the API's asynchronous writer
-- calls this once per tenant and flush); returns how many rows were written. Every field is
-- checked before it is cast, so a malformed record is refused with ZG009 naming the record
-- (1-based), the field and what it may hold, never with PostgreSQL's own 22xxx errors:
--   endpoint (required) a non-empty string; request_id, model strings;
--   ts an ISO 8601 timestamp (default now());
--   status (required) an integer 100..599; top_k, result_count integers 0..2147483647;
--   weights_version an integer 1..9223372036854775807;
--   total_ms (required), embed_ms, retrieve_ms, features_ms, ltr_ms, fusion_ms numbers
--   0..86400000 (a day); cache_hit a boolean (default false: answered without the response cache);
--   error_code, degraded_reason, mode strings; ltr_version an integer 1..9223372036854775807;
--   result_sources an object of source -> integer 0..2147483647 ({"pubmed": 7});
--   top_documents an array of at most 10 strings; query_text a string of at most 2000 characters
--   (the API sends it, scrubbed, only with LOG_QUERY_TEXT=true; analysts can never read it).
-- Other keys are ignored. Nothing is written unless every record is valid.
declare
    v_tenant text := zenglow.require_tenant();
    v_record jsonb;
    v_index bigint;
    v_field record;
    v_value jsonb;
    v_count integer;
begin
    if p_records is null or jsonb_typeof(p_records) = 'null' then
        return 0;
    end if;
    if jsonb_typeof(p_records) <> 'array' then
        raise exception using errcode = 'ZG009', message = 'timing records must be a JSON array of objects',
            hint = 'e.g. [{"endpoint": "/rag/query", "status": 200, "total_ms": 12.5}]';
    end if;
    for v_record, v_index in select r, i from jsonb_array_elements(p_records) with ordinality as t (r, i) loop
        if jsonb_typeof(v_record) <> 'object' then
            raise exception using errcode = 'ZG009', message = format('timing record %s must be a JSON object', v_index);
        end if;
        for v_field in
            select * from (values
                ('endpoint', 'string', true, null::numeric, null::numeric),
                ('request_id', 'string', false, null, null),
                ('model', 'string', false, null, null),
                ('ts', 'timestamp', false, null, null),
                ('status', 'integer', true, 100, 599),
                ('top_k', 'integer', false, 0, 2147483647),
                ('result_count', 'integer', false, 0, 2147483647),
                ('weights_version', 'integer', false, 1, 9223372036854775807),
                ('total_ms', 'number', true, 0, 86400000),
                ('embed_ms', 'number', false, 0, 86400000),
                ('retrieve_ms', 'number', false, 0, 86400000),
                ('features_ms', 'number', false, 0, 86400000),
                ('ltr_ms', 'number', false, 0, 86400000),
                ('fusion_ms', 'number', false, 0, 86400000),
                ('cache_hit', 'boolean', false, null, null),
                ('error_code', 'string', false, null, null),
                ('degraded_reason', 'string', false, null, null),
                ('mode', 'string', false, null, null),
                ('ltr_version', 'integer', false, 1, 9223372036854775807),
                ('result_sources', 'sources', false, 0, 2147483647),
                ('top_documents', 'documents', false, null, 10),
                ('query_text', 'text', false, null, 2000)) f (name, kind, required, minimum, maximum)
        loop
            v_value := nullif(v_record -> v_field.name, 'null'::jsonb);
            if v_value is null then
                if v_field.required then
                    raise exception using errcode = 'ZG009', message = format('timing record %s: %s is required', v_index, v_field.name);
                end if;
            elsif v_field.kind in ('integer', 'number') then
                perform zenglow.bounded_number(v_value, format('timing record %s: %s', v_index, v_field.name),
                    v_field.minimum, v_field.maximum, v_field.kind = 'integer');
            elsif v_field.kind = 'sources' then
                if jsonb_typeof(v_value) <> 'object' then
                    raise exception using errcode = 'ZG009',
                        message = format('timing record %s: %s must be an object of source -> count, not %s', v_index,
                            v_field.name, left(v_value::text, 40)),
                        hint = 'e.g. {"pubmed": 7, "wiki": 3}';
                end if;
                perform zenglow.bounded_number(e.value, format('timing record %s: %s.%s', v_index, v_field.name, left(e.key, 40)),
                    v_field.minimum, v_field.maximum, true)
                from jsonb_each(v_value) e;
            elsif v_field.kind = 'documents' then
                if jsonb_typeof(v_value) <> 'array' or jsonb_array_length(v_value) > v_field.maximum
                    or exists (select from jsonb_array_elements(v_value) d where jsonb_typeof(d) <> 'string') then
                    raise exception using errcode = 'ZG009',
                        message = format('timing record %s: %s must be an array of at most %s strings, not %s', v_index,
                            v_field.name, v_field.maximum, left(v_value::text, 40));
                end if;
            elsif v_field.kind = 'text' and jsonb_typeof(v_value) = 'string' and length(v_value #>> '{}') > v_field.maximum then
                raise exception using errcode = 'ZG009',
                    message = format('timing record %s: %s must be at most %s characters, not %s', v_index, v_field.name,
                        v_field.maximum, length(v_value #>> '{}'));
            elsif v_field.kind = 'boolean' then
                if jsonb_typeof(v_value) <> 'boolean' then
                    raise exception using errcode = 'ZG009',
                        message = format('timing record %s: %s must be true or false, not %s', v_index, v_field.name,
                            left(v_value::text, 40));
                end if;
            elsif jsonb_typeof(v_value) <> 'string'
                -- The shape of ISO 8601; the cast below still refuses an impossible date.
                or (v_field.kind = 'timestamp'
                    and v_value #>> '{}' !~ '^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|[+-]\d\d(:?\d\d)?)?$')
                or (v_field.name = 'endpoint' and v_value #>> '{}' = '') then
                raise exception using errcode = 'ZG009',
                    message = format('timing record %s: %s must be %s, not %s', v_index, v_field.name,
                        case v_field.kind when 'timestamp' then 'an ISO 8601 timestamp'
                            when 'text' then format('a string of at most %s characters', v_field.maximum)
                            else case when v_field.required then 'a non-empty string' else 'a string' end end,
                        left(v_value::text, 40));
            end if;
        end loop;
    end loop;

    begin
        insert into zenglow.query_performance (ts, tenant_id, request_id, endpoint, status, top_k, cache_hit, result_count,
            weights_version, model, embed_ms, retrieve_ms, features_ms, ltr_ms, fusion_ms, total_ms, error_code,
            degraded_reason, mode, ltr_version, result_sources, top_documents, query_text)
        select coalesce((r ->> 'ts')::timestamptz, now()), v_tenant, r ->> 'request_id', r ->> 'endpoint',
            (r ->> 'status')::numeric::integer, (r ->> 'top_k')::numeric::integer,
            coalesce((nullif(r -> 'cache_hit', 'null'::jsonb))::boolean, false), (r ->> 'result_count')::numeric::integer,
            (r ->> 'weights_version')::numeric::bigint, r ->> 'model',
            -- bounded_number again: it rounds magnitudes below 1e-307 to 0, which double precision cannot hold.
            zenglow.bounded_number(r -> 'embed_ms', 'embed_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'retrieve_ms', 'retrieve_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'features_ms', 'features_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'ltr_ms', 'ltr_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'fusion_ms', 'fusion_ms', 0, 86400000)::double precision,
            zenglow.bounded_number(r -> 'total_ms', 'total_ms', 0, 86400000)::double precision,
            r ->> 'error_code', r ->> 'degraded_reason', r ->> 'mode', (r ->> 'ltr_version')::numeric::bigint,
            nullif(r -> 'result_sources', 'null'::jsonb),
            case when jsonb_typeof(r -> 'top_documents') = 'array'
                 then array(select jsonb_array_elements_text(r -> 'top_documents')) end,
            r ->> 'query_text'
        from jsonb_array_elements(p_records) r;
        get diagnostics v_count = row_count;
    exception when data_exception then
        -- Only a timestamp of the right shape but an impossible value (2026-02-30) gets here: name it.
        for v_record, v_index in select r, i from jsonb_array_elements(p_records) with ordinality as t (r, i) loop
            begin
                perform (v_record ->> 'ts')::timestamptz;
            exception when data_exception then
                raise exception using errcode = 'ZG009',
                    message = format('timing record %s: ts must be an ISO 8601 timestamp, not %s', v_index, v_record -> 'ts');
            end;
        end loop;
        raise;
    end;
    return v_count;
end
$$;

comment on function zenglow_api.record_performance(jsonb) is
    'Stores request records [{ts, request_id, endpoint, status, error_code, degraded_reason, mode, top_k, cache_hit, '
    'result_count, weights_version, ltr_version, model, embed_ms, retrieve_ms, features_ms, ltr_ms, fusion_ms, total_ms, '
    'result_sources, top_documents, query_text}] for the current tenant in zenglow.query_performance; returns the rows written. '
    'Errors: ZG001 no tenant, ZG009 a malformed record (named by its 1-based position and field).';
