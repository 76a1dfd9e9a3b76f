set local role zenglow_owner;

create or replace function zenglow.query_rollup_5m_from_raw(p_from timestamptz, p_to timestamptz)
returns setof zenglow.query_rollup_5m
language sql
stable
set work_mem = '128MB'
set jit = off
as $$
    -- The one definition of how raw zenglow.query_performance rows in [p_from, p_to) become
    -- 5-minute rollup rows (per tenant, UTC 5-minute bucket, endpoint, mode and model, '' for a
    -- null mode or model): what zenglow.refresh_query_rollups stores and what the real-time view
    -- zenglow_stats.query_stats_5m computes past the watermark, so the two cannot disagree. It reads
    -- zenglow_stats.query_performance, not the table: the view calls it with the analyst's
    -- rights, and analysts may not use schema zenglow (the refresh reads the same rows as owner).
    -- Error classes: throttled = 429, or 503 with error_code 'overloaded'; server = any other
    -- 5xx; client = any other 4xx. Counts cover every row; a stage's sum and histogram cover the
    -- answers only (status < 400), and are null when no answer timed that stage.
    -- Built for millions of rows, never a function call per raw row (latency_bucket is inlined):
    -- each row is spread over its timed stages, one hashed aggregate counts the (stage, bucket)
    -- pairs of each row group (the 'total' stage, which every row has, also carries the row's
    -- counts), the pairs become dense arrays, and a second scan sums result_sources key by key
    -- (as jsonb_count_merge would, from jsonb_each). work_mem is raised for this function alone
    -- so that the planner may hash the pairs, and JIT is off: compiling this statement's many
    -- expressions took seconds, longer than running it over a month of rows.
    with pairs as (
        select q.tenant_id, date_bin(interval '5 minutes', q.ts, timestamptz '2000-01-01 00:00:00+00') as bucket,
            q.endpoint, coalesce(q.mode, '') as mode, coalesce(q.model, '') as model, s.stage,
            zenglow_stats.latency_bucket(s.ms) as b,
            -- Latency is of answers (status < 400): a refusal in a millisecond (429, 503 overloaded)
            -- would otherwise make latency look better the harder the service sheds load.
            q.status < 400 as answered,
            count(*) as n,
            sum(s.ms) as ms_sum,
            count(*) filter (where q.status between 400 and 499 and q.status <> 429) as client,
            count(*) filter (where q.status = 429 or (q.status = 503 and q.error_code = 'overloaded')) as throttled,
            count(*) filter (where q.status >= 500 and not (q.status = 503 and q.error_code is not distinct from 'overloaded')) as server,
            count(*) filter (where q.degraded_reason is not null) as degraded,
            count(*) filter (where q.cache_hit) as cache_hits,
            coalesce(sum(q.result_count), 0) as results
        from zenglow_stats.query_performance q
        cross join lateral (values ('total', q.total_ms), ('embed', q.embed_ms), ('retrieve', q.retrieve_ms),
            ('features', q.features_ms), ('ltr', q.ltr_ms), ('fusion', q.fusion_ms)) s (stage, ms)
        where q.ts >= p_from and q.ts < p_to and s.ms is not null
        group by 1, 2, 3, 4, 5, 6, 7, 8
    ),
    stages as (
        select tenant_id, bucket, endpoint, mode, model, stage,
            sum(n) as n, sum(ms_sum) filter (where answered) as ms_sum, sum(client) as client,
            sum(throttled) as throttled, sum(server) as server,
            sum(degraded) as degraded, sum(cache_hits) as cache_hits, sum(results) as results,
            array_agg(b order by b) filter (where answered) as bs, array_agg(n order by b) filter (where answered) as ns
        from pairs
        group by 1, 2, 3, 4, 5, 6
    ),
    grouped as (
        select tenant_id, bucket, endpoint, mode, model,
            (max(n) filter (where stage = 'total'))::bigint as n,
            (max(client) filter (where stage = 'total'))::bigint as client,
            (max(throttled) filter (where stage = 'total'))::bigint as throttled,
            (max(server) filter (where stage = 'total'))::bigint as server,
            (max(degraded) filter (where stage = 'total'))::bigint as degraded,
            (max(cache_hits) filter (where stage = 'total'))::bigint as cache_hits,
            (max(results) filter (where stage = 'total'))::bigint as results,
            max(ms_sum) filter (where stage = 'total') as total_ms_sum, max(ms_sum) filter (where stage = 'embed') as embed_ms_sum,
            max(ms_sum) filter (where stage = 'retrieve') as retrieve_ms_sum, max(ms_sum) filter (where stage = 'features') as features_ms_sum,
            max(ms_sum) filter (where stage = 'ltr') as ltr_ms_sum, max(ms_sum) filter (where stage = 'fusion') as fusion_ms_sum,
            max(h) filter (where stage = 'total') as total_hist, max(h) filter (where stage = 'embed') as embed_hist,
            max(h) filter (where stage = 'retrieve') as retrieve_hist, max(h) filter (where stage = 'features') as features_hist,
            max(h) filter (where stage = 'ltr') as ltr_hist, max(h) filter (where stage = 'fusion') as fusion_hist
        from (
            -- Dense arrays up to the highest bucket used (1-based, trailing zeros trimmed).
            select t.*, case when t.bs is not null then array(select coalesce(t.ns[array_position(t.bs, i)], 0)
                              from generate_series(1, t.bs[cardinality(t.bs)]) i order by i) end as h
            from stages t
        ) d
        group by 1, 2, 3, 4, 5
    ),
    sources as (
        select tenant_id, bucket, endpoint, mode, model, jsonb_object_agg(source, total) as result_sources
        from (
            select q.tenant_id, date_bin(interval '5 minutes', q.ts, timestamptz '2000-01-01 00:00:00+00') as bucket,
                q.endpoint, coalesce(q.mode, '') as mode, coalesce(q.model, '') as model, e.key as source,
                sum((e.value #>> '{}')::numeric) as total
            from zenglow_stats.query_performance q
            cross join lateral jsonb_each(case when jsonb_typeof(q.result_sources) = 'object' then q.result_sources end) e
            where q.ts >= p_from and q.ts < p_to and jsonb_typeof(e.value) = 'number'
            group by 1, 2, 3, 4, 5, 6
        ) s
        group by 1, 2, 3, 4, 5
    )
    select g.tenant_id, g.bucket, g.endpoint, g.mode, g.model,
        g.n, g.client, g.throttled, g.server, g.degraded, g.cache_hits, g.results,
        coalesce(g.total_ms_sum, 0), g.embed_ms_sum, g.retrieve_ms_sum, g.features_ms_sum, g.ltr_ms_sum, g.fusion_ms_sum,
        coalesce(g.total_hist, '{}'), g.embed_hist, g.retrieve_hist, g.features_hist, g.ltr_hist, g.fusion_hist,
        coalesce(s.result_sources, '{}'::jsonb)
    from grouped g
    left join sources s using (tenant_id, bucket, endpoint, mode, model)
$$;

comment on function zenglow.query_rollup_5m_from_raw(timestamptz, timestamptz) is
    'The 5-minute rollup rows (zenglow.query_rollup_5m) of the raw query_performance rows in [from, to): what the '
    'refresh stores and what the real-time views add past the watermark.';
