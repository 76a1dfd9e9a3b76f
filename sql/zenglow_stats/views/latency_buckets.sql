set local role zenglow_owner;

create or replace view zenglow_stats.latency_buckets
with (security_invoker = true)
as
-- The fixed log scale of every latency histogram, stated once (zenglow_stats.latency_bucket).
select i as index,
    case when i = 1 then 0 else 0.01 * power(2.0::double precision, (i - 2) / 4.0) end as lower_ms,
    case when i = 108 then null else 0.01 * power(2.0::double precision, (i - 1) / 4.0) end as upper_ms
from generate_series(1, 108) i;

comment on view zenglow_stats.latency_buckets is
    'The buckets of every latency histogram (*_hist columns): four per doubling from 0.01 ms, so a percentile read '
    'from a histogram (its bucket''s geometric middle) is within 2^(1/8)-1 = 9.05% of the exact value.';
comment on column zenglow_stats.latency_buckets.index is 'The 1-based position in a histogram array.';
comment on column zenglow_stats.latency_buckets.lower_ms is 'The smallest time (ms) counted in this bucket (inclusive); 0 for bucket 1.';
comment on column zenglow_stats.latency_buckets.upper_ms is 'The bound (ms) above this bucket (exclusive); null for bucket 108, which has none.';
