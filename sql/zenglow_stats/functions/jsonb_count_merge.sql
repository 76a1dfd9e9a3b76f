set local role zenglow_owner;

-- {key: count} objects (result sources, top documents) summed key by key across rows: the counts
-- of a longer period from those of its parts. Nulls are ignored; null when every input is null.
create or replace aggregate zenglow_stats.jsonb_count_merge(jsonb) (
    sfunc = zenglow_stats.jsonb_count_add,
    stype = jsonb,
    combinefunc = zenglow_stats.jsonb_count_add,
    parallel = safe
);

comment on aggregate zenglow_stats.jsonb_count_merge(jsonb) is
    'Sums {key: count} JSON objects key by key (nulls ignored; null if all are null), e.g. '
    'zenglow_stats.jsonb_count_merge(result_sources) over a week of query_stats_1d.';
