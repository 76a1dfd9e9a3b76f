set local role zenglow_owner;

-- Latency histograms of rollup rows merged into the histogram of their union (any rows, any
-- range of time): the element-wise sum. Null inputs are ignored; null when every input is null.
-- Parallel safe, with the state function as combine function.
create or replace aggregate zenglow_stats.histogram_merge(bigint[]) (
    sfunc = zenglow_stats.histogram_add,
    stype = bigint[],
    combinefunc = zenglow_stats.histogram_add,
    parallel = safe
);

comment on aggregate zenglow_stats.histogram_merge(bigint[]) is
    'Merges latency histograms (element-wise sum; lengths may differ; nulls ignored; null if all are null), e.g. '
    'zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(total_hist), 0.95) over any rows of query_stats_5m.';
