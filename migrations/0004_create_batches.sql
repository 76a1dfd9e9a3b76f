-- Ingest batches and their manifests: one row per batch, moved through its states by
-- zenglow.transition_batch; each change is announced on the zenglow_manifest channel.
set local role zenglow_owner;

create table zenglow.batches (
    tenant_id text not null references zenglow.tenants (tenant_id),
    batch_id bigint generated always as identity,
    batch_tag text not null
        constraint batches_batch_tag_format check (batch_tag ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$'),
    source text not null default '',
    state text not null default 'open'
        constraint batches_state_known check (state in ('open', 'loading', 'done', 'failed', 'healed')),
    reason text
        constraint batches_reason_known
        check (reason in ('success', 'failed', 'healed_partition', 'partition_missing', 'other_error')),
    accepted bigint not null default 0 constraint batches_accepted_nonnegative check (accepted >= 0),
    rejected bigint not null default 0 constraint batches_rejected_nonnegative check (rejected >= 0),
    by_source jsonb not null default '{}'::jsonb,
    content_hash text not null constraint batches_content_hash_format check (content_hash ~ '^sha256:[0-9a-f]{64}$'),
    pinned boolean not null default false,
    detail text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    loading_at timestamptz,
    finished_at timestamptz,
    expired_at timestamptz,
    primary key (tenant_id, batch_id),
    constraint batches_tag_once unique (tenant_id, batch_tag),
    -- A re-submitted batch is recognised by its content, whatever its tag.
    constraint batches_content_once unique (tenant_id, content_hash),
    constraint batches_terminal_has_reason check ((state in ('done', 'failed', 'healed')) = (reason is not null))
);

comment on table zenglow.batches is
    'Ingest batches and their manifests. States: open -> loading -> done | failed | healed (loaded after '
    'a missing partition was created); failed -> loading retries. pinned batches survive retention.';
