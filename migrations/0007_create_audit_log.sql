-- The append-only audit log: each row's hash covers its content and the previous row's hash of
-- the same tenant, so an edit, a deletion or a reordering breaks the chain where it happened.
set local role zenglow_owner;

create table zenglow_audit.events (
    tenant_id text not null references zenglow.tenants (tenant_id),
    seq bigint not null constraint events_seq_positive check (seq > 0),
    occurred_at timestamptz not null default clock_timestamp(),
    actor text not null,
    action text not null,
    subject text not null default '',
    details jsonb not null default '{}'::jsonb,
    prev_hash bytea not null,
    hash bytea not null,
    primary key (tenant_id, seq)
);

-- The newest link of each tenant's chain: appends serialise on this row, and a deleted tail is
-- still noticed.
create table zenglow_audit.chain_heads (
    tenant_id text primary key references zenglow.tenants (tenant_id),
    seq bigint not null,
    hash bytea not null
);

comment on table zenglow_audit.events is
    'Append-only audit log, hash-chained per tenant. Insert through zenglow_audit.append only; '
    'check with zenglow_audit.verify_chain(tenant).';
