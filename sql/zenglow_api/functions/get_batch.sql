set local role zenglow_owner;

create or replace function zenglow_api.get_batch(p_batch_tag text)
returns jsonb
language sql
stable
as $$
    -- The manifest of one of the current tenant's batches, by tag; null when there is none. Every
    -- column, the spool worker's findings (alert_reason, drift, pii, summary) included.
    select to_jsonb(b) from zenglow.batches b where b.tenant_id = zenglow.current_tenant() and b.batch_tag = p_batch_tag
$$;

comment on function zenglow_api.get_batch(text) is
    'The manifest of the current tenant''s batch with this tag (with alert_reason, drift, pii and summary), or null.';
