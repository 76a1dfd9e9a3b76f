-- zenglow_stats' latency histograms: the fixed log scale (latency_bucket, latency_buckets), the
-- merge, the count and the quantile walk, and jsonb_count_merge. Shared by histograms.sql and
-- fallback/histograms.sql (the functions are the same on both storages); 20 tests, inside the
-- including file's transaction.
\o /dev/null
select setseed(0.16);
-- 20,000 times spread log-uniformly over the finite part of the scale (0.01 ms to 300 s),
-- and their histogram built the way the rollups build it (counts per latency_bucket).
create temporary table times as
select 0.01 * power(10.0::double precision, 7.47 * random()) as ms from generate_series(1, 20000);
create temporary table times_hist as
select array_agg(coalesce(n, 0) order by i) as hist
from generate_series(1, 108) i
left join (select zenglow_stats.latency_bucket(ms) as b, count(*) as n from times group by 1) c on c.b = i;
create temporary table quantiles as
select q, (select percentile_disc(q) within group (order by ms) from times) as exact,
    (select zenglow_stats.histogram_quantile(hist, q) from times_hist) as estimate
from unnest(array[0.001, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999]::double precision[]) q;
\o

select is(
    (select count(*) from zenglow_stats.latency_buckets
     where zenglow_stats.latency_bucket(lower_ms) <> index
        or (upper_ms is not null and zenglow_stats.latency_bucket(upper_ms) <> index + 1)
        or (index > 1 and zenglow_stats.latency_bucket(lower_ms * (1 - 1e-15)) <> index - 1)),
    0::bigint,
    'every bucket''s lower bound lands in it, its upper bound and anything just below its lower bound do not');
select results_eq(
    $$select zenglow_stats.latency_bucket(ms) from unnest(array[0, 0.00999, 0.01, 0.02, 0.08, 1, 949062.6562425157, 1e12,
        'NaN', '-Infinity']::double precision[]) with ordinality u (ms, o) order by o$$,
    $$values (1), (1), (2), (6), (14), (28), (108), (108), (108), (1)$$,
    'latency_bucket: below 0.01 ms is 1, 0.01 ms is 2, four buckets per doubling, 0.01·2^26.5 ms and beyond is 108');
select is(zenglow_stats.latency_bucket(null), null, 'latency_bucket(null) is null');
select is(
    (select count(*) from zenglow_stats.latency_buckets b
     join zenglow_stats.latency_buckets n on n.index = b.index + 1
     where n.lower_ms <> b.upper_ms or (b.index > 1 and b.upper_ms / b.lower_ms not between 1.1892 and 1.1893)),
    0::bigint,
    'latency_buckets: contiguous buckets, each 2^(1/4) wide above bucket 1 (which starts at 0)');
select is((select count(*) from zenglow_stats.latency_buckets), 108::bigint, 'latency_buckets has 108 rows');
select is(
    (select string_agg(p.proname, ',' order by p.proname) from pg_proc p
     where p.pronamespace = 'zenglow_stats'::regnamespace
       and p.proname in ('latency_bucket', 'histogram_add', 'histogram_count', 'histogram_quantile', 'jsonb_count_add',
           'histogram_merge', 'jsonb_count_merge')
       and p.provolatile = 'i' and p.proparallel = 's'),
    'histogram_add,histogram_count,histogram_merge,histogram_quantile,jsonb_count_add,jsonb_count_merge,latency_bucket',
    'the histogram functions and aggregates are immutable and parallel safe');

select is(
    (select zenglow_stats.histogram_merge(h) from (values ('{1,2}'::bigint[]), (null), ('{0,0,5}'), ('{1}')) v (h)),
    '{2,2,5}'::bigint[],
    'histogram_merge sums element-wise, whatever the lengths, ignoring nulls');
select is(
    (select zenglow_stats.histogram_merge(h) from (values (null::bigint[]), (null)) v (h)),
    null,
    'histogram_merge of nulls only is null');
select is(
    (select zenglow_stats.histogram_merge(h) from (select hist[1:40] as h from times_hist union all select hist from times_hist) s),
    (select array(select 2 * h from unnest(hist[1:40]) h) || hist[41:108] from times_hist),
    'histogram_merge of a histogram and a shorter prefix of it doubles the prefix only');
select is(zenglow_stats.histogram_count('{1,null,3,0}'), 4::bigint, 'histogram_count sums the buckets (null counts 0)');
select is(zenglow_stats.histogram_count('{}'), 0::bigint, 'histogram_count of an empty histogram is 0');

select results_eq(
    $$select zenglow_stats.histogram_quantile('{0,0,4,0,1}', q) from unnest(array[0, 0.5, 0.8, 0.81, 1]::double precision[]) with ordinality u (q, o) order by o$$,
    $$values (0.01 * power(2.0::double precision, 3 / 8.0)), (0.01 * power(2.0::double precision, 3 / 8.0)),
        (0.01 * power(2.0::double precision, 3 / 8.0)), (0.01 * power(2.0::double precision, 7 / 8.0)),
        (0.01 * power(2.0::double precision, 7 / 8.0))$$,
    'histogram_quantile walks exactly: the first bucket whose cumulative count reaches q·total, q = 0 the first non-empty');
select results_eq(
    $$select zenglow_stats.histogram_quantile(h, 0.5) from (values (1, '{3}'::bigint[]), (2, array_fill(0::bigint, array[107]) || 3::bigint)) v (o, h) order by o$$,
    $$values (0.005::double precision), (0.01 * power(2.0::double precision, 106 / 4.0))$$,
    'bucket 1 reports 0.005 ms, bucket 108 its lower bound');
select results_eq(
    $$select zenglow_stats.histogram_quantile(h, 0.5) from (values (1, null::bigint[]), (2, '{}'), (3, '{0,0}')) v (o, h) order by o$$,
    $$values (null::double precision), (null), (null)$$,
    'histogram_quantile of a null, empty or all-zero histogram is null');
select throws_ok($$select zenglow_stats.histogram_quantile('{1}', 1.5)$$, 'ZG009',
    'histogram_quantile: q must be a number between 0 and 1, not 1.5', 'a q above 1 is refused, naming q');
select throws_ok($$select zenglow_stats.histogram_quantile('{1}', null)$$, 'ZG009',
    'histogram_quantile: q must be a number between 0 and 1, not null', 'a null q is refused');
select is(
    (select count(*) filter (where abs(estimate / exact - 1) > power(2.0::double precision, 1 / 8.0) - 1) from quantiles),
    0::bigint,
    'every quantile of 20,000 spread times is within 2^(1/8)-1 (9.05%) of percentile_disc');
select is((select count(*) from quantiles where exact >= 0.01 and estimate is not null), 9::bigint,
    'the nine quantiles compared are all on the finite part of the scale (none skipped)');

select is(
    (select zenglow_stats.jsonb_count_merge(j) from (values ('{"a": 1}'::jsonb), (null), ('{"a": 2, "b": 1}')) v (j)),
    '{"a": 3, "b": 1}'::jsonb,
    'jsonb_count_merge sums the counts key by key, ignoring nulls');
select is(
    (select zenglow_stats.jsonb_count_merge(j) from (values (null::jsonb), (null)) v (j)),
    null,
    'jsonb_count_merge of nulls only is null');
