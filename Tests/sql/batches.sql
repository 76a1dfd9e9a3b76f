-- Ingest batches: the state machine, reason codes and re-submission by content hash.
begin;
select plan(14);

insert into zenglow.tenants (tenant_id) values ('batches-a'), ('batches-b');
set local zenglow.tenant_id = 'batches-a';
set local role zenglow_ingest;

create temporary table opened as
select zenglow_api.open_batch('b1', 'pubmed', 'sha256:' || repeat('a', 64)) as manifest;
select is((select manifest ->> 'state' from opened), 'open', 'a new batch opens');
select is((select (manifest ->> 'resubmitted')::boolean from opened), false, 'it is not a re-submission');
select (manifest ->> 'batch_id')::bigint as batch_id from opened \gset

select throws_ok(format($$select zenglow_api.transition_batch(%s, 'done')$$, :batch_id), 'ZG003',
    'batch b1 cannot go from open to done', 'open -> done is refused');
select is(zenglow_api.transition_batch(:batch_id, 'loading') ->> 'state', 'loading', 'open -> loading');
select is(zenglow_api.transition_batch(:batch_id, 'failed', 'partition_missing') ->> 'reason', 'partition_missing',
    'loading -> failed with a reason code');
select is(zenglow_api.transition_batch(:batch_id, 'loading') ->> 'reason', null, 'failed -> loading retries and clears the reason');
select results_eq(
    format($$select t ->> 'state', t ->> 'reason', (t ->> 'accepted')::bigint, (t ->> 'rejected')::bigint, t -> 'by_source', t ->> 'finished_at' is not null
             from zenglow_api.transition_batch(%s, 'done', null, 98, 2, '{"pubmed": 98}') t$$, :batch_id),
    $$values ('done'::text, 'success'::text, 98::bigint, 2::bigint, '{"pubmed": 98}'::jsonb, true)$$,
    'loading -> done records success, counts, distribution and the finish time');
select throws_ok(format($$select zenglow_api.transition_batch(%s, 'loading')$$, :batch_id), 'ZG003', null,
    'a finished batch is final');
select throws_ok($$select zenglow_api.transition_batch(-1, 'loading')$$, 'ZG007', null, 'an unknown batch is named as such');

select results_eq($$select x ->> 'batch_id', (x ->> 'resubmitted')::boolean from zenglow_api.open_batch('b1-again', 'pubmed', 'sha256:' || repeat('a', 64)) x$$,
    format('values (%L::text, true)', :batch_id), 're-submitting the same content finds the loaded batch');
select is((select count(*) from zenglow.batches where tenant_id = 'batches-a'), 1::bigint, 'and changes nothing');
select throws_ok($$select zenglow_api.open_batch('b1', 'pubmed', 'sha256:' || repeat('b', 64))$$, 'ZG004',
    'batch tag ''b1'' was already used for other content', 'a tag reused for other content is refused');

set local zenglow.tenant_id = 'batches-b';
select is(zenglow_api.open_batch('b1', 'pubmed', 'sha256:' || repeat('a', 64)) ->> 'resubmitted', 'false',
    'another tenant''s identical content is its own batch');
select is(zenglow_api.get_batch('b1') ->> 'tenant_id', 'batches-b', 'get_batch reads the current tenant''s manifest only');

select * from finish();
rollback;
