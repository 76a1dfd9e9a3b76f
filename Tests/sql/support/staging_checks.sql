-- Staged rows that retrieval could not use refuse their batch with ZG008/ZG009 naming the row,
-- shared by staging_checks.sql (pgvector) and fallback/staging_checks.sql (real[]). 16 tests.
-- Needs pg_temp.load(…) from the including file's setup; runs as zenglow_ingest under tenant
-- staging-a.
create function pg_temp.embedding(p_value real, p_dimension integer default 384) returns real[] language sql immutable as $$
    select array_fill(p_value, array[p_dimension])
$$;
select is(pg_temp.load('fine text', 'd', 0, pg_temp.embedding(0.1)), 'loaded', 'a good row loads');
select is(pg_temp.load('fine text', 'd', 0, null), 'loaded', 'a row without an embedding loads (it is embedded later or found lexically only)');
select is(pg_temp.load('text', 'd', 0, pg_temp.embedding(0)),
    'ZG008 staged row 2 (document ''d'', chunk 0): its embedding has zero length', 'a zero embedding is refused (ZG008), naming its row');
select is(pg_temp.load('text', 'd', 0, pg_temp.embedding(-0.0)),
    'ZG008 staged row 2 (document ''d'', chunk 0): its embedding has zero length', 'negative zeros are zero length too');
select is(pg_temp.load('text', 'd', 0, array_fill(0::real, array[383]) || 1e-40::real), 'loaded',
    'one tiny component is a direction (not zero length)');
select is(pg_temp.load('text', 'd', 0, pg_temp.embedding(0.1, 3)),
    'ZG008 staged row 2 (document ''d'', chunk 0): its embedding has 3 dimensions; model all-MiniLM-L6-v2 has 384',
    'an embedding of the wrong dimension is refused (ZG008)');
select is(pg_temp.load('text', 'd', 0, array_fill(0.1::real, array[192, 2])),
    'ZG008 staged row 2 (document ''d'', chunk 0): its embedding is not a one-dimensional array', 'a two-dimensional array is refused');
select is(pg_temp.load('text', 'd', 0, pg_temp.embedding(0.1, 383) || 'NaN'::real),
    'ZG008 staged row 2 (document ''d'', chunk 0): its embedding holds NaN or infinite values', 'NaN is refused');
select is(pg_temp.load('text', 'd', 0, 'Infinity'::real || pg_temp.embedding(0.1, 383)),
    'ZG008 staged row 2 (document ''d'', chunk 0): its embedding holds NaN or infinite values', 'an infinity is refused');
select is(pg_temp.load('text', 'd', 0, pg_temp.embedding(0.1, 383) || null::real),
    'ZG008 staged row 2 (document ''d'', chunk 0): its embedding holds a null value', 'a null component is refused');
select is(pg_temp.load('', 'd', 0, pg_temp.embedding(0.1)),
    'ZG009 staged row 2 (document ''d'', chunk 0): its text is empty', 'an empty text is refused (ZG009), not a check violation');
select is(pg_temp.load('text', '', 0, pg_temp.embedding(0.1)),
    'ZG009 staged row 2 (document '''', chunk 0): its document id must have 1 to 512 characters', 'an empty document id is refused');
select is(pg_temp.load('text', repeat('d', 513), 0, pg_temp.embedding(0.1)),
    format('ZG009 staged row 2 (document %L, chunk 0): its document id must have 1 to 512 characters', repeat('d', 80)),
    'a document id over 512 characters is refused');
select is(pg_temp.load('text', 'd', -1, pg_temp.embedding(0.1)),
    'ZG009 staged row 2 (document ''d'', chunk -1): its chunk order is negative', 'a negative chunk order is refused');
select is(pg_temp.load('text', 'd', 0, pg_temp.embedding(0.1), true),
    'ZG009 staged row 3 (document ''d'', chunk 0): it repeats row 2', 'a chunk staged twice is refused (ZG009), not a unique violation');
select is((select count(*) from zenglow.batches where tenant_id = 'staging-a'), 3::bigint,
    'refused batches leave nothing behind (only the three loaded batches exist)');
