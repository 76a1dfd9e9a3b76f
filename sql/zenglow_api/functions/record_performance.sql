set local role zenglow_owner;

create or replace function zenglow_api.record_performance(p_records jsonb)
returns integer
language sql
volatile
as $$
    -- Stores a batch of request timings for the current tenant (the API's asynchronous writer
    -- calls this once per tenant and flush); returns how many rows were written.
    with inserted as (
        insert into zenglow.query_performance (ts, tenant_id, request_id, endpoint, status, top_k, result_count,
            weights_version, model, embed_ms, retrieve_ms, total_ms)
        select coalesce(r.ts, now()), zenglow.require_tenant(), r.request_id, r.endpoint, r.status, r.top_k,
            r.result_count, r.weights_version, r.model, r.embed_ms, r.retrieve_ms, r.total_ms
        from jsonb_to_recordset(p_records) as r (ts timestamptz, request_id text, endpoint text, status integer,
            top_k integer, result_count integer, weights_version bigint, model text, embed_ms double precision,
            retrieve_ms double precision, total_ms double precision)
        returning 1)
    select count(*)::integer from inserted
$$;

comment on function zenglow_api.record_performance(jsonb) is
    'Stores request timings [{ts, request_id, endpoint, status, top_k, result_count, weights_version, model, embed_ms, '
    'retrieve_ms, total_ms}] for the current tenant in zenglow.query_performance. Errors: ZG001 no tenant.';
