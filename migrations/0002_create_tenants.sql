-- Tenants: every tenant-owned row names one of these.
set local role zenglow_owner;

create table zenglow.tenants (
    tenant_id text primary key
        constraint tenants_tenant_id_format
        check (tenant_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$' or tenant_id = '_global'),
    display_name text not null default '',
    active boolean not null default true,
    created_at timestamptz not null default now()
);

comment on table zenglow.tenants is
    'Tenants: lowercase letters, digits, _ and -, at most 63 characters. An inactive tenant sees nothing. '
    '_global is reserved for defaults (fusion weights) and can never be a session''s tenant.';

insert into zenglow.tenants (tenant_id, display_name) values ('_global', 'global defaults');
