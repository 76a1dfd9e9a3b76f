-- Champion lists (zenglow.term_champions), shared by term_champions.sql and
-- fallback/term_champions.sql inside their transaction: a full build, loads, replacements and
-- retention each leave lists equal to a brute-force recount of the chunks; another tenant's lists
-- stay invisible; and rag_query on a query of only common terms, answered from the lists, gives
-- the top-10 of exact BM25 over every match. The corpus: chunks of eight words with counts that
-- vary from chunk to chunk, so every word is common at min_df 3 and the lists have real orders.
update zenglow.maintenance_settings set chunk_partition_unit = 'month', chunk_retention = null;
insert into zenglow.tenants (tenant_id) values ('champions-a'), ('champions-b');
\o /dev/null
select zenglow.ensure_chunk_partition(now() - interval '3 years', 'scheduled');
select zenglow.ensure_chunk_partition(now(), 'scheduled');
\o

create function pg_temp.body(p_i integer, p_salt integer default 0) returns text
language sql immutable as $$
    select string_agg(x.w, ' ')
    from (select v.w from unnest(array['alpha', 'beta', 'gamma', 'delta', 'kappa', 'sigma', 'omega', 'theta'])
              with ordinality v (w, k),
          lateral generate_series(1, ((p_i * (v.k + 2) + v.k * v.k + p_salt) % 4)::integer) g
          union all
          select 'zeta' from generate_series(0, p_i % 5)) x
$$;
create function pg_temp.embedding(p_i integer) returns real[]
language sql immutable as $$
    select array_agg(case when g = p_i % 384 + 1 then 1.0 else 0.01 end::real order by g) from generate_series(1, 384) g
$$;
-- Stages chunks p_from..p_to (documents doc-<i>) as one batch of the current tenant.
create function pg_temp.load(p_tag text, p_from integer, p_to integer, p_salt integer default 0, p_extra text default '')
returns jsonb language plpgsql as $$
begin
    perform zenglow_api.prepare_staging();
    insert into zg_staging (row_number, document_id, chunk_order, source, title, metadata, content_hash, body, embedding)
    select i, 'doc-' || i, 0, 'fixture', 'Chunk ' || i, '{}', 'h' || i || '-' || p_salt,
        pg_temp.body(i, p_salt) || case when i % 5 = 0 then p_extra else '' end, pg_temp.embedding(i)
    from generate_series(p_from, p_to) i;
    return zenglow_api.ingest_staged_batch(p_tag, 'fixture', 'sha256:' || md5(p_tag) || md5(p_tag));
end
$$;
-- What differs between a tenant's lists and a brute-force recount of its chunks under its
-- settings: a list exactly for each term with df above min_df, at most list_size and at least
-- min(df, depth) long, holding the top of the term's postings by (w desc, chunk_id), with the
-- chunks' own ingested_at and weights, and its length recorded in term_champion_lists.
create function pg_temp.champion_problems(p_tenant text) returns setof text
language sql as $$
    with s as (select * from zenglow.term_champion_settings where tenant_id = p_tenant),
    postings as (
        select u.lexeme as term, c.chunk_id, c.ingested_at,
            cardinality(u.positions) * (s.k1 + 1)
                / (cardinality(u.positions) + s.k1 * (1 - s.b + s.b * c.token_count / s.avgdl)) as w
        from s join zenglow.chunks c on c.tenant_id = s.tenant_id and c.embedding_model = s.embedding_model,
            unnest(c.tsv) u),
    df as (select term, count(*) as df from postings group by term),
    ranked as (select p.*, row_number() over (partition by p.term order by p.w desc, p.chunk_id) as rank from postings p),
    kept as (select term, count(*) as n from zenglow.term_champions where tenant_id = p_tenant group by term),
    lists as (select * from zenglow.term_champions where tenant_id = p_tenant)
    select format('term %s: df %s, list of %s', coalesce(d.term, k.term), coalesce(d.df, 0), coalesce(k.n, 0))
    from df d full join kept k on k.term = d.term cross join s
    where (coalesce(d.df, 0) > s.min_df) <> (k.n is not null) or k.n > s.list_size or k.n < least(d.df, s.depth)
    union all
    select format('term %s: chunk %s %s', coalesce(r.term, l.term), coalesce(r.chunk_id, l.chunk_id),
        case when r.chunk_id is null then 'listed but not in the top' when l.chunk_id is null then 'in the top but not listed'
             else 'listed with another weight or ingested_at' end)
    from (select r.* from ranked r join kept k on k.term = r.term where r.rank <= k.n) r
    full join lists l on l.term = r.term and l.chunk_id = r.chunk_id
    where r.chunk_id is null or l.chunk_id is null or abs(l.w - r.w) > 1e-12 or l.ingested_at <> r.ingested_at
    union all
    select format('term %s: length %s recorded, %s listed', coalesce(k.term, n.term), n.length, k.n)
    from kept k full join (select * from zenglow.term_champion_lists where tenant_id = p_tenant) n on n.term = k.term
    where k.n is distinct from n.length
$$;

-- An install from before the lists: 30 chunks three years old, with the statistics a loader kept.
insert into zenglow.batches (tenant_id, batch_tag, content_hash) values ('champions-a', 'old', 'sha256:' || repeat('0', 64));
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, title, body, embedding_model, ingested_at)
select 'champions-a', 'doc-' || i, 'h' || i, b.batch_id, 'old', 'Chunk ' || i, pg_temp.body(i), 'all-MiniLM-L6-v2',
    now() - interval '3 years'
from generate_series(0, 29) i, zenglow.batches b where b.tenant_id = 'champions-a' and b.batch_tag = 'old';
insert into zenglow.term_stats
select tenant_id, embedding_model, u.lexeme, count(*) from zenglow.chunks c, unnest(c.tsv) u where tenant_id = 'champions-a' group by 1, 2, 3;
insert into zenglow.corpus_stats
select tenant_id, embedding_model, count(*), sum(token_count) from zenglow.chunks where tenant_id = 'champions-a' group by 1, 2;

select is((select count(*) from zenglow.term_champion_settings where tenant_id = 'champions-a'), 0::bigint,
    'chunks from before the lists have none until a full build');
select results_eq($$select tenant_id, reason from zenglow.maintenance_term_champions()$$,
    $$values ('champions-a'::text, 'missing'::text)$$, 'maintenance builds the lists of a corpus that has none');
-- Short lists (5, refilled below 3) so that loads trim them and replacements refill them.
select cmp_ok(zenglow.rebuild_term_champions('champions-a', 'all-MiniLM-L6-v2', 3, 5, 3), '>', 0::bigint,
    'a full build with min_df 3, list_size 5, depth 3 writes lists');
select is_empty($$select * from pg_temp.champion_problems('champions-a')$$, 'after a full build the lists equal a recount');
select is_empty($$select * from zenglow.maintenance_term_champions()$$, 'maintenance leaves lists of an unchanged corpus alone');

set local role zenglow_ingest;
set local zenglow.tenant_id = 'champions-a';
\o /dev/null
select pg_temp.load('new', 30, 49, 0, ' novel');
\o
reset role;
select is_empty($$select * from pg_temp.champion_problems('champions-a')$$, 'after a load the lists equal a recount');
select is((select count(*) from zenglow.term_champions where tenant_id = 'champions-a' and term = 'novel'), 4::bigint,
    'a term that became common with the load got its list');

-- The same documents again, with other text: the old chunks leave the lists, shallow lists refill.
set local role zenglow_ingest;
set local zenglow.tenant_id = 'champions-a';
\o /dev/null
select pg_temp.load('replacement', 0, 14, 1);
select pg_temp.load('replacement-2', 30, 39, 2);
\o
reset role;
select is_empty($$select * from pg_temp.champion_problems('champions-a')$$,
    'after documents are replaced the lists equal a recount');
select is((select count(*) from zenglow.term_champions where tenant_id = 'champions-a' and term = 'novel'), 0::bigint,
    'a term no longer common lost its list');

update zenglow.maintenance_settings set chunk_retention = interval '1 year';
\o /dev/null
select zenglow.maintenance_retire_chunks();
\o
select is((select count(*) from zenglow.chunks where tenant_id = 'champions-a' and ingested_at < now() - interval '1 year'),
    0::bigint, 'retention removed the old chunks');
select is_empty($$select * from pg_temp.champion_problems('champions-a')$$, 'after retention the lists equal a recount');

-- A bulk load defers the upkeep: the lists go out of use until maintenance builds them once.
set local role zenglow_ingest;
set local zenglow.tenant_id = 'champions-a';
set local zenglow.defer_champions = 'on';
\o /dev/null
select pg_temp.load('bulk', 50, 69);
\o
set local zenglow.defer_champions = '';
reset role;
select is((select count(*) from zenglow.term_champion_settings where tenant_id = 'champions-a'), 0::bigint,
    'a load with zenglow.defer_champions on takes the tenant''s lists out of use');
select results_eq($$select tenant_id, reason from zenglow.maintenance_term_champions()$$,
    $$values ('champions-a'::text, 'missing'::text)$$, 'maintenance builds them again');
update zenglow.term_champion_settings set min_df = 3, list_size = 5, depth = 3 where tenant_id = 'champions-a';
select cmp_ok(zenglow.rebuild_term_champions('champions-a', 'all-MiniLM-L6-v2'), '>', 0::bigint,
    'a full build keeps the settings it is not given');
select is_empty($$select * from pg_temp.champion_problems('champions-a')$$, 'after the deferred load and the build the lists equal a recount');

-- Tenant b: its first load starts its lists with the defaults (min_df 5000: none for six chunks).
set local role zenglow_ingest;
set local zenglow.tenant_id = 'champions-b';
\o /dev/null
select pg_temp.load('b', 100, 105);
\o
reset role;
select results_eq($$select min_df, list_size, depth, k1, b from zenglow.term_champion_settings where tenant_id = 'champions-b'$$,
    $$values (5000::bigint, 2000, 1000, 1.2::double precision, 0.75::double precision)$$,
    'a corpus''s first load starts its lists with the defaults');
select cmp_ok(zenglow.rebuild_term_champions('champions-b', 'all-MiniLM-L6-v2', 1), '>', 0::bigint,
    'tenant b gets lists of its own');

select is((select count(*) from pg_class where relrowsecurity and relforcerowsecurity
           and oid in ('zenglow.term_champions'::regclass, 'zenglow.term_champion_settings'::regclass,
                       'zenglow.term_champion_lists'::regclass)), 3::bigint,
    'row-level security is enabled and forced on the lists, their lengths and their settings');
set local role zenglow_app;
set local zenglow.tenant_id = 'champions-a';
select is((select count(*) from zenglow.term_champions where tenant_id <> 'champions-a'), 0::bigint,
    'a tenant sees no other tenant''s lists');
select is((select count(*) from zenglow.term_champion_settings), 1::bigint, 'nor their settings');
set local zenglow.tenant_id = '';
select is((select count(*) from zenglow.term_champions), 0::bigint, 'without a tenant no list is visible');
reset role;
set local role zenglow_ingest;
set local zenglow.tenant_id = 'champions-a';
select throws_ok($$insert into zenglow.term_champions values ('champions-b', 'all-MiniLM-L6-v2', 'alpha', 1, 1, now())$$,
    '42501', null, 'a loader cannot write another tenant''s list');
reset role;

-- Long lists (every posting), a budget of 3: every query term is common, and the lists answer.
select cmp_ok(zenglow.rebuild_term_champions('champions-a', 'all-MiniLM-L6-v2', 3, 1000, 1000), '>', 0::bigint,
    'a full build with long lists');
set local role zenglow_app;
set local zenglow.tenant_id = 'champions-a';
create temporary table answers as
select q.query, budget,
    zenglow_api.rag_query(q.query, null, 10, '{}', true, 'bm25', jsonb_build_object('lexical_budget', budget)) as answer
from (values ('alpha beta'), ('gamma omega theta'), ('sigma'), ('kappa delta alpha zeta')) q (query),
    (values (3), (1000000)) b (budget);
select is((select count(*) from answers where budget = 3 and jsonb_array_length(answer -> 'explain' -> 'champion_terms') > 0),
    4::bigint, 'with a budget of 3 each query is answered from the champion lists');
select is((select count(*) from answers where budget = 1000000 and jsonb_array_length(answer -> 'explain' -> 'champion_terms') = 0),
    4::bigint, 'with a budget above every df none is');
select is_empty($$
    select a.query from answers a join answers e on e.query = a.query and e.budget = 1000000
    where a.budget = 3
      and (select array_agg(r ->> 'chunk_id' order by o) from jsonb_array_elements(a.answer -> 'results') with ordinality x (r, o))
          is distinct from (select array_agg(r ->> 'chunk_id' order by o) from jsonb_array_elements(e.answer -> 'results') with ordinality x (r, o))
      or jsonb_array_length(a.answer -> 'results') <> 10$$,
    'the lists give the same top-10 as exact BM25 over every match');
reset role;
