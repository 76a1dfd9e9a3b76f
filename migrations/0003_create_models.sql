-- The embedding model registry. /health/models reads it; the active model decides which vectors
-- retrieval reads and which dimension a batch's embeddings must have.
set local role zenglow_owner;

create table zenglow.models (
    model_name text primary key
        constraint models_model_name_format check (model_name ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$'),
    dimension integer not null
        constraint models_dimension_range check (dimension between 1 and 16000),
    quantization text not null default 'none'
        constraint models_quantization_known check (quantization in ('none', 'halfvec', 'binary', 'int8')),
    source text not null default '',
    source_hash text,
    loaded_at timestamptz not null default now(),
    active boolean not null default false,
    ltr_feature_schema_version integer not null default 1
);

-- At most one active model; zenglow.activate_model switches in one statement, so there is never
-- a moment with none.
create unique index models_one_active on zenglow.models (active) where active;

insert into zenglow.models (model_name, dimension, source, active)
values ('all-MiniLM-L6-v2', 384, 'sentence-transformers/all-MiniLM-L6-v2', true);
