-- zenglow_stats' ingestion, drift, weight and partition views (S2 of issue 16): known batches,
-- audit rows and rollups give known counts, rates, divergences and overlaps; zenglow_analyst
-- reads every view and nothing behind them. Shared by analyst_views.sql and
-- fallback/analyst_views.sql; 46 tests, inside the including file's transaction.
\o /dev/null
insert into zenglow.tenants (tenant_id) values ('av-a'), ('av-b'), ('av-c');

-- Batches of av-a over two UTC days: b1 and b2 the same mix (2:1), b3 a disjoint one, b4 half of
-- it; b5 failed, b6 still loading. av-b has a single batch. Written as the owner would, with the
-- times set (the transition trigger fires on updates only).
insert into zenglow.batches (tenant_id, batch_tag, content_hash, state, reason, accepted, rejected, by_source,
    created_at, finished_at, summary, drift, detail)
values
    ('av-a', 'b1', 'sha256:' || repeat('1', 64), 'done', 'success', 90, 10, '{"wiki": 60, "pubmed": 30}',
        '2026-03-02 10:00:00Z', '2026-03-02 10:00:10Z', '{"rejected_by_reason": {"empty_text": 6, "wrong_dimension": 4}}',
        '{"previous_batch_tag": null, "deltas": {}, "max_delta": 0.25, "threshold": 0.2, "flagged": true}',
        'row 3 (document secret-doc, chunk 0): empty text'),
    ('av-a', 'b2', 'sha256:' || repeat('2', 64), 'healed', 'healed_partition', 60, 0, '{"wiki": 40, "pubmed": 20}',
        '2026-03-02 11:00:00Z', '2026-03-02 11:00:30Z', null, null, null),
    ('av-a', 'b3', 'sha256:' || repeat('3', 64), 'done', 'success', 10, 3, '{"arxiv": 10}',
        '2026-03-03 09:00:00Z', '2026-03-03 09:00:20Z', null, null, null),
    ('av-a', 'b4', 'sha256:' || repeat('4', 64), 'done', 'success', 10, 0, '{"arxiv": 5, "wiki": 5}',
        '2026-03-03 10:00:00Z', '2026-03-03 10:00:40Z', null, null, null),
    ('av-a', 'b5', 'sha256:' || repeat('5', 64), 'failed', 'partition_missing', 0, 0, '{}',
        '2026-03-03 11:00:00Z', '2026-03-03 11:00:05Z', null, null, null),
    ('av-a', 'b6', 'sha256:' || repeat('6', 64), 'loading', null, 0, 0, '{}',
        '2026-03-03 12:00:00Z', null, null, null, null),
    ('av-b', 'b1', 'sha256:' || repeat('7', 64), 'done', 'success', 1, 0, '{"wiki": 1}',
        '2026-03-02 12:00:00Z', '2026-03-02 12:00:01Z', null, null, null);

-- The spool worker's refusals, as record_ingest_event writes them: two truncated files of av-a
-- (one message holding what a file said), a file naming no tenant (so _global), one whose
-- "reason" is not a code.
select zenglow_api.record_ingest_event('av-a', 'ingest.failed', 'f1.msgpack',
    '{"file": "f1.msgpack", "reason": "truncated", "message": "byte 9: ends early"}');
select zenglow_api.record_ingest_event('av-a', 'ingest.failed', 'f2.msgpack',
    '{"file": "f2.msgpack", "reason": "truncated", "message": "the text said: sk-secret-token-42"}');
select zenglow_api.record_ingest_event('nobody', 'ingest.failed', 'f3.msgpack',
    '{"file": "f3.msgpack", "reason": "unknown_tenant", "message": "tenant nobody does not exist"}');
select zenglow_api.record_ingest_event('av-b', 'ingest.failed', 'f4.msgpack',
    '{"file": "f4.msgpack", "reason": "sk-secret-token-42 leaked", "message": "x"}');
create temporary table spool_day as
select (min(occurred_at) at time zone 'UTC')::date as day from zenglow_audit.events where action = 'ingest.failed';

-- Changes: av-a's fusion weights at 12:30 on 10 March, a global LTR version at 12:10 (measured on
-- every tenant), an embedding-model activation (audited, at the transaction's time).
insert into zenglow.fusion_weights (tenant_id, weights, reason, actor, issue_link, created_at)
values ('av-a', '{"ltr": 0.7, "vector": 0.3}', 'more lexical', 'ana', 'https://example.org/issue/7', '2026-03-10 12:30:00Z');
insert into zenglow.ltr_models (feature_schema_version, coefficients, trained_on, created_at)
values (1, '{"bm25": 0.9, "cosine": 0.1}', 'clicks of February', '2026-03-10 12:10:00Z');
select zenglow.activate_model((select model_name from zenglow.models where active), 'ops');

-- Hourly rollups around those changes, and daily ones over five weeks for av-c; the watermarks
-- past them all, so the real-time views read these rows as they are.
create function pg_temp.hist(p_ms double precision, p_count bigint) returns bigint[] language sql as $$
    select array_fill(0::bigint, array[zenglow_stats.latency_bucket(p_ms) - 1]) || p_count
$$;
insert into zenglow.query_rollup_1h (tenant_id, bucket, endpoint, requests, results, total_ms_sum, total_hist, result_sources)
values
    -- av-a: before (11:00 on the 9th up to 12:00 on the 10th) 3 requests at 100 ms, all wiki;
    ('av-a', '2026-03-10 05:00Z', '/rag/query', 3, 9, 300, pg_temp.hist(100, 3), '{"wiki": 9}'),
    -- outside both windows: the hour before the window, the hour of the change, after the window;
    ('av-a', '2026-03-09 11:00Z', '/rag/query', 50, 50, 50000, pg_temp.hist(1000, 50), '{"news": 50}'),
    ('av-a', '2026-03-10 12:00Z', '/rag/query', 50, 50, 50000, pg_temp.hist(1000, 50), '{"news": 50}'),
    ('av-a', '2026-03-11 13:00Z', '/rag/query', 50, 50, 50000, pg_temp.hist(1000, 50), '{"news": 50}'),
    -- after (13:00 on the 10th up to 13:00 on the 11th) 2 requests at 200 ms, wiki and pubmed.
    ('av-a', '2026-03-11 12:00Z', '/rag/query', 2, 4, 400, pg_temp.hist(200, 2), '{"wiki": 2, "pubmed": 2}'),
    -- av-b: counted for the global LTR change, not for av-a's weights.
    ('av-b', '2026-03-10 06:00Z', '/rag/query', 7, 7, 70, pg_temp.hist(10, 7), '{"wiki": 7}');
insert into zenglow.query_rollup_1d (tenant_id, bucket, endpoint, requests, results, total_ms_sum, total_hist, result_sources, top_documents)
values
    ('av-c', '2026-02-24Z', '/rag/query', 2, 4, 20, pg_temp.hist(10, 2), '{"wiki": 4}', '{"d1": 2, "d2": 2}'),
    ('av-c', '2026-03-02Z', '/rag/query', 1, 2, 10, pg_temp.hist(10, 1), '{"wiki": 2}', '{"d1": 1}'),
    ('av-c', '2026-03-08Z', '/rag/query', 1, 2, 10, pg_temp.hist(10, 1), '{"wiki": 2}', '{"d2": 1}'),
    ('av-c', '2026-03-09Z', '/rag/query', 3, 4, 30, pg_temp.hist(10, 3), '{"news": 4}', '{"d3": 2, "d1": 1}'),
    ('av-c', '2026-03-23Z', '/rag/query', 1, 2, 10, pg_temp.hist(10, 1), '{"wiki": 1, "news": 1}', '{"d9": 1}');
update zenglow.query_rollup_watermarks set watermark = '2026-04-01Z';

-- As the analyst: a query's rows, or how it is refused.
create function pg_temp.as_analyst(p_sql text) returns setof jsonb language plpgsql as $$
begin
    set local role zenglow_analyst;
    return query execute format('select to_jsonb(r) from (%s) r', p_sql);
    reset role;
end
$$;
create function pg_temp.analyst_refusal(p_sql text) returns text language plpgsql as $$
begin
    set local role zenglow_analyst;
    begin
        execute p_sql;
    exception when others then
        reset role;
        return sqlstate;
    end;
    reset role;
    return 'no error';
end
$$;
\o

-- The divergence and overlap functions.
select is(zenglow_stats.jensen_shannon('{"a": 1, "b": 2}', '{"a": 10, "b": 20}'), 0::double precision,
    'Jensen-Shannon divergence of the same shares (at other totals) is 0');
select is(zenglow_stats.jensen_shannon('{"a": 3}', '{"b": 1, "c": 5}'), 1::double precision,
    'Jensen-Shannon divergence of mixes with no key in common is 1');
select ok(abs(zenglow_stats.jensen_shannon('{"a": 1, "b": 1}', '{"a": 4}')
        - (-(0.75 * ln(0.75) + 0.25 * ln(0.25)) / ln(2) - 0.5)) < 1e-12,
    'Jensen-Shannon divergence of (1/2, 1/2) against (1, 0) is H(3/4, 1/4) - 1/2 = 0.3113 bits');
select is(zenglow_stats.jensen_shannon('{"a": 1, "b": 1}', '{"a": 4}'), zenglow_stats.jensen_shannon('{"a": 4}', '{"a": 1, "b": 1}'),
    'Jensen-Shannon divergence is symmetric');
select is(zenglow_stats.jensen_shannon('{}', '{"a": 1}'), null, 'an empty mix has no divergence (null, not 0)');
select is(zenglow_stats.jaccard('{d1,d2,d3}', '{d3,d2,d4,d2}'), 0.5::double precision, 'Jaccard: 2 shared of 4 distinct');
select is(zenglow_stats.jaccard('{}', '{}'), null, 'Jaccard of two empty sets is null');
select is(zenglow_stats.jsonb_top_keys('{"a": 3, "b": 5, "c": 3, "d": 0}', 2), '{b,a}'::text[],
    'top keys: largest counts first, ties by key, zero counts left out');

-- ingest_daily
select results_eq(
    $$select day, batches, done, failed, healed, in_progress, accepted, rejected, acceptance_rate,
        p50_seconds_to_searchable, p95_seconds_to_searchable
      from zenglow_stats.ingest_daily where tenant_id = 'av-a' order by day$$,
    $$values (date '2026-03-02', 2::bigint, 1::bigint, 0::bigint, 1::bigint, 0::bigint, 150::bigint, 10::bigint,
              0.9375::double precision, 20::double precision, 29::double precision),
             (date '2026-03-03', 4, 2, 1, 0, 1, 20, 3, 20 / 23.0::double precision, 30, 39)$$,
    'ingest_daily: batches by state, rows accepted and rejected, acceptance rate, seconds to searchable per UTC day');
select is((select acceptance_rate from zenglow_stats.ingest_daily where tenant_id = 'av-b'), 1::double precision,
    'ingest_daily keeps tenants apart');

-- ingest_rejections
select results_eq(
    $$select day, stage, reason, batches, rows from zenglow_stats.ingest_rejections where tenant_id = 'av-a'
      order by day, stage, reason$$,
    $$values (date '2026-03-02', 'loader', 'empty_text', 1::bigint, 6::bigint),
             (date '2026-03-02', 'loader', 'wrong_dimension', 1, 4),
             (date '2026-03-03', 'loader', 'unclassified', 1, 3),
             (date '2026-03-03', 'manifest', 'partition_missing', 1, null),
             ((select day from spool_day), 'spool', 'truncated', 2, null)$$,
    'ingest_rejections: loader rows by the summary''s reasons (the rest unclassified), failed manifests, spool refusals by code');
select results_eq(
    $$select tenant_id, reason from zenglow_stats.ingest_rejections where stage = 'spool' and tenant_id <> 'av-a' order by 1$$,
    $$values ('_global', 'unknown_tenant'), ('av-b', 'other')$$,
    'a file naming no tenant counts under _global; a reason that is not a failure code reads other, never its text');

-- batch_sources
select results_eq(
    $$select source, chunks, round(share::numeric, 4) from zenglow_stats.batch_sources
      where tenant_id = 'av-a' and batch_tag = 'b1' order by source$$,
    $$values ('pubmed', 30::bigint, 0.3333), ('wiki', 60, 0.6667)$$,
    'batch_sources: chunks per source and their share of the batch');
select is((select count(*) from zenglow_stats.batch_sources where tenant_id = 'av-a'), 7::bigint,
    'batch_sources: one row per source of every batch that has any');

-- batch_source_drift
select results_eq(
    $$select batch_tag, previous_batch_tag, js_divergence, sources_added, sources_dropped
      from zenglow_stats.batch_source_drift where tenant_id = 'av-a' and batch_tag in ('b1', 'b2', 'b3') order by finished_at$$,
    $$values ('b1', null, null::double precision, null::text[], null::text[]),
             ('b2', 'b1', 0, '{}', '{}'),
             ('b3', 'b2', 1, '{arxiv}', '{pubmed,wiki}')$$,
    'batch_source_drift: the first batch has nothing to compare (nulls), the same mix 0, a disjoint one 1 with what came and went');
select ok((select abs(js_divergence - 0.3112781244591328) < 1e-12 and sources_added = '{wiki}' and sources_dropped = '{}'
           from zenglow_stats.batch_source_drift where tenant_id = 'av-a' and batch_tag = 'b4'),
    'batch_source_drift: {arxiv: 1/2, wiki: 1/2} against {arxiv: 1} is 0.3113');
select is((select count(*) from zenglow_stats.batch_source_drift where batch_tag in ('b5', 'b6')), 0::bigint,
    'failed and unfinished batches are neither compared nor compared against');
select results_eq(
    $$select spool_max_delta, spool_flagged from zenglow_stats.batch_source_drift where tenant_id = 'av-a' and batch_tag in ('b1', 'b2')
      order by batch_tag$$,
    $$values (0.25::double precision, true), (null, null)$$,
    'the spool worker''s own drift check stands beside the divergence (null where it recorded none)');
select results_eq(
    $$select previous_batch_tag, js_divergence from zenglow_stats.batch_source_drift where tenant_id = 'av-b'$$,
    $$values (null::text, null::double precision)$$,
    'each tenant''s first batch is compared with nothing, whatever other tenants loaded');

-- weight_changes
select results_eq(
    $$select kind, actor, reason, details from zenglow_stats.weight_changes where tenant_id = 'av-a'$$,
    $$values ('fusion_weights', 'ana', 'more lexical',
        '{"weights": {"ltr": 0.7, "vector": 0.3}, "issue_link": "https://example.org/issue/7"}'::jsonb)$$,
    'weight_changes: a tenant''s fusion-weight version with its actor, reason, weights and link');
select ok((select version = (select max(version) from zenglow.fusion_weights where tenant_id = 'av-a')
           from zenglow_stats.weight_changes where tenant_id = 'av-a'), 'weight_changes: the fusion-weights version');
select results_eq(
    $$select tenant_id, changed_at, reason, details -> 'coefficients' from zenglow_stats.weight_changes
      where kind = 'ltr_model' and version = (select max(version) from zenglow.ltr_models)$$,
    $$values ('_global', timestamptz '2026-03-10 12:10:00Z', 'clicks of February', '{"bm25": 0.9, "cosine": 0.1}'::jsonb)$$,
    'weight_changes: an LTR version, global, with what it was trained on and its coefficients');
select results_eq(
    $$select tenant_id, actor, version, details ->> 'new' from zenglow_stats.weight_changes where kind = 'model'$$,
    $$select '_global', 'ops', null::bigint, model_name from zenglow.models where active$$,
    'weight_changes: an embedding-model activation from the audit log, with its actor and model');
select ok(exists (select from zenglow_stats.weight_changes where kind = 'fusion_weights' and tenant_id = '_global'
                  and reason = 'initial default'), 'weight_changes: the global default weights are there too');

-- weight_change_effects
select results_eq(
    $$select requests_before, requests_after from zenglow_stats.weight_change_effects where tenant_id = 'av-a'$$,
    $$values (3::bigint, 2::bigint)$$,
    'weight_change_effects: the 24 whole hours before and after, the hour of the change left out, only the tenant''s requests');
select ok((select p95_before_ms between 100 / 1.0906 and 100 * 1.0906 and p95_after_ms between 200 / 1.0906 and 200 * 1.0906
           from zenglow_stats.weight_change_effects where tenant_id = 'av-a'),
    'weight_change_effects: p95 before and after within the histogram''s 9.05% of 100 and 200 ms');
select ok((select abs(result_sources_js_divergence - 0.3112781244591328) < 1e-12
           from zenglow_stats.weight_change_effects where tenant_id = 'av-a'),
    'weight_change_effects: the result mix went from all wiki to half wiki (divergence 0.3113)');
select results_eq(
    $$select requests_before, requests_after from zenglow_stats.weight_change_effects
      where kind = 'ltr_model' and changed_at = '2026-03-10 12:10:00Z'$$,
    $$values (10::bigint, 2::bigint)$$,
    'weight_change_effects: a _global change is measured on every tenant''s requests');
select results_eq(
    $$select requests_before, requests_after, p95_before_ms, result_sources_js_divergence
      from zenglow_stats.weight_change_effects where kind = 'model'$$,
    $$values (0::bigint, 0::bigint, null::double precision, null::double precision)$$,
    'weight_change_effects: no requests around a change, zeros and nulls');

-- result_drift_weekly
select results_eq(
    $$select week, previous_week, queries, js_divergence, top_documents_overlap
      from zenglow_stats.result_drift_weekly where tenant_id = 'av-c' order by week$$,
    $$values (date '2026-02-23', null::date, 2::bigint, null::double precision, null::double precision),
             (date '2026-03-02', date '2026-02-23', 2, 0, 1),
             (date '2026-03-09', date '2026-03-02', 3, 1, 1 / 3.0::double precision),
             (date '2026-03-23', null, 1, null, null)$$,
    'result_drift_weekly: weeks from Monday UTC; the same mix 0 and the same documents 1, then a disjoint mix 1 with one '
    'document of three shared; no previous week, nulls');
select ok((select abs(zenglow_stats.jensen_shannon('{"wiki": 1, "news": 1}', '{"news": 4}') - 0.3112781244591328) < 1e-12),
    'the middle case reads the same from the function the views use');

-- partition_counts
\o /dev/null
select zenglow.run_maintenance();
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, total_ms) values (now(), 'av-a', '/rag/query', 200, 1);
\o
select results_eq(
    $$select table_name::text collate "default", storage from zenglow_stats.partition_counts order by table_name$$,
    $$values ('zenglow.chunks', 'partitioned'), ('zenglow.query_performance', (select query_performance_storage from zenglow.capabilities())),
             ('zenglow.query_rollup_1d', 'plain'), ('zenglow.query_rollup_1h', 'plain'), ('zenglow.query_rollup_5m', 'plain')$$,
    'partition_counts: chunks partitioned, query_performance a hypertable or partitioned as this server allows, rollups plain');
select results_eq(
    $$select table_name::text collate "default", partitions, oldest_bound <= now() and newest_bound > now(), total_bytes > 0
      from zenglow_stats.partition_counts where table_name in ('zenglow.chunks', 'zenglow.query_performance') order by 1$$,
    $$select t, (select count(*) from pg_inherits where inhparent = t::regclass), true, true
      from unnest(array['zenglow.chunks', 'zenglow.query_performance']) t order by 1$$,
    'partition_counts: every partition or chunk counted, their range covering now, their bytes');
select is((select partitions from zenglow_stats.partition_counts where table_name = 'zenglow.query_rollup_1h'), 0::bigint,
    'partition_counts: a plain table has no partitions');

-- maintenance_runs
select results_eq(
    $$select run_id, rollups from zenglow_stats.maintenance_runs$$,
    $$select run_id, rollups from zenglow.maintenance_runs$$,
    'maintenance_runs shows each run''s rollups');

-- What the analyst may read.
select is_empty(
    $$select v from unnest(array['ingest_daily', 'ingest_rejections', 'batch_sources', 'batch_source_drift',
        'result_drift_weekly', 'weight_changes', 'weight_change_effects', 'partition_counts', 'maintenance_runs']) v
      where pg_temp.analyst_refusal(format('select * from zenglow_stats.%I', v)) <> 'no error'$$,
    'zenglow_analyst can select every one of these views');
select is((select count(*) from pg_temp.as_analyst($$select * from zenglow_stats.ingest_rejections$$)),
    (select count(*) from zenglow_stats.ingest_rejections), 'the analyst sees every tenant''s rejections');
select is((select count(*) from pg_temp.as_analyst($$select * from zenglow_stats.weight_changes$$)),
    (select count(*) from zenglow_stats.weight_changes), 'the analyst sees every change, the audited model activation included');
select is((select count(*) from pg_temp.as_analyst($$select * from zenglow_stats.batch_source_drift$$)),
    (select count(*) from zenglow_stats.batch_source_drift), 'the analyst sees every tenant''s drift');
select is(pg_temp.analyst_refusal('select * from zenglow.chunks'), '42501', 'zenglow_analyst cannot select zenglow.chunks');
select is(pg_temp.analyst_refusal('select details from zenglow_audit.events'), '42501',
    'zenglow_analyst cannot select the audit log''s details');
select is(pg_temp.analyst_refusal('select detail from zenglow.batches'), '42501', 'zenglow_analyst cannot select batches directly');
select ok(not has_column_privilege('zenglow_analyst', 'zenglow.batches', 'detail', 'select')
          and not has_column_privilege('zenglow_analyst', 'zenglow.batches', 'pii', 'select')
          and has_column_privilege('zenglow_analyst', 'zenglow.batches', 'by_source', 'select'),
    'of batches the analyst''s views may read by_source, never detail or pii');
select is((select count(*) from pg_temp.as_analyst($$select * from zenglow_stats.ingest_failure_reasons()$$) r
           where r::text like '%secret%' or r::text like '%msgpack%'), 0::bigint,
    'what the analyst gets of ingest.failed events holds no file name and no message');

-- Every view and column described.
select is_empty(
    $$select c.relname || coalesce('.' || a.attname, '')
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'zenglow_stats'
      left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
          and col_description(c.oid, a.attnum) is null
      where c.relname in ('ingest_daily', 'ingest_rejections', 'batch_sources', 'batch_source_drift', 'result_drift_weekly',
              'weight_changes', 'weight_change_effects', 'partition_counts', 'maintenance_runs')
        and (a.attname is not null or obj_description(c.oid, 'pg_class') is null)$$,
    'every one of these views and every column has a comment');
select is((select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'zenglow_stats'
           where c.relname in ('ingest_daily', 'ingest_rejections', 'batch_sources', 'batch_source_drift', 'result_drift_weekly',
              'weight_changes', 'weight_change_effects', 'partition_counts', 'maintenance_runs')), 9::bigint,
    'all nine views exist');
