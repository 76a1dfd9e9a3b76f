-- Analysts' rollups of zenglow.query_performance, at 5 minutes, 1 hour and 1 day, as plain
-- tables on every storage (the Apache build of TimescaleDB has no continuous aggregates):
-- zenglow.refresh_query_rollups fills them from a watermark per level, and zenglow_stats'
-- real-time views add the raw rows past it. Also the columns a complete record of every
-- /rag/query outcome needs (errors, degraded answers, what the results were made of).
set local role zenglow_owner;

alter table zenglow.query_performance
    add column error_code text,
    add column degraded_reason text,
    add column mode text,
    add column ltr_version bigint,
    add column result_sources jsonb,
    add column top_documents text[],
    add column query_text text;

comment on column zenglow.query_performance.error_code is
    'The API error code of a failed request (rate_limited, invalid_embedding, overloaded, …); null when it succeeded.';
comment on column zenglow.query_performance.degraded_reason is
    'Why a successful answer was degraded (embedder_unavailable, no_embedding); null when it was not.';
comment on column zenglow.query_performance.result_sources is
    'The sources of the returned results, counted: {"pubmed": 7, "wiki": 3}.';
comment on column zenglow.query_performance.top_documents is
    'The document ids of the first (at most 10) results, in rank order.';
comment on column zenglow.query_performance.query_text is
    'The query with e-mail addresses, numbers and URLs scrubbed, only when the API runs with LOG_QUERY_TEXT=true; '
    'never readable by zenglow_analyst.';

do $rollups$
declare
    v_level text;
begin
    foreach v_level in array array['5m', '1h', '1d'] loop
        execute format($ddl$
            create table zenglow.%I (
                tenant_id text not null references zenglow.tenants (tenant_id),
                bucket timestamptz not null,
                endpoint text not null,
                mode text not null default '',
                model text not null default '',
                requests bigint not null default 0,
                errors_client bigint not null default 0,
                errors_throttled bigint not null default 0,
                errors_server bigint not null default 0,
                degraded bigint not null default 0,
                cache_hits bigint not null default 0,
                results bigint not null default 0,
                total_ms_sum double precision not null default 0,
                embed_ms_sum double precision,
                retrieve_ms_sum double precision,
                features_ms_sum double precision,
                ltr_ms_sum double precision,
                fusion_ms_sum double precision,
                total_hist bigint[] not null default '{}',
                embed_hist bigint[],
                retrieve_hist bigint[],
                features_hist bigint[],
                ltr_hist bigint[],
                fusion_hist bigint[],
                result_sources jsonb not null default '{}'::jsonb,
                primary key (tenant_id, bucket, endpoint, mode, model)
            )
        $ddl$, 'query_rollup_' || v_level);
        execute format('create index %I on zenglow.%I (bucket)', 'query_rollup_' || v_level || '_bucket',
            'query_rollup_' || v_level);
    end loop;
end
$rollups$;

-- Week-over-week overlap of the top-k documents needs the documents themselves, kept per day.
alter table zenglow.query_rollup_1d add column top_documents jsonb not null default '{}'::jsonb;

comment on table zenglow.query_rollup_5m is
    'query_performance per 5 minutes (UTC), tenant, endpoint, mode and model: counts, errors by class '
    '(client 4xx, throttled 429/overloaded, server 5xx), degraded answers, cache hits, summed stage times and '
    'mergeable log-scale latency histograms (zenglow.latency_bucket). Filled by zenglow.refresh_query_rollups.';
comment on table zenglow.query_rollup_1h is
    'query_rollup_5m per hour (UTC): the same columns, merged. Filled by zenglow.refresh_query_rollups.';
comment on table zenglow.query_rollup_1d is
    'query_rollup_1h per day (UTC): the same columns, merged, and top_documents (the most frequent top-k '
    'documents of the day, counted). Filled by zenglow.refresh_query_rollups.';

create table zenglow.query_rollup_watermarks (
    level text primary key constraint query_rollup_watermarks_level_known check (level in ('5m', '1h', '1d')),
    watermark timestamptz,
    refreshed_at timestamptz,
    duration_ms double precision,
    buckets_written bigint not null default 0
);
insert into zenglow.query_rollup_watermarks (level) values ('5m'), ('1h'), ('1d');

comment on table zenglow.query_rollup_watermarks is
    'Per rollup level, the end of the last complete bucket rolled up (rows at or past it are read raw by the '
    'real-time views), and what the last refresh did.';

alter table zenglow.maintenance_settings
    add column query_rollup_late_window interval not null default interval '15 minutes'
        constraint maintenance_settings_late_window_range
        check (query_rollup_late_window >= interval '0' and query_rollup_late_window <= interval '7 days'),
    add column query_rollup_5m_retention interval default interval '90 days',
    add column query_rollup_1h_retention interval default interval '13 months',
    add column query_rollup_1d_retention interval;

comment on column zenglow.maintenance_settings.query_rollup_late_window is
    'How far behind its watermark each refresh re-rolls, so rows recorded late (the API writes asynchronously) are counted.';
comment on column zenglow.maintenance_settings.query_rollup_1d_retention is 'Null: daily rollups are kept.';

alter table zenglow.maintenance_runs add column rollups jsonb;

comment on column zenglow.maintenance_runs.rollups is
    'What the rollup step did: per level the watermark reached, buckets written and rows dropped by retention.';
