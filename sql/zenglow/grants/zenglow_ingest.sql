set local role zenglow_owner;

-- Loaders: write chunks and batches of their tenant, heal a missing partition, call zenglow_api,
-- annotate and announce their batches and audit failed and healed loads (the spool worker).
grant usage on schema zenglow, zenglow_api, zenglow_audit to zenglow_ingest;

grant select on zenglow.tenants, zenglow.models to zenglow_ingest;
grant select, insert, update, delete on zenglow.term_stats, zenglow.corpus_stats to zenglow_ingest;
grant select, insert, delete on zenglow.chunks to zenglow_ingest;
grant select, insert, update on zenglow.batches to zenglow_ingest;
grant usage on sequence zenglow.chunks_chunk_id_seq to zenglow_ingest;

grant execute on function
    zenglow.terms_tsquery(text[]),
    zenglow.current_tenant(),
    zenglow.require_tenant(),
    zenglow.ensure_chunk_partition(timestamptz, text),
    zenglow_api.open_batch(text, text, text),
    zenglow_api.transition_batch(bigint, text, text, bigint, bigint, jsonb, text),
    zenglow_api.get_batch(text),
    zenglow_api.prepare_staging(),
    zenglow_api.ingest_staged_batch(text, text, text, bigint, text, bigint),
    zenglow_api.annotate_batch(text, text, jsonb, jsonb, jsonb),
    zenglow_api.announce_ingest_problem(text, text, text),
    zenglow_api.record_ingest_event(text, text, text, jsonb),
    zenglow.token_count(tsvector),
    zenglow.forget_chunks(text),
    zenglow.check_staged_chunks(text, integer, boolean),
    zenglow.add_term_stats(text, text, integer, text[], bigint[], bigint, bigint),
    -- Called by the triggers that advance the corpus epoch, which run as the writer.
    zenglow.advance_corpus_epoch(text),
    zenglow.in_maintenance_mode(),
    zenglow_audit.append(text, text, text, jsonb)
to zenglow_ingest;
