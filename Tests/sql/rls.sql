-- Row-level security matrix: for every tenant table, tenant B cannot see, update, delete or
-- insert tenant A's rows; A sees its own; an unset or empty tenant sees nothing. Run as
-- zenglow_owner (which has every table privilege, and is subject to RLS because it is FORCED)
-- and as the app and ingest roles on what they are granted.
begin;
select plan(97);

\o /dev/null
insert into zenglow.tenants (tenant_id) values ('rls-a'), ('rls-b');
insert into zenglow.batches (tenant_id, batch_tag, content_hash)
select t, 'batch-' || t, 'sha256:' || encode(sha256(convert_to(t, 'UTF8')), 'hex') from unnest(array['rls-a', 'rls-b']) t;
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model)
select b.tenant_id, 'doc-1', 'h', b.batch_id, b.batch_tag, 'text of ' || b.tenant_id, 'all-MiniLM-L6-v2'
from zenglow.batches b where b.tenant_id in ('rls-a', 'rls-b');
insert into zenglow.fusion_weights (tenant_id, weights, reason, actor)
select t, '{"ltr": 1, "vector": 1}', 'fixture', 'test' from unnest(array['rls-a', 'rls-b']) t;
insert into zenglow.api_keys (tenant_id, prefix, secret_sha256, scopes)
select t, 'zg_' || replace(t, '-', '') || 'key0', sha256('secret'::bytea), '{query}' from unnest(array['rls-a', 'rls-b']) t;
insert into zenglow.query_performance (tenant_id, endpoint, status, total_ms)
select t, '/rag/query', 200, 1.5 from unnest(array['rls-a', 'rls-b']) t;
select zenglow_audit.append_for(t, 'test', 'fixture', '', '{}') from unnest(array['rls-a', 'rls-b']) t;
insert into zenglow.term_stats select t, 'all-MiniLM-L6-v2', 'term', 1 from unnest(array['rls-a', 'rls-b']) t;
insert into zenglow.corpus_stats select t, 'all-MiniLM-L6-v2', 1, 3 from unnest(array['rls-a', 'rls-b']) t;
insert into zenglow.source_priors select t, 'pubmed', 0.5 from unnest(array['rls-a', 'rls-b']) t;
-- The writes above advanced both tenants' corpus epochs already (a superuser's writes advance every tenant).
insert into zenglow.corpus_epochs (tenant_id) select t from unnest(array['rls-a', 'rls-b']) t on conflict do nothing;
insert into zenglow.retrieval_settings (tenant_id, settings, reason, actor)
select t, '{}', 'fixture', 'test' from unnest(array['rls-a', 'rls-b']) t;
insert into zenglow.term_champion_settings (tenant_id, embedding_model, avgdl)
select t, 'all-MiniLM-L6-v2', 3 from unnest(array['rls-a', 'rls-b']) t;
insert into zenglow.term_champions (tenant_id, embedding_model, term, w, chunk_id, ingested_at)
select t, 'all-MiniLM-L6-v2', 'term', 1, 1, now() from unnest(array['rls-a', 'rls-b']) t;
insert into zenglow.term_champion_lists (tenant_id, embedding_model, term, length)
select t, 'all-MiniLM-L6-v2', 'term', 1 from unnest(array['rls-a', 'rls-b']) t;
\o

-- Every tenant table of the catalog is in this list, so a new one cannot escape the matrix.
create temporary table tenant_tables (name text primary key, insert_sql text not null);
insert into tenant_tables values
    ('zenglow.tenants', 'insert into zenglow.tenants (tenant_id) values (%L)'),
    ('zenglow.batches', 'insert into zenglow.batches (tenant_id, batch_tag, content_hash) values (%L, ''x'', ''sha256:' || repeat('0', 64) || ''')'),
    ('zenglow.chunks', 'insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model) values (%L, ''d'', ''h'', 1, ''x'', ''b'', ''all-MiniLM-L6-v2'')'),
    ('zenglow.fusion_weights', 'insert into zenglow.fusion_weights (tenant_id, weights, reason, actor) values (%L, ''{"ltr": 1, "vector": 1}'', ''r'', ''a'')'),
    ('zenglow.api_keys', 'insert into zenglow.api_keys (tenant_id, prefix, secret_sha256, scopes) values (%L, ''zg_abcdefgh'', sha256(''s''::bytea), ''{query}'')'),
    ('zenglow.query_performance', 'insert into zenglow.query_performance (tenant_id, endpoint, status, total_ms) values (%L, ''/x'', 200, 1)'),
    ('zenglow_audit.events', 'insert into zenglow_audit.events (tenant_id, seq, actor, action, prev_hash, hash) values (%L, 99, ''a'', ''b'', ''\x00'', ''\x00'')'),
    ('zenglow_audit.chain_heads', 'insert into zenglow_audit.chain_heads (tenant_id, seq, hash) values (%L, 99, ''\x00'')'),
    ('zenglow.term_stats', 'insert into zenglow.term_stats values (%L, ''m'', ''t'', 1)'),
    ('zenglow.corpus_stats', 'insert into zenglow.corpus_stats values (%L, ''m'', 1, 1)'),
    ('zenglow.source_priors', 'insert into zenglow.source_priors values (%L, ''s'', 0.1)'),
    ('zenglow.corpus_epochs', 'insert into zenglow.corpus_epochs (tenant_id) values (%L)'),
    ('zenglow.retrieval_settings', 'insert into zenglow.retrieval_settings (tenant_id, settings, reason, actor) values (%L, ''{}'', ''r'', ''a'')'),
    ('zenglow.term_champion_settings', 'insert into zenglow.term_champion_settings (tenant_id, embedding_model, avgdl) values (%L, ''m'', 1)'),
    ('zenglow.term_champions', 'insert into zenglow.term_champions (tenant_id, embedding_model, term, w, chunk_id, ingested_at) values (%L, ''m'', ''t'', 1, 1, now())'),
    ('zenglow.term_champion_lists', 'insert into zenglow.term_champion_lists (tenant_id, embedding_model, term, length) values (%L, ''m'', ''t'', 1)');
grant select on tenant_tables to public;

select set_eq(
    $$select n.nspname || '.' || c.relname
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where n.nspname like 'zenglow%' and n.nspname <> 'zenglow_migrations'
        and c.relkind in ('r', 'p') and not c.relispartition
        -- The analysts' rollups: no tenant role may read or write them at all (query_rollups.sql
        -- proves it), so there is no per-tenant visibility to check here.
        and c.relname not in ('query_rollup_5m', 'query_rollup_1h', 'query_rollup_1d')$$,
    $$select name from tenant_tables$$,
    'the matrix covers every tenant table of the catalog');

create function pg_temp.count_as(p_role text, p_tenant text, p_sql text) returns bigint
language plpgsql as $$
declare v_count bigint;
begin
    execute format('set local role %I', p_role);
    perform set_config('zenglow.tenant_id', coalesce(p_tenant, ''), true);
    execute p_sql into v_count;
    reset role;
    perform set_config('zenglow.tenant_id', '', true);
    return v_count;
end $$;

create function pg_temp.error_as(p_role text, p_tenant text, p_sql text) returns text
language plpgsql as $$
begin
    execute format('set local role %I', p_role);
    perform set_config('zenglow.tenant_id', coalesce(p_tenant, ''), true);
    begin
        execute p_sql;
    exception when others then
        reset role;
        return sqlstate;
    end;
    reset role;
    return 'no error';
end $$;

create function pg_temp.matrix(p_role text) returns setof text
language plpgsql as $$
declare
    t record;
begin
    for t in select * from tenant_tables order by name loop
        return next is(pg_temp.count_as(p_role, 'rls-b', format('select count(*) from %s where tenant_id = ''rls-a''', t.name)),
            0::bigint, format('%s: %s as tenant B sees none of A''s rows', t.name, p_role));
        return next is(pg_temp.count_as(p_role, 'rls-a', format('select count(*) from %s where tenant_id = ''rls-a''', t.name)),
            1::bigint,
            format('%s: %s as tenant A sees its own row', t.name, p_role));
        if p_role = 'zenglow_owner' then
            return next is(pg_temp.count_as(p_role, 'rls-b',
                    format('with changed as (update %s set tenant_id = tenant_id where tenant_id = ''rls-a'' returning 1) select count(*) from changed', t.name)),
                0::bigint, format('%s: UPDATE of A''s rows as tenant B returns nothing', t.name));
            return next is(pg_temp.count_as(p_role, 'rls-b',
                    format('with gone as (delete from %s where tenant_id = ''rls-a'' returning 1) select count(*) from gone', t.name)),
                0::bigint, format('%s: DELETE of A''s rows as tenant B returns nothing', t.name));
            return next is(pg_temp.error_as(p_role, 'rls-b', format(t.insert_sql, 'rls-a')),
                '42501', format('%s: INSERT with A''s tenant as tenant B is refused by row-level security', t.name));
        end if;
    end loop;
end $$;

select * from pg_temp.matrix('zenglow_owner');

-- The API and ingest roles, on the tables they may read.
select is(pg_temp.count_as(r, 'rls-b', 'select count(*) from zenglow.chunks where tenant_id = ''rls-a'''), 0::bigint,
    r || ' as tenant B sees none of A''s chunks') from unnest(array['zenglow_app', 'zenglow_ingest']) r;
select is(pg_temp.count_as(r, 'rls-a', 'select count(*) from zenglow.chunks'), 1::bigint,
    r || ' as tenant A sees exactly its own chunk') from unnest(array['zenglow_app', 'zenglow_ingest']) r;
select is(pg_temp.error_as('zenglow_ingest', 'rls-b',
        'insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model) values (''rls-a'', ''d'', ''h'', 1, ''x'', ''b'', ''all-MiniLM-L6-v2'')'),
    '42501', 'zenglow_ingest as tenant B cannot insert a chunk for A');
select is(pg_temp.count_as('zenglow_app', 'rls-b', 'select count(*) from zenglow.fusion_weights where tenant_id = ''rls-a'''), 0::bigint,
    'zenglow_app as tenant B sees none of A''s weights');
select is(pg_temp.count_as('zenglow_app', 'rls-b', 'select count(*) from zenglow.doc_embeddings'), 1::bigint,
    'the doc_embeddings view (security_invoker) shows tenant B only its own chunk');

-- Fail closed: no tenant, an empty one, an unknown one, the reserved _global.
select is(pg_temp.count_as('zenglow_app', t, 'select count(*) from zenglow.chunks'), 0::bigint,
    format('tenant %s sees no chunks', coalesce(quote_literal(t), 'unset')))
from unnest(array[null, '', 'no-such-tenant', '_global']) t;
select is(pg_temp.error_as('zenglow_ingest', t,
        'insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model) values (''rls-a'', ''d'', ''h'', 1, ''x'', ''b'', ''all-MiniLM-L6-v2'')'),
    '42501', format('tenant %s cannot write', coalesce(quote_literal(t), 'unset')))
from unnest(array[null, '', 'no-such-tenant']) t;

-- Analysts read every tenant's timings through zenglow_stats, and nothing else.
select is(pg_temp.count_as('zenglow_analyst', null, 'select count(*) from zenglow_stats.query_performance where tenant_id like ''rls-%'''),
    2::bigint, 'zenglow_analyst reads both tenants'' timings through zenglow_stats');
select is(pg_temp.error_as('zenglow_analyst', null, 'select count(*) from zenglow.chunks'), '42501',
    'zenglow_analyst cannot read chunks');

select * from finish();
rollback;
