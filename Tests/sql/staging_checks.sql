-- zenglow.check_staged_chunks with pgvector: what ingest_staged_batch refuses, named by row,
-- and (pgvector sums squares in single precision) an embedding whose norm overflows it.
begin;
select plan(18);

insert into zenglow.tenants (tenant_id) values ('staging-a');
create function pg_temp.load(p_body text, p_document text, p_order integer, p_embedding real[], p_twice boolean default false)
returns text language plpgsql as $$
-- Stages a good row and the given one (twice when p_twice) and loads them as a new batch: 'loaded', or the refusal's
-- SQLSTATE and message. A refused batch rolls back (this function's block is a subtransaction).
declare
    v_state text;
    v_message text;
begin
    perform zenglow_api.prepare_staging();
    insert into zg_staging values (1, 'good', 0, 's', 't', '{}', 'h', 'a good text', array_fill(0.1::real, array[384]));
    insert into zg_staging values (2, p_document, p_order, 's', 't', '{}', 'h', p_body, p_embedding);
    if p_twice then
        insert into zg_staging values (3, p_document, p_order, 's', 't', '{}', 'h', p_body, p_embedding);
    end if;
    perform zenglow_api.ingest_staged_batch('b-' || md5(clock_timestamp()::text), 's',
        'sha256:' || encode(sha256(convert_to(clock_timestamp()::text || p_body || coalesce(p_embedding::text, ''), 'UTF8')), 'hex'));
    return 'loaded';
exception when others then
    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
    return v_state || ' ' || v_message;
end
$$;
set local zenglow.tenant_id = 'staging-a';
set local role zenglow_ingest;
\ir support/staging_checks.sql
select is(pg_temp.load('text', 'd', 0, pg_temp.embedding(1e19)),
    'ZG008 staged row 2 (document ''d'', chunk 0): its embedding''s norm is not finite in single precision',
    'an embedding whose squared norm overflows single precision is refused (pgvector''s cosine would be NaN)');
select is(pg_temp.load('text', 'd', 0, array_fill(0::real, array[383]) || 1.8e19::real), 'loaded',
    'one whose squared norm still fits is loaded');
reset role;

select * from finish();
rollback;
