-- Learning-to-rank models: linear coefficients over a versioned feature schema. The newest
-- version is active; `zenglow ltr fit` adds versions.
set local role zenglow_owner;

create table zenglow.ltr_models (
    version bigint generated always as identity primary key,
    feature_schema_version integer not null,
    coefficients jsonb not null constraint ltr_models_coefficients_object check (jsonb_typeof(coefficients) = 'object'),
    intercept double precision not null default 0,
    trained_on text not null default '',
    metrics jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default now()
);

-- Feature schema 1: bm25 (normalised by the best candidate), cosine, title_match, recency,
-- source_prior, chunk_length. The default leans on BM25 and gives the rest small nudges.
insert into zenglow.ltr_models (feature_schema_version, coefficients, trained_on)
values (1, '{"bm25": 1.0, "cosine": 0.0, "title_match": 0.1, "recency": 0.0, "source_prior": 0.0, "chunk_length": 0.0}',
    'default (untrained)');

-- A tenant may give sources a prior in [0, 1] (an LTR feature); unknown sources count 0.
create table zenglow.source_priors (
    tenant_id text not null references zenglow.tenants (tenant_id),
    source text not null,
    prior double precision not null constraint source_priors_prior_range check (prior between 0 and 1),
    primary key (tenant_id, source)
);

comment on table zenglow.ltr_models is
    'Linear learning-to-rank models: coefficients per feature of feature_schema_version; the newest version is active.';
