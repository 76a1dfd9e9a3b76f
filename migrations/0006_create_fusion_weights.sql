-- Fusion weights: immutable, versioned rows. A tenant's active version is its newest one, or the
-- newest global ('_global') version when it has none of its own, so there is always exactly one.
set local role zenglow_owner;

create sequence zenglow.fusion_weights_version_seq as bigint;

create table zenglow.fusion_weights (
    tenant_id text not null references zenglow.tenants (tenant_id),
    version bigint not null default nextval('zenglow.fusion_weights_version_seq'),
    weights jsonb not null,
    reason text not null constraint fusion_weights_reason_given check (btrim(reason) <> ''),
    actor text not null constraint fusion_weights_actor_given check (btrim(actor) <> ''),
    issue_link text,
    created_at timestamptz not null default now(),
    primary key (tenant_id, version)
);

alter sequence zenglow.fusion_weights_version_seq owned by zenglow.fusion_weights.version;

comment on table zenglow.fusion_weights is
    'Fusion weight versions, never updated or deleted. weights: {"ltr": w, "vector": w}, finite, '
    'non-negative, sum > 0. The active version of a tenant is its newest, else the newest _global one.';

-- The global default every tenant starts from: lexical (LTR) and vector evidence weighed equally.
insert into zenglow.fusion_weights (tenant_id, weights, reason, actor)
values ('_global', '{"ltr": 0.5, "vector": 0.5}', 'initial default', 'zenglow migrate');
