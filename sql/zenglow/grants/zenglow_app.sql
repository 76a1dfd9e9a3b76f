set local role zenglow_owner;

-- The API: reads its tenant's data, writes weights and timings, calls zenglow_api. Owns nothing.
grant usage on schema zenglow, zenglow_api, zenglow_audit to zenglow_app;

grant select on zenglow.tenants, zenglow.models, zenglow.chunks, zenglow.batches, zenglow.fusion_weights,
    zenglow.doc_embeddings, zenglow.term_stats, zenglow.corpus_stats, zenglow.source_priors, zenglow.ltr_models,
    zenglow.ann_settings to zenglow_app;
grant insert on zenglow.fusion_weights, zenglow.query_performance to zenglow_app;
grant usage on sequence zenglow.fusion_weights_version_seq to zenglow_app;
grant select on zenglow_audit.events to zenglow_app;

grant execute on function
    zenglow.current_tenant(),
    zenglow.require_tenant(),
    zenglow.validate_fusion_weights(jsonb),
    zenglow.capabilities(),
    zenglow.is_hypertable(regclass),
    zenglow_api.current_fusion_weights(),
    zenglow_api.set_fusion_weights(jsonb, text, text, text),
    zenglow_api.get_batch(text),
    zenglow_api.authenticate_key(text, bytea),
    zenglow_api.check_api_key(text, bytea),
    zenglow_api.rag_query(text, real[], integer, jsonb, boolean, text, jsonb),
    zenglow.retrieval_filter(jsonb),
    zenglow.rag_query_arguments(text, real[], integer, jsonb, text, jsonb, text, integer),
    zenglow.bm25_statistics(text, text, text[], bigint),
    zenglow.bounded_number(jsonb, text, numeric, numeric, boolean, text, text),
    zenglow.query_terms(text),
    zenglow.terms_tsquery(text[]),
    zenglow.cosine_similarity(real[], real[]),
    zenglow.apply_ann_settings(text, integer),
    zenglow_api.record_performance(jsonb),
    zenglow_api.cache_generation(),
    zenglow_api.schema_status(),
    zenglow_audit.append(text, text, text, jsonb)
to zenglow_app;
