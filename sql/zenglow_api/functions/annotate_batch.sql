set local role zenglow_owner;

create or replace function zenglow_api.annotate_batch(
    p_tag text,
    p_alert_reason text,
    p_drift jsonb,
    p_pii jsonb,
    p_summary jsonb default null
)
returns jsonb
language plpgsql
volatile
as $$
-- Records what the spool worker learnt about one of the current tenant's batches after loading
-- it: the alert its run raised (healed_partition, …), the drift of its source mix, the PII found
-- and its ingest summary. A null argument leaves that column as it is, so the worker may annotate
-- in steps. Setting an alert reason announces the manifest again, now with "reason". Runs with
-- the caller's rights: row-level security keeps it to the caller's tenant as well.
declare
    v_tenant text := zenglow.require_tenant();
    v_batch zenglow.batches;
begin
    -- The values the batches table's constraints hold, refused here with a message that says so.
    if p_alert_reason is not null and p_alert_reason not in ('failed', 'healed_partition', 'partition_missing', 'other_error') then
        raise exception using errcode = 'ZG009', message = format('unknown alert reason %L', left(p_alert_reason, 200)),
            hint = 'alert reasons are failed, healed_partition, partition_missing and other_error (success raises no alert)';
    end if;
    if jsonb_typeof(p_drift) <> 'object' or jsonb_typeof(p_pii) <> 'object' or jsonb_typeof(p_summary) <> 'object' then
        raise exception using errcode = 'ZG009', message = 'drift, pii and summary are JSON objects',
            detail = format('drift is %s, pii %s, summary %s', coalesce(jsonb_typeof(p_drift), 'null'),
                coalesce(jsonb_typeof(p_pii), 'null'), coalesce(jsonb_typeof(p_summary), 'null'));
    end if;
    -- A manifest stays small: it is read on every GET /ingest/batches/{tag}.
    if octet_length(p_drift::text) > 65536 or octet_length(p_pii::text) > 65536 or octet_length(p_summary::text) > 65536 then
        raise exception using errcode = 'ZG009', message = 'drift, pii and summary are at most 65536 bytes of JSON each',
            detail = format('drift %s bytes, pii %s, summary %s', coalesce(octet_length(p_drift::text), 0),
                coalesce(octet_length(p_pii::text), 0), coalesce(octet_length(p_summary::text), 0));
    end if;
    update zenglow.batches b set
        alert_reason = coalesce(p_alert_reason, b.alert_reason),
        drift = coalesce(p_drift, b.drift),
        pii = coalesce(p_pii, b.pii),
        summary = coalesce(p_summary, b.summary)
    where b.tenant_id = v_tenant and b.batch_tag = p_tag
    returning * into v_batch;
    if not found then
        raise exception using errcode = 'ZG007',
            message = format('no batch %s for this tenant', coalesce(quote_literal(left(p_tag, 200)), 'null'));
    end if;
    return to_jsonb(v_batch);
end
$$;

comment on function zenglow_api.annotate_batch(text, text, jsonb, jsonb, jsonb) is
    'Sets the spool worker''s findings on a batch of the current tenant (alert_reason, drift, pii, summary; null keeps a '
    'value) and returns the manifest; a new alert reason is announced on zenglow_manifest with "reason". '
    'Errors: ZG001 no tenant, ZG007 no such batch, ZG009 unknown alert reason, a value that is not a JSON object or too large.';
