-- 50 sessions append to one tenant's chain at once: one unbroken chain of 50 rows, no fork.
-- Committed work through dblink, so it runs outside a transaction on its own tenant.
select plan(3);

select zenglow.create_tenant('audit-concurrent-' || txid_current()) as tenant \gset

\o /dev/null
select dblink_connect('c' || i, format('dbname=%s port=%s host=%s user=postgres', current_database(),
    current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1)))
from generate_series(1, 50) i;
select dblink_exec('c' || i, format('set zenglow.tenant_id = %L', :'tenant')) from generate_series(1, 50) i;
select dblink_exec('c' || i, 'set role zenglow_app') from generate_series(1, 50) i;
select dblink_send_query('c' || i, format('select zenglow_audit.append(''worker-%s'', ''test.concurrent'', '''', ''{}'')', i))
from generate_series(1, 50) i;
select count(*) from generate_series(1, 50) i, lateral dblink_get_result('c' || i) as r(seq bigint);
select dblink_disconnect('c' || i) from generate_series(1, 50) i;
\o

select results_eq(format('select count(*), count(distinct seq), max(seq) from zenglow_audit.events where tenant_id = %L', :'tenant'),
    $$values (50::bigint, 50::bigint, 50::bigint)$$, '50 concurrent appends gave seq 1 to 50, each once');
select results_eq(format('select ok, rows_checked from zenglow_audit.verify_chain(%L)', :'tenant'),
    $$values (true, 50::bigint)$$, 'the chain of 50 concurrent appends is unbroken');
select is((select count(distinct prev_hash) from zenglow_audit.events where tenant_id = :'tenant'), 50::bigint,
    'no two rows share a predecessor (no fork)');

select * from finish();
