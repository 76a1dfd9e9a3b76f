set local role zenglow_owner;

create or replace function zenglow.retrieval_settings_defaults()
returns jsonb
language sql
immutable
parallel safe
as $$
    -- The built-in retrieval settings, used where neither the call, the tenant nor _global gives
    -- a value: BM25 k1 1.2 and b 0.75 (Robertson's usual values), 200 candidates per branch
    -- (never fewer than top_k), 5000 postings of the lexical budget.
    select '{"k1": 1.2, "b": 0.75, "candidates": 200, "lexical_budget": 5000}'::jsonb
$$;

comment on function zenglow.retrieval_settings_defaults() is
    'The built-in retrieval settings: {"k1": 1.2, "b": 0.75, "candidates": 200, "lexical_budget": 5000}.';
