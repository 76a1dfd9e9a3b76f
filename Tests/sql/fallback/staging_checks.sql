-- zenglow.check_staged_chunks without pgvector (real[]): the same refusals as with pgvector,
-- while a large norm is fine, since zenglow.cosine_similarity works in double precision.
begin;
select plan(17);

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
\ir ../support/staging_checks.sql
select is(pg_temp.load('text', 'd', 0, pg_temp.embedding(1e19)), 'loaded',
    'a large norm loads: the exact scan computes cosines in double precision, where it is finite');
reset role;

select * from finish();
rollback;
