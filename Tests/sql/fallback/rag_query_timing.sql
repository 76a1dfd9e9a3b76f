-- rag_query's timing block without pgvector (exact scan over real[]).
begin;
select plan(17);

\o /dev/null
\ir ../support/corpus.sql
\o

set local role zenglow_app;
\ir ../support/rag_query_timing.sql
reset role;

-- The exact scan calls zenglow.cosine_similarity once per chunk of the tenant (6): made to sleep
-- 10 ms a call, a vector-only query spends at least 60 ms in vector_ms.
create or replace function zenglow.cosine_similarity(p_a real[], p_b real[])
returns double precision language sql immutable strict as $$
    select pg_sleep(0.01);
    select sum(x::double precision * y) / nullif(sqrt(sum(x::double precision * x)) * sqrt(sum(y::double precision * y)), 0)
    from unnest(p_a, p_b) as t (x, y)
$$;
set local role zenglow_app;
select ok((timing ->> 'vector_ms')::numeric >= 60, 'the vector branch''s 60 ms show in vector_ms: ' || timing::text)
from pg_temp.timed('', pg_temp.basis(3), 'vector');
reset role;

select * from finish();
rollback;
