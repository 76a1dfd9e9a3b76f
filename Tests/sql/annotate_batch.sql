-- zenglow_api.annotate_batch: the spool worker's findings on a batch (alert_reason, drift, pii,
-- summary) are set under the current tenant only, validated, kept when not given, shown by
-- get_batch, and cleared with the alert when a failed batch is retried.
begin;
select plan(17);

insert into zenglow.tenants (tenant_id) values ('annotate-a'), ('annotate-b');
insert into zenglow.batches (tenant_id, batch_tag, content_hash)
select t, tag, 'sha256:' || encode(sha256(convert_to(t || tag, 'UTF8')), 'hex')
from unnest(array['annotate-a', 'annotate-b']) t, unnest(array['shared', 'retried']) tag;
insert into zenglow.batches (tenant_id, batch_tag, content_hash) values ('annotate-a', 'only-a', 'sha256:' || repeat('a', 64));

set local role zenglow_ingest;
set local zenglow.tenant_id = 'annotate-a';
create temporary table annotated as
select zenglow_api.annotate_batch('shared', 'healed_partition', '{"max_delta": 0.3, "flagged": true}', '{"emails": 2}',
    '{"accepted": 10}') as m;
select results_eq($$select m ->> 'alert_reason', m -> 'drift', m -> 'pii', m -> 'summary' from annotated$$,
    $$values ('healed_partition'::text, '{"max_delta": 0.3, "flagged": true}'::jsonb, '{"emails": 2}'::jsonb, '{"accepted": 10}'::jsonb)$$,
    'the ingest role annotates its batch; the manifest it returns has the findings');
select ok(zenglow_api.get_batch('shared') ?& array['alert_reason', 'drift', 'pii', 'summary'],
    'get_batch returns alert_reason, drift, pii and summary');
select is(zenglow_api.get_batch('only-a') -> 'alert_reason', 'null'::jsonb, 'a batch nobody annotated has a null alert_reason');

select results_eq(
    $$select m ->> 'alert_reason', m -> 'drift', m -> 'pii', m -> 'summary'
      from zenglow_api.annotate_batch('shared', null, null, '{"emails": 3}') m$$,
    $$values ('healed_partition'::text, '{"max_delta": 0.3, "flagged": true}'::jsonb, '{"emails": 3}'::jsonb, '{"accepted": 10}'::jsonb)$$,
    'a null argument keeps what was there; the others replace it');

select throws_ok($$select zenglow_api.annotate_batch('shared', 'success', null, null)$$, 'ZG009',
    'unknown alert reason ''success''', 'success raises no alert, so it is no alert reason');
select throws_ok($$select zenglow_api.annotate_batch('shared', null, '[1, 2]', null)$$, 'ZG009',
    'drift, pii and summary are JSON objects', 'drift that is not a JSON object is refused');
select throws_ok($$select zenglow_api.annotate_batch('shared', null, null, null, jsonb_build_object('x', repeat('y', 70000)))$$,
    'ZG009', 'drift, pii and summary are at most 65536 bytes of JSON each', 'a summary too large for a manifest is refused');
select throws_ok($$select zenglow_api.annotate_batch('missing', 'failed', null, null)$$, 'ZG007',
    'no batch ''missing'' for this tenant', 'an unknown tag is named');

-- Tenant B: the same tag is its own batch, and A's batch is out of reach.
set local zenglow.tenant_id = 'annotate-b';
select throws_ok($$select zenglow_api.annotate_batch('only-a', 'failed', '{"stolen": true}', null)$$, 'ZG007',
    'no batch ''only-a'' for this tenant', 'annotate_batch cannot reach another tenant''s batch: it does not exist for B');
select is(zenglow_api.annotate_batch('shared', 'other_error', '{"b": 1}', null) ->> 'tenant_id', 'annotate-b',
    'B annotating its own batch of the same tag writes its own row');
reset role;
select results_eq(
    $$select tenant_id, batch_tag, alert_reason, drift from zenglow.batches
      where tenant_id in ('annotate-a', 'annotate-b') and batch_tag in ('shared', 'only-a') order by 1, 2$$,
    $$values ('annotate-a'::text, 'only-a'::text, null::text, null::jsonb),
             ('annotate-a', 'shared', 'healed_partition', '{"max_delta": 0.3, "flagged": true}'),
             ('annotate-b', 'shared', 'other_error', '{"b": 1}')$$,
    'each tenant''s rows carry only its own annotations');

set local role zenglow_ingest;
set local zenglow.tenant_id = '';
select throws_ok($$select zenglow_api.annotate_batch('shared', 'failed', null, null)$$, 'ZG001', null,
    'without a tenant nothing is annotated');

-- A failed batch retried starts without the failed attempt's alert.
set local zenglow.tenant_id = 'annotate-a';
select batch_id as retried_id from zenglow.batches where batch_tag = 'retried' \gset
select zenglow_api.transition_batch(:retried_id, 'failed', 'other_error') is not null as failed \gset
select is(zenglow_api.annotate_batch('retried', 'other_error', null, null) ->> 'alert_reason', 'other_error',
    'a failed batch carries its alert');
select is(zenglow_api.transition_batch(:retried_id, 'loading') ->> 'alert_reason', null,
    'failed -> loading (a retry) clears the alert reason');
reset role;

select throws_ok($$update zenglow.batches set alert_reason = 'success' where tenant_id = 'annotate-a'$$, '23514', null,
    'the table itself holds only the known alert reasons');

set local role zenglow_analyst;
select throws_ok($$select zenglow_api.annotate_batch('shared', 'failed', null, null)$$, '42501', null,
    'the analyst role cannot annotate batches');
reset role;
set local role zenglow_app;
set local zenglow.tenant_id = 'annotate-a';
select is(zenglow_api.annotate_batch('only-a', null, null, '{"emails": 0}') -> 'pii', '{"emails": 0}'::jsonb,
    'the API role, loading as zenglow_ingest, may annotate too');
reset role;

select * from finish();
rollback;
