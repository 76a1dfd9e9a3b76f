-- Two maintenance runs at once: the second sees the first's advisory lock and records a no-op.
select plan(3);

\o /dev/null
select dblink_connect('first', format('dbname=%s port=%s host=%s user=postgres', current_database(),
    current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1)));
select dblink_exec('first', 'begin');
select * from dblink('first', 'select zenglow.run_maintenance()::text') as t(r text);
\o
select is(zenglow.run_maintenance() ->> 'outcome', 'skipped_locked', 'a run while another is in progress is skipped');
select is((select outcome from zenglow.maintenance_runs order by run_id desc limit 1), 'skipped_locked',
    'and the skip is recorded');
\o /dev/null
select dblink_exec('first', 'commit');
select dblink_disconnect('first');
\o
select isnt(zenglow.run_maintenance() ->> 'outcome', 'skipped_locked', 'once the first has finished, a run proceeds');

select * from finish();
