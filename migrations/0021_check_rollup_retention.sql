-- Retention settings that would lose data are refused: a level's rows must outlive the time the
-- level above needs to roll them up (its bucket plus the late window it re-rolls, with a day's
-- margin for a maintenance pause), and no retention may be negative or zero. Without these, a
-- 5-minute retention of 30 minutes deleted rows the hourly level had not rolled up yet, and a
-- negative one deleted every row.
set local role zenglow_owner;

alter table zenglow.maintenance_settings
    add constraint maintenance_settings_raw_outlives_late_window
        check (query_performance_retention >= query_rollup_late_window + interval '1 day'),
    add constraint maintenance_settings_rollup_5m_retention_floor
        check (query_rollup_5m_retention is null or query_rollup_5m_retention >= query_rollup_late_window + interval '1 day'),
    add constraint maintenance_settings_rollup_1h_retention_floor
        check (query_rollup_1h_retention is null or query_rollup_1h_retention >= query_rollup_late_window + interval '2 days'),
    add constraint maintenance_settings_rollup_1d_retention_floor
        check (query_rollup_1d_retention is null or query_rollup_1d_retention >= interval '1 day');

comment on constraint maintenance_settings_rollup_5m_retention_floor on zenglow.maintenance_settings is
    '5-minute rollups must live at least the late window plus a day: the hourly level is rolled up from them.';
comment on constraint maintenance_settings_rollup_1h_retention_floor on zenglow.maintenance_settings is
    'Hourly rollups must live at least the late window plus two days: the daily level is rolled up from them.';
