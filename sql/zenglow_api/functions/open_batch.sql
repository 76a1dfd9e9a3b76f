set local role zenglow_owner;

create or replace function zenglow_api.open_batch(p_batch_tag text, p_source text, p_content_hash text)
returns jsonb
language plpgsql
volatile
as $$
-- Opens an ingest batch for the current tenant, or recognises a re-submission: the same content
-- (content_hash) already loaded answers resubmitted = true and changes nothing. A failed batch
-- of the same content is returned for a retry; a tag reused for other content is refused (ZG004),
-- a malformed tag or content hash too (ZG009).
declare
    v_tenant text := zenglow.require_tenant();
    v_batch zenglow.batches;
begin
    -- The formats the batches table's constraints hold, refused here with a message that says so.
    if p_batch_tag is null or p_batch_tag !~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' then
        raise exception using errcode = 'ZG009', message = format('batch tag %s is not valid', coalesce(quote_literal(left(p_batch_tag, 200)), 'null')),
            hint = '1 to 128 letters, digits, ., _, : and -, starting with a letter or digit';
    end if;
    if p_content_hash is null or p_content_hash !~ '^sha256:[0-9a-f]{64}$' then
        raise exception using errcode = 'ZG009', message = format('content hash %s is not valid', coalesce(quote_literal(left(p_content_hash, 200)), 'null')),
            hint = 'sha256: followed by 64 lowercase hexadecimal digits';
    end if;
    -- Two loaders submitting the same content at once: the second waits and then sees the first.
    perform pg_advisory_xact_lock(hashtextextended('zenglow.batch:' || v_tenant || ':' || p_content_hash, 0));
    select * into v_batch from zenglow.batches where tenant_id = v_tenant and content_hash = p_content_hash;
    if found then
        return jsonb_build_object('batch_id', v_batch.batch_id, 'batch_tag', v_batch.batch_tag, 'state', v_batch.state,
            'resubmitted', v_batch.state in ('done', 'healed'));
    end if;
    select * into v_batch from zenglow.batches where tenant_id = v_tenant and batch_tag = p_batch_tag;
    if found then
        raise exception using errcode = 'ZG004',
            message = format('batch tag %L was already used for other content', p_batch_tag),
            detail = format('batch %s has content %s, this submission %s', v_batch.batch_id, v_batch.content_hash, p_content_hash),
            hint = 'give this batch a new tag, or re-submit exactly the content of the first one';
    end if;
    insert into zenglow.batches (tenant_id, batch_tag, source, content_hash)
    values (v_tenant, p_batch_tag, coalesce(p_source, ''), p_content_hash)
    returning * into v_batch;
    return jsonb_build_object('batch_id', v_batch.batch_id, 'batch_tag', v_batch.batch_tag, 'state', v_batch.state,
        'resubmitted', false);
end
$$;

comment on function zenglow_api.open_batch(text, text, text) is
    'Opens an ingest batch (state open) for the current tenant, or returns the existing one for the same content_hash '
    '(resubmitted = true when it already loaded). Errors: ZG001 no tenant, ZG004 tag reused for other content, '
    'ZG009 a malformed tag or content hash.';
