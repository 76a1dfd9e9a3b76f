-- rag_query's timing block, shared by rag_query_timing.sql (pgvector, HNSW) and
-- fallback/rag_query_timing.sql (real[], exact scan), on the small corpus. 16 tests.
-- Runs as zenglow_app; tenant retrieval-a.

-- One call, with the elapsed time around it measured by the same clock rag_query reads.
create function pg_temp.timed(p_query text, p_embedding real[], p_mode text, p_explain boolean default false)
returns table (timing jsonb, elapsed_ms numeric) language plpgsql as $$
declare
    v_before timestamptz := clock_timestamp();
    v_answer jsonb := zenglow_api.rag_query(p_query, p_embedding, 3, '{}', p_explain, p_mode);
begin
    return query select v_answer -> 'timing', round(extract(epoch from clock_timestamp() - v_before) * 1000, 3);
end
$$;

create temporary table timed_cases as
select c.label, t.timing, t.elapsed_ms
from (values
    ('fusion', 'light photosynthesis', pg_temp.basis(6), 'fusion', false),
    ('fusion without an embedding', 'light photosynthesis', null, 'fusion', false),
    ('rrf with explain', 'light photosynthesis', pg_temp.basis(6), 'rrf', true),
    ('bm25', 'insulin', null, 'bm25', false),
    ('vector', '', pg_temp.basis(3), 'vector', false)) c (label, query, embedding, mode, explain)
cross join lateral pg_temp.timed(c.query, c.embedding, c.mode, c.explain) t;

select is((select array_agg(k order by k) from jsonb_object_keys(timing) k),
    array['features_ms', 'fusion_ms', 'lexical_ms', 'ltr_ms', 'plan_ms', 'prepare_ms', 'total_ms', 'vector_ms'],
    label || ': the timing block has prepare, plan, the five stages and the total')
from timed_cases order by label;
select ok(not exists (select from jsonb_each(timing) e where jsonb_typeof(e.value) <> 'number' or e.value::numeric < 0),
    label || ': every timing is a non-negative number of milliseconds')
from timed_cases order by label;
select ok((select sum(e.value::numeric) from jsonb_each(timing) e where e.key <> 'total_ms') <= (timing ->> 'total_ms')::numeric
        and (timing ->> 'total_ms')::numeric <= elapsed_ms,
    label || ': the steps add up to at most the total, and the total to at most the time around the call')
from timed_cases order by label;

-- A features step made slow on purpose (the features join is the only reader of source_priors:
-- a restrictive policy that sleeps 50 ms once per scan) must show in features_ms, not elsewhere.
reset role;
insert into zenglow.source_priors (tenant_id, source, prior) values ('retrieval-a', 'biology', 0.1);
create policy slow_features on zenglow.source_priors as restrictive for select to zenglow_app
    using ((select pg_sleep(0.05)) is not null);
set local role zenglow_app;
select ok((timing ->> 'features_ms')::numeric >= 50,
    'the features stage''s 50 ms show in features_ms: ' || timing::text)
from pg_temp.timed('light photosynthesis', pg_temp.basis(6), 'fusion');
