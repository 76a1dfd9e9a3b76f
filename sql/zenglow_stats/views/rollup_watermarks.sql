set local role zenglow_owner;

create or replace view zenglow_stats.rollup_watermarks
with (security_invoker = true)
as
select level, watermark, refreshed_at, duration_ms, buckets_written
from zenglow.query_rollup_watermarks;

comment on view zenglow_stats.rollup_watermarks is
    'How far each rollup level is stored (the query_stats_* views compute what is past it) and what its last refresh did.';
comment on column zenglow_stats.rollup_watermarks.level is '5m, 1h or 1d.';
comment on column zenglow_stats.rollup_watermarks.watermark is 'End of the last complete bucket rolled up; null before the first refresh with data.';
comment on column zenglow_stats.rollup_watermarks.refreshed_at is 'When the last refresh (zenglow maintain) ran.';
comment on column zenglow_stats.rollup_watermarks.duration_ms is 'How long that refresh took for this level (ms).';
comment on column zenglow_stats.rollup_watermarks.buckets_written is 'Rollup rows that refresh wrote (the late window is re-rolled each time).';
