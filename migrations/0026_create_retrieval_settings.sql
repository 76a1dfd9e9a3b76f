-- Retrieval settings: immutable, versioned rows per tenant, like fusion weights. They hold what
-- zenglow_api.rag_query uses when a call gives no option of its own (BM25 k1 and b, candidates per
-- branch, the lexical budget; a JSON object, so more can join without a migration), and the LTR
-- model version they were fitted with. A tenant's settings are its newest version, else the newest
-- _global one, else the built-in defaults (zenglow.retrieval_settings_defaults).
set local role zenglow_owner;

create sequence zenglow.retrieval_settings_version_seq as bigint;

create table zenglow.retrieval_settings (
    tenant_id text not null references zenglow.tenants (tenant_id),
    version bigint not null default nextval('zenglow.retrieval_settings_version_seq'),
    settings jsonb not null,
    ltr_version bigint references zenglow.ltr_models (version),
    reason text not null constraint retrieval_settings_reason_given check (btrim(reason) <> ''),
    actor text not null constraint retrieval_settings_actor_given check (btrim(actor) <> ''),
    issue_link text,
    created_at timestamptz not null default now(),
    primary key (tenant_id, version)
);

alter sequence zenglow.retrieval_settings_version_seq owned by zenglow.retrieval_settings.version;

comment on table zenglow.retrieval_settings is
    'Retrieval settings versions, never updated or deleted. settings: {"k1", "b", "candidates", "lexical_budget"}, '
    'complete and validated (zenglow.validate_retrieval_settings); ltr_version: the LTR model they were fitted with '
    '(null: set by hand). A tenant''s settings are its newest version, else the newest _global one, else the defaults.';
