set local role zenglow_owner;

create or replace view zenglow.doc_embeddings
with (security_invoker = true)
as
-- The operators' name for chunks of the active model, with their document fields.
select c.tenant_id, c.document_id, c.chunk_id, c.chunk_order, c.source, c.title, c.metadata, c.content_hash,
    c.batch_id, c.batch_tag, c.body, c.tsv, c.embedding, c.embedding_model, c.ingested_at
from zenglow.chunks c
join zenglow.models m on m.model_name = c.embedding_model and m.active;
